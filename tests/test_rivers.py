"""The basemap's rivers: the big rivers of the borderland are there, where towns on them are."""

import pytest
from conftest import km_to

import borders


@pytest.fixture(scope="module")
def rivers():
    layer = borders.load("rivers")
    return layer.geometry.union_all()


# Towns on a river's bank (by their names and every map of the region): the river must pass
# within a couple of kilometres of the town's gazetteer point.
ON_A_RIVER = {
    "kaunas": "Neman and Neris",
    "hrodna": "Neman",
    "vilnius": "Neris",
    "daugavpils": "Daugava (Western Dvina)",
    "druya": "Daugava",
    "jurbarkas": "Neman",
}


@pytest.mark.parametrize("town", sorted(ON_A_RIVER))
def test_river_passes_by_the_town(rivers, places, town):
    assert km_to(rivers, places.loc[town, "geometry"]) < 3, ON_A_RIVER[town]


def test_rivers_are_dated_context_not_borders():
    layer = borders.load("rivers")
    assert set(layer["kind"]) == {"river"}
    assert set(layer["level"]) == {1, 2, 3}
    assert (layer["sources"].map(list) == [["wdbii_gshhg"]] * len(layer)).all()
