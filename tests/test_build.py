"""The build from specifications: the shipped data is what its specifications say; errors are one located line."""

import json
import re
import shutil
from pathlib import Path

import pytest
from build_world import LINE_LAYER, data_folder
from pyproj import Geod

from borders.build import BuildDifference, build, check, rebuild
from borders.build.spec import SpecError
from borders.build.steps import STEP_KINDS
from borders.cli import main
from borders.io import data_dir

SPECS_README = Path(__file__).resolve().parent.parent / "geodata" / "specs" / "README.md"
GEOD = Geod(ellps="WGS84")
# 'far' (24.5 E, 54.05 N) lies due south of the confluence (24.5 E, 54.5 N), the nearest river point.
RIVER_GAP_M = GEOD.inv(24.5, 54.05, 24.5, 54.5)[2]


def test_the_shipped_layers_are_what_their_specifications_build():
    check(data_dir())


def test_the_build_reproduces_every_shipped_file_and_the_catalogue():
    texts = rebuild(data_dir())
    catalogue = json.loads((data_dir() / "catalog.json").read_text(encoding="utf-8"))
    assert set(texts) == {entry["filename"] for entry in catalogue.values()} | {"catalog.json"}


def test_cli_check_passes_in_a_copy_and_names_a_changed_feature(tmp_path, monkeypatch, capsys):
    copy = tmp_path / "geodata"
    shutil.copytree(data_dir(), copy)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--check"]) == 0
    assert "are what the specifications build" in capsys.readouterr().out
    spec = copy / "specs" / "treaty_1920.toml"
    text = spec.read_text(encoding="utf-8")
    at = text.index('id = "treaty_1920/s02-neman"')
    text = text[:at] + re.sub(r"uncertainty_m = \d+", "uncertainty_m = 1500", text[at:], count=1)
    spec.write_text(text, encoding="utf-8")
    assert main(["build", "--check"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "treaty_1920.geojson: feature 'treaty_1920/s02-neman' differs in 'uncertainty_m'" in err
    assert main(["build"]) == 0  # the correction, built: the diff shows what moved
    assert "treaty_1920.geojson" in capsys.readouterr().out
    assert main(["build", "--check"]) == 0


def test_build_writes_the_layer_and_its_catalogue_entry(tmp_path):
    folder = data_folder(tmp_path)
    changed = build(folder)
    assert {p.name for p in changed} == {"mine.geojson", "places.geojson", "catalog.json"}
    layer = json.loads((folder / "mine.geojson").read_text(encoding="utf-8"))
    by_id = {f["properties"]["id"]: f for f in layer["features"]}
    assert list(by_id) == ["mine/line", "mine/territory", "mine/s01", "mine/s02", "mine/f01"]
    assert by_id["mine/f01"]["properties"]["status"] == "frame"
    assert by_id["mine/f01"]["properties"]["valid_to"] == "1921-01-01"  # the dates of the territory it closes
    assert by_id["mine/territory"]["properties"]["bounded_by"] == ["mine/s01", "mine/s02", "mine/f01"]
    assert by_id["mine/territory"]["properties"]["uncertainty_m"] == 2000
    assert by_id["mine/s01"]["properties"]["valid_from_edtf"] == "1920-01-01"  # an EDTF left out = the ISO day
    catalogue = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    assert list(catalogue) == ["mine", "places"]
    assert catalogue["mine"]["nrows"] == 5 and catalogue["mine"]["build_inputs"] == {"made_up": "1"}
    assert build(folder) == []  # the same input gives the same bytes
    check(folder)


def test_an_unclosed_ring_names_the_open_segment(tmp_path):
    text = LINE_LAYER.replace('    {place = "far"},\n    {place = "riverhead"},\n', '    {place = "far"},\n')
    folder = data_folder(tmp_path, text)
    with pytest.raises(SpecError) as err:
        rebuild(folder)
    message = str(err.value)
    assert re.fullmatch(r"geodata/specs/mine\.toml:\d+: territory 'mine/territory': the frame ends [\d,]+ m from "
                        r"the start of 'mine/line': it must close the ring", _relative(message, tmp_path))


def test_segments_that_do_not_meet_are_named(tmp_path):
    # Without the frame the ring is the line alone, whose two ends never meet.
    text = LINE_LAYER.replace('ring = ["mine/line", "frame"]', 'ring = ["mine/line", "mine/f01"]')
    text = text.replace('[[frame]]\nid = "mine/f01"', '[[lines]]\nid = "mine/l2"\nname = "Another line"\n'
                        'status = "treaty"\nvalid_from = "1920-01-01"\nsources = ["made_up"]\nnote = "n"\n\n'
                        '[[lines.segments]]\nid = "mine/f01"')
    text = text.replace('    {follow_border = ["LT", "PL"], to = {border_end = ["LT", "PL"], touching = "BY"}},\n',
                        '    {place = "coast_place"},\n')
    text = text.replace('name = "Down the border and back"\n',
                        'name = "Down the border and back"\nclause = "back"\nclause_language = "en"\n')
    folder = data_folder(tmp_path, text)
    with pytest.raises(SpecError) as err:
        rebuild(folder)
    # s02 ends at near_border (25.02 E, 54.8 N); the nearest other segments run along 24.5 E.
    gap = GEOD.inv(25.02, 54.8, 24.5, 54.8)[2]
    assert str(err.value).endswith(f"mine.toml:{_line_of(folder / 'specs' / 'mine.toml', 'ring = ')}: territory "
                                   f"'mine/territory': field 'ring': does not close: segment 'mine/s02' ends "
                                   f"{gap:,.0f} m from the nearest other segment of the ring, 'mine/s01'")


def test_a_river_out_of_reach_is_located(tmp_path):
    folder = data_folder(tmp_path, LINE_LAYER.replace('{follow_river = "source", max_snap = "500 m"}',
                                                      '{follow_river = "far", max_snap = "500 m"}'))
    with pytest.raises(SpecError) as err:
        rebuild(folder)
    line = _line_of(folder / "specs" / "mine.toml", '{follow_river = "far"')
    assert _relative(str(err.value), tmp_path) == (
        f"geodata/specs/mine.toml:{line}: segment 'mine/s01': step 2 (follow_river): cannot follow a river from the "
        f"last vertex to the point nearest 'far': its end is {RIVER_GAP_M:,.0f} m from the nearest river, more "
        "than the 500 m max_snap allows")


@pytest.mark.parametrize(("old", "new", "line_text", "expected"), [
    ('{place = "riverhead"},', '{place = "riverhed"},', '{place = "riverhed"}',
     "segment 'mine/s01': step 1 (place): field 'place': unknown place id 'riverhed' (did you mean 'riverhead'?); "
     "expected an id of geodata/specs/places.toml"),
    ('{place = "near_border"},', '{plaice = "near_border"},', '{plaice',
     "segment 'mine/s02': step 1: no step kind (did you mean 'place'?); expected one of " + ", ".join(STEP_KINDS)),
    ('sources = ["made_up"]\nmethod = "interpolated"', 'sources = ["made_upp"]\nmethod = "interpolated"',
     'sources = ["made_upp"]',
     "segment 'mine/s02': field 'sources': unknown source id 'made_upp' (did you mean 'made_up'?); add it to "
     "geodata/sources.json"),
    ('uncertainty_m = 2000', 'uncertainty_m = inf', 'uncertainty_m = inf',
     "segment 'mine/s02': field 'uncertainty_m': expected a number of metres above 0 and at most 100,000, got inf"),
    ('determined = false', 'determined = "no"', 'determined = "no"',
     "segment 'mine/s02': field 'determined': expected true or false, got 'no'"),
    ('ring = ["mine/line", "frame"]', 'ring = ["mine/lines", "frame"]', 'ring = ',
     "territory 'mine/territory': field 'ring': 'mine/lines' is not a line or segment of the layer (did you mean "
     "'mine/line'?)"),
    ('valid_to = "1921-01-01"\nsources', 'valid_to = "1920-01-01"\nsources', 'valid_to = "1920-01-01"',
     "line 'mine/line': field 'valid_to': 1920-01-01 is not after valid_from 1920-01-01; a feature is valid from "
     "its first day up to, not including, its last"),
    ('{follow_river = "source", max_snap = "500 m"}', '{follow_river = "source", max_snap = "500"}',
     '{follow_river = "source"',
     "segment 'mine/s01': step 2 (follow_river): field 'max_snap': expected a length such as '2 km', '800 m' or "
     "'17.5 verst', got '500'"),
    ('    {place = "riverhead"},\n    {follow_river', '    {follow_river', '{follow_river',
     "segment 'mine/s01': step 1 (follow_river): a line's first segment must begin with a point step "
     "(border_end, border_point, coast_end, midpoint, offset, place, river_point, shore_point), where the line starts"),
    ('uncertainty_m = 1000', 'uncertainty_m = 1000\nuncertainy_m = 900', 'uncertainy_m',
     "segment 'mine/s01': field 'uncertainy_m': not a field of a segment (did you mean 'uncertainty_m'?); expected "
     "basis, clause, clause_language, confirmed, determined, id, method, name, note, sources, status, steps, "
     "uncertainty_m, unidentified, valid_from, valid_from_edtf, valid_to, valid_to_edtf"),
    # basis and determined must agree (issue 10): a stand-in is not determined, and says what stands in
    ('basis = "inferred"\nuncertainty_m = 2000\ndetermined = false',
     'basis = "proxy"\nuncertainty_m = 2000\ndetermined = true', ('id = "mine/s02"', 'determined = true'),
     "segment 'mine/s02': field 'determined': a proxy segment is not determined: no source says the stand-in is the "
     "line"),
    ('basis = "inferred"\nuncertainty_m = 2000', 'basis = "proxy"\nuncertainty_m = 2000', 'note = "A straight line."',
     "segment 'mine/s02': field 'note': a proxy segment's note says what stands in for the course (e.g. \"today's "
     "border stands in\")"),
    ('basis = "summary"\nuncertainty_m = 1000\ndetermined = true', 'basis = "summary"\nuncertainty_m = 1000\n'
     'determined = true\nunidentified = ["Borovyia"]', 'determined = true',
     "segment 'mine/s01': field 'determined': the course runs through points nobody has identified (Borovyia), so "
     "no source read fixes it"),
    ('basis = "summary"\nuncertainty_m = 1000', 'basis = "hearsay"\nuncertainty_m = 1000', 'basis = "hearsay"',
     "segment 'mine/s01': field 'basis': expected one of text, summary, inferred, proxy, got 'hearsay'"),
    ('    {place = "near_border"},', '    {place = "near_border", evidence = "1920s"},', 'evidence = "1920s"',
     "segment 'mine/s02': step 1 (place): field 'evidence': expected the year (1921), the years ('1919-1922') or "
     "'undated' that the statement of the place's side describes, got '1920s'"),
    ('{follow_border = ["LT", "PL"], to', '{follow_border = ["LT", "XX"], to', '{follow_border = ["LT", "XX"]',
     "segment 'mine/f01': step 1 (follow_border): field 'follow_border': unknown country 'XX'; expected one of BY, "
     "LT, PL, RU"),
    ('note = "Across the made-up world."', 'note = "Across the made-up world."\nparty_left = "Lithuania"',
     'party_left = ', "line 'mine/line': field 'party_left' without 'party_right': a line's sides are given both "
     "or neither"),
    ('note = "Across the made-up world."', 'note = "Across the made-up world."\nparty_left = "Lithuania"\n'
     'party_right = "Ruritania"', 'party_right = ', "line 'mine/line': field 'party_right': expected one of "
     "Byelorussian SSR, Central Lithuania, Latvia, Lithuania, Lithuanian SSR, Poland, Soviet Russia, neutral, got "
     "'Ruritania'"),
])
def test_schema_errors_give_file_line_feature_and_what_was_expected(tmp_path, capsys, old, new, line_text, expected):
    assert old in LINE_LAYER
    folder = data_folder(tmp_path, LINE_LAYER.replace(old, new, 1))
    line = _line_of(folder / "specs" / "mine.toml", line_text)
    assert main(["build", "--check", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert _relative(err.strip(), tmp_path) == f"borders build: error: geodata/specs/mine.toml:{line}: {expected}"
    assert not (folder / "mine.geojson").exists()  # nothing is built from a file that breaks the schema


def test_invalid_toml_gives_the_parsers_line(tmp_path, capsys):
    folder = data_folder(tmp_path, LINE_LAYER.replace('status = "treaty"\nvalid_from = "1920-01-01"\nvalid_to',
                                                      'status = "treaty\nvalid_from = "1920-01-01"\nvalid_to', 1))
    assert main(["build", "--data", str(folder)]) == 2
    assert re.search(r"mine\.toml:13: not valid TOML: ", capsys.readouterr().err)


def test_an_edited_input_extract_is_refused(tmp_path, capsys):
    folder = data_folder(tmp_path)
    with open(folder / "inputs" / "geonames.csv", "a", encoding="utf-8") as fh:
        fh.write("1002,East,54.5,25.0,PL,10\n")
    assert main(["build", "--data", str(folder)]) == 2
    assert "geonames.csv: sha256 differs from inputs.json; rerun scripts/refresh_inputs.py" in capsys.readouterr().err


def test_building_in_a_folder_without_specifications_says_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2
    assert "no geodata/specs in this folder; run `borders build` in a clone" in capsys.readouterr().err


def test_check_reports_a_missing_file(tmp_path):
    folder = data_folder(tmp_path)
    build(folder)
    (folder / "mine.geojson").unlink()
    with pytest.raises(BuildDifference, match=r"mine\.geojson: missing, but the specifications build it"):
        check(folder)


def test_no_code_runs_from_the_specifications():
    # Plain TOML, read with tomllib: no Python modules in the folder, no include of code.
    specs = SPECS_README.parent
    assert not list(specs.rglob("*.py"))
    assert {p.suffix for p in specs.rglob("*") if p.is_file()} == {".toml", ".md"}


def test_the_readme_documents_every_step_kind_with_its_example():
    text = SPECS_README.read_text(encoding="utf-8")
    headings = re.findall(r"^### ([a-z_]+)$", text, flags=re.M)
    assert headings == list(STEP_KINDS)
    for kind in STEP_KINDS.values():
        section = text.split(f"### {kind.name}\n", 1)[1].split("\n### ", 1)[0]
        assert f"```toml\n{kind.example}\n```" in section, kind.name


def test_a_ring_line_that_bounds_none_of_the_seeded_faces_is_refused(tmp_path):
    # A second territory names a closed line lying apart from the territory the lake seeds (the
    # triangle west - stop - coast_place): built, that line would drop out of its ring unseen.
    loop = ('[[lines]]\nid = "mine/loop"\nname = "A loop apart"\nstatus = "treaty"\nvalid_from = "1920-01-01"\n'
            'sources = ["made_up"]\nnote = "n"\n\n')
    for n, steps in enumerate(('{place = "west"},\n    {place = "stop"}', '{place = "coast_place"}',
                               '{place = "west"}'), start=1):
        loop += (f'[[lines.segments]]\nid = "mine/l{n:02d}"\nname = "Leg {n}"\nclause = "leg"\n'
                 'clause_language = "en"\nsources = ["made_up"]\nmethod = "interpolated"\nbasis = "inferred"\n'
                 f'uncertainty_m = 100\ndetermined = false\nnote = "n"\nsteps = [\n    {steps},\n]\n\n')
    other = ('\n[[territories]]\nid = "mine/other"\nname = "Another territory"\nkind = "territory"\n'
             'status = "treaty"\nvalid_from = "1920-01-01"\nvalid_to = "1921-01-01"\n'
             'ring = ["mine/line", "mine/f01", "mine/loop"]\nseed = "lake"\nsources = ["made_up"]\nnote = "n"\n')
    text = LINE_LAYER.replace("[[frame]]", loop + "[[frame]]") + other
    folder = data_folder(tmp_path, text)
    with pytest.raises(SpecError) as err:
        rebuild(folder)
    line = _line_of(folder / "specs" / "mine.toml", ('id = "mine/other"', "ring = "))
    assert _relative(str(err.value), tmp_path) == (
        f"geodata/specs/mine.toml:{line}: territory 'mine/other': field 'ring': line 'mine/loop' does not bound "
        "the faces the seeds pick; check the seeds, or leave the line out")
    without = text.replace('"mine/f01", "mine/loop"]', '"mine/f01"]')
    rebuild(data_folder(tmp_path / "without", without))  # the same territory without the loop builds


def _line_of(path: Path, text) -> int:
    """The number of the first line holding ``text``; with (after, text), the first after the line holding ``after``."""
    after, text = text if isinstance(text, tuple) else (None, text)
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0 if after is None else next(n for n, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if text in line)


def _relative(message: str, root: Path) -> str:
    return message.replace(str(root.resolve()) + "/", "").replace(str(root) + "/", "")


def test_every_readme_example_passes_the_schema():
    import tomllib

    from borders.build.spec import Context, _Checker, read_spec

    places = read_spec(data_dir() / "specs" / "places.toml")
    ctx = Context(places=places.data["places"], sources=set(), countries={"LT", "LV", "BY", "PL", "RU"},
                  railways={"grodno_dvinsk": ["hrodna", "vilnius_station"]},
                  lines={"neutral_zone_1920/polish-edge"})
    checker = _Checker(places, ctx)
    for kind in STEP_KINDS.values():
        step = tomllib.loads(f"step = {kind.example}")["step"]
        checker.step(step, (), "example", f"README example of {kind.name}")


QUESTION = '''
[[questions]]
id = "river"
question = "Did the line follow the river, or run straight to the source?"
segments = ["mine/s01"]
default = "along"

[[questions.readings]]
id = "along"
name = "Along the river"
sources = ["made_up"]
note = "The default."

[[questions.readings]]
id = "straight"
name = "Straight to the source"
sources = ["made_up"]
note = "Another account."
variants = {"mine/line" = "mine/line-straight", "mine/territory" = "mine/territory-straight"}

[[questions.readings.segments]]
id = "mine/s01-straight"
name = "Straight"
clause = "straight"
clause_language = "en"
sources = ["made_up"]
method = "interpolated"
basis = "summary"
uncertainty_m = 1000
determined = true
note = "A chord to the river's head at station_b (24.5 E, 54.9 N), where the river ends."
steps = [
    {place = "riverhead"},
    {place = "station_b"},
]
'''


def test_a_reading_is_its_own_line_and_territory(tmp_path):
    folder = data_folder(tmp_path, LINE_LAYER + QUESTION)
    build(folder)
    layer = {f["properties"]["id"]: f["properties"] for f in
             json.loads((folder / "mine.geojson").read_text(encoding="utf-8"))["features"]}
    assert layer["mine/line"]["reading"] == "river/along" and layer["mine/line"]["reading_default"] is True
    variant = layer["mine/line-straight"]
    assert (variant["reading"], variant["reading_default"]) == ("river/straight", False)
    assert variant["segments"] == ["mine/s01-straight", "mine/s02"]
    assert layer["mine/territory-straight"]["bounded_by"] == ["mine/s02", "mine/f01", "mine/s01-straight"]
    assert layer["mine/s01-straight"]["line"] == "mine/line-straight"
    assert layer["mine/s02"]["reading"] is None  # untouched by the question
    catalogue = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    assert catalogue["mine"]["questions"]["river"]["default_reading"] == "river/along"


def test_a_reading_must_rejoin_the_line(tmp_path):
    text = LINE_LAYER + QUESTION.replace('    {place = "station_b"},\n', '    {place = "far"},\n')
    folder = data_folder(tmp_path, text)
    with pytest.raises(SpecError, match=r"question 'river': reading 'river/straight' ends [\d,]+ m from where the "
                                        r"segments it replaces end \('mine/s01'\); it must rejoin the line there"):
        rebuild(folder)


def test_a_reading_names_every_variant_it_makes(tmp_path):
    folder = data_folder(tmp_path, LINE_LAYER + QUESTION.replace(', "mine/territory" = "mine/territory-straight"', ""))
    with pytest.raises(SpecError, match=r"field 'variants': expected an id for the reading's version of each of "
                                        r"mine/line, mine/territory"):
        rebuild(folder)
