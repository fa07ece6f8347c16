"""Export the layers for GIS programs and Google Earth: GeoPackage, GeoJSON, Shapefile, KML, CSV.

All formats are written with fiona. List and dict properties (``sources``,
``anchors``, ``names``) become JSON text. Everything is written to a temporary
path next to the target and renamed at the end, so an interrupted export leaves
nothing half-written. An existing target is replaced only with ``force=True``, and
only if it is an earlier export that nobody has changed since (see
:func:`check_replaceable`): ``force`` never deletes a user's own files.

========  ======================================================================
format    what is written to ``out``
========  ======================================================================
gpkg      one file: a table per layer, plus ``sources`` (the bibliography, no
          geometry) and ``segments`` (every segment of every layer, with its
          provenance), so QGIS users keep it
geojson   a folder: one RFC 7946 FeatureCollection per layer, as shipped
shp       a folder: per layer one Shapefile per geometry type
          (``<layer>_line``, ``_polygon``, ``_point``), field names cut to 10
          characters by a fixed table, and ``<layer>.fields.csv`` explaining them
kml       one file: a folder per layer; each placemark's description holds its
          attributes and the full citation of each source
csv       one file: the gazetteer (``places``) with WKT geometry
========  ======================================================================
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import shutil
from pathlib import Path

import fiona
import pandas as pd
from shapely.geometry import mapping

from borders._errors import BordersError, one_line
from borders._values import plain
from borders.io import put_in_place, scratch_folder

__all__ = ["FORMATS", "MANIFEST", "export", "check_replaceable", "SHAPEFILE_FIELDS", "shapefile_field",
           "export_date", "GPKG_SUFFIXES", "typed_tables"]

FORMATS = ("gpkg", "geojson", "shp", "kml", "csv")
#: Formats that write a folder (the others write one file).
FOLDER_FORMATS = ("geojson", "shp")
#: The file a folder export leaves, listing what it wrote (name -> sha256).
MANIFEST = "borders-export.json"
#: The table a GeoPackage export carries to say that borders wrote it.
GPKG_MARKER_TABLE = "borders_export"
#: The element a KML export carries in its Document, near the top of the file.
KML_MARKER = '<Data name="borders_export">'

#: Full property name -> Shapefile (DBF) field name, for names over 10 characters.
SHAPEFILE_FIELDS = {
    "valid_from_edtf": "vfrom_edtf",
    "valid_to_edtf": "vto_edtf",
    "uncertainty_m": "uncert_m",
    "coordinate_source": "coord_src",
    "offset_from": "offset_fr",
    "confirmed_suwalki_section": "conf_suwal",
    "party_right": "party_rght",
}

_BASE_TYPES = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line",
               "Polygon": "polygon", "MultiPolygon": "polygon"}
_MULTI = {"point": "MultiPoint", "line": "MultiLineString", "polygon": "MultiPolygon"}


def _as_multi(geom):
    """A single geometry wrapped as its multi type (a Shapefile layer has one geometry type)."""
    import shapely

    if geom.geom_type.startswith("Multi"):
        return geom
    return {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString,
            "Polygon": shapely.MultiPolygon}[geom.geom_type]([geom])


def shapefile_field(name: str, taken: set[str] | None = None) -> str:
    """The Shapefile field name for a property: itself if short, else from the table, else cut.

    Examples
    --------
    >>> shapefile_field("uncertainty_m")
    'uncert_m'
    >>> shapefile_field("a_very_long_property_name")
    'a_very_lon'
    """
    short = SHAPEFILE_FIELDS.get(name, name)[:10]
    if taken is not None and short in taken:  # keep names unique: cut further and number them
        for n in range(1, 100):
            candidate = f"{short[:8]}{n:02d}"
            if candidate not in taken:
                return candidate
    return short


def _text(value):
    """A property value as fiona can store it: lists and dicts as JSON text, NaN as None."""
    value = plain(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _field_type(values) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "float"
    return "str"


def _records(gdf) -> tuple[list[str], list[dict], list]:
    columns = [c for c in gdf.columns if c != "geometry"]
    rows = [{c: _text(v) for c, v in zip(columns, values, strict=True)}
            for values in gdf[columns].itertuples(index=False, name=None)]
    return columns, rows, list(gdf.geometry.values)


def _schema(columns, rows, geometry) -> dict:
    props = {c: _field_type([r[c] for r in rows]) for c in columns}
    return {"geometry": geometry, "properties": props}


def export_date() -> dt.datetime:
    """The date the exports carry (GeoPackage ``last_change``, the Shapefile's .dbf header).

    Not the day of the export, which says nothing about the data, so that two exports
    of the same data are the same bytes: 1970-01-01, or the time ``SOURCE_DATE_EPOCH``
    gives (the reproducible-builds.org convention).

    Examples
    --------
    >>> import os
    >>> export_date().isoformat() if "SOURCE_DATE_EPOCH" not in os.environ else "1970-01-01T00:00:00+00:00"
    '1970-01-01T00:00:00+00:00'
    """
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        seconds = int(text) if text else 0
    except ValueError:
        raise BordersError(f"environment variable SOURCE_DATE_EPOCH: expected seconds since 1970, e.g. "
                           f"SOURCE_DATE_EPOCH=1700000000, got {text!r}") from None
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _write(path, *, driver, layer, columns, rows, geoms, geometry="Unknown", crs="EPSG:4326", **options):
    schema = _schema(columns, rows, geometry)
    if driver == "ESRI Shapefile":
        options.setdefault("DBF_DATE_LAST_UPDATE", export_date().strftime("%Y-%m-%d"))
    # GDAL's GeoPackage driver stamps gpkg_contents.last_change with OGR_CURRENT_DATE, else the clock.
    # SQLite need not wait for the disk after each transaction: the file is a scratch one, put in
    # place only once it is whole (the same bytes either way).
    with fiona.Env(OGR_CURRENT_DATE=export_date().strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                   OGR_SQLITE_SYNCHRONOUS="OFF"), \
            fiona.open(path, "w", driver=driver, layer=layer, schema=schema,
                       crs=crs if geometry != "None" else None, **options) as sink:
        # all at once: one transaction (a GeoPackage written feature by feature took seconds)
        sink.writerecords([{"geometry": mapping(geom) if geom is not None else None,
                            "properties": {c: row[c] if not (schema["properties"][c] == "str" and row[c] is not None)
                                           else str(row[c]) for c in columns}}
                           for row, geom in zip(rows, geoms, strict=True)])


# --- the formats -----------------------------------------------------------------------

#: The GeoPackage table of each kind of geometry, for a layer that has more than one.
GPKG_SUFFIXES = {"point": "points", "line": "lines", "polygon": "areas"}


def typed_tables(layer_id: str, gdf) -> list[tuple[str, str, object]]:
    """A layer as GeoPackage tables of one declared geometry type each: (table, type, rows).

    A layer of one kind of geometry keeps its name; one that mixes them (lines and the
    territory they enclose) is split into ``<layer>_lines``, ``<layer>_areas`` and
    ``<layer>_points``. A table whose rows mix single and multi geometries is declared
    multi, its single ones wrapped.

    Examples
    --------
    >>> import borders
    >>> [(name, kind) for name, kind, _ in typed_tables("treaty_1920", borders.load("treaty_1920"))]
    [('treaty_1920_lines', 'LineString'), ('treaty_1920_areas', 'Polygon')]
    >>> [(name, kind) for name, kind, _ in typed_tables("places", borders.load("places"))]
    [('places', 'Point')]
    """
    bases = gdf.geometry.geom_type.map(_BASE_TYPES)
    groups = [base for base in ("line", "polygon", "point") if (bases == base).any()]
    tables = []
    for base in groups:
        part = gdf[(bases == base).to_numpy()]
        kinds = set(part.geometry.geom_type)
        if len(kinds) > 1:
            part = part.set_geometry([_as_multi(g) for g in part.geometry.values], crs=part.crs)
            kinds = {_MULTI[base]}
        name = layer_id if len(groups) == 1 else f"{layer_id}_{GPKG_SUFFIXES[base]}"
        tables.append((name, kinds.pop(), part))
    return tables


def _gpkg(tmp: Path, frames: dict, bib: pd.DataFrame) -> None:
    from borders.qgis import STYLE_NAME, table_style
    from borders.scene import layer_colour

    target = tmp / "out.gpkg"
    styles = []
    for layer_id, gdf in frames.items():
        for table, geometry, part in typed_tables(layer_id, gdf):
            columns, rows, geoms = _records(part)
            _write(target, driver="GPKG", layer=table, columns=columns, rows=rows, geoms=geoms, geometry=geometry)
            styles.append((table, table_style(part, geometry, layer_colour(layer_id))))
    segments = pd.concat([gdf.assign(layer=layer_id) for layer_id, gdf in frames.items()
                          if "kind" in gdf.columns], ignore_index=True)
    segments = segments[segments["kind"] == "segment"]
    if len(segments):
        ((_, geometry, part),) = typed_tables("segments", segments.dropna(axis=1, how="all"))
        columns, rows, geoms = _records(part)
        _write(target, driver="GPKG", layer="segments", columns=columns, rows=rows, geoms=geoms, geometry=geometry)
    table = bib.reset_index()
    columns = list(table.columns)
    rows = [{c: _text(v) for c, v in zip(columns, values, strict=True)}
            for values in table.itertuples(index=False, name=None)]
    _write(target, driver="GPKG", layer="sources", columns=columns, rows=rows, geoms=[None] * len(rows),
           geometry="None")
    if len(segments):
        styles.append(("segments", table_style(segments, "LineString")))
    # QGIS's own table of styles: each table opens styled as on the web maps
    rows = [{"f_table_catalog": "", "f_table_schema": "", "f_table_name": table, "f_geometry_column": "geom",
             "styleName": STYLE_NAME, "styleQML": qml, "styleSLD": "", "useAsDefault": True,
             "description": "borders: the web maps' styling", "owner": "", "ui": "",
             "update_time": export_date().strftime("%Y-%m-%dT%H:%M:%S")} for table, qml in styles]
    _write(target, driver="GPKG", layer="layer_styles", columns=list(rows[0]), rows=rows, geoms=[None] * len(rows),
           geometry="None", FID="id")
    marker = {"tool": "borders", "version": _version(), "format": "gpkg", "layers": json.dumps(list(frames))}
    _write(target, driver="GPKG", layer=GPKG_MARKER_TABLE, columns=list(marker), rows=[marker], geoms=[None],
           geometry="None")


def _geojson(tmp: Path, frames: dict) -> None:
    from borders.catalog import layer_path, layers

    out = tmp / "out"
    out.mkdir()
    shipped = set(layers().index)
    for layer_id, gdf in frames.items():
        if layer_id in shipped:  # as shipped, byte for byte
            shutil.copyfile(layer_path(layer_id), out / f"{layer_id}.geojson")
        else:
            columns, rows, geoms = _records(gdf)
            _write(out / f"{layer_id}.geojson", driver="GeoJSON", layer=layer_id, columns=columns, rows=rows,
                   geoms=geoms)


def _shp(tmp: Path, frames: dict) -> None:
    out = tmp / "out"
    out.mkdir()
    for layer_id, gdf in frames.items():
        columns, rows, geoms = _records(gdf)
        taken: set[str] = set()
        short = {}
        for c in columns:
            short[c] = shapefile_field(c, taken)
            taken.add(short[c])
        truncated = set()
        for kind in ("point", "line", "polygon"):
            picked = [i for i, g in enumerate(geoms) if _BASE_TYPES.get(g.geom_type) == kind]
            if not picked:
                continue
            sub_rows = []
            for i in picked:
                row = {}
                for c in columns:
                    value = rows[i][c]
                    if isinstance(value, str) and len(value.encode("utf-8")) > 254:
                        truncated.add(c)  # DBF text fields hold 254 bytes
                        value = value.encode("utf-8")[:254].decode("utf-8", "ignore")
                    row[short[c]] = value
                sub_rows.append(row)
            _write(out / f"{layer_id}_{kind}.shp", driver="ESRI Shapefile", layer=f"{layer_id}_{kind}",
                   columns=[short[c] for c in columns], rows=sub_rows, geoms=[_as_multi(geoms[i]) for i in picked],
                   geometry=_MULTI[kind], ENCODING="UTF-8")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["field", "property", "note"])
        for c in columns:
            note = "cut to 254 bytes in some rows; the GeoPackage and GeoJSON exports keep it whole" \
                if c in truncated else ("JSON text" if any(isinstance(r[c], str) and r[c][:1] in "[{"
                                                           for r in rows) else "")
            writer.writerow([short[c], c, note])
        (out / f"{layer_id}.fields.csv").write_text(buffer.getvalue(), encoding="utf-8")


def _description(props: dict, bib: pd.DataFrame) -> str:
    rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                   for k, v in props.items() if v is not None and k not in ("name", "sources"))
    cited = json.loads(props["sources"]) if isinstance(props.get("sources"), str) else []
    refs = "".join(f"<li>{html.escape(str(bib.loc[s, 'citation']) if s in bib.index else s)}</li>"
                   for s in cited)
    return f"<table>{rows}</table><p>Sources:</p><ol>{refs}</ol>"


def kml_name(text) -> str:
    """A feature's ``<name>`` for KML: one line of plain text, no markup.

    Google Earth reads a description as HTML, and markup in a name, even escaped, is
    not safe to leave to a viewer: angle brackets become the guillemets ‹ › and control
    characters are shown as escapes.

    Examples
    --------
    >>> kml_name('<img src=x onerror="alert(1)">Wilno')
    '‹img src=x onerror="alert(1)"›Wilno'
    """
    return one_line(str(text)).replace("<", "‹").replace(">", "›")


def _kml(tmp: Path, frames: dict, bib: pd.DataFrame) -> None:
    # GDAL's KML driver writes one layer per file; the folders are then joined into one document.
    fiona.supported_drivers.setdefault("KML", "rw")
    parts = []
    for number, (layer_id, gdf) in enumerate(frames.items()):
        columns, rows, geoms = _records(gdf)
        kml_rows = [{"Name": kml_name(r.get("name") or r.get("id")), "Description": _description(r, bib)}
                    for r in rows]
        one = tmp / f"layer{number}.kml"
        _write(one, driver="KML", layer=layer_id, columns=["Name", "Description"], rows=kml_rows, geoms=geoms)
        text = one.read_text(encoding="utf-8")
        start, end = text.index("<Folder>"), text.rindex("</Folder>") + len("</Folder>")
        parts.append(text[start:end])
    document = ('<?xml version="1.0" encoding="utf-8" ?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n'
                '<Document id="root_doc">\n<name>borders</name>\n'
                f"<ExtendedData>{KML_MARKER}<value>borders {html.escape(_version())}</value></Data></ExtendedData>\n"
                + "\n".join(parts) + "\n</Document></kml>\n")
    (tmp / "out.kml").write_text(document, encoding="utf-8")


def _csv(tmp: Path, frames: dict) -> None:
    if "places" not in frames:
        raise BordersError("CSV export holds the gazetteer: include the layer 'places' (or give no --layer)")
    columns, rows, geoms = _records(frames["places"])
    _write(tmp / "out.csv", driver="CSV", layer="places", columns=columns, rows=rows, geoms=geoms,
           geometry="Point", GEOMETRY="AS_WKT")


def export(fmt: str, out, *, layers=None, force: bool = False) -> Path:
    """Write the layers in one of :data:`FORMATS` to ``out``; return ``out``.

    Parameters
    ----------
    fmt : {'gpkg', 'geojson', 'shp', 'kml', 'csv'}
    out : path
        A file (gpkg, kml, csv) or a folder (geojson, shp).
    layers : list of str, optional
        Layer ids (default: every shipped layer).
    force : bool
        Replace ``out`` if it exists and is an earlier export of the same format that
        nobody has changed (see :func:`check_replaceable`).

    Raises
    ------
    BordersError
        Unknown format or layer; ``out`` exists and ``force`` is false; ``out`` is not
        an earlier, unchanged export; ``out`` is a folder where the format writes a
        file, or the reverse; ``out`` is the current folder.
    """
    from borders.catalog import layer_info, load
    from borders.catalog import layers as catalogue
    from borders.catalog import sources as bibliography

    if fmt not in FORMATS:
        raise BordersError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not str(out):
        raise BordersError("expected a path to write the export to, got ''")
    shown, out = Path(out), Path(os.path.abspath(out))  # `--out .` has a parent to write beside
    if Path.cwd().resolve().is_relative_to(out.resolve()):
        raise BordersError(f"{shown} is the current folder or holds it; export into a folder of its own, "
                           "e.g. --out shapefiles")
    if out.exists() or out.is_symlink():
        if not force:
            raise BordersError(f"{shown} exists; pass --force to replace it")
        check_replaceable(shown, fmt)
    wanted = list(layers) if layers else list(catalogue().index)
    frames = {}
    for layer_id in wanted:
        layer_info(layer_id)  # one-line error for an unknown id
        frames[layer_id] = load(layer_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch_folder(out, shown=shown) as tmp:  # removed however the export ends
        bib = bibliography()
        if fmt == "gpkg":
            _gpkg(tmp, frames, bib)
        elif fmt == "geojson":
            _geojson(tmp, frames)
        elif fmt == "shp":
            _shp(tmp, frames)
        elif fmt == "kml":
            _kml(tmp, frames, bib)
        else:
            _csv(tmp, frames)
        made = tmp / ("out" if fmt in FOLDER_FORMATS else f"out.{fmt}")
        if fmt in FOLDER_FORMATS:
            _write_manifest(made, fmt)
        put_in_place(made, out, tmp)
    return shown


def _version() -> str:
    from borders import __version__

    return __version__


def _write_manifest(folder: Path, fmt: str) -> None:
    """List every file a folder export wrote, with its checksum, so that --force can recognise it later."""
    from borders.io import sha256

    files = {p.name: sha256(p) for p in sorted(folder.iterdir())}
    manifest = {"tool": "borders", "version": _version(), "format": fmt, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _refuse(out: Path, why: str) -> BordersError:
    return BordersError(f"{out}: {why}; --force replaces only an earlier borders export nobody has changed. "
                        "Choose another --out, or move your files away first")


def check_replaceable(out, fmt: str) -> None:
    """Raise unless ``out`` is an earlier export of ``fmt`` that may be replaced.

    A folder (geojson, shp) qualifies if it holds the :data:`MANIFEST` an export
    leaves and nothing else: every file listed there, unchanged (same sha256), and
    no file or folder it does not list. A GeoPackage qualifies if it has the
    ``borders_export`` table, a KML file if its Document carries the
    ``borders_export`` data element, a CSV file if its header is that of the
    gazetteer export. Symbolic links are never replaced.

    Raises
    ------
    BordersError
        One line saying what stands at ``out`` and why it is kept.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "thesis.txt").write_text("three years of work")
    >>> try:
    ...     check_replaceable(folder, "shp")
    ... except BordersError as err:
    ...     print(str(err).split(";")[0].endswith("which no borders export wrote (it has no borders-export.json)"))
    True
    """
    from borders.io import sha256

    out = Path(out)
    writes_folder = fmt in FOLDER_FORMATS
    if out.is_symlink():
        raise _refuse(out, "is a symbolic link, which export does not replace")
    if out.is_dir() != writes_folder:
        what = "a folder" if out.is_dir() else "a file"
        raise BordersError(f"{out} is {what}, and a {fmt} export writes {'a folder' if writes_folder else 'a file'}; "
                           "choose another path")
    if writes_folder:
        try:
            manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            listed = dict(manifest["files"])
        except (OSError, ValueError, KeyError, TypeError):
            raise _refuse(out, f"is a folder which no borders export wrote (it has no {MANIFEST})") from None
        for entry in sorted(os.listdir(out)):
            if entry == MANIFEST:
                continue
            path = out / entry
            if entry not in listed or not path.is_file() or path.is_symlink():
                raise _refuse(out, f"holds {entry!r}, which borders export did not write")
            if sha256(path) != listed[entry]:
                raise _refuse(out, f"{entry!r} has changed since borders export wrote it")
        return
    if not _is_earlier_export(out, fmt):
        raise _refuse(out, f"is not a {fmt} file that borders export wrote")


def _is_earlier_export(path: Path, fmt: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if fmt == "kml":
        return KML_MARKER.encode() in head
    if fmt == "csv":
        header = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
        return header[:1] == ["WKT"] and {"id", "kind", "status", "sources", "uncertainty_m"} <= set(header)
    if not head.startswith(b"SQLite format 3\x00"):
        return False
    try:
        if GPKG_MARKER_TABLE not in fiona.listlayers(path):
            return False
        with fiona.open(path, layer=GPKG_MARKER_TABLE) as table:
            return any(f.properties.get("tool") == "borders" for f in table)
    except Exception:  # not a GeoPackage GDAL can read: not ours
        return False
