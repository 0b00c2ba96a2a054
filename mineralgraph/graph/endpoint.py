"""A read-only SPARQL 1.1 Protocol endpoint over the RDF view, and a client for others.

:func:`make_server` answers ``GET /sparql?query=…`` and ``POST /sparql`` (a form with
``query=…``, or the query itself as ``application/sparql-query``) in the result format
the ``Accept`` header asks for: SPARQL JSON (the default), CSV, TSV or XML for SELECT
and ASK; Turtle (the default), N-Triples or JSON-LD for CONSTRUCT and DESCRIBE. A
``format`` parameter (``json``, ``csv``…) overrides the header.

It is read-only: an update (``update=``, ``application/sparql-update``, or an update
sent as a query) gets ``403``. It serves one default graph, the RDF view, with no named
graphs (``GRAPH ?g { … }`` matches nothing): a request that names its own dataset, by
the ``default-graph-uri`` or ``named-graph-uri`` parameters or by ``FROM`` in the query,
gets ``400`` and one line saying so (the Protocol's choice for a service that does not
let clients specify the dataset), never an answer from a graph it did not ask for.
Each query is stopped at ``timeout`` seconds (``503``) and cut at ``max_rows`` rows,
which the header ``X-SPARQL-MaxRows`` then reports (as Virtuoso does); an answer over
``max_answer`` bytes in the format asked is refused (``500``, one line). The answer is
written in the worker, so the server holds its bytes only. A malformed query, or one
nested too deep, gets ``400`` with the parser's line and column.

What a page or a client can make it do is narrow by default:

- it binds to 127.0.0.1, and answers only requests whose ``Host`` is an IP address,
  a ``localhost`` name or the host it binds (a DNS-rebinding page sends its own name:
  ``403``);
- a query that would fetch from elsewhere (``SERVICE``) gets ``403`` unless the server
  was made with ``allow_service``, and even then a ``SERVICE`` IRI that is not http(s);
  ``FROM`` and the dataset parameters get ``400`` (above): no graph is loaded by IRI;
- it sends no wildcard CORS: a request from a browser page (``Origin``) is answered
  only for the origins listed in ``allow_origins``, which alone get
  ``Access-Control-Allow-Origin`` and, when a preflight asks,
  ``Access-Control-Allow-Private-Network``; others get ``403``.

Queries run in a :class:`~mineralgraph.graph.query_pool.QueryPool` of worker
processes, behind a bounded queue (full: ``503`` with ``Retry-After``) and a listen
backlog of :data:`LISTEN_BACKLOG`, so a burst of clients waits rather than being
refused, and a query that crashes or hangs its worker costs that worker only.

:func:`remote_query` sends a query to any SPARQL endpoint and returns an
:class:`~mineralgraph.graph.sparql.Answer`, the same as the embedded engines give.
"""

from __future__ import annotations

import base64
import ipaddress
import re
import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from mineralgraph import __version__
from mineralgraph.cells import one_line
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.query_pool import (
    DEFAULT_MAX_ANSWER,
    DEFAULT_QUEUE,
    DEFAULT_WORKER_MEMORY,
    DEFAULT_WORKERS,
    PoolBusyError,
    QueryPool,
    WorkerDiedError,
)
from mineralgraph.graph.sparql import (
    Answer,
    QuerySyntaxError,
    QueryTimeoutError,
    UpdateRefusedError,
)
from mineralgraph.graph.sparql_guard import RemoteAccessRefusedError, dataset_refused
from mineralgraph.graph.sparql_results import (
    ALIASES,
    GRAPH_TYPES,
    RESULT_TYPES,
    answer_from_json,
    answer_from_rdf,
)

#: Paths that answer queries.
QUERY_PATHS = ("/sparql", "/query")
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
MAX_BODY = 1 << 20
#: The largest answer read from another endpoint (``sparql --endpoint``).
MAX_REMOTE_ANSWER = 256 << 20
#: Connections the kernel holds for the server before it accepts them.
LISTEN_BACKLOG = 1024
#: Connections served at once; one more gets 503 at once.
MAX_CONNECTIONS = 1024
#: Seconds an idle connection is kept open.
IDLE_SECONDS = 30
#: Seconds a client is told to wait (``Retry-After``) when the queue is full.
RETRY_AFTER = 1
#: Bytes of headers a request may send (http.server's own limits, 100 lines of 64 KiB,
#: let each connection make the server hold 6.4 MB: a thousand of them, 6.4 GB).
MAX_HEADER_BYTES = 64 << 10

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


