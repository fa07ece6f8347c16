"""Open maps in headless Chromium and report what happened (run by test_maps.py).

Usage: python browser_check.py SPEC.json REPORT.json

Meant to run inside an empty network namespace (``unshare -n``): any request the
page makes is recorded, and none can succeed. Drives Debian's Chromium through
Playwright (no browser download). Clicks and hovers are real mouse events at the
pixel where a line or place is drawn, so whatever lies above it on the page gets them.
"""

import json
import sys
import tempfile

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
SIZES = {"desktop": (1400, 900), "small": (800, 600), "phone": (390, 844)}

OPEN_EVERYTHING = """() => {
    const map = borders.map;
    const out = {popups: 0, tooltips: 0, injected: 0, texts: []};
    const inspect = (el) => {
        if (!el) return;
        out.injected += el.querySelectorAll('img, script, iframe, object, svg image').length;
        out.texts.push(el.textContent);
    };
    borders.layers().forEach((gj) => {
        if (!map.hasLayer(gj)) return;
        gj.eachLayer((layer) => {
            const p = layer.feature.properties;
            if (p._popup) {
                const at = layer.getBounds ? layer.getBounds().getCenter() : layer.getLatLng();
                const popup = borders.openPopup(map, at, [layer]);
                out.popups += 1;
                inspect(popup.getElement());
                map.closePopup();
            }
            if (layer.getTooltip && layer.getTooltip()) {
                layer.openTooltip(); out.tooltips += 1;
                inspect(layer.getTooltip().getElement());
                layer.closeTooltip();
            }
        });
    });
    document.querySelectorAll('.leaflet-control, .borders-title, .leaflet-marker-icon').forEach(inspect);
    out.pwned = window.__pwned === 1;
    return out;
}"""

# The fill of every SVG path under a point (a fill, a hatch's url(#...), a place marker's white).
FILLS_AT = """([lat, lon]) => {
    const p = borders.map.latLngToContainerPoint([lat, lon]);
    const box = borders.map.getContainer().getBoundingClientRect();
    return document.elementsFromPoint(box.left + p.x, box.top + p.y)
        .filter((el) => el.tagName === 'path' && el.getAttribute('fill') !== 'none')
        .map((el) => el.getAttribute('fill'));
}"""

COUNT_PATHS = "() => document.querySelectorAll('.leaflet-pane svg path').length"

# The points at 1/4, 1/2 and 3/4 of every non-frame line drawn now, by length on screen.
LINE_TARGETS = """() => {
    const map = borders.map, zoom = map.getZoom(), out = [];
    borders.layers().forEach((gj) => {
        if (gj._bordersRole !== 'line' || !map.hasLayer(gj)) return;
        gj.eachLayer((line) => {
            let parts = line.getLatLngs();
            if (!Array.isArray(parts[0])) parts = [parts];
            const pts = parts.map((part) => part.map((ll) => map.project(ll, zoom)));
            const lengths = pts.map((part) => part.slice(1).reduce((s, p, i) => s + p.distanceTo(part[i]), 0));
            const total = lengths.reduce((a, b) => a + b, 0);
            [0.25, 0.5, 0.75].forEach((share) => {
                let left = share * total;
                for (const part of pts) {
                    for (let i = 1; i < part.length; i++) {
                        const d = part[i].distanceTo(part[i - 1]);
                        if (left <= d) {
                            const t = d ? left / d : 0;
                            const at = part[i - 1].add(part[i].subtract(part[i - 1]).multiplyBy(t));
                            const ll = map.unproject(at, zoom);
                            out.push({id: line.feature.properties.id, share: share, lat: ll.lat, lng: ll.lng,
                                      side: gj._bordersSide});
                            return;
                        }
                        left -= d;
                    }
                }
            });
        });
    });
    return out;
}"""

# Centre the map on a point, at the same zoom.
CENTRE_ON = """(t) => { borders.map.setView([t.lat, t.lng], borders.map.getZoom(), {animate: false}); }"""

