"""The compare and where commands: output matches the Python API; bad input gets one line."""

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cases import zone
from conftest import collection

import borders
from borders.cli import main
from borders.tables import to_records

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_compare_json_matches_the_python_api(capsys):
    status, out, _ = run(capsys, "compare", "--format", "json")
    assert status == 0
    expected = {name: to_records(frame) for name, frame in borders.compare().items()}
    assert json.loads(out) == expected


def test_compare_at_a_date(capsys):
    status, out, _ = run(capsys, "compare", "--at", "1919-08-01", "--format", "json", "--table", "areas")
    assert status == 0
    assert [row["feature"] for row in json.loads(out)["areas"]] == ["foch_line/territory"]


def test_compare_writes_csv_to_a_file(capsys, tmp_path):
    target = tmp_path / "areas.csv"
    status, _, err = run(capsys, "compare", "--table", "areas", "--format", "csv", "--output", str(target))
    assert status == 0 and "wrote" in err
    assert target.read_text().splitlines()[0] == (
        "layer,feature,name,kind,reading,valid_from,valid_to,area_km2,area_km2_min,area_km2_max,area_km2_3035")


def test_compare_adds_a_user_layer(capsys, write_layer):
    mine = zone("My zone", fid="my-zone")
    mine["properties"]["uncertainty_m"] = 1000
    path = write_layer(collection(mine), name="my_zone.geojson")
    status, out, _ = run(capsys, "compare", "--layer", str(path), "--format", "json")
    assert status == 0
    tables = json.loads(out)
    mine = [r for r in tables["areas"] if r["feature"] == "my-zone"]
    assert mine and mine[0]["layer"] == "my_zone"
    # valid 1920-07-12..1920-10-09: overlaps both the treaty and the Foch territory
    pairs = {(r["feature_a"], r["feature_b"]) for r in tables["overlaps"]}
    assert {("treaty_1920/territory", "my-zone"), ("foch_line/territory", "my-zone")} <= pairs


def test_where_json_matches_the_python_api(capsys):
    status, out, _ = run(capsys, "where", "--format", "json", "--at", "1920-08-01", "54.6892", "25.2798")
    assert status == 0
    expected = to_records(borders.where(54.6892, 25.2798, at="1920-08-01"))
    assert json.loads(out)["where"] == expected


@pytest.mark.parametrize(("argv", "message"), [
    (["compare", "--at", "1950-01-01"], "borders compare: error: date 1950-01-01 is outside 1918-01-01..1945-12-31"),
    (["compare", "--at", "12/07/1920"], "borders compare: error: expected a day YYYY-MM-DD (1920-10-09), a year"),
    (["compare", "--format", "csv"], "borders compare: error: CSV holds one table, got 4"),
    (["where", "25.28", "54.69"], "borders where: error: latitude 25.28 is outside the region"),
    (["where", "--at", "1917-01-01", "54.69", "25.28"], "borders where: error: date 1917-01-01 is outside"),
])
def test_bad_input_gets_one_line_and_status_2(capsys, tmp_path, argv, message):
    target = tmp_path / "out.txt"
    extra = ["--output", str(target)] if argv[0] == "compare" else []
    status, out, err = run(capsys, *argv, *extra)
    assert status == 2
    assert err.startswith(message) and err.count("\n") == 1
    assert not target.exists()


def test_an_invalid_user_layer_is_named_in_the_error(capsys, write_layer, feature, tmp_path):
    feature["properties"]["valid_to"] = "1919-01-01"
    path = write_layer(collection(feature), name="bad.geojson")
    target = tmp_path / "out.json"
    status, _, err = run(capsys, "compare", "--layer", str(path), "--format", "json", "--output", str(target))
    assert status == 2
    assert "bad.geojson: feature 'my-line': field 'valid_to'" in err
    assert not target.exists()


