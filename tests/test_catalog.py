"""Every catalogue entry: the shipped file exists, loads and matches its entry."""

from importlib.resources import files
from pathlib import Path

import pytest
import shapely

import borders
from borders.catalog import layer_path

LAYER_IDS = list(borders.layers().index)


def test_catalogue_lists_the_first_layers():
    assert {"treaty_1920", "places", "modern_countries"} <= set(LAYER_IDS)


def test_data_ships_inside_the_installed_package():
    # The wheel maps geodata/ to borders/geodata; run the tests against `pip install .`.
    assert (files("borders") / "geodata" / "catalog.json").is_file()


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_layer_validates_against_its_entry(layer_id):
    summary = borders.validate_shipped(layer_id)
    assert summary["features"] == borders.layer_info(layer_id)["nrows"]


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_layer_loads_in_wgs84_with_its_columns(layer_id):
    info = borders.layer_info(layer_id)
    gdf = borders.load(layer_id)
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == info["nrows"]
    assert sorted(c for c in gdf.columns if c != "geometry") == sorted(info["columns"])
    assert gdf.geometry.is_valid.all() and not gdf.geometry.is_empty.any()
    assert sorted(set(gdf.geom_type)) == info["geometry_types"]
    assert gdf["id"].is_unique


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_every_feature_cites_known_sources(layer_id):
    bib = borders.sources()
    cited = {s for row in borders.load(layer_id)["sources"] for s in row}
    assert cited <= set(bib.index)
    assert set(borders.layer_info(layer_id)["sources"]) <= set(bib.index)


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_polygons_follow_rfc7946_winding(layer_id):
    for geom in borders.load(layer_id).geometry:
        for poly in getattr(geom, "geoms", [geom]):
            if poly.geom_type == "Polygon":
                assert shapely.is_ccw(poly.exterior)


def test_bibliography_entries_have_citations():
    bib = borders.sources()
    assert bib["citation"].str.len().gt(20).all()


def test_unknown_layer_lists_the_valid_ids():
    with pytest.raises(borders.UnknownLayerError, match="unknown layer 'treaty_1902'.*treaty_1920"):
        borders.load("treaty_1902")


def test_checksum_mismatch_is_reported(monkeypatch):
    from borders import catalog

    real = catalog._catalog()
    broken = {k: dict(v) for k, v in real.items()}
    broken["places"]["sha256"] = "0" * 64
    monkeypatch.setattr(catalog, "_catalog", lambda: broken)
    with pytest.raises(borders.LayerValidationError, match=r"places.geojson: field 'sha256': sha256 .* does not match"):
        borders.validate_shipped("places")


@pytest.mark.parametrize("field, value, message", [
    ("sha256", "0" * 64, r"places.geojson: field 'sha256': sha256 .* does not match"),
    ("nrows", 1, r"places.geojson: field 'nrows': \d+ features, the catalogue says 1"),
    ("columns", ["id"], r"places.geojson: field 'columns': columns .* differ"),
])
def test_the_quick_check_of_a_shipped_layer_catches_what_the_catalogue_does_not_list(monkeypatch, field, value,
                                                                                     message):
    from borders import catalog

    assert catalog.check_shipped("places")["features"] == catalog.layer_info("places")["nrows"]
    broken = {k: dict(v) for k, v in catalog._catalog().items()}
    broken["places"][field] = value
    monkeypatch.setattr(catalog, "_catalog", lambda: broken)
    with pytest.raises(borders.LayerValidationError, match=message):
        catalog.check_shipped("places")


def test_layer_files_are_rounded_and_have_no_crs_member():
    import json

    for layer_id in LAYER_IDS:
        data = json.loads(layer_path(layer_id).read_text(encoding="utf-8"))
        assert "crs" not in data  # RFC 7946 dropped it
        first = data["features"][0]["geometry"]["coordinates"]
        while isinstance(first[0], list):
            first = first[0]
        assert all(len(repr(c).split(".")[-1]) <= 6 for c in first)


@pytest.mark.parametrize("extra", ["mine.geojson", Path("mine.geojson")], ids=["str", "Path"])
def test_extra_takes_a_list_not_one_path(extra):
    # a string was iterated as its characters: "no such file: m"
    with pytest.raises(TypeError, match=r"^extra takes a list of layers \(paths or GeoDataFrames\); got one path, "
                                        r"'mine.geojson': pass extra=\['mine.geojson'\]$"):
        borders.load_all(extra=extra)


def test_extra_takes_a_list_not_one_geodataframe():
    with pytest.raises(TypeError, match=r"got one GeoDataFrame: pass extra=\[frame\]$"):
        borders.load_all(extra=borders.load("places"))
