"""Values as table and CSV cells, for every writer of text (the CLI's and the endpoint's).

No click here: the graph layer (the SPARQL endpoint) and the reports share these.

>>> print(text_table([{"id": "country:CN", "share": 0.7}], ["id", "share"]))
id          share
----------  -----
country:CN  0.7
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any


def cell(value: Any) -> str:
    """A value as table text: floats rounded to 3 significant places, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    return str(value)


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined with ``;``, formula-looking text defused.

    Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula,
    so such text gets a leading apostrophe, unless it is a plain number ("-3"). Every
    CSV writer of mineralgraph (reports, ``sparql --format csv``, the endpoint's
    ``text/csv``) passes its cells through here.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-3"), csv_cell(-0.5), csv_cell(["a", "b"])
    ("'=HYPERLINK(1)", '-3', -0.5, 'a; b')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = cell(value)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def text_table(rows: Sequence[dict], columns: Sequence[str],
               headers: Sequence[str] | None = None) -> str:
    """A plain aligned table for terminals and e-mails."""
    headers = list(headers or columns)
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)
