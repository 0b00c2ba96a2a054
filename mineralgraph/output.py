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

import functools
import sys
from collections.abc import Sequence
from contextlib import contextmanager

import click

from mineralgraph.cells import (  # noqa: F401 - shared, re-exported
    cell,
    csv_cell,
    fit,
    markdown_table,
    md_code,
    md_text,
    text_table,
    text_width,
    to_csv,
    to_json,
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
            if kwargs.get("output") not in ("-", None):
                from mineralgraph.files import target_of

                target_of(kwargs["output"])  # a missing folder fails before the work
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
