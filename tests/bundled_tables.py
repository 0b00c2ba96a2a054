"""Shared by the tests of the bundled USGS tables: read a bundled CSV file, load a tool.

The tools in ``tools/`` are scripts, not a package; a test loads one by its path, with
``tools/`` on ``sys.path`` while it runs so its own imports (the transcribed figures) resolve.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from mineralgraph.loaders import bundled_data_path

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def rows(name: str) -> list[dict[str, str]]:
    """The rows of the bundled file ``name`` (``production_usgs.csv``...), as text."""
    with open(bundled_data_path() / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_tool(name: str) -> ModuleType:
    """The script ``tools/<name>.py`` as a module."""
    sys.path.insert(0, str(TOOLS))
    try:
        spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(TOOLS))
    return module
