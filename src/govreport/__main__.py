"""``python -m govreport``: the same command line as ``govreport``."""

from __future__ import annotations

import sys

from govreport.cli import main

if __name__ == "__main__":
    sys.exit(main())
