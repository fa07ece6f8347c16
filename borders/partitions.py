"""Classify point sets larger than memory, partition by partition, on dask.

Optional: ``pip install 'borders[dask]'`` (dask-geopandas, distributed, pyarrow). The work
is :func:`borders.classify` itself, run on each partition of a
``dask_geopandas.GeoDataFrame`` (``map_partitions``) with the layers sent to the workers
once; the result is a dask DataFrame with the same columns, computed partition by
partition. :func:`classify_file` runs it from a GeoParquet file to a Parquet file on a
``distributed.LocalCluster``, or on a scheduler you name: each task reads a few row groups
with pyarrow, takes the points' coordinates straight from their WKB (no shapely object per
point), classifies them and writes its part of the result.

Each worker thread prepares the layers once (:class:`borders.classify.Classifier`: bands,
prepared geometries, lookup grids, from its own copy of the geometries, since GEOS prepares
them in place) and keeps them for every partition it is given, keyed by a checksum of the
layers, the date and ``distances``.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import threading
import uuid
from pathlib import Path

import numpy as np

from borders._errors import BordersError

__all__ = ["classify_partitions", "classify_file", "dask_setup", "is_dask", "local_cluster", "worker_environ",
           "PARTITION_ROWS"]

_INSTALL = "install the dask extra: pip install 'borders[dask]'"

#: :func:`classify_file` gives each task consecutive row groups up to this many points
#: (a larger row group is one task on its own).
PARTITION_ROWS = 1_000_000


def is_dask(points) -> bool:
    """Whether ``points`` is a dask collection (dask_geopandas.GeoDataFrame or GeoSeries)."""
    return type(points).__module__.split(".")[0] in ("dask_geopandas", "dask")


def _token(frame, at, distances) -> str:
    """A checksum of what a :class:`~borders.classify.Classifier` is made from."""
    return hashlib.sha1(pickle.dumps((frame, str(at), bool(distances)), protocol=5)).hexdigest()


_KEPT = threading.local()
_KEPT_MAX = 4


def _classifier(frame, token, at, distances):
    """This thread's :class:`~borders.classify.Classifier` for ``token``, made on first use."""
    kept = getattr(_KEPT, "by_token", None)
    if kept is None:
        kept = _KEPT.by_token = {}
    found = kept.get(token)
    if found is None:
        import shapely

        from borders.classify import Classifier

        # this thread's own copy of the geometries: the Classifier prepares them (GEOS changes them in
        # place), and a worker's threads share the layers they were sent
        own = frame.set_geometry(shapely.from_wkb(shapely.to_wkb(frame.geometry.values)), crs=frame.crs)
        found = Classifier(own, at=at, distances=distances)
        if len(kept) >= _KEPT_MAX:
            kept.pop(next(iter(kept)))
        kept[token] = found
    return found


def _one_partition(part, frame, token, at, distances):
    return _classifier(frame, token, at, distances)(part)


