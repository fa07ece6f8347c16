import re

from borders._assets import LEAFLET_VERSION, leaflet_inline, leaflet_links, marker_icons


def test_inline_leaflet_is_the_expected_version_with_its_licence_header():
    js, css = leaflet_inline()
    assert js.lstrip().startswith("/* @preserve")
    assert f"Leaflet {LEAFLET_VERSION}" in js[:300]
    assert "sourceMappingURL" not in js


def test_inline_css_has_no_relative_urls_left():
    _, css = leaflet_inline()
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert urls, "leaflet.css refers to images"
    assert all(u.startswith("data:image/png;base64,") or u == "#default#VML" for u in urls)


def test_marker_icons_are_data_uris():
    assert all(v.startswith("data:image/png;base64,") for v in marker_icons().values())


def test_cdn_links_name_the_same_version():
    js, css = leaflet_links()
    assert f"leaflet@{LEAFLET_VERSION}/" in js and css.endswith("leaflet.css")
