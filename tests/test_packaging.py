"""What the wheel must carry besides Python modules (run against `pip install .`, as the other tests)."""

from importlib.resources import files


def test_the_package_says_it_is_typed():
    assert (files("borders") / "py.typed").is_file()


def test_the_maps_scripts_and_stylesheet_ship_inside_the_package():
    assets = files("borders.maps") / "assets"
    names = sorted(p.name for p in assets.iterdir())
    assert names == ["borders.css", "control.js", "fullscreen.js", "geojson.js", "labels.js", "layers.js", "layout.js",
                     "page.js", "permalink.js", "pick.js", "search.js", "swipe.js", "timeline.js"]
    assert all((assets / name).read_text(encoding="utf-8").strip() for name in names)