# Where each point is on the page, and whether a click there reaches the map: inside it, and
# clear of every control, the title and any other box on top of it (5 px of margin).
POSITIONS = """(targets) => {
    const map = borders.map, box = map.getContainer().getBoundingClientRect();
    const covers = [...document.querySelectorAll('.leaflet-control, .borders-title, .borders-timeline, '
                                               + '.borders-swipe .handle')]
        .map((el) => el.getBoundingClientRect()).filter((r) => r.width && r.height);
    return targets.map((t) => {
        const c = map.latLngToContainerPoint([t.lat, t.lng]);
        const x = box.left + c.x, y = box.top + c.y;
        const inside = x > box.left + 5 && x < box.right - 5 && y > box.top + 5 && y < box.bottom - 5;
        const clear = !covers.some((r) => x > r.left - 5 && x < r.right + 5 && y > r.top - 5 && y < r.bottom + 5);
        return [x, y, inside && clear];
    });
}"""

# The ids of the features in the open popup; then close it.
OPEN_IDS = """() => {
    const open = [...document.querySelectorAll('.leaflet-popup')].filter((p) => p.style.opacity !== '0');
    const ids = open.flatMap((p) => [...p.querySelectorAll('.borders-popup')].map((e) => e.dataset.id));
    borders.map.closePopup();
    document.querySelectorAll('.leaflet-popup').forEach((p) => p.remove());  // not left fading over the next point
    return ids;
}"""

PLACE_TARGETS = """() => {
    const map = borders.map, out = [];
    borders.layers().forEach((gj) => {
        if (gj._bordersRole !== 'place' || !map.hasLayer(gj)) return;
        gj.eachLayer((m) => out.push({id: m.feature.properties.id, lat: m.getLatLng().lat, lng: m.getLatLng().lng}));
    });
    return out;
}"""

# What is under the mouse at a place's centre, and what tooltip is open.
UNDER_MOUSE = """([x, y]) => {
    const el = document.elementFromPoint(x, y);
    let under = null;
    borders.layers().forEach((gj) => {
        if (gj._bordersRole === 'place') gj.eachLayer((m) => { if (m._path === el) under = m.feature.properties; });
    });
    const tips = [...document.querySelectorAll('.leaflet-tooltip')].filter((t) => t.style.opacity !== '0');
    const tip = tips.length === 1 ? tips[0] : null;
    const names = under ? borders.placeNames(under) : document.createElement('div');
    return {under: under && under.id, names: names.textContent, tooltip: tip ? tip.textContent : null,
            element: el ? (el.tagName + ' ' + (el.closest('.leaflet-pane') || {className: ''}).className) : null};
}"""


def _visit(page, targets, act):
    """Run ``act(target, x, y)`` for each target where it is drawn, moving the map only for those off screen."""
    remaining, moves = list(targets), 0
    while remaining:
        spots = page.evaluate(POSITIONS, remaining)
        here = [(t, x, y) for t, (x, y, ok) in zip(remaining, spots, strict=True) if ok]
        if not here:
            if moves > len(targets):
                raise RuntimeError(f"cannot reach {remaining[0]} clear of the controls")
            page.evaluate(CENTRE_ON, remaining[0])
            moves += 1
            spots = page.evaluate(POSITIONS, remaining[:1])
            here = [(remaining[0], *spots[0][:2])]  # the map's centre: clear of the controls, or the test says so
        for target, x, y in here:
            act(target, x, y)
        done = {id(t) for t, _, _ in here}
        remaining = [t for t in remaining if id(t) not in done]
    return moves


# Every label's box on the page, whether it is shown, and its rank.
LABEL_BOXES = """() => [...document.querySelectorAll('.borders-label')].map((el) => {
    const r = el.firstChild.getBoundingClientRect();
    const marker = borders.layers().flatMap((gj) => gj.getLayers()).find((m) => m.getElement && m.getElement() === el);
    return {id: marker.feature.properties.id, rank: marker.feature.properties._rank,
            shown: getComputedStyle(el).visibility === 'visible', box: [r.left, r.top, r.right, r.bottom]};
})"""


def label_test(page, view):
    """The labels at zooms 6, 8 and 10, centred where the map opens."""
    out = {}
    for zoom in (6, 8, 10):
        page.evaluate("([v, z]) => borders.map.setView([v[0], v[1]], z, {animate: false})", [view, zoom])
        page.wait_for_timeout(50)
        out[zoom] = page.evaluate(LABEL_BOXES)
    page.evaluate("(v) => borders.map.setView([v[0], v[1]], v[2], {animate: false})", view)
    return out


