"""Options shared by several commands."""

from __future__ import annotations

import math
from datetime import date

import click

from mineralgraph.values import parse_date


class FiniteFloat(click.FloatRange):
    """A number option that refuses ``nan`` and ``inf`` as bad usage (exit 2): Python's
    float() reads them, and a timeout of nan reached the query runner as a traceback."""

    name = "number"

    def convert(self, value, param, ctx):
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):  # before the range, which would call inf "not in" it
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return super().convert(number, param, ctx)


def parse_date_option(ctx, param, value: str | None) -> date | None:
    """Click callback for a date option: a date that cannot be parsed is bad usage (exit 2)."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


#: Suffixes of query files, by language: a QUERY argument ending so is a file name.
QUERY_FILE_SUFFIXES = {"sparql": (".rq", ".sparql", ".ru"), "cypher": (".cypher", ".cql")}


def query_or_file(language: str):
    """Click callback of a ``QUERY|@FILE`` argument: a file name given without its ``@``
    (a word ending ``.rq``, or naming a file that exists) is bad usage (exit 2) that says
    what was meant, instead of a parse error about the name read as a query."""
    from pathlib import Path

    def check(ctx, param, value: str) -> str:
        word = value.strip()
        if not word or word == "-" or word.startswith("@") or any(c.isspace() for c in word):
            return value
        named = word.lower().endswith(QUERY_FILE_SUFFIXES[language])
        try:
            exists = Path(word).is_file()
        except (OSError, ValueError):
            exists = False
        if named or exists:
            what = "a file" if exists else "a query file name"
            name = {"sparql": "SPARQL", "cypher": "Cypher"}[language]
            raise click.UsageError(f"{word} is {what}, not a {name} query: did you mean "
                                   f"@{word}?", ctx=ctx)
        return value

    return check


def as_of_option(fn):
    """``--as-of DATE``: answer with the facts valid on that date (a bad date exits 2)."""
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=parse_date_option,
                        expose_value=True, is_eager=False,
                        help="Use only the facts valid on this date.")(fn)


def _completion_graph(ctx):
    """The graph the command would use (``--graph FILE`` or the bundled data), for
    completing ids; None when it cannot be read (completion then offers nothing)."""
    from mineralgraph.cli import App

    root = ctx.find_root()
    try:
        return App(root.params.get("graph_path")).graph()
    except Exception:  # noqa: BLE001 - a completion never fails loudly
        return None


def _complete(ctx, incomplete: str, kind: str | None = None):
    from click.shell_completion import CompletionItem

    graph = _completion_graph(ctx)
    if graph is None:
        return []
    ids = graph.ids(kind) if kind else graph.ids()
    return [CompletionItem(i, help=graph.label(i)) for i in sorted(ids)
            if i.startswith(incomplete)]


def complete_ids(ctx, param, incomplete: str):
    """Shell completion of a node id from the graph (``product:f-35``...)."""
    return _complete(ctx, incomplete)


def complete_products(ctx, param, incomplete: str):
    """Shell completion of a product id from the graph."""
    return _complete(ctx, incomplete, "Product")


def complete_materials(ctx, param, incomplete: str):
    """Shell completion of a material id from the graph."""
    return _complete(ctx, incomplete, "Material")


def complete_scenarios(ctx, param, incomplete: str):
    """Shell completion of a shipped scenario name (a file path works too)."""
    from click.shell_completion import CompletionItem

    from mineralgraph.loaders.scenarios import shipped_scenarios

    names = [CompletionItem(n) for n in sorted(shipped_scenarios()) if n.startswith(incomplete)]
    return names or [CompletionItem(incomplete, type="file")]


def scenario_option(help: str = "Answer under a what-if scenario (a shipped name or a "
                                "YAML file)."):
    """``--scenario NAME|FILE``, completed with the shipped scenario names."""
    return click.option("--scenario", metavar="NAME|FILE", help=help,
                        shell_complete=complete_scenarios)
