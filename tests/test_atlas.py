"""The atlas: every map, table and export in one folder, linked from one index, written as a whole."""

import re
import sqlite3

import fiona
import pytest

import borders
from borders.atlas import EXPORTS, atlas_files, write_atlas
from borders.cli import main


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    return write_atlas(tmp_path_factory.mktemp("atlas") / "atlas")


def test_the_index_links_every_file_and_every_link_resolves(atlas):
    index = (atlas / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', index))
    files = {p.name for p in atlas.iterdir()} - {"index.html", "borders-atlas.json"}
    assert links == files  # nothing unlisted, nothing missing
    assert {"overview.html", "timeline.html", "tables.html", "areas.csv", "borders.gpkg", "borders.kml",
            "places.csv"} <= links
    assert {f"{lid}.geojson" for lid in borders.layers().index} <= links
    assert "<script" not in index and "src=" not in index and "://" not in index  # opens offline


def test_made_in_one_process_the_atlas_is_the_same_bytes(atlas):
    # the tables and the GeoPackage come from a second process by default
    alone = atlas_files(parallel=False)
    assert set(alone) == {p.name for p in atlas.iterdir()} - {"borders-atlas.json"}
    for name, content in alone.items():
        assert (atlas / name).read_bytes() == (content.encode("utf-8") if isinstance(content, str) else content), name


def test_the_exports_and_tables_open(atlas):
    assert {name for name, _, _ in EXPORTS} <= {p.name for p in atlas.iterdir()}
    assert "places" in fiona.listlayers(atlas / "borders.gpkg")
    with sqlite3.connect(atlas / "borders.gpkg") as db:  # a real GeoPackage
        assert db.execute("SELECT count(*) FROM gpkg_contents").fetchone()[0] > 10
    page = (atlas / "tables.html").read_text(encoding="utf-8")
    assert page.count("<table>") == 4 and "Areas (km²" in page
    assert (atlas / "treaty_1920.geojson").read_bytes() == borders.catalog.layer_path("treaty_1920").read_bytes()


def test_an_atlas_folder_with_a_file_of_the_users_is_refused_and_kept(tmp_path, capsys):
    folder = tmp_path / "atlas"
    folder.mkdir()
    (folder / "thesis.txt").write_text("mine")
    assert main(["atlas", "--out", str(folder)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "thesis.txt" in err
    assert (folder / "thesis.txt").read_text() == "mine" and sorted(p.name for p in folder.iterdir()) == ["thesis.txt"]
