"""Load benchmarks: wrk against the production server. ``python -m bench --list`` shows them.

Each benchmark is a module here with a ``DESCRIPTION`` and ``run(options) -> Report``; it is
found by its module name, so adding a benchmark is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_NOT_BENCHMARKS = {"harness"}


def discover() -> dict[str, ModuleType]:
    """Benchmark modules by name, in name order (baseline first keeps its own name)."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in _NOT_BENCHMARKS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "run") and hasattr(module, "DESCRIPTION"):
            found[info.name] = module
    return found
