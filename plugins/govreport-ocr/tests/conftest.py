"""The OCR tests import their shared inputs from samples.py beside them. Without the
plugin installed (pip install ./plugins/govreport-ocr) they are not collected."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

collect_ignore_glob = [] if importlib.util.find_spec("govreport_ocr") else ["test_*.py"]
