"""RDF and SPARQL commands: ``export``, ``sparql`` and ``serve``."""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path

import click

from mineralgraph.commands.options import FiniteFloat, as_of_option, query_or_file
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.query_pool import DEFAULT_QUEUE, DEFAULT_WORKERS, MAX_WORKERS
from mineralgraph.graph.sparql import ENGINES
from mineralgraph.output import (
    emit,
    format_from_suffix,
    format_option,
    out_option,
    output_options,
)

RESULT_FORMATS = ("text", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld")
#: ``table``, the plain format's earlier name, is still accepted.
TABLE_ALIAS = {"table": "text"}
RDF_FORMATS = ("ttl", "nt", "jsonld")
#: The largest query file read (bytes): a bigger one is no query.
QUERY_FILE_LIMIT = 16 << 20

allow_service_option = click.option(
    "--allow-service", is_flag=True,
    help="Let queries fetch from other servers (SERVICE <http(s) URL>); refused by "
         "default, since the query then reaches whatever this machine can reach. FROM is "
         "refused either way (the graph is one default graph).")

data_option = click.option(
    "--data", metavar="FILE", type=click.Path(dir_okay=False),
    help="Query this RDF file (.ttl, .nt, .jsonld: an export, or other linked data) "
         "instead of the graph.")

data_dir_option = click.option(
    "--data-dir", metavar="DIR", type=click.Path(file_okay=False),
    help="With --store oxigraph: keep the store on disk in DIR. The first run loads the "
         "graph (or --data) into it; later runs open it without loading anything.")


@click.command()
@format_option(RDF_FORMATS, None, help="Turtle, N-Triples or JSON-LD [default: from the "
                                       "suffix of -o FILE (.ttl .nt .jsonld), else ttl].")
@out_option("File to write (atomically); default stdout.")
@as_of_option
@click.pass_obj
def export(app, fmt, output, as_of):
    """Export the graph as RDF, following the ontology (one statement node per fact).

    Read it back with `build --source FILE`, load it into any triple store, or query
    it with `mineralgraph sparql`.

    \b
    Examples:
      mineralgraph export -o graph.ttl
      mineralgraph export --as-of 2025-06-01 -o graph-2025-06.nt
    """
    from mineralgraph.graph.rdf import rdf_text

    out = output
    fmt = format_from_suffix(out, fmt, RDF_FORMATS, "ttl")
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
        from mineralgraph.files import read_text

        path = Path(text[1:])
        return read_text(path, limit=QUERY_FILE_LIMIT, what="query file"), str(path)
    return text, "query"


@click.command()
@click.argument("query", metavar="QUERY|@FILE", callback=query_or_file("sparql"))
@output_options(formats=RESULT_FORMATS, default="text", aliases=TABLE_ALIAS)
@click.option("--endpoint", metavar="URL", help="Send the query to this SPARQL endpoint "
              "instead of the embedded engine.")
@click.option("--store", type=click.Choice(ENGINES), default="memory", show_default=True,
              help="Embedded engine: rdflib's memory store, or Oxigraph (faster on "
                   "large graphs).")
@click.option("--timeout", type=FiniteFloat(min=0), default=60.0, show_default=True,
              help="Stop the query after this many seconds (0: no limit).")
@allow_service_option
@data_option
@data_dir_option
@as_of_option
@click.pass_obj
def sparql(app, query, fmt, output, endpoint, store, timeout, allow_service, data, data_dir,
           as_of):
    """Ask the graph a SPARQL query (text, @FILE, or - for stdin).

    Prefixes mg:, rdf:, rdfs:, xsd:, owl:, prov:, wd: and one per kind (product:,
    element:, country:...) are known, so `product:f-35` is that node. --format text
    (or table) is for terminals; json, csv, tsv and xml are the W3C result formats.
    The graph is one default graph with no named graphs: GRAPH matches nothing, and
    FROM is refused.

    \b
    Examples:
      mineralgraph sparql @queries/sparql/products-needing-dysprosium.rq
      mineralgraph sparql 'SELECT ?p WHERE { ?p a mg:Product }' --format csv -o p.csv
    """
    from mineralgraph.graph.sparql import run_query
    from mineralgraph.graph.sparql_results import answer_text

    text, name = read_query(query)
    limit = timeout or None
    if endpoint:
        from mineralgraph.graph.endpoint import remote_query, with_prefixes

        answer = remote_query(endpoint, with_prefixes(text), timeout=limit)
    else:
        answer = run_query(_store(app, store, data, as_of, data_dir), text, timeout=limit,
                           name=name, allow_service=allow_service)
    emit(answer_text(answer, fmt), output)


def _store(app, engine: str, data: str | None, as_of, data_dir: str | None = None):
    """The SPARQL store of ``--data FILE``, or of the graph (as of a date); on disk in
    ``data_dir`` when given."""
    from mineralgraph.graph.sparql import open_store, open_store_file

    if data and re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", data):
        # a path would mangle it ("http:/127.0.0.1/d.ttl: no such file"); never fetched
        raise MineralGraphError(f"{data}: remote data is not read (--data takes a local RDF "
                                "file; download it first)")
    if data and as_of is not None:
        raise MineralGraphError("--as-of applies to the graph, not to a --data file")
    if data_dir:
        return _disk_store(app, engine, data, as_of, data_dir)
    if data:
        return open_store_file(data, engine)
    return open_store(app.graph(as_of).claims, engine)


def _disk_store(app, engine: str, data: str | None, as_of, data_dir: str):
    """Open the store in ``data_dir``, or build it there first."""
    from mineralgraph import __version__
    from mineralgraph.graph import sparql_disk
    from mineralgraph.loaders import bundled_data_path

    if engine != "oxigraph":
        raise click.UsageError("--data-dir needs --store oxigraph (rdflib's store is in memory)")
    if data:
        if not Path(data).is_file():
            from mineralgraph.files import not_a_file

            kind = not_a_file(data) or (Path(data).exists() and "a folder")
            raise MineralGraphError(f"{data}: is {kind}, not an RDF file" if kind else
                                    f"{data}: no such file")
        source = {"data": sparql_disk.source_of(data)}
    else:
        graph = sparql_disk.source_of(app.graph_path) if app.graph_path else {
            "path": f"the bundled data of mineralgraph {__version__}",
            "fingerprint": sparql_disk.folder_fingerprint(bundled_data_path())}
        source = {"graph": graph, "as_of": as_of.isoformat() if as_of else None}
    if sparql_disk.is_store_dir(data_dir):
        store = sparql_disk.open_store_dir(data_dir, source)
        click.echo(f"using the store in {data_dir} ({len(store):,} triples, built "
                   f"{store.info['built']})", err=True)
        return store
    click.echo(f"building the store in {data_dir}...", err=True)
    if data:
        store = sparql_disk.build_store_dir(data_dir, source, rdf_file=data)
    else:
        from mineralgraph.graph.rdf import ntriples

        store = sparql_disk.build_store_dir(data_dir, source,
                                            nt=ntriples(app.graph(as_of).claims))
    click.echo(f"built the store in {data_dir} ({len(store):,} triples)", err=True)
    return store


def _origins(ctx, param, values):
    """The --allow-origin values as origins; a bad one is a usage error (exit 2)."""
    from mineralgraph.graph.endpoint import origin_of

    try:
        return tuple(origin_of(v) for v in values)
    except MineralGraphError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep the default unless others must reach it).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port (0: any free port).")
