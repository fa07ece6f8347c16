"""Classifying on dask gives, row for row, what classifying in memory gives."""

import numpy as np
import pandas as pd
import pytest

dask_geopandas = pytest.importorskip("dask_geopandas")  # the dask extra (installed with the test extra)

import geopandas as gpd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import borders  # noqa: E402
from borders.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(1920)
    lon, lat = rng.uniform(21.5, 28.0, 3000), rng.uniform(53.2, 56.3, 3000)
    frame = gpd.GeoDataFrame({"n": np.arange(3000)}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    frame.loc[7, "geometry"] = None  # a missing point stays missing
    return frame


def test_dask_result_equals_the_in_memory_result_row_for_row(points):
    # issue 14: the dask path must be the same computation, not an approximation
    expected = borders.classify(points, at="1921-06-01")
    # two workers in one process: partitions run in threads at once (borders.geodesy keeps a pyproj
    # transformer per thread; one shared by two threads crashed)
    with LocalCluster(n_workers=2, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            Client(cluster):
        lazy = borders.classify(dask_geopandas.from_geopandas(points, npartitions=4), at="1921-06-01")
        assert lazy.npartitions == 4
        got = lazy.compute()
    pd.testing.assert_frame_equal(got, expected)
    assert got.loc[7].isna().all()


def test_borders_classify_reads_geoparquet_and_writes_parquet(points, tmp_path, capsys):
    source = tmp_path / "points.parquet"
    points.to_parquet(source)
    out = tmp_path / "result.parquet"
    assert main(["classify", str(source), "--at", "1921-06-01", "--out", str(out), "--workers", "1",
                 "--no-distances"]) == 0
    got = pd.read_parquet(out).sort_index()
    expected = borders.classify(points, at="1921-06-01", distances=False).rename_axis("point")
    pd.testing.assert_frame_equal(got.astype(str), expected.astype(str))  # Parquet keeps the states as text
    assert main(["classify", str(source), "--out", str(out)]) == 2  # an existing result is never replaced
    assert "exists; give a new name" in capsys.readouterr().err


def test_borders_classify_reads_row_groups_straight_and_keeps_the_index(points, tmp_path):
    # the file path reads the points' coordinates from their WKB a few row groups at a time: the same
    # rows as in memory, the index kept (a stored RangeIndex, here 7, 10, 13 ...) and another CRS honoured
    from borders.partitions import classify_file

    given = points.set_index(pd.RangeIndex(7, 7 + 3 * len(points), 3, name="record")).to_crs(3035)
    source = tmp_path / "points.parquet"
    given.to_parquet(source, row_group_size=700)
    out = classify_file(source, tmp_path / "result.parquet", at="1921-06-01", workers=1, rows=1500)
    assert len(list(out.glob("part.*.parquet"))) == 3  # 700 + 700, 700 + 700, 200 points
    got = pd.read_parquet(out).sort_index()
    expected = borders.classify(given, at="1921-06-01")
    states = [c for c in expected.columns if not c.endswith(":distance_km")]
    pd.testing.assert_frame_equal(got[states].astype(str), expected[states].astype(str), check_index_type=False)
    distances = [c for c in expected.columns if c.endswith(":distance_km")]
    np.testing.assert_array_equal(got[distances].to_numpy(), expected[distances].to_numpy())
    assert got.loc[7 + 3 * 7].isna().all()  # the missing point
    # the parts are written for their readers: the index delta-encoded with statistics, the distances
    # split by byte, the states as dictionaries without statistics
    import pyarrow.parquet as pq

    group = pq.ParquetFile(sorted(out.glob("part.*.parquet"))[0]).metadata.row_group(0)
    column = {group.column(i).path_in_schema: group.column(i) for i in range(group.num_columns)}
    assert "DELTA_BINARY_PACKED" in column["record"].encodings and column["record"].is_stats_set
    assert "BYTE_STREAM_SPLIT" in column[distances[0]].encodings
    assert "RLE_DICTIONARY" in column[states[0]].encodings and not column[states[0]].is_stats_set


def test_the_local_cluster_workers_have_imported_the_classifier_before_any_task():
    import sys

    from borders.partitions import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        assert list(client.run(lambda: "borders.classify" in sys.modules).values()) == [True]
