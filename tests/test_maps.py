"""Maps: self-contained, escaped, simplified within tolerance, and working in a real browser."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import folium
import pytest
import shapely
from conftest import VALID_FEATURE, collection

import borders
import borders.maps as bm
from borders.cli import main
from borders.dates import valid_at
from borders.display import DISPLAY_TOLERANCE_M, RIVER_TOLERANCE_M, max_deviation_m, simplify_for_display
from borders.geodesy import to_local
from borders.maps.controls import HtmlControl, Timeline
from borders.maps.features import GeoJsonLayer
from borders.style import PARTY_COLOURS

HERE = Path(__file__).resolve().parent
PAYLOAD = "<img src=x onerror=window.__pwned=1>"
TEMPLATE = "{{ 7*7 }}{% if 1 %}x{% endif %}"  # folium re-reads some output as a Jinja template
ARTIFACTS = Path(os.environ.get("BORDERS_ARTIFACTS", "test-artifacts"))


@pytest.fixture(scope="module")
def evil_layer(tmp_path_factory):
    """A user layer whose every string tries to inject HTML."""
    zone = json.loads(json.dumps(VALID_FEATURE))
    zone["properties"].update(id=f"zone{PAYLOAD}", name=PAYLOAD, kind="zone", status=PAYLOAD,
                              sources=[PAYLOAD], note=PAYLOAD, clause=PAYLOAD)
    zone["geometry"] = {"type": "Polygon",
                        "coordinates": [[[25.0, 54.9], [25.6, 54.9], [25.6, 55.2], [25.0, 55.2], [25.0, 54.9]]]}
    line = json.loads(json.dumps(VALID_FEATURE))
    line["properties"].update(name=PAYLOAD, clause=TEMPLATE, note=TEMPLATE)
    path = tmp_path_factory.mktemp("evil") / f"{PAYLOAD}{TEMPLATE}.geojson"
    path.write_text(json.dumps(collection(zone, line)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def frame(evil_layer):
    return borders.load_all(extra=[evil_layer])


@pytest.fixture(scope="module")
def prepared(frame):
    return bm.prepare(frame)


def elements(element, kind):
    """Every element of a kind under a folium element."""
    found = []
    for child in element._children.values():
        if isinstance(child, kind):
            found.append(child)
        found.extend(elements(child, kind))
    return found


def geojson_layers(element):
    return elements(element, GeoJsonLayer)


def shown_layers(m):
    """The GeoJSON layers of the groups a map shows when it opens."""
    hidden = [group for group in elements(m, folium.FeatureGroup) if not group.show]
    off = {id(layer) for group in hidden for layer in geojson_layers(group)}
    return [layer for layer in geojson_layers(m) if id(layer) not in off]


def legend_of(m):
    """The legend's lines, as text."""
    (control,) = [c for c in elements(m, HtmlControl) if c.data["className"] == "borders-legend"]
    return [re.sub(r"<[^>]+>", "", line) for line in re.findall(r"<div>(.*?)</div>", control.data["html"])]


def all_maps(prepared):
    user = next(lid for lid in prepared.layers if lid.startswith("<img"))
    return {
        "overview": bm.overview(prepared),
        "timeline": bm.timeline(prepared),
        "layer-treaty_1920": bm.layer_map("treaty_1920", prepared),
        "layer-user": bm.layer_map(user, prepared),
        "compare": bm.comparison("foch_line", "treaty_1920", prepared),
    }


@pytest.fixture(scope="module")
def rendered(prepared):
    return {name: m.get_root().render() for name, m in all_maps(prepared).items()}


def test_maps_load_nothing_from_the_network(rendered):
    for name, page in rendered.items():
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?(https?:)?//", page), name
        assert "L.version" in page or "Leaflet" in page, name


def test_maps_stay_under_one_and_a_half_megabytes(rendered):
    for name, page in rendered.items():
        assert len(page.encode("utf-8")) <= 1_500_000, name


def test_cdn_maps_link_leaflet_instead_of_inlining_it(frame, rendered):
    small = bm.overview(frame, cdn=True).get_root().render()
    assert '<script src="https://unpkg.com/leaflet@1.9.3/dist/leaflet.js"></script>' in small
    assert len(rendered["overview"]) - len(small) > 100_000


def test_no_string_reaches_the_page_unescaped(rendered):
    for name, page in rendered.items():
        assert PAYLOAD not in page, name
        assert not re.search(r"<img\s+src=x", page), name


def test_each_map_takes_the_shipped_layers_a_frame_or_prepared_layers_alike():
    every = borders.load_all()
    maps = [bm.overview(), bm.overview(every), bm.overview(bm.prepare(every))]
    features = [[layer.features for layer in geojson_layers(m)] for m in maps]
    assert features[0] == features[1] == features[2]
    assert sum(len(f) for f in features[0]) > 100


def test_a_map_says_what_data_it_expected(evil_layer):
    with pytest.raises(TypeError, match=r"expected the layers to draw as a GeoDataFrame .*got PosixPath"):
        bm.overview(evil_layer)
    with pytest.raises(borders.UnknownLayerError,
                       match="unknown layer 'treaty_1902'; known: demarcation_1923, foch_line"):
        bm.layer_map("treaty_1902")


def page_data(page):
    """The one JSON object a page hands its scripts."""
    found = re.findall(r"window\.bordersData = Object\.assign\(window\.bordersData \|\| \{\}, (.*?)\);</script>", page)
    assert len(found) == 1
    return json.loads(found[0])


def test_a_page_hands_its_scripts_one_json_object(prepared):
    for name, m in all_maps(prepared).items():
        page = m.get_root().render()
        data = page_data(page)
        layers = geojson_layers(m)
        assert layers, name
        for layer in layers:
            # the data is embedded as it is, and the script only says where to find it
            assert data[layer.get_name()]["data"]["features"] == json.loads(json.dumps(layer.features)), name
            assert f'borders.geoJson(bordersData["{layer.get_name()}"])' in page, name


