"""Static maps for print (matplotlib): the web maps' scene (:mod:`borders.scene`), in the same styling.

Examples
--------
>>> from borders.plot import plot
>>> ax = plot(layers=["treaty_1920"])
>>> ax.get_title()
'Soviet-Lithuanian Peace Treaty of 12 July 1920: border and territory'
>>> [text.get_text() for text in ax.get_legend().get_texts()]
['Treaty border', 'Undetermined by the sources', 'Frame (closes a territory)', \
'Assigned to Lithuania (de jure: hatched)', \
'Uncertainty band (± uncertainty_m)', 'Railway the 1919 lines were drawn from (traced through its stations)']
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from borders._errors import UnknownLayerError
from borders.scene import (
    CREDITS,
    FRAME,
    LABEL,
    LINE,
    PLACE,
    RAILWAY,
    LegendEntry,
    MapData,
    Mark,
    layer_title,
    layer_type,
    prepare,
    scene,
)
from borders.style import BASEMAP

__all__ = ["plot"]

_DASHES = {None: "-", "4 4": (0, (4, 4)), "2 6": (0, (1.5, 3)), "10 3": (0, (6, 1.8)), "8 5": (0, (5, 3))}
#: A pixel of the web maps' strokes and markers is drawn 0.6 points wide in print.
_POINTS_PER_PIXEL = 0.6
_TITLE = "Borders of the Lithuanian–Polish–Soviet borderland, 1919–1940"


def _stroke(style: dict) -> dict:
    return {"color": style["color"], "linewidth": style["weight"] * _POINTS_PER_PIXEL,
            "linestyle": _DASHES.get(style.get("dashArray"), "-")}


def _area(style: dict) -> dict:
    if style.get("hatch"):  # a claim: stripes of its colour, no fill (matplotlib draws a hatch in edgecolor)
        return {"facecolor": "none", "edgecolor": style["fillColor"], "hatch": "////", "linewidth": 0,
                "alpha": style.get("fillOpacity", 1)}
    out = {"color": style["fillColor"]}
    if style.get("fillOpacity", 1) < 1:
        out["alpha"] = style["fillOpacity"]
    if style.get("stroke", True) and "color" in style:  # an outline, as the land's borders
        out.update(edgecolor=style["color"], linewidth=style["weight"] * _POINTS_PER_PIXEL)
    else:
        out["linewidth"] = 0
    return out


def _draw(ax: Axes, marks: list[Mark]) -> None:
    """Draw marks that share a role and a style, as one collection."""
    role, style = marks[0].role, marks[0].style
    if role is PLACE:
        ax.plot([m.geometry.x for m in marks], [m.geometry.y for m in marks], "o", zorder=role.zorder,
                ms=style["radius"] * _POINTS_PER_PIXEL, mfc=style["fillColor"], mec=style["color"],
                mew=style["weight"] * _POINTS_PER_PIXEL)
    elif role is LABEL and style.get("class") == "country":  # centred on its point, in spaced capitals
        for mark in marks:
            ax.annotate(" ".join(str(mark.props["name"]).upper()), (mark.geometry.x, mark.geometry.y), ha="center",
                        va="center", fontsize=7, color=style["color"], zorder=role.zorder, gid="country",
                        parse_math=False)
    elif role is LABEL:
        for mark in marks:
            # parse_math=False: a name is text, not mathtext ("$\\frac$" would raise)
            ax.annotate(str(mark.props["name"]), (mark.geometry.x, mark.geometry.y), xytext=(3, 2),
                        textcoords="offset points", fontsize=6, color=style["color"], zorder=role.zorder,
                        parse_math=False)
    else:
        kwargs = _area(style) if style.get("fill", True) else _stroke(style)
        gpd.GeoSeries([m.geometry for m in marks], crs=4326).plot(ax=ax, zorder=role.zorder, **kwargs)


def _legend_handle(entry: LegendEntry):
    if entry.role in (LINE, FRAME, RAILWAY):
        return Line2D([0], [0], label=entry.label, **_stroke(entry.style))
    if entry.style.get("hatch"):
        return Patch(label=entry.label, facecolor="none", edgecolor=entry.style["fillColor"], hatch="////",
                     alpha=entry.style["fillOpacity"])
    return Patch(label=entry.label, color=entry.style["fillColor"], alpha=entry.style["fillOpacity"])


def plot(data: MapData = None, *, layers: Sequence[str] | None = None, ax: Axes | None = None,
         figsize: tuple[float, float] = (10, 8), title: str | None = None) -> Axes:
    """Draw layers over today's countries and return the matplotlib Axes.

    Without ``ax``, the Figure is made without pyplot, so importing this module changes
    no backend (notebooks keep their inline figures); save it with
    ``ax.figure.savefig(path)``. With ``ax``, it is drawn there and nothing else of the
    figure is changed, so the credits (:data:`borders.scene.CREDITS`) are yours to add.

    Parameters
    ----------
    data : GeoDataFrame or Prepared, optional
        The layers, as :func:`borders.load_all` returns them (``load_all(extra=[...])``
        adds your own), or prepared with :func:`borders.scene.prepare`; default: every
        shipped layer.
    layers : sequence of str, optional
        Layer ids to draw (default: every layer with lines or territories).
    ax : matplotlib Axes, optional
        Where to draw (default: a new Figure of ``figsize`` inches).
    title : str, optional
        Default: the layer's title for one shipped layer, a general one otherwise.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> left, right = Figure(figsize=(12, 5)).subplots(1, 2)
    >>> plot(layers=["foch_line"], ax=left) is left
    True
    >>> left.get_title()
    'Entente demarcation lines of 18 June and 26 July 1919 (Foch line)'
    """
    if isinstance(layers, str):  # iterating it would give its letters: "unknown layer 't'"
        raise TypeError(f"layers takes a list of layer ids, e.g. layers=[{layers!r}]; got the string {layers!r}")
    ready = prepare(data)
    wanted = list(layers) if layers else ready.layers
    unknown = [lid for lid in wanted if lid not in ready.layers]
    if unknown:
        raise UnknownLayerError(f"unknown layer {unknown[0]!r}; layers with borders: {', '.join(ready.layers)}")
    drawn = scene(ready, wanted, markers="towns").shown()

    own = ax is None
    if ax is None:
        ax = Figure(figsize=figsize).subplots()
    ax.set_facecolor(BASEMAP["sea"])
    run: list[Mark] = []
    for mark in drawn.marks:
        if run and (mark.role, mark.style) != (run[0].role, run[0].style):
            _draw(ax, run)
            run = []
        run.append(mark)
    if run:
        _draw(ax, run)
    ax.set_xlim(21.3, 28.8)
    ax.set_ylim(52.9, 56.7)
    ax.set_aspect(1 / 0.58)  # about 1/cos(54.6°): degrees of longitude are shorter here
    ax.set_xlabel("longitude (°E, WGS84)")
    ax.set_ylabel("latitude (°N)")
    if title is None:
        shipped = len(wanted) == 1 and layer_type(wanted[0]) != "user"
        title = layer_title(wanted[0]) if shipped else _TITLE
    ax.set_title(title, parse_math=False)
    ax.legend(handles=[_legend_handle(entry) for entry in drawn.legend], loc="lower right", fontsize=7,
              framealpha=0.9)
    if own:
        ax.figure.text(0.01, 0.005, ". ".join(CREDITS) + ".", fontsize=6, color="#555555")
        ax.figure.tight_layout()
    return ax
