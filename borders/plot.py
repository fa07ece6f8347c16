"""Static maps for print (matplotlib), in the same styling as the web maps.

Examples
--------
>>> from borders.plot import plot
>>> fig = plot(layers=["treaty_1920"])
>>> fig.axes[0].get_title()
'Soviet-Lithuanian Peace Treaty of 12 July 1920: border and territory'
"""

from __future__ import annotations

import geopandas as gpd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from borders._errors import UnknownLayerError
from borders.display import simplify_for_display, uncertainty_bands
from borders.style import BASEMAP, fill_style, legend_entries, line_style

__all__ = ["plot"]

_DASHES = {None: "-", "4 4": (0, (4, 4)), "2 6": (0, (1.5, 3))}


def plot(*, frame=None, layers=None, extra=(), figsize=(10, 8), title=None):
    """Draw layers over today's countries and return the matplotlib Figure.

    The Figure is made without pyplot, so importing this module changes no backend
    (notebooks keep their inline figures); save it with ``fig.savefig(path)``.

    Parameters
    ----------
    frame : GeoDataFrame, optional
        Features (default: every shipped layer plus ``extra``).
    layers : list of str, optional
        Layer ids to draw (default: every layer with lines or territories).
    """
    if isinstance(layers, str):  # iterating it would give its letters: "unknown layer 't'"
        raise TypeError(f"layers takes a list of layer ids, e.g. layers=[{layers!r}]; got the string {layers!r}")
    from borders.catalog import layers as catalogue
    from borders.catalog import load_all
    from borders.maps import historical_layers, layer_colour

    every = load_all(extra=extra) if frame is None else frame
    light = simplify_for_display(every)
    historical = historical_layers(light)
    wanted = historical if not layers else list(layers)
    unknown = [lid for lid in wanted if lid not in historical]
    if unknown:
        raise UnknownLayerError(f"unknown layer {unknown[0]!r}; layers with borders: {', '.join(historical)}")
    bands = uncertainty_bands(light)

    fig = Figure(figsize=figsize)
    ax = fig.subplots()
    ax.set_facecolor(BASEMAP["sea"])
    countries = light[light["kind"] == "country"]
    if not countries.empty:
        countries.plot(ax=ax, color=BASEMAP["land"], edgecolor=BASEMAP["border"], linewidth=0.6)
    rivers = light[light["kind"] == "river"]
    if not rivers.empty:
        rivers.plot(ax=ax, color=BASEMAP["river"], linewidth=0.6)
    for lid in wanted:
        rows = light[light["layer"] == lid]
        colour = layer_colour(lid)
        for _, row in rows[rows["kind"].isin(["territory", "zone"])].iterrows():
            style = fill_style(row.to_dict(), colour)
            rows.loc[[_]].plot(ax=ax, color=style["fillColor"], alpha=style["fillOpacity"], linewidth=0)
        for idx, row in rows.iterrows():
            band = bands.get(idx)
            if band is not None:
                gpd.GeoSeries([band], crs=4326).plot(ax=ax, color=line_style(row.to_dict(), colour)["color"],
                                                     alpha=0.18, linewidth=0)
        # as on the web maps: segments draw their lines; a line without segments draws itself
        with_segments = set(rows.loc[rows["kind"] == "segment", "line"].dropna()) if "line" in rows else set()
        drawn = rows[(rows["kind"] == "segment") | ((rows["kind"] == "line") & ~rows["id"].isin(with_segments))]
        for _, row in drawn.iterrows():
            style = line_style(row.to_dict(), colour)
            rows.loc[[_]].plot(ax=ax, color=style["color"], linewidth=style["weight"] * 0.6,
                               linestyle=_DASHES.get(style["dashArray"], "-"))
    places = light.iloc[:0]
    if "place_type" in light.columns:
        places = light[(light["kind"] == "place") & light["place_type"].isin(["city", "town"])]
    for _, row in places.iterrows():
        ax.plot(row.geometry.x, row.geometry.y, "o", ms=2.5, mfc="white", mec="#333333", mew=0.6)
        ax.annotate(str(row["name"]), (row.geometry.x, row.geometry.y), xytext=(3, 2), textcoords="offset points",
                    fontsize=6, color="#222222")
    ax.set_xlim(21.3, 28.8)
    ax.set_ylim(52.9, 56.7)
    ax.set_aspect(1 / 0.58)  # about 1/cos(54.6°): degrees of longitude are shorter here
    ax.set_xlabel("longitude (°E, WGS84)")
    ax.set_ylabel("latitude (°N)")
    if title is None:
        title = catalogue().loc[wanted[0], "title"] if len(wanted) == 1 and wanted[0] in catalogue().index \
            else "Borders of the Lithuanian–Polish–Soviet borderland, 1919–1923"
    ax.set_title(title)
    handles = [Line2D([0], [0], color=s["color"], lw=s["weight"] * 0.6, linestyle=_DASHES.get(s["dashArray"], "-"),
                      label=label) for label, s in legend_entries()]
    handles.append(Patch(color="#b2182b", alpha=0.18, label="Uncertainty band"))
    ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9)
    fig.text(0.01, 0.005, "Layers: borders (CC BY 4.0). Basemap: Natural Earth, WDBII rivers (public domain). "
             "Places: GeoNames (CC BY 4.0).", fontsize=6, color="#555555")
    fig.tight_layout()
    return fig