def hit_test(page):
    """Click the points of every line drawn now; report those whose popup is not that line's."""
    clicked, missed = [0], []

    def click(target, x, y):
        page.mouse.click(x, y)
        ids = page.evaluate(OPEN_IDS)
        clicked[0] += 1
        if target["id"] not in ids:
            missed.append({**target, "x": x, "y": y, "opened": ids})

    targets = page.evaluate(LINE_TARGETS)
    # the divider's handle takes the pointer: off the map's centre, where _visit brings what it cannot reach
    for side, share in ((None, 0.1), ("left", 1), ("right", 0)):
        if share is not None:
            page.evaluate("(s) => window.bordersSwipe && window.bordersSwipe(s)", share)
        _visit(page, [t for t in targets if t["side"] == side], click)
    page.evaluate("() => window.bordersSwipe && window.bordersSwipe(0.5)")
    return {"clicked": clicked[0], "missed": missed}


def hover_test(page):
    """Hover every place at its centre; report where no place, or the wrong tooltip, was found."""
    hovered, wrong, covered = [0], [], [0]

    def hover(target, x, y):
        page.mouse.move(x, y)
        got = page.evaluate(UNDER_MOUSE, [x, y])
        hovered[0] += 1
        if got["under"] is None or got["tooltip"] != got["names"]:
            wrong.append({**target, **got})
        elif got["under"] != target["id"]:
            covered[0] += 1  # a more important place's marker lies over this one's centre

    page.evaluate("() => window.bordersSwipe && window.bordersSwipe(0.1)")  # the handle: off the centre
    _visit(page, page.evaluate(PLACE_TARGETS), hover)
    page.evaluate("() => window.bordersSwipe && window.bordersSwipe(0.5)")
    return {"hovered": hovered[0], "wrong": wrong, "covered": covered[0]}


# The boxes on the map that must never overlap, by what they are.
BOXES = {"title": ".borders-title", "layers": ".borders-layers", "legend": ".borders-legend",
         "timeline": ".borders-timeline", "scale": ".leaflet-control-scale",
         "attribution": ".leaflet-control-attribution",
         "zoom": ".leaflet-control-zoom", "swipe label": ".borders-swipe-label", "search": ".borders-search",
         "fullscreen": ".borders-fullscreen"}

# The timeline's inputs, which must lie inside its bar and apart.
TIMELINE_PARTS = {"date": ".borders-timeline input.date",
                  "previous": ".borders-timeline button[aria-label^='The change']",
                  "play": ".borders-timeline button.play",
                  "next": ".borders-timeline button[aria-label^='The next']",
                  "changes": ".borders-timeline select", "slider": ".borders-timeline input.slider",
                  "caption": ".borders-timeline .caption"}

BOUNDING_BOXES = """(boxes) => {
    const out = {};
    for (const [name, selector] of Object.entries(boxes)) {
        const el = document.querySelector(selector);
        if (!el) continue;
        const r = el.getBoundingClientRect();
        if (r.width && r.height) out[name] = [r.left, r.top, r.right, r.bottom];
    }
    return out;
}"""


# Open the longest popup of the map in the middle of it: does it fit, scroll, and keep its links inside?
LONGEST_POPUP = """() => {
    const map = borders.map;
    let longest = null;
    borders.layers().forEach((gj) => gj.eachLayer((l) => {
        const html = l.feature.properties._popup;
        if (html && (!longest || html.length > longest.feature.properties._popup.length)) longest = l;
    }));
    if (!longest) return null;
    const popup = borders.openPopup(map, map.getCenter(), [longest]);
    const content = popup.getElement().querySelector('.leaflet-popup-content');
    const box = content.getBoundingClientRect(), whole = popup.getElement().getBoundingClientRect();
    const links = [...content.querySelectorAll('a')].map((a) => a.getBoundingClientRect().right - box.right);
    const out = {height: whole.height, scrolls: content.scrollHeight > content.clientHeight + 1,
                 overflow: Math.max(0, ...links), links: links.length,
                 fits: whole.left >= 0 && whole.right <= window.innerWidth && whole.height <= window.innerHeight};
    map.closePopup();
    return out;
}"""

FOLDED = """() => ({legend: !!document.querySelector('.borders-legend.borders-folded'),
                  layers: !!document.querySelector('.borders-layers.borders-folded')})"""


