"""Write the comparison tables (areas, overlaps, modern shares, line distances) to a folder.

Usage::

    python scripts/compare_areas.py OUTDIR [--at YYYY-MM-DD] [--layer PATH ...]

Writes ``areas.csv``, ``overlaps.csv``, ``shares.csv``, ``lines.csv`` and all four
as ``comparison.md``. Everything is computed before anything is written, and each
file is written to a temporary name and renamed, so an error leaves no partial
tables. A thin wrapper over :func:`borders.compare`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import borders
from borders.dates import parse_at
from borders.io import atomic_write_text
from borders.tables import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, metavar="OUTDIR")
    parser.add_argument("--at", metavar="DATE", help="only features valid on this day (1918-1945)")
    parser.add_argument("--layer", action="append", metavar="PATH", help="add your own GeoJSON layer")
    args = parser.parse_args(argv)
    try:
        day = parse_at(args.at)
        if args.outdir.exists() and not args.outdir.is_dir():
            raise borders.BordersError(f"{args.outdir} exists and is not a folder")
        tables = borders.compare(at=day, extra=args.layer or ())
        texts = {f"{name}.csv": render({name: frame}, "csv") for name, frame in tables.items()}
        texts["comparison.md"] = render(tables, "markdown")
    except borders.BordersError as err:
        print(f"compare_areas: error: {err}", file=sys.stderr)
        return 2
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        atomic_write_text(args.outdir / name, text)
    print(f"wrote {', '.join(texts)} to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
