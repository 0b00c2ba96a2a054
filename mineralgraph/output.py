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
| a\\|b |
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from mineralgraph.cells import (  # noqa: F401 - shared, re-exported
    cell,
    csv_cell,
    fit,
    markdown_table,
    md_code,
    md_text,
    one_line,
    text_table,
    text_width,
    to_csv,
    to_json,
)

FORMATS = ("text", "md", "json", "csv")
#: Every format name a command may offer, and what it is. The same name means the same
#: thing in every command (``text`` for people, ``json`` and ``csv`` for programs).
FORMAT_NAMES = {"text": "text for people", "md": "Markdown", "json": "JSON", "csv": "CSV",
                "tsv": "tab-separated values", "xml": "XML", "ttl": "Turtle",
                "nt": "N-Triples", "jsonld": "JSON-LD", "svg": "SVG", "png": "PNG",
                "pdf": "PDF", "html": "HTML", "mmd": "Mermaid", "dot": "Graphviz DOT"}


class FormatChoice(click.Choice):
    """The ``--format`` choice: the names of :data:`FORMAT_NAMES`, and aliases mapped to
    them (``table`` is ``text`` in ``sparql`` and ``cypher``)."""

    def __init__(self, choices: Sequence[str], aliases: dict[str, str] | None = None):
        unknown = [c for c in choices if c not in FORMAT_NAMES]
        if unknown:
            raise ValueError(f"format names must be shared ones, not {unknown}")
        self.aliases = dict(aliases or {})
        super().__init__(list(choices), case_sensitive=False)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.lower() in self.aliases:
            value = self.aliases[value.lower()]
        return super().convert(value, param, ctx)


def format_option(formats: Sequence[str] = FORMATS, default: str | None = "text",
                  aliases: dict[str, str] | None = None, help: str | None = None):
    """``--format`` with shared names (exit 2 for an unknown one)."""
    if help is None:
        help = "Output format." if default else ("Output format [default: from the suffix "
                                                 "of -o FILE].")
    return click.option("--format", "fmt", type=FormatChoice(formats, aliases),
                        default=default, show_default=default is not None, help=help)


def out_option(help: str = "Write to this file (atomically) instead of stdout.",
               required: bool = False):
    """``-o/--out FILE`` (``--output`` too); ``-`` is stdout. A file that cannot be written
    there (a missing folder, a directory) fails at once, before the work."""
    return click.option("-o", "--out", "--output", "output", type=click.Path(allow_dash=True),
                        default=None if required else "-", required=required,
                        show_default=not required, help=help, callback=_writable)


def _writable(ctx, param, value):
    if value not in ("-", None):
        from mineralgraph.files import target_of

        target_of(value)
    return value


#: Parameters that name a file a command writes (every other path it is given, it reads).
OUTPUT_PARAMS = ("output", "news_report")


def refuse_input_as_output(ctx: click.Context) -> None:
    """Refuse, before the work, a command whose output file is one of its inputs
    (``diff a.json b.json -o a.json``, ``sparql @q.rq -o q.rq``, ``--graph g.json ...
    -o g.json``), or a file already in an input folder (``validate data/ -o
    data/relations.csv``), a file in the bundled dataset's folder (read by every
    command), or one file named by two output options: the result would replace what
    it was computed from. Raises
    :class:`~mineralgraph.exceptions.FileWriteError` naming the option it came in by."""
    import os

    from mineralgraph.exceptions import FileWriteError

    named = [v for n in OUTPUT_PARAMS if isinstance(v := ctx.params.get(n), str) and v != "-"]
    if len({os.path.realpath(v) for v in named}) < len(named):
        raise FileWriteError(f"{named[0]}: named twice as an output of this command (-o and "
                             "--news-report): one would replace the other; nothing written")
    data = os.path.join(os.path.realpath(bundled_folder()), "")
    for out in named:
        if os.path.realpath(out).startswith(data):
            raise FileWriteError(f"{out}: is in the bundled dataset's folder {data[:-1]}, "
                                 "which every command reads (a file written there becomes "
                                 "data); write the result elsewhere; nothing written")
    outputs = [v for v in named if os.path.exists(v)]
    if not outputs:
        return
    level: click.Context | None = ctx
    while level is not None:
        for param in level.command.params:
            if param.name in OUTPUT_PARAMS:
                continue
            values = level.params.get(param.name)
            for value in values if isinstance(values, (list, tuple)) else [values]:
                if not isinstance(value, str) or not value.strip():
                    continue
                path = value[1:] if value.startswith("@") else value
                for out in outputs:
                    try:
                        inside = os.path.isdir(path) and os.path.realpath(out).startswith(
                            os.path.join(os.path.realpath(path), ""))
                        same = inside or os.path.samefile(path, out)
                    except (OSError, ValueError):  # not a file: an id, a query's text
                        same = False
                    if same:
                        given = (f"{param.opts[-1]} {value}"
                                 if isinstance(param, click.Option) else value)
                        what = "in an input folder" if inside else "also an input"
                        raise FileWriteError(f"{out}: is {what} of this command ({given}); "
                                             "write the result to another file; nothing "
                                             "written")
        level = level.parent


