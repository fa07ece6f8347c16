"""Reading user layers within limits, and writing sets of files as a whole."""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import collection

import borders
from borders.cli import main

CONSOLE_SCRIPT = Path(sys.executable).with_name("borders")


def validate_in_a_subprocess(path, *, env=None, memory_bytes=None, timeout=60):
    """Run `borders validate PATH`, with an address-space limit, so that a hang or a runaway read fails the test."""

    def limit():
        if memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return subprocess.run([str(CONSOLE_SCRIPT), "validate", str(path)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, preexec_fn=limit)


# --- resources: limits, and nothing but regular files --------------------------------------

def test_a_named_pipe_is_refused_at_once(tmp_path):
    fifo = tmp_path / "layer.geojson"
    os.mkfifo(fifo)
    done = validate_in_a_subprocess(fifo, timeout=30)  # before: waited for a writer for ever
    assert done.returncode == 2
    assert done.stderr.strip() == (f"borders validate: error: {fifo}: is not a regular file (a device, pipe or "
                                   "socket); save the layer to a file and give its path")


def test_dev_zero_is_refused_without_reading_it():
    done = validate_in_a_subprocess("/dev/zero", memory_bytes=2 << 30)  # before: read until memory ran out
    assert done.returncode == 2
    assert "/dev/zero: is not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_a_huge_file_is_refused_after_reading_no_more_than_the_limit(tmp_path):
    big = tmp_path / "big.geojson"
    with open(big, "wb") as fh:
        fh.truncate(3 << 30)  # 3 GiB, sparse: costs no disk
    done = validate_in_a_subprocess(big, memory_bytes=2 << 30)
    assert done.returncode == 2, done.stderr[-500:]
    line = done.stderr.strip()
    assert line == (f"borders validate: error: {big}: is 3,221,225,472 bytes; the limit for your own layers is "
                    "20,000,000 bytes; raise it with the environment variable BORDERS_MAX_LAYER_BYTES=100000000 "
                    "(in Python: max_bytes=100000000)")


def test_the_byte_limit_can_be_raised_or_lowered(tmp_path, write_layer, feature, capsys, monkeypatch):
    path = write_layer(collection(feature))
    size = path.stat().st_size
    monkeypatch.setenv("BORDERS_MAX_LAYER_BYTES", str(size - 1))
    assert main(["validate", str(path)]) == 2
    assert f"the limit for your own layers is {size - 1:,} bytes" in capsys.readouterr().err
    monkeypatch.setenv("BORDERS_MAX_LAYER_BYTES", str(size))
    assert main(["validate", str(path)]) == 0
    monkeypatch.delenv("BORDERS_MAX_LAYER_BYTES")
    with pytest.raises(borders.LayerValidationError, match="max_bytes=50"):
        borders.read_layer(path, max_bytes=10)


def test_the_feature_limit_names_itself_and_how_to_raise_it(tmp_path, write_layer, feature, capsys, monkeypatch):
    second = json.loads(json.dumps(feature))
    second["properties"]["id"] = "my-line-2"
    path = write_layer(collection(feature, second))
    monkeypatch.setenv("BORDERS_MAX_LAYER_FEATURES", "1")
    assert main(["compare", "--layer", str(path), "--table", "areas"]) == 2
    err = capsys.readouterr().err
    assert err == (f"borders compare: error: {path}: has 2 features; the limit for your own layers is 1 features; "
                   "raise it with the environment variable BORDERS_MAX_LAYER_FEATURES=5 (in Python: "
                   "max_features=5)\n")
    monkeypatch.delenv("BORDERS_MAX_LAYER_FEATURES")
    with pytest.raises(borders.LayerValidationError, match="has 2 features"):
        borders.read_layer(path, max_features=1)
    assert len(borders.read_layer(path)) == 2


def test_a_bad_limit_in_the_environment_is_one_line(write_layer, feature, capsys, monkeypatch):
    monkeypatch.setenv("BORDERS_MAX_LAYER_FEATURES", "lots")
    assert main(["validate", str(write_layer(collection(feature)))]) == 2
    assert capsys.readouterr().err == ("borders validate: error: environment variable BORDERS_MAX_LAYER_FEATURES: "
                                       "expected a positive whole number of features, e.g. "
                                       "BORDERS_MAX_LAYER_FEATURES=25000, got 'lots'\n")
