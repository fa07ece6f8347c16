"""The controls on a map: legend, date slider (timeline), swipe divider and layer control.

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
from borders.scene import BAND, FILL, FRAME, LINE, SIDE_PANES, LegendEntry

__all__ = ["HtmlControl", "Timeline", "Swipe", "legend", "swipe_label", "layer_control"]

Position = Literal["topleft", "topright", "bottomleft", "bottomright"]


class HtmlControl(Script):
    """A Leaflet control holding fixed HTML (already escaped)."""

    assets = ("control.js",)

    def __init__(self, content: str, *, position: Position = "bottomright", css_class: str = "borders-legend"):
        super().__init__()
        self.data = {"html": content, "position": position, "className": css_class}

    def call(self, data: str) -> str:
        return f"borders.htmlControl({self._parent.get_name()}, {data});"


def _swatch(entry: LegendEntry) -> str:
    style = {k: esc(v) for k, v in entry.style.items() if v is not None}
    if entry.role in (LINE, FRAME):
        dash = f' stroke-dasharray="{style["dashArray"]}"' if "dashArray" in style else ""
        return (f'<svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" stroke="{style["color"]}" '
                f'stroke-width="{style["weight"]}"{dash}/></svg>')
    if entry.role in (FILL, BAND):
        return (f'<svg width="34" height="10"><rect width="34" height="10" fill="{style["fillColor"]}" '
                f'fill-opacity="{style["fillOpacity"]}"/></svg>')
    raise ValueError(f"no legend swatch for role {entry.role.name!r}")


def legend(m: folium.Map, entries: Sequence[LegendEntry], note: str | None = None,
           position: Position = "bottomright") -> HtmlControl:
    """Add a legend of ``entries`` (a scene's legend: what the map draws), with a note below them."""
    items = [f"<div>{_swatch(entry)}{esc(entry.label)}</div>" for entry in entries]
    if note:
        items.append(f"<div><i>{esc(note)}</i></div>")
    control = HtmlControl("".join(items), position=position)
    m.add_child(control)
    return control


def swipe_label(m: folium.Map, left: str, right: str) -> HtmlControl:
    """Add the box saying which layer is on which side of the divider."""
    control = HtmlControl(f"◀ {esc(left)}<br>▶ {esc(right)}", position="topleft", css_class="borders-swipe-label")
    m.add_child(control)
    return control


class Timeline(Script):
    """A date slider that shows, on each day, only the features valid then.

    Each feature's own ``valid_from`` (inclusive) and ``valid_to`` (exclusive) decide.
    Buttons jump to ``events`` (dicts of ``date`` and ``label``: plain text). The page
    gets ``window.bordersShowDate(isoDate)``, and the map fires ``borders:date``.
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


def layer_control(m: folium.Map, *, collapsed: bool) -> folium.LayerControl:
    """Add folium's layer control, listing the map's groups, at the top right."""
    control = folium.LayerControl(collapsed=collapsed, position="topright")
    control.add_to(m)
    return control
