"""Open maps in headless Chromium and report what happened (run by test_maps.py).

Usage: python browser_check.py SPEC.json REPORT.json

Meant to run inside an empty network namespace (``unshare -n``): any request the
page makes is recorded, and none can succeed. Drives Debian's Chromium through
Playwright (no browser download).
"""

import json
import sys
import tempfile

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]

OPEN_EVERYTHING = """() => {
    const out = {popups: 0, tooltips: 0, injected: 0, texts: []};
    const layers = [];
    for (const key of Object.keys(window)) {
        const v = window[key];
        if (v && v._bordersData && typeof v.eachLayer === 'function') layers.push(v);
    }
    const inspect = (el) => {
        if (!el) return;
        out.injected += el.querySelectorAll('img, script, iframe, object, svg image').length;
        out.texts.push(el.textContent);
    };
    layers.forEach((gj) => gj.eachLayer((layer) => {
        if (layer.getPopup && layer.getPopup()) {
            layer.openPopup(); out.popups += 1;
            inspect(layer.getPopup().getElement());
            layer.closePopup();
        }
        if (layer.getTooltip && layer.getTooltip()) {
            layer.openTooltip(); out.tooltips += 1;
            inspect(layer.getTooltip().getElement());
            layer.closeTooltip();
        }
    }));
    document.querySelectorAll('.leaflet-control-layers label, .borders-legend, .borders-title, '
                              + '.borders-swipe-label, .leaflet-marker-icon').forEach(inspect);
    out.pwned = window.__pwned === 1;
    return out;
}"""

COUNT_PATHS = "() => document.querySelectorAll('.leaflet-pane svg path').length"


def check(page, item):
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("file://" + item["path"])
    page.wait_for_timeout(300)
    report = {"leaflet": page.evaluate("() => typeof L === 'object' && L.version"),
              "paths": page.evaluate(COUNT_PATHS)}
    if item.get("screenshot"):
        page.screenshot(path=item["screenshot"])
    for date in item.get("dates", []):
        page.evaluate("(d) => window.bordersShowDate(d)", date)
        report.setdefault("paths_at", {})[date] = page.evaluate(COUNT_PATHS)
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
        browser.close()
    with open(report_path, "w", encoding="utf-8") as fh:
        json.dump(reports, fh)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
