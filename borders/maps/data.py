"""What a map needs to know of its data: whether it holds the layers asked for, and the timeline's dates.

The data is prepared (simplified geometry, uncertainty bands) the same way for the
static plots, by :func:`borders.scene.prepare`; every map takes the same ``data``
argument (:data:`borders.scene.MapData`).
"""

from __future__ import annotations

from borders._errors import UnknownLayerError
from borders.scene import Prepared

__all__ = ["check_layers", "timeline_events"]


def check_layers(prepared: Prepared, *layer_ids: str) -> None:
    """Raise :class:`~borders.UnknownLayerError`, naming the known layers, for an id the data does not hold.

    Examples
    --------
    >>> from borders.scene import prepare
    >>> check_layers(prepare(), "treaty_1902")
    Traceback (most recent call last):
    ...
    borders._errors.UnknownLayerError: unknown layer 'treaty_1902'; known: foch_line, lakes, modern_countries, ...
    """
    known = sorted({props["layer"] for props in prepared.records.values()})
    for layer_id in layer_ids:
        if layer_id not in known:
            raise UnknownLayerError(f"unknown layer {layer_id!r}; known: {', '.join(known)}")


def timeline_events(prepared: Prepared, first: str, last: str) -> list[dict]:
    """The days between ``first`` and ``last`` when a line, territory or zone began or ended.

    Each is ``{"date": ..., "label": "from: <name>; ends: <name>"}``. The labels are
    plain text: the page shows them with ``textContent``, so they are not HTML-escaped.

    Examples
    --------
    >>> from borders.scene import prepare
    >>> timeline_events(prepare(), "1919-01-01", "1919-12-31")[0]["label"]
    'from: Entente demarcation line of 18 June 1919'
    """
    events: dict[str, list[str]] = {}
    for idx in prepared.select(kinds={"line", "territory", "zone"}):
        props = prepared.records[idx]
        if isinstance(props.get("valid_from"), str):
            events.setdefault(props["valid_from"], []).append(f"from: {props['name']}")
        if isinstance(props.get("valid_to"), str):
            events.setdefault(props["valid_to"], []).append(f"ends: {props['name']}")
    return [{"date": d, "label": "; ".join(sorted(set(v)))} for d, v in sorted(events.items())
            if first <= d <= last]
