"""The ``borders`` command line.

User errors print one line to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from borders._errors import BordersError

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