def bundled_folder():
    """The folder of the data shipped in the package (curated tables, scenarios, the
    open-data mappings): every command reads it, none may write into it."""
    from importlib import resources

    return resources.files("mineralgraph").joinpath("data")


def output_options(formats: Sequence[str] = FORMATS, default: str = "text",
                   aliases: dict[str, str] | None = None):
    """Add ``--format`` and ``-o/--out`` to a command (sqlite-utils' ``output_options``)."""

    def decorator(fn):
        @format_option(formats, default, aliases)
        @out_option()
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            given = kwargs["fmt"] if format_given(click.get_current_context()) else None
            kwargs["fmt"] = format_from_suffix(kwargs["output"], given, formats, default)
            return fn(*args, **kwargs)

        return wrapper

    return decorator


def format_given(ctx: click.Context) -> bool:
    """Whether ``--format`` was given (on the command line or in the environment), not
    left at its default: only a format not given is taken from the suffix of -o FILE."""
    from click.core import ParameterSource

    return ctx.get_parameter_source("fmt") not in (None, ParameterSource.DEFAULT,
                                                   ParameterSource.DEFAULT_MAP)


#: Suffixes that name a format by another of its names (``notes.markdown`` is ``md``).
SUFFIX_NAMES = {"markdown": "md", "txt": "text", "turtle": "ttl", "mermaid": "mmd",
                "htm": "html", "gv": "dot"}
#: Formats a file may hold besides the one its suffix names: JSON-LD is JSON, and a
#: ``.txt`` file is any text for people (Markdown too).
SUFFIX_ALSO_HOLDS = {"json": ("jsonld",), "text": ("md",)}


def suffix_format(output: str | None) -> str | None:
    """The format the suffix of ``output`` names (one of :data:`FORMAT_NAMES`), or None
    (stdout, no suffix, a suffix that names no format: ``.log``).

    >>> suffix_format("g.Turtle"), suffix_format("notes.txt"), suffix_format("run.log")
    ('ttl', 'text', None)
    """
    if output in (None, "-"):
        return None
    suffix = Path(output).suffix.lower().lstrip(".")
    suffix = SUFFIX_NAMES.get(suffix, suffix)
    return suffix if suffix in FORMAT_NAMES else None


def format_from_suffix(output: str | None, fmt: str | None, formats: Sequence[str],
                       default: str) -> str:
    """The format asked for, else the one the suffix of ``output`` names when the command
    has it (``g.nt`` is ``nt``), else ``default``. The one place every command with
    ``-o`` and ``--format`` settles its format.

    Raises :class:`click.UsageError` (exit 2, one line naming both) when ``--format``
    and the suffix name different formats (``--format csv -o x.json``): the file would
    hold one format under the other's name.

    >>> format_from_suffix("g.nt", None, ("ttl", "nt"), "ttl")
    'nt'
    >>> format_from_suffix("-", None, ("ttl", "nt"), "ttl")
    'ttl'
    >>> format_from_suffix("x.md", None, ("text", "json"), "text")
    'text'
    """
    named = suffix_format(output)
    if fmt:
        if named and fmt != named and fmt not in SUFFIX_ALSO_HOLDS.get(named, ()):
            raise click.UsageError(
                f"--format {fmt} disagrees with -o {output} (a .{Path(output).suffix[1:]} "
                f"file holds {FORMAT_NAMES[named]}, not {FORMAT_NAMES[fmt]}); drop --format "
                "or change the file's suffix", ctx=click.get_current_context(silent=True))
        return fmt
    unwritable_suffix(output, named, formats)
    return named if named in formats else default


