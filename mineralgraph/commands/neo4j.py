"""Neo4j commands: ``neo4j push``, ``neo4j pull`` and ``cypher``.

The server is named by ``--uri``/``--user``/``--database`` or ``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_DATABASE``; the password comes only from ``NEO4J_PASSWORD`` or a
prompt, never from an argument.
"""

from __future__ import annotations

import functools
import os
import sys

import click

from mineralgraph.commands.options import FiniteFloat, query_or_file
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.cypher import DEFAULT_MAX_ROWS
from mineralgraph.graph.neo4j import (
    DEFAULT_URI,
    DEFAULT_USER,
    Neo4jSettings,
    check_uri,
    connect,
    neo4j_errors,
)
from mineralgraph.output import (
    emit,
    format_from_suffix,
    format_given,
    format_option,
    out_option,
    output_options,
)
from mineralgraph.reports.query import render_cypher


def connection_options(fn):
    """``--uri``, ``--user`` and ``--database``, with their environment variables."""

    @click.option("--uri", envvar="NEO4J_URI", default=DEFAULT_URI, show_default=True,
                  help="Bolt URI of the server (env NEO4J_URI); neo4j+s://... for Aura.")
    @click.option("--user", envvar="NEO4J_USER", default=DEFAULT_USER, show_default=True,
                  help="User name (env NEO4J_USER). The password is read from "
                       "NEO4J_PASSWORD or asked for.")
    @click.option("--database", envvar="NEO4J_DATABASE", default=None,
                  help="Database name (env NEO4J_DATABASE); default: the server's default.")
    @functools.wraps(fn)
    def wrapper(*args, uri, user, database, **kwargs):
        check_uri(uri)  # before asking for a password that could not be used
        settings = Neo4jSettings(uri, user, _password(), database or None)
        return fn(*args, settings=settings, **kwargs)

    return wrapper


def _password() -> str:
    password = os.environ.get("NEO4J_PASSWORD")
    if password is not None:
        return password
    missing = MineralGraphError("no Neo4j password: set NEO4J_PASSWORD, type it at the "
                                "prompt or give it on standard input")
    if not sys.stdin.isatty():
        # piped in (echo "$PW" | mineralgraph cypher ...): read the line as it is; getpass
        # would print two warnings about echo first, and no one reads a prompt
        line = sys.stdin.readline()
        if not line.strip():
            raise missing
        return line.rstrip("\r\n")
    try:
        return click.prompt("Neo4j password", hide_input=True, err=True)
    except click.Abort:
        raise missing from None


