"""Allow ``python -m borders``."""

import sys

from borders.cli import main

sys.exit(main())