#: Suffixes of a plain log or output file: written in the command's default format.
PLAIN_SUFFIXES = ("", "log", "out")


def unwritable_suffix(output: str | None, named: str | None, formats: Sequence[str]) -> None:
    """Refuse, as bad usage (exit 2, one line naming the formats), ``-o FILE`` without
    ``--format`` whose suffix names a format the command does not write (``-o x.xyz``,
    ``-o x.png`` of a text command), as ``snapshot`` and ``brief`` refuse theirs (trial
    11: ``chokepoints -o x.xyz`` wrote text silently, ``brief -o b.docx`` was refused).
    No suffix, ``.log``, ``.out`` and the null device take the default format.

    >>> unwritable_suffix("run.log", None, ("text", "json"))
    >>> unwritable_suffix("x.xyz", None, ("json",))
    Traceback (most recent call last):
    ...
    click.exceptions.UsageError: x.xyz: unsupported format ('.xyz'); use one of .json, or --format
    """
    from mineralgraph.files import is_null_device

    if output in (None, "-") or is_null_device(output):
        return
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in PLAIN_SUFFIXES:
        return
    # a format it writes, or one a file of that suffix may hold (JSON-LD in .json), or
    # one that holds it (text for people in .md)
    if named is not None and (named in formats or set(SUFFIX_ALSO_HOLDS.get(named, ()))
                              & set(formats) or any(named in SUFFIX_ALSO_HOLDS.get(f, ())
                                                    for f in formats)):
        return
    known = sorted({f".{name}" for name in formats}
                   | {f".{alias}" for alias, name in SUFFIX_NAMES.items()
                      if name in formats and alias == "txt"}
                   | ({".md"} if "text" in formats else set()))
    known = [k for k in known if k != ".text"]
    raise click.UsageError(f"{output}: unsupported format ('.{suffix}'); use one of "
                           f"{', '.join(known)}, or --format",
                           ctx=click.get_current_context(silent=True))


#: What a terminal would run rather than show: control characters but tab and line
#: breaks (escape sequences: colours, a window title, a clipboard write) and the
#: bidirectional overrides that reorder what is shown.
_RUNS_ON_TERMINAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """``text`` as a terminal may show it: each character it would run written as its
    escape (``\\x1b``, ``\\u202e``).

    >>> terminal_text("a\\x1b]0;title\\x07\\tb\\r\\n")
    'a\\\\x1b]0;title\\\\x07\\tb\\r\\n'
    """
    return _RUNS_ON_TERMINAL.sub(
        lambda m: (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                   else f"\\u{ord(m.group()):04x}"), text)


def emit(text: str, output: str = "-") -> None:
    """Write a result to stdout, or atomically to a file.

    On a terminal, the characters a terminal would run (an escape sequence in the data of
    a CSV or XML answer) are shown as their escapes; a pipe or a file gets the text as
    it is (``color=True``: click would otherwise drop colour codes from the data).
    """
    if not text.endswith("\n"):
        text += "\n"
    if output in ("-", None):
        if sys.stdout.isatty():
            text = terminal_text(text)
        click.echo(text, nl=False, color=True)
    else:
        from mineralgraph.files import write_atomically

        write_atomically(output, text)


def emit_bytes(data: bytes, output: str = "-") -> bool:
    """Write a picture (or any bytes) to stdout, or atomically to a file; True when a
    file was written."""
    if output in ("-", None):
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None and sys.stdout.isatty() and _binary(data):
            # a PNG or PDF on a terminal is noise, and its bytes may hold escape sequences
            raise click.UsageError("the picture or PDF is binary: not written to the "
                                   "terminal; give -o FILE or redirect stdout to a file")
        if stream is not None:
            stream.write(data)
            stream.flush()
        else:  # a text-only stdout (a test runner)
            click.echo(data.decode("utf-8", "replace"), nl=False)
        return False
    from mineralgraph.files import write_atomically

    write_atomically(output, data)
    return True


def _binary(data: bytes) -> bool:
    """Whether ``data`` is no text a terminal may show (not UTF-8, or with control
    characters other than tab and line breaks).

    >>> _binary(b"<svg>\\n</svg>\\n"), _binary(b"\\x89PNG\\r\\n\\x1a\\n")
    (False, True)
    >>> _binary(b"%PDF-1.7\\n\\x1b[2J")
    True
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return any(c < " " and c not in "\t\n\r" or c == "\x7f" for c in text)


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