# The timeline's caption: the sentence it shows, whether that is cut off, and what a disclosure holds.
CAPTION = """() => {
    const bar = document.querySelector('.borders-timeline'), c = bar.querySelector('.caption');
    const details = c.querySelector('details'), summary = c.querySelector('summary');
    const rest = details ? [...details.children].filter((el) => el !== summary) : [];
    const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;  // (a closed one's: skipped)
    return {text: c.textContent, lead: summary ? summary.textContent : c.textContent,
            disclosure: !!details, open: details ? details.open : null,
            rest: rest.map((el) => el.textContent).join(' '), restShown: rest.some(shown),
            clipped: c.scrollHeight > c.clientHeight + 1,
            scrolls: ['auto', 'scroll'].includes(getComputedStyle(c).overflowY),
            bar: bar.getBoundingClientRect().height};
}"""


def _bar_on(page, date, screenshot=None):
    """The boxes of the controls and the timeline's caption on a day: as the bar opens, and with its
    disclosure opened from the keyboard (the summary focused, Enter)."""
    page.evaluate("(d) => window.bordersShowDate(d)", date)
    page.wait_for_timeout(100)
    got = {"boxes": page.evaluate(BOUNDING_BOXES, BOXES), "parts": page.evaluate(BOUNDING_BOXES, TIMELINE_PARTS),
           "caption": page.evaluate(CAPTION)}
    if screenshot:
        page.screenshot(path=f"{screenshot}-{date}.png")
    if got["caption"]["disclosure"]:
        page.focus(".borders-timeline .caption summary")
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        got["opened"] = {"boxes": page.evaluate(BOUNDING_BOXES, BOXES),
                         "parts": page.evaluate(BOUNDING_BOXES, TIMELINE_PARTS), "caption": page.evaluate(CAPTION)}
        if screenshot:
            page.screenshot(path=f"{screenshot}-{date}-open.png")
        page.keyboard.press("Enter")  # closed again, for the next day
        page.wait_for_timeout(100)
    return got


def layout(context, item):
    """At each size: the boxes of the controls, and a screenshot; on the timeline, also on the busy days."""
    out = {}
    for size, (width, height) in SIZES.items():
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.goto("file://" + item["path"])
        page.wait_for_timeout(300)
        out[size] = {"viewport": [width, height], "boxes": page.evaluate(BOUNDING_BOXES, BOXES),
                     "parts": page.evaluate(BOUNDING_BOXES, TIMELINE_PARTS), "folded": page.evaluate(FOLDED)}
        if item.get("screenshots"):
            page.screenshot(path=f"{item['screenshots']}-{size}.png")
        if item.get("bar_dates"):
            opening = page.evaluate("() => borders.currentDate()")
            shots = f"{item['screenshots']}-{size}" if item.get("screenshots") else None
            out[size]["on"] = {date: _bar_on(page, date, shots) for date in item["bar_dates"]}
            page.evaluate("(d) => window.bordersShowDate(d)", opening)
            page.wait_for_timeout(100)
        out[size]["popup"] = page.evaluate(LONGEST_POPUP)
        page.close()
    return out


# A query, and the id of the place it must find (None: none may be listed). The names are the gazetteer's
# (geodata places: names.pl "Wilno", "Święciany", "Grodno", "Kowno", "Połąga"; names.be "Гродна"; names.ru
# "Гродно"; names.yi "קאָוונע"); "Vilnus" is a slip of a letter; Šiauliai is not in the gazetteer.
SEARCHES = {"Wilno": "vilnius", "wilno": "vilnius", "Vilnus": "vilnius", "svencionys": "svencionys",
            "swieciany": "svencionys", "Гродна": "hrodna", "Гродно": "hrodna", "grodno": "hrodna",
            "Kowno": "kaunas", "polaga": "palanga", "Sejny": "sejny", "קאוונע": "kaunas", "SIAULIAI": None}

# Where the map is, and the popup open.
WHERE = """() => {
    const map = borders.map, c = map.getCenter();
    let at = null, near = 200;  // metres: the nearest place to the centre
    borders.layers().forEach((gj) => { if (gj._bordersRole === 'place') gj.eachLayer((m) => {
        const d = m.getLatLng().distanceTo(c);
        if (d < near) { near = d; at = m.feature.properties.id; } }); });
    const popup = document.querySelector('.leaflet-popup-content');
    return {centre: at, zoom: map.getZoom(), popup: popup ? popup.textContent : null};
}"""


