"""What a line or territory is made of: the segments its ``segments`` or ``bounded_by`` names.

One rule for every module that needs it (comparisons, classification, display): the
named features are looked up in the feature's own layer, and a name that is not a
feature of that layer is an error, never a silent fallback.
"""

from __future__ import annotations

import numpy as np

from borders._errors import BordersError

__all__ = ["members"]


def members(frame, row, key: str = "bounded_by"):
    """The rows of ``frame`` that ``row[key]`` names, from ``row``'s own layer; None if it names none.

    Parameters
    ----------
    frame : GeoDataFrame
        Features, with a ``layer`` column when they come from several layers.
    row : Series
        A line (``key="segments"``) or a territory or zone (``key="bounded_by"``).

    Raises
    ------
    BordersError
        If a name is not a feature of the layer.

    Examples
    --------
    >>> import borders
    >>> every = borders.load_all()
    >>> territory = every.set_index("id").loc["foch_line/territory"]
    >>> territory["id"] = "foch_line/territory"
    >>> sorted(members(every, territory)["id"])[:2]
    ['foch_line/c01-courland', 'foch_line/f02-latvia-lt']
    """
    names = row.get(key)
    if not isinstance(names, (list, tuple, np.ndarray)) or len(names) == 0:
        return None
    layer = row.get("layer")
    named = np.array(frame["id"].isin(list(names)), dtype=bool)
    if layer is not None and "layer" in frame.columns:
        named &= (frame["layer"] == layer).to_numpy(dtype=bool)
    found = frame[named]  # one selection from the frame, not two (a large part of drawing and comparing)
    missing = [n for n in names if n not in set(found["id"])]
    if missing:  # an unknown edge would silently count as certain, or be drawn from nothing
        raise BordersError(f"layer {layer!r}: feature {row['id']!r}: field {key!r}: names {missing[0]!r}, "
                           "which is not a feature of the layer")
    return found
