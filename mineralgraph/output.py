"""Output for the CLI: the ``--format``/``--output`` options and the table writers.

Results go to stdout (or ``--output FILE``, written atomically); progress and errors
go to stderr.

>>> print(text_table([{"id": "country:CN", "share": 0.7}], ["id", "share"]))
id          share
----------  -----
country:CN  0.7
>>> print(markdown_table([{"id": "a|b"}], ["id"]))
| id |
| --- |
| a&#124;b |
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import click

from mineralgraph.cells import (  # noqa: F401 - shared, re-exported
    cell,
    csv_cell,
    fit,
    text_table,
    text_width,
)

FORMATS = ("text", "md", "json", "csv")


def output_options(formats: Sequence[str] = FORMATS, default: str = "text"):
    """Add ``--format`` and ``-o/--output`` to a command (sqlite-utils' ``output_options``)."""

    def decorator(fn):
        @click.option("--format", "fmt", type=click.Choice(list(formats), case_sensitive=False),
                      default=default,
                      show_default=True, help="Output format.")
        @click.option("-o", "--out", "--output", "output",
                      type=click.Path(allow_dash=True),
                      default="-", show_default=True, help="Write to this file instead of stdout.")
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return fn(*args, **kwargs)

        return wrapper

    return decorator


def emit(text: str, output: str = "-") -> None:
    """Write a result to stdout, or atomically to a file."""
    if not text.endswith("\n"):
        text += "\n"
    if output in ("-", None):
        click.echo(text, nl=False)
    else:
        from mineralgraph.files import write_atomically

        write_atomically(output, text)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    """JSON with sorted keys and 2-space indent, dates as ISO strings."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=_plain)


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """CSV text with a header; lists are joined with ``;``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


MD_SPECIAL = set("\\`*_[]|#~")


def md_text(text: str) -> str:
    """Text shown as itself in Markdown: no HTML, links, emphasis or table breaks from data.

    Markdown's special characters become HTML character references, which every renderer
    shows as the character (and which contain no ``|`` or ``\\`` for table cells).

    >>> md_text("<script>*x*</script> & [a](b)")
    '&lt;script&gt;&#42;x&#42;&lt;/script&gt; &amp; &#91;a&#93;(b)'
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(f"&#{ord(c)};" if c in MD_SPECIAL else c for c in text)


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
                   headers: Sequence[str] | None = None, escape=md_text) -> str:
    """A GitHub-flavoured Markdown table; ``escape`` makes each cell safe (pass ``str``
    for cells already escaped)."""
    headers = list(headers or columns)
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(escape(cell(row.get(c))) for c in columns) + " |"
              for row in rows]
    return "\n".join(lines)


def stderr_is_terminal() -> bool:
    """Whether progress bars may be drawn (only on an interactive stderr)."""
    return sys.stderr.isatty()


@contextmanager
def working(message: str):
    """Show a spinner with ``message`` on stderr while a slow step runs (terminals only).

    Results go to stdout, so the spinner never mixes with them; it is transient and
    leaves nothing behind when the step ends.
    """
    if not stderr_is_terminal():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield
