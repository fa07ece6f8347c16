"""The scene's marks as GeoJSON features with their style, popup, tooltip or label, drawn in Leaflet layers.

Every string that comes from a layer (ours or a user's) is HTML-escaped here, before
it reaches a popup, tooltip, label or layer name; a place's names are data, which the
page sets as text (``assets/geojson.js``, ``assets/search.js``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

import folium
import numpy as np
import pandas as pd
import shapely

from borders._values import plain
from borders.maps.elements import Script, SharedJson
from borders.scene import (
    BAND,
    FILL,
    FRAME,
    LABEL,
    LAKE,
    LAND,
    LINE,
    PLACE,
    RAILWAY,
    RIVER,
    Group,
    Mark,
    Prepared,
    layer_title,
    pane_of,
    place_rank,
)
from borders.style import is_determined
from borders.vocabulary import words

__all__ = ["esc", "popup_html", "place_names", "feature", "GeoJsonLayer", "draw_groups"]


def esc(text) -> str:
    """HTML-escape, and turn braces into entities too.

    folium re-reads the output of its own elements (the layer control) as a Jinja
    template; ``{{ … }}`` in a layer name would otherwise be evaluated there.

    Examples
    --------
    >>> esc("<b>{{ 7*7 }}</b>")
    '&lt;b&gt;&#123;&#123; 7*7 &#125;&#125;&lt;/b&gt;'
    """
    return html.escape(str(text)).replace("{", "&#123;").replace("}", "&#125;")


# --- HTML snippets (everything from data is escaped here) ------------------------------

def _value(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return esc(str(value))


def _present(value) -> bool:
    if value is None or (isinstance(value, str) and not value):
        return False
    return not (pd.api.types.is_scalar(value) and pd.isna(value))


def _citation(source_id: str, bib: pd.DataFrame) -> str:
    if source_id not in bib.index:
        return f"<li>{esc(source_id)}</li>"
    entry = bib.loc[source_id]
    text = esc(str(entry.get("citation", source_id)))
    url = entry.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        text += f' <a href="{esc(url)}" target="_blank" rel="noopener">{esc(url)}</a>'
    return f"<li>{text}</li>"


def _coded(field: str, value) -> str:
    """Plain words for a code, with the code beside them (escaped)."""
    shown = _value(value)
    if not shown:
        return ""
    return f'{esc(words(field, value))} <code>{shown}</code>'


def popup_html(props: dict, layer_title: str, bib: pd.DataFrame) -> str:
    """A feature's popup: its dates, status, clause, method, uncertainty, note and full citations.

    Codes of the data are given in plain words, with the code beside them.

    Examples
    --------
    >>> import borders
    >>> props = {"id": "mine/1", "name": "<b>x</b>", "kind": "segment", "status": "de_facto",
    ...          "sources": ["nobody-1999"]}
    >>> popup = popup_html(props, "My layer", borders.sources())
    >>> "<b>&lt;b&gt;x&lt;/b&gt;</b>" in popup, "<li>nobody-1999</li>" in popup
    (True, True)
    >>> "de facto control <code>de_facto</code>" in popup, "segment of the line <code>segment</code>" in popup
    (True, True)
    """
    rows = [("Layer", esc(layer_title)), ("Kind", _coded("kind", props.get("kind"))),
            ("Status", _coded("status", props.get("status"))),
            ("Valid", f"{_value(props.get('valid_from')) or '…'} – {_value(props.get('valid_to')) or '…'}")]
    if _present(props.get("clause")):
        rows.append(("Clause", f"“{_value(props.get('clause'))}”"))
    if _present(props.get("method")):
        rows.append(("Drawn", _coded("method", props.get("method"))))
    if _present(props.get("basis")):
        rows.append(("Known from", _coded("basis", props.get("basis"))))
    if _present(props.get("uncertainty_m")):
        rows.append(("Uncertainty", f"± {float(props['uncertainty_m']):,.0f} m"))
    if not is_determined(props):
        rows.append(("Determined", '<span class="undetermined">no: the sources leave this open</span>'))
    if _present(props.get("note")):
        rows.append(("Note", _value(props.get("note"))))
    if _present(props.get("id")):
        rows.append(("Cite as", f"<code>{_value(props.get('id'))}</code>"))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    cited = props.get("sources")
    cited = list(cited) if isinstance(cited, (list, tuple, np.ndarray)) else []
    refs = "".join(_citation(str(s), bib) for s in cited)
    return (f'<div class="borders-popup" data-id="{_value(props.get("id"))}"><b>{_value(props.get("name"))}</b>'
            f"<table>{table}</table><div>Sources:</div><ol>{refs}</ol></div>")


def place_names(props: dict) -> dict:
    """A place's name and its name in each language the gazetteer has, as plain text.

    The page shows them (tooltip, popup, search) with ``textContent``, so they are not
    escaped: they reach the page only as JSON data.

    Examples
    --------
    >>> place_names({"name": "Vilnius", "names": {"pl": "Wilno", "yi": "ווילנע", "xx": None}})
    {'_name': 'Vilnius', '_names': {'pl': 'Wilno', 'yi': 'ווילנע'}}
    """
    names = props.get("names")
    names = names if isinstance(names, dict) else {}
    return {"_name": str(props.get("name") or ""),
            "_names": {str(lang): str(name) for lang, name in names.items() if _present(name)}}


# --- GeoJSON features ----------------------------------------------------------------------

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


def _properties(mark: Mark, ready: Prepared) -> dict:
    """What the page needs of a mark: its style, popup, tooltip or label, id, and dates (for the timeline)."""
    props, style = mark.props, mark.style
    dates = {"valid_from": props.get("valid_from"), "valid_to": props.get("valid_to")}
    role = mark.role
    if role in (LAND, LAKE, RIVER, RAILWAY):
        return {"_style": style, "id": props["id"]}
    if role is FILL:
        return {"_style": style, "_popup": popup_html(props, layer_title(props["layer"]), ready.sources),
                "id": props["id"], "kind": props["kind"], **dates}
    if role is BAND:
        return {"_style": style, "id": f"{props['id']}#band", "kind": "band", **dates}
    if role in (LINE, FRAME):
        return {"_style": style, "_popup": popup_html(props, layer_title(props["layer"]), ready.sources),
                "_tooltip": _value(props.get("name")), "id": props["id"], "kind": props["kind"], **dates}
    if role is PLACE:  # its names as data: the page makes its tooltip and the search from them (as text)
        return {"_style": style, "id": props["id"], **place_names(props)}
    if role is LABEL:  # a country's name is placed before every place's, then by the place's rank
        country = style.get("class") == "country"
        return {"_label": _value(props["name"]), "id": props["id"], "_class": "country" if country else "place",
                "_rank": -1 if country else place_rank(props)}
    raise ValueError(f"no GeoJSON feature for a mark of role {role.name!r}")


#: Roles whose coordinates are written to 4 decimals (at most 6 m off, a pixel at the deepest zoom: the
#: basemap, drawn within 150-500 m of its data; the uncertainty bands, hundreds of metres wide; and the
#: fills, whose edges lie under the lines drawn over them); lines and places keep 5 (about a metre).
_COARSE = (LAND, LAKE, RIVER, FILL, BAND)


def feature(mark: Mark, ready: Prepared) -> dict:
    """A mark as a GeoJSON feature, coordinates to 5 decimals (about a metre; 4 for the basemap, fills and bands).

    Made once per prepared data (``ready.cache``): maps drawn in a row share their features.
    """
    key = ("geojson", mark.role.name, mark.row, tuple(mark.style.items()))
    made = ready.cache.get(key)
    if made is None:
        decimals = 4 if mark.role in _COARSE else 5
        rounded = shapely.transform(mark.geometry, lambda xy: np.round(xy, decimals))
        made = SharedJson(type="Feature", geometry=json.loads(shapely.to_geojson(rounded)),
                          properties={k: _jsonable(v) for k, v in _properties(mark, ready).items()})
        ready.cache[key] = made
    return made


class GeoJsonLayer(Script):
    """A Leaflet GeoJSON layer whose features carry their own style, popup, tooltip or label.

    Drawn by ``assets/geojson.js``; ``data`` holds the FeatureCollection (read by the
    timeline as the layer's ``_bordersData``). Its features all have one ``role`` (a
    :class:`~borders.scene.Role`'s name), which says how a click finds them
    (``assets/pick.js``), and are drawn in one ``pane``, on one ``side`` of a swipe or none.
    """

    assets = ("geojson.js", "pick.js")

    def __init__(self, features: list[dict], *, role: str, pane: str, interactive: bool = True,
                 side: str | None = None):
        super().__init__()
        self._name = "BordersGeoJson"
        self.data = {"role": role, "pane": pane, "interactive": interactive, "side": side,
                     "data": {"type": "FeatureCollection", "features": features}}

    @property
    def features(self) -> list[dict]:
        """The GeoJSON features it draws."""
        return self.data["data"]["features"]

    def call(self, data: str) -> str:
        return f"var {self.get_name()} = borders.geoJson({data}).addTo({self._parent.get_name()});"


def _runs(marks: Iterable[Mark]):
    """Consecutive marks of one role: one Leaflet layer each."""
    run: list[Mark] = []
    for mark in marks:
        if run and mark.role is not run[0].role:
            yield run
            run = []
        run.append(mark)
    if run:
        yield run


def draw_groups(m: folium.Map, groups: Iterable[Group],
                ready: Prepared) -> list[tuple[folium.FeatureGroup, list[GeoJsonLayer]]]:
    """Add each group to ``m`` as a folium FeatureGroup (an entry of the layer control).

    Returns, for each group in the order of ``groups``, its FeatureGroup and the Leaflet
    layers drawn in it.
    """
    drawn = []
    for group in groups:
        holder = folium.FeatureGroup(name=esc(group.name), show=group.shown)
        layers = []
        for marks in _runs(group.marks):
            role = marks[0].role
            layer = GeoJsonLayer([feature(mark, ready) for mark in marks], role=role.name,
                                 pane=pane_of(role, group.side), interactive=role.interactive, side=group.side)
            holder.add_child(layer)
            layers.append(layer)
        m.add_child(holder)
        drawn.append((holder, layers))
    return drawn
