"""QGIS styles for the GeoPackage export, in the styling of the web maps (:mod:`borders.style`).

Each table of the export gets a style (QGIS's QML) that its ``layer_styles`` table holds as
the default, so that the layers open in QGIS as they look on the maps: lines coloured by
type, undetermined segments dotted, frame segments thin, grey and dashed, the uncertainty
band drawn translucent around every segment (a geometry generator buffers it by its
``uncertainty_m`` in EPSG:3035), areas hatched in the colour of the party they were assigned
to and filled in the colour of the party that held them, places as white dots.

The styles are rule-based renderers written from the table's own values (its statuses,
its parties), so a table with nothing undetermined has no rule for it.
"""

from __future__ import annotations

import html

import pandas as pd

from borders.style import BASEMAP, COLOURS, PARTY_COLOURS, party_key
from borders.vocabulary import LINE_LABELS, words

__all__ = ["table_style", "STYLE_NAME"]

#: The name the export gives every table's default style.
STYLE_NAME = "borders"

#: A band's outline: the segment buffered by its own uncertainty, in metres (EPSG:3035), back to lon/lat.
_BAND = ("transform(buffer(transform($geometry, 'EPSG:4326', 'EPSG:3035'), \"uncertainty_m\"), "
         "'EPSG:3035', 'EPSG:4326')")




def _rgba(colour: str, opacity: float = 1.0) -> str:
    colour = colour.lstrip("#")
    return ",".join(str(int(colour[i:i + 2], 16)) for i in (0, 2, 4)) + f",{round(255 * opacity)}"


def _props(**values) -> str:
    return "".join(f'<prop k="{k}" v="{html.escape(str(v), quote=True)}"/>' for k, v in values.items())


def _line(name: str, colour: str, *, width: float, style: str = "solid", opacity: float = 0.95) -> str:
    return (f'<symbol type="line" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="SimpleLine" enabled="1" pass="0" locked="0">'
            f'{_props(line_color=_rgba(colour, opacity), line_style=style, line_width=width, line_width_unit="MM", capstyle="round", joinstyle="round")}'  # noqa: E501
            f"</layer></symbol>")


def _fill(name: str, colour: str, opacity: float, *, outline: str | None = None) -> str:
    return (f'<symbol type="fill" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="SimpleFill" enabled="1" pass="0" locked="0">'
            f'{_props(color=_rgba(colour, opacity), style="solid", outline_color=_rgba(outline or colour, 1), outline_style="solid" if outline else "no", outline_width=0.2, outline_width_unit="MM")}'  # noqa: E501
            f"</layer></symbol>")


def _hatch(name: str, colour: str) -> str:
    return (f'<symbol type="fill" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="LinePatternFill" enabled="1" pass="0" locked="0">'
            f'{_props(angle=45, distance=2, distance_unit="MM", line_width=0.4, line_width_unit="MM", color=_rgba(colour))}'  # noqa: E501
            f'{_line("@" + name + "@0", colour, width=0.4, opacity=0.8)}</layer></symbol>')


def _band(name: str, colour: str) -> str:
    fill = _fill(f"@{name}@0", colour, 0.18)
    return (f'<symbol type="line" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="GeometryGenerator" enabled="1" pass="0" locked="0">'
            f'{_props(SymbolType="Fill", geometryModifier=_BAND)}{fill}</layer></symbol>')


def _marker(name: str) -> str:
    return (f'<symbol type="marker" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="SimpleMarker" enabled="1" pass="0" locked="0">'
            f'{_props(name="circle", color="255,255,255,255", outline_color="51,51,51,255", outline_width=0.3, outline_width_unit="MM", size=1.8, size_unit="MM")}'  # noqa: E501
            f"</layer></symbol>")


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _qml(rules: list[tuple[str, str, str]]) -> str:
    """A QML document with a rule-based renderer: (label, filter expression, symbol XML) per rule."""
    keys = "".join(f'<rule key="r{n}" label="{html.escape(label, quote=True)}" filter="{html.escape(expr, quote=True)}"'
                   f' symbol="{n}"/>' for n, (label, expr, _) in enumerate(rules))
    symbols = "".join(symbol for _, _, symbol in rules)
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            '<qgis version="3.22.0" styleCategories="Symbology">'
            '<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">'
            f'<rules key="root">{keys}</rules><symbols>{symbols}</symbols></renderer-v2></qgis>\n')


