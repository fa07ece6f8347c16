"""Leaflet maps of the layers, as ``folium.Map`` objects (this package writes no files).

Every map is self-contained by default: Leaflet's script and stylesheet are inlined
from the installed ``xstatic-leaflet`` package, the basemap is drawn from today's
countries in ``geodata/`` (no tile server), and no folium plugin that would fetch
assets from a CDN is used; the timeline, the swipe, the place search, the
permalink (the view, day and layers in the address) and the full-screen button are
small scripts of this project, and a print stylesheet leaves the buttons out.
``cdn=True`` links Leaflet from a CDN instead, for smaller files.

Every string that comes from a layer (ours or a user's) is HTML-escaped before it
reaches a popup, tooltip, label, legend or layer name, and the page's data is one
JSON object embedded so that it cannot close its ``<script>`` element.

What is drawn, in which order and style, and the legend, come from
:mod:`borders.scene`, which the static plots (:mod:`borders.plot`) draw too. Here:

- ``compose``: the four maps;
- ``data``: the checks of layer ids and the timeline's dates;
- ``features``: GeoJSON features, their popups and tooltips (escaping), Leaflet layers;
- ``page``: the base map, Leaflet inlined, our stylesheet, panes, title and credits;
- ``controls``: legend, timeline, swipe and layer control;
- ``elements``: the folium elements that carry the page's JSON and our scripts;
- ``assets/``: the JavaScript and CSS, inlined into each page.

Examples
--------
>>> import borders.maps as bm
>>> m = bm.overview()
>>> type(m).__name__
'Map'
>>> html = m.get_root().render()
>>> "cdn.jsdelivr.net" in html or "unpkg.com" in html
False
"""

from borders.maps.compose import comparison, layer_map, overview, timeline
from borders.scene import MapData, Prepared, prepare

__all__ = ["overview", "layer_map", "timeline", "comparison", "prepare", "Prepared", "MapData"]
