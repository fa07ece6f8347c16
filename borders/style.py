"""One styling for every map, web or print: colours by layer type, dashes by status.

Lines are coloured by what they were (treaty, demarcation, de facto control) and
drawn dashed when the sources leave them undetermined; frame segments (stretches
that only close a territory) are thin and grey. The styles are Leaflet path
options; :mod:`borders.scene` assigns them to what is drawn, and the Leaflet maps
(:mod:`borders.maps`) and the static plots (:mod:`borders.plot`) render them.
"""

from __future__ import annotations

__all__ = ["COLOURS", "PARTY_COLOURS", "BASEMAP", "colour_key", "party_key", "held_style", "claim_style",
           "is_determined", "line_style", "reading_style", "fill_style",
           "band_style", "place_style", "label_style", "land_style", "lake_style", "river_style", "railway_style",
           "country_label_style"]

#: Colour of each status (what kind of line it was).
COLOURS = {
    "treaty": "#b2182b",        # dark red: a border agreed by treaty
    "decree": "#8c510a",        # brown, as the Lithuanian SSR: a boundary set by decree within the USSR
    "demarcation": "#2166ac",   # blue: a demarcation line imposed by the Entente
    "de_facto": "#e08214",      # orange: territory held by force
    "neutral": "#7b3294",       # purple: neutral zone
    "frame": "#7f7f7f",         # grey: closes a territory, not itself the border studied
    "undetermined": "#b2182b",  # drawn dashed
    "user": "#1b7837",          # green: a user's own layer
}

#: Colour of each party's areas: filled where it held an area (de facto), hatched where a treaty, decision
#: or demarcation line assigned it one (de jure). The zone's and Central Lithuania's are their lines' colours.
PARTY_COLOURS = {
    "Lithuania": "#c79a00",          # gold
    "Poland": "#2c9c8f",             # teal (red is the treaty's lines and bands)
    "Central Lithuania": "#e08214",  # orange, as Żeligowski's lines
    "neutral": "#7b3294",            # purple, as the neutral zone's lines
    "Lithuanian SSR": "#8c510a",     # brown: the Soviet republic of 1940, not the Lithuania before it
    "other": "#7f7f7f",              # grey: a party of a user's layer
}

#: Basemap drawing: land (today's countries), their borders and the sea.
BASEMAP = {"land": "#f4f1ea", "border": "#9a9a9a", "sea": "#d4e6f1", "river": "#4f8fc4", "railway": "#2b2b2b"}


def colour_key(props: dict, layer_type: str | None = None) -> str:
    """The entry of :data:`COLOURS` a feature is drawn in.

    Frame segments are grey whatever their layer; otherwise the layer's type
    decides (``"treaty"``, ``"demarcation"``, ...), and without one the feature's
    own status, or ``"user"`` for a status we have no colour for.

    Examples
    --------
    >>> colour_key({"status": "frame"}, "treaty"), colour_key({"status": "treaty"}, "de_facto")
    ('frame', 'de_facto')
    >>> colour_key({"status": "demarcation"}), colour_key({"status": "my own status"})
    ('demarcation', 'user')
    """
    status = props.get("status")
    if status == "frame":
        return "frame"
    if layer_type:
        return layer_type
    return status if status in COLOURS else "user"


def _colour(props: dict, layer_colour: str | None = None) -> str:
    if props.get("status") == "frame":
        return COLOURS["frame"]
    return layer_colour or COLOURS[colour_key(props)]


def is_determined(props: dict) -> bool:
    """Whether the sources determine a feature: not ``determined: false``, not status ``undetermined``.

    Examples
    --------
    >>> is_determined({"status": "treaty"}), is_determined({"status": "treaty", "determined": False})
    (True, False)
    """
    return props.get("determined") is not False and props.get("status") != "undetermined"


def line_style(props: dict, layer_colour: str | None = None) -> dict:
    """Leaflet path options for a line or segment.

    Examples
    --------
    >>> line_style({"status": "treaty", "determined": True})["dashArray"] is None
    True
    >>> line_style({"status": "undetermined", "determined": False})["dashArray"]
    '2 6'
    """
    determined = is_determined(props)
    frame = props.get("status") == "frame"
    return {
        "color": _colour(props, layer_colour),
        "weight": 1.5 if frame else 3,
        "opacity": 0.8 if frame else 0.95,
        "dashArray": None if determined and not frame else ("4 4" if frame and determined else "2 6"),
        "fill": False,
    }


