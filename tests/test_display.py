"""Geometry prepared for display stays within its tolerance of the data."""

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

import borders
from borders.display import DISPLAY_TOLERANCE_M, simplify_for_display, uncertainty_bands
from borders.geodesy import band, to_local


def test_each_segments_band_is_its_uncertainty_either_side_within_the_display_tolerance():
    every = borders.load_all()
    light = simplify_for_display(every)
    bands = uncertainty_bands(light)
    segments = light[(light["kind"] == "segment") & (light["uncertainty_m"].fillna(0) > 0)]
    assert set(segments.index) <= set(bands.index) and len(segments) > 100
    for idx in segments.index:
        exact = band([light.geometry[idx]], [float(light.loc[idx, "uncertainty_m"])])
        # the outline is simplified to the tolerance (a buffer's round ends carry most vertices)
        gap = shapely.hausdorff_distance(to_local(exact), to_local(bands[idx]))
        assert gap <= DISPLAY_TOLERANCE_M + 1, (light.loc[idx, "id"], gap)


def test_bands_only_where_there_is_an_uncertainty_and_no_segments_draw_the_edge():
    frame = gpd.GeoDataFrame({
        "id": ["sure", "unsure", "missing", "area"],
        "kind": ["line", "line", "line", "territory"],
        "uncertainty_m": [0, 2000, np.nan, 1000],
        "bounded_by": [None, None, None, None],
    }, geometry=[LineString([(25, 54), (25.2, 54)]), LineString([(25, 54.2), (25.2, 54.2)]),
                 LineString([(25, 54.4), (25.2, 54.4)]),
                 Polygon([(24, 55), (24.2, 55), (24.2, 55.2), (24, 55.2)])], crs=4326)
    bands = uncertainty_bands(frame)
    assert list(bands.index) == [1, 3]  # no band for 0 or a missing uncertainty; in the frame's order
    edge = band([frame.geometry[3].boundary], [1000])  # a territory without segments: its edge widened
    assert shapely.hausdorff_distance(to_local(edge), to_local(bands[3])) <= DISPLAY_TOLERANCE_M + 1
