"""Static plots: they draw the scene, return the Axes, and need no web map code."""

import subprocess
import sys

import pytest
from matplotlib.figure import Figure

import borders
from borders.plot import plot
from borders.scene import prepare, scene


@pytest.fixture(scope="module")
def shipped():
    return prepare()


def test_plot_makes_its_own_figure_and_returns_the_axes(shipped):
    ax = plot(shipped, layers=["treaty_1920"])
    assert ax.figure.axes == [ax]
    assert ax.get_title() == "Soviet-Lithuanian Peace Treaty of 12 July 1920: border and territory"
    assert any("DCW-GMT" in t.get_text() for t in ax.figure.texts)  # the credits


def test_plot_draws_into_the_axes_it_is_given_and_leaves_the_figure_alone(shipped):
    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert plot(shipped, layers=["foch_line"], ax=right) is right
    assert left.has_data() is False and right.has_data()
    assert fig.texts == []


def test_the_legend_is_the_scene_s_legend(shipped):
    for layers in (["foch_line"], ["zeligowski_zone"], shipped.layers):
        ax = plot(shipped, layers=layers)
        expected = [e.label for e in scene(shipped, layers).shown().legend]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == expected
        assert "Your layer" not in expected
        # a print shows the default reading only, so its legend offers no switch
        assert not any(label.startswith("Another reading") for label in expected)


def test_plot_draws_every_town_and_only_the_towns(shipped):
    ax = plot(shipped, layers=["treaty_1920"])
    places = shipped.frame[shipped.frame["kind"] == "place"]
    towns = places[places["place_type"].isin(["city", "town"])]
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "place") == sorted(towns["name"])
    countries = [t.get_text() for t in ax.texts if t.get_gid() == "country"]
    assert "L I T H U A N I A" in countries and "R U S S I A" in countries


def test_plot_refuses_an_unknown_layer(shipped):
    with pytest.raises(borders.UnknownLayerError,
                       match="unknown layer 'places'; layers with borders: demarcation_1923, foch_line"):
        plot(shipped, layers=["places"])


def test_plot_does_not_import_the_web_maps():
    code = ("import sys; from borders.plot import plot; plot(layers=['treaty_1920']); "
            "print(sorted(m for m in sys.modules if m.startswith('borders.maps') or m == 'folium'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_a_name_with_dollar_signs_is_drawn_as_text_not_mathtext():
    # issue 13: a place named "$\frac$" crashed `borders plot` in matplotlib's mathtext
    import io

    frame = borders.load_all()
    frame.loc[frame["id"] == "kaunas", "name"] = r"$\frac$"
    ax = plot(frame, layers=["treaty_1920"])
    ax.figure.savefig(io.BytesIO(), format="png")  # mathtext is parsed when drawn
    assert r"$\frac$" in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("layers", [["foch_line"], ["treaty_1920"], None], ids=["foch_line", "treaty_1920", "all"])
def test_the_plot_s_extent_holds_the_coast_and_every_place_drawn(shipped, layers):
    # issue 12: xlim 21.3-28.8 cut off Palanga (21.07 E) and Klaipėda (21.14 E), both in the gazetteer (places)
    ax = plot(shipped, layers=layers)
    (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
    places = borders.load("places").set_index("id")
    for town in ("palanga", "klaipeda", "sventoji", "hrodna", "druya"):
        point = places.loc[town].geometry
        assert west < point.x < east and south < point.y < north, town
    assert west > 20.5 and east < 28.3  # drawn round the layers, not round the basemap (19-32 E)


def test_the_plot_has_a_true_scale_bar_and_a_north_arrow(shipped):
    from pyproj import Geod

    ax = plot(shipped, layers=["treaty_1920"])
    bar = [a for a in ax.patches if a.get_gid() == "scale-bar"]
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "scale-bar"]
    assert len(bar) == 4 and texts[0] == "0" and texts[1].endswith(" km")
    west = min(p.get_x() for p in bar)
    east = max(p.get_x() + p.get_width() for p in bar)
    lat = bar[0].get_y()
    km = Geod(ellps="WGS84").line_length([west, east], [lat, lat]) / 1000
    assert km == pytest.approx(float(texts[1].split()[0]), rel=1e-3)  # the bar is as long as it says
    assert ax.get_xlim()[0] < west < east < ax.get_xlim()[1] and ax.get_ylim()[0] < lat < ax.get_ylim()[1]
    arrow = [a for a in ax.get_children() if a.get_gid() == "north-arrow"]
    assert [a.get_text() for a in arrow] == ["", "N"]
    tip, foot = arrow[0].xy, arrow[0].xyann
    assert tip[0] == foot[0] and tip[1] > foot[1]  # it points up: north, on a map in longitude and latitude