#: The SPARQL 1.1 Protocol's parameters that give a query's dataset (section 2.1.4).
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")


def dataset_parameter(params: dict) -> str | None:
    """The first dataset parameter a request gives a graph in, or None.

    The Protocol lets a service refuse them with 400, and this one must: the view is
    one default graph with no named graphs, and it loads no graph by IRI. A parameter
    left blank (a web form's empty field) names no graph, and is no dataset.

    >>> dataset_parameter({"query": ["ASK {}"], "default-graph-uri": [""]}) is None
    True
    >>> dataset_parameter({"named-graph-uri": ["", "http://example.org/g"]})
    'named-graph-uri'
    """
    for name in DATASET_PARAMETERS:
        if any(value.strip() for value in params.get(name, ())):
            return name
    return None


def origin_of(url: str) -> str:
    """The origin (``scheme://host[:port]``) of a URL, as browsers send it in ``Origin``.

    >>> origin_of("https://YASGUI.triply.cc/"), origin_of("http://localhost:8080")
    ('https://yasgui.triply.cc', 'http://localhost:8080')
    """
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or \
            parts.path not in ("", "/") or parts.query or parts.username:
        raise MineralGraphError(f"{url!r} is not an origin: give scheme://host[:port], "
                                "e.g. https://yasgui.triply.cc")
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    port = f":{parts.port}" if parts.port not in (None, default) else ""
    return f"{parts.scheme}://{host}{port}"


