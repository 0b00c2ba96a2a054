"""RDF and SPARQL commands: ``export``, ``sparql`` and ``serve``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mineralgraph.commands.options import as_of_option
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.sparql import ENGINES
from mineralgraph.output import emit, output_options

RESULT_FORMATS = ("table", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld")

data_option = click.option(
    "--data", metavar="FILE", type=click.Path(dir_okay=False),
    help="Query this RDF file (.ttl, .nt, .jsonld: an export, or other linked data) "
         "instead of the graph.")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld"]), default="ttl",
              show_default=True, help="Turtle, N-Triples or JSON-LD.")
@click.option("-o", "--out", "--output", "out",
              type=click.Path(allow_dash=True),
              default="-", show_default=True,
              help="File to write (atomically); default stdout.")
@as_of_option
@click.pass_obj
def export(app, fmt, out, as_of):
    """Export the graph as RDF, following the ontology (one statement node per fact).

    Read it back with `build --source FILE`, load it into any triple store, or query
    it with `mineralgraph sparql`.
    """
    from mineralgraph.graph.rdf import rdf_text

    graph = app.graph(as_of)
    text = rdf_text(graph.claims, fmt)
    emit(text, out)
    if out != "-":
        click.echo(f"wrote {out}: {len(graph.claims)} facts as {fmt}", err=True)


def read_query(text: str) -> tuple[str, str]:
    """(query, name): ``@FILE`` reads a file, ``-`` reads stdin, anything else is the query."""
    if text == "-":
        return sys.stdin.read(), "<stdin>"
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except FileNotFoundError:
            raise MineralGraphError(f"{path}: no such query file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise MineralGraphError(f"{path}: cannot read ({exc})") from None
    return text, "query"


@click.command()
@click.argument("query", metavar="QUERY|@FILE")
@output_options(formats=RESULT_FORMATS, default="table")
@click.option("--endpoint", metavar="URL", help="Send the query to this SPARQL endpoint "
              "instead of the embedded engine.")
@click.option("--store", type=click.Choice(ENGINES), default="memory", show_default=True,
              help="Embedded engine: rdflib's memory store, or Oxigraph (faster on "
                   "large graphs).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Stop the query after this many seconds (0: no limit).")
@data_option
@as_of_option
@click.pass_obj
def sparql(app, query, fmt, output, endpoint, store, timeout, data, as_of):
    """Ask the graph a SPARQL query (text, @FILE, or - for stdin).

    Prefixes mg:, rdf:, rdfs:, xsd:, owl:, prov:, wd: and one per kind (product:,
    element:, country:...) are known, so `product:f-35` is that node. Example:

        mineralgraph sparql @queries/sparql/products-needing-dysprosium.rq
    """
    from mineralgraph.graph.sparql import run_query
    from mineralgraph.graph.sparql_results import answer_text

    text, name = read_query(query)
    limit = timeout or None
    if endpoint:
        from mineralgraph.graph.endpoint import remote_query

        answer = remote_query(endpoint, _with_prefixes(text), timeout=limit)
    else:
        answer = run_query(_store(app, store, data, as_of), text, timeout=limit, name=name)
    emit(answer_text(answer, fmt), output)


def _store(app, engine: str, data: str | None, as_of):
    """The SPARQL store of ``--data FILE``, or of the graph (as of a date)."""
    from mineralgraph.graph.sparql import open_store, open_store_file

    if data:
        if as_of is not None:
            raise MineralGraphError("--as-of applies to the graph, not to a --data file")
        return open_store_file(data, engine)
    return open_store(app.graph(as_of).claims, engine)


def _with_prefixes(query: str) -> str:
    """The query with PREFIX lines for the known prefixes it uses but does not declare."""
    import re

    from mineralgraph.graph.rdf import PREFIXES

    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w-]*):", query, re.I)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()
             if p.lower() not in declared and re.search(rf"(?<![\w<]){re.escape(p)}:", query)]
    return "\n".join(lines + [query]) if lines else query


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep the default unless others must reach it).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port (0: any free port).")
@click.option("--store", type=click.Choice(ENGINES), default="memory", show_default=True,
              help="Engine behind the endpoint.")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop each query after this many seconds (0: no limit).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Cut answers at this many rows (header X-SPARQL-MaxRows says so).")
@click.option("--quiet", is_flag=True, help="Do not log requests on stderr.")
@data_option
@as_of_option
@click.pass_obj
def serve(app, host, port, store, timeout, max_rows, quiet, data, as_of):
    """Serve the graph as a read-only SPARQL 1.1 endpoint (for YASGUI or any client)."""
    from mineralgraph.graph.endpoint import make_server

    server = make_server(_store(app, store, data, as_of), host, port,
                         timeout=timeout or None, max_rows=max_rows, quiet=quiet)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: others on the network can query it",
                   err=True)
    click.echo(f"SPARQL endpoint at {server.url} ({store} store, read-only); "
               "Ctrl-C to stop", err=True)
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


COMMANDS = [export, sparql, serve]
