"""Leaflet maps of the layers, as ``folium.Map`` objects (this module writes no files).

Every map is self-contained by default: Leaflet's script and stylesheet are inlined
from the installed ``xstatic-leaflet`` package, the basemap is drawn from today's
countries in ``geodata/`` (no tile server), and no folium plugin that would fetch
assets from a CDN is used; the time slider and the swipe are small scripts of
this project. ``cdn=True`` links Leaflet from a CDN instead, for smaller files.

Every string that comes from a layer (ours or a user's) is HTML-escaped before it
reaches a popup, tooltip, label, legend or layer name, and embedded JSON is
escaped so that it cannot close its ``<script>`` element.

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

from __future__ import annotations

import html
import json

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from borders._assets import leaflet_inline, leaflet_links, marker_icons
from borders._values import plain
from borders.catalog import load_all, sources
from borders.display import simplify_for_display, uncertainty_bands
from borders.style import BASEMAP, COLOURS, band_style, fill_style, legend_entries, line_style, place_style

__all__ = ["overview", "layer_map", "timeline", "comparison", "prepare", "Prepared", "layer_colour", "layer_title",
           "historical_layers", "CENTRE", "ATTRIBUTION"]

#: Credits shown on every map (HTML; fixed text, no data in it).
ATTRIBUTION = ("Layers: borders (CC BY 4.0) · Basemap: Natural Earth, WDBII rivers (public domain) · "
               "Places: GeoNames (CC BY 4.0)")

#: Where the maps open: between Vilnius, Hrodna and Kaunas.
CENTRE = (54.6, 25.0)

_PANES = {"bordersBase": 250, "bordersLeft": 410, "bordersRight": 411}

_CSS = """
.leaflet-container { background: @SEA@; font: 13px/1.4 system-ui, sans-serif; }
.borders-title { position: absolute; top: 10px; left: 54px; z-index: 1000;
  background: rgba(255,255,255,.92); padding: 4px 10px; border-radius: 4px; font-weight: 600;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); pointer-events: none; max-width: 40%;
  font: 600 14px/1.3 system-ui, sans-serif; }