class _Progress:
    """A rich progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self):
        self.bar = None
        self.task = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.bar is None and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("pushing {task.fields[phase]}"), BarColumn(),
                                MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("push", total=total, phase=phase)
            self.bar.start()
        if self.bar is not None:
            self.bar.update(self.task, completed=done, phase=phase)


@click.group("neo4j")
def neo4j_group():
    """Copy the graph into Neo4j and back (for Neo4j Browser, Bloom and Cypher).

    \b
    Examples:
      mineralgraph neo4j push
      mineralgraph neo4j pull -o from-neo4j.json
    """


@neo4j_group.command("push")
@connection_options
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Rows per transaction (default 5000, from the benchmark).")
@click.option("--wipe", is_flag=True,
              help="Delete every node with a mineralgraph label first (other data stays).")
@click.pass_obj
def push_command(app, settings, batch_size, wipe):
    """Push the graph (nodes, relations, provenance, sources) into Neo4j.

    Idempotent: pushing again changes nothing, and a push that stopped midway
    completes on the next run. Without --wipe, facts removed from the graph since an
    earlier push stay in the database (the command says how many). It writes to the
    database, not to a file (no -o, no --format); what it did goes to stderr.

    \b
    Examples:
      NEO4J_PASSWORD=... mineralgraph neo4j push
      mineralgraph --graph graph.json neo4j push --wipe --uri bolt://db:7687
    """
    from mineralgraph.graph.neo4j_push import DEFAULT_BATCH_SIZE, push

    graph = app.graph()
    with neo4j_errors(settings), connect(settings) as driver, _Progress() as bar:
        result = push(driver, graph, database=settings.database,
                      batch_size=batch_size or DEFAULT_BATCH_SIZE, wipe_first=wipe,
                      progress=bar)
    click.echo(f"pushed {result.nodes} nodes and {result.relationships} relationships to "
               f"{settings.shown_uri} in {result.seconds:.1f} s; the database holds "
               f"{result.db_nodes} nodes and {result.db_relationships} relationships", err=True)
    if result.stale:
        click.echo(f"note: {result.stale} relationships in the database are not in this graph "
                   "(push with --wipe to remove them)", err=True)


@neo4j_group.command("pull")
@connection_options
@out_option("Snapshot file to write (atomically); default stdout.")
@format_option(("json",), "json", help="The snapshot format (JSON, as `build` writes).")
def pull_command(settings, output, fmt):
    """Read the graph back from Neo4j into a snapshot (the claims with provenance).

    \b
    Examples:
      NEO4J_PASSWORD=... mineralgraph neo4j pull -o from-neo4j.json
      mineralgraph neo4j pull --uri neo4j+s://xxxx.databases.neo4j.io -o aura.json
    """
    out = output
    # --format json with -o g.ttl is bad usage (exit 2), as in every command
    format_from_suffix(out, fmt if format_given(click.get_current_context()) else None,
                       ("json",), "json")
    from mineralgraph.graph.neo4j_pull import pull
    from mineralgraph.graph.snapshot import save_snapshot, snapshot_text

    with neo4j_errors(settings), connect(settings) as driver:
        claims = pull(driver, database=settings.database)
    if out == "-":
        click.echo(snapshot_text(claims), nl=False)
    else:
        save_snapshot(claims, out)
    click.echo(f"pulled {len(claims)} facts from {settings.shown_uri} into {out}", err=True)


def _params(ctx, param, values):
    """The --param values as (name, value) pairs; a malformed one is bad usage (exit 2)."""
    from mineralgraph.graph.cypher import parse_param

    try:
        return tuple(parse_param(v) for v in values)
    except MineralGraphError as exc:
        raise click.BadParameter(str(exc).removeprefix("--param ")) from None


@click.command()
@click.argument("query", metavar="QUERY|@FILE", callback=query_or_file("cypher"))
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", callback=_params,
              help="A query parameter ($NAME); VALUE is read as JSON when it parses "
                   "(numbers, true, lists, \"quoted\"), else as text. Repeatable.")
@click.option("--write", is_flag=True, help="Allow a query that writes (default: read only).")
@click.option("--timeout", type=FiniteFloat(min=0), default=60.0, show_default=True,
              help="Stop the query on the server after this many seconds (0: the server's "
                   "own limit, none by default).")
@click.option("--max-rows", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS,
              show_default=True, help="Keep at most this many rows (the rest are not "
                                      "fetched; a line on stderr says so). 0: every row.")
@connection_options
@output_options(formats=("text", "json", "csv"), default="text", aliases={"table": "text"})
def cypher(query, params, write, timeout, max_rows, settings, fmt, output):
    """Run a Cypher query against Neo4j; read only unless --write.

    QUERY is the query text, or @FILE to read it from a file (such as the cookbook in
    queries/cypher/). Values are passed as parameters, never pasted into the text.
    A read-only run refuses LOAD CSV, TERMINATE, server SHOWs, USE, administration
    and every procedure but the schema ones, and any query that Neo4j's EXPLAIN says
    would write (see the README's Security section). --format text (or table) is a
    table for terminals.

    \b
    Examples:
      mineralgraph cypher @queries/cypher/dominant-producers.cypher
      mineralgraph cypher 'MATCH (p:Product) RETURN p.id' --format csv -o products.csv
    """
    from mineralgraph.graph.cypher import check_read_only, query_text, run_cypher

    text, defaults = query_text(query)
    if not write:
        check_read_only(text)  # before connecting: a refused query needs no server
    values = dict(defaults)
    values.update(params)
    name = query[1:] if query.startswith("@") else "query"
    with neo4j_errors(settings), connect(settings) as driver:
        result = run_cypher(driver, text, values, database=settings.database, write=write,
                            timeout=timeout or None, name=name, max_rows=max_rows or None)
    emit(render_cypher(result, fmt), output)
    if result.truncated:
        click.echo(f"warning: {name}: cut at {max_rows} rows (--max-rows); narrow the query "
                   "or raise --max-rows", err=True)


COMMANDS = [neo4j_group, cypher]
