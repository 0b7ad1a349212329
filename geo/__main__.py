"""``python -m geo``: the analysts' command line (see ``python -m geo --help``)."""

from __future__ import annotations

import sys

from geo.cli import main

if __name__ == "__main__":
    sys.exit(main())