def search_test(page):
    """Type each query, press Enter: which place does the map go to, and what does it show?"""
    out = {}
    page.evaluate("() => { L.Popup.prototype.options.autoPan = false; }")  # the map stays where the search put it
    for query in SEARCHES:
        page.fill(".borders-search input", "")
        page.type(".borders-search input", query)
        items = page.evaluate("() => [...document.querySelectorAll('.borders-search li:not(.none)')]"
                              ".map((li) => li.textContent)")
        page.press(".borders-search input", "Enter")
        page.wait_for_timeout(100)
        out[query] = {"items": items, **page.evaluate(WHERE)}
        page.evaluate("() => borders.map.closePopup()")
    # a click on the second result of a query goes there too
    page.fill(".borders-search input", "")
    page.type(".borders-search input", "Gr")
    items = page.evaluate("() => [...document.querySelectorAll('.borders-search li')].map((li) => li.textContent)")
    if len(items) > 1:
        page.click(".borders-search li:nth-child(2)")
        out["clicked"] = {"items": items, **page.evaluate(WHERE)}
        page.evaluate("() => borders.map.closePopup()")
    return out


STATE = """() => ({zoom: borders.map.getZoom(), lat: borders.map.getCenter().lat, lng: borders.map.getCenter().lng,
    date: borders.currentDate ? borders.currentDate() : null,
    layers: borders.shownLayers ? borders.shownLayers() : null, hash: window.location.hash})"""


def _open(context, url, errors):
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.wait_for_timeout(300)
    # On a busy machine the map may still be settling (a late resize, the pan limits): read it only
    # once its view has stayed the same for 200 ms.
    view = "() => window.borders && borders.map ? [borders.map.getZoom(), borders.map.getCenter().lat, " \
           "borders.map.getCenter().lng] : null"
    last = page.evaluate(view)
    for _ in range(25):
        page.wait_for_timeout(200)
        now = page.evaluate(view)
        if now == last:
            break
        last = now
    return page


def address_test(context, item, address):
    """Open the map at an address and read back what it shows; move it, change the day and the layers, and
    open the address it wrote in a new page: does that show the same? And an address it cannot use."""
    errors = []
    url = "file://" + item["path"]
    page = _open(context, url + address, errors)
    state = page.evaluate(STATE)
    page.evaluate("() => borders.map.setView([55.1, 24.2], 8, {animate: false})")
    state["moved"] = page.evaluate("() => window.location.hash")
    page.evaluate("() => { window.bordersShowDate && window.bordersShowDate('1923-03-15'); "
                  "borders.showLayers(borders.layerKeys().slice(0, 2)); }")
    before = page.evaluate(STATE)
    page.close()
    page = _open(context, url + before["hash"], errors)
    state["round trip"] = [before, page.evaluate(STATE)]
    page.close()
    page = _open(context, url, errors)
    plain = page.evaluate(STATE)
    page.close()
    page = _open(context, url + "#map=x/1e999/&date=1920-02-31&layers=nothing%2", errors)
    state["unusable"] = [plain, page.evaluate(STATE)]
    page.close()
    state["errors"] = errors
    return state


def fullscreen_test(page):
    """Click the full-screen button, and again: is the map full screen, and then not?"""
    page.click(".borders-fullscreen a")
    page.wait_for_timeout(300)
    entered = page.evaluate("() => [document.fullscreenElement === borders.map.getContainer(), "
                            "document.querySelector('.borders-fullscreen a').title]")
    page.click(".borders-fullscreen a")
    page.wait_for_timeout(300)
    left = page.evaluate("() => [document.fullscreenElement === null, "
                         "document.querySelector('.borders-fullscreen a').title]")
    return {"entered": entered, "left": left}


# For each kind of control, whether any of its elements is drawn (null: the page has none).
PRINTED = """() => Object.fromEntries(Object.entries({zoom: '.leaflet-control-zoom', layers: '.borders-layers',
    search: '.borders-search', fullscreen: '.borders-fullscreen', legend: '.borders-legend',
    legendItems: '.borders-legend .borders-panel', attribution: '.leaflet-control-attribution',
    title: '.borders-title', timelineButtons: '.borders-timeline button, .borders-timeline select',
    slider: '.borders-timeline input.slider', date: '.borders-timeline input.date',
    caption: '.borders-timeline .caption', grip: '.borders-swipe .grip', divider: '.borders-swipe .divider'})
    .map(([k, s]) => {
        const els = [...document.querySelectorAll(s)];
        return [k, els.length ? els.some((el) => getComputedStyle(el).display !== 'none'
                                             && el.getBoundingClientRect().height > 0) : null];
    }))"""


def print_test(context, item):
    """The page's controls on screen, and as printed (at 800 x 600, where the legend starts folded)."""
    page = context.new_page()
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto("file://" + item["path"])
    page.wait_for_timeout(300)
    screen = page.evaluate(PRINTED)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    page.close()
    return {"screen": screen, "print": printed}