@click.option("--store", type=click.Choice(ENGINES), default="memory", show_default=True,
              help="Engine behind the endpoint.")
@click.option("--timeout", type=FiniteFloat(min=0), default=30.0, show_default=True,
              help="Stop each query after this many seconds (0: no limit).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Cut answers at this many rows (header X-SPARQL-MaxRows says so).")
@click.option("--workers", type=click.IntRange(1, MAX_WORKERS), default=DEFAULT_WORKERS,
              show_default=True, help="Worker processes answering queries at once (each "
                                      f"a copy of the store; at most {MAX_WORKERS}).")
@click.option("--queue", "queue_size", type=click.IntRange(min=0), default=DEFAULT_QUEUE,
              show_default=True, help="Queries that may wait for a worker; more get 503 "
                                      "with Retry-After.")
@click.option("--worker-memory", metavar="MIB", type=click.IntRange(min=0), default=2048,
              show_default=True, help="Memory a worker may use beyond the graph (MiB); a "
                                      "query that needs more ends its worker. 0: no cap.")
@click.option("--max-answer", metavar="MIB", type=click.IntRange(min=1), default=64,
              show_default=True, help="Largest answer sent (MiB, in the format asked); a "
                                      "larger one is refused with one line. The server holds "
                                      "at most 4 such answers at once while sending them.")
@allow_service_option
@click.option("--allow-origin", "origins", metavar="ORIGIN", multiple=True,
              callback=_origins,
              help="Let pages from this origin (https://host[:port]) query it from a browser, "
                   "private-network access included; repeatable. None by default.")
@click.option("--allow-host", "host_names", metavar="NAME", multiple=True,
              help="Answer requests addressed to this host name too (with --host 0.0.0.0, "
                   "the machine's name on the network); repeatable. IP addresses and "
                   "localhost always work.")
@click.option("--quiet", is_flag=True, help="Do not log requests on stderr.")
@data_option
@data_dir_option
@as_of_option
@click.pass_obj
def serve(app, host, port, store, timeout, max_rows, workers, queue_size, worker_memory,
          max_answer, allow_service, origins, host_names, quiet, data, data_dir, as_of):
    """Serve the graph as a read-only SPARQL 1.1 endpoint (for YASGUI or any client).

    By default it answers this machine only (--host 127.0.0.1, and only requests whose
    Host header is an IP address or localhost), fetches nothing from elsewhere
    (--allow-service), and answers no web page (--allow-origin). It writes no file
    (no -o, no --format): clients choose the result format by the Accept header.

    \b
    Examples:
      mineralgraph serve
      mineralgraph serve --store oxigraph --data-dir store/ --port 8000
    """
    from mineralgraph.graph.endpoint import make_server

    server = make_server(_store(app, store, data, as_of, data_dir), host, port,
                         timeout=timeout or None, max_rows=max_rows, quiet=quiet,
                         workers=workers, queue_size=queue_size,
                         allow_service=allow_service, allow_origins=origins,
                         allow_hosts=host_names, worker_memory=(worker_memory << 20) or None,
                         max_answer=max_answer << 20)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: others on the network can query it",
                   err=True)
    if allow_service:
        click.echo("warning: --allow-service: queries may make this server fetch any URL "
                   "it can reach", err=True)
    click.echo(f"SPARQL endpoint at {server.url} ({store} store, read-only); "
               "Ctrl-C to stop", err=True)
    sys.stderr.flush()
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: close as Ctrl-C does
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()  # stops the worker processes too


def _stop(signum, frame):
    raise KeyboardInterrupt


COMMANDS = [export, sparql, serve]