def reading_style(props: dict, layer_colour: str | None = None) -> dict:
    """Leaflet path options for a segment of another reading of the sources: thin and dashed.

    Examples
    --------
    >>> reading_style({"status": "treaty"})["dashArray"], reading_style({"status": "treaty"})["weight"]
    ('8 5', 1.5)
    """
    return {**line_style(props, layer_colour), "weight": 1.5, "opacity": 0.9, "dashArray": "8 5"}


def fill_style(props: dict, layer_colour: str | None = None) -> dict:
    """Leaflet path options for a territory or zone: a light fill, no outline (segments draw it)."""
    return {"stroke": False, "fill": True, "fillColor": _colour(props, layer_colour), "fillOpacity": 0.12}


def party_key(party) -> str | None:
    """The entry of :data:`PARTY_COLOURS` a party's areas are drawn in (None for no party).

    Examples
    --------
    >>> party_key("Poland"), party_key("Byelorussian SSR"), party_key(None)
    ('Poland', 'other', None)
    """
    if not isinstance(party, str) or not party:
        return None
    return party if party in PARTY_COLOURS else "other"


def held_style(party: str) -> dict:
    """Leaflet path options for an area a party held (de facto): a fill in its colour, no outline.

    Examples
    --------
    >>> held_style("Poland")["fillColor"] == PARTY_COLOURS["Poland"]
    True
    """
    return {"stroke": False, "fill": True, "fillColor": PARTY_COLOURS[party_key(party)], "fillOpacity": 0.22}


def claim_style(party: str) -> dict:
    """Leaflet path options for an area assigned to a party (de jure): hatched in its colour, no outline.

    ``hatch`` asks the renderer for diagonal stripes of ``fillColor`` instead of a plain fill
    (the web maps draw an SVG pattern, the plots a matplotlib hatch).

    Examples
    --------
    >>> claim_style("Lithuania")["hatch"]
    True
    """
    return {"stroke": False, "fill": True, "fillColor": PARTY_COLOURS[party_key(party)], "fillOpacity": 0.55,
            "hatch": True}


def band_style(props: dict, layer_colour: str | None = None) -> dict:
    """Leaflet path options for the uncertainty band of a segment."""
    return {"stroke": False, "fill": True, "fillColor": _colour(props, layer_colour), "fillOpacity": 0.18,
            "interactive": False}


def place_style(props: dict) -> dict:
    """Leaflet circle-marker options for a gazetteer place."""
    big = props.get("place_type") in ("city", "town")
    return {"radius": 4 if big else 3, "color": "#333333", "weight": 1, "fillColor": "#ffffff",
            "fillOpacity": 1.0, "fill": True}


def label_style(props: dict) -> dict:
    """Text colour of a place's label (the web maps' stylesheet sets the same)."""
    return {"color": "#222222"}


def land_style(props: dict) -> dict:
    """Leaflet path options for one of today's countries in the basemap."""
    return {"color": BASEMAP["border"], "weight": 1, "fillColor": BASEMAP["land"], "fillOpacity": 1,
            "interactive": False}


def lake_style(props: dict) -> dict:
    """Leaflet path options for a lake of the basemap: water, edged like the rivers."""
    return {"color": BASEMAP["river"], "weight": 0.6, "opacity": 0.8, "fillColor": BASEMAP["sea"], "fillOpacity": 1,
            "fill": True, "interactive": False}


def railway_style(props: dict) -> dict:
    """Leaflet path options for a railway of the basemap: dark, in long dashes (no line type uses them)."""
    return {"color": BASEMAP["railway"], "weight": 2, "opacity": 0.85, "dashArray": "10 3", "fill": False,
            "interactive": False}


def country_label_style(props: dict) -> dict:
    """How a country's name is written: grey capitals, larger than a place's name."""
    return {"color": "#6f6a60", "class": "country"}


def river_style(props: dict) -> dict:
    """Leaflet path options for a river of the basemap."""
    return {"color": BASEMAP["river"], "weight": 1.2, "opacity": 0.9, "fill": False, "interactive": False}
