"""Shared fixtures: small valid layers for the validation tests."""

import json

import geopandas as gpd
import pytest
from cases import VALID_FEATURE, collection  # noqa: F401  (re-exported for the tests)
from cases import feature as fresh_feature
from pyproj import Geod
from shapely.ops import nearest_points

import borders

GEOD = Geod(ellps="WGS84")

@pytest.fixture
def feature():
    """A fresh copy of a valid user feature to break in one place."""
    return fresh_feature()


@pytest.fixture
def write_layer(tmp_path):
    """Write a FeatureCollection (or raw bytes) to a file and return its path."""

    def _write(content, name="layer.geojson"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    return _write


def km_to(geom, point):
    """Geodesic distance in km from a point to the nearest point of a geometry.

    The nearest point is found in EPSG:3035, where a kilometre is a kilometre every way to
    within 1 % here (in degrees, a degree of longitude is 0.6 of one of latitude, and the point
    found nearest can be kilometres further than the nearest on the ground).
    """
    laea = gpd.GeoSeries([geom, point], crs=4326).to_crs(3035)
    near = gpd.GeoSeries([nearest_points(laea.iloc[1], laea.iloc[0])[1]], crs=3035).to_crs(4326).iloc[0]
    return GEOD.inv(point.x, point.y, near.x, near.y)[2] / 1000


def anchor_reach(seg, anchor, places):
    """How far a segment's vertex may lie from the course, given the anchor it rests on (metres).

    A vertex between two places on either side of an edge: the edge lies somewhere between
    them, so half their distance plus the places' own uncertainty; a vertex at or offset from
    one place: the offset plus the place's uncertainty. Then how far the vertex sits from that
    point (a vertex snapped to a border or river), and 2 km more where a place's side was stated
    for other years than the line is drawn as of (issue 10, "dated evidence").
    """
    from borders.schema import EVIDENCE_MARGIN_M

    if "|" in anchor["place"]:
        a, b = anchor["place"].split("|")
        pa, pb = places.loc[a, "geometry"], places.loc[b, "geometry"]
        reach = GEOD.inv(pa.x, pa.y, pb.x, pb.y)[2] / 2 + max(places.loc[[a, b], "uncertainty_m"])
    else:
        reach = (anchor.get("offset_m") or 0) + places.loc[anchor["place"], "uncertainty_m"]
    margin = EVIDENCE_MARGIN_M if anchor.get("evidence_outside_period") else 0
    return reach + anchor["distance_m"] + margin


@pytest.fixture(scope="session")
def places():
    """The gazetteer, indexed by place id."""
    return borders.load("places").set_index("id")


def territory(fid, geom, *, valid=("1920-01-01", "1921-01-01"), uncertainty_m=0, kind="territory", layer="mine"):
    return {"id": fid, "name": fid, "kind": kind, "valid_from": valid[0], "valid_to": valid[1],
            "status": "test", "sources": ["test"], "uncertainty_m": uncertainty_m, "layer": layer,
            "geometry": geom}


def frame(*rows):
    return gpd.GeoDataFrame(list(rows), geometry="geometry", crs=4326)
