"""Draw the issue-13 spot check sample (third pass, 2026-11-27).

Reproducible: ``python tools/spotcheck_draw.py`` prints the same 40 rows on the
same tree. Two strata, 20 rows each, drawn with one ``random.Random(20261127)``
(the USGS stratum first):

- USGS rows: every data row of ``production_usgs.csv``, ``reserves_usgs.csv``,
  ``imports_usgs.csv`` and ``structure_usgs.csv`` (the relation files written
  from USGS Mineral Commodity Summaries 2025).
- Hand-curated rows: every data row of ``production.csv``,
  ``production_more.csv``, ``requirements.csv``, ``requirements_more.csv``,
  ``facilities.csv``, ``controls.csv`` and ``licences.csv``.

Source records (``sources*.csv``) and the other node files are not in the frame.
Files are read in sorted order; a row's line is the physical line where it starts
(header = line 1).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

SEED = 20261127
PER_STRATUM = 20
CURATED = Path(__file__).resolve().parent.parent / "mineralgraph" / "data" / "curated"
STRATA = (
    ("usgs", ("imports_usgs.csv", "production_usgs.csv", "reserves_usgs.csv",
              "structure_usgs.csv")),
    ("hand", ("controls.csv", "facilities.csv", "licences.csv", "production.csv",
              "production_more.csv", "requirements.csv", "requirements_more.csv")),
)


def read_rows(name: str) -> list[tuple[str, int, dict[str, str]]]:
    """Return ``(file, line, row)`` for every non-blank data row of one file.

    Parameters
    ----------
    name : str
        File name inside the curated folder.

    Returns
    -------
    list of tuple
        File name, physical start line (header = 1) and the row as a dict.
    """
    out = []
    with open(CURATED / name, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        line = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                out.append((name, line, dict(zip(header, cells, strict=False))))
            line = reader.line_num + 1
    return out


def draw() -> list[tuple[str, str, int, dict[str, str]]]:
    """Draw the sample.

    Returns
    -------
    list of tuple
        ``(stratum, file, line, row)``, 20 per stratum, in draw order.
    """
    rng = random.Random(SEED)
    sample = []
    for stratum, files in STRATA:
        frame = [r for name in sorted(files) for r in read_rows(name)]
        for name, line, row in rng.sample(frame, PER_STRATUM):
            sample.append((stratum, name, line, row))
    return sample


def main() -> int:
    """Print the frame sizes and the 40 drawn rows."""
    for stratum, files in STRATA:
        n = sum(len(read_rows(name)) for name in files)
        print(f"# stratum {stratum}: {n} rows in {', '.join(sorted(files))}")
    for i, (stratum, name, line, row) in enumerate(draw(), 1):
        cells = "; ".join(f"{k}={v}" for k, v in row.items() if v)
        print(f"{i:2d} [{stratum}] {name}:{line} | {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
