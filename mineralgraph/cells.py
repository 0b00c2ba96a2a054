"""Values as table and CSV cells, for every writer of text (the CLI's and the endpoint's).

No click here: the graph layer (the SPARQL endpoint) and the reports share these.

>>> print(text_table([{"id": "country:CN", "share": 0.7}], ["id", "share"]))
id          share
----------  -----
country:CN  0.7
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any


def one_line(text: str) -> str:
    """A message as one line a terminal shows as written: line breaks and control
    characters (an escape sequence in a file name, an id or a request) as their escapes.

    >>> print(one_line("a\\nb \\x1b[31mred\\t"))
    a\\nb \\x1b[31mred\\t
    """
    return "".join(map(_visible, str(text)))


def shortened(text: str, width: int = 90, at_word: bool = False) -> str:
    """A text on one line of at most ``width`` characters: its spaces and line breaks as
    single spaces, cut with ``...`` where it is longer (a sentence an article skipped);
    ``at_word``: cut before a word, not inside it (a source's quote under its claim).

    >>> shortened("The company controls 14% of global\\n high-end supply", 30)
    'The company controls 14% of...'
    >>> shortened("Supplies to Tesla, Toyota, Siemens Gamesa, and BYD", 32)
    'Supplies to Tesla, Toyota, Si...'
    >>> shortened("Supplies to Tesla, Toyota, Siemens Gamesa, and BYD", 32, at_word=True)
    'Supplies to Tesla, Toyota,...'
    """
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 3]
    if at_word and " " in cut and not text[width - 3].isspace():
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip() + "..."


def _visible(c: str) -> str:
    """A character as a terminal should get it: itself when printable, a space for a
    space of another width (no-break, thin), else its escape (``\\x1b``, ``\\u202e``)."""
    if c.isprintable():
        return c
    import unicodedata

    return " " if unicodedata.category(c) == "Zs" else repr(c)[1:-1]


def shown(text: str) -> str:
    """A cell's text for a terminal: a line break or tab as a space (a row stays one
    row), any other control character (an escape sequence in the data) as its escape.

    >>> shown("red\\x1b[31m alert\\nsecond\\u00a0line\\u202e")
    'red\\\\x1b[31m alert second line\\\\u202e'
    """
    return one_line(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
                    .replace("\t", " "))


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


def qualifier_text(key: str, value: Any, predicate: str = "") -> str:
    """A qualifier as text: ``key value``; the ``about`` of an article's figure (a
    ``reported_*`` claim: its words as the article wrote them) quoted as written, so
    "about 70% of refining" never reads "about about 70% of refining".

    >>> qualifier_text("period", "2025-05")
    'period 2025-05'
    >>> qualifier_text("about", "about 70% of refining", "reported_share")
    'as written "about 70% of refining"'
    >>> qualifier_text("about", "natural graphite", "EXPORTS_TO")
    'about natural graphite'
    >>> qualifier_text("quantity", 28.0), qualifier_text("share", 0.6923)
    ('quantity 28', 'share 0.6923')

    A derived amount reads to six significant digits, as a share does to six decimals,
    never with the float's false precision (JSON and CSV keep the value as stored):

    >>> qualifier_text("amount", 1.7536888157727089), qualifier_text("amount", 23.610285238955242)
    ('amount 1.75369', 'amount 23.6103')
    >>> qualifier_text("amount", 1234567.8)
    'amount 1234568'
    """
    if key == "about" and predicate.startswith("reported_"):
        return f'as written "{value}"'
    if isinstance(value, float) and key != "share":
        if value.is_integer():
            value = int(value)  # 28 actuators, not 28.0 (a share stays a fraction: 1.0)
        elif abs(value) >= 100000:
            value = round(value)
        else:
            value = f"{value:.6g}"
    return f"{key} {value}"


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined with ``;``, a yes/no as ``yes`` or ``no`` (as
    the ``spof`` column writes "no": Python's ``True``/``False`` are no spreadsheet's
    words), formula-looking text defused.

    Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula,
    so such text gets a leading apostrophe, unless it is a plain number ("-3"). Every
    CSV writer of mineralgraph (reports, ``sparql --format csv``, the endpoint's
    ``text/csv``) passes its cells through here.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-3"), csv_cell(-0.5), csv_cell(["a", "b"])
    ("'=HYPERLINK(1)", '-3', -0.5, 'a; b')
    >>> csv_cell(False), csv_cell(True)
    ('no', 'yes')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = cell(value)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


#: Width of text output when stdout is not a terminal.
PIPED_WIDTH = 80


def text_width() -> int:
    """Columns to fit text output in: the terminal's width (or ``COLUMNS``) on a terminal,
    and always 80 when stdout is piped or redirected, so a saved report is the same bytes
    wherever it was made."""
    import shutil

    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((PIPED_WIDTH, 24)).columns)
    return PIPED_WIDTH


#: A column never folds narrower than its longest word, up to this many characters.
LONGEST_UNBROKEN = 20

#: A figure: a number with its sign, bound and unit (``>99.9``, ``≈33%``, ``-0.5``, ``1,200``).
_FIGURE = r"[<>≈~]?[+-]?\d[\d.,]*%?"
#: A figure and what follows it across an arrow (``100% -> 50%``, ``1.000 → 0.5``): one
#: word, so a change never splits over two lines.
_CHANGE = rf"{_FIGURE}(?:\s*(?:->|→)\s*{_FIGURE})+(?![^\s\[])"
#: A country's code and its figure (``CN 94%,`` in a list of shares): one word.
_SHARE = rf"[A-Z]{{2}} {_FIGURE}[,;]?(?![^\s\[])"
_WORD = re.compile(rf"{_CHANGE}|(?<![^\s\[]){_SHARE}|\[[^\]]*\]|[^\s\[]+|\[")
#: Where a word may break: after a ``:`` or ``-`` between two letters ("Samarium-|cobalt"),
#: never inside a figure or range ("12-100%", "F-35", "2025-04") nor an arrow ("->").
_BREAK = re.compile(r"(?<=[^\W\d_][:-])(?=[^\W\d_])")
#: A node id (``kind:slug``), with the punctuation that may follow it in a cell.
_ID = re.compile(r"\(?[a-z][a-z0-9_]*:[A-Za-z0-9][A-Za-z0-9._-]*[),;]*")
#: A command-line option (``--worst-case``), with the punctuation that may follow it: one
#: word, as typed ("--worst-|case" is no option).
_OPTION = re.compile(r"\(?--[a-z][a-z0-9-]*[),;:]*")


def is_id(word: str) -> bool:
    """Whether a word is a node id (with a bracket or a comma around it): never broken.

    >>> is_id("product:direct-drive-wind-turbine,"), is_id("https://x.org"), is_id("low,")
    (True, False, False)
    """
    return bool(_ID.fullmatch(word))


def _words(text: str) -> list[tuple[str, str]]:
    """(separator before, word) pairs; ``[1][2]`` citations, and the parts of other words
    after a ``:`` or ``-`` between two letters, are words of their own, joined without a
    space; an id, a command-line option (``--worst-case``), a figure or range
    (``>99.9-100%``, ``F-35``), an arrow and a change (``100% -> 50%``) are one word each
    (they never break across lines).

    >>> [w for _, w in _words("Samarium-cobalt >99.9-100% F-35 a -> b 1.0 -> 0.5 [1][2]")]
    ['Samarium-', 'cobalt', '>99.9-100%', 'F-35', 'a', '->', 'b', '1.0 -> 0.5', '[1]', '[2]']
    >>> [w for _, w in _words("under --worst-case: grade")]
    ['under', '--worst-case:', 'grade']
    >>> [w for _, w in _words("CN 69%, US 12%, +9 more")]
    ['CN 69%,', 'US 12%,', '+9', 'more']
    """
    out, end = [], 0
    for match in _WORD.finditer(text):
        separator = " " if match.start() > end else ""
        parts = ([match.group()] if is_id(match.group()) or _OPTION.fullmatch(match.group())
                 else [p for p in _BREAK.split(match.group()) if p])
        for part in parts:
            out.append((separator, part))
            separator = ""
        end = match.end()
    return out


def _fold_widths(natural: list[int], floors: list[int], width: int,
                 hard: list[int] | None = None) -> list[int]:
    """Column widths that fit ``width``: the columns with the most room above their floor
    give way first; below the floors only when nothing else is left (never under 4, nor
    under a ``hard`` floor: the longest id of the column)."""
    widths = list(natural)
    hard = hard or [0] * len(widths)
    for limits in (floors, [max(h, min(4, f)) for f, h in zip(floors, hard, strict=True)]):
        while sum(widths) + 2 * (len(widths) - 1) > width:
            wide = max(range(len(widths)), key=lambda i: (widths[i] - limits[i], -i))
            if widths[wide] <= limits[wide]:
                break
            widths[wide] -= 1
    return widths


def _fold_cell(text: str, width: int) -> list[str]:
    """A cell's text in lines of at most ``width``, broken between words (or citations);
    a word longer than the width is cut."""
    if len(text) <= width:
        return [text]
    lines = [""]
    for separator, word in _words(text):
        while len(word) > width:  # only an id wider than the whole table is ever cut
            if lines[-1]:
                lines.append("")
            lines[-1], word = word[:width], word[width:]
            lines.append("")
        candidate = lines[-1] + (separator if lines[-1] else "") + word
        if len(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return [line for line in lines if line] or [""]


def text_table(rows: Sequence[dict], columns: Sequence[str],
               headers: Sequence[str] | None = None, width: int | None = None) -> str:
    """A plain aligned table for terminals and e-mails.

    A table wider than ``width`` (default :func:`text_width`) folds: its widest columns
    wrap their cells over several lines, so no line runs off the screen. Ids never break
    across lines; when the ids leave too little room, each row's cells up to the column
    with the longest id go on a line of their own and the other cells below, indented.

    >>> print(text_table([{"id": "country:CN", "note": "largest miner of the concentrate"}],
    ...                  ["id", "note"], width=30))
    id          note
    ----------  ------------------
    country:CN  largest miner of
                the concentrate
    >>> print(text_table([{"id": "material:ndfeb-magnet-ht", "note": "sintered, Dy-doped"}],
    ...                  ["id", "note"], width=30))
    id
      note
      ------------------
    material:ndfeb-magnet-ht
      sintered, Dy-doped
    """
    headers = list(headers or columns)
    width = width or text_width()
    cells = [[shown(cell(row.get(c))) for c in columns] for row in rows]
    blocks = _blocks(headers, cells, width)
    if blocks is None and len(headers) > 1:
        return "\n".join(_keyed(headers, cells, width))
    head, rest = blocks if blocks is not None else _blocks(headers, cells, width, force=True)
    return "\n".join(head + [line for block in rest for line in block])


def _keyed(headers: list[str], cells: list[list[str]], width: int) -> list[str]:
    """A table too wide for its ids: each row's cells up to the *key* column (the one with
    the longest id, or a later one if the rest still does not fit) on a line of their own,
    the other cells folded below, indented by two."""
    longest = [max([len(w) for text in [h] + [r[i] for r in cells]
                    for _, w in _words(text) if is_id(w)] + [0])
               for i, h in enumerate(headers)]
    first = min(max(range(len(headers)), key=lambda i: (longest[i], -i)), len(headers) - 2)
    keys = range(first, len(headers) - 1)

    def split(key: int, force: bool):
        return _blocks(headers[key + 1:], [r[key + 1:] for r in cells], width - 2, force)

    found = next(((k, b) for k in keys if (b := split(k, False)) is not None), None)
    if found is None:
        forced = [(k, split(k, True)) for k in keys]
        found = next(((k, b) for k, b in forced
                      if all(len(x) <= width - 2 for x in b[0])), forced[-1])
    key, (head, rest) = found

    # the first cells are padded to their column's width (while they take at most half
    # the line), so what follows starts at the same place on every line: rank 10 as
    # rank 9; a line too long folds under what follows them
    lead: list[int] = []
    for i in range(key):
        column = max(len(r[i]) for r in [headers] + cells)
        if sum(lead) + 2 * len(lead) + column + 2 > width // 2:
            break
        lead.append(column)

    def heading(row: list[str]) -> list[str]:
        prefix = "".join(row[i].ljust(lead[i]) + "  " for i in range(len(lead)))
        rest = "  ".join(row[len(lead):key + 1]).rstrip()
        room = width - len(prefix)
        if len(prefix) + len(rest) <= width:
            return [(prefix + rest).rstrip()]
        if room >= 4 and all(len(w) <= room for _, w in _words(rest)):
            folded = _fold_cell(rest, room)
            return [(prefix + folded[0]).rstrip()] + [
                (" " * len(prefix) + line).rstrip() for line in folded[1:]]
        return _fold_cell("  ".join(row[:key + 1]).rstrip(), width)

    lines = heading(headers) + ["  " + line for line in head]
    for row, block in zip(cells, rest, strict=True):
        lines += heading(row) + [("  " + line).rstrip() for line in block]
    return lines


def _blocks(headers: list[str], cells: list[list[str]], width: int,
            force: bool = False) -> tuple[list[str], list[list[str]]] | None:
    """The header lines and each row's lines of a table folded to ``width``; None when the
    ids alone leave no room for it (unless ``force``)."""
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    words = [[w for text in [h] + [r[i] for r in cells] for _, w in _words(text)]
             for i, h in enumerate(headers)]
    floors = [max([min(LONGEST_UNBROKEN, len(w)) for w in ws if not is_id(w)]
                  + [len(w) for w in ws if is_id(w)] + [0]) for ws in words]
    hard = [max([len(w) for w in ws if is_id(w)] + [0]) for ws in words]
    # without cutting a word (the keyed layout is better than a word cut in pieces)...
    widths = _fold_widths(natural, floors, width, floors)
    if sum(widths) + 2 * (len(widths) - 1) > width:
        if not force:
            return None
        widths = _fold_widths(natural, floors, width, hard)  # ...else only ids stay whole

    def lines_of(row: list[str]) -> list[str]:
        folded = [_fold_cell(v, w) for v, w in zip(row, widths, strict=True)]
        return ["  ".join((f[k] if k < len(f) else "").ljust(w)
                          for f, w in zip(folded, widths, strict=True)).rstrip()
                for k in range(max(len(f) for f in folded))]

    head = lines_of(headers) + ["  ".join("-" * w for w in widths)]
    return head, [lines_of(row) for row in cells]


_HANGING = re.compile(r"^(\s*(?:\[\d+\]|[-*]|\d+\.|<-|->)?\s*)")


def fit(text: str, width: int | None = None) -> str:
    """Text with every line longer than ``width`` (default :func:`text_width`) wrapped,
    continuation lines indented under the line's text (after ``[1]``, ``-``, ``->``...).
    Long words such as URLs are never broken.

    >>> print(fit("[12] USGS. Mineral Commodity Summaries 2025", 24))
    [12] USGS. Mineral
         Commodity Summaries
         2025
    """
    import textwrap

    width = width or text_width()
    out = []
    for line in text.split("\n"):
        line = "".join(c if c == "\t" else _visible(c) for c in line)
        if len(line) <= width:
            out.append(line)
            continue
        indent = _HANGING.match(line).group(1)
        if len(indent) > width // 2:
            indent = indent[: len(indent) - len(indent.lstrip())]
        out.extend(textwrap.wrap(line, width, subsequent_indent=" " * len(indent),
                                 break_long_words=False, break_on_hyphens=False)
                   or [line])
    return "\n".join(out)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    """JSON with sorted keys and 2-space indent, dates as ISO strings; every range as its
    two named ends (:func:`named_ends`)."""
    return json.dumps(named_ends(data), indent=2, sort_keys=True, ensure_ascii=False,
                      default=_plain)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: Lone figures JSON keeps beside their range: the design note's keys (5.6: rows carry
#: ``loss``, the upper bound's, beside ``loss_range``).
NOTE_FIGURES = frozenset({"loss"})


def named_ends(data: Any) -> Any:
    """``data`` with each numeric range ``name_range: [low, high]`` also given as
    ``name_low`` and ``name_high``, and without a lone ``name`` figure beside it (one end
    alone reads as the answer: an availability of 1.0 from [0.0, 1.0] would read as safe),
    as in CSV and the Python API's rows; except the keys the design note names
    (:data:`NOTE_FIGURES`: ``loss``, the upper bound's loss, 5.6).

    >>> named_ends({"loss": 0.0, "loss_range": [0.0, 1.0], "hhi": 9801})
    {'loss': 0.0, 'loss_range': [0.0, 1.0], 'hhi': 9801, 'loss_low': 0.0, 'loss_high': 1.0}
    >>> named_ends({"availability": 1.0, "availability_range": [0.0, 1.0]})
    {'availability_range': [0.0, 1.0], 'availability_low': 0.0, 'availability_high': 1.0}
    >>> named_ends([{"date_range": ["2024-01-01", "2025-01-01"]}])
    [{'date_range': ['2024-01-01', '2025-01-01']}]
    """
    if isinstance(data, (list, tuple)):
        return [named_ends(v) for v in data]
    if not isinstance(data, dict):
        return data
    out = {k: named_ends(v) for k, v in data.items()}
    for key, value in data.items():
        if (isinstance(key, str) and key.endswith("_range")
                and isinstance(value, (list, tuple)) and len(value) == 2
                and all(_number(v) for v in value)):
            name = key.removesuffix("_range")
            if _number(out.get(name)) and name not in NOTE_FIGURES:
                del out[name]
            out[f"{name}_low"], out[f"{name}_high"] = value
    return out


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """CSV text with a header; lists are joined with ``;``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in columns])  # a query's column names too
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


