"""What a map or a plot draws: which features, in what order, in which style, with which legend.

A :class:`Scene` is made from :class:`Prepared` layers (simplified for display,
with their uncertainty bands) and lists :class:`Group`\\ s of :class:`Mark`\\ s in
drawing order. Each mark has a :class:`Role` (basemap land, river, fill, band,
line, place, label) and a style from :mod:`borders.style`; the legend lists what
the marks are, and nothing else. The Leaflet maps (:mod:`borders.maps`) and the
static plots (:mod:`borders.plot`) only render scenes.

Examples
--------
>>> from borders.scene import prepare, scene
>>> ready = prepare()
>>> drawn = scene(ready, ["foch_line"])
>>> [(group.heading, group.name) for group in drawn.groups]  # doctest: +NORMALIZE_WHITESPACE
[('Basemap', "Today's countries, lakes and main rivers"),
 ('Basemap', 'Railway of the period (traced through its stations)'), ('Basemap', "Names of today's countries"),
 ('Entente demarcation lines of 18 June and 26 July 1919 (Foch line)', 'Lines and territories'),
 ('Places', 'Place markers (hover or tap for their names)'), ('Places', 'Place labels (where they do not collide)')]
>>> [entry.label for entry in drawn.legend]
['Demarcation line', 'Undetermined by the sources', 'Frame (closes a territory)', \
'Assigned to Lithuania (de jure: hatched)', 'Uncertainty band (± uncertainty_m)', \
'Railway the 1919 lines were drawn from (traced through its stations)']
>>> sorted({mark.role.name for mark in drawn.marks})
['band', 'fill', 'frame', 'label', 'lake', 'land', 'line', 'place', 'railway', 'river']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

import geopandas as gpd
import pandas as pd
import shapely

from borders.catalog import _catalog, load_all, sources
from borders.display import draw_together, simplify_for_display, uncertainty_bands
from borders.style import (
    COLOURS,
    band_style,
    claim_style,
    colour_key,
    country_label_style,
    fill_style,
    held_style,
    is_determined,
    label_style,
    lake_style,
    land_style,
    line_style,
    party_key,
    place_style,
    railway_style,
    reading_style,
    river_style,
)
from borders.vocabulary import LINE_LABELS

__all__ = ["Role", "LAND", "LAKE", "RIVER", "FILL", "BAND", "RAILWAY", "FRAME", "LINE", "PLACE", "LABEL", "ROLES",
           "PANES", "SIDE_PANES",
           "pane_of",
           "CREDITS", "Prepared", "MapData", "prepare", "Mark", "Group", "LegendEntry", "LEGEND", "Scene", "scene",
           "historical_layers", "layer_type", "layer_colour", "layer_title", "PLACE_TYPES", "place_rank"]


# --- roles: what a mark is, and where each renderer stacks it ------------------------------

@dataclass(frozen=True)
class Role:
    """What a mark is, and where each renderer puts it in the stack.

    Attributes
    ----------
    name : str
        ``"land"``, ``"lake"``, ``"river"``, ``"fill"``, ``"band"``, ``"railway"``, ``"frame"`` (a
        segment that only closes a territory), ``"line"``, ``"place"`` or ``"label"``.
    pane : str
        The Leaflet pane its features are drawn in (z-index in :data:`PANES`). Features
        in one pane stack in the order they are drawn.
    zorder : float
        Matplotlib's stacking order: higher is drawn above, equal in the order drawn.
    interactive : bool
        Whether the mark answers clicks and hovers (popups, tooltips).
    """

    name: str
    pane: str
    zorder: float
    interactive: bool


# Stacking by meaning, the same in both renderers: areas at the bottom, the uncertainty bands
# over them, the frame (context) under the lines, the lines, then the places and their labels.
# Leaflet gets a pane for each (z-index in PANES): a later group's fill can never cover an
# earlier group's line, and a redrawn layer (the timeline) stays in its place in the stack.
LAND = Role("land", "bordersBase", 1, False)
LAKE = Role("lake", "bordersBase", 1.5, False)
RIVER = Role("river", "bordersBase", 2, False)
FILL = Role("fill", "bordersFill", 3, True)
BAND = Role("band", "bordersBand", 4, False)
RAILWAY = Role("railway", "bordersRailway", 4.5, False)
FRAME = Role("frame", "bordersFrame", 5, True)
LINE = Role("line", "bordersLine", 6, True)
PLACE = Role("place", "bordersPlace", 7, True)
LABEL = Role("label", "bordersLabel", 8, False)
#: Every role, in the order marks are drawn within a group.
ROLES = (LAND, LAKE, RIVER, FILL, BAND, RAILWAY, FRAME, LINE, PLACE, LABEL)
#: The roles a layer of a swipe comparison draws, each in a pane of its side (see :func:`pane_of`).
_SIDED = (FILL, BAND, FRAME, LINE)

#: z-index of each Leaflet pane of ours (Leaflet's own: tiles 200, overlays 400, markers 600,
#: tooltips 650, popups 700). The two sides of a swipe have their own panes for each role.
PANES = {"bordersBase": 250, "bordersFill": 410, "bordersBand": 420, "bordersRailway": 425, "bordersFrame": 430,
         "bordersLine": 440, "bordersPlace": 450, "bordersLabel": 460}
PANES.update({f"{role.pane}-{side}": PANES[role.pane] for role in _SIDED for side in ("left", "right")})


def pane_of(role: Role, side: str | None = None) -> str:
    """The Leaflet pane a mark of ``role`` is drawn in, on ``side`` of a swipe comparison (or on no side).

    Examples
    --------
    >>> pane_of(LINE), pane_of(LINE, "left"), pane_of(PLACE, "left")
    ('bordersLine', 'bordersLine-left', 'bordersPlace')
    """
    if side is None or role not in _SIDED:
        return role.pane
    return f"{role.pane}-{side}"


#: The panes the divider of a swipe comparison clips, by side.
SIDE_PANES = {side: [pane_of(role, side) for role in _SIDED] for side in ("left", "right")}

#: Credits for what every map draws (plain text; the renderers join them).
CREDITS = ("Layers: borders (CC BY 4.0)",
           "Basemap: DCW-GMT (LGPL-3.0), GSHHG lakes (LGPL-3.0), WDBII rivers (public domain)",
           "Places: GeoNames (CC BY 4.0)")

#: Kinds of feature that a historical layer draws (places and today's countries are context).
_DRAWN = {"line", "segment", "territory", "zone"}
_LAYER_TYPES = {"treaty_1920": "treaty", "foch_line": "demarcation", "zeligowski_zone": "de_facto"}
_TOWNS = ("city", "town")
#: Place types from the most important to the least: towns are labelled before stations.
PLACE_TYPES = ("city", "town", "village", "station", "lake", "river_mouth", "river_source")


def place_rank(props: dict) -> int:
    """How important a place is on a map: 0 for a city, then towns, villages, stations and the rest.

    Examples
    --------
    >>> place_rank({"place_type": "city"}), place_rank({"place_type": "station"}), place_rank({})
    (0, 3, 7)
    """
    kind = props.get("place_type")
    return PLACE_TYPES.index(kind) if kind in PLACE_TYPES else len(PLACE_TYPES)


# --- layers ------------------------------------------------------------------------------

def layer_type(layer_id: str) -> str | None:
    """The kind of line a layer holds (a key of :data:`borders.style.COLOURS`), ``"user"`` for a user's layer.

    ``None`` means: by each feature's own status.

    Examples
    --------
    >>> layer_type("foch_line"), layer_type("my_line"), layer_type("places")
    ('demarcation', 'user', None)
    """
    if layer_id not in _catalog():
        return "user"
    return _LAYER_TYPES.get(layer_id)


def layer_colour(layer_id: str) -> str | None:
    """The colour a layer is drawn in: by its type for shipped layers, green for a user's layer.

    ``None`` means: by each feature's own status (see :mod:`borders.style`).

    Examples
    --------
    >>> layer_colour("treaty_1920"), layer_colour("my_line")
    ('#b2182b', '#1b7837')
    """
    kind = layer_type(layer_id)
    return COLOURS[kind] if kind else None


def layer_title(layer_id: str) -> str:
    """The catalogue title of a shipped layer, or ``'<name> (your layer)'``.

    Examples
    --------
    >>> layer_title("my_line")
    'my_line (your layer)'
    """
    if layer_id == CONTROL_LAYER:
        return CONTROL_HEADING
    entry = _catalog().get(layer_id)
    return entry["title"] if entry else f"{layer_id} (your layer)"


def historical_layers(frame: pd.DataFrame) -> list[str]:
    """Layers of ``frame`` that have lines, segments, territories or zones (not places or countries).

    Examples
    --------
    >>> import borders
    >>> historical_layers(borders.load_all())[:3]
    ['demarcation_1923', 'foch_line', 'neutral_zone_1920']
    """
    kinds = frame.groupby("layer")["kind"].agg(set)
    return [lid for lid, ks in kinds.items() if ks & _DRAWN]


# --- prepared data -----------------------------------------------------------------------

def _date(value) -> str | None:
    return value if isinstance(value, str) else None


class Prepared:
    """Layers made ready to draw: simplified for display, with their uncertainty bands.

    Build it once with :func:`prepare` and pass it to several maps or plots to draw
    them without doing that work again (``borders maps`` does).

    Attributes
    ----------
    frame : GeoDataFrame
        The features, simplified (:func:`borders.display.simplify_for_display`).
    bands : Series
        The uncertainty band of each feature that has one, indexed like ``frame``.
    sources : DataFrame
        The bibliography the features cite (:func:`borders.sources`).
    layers : list of str
        The historical layers (those with lines, segments, territories or zones).
    records, geoms : dict
        Each row's properties and geometry by row label (plain Python: fast to read).
    cache : dict
        For renderers, to keep what they make of each mark (maps drawn in a row share it).
    """

    def __init__(self, frame: gpd.GeoDataFrame):
        light = simplify_for_display(frame)
        for layer_id in dict.fromkeys(light["layer"]):  # a dense layer of a user's: drawn merged, coarser
            if layer_type(layer_id) == "user":
                light = draw_together(light, layer_id)
        self.bands = uncertainty_bands(light)
        light = light.drop(columns=["display_band"], errors="ignore")
        self.frame = light
        self.sources = sources()
        self.layers = historical_layers(light)
        self.records: dict[Hashable, dict[str, Any]] = light.drop(columns="geometry").to_dict("index")
        self.geoms = dict(zip(light.index, light.geometry.values, strict=True))
        self.cache: dict = {}
        self._by_layer: dict[str, list[Hashable]] = {}
        for idx, props in self.records.items():
            self._by_layer.setdefault(props["layer"], []).append(idx)

    def select(self, *, layer: str | None = None, kinds: Iterable[str] | None = None,
               period: tuple[str | None, str | None] | None = None) -> list[Hashable]:
        """Row labels of the features of a layer, of some kinds and valid over a period (all by default)."""
        kinds = None if kinds is None else set(kinds)
        rows = self.records if layer is None else self._by_layer.get(layer, [])
        out = []
        for idx in rows:
            props = self.records[idx]
            if kinds is not None and props["kind"] not in kinds:
                continue
            if period is not None and (_date(props.get("valid_from")), _date(props.get("valid_to"))) != period:
                continue
            out.append(idx)
        return out

    def periods(self, layer_id: str) -> list[tuple[str | None, str | None]]:
        """The distinct (valid_from, valid_to) of a layer's lines and territories, in date order."""
        keys = {(_date(self.records[i].get("valid_from")), _date(self.records[i].get("valid_to")))
                for i in self.select(layer=layer_id, kinds=_DRAWN)}
        return sorted(keys, key=lambda k: (k[0] or "", k[1] or "9999"))


