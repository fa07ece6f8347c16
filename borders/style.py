"""One styling for every map, web or print: colours by layer type, dashes by status.

Lines are coloured by what they were (treaty, demarcation, de facto control) and
drawn dashed when the sources leave them undetermined; frame segments (stretches
that only close a territory) are thin and grey. The same dictionary feeds the
Leaflet maps (:mod:`borders.maps`) and the static plots (:mod:`borders.plot`).
"""

from __future__ import annotations

__all__ = ["COLOURS", "line_style", "fill_style", "band_style", "place_style", "legend_entries", "BASEMAP"]

#: Colour of each status (what kind of line it was).
COLOURS = {
    "treaty": "#b2182b",        # dark red: a border agreed by treaty
    "demarcation": "#2166ac",   # blue: a demarcation line imposed by the Entente
    "de_facto": "#e08214",      # orange: territory held by force
    "neutral": "#7b3294",       # purple: neutral zone
    "frame": "#7f7f7f",         # grey: closes a territory, not itself the border studied
    "undetermined": "#b2182b",  # drawn dashed
    "user": "#1b7837",          # green: a user's own layer
}

#: Basemap drawing: land (today's countries), their borders and the sea.
BASEMAP = {"land": "#f4f1ea", "border": "#9a9a9a", "sea": "#d4e6f1", "river": "#4f8fc4"}


def _colour(props: dict, layer_colour: str | None = None) -> str:
    status = props.get("status")
    if status in ("frame",):
        return COLOURS["frame"]
    if layer_colour:
        return layer_colour
    return COLOURS.get(status, COLOURS["user"])


def line_style(props: dict, layer_colour: str | None = None) -> dict:
    """Leaflet path options for a line or segment.

    Examples
    --------
    >>> line_style({"status": "treaty", "determined": True})["dashArray"] is None
    True
    >>> line_style({"status": "undetermined", "determined": False})["dashArray"]
    '2 6'
    """
    determined = props.get("determined") is not False and props.get("status") != "undetermined"
    frame = props.get("status") == "frame"
    return {
        "color": _colour(props, layer_colour),
        "weight": 1.5 if frame else 3,
        "opacity": 0.8 if frame else 0.95,
        "dashArray": None if determined and not frame else ("4 4" if frame and determined else "2 6"),
        "fill": False,
    }


def fill_style(props: dict, layer_colour: str | None = None) -> dict:
    """Leaflet path options for a territory or zone: a light fill, no outline (segments draw it)."""
    return {"stroke": False, "fill": True, "fillColor": _colour(props, layer_colour), "fillOpacity": 0.12}


def band_style(props: dict, layer_colour: str | None = None) -> dict:
    """Leaflet path options for the uncertainty band of a segment."""
    return {"stroke": False, "fill": True, "fillColor": _colour(props, layer_colour), "fillOpacity": 0.18,
            "interactive": False}


def place_style(props: dict) -> dict:
    """Leaflet circle-marker options for a gazetteer place."""
    big = props.get("place_type") in ("city", "town")
    return {"radius": 4 if big else 3, "color": "#333333", "weight": 1, "fillColor": "#ffffff",
            "fillOpacity": 1.0, "fill": True}


def legend_entries() -> list[tuple[str, dict]]:
    """(label, line style) pairs shown in every map's legend."""
    return [
        ("Treaty border", line_style({"status": "treaty"})),
        ("Demarcation line", line_style({"status": "demarcation"})),
        ("Held by force (de facto)", line_style({"status": "de_facto"})),
        ("Undetermined by the sources", line_style({"status": "undetermined", "determined": False})),
        ("Frame (closes a territory)", line_style({"status": "frame"})),
        ("Your layer", line_style({"status": "user"})),
    ]
