"""Leaflet's script and stylesheet, from the installed ``xstatic-leaflet`` package.

Inlined into a map they make it work with no network; nothing is copied into the
repository. With ``cdn=True`` the map links the same Leaflet version instead.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

__all__ = ["LEAFLET_VERSION", "leaflet_inline", "leaflet_links"]

LEAFLET_VERSION = "1.9.3"
_CDN = f"https://unpkg.com/leaflet@{LEAFLET_VERSION}/dist"


def _base_dir() -> Path:
    import xstatic.pkg.leaflet as xleaflet

    if xleaflet.VERSION.split(".")[:3] != LEAFLET_VERSION.split("."):
        raise RuntimeError(f"xstatic-leaflet {xleaflet.VERSION} installed; borders expects Leaflet {LEAFLET_VERSION}")
    return Path(xleaflet.BASE_DIR)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@cache
def leaflet_inline() -> tuple[str, str]:
    """Leaflet's JavaScript and CSS as text, with the CSS images turned into data: URIs.

    The licence header at the top of ``leaflet.js`` is kept; the source-map comment
    is dropped (it would name a file that is not there).
    """
    base = _base_dir()
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\((images/[\w.-]+\.png)\)", lambda m: f"url({_data_uri(base / m.group(1))})", css)
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline element early
        raise RuntimeError("Leaflet assets contain a closing tag; cannot inline them")
    return js, css


@cache
def marker_icons() -> dict:
    """Leaflet's default marker images as data: URIs (so user-added markers work offline)."""
    base = _base_dir() / "images"
    return {"iconUrl": _data_uri(base / "marker-icon.png"), "iconRetinaUrl": _data_uri(base / "marker-icon-2x.png"),
            "shadowUrl": _data_uri(base / "marker-shadow.png")}


def leaflet_links() -> tuple[str, str]:
    """URLs of the same Leaflet version on a CDN (for small maps meant for the web)."""
    return f"{_CDN}/leaflet.js", f"{_CDN}/leaflet.css"
