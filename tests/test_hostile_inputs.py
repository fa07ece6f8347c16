"""The hostile-input sweep of issue 13, rerun: scripts/hostile_inputs.py (its fast subset here)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "hostile_inputs.py"


def harness():
    spec = importlib.util.spec_from_file_location("hostile_inputs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_inputs"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_quick_sweep_passes():
    # every case: exit 2 (or 0 where valid), one line on stderr and no traceback, nothing left or changed;
    # the full sweep (`python scripts/hostile_inputs.py`, some 150 cases) takes minutes
    quick = harness().select(quick=True)
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert done.stdout.splitlines()[-1] == f"{len(quick)} of {len(quick)} cases pass"
    assert len(quick) >= 20 and len(harness().CASES) >= 90


def test_the_harness_sees_each_broken_promise(tmp_path):
    hi = harness()
    bad = hi.Case("bad layer", ["validate", "x"], status=2, says=("field 'id'",))
    good = hi.Case("valid layer", ["validate", "x"], status=0, makes=("out.csv",))
    before = {"x": ("file", "1"), "mine.txt": ("file", "2")}

    def result(case, status=2, err="borders validate: error: x: feature 'a': field 'id': missing\n", after=None):
        return hi.Result(case, status, "", err, before, dict(before) if after is None else after, 0.1)

    assert hi.problems(result(bad)) == []
    assert hi.problems(result(bad, status=1)) == ["exit 1"]
    assert hi.problems(result(bad, status=None)) == ["hung: no answer in 120 s"]
    assert "a traceback" in hi.problems(result(bad, err="Traceback (most recent call last):\n  ...\n"))
    assert "2 lines on stderr" in hi.problems(result(bad, err="usage: borders\nborders: error: field 'id'\n"))
    assert hi.problems(result(bad, err="borders validate: error: x: bad\n")) == ["stderr lacks \"field 'id'\""]
    left = {**before, ".x.borders-abcd1234": ("dir",)}
    assert hi.problems(result(bad, after=left)) == ["left '.x.borders-abcd1234'"]
    assert hi.problems(result(bad, after={"x": ("file", "1")})) == ["changed or removed the user's 'mine.txt'"]
    # a successful run may write what it is meant to, and nothing else
    assert hi.problems(result(good, 0, "", after={**before, "out.csv": ("file", "3")})) == []
    assert hi.problems(result(good, 0, "", after={**before, "other.csv": ("file", "3")})) == ["left 'other.csv'"]
    assert hi.problems(result(good, 2, "borders validate: error: x\n")) == ["exit 2"]


def test_a_case_runs_in_a_folder_of_its_own_and_is_snapshotted(tmp_path):
    hi = harness()
    case = hi.Case("truncated", ["validate", "layer.geojson"], files={"layer.geojson": b"{"}, says=("truncated",))
    done = hi.run_case(case, tmp_path)
    assert done.status == 2 and hi.problems(done) == []
    assert set(done.before) == set(done.after) == {"layer.geojson"}
    assert list(tmp_path.iterdir()) == []  # the case's folder is removed afterwards