def classify_partitions(points, *, at=None, frame=None, distances: bool = True):
    """:func:`borders.classify` for a ``dask_geopandas.GeoDataFrame``: a dask DataFrame, partition by partition.

    The layers are put in the task graph once (``dask.delayed``), so each worker gets
    them once, not with every partition, and each worker thread prepares them once.

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
    return points.map_partitions(_one_partition, layers, _token(frame, at, distances), at, distances, meta=meta)


# --- GeoParquet in, Parquet out -------------------------------------------------------------------------

def _files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    found = [p for p in source.rglob("*.parquet") if p.is_file() and not p.name.startswith((".", "_"))]
    number = re.compile(r"(\d+)")  # part.2 before part.10
    return sorted(found, key=lambda p: [int(t) if t.isdigit() else t for t in number.split(str(p))])


def _plan(source: Path):
    """The pieces, each a file, a row group, and the RangeIndex of its points when the index is
    not stored as columns (``(start, step, name)``), with their numbers of points; and the
    geometry column, its encoding and CRS, and the index columns (from the GeoParquet and pandas
    metadata)."""
    import pyarrow.parquet as pq

    files = _files(source)
    if not files:
        raise BordersError(f"{source}: no Parquet files")
    pieces, sizes, row = [], [], 0
    geo = index = None
    for path in files:
        meta = pq.ParquetFile(path).metadata
        extra = meta.metadata or {}
        if geo is None:
            if b"geo" not in extra:
                raise BordersError(f"{path}: not GeoParquet (no 'geo' metadata)")
            geo = json.loads(extra[b"geo"])
        stored = json.loads(extra.get(b"pandas", b"{}")).get("index_columns", [])
        if index is None:
            index = [c for c in stored if isinstance(c, str)]
        ranged = next((c for c in stored if isinstance(c, dict) and c.get("kind") == "range"), None)
        if ranged is not None:  # pandas' RangeIndex, kept as metadata
            start, step, name = ranged["start"], ranged["step"], ranged.get("name")
        else:  # no index at all: numbered in file order
            start, step, name = row, 1, None
        for group in range(meta.num_row_groups):
            n = meta.row_group(group).num_rows
            pieces.append((str(path), group, None if index else (start, step, name)))
            sizes.append(n)
            row += n
            start += n * step
    if not pieces:  # no points at all: one task writes the empty result
        pieces, sizes = [(str(files[0]), None, None if index else (0, 1, None))], [0]
    column = geo["primary_column"]
    info = geo["columns"][column]
    return pieces, sizes, column, info.get("encoding", "WKB"), info.get("crs", "OGC:CRS84"), index


def _tasks(pieces, sizes, rows: int) -> list[list]:
    """Consecutive pieces grouped into tasks of at most ``rows`` points (or one larger piece)."""
    tasks, current, size = [], [], 0
    for piece, n in zip(pieces, sizes, strict=True):
        if current and size + n > rows:
            tasks.append(current)
            current, size = [], 0
        current.append(piece)
        size += n
    return [*tasks, current]


def _wkb_points(array):
    """x, y and a presence mask from a pyarrow array of WKB; None unless every value is a 2-D
    little-endian point (or missing), the shapes :func:`borders.classify` reads here."""
    import pyarrow as pa

    n = len(array)
    offsets_type = np.int64 if pa.types.is_large_binary(array.type) else np.int32
    validity, offsets, data = array.buffers()
    offsets = np.frombuffer(offsets, dtype=offsets_type)[array.offset:array.offset + n + 1]
    lengths = np.diff(offsets)
    valid = np.ones(n, bool) if array.null_count == 0 else ~array.is_null().to_numpy(zero_copy_only=False)
    if not (lengths[valid] == 21).all():
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    starts = offsets[:-1][valid]
    if len(starts) and starts[-1] - starts[0] == 21 * (len(starts) - 1):  # back to back (the usual case)
        rows = raw[starts[0]:starts[0] + 21 * len(starts)].reshape(-1, 21)
    else:
        rows = raw[starts[:, None] + np.arange(21)]
    if not ((rows[:, 0] == 1) & (rows[:, 1:5].copy().view("<u4")[:, 0] == 1)).all():
        return None
    xy = rows[:, 5:21].copy().view("<f8")
    x, y = np.full(n, np.nan), np.full(n, np.nan)
    x[valid], y[valid] = xy[:, 0], xy[:, 1]
    present = np.isfinite(x) & np.isfinite(y)  # POINT EMPTY is NaN NaN: missing, as classify has it
    return x, y, present


def _is_lonlat(crs) -> bool:
    if crs is None or crs == "OGC:CRS84":
        return True
    from pyproj import CRS

    crs = CRS.from_user_input(crs)
    return crs.equals("EPSG:4326") or crs.equals("OGC:CRS84")


def _read_points(pieces, column, encoding, crs, index_columns):
    """x, y, presence, index and (when the coordinates could not be read straight) the points."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    from borders.classify import _coordinates

    tables, ranges = [], []
    for path, group, numbered in pieces:
        found = pq.ParquetFile(path)
        table = (found.schema_arrow.empty_table().select([column, *index_columns]) if group is None
                 else found.read_row_group(group, columns=[column, *index_columns]))
        tables.append(table)
        if numbered is not None:
            start, step, name = numbered
            ranges.append(pd.RangeIndex(start, start + table.num_rows * step, step, name=name))
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    if index_columns:
        index = pd.MultiIndex.from_frame(table.select(index_columns).to_pandas()) if len(index_columns) > 1 \
            else pd.Index(table.column(index_columns[0]).to_pandas(), name=index_columns[0])
    else:  # a RangeIndex, kept as metadata, or none: numbered
        index = ranges[0].append(ranges[1:]) if len(ranges) > 1 else ranges[0]
    values = table.column(column).combine_chunks()
    geoms, xyp = None, None
    if encoding.upper() == "WKB" and (pa.types.is_binary(values.type) or pa.types.is_large_binary(values.type)):
        xyp = _wkb_points(values)
    if xyp is None:
        if encoding.upper() == "WKB":
            geoms = shapely.from_wkb(values.to_numpy(zero_copy_only=False))
        elif encoding.lower() == "point":
            xs, ys = (values.field(k).to_numpy(zero_copy_only=False) for k in ("x", "y"))
            geoms = shapely.points(xs, ys)
            geoms[values.is_null().to_numpy(zero_copy_only=False)] = None
        else:
            raise BordersError(f"classify takes points; the geometry column is encoded as {encoding!r}")
        xyp = _coordinates(geoms, index)
    x, y, present = xyp
    if not _is_lonlat(crs):
        from pyproj import CRS, Transformer

        transformer = Transformer.from_crs(CRS.from_user_input(crs), "EPSG:4326", always_xy=True)
        x, y = transformer.transform(x, y)
        x, y = np.asarray(x, float), np.asarray(y, float)
        present &= np.isfinite(x) & np.isfinite(y)
        geoms = None
    return x, y, present, index, geoms


