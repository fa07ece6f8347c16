"""Classify point sets larger than memory, partition by partition, on dask.

Optional: ``pip install 'borders[dask]'`` (dask-geopandas, distributed, pyarrow). The work
is :func:`borders.classify` itself, run on each partition of a
``dask_geopandas.GeoDataFrame`` (``map_partitions``) with the layers sent to the workers
once; the result is a dask DataFrame with the same columns, computed partition by
partition. :func:`classify_file` runs it from a GeoParquet file to a Parquet file on a
``distributed.LocalCluster``, or on a scheduler you name.
"""

from __future__ import annotations

import os
from pathlib import Path

from borders._errors import BordersError

__all__ = ["classify_partitions", "classify_file", "is_dask"]

_INSTALL = "install the dask extra: pip install 'borders[dask]'"


def is_dask(points) -> bool:
    """Whether ``points`` is a dask collection (dask_geopandas.GeoDataFrame or GeoSeries)."""
    return type(points).__module__.split(".")[0] in ("dask_geopandas", "dask")


def _one_partition(part, frame, at, distances):
    import shapely

    from borders.classify import classify

    # a copy of the layers' geometries for this call: classify prepares them (GEOS changes them in place),
    # and a worker's threads share the layers they were sent
    own = frame.set_geometry(shapely.from_wkb(shapely.to_wkb(frame.geometry.values)), crs=frame.crs)
    return classify(part, at=at, frame=own, distances=distances)


def classify_partitions(points, *, at=None, frame=None, distances: bool = True):
    """:func:`borders.classify` for a ``dask_geopandas.GeoDataFrame``: a dask DataFrame, partition by partition.

    The layers are put in the task graph once (``dask.delayed``), so each worker gets
    them once, not with every partition.

    Examples
    --------
    >>> import dask_geopandas, geopandas
    >>> from shapely.geometry import Point
    >>> points = geopandas.GeoDataFrame(geometry=[Point(25.2798, 54.6892), Point(27.5667, 53.9)], crs=4326)
    >>> lazy = classify_partitions(dask_geopandas.from_geopandas(points, npartitions=2), at="1920-08-01")
    >>> lazy.compute(scheduler="sync")["treaty_1920/territory"].tolist()
    ['in', 'out']
    """
    try:
        import dask
        import geopandas as gpd
    except ImportError:
        raise BordersError(f"classifying a dask collection needs dask; {_INSTALL}") from None
    from borders.classify import classify

    if frame is None:
        from borders.catalog import load_all

        frame = load_all()
    meta = classify(gpd.GeoSeries([], crs="EPSG:4326"), at=at, frame=frame, distances=distances)
    layers = dask.delayed(frame, pure=True)
    return points.map_partitions(_one_partition, layers, at, distances, meta=meta)


def classify_file(source, out, *, at=None, scheduler: str | None = None, distances: bool = True,
                  workers: int | None = None, progress: bool = False) -> Path:
    """Classify the points of a GeoParquet file and write the result as Parquet (a folder of parts).

    Runs on a ``distributed.LocalCluster`` (``workers`` processes, by default one per core)
    or on the scheduler at ``scheduler`` (``tcp://host:8786``). The result keeps the
    points' index (named ``point`` if it had no name), one column per feature as
    :func:`borders.classify` gives. It is written
    beside ``out`` and renamed into place; an existing ``out`` is refused, never replaced.
    """
    try:
        import dask_geopandas
        from distributed import Client, LocalCluster
    except ImportError:
        raise BordersError(f"borders classify needs dask; {_INSTALL}") from None
    from borders.dates import parse_when

    parse_when(at)  # a bad date fails before a cluster starts
    source, out = Path(source), Path(out)
    if not source.exists():
        raise BordersError(f"{source}: no such file")
    if out.exists():
        raise BordersError(f"{out} exists; give a new name (nothing is replaced)")
    try:
        points = dask_geopandas.read_parquet(source)
    except Exception as err:  # pyarrow's and dask's errors: one line naming the file
        raise BordersError(f"{source}: not a GeoParquet file of points ({type(err).__name__}: {err})") from None
    scratch = out.with_name(f".{out.name}.borders-{os.getpid()}")
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            result = classify_partitions(points, at=at, distances=distances)
            if result.index.name is None:  # else dask names it __null_dask_index__ in the file
                result = result.rename_axis("point")
            written = result.to_parquet(scratch, compute=False)
            future = client.compute(written)
            if progress:
                from distributed import progress as show

                show(future)
            future.result()
        os.replace(scratch, out)
    finally:
        if cluster is not None:
            cluster.close()
        if scratch.exists():
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)
    return out
