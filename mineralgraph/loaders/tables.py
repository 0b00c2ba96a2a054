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
    """The text of a table and the encoding used: UTF-8 (with or without BOM), else cp1252;
    UTF-16 with its byte-order mark (Excel's "Unicode text").

    ValueError when the bytes hold NUL characters (UTF-16 without a byte-order mark).

    >>> decode_table("a,b".encode("utf-16"))
    ('a,b', 'utf-16')
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValueError("not valid UTF-16 although it starts with a UTF-16 "
                             "byte-order mark") from None
    if b"\x00" in data:
        raise ValueError("holds NUL bytes (UTF-16 without a byte-order mark?): "
                         "save it as UTF-8")
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
    try:
        text, _ = decode_table(path.read_bytes())
    except ValueError as exc:
        raise InputError(str(path), None, None, str(exc)) from None
    reader = csv.reader(io.StringIO(unended(text), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(str(path), 1, None, "empty file (no header)") from None
    except csv.Error as exc:
        raise InputError(str(path), 1, None, csv_problem(exc)) from None
    twice = twice_named(path, header)
    if twice is not None:
        raise twice

    def ragged(line: int, cells: list[str]) -> InputError:
        """A row of more or fewer cells than the header: its figures would be read under
        other columns (an unquoted 7,200,000 is three cells) or not at all."""
        field = header[len(cells)] if len(cells) < len(header) else None
        return InputError(str(path), line, field, (
            f"{len(cells)} cells for {len(header)} columns: "
            + ("a figure written with commas (1,234) and no quotes?" if len(cells) > len(header)
               else "a row cut short?") + " nothing of the file is read"))

    def rows():
        previous: list[str] = []
        short = None  # a short row, refused unless it is the cut-off last one
        read = 0
        try:
            for cells in reader:
                problem = cut_off(cells, header, previous)
                if problem:  # the whole file is refused, not just its last row
                    raise InputError(str(path), reader.line_num - 1, *problem)
                if short is not None:
                    raise ragged(*short)
                previous = cells
                if cells == [END_MARK] or not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header):
                    raise ragged(reader.line_num, cells)
                if len(cells) < len(header):
                    short = (reader.line_num, cells)
                cells = cells + [""] * (len(header) - len(cells))
                pairs = zip(header, cells, strict=False)
                read += 1
                yield reader.line_num, {h: (c or "").strip() for h, c in pairs}
        except csv.Error as exc:
            raise InputError(str(path), reader.line_num, None, csv_problem(exc)) from None
        if short is not None:
            raise ragged(*short)
        if not read:  # a table cut after its header, or an export that found nothing
            raise InputError(str(path), 2, None, "a header and no rows under it: nothing "
                             "to read")

    return header, rows()


#: Read after a file that ends without a line break (see :func:`unended`).
END_MARK = "\x1e"


def unended(text: str) -> str:
    """The text a CSV reader is given: as it is when it ends with a line break, else
    followed by a line break and :data:`END_MARK`, so the reader shows whether the
    file stopped inside a quoted cell (the mark lands in that cell) or not (the mark is
    a row of its own, which :func:`cut_off` reads and drops).

    >>> unended("a\\n1\\n"), unended('a\\n"1')
    ('a\\n1\\n', 'a\\n"1\\n\\x1e')
    """
    return text if not text or text[-1] in "\r\n" else text + "\n" + END_MARK


def cut_off(cells: list[str], header: list[str],
            previous: list[str]) -> tuple[str | None, str] | None:
    """(field, why) when ``cells`` shows that the file stopped inside its last row.

    ``cells`` is a row read from :func:`unended` text, ``previous`` the row before it.
    A file that ends without a line break was perhaps not written or copied whole: its
    last row is cut off when it ends inside a quoted cell, or holds fewer cells than
    the header (the reader would take a figure's first digits for the figure).

    >>> cut_off(["1", "0.6"], ["a", "b", "c"], [])  # no mark: not the end
    >>> cut_off([END_MARK], ["a", "b", "c"], ["1", "0.6"])[0]
    'c'
    >>> cut_off(["1", "half\\n" + END_MARK], ["a", "b"], [])
    ('b', 'the file ends inside a quoted cell, with no line break: a cut-off copy?')
    >>> cut_off([END_MARK], ["a", "b"], ["1", "2"]) is None
    True
    """
    if cells and cells[-1].endswith("\n" + END_MARK):
        field = header[len(cells) - 1] if len(cells) <= len(header) else None
        return field, "the file ends inside a quoted cell, with no line break: a cut-off copy?"
    if cells == [END_MARK] and any(c.strip() for c in previous) and len(previous) < len(header):
        return header[len(previous)], (
            f"the last row has {len(previous)} of {len(header)} cells and no line break "
            "ends the file: a cut-off copy? (its last figure may be cut short too)")
    return None


def twice_named(path: Path, header: list[str]) -> InputError | None:
    """A column the header names twice (blank names aside), as one problem at line 1:
    a reader keeps one of the two cells and drops the other without a word.

    >>> print(twice_named(Path("p.csv"), ["id", "share", "year", " share"]))
    p.csv:1: share: named twice in the header (columns 2 and 4): which of the two cells \
to read is not known; nothing of the file is read
    >>> twice_named(Path("p.csv"), ["id", "", ""]) is None
    True
    """
    seen: dict[str, int] = {}
    for number, name in enumerate((cell.strip() for cell in header), 1):
        if name and name in seen:
            return InputError(str(path), 1, name, (
                f"named twice in the header (columns {seen[name]} and {number}): which of "
                "the two cells to read is not known; nothing of the file is read"))
        seen.setdefault(name, number)
    return None


def stray_quote(text: str) -> int | None:
    """The column (from 0) of the cell of a row's raw CSV text whose quote has no partner,
    or None when every quote pairs up: a quote that opens a cell and closes inside it
    with more text after it (it closed on another cell's quote), or one that never
    closes. The reader would shift every cell after it (trial 11: a stray quote gave
    four knock-on field errors and never said "quote").

    >>> stray_quote('a,"b, c",d'), stray_quote('a,"say ""hi"" now",d')
    (None, None)
    >>> stray_quote('p,R,"m,,high,s,"A quote, with commas",note')
    2
    >>> stray_quote('p,R,m,"0.5,,s')
    3
    """
    column, start, quoted, opened, i = 0, True, False, None, 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"':
                if text[i + 1:i + 2] == '"':
                    i += 2
                    continue
                quoted = False
                if text[i + 1:i + 2] not in (",", "", "\n", "\r"):
                    return opened
        elif char == '"' and start:
            quoted, opened = True, column
        elif char == ",":
            column += 1
            start = True
            i += 1
            continue
        start = False
        i += 1
    return opened if quoted else None


def csv_problem(exc: csv.Error) -> str:
    """What a CSV parse error means, in the reader's words where they are clear.

    >>> csv_problem(csv.Error("field larger than field limit (131072)"))
    'a cell is longer than 131072 characters'
    """
    text = str(exc)
    if text.startswith("field larger than field limit"):
        return f"a cell is longer than {csv.field_size_limit()} characters"
    if "new-line character seen in unquoted field" in text:
        return "a line break inside an unquoted cell (a bare carriage return?)"
    return f"not CSV ({text})"


def header_of(path: Path) -> list[str]:
    """The header cells of a CSV file (any of the accepted encodings), stripped; [] when
    the file cannot be decoded."""
    with path.open("rb") as fh:
        head = fh.read(65536)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head[: len(head) - len(head) % 2]
    else:
        head = head.split(b"\n", 1)[0]
    try:
        text, _ = decode_table(head)
    except (ValueError, UnicodeDecodeError):
        return []
    first = text.splitlines()[0] if text else ""
    return [cell.strip() for cell in next(csv.reader([first]), [])]


def slug(text: str) -> str:
    """A lower-case, hyphenated slug for a new id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def node_claims(node_id: str, known, source: str, **attributes) -> list[Claim]:
    """Attribute claims for a node a loader introduces, unless ``known`` already has it."""
    if known is not None and node_id in known:
        return []
    return [Claim(node_id, name, value, sources=(source,))
            for name, value in attributes.items() if value not in (None, "")]
