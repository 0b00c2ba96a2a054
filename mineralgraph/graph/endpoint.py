"""A read-only SPARQL 1.1 Protocol endpoint over the RDF view, and a client for others.

:func:`make_server` answers ``GET /sparql?query=…`` and ``POST /sparql`` (a form with
``query=…``, or the query itself as ``application/sparql-query``) in the result format
the ``Accept`` header asks for: SPARQL JSON (the default), CSV, TSV or XML for SELECT
and ASK; Turtle (the default), N-Triples or JSON-LD for CONSTRUCT and DESCRIBE. A
``format`` parameter (``json``, ``csv``…) overrides the header.

It is read-only: an update (``update=``, ``application/sparql-update``, or an update
sent as a query) gets ``403``. Each query is stopped at ``timeout`` seconds (``503``)
and cut at ``max_rows`` rows, which the header ``X-SPARQL-MaxRows`` then reports (as
Virtuoso does). A malformed query gets ``400`` with the parser's line and column.
It binds to 127.0.0.1 unless told otherwise.

:func:`remote_query` sends a query to any SPARQL endpoint and returns an
:class:`~mineralgraph.graph.sparql.Answer`, the same as the embedded engines give.
"""

from __future__ import annotations

import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from mineralgraph import __version__
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.sparql import (
    Answer,
    QuerySyntaxError,
    QueryTimeoutError,
    UpdateRefusedError,
    run_query,
)
from mineralgraph.graph.sparql_results import (
    ALIASES,
    GRAPH_TYPES,
    RESULT_TYPES,
    answer_from_json,
    answer_from_rdf,
    answer_text,
    media_type,
)

#: Paths that answer queries.
QUERY_PATHS = ("/sparql", "/query")
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
MAX_BODY = 1 << 20

_FORMAT_OF = {**{v: k for k, v in RESULT_TYPES.items()},
              **{v: k for k, v in GRAPH_TYPES.items()}, **ALIASES}


