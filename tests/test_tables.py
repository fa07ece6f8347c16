import json

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
    assert "| a\\|b | 84,952.1 | 12.35 | yes |" in text
    assert "| c |  | 1.00 | no |" in text


def test_terminal_table_shows_every_row():
    text = render({"areas": TABLE}, "table", width=120)
    assert "84,952.1" in text and "a|b" in text


def test_unknown_format_is_refused():
    with pytest.raises(BordersError, match="unknown format 'xml'"):
        render({"areas": TABLE}, "xml")


def test_records_convert_numpy_and_missing_values():
    rows = to_records(pd.DataFrame({"n": np.array([1, 2], dtype=np.int64), "s": ["x", None]}))
    assert rows == [{"n": 1, "s": "x"}, {"n": 2, "s": None}]
    assert type(rows[0]["n"]) is int
