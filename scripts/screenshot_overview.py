"""Take the README's screenshot of the overview map in headless Chromium (no network needed).

Usage::

    python scripts/screenshot_overview.py notebooks/img/overview.png

Needs Debian's chromium and the ``playwright`` package (installed with ``.[test]``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import borders.maps

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: screenshot_overview.py OUT.png", file=sys.stderr)
        return 2
    out = Path(argv[0])
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "overview.html"
        page_path.write_text(borders.maps.overview().get_root().render(), encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(page_path.as_uri())
            page.wait_for_timeout(500)
            page.screenshot(path=str(out))
            browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
