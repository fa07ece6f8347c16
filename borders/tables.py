"""Rendering of result tables: terminal (rich), CSV, JSON and Markdown.

Only presentation lives here; the numbers come from :mod:`borders.compare` and
:mod:`borders.classify` unchanged (JSON and CSV keep full precision, the terminal
and Markdown round for reading).
"""

from __future__ import annotations

import io
import json

import pandas as pd

from borders._errors import BordersError, one_line
from borders._values import plain

__all__ = ["FORMATS", "render", "to_records", "TITLES", "spreadsheet_safe"]

FORMATS = ("table", "csv", "json", "markdown")

TITLES = {
    "areas": "Areas (km², WGS84 ellipsoid; min–max from the boundary's uncertainty)",
    "overlaps": "Overlaps of territories valid at the same time",
    "shares": "Shares in today's countries",
    "lines": "Distances between lines (km)",
    "where": "Sides and distances",
}


def to_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: NaN and NA become None, numpy scalars Python ones.

    Examples
    --------
    >>> import pandas as pd
    >>> to_records(pd.DataFrame({"a": [1.5, float("nan")], "b": ["x", None]}))
    [{'a': 1.5, 'b': 'x'}, {'a': None, 'b': None}]
    """
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text: a leading ``'`` before a cell that would start a formula.

    OWASP's advice against CSV injection: a cell starting with ``=``, ``+``, ``-``, ``@``,
    a tab or a carriage return gets a single quote in front. A lone ``-`` (the shares
    table's "in no country") is no formula and stays.

    Examples
    --------
    >>> print(spreadsheet_safe('=HYPERLINK("http://example.com", "click")'))
    '=HYPERLINK("http://example.com", "click")
    >>> spreadsheet_safe("Wilno"), spreadsheet_safe("-")
    ('Wilno', '-')
    """
    if text.startswith(FORMULA_STARTS) and text != "-":
        return "'" + text
    return text


def _cell(column: str, value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if "km2" in column:
            return f"{value:,.1f}"
        if column.startswith("pct"):
            return f"{value:.2f}"
        if column.endswith("_m"):
            return f"{value:,.0f}"
        return f"{value:,.2f}"
    return one_line(value)  # an escape code in a layer's name must not reach the terminal


def _markdown(name: str, frame: pd.DataFrame) -> str:
    lines = [f"## {TITLES.get(name, name)}", ""]
    header = list(frame.columns)
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join("---:" if pd.api.types.is_numeric_dtype(frame[c]) else "---" for c in header) + "|")
    for _, row in frame.iterrows():
        cells = [_cell(c, row[c]).replace("|", "\\|") for c in header]
        lines.append("| " + " | ".join(cells) + " |")
    if frame.empty:
        lines.append("| " + " | ".join("" for _ in header) + " |")
    return "\n".join(lines) + "\n"


def _rich(tables: dict[str, pd.DataFrame], *, width: int | None, color: bool) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 200, color_system="auto" if color else None,
                      force_terminal=color, highlight=False)
    for name, frame in tables.items():
        table = Table(title=TITLES.get(name, name), title_justify="left")
        for column in frame.columns:
            numeric = pd.api.types.is_numeric_dtype(frame[column]) and frame[column].dtype != bool
            table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
        for _, row in frame.iterrows():
            table.add_row(*(Text(_cell(c, row[c])) for c in frame.columns))  # Text: no [markup] from data
        console.print(table)
    return buffer.getvalue()


def render(tables: dict[str, pd.DataFrame], fmt: str, *, width: int | None = None, color: bool = False) -> str:
    """Render named tables in one of :data:`FORMATS`.

    CSV holds one table; pass a dict with a single entry.

    Examples
    --------
    >>> import pandas as pd
    >>> t = {"areas": pd.DataFrame({"feature": ["a"], "area_km2": [1234.56]})}
    >>> print(render(t, "csv"), end="")
    feature,area_km2
    a,1234.56
    >>> print(render(t, "markdown"), end="")
    ## Areas (km², WGS84 ellipsoid; min–max from the boundary's uncertainty)
    <BLANKLINE>
    | feature | area_km2 |
    |---|---:|
    | a | 1,234.6 |
    """
    if fmt not in FORMATS:
        raise BordersError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "json":
        return json.dumps({name: to_records(frame) for name, frame in tables.items()},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        if len(tables) != 1:
            raise BordersError(f"CSV holds one table, got {len(tables)} ({', '.join(tables)}); "
                               "choose one with --table, or use --format json")
        (frame,) = tables.values()
        text = frame.copy()
        for column in text.columns:  # numbers stay numbers; only text could hold a formula
            if text[column].dtype == object or pd.api.types.is_string_dtype(text[column]):
                text[column] = [spreadsheet_safe(one_line(v)) if isinstance(v, str) else v for v in text[column]]
        return text.to_csv(index=False, lineterminator="\n")
    if fmt == "markdown":
        return "\n".join(_markdown(name, frame) for name, frame in tables.items())
    return _rich(tables, width=width, color=color)
