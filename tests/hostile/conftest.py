"""The hostile inputs' tests import their builders (hostile_inputs) and the corpus
helpers of tests/ (expected) whichever folder pytest is started from."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
