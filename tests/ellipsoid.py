"""Closed-form WGS84 measures, written out here so tests do not check pyproj against itself."""

import math

import numpy as np
from shapely.geometry import Polygon

A = 6378137.0
F = 1 / 298.257223563
B = A * (1 - F)
E2 = F * (2 - F)
E = math.sqrt(E2)


def quadrangle_km2(lon0, lat0, lon1, lat1):
    """Area of the ellipsoidal quadrangle between two meridians and two parallels (closed form)."""

    def q(lat):
        s = math.sin(math.radians(lat))
        return s / (1 - E2 * s * s) + math.log((1 + E * s) / (1 - E * s)) / (2 * E)

    return B * B / 2 * math.radians(lon1 - lon0) * (q(lat1) - q(lat0)) / 1e6


def meridian_arc_m(lat0, lat1, steps=10_000):
    """Length of the meridian between two latitudes, by Simpson's rule on M(phi)."""
    phi = np.linspace(math.radians(lat0), math.radians(lat1), steps + 1)
    m = A * (1 - E2) / (1 - E2 * np.sin(phi) ** 2) ** 1.5
    h = (phi[-1] - phi[0]) / steps
    return h / 3 * (m[0] + m[-1] + 4 * m[1:-1:2].sum() + 2 * m[2:-1:2].sum())


def parallel_m(lat, dlon):
    """Length of an arc of the parallel at ``lat`` spanning ``dlon`` degrees: N(phi) cos(phi) dlambda."""
    phi = math.radians(lat)
    return A / math.sqrt(1 - E2 * math.sin(phi) ** 2) * math.cos(phi) * math.radians(dlon)


def parallel_box(lon0, lat0, lon1, lat1, n=2000):
    """A lon/lat box whose east-west edges follow the parallels (densified)."""
    south = [(lon0 + (lon1 - lon0) * i / n, lat0) for i in range(n + 1)]
    north = [(lon1 - (lon1 - lon0) * i / n, lat1) for i in range(n + 1)]
    return Polygon(south + north)


def reference_distance_m(lon, lat, boundary, spacing_m=10.0):
    """Slow geodesic distance from each point to ``boundary``, for checking fast ones.

    The boundary's edges are taken straight in ``borders.geodesy.CONFORMAL_CRS`` (their
    definition), sampled every ``spacing_m``, and each point measured to every sample
    near it with ``Geod.inv``. The result exceeds the true distance d by at most
    sqrt(d**2 + (spacing/2)**2) - d. Also returns that bound.
    """
    import shapely
    from pyproj import Geod, Transformer

    from borders.geodesy import CONFORMAL_CRS

    to = Transformer.from_crs("EPSG:4326", CONFORMAL_CRS, always_xy=True)
    back = Transformer.from_crs(CONFORMAL_CRS, "EPSG:4326", always_xy=True)
    projected = shapely.transform(boundary, lambda xy: np.column_stack(to.transform(xy[:, 0], xy[:, 1])))
    sx, sy = shapely.get_coordinates(shapely.segmentize(projected, spacing_m)).T
    slon, slat = back.transform(sx, sy)
    px, py = to.transform(np.asarray(lon, float), np.asarray(lat, float))
    geod = Geod(ellps="WGS84")
    out = np.empty(len(px))
    for i in range(len(px)):
        d2 = (sx - px[i]) ** 2 + (sy - py[i]) ** 2
        near = d2 <= (d2.min() ** 0.5 * 1.005 + 50) ** 2  # projected scale varies < 0.3 % in the region
        _, _, d = geod.inv(np.full(near.sum(), lon[i]), np.full(near.sum(), lat[i]), slon[near], slat[near])
        out[i] = d.min()
    return out, np.sqrt(out**2 + (spacing_m / 2) ** 2) - out
