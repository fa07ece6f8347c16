"""Benchmark :func:`borders.classify` against a plain ``geopandas.sjoin`` per feature.

Usage::

    python scripts/benchmark_classify.py [--points 1000000] [--repeat 3] [--seed 1920]

Draws uniformly random points in the region (lon 19–32, lat 51–58), classifies
them against every territory and zone of the shipped layers, and times, in the
same run and on the same points:

* baseline: ``geopandas.sjoin(points, feature, predicate="within")`` once per feature
  (in/out only, no uncertainty band);
* ours: ``borders.classify(points, distances=False)`` (in / uncertain / out);
* ours with distances: ``borders.classify(points)`` (adds the geodesic distance to
  every boundary).

Prints the best time of ``--repeat`` runs, points per second, and each ratio to the
baseline (below 1 = faster than the baseline), and checks ``--check`` of the distances
against ``Geod.inv`` to a 10 m sampling of the boundary. A speed check, not a test.
"""

from __future__ import annotations

import argparse
import time

import geopandas as gpd
import numpy as np
import shapely

import borders
from borders.compare import areal_features
from borders.schema import REGION_BOUNDS


def best_of(repeat, func):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def reference_m(geoms, boundary, spacing_m=10.0):
    """Geodesic distance (Geod.inv) from each point to ``boundary`` sampled every ``spacing_m``.

    Edges are sampled straight in the conformal projection, which is how classify takes them;
    the sampling adds at most spacing/2 (near the line) and far less away from it.
    """
    from pyproj import Geod, Transformer

    from borders.geodesy import CONFORMAL_CRS

    to = Transformer.from_crs("EPSG:4326", CONFORMAL_CRS, always_xy=True)
    back = Transformer.from_crs(CONFORMAL_CRS, "EPSG:4326", always_xy=True)
    projected = shapely.transform(boundary, lambda xy: np.column_stack(to.transform(xy[:, 0], xy[:, 1])))
    sx, sy = shapely.get_coordinates(shapely.segmentize(projected, spacing_m)).T
    slon, slat = back.transform(sx, sy)
    lon, lat = shapely.get_x(geoms), shapely.get_y(geoms)
    px, py = to.transform(lon, lat)
    geod = Geod(ellps="WGS84")
    out = np.empty(len(px))
    for i in range(len(px)):
        d2 = (sx - px[i]) ** 2 + (sy - py[i]) ** 2
        near = d2 <= (d2.min() ** 0.5 * 1.005 + 50) ** 2  # the projected scale varies < 0.3 % in the region
        out[i] = geod.inv(np.full(near.sum(), lon[i]), np.full(near.sum(), lat[i]), slon[near], slat[near])[2].min()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1920)
    parser.add_argument("--check", type=int, default=10_000, help="points whose distances are checked")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    lon_min, lat_min, lon_max, lat_max = REGION_BOUNDS
    points = gpd.GeoDataFrame(geometry=shapely.points(rng.uniform(lon_min, lon_max, args.points),
                                                      rng.uniform(lat_min, lat_max, args.points)), crs=4326)
    frame = borders.load_all()
    features = areal_features(frame)
    print(f"{args.points:,} random points, {len(features)} territories/zones, best of {args.repeat}")

    def baseline():
        inside = {}
        for _, row in features.iterrows():
            one = gpd.GeoDataFrame({"id": [row["id"]]}, geometry=[row.geometry], crs=4326)
            joined = gpd.sjoin(points, one, predicate="within", how="inner")
            inside[row["id"]] = np.isin(np.arange(len(points)), joined.index.to_numpy())
        return inside

    base_s, inside = best_of(args.repeat, baseline)
    ours_s, states = best_of(args.repeat, lambda: borders.classify(points, frame=frame, distances=False))
    dist_s, table = best_of(1, lambda: borders.classify(points, frame=frame))

    # Same answers wherever ours is sure: 'in' means inside, 'out' means outside.
    for fid, mask in inside.items():
        col = states[fid].to_numpy()
        sure = col != "uncertain"
        if not np.array_equal(mask[sure], col[sure] == "in"):
            raise SystemExit(f"classify and sjoin disagree on {fid}")

    # Distances against a slow reference: Geod.inv to every boundary sampled each 10 m,
    # for --check points, each against one feature drawn at random.
    check = rng.choice(args.points, min(args.check, args.points), replace=False)
    which = rng.integers(len(features), size=len(check))
    worst_m, worst_rel = 0.0, 0.0
    for f, (_, row) in enumerate(features.iterrows()):
        mine = check[which == f]
        ref = reference_m(points.geometry.values[mine], row.geometry.boundary)
        ours = table[f"{row['id']}:distance_km"].to_numpy()[mine] * 1000
        err = np.abs(ours - ref)
        worst_m = max(worst_m, float(err.max(initial=0)))
        worst_rel = max(worst_rel, float((err / np.maximum(ref, 10_000)).max(initial=0)))
    print(f"distances of {len(check):,} points against a 10 m geodesic sampling: worst {worst_m:.1f} m, "
          f"worst relative {worst_rel:.1e} (beyond 10 km; goal 0.1 % or 10 m)")

    rows = [("geopandas.sjoin per feature (baseline)", base_s),
            ("borders.classify(distances=False)", ours_s),
            ("borders.classify (with distances, 1 run)", dist_s)]
    for label, seconds in rows:
        print(f"{label:44s} {seconds:8.3f} s  {args.points / seconds:>12,.0f} points/s  "
              f"ratio {seconds / base_s:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
