"""Geodesic measures, checked against closed-form values computed here independently of pyproj."""

import math

import pytest
from ellipsoid import meridian_arc_m, parallel_box, quadrangle_km2
from shapely.geometry import LineString, Point

from borders.geodesy import area_km2, area_km2_3035, band, distance_m


@pytest.mark.parametrize("box", [(24, 54, 25, 55), (20.5, 51.2, 31.5, 57.9), (25.3, 54.6, 25.31, 54.61)])
def test_area_of_a_quadrangle_matches_the_closed_form(box):
    assert area_km2(parallel_box(*box)) == pytest.approx(quadrangle_km2(*box), rel=1e-5)


def test_area_ignores_ring_orientation():
    poly = parallel_box(24, 54, 25, 55)
    assert area_km2(poly) == pytest.approx(area_km2(poly.reverse()), rel=1e-12)


def test_projected_area_agrees_within_a_thousandth():
    poly = parallel_box(21, 53, 27, 57)
    assert area_km2_3035(poly) == pytest.approx(area_km2(poly), rel=1e-3)


def test_distance_to_a_parallel_is_the_meridian_arc():
    parallel = LineString([(24 + i / 100, 54) for i in range(201)])
    got = distance_m([Point(25, 54.1), Point(25, 53.8)], parallel)
    assert got[0] == pytest.approx(meridian_arc_m(54, 54.1), rel=1e-4)
    assert got[1] == pytest.approx(meridian_arc_m(53.8, 54), rel=1e-4)


def test_distance_from_inside_a_polygon_is_to_its_boundary():
    poly = parallel_box(24, 54, 26, 55)
    assert distance_m([Point(25, 54.1)], poly)[0] == pytest.approx(meridian_arc_m(54, 54.1), rel=1e-4)


def test_distance_of_a_missing_point_is_nan():
    got = distance_m([Point(25, 54.1), None], LineString([(24, 54), (26, 54)]))
    assert not math.isnan(got[0]) and math.isnan(got[1])


def test_band_is_twice_the_width_times_the_length_plus_round_ends():
    meridian = LineString([(25, 54 + i / 100) for i in range(101)])
    width = 1000.0
    expected = (2 * width * meridian_arc_m(54, 55) + math.pi * width**2) / 1e6
    assert area_km2(band([meridian], [width])) == pytest.approx(expected, rel=2e-3)


def test_band_of_zero_width_is_empty():
    assert band([LineString([(25, 54), (25, 55)])], [0]).is_empty


def test_spelled_out_epsg3035_matches_the_code():
    import numpy as np
    from pyproj import Transformer

    from borders.geodesy import EPSG_3035, LONLAT

    lon, lat = np.meshgrid(np.linspace(19, 32, 14), np.linspace(51, 58, 8))
    ours = Transformer.from_crs(LONLAT, EPSG_3035, always_xy=True).transform(lon.ravel(), lat.ravel())
    code = Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True).transform(lon.ravel(), lat.ravel())
    assert np.abs(np.array(ours) - np.array(code)).max() < 0.01  # metres


def test_lines_and_points_have_no_area():
    from shapely.geometry import GeometryCollection

    ell = LineString([(24, 54), (25, 54), (25, 55)])  # pyproj would close it into a triangle
    assert area_km2(ell) == 0 and area_km2_3035(ell) == 0
    mixed = GeometryCollection([parallel_box(24, 54, 25, 55), ell, Point(26, 56)])
    assert area_km2(mixed) == pytest.approx(quadrangle_km2(24, 54, 25, 55), rel=1e-5)


def test_conformal_distances_agree_with_the_tree_search_inside_and_outside_the_box():
    # The quadtree's drops are bounded by its tolerance (0.08 % or 5 m); points outside
    # CONFORMAL_BOUNDS are measured by Nearest. Both against Nearest (exact nearest edge).
    import numpy as np
    import shapely

    from borders.geodesy import ConformalNearest, Nearest, conformal_nearest, project_conformal

    rng = np.random.default_rng(5)
    n = ConformalNearest.FEW + 3000
    lon, lat = rng.uniform(16, 35, n), rng.uniform(48, 61, n)  # some beyond lon 18-33, lat 50-59
    line = LineString([(23 + i / 50, 54 + 0.3 * math.sin(i / 7)) for i in range(201)])
    ours = ConformalNearest(line).distance_m_xy(*project_conformal(lon, lat))
    ref = Nearest(line).distance_m(shapely.points(lon, lat))
    assert (np.abs(ours - ref) <= np.maximum(10.0, 1e-3 * ref)).all()
    assert conformal_nearest(line) is conformal_nearest(LineString(line.coords))  # built once per geometry


def test_conformal_projection_is_projs_sterea():
    import numpy as np
    from pyproj import Transformer

    from borders.geodesy import CONFORMAL_CRS, project_conformal

    rng = np.random.default_rng(9)
    lon, lat = rng.uniform(10, 40, 10_000), rng.uniform(45, 65, 10_000)
    x, y = Transformer.from_crs("EPSG:4326", CONFORMAL_CRS, always_xy=True).transform(lon, lat)
    ours = project_conformal(lon, lat)
    assert np.abs(ours[0] - x).max() < 1e-6 and np.abs(ours[1] - y).max() < 1e-6
