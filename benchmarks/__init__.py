"""What is measured, and how: `make bench` (python -m benchmarks) runs every module here."""

import sys
from pathlib import Path

# The same import layout as pytest's `pythonpath` (the core package and the functions).
_ROOT = Path(__file__).resolve().parent.parent
for _folder in ("layers/core/python", "functions"):
    if str(_ROOT / _folder) not in sys.path:
        sys.path.insert(0, str(_ROOT / _folder))
