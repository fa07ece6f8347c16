import datetime as dt

import pandas as pd
import pytest

from borders import BordersError
from borders.dates import edtf_days, overlap, parse_at, parse_when, valid_at


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
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


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


@pytest.mark.parametrize(("value", "first", "last"), [
    ("1921", "1921-01-01", "1921-12-31"),
    ("1922-01", "1922-01-01", "1922-01-31"),
    ("1921-03~", "1921-03-01", "1921-03-31"),  # approximate: named, not widened
    ("1920-10/1921-02", "1920-10-01", "1921-02-28"),
    ("192X", "1920-01-01", "1929-12-31"),
    ("1945/1950", "1945-01-01", "1945-12-31"),  # cut to the span the layers cover
])
def test_parse_when_takes_years_months_and_edtf(value, first, last):
    # issue 14: `--at 1921` and `--at 1922-01` were refused, although the data dates things by month
    assert parse_when(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_parse_when_keeps_a_day_a_day_and_refuses_what_is_no_date():
    assert parse_when("1920-10-09") == dt.date(1920, 10, 9)
    assert parse_when(None) is None
    with pytest.raises(BordersError, match="expected a day YYYY-MM-DD .* got 'autumn 1920'"):
        parse_when("autumn 1920")
    with pytest.raises(BordersError, match="outside 1918-01-01..1945-12-31"):
        parse_when("1950")
    with pytest.raises(ValueError, match="not EDTF"):
        edtf_days("1921-13")


def test_a_feature_is_valid_in_a_period_if_it_is_valid_on_any_day_of_it():
    frame = pd.DataFrame({"valid_from": ["1919-07-26", "1920-07-12", "1922-04-13"],
                          "valid_to": ["1920-10-07", "1922-04-13", None]})
    assert valid_at(frame, parse_when("1920")).tolist() == [True, True, False]
    assert valid_at(frame, parse_when("1922-04")).tolist() == [False, True, True]
    assert valid_at(frame, parse_when("1921")).tolist() == [False, True, False]