def _classify_pieces(number, pieces, *, column, encoding, crs, index_columns, frame, token, at,
                     distances, folder) -> int:
    """One task of :func:`classify_file`: read its row groups, classify, write ``part.<number>.parquet``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    x, y, present, index, geoms = _read_points(pieces, column, encoding, crs, index_columns)
    result = _classifier(frame, token, at, distances).classify_xy(x, y, present, index, geoms)
    if result.index.name is None:
        result = result.rename_axis("point")
    table = pa.Table.from_pandas(result, preserve_index=True)
    states = [name for name in result.columns if not name.endswith(":distance_km")]
    keys = [name for name in table.column_names if name not in result.columns]  # the index
    # statistics for the index only (min/max of a state say nothing; they cost a third of the
    # writing), integer indexes delta-encoded (a part without distances is a fifth of its size),
    # distances split by byte (written in two thirds of the time, 15 % larger)
    encoding = {name: "DELTA_BINARY_PACKED" for name in keys if pa.types.is_integer(table.schema.field(name).type)}
    encoding.update({name: "BYTE_STREAM_SPLIT" for name in result.columns if name.endswith(":distance_km")})
    pq.write_table(table, Path(folder) / f"part.{number}.parquet", use_dictionary=states,
                   write_statistics=keys, column_encoding=encoding or None)
    return len(result)


def worker_environ() -> dict:
    """dask's ``distributed.nanny.pre-spawn-environ`` without ``MALLOC_TRIM_THRESHOLD_``.

    dask sets that variable in the workers it spawns (to give freed memory back to the
    system at once); glibc then maps fresh pages for every allocation of 128 KiB or more
    instead of reusing freed ones, and :func:`borders.classify`, which makes many arrays of
    a partition's length, runs about 1.5 times slower. :func:`classify_file` starts its
    LocalCluster with this instead (the workers keep glibc's defaults); for a cluster of your
    own, set it before starting the workers::

        dask.config.set({"distributed.nanny.pre-spawn-environ": borders.partitions.worker_environ()})
    """
    import dask

    given = dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {}
    return {k: v for k, v in given.items() if k != "MALLOC_TRIM_THRESHOLD_"}


def dask_setup(worker=None) -> None:
    """The workers' preload hook: import what classifying needs before the first task comes.

    Importing geopandas, pyarrow and the classifier takes a worker about 0.6 s, which its
    first task would otherwise spend. :func:`local_cluster` preloads this module; for workers
    of your own, start them with ``dask worker --preload borders.partitions ...``.
    """
    import pyarrow.parquet  # noqa: F401

    import borders.classify  # noqa: F401


def local_cluster(workers: int | None = None):
    """The ``distributed.LocalCluster`` :func:`classify_file` starts: ``workers`` single-threaded
    processes (by default one per core), started with :func:`worker_environ` and with this
    module preloaded (:func:`dask_setup`), so the work they are given is classifying alone."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.nanny.pre-spawn-environ": worker_environ()}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                            preload=["borders.partitions"])