def _distinct(part: pd.DataFrame, column: str) -> list[str]:
    return sorted({v for v in part[column] if isinstance(v, str)}) if column in part else []


def table_style(part: pd.DataFrame, geometry: str, layer_colour: str | None = None) -> str:
    """The QML style of one export table of ``geometry`` type, written from its rows.

    ``layer_colour`` is the colour of the layer's lines (:func:`borders.scene.layer_colour`);
    None colours them by each feature's status.

    Examples
    --------
    >>> import borders
    >>> qml = table_style(borders.load("treaty_1920").query("kind != 'territory'"), "LineString", "#b2182b")
    >>> 'label="Treaty border, undetermined by the sources"' in qml, 'class="GeometryGenerator"' in qml
    (True, True)
    """
    base = geometry.removeprefix("Multi")
    kinds = set(part["kind"]) if "kind" in part else set()
    n = 0

    def name():
        nonlocal n
        n += 1
        return str(n - 1)

    rules = []
    if base == "Point":
        rules.append(("Place", "ELSE", _marker(name())))
    elif kinds <= {"country"} and kinds:
        rules.append(("Today's country", "ELSE", _fill(name(), BASEMAP["land"], 1.0, outline=BASEMAP["border"])))
    elif kinds <= {"lake"} and kinds:
        rules.append(("Lake", "ELSE", _fill(name(), BASEMAP["sea"], 1.0, outline=BASEMAP["river"])))
    elif kinds <= {"river", "railway"} and kinds:
        colour = BASEMAP["railway"] if "railway" in kinds else BASEMAP["river"]
        rules.append(("River" if "river" in kinds else "Railway", "ELSE",
                      _line(name(), colour, width=0.4, style="dash" if "railway" in kinds else "solid")))
    elif base == "Polygon":
        for party in _distinct(part, "held_by"):
            label = "Neutral zone (held by neither army)" if party == "neutral" else \
                f"Held by {party} (de facto: filled)"
            rules.append((label, f'"held_by" = {_quoted(party)}',
                          _fill(name(), PARTY_COLOURS[party_key(party)], 0.22)))
        for party in _distinct(part, "assigned_to"):
            rules.append((f"Assigned to {party} (de jure: hatched)", f'"assigned_to" = {_quoted(party)}',
                          _hatch(name(), PARTY_COLOURS[party_key(party)])))
        nameless = [not (isinstance(h, str) or isinstance(a, str)) for h, a in
                    zip(part.get("held_by", [None] * len(part)), part.get("assigned_to", [None] * len(part)),
                        strict=True)]
        if any(nameless):  # an area that names no party (an election's, a user's): its layer's colour
            rules.append(("Territory or zone (no party named)", '"held_by" IS NULL AND "assigned_to" IS NULL'
                          if {"held_by", "assigned_to"} <= set(part) else "ELSE",
                          _fill(name(), layer_colour or COLOURS["user"], 0.12)))
    else:  # lines and segments: the band under them, then frame, undetermined and determined courses
        if "uncertainty_m" in part and (pd.to_numeric(part["uncertainty_m"], errors="coerce") > 0).any():
            rules.append(("Uncertainty band (± uncertainty_m)", '"uncertainty_m" > 0 AND "kind" = \'segment\'',
                          _band(name(), layer_colour or COLOURS["undetermined"])))
        for status in _distinct(part, "status"):
            is_status = f'"status" = {_quoted(status)}'
            if status == "frame":
                rules.append((LINE_LABELS["frame"], is_status,
                              _line(name(), COLOURS["frame"], width=0.4, style="dash", opacity=0.8)))
                continue
            colour = layer_colour or COLOURS.get(status, COLOURS["user"])
            label = LINE_LABELS.get(status) or words("status", status).capitalize()
            if status == "undetermined":  # dotted, whatever its determined says
                rules.append((label, is_status, _line(name(), colour, width=0.8, style="dot")))
                continue
            rows = part[part["status"] == status]
            open_rows = (rows["determined"] == False) if "determined" in rows else pd.Series(False, rows.index)  # noqa: E712
            if open_rows.any():
                rules.append((f"{label}, undetermined by the sources", f'{is_status} AND "determined" = false',
                              _line(name(), colour, width=0.8, style="dot")))
                is_status += ' AND ("determined" IS NULL OR "determined" = true)'
            if not open_rows.all():
                rules.append((label, is_status, _line(name(), colour, width=0.8)))
    return _qml(rules)
