"""The controls on a map: legend, timeline, swipe divider and layer control.

The legend and the swipe's label are fixed HTML, escaped here; the timeline and the
swipe are small scripts of this project (``assets/timeline.js``, ``assets/swipe.js``)
rather than folium plugins, whose assets would come from CDNs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import folium

from borders.maps.elements import Script
from borders.maps.features import GeoJsonLayer, esc
from borders.scene import BAND, FILL, FRAME, LINE, RAILWAY, SIDE_PANES, Group, LegendEntry

__all__ = ["HtmlControl", "Timeline", "Swipe", "LayerControl", "legend", "swipe_label", "layer_control"]

Position = Literal["topleft", "topright", "bottomleft", "bottomright"]


class HtmlControl(Script):
    """A Leaflet control holding fixed HTML (already escaped).

    With ``fold`` (the text of its button), the reader can fold it away; it starts folded
    on small screens. With ``first``, it goes above the controls already in its corner.
    """

    assets = ("control.js",)

    def __init__(self, content: str, *, position: Position = "bottomright", css_class: str = "borders-legend",
                 fold: str | None = None, first: bool = False):
        super().__init__()
        self.data = {"html": content, "position": position, "className": css_class, "fold": fold, "first": first}

    def call(self, data: str) -> str:
        return f"borders.htmlControl({self._parent.get_name()}, {data});"


def _swatch(entry: LegendEntry) -> str:
    style = {k: esc(v) for k, v in entry.style.items() if v is not None}
    if entry.role in (LINE, FRAME, RAILWAY):
        dash = f' stroke-dasharray="{style["dashArray"]}"' if "dashArray" in style else ""
        return (f'<svg width="34" height="12"><line x1="0" y1="6" x2="34" y2="6" stroke="{style["color"]}" '
                f'stroke-width="{style["weight"]}"{dash}/></svg>')
    if entry.role is FILL and entry.style.get("hatch"):  # a claim: stripes as the map draws them
        pid = "borders-swatch-hatch-" + "".join(c for c in entry.style["fillColor"] if c.isalnum())
        return (f'<svg width="34" height="12"><defs><pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" '
                f'height="8" patternTransform="rotate(45)"><rect width="2.5" height="8" fill="{style["fillColor"]}"/>'
                f'</pattern></defs><rect x="1" y="1" width="32" height="10" fill="url(#{pid})" '
                f'fill-opacity="{style["fillOpacity"]}" stroke="{style["fillColor"]}" stroke-width="1"/></svg>')
    if entry.role is FILL:  # an area, edged as the lines edge it
        return (f'<svg width="34" height="12"><rect x="1" y="1" width="32" height="10" fill="{style["fillColor"]}" '
                f'fill-opacity="{style["fillOpacity"]}" stroke="{style["fillColor"]}" stroke-width="1"/></svg>')
    if entry.role is BAND:  # a band round a line, as drawn: it is not an area of its own
        return (f'<svg width="34" height="12"><rect y="1" width="34" height="10" fill="{style["fillColor"]}" '
                f'fill-opacity="{style["fillOpacity"]}"/><line x1="0" y1="6" x2="34" y2="6" '
                f'stroke="{style["fillColor"]}" stroke-width="2"/></svg>')
    raise ValueError(f"no legend swatch for role {entry.role.name!r}")


def legend(m: folium.Map, entries: Sequence[LegendEntry], note: str | None = None,
           position: Position = "bottomright") -> HtmlControl:
    """Add a legend of ``entries`` (a scene's legend: what the map draws), with a note below them."""
    items = [f"<div>{_swatch(entry)}{esc(entry.label)}</div>" for entry in entries]
    if note:
        items.append(f"<div><i>{esc(note)}</i></div>")
    control = HtmlControl("".join(items), position=position, fold="Legend")
    m.add_child(control)
    return control


def swipe_label(m: folium.Map, left: str, right: str) -> HtmlControl:
    """Add the box saying which layer is on which side of the divider."""
    control = HtmlControl(f"◀ left: {esc(left)}<br>right: {esc(right)} ▶", position="topleft",
                          css_class="borders-swipe-label")
    m.add_child(control)
    return control


class Timeline(Script):
    """The timeline: a bar that shows, on each day, only the features valid then.

    Each feature's own ``valid_from`` (inclusive) and ``valid_to`` (exclusive) decide.
    The reader types a day, drags the slider, steps or plays through ``events`` (dicts
    of ``date``, ``began`` and ``ended``: :func:`borders.maps.data.timeline_events`), and
    the caption says what began and ended on the last of them. Names are plain text. The
    page gets ``window.bordersShowDate(isoDate)``, and the map fires ``borders:date``.
    """

    assets = ("timeline.js",)

    def __init__(self, layers: Sequence[GeoJsonLayer], *, first: str, last: str, start: str, events: list[dict]):
        super().__init__()
        self.layers = list(layers)
        self.data = {"first": first, "last": last, "start": start, "events": events}

    def call(self, data: str) -> str:
        layers = ", ".join(layer.get_name() for layer in self.layers)
        return f"borders.timeline({self._parent.get_name()}, [{layers}], {data});"


class Swipe(Script):
    """A vertical divider: the left side's pane shows one layer, the right side's the other.

    The page gets ``window.bordersSwipe(share)`` (0 to 1: where the divider stands).
    """

    assets = ("swipe.js",)

    def __init__(self):
        super().__init__()
        self.data = {"left": SIDE_PANES["left"], "right": SIDE_PANES["right"]}

    def call(self, data: str) -> str:
        return f"borders.swipe({self._parent.get_name()}, {data});"


class LayerControl(Script):
    """The layer list: each group under its heading, with a checkbox; folded on small screens.

    Its texts are the groups' plain names, which ``assets/layers.js`` sets as text.
    """

    assets = ("control.js", "layers.js")

    def __init__(self, groups: Sequence[Group], holders: Sequence[folium.FeatureGroup], *, open: bool = True):
        super().__init__()
        self.holders = list(holders)
        self.data = {"entries": [{"heading": g.heading, "label": g.name, "key": g.key} for g in groups],
                     "open": open}

    def call(self, data: str) -> str:
        holders = ", ".join(holder.get_name() for holder in self.holders)
        return f"borders.layerControl({self._parent.get_name()}, [{holders}], {data});"


def layer_control(m: folium.Map, groups: Sequence[Group], holders: Sequence[folium.FeatureGroup], *,
                  open: bool = True) -> LayerControl:
    """Add the layer list of ``groups`` (drawn as ``holders``) at the top right; ``open`` on large screens."""
    control = LayerControl(groups, holders, open=open)
    m.add_child(control)
    return control