def classify_file(source, out, *, at=None, scheduler: str | None = None, distances: bool = True,
                  workers: int | None = None, progress: bool = False, rows: int = PARTITION_ROWS,
                  frame=None) -> Path:
    """Classify the points of a GeoParquet file and write the result as Parquet (a folder of parts).

    Runs on a ``distributed.LocalCluster`` (``workers`` processes, by default one per core,
    started with :func:`worker_environ`) or on the scheduler at ``scheduler``
    (``tcp://host:8786``), a task per ``rows`` points or so (whole row groups; fewer if the
    workers would not all get one). The layers are scattered to every worker once. ``source``
    may be a file or a folder of them (read in the order of their names). The result keeps
    the points' index (named ``point`` if it had no name; points stored without one are
    numbered from 0 in file order), one column per feature as :func:`borders.classify` gives.
    It is written beside ``out`` and renamed into place; an existing ``out`` is refused, never
    replaced. ``frame`` is the layers to classify against, as :func:`borders.load_all` gives
    (by default, the shipped layers).
    """
    try:
        import pyarrow  # noqa: F401
        from distributed import Client
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
        pieces, sizes, column, encoding, crs, index_columns = _plan(source)
        crs = None if _is_lonlat(crs) else crs  # decided once here, not in every task
    except BordersError:
        raise
    except Exception as err:  # pyarrow's errors: one line naming the file
        raise BordersError(f"{source}: not a GeoParquet file of points ({type(err).__name__}: {err})") from None
    if frame is None:
        from borders.catalog import load_all

        frame = load_all()
    token = _token(frame, at, distances)
    scratch = out.with_name(f".{out.name}.borders-{os.getpid()}")
    scratch.mkdir()
    cluster = None if scheduler else local_cluster(workers)
    try:
        with Client(scheduler or cluster) as client:
            # every worker busy: no task larger than an equal share of the points
            share = -(-sum(sizes) // max(1, sum(client.nthreads().values())))
            tasks = _tasks(pieces, sizes, max(1, min(rows, share)))
            run = uuid.uuid4().hex[:12]
            layers = client.scatter(frame, broadcast=True)  # once to every worker, not with each task
            futures = client.map(_classify_pieces, range(len(tasks)), tasks, column=column,
                                 encoding=encoding, crs=crs, index_columns=index_columns, frame=layers,
                                 token=token, at=at, distances=distances, folder=str(scratch.resolve()),
                                 key=[f"borders-classify-{run}-{i}" for i in range(len(tasks))])
            if progress:
                from distributed import progress as show

                show(futures)
            client.gather(futures)
        os.replace(scratch, out)
    finally:
        if cluster is not None:
            cluster.close()
        if scratch.exists():
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)
    return out
