import datetime as dt

import pandas as pd
import pytest

from borders import BordersError
from borders.dates import overlap, parse_at, valid_at


def test_parse_at_takes_iso_dates_and_dates():
    assert parse_at("1920-10-09") == dt.date(1920, 10, 9)
    assert parse_at(dt.date(1923, 3, 15)) == dt.date(1923, 3, 15)
    assert parse_at(None) is None


@pytest.mark.parametrize(("value", "message"), [
    ("1920-13-01", "expected a date as YYYY-MM-DD (e.g. 1920-10-09), got '1920-13-01'"),
    ("19201009", "expected a date as YYYY-MM-DD (e.g. 1920-10-09), got '19201009'"),
    ("October 1920", "expected a date as YYYY-MM-DD (e.g. 1920-10-09), got 'October 1920'"),
    ("1917-12-31", "date 1917-12-31 is outside 1918-01-01..1945-12-31, the span the layers cover"),
    ("1946-01-01", "date 1946-01-01 is outside 1918-01-01..1945-12-31, the span the layers cover"),
])
def test_parse_at_rejects_bad_dates_in_one_line(value, message):
    with pytest.raises(BordersError) as err:
        parse_at(value)
    assert str(err.value) == message


def test_valid_at_is_half_open_and_treats_missing_ends_as_open():
    frame = pd.DataFrame({"valid_from": ["1919-07-26", "1920-07-12", None],
                          "valid_to": ["1920-10-07", None, "1919-01-01"]})
    assert valid_at(frame, dt.date(1920, 10, 6)).tolist() == [True, True, False]
    assert valid_at(frame, dt.date(1920, 10, 7)).tolist() == [False, True, False]
    assert valid_at(frame, dt.date(1918, 6, 1)).tolist() == [False, False, True]
    assert valid_at(frame, None).tolist() == [True, True, True]


def test_overlap_of_intervals():
    assert overlap("1919-07-26", "1920-10-07", "1920-07-12", "1939-10-10")
    assert not overlap("1919-06-18", "1919-07-26", "1919-07-26", "1920-10-07")  # one ends as the next begins
    assert overlap(None, None, "1920-01-01", None)
