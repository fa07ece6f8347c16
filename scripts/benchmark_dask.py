"""Benchmark: classifying a GeoParquet file of random points on a dask LocalCluster, against in memory.

Usage::

    python scripts/benchmark_dask.py [--points 10000000] [--workers 2] [--partition 500000] [--distances]

Writes ``--points`` random points over the region as GeoParquet (in a temporary folder),
classifies them with :func:`borders.partitions.classify_file` on a LocalCluster of
``--workers`` single-threaded processes, and classifies a sample of the same points in
memory (``borders.classify``, one core). Prints the throughput of both (points per second
per core) and their ratio (issue 14's goal: at least 0.7), and the peak memory of the
workers; run it twice with ``--points`` doubled to see whether that peak stays flat. A
measurement, not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

import borders


def random_points(n: int, seed: int = 1920) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(21.5, 28.0, n), rng.uniform(53.2, 56.3, n)
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition", type=int, default=500_000, help="points per GeoParquet row group")
    parser.add_argument("--sample", type=int, default=500_000, help="points classified in memory")
    parser.add_argument("--distances", action="store_true", help="also the distance to each boundary")
    parser.add_argument("--at", default="1921-06-01")
    args = parser.parse_args(argv)
    from distributed import Client, LocalCluster
    from distributed.diagnostics import MemorySampler

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "points.parquet"
        start = time.perf_counter()
        random_points(args.points).to_parquet(source, row_group_size=args.partition)
        print(f"wrote {args.points:,} points as GeoParquet in {time.perf_counter() - start:.1f} s")

        sample = random_points(args.sample, seed=7)
        frame = borders.load_all()
        start = time.perf_counter()
        borders.classify(sample, at=args.at, frame=frame, distances=args.distances)
        memory_rate = args.sample / (time.perf_counter() - start)

        import dask_geopandas

        sampler = MemorySampler()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            points = dask_geopandas.read_parquet(source, split_row_groups=True)
            start = time.perf_counter()
            with sampler.sample("workers", client=client, measure="process", interval=0.5):
                lazy = borders.classify(points, at=args.at, frame=frame, distances=args.distances)
                lazy.to_parquet(Path(tmp) / "result.parquet")
            seconds = time.perf_counter() - start
        dask_rate = args.points / seconds / args.workers
        peak = sampler.to_pandas()["workers"].max() / 1e9
        print(f"in memory, one core:        {memory_rate:12,.0f} points/s ({args.sample:,} points)")
        print(f"dask, per core ({args.workers} workers): {dask_rate:12,.0f} points/s ({args.points:,} points, "
              f"{points.npartitions} partitions, {seconds:.1f} s)")
        print(f"ratio {dask_rate / memory_rate:.2f} (goal >= 0.7); peak memory of the workers {peak:.2f} GB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
