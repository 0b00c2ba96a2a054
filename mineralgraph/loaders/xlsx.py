"""Read the cells of an Excel workbook (.xlsx) with the standard library only.

An .xlsx file is a zip of XML parts: ``xl/workbook.xml`` names the sheets,
``xl/sharedStrings.xml`` holds the text cells, ``xl/worksheets/sheetN.xml`` the cells.
:func:`read_workbook` returns each sheet as rows of values (text, number or None), which
is all the World Mining Data and WGI loaders need; formulas give their cached value.

>>> column_index("A"), column_index("AB")
(0, 27)
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from mineralgraph.exceptions import InputError

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}

Cell = str | float | None

#: The largest part of a workbook read (bytes, uncompressed): a sheet of the WGI or
#: World Mining Data workbook is a few megabytes, and a zip of a few megabytes can
#: unpack to gigabytes (a zip bomb).
PART_LIMIT = 256 << 20
#: Excel's last column, XFD (a cell reference beyond it would allocate its row).
MAX_COLUMNS = 16384
#: Excel's last row (a row number beyond it would allocate the rows before it).
MAX_ROWS = 1048576


class _WorkbookError(ValueError):
    """A workbook part that cannot be read as it claims (the message says why)."""


def column_index(letters: str) -> int:
    """The 0-based column of a cell reference's letters (``A`` is 0)."""
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch.upper()) - 64)
    return index - 1


def _text(node) -> str:
    return "".join(t.text or "" for t in node.iter(f"{{{_NS['m']}}}t"))


def _sheet_rows(root, strings: list[str]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for row in root.iter(f"{{{_NS['m']}}}row"):
        cells: list[Cell] = []
        for cell in row.findall("m:c", _NS):
            match = re.match(r"([A-Z]+)", cell.get("r", ""))
            col = column_index(match.group(1)) if match else len(cells)
            if col >= MAX_COLUMNS:
                raise _WorkbookError(f"cell {cell.get('r')} is beyond Excel's last column "
                                     "(XFD)")
            cells.extend([None] * (col - len(cells)))
            kind, value = cell.get("t"), cell.find("m:v", _NS)
            if kind == "s" and value is not None:
                try:
                    cells.append(strings[int(value.text or "")])
                except (ValueError, IndexError):
                    raise _WorkbookError(f"cell {cell.get('r')} names shared string "
                                         f"{value.text!r}, which the workbook does not "
                                         "hold") from None
            elif kind == "inlineStr":
                inline = cell.find("m:is", _NS)
                cells.append(_text(inline) if inline is not None else None)
            elif kind in ("str", "e") and value is not None:
                cells.append(value.text)
            elif value is not None and value.text not in (None, ""):
                try:
                    cells.append(float(value.text))
                except ValueError:
                    cells.append(value.text)
            else:
                cells.append(None)
        number = _row_number(row.get("r"), len(rows))
        rows.extend([[]] * (number - 1 - len(rows)))
        rows.append(cells)
    return rows


def _row_number(text: str | None, read: int) -> int:
    """The number of a sheet's row from its ``r`` attribute (the next row when it has
    none), after the ``read`` rows before it; _WorkbookError when it is no row number, is
    beyond Excel's last row (a list of that many rows would be asked for: 2e9 of them
    took 18 GiB) or does not come after the rows read."""
    if text is None:
        return read + 1
    if not re.fullmatch(r"[0-9]{1,10}", text.strip()):
        raise _WorkbookError(f"row {text!r} is not a row number")
    number = int(text)
    if number > MAX_ROWS:
        raise _WorkbookError(f"row {number} is beyond Excel's last row ({MAX_ROWS})")
    if number <= read:
        raise _WorkbookError(f"row {number} comes after row {read}")
    return number


def _xml(archive: zipfile.ZipFile, name: str):
    """A part of the workbook parsed as XML (see :func:`_part`)."""
    try:
        return ElementTree.fromstring(_part(archive, name))
    except LookupError as exc:  # <?xml ... encoding="UTy-8"?>
        raise _WorkbookError(f"{name} declares an encoding Python does not know ({exc})") \
            from None


def read_workbook(path: Path) -> dict[str, list[list[Cell]]]:
    """Sheet name -> rows (row i is spreadsheet row i + 1), in workbook order.

    Raises
    ------
    InputError
        When the file is not a readable .xlsx workbook.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            strings = []
            if "xl/sharedStrings.xml" in names:
                root = _xml(archive, "xl/sharedStrings.xml")
                strings = [_text(si) for si in root.findall("m:si", _NS)]
            rels = _xml(archive, "xl/_rels/workbook.xml.rels")
            targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", _NS)}
            workbook = _xml(archive, "xl/workbook.xml")
            sheets = {}
            for sheet in workbook.iter(f"{{{_NS['m']}}}sheet"):
                target = targets[sheet.get(f"{{{_NS['r']}}}id")].lstrip("/")
                part = target if target.startswith("xl/") else f"xl/{target}"
                sheets[sheet.get("name")] = _sheet_rows(_xml(archive, part), strings)
            return sheets
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, EOFError,
            zlib.error) as exc:
        raise InputError(str(path), None, None, f"not a readable .xlsx workbook ({exc})") from None
    except NotImplementedError as exc:  # a packing method zipfile lacks
        raise InputError(str(path), None, None, "not a readable .xlsx workbook: a part is "
                         f"packed by a method this reader lacks ({exc})") from None
    except RuntimeError as exc:  # zipfile: "File '...' is encrypted, password required"
        raise InputError(str(path), None, None, "not a readable .xlsx workbook: a part is "
                         f"encrypted ({exc})") from None
    except _WorkbookError as exc:
        raise InputError(str(path), None, None, f"not a readable .xlsx workbook: {exc}") \
            from None


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part of the workbook, refused when it would unpack past :data:`PART_LIMIT`
    (the zip's size entry bounds what the reader gives)."""
    size = archive.getinfo(name).file_size
    if size > PART_LIMIT:
        raise _WorkbookError(f"{name} unpacks to {size:,} bytes, over "
                             f"{PART_LIMIT >> 20} MiB (a zip bomb?)")
    return archive.read(name)


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook, or [] when it cannot be read (for sniffing)."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = _xml(archive, "xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, EOFError,
            zlib.error, NotImplementedError, RuntimeError, _WorkbookError):
        return []
    return [s.get("name") for s in workbook.iter(f"{{{_NS['m']}}}sheet")]
