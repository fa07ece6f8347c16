"""Rerun the issue-13 sweep of hostile inputs against the ``borders`` command line.

Usage::

    python scripts/hostile_inputs.py            # every case (a few minutes)
    python scripts/hostile_inputs.py --quick    # the fast subset the test suite runs
    python scripts/hostile_inputs.py -k export  # the cases whose name holds "export"
    python scripts/hostile_inputs.py --list

Each case builds its files in a fresh folder (the user layers come from
``tests/cases.py``, the builders the tests use), runs ``python -m borders ...`` there as a
subprocess with a timeout and a 4 GiB address-space limit, and checks the promise of
the README:

* the exit status is 2 for bad input (0 where the input is valid);
* stderr is at most one line, and never a traceback; for bad input, exactly one line
  ``borders COMMAND: error: ...``, holding the words the case names;
* nothing new is left in the folder (no half-written output, no temporary file), and no
  file that was there before has changed, except what a successful run is meant to write.

Prints a table of case / expected / got / pass and exits with status 1 if any case fails.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import cases as c  # noqa: E402  (tests/cases.py: the layers the tests build)

MEMORY_LIMIT = 4 << 30


@dataclass
class Case:
    """One hostile input: the files to make, the command, and what must come of it."""

    name: str
    argv: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    status: int = 2
    says: tuple[str, ...] = ()  # words stderr's one line must hold
    makes: tuple[str, ...] = ()  # paths a successful run may write or replace
    setup: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    quick: bool = False  # in the fast subset the test suite runs
    timeout: float = 120.0
    stdout_lacks: tuple[str, ...] = ()  # e.g. terminal escape codes


def _bad(**props) -> bytes:
    """A valid layer with some properties changed (None deletes one)."""
    out = c.feature()
    for key, value in props.items():
        if value is None:
            del out["properties"][key]
        else:
            out["properties"][key] = value
    return c.dumps(out)


def _geom(geometry, **props) -> bytes:
    out = c.feature()
    out["geometry"] = geometry
    out["properties"].update(props)
    return c.dumps(out)


def _fifo(work: Path) -> None:
    os.mkfifo(work / "layer.geojson")


def _sparse(work: Path) -> None:
    with open(work / "big.geojson", "wb") as fh:
        fh.truncate(3 << 30)  # 3 GiB that cost no disk


def _symlink_to_mine(work: Path) -> None:
    (work / "mine.kml").write_text("<kml/>")
    (work / "borders.kml").symlink_to("mine.kml")


def _thesis(work: Path) -> None:
    (work / "d").mkdir()
    (work / "d" / "thesis.txt").write_text("three years of work")


def _export(fmt: str, out: str, *extra: str):
    def setup(work: Path) -> None:
        subprocess.run([sys.executable, "-m", "borders", "export", "--format", fmt, "--out", out, "--layer",
                        "places", *extra], cwd=work, check=True, capture_output=True, env=_env({}))
    return setup


def _export_then(fmt: str, out: str, then: Callable[[Path], None]):
    first = _export(fmt, out)

    def setup(work: Path) -> None:
        first(work)
        then(work)
    return setup


def _user_folder(name: str):
    def setup(work: Path) -> None:
        (work / name).mkdir()
        (work / name / "chapter1.pdf").write_bytes(b"%PDF-1.4")
    return setup


def _text_file(name: str, text: str = "a file of the user's\n"):
    def setup(work: Path) -> None:
        (work / name).write_text(text)
    return setup


def _deep_json() -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


GOOD = c.dumps(c.feature())
ZONE = c.zone()
SQUARE = {"type": "Polygon", "coordinates": [[[24.0, 54.0], [25.0, 54.0], [25.0, 55.0], [24.0, 55.0], [24.0, 54.0]]]}


def _layer(name: str, content: bytes, *argv: str, **kw) -> Case:
    return Case(name, [*argv, "layer.geojson"] if argv else ["validate", "layer.geojson"],
                files={"layer.geojson": content}, **kw)


CASES: list[Case] = [
    # --- files that are not layers ------------------------------------------------------
    _layer("empty file", b"", says=("file is empty",), quick=True),
    _layer("truncated JSON", GOOD[: len(GOOD) // 2], says=("looks truncated",), quick=True),
    _layer("CSV, not JSON", b"name,lat,lon\nVilnius,54.68,25.28\n", says=("not valid JSON",)),
    _layer("not UTF-8", GOOD.replace(b"My line", b"Wilno \xb3\xf3d\xbf"), says=("not UTF-8",)),
    _layer("binary noise", bytes(range(256)) * 40),
    _layer("JSON null", b"null"),
    _layer("JSON number", b"5"),
    _layer("JSON string", b'"FeatureCollection"'),
    _layer("a bare Feature", c.dumps(c.feature())[len(b'{"type": "FeatureCollection", "features": ['):-2],
           says=("expected a GeoJSON FeatureCollection",)),
    _layer("features not a list", b'{"type": "FeatureCollection", "features": {"a": 1}}'),
    _layer("features [null]", b'{"type": "FeatureCollection", "features": [null]}'),
    _layer("features [1]", b'{"type": "FeatureCollection", "features": [1]}'),
    _layer("properties null", b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": null, '
                              b'"geometry": {"type": "Point", "coordinates": [25, 54]}}]}'),
    _layer("no features", b'{"type": "FeatureCollection", "features": []}'),
    Case("missing file", ["validate", "nowhere.geojson"], says=("nowhere.geojson",), quick=True),
    Case("a folder as a layer", ["validate", "folder"], setup=lambda w: (w / "folder").mkdir()),
    Case("FIFO", ["validate", "layer.geojson"], setup=_fifo, says=("is not a regular file",), quick=True,
         timeout=30),
    Case("FIFO as compare --layer", ["compare", "--layer", "layer.geojson", "--table", "areas"], setup=_fifo,
         says=("is not a regular file",), timeout=30),
    Case("/dev/zero", ["validate", "/dev/zero"], says=("is not a regular file",), quick=True, timeout=30),
    Case("/dev/null", ["validate", "/dev/null"], says=("/dev/null",), timeout=30),
    Case("huge sparse file (3 GiB)", ["validate", "big.geojson"], setup=_sparse, says=("the limit for your own",),
         quick=True, timeout=60),
    _layer("over a lowered byte limit", GOOD, env={"BORDERS_MAX_LAYER_BYTES": "100"}, says=("max_bytes=",)),
    _layer("over a lowered feature limit", c.dumps(c.feature(), c.zone()), env={"BORDERS_MAX_LAYER_FEATURES": "1"},
           says=("has 2 features",)),
    _layer("a bad limit in the environment", GOOD, env={"BORDERS_MAX_LAYER_FEATURES": "lots"},
           says=("BORDERS_MAX_LAYER_FEATURES",)),
    _layer("a zero limit in the environment", GOOD, env={"BORDERS_MAX_LAYER_BYTES": "0"}),
    # --- shapes that crashed -------------------------------------------------------------
    _layer("JSON nested 100,000 deep", _deep_json(), says=("nested hundreds of levels deep",), quick=True),
    _layer("coordinates nested 950 deep", c.with_nested("coordinates", "[24.0, 54.0]", 949),
           says=("field 'geometry'",), quick=True),
    _layer("a property nested 500 deep", c.with_nested("note", '"deep"', 500), says=("nested more than",)),
    _layer("coordinates as a string", _geom({"type": "LineString", "coordinates": "24.0, 54.0, 25.0, 54.5"}),
           says=("field 'geometry'",), quick=True),
    _layer("positions as strings", _geom({"type": "LineString", "coordinates": [["24.0", "54.0"], ["25", "54"]]}),
           says=("bad position",)),
    _layer("NaN in a position", GOOD.replace(b"[24.0, 54.0]", b"[NaN, 54.0]"), says=("field 'geometry'",)),
    _layer("Infinity in a position", GOOD.replace(b"[24.0, 54.0]", b"[Infinity, 54.0]"), says=("field 'geometry'",)),
    _layer("1e308 in a position", GOOD.replace(b"[24.0, 54.0]", b"[1e308, 54.0]"), says=("field 'geometry'",)),
    _layer("a position of one number", GOOD.replace(b"[24.0, 54.0]", b"[24.0]"), says=("field 'geometry'",)),
    _layer("a geometry as text", _geom("here"), says=("field 'geometry'",)),
    _layer("geometry type Circle", _geom({"type": "Circle", "coordinates": [25, 54]}), says=("field 'geometry'",)),
    _layer("geometry null", _geom(None), says=("field 'geometry'",)),
    _layer("an empty GeometryCollection", _geom({"type": "GeometryCollection", "geometries": []})),
    _layer("uncertainty Infinity", c.with_raw("Infinity"), says=("field 'uncertainty_m'",), quick=True),
    _layer("uncertainty 1e12", c.with_raw("1e12"), says=("field 'uncertainty_m'", "100,000")),
    _layer("uncertainty NaN", c.with_raw("NaN"), says=("field 'uncertainty_m'",)),
    _layer("uncertainty -5", _bad(uncertainty_m=-5), says=("field 'uncertainty_m'",)),
    _layer("uncertainty '500 m'", _bad(uncertainty_m="500 m"), says=("field 'uncertainty_m'",)),
    _layer("uncertainty true", c.with_raw("true"), says=("field 'uncertainty_m'",)),
    Case("uncertainty 1e12 in compare", ["compare", "--layer", "layer.geojson", "--table", "areas"],
         files={"layer.geojson": c.dumps(dict(ZONE, properties=dict(ZONE["properties"], uncertainty_m=1e12)))},
         says=("field 'uncertainty_m'",)),
    _layer("an unclosed ring", _geom({"type": "Polygon", "coordinates": [SQUARE["coordinates"][0][:-1]]}, kind="zone"),
           says=("is not closed",), quick=True),
    _layer("a ring of three positions", _geom({"type": "Polygon", "coordinates": [[[24, 54], [25, 54], [24, 54]]]},
                                              kind="zone"), says=("field 'geometry'",)),
    _layer("a self-intersecting polygon", _geom({"type": "Polygon", "coordinates": [
        [[24.0, 54.0], [25.0, 55.0], [25.0, 54.0], [24.0, 55.0], [24.0, 54.0]]]}, kind="zone"),
        says=("Self-intersection",)),
    _layer("a self-crossing line", _geom({"type": "LineString", "coordinates": [
        [24.0, 54.0], [25.0, 55.0], [25.0, 54.0], [24.0, 55.0]]}), says=("crosses itself",)),
    _layer("a line of one position", _geom({"type": "LineString", "coordinates": [[24.0, 54.0]]}),
           says=("at least two",)),
    _layer("swapped lat/lon", _geom({"type": "LineString", "coordinates": [[54.0, 24.0], [54.5, 25.0]]}),
           says=("looks like [lat, lon]",), quick=True),
    _layer("coordinates in metres", _geom({"type": "LineString", "coordinates": [[5e6, 3.5e6], [5.1e6, 3.6e6]]}),
           says=("another CRS",)),
    _layer("a polygon for a line", _geom(SQUARE), says=("a line must be",)),
    _layer("a line for a zone", _bad(kind="zone"), says=("field 'geometry'",)),
    # --- fields --------------------------------------------------------------------------
    _layer("a key given twice", GOOD.replace(b'"valid_to": "1920-10-09"',
                                             b'"valid_to": "1920-10-09", "valid_to": null'),
           says=("appears twice",), quick=True),
    _layer("a BOM, --strict", b"\xef\xbb\xbf" + GOOD, "validate", "--strict", says=("byte-order mark",)),
    _layer("a BOM, own layer", b"\xef\xbb\xbf" + GOOD, status=0),
    _layer("what QGIS writes", c.qgis_bytes(), status=0),
    _layer("what QGIS writes, --strict", c.qgis_bytes(), "validate", "--strict", says=("byte-order mark",)),
    _layer("what QGIS writes without a BOM, --strict", c.qgis_bytes(bom=False), "validate", "--strict",
           says=("field 'id'",)),
    _layer("a duplicate id", c.dumps(c.feature(), c.feature()), says=("duplicate id",)),
    _layer("an empty id", _bad(id=""), says=("field 'id'",)),
    _layer("an id that is a list", _bad(id=["a"]), says=("field 'id'",)),
    _layer("a shipped id", _bad(id="treaty_1920/territory"), says=("id already used by layer 'treaty_1920'",),
           quick=True),
    _layer("a shipped id in compare", _bad(id="treaty_1920/territory"), "compare", "--table", "areas", "--layer",
           says=("id already used",)),
    _layer("a shipped id in maps", _bad(id="treaty_1920/territory"), "maps", "--out", "m", "--layer",
           says=("id already used",)),
    Case("two files sharing an id", ["validate", "a.geojson", "b.geojson"],
         files={"a.geojson": GOOD, "b.geojson": GOOD}, says=("id already used by layer 'a'",)),
    _layer("bounded_by a missing feature", c.dumps(c.feature(), c.zone_bounded_by("my-line", "gone")),
           says=("field 'bounded_by'", "'gone'")),
    _layer("bounded_by a point", c.dumps(c.feature(), c.place(), c.zone_bounded_by("my-line", "my-place")),
           says=("a Point",)),
    _layer("bounded_by a string", c.dumps(c.feature(), dict(c.zone_bounded_by(), properties=dict(
        c.zone_bounded_by()["properties"], bounded_by="my-line"))), says=("expected a list of feature ids",)),
    _layer("bounded_by itself", c.dumps(c.feature(), c.zone_bounded_by("my-zone")), says=("field 'bounded_by'",)),
    _layer("valid_to before valid_from", _bad(valid_to="1919-06-18"), says=("is before valid_from",)),
    _layer("valid_to on valid_from", _bad(valid_to="1920-07-12"), says=("holds on no day",)),
    _layer("a date not ISO", _bad(valid_from="12.07.1920"), says=("expected an ISO date",)),
    _layer("a date that is no day", _bad(valid_from="1920-02-30"), says=("field 'valid_from'",)),
    _layer("valid since long before 1918", _bad(valid_from="1066-10-14"), status=0),  # an old border: fair
    _layer("a number for a date", _bad(valid_to=1920), says=("field 'valid_to'",)),
    _layer("a bad EDTF date", _bad(valid_from_edtf="July 1920"), says=("expected an EDTF date",)),
    _layer("a kind that is a list", _bad(kind=["line"]), says=("field 'kind'",)),
    _layer("an unknown kind", _bad(kind="border"), says=("field 'kind'",)),
    _layer("a number for a name", _bad(name=5), says=("field 'name'",)),
    _layer("sources as a mapping", _bad(sources={"a": 1}), says=("field 'sources'",)),
    _layer("an empty status", _bad(status=""), says=("field 'status'",)),
    _layer("control characters in a name", _bad(name="mine\x1b[2J\x1b]0;pwned\x07"), status=0),
    Case("control characters reach no terminal", ["compare", "--layer", "hostile.geojson", "--table", "areas",
                                                  "--format", "markdown"],
         files={"hostile.geojson": c.dumps(c.zone("mine\x1b[2J\x1b]0;pwned\x07\u202eenil"))}, status=0,
         stdout_lacks=("\x1b", "\x07", "\u202e"), quick=True),
    Case("a formula in a name reaches no spreadsheet", ["compare", "--layer", "hostile.geojson", "--table", "areas",
                                                        "--format", "csv"],
         files={"hostile.geojson": c.dumps(c.zone('=HYPERLINK("http://evil.example","Click")'))}, status=0,
         stdout_lacks=(',"=HYPERLINK', ",=HYPERLINK")),
    Case("a formula in a name, to a file", ["compare", "--layer", "hostile.geojson", "--table", "areas",
                                            "--format", "csv", "--output", "areas.csv"],
         files={"hostile.geojson": c.dumps(c.zone("@SUM(1+1)"))}, status=0, makes=("areas.csv",)),
    Case("TeX in a name, plot", ["plot", "--layer", "tex.geojson", "--layer-id", "tex", "--out", "tex.png"],
         files={"tex.geojson": c.dumps(c.zone(r"$\frac$"), dict(c.place(), properties=dict(
             c.place()["properties"], name=r"$\frac{1}{$")))}, status=0, makes=("tex.png",)),
    # --- names of files ------------------------------------------------------------------
    Case("a newline in a file name", ["validate", "two\nlines.geojson"], files={"two\nlines.geojson": b"{"},
         says=("two\\nlines.geojson",), quick=True),
    Case("escape codes in a file name", ["validate", "\x1b[2J.geojson"], files={"\x1b[2J.geojson": b"{"},
         says=("not valid JSON",)),
    Case("a newline in an output name", ["compare", "--table", "areas", "--format", "csv", "--output", "a\nb.csv"],
         status=0, makes=("a\nb.csv",)),
    # --- arguments -------------------------------------------------------------------------
    Case("compare --output ''", ["compare", "--table", "areas", "--format", "csv", "--output", ""],
         says=("expected a file name",), quick=True),
    Case("compare --output into a missing folder", ["compare", "--table", "areas", "--format", "csv", "--output",
                                                    "missing/dir/a.csv"], says=("missing/dir does not exist",)),
    Case("compare --output a folder", ["compare", "--table", "areas", "--format", "csv", "--output", "folder"],
         setup=lambda w: (w / "folder").mkdir(), says=("is a folder",)),
    Case("compare --output over a user's file", ["compare", "--table", "areas", "--format", "csv", "--output",
                                                 "areas.csv"], setup=_text_file("areas.csv"), status=0,
         makes=("areas.csv",)),
    Case("compare --at 1950", ["compare", "--at", "1950-01-01", "--table", "areas"], says=("outside",), quick=True),
    Case("compare --at 12/07/1920", ["compare", "--at", "12/07/1920"], says=("expected a day YYYY-MM-DD",)),
    Case("compare --at ''", ["compare", "--at", "", "--table", "areas"]),
    Case("compare --at 1920-02-30", ["compare", "--at", "1920-02-30", "--table", "areas"]),
    Case("compare --at 1921-13", ["compare", "--at", "1921-13", "--table", "areas"]),
    Case("compare --at a reversed period", ["compare", "--at", "1921-02/1920-10", "--table", "areas"]),
    Case("compare --format csv of four tables", ["compare", "--format", "csv"], says=("CSV holds one table",)),
    Case("compare --table area", ["compare", "--table", "area"], says=("--table",), quick=True),
    Case("compare --layer missing", ["compare", "--layer", "nowhere.geojson"], says=("nowhere.geojson",)),
    Case("compare --layer with an invalid feature", ["compare", "--layer", "bad.geojson", "--format", "json",
                                                     "--output", "out.json"],
         files={"bad.geojson": _bad(valid_to="1919-01-01")}, says=("bad.geojson: feature 'my-line'",)),
    Case("an unknown command", ["frobnicate"]),
    Case("no command", []),
    Case("layers --format bogus", ["layers", "--format", "bogus"]),
    Case("where with lat/lon swapped", ["where", "25.28", "54.69"], says=("latitude 25.28 is outside",), quick=True),
    Case("where with one number", ["where", "54.6"], says=("expected LAT LON",)),
    Case("where nan nan", ["where", "nan", "nan"]),
    Case("where inf 25", ["where", "inf", "25"]),
    Case("where 91 200", ["where", "91", "200"]),
    Case("where a misspelt place", ["where", "Vilnus"], says=("no place called 'Vilnus'",)),
    Case("where --at 1917", ["where", "--at", "1917-01-01", "54.69", "25.28"], says=("outside",)),
    Case("where --at a bad day", ["where", "--at", "1921-02-29", "54.69", "25.28"]),
    Case("where over a year", ["where", "Vilnius", "--at", "1922"], status=0),
    Case("plot --out into a missing folder", ["plot", "--layer-id", "treaty_1920", "--out", "missing/map.png"],
         says=("does not exist",)),
    Case("plot --out map.jpg", ["plot", "--layer-id", "treaty_1920", "--out", "map.jpg"], says=(".png, .svg or .pdf",)),
    Case("plot --layer-id unknown", ["plot", "--layer-id", "treaty_1921", "--out", "map.png"]),
    Case("plot --layer-id as text of a list", ["plot", "--layer-id", "t", "--out", "map.png"]),
    Case("classify a missing file", ["classify", "nowhere.parquet", "--out", "x.parquet"]),
    Case("classify a file that is not Parquet", ["classify", "p.parquet", "--out", "x.parquet"],
         files={"p.parquet": b"not parquet"}),
    Case("build --check --data missing", ["build", "--check", "--data", "missing"]),
    # --- export -----------------------------------------------------------------------------
    Case("export --force onto a folder that is no export", ["export", "--format", "shp", "--out", "d", "--force",
                                                            "--layer", "places"], setup=_thesis,
         says=("no borders export wrote",), quick=True),
    Case("export --out . --force", ["export", "--format", "shp", "--out", ".", "--force"],
         setup=_text_file("thesis.txt"), says=("is the current folder",), quick=True),
    Case("export --out ''", ["export", "--format", "csv", "--out", ""], says=("got ''",)),
    Case("export onto a file without --force", ["export", "--format", "gpkg", "--out", "b.gpkg"],
         setup=_text_file("b.gpkg"), says=("pass --force",)),
    Case("export --force onto a user's file", ["export", "--format", "kml", "--out", "b.kml", "--force", "--layer",
                                               "places"], setup=_text_file("b.kml"), says=("not a kml file",)),
    Case("export --force through a symlink", ["export", "--format", "kml", "--out", "borders.kml", "--force"],
         setup=_symlink_to_mine, says=("symbolic link",)),
    Case("export csv --force onto a folder", ["export", "--format", "csv", "--out", "d", "--force"], setup=_thesis,
         says=("is a folder",)),
    Case("export an unknown layer", ["export", "--format", "gpkg", "--out", "x.gpkg", "--layer", "treaty_1921"],
         says=("unknown layer 'treaty_1921'",)),
    Case("export csv without places", ["export", "--format", "csv", "--out", "p.csv", "--layer", "treaty_1920"],
         says=("include the layer 'places'",)),
    Case("export into a missing folder", ["export", "--format", "csv", "--out", "no/such/p.csv"], status=0,
         makes=("no", "no/such", "no/such/p.csv")),
    Case("export --force over an earlier export", ["export", "--format", "shp", "--out", "shp", "--force",
                                                   "--layer", "places"], setup=_export("shp", "shp"), status=0,
         makes=("shp",), quick=True),
    Case("export --force over an export a user added to",
         ["export", "--format", "shp", "--out", "shp", "--force", "--layer", "places"],
         setup=_export_then("shp", "shp", lambda w: (w / "shp" / "notes.txt").write_text("mine")),
         says=("holds 'notes.txt'",)),
    Case("export --force over an export a user edited",
         ["export", "--format", "geojson", "--out", "gj", "--force", "--layer", "places"],
         setup=_export_then("geojson", "gj", lambda w: (w / "gj" / "places.geojson").write_text("{}")),
         says=("has changed since",)),
    # --- maps and the atlas ------------------------------------------------------------------
    Case("maps --out ''", ["maps", "--out", ""]),
    Case("maps --out a folder of the user's", ["maps", "--out", "figures"], setup=_user_folder("figures"),
         says=("has no borders-maps.json",)),
    Case("maps --out a file", ["maps", "--out", "notes.txt"], setup=_text_file("notes.txt")),
    Case("maps --out .", ["maps", "--out", "."], setup=_text_file("thesis.txt")),
    Case("maps --layer invalid", ["maps", "--out", "m", "--layer", "bad.geojson"],
         files={"bad.geojson": _bad(valid_to="1919-01-01")}, says=("bad.geojson",)),
    Case("maps --layer with a 240-character name", ["maps", "--out", "m", "--layer", "n" * 240 + ".geojson"],
         files={"n" * 240 + ".geojson": GOOD}, says=("File name too long",), timeout=300),
    Case("atlas --out a folder of the user's", ["atlas", "--out", "figures"], setup=_user_folder("figures"),
         timeout=300),
    Case("atlas --out ''", ["atlas", "--out", ""]),
]


# --- running and checking -------------------------------------------------------------------

def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERS_MAX_")}
    env.update(PYTHONPATH=str(ROOT), COLUMNS="200", **extra)
    return env


def snapshot(folder: Path) -> dict[str, object]:
    """Every path under ``folder`` (hidden ones too) with what it is: contents' hash, link target, kind."""
    found = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(top) / name
            rel = str(path.relative_to(folder))
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                found[rel] = ("dir",)
            elif not stat.S_ISREG(st.st_mode):
                found[rel] = ("special", stat.S_IFMT(st.st_mode))
            elif st.st_size > 50_000_000:  # a sparse giant: its size and time stand for it
                found[rel] = ("file", st.st_size, st.st_mtime_ns)
            else:
                found[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return found


@dataclass
class Result:
    case: Case
    status: int | None  # None: timed out
    stdout: str
    stderr: str
    before: dict
    after: dict
    seconds: float


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_case(case: Case, top: Path) -> Result:
    work = Path(tempfile.mkdtemp(prefix="case-", dir=top))
    try:
        for name, content in case.files.items():
            (work / name).write_bytes(content)
        if case.setup:
            case.setup(work)
        before = snapshot(work)
        start = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-m", "borders", *case.argv], cwd=work, capture_output=True,
                                  stdin=subprocess.DEVNULL, timeout=case.timeout, env=_env(case.env),
                                  preexec_fn=_limit)
            status, out, err = done.returncode, done.stdout, done.stderr
        except subprocess.TimeoutExpired as exc:
            status, out, err = None, exc.stdout or b"", exc.stderr or b""
        seconds = time.perf_counter() - start
        return Result(case, status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), before,
                      snapshot(work), seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def problems(result: Result) -> list[str]:
    """What broke the promise, in words; empty if the case passed."""
    case, found = result.case, []
    if result.status is None:
        return [f"hung: no answer in {case.timeout:.0f} s"]
    if result.status != case.status:
        found.append(f"exit {result.status}")
    err = result.stderr
    if "Traceback" in err:
        found.append("a traceback")
    lines = err.splitlines()
    if case.status == 2:
        if len(lines) != 1:
            found.append(f"{len(lines)} lines on stderr")
        elif not lines[0].startswith("borders") or ": error: " not in lines[0]:
            found.append("stderr is not 'borders COMMAND: error: ...'")
    elif len(lines) > 1:
        found.append(f"{len(lines)} lines on stderr")
    for words in case.says:
        if words not in err:
            found.append(f"stderr lacks {words!r}")
    for text in case.stdout_lacks:
        if text in result.stdout:
            found.append(f"stdout holds {text!r}")
    allowed = set(case.makes) if result.status == 0 else set()

    def mine(rel):
        return any(rel == m or rel.startswith(m + "/") for m in allowed)

    new = sorted(p for p in result.after if p not in result.before and not mine(p))
    changed = sorted(p for p in result.before if not mine(p) and result.after.get(p) != result.before[p])
    if new:
        found.append(f"left {new[0]!r}" + (f" and {len(new) - 1} more" if len(new) > 1 else ""))
    if changed:
        found.append(f"changed or removed the user's {changed[0]!r}")
    return found


