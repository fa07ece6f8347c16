"""The ``borders`` command line.

User errors print one line to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from borders._errors import AssumptionWarning, BordersError, one_line
from borders.tables import FORMATS

__all__ = ["main"]

EXIT_USAGE = 2


def _cmd_validate(args) -> int:
    from borders.catalog import layers, validate_shipped
    from borders.validate import validate_file

    if not args.paths:
        total = 0
        for layer_id in layers().index:
            summary = validate_shipped(layer_id)
            total += summary["features"]
            print(f"ok  {layer_id}: {summary['features']} features")
        print(f"all {len(layers())} shipped layers valid ({total} features)")
        return 0
    from pathlib import Path

    from borders.catalog import shipped_ids

    owner = shipped_ids()  # what compare and maps would refuse, validate refuses too
    for path in args.paths:
        collection = validate_file(path, strict=args.strict, reserved_ids=owner)
        owner.update({f["properties"]["id"]: Path(path).stem for f in collection["features"]})
        print(f"ok  {one_line(path)}: {len(collection['features'])} features")
    return 0


def _emit(text: str, output) -> None:
    """Print, or write to ``output`` atomically (nothing is written on error)."""
    if output is None:
        sys.stdout.write(text)
        return
    from borders.io import atomic_write_text

    atomic_write_text(output, text)
    print(f"wrote {one_line(output)}", file=sys.stderr)


def _output_format(args) -> str:
    """The --format asked for; without one, a table for a terminal and TSV for a pipe or a file."""
    if args.format:
        return args.format
    return "table" if getattr(args, "output", None) is None and sys.stdout.isatty() else "tsv"


def _render(tables, args) -> str:
    import shutil

    from borders.tables import render

    fmt = _output_format(args)
    color = fmt == "table" and getattr(args, "output", None) is None and sys.stdout.isatty()
    # the terminal's width, or COLUMNS, or 80: a table is laid out for it
    width = shutil.get_terminal_size((80, 24)).columns if fmt == "table" else None
    return render(tables, fmt, width=width, color=color)


def _cmd_layers(args) -> int:
    from borders.catalog import layers

    cat = layers().reset_index()
    table = cat[["layer", "title", "valid_from", "valid_to", "nrows", "licence"]].rename(columns={"nrows": "rows"})
    _emit(_render({"layers": table}, args), None)
    return 0


def _cmd_compare(args) -> int:
    from borders.catalog import load_all
    from borders.compare import TABLES, compare
    from borders.dates import parse_when

    day = parse_when(args.at)
    frame = load_all(extra=args.layer or ())
    tables = compare(frame, at=day, tables=TABLES if args.table == "all" else [args.table])  # only what is asked
    _emit(_render(tables, args), args.output)
    return 0


def _position(words: list[str]) -> tuple[float, float, str | None]:
    """LAT LON, or a place's name from the gazetteer: (lat, lon, the place's name or None)."""
    if len(words) == 2:
        try:
            return float(words[0]), float(words[1]), None
        except ValueError:
            pass
    if len(words) == 1:
        try:
            float(words[0])
        except ValueError:
            pass
        else:
            raise BordersError(f"expected LAT LON or a place's name, got the one number {words[0]}; e.g. "
                               "`borders where 54.69 25.28` or `borders where Vilnius`")
    from borders.gazetteer import find_place

    row = find_place(" ".join(words))
    return row.geometry.y, row.geometry.x, row["name"]


def _cmd_where(args) -> int:
    from borders.classify import where

    args.lat, args.lon, named = _position(args.position)
    if named is not None:  # for a program reading the TSV or JSON, on stderr
        print(f"{named}: {args.lat:.4f} N {args.lon:.4f} E (the gazetteer's point)",
              file=sys.stdout if _output_format(args) == "table" else sys.stderr)
    table = where(args.lat, args.lon, at=args.at)
    if table.empty:
        print(f"no layer is valid on {args.at}", file=sys.stderr)
    tables = {"where": table}
    if args.at:
        from borders.control import control_over
        from borders.dates import parse_when

        over = control_over((args.lon, args.lat), args.at)
        stretch_of_days = isinstance(parse_when(args.at), tuple)  # a day has one answer
        if _output_format(args) != "table":  # for a program: the answer as a table of its own
            tables = {"control": over if stretch_of_days else over.drop(columns=["from", "to"]), **tables}
        elif not stretch_of_days:
            sys.stdout.write(_control_lines(over.iloc[0]) + "\n")
        else:  # a period: each stretch with the same answer, and the days it changed
            changes = ", ".join(over["from"].iloc[1:])
            sys.stdout.write(f"{args.at}: {over['from'].iloc[0]} to {over['to'].iloc[-1]}; "
                             + (f"the answer changes on {changes}\n" if changes else "one answer throughout\n"))
            for _, stretch in over.iterrows():
                sys.stdout.write(f"{stretch['from']} to {stretch['to']}\n" + "".join(
                    f"  {line}\n" for line in _control_lines(stretch).splitlines()))
            sys.stdout.write("\n")
            tables = {"where_period": table}
    _emit(_render(tables, args), None)
    return 0


def _control_lines(view) -> str:
    """The de jure and the de facto answer, one line each."""
    de_jure = "; ".join(view["de_jure_by"]) or "not assigned by any layer here"
    de_facto = view["de_facto"]
    if view["de_facto_by"]:
        de_facto += f" ({view['de_facto_by']}; {view['period']})"
    elif view["period"]:
        de_facto += f" ({view['period']})"
    return f"de jure:  {de_jure}\nde facto: {de_facto}\n"


class _progress:
    """A rich progress bar on a terminal; nothing (and no rich import) otherwise."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.bar = label, total, None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.__enter__()
            task = self.bar.add_task(self.label, total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def _cmd_maps(args) -> int:
    from borders import maps
    from borders.catalog import load_all
    from borders.io import write_file_set
    from borders.maps.site import index_html, map_pages, page_jobs

    # load_all validates user layers before anything is written; prepared once for every page
    prepared = maps.prepare(load_all(extra=args.layer or ()))
    jobs = page_jobs(prepared, cdn=args.cdn)
    with _progress("building maps", len(jobs)) as advance:  # every page first: an error writes nothing
        pages = map_pages(jobs, advance=advance)
    pages["index.html"] = index_html([("Maps", [(job.name, job.title, job.what) for job in jobs])])
    write_file_set(args.out, pages, manifest="borders-maps.json", tool="borders maps")  # the whole set, or nothing
    print(f"wrote {len(jobs)} maps and index.html to {one_line(args.out)}")
    return 0


def _cmd_classify(args) -> int:
    from borders.partitions import classify_file

    out = classify_file(args.points, args.out, at=args.at, scheduler=args.scheduler, workers=args.workers,
                        distances=not args.no_distances, progress=sys.stderr.isatty())
    print(f"wrote {one_line(out)}")
    return 0


def _cmd_atlas(args) -> int:
    from borders.atlas import write_atlas

    with _progress("building the atlas", 0) as advance:
        write_atlas(args.out, args.layer or (), cdn=args.cdn, advance=advance)
    print(f"wrote the atlas to {one_line(args.out)}: open {one_line(os.path.join(args.out, 'index.html'))}")
    return 0


def _cmd_plot(args) -> int:
    from pathlib import Path

    from borders.catalog import load_all
    from borders.io import atomic_write_with
    from borders.plot import plot

    target = Path(args.out)
    if target.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise BordersError(f"{target}: expected a file name ending in .png, .svg or .pdf")
    ax = plot(load_all(extra=args.layer or ()), layers=args.layer_id or None)
    atomic_write_with(target, lambda tmp: ax.figure.savefig(tmp, dpi=200))
    print(f"wrote {one_line(target)}")
    return 0


def _cmd_export(args) -> int:
    from borders.export import export

    out = export(args.format, args.out, layers=args.layer or None, force=args.force)
    print(f"wrote {one_line(out)}")
    return 0


def _cmd_build(args) -> int:
    from pathlib import Path

    from borders.build import build, check
    from borders.io import data_dir

    if args.data is not None:
        folder = Path(args.data)
    elif (Path("geodata") / "specs" / "catalog.toml").is_file():
        folder = Path("geodata")
    else:  # the installed package's data: it may be checked, never rewritten in place
        folder = data_dir()
        if not args.check:
            raise BordersError(f"no geodata/specs in this folder; run `borders build` in a clone of the repository, "
                               f"or pass --data DIR (`borders build --check` checks the installed data in {folder})")
    if args.check:
        check(folder)
        print(f"{folder}: every layer and the catalogue are what the specifications build")
        return 0
    changed = build(folder)
    print(f"{folder}: rebuilt; {len(changed)} file(s) changed" + "".join(f"\n  {p.name}" for p in changed))
    return 0


_AT_HELP = ("only features valid on this day (YYYY-MM-DD, 1918-1945), or on any day of a year, a month or an "
            "EDTF period (1921, 1922-01, 1921-03~, 1920-10/1921-02)")
_FORMAT_HELP = ("default: a table fitted to the terminal's width (rounded for reading), or TSV (full precision) "
                "when the output is a pipe or a file")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, as every other error of the command is."""

    def error(self, message):
        # argparse prints the usage first, over several lines; the line says where to find it instead
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)}; see `{self.prog} --help`\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``borders`` command."""
    parser = _Parser(
        prog="borders",
        description="Historical GIS of the 1919-1923 Lithuanian-Polish-Soviet borderland.")
    from borders import __version__

    parser.add_argument("--version", action="version", version=f"borders {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    lay = sub.add_parser("layers", help="the catalogue: every shipped layer, its dates, rows and licence",
                         description="List the shipped layers: id, title, valid from and to, rows, licence.")
    lay.add_argument("--format", choices=FORMATS, help=_FORMAT_HELP)
    lay.set_defaults(func=_cmd_layers)
    val = sub.add_parser(
        "validate", help="check the shipped layers, or your own GeoJSON files",
        description="With no PATH, check every shipped layer against its catalogue entry "
                    "(schema, checksum, validity, topology). With PATHs, check those "
                    "GeoJSON files against the same schema.")
    val.add_argument("paths", nargs="*", metavar="PATH")
    val.add_argument("--strict", action="store_true",
                     help="check PATHs as contributions to the atlas: every field in its canonical form, the "
                          "segment fields, RFC 7946 winding")
    val.set_defaults(func=_cmd_validate)

    cmp = sub.add_parser(
        "compare", help="areas with uncertainty, overlaps, shares in today's countries, line distances",
        description="Compare every territory and zone (and line) of the shipped layers, and of your "
                    "own with --layer: geodesic areas with the interval the boundary's uncertainty "
                    "allows, overlaps and differences of territories valid at the same time, shares "
                    "in today's countries, and distances between lines.")
    cmp.add_argument("--at", metavar="DATE", help=_AT_HELP)
    cmp.add_argument("--layer", action="append", metavar="PATH",
                     help="add your own GeoJSON layer (validated first); repeatable")
    cmp.add_argument("--format", choices=FORMATS, help=_FORMAT_HELP)
    cmp.add_argument("--table", choices=["all", "areas", "overlaps", "shares", "lines"], default="all",
                     help="which table to show (CSV holds one)")
    cmp.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    cmp.set_defaults(func=_cmd_compare)

    whr = sub.add_parser(
        "where", help="which side of every border a place was on, and who held it",
        usage="borders where [-h] [--at DATE] [--format {table,tsv,json}] (LAT LON | PLACE)",
        description="For a position (latitude, longitude in degrees, WGS84), give its side of every "
                    "territory and zone valid on DATE (in, out, or uncertain when it lies within the "
                    "boundary's uncertainty), its distance to each line, and the nearest segment. With "
                    "--at, first say who it was assigned to that day (de jure: which treaty, decision or "
                    "line, and to whom) and who held it (de facto), or that the sources leave it open.")
    whr.add_argument("position", nargs="+", metavar="LAT LON | PLACE",
                     help="one place: latitude and longitude in degrees, or a place's name in any language the "
                          "gazetteer records (Vilnius, Wilno, Вільня, Senoji Varėna; diacritics optional)")
    whr.add_argument("--at", metavar="DATE", help=_AT_HELP)
    whr.add_argument("--format", choices=["table", "tsv", "json"], help=_FORMAT_HELP)
    whr.set_defaults(func=_cmd_where)

    mps = sub.add_parser(
        "maps", help="write the HTML maps (overview, timeline, one per layer, comparisons) and an index",
        description="Write self-contained Leaflet maps that work with no network: an overview, a timeline "
                    "with a date slider, one map per layer, swipe comparisons (each layer with the next in time "
                    "and with the 1920 treaty; a layer of yours with every other), and "
                    "index.html linking them. The whole set is written into a temporary folder and swapped in; "
                    "an existing DIR is replaced only if it holds nothing but an earlier set (borders-maps.json "
                    "lists it).")
    mps.add_argument("--out", default="maps", metavar="DIR", help="folder to write into (default: maps)")
    mps.add_argument("--layer", action="append", metavar="PATH",
                     help="add your own GeoJSON layer (validated first); repeatable")
    mps.add_argument("--cdn", action="store_true",
                     help="link Leaflet from a CDN instead of inlining it (smaller files; needs a network)")
    mps.set_defaults(func=_cmd_maps)

    cls = sub.add_parser(
        "classify", help="classify a GeoParquet file of points, larger than memory, on dask",
        description="Classify every point of a GeoParquet file against the territories and zones valid on "
                    "DATE (in, out or uncertain, and the distance to each boundary), partition by partition on "
                    "a dask LocalCluster or the scheduler given, and write the result as Parquet. Needs the "
                    "dask extra: pip install 'borders[dask]'.")
    cls.add_argument("points", metavar="POINTS.parquet")
    cls.add_argument("--at", metavar="DATE", help=_AT_HELP)
    cls.add_argument("--out", required=True, metavar="RESULT.parquet", help="a new path (nothing is replaced)")
    cls.add_argument("--scheduler", metavar="ADDRESS", help="a running dask scheduler (tcp://host:8786); "
                                                           "default: a LocalCluster on this machine")
    cls.add_argument("--workers", type=int, metavar="N", help="LocalCluster worker processes (default: one per core)")
    cls.add_argument("--no-distances", action="store_true", help="sides only (faster)")
    cls.set_defaults(func=_cmd_classify)

    atl = sub.add_parser(
        "atlas", help="everything in one folder: the maps, the comparison tables, the exports, one index",
        description="Check the shipped layers, then write the maps, the comparison tables (CSV and an HTML "
                    "page), the exports (GeoPackage, KML, the gazetteer as CSV, the GeoJSON files) and "
                    "index.html linking them all into one folder that works offline. The whole set is swapped "
                    "in at once; an existing DIR is replaced only if it holds nothing but an earlier atlas "
                    "(borders-atlas.json lists it).")
    atl.add_argument("--out", default="atlas", metavar="DIR", help="folder to write into (default: atlas)")
    atl.add_argument("--layer", action="append", metavar="PATH",
                     help="add your own GeoJSON layer to the maps and tables (validated first); repeatable")
    atl.add_argument("--cdn", action="store_true",
                     help="link Leaflet from a CDN in the maps instead of inlining it (needs a network)")
    atl.set_defaults(func=_cmd_atlas)

    plt = sub.add_parser("plot", help="a static map for print (PNG, SVG or PDF)",
                         description="Draw layers over today's countries with matplotlib, in the web maps' style.")
    plt.add_argument("--layer-id", action="append", metavar="ID",
                     help="draw only this layer (repeatable; default: every layer with borders)")
    plt.add_argument("--layer", action="append", metavar="PATH", help="add your own GeoJSON layer")
    plt.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .pdf")
    plt.set_defaults(func=_cmd_plot)

    bld = sub.add_parser(
        "build", help="rebuild the shipped layers from their specifications (geodata/specs)",
        description="Check the specifications in DIR/specs against the schema, trace every layer from them and the "
                    "input extracts in DIR/inputs, and rewrite DIR/*.geojson and DIR/catalog.json. Needs no network "
                    "and no tool besides the package. With --check, write nothing and fail, naming the first file "
                    "and feature, if any shipped byte differs from what the specifications build.")
    bld.add_argument("--data", metavar="DIR",
                     help="the data folder (default: ./geodata if it has specs/, else the installed package's data, "
                          "which only --check may read)")
    bld.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing them")
    bld.set_defaults(func=_cmd_build)

    exp = sub.add_parser(
        "export", help="export the layers as GeoPackage, GeoJSON, Shapefile, KML or CSV",
        description="Write the shipped layers for QGIS, ArcGIS or Google Earth. gpkg: one file with a table "
                    "per layer plus 'sources' and 'segments'; geojson and shp: a folder; kml: one file, "
                    "citations in each description; csv: the gazetteer with WKT. Written to a temporary "
                    "path and renamed; an existing PATH is replaced only with --force.")
    exp.add_argument("--format", required=True, choices=["gpkg", "geojson", "shp", "kml", "csv"])
    exp.add_argument("--out", required=True, metavar="PATH")
    exp.add_argument("--layer", action="append", metavar="ID", help="only this layer (repeatable)")
    exp.add_argument("--force", action="store_true", help="replace PATH if it exists")
    exp.set_defaults(func=_cmd_export)
    return parser


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every temporary file is removed on the way out."""


def _terminate(signum, frame):
    raise _Terminated()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    import signal
    import threading
    import warnings

    parser = build_parser()
    args = parser.parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():  # signal handlers live in the main thread
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with warnings.catch_warnings():  # restores showwarning afterwards
            warnings.simplefilter("always", AssumptionWarning)
            shown = warnings.showwarning

            def note(message, category, *rest, **kwargs):
                if issubclass(category, AssumptionWarning):  # what was assumed of a user's layer: one line
                    print(f"borders {args.command}: note: {one_line(message)}", file=sys.stderr)
                else:
                    shown(message, category, *rest, **kwargs)

            warnings.showwarning = note
            return _run(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args) -> int:
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error, and nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 0
    except BordersError as err:
        print(f"borders {args.command}: error: {one_line(err)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:  # a folder that does not exist, a file where a folder should be...
        where = f"{err.filename}: " if err.filename else ""
        print(f"borders {args.command}: error: {one_line(where)}{one_line(err.strerror or err)}", file=sys.stderr)
        return EXIT_USAGE
    except _Terminated:
        print("borders: terminated", file=sys.stderr)
        return 128 + 15
    except KeyboardInterrupt:
        print("borders: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
