"""Dates: parsing the dates users ask about, and which features were valid then.

A feature is valid on day ``d`` when ``valid_from <= d < valid_to``; a missing end
is open. The end day itself belongs to whatever replaced the feature (the Foch line
ends on 1920-10-07, the day the Suwałki Agreement was signed).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from borders._errors import BordersError

__all__ = ["parse_at", "valid_at", "overlap", "FIRST_DAY", "LAST_DAY"]

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
            raise BordersError(f"expected a date as YYYY-MM-DD (e.g. 1920-10-09), got {text!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BordersError(f"date {day.isoformat()} is outside {FIRST_DAY}..{LAST_DAY}, the span the layers cover")
    return day


def valid_at(frame: pd.DataFrame, day: dt.date | None) -> np.ndarray:
    """Boolean mask of the rows of ``frame`` valid on ``day`` (all rows if ``day`` is None).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"valid_from": ["1919-07-26", "1920-07-12"],
    ...                   "valid_to": ["1920-10-07", None]})
    >>> valid_at(f, parse_at("1920-10-07")).tolist()
    [False, True]
    """
    if day is None:
        return np.ones(len(frame), dtype=bool)
    iso = day.isoformat()
    started = np.array([pd.isna(s) or s <= iso for s in frame["valid_from"]], dtype=bool)
    not_ended = np.array([pd.isna(e) or iso < e for e in frame["valid_to"]], dtype=bool)
    return started & not_ended


def overlap(a_from, a_to, b_from, b_to) -> bool:
    """Whether two validity intervals ``[from, to)`` share at least one day (None = open)."""
    lo = max("" if pd.isna(a_from) else a_from, "" if pd.isna(b_from) else b_from)
    ends = [e for e in (a_to, b_to) if not pd.isna(e)]
    return not ends or lo < min(ends)