#: What a map or plot is drawn from: the shipped layers (None), a GeoDataFrame as
#: :func:`borders.load_all` returns it, or layers already prepared.
MapData: TypeAlias = gpd.GeoDataFrame | Prepared | None


def prepare(data: MapData = None) -> Prepared:
    """Prepare layers for drawing: simplified, with their uncertainty bands.

    Parameters
    ----------
    data : GeoDataFrame or Prepared, optional
        Features as :func:`borders.load_all` returns them (``load_all(extra=[...])``
        adds your own layers); default: every shipped layer. A :class:`Prepared`
        is returned as it is.

    Examples
    --------
    >>> import borders
    >>> ready = prepare(borders.load_all())
    >>> ready.layers[3:]
    ['suwalki_line_1920', 'transfer_1939', 'treaty_1920', 'zeligowski_zone']
    >>> prepare(ready) is ready
    True
    """
    if data is None:
        return Prepared(load_all())
    if isinstance(data, Prepared):
        return data
    if isinstance(data, gpd.GeoDataFrame):
        return Prepared(data)
    raise TypeError(f"expected the layers to draw as a GeoDataFrame (borders.load_all(extra=[...])), a Prepared "
                    f"(borders.scene.prepare()) or None for the shipped layers; got {type(data).__name__}")