def test_features_shared_by_pages_are_encoded_as_json_would_encode_them():
    from borders.maps.elements import SharedJson, _dumps

    shared = SharedJson(type="Feature", properties={"name": "Wilno <b>&'", "n": 1.5, "ok": None})
    value = {"layer": {"features": [shared, shared], "pane": None}, "dates": ("1920-07-12", True)}
    options = {"ensure_ascii": False, "separators": (",", ":")}
    assert _dumps(value, **options) == json.dumps(value, **options)
    assert shared.encoded is shared.encoded  # encoded once


def test_no_string_of_the_data_can_end_its_script(tmp_path):
    # HTML's script data state: only "</script", "<!--" and "<script" are markup inside it.
    hostile = "</script><script>window.__pwned=1</script><!--<script>"
    zone = json.loads(json.dumps(VALID_FEATURE))
    zone["properties"].update(id="u/zone", name=hostile, kind="zone", note=hostile)
    zone["geometry"] = {"type": "Polygon",
                        "coordinates": [[[25.0, 54.9], [25.6, 54.9], [25.6, 55.2], [25.0, 55.2], [25.0, 54.9]]]}
    path = tmp_path / "u.geojson"
    path.write_text(json.dumps(collection(zone)), encoding="utf-8")
    page = bm.overview(borders.load_all(extra=[path])).get_root().render()
    data = page.split("window.bordersData = ", 1)[1].split(");</script>", 1)[0]
    assert "<" not in data  # so neither "</script" nor "<!--" can appear in it
    assert hostile in json.dumps(page_data(page), ensure_ascii=False)  # and the strings come back whole


def test_pages_inline_the_assets_they_use():
    from borders.maps.elements import asset

    pages = {"overview": bm.overview().get_root().render(), "timeline": bm.timeline().get_root().render(),
             "compare": bm.comparison("foch_line", "treaty_1920").get_root().render()}
    for name in ("borders.css", "control.js", "geojson.js", "page.js"):
        assert all(asset(name) in page for page in pages.values()), name
    assert asset("timeline.js") in pages["timeline"] and asset("timeline.js") not in pages["overview"]
    assert asset("swipe.js") in pages["compare"] and asset("swipe.js") not in pages["timeline"]
    assert "background: var(--borders-sea)" in asset("borders.css")
    assert "--borders-sea: #d4e6f1;" in pages["overview"]  # from borders.style.BASEMAP


def test_each_legend_lists_what_its_map_draws(prepared):
    assert legend_of(bm.layer_map("foch_line")) == [
        "Demarcation line", "Undetermined by the sources", "Frame (closes a territory)",
        "Assigned to Lithuania (de jure: hatched)", "Uncertainty band (± uncertainty_m)",
        "Railway the 1919 lines were drawn from (traced through its stations)",
        "Click a line for its sources; hover a place for its names."]
    shipped = legend_of(bm.overview())
    assert "Your layer" not in shipped and "Your layer (area)" not in shipped
    assert {"Treaty border", "Demarcation line", "Held by force (de facto)", "Assigned to Lithuania (de jure: hatched)",
            "Held by Central Lithuania (de facto: filled)", "Held by Poland (de facto: filled)"} <= set(shipped)
    assert {"Your layer", "Your layer (area)"} <= set(legend_of(bm.overview(prepared)))
    assert "Held by force (de facto)" not in legend_of(bm.comparison("foch_line", "treaty_1920", prepared))
    assert legend_of(bm.timeline())[-1] == "Type a date, drag the slider, or step through the changes below."


