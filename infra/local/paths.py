"""Put the core package and the functions on the import path, as the Lambda layer and the
function assets do when deployed (pytest gets the same from pyproject's pythonpath)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PATHS = (ROOT / "layers" / "core" / "python", ROOT / "functions")


def add_source_paths() -> None:
    for path in reversed(SOURCE_PATHS):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
