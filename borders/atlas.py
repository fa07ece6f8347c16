"""The atlas: everything the toolkit makes from the layers, in one folder with one index page.

`borders atlas` checks the shipped layers (and validates the user's), then writes the
maps, the comparison tables (CSV and one HTML page), the exports (GeoPackage, KML, the
gazetteer as CSV, the GeoJSON files as shipped) and an index that links them all. Every
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


def atlas_files(extra=(), *, cdn: bool = False, advance: Callable[[], None] = lambda: None) -> dict[str, str | bytes]:
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
    """
    from borders import maps
    from borders.catalog import layer_path, layers, load_all, validate_shipped
    from borders.compare import compare
    from borders.export import export
    from borders.maps.site import index_html, map_pages, page_jobs
    from borders.tables import TITLES, render

    shipped = list(layers().index)
    for layer_id in shipped:  # schema, checksum, validity, topology: raises on the first fault
        validate_shipped(layer_id)
    frame = load_all(extra=extra)  # validates the user's layers before anything is made
    jobs = page_jobs(maps.prepare(frame), cdn=cdn)
    files: dict[str, str | bytes] = dict(map_pages(jobs, advance=advance))
    tables = compare(frame)
    files.update({f"{name}.csv": render({name: table}, "csv") for name, table in tables.items()})
    files["tables.html"] = render(tables, "html")
    with tempfile.TemporaryDirectory() as scratch:
        for name, fmt, _ in EXPORTS:
            files[name] = Path(export(fmt, os.path.join(scratch, name))).read_bytes()
    for layer_id in shipped:  # as shipped, byte for byte
        files[f"{layer_id}.geojson"] = layer_path(layer_id).read_bytes()
    files["index.html"] = index_html([
        ("Maps", [(job.name, job.title, job.what) for job in jobs]),
        ("Comparison tables", [("tables.html", "All tables", "rounded for reading"),
                               *[(f"{name}.csv", TITLES.get(name, name), "CSV, full precision") for name in tables]]),
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
