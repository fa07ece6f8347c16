"""Benchmark: building every map plus the comparison tables, against importing geopandas and folium.

Usage::

    python scripts/benchmark_maps.py [--repeat 5]

Both are timed as fresh Python processes, in the same run, best of ``--repeat``:

* baseline: ``python -c "import geopandas, folium"``;
* ours: ``borders maps`` (every map and index.html, to a temporary folder) followed,
  in the same process, by ``borders compare --format json`` (all four tables);
* the atlas: ``borders atlas`` (validation, the maps, the tables, the exports, the index).

Prints the times, the ratios to the baseline (targets: at most 2 for the maps and tables,
1.5 for the atlas, from issue 14), and the size of each map (the target is at most 1.5 MB
each). A measurement, not a test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OURS = """
import sys
from borders.cli import main
out = sys.argv[1]
assert main(["maps", "--out", out + "/maps"]) == 0  # a folder of its own: a second run replaces it
assert main(["compare", "--format", "json", "--output", out + "/tables.json"]) == 0
"""


def best_of(repeat: int, argv: list[str]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = best_of(args.repeat, [sys.executable, "-c", "import geopandas, folium"])
        ours = best_of(args.repeat, [sys.executable, "-c", OURS, tmp])
        atlas = best_of(args.repeat, [sys.executable, "-m", "borders", "atlas", "--out", f"{tmp}/atlas"])
        print(f"import geopandas, folium (baseline)      {base:6.2f} s")
        print(f"every map + comparison tables             {ours:6.2f} s   ratio {ours / base:4.2f} (target <= 2)")
        print(f"borders atlas                             {atlas:6.2f} s   ratio {atlas / base:4.2f} (target <= 1.5)")
        for page in sorted(Path(tmp, "maps").glob("*.html")):
            print(f"  {page.name:44s} {page.stat().st_size / 1e6:5.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