#: What Markdown reads anywhere in a line, each with its escape (a backslash before
#: ASCII punctuation is CommonMark's own escape; ``<`` that could open a tag becomes a
#: character reference, which no renderer turns into HTML).
_MD_INLINE = [
    (r"\\(?=[!-/:-@\[-`{-~])", r"\\\\"),  # a backslash that would escape what follows
    (r"[`*~|]", r"\\\g<0>"),  # code spans, emphasis, strikethrough, table cells
    (r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_"),  # emphasis (not snake_case)
    (r"\](?=[(:])", r"\\]"),  # an inline link or a reference definition: [a](b), [a]: b
    (r"&(?=#|[A-Za-z0-9]+;)", "&amp;"),  # a character reference
    (r"<(?=[A-Za-z/!?])", "&lt;"),  # an HTML tag or autolink
]
#: What Markdown reads only at the start of a line: a heading, a quote, a list item.
_MD_LINE_START = [(re.compile(r"^(?=#{1,6}(?: |$)|>|[-+](?: |$))"), "\\\\")]


def md_text(text: str, line_start: bool = True) -> str:
    """Text shown as itself in Markdown and pasted cleanly: only what Markdown would read
    as markup is escaped (no HTML, links, emphasis, code or table breaks from data), so a
    citation ``[1]``, ``<0.1%`` and ``>99.9%`` stay as written. ``line_start``: the text
    opens a line, where ``#``, ``>`` and ``-`` would start a block (not in a table
    cell; a numbered source list stays a list).

    >>> md_text("<script>*x*</script> & [a](b) [1][2] <0.1% >99.9% snake_case")
    '&lt;script>\\\\*x\\\\*&lt;/script> & [a\\\\](b) [1][2] <0.1% >99.9% snake_case'
    >>> md_text(">99.9%"), md_text(">99.9%", line_start=False), md_text("a | b &amp;")
    ('\\\\>99.9%', '>99.9%', 'a \\\\| b &amp;amp;')
    >>> md_text("# x"), md_text("- y"), md_text("#1 China, 2025")
    ('\\\\# x', '\\\\- y', '#1 China, 2025')
    """
    text = " ".join(str(text).split())
    for pattern, escape in _MD_INLINE:
        text = re.sub(pattern, escape, text)
    if line_start:
        for pattern, escape in _MD_LINE_START:
            text = pattern.sub(escape, text)
    return text


def md_cell(text: str) -> str:
    """:func:`md_text` for a table cell (no line start to guard)."""
    return md_text(text, line_start=False)


def md_code(text: str) -> str:
    """Text as a Markdown code span, shown literally whatever it holds.

    >>> md_code("a <b> `c`")
    '`` a <b> `c` ``'
    """
    text = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown_table(rows: Sequence[dict], columns: Sequence[str],
                   headers: Sequence[str] | None = None, escape=md_cell) -> str:
    """A GitHub-flavoured Markdown table; ``escape`` makes each cell safe (pass ``str``
    for cells already escaped)."""
    headers = list(headers or columns)
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(escape(cell(row.get(c))) for c in columns) + " |"
              for row in rows]
    return "\n".join(lines)