def test_console_script_where_runs_without_traceback():
    exe = Path(sys.executable).with_name("borders")
    done = subprocess.run([str(exe), "where", "53.9", "27.5667", "--at", "1920-08-01", "--format", "json"],
                          capture_output=True, text=True, check=True)
    rows = {r["feature"]: r for r in json.loads(done.stdout)["where"]}
    # Minsk was left to Soviet Russia by Art. II [treaty_1920_lonts].
    assert rows["treaty_1920/territory"]["side"] == "out"


def test_compare_areas_script_writes_every_table(tmp_path):
    out = tmp_path / "tables"
    subprocess.run([sys.executable, str(SCRIPTS / "compare_areas.py"), str(out)], check=True, capture_output=True)
    assert sorted(p.name for p in out.iterdir()) == [
        "areas.csv", "comparison.md", "lines.csv", "overlaps.csv", "shares.csv"]
    assert "## Areas" in (out / "comparison.md").read_text()


def test_compare_areas_script_writes_nothing_on_a_bad_date(tmp_path):
    out = tmp_path / "tables"
    done = subprocess.run([sys.executable, str(SCRIPTS / "compare_areas.py"), str(out), "--at", "1960-01-01"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("compare_areas: error: date 1960-01-01 is outside")
    assert not out.exists()


def test_benchmark_script_runs_and_reports_ratios():
    # A smoke run on few points; the speed itself is reported by the script, never asserted.
    done = subprocess.run([sys.executable, str(SCRIPTS / "benchmark_classify.py"), "--points", "2000", "--repeat", "1"],
                          capture_output=True, text=True, check=True)
    assert "ratio" in done.stdout and "geopandas.sjoin" in done.stdout


def test_a_missing_output_folder_is_one_line(capsys, tmp_path):
    target = tmp_path / "no-such-folder" / "areas.csv"
    status, _, err = run(capsys, "compare", "--table", "areas", "--format", "csv", "--output", str(target))
    assert status == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "no-such-folder" in err


def test_rich_markup_in_a_user_name_is_shown_as_text(capsys, write_layer):
    path = write_layer(collection(zone("[/x] [bold]mine")), name="markup.geojson")
    status, out, _ = run(capsys, "compare", "--layer", str(path), "--table", "areas")
    assert status == 0
    assert "[/x] [bold]mine" in out


def test_a_user_layer_may_not_reuse_a_shipped_id(capsys, write_layer, feature):
    feature["properties"]["id"] = "treaty_1920/territory"
    path = write_layer(collection(feature), name="copy.geojson")
    status, _, err = run(capsys, "compare", "--layer", str(path))
    assert status == 2
    assert "feature 'treaty_1920/territory': field 'id': id already used by layer 'treaty_1920'" in err


def test_compare_computes_only_the_table_asked_for(capsys, monkeypatch):
    # `--table areas` used to compute all four tables first: minutes for a large user layer.
    import importlib

    bc = importlib.import_module("borders.compare")  # `borders.compare` is also the function

    def never(*args, **kwargs):
        raise AssertionError("computed a table nobody asked for")

    for name in ("overlaps", "modern_shares", "line_table"):
        monkeypatch.setattr(bc, name, never)
    status, out, err = run(capsys, "compare", "--table", "areas", "--format", "json")
    assert status == 0, err
    assert list(json.loads(out)) == ["areas"]


def test_compare_refuses_an_unknown_table():
    with pytest.raises(borders.BordersError, match="unknown table 'area'; expected some of areas, overlaps"):
        borders.compare(tables=["area"])


# --- `borders maps` writes the whole set or nothing (issue 13) -----------------------------

def maps_listing(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_maps_replace_their_own_earlier_set_and_nothing_else(capsys, tmp_path, write_layer, feature):
    out = tmp_path / "maps"
    mine = write_layer(collection(feature), name="mine.geojson")
    assert main(["maps", "--out", str(out), "--layer", str(mine)]) == 0
    assert "layer-mine.html" in maps_listing(out)
    assert main(["maps", "--out", str(out)]) == 0
    pages = maps_listing(out)
    assert "layer-mine.html" not in pages  # before: a page of the earlier run stayed, linked from nowhere
    assert json.loads(pages["borders-maps.json"])["tool"] == "borders maps"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps", "mine.geojson"]


def test_maps_refuse_a_folder_holding_the_users_files(capsys, tmp_path):
    out = tmp_path / "figures"
    out.mkdir()
    (out / "chapter1.pdf").write_bytes(b"%PDF")
    assert main(["maps", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds 'chapter1.pdf' and has no borders-maps.json" in err
    assert maps_listing(out) == {"chapter1.pdf": b"%PDF"}  # before: eight maps written in among them
    assert [p.name for p in tmp_path.iterdir()] == ["figures"]


def test_a_failure_half_way_leaves_the_earlier_maps_whole(capsys, tmp_path, write_layer, feature):
    out = tmp_path / "maps"
    assert main(["maps", "--out", str(out)]) == 0
    before = maps_listing(out)
    # a layer name that makes compare-demarcation_1923--<name>.html longer than a file name may be
    path = write_layer(collection(feature), name="n" * 240 + ".geojson")
    assert main(["maps", "--out", str(out), "--layer", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "File name too long" in err
    assert f"{out}/compare-demarcation_1923--{'n' * 240}.html" in err  # the user's folder, not a temporary name
    assert maps_listing(out) == before  # before: overview and timeline already replaced, the rest old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps", "n" * 240 + ".geojson"]


# --- messages name the user's path, on one line (issue 13) --------------------------------

def test_a_missing_output_folder_names_the_users_path_not_a_temporary_file(capsys, tmp_path):
    target = tmp_path / "missing" / "dir" / "a.csv"
    status, _, err = run(capsys, "compare", "--table", "areas", "--format", "csv", "--output", str(target))
    assert status == 2
    # before: ".../missing/dir/.a.csv.wxgpsyaw.csv: No such file or directory"
    assert err == (f"borders compare: error: {target}: the folder {target.parent} does not exist; "
                   "create it first\n")


def test_plot_into_a_missing_folder_names_the_users_path(capsys, tmp_path):
    target = tmp_path / "missing" / "map.png"
    status, _, err = run(capsys, "plot", "--layer-id", "treaty_1920", "--out", str(target))
    assert status == 2
    assert err == f"borders plot: error: {target}: the folder {target.parent} does not exist; create it first\n"


def test_an_empty_output_is_refused(capsys):
    status, _, err = run(capsys, "compare", "--table", "areas", "--format", "csv", "--output", "")
    assert status == 2
    assert err == "borders compare: error: expected a file name to write to, got ''\n"  # was: Device or resource busy


def test_an_output_that_is_a_folder_is_refused(capsys, tmp_path):
    status, _, err = run(capsys, "compare", "--table", "areas", "--format", "csv", "--output", str(tmp_path))
    assert status == 2
    assert err == (f"borders compare: error: {tmp_path} is a folder; expected a file name to write to, "
                   f"e.g. {tmp_path / 'table.csv'}\n")
    assert list(tmp_path.iterdir()) == []


def as_unprivileged_user():
    """The command prefix that runs a program as nobody, or a reason why this machine cannot."""
    import shutil

    if os.geteuid() != 0:
        return [], None  # already an ordinary user: a read-only folder refuses us
    for prefix in (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], ["runuser", "-u", "nobody", "--"]):
        if shutil.which(prefix[0]) is None:
            continue
        probe = subprocess.run([*prefix, sys.executable, "-c", "import borders, os; print(os.geteuid())"],
                               capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if probe.returncode == 0 and probe.stdout.strip() == "65534":
            return prefix, None
    return None, ("running as root, and neither setpriv nor runuser can run this Python as nobody, so a read-only "
                  "folder would not refuse the write")


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("argv", [
    ["export", "--format", "gpkg", "--out", "{ro}/b.gpkg"],
    ["export", "--format", "shp", "--out", "{ro}/shp"],
    ["compare", "--table", "areas", "--format", "csv", "--output", "{ro}/areas.csv"],
], ids=["export-gpkg", "export-shp", "compare"])
def test_a_read_only_folder_gets_one_line_naming_the_users_path(argv):
    # as root a read-only folder is still writable, so the command runs as nobody (was: mkdtemp patched to refuse)
    import shutil
    import tempfile

    prefix, reason = as_unprivileged_user()
    if prefix is None:
        pytest.skip(reason)
    top = Path(tempfile.mkdtemp(prefix="borders-ro-"))  # not under tmp_path: nobody may not enter root's folders
    try:
        top.chmod(0o755)
        ro = top / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        args = [a.format(ro=ro) for a in argv]
        done = subprocess.run([*prefix, sys.executable, "-m", "borders", *args], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": "/nonexistent"},
                              timeout=300, cwd=top)
        target = args[args.index("--out" if "--out" in args else "--output") + 1]
        assert done.returncode == 2
        assert done.stderr == f"borders {argv[0]}: error: {target}: Permission denied\n"  # not a temporary name
        assert list(ro.iterdir()) == []
    finally:
        (top / "ro").chmod(0o755)
        shutil.rmtree(top)


def test_a_newline_in_a_file_name_does_not_split_the_message(capsys, write_layer):
    path = write_layer(b"{", name="two\nlines.geojson")
    status, _, err = run(capsys, "validate", str(path))
    assert status == 2
    assert err.count("\n") == 1 and "two\\nlines.geojson: not valid JSON" in err


def test_truncated_json_says_where_without_stammering(capsys, write_layer):
    path = write_layer(b'{"type": "FeatureCollection", "features": [{"type": "Feat')
    status, _, err = run(capsys, "validate", str(path))
    assert status == 2
    assert err.endswith("not valid JSON (the file looks truncated): unterminated string starting at line 1 "
                        "column 53\n")  # was: "Unterminated string starting at at line 1 column 53"


def test_a_byte_order_mark_is_explained_for_historians(capsys, write_layer, feature):
    path = write_layer(b"\xef\xbb\xbf" + json.dumps(collection(feature)).encode())
    status, _, err = run(capsys, "validate", "--strict", str(path))
    assert status == 2
    assert "decode using utf-8-sig" not in err
    assert err.endswith('starts with an invisible byte-order mark (BOM), which atlas files may not have: save it '
                        'as "UTF-8" rather than "UTF-8 with BOM" (your own layers may keep it)\n')


# --- nothing from a layer drives the terminal or a spreadsheet (issue 13) --------------------

def hostile_zone(write_layer, name, west=25.0, east=25.5):
    return write_layer(collection(zone(name, west=west, east=east)), name="hostile.geojson")


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_escape_codes_in_a_name_do_not_reach_the_terminal(capsys, write_layer, fmt, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that the table shows the name
    path = hostile_zone(write_layer, "mine\x1b[2J\x1b]0;pwned\x07\u202eenil")  # clear screen, set title, reverse
    status, out, _ = run(capsys, "compare", "--layer", str(path), "--table", "areas", "--format", fmt)
    assert status == 0
    assert not any(c in out for c in "\x1b\x07\u202e")
    shown = "mine\\x1b[2J\\x1b]0;pwned\\x07\\u202eenil"
    flat = re.sub(r"[\s│┃]", "", out)  # a terminal table wraps or cuts the name to its cell
    assert (shown[:20] if fmt == "table" else shown) in flat


def test_formulas_in_a_name_are_neutralised_in_csv(capsys, write_layer):
    path = hostile_zone(write_layer, '=HYPERLINK("http://evil.example","Click")')
    status, out, _ = run(capsys, "compare", "--layer", str(path), "--table", "areas", "--format", "csv")
    assert status == 0
    row = next(r for r in out.splitlines() if r.startswith("hostile,z,"))
    # OWASP "CSV Injection": a cell starting with = + - @ gets a leading single quote
    assert row.startswith('hostile,z,"\'=HYPERLINK(""http://evil.example"",""Click"")",zone,,1920-07-12,')
    coast = hostile_zone(write_layer, "coast", west=19.5, east=20.2)  # reaches the Baltic off Baltiysk
    shares = run(capsys, "compare", "--layer", str(coast), "--table", "shares", "--format", "csv")[1]
    assert "hostile,z,-," in shares  # the shares table's "in no country" is no formula: left as it is


# --- places by name, the catalogue, the version (issue 14) ---------------------------------------

@pytest.mark.parametrize("name", ["Vilnius", "Wilno", "Вільня", "vilnius", "WILNO"])
def test_where_takes_a_place_by_any_of_its_names(capsys, name):
    # The gazetteer's names of Vilnius: en Vilnius, pl Wilno, be Вільня (geodata/specs/places.toml)
    status, out, _ = run(capsys, "where", name, "--at", "1921-06-01", "--format", "table")
    assert status == 0
    assert out.splitlines()[0] == "Vilnius: 54.6892 N 25.2798 E (the gazetteer's point)"
    assert out.splitlines()[2].startswith("de facto: Central Lithuania")


def test_where_diacritics_are_optional(capsys):
    status, out, _ = run(capsys, "where", "Salcininkai", "--at", "1925-01-01", "--format", "table")
    assert status == 0 and out.startswith("Šalčininkai: ")


def test_where_suggests_a_name_the_query_begins(capsys):
    # The gazetteer has Bastuny station (Suwałki Agreement, Art. 1(a): "stacja Bastuny"), no village.
    status, _, err = run(capsys, "where", "Bastuny")
    assert status == 2 and "no place called 'Bastuny'" in err and "'Bastuny station'" in err


def test_where_suggests_the_nearest_spelling(capsys):
    status, _, err = run(capsys, "where", "Vilnus")
    assert status == 2 and "no place called 'Vilnus'" in err and "'Vilnius'" in err
    assert len(err.strip().splitlines()) == 1


def test_where_refuses_one_number(capsys):
    status, _, err = run(capsys, "where", "54.6")
    assert status == 2 and "expected LAT LON or a place's name" in err


def test_layers_lists_the_catalogue(capsys):
    status, out, _ = run(capsys, "layers", "--format", "csv")
    assert status == 0
    rows = out.strip().splitlines()
    assert rows[0].split(",")[:4] == ["layer", "title", "valid_from", "valid_to"]
    assert [r.split(",")[0] for r in rows[1:]] == list(borders.layers().index)


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"borders {borders.__version__}"


def test_a_reader_that_stops_early_gets_no_error():
    # `borders where … | head -2`: the pipe closes before the table is written
    script = Path(sys.executable).with_name("borders")
    done = subprocess.run(f"'{script}' where Hrodna --at 1921-06-01 --format table | head -2", shell=True,
                          capture_output=True, text=True)
    assert done.stdout.splitlines()[1].startswith("de jure:")
    assert done.stderr == ""


def test_piped_output_is_tsv_and_a_table_follows_columns():
    # issue 14: piped output was always a 200-column table, whatever COLUMNS said
    script = Path(sys.executable).with_name("borders")
    piped = subprocess.run([str(script), "where", "Hrodna", "--at", "1921-06-01"], capture_output=True, text=True)
    assert piped.returncode == 0
    assert piped.stdout.startswith("# control\nde_jure\tde_jure_by\tde_facto\t")
    assert "Hrodna: 53.6" in piped.stderr  # the place found, said to the reader, not into the TSV
    env = {**os.environ, "COLUMNS": "80"}
    table = subprocess.run([str(script), "where", "Hrodna", "--at", "1921-06-01", "--format", "table"],
                           capture_output=True, text=True, env=env)
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert "de facto: Poland" in table.stdout


def test_where_says_it_takes_one_place_and_reads_a_name_of_several_words(capsys):
    # a reviewer read "LAT LON | PLACE [LAT LON | PLACE ...]" as several places; the words make one name
    with pytest.raises(SystemExit):
        main(["where", "--help"])
    usage = capsys.readouterr().out.splitlines()[0]
    assert usage.endswith("(LAT LON | PLACE)") and "..." not in usage
    status, out, _ = run(capsys, "where", "Senoji", "Varena", "--format", "table")
    assert status == 0 and out.startswith("Senoji Varėna: ")


def test_where_over_a_year_answers_stretch_by_stretch(capsys):
    # plwiki_granica_pl_cl / enwiki_wilno_land: Central Lithuania was incorporated into Poland as the
    # Wilno Land in April 1922 (zeligowski_zone/wilno-land from 1922-04-13)
    status, out, _ = run(capsys, "where", "Vilnius", "--at", "1922", "--format", "table")
    assert status == 0
    lines = out.splitlines()
    assert lines[1] == "1922: 1922-01-01 to 1922-12-31; the answer changes on 1922-04-13"
    assert lines[2] == "1922-01-01 to 1922-04-12" and lines[4].startswith("  de facto: Central Lithuania")
    assert lines[5] == "1922-04-13 to 1922-12-31" and lines[7].startswith("  de facto: Poland")
    status, out, _ = run(capsys, "where", "Vilnius", "--at", "1922-01", "--format", "table")
    assert out.splitlines()[1] == "1922-01: 1922-01-01 to 1922-01-31; one answer throughout"  # was "changes on none"
    status, out, _ = run(capsys, "where", "Vilnius", "--at", "1922-01", "--format", "json")
    control = json.loads(out)["control"]
    assert [(c["from"], c["to"], c["de_facto"]) for c in control] == [("1922-01-01", "1922-01-31",
                                                                       "Central Lithuania")]


@pytest.mark.parametrize("text", ['+cmd|" /C calc"!A0', "@SUM(1+1)", "-2+3", "=1+1"])
def test_every_formula_start_is_neutralised_in_csv(capsys, write_layer, text):
    # OWASP "CSV Injection": = + - @ at the start of a cell make a spreadsheet run it
    path = hostile_zone(write_layer, text)
    status, out, _ = run(capsys, "compare", "--layer", str(path), "--table", "areas", "--format", "csv")
    row = next(r for r in out.splitlines() if r.startswith("hostile,z,"))
    cell = next(csv.reader([row]))[2]
    assert status == 0 and cell == "'" + text


def test_a_newline_in_a_written_path_stays_on_one_line(capsys, tmp_path):
    target = tmp_path / "two\nlines.csv"
    status, _, err = run(capsys, "compare", "--table", "areas", "--format", "csv", "--output", str(target))
    assert status == 0 and target.exists()
    assert len(err.strip().splitlines()) == 1 and "two\\nlines.csv" in err


@pytest.mark.parametrize(("argv", "message"), [
    (["compare", "--table", "area"], "borders compare: error: argument --table: invalid choice: 'area'"),
    (["frobnicate"], "borders: error: argument command: invalid choice: 'frobnicate'"),
    (["where"], "borders where: error: the following arguments are required: LAT LON | PLACE"),
])
def test_a_bad_argument_is_one_line_too(capsys, argv, message):
    # argparse printed its usage first, over four lines (found by scripts/hostile_inputs.py)
    with pytest.raises(SystemExit) as done:
        main(argv)
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert err.startswith(message) and err.count("\n") == 1
    assert err.endswith(f"; see `{' '.join(message.split(':')[0].split())} --help`\n")