# --- the scene ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """One feature as drawn.

    Attributes
    ----------
    role : Role
    row : hashable
        Its row label in :attr:`Prepared.frame` (a band shares the row of what it surrounds).
    props : dict
        The row's properties.
    geometry : shapely geometry
        What is drawn: the simplified feature, or its band.
    style : dict
        Leaflet path options from :mod:`borders.style`.
    legend : tuple of str
        Keys of the legend entries that describe it (see :data:`LEGEND`).
    """

    role: Role
    row: Hashable
    props: dict
    geometry: Any
    style: dict
    legend: tuple[str, ...] = ()


@dataclass
class Group:
    """Marks shown and hidden together: one entry of a web map's layer control.

    Attributes
    ----------
    name : str
        Plain text (renderers escape it).
    marks : list of Mark
        In drawing order.
    layer : str or None
        The historical layer it shows (None: the basemap or the places); the timeline
        draws these groups by date.
    side : {"left", "right"} or None
        Its side of a swipe comparison.
    shown : bool
        Whether it is drawn at first (a web map's reader may switch it on; a plot draws
        only what is shown).
    heading : str
        What it belongs to: the layer's title, ``"Basemap"`` or ``"Places"``; a layer
        control lists groups under their headings (default: the name).
    key : str
        A short stable name for it in a map's address (permalinks); default: the name.
    """

    name: str
    marks: list[Mark] = field(default_factory=list)
    layer: str | None = None
    side: Literal["left", "right"] | None = None
    shown: bool = True
    heading: str = ""
    key: str = ""

    def __post_init__(self):
        self.heading = self.heading or self.name
        self.key = self.key or self.name


@dataclass(frozen=True)
class LegendEntry:
    """A legend line: its words, and the swatch of a mark (a line for LINE, an area for FILL and BAND)."""

    label: str
    role: Role
    style: dict


def _legend_table() -> dict[str, LegendEntry]:
    lines = LINE_LABELS
    fills = {"treaty": "Territory under a treaty", "decree": "Territory set by decree",
             "demarcation": "Territory within a demarcation line",
             "de_facto": "Zone held by force", "neutral": "Neutral zone (area)",
             "undetermined": "Territory or zone", "frame": "Territory or zone", "user": "Your layer (area)",
             "electoral": "Area of an election"}
    table = {}
    for key, words in lines.items():
        status = {"status": key, "determined": False} if key == "undetermined" else {"status": key}
        table[key] = LegendEntry(words, FRAME if key == "frame" else LINE, line_style(status))
    for key, words in fills.items():
        # the shipped area of an election (1922) is Żeligowski's layer's, in its colour
        colour = COLOURS["de_facto"] if key == "electoral" else None
        table[f"fill:{key}"] = LegendEntry(words, FILL, fill_style({"status": key}, colour))
    parties = {"Lithuania": "Lithuania", "Poland": "Poland", "Central Lithuania": "Central Lithuania",
               "neutral": "the neutral zone's commission", "Lithuanian SSR": "the Lithuanian SSR",
               "other": "another party"}
    for key, party in parties.items():
        if key != "neutral":
            table[f"claim:{key}"] = LegendEntry(f"Assigned to {party} (de jure: hatched)", FILL, claim_style(key))
    for key, party in parties.items():
        words = "Neutral zone (held by neither army)" if key == "neutral" else f"Held by {party} (de facto: filled)"
        table[f"held:{key}"] = LegendEntry(words, FILL, held_style(key))
    table["band"] = LegendEntry("Uncertainty band (± uncertainty_m)", BAND, band_style({"status": "treaty"}))
    table["railway"] = LegendEntry("Railway the 1919 lines were drawn from (traced through its stations)", RAILWAY,
                                   railway_style({}))
    table["reading"] = LegendEntry("Another reading of the sources (switch it on in the layers list)", LINE,
                                   reading_style({"status": "treaty"}))
    return table


#: Every legend entry a scene may show, by key, in the order legends list them.
LEGEND = _legend_table()


def _line_legend(props: dict, kind: str | None) -> tuple[str, ...]:
    key = colour_key(props, kind)
    return (key,) if is_determined(props) else (key, "undetermined")


def _other_reading(props: dict) -> bool:
    """A feature that draws a reading of the sources other than the default one."""
    return props.get("reading_default") is False


def _reading_marks(ready: Prepared, rows: list[Hashable], layer_id: str) -> list[Mark]:
    """The lines of the other readings of some rows of one layer: thin, dashed, no fills or bands."""
    colour = layer_colour(layer_id)
    records = ready.records
    with_segments = {records[i].get("line") for i in rows if records[i]["kind"] == "segment"}
    return [Mark(LINE, idx, records[idx], ready.geoms[idx], reading_style(records[idx], colour), ("reading",))
            for idx in rows if _other_reading(records[idx]) and (
                records[idx]["kind"] == "segment"
                or (records[idx]["kind"] == "line" and records[idx]["id"] not in with_segments))]


def _area_marks(idx: Hashable, props: dict, geom, kind: str | None, colour: str | None) -> list[Mark]:
    """A territory or zone: filled in the colour of the party that held it (de facto), hatched in the colour
    of the party it was assigned to (de jure); an area with neither (a user's) in its layer's colour."""
    held, assigned = party_key(props.get("held_by")), party_key(props.get("assigned_to"))
    marks = []
    if held:
        marks.append(Mark(FILL, idx, props, geom, held_style(held), (f"held:{held}",)))
    if assigned:
        marks.append(Mark(FILL, idx, props, geom, claim_style(assigned), (f"claim:{assigned}",)))
    if not marks:  # an area that names no party: say what it is (an election's), else its layer's kind
        key = "electoral" if props.get("status") == "electoral" else colour_key(props, kind)
        marks.append(Mark(FILL, idx, props, geom, fill_style(props, colour), (f"fill:{key}",)))
    return marks


def _layer_marks(ready: Prepared, rows: list[Hashable], layer_id: str) -> list[Mark]:
    """Fills, uncertainty bands, then frame segments and lines, of some rows of one layer (default readings)."""
    kind, colour = layer_type(layer_id), layer_colour(layer_id)
    records = ready.records
    rows = [idx for idx in rows if not _other_reading(records[idx])]
    with_segments = {records[i].get("line") for i in rows if records[i]["kind"] == "segment"}
    marks = []
    for idx in rows:
        props = records[idx]
        if props["kind"] in ("territory", "zone"):
            marks += _area_marks(idx, props, ready.geoms[idx], kind, colour)
    for idx in rows:
        geom = ready.bands.get(idx)
        if geom is not None and not geom.is_empty:
            props = records[idx]
            marks.append(Mark(BAND, idx, props, geom, band_style(props, colour), ("band",)))
    drawn = [idx for idx in rows if records[idx]["kind"] == "segment"
             or (records[idx]["kind"] == "line" and records[idx]["id"] not in with_segments)]
    # a line with segments is drawn by them, each with its own sources; the frame first, under the lines
    for role in (FRAME, LINE):
        for idx in drawn:
            props = records[idx]
            if (props.get("status") == "frame") == (role is FRAME):
                marks.append(Mark(role, idx, props, ready.geoms[idx], line_style(props, colour),
                                  _line_legend(props, kind)))
    return marks


def _period_name(ready: Prepared, rows: list[Hashable], layer_id: str, start: str | None, end: str | None) -> str:
    """The dates, then the name of the zone, line or territory (or the layer's title)."""
    named = []
    for kind in ("zone", "line", "territory"):  # a zone is what its lines enclose; a line names a treaty
        named = [ready.records[i]["name"] for i in rows if ready.records[i]["kind"] == kind]
        if named:
            break
    what = str(named[0]) if len(named) == 1 else layer_title(layer_id)
    return f"{start or '…'} – {end or '…'} · {what}"


#: Countries smaller than this in the region (square degrees) get no name on the map (Gotland's coast).
_NAMED_COUNTRY_DEG2 = 0.5


#: Around each city, where a country's name is not put (degrees of longitude and latitude either side):
#: at zoom 6 about the width of a country's name and twice its height, so the name never hides the city's.
_CITY_CLEARANCE_DEG = (1.2, 0.3)


def _country_label_point(geom, cities=()):
    """Where a country's name goes: the centre of the largest circle inside its largest part in the region,
    away from the cities (``cities``: points) when the country has room elsewhere."""
    from shapely.ops import polylabel

    largest = max(shapely.get_parts(geom), key=lambda part: part.area)
    dx, dy = _CITY_CLEARANCE_DEG
    clear = largest.difference(shapely.union_all([shapely.box(c.x - dx, c.y - dy, c.x + dx, c.y + dy)
                                                  for c in cities])) if len(cities) else largest
    room = [part for part in shapely.get_parts(clear) if part.area >= 0.1 * largest.area]
    return polylabel(max(room, key=lambda part: part.area) if room else largest, tolerance=0.01)


def _basemap(ready: Prepared) -> list[Group]:
    """Today's countries (land), lakes and rivers, the railway, and the countries' names."""
    countries = ready.select(kinds={"country"})
    if not countries:
        return []
    records, geoms = ready.records, ready.geoms
    marks = [Mark(LAND, i, records[i], geoms[i], land_style(records[i])) for i in countries]
    marks += [Mark(LAKE, i, records[i], geoms[i], lake_style(records[i])) for i in ready.select(kinds={"lake"})]
    marks += [Mark(RIVER, i, records[i], geoms[i], river_style(records[i])) for i in ready.select(kinds={"river"})]
    groups = [Group("Today's countries, lakes and main rivers", marks, heading="Basemap", key="basemap")]
    railways = [Mark(RAILWAY, i, records[i], geoms[i], railway_style(records[i]), ("railway",))
                for i in ready.select(kinds={"railway"})]
    if railways:
        groups.append(Group("Railway of the period (traced through its stations)", railways, heading="Basemap",
                            key="railways"))
    points = ready.cache.get("country_labels")
    if points is None:  # the same on every map: placed once
        cities = [geoms[i] for i in ready.select(kinds={"place"}) if records[i].get("place_type") == "city"]
        points = ready.cache["country_labels"] = {i: _country_label_point(geoms[i], cities) for i in countries
                                                  if geoms[i].area >= _NAMED_COUNTRY_DEG2}
    # a country's name without its qualifier: "Russia (Kaliningrad Oblast)" would cross half the map at zoom 6
    names = [Mark(LABEL, i, {**records[i], "name": str(records[i]["name"]).split(" (")[0]},
                  points[i], country_label_style(records[i]))
             for i in countries if i in points]
    groups.append(Group("Names of today's countries", names, heading="Basemap", key="countries"))
    return groups


def _places(ready: Prepared, markers: Literal["all", "towns"]) -> list[Group]:
    places = ready.select(kinds={"place"})
    if not places:
        return []
    records, geoms = ready.records, ready.geoms
    towns = [i for i in places if records[i].get("place_type") in _TOWNS]
    chosen = places if markers == "all" else towns
    # the most important drawn last, on top: where markers overlap, a hover finds the town, not its station
    shown = sorted(chosen, key=lambda i: -place_rank(records[i]))
    # labels the most important first: where they would collide, the maps keep the first (labels.js)
    named = sorted(chosen, key=lambda i: place_rank(records[i]))
    return [Group("Place markers (hover or tap for their names)",
                  [Mark(PLACE, i, records[i], geoms[i], place_style(records[i])) for i in shown],
                  heading="Places", key="places"),
            Group("Place labels (where they do not collide)",
                  [Mark(LABEL, i, records[i], geoms[i], label_style(records[i])) for i in named],
                  heading="Places", key="labels")]


def _layer_groups(ready: Prepared, layers: Sequence[str], by_period: bool, swipe: bool) -> list[Group]:
    """Each layer's groups together (a layer control lists them under its title): its periods by date, then
    its other readings."""
    groups = []
    for n, layer_id in enumerate(layers):
        side = ("left", "right")[n] if swipe else None
        title = layer_title(layer_id)
        if not by_period:
            rows = ready.select(layer=layer_id, kinds=_DRAWN)
            groups.append(Group("Lines and territories", _layer_marks(ready, rows, layer_id), layer_id, side,
                                heading=title, key=layer_id))
        for k, (start, end) in enumerate(ready.periods(layer_id) if by_period else ()):
            rows = ready.select(layer=layer_id, kinds=_DRAWN, period=(start, end))
            groups.append(Group(_period_name(ready, rows, layer_id, start, end), _layer_marks(ready, rows, layer_id),
                                layer_id, side, heading=title, key=f"{layer_id}.{k}"))
        marks = _reading_marks(ready, ready.select(layer=layer_id, kinds=_DRAWN), layer_id)
        if marks:  # off until switched on
            groups.append(Group("Other readings of the sources (dashed lines)", marks, layer_id, side,
                                shown=False, heading=title, key=f"{layer_id}.readings"))
    return groups


#: The layer control's heading for the de facto view of :mod:`borders.control`, and its pseudo-layer's id.
CONTROL_HEADING = "Who held what (de facto control)"
CONTROL_LAYER = "borders.control"
#: The layers :func:`borders.control.control` is built from: without all of them it would mislabel areas.
_CONTROL_LAYERS = {"treaty_1920", "foch_line", "suwalki_line_1920", "zeligowski_zone", "neutral_zone_1920",
                   "demarcation_1923", "transfer_1939", "places"}


def _control_pieces(ready: Prepared) -> list[tuple[Any, dict, Any]]:
    """The pieces of :func:`borders.control.control` in each stable period, as (period, properties, geometry).

    A piece that is a territory held by its own ``held_by`` is left out: the layer fills it already.
    """
    from borders.control import PERIODS, control

    made = ready.cache.get("control")
    if made is not None:
        return made
    made = []
    if _CONTROL_LAYERS <= set(ready._by_layer):
        by_id = {props["id"]: props for props in ready.records.values() if isinstance(props.get("id"), str)}
        for period in (p for p in PERIODS if p.determined):
            for k, piece in control(period.start, ready.frame).iterrows():
                own = by_id.get(piece["basis"])
                if own is not None and own.get("held_by") == piece["party"]:
                    continue
                cited = own.get("sources") if own is not None else None
                if cited is None:  # derived: cite the lines and zones of that period that cut it
                    cited = sorted({str(src) for props in ready.records.values()
                                    if props["layer"] in piece["layers"] and props["kind"] in ("line", "zone")
                                    and not _other_reading(props)
                                    and (_date(props.get("valid_from")) or "") <= period.start
                                    < (_date(props.get("valid_to")) or "9999")
                                    for src in (props.get("sources") if isinstance(props.get("sources"), list)
                                                else ())})
                basis = f"the area of {piece['basis']}" if own is not None else piece["basis"]
                when = f"{period.name[0].upper()}{period.name[1:]}"
                props = {"id": f"control/{period.start}/{k}", "name": f"Held by {piece['party']}",
                         "kind": "control", "status": "de_facto", "layer": CONTROL_LAYER,
                         "held_by": piece["party"],
                         "valid_from": period.start, "valid_to": period.end, "sources": list(cited),
                         "note": f"{when}: {basis} (from {', '.join(piece['layers'])}). {period.note}"}
                made.append((period, props, piece.geometry))
    ready.cache["control"] = made
    return made


def _control_groups(ready: Prepared, by_period: bool) -> list[Group]:
    """The de facto view: each piece filled in the colour of its holder, one group per period (off at first,
    on a map of every period at once) or one group dated piece by piece (a timeline)."""
    pieces = _control_pieces(ready)
    marks = {}
    for period, props, geom in pieces:
        party = party_key(props["held_by"])
        marks.setdefault(period, []).append(Mark(FILL, props["id"], props, geom, held_style(party),
                                                 (f"held:{party}",)))
    if not by_period:
        every = [mark for period_marks in marks.values() for mark in period_marks]
        return [Group("Areas held, where no layer fills them", every, CONTROL_LAYER, heading=CONTROL_HEADING,
                      key="control")] if every else []
    return [Group(f"{period.start} – {period.end} · {period.name}", period_marks, CONTROL_LAYER, shown=False,
                  heading=CONTROL_HEADING, key=f"control.{k}")
            for k, (period, period_marks) in enumerate(marks.items())]


@dataclass
class Scene:
    """Everything a map or plot draws, group by group, in drawing order.

    Attributes
    ----------
    groups : list of Group
    """

    groups: list[Group]

    @property
    def marks(self) -> list[Mark]:
        """Every mark, in drawing order."""
        return [mark for group in self.groups for mark in group.marks]

    @property
    def legend(self) -> list[LegendEntry]:
        """The legend entries of what is drawn, in the order of :data:`LEGEND`."""
        drawn = {key for mark in self.marks for key in mark.legend}
        return [entry for key, entry in LEGEND.items() if key in drawn]

    def shown(self) -> Scene:
        """The scene without the groups a reader has to switch on (what a static plot draws)."""
        return Scene([group for group in self.groups if group.shown])


def scene(ready: Prepared, layers: Sequence[str] | None = None, *, by_period: bool = False, swipe: bool = False,
          markers: Literal["all", "towns"] = "all", control: bool = False) -> Scene:
    """The basemap, then the layers, then the places: what a map or a plot draws.

    Parameters
    ----------
    ready : Prepared
        The layers, from :func:`prepare`.
    layers : sequence of str, optional
        The historical layers to draw, in this order (default: all of ``ready.layers``);
        an id with no lines or territories draws nothing.
    by_period : bool
        One group for each layer's period of validity (named by its dates, listed by
        date under the layer), instead of one group per layer (named by its title).
    swipe : bool
        Put the first layer on the left side of a swipe comparison, the second on the right.
    markers : {"all", "towns"}
        Draw and label every place (a web map shows the labels that do not collide), or
        only the towns and cities (a print).
    control : bool
        Also fill the areas :func:`borders.control.control` finds held in each stable period
        that no layer fills itself (needs every shipped layer it is built from; off at first
        when ``by_period``).
    """
    wanted = ready.layers if layers is None else list(layers)
    if swipe and len(wanted) != 2:
        raise ValueError(f"a swipe compares two layers, not {len(wanted)}")
    held = _control_groups(ready, by_period) if control else []
    return Scene([*_basemap(ready), *held, *_layer_groups(ready, wanted, by_period, swipe), *_places(ready, markers)])