.borders-legend { background: rgba(255,255,255,.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); line-height: 1.5; }
.borders-legend svg { vertical-align: middle; margin-right: 4px; }
.leaflet-control-layers-expanded { max-width: 360px; font-size: 12px; line-height: 1.3; }
.leaflet-control-layers-expanded label { margin-bottom: 2px; }
.borders-legend { font-size: 12px; }
.borders-popup table { border-collapse: collapse; }
.borders-popup th { text-align: left; padding-right: 8px; vertical-align: top; color: #555; font-weight: normal; }
.borders-popup ol { margin: 4px 0 0 18px; padding: 0; }
.borders-popup .undetermined { color: #b2182b; font-weight: 600; }
.borders-label { background: none; border: none; box-shadow: none; font-size: 11px; color: #222;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; white-space: nowrap; }
.borders-timeline, .borders-swipe-label { background: rgba(255,255,255,.95); padding: 6px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.borders-timeline { max-width: 520px; }
.borders-timeline .caption { font-size: 12px; color: #333; }
.borders-timeline input[type=range] { width: 420px; max-width: 60vw; }
.borders-timeline button { margin: 2px; font-size: 11px; }
.borders-timeline .date { font-weight: 600; font-size: 15px; }
.borders-swipe { position: absolute; top: 0; bottom: 0; left: 0; right: 0; z-index: 900; pointer-events: none; }
.borders-swipe input { position: absolute; bottom: 40px; left: 5%; width: 90%; pointer-events: auto; }
.borders-swipe .divider { position: absolute; top: 0; bottom: 0; width: 3px; margin-left: -1px; background: #222; }
""".replace("@SEA@", BASEMAP["sea"])



def _esc(text) -> str:
    """HTML-escape, and turn braces into entities too.

    folium re-reads the output of its own elements (the layer control) as a Jinja
    template; ``{{ … }}`` in a layer name would otherwise be evaluated there.
    """
    return html.escape(str(text)).replace("{", "&#123;").replace("}", "&#125;")


def layer_colour(layer_id: str) -> str | None:
    """The colour a layer is drawn in: by its type for shipped layers, green for a user's layer.

    ``None`` means: by each feature's own status (see :mod:`borders.style`).
    """
    from borders.catalog import _catalog

    if layer_id not in _catalog():
        return COLOURS["user"]
    kind = {"treaty_1920": "treaty", "foch_line": "demarcation", "zeligowski_zone": "de_facto"}.get(layer_id)
    return COLOURS[kind] if kind else None


# --- HTML snippets (everything from data is escaped here) ------------------------------

def _value(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return _esc(str(value))


def _citation(source_id: str, bib: pd.DataFrame) -> str:
    if source_id not in bib.index:
        return f"<li>{_esc(source_id)}</li>"
    entry = bib.loc[source_id]
    text = _esc(str(entry.get("citation", source_id)))
    url = entry.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        text += f' <a href="{_esc(url)}" target="_blank" rel="noopener">{_esc(url)}</a>'
    return f"<li>{text}</li>"


def _present(value) -> bool:
    if value is None or (isinstance(value, str) and not value):
        return False
    return not (pd.api.types.is_scalar(value) and pd.isna(value))


def _popup(props: dict, layer_title: str, bib: pd.DataFrame) -> str:
    rows = [("Layer", _esc(layer_title)), ("Kind", _value(props.get("kind"))),
            ("Status", _value(props.get("status"))),
            ("Valid", f"{_value(props.get('valid_from')) or '…'} – {_value(props.get('valid_to')) or '…'}")]
    if _present(props.get("clause")):
        rows.append(("Clause", f"“{_value(props.get('clause'))}”"))
    if _present(props.get("method")):
        rows.append(("Method", _value(props.get("method")).replace("_", " ")))
    if _present(props.get("uncertainty_m")):
        rows.append(("Uncertainty", f"± {float(props['uncertainty_m']):,.0f} m"))
    if props.get("determined") is False or props.get("status") == "undetermined":
        rows.append(("Determined", '<span class="undetermined">no: the sources leave this open</span>'))
    if _present(props.get("note")):
        rows.append(("Note", _value(props.get("note"))))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    cited = props.get("sources")
    cited = list(cited) if isinstance(cited, (list, tuple, np.ndarray)) else []
    refs = "".join(_citation(str(s), bib) for s in cited)
    return (f'<div class="borders-popup"><b>{_value(props.get("name"))}</b><table>{table}</table>'
            f"<div>Sources:</div><ol>{refs}</ol></div>")


def _place_tooltip(props: dict) -> str:
    names = props.get("names")
    names = names if isinstance(names, dict) else {}
    lines = "".join(f"<br>{_esc(str(lang))}: {_esc(str(name))}" for lang, name in names.items())
    return f"<b>{_value(props.get('name'))}</b>{lines}"


# --- folium elements -------------------------------------------------------------------

def _jsonable(value):
    """A property value for the page: plain Python, floats to 6 decimals (a tenth of a metre)."""
    value = plain(value)
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


def _script_json(value) -> str:
    """JSON that cannot end its <script> element (the escapes of Jinja's ``tojson``)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


class _Feature(dict):
    """A GeoJSON feature that keeps its serialised form: maps drawn in a row share it."""

    @property
    def json(self) -> str:
        if "_json" not in self.__dict__:
            self.__dict__["_json"] = _script_json(self)
        return self.__dict__["_json"]


def _feature(geom, props: dict) -> _Feature:
    rounded = shapely.transform(geom, lambda xy: np.round(xy, 5))
    return _Feature(type="Feature", geometry=json.loads(shapely.to_geojson(rounded)),
                    properties={k: _jsonable(v) for k, v in props.items()})


class _Raw(Element):
    """Fixed markup put in the page as it is (compiling it as a template would be slow)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str):
        super().__init__()
        self.text = text


class _Element(MacroElement):
    """A MacroElement whose rendered output goes into the page as it is.

    branca wraps each rendered macro in a new ``Element``, i.e. compiles it again
    as a Jinja template: slow for large data, and ``{{ … }}`` inside data would be
    evaluated. Here the output is added verbatim.
    """

    def render(self, **kwargs):
        figure = self.get_root()
        module = self._template.module.__dict__
        for part, holder in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.get(part)
            if macro is not None:
                holder.add_child(_Raw(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class GeoJsonLayer(_Element):
    """A Leaflet GeoJSON layer whose features carry their own style, popup and tooltip.

    Popups and tooltips are HTML built (and escaped) in Python; the data is embedded
    as JSON with ``<``, ``>``, ``&`` and ``'`` escaped, so it cannot end its script.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON(null, {
    {%- if this.pane %} pane: {{ this.pane|tojson }}, {% endif %}
    interactive: {{ this.interactive|tojson }},
    style: function (f) { return f.properties._style; },
    pointToLayer: function (f, latlng) {
        if (f.properties._label) {
            return L.marker(latlng, {interactive: false, keyboard: false, icon: L.divIcon(
                {className: 'borders-label', html: f.properties._label, iconSize: null, iconAnchor: [-5, 8]})});
        }
        return L.circleMarker(latlng, f.properties._style);
    },
    onEachFeature: function (f, layer) {
        if (f.properties._popup) { layer.bindPopup(f.properties._popup, {maxWidth: 460}); }
        if (f.properties._tooltip) { layer.bindTooltip(f.properties._tooltip, {sticky: true}); }
    }
});
{{ this.get_name() }}._bordersData = {{ this.data_json }};
{{ this.get_name() }}.addData({{ this.get_name() }}._bordersData);
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, features: list[dict], *, pane: str | None = None, interactive: bool = True):
        super().__init__()
        self._name = "BordersGeoJson"
        self.data = {"type": "FeatureCollection", "features": features}
        self.data_json = ('{"type":"FeatureCollection","features":['
                          + ",".join(f.json if isinstance(f, _Feature) else _script_json(f) for f in features)
                          + "]}")
        self.pane = pane
        self.interactive = interactive


class _Panes(_Element):
    _template = Template("""
{% macro script(this, kwargs) %}
{%- for name, z in this.panes.items() %}
{{ this._parent.get_name() }}.createPane({{ name|tojson }});
{{ this._parent.get_name() }}.getPane({{ name|tojson }}).style.zIndex = {{ z }};
{%- endfor %}
L.Icon.Default.mergeOptions({{ this.icons|tojson }});
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution|tojson }});
{% endmacro %}
""")

    def __init__(self, icons: dict):
        super().__init__()
        self.panes = _PANES
        self.icons = icons
        self.attribution = ATTRIBUTION


class _Control(_Element):
    """A Leaflet control holding fixed HTML (already escaped)."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
    var control = L.control({position: {{ this.position|tojson }}});
    control.onAdd = function () {
        var div = L.DomUtil.create('div', {{ this.css_class|tojson }});
        div.innerHTML = {{ this.content|tojson }};
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    control.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, content: str, *, position: str = "bottomright", css_class: str = "borders-legend"):
        super().__init__()
        self.content = content
        self.position = position
        self.css_class = css_class


class _Timeline(_Element):
    """A date slider that shows, on each day, only the features valid then."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }};
    var layers = [{% for l in this.layers %}{{ l.get_name() }}{% if not loop.last %}, {% endif %}{% endfor %}];
    var first = Date.parse({{ this.first|tojson }}), last = Date.parse({{ this.last|tojson }});
    var events = {{ this.events|tojson }};
    var day = 86400000;
    function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
    function valid(p, d) {
        return (!p.valid_from || p.valid_from <= d) && (!p.valid_to || d < p.valid_to);
    }
    var control = L.control({position: 'bottomleft'});
    var label, range, caption;
    function show(d) {
        layers.forEach(function (gj) {
            gj.clearLayers();
            gj.addData({type: 'FeatureCollection',
                        features: gj._bordersData.features.filter(function (f) { return valid(f.properties, d); })});
        });
        label.textContent = d;
        var now = events.filter(function (e) { return e.date <= d; });
        caption.textContent = now.length ? now[now.length - 1].label : '';
        range.value = Math.round((Date.parse(d) - first) / day);
        map.fire('borders:date', {date: d});
    }
    control.onAdd = function () {
        var div = L.DomUtil.create('div', 'borders-timeline');
        label = L.DomUtil.create('div', 'date', div);
        caption = L.DomUtil.create('div', 'caption', div);
        range = L.DomUtil.create('input', '', div);
        range.type = 'range'; range.min = 0; range.max = Math.round((last - first) / day); range.step = 1;
        range.setAttribute('aria-label', 'date');
        range.addEventListener('input', function () { show(iso(first + range.value * day)); });
        var buttons = L.DomUtil.create('div', 'events', div);
        events.forEach(function (e) {
            var b = L.DomUtil.create('button', '', buttons);
            b.type = 'button'; b.textContent = e.date; b.title = e.label;
            b.addEventListener('click', function () { show(e.date); });
        });
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    control.addTo(map);
    window.bordersShowDate = show;
    show({{ this.start|tojson }});
})();
{% endmacro %}
""")

    def __init__(self, layers_: list, *, first: str, last: str, start: str, events: list[dict]):
        super().__init__()
        self.layers = layers_
        self.first, self.last, self.start, self.events = first, last, start, events


class _Swipe(_Element):
    """A vertical divider: the left pane shows one layer, the right pane the other."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }};
    var left = map.getPane('bordersLeft'), right = map.getPane('bordersRight');
    var box = L.DomUtil.create('div', 'borders-swipe', map.getContainer());
    var divider = L.DomUtil.create('div', 'divider', box);
    var range = L.DomUtil.create('input', '', box);
    range.type = 'range'; range.min = 0; range.max = 1000; range.value = 500;
    range.setAttribute('aria-label', 'swipe');
    L.DomEvent.disableClickPropagation(range);
    L.DomEvent.on(range, 'mousedown touchstart pointerdown', function (e) { L.DomEvent.stopPropagation(e); });
    function clip() {
        var size = map.getSize();
        var nw = map.containerPointToLayerPoint([0, 0]);
        var se = map.containerPointToLayerPoint(size);
        var x = size.x * range.value / 1000;
        var cut = map.containerPointToLayerPoint([x, 0]).x;
        left.style.clip = 'rect(' + [nw.y, cut, se.y, nw.x].join('px,') + 'px)';
        right.style.clip = 'rect(' + [nw.y, se.x, se.y, cut].join('px,') + 'px)';
        divider.style.left = x + 'px';
    }
    range.addEventListener('input', clip);
    map.on('move zoom resize viewreset', clip);
    clip();
    window.bordersSwipe = function (share) { range.value = Math.round(share * 1000); clip(); };
})();
{% endmacro %}
""")


# --- building blocks -------------------------------------------------------------------

def _base_map(title: str, *, cdn: bool) -> folium.Map:
    m = folium.Map(location=CENTRE, zoom_start=7, tiles=None, control_scale=True, prefer_canvas=False,
                   min_zoom=5, max_zoom=14)
    # Only Leaflet: folium's jQuery, Bootstrap and Font Awesome are not needed by these maps.
    if cdn:
        js_url, css_url = leaflet_links()
        m.default_js = [("leaflet", js_url)]
        m.default_css = [("leaflet_css", css_url)]
    else:
        js, css = leaflet_inline()
        m.default_js = []
        m.default_css = []
        m.get_root().header.add_child(_Raw(f"<style>{css}</style>"), name="leaflet_css")
        m.get_root().header.add_child(_Raw(f"<script>{js}</script>"), name="leaflet_js")
    m.get_root().header.add_child(_Raw(f"<style>{_CSS}</style>"), name="borders_css")
    m.get_root().title = _esc(title)
    m.add_child(_Panes(marker_icons() if not cdn else {}))
    m.get_root().html.add_child(_Raw(f'<div class="borders-title">{_esc(title)}</div>'))
    m.fit_bounds([[53.0, 21.5], [56.6, 28.6]])
    return m


def _memoised(memo, key, build):
    """Build a feature once per prepared frame (maps made in a row share them)."""
    if key not in memo:
        memo[key] = build()
    return memo[key]


def _select(memo, *, layer=None, kinds=None, period=None) -> list:
    """Row labels of the prepared frame matching a layer, kinds and validity (plain Python: fast)."""
    out = []
    for idx, props in memo["records"].items():
        if layer is not None and props["layer"] != layer:
            continue
        if kinds is not None and props["kind"] not in kinds:
            continue
        if period is not None and (_date(props.get("valid_from")), _date(props.get("valid_to"))) != period:
            continue
        out.append(idx)
    return out


def _date(value):
    return value if isinstance(value, str) else None


def _rows(index, memo):
    """(label, properties, geometry) of each row, without pandas' slow row objects."""
    records, geoms = memo["records"], memo["geoms"]
    for idx in index:
        yield idx, records[idx], geoms[idx]


def _basemap(m, memo) -> None:
    countries = _select(memo, kinds={"country"})
    if not countries:
        return
    group = folium.FeatureGroup(name="Today's countries and main rivers (basemap)", control=True, show=True)
    style = {"color": BASEMAP["border"], "weight": 1, "fillColor": BASEMAP["land"], "fillOpacity": 1,
             "interactive": False}
    feats = [_memoised(memo, ("country", idx), lambda p=props, g=geom: _feature(g, {"_style": style, "id": p["id"]}))
             for idx, props, geom in _rows(countries, memo)]
    river = {"color": BASEMAP["river"], "weight": 1.2, "opacity": 0.9, "fill": False, "interactive": False}
    feats += [_memoised(memo, ("river", idx), lambda p=props, g=geom: _feature(g, {"_style": river, "id": p["id"]}))
              for idx, props, geom in _rows(_select(memo, kinds={"river"}), memo)]
    group.add_child(GeoJsonLayer(feats, pane="bordersBase", interactive=False))
    m.add_child(group)


def _places(m, memo) -> None:
    places = _select(memo, kinds={"place"})
    if not places:
        return

    def marker(props, geom):
        return _feature(geom, {"_style": place_style(props), "_tooltip": _place_tooltip(props), "id": props["id"]})

    def label(props, geom):
        return _feature(geom, {"_label": _value(props["name"]), "id": props["id"]})

    markers = folium.FeatureGroup(name="Places", show=True)
    markers.add_child(GeoJsonLayer([_memoised(memo, ("place", idx), lambda p=props, g=geom: marker(p, g))
                                    for idx, props, geom in _rows(places, memo)]))
    m.add_child(markers)
    labels = folium.FeatureGroup(name="Place labels (towns)", show=True)
    towns = [idx for idx in places if memo["records"][idx].get("place_type") in ("city", "town")]
    labels.add_child(GeoJsonLayer([_memoised(memo, ("label", idx), lambda p=props, g=geom: label(p, g))
                                   for idx, props, geom in _rows(towns, memo)], interactive=False))
    m.add_child(labels)


def layer_title(layer_id: str) -> str:
    """The catalogue title of a shipped layer, or ``'<name> (your layer)'``."""
    from borders.catalog import _catalog

    entry = _catalog().get(layer_id)
    return entry["title"] if entry else f"{layer_id} (your layer)"


_DRAWN = {"line", "segment", "territory", "zone"}


def _layer_features(index, layer_id: str, bib, *, colour=None, bands=None, memo) -> list[dict]:
    """GeoJSON features of one layer's rows: territory fills, uncertainty bands, segments (lines)."""
    title = layer_title(layer_id)
    records = memo["records"]
    rows = [idx for idx in index if records[idx]["layer"] == layer_id]
    with_segments = {records[i].get("line") for i in rows if records[i]["kind"] == "segment"}

    def dated(props, **extra):
        return {**extra, "valid_from": props.get("valid_from"), "valid_to": props.get("valid_to")}

    def fill(props, geom):
        return _feature(geom, dated(props, _style=fill_style(props, colour), _popup=_popup(props, title, bib),
                                    id=props["id"], kind=props["kind"]))

    def band(idx, props):
        geom = bands.get(idx)
        if geom is None or geom.is_empty:
            return None
        return _feature(geom, dated(props, _style=band_style(props, colour), id=f"{props['id']}#band", kind="band"))

    def line(props, geom):
        return _feature(geom, dated(props, _style=line_style(props, colour), _popup=_popup(props, title, bib),
                                    _tooltip=_value(props.get("name")), id=props["id"], kind=props["kind"]))

    feats = []
    for idx, props, geom in _rows([i for i in rows if records[i]["kind"] in ("territory", "zone")], memo):
        feats.append(_memoised(memo, ("fill", idx, colour), lambda p=props, g=geom: fill(p, g)))
    if bands is not None:
        for idx, props, _geom in _rows([i for i in rows if i in bands.index], memo):
            made = _memoised(memo, ("band", idx, colour), lambda i=idx, p=props: band(i, p))
            if made is not None:
                feats.append(made)
    for idx, props, geom in _rows([i for i in rows if records[i]["kind"] in ("segment", "line")], memo):
        if props["kind"] == "line" and props["id"] in with_segments:
            continue  # its segments draw it, each with its own sources
        feats.append(_memoised(memo, ("line", idx, colour), lambda p=props, g=geom: line(p, g)))
    return feats


def _periods(memo, layer_id):
    keys = {(_date(memo["records"][i].get("valid_from")), _date(memo["records"][i].get("valid_to")))
            for i in _select(memo, layer=layer_id, kinds=_DRAWN)}
    return sorted(keys, key=lambda k: (k[0] or "", k[1] or "9999"))


def _group_name(index, memo, layer_id, start, end) -> str:
    """Layer-control label: the dates, then the name of the zone, line or territory (or the layer's title)."""
    records = memo["records"]
    named = []
    for kind in ("zone", "line", "territory"):  # a zone is what its lines enclose; a line names a treaty
        named = [records[i]["name"] for i in index if records[i]["kind"] == kind]
        if named:
            break
    what = str(named[0]) if len(named) == 1 else layer_title(layer_id)
    if len(what) > 72:  # the popups give the full names
        what = what[:70].rstrip() + "…"
    return _esc(f"{start or '…'} – {end or '…'} · {what}")


def historical_layers(frame) -> list[str]:
    """Layers of ``frame`` that have lines, segments, territories or zones (not places or countries)."""
    kinds = frame.groupby("layer")["kind"].agg(set)
    return [lid for lid, ks in kinds.items() if ks & _DRAWN]


def _legend(m, note: str | None = None, position: str = "bottomright") -> None:
    items = []
    for label, style in legend_entries():
        dash = f' stroke-dasharray="{style["dashArray"]}"' if style.get("dashArray") else ""
        items.append(f'<div><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" '
                     f'stroke="{style["color"]}" stroke-width="{style["weight"]}"{dash}/></svg>{_esc(label)}</div>')
    items.append('<div><svg width="34" height="10"><rect width="34" height="10" fill="#b2182b" '
                 'fill-opacity="0.18"/></svg>Uncertainty band (± uncertainty_m)</div>')
    if note:
        items.append(f"<div><i>{_esc(note)}</i></div>")
    m.add_child(_Control("".join(items), position=position))


class Prepared:
    """Layers made ready for drawing: simplified, with bands and serialised features.

    Build it once with :func:`prepare` and pass it as ``prepared=`` to draw several
    maps of the same features without doing that work again (``borders maps`` does).
    """

    def __init__(self, frame):
        light = simplify_for_display(frame)
        if "layer" not in light.columns:
            light["layer"] = light.attrs.get("layer", "layer")
        self.light = light
        self.bands = uncertainty_bands(light)
        self.bib = sources()
        self.memo = {"records": light.drop(columns="geometry").to_dict("index"),
                     "geoms": dict(zip(light.index, light.geometry.values, strict=True)),
                     "layers": historical_layers(light)}


def prepare(frame=None, *, extra=()) -> Prepared:
    """Prepare features for drawing (default: every shipped layer plus ``extra``)."""
    return Prepared(load_all(extra=extra) if frame is None else frame)


def _prepared(frame, extra, prepared):
    ready = prepared if prepared is not None else prepare(frame, extra=extra)
    return ready.light, ready.bands, ready.bib, ready.memo


def _check_layer(memo, layer_id):
    known = sorted({p["layer"] for p in memo["records"].values()})
    if layer_id not in known:
        from borders._errors import UnknownLayerError

        raise UnknownLayerError(f"unknown layer {layer_id!r}; known: {', '.join(known)}")


# --- the maps --------------------------------------------------------------------------

def overview(*, frame=None, extra=(), prepared=None, cdn: bool = False) -> folium.Map:
    """Every layer on one map, grouped by date in the layer control.

    Parameters
    ----------
    frame : GeoDataFrame, optional
        Features to draw (default: every shipped layer plus ``extra``).
    extra : iterable of paths or GeoDataFrames
        User layers, validated and added.
    prepared : Prepared, optional
        Features already prepared with :func:`prepare` (then ``frame`` and ``extra`` are not used).
    cdn : bool
        Link Leaflet from a CDN instead of inlining it.
    """
    _, bands, bib, memo = _prepared(frame, extra, prepared)
    m = _base_map("All layers, 1919–1923", cdn=cdn)
    _basemap(m, memo)
    groups = []
    for layer_id in memo["layers"]:
        for start, end in _periods(memo, layer_id):
            rows = _select(memo, layer=layer_id, kinds=_DRAWN, period=(start, end))
            feats = _layer_features(rows, layer_id, bib, colour=layer_colour(layer_id), bands=bands, memo=memo)
            groups.append((start or "", _group_name(rows, memo, layer_id, start, end), feats))
    for _, name, feats in sorted(groups, key=lambda g: g[0]):
        group = folium.FeatureGroup(name=name, show=True)
        group.add_child(GeoJsonLayer(feats))
        m.add_child(group)
    _places(m, memo)
    _legend(m, "Click a line for its sources; hover a place for its names.")
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    return m


def layer_map(layer_id: str, *, frame=None, extra=(), prepared=None, cdn: bool = False) -> folium.Map:
    """One layer (shipped or a user's, by its layer name) over the basemap and the places."""
    _, bands, bib, memo = _prepared(frame, extra, prepared)
    _check_layer(memo, layer_id)
    m = _base_map(layer_title(layer_id), cdn=cdn)
    _basemap(m, memo)
    for start, end in _periods(memo, layer_id):
        rows = _select(memo, layer=layer_id, kinds=_DRAWN, period=(start, end))
        group = folium.FeatureGroup(name=_group_name(rows, memo, layer_id, start, end), show=True)
        group.add_child(GeoJsonLayer(_layer_features(rows, layer_id, bib, colour=layer_colour(layer_id),
                                                     bands=bands, memo=memo)))
        m.add_child(group)
    _places(m, memo)
    _legend(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    return m


def _events(memo) -> list[dict]:
    events = {}
    for idx in _select(memo, kinds={"line", "territory", "zone"}):
        props = memo["records"][idx]
        if _date(props.get("valid_from")):
            events.setdefault(props["valid_from"], []).append(f"from: {props['name']}")
        if _date(props.get("valid_to")):
            events.setdefault(props["valid_to"], []).append(f"ends: {props['name']}")
    # Labels go in via textContent in the page, so they are not HTML-escaped here.
    return [{"date": d, "label": "; ".join(sorted(set(v)))} for d, v in sorted(events.items())]


def timeline(*, frame=None, extra=(), prepared=None, cdn: bool = False, first: str = "1919-06-01",
             last: str = "1923-12-31", start: str = "1920-08-01") -> folium.Map:
    """A map with a date slider: on each day, only the features valid that day are drawn.

    Each feature's own ``valid_from`` / ``valid_to`` decide (valid from the first day,
    up to but not including the last). Buttons jump to the dates when lines began or ended.
    """
    _, bands, bib, memo = _prepared(frame, extra, prepared)
    m = _base_map("What was valid when: 1919–1923", cdn=cdn)
    _basemap(m, memo)
    dated = []
    for layer_id in memo["layers"]:
        group = folium.FeatureGroup(name=_esc(layer_title(layer_id)), show=True)
        rows = _select(memo, layer=layer_id, kinds=_DRAWN)
        geo = GeoJsonLayer(_layer_features(rows, layer_id, bib, colour=layer_colour(layer_id), bands=bands, memo=memo))
        group.add_child(geo)
        m.add_child(group)
        dated.append(geo)
    _places(m, memo)
    events = [e for e in _events(memo) if first <= e["date"] <= last]
    m.add_child(_Timeline(dated, first=first, last=last, start=start, events=events))
    _legend(m, "Move the slider, or pick a date below it.", position="topright")
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    return m


def comparison(left: str, right: str, *, frame=None, extra=(), prepared=None, cdn: bool = False) -> folium.Map:
    """Two layers on one map with a vertical swipe: ``left`` left of the divider, ``right`` right of it."""
    _, bands, bib, memo = _prepared(frame, extra, prepared)
    for layer_id in (left, right):
        _check_layer(memo, layer_id)
    m = _base_map(f"{layer_title(left)}  ◀ ▶  {layer_title(right)}", cdn=cdn)
    _basemap(m, memo)
    for layer_id, pane in ((left, "bordersLeft"), (right, "bordersRight")):
        group = folium.FeatureGroup(name=_esc(layer_title(layer_id)), show=True)
        rows = _select(memo, layer=layer_id, kinds=_DRAWN)
        group.add_child(GeoJsonLayer(_layer_features(rows, layer_id, bib, colour=layer_colour(layer_id),
                                                     bands=bands, memo=memo), pane=pane))
        m.add_child(group)
    _places(m, memo)
    m.add_child(_Swipe())
    m.add_child(_Control(f"◀ {_esc(layer_title(left))}<br>▶ {_esc(layer_title(right))}",
                         position="topleft", css_class="borders-swipe-label"))
    _legend(m, "Drag the slider at the bottom to move the divider.", position="topright")
    return m
