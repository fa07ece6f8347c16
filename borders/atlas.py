"""The atlas: everything the toolkit makes from the layers, in one folder with one index page.

`borders atlas` checks the shipped layers against the catalogue's checksums (the full check
of those bytes, :func:`borders.validate_shipped`, is the test suite's) and validates the
user's, then writes the maps, the comparison tables (CSV and one HTML page), the exports
(GeoPackage, KML, the gazetteer as CSV, the GeoJSON files as shipped) and an index that
links them all. The tables, the KML and the gazetteer are made in a second process while
the maps and the GeoPackage are made in this one (:func:`atlas_files`). Every
file is made in memory first and the set is swapped in as a whole
(:func:`borders.io.write_file_set`): an error or a kill leaves the earlier atlas whole,
and a folder with files of the user's in it is refused, never emptied.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["EXPORTS", "atlas_files", "write_atlas"]

#: The exports the atlas carries: file name, format of :func:`borders.export.export`, and what it is for.
EXPORTS = (("borders.gpkg", "gpkg", "GeoPackage for QGIS: a table per layer and geometry type, sources, segments"),
           ("borders.kml", "kml", "KML for Google Earth, with the citations in each description"),
           ("places.csv", "csv", "the gazetteer, WKT geometry"))


def _tables_and_exports(frame, names) -> tuple[dict, dict[str, str | bytes]]:
    """The comparison tables (their titles by name, and their files) and the exports ``names`` (by file name)."""
    from borders.compare import compare
    from borders.tables import TITLES, render

    tables = compare(frame)
    files: dict[str, str | bytes] = {f"{name}.csv": render({name: table}, "csv") for name, table in tables.items()}
    files["tables.html"] = render(tables, "html")
    files.update(_exports(names))
    return {name: TITLES.get(name, name) for name in tables}, files


def _exports(names) -> dict[str, bytes]:
    from borders.export import export

    formats = {name: fmt for name, fmt, _ in EXPORTS}
    with tempfile.TemporaryDirectory() as scratch:
        return {name: Path(export(formats[name], os.path.join(scratch, name))).read_bytes() for name in names}


def _quiet_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


def _second_core():
    """A worker process on the machine's second core, forked (it shares the loaded layers; nothing to
    import again), or None where there is no second core or no fork: the work is then done in line."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_quiet_worker)


def atlas_files(extra=(), *, cdn: bool = False, advance: Callable[[], None] = lambda: None,
                parallel: bool = True) -> dict[str, str | bytes]:
    """Every file of the atlas, by name (flat: one folder), and the index.

    Parameters
    ----------
    extra : sequence of paths
        The user's own GeoJSON layers: validated, drawn on the maps and compared in the
        tables (the exports hold the shipped layers only).
    cdn : bool
        Link Leaflet from a CDN in the maps instead of inlining it.
    advance : callable
        Called after each map page, for a progress bar.
    parallel : bool
        Make the tables, the KML and the gazetteer in a second process (forked, on a second
        core, if the machine has one) while this one draws the maps and writes the
        GeoPackage. The same bytes either way; ``False`` does everything here, in turn.
    """
    from borders import maps
    from borders.catalog import check_shipped, layer_path, layers, load_all
    from borders.maps.site import index_html, map_pages, page_jobs

    shipped = list(layers().index)
    for layer_id in shipped:  # the files the catalogue lists, by checksum: raises on the first fault
        check_shipped(layer_id)
    frame = load_all(extra=extra)  # validates the user's layers before anything is made
    here, aside = ("borders.gpkg",), ("borders.kml", "places.csv")  # the two halves take about as long
    import borders.export  # noqa: F401  (fiona, which both processes write with: imported once, before the fork)

    pool = _second_core() if parallel else None
    try:
        pending = pool.submit(_tables_and_exports, frame, aside) if pool is not None else None
        jobs = page_jobs(maps.prepare(frame), cdn=cdn)
        pages = map_pages(jobs, advance=advance)
        exported = _exports(here)
        titles, made = pending.result() if pending is not None else _tables_and_exports(frame, aside)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    made.update(exported)
    files: dict[str, str | bytes] = dict(pages)
    files.update({name: made[name] for name in [*(f"{table}.csv" for table in titles), "tables.html",
                                                 *(name for name, _, _ in EXPORTS)]})
    for layer_id in shipped:  # as shipped, byte for byte
        files[f"{layer_id}.geojson"] = layer_path(layer_id).read_bytes()
    files["index.html"] = index_html([
        ("Maps", [(job.name, job.title, job.what) for job in jobs]),
        ("Comparison tables", [("tables.html", "All tables", "rounded for reading"),
                               *[(f"{name}.csv", title, "CSV, full precision") for name, title in titles.items()]]),
        ("Data", [*[(name, name, what) for name, _, what in EXPORTS],
                  *[(f"{lid}.geojson", f"{lid}.geojson", "the layer as shipped (GeoJSON, WGS84)") for lid in shipped]]),
    ], title="Atlas of the Lithuanian–Polish–Soviet borderland, 1919–1940")
    return files


def write_atlas(out, extra=(), *, cdn: bool = False, advance: Callable[[], None] = lambda: None) -> Path:
    """Make the atlas and write it as the folder ``out`` (the whole set, or nothing); return ``out``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = write_atlas(Path(tempfile.mkdtemp()) / "atlas")
    >>> sorted(p.name for p in folder.iterdir())[:4]
    ['areas.csv', 'borders-atlas.json', 'borders.gpkg', 'borders.kml']
    """
    from borders.io import write_file_set

    return write_file_set(out, atlas_files(extra, cdn=cdn, advance=advance), manifest="borders-atlas.json",
                          tool="borders atlas")
