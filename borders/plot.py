"""Static maps for print (matplotlib): the web maps' scene (:mod:`borders.scene`), in the same styling.

Each has the extent of what it draws, a scale bar in kilometres (measured with
:class:`pyproj.Geod`, not read off the degrees) and a north arrow.

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

import math
from collections.abc import Sequence

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from pyproj import Geod

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
    Scene,
    layer_title,
    layer_type,
    prepare,
    scene,
)
from borders.style import BASEMAP

__all__ = ["plot", "extent", "scale_bar", "north_arrow"]

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
                        gid="place", parse_math=False)
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


def extent(drawn: Scene, *, margin: float = 0.15) -> tuple[float, float, float, float]:
    """The box round what a plot draws of the historical layers and the places, ``margin`` degrees wider.

    The basemap and the country names reach far beyond the region; they are left out.

    Parameters
    ----------
    drawn : Scene
        What the plot draws (:func:`borders.scene.scene`).
    margin : float
        Degrees added on every side (0.15° of latitude is about 17 km).

    Returns
    -------
    tuple of float
        ``(west, south, east, north)`` in degrees (WGS84).

    Examples
    --------
    >>> from borders.scene import prepare, scene
    >>> west, south, east, north = extent(scene(prepare(), ["treaty_1920"]))
    >>> west < 21.07 and east > 27.4  # Palanga, at 21.07° E, and the treaty's eastern end
    True
    """
    ours = [mark.geometry for group in drawn.groups for mark in group.marks
            if group.layer is not None or mark.role is PLACE]
    if not ours:
        raise ValueError("the plot draws no historical layer and no place: it has no extent")
    west, south, east, north = shapely.union_all(ours).bounds
    return west - margin, south - margin, east + margin, north + margin


_GEOD = Geod(ellps="WGS84")


def _nice(km: float) -> float:
    """The longest of 1, 2 or 5 times a power of ten that is at most ``km``."""
    power = 10 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)


def scale_bar(ax: Axes, *, share: float = 0.2, at: tuple[float, float] = (0.04, 0.05)) -> float:
    """Draw a scale bar in kilometres, measured on the WGS84 ellipsoid along the parallel it stands on.

    Its artists have the gid ``"scale-bar"``; it is drawn for the axes' limits as they are.

    Parameters
    ----------
    ax : matplotlib Axes
        A map in degrees of longitude and latitude.
    share : float
        About how much of the map's width the bar takes (it is rounded down to 1, 2 or 5
        times a power of ten kilometres).
    at : tuple of float
        Where its left end stands, as shares of the axes' width and height.

    Returns
    -------
    float
        Its length in kilometres.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> _ = ax.set_xlim(21, 29), ax.set_ylim(53, 57)
    >>> scale_bar(ax)  # a fifth of 8° of longitude at 53.2° N is about 107 km
    100
    """
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    west, lat = x0 + at[0] * (x1 - x0), y0 + at[1] * (y1 - y0)
    per_degree = _GEOD.line_length([west, west + 1], [lat, lat]) / 1000  # km in a degree of longitude here
    km = _nice(share * (x1 - x0) * per_degree)
    km = int(km) if km == int(km) else km
    width, height = km / per_degree, 0.012 * (y1 - y0)
    for n in range(4):  # four pieces, black and white, as on a printed map
        ax.add_patch(Rectangle((west + n * width / 4, lat), width / 4, height, facecolor="#222" if n % 2 == 0
                               else "white", edgecolor="#222", linewidth=0.6, zorder=20, gid="scale-bar"))
    ax.text(west, lat + 2 * height, "0", fontsize=6, ha="center", zorder=20, gid="scale-bar")
    ax.text(west + width, lat + 2 * height, f"{km} km", fontsize=6, ha="center", zorder=20, gid="scale-bar")
    return km


def north_arrow(ax: Axes, *, at: tuple[float, float] = (0.96, 0.84)) -> None:
    """Draw an arrow pointing north (up: the plots are in longitude and latitude), gid ``"north-arrow"``.

    Parameters
    ----------
    ax : matplotlib Axes
        A map in degrees of longitude and latitude.
    at : tuple of float
        Where its foot stands, as shares of the axes' width and height; the "N" is above its tip.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> north_arrow(ax)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "north-arrow"]
    ['', 'N']
    """
    tip = (at[0], at[1] + 0.08)
    ax.annotate("", xy=tip, xytext=at, xycoords="axes fraction", zorder=20, gid="north-arrow",
                arrowprops={"arrowstyle": "-|>", "color": "#222", "linewidth": 1.2})
    ax.text(tip[0], tip[1] + 0.01, "N", transform=ax.transAxes, ha="center", va="bottom", fontsize=8,
            fontweight="bold", zorder=20, gid="north-arrow")


def plot(data: MapData = None, *, layers: Sequence[str] | None = None, ax: Axes | None = None,
         figsize: tuple[float, float] = (9, 9), title: str | None = None) -> Axes:
    """Draw layers over today's countries and return the matplotlib Axes.

    The map shows the extent of the layers and places it draws (:func:`extent`), with a
    scale bar (:func:`scale_bar`), a north arrow (:func:`north_arrow`) and, below it, the
    legend of what it draws.

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
        ax = Figure(figsize=figsize, layout="constrained").subplots()  # room for the legend below the map
    ax.set_facecolor(BASEMAP["sea"])
    run: list[Mark] = []
    for mark in drawn.marks:
        if run and (mark.role, mark.style) != (run[0].role, run[0].style):
            _draw(ax, run)
            run = []
        run.append(mark)
    if run:
        _draw(ax, run)
    west, south, east, north = extent(drawn)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))  # degrees of longitude are shorter here
    ax.set_xlabel("longitude (°E, WGS84)")
    ax.set_ylabel("latitude (°N)")
    if title is None:
        shipped = len(wanted) == 1 and layer_type(wanted[0]) != "user"
        title = layer_title(wanted[0]) if shipped else _TITLE
    ax.set_title(title, parse_math=False)
    # below the map: the extent is drawn tight round the layers, so a legend inside would cover them
    ax.legend(handles=[_legend_handle(entry) for entry in drawn.legend], loc="upper center",
              bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=7, framealpha=0.9, borderaxespad=0)
    scale_bar(ax)
    north_arrow(ax)
    if own:
        # a figure label: the constrained layout keeps it clear of the legend
        ax.figure.supxlabel(". ".join(CREDITS) + ".", x=0.01, ha="left", fontsize=6, color="#555555")
    return ax
