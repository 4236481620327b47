"""Run every benchmark module in this package (each exposes `main() -> None`).

Other lanes add a module with a `main()`; nothing here needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def run_all(selected: list[str]) -> None:
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__))
    for name in names:
        if name.startswith("_") or (selected and name not in selected):
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        if callable(getattr(module, "main", None)):
            print(f"== {name}", flush=True)
            module.main()


if __name__ == "__main__":
    run_all(sys.argv[1:])