def _shown(text: str, width: int) -> str:
    text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= width else text[: width - 1] + "…"


def report(results: list[Result], out=sys.stdout) -> int:
    """Print the table; return the number of failed cases."""
    failed = 0
    print(f"{'case':48s} {'expected':8s} {'got':8s} {'time':>6s}  pass", file=out)
    for r in results:
        found = problems(r)
        failed += bool(found)
        got = "hang" if r.status is None else str(r.status)
        print(f"{_shown(r.case.name, 48):48s} {r.case.status:<8d} {got:8s} {r.seconds:5.1f}s  "
              f"{'ok' if not found else 'FAIL: ' + '; '.join(found)}", file=out)
        if found and r.stderr.strip():
            print(f"{'':48s} stderr: {_shown(r.stderr.strip().splitlines()[-1], 120)}", file=out)
    print(f"{len(results) - failed} of {len(results)} cases pass", file=out)
    return failed


def select(*, quick: bool = False, keyword: str | None = None) -> list[Case]:
    return [case for case in CASES if (case.quick or not quick) and (keyword is None or keyword in case.name)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the fast subset the test suite runs")
    parser.add_argument("-k", metavar="WORDS", help="only the cases whose name holds WORDS")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args(argv)
    chosen = select(quick=args.quick, keyword=args.k)
    if args.list:
        for case in chosen:
            print(f"{_shown(case.name, 48):48s} {' '.join(map(repr, case.argv))}")
        return 0
    if not chosen:
        print("no case matches", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="hostile-") as top:
        results = []
        for case in chosen:
            results.append(run_case(case, Path(top)))
    return 1 if report(results) else 0


if __name__ == "__main__":
    sys.exit(main())
