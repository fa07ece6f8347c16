"""How each line is known: the share of its length that rests on each basis.

Every segment says how its course is known (``basis``: the text of the document
that made the line was read, a secondary summary of the course, an inference
from places whose side is known, or a proxy that stands in) and whether any
source fixes the course (``determined``); see :data:`borders.schema.BASES`. This
module sums them along each line, so that a reader sees at once how much of a
line is reconstruction. The README's "how sure we are" tables are this table.
"""

from __future__ import annotations

import pandas as pd

from borders.geodesy import GEOD
from borders.schema import BASES

__all__ = ["basis_shares", "basis_markdown"]


def basis_shares(frame) -> pd.DataFrame:
    """The length of each line, and its share by basis and by ``determined``.

    A line is measured along the segments it lists (a line of another reading along
    its own and the shared ones); a layer's frame segments (which only close a
    territory) form one more row, ``frame``.

    Parameters
    ----------
    frame : GeoDataFrame
        Features, with a ``layer`` column (as :func:`borders.load_all` gives) or one layer.

    Returns
    -------
    DataFrame
        One row per line: ``layer``, ``line``, ``name``, ``length_km``, ``pct_text``,
        ``pct_summary``, ``pct_inferred``, ``pct_proxy`` and ``pct_determined``.

    Examples
    --------
    >>> import borders
    >>> table = basis_shares(borders.load("treaty_1920")).set_index("line")
    >>> row = table.loc["treaty_1920/line"]
    >>> round(row[["pct_text", "pct_summary", "pct_inferred", "pct_proxy"]].sum())
    100
    >>> bool(table.loc["frame", "pct_proxy"] > 0)
    True
    """
    if "layer" not in frame.columns:
        frame = frame.assign(layer=frame.attrs.get("layer", "layer"))
    rows = []
    for layer, features in frame.groupby("layer", sort=False):
        segments = features[features["kind"] == "segment"].set_index("id")
        parts = [(line["id"], line["name"], list(line["segments"]))
                 for _, line in features[features["kind"] == "line"].iterrows() if _names(line.get("segments"))]
        frame_ids = list(segments.index[segments["line"].isna()]) if "line" in segments.columns else []
        if frame_ids:
            parts.append(("frame", "frame segments (they close a territory)", frame_ids))
        for line_id, name, ids in parts:
            group = segments.loc[ids]
            km = [GEOD.geometry_length(g) / 1000 for g in group.geometry]
            total = sum(km)
            row = {"layer": layer, "line": line_id, "name": name, "length_km": total}
            for basis in BASES:
                row[f"pct_{basis}"] = 100 * sum(k for k, b in zip(km, group["basis"], strict=True)
                                                if b == basis) / total
            row["pct_determined"] = 100 * sum(k for k, d in zip(km, group["determined"], strict=True)
                                              if d is True) / total
            rows.append(row)
    columns = ["layer", "line", "name", "length_km", *(f"pct_{b}" for b in BASES), "pct_determined"]
    return pd.DataFrame(rows, columns=columns)


def basis_markdown(table: pd.DataFrame, layer: str) -> str:
    """The rows of one layer as the Markdown table the README shows (lengths to the km, shares to 1 %).

    Examples
    --------
    >>> import borders
    >>> print(basis_markdown(basis_shares(borders.load("foch_line")), "foch_line").splitlines()[0])
    | line | km | text | summary | inferred | proxy | determined |
    """
    lines = ["| line | km | text | summary | inferred | proxy | determined |", "|---|---|---|---|---|---|---|"]
    for row in table[table["layer"] == layer].itertuples():
        shares = " | ".join(f"{getattr(row, f'pct_{b}'):.0f} %" for b in BASES)
        lines.append(f"| `{row.line}` | {row.length_km:,.0f} | {shares} | {row.pct_determined:.0f} % |")
    return "\n".join(lines)


def _names(value) -> bool:
    return hasattr(value, "__len__") and not isinstance(value, str) and len(value) > 0