def negotiate(accept: str | None, form: str, asked: str | None = None) -> str:
    """The result format for an ``Accept`` header (or a ``format`` parameter).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("*/*", "graph"), negotiate(None, "select")
    ('ttl', 'json')
    """
    usable = GRAPH_TYPES if form == "graph" else RESULT_TYPES
    if asked:
        fmt = asked if asked in usable else _FORMAT_OF.get(asked)
        if fmt in usable:
            return fmt
    offers = []
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        offers.append((-quality, position, media.lower()))
    for _, _, media in sorted(offers):
        fmt = _FORMAT_OF.get(media)
        if fmt in usable:
            return fmt
    return "ttl" if form == "graph" else "json"


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server holding one SPARQL store and the endpoint's limits."""

    daemon_threads = True

    def __init__(self, address, store, timeout: float | None = DEFAULT_TIMEOUT,
                 max_rows: int | None = DEFAULT_MAX_ROWS, quiet: bool = False):
        super().__init__(address, SparqlHandler)
        self.store, self.timeout, self.max_rows, self.quiet = store, timeout, max_rows, quiet

    @property
    def url(self) -> str:
        """The address of the query service, ``http://host:port/sparql``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


class SparqlHandler(BaseHTTPRequestHandler):
    """The SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    server_version = f"mineralgraph/{__version__}"
    protocol_version = "HTTP/1.1"

    # ------------------------------------------------------------------ verbs
    def do_GET(self):  # noqa: N802 - http.server's naming
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/" and "query" not in params:
            return self._send(200, self._help(), "text/plain; charset=utf-8")
        if url.path not in QUERY_PATHS + ("/",):
            return self._send(404, f"no such path {url.path}; query {QUERY_PATHS[0]}\n")
        self._operation(params)

    def do_HEAD(self):  # noqa: N802
        self._send(200, "", "text/plain; charset=utf-8")

    def do_POST(self):  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path not in QUERY_PATHS + ("/",):
            self.close_connection = True  # the body is left unread
            return self._send(404, f"no such path {url.path}; query {QUERY_PATHS[0]}\n")
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            return self._send(411, "send the body with a Content-Length\n")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            return self._send(400, "bad Content-Length\n")
        if length > MAX_BODY:
            self.close_connection = True
            if length <= 64 * MAX_BODY:  # read it away, so the client sees the answer
                while length > 0:
                    chunk = self.rfile.read(min(length, 1 << 16))
                    if not chunk:
                        break
                    length -= len(chunk)
            return self._send(413, f"request body over {MAX_BODY} bytes\n")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._refuse_update()
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype in ("application/x-www-form-urlencoded", ""):
            params.update(urllib.parse.parse_qs(body, keep_blank_values=True))
        else:
            return self._send(415, f"unsupported Content-Type {ctype}; send "
                              "application/sparql-query or a form with query=\n")
        self._operation(params)

    def do_OPTIONS(self):  # noqa: N802 - CORS preflight, for YASGUI in a browser
        self._send(204, "", extra={"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                   "Access-Control-Allow-Headers": "Content-Type, Accept",
                                   # a page on the web may ask this localhost endpoint
                                   "Access-Control-Allow-Private-Network": "true"})

    def _not_allowed(self):
        self._send(405, "read-only SPARQL endpoint: use GET or POST with a query\n",
                   extra={"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    # ------------------------------------------------------------------ the query
    def _operation(self, params: dict):
        if "update" in params:
            return self._refuse_update()
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(400, "give exactly one query (query=...)\n")
        server = self.server
        try:
            answer = run_query(server.store, queries[0], timeout=server.timeout,
                               limit=server.max_rows, name="query")
        except UpdateRefusedError:
            return self._refuse_update()
        except QuerySyntaxError as exc:
            return self._send(400, f"{exc}\n")
        except QueryTimeoutError as exc:
            return self._send(503, f"{exc}\n")
        except MineralGraphError as exc:
            return self._send(500, f"{exc}\n")
        fmt = negotiate(self.headers.get("Accept"), answer.form,
                        (params.get("format") or [None])[0])
        extra = {"X-SPARQL-MaxRows": str(server.max_rows)} if answer.truncated else {}
        self._send(200, answer_text(answer, fmt), media_type(answer, fmt), extra)

    def _refuse_update(self):
        self._send(403, "SPARQL Update is refused: this endpoint is read-only\n")

    def _help(self) -> str:
        return (f"mineralgraph SPARQL endpoint (read-only)\n\nquery: GET or POST "
                f"{self.server.url}?query=...\nresults: JSON, CSV, TSV, XML by Accept; "
                f"timeout {self.server.timeout} s; at most {self.server.max_rows} rows\n")

    def _send(self, status: int, text: str, ctype: str = "text/plain; charset=utf-8",
              extra: dict | None = None):
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


def make_server(store, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                timeout: float | None = DEFAULT_TIMEOUT,
                max_rows: int | None = DEFAULT_MAX_ROWS, quiet: bool = False) -> SparqlServer:
    """A SPARQL server bound to ``host:port`` (port 0: any free port); call ``serve_forever``."""
    try:
        return SparqlServer((host, port), store, timeout, max_rows, quiet)
    except OSError as exc:
        raise MineralGraphError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run a server in a daemon thread (for tests and notebooks); stop with ``shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, name="sparql-endpoint", daemon=True)
    thread.start()
    return thread


# ---------------------------------------------------------------------- client
def remote_query(url: str, query: str, timeout: float | None = None) -> Answer:
    """Send a query to a SPARQL endpoint (POST, form-encoded) and read its answer."""
    data = urllib.parse.urlencode({"query": query}).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9, "
                  "application/n-triples;q=0.8",
        "User-Agent": f"mineralgraph/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            ctype = response.headers.get("Content-Type", "")
            truncated = response.headers.get("X-SPARQL-MaxRows") is not None
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise MineralGraphError(f"{url}: HTTP {exc.code}: "
                                f"{detail[0] if detail else exc.reason}") from None
    except TimeoutError:
        raise QueryTimeoutError(f"{url}: no answer within {timeout:g} s (timeout)") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise QueryTimeoutError(f"{url}: no answer within {timeout:g} s (timeout)") from None
        raise MineralGraphError(f"{url}: cannot reach the endpoint ({exc.reason})") from None
    if "json" in ctype and "ld+json" not in ctype:
        answer = answer_from_json(body.decode("utf-8"))
    else:
        answer = answer_from_rdf(body, ctype or "text/turtle")
    answer.truncated = truncated
    return answer