def timeline_test(page):
    """Type a day, one out of range and one that does not exist; read the captions; play, and stop."""
    out = {}
    state = """() => ({date: borders.currentDate(), playing: borders.playing(),
        invalid: document.querySelector('.borders-timeline input.date').getAttribute('aria-invalid'),
        caption: document.querySelector('.borders-timeline .caption').textContent,
        play: document.querySelector('.borders-timeline button.play').textContent, hash: window.location.hash})"""
    for typed in ("1921-06-01", "1950-01-01", "1921-02-30"):
        page.fill(".borders-timeline input.date", typed)
        page.press(".borders-timeline input.date", "Enter")
        out[typed] = page.evaluate(state)
    for day in ("1920-11-30", "1921-06-01", "1919-06-01"):
        page.evaluate("(d) => window.bordersShowDate(d)", day)
        out["caption " + day] = page.evaluate(state)["caption"]
    page.evaluate("() => window.bordersShowDate('1920-08-01')")
    page.click(".borders-timeline button.play")
    out["playing"] = page.evaluate(state)
    page.wait_for_timeout(3300)  # two steps, one every 1.5 s
    out["played"] = page.evaluate(state)
    page.click(".borders-timeline button.play")  # stop
    out["stopped"] = page.evaluate(state)
    page.wait_for_timeout(1700)
    out["after stop"] = page.evaluate(state)
    page.click(".borders-timeline button[aria-label='The next change']")
    out["next"] = page.evaluate(state)["date"]
    out["slider"] = page.evaluate("() => { const r = document.querySelector('.borders-timeline input.slider');"
                                  " return [Number(r.max), Number(r.value)]; }")
    page.evaluate("() => window.bordersShowDate('1920-08-01')")
    return out


SWIPE_STATE = """() => {
    const h = document.querySelector('.borders-swipe .handle').getBoundingClientRect();
    const d = document.querySelector('.borders-swipe .divider').getBoundingClientRect();
    const c = borders.map.getCenter();
    return {handle: [h.left, h.top, h.right, h.bottom], divider: (d.left + d.right) / 2,
            at: borders.map._bordersDivider, centre: [c.lat, c.lng]};
}"""


def swipe_drag_test(page):
    """Drag the divider by its line (not its grip), then drag the map beside it: which moved?"""
    out = {"before": page.evaluate(SWIPE_STATE)}
    box = page.evaluate("() => { const r = borders.map.getContainer().getBoundingClientRect(); "
                        "return [r.left, r.top, r.width, r.height]; }")
    x, y = out["before"]["divider"], box[1] + box[3] * 0.3  # a third of the way down: the line, not the grip
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 100, y + 40, steps=8)
    page.mouse.move(x - 200, y + 80, steps=8)
    page.mouse.up()
    out["dragged"] = page.evaluate(SWIPE_STATE)
    x2 = out["dragged"]["divider"] + 150  # the map, clear of the divider: this pans
    page.mouse.move(x2, y)
    page.mouse.down()
    page.mouse.move(x2 + 60, y + 30, steps=8)
    page.mouse.up()
    out["panned"] = page.evaluate(SWIPE_STATE)
    page.focus(".borders-swipe .handle")
    page.keyboard.press("ArrowRight")
    out["key"] = page.evaluate(SWIPE_STATE)
    page.evaluate("() => window.bordersSwipe(0.5)")
    return out


# The divider crossing a popup: a click or a turn of the wheel where it crosses must reach the popup.
POPUP_ON_DIVIDER = """() => {
    const map = borders.map;
    let longest = null;
    borders.layers().forEach((gj) => gj.eachLayer((l) => {
        const html = l.feature.properties._popup;
        if (html && html.includes('<a ') && (!longest || html.length > longest.feature.properties._popup.length)) {
            longest = l;
        }
    }));
    const size = map.getSize();  // its tip low on the map's middle: the popup above it, in the window
    borders.openPopup(map, map.containerPointToLatLng([size.x / 2, size.y - 40]), [longest]);
    window.__clicks = [];  // what each click reached; a link is not followed (no network)
    document.addEventListener('click', (e) => {
        window.__clicks.push({inPopup: !!e.target.closest('.leaflet-popup'),
                              link: !!e.target.closest('.leaflet-popup-content a'),
                              close: !!e.target.closest('.leaflet-popup-close-button')});
        if (e.target.closest('a[href^=http]')) e.preventDefault();
    }, true);
}"""

