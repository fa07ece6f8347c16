"""Lengths as the specifications write them: a number and a unit, spelt out.

Examples
--------
>>> metres("17.5 verst")
18669.0
>>> metres("2 km"), metres("800 m")
(2000, 800)
"""

from __future__ import annotations

import re

__all__ = ["UNITS", "metres"]

#: Metres per unit. The verst is the Russian verst of 500 sazhen (1.0668 km), the unit of the
#: treaty texts of 1920.
UNITS = {"m": 1, "km": 1000, "verst": 1066.8}

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|km|verst)s?\s*$")


def metres(text: str) -> float:
    """The length ``text`` ('17.5 verst', '2 km', '800 m') in metres.

    A whole number of metres comes back as an ``int``.

    Raises
    ------
    ValueError
        If ``text`` is not a number followed by m, km or verst.
    """
    match = _LENGTH.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a length such as '2 km', '800 m' or '17.5 verst', got {text!r}")
    number, unit = match.groups()
    value = (float(number) if "." in number else int(number)) * UNITS[unit]
    return int(value) if isinstance(value, int) else value
