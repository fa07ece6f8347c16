import json
import re

import numpy as np
import pandas as pd
import pytest

from borders import BordersError
from borders.tables import render, to_records

TABLE = pd.DataFrame({"feature": ["a|b", "c"], "area_km2": [84952.0821, np.nan], "pct": [12.3456, 1.0],
                      "determined": [True, False]})


def test_json_keeps_full_precision_and_writes_null_for_missing():
    got = json.loads(render({"areas": TABLE}, "json"))
    assert got["areas"][0]["area_km2"] == 84952.0821
    assert got["areas"][1]["area_km2"] is None
    assert got["areas"][0]["determined"] is True


def test_csv_holds_one_table_only():
    with pytest.raises(BordersError, match="CSV holds one table, got 2 .*--table"):
        render({"areas": TABLE, "lines": TABLE}, "csv")
    assert render({"areas": TABLE}, "csv").splitlines()[0] == "feature,area_km2,pct,determined"


def test_markdown_rounds_for_reading_and_escapes_pipes():
    text = render({"areas": TABLE}, "markdown")
    # issue 14: areas to the km², shares to 0.1 %
    assert "| a\\|b | 84,952 | 12.3 | yes |" in text
    assert "| c |  | 1.0 | no |" in text


def test_terminal_table_shows_every_row():
    text = render({"areas": TABLE}, "table", width=120)
    assert "84,952" in text and "a|b" in text


def test_unknown_format_is_refused():
    with pytest.raises(BordersError, match="unknown format 'xml'"):
        render({"areas": TABLE}, "xml")


def test_records_convert_numpy_and_missing_values():
    rows = to_records(pd.DataFrame({"n": np.array([1, 2], dtype=np.int64), "s": ["x", None]}))
    assert rows == [{"n": 1, "s": "x"}, {"n": 2, "s": None}]
    assert type(rows[0]["n"]) is int


WIDE = pd.DataFrame({
    "layer": ["treaty_1920", "zeligowski_zone"],
    "feature": ["treaty_1920/territory-1921-hrodna-30km", "zeligowski_zone/line-poland-north-1920"],
    "name": ["Territory of Lithuania under the Soviet-Lithuanian Peace Treaty of 12 July 1920, with the coast",
             "Boundary between Central Lithuania and Brasław county, October 1920 - April 1922"],
    "side": ["in", None], "distance_km": [92.8512, 104.3166], "uncertainty_m": [6000.0, 13000.0],
    "nearest_segment": ["treaty_1920/s05-viliya", "zeligowski_zone/p01-dysna"],
})


@pytest.mark.parametrize("width", [80, 100, 160])
def test_a_terminal_table_fits_its_width_and_never_breaks_a_number_or_a_header(width):
    # issue 14: at 80 columns `where` printed 155 lines with headers broken as "laye/r", and
    # `compare` at 100 split "84,952." / "1"
    text = render({"where": WIDE}, "table", width=width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "92.9" in text and "104.3" in text and "6,000" in text and "13,000" in text
    header = next(line for line in lines if "feature" in line)
    for column in ("feature", "side", "distance_km"):
        assert re.search(rf"(^|\s){column}(\s|$)", header), (column, header)
    if width == 80:  # the less needed columns are left out, and the table says which
        assert "name" not in header.split() and "left out at 80 columns: layer, name" in text


def test_an_id_folds_after_its_slash():
    text = render({"where": WIDE[["feature", "distance_km"]]}, "table", width=30)
    assert "treaty_1920/" in text.splitlines()[4]


def test_tsv_keeps_full_precision_and_marks_each_table():
    text = render({"where": WIDE[["feature", "distance_km"]], "areas": TABLE}, "tsv")
    assert text.startswith("# where\nfeature\tdistance_km\n")
    assert "treaty_1920/territory-1921-hrodna-30km\t92.8512\n" in text
    assert "\n# areas\nfeature\tarea_km2\tpct\tdetermined\n" in text
    assert render({"areas": TABLE}, "tsv").startswith("feature\tarea_km2")