# The boxes of the open popup's parts, the divider, and the first link of the popup that is in view.
POPUP_PARTS = """() => {
    const popup = document.querySelector('.leaflet-popup'), rect = (el) => {
        const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    if (!popup) return {open: false};
    const content = popup.querySelector('.leaflet-popup-content'), view = content.getBoundingClientRect();
    const link = [...content.querySelectorAll('a')].find((a) => {
        const r = a.getClientRects()[0]; return r && r.top >= view.top && r.bottom <= view.bottom; });
    const d = document.querySelector('.borders-swipe .divider').getBoundingClientRect();
    return {open: true, popup: rect(popup), content: rect(content), scrollTop: content.scrollTop,
            close: rect(popup.querySelector('.leaflet-popup-close-button')),
            link: link ? [...link.getClientRects()].map((r) => [r.left, r.top, r.right, r.bottom])[0] : null,
            divider: (d.left + d.right) / 2, handle: rect(document.querySelector('.borders-swipe .handle')),
            grip: rect(document.querySelector('.borders-swipe .grip')), map: rect(borders.map.getContainer())};
}"""

# The popup's content scrolled to show its first link in its middle.
SCROLL_TO_A_LINK = """() => {
    const content = document.querySelector('.leaflet-popup-content'), a = content.querySelector('a');
    const top = a.getBoundingClientRect().top - content.getBoundingClientRect().top + content.scrollTop;
    content.scrollTop = top - content.clientHeight / 2;
}"""

MOVE_DIVIDER_TO = """(x) => { const r = borders.map.getContainer().getBoundingClientRect();
    window.bordersSwipe((x - r.left) / r.width); }"""


def swipe_popup_test(context, item):
    """At 800 x 600, open the longest popup with a link across the divider; put the divider through its
    content, one of its links, then its close button, and turn the wheel (or click) there: what did it reach?
    Then drag the divider by its grip."""
    page = context.new_page()
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto("file://" + item["path"])
    page.wait_for_timeout(300)
    page.evaluate("() => { L.Popup.prototype.options.autoPan = false; }")  # the popup stays where it opened
    page.evaluate(POPUP_ON_DIVIDER)
    page.wait_for_timeout(300)
    out = {"opened": page.evaluate(POPUP_PARTS)}
    parts = out["opened"]  # the content, where the divider crosses it: the wheel scrolls it
    x, y = (parts["content"][0] + parts["content"][2]) / 2, (parts["content"][1] + parts["content"][3]) / 2
    page.evaluate(MOVE_DIVIDER_TO, x)
    page.mouse.move(x, y)
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(300)
    out["wheel"] = {"at": [x, y], "before": parts["scrollTop"], "parts": page.evaluate(POPUP_PARTS)}
    page.evaluate(SCROLL_TO_A_LINK)
    link = page.evaluate(POPUP_PARTS)["link"]
    if link:  # a link, where the divider crosses it
        x, y = (link[0] + link[2]) / 2, (link[1] + link[3]) / 2
        page.evaluate(MOVE_DIVIDER_TO, x)
        out["link"] = {"at": [x, y], "parts": page.evaluate(POPUP_PARTS)}
        page.mouse.click(x, y)
        page.wait_for_timeout(100)
        out["link"]["clicks"] = page.evaluate("() => window.__clicks.splice(0)")
    close = page.evaluate(POPUP_PARTS)["close"]  # the close button, where the divider crosses it
    x, y = (close[0] + close[2]) / 2, (close[1] + close[3]) / 2
    page.evaluate(MOVE_DIVIDER_TO, x)
    out["close"] = {"at": [x, y], "parts": page.evaluate(POPUP_PARTS)}
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    out["close"]["clicks"] = page.evaluate("() => window.__clicks.splice(0)")
    out["close"]["after"] = page.evaluate("() => !!borders.map._popup && borders.map.hasLayer(borders.map._popup)")
    page.evaluate("() => window.bordersSwipe(0.5)")  # the grip, dragged 150 px left
    out["grip"] = {"before": page.evaluate(SWIPE_STATE)}
    grip = page.evaluate("() => { const r = document.querySelector('.borders-swipe .grip').getBoundingClientRect();"
                         " return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; }")
    page.mouse.move(*grip)
    page.mouse.down()
    page.mouse.move(grip[0] - 75, grip[1], steps=6)
    page.mouse.move(grip[0] - 150, grip[1], steps=6)
    page.mouse.up()
    out["grip"]["after"] = page.evaluate(SWIPE_STATE)
    page.close()
    return out