def host_allowed(header: str, bound: str, names=()) -> bool:
    """Whether a request's ``Host`` header names this server (and not a rebinding domain).

    An IP address and a ``localhost`` name are always this machine's; any other name
    only when the server was bound to that name, or it is one of ``names``.

    >>> [host_allowed(h, "127.0.0.1") for h in ("localhost:7878", "[::1]:1", "evil.com:7878")]
    [True, True, False]
    """
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1:name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.split(":")[0]
    name = name.rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        known = {bound.strip("[]").lower().rstrip(".")} | {n.lower().rstrip(".") for n in names}
        return bool(name) and name in known


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server holding one SPARQL store (in a pool of workers) and the limits."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address, store, timeout: float | None = DEFAULT_TIMEOUT,
                 max_rows: int | None = DEFAULT_MAX_ROWS, quiet: bool = False, *,
                 workers: int = DEFAULT_WORKERS, queue_size: int = DEFAULT_QUEUE,
                 allow_service: bool = False, allow_origins=(), allow_hosts=(),
                 worker_memory: int | None = DEFAULT_WORKER_MEMORY,
                 max_answer: int = DEFAULT_MAX_ANSWER):
        super().__init__(address, SparqlHandler)
        self.max_answer = max_answer
        self.host_names = tuple(allow_hosts)
        self.store, self.timeout, self.max_rows, self.quiet = store, timeout, max_rows, quiet
        self.bound_host = address[0]
        self.allow_service = allow_service
        self.origins = frozenset(origin_of(o) for o in allow_origins)
        self._connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        try:
            self.pool = QueryPool(store, workers=workers, queue_size=queue_size,
                                  wait=max(timeout or 0, 30.0), allow_service=allow_service,
                                  worker_memory=worker_memory,
                                  max_answer_bytes=max_answer)
        except BaseException:
            super().server_close()
            raise

    @property
    def url(self) -> str:
        """The address of the query service, ``http://host:port/sparql``."""
        host, port = self.server_address[:2]
        return f"http://{host if ':' not in host else f'[{host}]'}:{port}/sparql"

    def process_request(self, request, client_address):
        """Serve a connection in a thread, or answer 503 at once past MAX_CONNECTIONS."""
        if not self._connections.acquire(blocking=False):
            body = b"too many connections: try again shortly\n"
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
                                + f"Retry-After: {RETRY_AFTER}\r\nContent-Length: {len(body)}"
                                  "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                                  .encode() + body)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._connections.release()
            raise

    def handle_error(self, request, client_address):
        """A client gone before its answer is written is no error of the server's."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()

    def server_close(self):
        super().server_close()
        pool = getattr(self, "pool", None)  # None when binding failed
        if pool is not None:
            pool.close()


class _HeaderBudget:
    """A request's reader while its headers are read: past ``budget`` bytes in all, an
    error http.server answers with 431 (Request Header Fields Too Large)."""

    def __init__(self, raw, budget: int):
        self.raw, self.left = raw, budget

    def readline(self, limit: int = -1) -> bytes:
        line = self.raw.readline(limit)
        self.left -= len(line)
        if self.left < 0:
            import http.client

            raise http.client.HTTPException(f"headers over {MAX_HEADER_BYTES} bytes")
        return line

    def __getattr__(self, name):
        return getattr(self.raw, name)


class SparqlHandler(BaseHTTPRequestHandler):
    """The SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    server_version = f"mineralgraph/{__version__}"
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS

    # ------------------------------------------------------------------ the request
    def handle_one_request(self):
        """Read and answer one request, which must arrive whole within ``timeout``
        seconds: the socket's timeout bounds each read only, so a client sending a
        byte every few seconds would hold its connection (and, a thousand times over,
        the server) for as long as it liked."""
        timer = threading.Timer(self.timeout, self._cut_off)
        timer.daemon = True
        self._timer = timer
        timer.start()
        try:
            super().handle_one_request()
        finally:
            timer.cancel()

    def _cut_off(self):
        """Close a connection whose request is still arriving when its time is up."""
        self.close_connection = self.timed_out = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def parse_request(self) -> bool:
        """As http.server's, but a request cut off by its deadline is not answered (what
        arrived of it would otherwise read as a request whose headers ended), and one
        whose headers run past :data:`MAX_HEADER_BYTES` gets 431 as soon as they do."""
        raw = self.rfile
        self.rfile = _HeaderBudget(raw, MAX_HEADER_BYTES)
        try:
            ok = super().parse_request()
        finally:
            self.rfile = raw
        return ok and not getattr(self, "timed_out", False) and self._body_framed()

    def _body_framed(self) -> bool:
        """Whether the request's body has one plain length this server reads, else answer
        and close (request smuggling): a body left unread (on a GET, OPTIONS, PUT) was
        read as the next request on the connection; two ``Content-Length`` headers were
        read as the first, ``0_8`` or ``+8`` as 8 (``int()``), while a proxy in front
        reads them otherwise or not at all. Any ``Transfer-Encoding`` gets 411."""
        lengths = [v.strip() for v in self.headers.get_all("Content-Length") or []]
        if self.headers.get_all("Transfer-Encoding"):
            self.close_connection = True
            self._send(411, "send the body with a Content-Length\n")
            return False
        if lengths and (len(set(lengths)) > 1
                        or not re.fullmatch(r"[0-9]{1,18}", lengths[0])):
            self.close_connection = True
            self._send(400, "bad Content-Length\n")
            return False
        if self.command != "POST" and lengths and int(lengths[0]):
            self.close_connection = True  # its body is never read
        return True

    def _request_read(self):
        """The request is in: the query and the answer take the time they need."""
        timer = getattr(self, "_timer", None)
        if timer is not None:
            timer.cancel()

    # ------------------------------------------------------------------ who may ask
    def _admitted(self) -> bool:
        """Whether the Host and Origin headers may reach this endpoint; else answer 403."""
        host = self.headers.get("Host")
        if host is not None and not host_allowed(host, self.server.bound_host,
                                                   self.server.host_names):
            self.close_connection = True
            self._send(403, f"Host {_printable(host)} is not this endpoint's name (DNS "
                       "rebinding?); ask it by IP address or localhost\n")
            return False
        origin = self.headers.get("Origin")
        if origin is not None and self._origin() is None:
            self.close_connection = True
            self._send(403, f"Origin {_printable(origin)} may not query this endpoint "
                       "(serve --allow-origin ORIGIN lets a page ask it)\n")
            return False
        if self._cross_site_subresource() and self._origin() is None:
            self.close_connection = True
            self._send(403, "a request another site's page made (Sec-Fetch-Site "
                       f"{_printable(self.headers.get('Sec-Fetch-Site', ''))}) may not query "
                       "this endpoint (serve --allow-origin ORIGIN lets a page ask it)\n")
            return False
        return True

    def _cross_site_subresource(self) -> bool:
        """Whether a browser says another site's page made this request without CORS
        (an ``<img src=…/sparql?query=…>``, a no-cors fetch, a form): such a request
        carries no ``Origin`` on GET, yet would run its query (and, with
        ``--allow-service``, make this server fetch what the page names). A link
        followed to the endpoint (a top-level GET navigation) is still answered, as
        the Fetch Metadata resource-isolation policy has it."""
        site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower()
        if site in ("", "same-origin", "none"):
            return False
        navigation = (self.headers.get("Sec-Fetch-Mode") or "").lower() == "navigate" \
            and self.command == "GET" and (self.headers.get("Sec-Fetch-Dest") or "").lower() \
            not in ("object", "embed", "iframe", "frame")
        return not navigation

    def _origin(self) -> str | None:
        """The request's Origin when the user allowed it, else None."""
        origin = (self.headers.get("Origin") or "").strip().lower()
        return origin if origin in self.server.origins else None

    # ------------------------------------------------------------------ verbs
    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._admitted():
            return
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/" and "query" not in params:
            return self._send(200, self._help(), "text/plain; charset=utf-8")
        if url.path not in QUERY_PATHS + ("/",):
            return self._send(404, f"no such path {url.path}; query {QUERY_PATHS[0]}\n")
        self._operation(params)

    def do_HEAD(self):  # noqa: N802
        if self._admitted():
            self._send(200, "", "text/plain; charset=utf-8")

    def do_POST(self):  # noqa: N802
        if not self._admitted():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path not in QUERY_PATHS + ("/",):
            self.close_connection = True  # the body is left unread
            return self._send(404, f"no such path {url.path}; query {QUERY_PATHS[0]}\n")
        length = int(self.headers.get("Content-Length") or 0)  # checked: _body_framed
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
        if not self._admitted():
            return
        extra = {"Allow": "GET, POST, OPTIONS"}
        if self._origin() is not None:
            extra.update({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                          "Access-Control-Allow-Headers": "Content-Type, Accept",
                          "Access-Control-Max-Age": "600"})
            if (self.headers.get("Access-Control-Request-Private-Network") or "").lower() \
                    == "true":  # a page the user listed may ask this private endpoint
                extra["Access-Control-Allow-Private-Network"] = "true"
        self._send(204, "", extra=extra)

    def _not_allowed(self):
        if not self._admitted():
            return
        self._send(405, "read-only SPARQL endpoint: use GET or POST with a query\n",
                   extra={"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    # ------------------------------------------------------------------ the query
    def _operation(self, params: dict):
        self._request_read()
        if "update" in params:
            return self._refuse_update()
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(400, "give exactly one query (query=...)\n")
        named = dataset_parameter(params)
        if named is not None:
            return self._send(400, f"{dataset_refused(named)}\n")
        server = self.server
        try:
            answer = server.pool.render(queries[0], timeout=server.timeout,
                                        limit=server.max_rows, name="query",
                                        accept=self.headers.get("Accept"),
                                        asked=(params.get("format") or [None])[0])
        except UpdateRefusedError:
            return self._refuse_update()
        except RemoteAccessRefusedError as exc:
            return self._send(403, f"{exc}\n")
        except QuerySyntaxError as exc:
            return self._send(400, f"{exc}\n")
        except PoolBusyError as exc:
            return self._send(503, f"busy: {exc}\n", extra={"Retry-After": str(RETRY_AFTER)})
        except QueryTimeoutError as exc:
            return self._send(503, f"{exc}\n")
        except (WorkerDiedError, MineralGraphError) as exc:
            return self._send(500, f"{exc}\n")
        extra = {"X-SPARQL-MaxRows": str(server.max_rows)} if answer.truncated else {}
        try:
            self._send(200, answer.body, answer.media_type, extra)
        finally:
            answer.release()

    def _refuse_update(self):
        self._send(403, "SPARQL Update is refused: this endpoint is read-only\n")

    def _help(self) -> str:
        server = self.server
        return (f"mineralgraph SPARQL endpoint (read-only)\n\nquery: GET or POST "
                f"{server.url}?query=...\nresults: JSON, CSV, TSV, XML by Accept; "
                f"timeout {server.timeout} s; at most {server.max_rows} rows and "
                f"{server.max_answer / (1 << 20):g} MiB an answer\n"
                f"SERVICE: {'allowed (http and https)' if server.allow_service else 'refused'}"
                "; FROM, default-graph-uri, named-graph-uri: refused (one default graph); "
                f"browser origins allowed: {', '.join(sorted(server.origins)) or 'none'}\n")

    def _send(self, status: int, text: str | bytes, ctype: str = "text/plain; charset=utf-8",
              extra: dict | None = None):
        self._request_read()
        body = text if isinstance(text, bytes) else text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        # an error echoes the query: no browser may read text/plain or CSV as a page
        self.send_header("X-Content-Type-Options", "nosniff")
        origin = self._origin()
        if origin is not None:  # only an origin the user listed, never "*"
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", "X-SPARQL-MaxRows")
        if self.server.origins:
            self.send_header("Vary", "Origin")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        if not self.server.quiet:  # a request's escape sequences never reach the terminal
            sys.stderr.write(f"{self.address_string()} {one_line(format % args)}\n")


def make_server(store, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                timeout: float | None = DEFAULT_TIMEOUT,
                max_rows: int | None = DEFAULT_MAX_ROWS, quiet: bool = False, *,
                workers: int = DEFAULT_WORKERS, queue_size: int = DEFAULT_QUEUE,
                allow_service: bool = False, allow_origins=(), allow_hosts=(),
                worker_memory: int | None = DEFAULT_WORKER_MEMORY,
                max_answer: int = DEFAULT_MAX_ANSWER) -> SparqlServer:
    """A SPARQL server bound to ``host:port`` (port 0: any free port); call ``serve_forever``.

    ``workers`` processes answer queries, ``queue_size`` more may wait;
    ``allow_service`` lets queries fetch from other servers (SERVICE to http(s) URLs);
    ``allow_origins`` lists the browser origins (``https://host``) that may ask it;
    ``allow_hosts`` the names besides ``host`` it answers to (``Host`` header);
    ``worker_memory`` caps what a worker may allocate beyond the store (bytes);
    ``max_answer`` is the largest answer sent (bytes, in the format asked: a larger one
    gets ``500`` and one line saying so), and the server holds at most
    :data:`~mineralgraph.graph.query_pool.ANSWERS_IN_FLIGHT` such answers at once.
    Close it with ``server_close()``, which stops the workers.
    """
    try:
        return SparqlServer((host, port), store, timeout, max_rows, quiet, workers=workers,
                            queue_size=queue_size, allow_service=allow_service,
                            allow_origins=allow_origins, allow_hosts=allow_hosts,
                            worker_memory=worker_memory, max_answer=max_answer)
    except OSError as exc:
        raise MineralGraphError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def _printable(text: str, width: int = 80) -> str:
    """A header value shown in a message: printable, on one line, cut to ``width``."""
    shown = "".join(c if c.isprintable() else "?" for c in text)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run a server in a daemon thread (for tests and notebooks); stop with ``shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, name="sparql-endpoint", daemon=True)
    thread.start()
    return thread


# ---------------------------------------------------------------------- client
_CREDENTIALS = re.compile(r"^(?P<head>(?:[A-Za-z][A-Za-z0-9+.-]*:)?//)?(?P<user>[^/@:]*):"
                          r"(?P<password>[^/]*)@")


def redacted(url: str) -> str:
    """A URL fit for messages: a password in it is shown as ``***``, however malformed.

    >>> redacted("https://ana:s3cret@example.org:8890/sparql")
    'https://ana:***@example.org:8890/sparql'
    >>> redacted("ana:p@ss@[::1/sparql"), redacted("http://host:8080/a@b")
    ('ana:***@[::1/sparql', 'http://host:8080/a@b')
    """
    return _CREDENTIALS.sub(lambda m: f"{m['head'] or ''}{m['user']}:***@", url, count=1)


def _without_credentials(url: str) -> tuple[str, dict]:
    """(the URL without ``user:pass@``, the Basic ``Authorization`` header they make)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, {}
    user = urllib.parse.unquote(parts.username or "")
    password = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    return bare, {"Authorization": f"Basic {token}"}


def with_prefixes(query: str) -> str:
    """The query with PREFIX lines for the known prefixes it uses but does not declare."""
    from mineralgraph.graph.rdf import PREFIXES

    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w-]*):", query, re.I)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()
             if p.lower() not in declared and re.search(rf"(?<![\w<]){re.escape(p)}:", query)]
    return "\n".join(lines + [query]) if lines else query


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Follow no redirect: urllib would send the ``Authorization`` header to whatever
    host the answer names (and a POSTed query would arrive there as an empty GET)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises the 3xx as an HTTPError


def remote_query(url: str, query: str, timeout: float | None = None) -> Answer:
    """Send a query to a SPARQL endpoint (POST, form-encoded) and read its answer.

    A ``user:password@`` in the URL is sent as HTTP Basic authentication and shown as
    ``user:***@`` in every message. A redirect is not followed (the credentials would
    go to the host it names): the error says where it leads, to give that URL instead.

    ``timeout`` bounds the whole exchange, not each read: an endpoint that sends its
    answer a byte at a time, each within the socket's timeout, would otherwise hold
    the command for as long as it likes. The exchange runs in a daemon thread, left
    behind (with its socket) when the time is up.
    """
    if timeout is None:
        return _remote_query(url, query, None)
    outcome: dict = {}

    def exchange():
        try:
            outcome["answer"] = _remote_query(url, query, timeout)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=exchange, name="sparql-remote-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeoutError(f"{redacted(url)}: no answer within {timeout:g} s (timeout)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["answer"]


def _remote_query(url: str, query: str, timeout: float | None) -> Answer:
    """:func:`remote_query`'s exchange; ``timeout`` bounds each socket operation."""
    shown = redacted(url)
    try:
        target, auth = _without_credentials(url)
        if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
            raise ValueError("not http or https")
    except ValueError as exc:  # a bad port, brackets, another scheme
        raise MineralGraphError(f"{shown}: not an http(s) URL ({exc})") from None
    data = urllib.parse.urlencode({"query": query}).encode("utf-8")
    try:
        request = urllib.request.Request(target, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, text/turtle;q=0.9, "
                      "application/n-triples;q=0.8",
            "User-Agent": f"mineralgraph/{__version__}", **auth})
    except ValueError:
        raise MineralGraphError(f"{shown}: not an http(s) URL") from None
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=timeout) \
                as response:
            body = response.read(MAX_REMOTE_ANSWER + 1)
            if len(body) > MAX_REMOTE_ANSWER:
                raise MineralGraphError(f"{shown}: the answer is over "
                                        f"{MAX_REMOTE_ANSWER >> 20} MiB; narrow the query "
                                        "(LIMIT)")
            ctype = response.headers.get("Content-Type", "")
            truncated = response.headers.get("X-SPARQL-MaxRows") is not None
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400 and exc.headers.get("Location"):
            raise MineralGraphError(
                f"{shown}: HTTP {exc.code}: the endpoint redirects to "
                f"{_printable(redacted(exc.headers['Location']), 200)}; give that URL "
                "(redirects are not followed, so the query and any password stay "
                "with the URL given)") from None
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise MineralGraphError(f"{shown}: HTTP {exc.code}: "
                                f"{detail[0] if detail else exc.reason}") from None
    except TimeoutError:
        raise QueryTimeoutError(f"{shown}: no answer within {timeout:g} s (timeout)") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise QueryTimeoutError(f"{shown}: no answer within {timeout:g} s (timeout)") \
                from None
        raise MineralGraphError(f"{shown}: cannot reach the endpoint ({exc.reason})") from None
    except (ValueError, OSError) as exc:  # http.client's InvalidURL, a reset connection
        raise MineralGraphError(f"{shown}: cannot reach the endpoint "
                                f"({type(exc).__name__})") from None
    if "json" in ctype and "ld+json" not in ctype:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MineralGraphError(f"{shown}: the answer is not UTF-8 JSON (byte "
                                    f"0x{body[exc.start]:02x} at offset {exc.start})") from None
        try:
            answer = answer_from_json(text)
        except MineralGraphError as exc:
            raise MineralGraphError(f"{shown}: {exc}") from None
    else:
        try:
            answer = answer_from_rdf(body, ctype or "text/turtle")
        except MineralGraphError as exc:
            raise MineralGraphError(f"{shown}: {exc}") from None
    answer.truncated = truncated
    return answer
