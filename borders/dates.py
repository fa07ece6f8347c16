"""Dates: parsing the dates users ask about, and which features were valid then.

A feature is valid on day ``d`` when ``valid_from <= d < valid_to``; a missing end
is open. The end day itself belongs to whatever replaced the feature (the Foch line
ends on 1920-10-07, the day the Suwałki Agreement was signed).

A question may name a day (``1920-10-09``) or a stretch of days, as historians date
things: a year (``1921``), a month (``1922-01``) or any EDTF expression (the Library of
Congress Extended Date/Time Format, read with the ``edtf`` package: ``1921-03~``,
``1920-10/1921-02``, ``192X``). A stretch is the days from its first to its last; a
feature is valid in it when it is valid on any of those days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import numpy as np
import pandas as pd

from borders._errors import BordersError

__all__ = ["parse_at", "parse_when", "edtf_days", "valid_at", "overlap", "FIRST_DAY", "LAST_DAY", "Period"]

#: A stretch of days: the first and the last (both included).
Period = tuple[dt.date, dt.date]
_FORMS = "a day YYYY-MM-DD (1920-10-09), a year (1921), a month (1922-01) or EDTF (1921-03~, 1920-10/1921-02)"

#: The span of dates the toolkit answers questions about.
FIRST_DAY = dt.date(1918, 1, 1)
LAST_DAY = dt.date(1945, 12, 31)


def parse_at(value) -> dt.date | None:
    """Parse a date a user asked about: ISO ``YYYY-MM-DD`` between 1918 and 1945.

    ``None`` stays ``None`` (no date: every feature).

    Raises
    ------
    BordersError
        With one line saying what was expected.

    Examples
    --------
    >>> parse_at("1920-10-09")
    datetime.date(1920, 10, 9)
    >>> parse_at("1950-01-01")
    Traceback (most recent call last):
    ...
    borders._errors.BordersError: date 1950-01-01 is outside 1918-01-01..1945-12-31, the span the layers cover
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value)
        try:
            if len(text) != 10:
                raise ValueError(text)
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise BordersError(f"expected a date as YYYY-MM-DD (e.g. 1920-10-09), got {text!r}; a year, a month "
                               "or EDTF is taken where a period makes sense (borders where, borders compare)") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BordersError(f"date {day.isoformat()} is outside {FIRST_DAY}..{LAST_DAY}, the span the layers cover")
    return day


def edtf_days(text: str) -> Period:
    """The first and the last day an EDTF expression names (its strict bounds: ``~`` and ``?`` mark a
    date approximate or uncertain without widening it; the ``edtf`` package's fuzzy bounds would make
    "1921-03~" the years 1920-1922).

    Raises
    ------
    ValueError
        If ``text`` is not EDTF.

    Examples
    --------
    >>> edtf_days("1921-03~")
    (datetime.date(1921, 3, 1), datetime.date(1921, 3, 31))
    >>> edtf_days("1920-10/1921-02")
    (datetime.date(1920, 10, 1), datetime.date(1921, 2, 28))
    """
    quick = _plain_edtf_days(text)
    if quick is not None:
        return quick
    from edtf import parse_edtf, struct_time_to_date
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(str(text))
        return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())
    except (EDTFParseException, ValueError, OverflowError, TypeError) as err:
        raise ValueError(f"not EDTF: {text!r}") from err


#: The EDTF forms most dates take: a year, a month or a day, perhaps marked approximate or uncertain.
_PLAIN_EDTF = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?[~?%]?")


def _plain_edtf_days(text) -> Period | None:
    """:func:`edtf_days` of a plain year, month or day (``1921``, ``1921-03~``, ``1939-10-28``) without
    the ``edtf`` package's parser, which takes milliseconds a date; ``None`` for any other form (the
    parser judges it, and an invalid date). The same days as the parser's strict bounds (a test checks)."""
    match = _PLAIN_EDTF.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            first = last = dt.date(year, month, day)
        elif month is not None:
            first = dt.date(year, month, 1)
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (ValueError, OverflowError):  # month 13, 30 February, year 0: the parser's say
        return None
    return first, last


def parse_when(value) -> dt.date | Period | None:
    """Parse a day or a stretch of days a user asked about: a day stays a day, a year, a month or an EDTF
    expression becomes (first, last). ``None`` stays ``None``.

    Examples
    --------
    >>> parse_when("1920-10-09")
    datetime.date(1920, 10, 9)
    >>> parse_when("1922-01")
    (datetime.date(1922, 1, 1), datetime.date(1922, 1, 31))
    >>> parse_when("1921")[1]
    datetime.date(1921, 12, 31)
    >>> parse_when("autumn 1920")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    borders._errors.BordersError: expected a day YYYY-MM-DD (1920-10-09), a year (1921), ... got 'autumn 1920'
    """
    if value is None or isinstance(value, dt.date):
        return parse_at(value)
    if isinstance(value, tuple) and len(value) == 2:
        first, last = parse_at(value[0]), parse_at(value[1])
    else:
        text = str(value).strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return parse_at(text)
        try:
            first, last = edtf_days(text)
        except ValueError:
            raise BordersError(f"expected {_FORMS}, got {text!r}") from None
        if first == last:
            return parse_at(first)
        first, last = max(first, FIRST_DAY), min(last, LAST_DAY)
        if first > last:
            raise BordersError(f"{text} is outside {FIRST_DAY}..{LAST_DAY}, the span the layers cover")
    if last < first:
        raise BordersError(f"the period ends ({last}) before it begins ({first})")
    return first, last


def valid_at(frame: pd.DataFrame, day: dt.date | Period | None) -> np.ndarray:
    """Boolean mask of the rows of ``frame`` valid on ``day``, or on any day of a ``(first, last)`` period
    (all rows if None).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"valid_from": ["1919-07-26", "1920-07-12"],
    ...                   "valid_to": ["1920-10-07", None]})
    >>> valid_at(f, parse_at("1920-10-07")).tolist()
    [False, True]
    >>> valid_at(f, parse_when("1920")).tolist()
    [True, True]
    """
    if day is None:
        return np.ones(len(frame), dtype=bool)
    first, last = day if isinstance(day, tuple) else (day, day)
    lo, hi = first.isoformat(), last.isoformat()
    started = np.array([pd.isna(s) or s <= hi for s in frame["valid_from"]], dtype=bool)
    not_ended = np.array([pd.isna(e) or lo < e for e in frame["valid_to"]], dtype=bool)
    return started & not_ended


def overlap(a_from, a_to, b_from, b_to) -> bool:
    """Whether two validity intervals ``[from, to)`` share at least one day (None = open)."""
    lo = max("" if pd.isna(a_from) else a_from, "" if pd.isna(b_from) else b_from)
    ends = [e for e in (a_to, b_to) if not pd.isna(e)]
    return not ends or lo < min(ends)
