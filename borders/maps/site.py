"""The set of map pages `borders maps` and `borders atlas` write: which pages, their file names, an index.

Every page is built in memory first (:func:`map_pages`), so that an error writes
nothing; the caller writes the set as a whole (:func:`borders.io.write_file_set`).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["REFERENCE_LAYER", "PageJob", "page_jobs", "map_pages", "comparison_pairs", "unique_slugs", "index_html"]

#: The layer every other shipped layer is compared with on a page of its own: the treaty's claim.
REFERENCE_LAYER = "treaty_1920"

#: Credits every index page gives (plain text).
_CREDITS = ("Layers: borders (CC BY 4.0); basemap: DCW-GMT (LGPL-3.0), GSHHG lakes (LGPL-3.0) and WDBII rivers "
            "(public domain); places: GeoNames (CC BY 4.0).")


@dataclass(frozen=True)
class PageJob:
    """A page of the set: its file name, title and what it shows (plain text), and how to draw it."""

    name: str
    title: str
    what: str
    build: Callable


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_") or "layer"


def unique_slugs(names) -> dict:
    """File-name-safe, distinct slugs: 'treaty 1920' and 'treaty_1920' must not share a file.

    Examples
    --------
    >>> unique_slugs(["treaty_1920", "treaty 1920", "x/../y"])
    {'treaty_1920': 'treaty_1920', 'treaty 1920': 'treaty_1920-2', 'x/../y': 'x_.._y'}
    """
    slugs, taken = {}, set()
    for name in names:
        slug, n = _slug(name), 1
        while slug in taken:
            n += 1
            slug = f"{_slug(name)}-{n}"
        slugs[name] = slug
        taken.add(slug)
    return slugs


def comparison_pairs(prepared, shipped: set) -> list[tuple[str, str]]:
    """The pairs of layers that get a comparison page.

    Shipped layers: each with the next one in time, and each with the 1920 treaty; a
    layer of the user's: with every other layer. Every pair of the shipped layers with
    borders would be dozens of pages, most of them comparing things no one sets side by side.
    """
    layers = prepared.layers
    frame = prepared.frame
    first = {lid: str(frame.loc[frame["layer"] == lid, "valid_from"].dropna().min()) for lid in layers}
    ours = sorted((lid for lid in layers if lid in shipped), key=lambda lid: (first[lid], lid))
    pairs = list(itertools.pairwise(ours))
    if REFERENCE_LAYER in ours:
        pairs += [(REFERENCE_LAYER, lid) for lid in ours if lid != REFERENCE_LAYER]
    pairs += [(a, b) for a, b in itertools.combinations(layers, 2) if a not in shipped or b not in shipped]
    seen, unique = set(), []
    for a, b in pairs:
        if frozenset((a, b)) not in seen:
            seen.add(frozenset((a, b)))
            unique.append(tuple(sorted((a, b))))
    return unique


def page_jobs(prepared, *, cdn: bool = False) -> list[PageJob]:
    """Every page of the set, in the order the index lists them: overview, timeline, one per layer,
    comparisons."""
    from borders import maps
    from borders.catalog import layers as catalogue
    from borders.scene import layer_title

    jobs = [PageJob("overview.html", "Overview", "every layer, grouped by date",
                    lambda: maps.overview(prepared, cdn=cdn)),
            PageJob("timeline.html", "Timeline", "a date slider: what was valid, and who held what, on each day",
                    lambda: maps.timeline(prepared, cdn=cdn))]
    shipped = set(catalogue().index)
    slugs = unique_slugs(sorted(prepared.layers, key=lambda lid: lid not in shipped))  # shipped names keep theirs
    for lid in prepared.layers:
        jobs.append(PageJob(f"layer-{slugs[lid]}.html", layer_title(lid), "one layer",
                            lambda lid=lid: maps.layer_map(lid, prepared, cdn=cdn)))
    for a, b in comparison_pairs(prepared, shipped):
        jobs.append(PageJob(f"compare-{slugs[a]}--{slugs[b]}.html", f"{a} ◀ ▶ {b}", "two layers with a swipe",
                            lambda a=a, b=b: maps.comparison(a, b, prepared, cdn=cdn)))
    return jobs


def map_pages(jobs: list[PageJob], *, advance: Callable[[], None] = lambda: None) -> dict[str, str]:
    """Each job's page as HTML, by file name (``advance`` is called after each, for a progress bar)."""
    pages = {}
    for job in jobs:
        pages[job.name] = job.build().get_root().render()
        advance()
    return pages


def index_html(sections: list[tuple[str, list[tuple[str, str, str]]]], *,
               title: str = "Maps of the Lithuanian–Polish–Soviet borderland, 1919–1940") -> str:
    """An index page: for each section (heading, [(file, title, what), ...]) a list of links.

    Everything is escaped; the page needs no network.

    Examples
    --------
    >>> page = index_html([("Maps", [("overview.html", "Overview", "every <layer>")])])
    >>> '<a href="overview.html">Overview</a> — every &lt;layer&gt;' in page
    True
    """
    parts = []
    for heading, entries in sections:
        items = "\n".join(f'<li><a href="{html.escape(name)}">{html.escape(label)}</a> — {html.escape(what)}</li>'
                          for name, label, what in entries)
        parts.append(f"<h2>{html.escape(heading)}</h2>\n<ul>\n{items}\n</ul>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>borders: {html.escape(title)}</title>"
            "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}</style>"
            f"</head><body><h1>{html.escape(title)}</h1>\n" + "\n".join(parts) +
            "<p>Every page works offline. On a map, click a line for its sources, clause, method and "
            f"uncertainty. {html.escape(_CREDITS)}</p></body></html>\n")
