"""Helpers shared by the table loaders (USGS, trade): decoding, CSV rows, new nodes.

Outside tables come in UTF-8, UTF-8 with a byte-order mark, or Windows-1252 (USGS
files are often saved from Excel); :func:`decode_table` accepts all three and says
which it used.

>>> decode_table("Côte d'Ivoire".encode("cp1252"))
("Côte d'Ivoire", 'cp1252')
>>> slug("Rare earths (REO)")
'rare-earths-reo'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError


def decode_table(data: bytes) -> tuple[str, str]:
    """The text of a table and the encoding used: UTF-8 (with or without BOM), else cp1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def table_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header (cells as written) and (line, row) for each non-empty data row."""
    text, _ = decode_table(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(str(path), 1, None, "empty file (no header)") from None

    def rows():
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            cells = cells + [""] * (len(header) - len(cells))
            pairs = zip(header, cells, strict=False)
            yield reader.line_num, {h: (c or "").strip() for h, c in pairs}

    return header, rows()


def header_of(path: Path) -> list[str]:
    """The header cells of a CSV file (any of the accepted encodings), stripped."""
    with path.open("rb") as fh:
        first = fh.readline()
    text, _ = decode_table(first)
    return [cell.strip() for cell in next(csv.reader([text]), [])]


def slug(text: str) -> str:
    """A lower-case, hyphenated slug for a new id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def node_claims(node_id: str, known, source: str, **attributes) -> list[Claim]:
    """Attribute claims for a node a loader introduces, unless ``known`` already has it."""
    if known is not None and node_id in known:
        return []
    return [Claim(node_id, name, value, sources=(source,))
            for name, value in attributes.items() if value not in (None, "")]