def check(page, item):
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("file://" + item["path"])
    page.wait_for_timeout(300)
    report = {"leaflet": page.evaluate("() => typeof L === 'object' && L.version"),
              "paths": page.evaluate(COUNT_PATHS)}
    view = page.evaluate("() => [borders.map.getCenter().lat, borders.map.getCenter().lng, borders.map.getZoom()]")
    report["limits"] = page.evaluate("""() => {
        const map = borders.map, out = {};
        map.setZoom(0, {animate: false}); out.lowest = map.getZoom();
        map.setZoom(42, {animate: false}); out.highest = map.getZoom();
        map.setView([10, 100], 8, {animate: false}); out.far = [map.getCenter().lat, map.getCenter().lng];
        return out;
    }""")
    page.evaluate("(v) => borders.map.setView([v[0], v[1]], v[2], {animate: false})", view)
    if item.get("screenshot"):
        page.screenshot(path=item["screenshot"])
    report["labels"] = label_test(page, view)
    report["search"] = search_test(page)
    if item.get("timeline"):
        report["timeline"] = timeline_test(page)
    report["fullscreen"] = fullscreen_test(page)
    page.evaluate("(v) => borders.map.setView([v[0], v[1]], v[2], {animate: false})", view)
    if item.get("swipe"):
        report["swipe_drag"] = swipe_drag_test(page)
        page.evaluate("(v) => borders.map.setView([v[0], v[1]], v[2], {animate: false})", view)
    for date in item.get("dates", []):
        page.evaluate("(d) => window.bordersShowDate(d)", date)
        report.setdefault("paths_at", {})[date] = page.evaluate(COUNT_PATHS)
    for date, points in item.get("probes", {}).items():  # what is filled under some places on a day
        page.evaluate("(d) => window.bordersShowDate(d)", date)
        page.evaluate("(v) => borders.map.setView([v[0], v[1]], v[2], {animate: false})", view)
        report.setdefault("fills_at", {})[date] = {name: page.evaluate(FILLS_AT, point)
                                                   for name, point in points.items()}
    if item.get("hits"):
        # the map stays where it is while a popup opens: the next point is where it was measured
        page.evaluate("() => { L.Popup.prototype.options.autoPan = false; borders.map.doubleClickZoom.disable(); }")
        report["hits"] = {}
        for date in item.get("hit_dates") or [None]:
            if date:
                page.evaluate("(d) => window.bordersShowDate(d)", date)
            page.evaluate("(v) => borders.map.setView([v[0], v[1]], v[2], {animate: false})", view)
            report["hits"][date or "open"] = {"lines": hit_test(page), "places": hover_test(page)}
        page.evaluate("(v) => borders.map.setView([v[0], v[1]], v[2], {animate: false})", view)
    if item.get("open_at"):  # open the popups on a day when every layer under test is drawn
        page.evaluate("(d) => window.bordersShowDate(d)", item["open_at"])
    if item.get("swipe"):
        clips = "() => [...document.querySelectorAll('.leaflet-pane')].map(p => p.style.clip)"
        before = page.evaluate(clips)
        page.evaluate("() => window.bordersSwipe(0.2)")
        after = page.evaluate(clips)
        report["swipe_changed"] = before != after and any(c.startswith("rect(") for c in after)
    report["opened"] = page.evaluate(OPEN_EVERYTHING)
    report["requests"] = [u for u in requests if not u.startswith(("file:", "data:"))]
    report["errors"] = errors
    return report


def main(spec_path, report_path):
    spec = json.load(open(spec_path, encoding="utf-8"))
    reports = {}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        browser = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS,
                                                        viewport={"width": 1400, "height": 900})
        for item in spec:
            page = browser.new_page()
            reports[item["path"]] = check(page, item)
            page.close()
            reports[item["path"]]["layout"] = layout(browser, item)
            reports[item["path"]]["printed"] = print_test(browser, item)
            if item.get("address"):
                reports[item["path"]]["address"] = address_test(browser, item, item["address"])
            if item.get("swipe"):
                reports[item["path"]]["swipe_popup"] = swipe_popup_test(browser, item)
        browser.close()
    with open(report_path, "w", encoding="utf-8") as fh:
        json.dump(reports, fh)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
