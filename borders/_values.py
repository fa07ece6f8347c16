"""Property values as plain Python: what JSON, tables and fiona can all take."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

__all__ = ["plain"]


def plain(value):
    """NaN and NA become None, numpy scalars and arrays Python ones, dates ISO days, containers recursively.

    Examples
    --------
    >>> plain(np.float64("nan")) is None, plain(np.int64(3)), plain(np.array([1, 2]))
    (True, 3, [1, 2])
    >>> plain(pd.Timestamp("1920-07-12")), plain(dt.date(1920, 10, 9))
    ('1920-07-12', '1920-10-09')
    >>> plain({"a": [np.bool_(True), pd.NA]})
    {'a': [True, None]}
    """
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, dt.datetime):  # pandas' Timestamp too: the layers date by the day
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
