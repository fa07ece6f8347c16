"""What every map page has: Leaflet (inlined, or linked from a CDN), our stylesheet, panes, title, credits.

The map opens on the region between Vilnius, Hrodna and Kaunas. Only Leaflet is
loaded: folium's jQuery, Bootstrap and Font Awesome are not needed by these maps.
"""

from __future__ import annotations

import folium

from borders._assets import leaflet_inline, leaflet_links, marker_icons
from borders.maps.controls import HtmlControl
from borders.maps.elements import Raw, Script, asset
from borders.maps.features import esc
from borders.scene import CREDITS, PANES
from borders.schema import REGION_BOUNDS
from borders.style import BASEMAP

__all__ = ["CENTRE", "BOUNDS", "MAX_BOUNDS", "ZOOMS", "ATTRIBUTION", "base_map"]

#: Where the maps open: between Vilnius, Hrodna and Kaunas.
CENTRE = (54.6, 25.0)
#: The view the maps fit on opening ((south, west), (north, east)).
BOUNDS = ((53.0, 21.5), (56.6, 28.6))
#: How far a reader may pan ((south, west), (north, east)): the region the layers cover and a degree
#: round it, so that the opening view of a wide window lies inside (or Leaflet would pan it at once).
MAX_BOUNDS = ((REGION_BOUNDS[1] - 1, REGION_BOUNDS[0] - 1), (REGION_BOUNDS[3] + 1, REGION_BOUNDS[2] + 1))
#: The zooms a reader may choose between (the whole region to a village's streets).
ZOOMS = (5, 14)
#: Credits shown on every map (fixed text, no data in it).
ATTRIBUTION = " · ".join(CREDITS)


class _Setup(Script):
    """Our panes, Leaflet's marker images (offline), the credits, the zoom and pan limits, the layout."""

    assets = ("pick.js", "control.js", "layout.js", "labels.js", "search.js", "permalink.js", "fullscreen.js",
              "page.js")

    def __init__(self, *, cdn: bool):
        super().__init__()
        self.data = {"panes": PANES, "icons": {} if cdn else marker_icons(), "attribution": ATTRIBUTION,
                     "minZoom": ZOOMS[0], "maxZoom": ZOOMS[1], "maxBounds": [list(c) for c in MAX_BOUNDS]}

    def call(self, data: str) -> str:
        return f"borders.setupMap({self._parent.get_name()}, {data});"


def base_map(title: str, *, cdn: bool = False) -> folium.Map:
    """An empty map page: Leaflet, our stylesheet, panes, the title and the credits.

    Parameters
    ----------
    title : str
        Plain text, shown in a box at the top and as the page's title (escaped here).
    cdn : bool
        Link Leaflet from a CDN instead of inlining it.

    Examples
    --------
    >>> m = base_map("A <b>bold</b> title")
    >>> [c.data["html"] for c in m._children.values() if getattr(c, "data", {}).get("className") == "borders-title"]
    ['A &lt;b&gt;bold&lt;/b&gt; title']
    """
    m = folium.Map(location=CENTRE, zoom_start=7, tiles=None, control_scale=True, prefer_canvas=False,
                   min_zoom=ZOOMS[0], max_zoom=ZOOMS[1])
    root = m.get_root()
    if cdn:
        js_url, css_url = leaflet_links()
        m.default_js = [("leaflet", js_url)]
        m.default_css = [("leaflet_css", css_url)]
    else:
        js, css = leaflet_inline()
        m.default_js = []
        m.default_css = []
        root.header.add_child(Raw(f"<style>{css}</style>"), name="leaflet_css")
        root.header.add_child(Raw(f"<script>{js}</script>"), name="leaflet_js")
    # the stylesheet takes its colours from borders.style, as the features do
    root.header.add_child(Raw(f"<style>:root {{ --borders-sea: {BASEMAP['sea']}; }}\n{asset('borders.css')}</style>"),
                          name="borders_css")
    root.title = esc(title)
    m.add_child(_Setup(cdn=cdn))
    HtmlControl(esc(title), position="topleft", css_class="borders-title", first=True).add_to(m)
    m.fit_bounds([list(BOUNDS[0]), list(BOUNDS[1])])
    return m
