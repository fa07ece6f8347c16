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
baseline (below 1 = faster than the baseline). A speed check, not a test.
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1920)
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
    dist_s, _ = best_of(1, lambda: borders.classify(points, frame=frame))

    # Same answers wherever ours is sure: 'in' means inside, 'out' means outside.
    for fid, mask in inside.items():
        col = states[fid].to_numpy()
        sure = col != "uncertain"
        if not np.array_equal(mask[sure], col[sure] == "in"):
            raise SystemExit(f"classify and sjoin disagree on {fid}")

    rows = [("geopandas.sjoin per feature (baseline)", base_s),
            ("borders.classify(distances=False)", ours_s),
            ("borders.classify (with distances, 1 run)", dist_s)]
    for label, seconds in rows:
        print(f"{label:44s} {seconds:8.3f} s  {args.points / seconds:>12,.0f} points/s  "
              f"ratio {seconds / base_s:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
