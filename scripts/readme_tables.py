"""Rewrite the README's computed tables: the share of each line by basis (``borders.evidence``).

Usage::

    python scripts/readme_tables.py          # rewrite README.md in place
    python scripts/readme_tables.py --check  # exit 1 if the README is out of date

Each table stands between ``<!-- basis:LAYER -->`` and ``<!-- /basis -->``; a test
(tests/test_readme.py) fails when one differs from what the data gives.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import borders
from borders.evidence import basis_markdown, basis_shares

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"(<!-- basis:(?P<layer>[a-z0-9_]+) -->\n)(?P<table>(?:(?!<!-- ).)*?)(<!-- /basis -->)", re.S)


def render(text: str) -> str:
    """The README text with every basis table recomputed from the shipped layers."""
    table = basis_shares(borders.load_all())
    return _BLOCK.sub(lambda m: m.group(1) + basis_markdown(table, m.group("layer")) + "\n" + m.group(4), text)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
