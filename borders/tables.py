"""Rendering of result tables: terminal (rich), TSV, CSV, JSON and Markdown.

Only presentation lives here; the numbers come from :mod:`borders.compare` and
:mod:`borders.classify` unchanged. JSON, CSV and TSV keep full precision; the terminal
and Markdown round to what the data supports: areas to the km², shares to 0.1 %,
distances to 0.1 km, metres to the metre. A terminal table fits its width: it keeps
the columns that matter most for the table (:data:`PRIORITY`), folds long text, never
breaks a number or a header, and says which columns it left out.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd

from borders._errors import BordersError, one_line
from borders._values import plain

__all__ = ["FORMATS", "render", "to_records", "TITLES", "PRIORITY", "fit_columns", "spreadsheet_safe"]

FORMATS = ("table", "tsv", "csv", "json", "markdown", "html")

TITLES = {
    "areas": "Areas (km², WGS84 ellipsoid; min–max from the boundary's uncertainty)",
    "overlaps": "Overlaps of territories valid at the same time",
    "shares": "Shares in today's countries",
    "lines": "Distances between lines where they run within 20 km of each other (km)",
    "where": "Sides and distances",
    "where_period": "Sides and distances of each feature valid in the period (see its dates)",
    "control": "De jure and de facto",
}


#: Each table's columns from the most to the least needed in a narrow terminal (others follow, in order).
PRIORITY = {
    "areas": ("feature", "area_km2", "area_km2_min", "area_km2_max", "valid_from", "valid_to", "reading", "name"),
    "overlaps": ("feature_a", "feature_b", "intersection_km2", "pct_of_a_in_b", "pct_of_b_in_a", "from", "to"),
    "shares": ("feature", "country", "pct", "pct_min", "pct_max", "area_km2"),
    "lines": ("line_a", "line_b", "common_a_km", "common_b_km", "mean_km", "median_km", "p95_km"),
    # a reading's features have ids of their own, so the reading can go first when space is short
    "where": ("feature", "side", "distance_km", "uncertainty_m", "determined", "reading", "nearest_segment",
              "valid_from", "valid_to", "name"),
    "where_period": ("feature", "side", "valid_from", "valid_to", "distance_km", "uncertainty_m", "determined",
                     "reading", "nearest_segment", "name"),
    "layers": ("layer", "valid_from", "valid_to", "rows", "title", "licence"),
}
#: Text columns are folded to no narrower than this (or their header) ...
_TEXT_MIN = 12
#: ... and text no longer than this is never folded (a layer's id, a reading, a date).
_SHORT_TEXT = 20
#: The first column of :data:`PRIORITY` (what the row is) is folded to no narrower than this.
_FIRST_MIN = 30
#: Characters between two columns of a terminal table (padding and rich's column divider).
_GAP = 3


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
        if "km2" in column or column.endswith("_m"):  # areas to the km², lengths in metres to the metre
            return f"{value:,.0f}"
        if column.startswith("pct") or column.endswith("_km"):  # shares to 0.1 %, distances to 0.1 km
            return f"{value:,.1f}"
        return f"{value:,.2f}"
    return one_line(value)  # an escape code in a layer's name must not reach the terminal


def _numeric(frame: pd.DataFrame, column) -> bool:
    return pd.api.types.is_numeric_dtype(frame[column]) and frame[column].dtype != bool


def _widths(frame: pd.DataFrame, column, first: bool = False) -> tuple[int, int]:
    """The narrowest and the widest a column needs: a number, a header and short text whole; long text
    folded to 12 characters (30 for the ``first`` column, what the row is)."""
    longest = max((len(_cell(str(column), v)) for v in frame[column]), default=0)
    header = len(str(column))
    if _numeric(frame, column) or longest <= _SHORT_TEXT:
        return max(header, longest), max(header, longest)
    return max(header, min(longest, _FIRST_MIN if first else _TEXT_MIN)), max(header, longest)


def _fold(text: str, width: int) -> str:
    """Text in lines of at most ``width``, broken after a space, ``/``, ``-`` or ``_`` where it can be
    (an id folds as ``treaty_1920/`` and ``territory-1921``), else within a word."""
    pieces = [p for p in re.split(r"(?<=[\s/_-])", text) if p]
    lines, line = [], ""
    for piece in pieces:
        while len(piece) > width:  # a piece longer than a line: cut it
            room = width - len(line)
            lines.append(line + piece[:room])
            line, piece = "", piece[room:]
        if len(line) + len(piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    lines.append(line.rstrip())
    return "\n".join(x for x in lines if x) if text else text


def _layout(frame: pd.DataFrame, columns: list, width: int, first) -> dict:
    """Each shown column's width: numbers whole, and the space left shared by the text columns (up to
    what their longest cell needs), so that rich never squeezes a column below what it can show."""
    widths = {c: _widths(frame, c, c == first)[0] for c in columns}
    most = {c: _widths(frame, c)[1] for c in columns}
    spare = width - sum(widths.values()) - _GAP * (len(columns) - 1)
    while spare > 0:
        short = [c for c in columns if widths[c] < most[c]]
        if not short:
            break
        column = max(short, key=lambda c: most[c] - widths[c])
        widths[column] += 1
        spare -= 1
    return widths


def _ranked(name: str, frame: pd.DataFrame) -> list:
    """The columns of ``frame``, those of :data:`PRIORITY` first, in its order."""
    listed = PRIORITY.get(name, ())
    return [c for c in listed if c in frame.columns] + [c for c in frame.columns if c not in listed]


def fit_columns(name: str, frame: pd.DataFrame, width: int) -> list:
    """The columns of ``frame`` a terminal ``width`` characters wide shows, in the frame's order.

    Columns are taken in the order of :data:`PRIORITY` while their narrowest widths fit (a
    number and a header at full width, the first column folded to 30 characters and other
    text to 12), with 3 characters between columns. The first column is always kept.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"layer": ["treaty_1920"], "feature": ["treaty_1920/line"],
    ...                       "distance_km": [92.85], "side": ["in"]})
    >>> fit_columns("where", frame, 80)
    ['layer', 'feature', 'distance_km', 'side']
    >>> fit_columns("where", frame, 37)
    ['feature', 'distance_km', 'side']
    """
    columns = list(frame.columns)
    ranked = _ranked(name, frame)
    # the row's name (a feature's id) gets room before less needed columns do
    needs = {column: _widths(frame, column, column == ranked[0])[0] for column in columns}
    kept, used = [], 0
    for column in ranked:
        cost = needs[column] + (_GAP if kept else 0)
        if kept and used + cost > width:
            continue
        kept.append(column)
        used += cost
    return [c for c in columns if c in kept]


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


def _html(tables: dict[str, pd.DataFrame]) -> str:
    """A page of the tables, rounded as for reading; every cell escaped."""
    import html

    parts = []
    for name, frame in tables.items():
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
        right = {c for c in frame.columns if _numeric(frame, c)}
        body = "\n".join("<tr>" + "".join(
            f'<td{" class=n" if c in right else ""}>{html.escape(_cell(str(c), row[c]))}</td>' for c in frame.columns)
            + "</tr>" for _, row in frame.iterrows())
        parts.append(f"<h2>{html.escape(TITLES.get(name, name))}</h2>\n<table><thead><tr>{head}</tr></thead>"
                     f"<tbody>\n{body}\n</tbody></table>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>borders: tables</title>"
            "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;"
            "margin-bottom:2em}th,td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;"
            "vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}</style></head><body>"
            "<h1>Comparison tables</h1><p>Rounded for reading: areas to the km², shares to 0.1 %, distances to "
            "0.1 km. The CSV files beside this page keep full precision.</p>\n" + "\n".join(parts)
            + "\n</body></html>\n")


def _rich(tables: dict[str, pd.DataFrame], *, width: int | None, color: bool) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    width = width or 80
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="auto" if color else None,
                      force_terminal=color, highlight=False)
    for name, frame in tables.items():
        shown = fit_columns(name, frame, width)
        first = _ranked(name, frame)[0] if len(frame.columns) else None
        widths = _layout(frame, shown, width, first)
        table = Table(title=TITLES.get(name, name), title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1),
                      pad_edge=False, collapse_padding=True)
        for column in shown:  # a number is never broken, nor a header; text folds within its width
            numeric = _numeric(frame, column)
            table.add_column(str(column), justify="right" if numeric else "left", no_wrap=numeric,
                             overflow="fold", width=widths[column])
        for _, row in frame.iterrows():  # Text: no [markup] from data
            table.add_row(*(Text(_cell(c, row[c]) if _numeric(frame, c) else _fold(_cell(c, row[c]), widths[c]))
                            for c in shown))
        console.print(table)
        left_out = [str(c) for c in frame.columns if c not in shown]
        if left_out:
            console.print(Text(f"(left out at {width} columns: {', '.join(left_out)}; see them with "
                               "--format csv or json, or in a wider terminal)"))
    return buffer.getvalue()


def _tsv(tables: dict[str, pd.DataFrame]) -> str:
    """Tab-separated values, full precision; several tables each after a ``# name`` line."""
    parts = []
    for name, frame in tables.items():
        text = frame.copy()
        for column in text.columns:
            if text[column].dtype == object or pd.api.types.is_string_dtype(text[column]):
                text[column] = [spreadsheet_safe(one_line(v).replace("\t", " ")) if isinstance(v, str) else v
                                for v in text[column]]
        body = text.to_csv(index=False, sep="\t", lineterminator="\n")
        parts.append(body if len(tables) == 1 else f"# {name}\n{body}")
    return "\n".join(parts)


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
    | a | 1,235 |
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
    if fmt == "tsv":
        return _tsv(tables)
    if fmt == "html":
        return _html(tables)
    return _rich(tables, width=width, color=color)
