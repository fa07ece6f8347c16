"""The ``borders`` command line.

User errors print one line to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from borders._errors import BordersError
from borders.tables import FORMATS

__all__ = ["main"]

EXIT_USAGE = 2


def _cmd_validate(args) -> int:
    from borders.catalog import layers
    from borders.validate import validate_file, validate_shipped

    if not args.paths:
        total = 0
        for layer_id in layers().index:
            summary = validate_shipped(layer_id)
            total += summary["features"]
            print(f"ok  {layer_id}: {summary['features']} features")
        print(f"all {len(layers())} shipped layers valid ({total} features)")
        return 0
    for path in args.paths:
        collection = validate_file(path)
        print(f"ok  {path}: {len(collection['features'])} features")
    return 0


def _emit(text: str, output) -> None:
    """Print, or write to ``output`` atomically (nothing is written on error)."""
    if output is None:
        sys.stdout.write(text)
        return
    from borders.io import atomic_write_text

    atomic_write_text(output, text)
    print(f"wrote {output}", file=sys.stderr)


def _render(tables, args) -> str:
    from borders.tables import render

    color = args.format == "table" and getattr(args, "output", None) is None and sys.stdout.isatty()
    width = None
    if color:
        import shutil

        width = shutil.get_terminal_size().columns
    return render(tables, args.format, width=width, color=color)


def _cmd_compare(args) -> int:
    from borders.catalog import load_all
    from borders.compare import compare
    from borders.dates import parse_at

    day = parse_at(args.at)
    frame = load_all(extra=args.layer or ())
    tables = compare(frame, at=day)
    if args.table != "all":
        tables = {args.table: tables[args.table]}
    _emit(_render(tables, args), args.output)
    return 0


def _cmd_where(args) -> int:
    from borders.classify import where

    table = where(args.lat, args.lon, at=args.at)
    if table.empty:
        print(f"no layer is valid on {args.at}", file=sys.stderr)
    _emit(_render({"where": table}, args), None)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``borders`` command."""
    parser = argparse.ArgumentParser(
        prog="borders",
        description="Historical GIS of the 1919-1923 Lithuanian-Polish-Soviet borderland.")
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser(
        "validate", help="check the shipped layers, or your own GeoJSON files",
        description="With no PATH, check every shipped layer against its catalogue entry "
                    "(schema, checksum, validity, topology). With PATHs, check those "
                    "GeoJSON files against the same schema.")
    val.add_argument("paths", nargs="*", metavar="PATH")
    val.set_defaults(func=_cmd_validate)

    cmp = sub.add_parser(
        "compare", help="areas with uncertainty, overlaps, shares in today's countries, line distances",
        description="Compare every territory and zone (and line) of the shipped layers, and of your "
                    "own with --layer: geodesic areas with the interval the boundary's uncertainty "
                    "allows, overlaps and differences of territories valid at the same time, shares "
                    "in today's countries, and distances between lines.")
    cmp.add_argument("--at", metavar="DATE", help="only features valid on this day (YYYY-MM-DD, 1918-1945)")
    cmp.add_argument("--layer", action="append", metavar="PATH",
                     help="add your own GeoJSON layer (validated first); repeatable")
    cmp.add_argument("--format", choices=FORMATS, default="table")
    cmp.add_argument("--table", choices=["all", "areas", "overlaps", "shares", "lines"], default="all",
                     help="which table to show (CSV holds one)")
    cmp.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    cmp.set_defaults(func=_cmd_compare)

    whr = sub.add_parser(
        "where", help="which side of every border a place was on",
        description="For a position (latitude, longitude in degrees, WGS84), give its side of every "
                    "territory and zone valid on DATE (in, out, or uncertain when it lies within the "
                    "boundary's uncertainty), its distance to each line, and the nearest segment.")
    whr.add_argument("lat", type=float, metavar="LAT")
    whr.add_argument("lon", type=float, metavar="LON")
    whr.add_argument("--at", metavar="DATE", help="only features valid on this day (YYYY-MM-DD, 1918-1945)")
    whr.add_argument("--format", choices=["table", "json"], default="table")
    whr.set_defaults(func=_cmd_where)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BordersError as err:
        print(f"borders {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("borders: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
