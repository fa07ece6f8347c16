"""The four maps, each a scene (:mod:`borders.scene`) drawn on a page with its controls.

Each takes one ``data`` argument: None (the shipped layers), a GeoDataFrame as
:func:`borders.load_all` returns it (``load_all(extra=[...])`` adds your own
layers), or layers already prepared with :func:`borders.scene.prepare`, which is
faster when drawing several maps of the same layers.
"""

from __future__ import annotations

import folium

from borders.maps.controls import Swipe, Timeline, layer_control, legend, swipe_label
from borders.maps.data import check_dates, check_layers, timeline_events
from borders.maps.elements import stable_ids
from borders.maps.features import draw_groups
from borders.maps.page import base_map
from borders.scene import MapData, layer_title, prepare, scene

__all__ = ["overview", "layer_map", "timeline", "comparison"]


def overview(data: MapData = None, *, cdn: bool = False) -> folium.Map:
    """Every layer on one map, grouped by date in the layer control.

    Parameters
    ----------
    data : GeoDataFrame or Prepared, optional
        The layers to draw (default: every shipped layer).
    cdn : bool
        Link Leaflet from a CDN instead of inlining it (smaller; needs a network).

    Examples
    --------
    >>> import borders
    >>> m = overview(borders.load_all())
    >>> "Click a line for its sources" in m.get_root().render()
    True
    """
    ready = prepare(data)
    drawn = scene(ready, by_period=True, control=True)
    title = "All layers, 1919–1940"
    m = base_map(title, cdn=cdn)
    drawn_groups = draw_groups(m, drawn.groups, ready)
    legend(m, drawn.legend, "Click a line for its sources; hover a place for its names.")
    layer_control(m, drawn.groups, [holder for holder, _ in drawn_groups])
    return stable_ids(m, title)


def layer_map(layer_id: str, data: MapData = None, *, cdn: bool = False) -> folium.Map:
    """One layer (shipped or a user's, by its layer name) over the basemap and the places.

    Parameters
    ----------
    layer_id : str
        The layer's id (a user's layer is named after its file, without ``.geojson``).
    data : GeoDataFrame or Prepared, optional
        The layers to draw it from (default: the shipped layers).
    cdn : bool
        Link Leaflet from a CDN instead of inlining it.

    Examples
    --------
    >>> m = layer_map("foch_line")
    >>> "Treaty border" in m.get_root().render()  # the legend lists what this map draws
    False
    """
    ready = prepare(data)
    check_layers(ready, layer_id)
    drawn = scene(ready, [layer_id], by_period=True)
    title = layer_title(layer_id)
    m = base_map(title, cdn=cdn)
    drawn_groups = draw_groups(m, drawn.groups, ready)
    legend(m, drawn.legend, "Click a line for its sources; hover a place for its names.")
    layer_control(m, drawn.groups, [holder for holder, _ in drawn_groups])
    return stable_ids(m, title)


def timeline(data: MapData = None, *, cdn: bool = False, first: str = "1919-06-01", last: str = "1940-12-31",
             start: str = "1921-06-01") -> folium.Map:
    """A map with a timeline: on each day, only the features valid that day are drawn.

    Each feature's own ``valid_from`` / ``valid_to`` decide (valid from the first day,
    up to but not including the last). The reader can type a day, drag the slider, step
    from one change to the next or play through them; a caption says in a sentence or two
    what began and what ended on the last change (on a busy day, in a short sentence that
    counts them, with their names behind a disclosure); the bar takes a quarter of the
    map's height at most; the day is kept in the map's address.
    Areas are hatched in the colour of the party they were assigned to (de jure) and filled
    in the colour of the party that held them (de facto, :func:`borders.control.control`).

    Parameters
    ----------
    data : GeoDataFrame or Prepared, optional
        The layers to draw (default: every shipped layer).
    cdn : bool
        Link Leaflet from a CDN instead of inlining it.
    first, last : str
        The slider's range (ISO dates).
    start : str
        The day shown on opening (a map's address may ask for another: ``#…&date=``).

    Raises
    ------
    BordersError
        For a day that is not an ISO date, or a ``first`` after ``last``.

    Examples
    --------
    >>> "window.bordersShowDate" in timeline().get_root().render()
    True
    """
    ready = prepare(data)
    check_dates(first=first, last=last, start=start)
    drawn = scene(ready, control=True)
    title = "What was valid when: 1919–1940"
    m = base_map(title, cdn=cdn)
    drawn_groups = draw_groups(m, drawn.groups, ready)
    dated = [layer for group, (_, group_layers) in zip(drawn.groups, drawn_groups, strict=True)
             if group.layer is not None for layer in group_layers]
    m.add_child(Timeline(dated, first=first, last=last, start=start, events=timeline_events(ready, first, last)))
    legend(m, drawn.legend, "Type a date, drag the slider, or step through the changes below.")
    layer_control(m, drawn.groups, [holder for holder, _ in drawn_groups])
    return stable_ids(m, title)


def comparison(left: str, right: str, data: MapData = None, *, cdn: bool = False) -> folium.Map:
    """Two layers on one map with a vertical swipe: ``left`` left of the divider, ``right`` right of it.

    Parameters
    ----------
    left, right : str
        Layer ids.
    data : GeoDataFrame or Prepared, optional
        The layers to draw them from (default: the shipped layers).
    cdn : bool
        Link Leaflet from a CDN instead of inlining it.

    Examples
    --------
    >>> "window.bordersSwipe" in comparison("foch_line", "treaty_1920").get_root().render()
    True
    """
    ready = prepare(data)
    check_layers(ready, left, right)
    drawn = scene(ready, [left, right], swipe=True)
    m = base_map("Two layers side by side", cdn=cdn)
    drawn_groups = draw_groups(m, drawn.groups, ready)
    m.add_child(Swipe())
    swipe_label(m, layer_title(left), layer_title(right))
    legend(m, drawn.legend, "Drag the divider to move it.")
    layer_control(m, drawn.groups, [holder for holder, _ in drawn_groups])
    return stable_ids(m, f"{left} | {right}")