def test_maps_are_an_attribute_of_borders_without_importing_folium_first():
    code = ("import sys, borders; assert 'folium' not in sys.modules and 'matplotlib' not in sys.modules; "
            "print(type(borders.maps.layer_map('treaty_1920')).__name__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "Map"


def test_display_geometry_stays_within_the_tolerance(frame):
    light = simplify_for_display(frame)
    borders_ = ["segment", "line", "territory", "zone", "country", "place"]
    assert max_deviation_m(frame, light, kinds=borders_) <= DISPLAY_TOLERANCE_M + 1  # +1 m: reprojection round trip
    assert max_deviation_m(frame, light, kinds=["river"]) <= RIVER_TOLERANCE_M + 1
    assert shapely.get_num_coordinates(light.geometry.values).sum() < \
        shapely.get_num_coordinates(frame.geometry.values).sum()


def test_display_territories_still_run_along_their_segments(frame):
    light = simplify_for_display(frame).set_index("id")
    territory = light.loc["treaty_1920/territory"]
    edges = shapely.union_all(light.loc[list(territory["bounded_by"]), "geometry"].values)
    assert territory.geometry.boundary.hausdorff_distance(edges) < 1e-9


def test_display_countries_keep_their_common_borders(frame):
    light = simplify_for_display(frame)
    for layer in ("modern_countries", "neighbour_countries"):
        countries = to_local(light.loc[(light["kind"] == "country") & (light["layer"] == layer), "geometry"].values)
        assert len(countries) >= 4 and shapely.coverage_is_valid(countries), layer
    # the neighbours meet today's five countries without covering them
    every = light[light["kind"] == "country"]
    ours = shapely.union_all(every.loc[every["layer"] == "modern_countries", "geometry"].values)
    theirs = shapely.union_all(every.loc[every["layer"] == "neighbour_countries", "geometry"].values)
    assert to_local(ours.intersection(theirs)).area < 5e6  # m²: the two coverages simplified apart


def test_maps_command_writes_every_map_and_an_index(tmp_path, capsys):
    out = tmp_path / "maps"
    assert main(["maps", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    layers = ["foch_line", "treaty_1920", "suwalki_line_1920", "zeligowski_zone", "neutral_zone_1920",
              "demarcation_1923", "transfer_1939"]  # in the order they begin: 1919, July-November 1920, 1923, 1939
    # each with the next one in time, and each with the treaty
    pairs = [("foch_line", "treaty_1920"), ("suwalki_line_1920", "treaty_1920"),
             ("suwalki_line_1920", "zeligowski_zone"), ("neutral_zone_1920", "zeligowski_zone"),
             ("demarcation_1923", "neutral_zone_1920"), ("demarcation_1923", "transfer_1939"),
             ("treaty_1920", "zeligowski_zone"), ("neutral_zone_1920", "treaty_1920"),
             ("demarcation_1923", "treaty_1920"), ("transfer_1939", "treaty_1920")]
    expected = ["index.html", "overview.html", "timeline.html", "borders-maps.json",
                *(f"layer-{lid}.html" for lid in layers), *(f"compare-{a}--{b}.html" for a, b in pairs)]
    assert names == sorted(expected)
    index = (out / "index.html").read_text()
    assert all(f'href="{n}"' in index for n in names if n not in ("index.html", "borders-maps.json"))


def test_maps_command_refuses_a_bad_layer_and_writes_nothing(tmp_path, write_layer, feature, capsys):
    feature["properties"]["uncertainty_m"] = -1  # (no sources is fine for one's own layer: "unsourced")
    bad = write_layer(collection(feature), name="bad.geojson")
    out = tmp_path / "maps"
    assert main(["maps", "--out", str(out), "--layer", str(bad)]) == 2
    assert "bad.geojson: feature 'my-line': field 'uncertainty_m'" in capsys.readouterr().err
    assert not out.exists()


def test_plot_command_writes_png_svg_pdf(tmp_path, capsys):
    for suffix in ("png", "svg", "pdf"):
        target = tmp_path / f"map.{suffix}"
        assert main(["plot", "--layer-id", "treaty_1920", "--out", str(target)]) == 0
        assert target.stat().st_size > 10_000
    assert main(["plot", "--out", str(tmp_path / "map.gif")]) == 2
    assert "expected a file name ending in .png, .svg or .pdf" in capsys.readouterr().err


# --- in a real browser, with no network ----------------------------------------------------

def busy_days(events):
    """The timeline's days with the most to say: 15 February 1923 (seven things end), the day naming the
    most things, and the day whose names are the longest."""
    def names(e):
        return e["began"] + e["ended"]

    most = max(events, key=lambda e: len(names(e)))["date"]
    longest = max(events, key=lambda e: sum(len(n) for n in names(e)))["date"]
    return sorted({"1923-02-15", most, longest})


def browser_missing() -> str | None:
    if os.environ.get("BORDERS_SKIP_BROWSER") == "1":
        return "BORDERS_SKIP_BROWSER=1"
    return None


@pytest.fixture(scope="module")
def browser_report(prepared, tmp_path_factory):
    if reason := browser_missing():
        pytest.skip(reason)
    for tool in ("/usr/bin/chromium", shutil.which("unshare")):
        if not tool or not Path(tool).exists():
            pytest.fail("browser tests need Debian's chromium and unshare: apt-get install -y chromium "
                        "(or set BORDERS_SKIP_BROWSER=1 to skip them)")
    folder = tmp_path_factory.mktemp("maps")
    maps = all_maps(prepared)
    many = folder / "many.geojson"  # a dense layer of the user's, drawn as one feature (borders.display.draw_together)
    many.write_text(json.dumps(collection(*many_short_lines())), encoding="utf-8")
    maps["layer-many"] = bm.layer_map("many", bm.prepare(borders.load_all(extra=[many])))
    spec, expected = [], {}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, m in maps.items():
        path = folder / f"{name}.html"
        path.write_text(m.get_root().render(), encoding="utf-8")
        layers = shown_layers(m)  # a group switched off (another reading) draws nothing until switched on
        item = {"path": str(path)}
        if name == "overview":
            item["screenshot"] = str((ARTIFACTS / "overview.png").resolve())
        item["screenshots"] = str((ARTIFACTS / name).resolve())  # name-desktop.png, name-small.png, name-phone.png
        item["hits"] = True
        if name == "timeline":
            item["dates"] = ["1919-07-01", "1920-08-01", "1925-01-01"]
            item["open_at"] = "1920-08-01"  # the user layer is valid 1920-07-12 .. 1920-10-09
            (control,) = elements(m, Timeline)
            item["hit_dates"] = [event["date"] for event in control.data["events"]]
            item["bar_dates"] = busy_days(control.data["events"])
            places = borders.load("places").set_index("id")
            item["probes"] = {"1921-06-01": {town: [places.loc[town].geometry.y, places.loc[town].geometry.x]
                                             for town in ("hrodna", "lida", "kaunas", "vilnius")}}
            item["address"] = "#map=9/54.9/25.3&date=1920-11-30&layers=zeligowski_zone,places,labels"
            item["timeline"] = True
        if name == "overview":
            item["address"] = "#map=8/54.5000/24.5000&layers=basemap,foch_line.1,places"
        if name == "compare":
            item["swipe"] = True
        spec.append(item)
        expected[name] = layers
    spec_file = folder / "spec.json"
    report_file = folder / "report.json"
    spec_file.write_text(json.dumps(spec))
    done = subprocess.run(["unshare", "-n", sys.executable, str(HERE / "browser_check.py"), str(spec_file),
                           str(report_file)], capture_output=True, text=True, timeout=2700)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(report_file.read_text())
    return {name: report[str(folder / f"{name}.html")] for name in maps}, expected


def drawn_features(layers, day=None, dated=()):
    """How many SVG paths Leaflet should draw: one per feature (valid on ``day`` for dated layers)."""
    total = 0
    for layer in layers:
        # town labels are HTML markers, not SVG paths
        feats = [f for f in layer.features if "_label" not in f["properties"]]
        if day and layer in dated:
            import pandas as pd

            props = pd.DataFrame([f["properties"] for f in feats], columns=["valid_from", "valid_to"])
            total += int(valid_at(props, __import__("datetime").date.fromisoformat(day)).sum())
        else:
            total += len(feats)
    return total


def test_leaflet_runs_and_draws_every_feature_offline(browser_report):
    report, expected = browser_report
    for name, got in report.items():
        assert got["leaflet"] == "1.9.3", name
        assert got["requests"] == [], name
        assert got["errors"] == [], name
        if name != "timeline":
            assert got["paths"] == drawn_features(expected[name]), name


def test_timeline_draws_what_was_valid_on_each_day(browser_report):
    report, expected = browser_report
    layers = expected["timeline"]
    dated = [layer for layer in layers if any(f["properties"].get("valid_from") for f in layer.features)
             and not all(f["properties"].get("id", "").startswith("modern_countries") for f in layer.features)]
    dated = [layer for layer in dated if layer.features[0]["properties"].get("kind") != "place"]
    got = report["timeline"]["paths_at"]
    for day, count in got.items():
        assert count == drawn_features(layers, day, dated), day
    # 1 July 1919: the 18 June line, not yet the Foch line or the treaty.
    assert got["1919-07-01"] < got["1920-08-01"]


def lines_drawn(layers, day=None):
    """The non-frame lines and segments a map draws (on ``day``, for the timeline)."""
    import datetime

    import pandas as pd

    props = pd.DataFrame([f["properties"] for layer in layers if layer.data["role"] == "line" for f in layer.features],
                         columns=["id", "valid_from", "valid_to"])
    if day is not None:
        props = props[valid_at(props, datetime.date.fromisoformat(day))]
    return len(props)


def test_a_click_on_any_point_of_a_line_opens_that_line(browser_report):
    # issue 12: fills were drawn over the lines, and a click on the Foch line opened the zone under it
    report, expected = browser_report
    for name, got in report.items():
        for when, hits in got["hits"].items():
            lines = hits["lines"]
            # the points at 1/4, 1/2 and 3/4 of every line drawn (that day), clicked where they are on screen
            assert lines["clicked"] == 3 * lines_drawn(expected[name], None if when == "open" else when) > 0, \
                (name, when)
            assert lines["missed"] == [], (name, when, lines["missed"][:3])
    # every event date of the timeline was tried, the 1919 lines among them
    assert len(report["timeline"]["hits"]) > 5 and report["timeline"]["hits"]["1919-06-18"]["lines"]["clicked"]
    # a dense layer of the user's is drawn as one line, whose popup, opened by a click like any other's,
    # says so (the 1,000 lines would be 1,000 features)
    merged = [f for layer in expected["layer-many"] for f in layer.features
              if "drawn as one" in str(f["properties"].get("_popup", ""))]
    assert len(merged) == 1 and report["layer-many"]["hits"]["open"]["lines"]["missed"] == []
    assert any("1,000 lines of many, drawn as one" in text for text in report["layer-many"]["opened"]["texts"])


def test_hovering_a_place_shows_its_names_at_every_date(browser_report):
    report, _ = browser_report
    for name, got in report.items():
        for when, hits in got["hits"].items():
            places = hits["places"]
            assert places["hovered"] > 50, (name, when)
            # under each place's centre is a place marker (a fill or line never covers one), showing its names
            assert places["wrong"] == [], (name, when, places["wrong"][:3])


def _apart(boxes, viewport, where):
    """The boxes of the controls lie in the window and apart."""
    width, height = viewport
    for what, (left, top, right, bottom) in boxes.items():
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, (where, what)
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            (al, at, ar, ab), (bl, bt, br, bb) = boxes[a], boxes[b]
            apart = ar <= bl or br <= al or ab <= bt or bb <= at
            assert apart, (where, a, boxes[a], b, boxes[b])


def _inside_the_bar(parts, bar, where):
    """The timeline's inputs and caption lie inside its bar, and apart."""
    assert set(parts) == {"date", "previous", "play", "next", "changes", "slider", "caption"}, where
    names = sorted(parts)
    for i, a in enumerate(names):
        left, top, right, bottom = parts[a]
        assert bar[0] <= left and bar[1] <= top and right <= bar[2] and bottom <= bar[3], (where, a)
        for b in names[i + 1:]:
            assert not _meet(parts[a], parts[b]), (where, a, parts[a], b, parts[b])


def test_no_two_controls_overlap_at_any_size(browser_report, prepared):
    # issue 12: the layer list covered the zone, the legend the title, the attribution the scale bar
    report, _ = browser_report
    for name, got in report.items():
        for size, seen in got["layout"].items():
            boxes = seen["boxes"]
            assert {"title", "legend", "scale", "attribution", "zoom", "search", "fullscreen"} <= set(boxes), \
                (name, size)
            if name != "compare":
                assert "layers" in boxes, (name, size)
            if name == "timeline":
                assert "timeline" in boxes, (name, size)
            _apart(boxes, seen["viewport"], (name, size))
    (control,) = elements(bm.timeline(prepared), Timeline)
    for size, seen in report["timeline"]["layout"].items():  # the timeline's inputs: inside its bar, and apart
        _inside_the_bar(seen["parts"], seen["boxes"]["timeline"], size)
        # and so on the busiest days, with the caption's disclosure closed and opened
        assert sorted(seen["on"]) == busy_days(control.data["events"]), size
        for date, on in seen["on"].items():
            for state, shown in (("closed", on), ("opened", on.get("opened", on))):
                assert "timeline" in shown["boxes"], (size, date, state)
                _apart(shown["boxes"], seen["viewport"], (size, date, state))
                _inside_the_bar(shown["parts"], shown["boxes"]["timeline"], (size, date, state))
    for name in report:
        for size in ("desktop", "small", "phone"):
            assert (ARTIFACTS / f"{name}-{size}.png").stat().st_size > 20_000


def test_the_timeline_bar_takes_a_quarter_of_the_window_at_most_on_busy_days(browser_report, prepared):
    # issue 12: at 800 x 600 the bar covered much of the map on days with many changes (on 15 February 1923
    # its caption named seven things), and at 390 x 844 the caption was cut off after three lines
    report, _ = browser_report
    (control,) = elements(bm.timeline(prepared), Timeline)
    events = {event["date"]: event for event in control.data["events"]}
    layout = report["timeline"]["layout"]
    for size in ("small", "phone"):  # 800 x 600, 390 x 844
        height = layout[size]["viewport"][1]
        for date in busy_days(control.data["events"]):
            on = layout[size]["on"][date]
            closed = on["caption"]
            # one short sentence, shown whole; the rest behind a disclosure, closed
            assert re.fullmatch(r"On \d{1,2} [A-Z][a-z]+ \d{4}: [^.]+\.", closed["lead"]), (size, date, closed)
            assert len(closed["lead"]) <= 80 and not closed["clipped"], (size, date, closed)
            assert closed["disclosure"] and closed["open"] is False and not closed["restShown"], (size, date)
            assert closed["bar"] <= 0.25 * height, (size, date, closed["bar"])
            # opened from the keyboard, it says in sentences everything that began and ended, and the bar
            # keeps to its quarter, the caption scrolling inside it (the inputs stay: test above)
            opened = on["opened"]["caption"]
            assert opened["open"] and opened["restShown"], (size, date)
            names = events[date]["began"] + events[date]["ended"]
            assert all(n in opened["rest"] for n in names), (size, date, opened["rest"])
            assert opened["rest"].endswith(("begin.", "end.", "change.", "begins.", "ends.", "changes.")), opened
            assert opened["bar"] <= 0.25 * height, (size, date, opened["bar"])
            assert opened["scrolls"] or not opened["clipped"], (size, date)


def _meet(a, b, pad=0):
    """Whether two boxes (left, top, right, bottom) overlap, or come within ``pad`` pixels."""
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def test_labels_never_overlap_and_give_way_to_more_important_ones(browser_report):
    # issue 12: 71 of 123 places were bare dots, and Klaipėda/Gargždai, Suwałki/Sejny... collided
    report, _ = browser_report
    for name, got in report.items():
        shown = {}
        for zoom, labels in got["labels"].items():
            visible = [label for label in labels if label["shown"]]
            for i, a in enumerate(visible):
                for b in visible[i + 1:]:
                    assert not _meet(a["box"], b["box"]), (name, zoom, a["id"], b["id"])
            # a label is hidden only for a label at least as important that it would overlap
            for label in labels:
                if not label["shown"]:
                    # (labels.js keeps 2 px between labels)
                    assert any(_meet(label["box"], v["box"], 2) and v["rank"] <= label["rank"] for v in visible), \
                        (name, zoom, label["id"])
            shown[int(zoom)] = {label["id"] for label in visible}
        # every place has a label, and zooming in shows more of them
        assert len(got["labels"]["10"]) > 130, name
        assert len(shown[6]) < len(shown[8]) < len(shown[10]), name
        assert {"vilnius", "kaunas", "hrodna"} <= shown[6], name


def test_a_place_is_found_by_any_of_its_names_with_or_without_diacritics(browser_report):
    # issue 12: a search over every name variant of the gazetteer; the names are the places layer's own
    from browser_check import SEARCHES

    report, _ = browser_report
    for name, got in report.items():
        for query, expected in SEARCHES.items():
            found = got["search"][query]
            if expected is None:  # not in the gazetteer: nothing listed, the map stays
                assert found["items"] == [], (name, query)
                continue
            # Enter goes to the first result, zoomed in, and opens its names
            assert found["centre"] == expected, (name, query, found)
            assert found["zoom"] >= 10 and found["popup"], (name, query)
        search = got["search"]
        assert search["Wilno"]["items"][0] == "Wilno (Vilnius)", name  # the name that answered, and the place's own
        assert search["svencionys"]["items"][0] == "Švenčionys", name
        assert "pl: Kowno" in search["Kowno"]["popup"] and "be: Коўна" in search["Kowno"]["popup"], name  # its names
        assert search["Гродна"]["popup"].startswith("Hrodna"), name
        clicked = search["clicked"]  # a click on the second result goes to that place
        second = clicked["items"][1]
        own = second[second.index("(") + 1:-1] if second.endswith(")") else second
        assert clicked["popup"].startswith(own), (name, clicked)


def test_the_address_keeps_the_view_the_date_and_the_layers(browser_report):
    # issue 12: a permalink, #map=zoom/lat/lon&date=YYYY-MM-DD&layers=key,key
    report, _ = browser_report
    timeline = report["timeline"]["address"]
    assert (timeline["zoom"], round(timeline["lat"], 1), round(timeline["lng"], 1)) == (9, 54.9, 25.3)
    assert timeline["date"] == "1920-11-30"
    assert timeline["layers"] == ["zeligowski_zone", "places", "labels"]
    assert timeline["hash"] == "#map=9/54.9000/25.3000&date=1920-11-30&layers=zeligowski_zone,places,labels"
    assert timeline["moved"].startswith("#map=8/55.1000/24.2000&date=1920-11-30&")  # rewritten as the map moves
    overview = report["overview"]["address"]
    assert overview["layers"] == ["basemap", "foch_line.1", "places"] and overview["date"] is None
    assert overview["hash"] == "#map=8/54.5000/24.5000&layers=basemap,foch_line.1,places"
    for name in ("timeline", "overview"):
        got = report[name]["address"]
        before, after = got["round trip"]  # moved, another day, two groups: the address it wrote shows them again
        assert after["hash"] == before["hash"] and len(before["layers"]) == 2, name
        assert [after[k] for k in ("zoom", "date", "layers")] == [before[k] for k in ("zoom", "date", "layers")]
        assert after["lat"] == pytest.approx(before["lat"], abs=1e-4) and \
            after["lng"] == pytest.approx(before["lng"], abs=1e-4), name  # the address keeps 4 decimals (~10 m)
        assert before["date"] == ("1923-03-15" if name == "timeline" else None), name
        plain, unusable = got["unusable"]  # an address it cannot use opens the map as it opens without one
        assert [unusable[k] for k in ("zoom", "date", "layers")] == [plain[k] for k in ("zoom", "date", "layers")]
        # (the opening view may differ by a pixel or two between two loads on a busy machine)
        assert abs(unusable["lat"] - plain["lat"]) < 0.05 and abs(unusable["lng"] - plain["lng"]) < 0.05, name
        assert got["errors"] == [], name


def test_the_full_screen_button_enters_and_leaves_full_screen(browser_report):
    report, _ = browser_report
    for name, got in report.items():
        assert got["fullscreen"] == {"entered": [True, "Leave full screen"], "left": [True, "Full screen"]}, name


def test_printed_maps_keep_the_title_legend_and_credits_without_the_controls(browser_report):
    # issue 12: a print stylesheet (@media print), checked with the page's media emulated as print
    report, _ = browser_report
    for name, got in report.items():
        screen, printed = got["printed"]["screen"], got["printed"]["print"]
        controls = ["zoom", "layers", "search", "fullscreen"]
        if name == "timeline":
            controls += ["timelineButtons", "slider"]
        if name == "compare":
            controls += ["grip"]
        assert all(screen[k] for k in controls), (name, screen)  # they are there on screen
        assert not any(printed[k] for k in controls), (name, printed)
        # at 800 x 600 the legend starts folded; printed, it is unfolded
        assert not screen["legendItems"] and printed["legend"] and printed["legendItems"], (name, printed)
        assert printed["title"] and printed["attribution"], name
        if name == "timeline":
            assert printed["date"] and printed["caption"], name  # the day the map shows, and what changed
        if name == "compare":
            assert printed["divider"], name


def test_the_legend_and_the_layer_list_fold_away_on_small_screens(browser_report):
    report, _ = browser_report
    for name, got in report.items():
        layout = got["layout"]
        assert layout["desktop"]["folded"] == {"legend": False, "layers": False}, name
        assert layout["phone"]["folded"] == {"legend": True, "layers": True}, name
        assert layout["small"]["folded"] == {"legend": True, "layers": True}, name


def test_popups_fit_the_window_scroll_and_wrap_their_links(browser_report):
    # issue 12: a popup 746 px tall could not scroll in a 600 px window; long URLs ran past its edge
    report, _ = browser_report
    for name, got in report.items():
        for size, seen in got["layout"].items():
            popup = seen["popup"]
            assert popup["fits"], (name, size, popup)
            assert popup["overflow"] <= 1, (name, size, popup)
        if name not in ("layer-user", "layer-many"):  # our layers cite sources with long addresses; users' cite none
            assert got["layout"]["desktop"]["popup"]["links"] > 0, name
            assert got["layout"]["small"]["popup"]["scrolls"], name  # the longest one is longer than 600 px


def test_the_zoom_and_pan_limits_are_in_the_page(browser_report):
    # issue 12: the limits the code asked for (5-14) never reached the page
    from borders.maps.page import MAX_BOUNDS, ZOOMS

    report, _ = browser_report
    for name, got in report.items():
        limits = got["limits"]
        assert (limits["lowest"], limits["highest"]) == ZOOMS, name
        (south, west), (north, east) = MAX_BOUNDS
        lat, lng = limits["far"]
        assert south <= lat <= north and west <= lng <= east, name


def test_popups_say_in_words_what_the_codes_mean(prepared):
    from borders.maps.features import popup_html

    row = prepared.frame.set_index("id").loc["zeligowski_zone/l01-merkys"].to_dict()
    popup = popup_html({**row, "id": "zeligowski_zone/l01-merkys"}, "Zone", prepared.sources)
    assert "de facto control <code>de_facto</code>" in popup
    assert "segment of the line <code>segment</code>" in popup
    assert "Known from</th><td>a secondary summary of the course <code>summary</code>" in popup
    assert "Cite as</th><td><code>zeligowski_zone/l01-merkys</code>" in popup


def test_the_timeline_takes_typed_dates_plays_and_says_what_changed(browser_report, prepared):
    # issue 12: no box to type a date, no play button, a run-on "from: X; ends: Y" caption
    import datetime

    got = browser_report[0]["timeline"]["timeline"]
    typed = got["1921-06-01"]
    assert typed["date"] == "1921-06-01" and typed["invalid"] is None and "date=1921-06-01" in typed["hash"]
    for bad in ("1950-01-01", "1921-02-30"):  # out of range; a day that does not exist
        assert got[bad]["date"] == "1921-06-01" and got[bad]["invalid"] == "true", bad
    # neutral_zone_1920: the neutral zone from 30 November 1920 (valid_from)
    caption = got["caption 1920-11-30"]
    assert caption.startswith("On 30 November 1920: ") and caption.endswith(" begin.")
    assert "Neutral zone between Lithuanian and Polish forces" in caption and ";" not in caption
    # treaty_1920: the territory with the Palanga coast from 31 March 1921, the one without it before
    assert got["caption 1921-06-01"] == ("Last change, on 31 March 1921: Territory of Lithuania under the "
                                          "Soviet-Lithuanian Peace Treaty of 12 July 1920 changed.")
    # foch_line: the first line is that of 18 June 1919
    assert got["caption 1919-06-01"] == "Before 18 June 1919, when the first of these begins."
    # play steps through the changes after 1 August 1920 (foch_line ends 1920-10-07, the user layer 1920-10-09,
    # the Suwałki line begins 1920-10-10), one every 1.5 s: two in 3.3 s on an idle machine, one on a busy one
    (control,) = elements(bm.timeline(prepared), Timeline)
    later = [event["date"] for event in control.data["events"] if event["date"] > "1920-08-01"]
    assert later[:3] == ["1920-10-07", "1920-10-09", "1920-10-10"]
    assert got["playing"]["playing"] and got["playing"]["play"] == "■ Stop"
    assert got["played"]["date"] in later[:3]
    assert not got["stopped"]["playing"] and got["stopped"]["play"] == "▶ Play"
    assert got["after stop"]["date"] == got["stopped"]["date"]  # stopping stops it
    assert got["next"] == later[later.index(got["stopped"]["date"]) + 1]
    days, value = got["slider"]
    assert days == (datetime.date(1940, 12, 31) - datetime.date(1919, 6, 1)).days
    assert value == (datetime.date.fromisoformat(got["next"]) - datetime.date(1919, 6, 1)).days


def test_swipe_moves_the_divider(browser_report):
    report, _ = browser_report
    assert report["compare"]["swipe_changed"]


def test_dragging_the_divider_moves_it_and_does_not_pan_the_map(browser_report):
    # issue 12: the slider's thumb sat ~40 px from the divider, and dragging the divider panned the map
    got = browser_report[0]["compare"]["swipe_drag"]
    before, dragged, panned, key = got["before"], got["dragged"], got["panned"], got["key"]
    left, _, right, _ = before["handle"]
    assert left < before["divider"] < right and right - left >= 12  # the line is inside its handle
    assert dragged["divider"] == pytest.approx(before["divider"] - 200, abs=2)  # it follows the pointer
    assert dragged["at"] == pytest.approx(dragged["divider"], abs=2)  # and a click finds the lines of its side
    assert dragged["centre"] == before["centre"]  # the map did not move
    assert panned["centre"] != dragged["centre"] and panned["divider"] == dragged["divider"]  # the map beside it pans
    assert key["divider"] > panned["divider"]  # the arrow keys move it too


def test_a_popup_stays_clickable_where_the_divider_crosses_it(browser_report):
    # issue 12: the divider's 16 px handle lay over an open popup: a click on a link or the close button,
    # or a turn of the wheel, where the divider crossed it reached the handle instead
    got = browser_report[0]["compare"]["swipe_popup"]
    assert got["opened"]["open"] and "link" in got, got["opened"]  # a popup with a link, scrolled to show it
    for what in ("link", "wheel", "close"):  # each point: on the popup, and on the divider's handle
        (x, y), parts = got[what]["at"], got[what]["parts"]
        assert parts["handle"][0] <= x <= parts["handle"][2], (what, parts)
        assert parts["popup"][0] < x < parts["popup"][2] and parts["popup"][1] < y < parts["popup"][3], (what, parts)
    assert got["link"]["clicks"] == [{"inPopup": True, "link": True, "close": False}]  # the link was clicked
    assert got["wheel"]["parts"]["scrollTop"] > got["wheel"]["before"]  # the popup scrolled
    assert got["close"]["clicks"] == [{"inPopup": True, "link": False, "close": True}]  # its close button
    assert not got["close"]["after"]  # and the popup closed
    before, after = got["grip"]["before"], got["grip"]["after"]  # the grip still drags the divider
    assert after["divider"] == pytest.approx(before["divider"] - 150, abs=2)
    assert after["centre"] == before["centre"]


def test_every_popup_and_tooltip_shows_the_payload_as_text(browser_report):
    report, _ = browser_report
    for name, got in report.items():
        opened = got["opened"]
        assert opened["popups"] > 0 and opened["tooltips"] > 0, name
        assert opened["injected"] == 0, name
        assert not opened["pwned"], name
        if name in ("overview", "timeline", "layer-user"):  # the maps that draw the user layer
            assert any(PAYLOAD in text for text in opened["texts"]), name
            assert any(TEMPLATE in text for text in opened["texts"]), name  # shown, not evaluated
            assert not any("49x" in text for text in opened["texts"]), name


def test_overview_screenshot_is_saved(browser_report):
    shot = ARTIFACTS / "overview.png"
    assert shot.exists() and shot.stat().st_size > 50_000


def test_maps_of_layers_with_similar_names_get_files_of_their_own(tmp_path, write_layer, feature, capsys):
    path = write_layer(collection(feature), name="treaty 1920.geojson")  # slugs like treaty_1920
    out = tmp_path / "maps"
    assert main(["maps", "--out", str(out), "--layer", str(path)]) == 0
    names = {p.name for p in out.iterdir()}
    assert {"layer-treaty_1920.html", "layer-treaty_1920-2.html"} <= names
    index = (out / "index.html").read_text()
    assert index.count('href="layer-treaty_1920.html"') == 1
    # the shipped layer keeps its file name; the user's layer gets the suffix
    assert "Soviet-Lithuanian Peace Treaty" in (out / "layer-treaty_1920.html").read_text()
    assert "(your layer)" in (out / "layer-treaty_1920-2.html").read_text()


def test_plot_takes_a_list_of_layer_ids():
    from borders.plot import plot

    with pytest.raises(TypeError, match=r"^layers takes a list of layer ids, e.g. layers=\['treaty_1920'\]"):
        plot(layers="treaty_1920")  # "unknown layer 't'" before


def test_the_1921_timeline_hatches_the_treatys_claim_and_fills_who_held_what(browser_report):
    # treaty_1920_lonts, Art. II: Hrodna and Lida inside the treaty's Lithuania (de jure);
    # rodygrodzienskie_powiat_grodzienski: Grodno county under Polish administration from 1920, and the
    # issue: "A reader of the 1921 timeline must not see Hrodna or Lida filled as Lithuanian";
    # plwiki_granica_pl_cl: Wilno county in Central Lithuania in 1920-22.
    report, _ = browser_report
    fills = report["timeline"]["fills_at"]["1921-06-01"]
    claim = f"url(#borders-hatch-{PARTY_COLOURS['Lithuania'].lstrip('#')})"
    for town in ("hrodna", "lida"):
        assert PARTY_COLOURS["Poland"] in fills[town] and PARTY_COLOURS["Lithuania"] not in fills[town], town
        assert claim in fills[town], town
    assert PARTY_COLOURS["Lithuania"] in fills["kaunas"] and claim in fills["kaunas"]
    assert PARTY_COLOURS["Central Lithuania"] in fills["vilnius"]
    assert PARTY_COLOURS["Lithuania"] not in fills["vilnius"]


def test_the_timeline_runs_from_1919_to_1940(prepared):
    (control,) = elements(bm.timeline(prepared), Timeline)
    dates = [event["date"] for event in control.data["events"]]
    # the Entente line of 18 June 1919 (foch_line) to the Soviet occupation of 15 June 1940 (transfer_1939)
    assert control.data["first"] <= "1919-06-18" and control.data["last"] >= "1940-06-15"
    assert {"1919-06-18", "1920-11-30", "1923-03-15", "1939-10-28", "1940-06-15"} <= set(dates)


def test_two_runs_of_borders_maps_write_the_same_bytes(tmp_path):
    # issue 13: two runs differed only in folium's random element ids
    for run, seed in ((1, "1"), (2, "2")):
        done = subprocess.run([sys.executable, "-m", "borders", "maps", "--out", str(tmp_path / f"run{run}")],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed},
                              timeout=600)
        assert done.returncode == 0, done.stderr
    first = sorted(p.name for p in (tmp_path / "run1").iterdir())
    assert first == sorted(p.name for p in (tmp_path / "run2").iterdir()) and len(first) > 5
    for name in first:
        assert (tmp_path / "run1" / name).read_bytes() == (tmp_path / "run2" / name).read_bytes(), name


def test_a_users_dense_layer_is_drawn_simplified_like_ours(write_layer):
    # issue 13: a 47 MB user layer made six 500 MB pages; user layers are simplified for display too
    import numpy as np

    lons = np.linspace(24.0, 26.0, 20_000)
    line = {**VALID_FEATURE, "geometry": {"type": "LineString", "coordinates": [
        [float(x), float(54.5 + 0.01 * np.sin(300 * x))] for x in lons]}}
    frame = borders.load_all(extra=[write_layer(collection(line), name="dense.geojson")])
    ready = bm.prepare(frame)
    (row,) = [i for i, props in ready.records.items() if props["layer"] == "dense"]
    assert shapely.get_num_coordinates(frame.loc[row].geometry) == 20_000
    assert shapely.get_num_coordinates(ready.geoms[row]) < 1_000
    assert max_deviation_m(frame.loc[[row]], ready.frame.loc[[row]]) <= DISPLAY_TOLERANCE_M + 1
    assert len(bm.layer_map("dense", ready).get_root().render().encode()) < 1_500_000


def many_short_lines(n: int = 1_000) -> list[dict]:
    """``n`` short zigzag lines scattered over the region: a user's layer past USER_FEATURE_BUDGET."""
    import numpy as np

    rng = np.random.default_rng(5)
    lines = []
    for i in range(n):
        lon, lat = rng.uniform(23.0, 27.0), rng.uniform(53.5, 55.5)
        props = dict(VALID_FEATURE["properties"], id=f"l{i}", name=f"line {i}")
        lines.append({"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": [
            [lon + k * 0.004, lat + k * 0.003 * (-1) ** i] for k in range(6)]}})
    return lines


def test_a_users_layer_of_many_features_is_drawn_together_within_budget(write_layer):
    # issue 13: 5,000 short lines (the feature limit) made 10 MB pages: each feature's popup and band
    # cost some 1.8 kB. Past USER_FEATURE_BUDGET they are drawn as one feature, coarser, and say so.
    from borders.display import USER_FEATURE_BUDGET, USER_VERTEX_BUDGET

    frame = borders.load_all(extra=[write_layer(collection(*many_short_lines()), name="many.geojson")])
    ready = bm.prepare(frame)
    (row,) = [i for i, props in ready.records.items() if props["layer"] == "many"]
    drawn = ready.records[row]
    assert 1_000 > USER_FEATURE_BUDGET and drawn["name"] == "1,000 lines of many, drawn as one"
    tolerance = drawn["display_tolerance_m"]
    assert drawn["note"].startswith(f"Drawn together and simplified to within {tolerance:,.0f} m for display")
    assert shapely.get_num_coordinates(ready.geoms[row]) + shapely.get_num_coordinates(ready.bands[row]) \
        <= USER_VERTEX_BUDGET
    # every line is still drawn, within the tolerance stated
    vertices = shapely.points(shapely.get_coordinates(frame.loc[frame["layer"] == "many"].geometry.values))
    assert shapely.distance(to_local(vertices), to_local(ready.geoms[row])).max() <= tolerance + 1
    page = bm.layer_map("many", ready).get_root().render()
    assert len(page.encode()) < 1_500_000  # before: 2.4 MB
    assert f"simplified to within {tolerance:,.0f} m" in page  # in the popup
    # the shipped layers are drawn as before
    assert ready.frame.loc[ready.frame["layer"] != "many"].geometry.equals(
        bm.prepare(borders.load_all()).frame.geometry)
