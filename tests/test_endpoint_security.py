"""Hostile requests against a real ``mineralgraph serve`` on 127.0.0.1, on both stores.

Each case asserts the exact answer (status, body line, headers) and that nothing was
fetched: a listener on 127.0.0.1 records every request that reaches it.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from http_client import http

from mineralgraph.graph.endpoint import make_server, serve_in_thread
from mineralgraph.graph.rdf import ntriples
from mineralgraph.graph.sparql import ENGINES, open_store
from mineralgraph.graph.sparql_guard import RemoteAccessRefusedError
from mineralgraph.loaders.curated import load_curated

TINY = Path(__file__).parent / "data" / "rdf-tiny"
ALLOWED = "https://allowed.example"
FORMULA = "=cmd|' /C calc'!A0"
EVIL = "<https://w3id.org/mineralgraph/id/product/evil>"
LABEL = "<https://w3id.org/mineralgraph/ontology#label>"
PRODUCTS = "SELECT ?p WHERE { ?p a mg:Product } ORDER BY ?p"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
SERVICE_REFUSED = ("query:1:{col}: SERVICE is refused: a query may not fetch from other "
                   "servers (--allow-service allows federated queries)\n")
FROM_REFUSED = ("query:1:10: FROM is refused: the graph has no named graphs and loads none "
                "by IRI; query its default graph (drop FROM)\n")


# ---------------------------------------------------------------------- fixtures
class _Listener(BaseHTTPRequestHandler):
    """Answers anything with one SPARQL JSON row, and records who asked."""

    def _answer(self):
        self.server.hits.append((self.command, self.path, dict(self.headers)))
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
            {"x": {"type": "literal", "value": "secret-from-listener"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    """An HTTP server on 127.0.0.1 that counts the requests a query makes the endpoint send."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    server.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def hits(listener):
    """The listener's record, emptied for this test; ``hits.url`` is where it listens."""
    listener.hits.clear()
    listener.hits_url = f"http://127.0.0.1:{listener.server_address[1]}"
    return listener


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    """The tiny graph as N-Triples, plus a product whose label is a spreadsheet formula."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.nt"
    text = ntriples(load_curated(TINY).claims)
    path.write_text(text + f'{EVIL} {LABEL} "{FORMULA}" .\n', encoding="utf-8")
    return path


@contextmanager
def serving(*args: str):
    """``mineralgraph serve --port 0 ARGS`` in a subprocess; yields its URL."""
    process = subprocess.Popen([sys.executable, "-m", "mineralgraph", "serve", "--port", "0",
                                "--quiet", *args], stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for line in process.stderr:
            match = re.search(r"SPARQL endpoint at (http://127\.0\.0\.1:\d+/sparql)", line)
            if match:
                break
        assert match, "serve did not start"
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


@pytest.fixture(scope="module", params=ENGINES)
def served(request, hostile_data):
    """A real ``serve`` on each store: 2 s timeout, one allowed origin, hostile data."""
    with serving("--store", request.param, "--data", str(hostile_data), "--timeout", "2",
                 "--allow-origin", ALLOWED + "/") as url:
        yield url




def get(url: str, query: str, headers: dict | None = None):
    return http(f"{url}?{urllib.parse.urlencode({'query': query})}", headers=headers)


def raw(url: str, request: bytes) -> bytes:
    """Send bytes as they are (a Host header urllib would not send) and read the answer."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def still_answers(url: str) -> None:
    status, _, body = get(url, PRODUCTS, {"Accept": "text/csv"})
    assert status == 200 and body.startswith("p\r\n"), (status, body)


# ---------------------------------------------------------------------- SSRF
@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}/s> {{ ?x ?y ?z }} }}",
    "SELECT * WHERE {{ service<{url}/s>{{?x ?y ?z}} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}/s> {{ ?x ?y ?z }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}/s> {{ ?x ?y ?z }} }}",
    "SELECT * WHERE {{ ?s ?p ?o }}",  # control: a plain query passes
    "SELECT * WHERE {{ VALUES ?u {{ <{url}/v> }} SERVICE ?u {{ ?x ?y ?z }} }}",
    "SELECT * WHERE {{ ?s ?p ?o .SERVICE <{url}/s> {{ ?x ?y ?z }} }}",
])
def test_service_is_refused_and_nothing_is_fetched(served, hits, template):
    query = template.format(url=hits.hits_url)
    status, _, body = get(served, query)
    keyword = re.search(r"(?i)service|\\u0053", query)
    if keyword is None:
        assert status == 200
    else:
        assert (status, body) == (403, SERVICE_REFUSED.format(col=keyword.start() + 1))
    assert hits.hits == []


def test_service_word_inside_strings_comments_and_names_is_not_refused(served, hits):
    query = ('SELECT ?l WHERE { ?p mg:label ?l FILTER(?l != "SERVICE <http://x/> {}") '
             "# SERVICE <http://127.0.0.1:9/> { }\n BIND(?service AS ?from) }")
    status, _, body = get(served, query, {"Accept": "text/csv"})
    assert status == 200 and body.startswith("l\r\n")
    assert hits.hits == []


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_is_refused(served, hits, clause):
    status, _, body = get(served, f"SELECT * {clause} <{hits.hits_url}/g> WHERE {{ ?s ?p ?o }}")
    assert (status, body) == (400, FROM_REFUSED)  # the Protocol's 400: no dataset to choose
    assert hits.hits == []


@pytest.mark.parametrize("target", ["listener", "fifo"])
@pytest.mark.parametrize("how", ["query", "update"])
def test_load_is_refused_as_an_update(served, hits, fifo, how, target):
    load = f"LOAD <{hits.hits_url}/data.ttl>" if target == "listener" else \
        f"LOAD SILENT <{fifo.as_uri()}> INTO GRAPH <http://e/g>"
    status, _, body = http(served, urllib.parse.urlencode({how: load}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, body) == (403, "SPARQL Update is refused: this endpoint is read-only\n")
    assert hits.hits == []
    assert never_opened(fifo)


# ---------------------------------------------------------------------- datasets
def dataset_refused(parameter: str) -> str:
    return (f"{parameter} is refused: the graph has no named graphs and loads none by IRI; "
            f"query its default graph (drop {parameter})\n")


@pytest.fixture
def fifo(tmp_path) -> Path:
    """A named pipe: whatever opened it to read would wait for a writer (the request
    would hang to its timeout), and while it waits a writer may open it."""
    path = tmp_path / "secret.ttl"
    os.mkfifo(path)
    return path


def never_opened(path: Path) -> bool:
    """Whether no process holds the named pipe open to read it (ENXIO for a writer)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as exc:
        return exc.errno == 6  # ENXIO: no reader
    return False


def test_graph_patterns_match_nothing_on_both_stores(served):
    """The view is one default graph with no named graphs: GRAPH matches nothing, on
    either store, with no error (rdflib's store raised "requires a dataset")."""
    csv = {"Accept": "text/csv"}
    assert get(served, "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }", csv)[::2] == \
        (200, "g,s\r\n")
    assert get(served, f"SELECT ?s WHERE {{ GRAPH {EVIL} {{ ?s ?p ?o }} }}", csv)[::2] == \
        (200, "s\r\n")
    assert get(served, f"SELECT ?l WHERE {{ {EVIL} {LABEL} ?l }}", csv)[::2] == \
        (200, f"l\r\n'{FORMULA}\r\n")  # the same triple, in the default graph


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("how", ["get", "form", "direct"])
@pytest.mark.parametrize("target", ["listener", "file", "fifo"])
def test_dataset_parameters_are_400_and_nothing_is_read(served, hits, fifo, parameter, how,
                                                        target):
    """SPARQL 1.1 Protocol 2.1.4: a service that does not let clients choose the dataset
    may answer 400; it must not answer from another dataset than the one asked for."""
    graph = {"listener": f"{hits.hits_url}/g", "file": "file:///etc/passwd",
             "fifo": fifo.as_uri()}[target]
    fields = {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", parameter: graph}
    if how == "get":
        status, _, body = http(f"{served}?{urllib.parse.urlencode(fields)}")
    elif how == "form":
        status, _, body = http(served, urllib.parse.urlencode(fields).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = http(f"{served}?{urllib.parse.urlencode({parameter: graph})}",
                               fields["query"].encode(),
                               {"Content-Type": "application/sparql-query"})
    assert (status, body) == (400, dataset_refused(parameter))
    assert hits.hits == []
    assert never_opened(fifo)


def test_blank_dataset_parameters_name_no_graph(served):
    """A web form's empty graph field (Virtuoso's page sends one) names no dataset."""
    fields = {"query": PRODUCTS, "default-graph-uri": "", "named-graph-uri": " "}
    status, _, body = http(f"{served}?{urllib.parse.urlencode(fields)}",
                           headers={"Accept": "text/csv"})
    assert (status, body.splitlines()[:2]) == (200, ["p", "https://w3id.org/mineralgraph/id/"
                                                    "product/drone"])


@pytest.mark.parametrize("engine", ENGINES)
def test_allow_service_server_reads_no_file_and_takes_no_dataset(hits, fifo, engine):
    """--allow-service lets a query reach http(s) servers, nothing more: a file: SERVICE,
    FROM (any IRI) and the dataset parameters are refused, and the pipe is never opened."""
    store = open_store(load_curated(TINY).claims, engine)
    server = make_server(store, port=0, timeout=5, quiet=True, workers=1, allow_service=True)
    serve_in_thread(server)
    try:
        service = f"SELECT * WHERE {{ SERVICE <{fifo.as_uri()}> {{ ?x ?y ?z }} }}"
        assert get(server.url, service)[::2] == (403, (
            f"query:1:18: SERVICE <{fifo.as_uri()}> is refused: a service is an http or "
            "https URL (no file is read, whatever --allow-service says)\n"))
        for graph in (fifo.as_uri(), f"{hits.hits_url}/g"):
            assert get(server.url, f"SELECT * FROM <{graph}> WHERE {{ ?s ?p ?o }}")[::2] == \
                (400, FROM_REFUSED)
            fields = {"query": PRODUCTS, "named-graph-uri": graph}
            assert http(f"{server.url}?{urllib.parse.urlencode(fields)}")[::2] == \
                (400, dataset_refused("named-graph-uri"))
        assert hits.hits == []
        assert never_opened(fifo)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("store", ENGINES)
def test_sparql_command_reads_no_file_even_with_allow_service(run_cli, hits, hostile_data,
                                                              fifo, store):
    base = ("sparql", "--data", str(hostile_data), "--store", store, "--allow-service")
    result = run_cli(*base, f"SELECT * FROM <{fifo.as_uri()}> WHERE {{ ?s ?p ?o }}")
    assert (result.exit_code, result.stderr) == (1, "Error: " + FROM_REFUSED)
    result = run_cli(*base, f"SELECT * WHERE {{ SERVICE SILENT <{fifo.as_uri()}> {{ ?s ?p ?o }} }}")
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: query:1:18: SERVICE <{fifo.as_uri()}> is refused: a service is an http or "
        "https URL (no file is read, whatever --allow-service says)\n"))
    assert hits.hits == []
    assert never_opened(fifo)


# ---------------------------------------------------------------------- JSON-LD contexts
REMOTE_CONTEXTS = {  # file text, line, key and IRI of the context the message names
    "plain": ('{{"@context": "{url}/ctx", "@id": "http://e/a", "name": "x"}}', 1, "context",
              "{url}/ctx"),
    "array": ('{{\n  "@context": [{{"p": "http://e/p"}}, "{url}/ctx"],\n  "@id": "http://e/a",'
              ' "p": "x"}}', 2, "context", "{url}/ctx"),
    "import": ('{{\n "@context": {{\n  "@version": 1.1,\n  "@import": "{url}/ctx"}},\n'
               ' "@id": "http://e/a"}}', 4, "import", "{url}/ctx"),
    "scoped": ('{{"@context": {{"k": {{"@id": "http://e/k", "@context": "{url}/s"}}}},\n'
               ' "@id": "http://e/a", "k": {{"@id": "http://e/b"}}}}', 1, "context", "{url}/s"),
    "file": ('{{"@context": "{fifo}", "@id": "http://e/a"}}', 1, "context", "{fifo}"),
    "relative": ('{{"@context": "ctx.jsonld", "@id": "http://e/a"}}', 1, "context",
                 "ctx.jsonld"),
}


@pytest.mark.parametrize("how", ["memory", "oxigraph", "disk", "build", "serve"])
@pytest.mark.parametrize("case", sorted(REMOTE_CONTEXTS))
def test_a_remote_jsonld_context_is_one_line_and_never_fetched(run_cli, hits, fifo, tmp_path,
                                                               how, case):
    text, line, key, iri = (part.format(url=hits.hits_url, fifo=fifo.as_uri())
                            if isinstance(part, str) else part
                            for part in REMOTE_CONTEXTS[case])
    path = tmp_path / "linked.jsonld"
    path.write_text(text, encoding="utf-8")
    args = {"memory": ("sparql", "ASK {}", "--data", str(path)),
            "oxigraph": ("sparql", "ASK {}", "--data", str(path), "--store", "oxigraph"),
            "disk": ("sparql", "ASK {}", "--data", str(path), "--store", "oxigraph",
                     "--data-dir", str(tmp_path / "store")),
            "build": ("build", "--no-bundled", "--source", str(path), "--out",
                      str(tmp_path / "g.json")),
            "serve": ("serve", "--port", "0", "--data", str(path))}[how]
    result = run_cli(*args)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f'Error: {path}:{line}: @{key} "{iri}" is a remote JSON-LD context, which is not '
        "fetched (mineralgraph reads no URL and no other file); put the context's terms in "
        "the file itself")
    assert hits.hits == []
    assert never_opened(fifo)
    assert not (tmp_path / "store").exists() and not (tmp_path / "g.json").exists()


@pytest.mark.parametrize("store", ENGINES)
def test_sparql_command_refuses_service(run_cli, hits, hostile_data, store):
    query = f"SELECT ?x WHERE {{ SERVICE <{hits.hits_url}/s> {{ ?x ?y ?z }} }}"
    result = run_cli("sparql", query, "--data", str(hostile_data), "--store", store)
    assert result.exit_code == 1
    assert result.stderr == "Error: " + SERVICE_REFUSED.format(col=19)
    assert hits.hits == []


@pytest.mark.parametrize("store", ENGINES)
def test_sparql_command_allow_service_fetches_deliberately(run_cli, hits, hostile_data, store):
    query = f"SELECT ?x WHERE {{ SERVICE <{hits.hits_url}/s> {{ ?x ?y ?z }} }}"
    result = run_cli("sparql", query, "--data", str(hostile_data), "--store", store,
                     "--allow-service", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["x", "secret-from-listener"]
    assert len(hits.hits) == 1


def test_an_echoed_query_is_never_sniffed_as_a_page(served):
    status, headers, _ = get(served, "SELECT * { ?s ?p '<script>alert(1)</script>' ")
    assert (status, headers["Content-Type"]) == (400, "text/plain; charset=utf-8")
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = get(served, f"SELECT ?l {{ {EVIL} {LABEL} ?l }}",
                                {"Accept": "text/csv"})
    assert (status, headers["X-Content-Type-Options"]) == (200, "nosniff")


def test_a_request_cannot_write_escape_sequences_to_the_servers_terminal(hostile_data):
    """The request log escapes control characters (http.server's own log does; the
    endpoint's override did not): a path with ESC ] 0 ; ... BEL retitled the console."""
    process = subprocess.Popen([sys.executable, "-m", "mineralgraph", "serve", "--port", "0",
                                "--data", str(hostile_data)], stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for line in process.stderr:
            match = re.search(r"SPARQL endpoint at (http://127\.0\.0\.1:\d+/sparql)", line)
            if match:
                break
        url = match.group(1)
        raw(url, b"GET /\x1b]0;pwned\x07\x1b[2J HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Connection: close\r\n\r\n")
        logged = process.stderr.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
    assert "\x1b" not in logged and "\x07" not in logged
    assert '"GET /\\x1b]0;pwned\\x07\\x1b[2J HTTP/1.1" 404' in logged, logged


# ---------------------------------------------------------------------- Host, Origin, CORS
@pytest.mark.parametrize("host,status", [
    ("evil.example:7878", 403), ("localhost.evil.example", 403), ("127.0.0.1.nip.io", 403),
    ("localhost:7878", 200), ("127.0.0.1", 200), ("[::1]:7878", 200)])
def test_host_header_must_name_this_machine(served, host, status):
    path = urllib.parse.urlsplit(served).path + "?" + urllib.parse.urlencode({"query": PRODUCTS})
    answer = raw(served, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
                         "Accept: text/csv\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0] == f"HTTP/1.1 {status} ".encode() + (
        b"OK" if status == 200 else b"Forbidden")
    if status == 403:
        name = host
        assert body.decode() == (f"Host {name} is not this endpoint's name (DNS rebinding?); "
                                 "ask it by IP address or localhost\n")
    else:
        assert body.startswith(b"p\r\n")


def test_no_wildcard_cors_and_no_private_network_by_default(served):
    status, headers, _ = get(served, PRODUCTS)
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] is None
    assert headers["Access-Control-Allow-Private-Network"] is None


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "https://allowed.example.evil",
                                    "http://allowed.example"])
def test_unlisted_origin_is_refused_before_the_query_runs(served, hits, origin):
    query = f"SELECT * WHERE {{ SERVICE <{hits.hits_url}/s> {{ ?x ?y ?z }} }}"
    status, headers, body = get(served, query, {"Origin": origin})
    assert (status, body) == (403, f"Origin {origin} may not query this endpoint "
                                   "(serve --allow-origin ORIGIN lets a page ask it)\n")
    assert headers["Access-Control-Allow-Origin"] is None
    assert hits.hits == []


def test_listed_origin_gets_its_own_origin_back(served):
    status, headers, _ = get(served, PRODUCTS, {"Origin": ALLOWED})
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == ALLOWED
    assert headers["Vary"] == "Origin"


def test_preflight_private_network_only_for_a_listed_origin(served):
    asks = {"Access-Control-Request-Method": "POST",
            "Access-Control-Request-Private-Network": "true"}
    status, headers, _ = http(served, method="OPTIONS", headers={"Origin": ALLOWED, **asks})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == ALLOWED
    assert headers["Access-Control-Allow-Private-Network"] == "true"
    assert headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    status, headers, _ = http(served, method="OPTIONS",
                              headers={"Origin": "https://evil.example", **asks})
    assert status == 403
    assert headers["Access-Control-Allow-Origin"] is None
    assert headers["Access-Control-Allow-Private-Network"] is None


def test_allow_origin_must_be_an_origin(run_cli):
    result = run_cli("serve", "--allow-origin", "*")
    assert result.exit_code == 2
    assert ("Invalid value for '--allow-origin': '*' is not an origin: give "
            "scheme://host[:port], e.g. https://yasgui.triply.cc") in result.stderr


# ---------------------------------------------------------------------- size, depth, time
def test_query_nested_3000_deep_is_400_and_the_server_goes_on(served):
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    status, _, body = http(served, deep.encode(), {"Content-Type": "application/sparql-query"})
    assert (status, body) == (400, "query:1:48: nested deeper than 32 levels of brackets; "
                                   "flatten the query\n")
    still_answers(served)


def test_nesting_at_the_limit_is_answered(served):
    query = "SELECT * WHERE " + "{" * 32 + " ?s a mg:Product " + "}" * 32
    status, _, body = get(served, query, {"Accept": "text/csv"})
    assert status == 200 and body.count("\r\n") == 4  # header + 3 products


def test_deep_parentheses_are_400(served):
    query = "ASK { FILTER(" + "(" * 500 + "1" + ")" * 500 + ") }"
    status, _, body = get(served, query)
    assert (status, body) == (400, "query:1:44: nested deeper than 32 levels of brackets; "
                                   "flatten the query\n")


def test_huge_post_is_413_and_huge_get_is_414(served):
    big = b"ASK {}" + b" " * (2 << 20)
    status, _, body = http(served, big, {"Content-Type": "application/sparql-query"})
    assert (status, body) == (413, "request body over 1048576 bytes\n")
    status, _, _ = get(served, "ASK {}" + " " * 70_000)
    assert status == 414
    still_answers(served)



def test_headers_past_64_kib_are_431_at_once(served):
    """http.server's own limits (100 header lines of 64 KiB) let a connection make the
    server hold 6.4 MB until its 30 s were up: 100 such connections took it from 58 to
    758 MiB, a thousand would take 6.4 GB. The answer now comes as soon as the headers
    pass 64 KiB, before the rest is sent."""
    parts = urllib.parse.urlsplit(served)
    line = b"X-Padding: " + b"a" * 40_000 + b"\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n" + line * 2)
        answer = conn.recv(65536)  # no blank line sent: before, no answer for 30 s
    assert answer.startswith(b"HTTP/1.1 431 ")
    status, _, _ = get(served, "ASK {}", {"X-Padding": "a" * 30_000})  # under: answered
    assert status == 200
    still_answers(served)

SMUGGLED = (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n"
            b"Connection: close\r\n\r\n")


@pytest.mark.parametrize("request_bytes, status", [
    # a body on a request whose body the server does not read (GET, OPTIONS, PUT)
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n"
     % len(SMUGGLED) + SMUGGLED, 200),
    (b"OPTIONS /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n"
     % len(SMUGGLED) + SMUGGLED, 204),
    (b"PUT /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n"
     % len(SMUGGLED) + SMUGGLED, 405),
    (b"GET /sparql?query=ASK%%7B%%7D HTTP/1.1\r\nHost: localhost\r\n"
     b"Transfer-Encoding: chunked\r\n\r\n%x\r\n" % len(SMUGGLED) + SMUGGLED
     + b"\r\n0\r\n\r\n", 411),
    # two lengths, or a length Python's int() reads and a proxy would not
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query"
     b"\r\nContent-Length: 8\r\nContent-Length: %d\r\n\r\nASK { }\n"
     % (8 + len(SMUGGLED)) + SMUGGLED, 400),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query"
     b"\r\nContent-Length: 0_8\r\n\r\nASK { }\n" + SMUGGLED, 400),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query"
     b"\r\nContent-Length: +8\r\n\r\nASK { }\n" + SMUGGLED, 400),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query"
     b"\r\nTransfer-Encoding: gzip\r\nContent-Length: 8\r\n\r\nASK { }\n" + SMUGGLED,
     411),
], ids=["get-body", "options-body", "put-body", "get-chunked", "two-lengths",
        "underscore-length", "plus-length", "te-and-length"])
def test_a_body_is_never_read_as_the_next_request(served, request_bytes, status):
    """Request smuggling: http.server leaves unread a body the handler does not read,
    and read what followed on the connection as the next request; a body on a GET
    (or OPTIONS, PUT) sent a second request through whatever stood in front of the
    endpoint. Two Content-Length headers were read as the first, ``0_8`` and ``+8`` as
    8 (Python's int()), a Transfer-Encoding other than chunked was ignored. Now one
    answer, and the connection is closed after it."""
    answer = raw(served, request_bytes)
    statuses = re.findall(rb"HTTP/1\.[01] (\d{3})", answer)
    assert statuses == [str(status).encode()], answer[:300]
    still_answers(served)


def test_runaway_query_is_stopped_and_the_worker_replaced(served):
    status, _, body = get(served, SLOW)
    assert (status, body) == (503, "query: stopped after 2 s (timeout); narrow the query or "
                                   "raise --timeout\n")
    for _ in range(3):  # every worker answers again
        still_answers(served)


def test_update_is_refused_and_nothing_changes(served):
    update = f"INSERT DATA {{ {EVIL} {LABEL} \"changed\" }}"
    status, _, body = http(served, update.encode(), {"Content-Type": "application/sparql-update"})
    assert (status, body) == (403, "SPARQL Update is refused: this endpoint is read-only\n")
    status, _, body = get(served, f"SELECT ?l {{ {EVIL} {LABEL} ?l }}", {"Accept": "text/csv"})
    assert body == f"l\r\n'{FORMULA}\r\n"


# ---------------------------------------------------------------------- CSV, passwords
def test_endpoint_csv_defuses_formula_cells(served):
    status, headers, body = get(served, f"SELECT ?p ?l {{ ?p {LABEL} ?l FILTER(?p = {EVIL}) }}",
                                {"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert body == f"p,l\r\nhttps://w3id.org/mineralgraph/id/product/evil,'{FORMULA}\r\n"


def test_sparql_command_csv_defuses_formula_cells(run_cli, hostile_data):
    result = run_cli("sparql", f"SELECT ?l {{ {EVIL} {LABEL} ?l }}", "--data", str(hostile_data),
                     "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["l", f"'{FORMULA}"]


def test_endpoint_tsv_defuses_formula_literals(served):
    """A spreadsheet drops the quotes of a TSV cell ``"=..."`` and runs the formula."""
    status, headers, body = get(served, f"SELECT ?p ?l {{ ?p {LABEL} ?l FILTER(?p = {EVIL}) }}",
                                {"Accept": "text/tab-separated-values"})
    assert status == 200
    assert body == f"?p\t?l\n{EVIL}\t\"'{FORMULA}\"\n"


def test_sparql_command_tsv_defuses_formula_literals(run_cli, hostile_data):
    result = run_cli("sparql", f"SELECT ?l ?n {{ {EVIL} {LABEL} ?l BIND(-3 AS ?n) }}",
                     "--data", str(hostile_data), "--format", "tsv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["?l\t?n", f"\"'{FORMULA}\"\t\"-3\"^^<http://"
                                                   "www.w3.org/2001/XMLSchema#integer>"]


def test_csv_column_names_are_defused_too():
    """A query names its columns (``RETURN x AS `=cmd```): the header is a cell too."""
    from mineralgraph.graph.cypher import CypherResult
    from mineralgraph.reports.query import render_cypher

    result = CypherResult(["=cmd|' /C calc'!A0", "n"], [{"=cmd|' /C calc'!A0": "@x", "n": -1}])
    assert render_cypher(result, "csv") == "'=cmd|' /C calc'!A0,n\n'@x,-1\n"


def test_password_in_endpoint_url_never_shown(run_cli):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("sparql", "ASK {}", "--endpoint", f"http://ana:s3cret@127.0.0.1:{port}/sparql")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: http://ana:***@127.0.0.1:{port}/sparql: cannot "
                                    "reach the endpoint (")
    assert "s3cret" not in result.stderr + result.stdout


def test_password_in_endpoint_url_is_sent_as_basic_auth(run_cli, hits):
    url = hits.hits_url.replace("http://", "http://ana:s%40cret@") + "/sparql"
    result = run_cli("sparql", "SELECT ?x {}", "--endpoint", url, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["x", "secret-from-listener"]
    (method, path, headers), = hits.hits
    assert (method, path) == ("POST", "/sparql")
    assert headers["Authorization"] == "Basic YW5hOnNAY3JldA=="  # ana:s@cret


class _Redirect(BaseHTTPRequestHandler):
    """Answers every request with a redirect to ``server.to``."""

    def _answer(self):
        self.send_response(self.server.code)
        self.send_header("Location", self.server.to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed_and_the_password_stays(run_cli, hits, code):
    """urllib follows a 30x with every header, Authorization included, to the host the
    answer names: ``--endpoint`` follows none, and says where it leads."""
    redirect = ThreadingHTTPServer(("127.0.0.1", 0), _Redirect)
    redirect.code, redirect.to = code, hits.hits_url + "/elsewhere"
    threading.Thread(target=redirect.serve_forever, daemon=True).start()
    try:
        url = f"http://ana:s3cret@127.0.0.1:{redirect.server_address[1]}/sparql"
        result = run_cli("sparql", "SELECT ?x {}", "--endpoint", url)
    finally:
        redirect.shutdown()
        redirect.server_close()
    assert result.exit_code == 1 and hits.hits == []
    assert result.stderr == (
        f"Error: http://ana:***@127.0.0.1:{redirect.server_address[1]}/sparql: HTTP {code}: "
        f"the endpoint redirects to {hits.hits_url}/elsewhere; give that URL (redirects are "
        "not followed, so the query and any password stay with the URL given)\n")


class _Answers(BaseHTTPRequestHandler):
    """Answers every request with ``server.body`` as ``server.ctype``."""

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", self.server.ctype)
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@contextmanager
def answering(ctype: str, body: bytes):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    server.ctype, server.body = ctype, body
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(f'<!ENTITY {n} "{f"&{p};" * 10}">'.encode()
                     for p, n in zip("abcdefgh", "bcdefghi", strict=True))
          + b']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns:e="http://e/"><rdf:Description rdf:about="http://e/a"><e:p>&i;</e:p>'
            b'</rdf:Description></rdf:RDF>')


def test_an_endpoint_answering_rdf_xml_is_refused_not_expanded(run_cli):
    """Oxigraph's RDF/XML reader expands a DTD's entities: this kilobyte is a literal of
    10^9 characters. Only the formats asked for are read."""
    with answering("application/rdf+xml", LAUGHS) as url:
        result = run_cli("sparql", "CONSTRUCT WHERE { ?s ?p ?o }", "--endpoint", url)
    assert (result.exit_code, result.stderr) == (1, f"Error: {url}: the endpoint answered "
                                                    "application/rdf+xml, not a format asked "
                                                    "for (SPARQL JSON, Turtle, N-Triples)\n")


def test_an_endpoint_answer_too_large_is_refused(run_cli, monkeypatch):
    from mineralgraph.graph import endpoint

    monkeypatch.setattr(endpoint, "MAX_REMOTE_ANSWER", 1 << 20)
    with answering("text/turtle", b"<http://e/a> <http://e/p> " + b'"' + b"x" * (2 << 20)
                   + b'" .\n') as url:
        result = run_cli("sparql", "CONSTRUCT WHERE { ?s ?p ?o }", "--endpoint", url)
    assert (result.exit_code, result.stderr) == (1, f"Error: {url}: the answer is over 1 MiB; "
                                                    "narrow the query (LIMIT)\n")


def test_password_hidden_in_http_errors(run_cli, served):
    base = served.replace("http://", "http://ana:s3cret@")
    result = run_cli("sparql", "SELECT WHERE", "--endpoint", base)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {served.replace('http://', 'http://ana:***@')}: "
                                    "HTTP 400: query:1:")
    assert "s3cret" not in result.stderr


# ---------------------------------------------------------------------- the pool, in-process
@pytest.mark.parametrize("engine", ENGINES)
def test_full_queue_is_503_with_retry_after(engine):
    store = open_store(load_curated(TINY).claims, engine)
    server = make_server(store, port=0, timeout=3, quiet=True, workers=1, queue_size=0)
    serve_in_thread(server)
    try:
        def hold_the_worker():  # the slow query, sent until it gets the only slot
            while get(server.url, SLOW)[0] == 503 and not stop.is_set():
                pass

        stop = threading.Event()
        slow = threading.Thread(target=hold_the_worker, daemon=True)
        slow.start()
        for _ in range(300):  # until the slow query holds the only worker
            status, headers, body = get(server.url, PRODUCTS)
            if status == 503:
                break
            time.sleep(0.01)
        stop.set()
        assert (status, body) == (503, "busy: 1 queries running and 0 waiting: try again "
                                       "shortly\n")
        assert headers["Retry-After"] == "1"
        slow.join(10)
        assert get(server.url, PRODUCTS)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_a_worker_that_crashes_is_replaced():
    """Past the depth check (lifted here), Oxigraph's parser overflows its stack and dies."""
    from mineralgraph.graph.query_pool import QueryPool, WorkerDiedError

    store = open_store(load_curated(TINY).claims, "oxigraph")
    with QueryPool(store, workers=1, max_depth=10**6) as pool:
        with pytest.raises(WorkerDiedError, match=r"^query: the query process died \(signal "
                                                  r"11\); the endpoint goes on$"):
            pool.run("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000)
        assert pool.replaced == 1
        assert pool.run(PRODUCTS, timeout=10).column("p") == [
            "product:drone", "product:phone", "product:radar"]


def test_allow_service_server_fetches_deliberately(hits):
    store = open_store(load_curated(TINY).claims, "oxigraph")
    server = make_server(store, port=0, timeout=5, quiet=True, workers=1, allow_service=True)
    serve_in_thread(server)
    try:
        query = f"SELECT ?x WHERE {{ SERVICE <{hits.hits_url}/s> {{ ?x ?y ?z }} }}"
        status, _, body = get(server.url, query, {"Accept": "text/csv"})
        assert (status, body) == (200, "x\r\nsecret-from-listener\r\n")
        assert len(hits.hits) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_an_answer_too_large_is_refused_in_the_worker():
    from mineralgraph.exceptions import MineralGraphError
    from mineralgraph.graph.query_pool import QueryPool

    store = open_store(load_curated(TINY).claims, "oxigraph")
    big = 'SELECT (GROUP_CONCAT(STR(?o)) AS ?all) { ?s ?p ?o . ?a ?b ?c }'
    with QueryPool(store, workers=1, max_answer_bytes=100_000) as pool:
        with pytest.raises(MineralGraphError, match=r"^query: the answer is over 100,000 "
                                                    r"bytes; narrow the query$"):
            pool.run(big, timeout=30)
        assert pool.replaced == 0
        assert len(pool.run(PRODUCTS, timeout=10).rows) == 3


def test_the_reported_crash_oxigraph_without_timeout(hostile_data):
    """Issue 12: a query nested 3,000 deep with Oxigraph and --timeout 0 killed the server."""
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    with serving("--store", "oxigraph", "--data", str(hostile_data), "--timeout", "0") as url:
        status, _, body = http(url, deep.encode(), {"Content-Type": "application/sparql-query"})
        assert (status, body) == (400, "query:1:48: nested deeper than 32 levels of brackets; "
                                       "flatten the query\n")
        still_answers(url)


@pytest.mark.parametrize("store", ENGINES)
def test_sparql_command_deep_query_is_one_line(run_cli, hostile_data, store):
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    result = run_cli("sparql", deep, "--data", str(hostile_data), "--store", store,
                     "--timeout", "0")
    assert result.exit_code == 1
    assert result.stderr == ("Error: query:1:48: nested deeper than 32 levels of brackets; "
                             "flatten the query\n")


@pytest.mark.parametrize("url,shown,why", [
    ("http://ana:s3cret@[::1/sparql", "http://ana:***@[::1/sparql", "Invalid IPv6 URL"),
    ("ftp://ana:s3cret@127.0.0.1/x", "ftp://ana:***@127.0.0.1/x", "not http or https"),
    ("ana:s3cret@example.org", "ana:***@example.org", "not http or https"),
    ("file:///etc/passwd", "file:///etc/passwd", "not http or https"),
])
def test_malformed_endpoint_urls_are_one_line_without_the_password(run_cli, url, shown, why):
    result = run_cli("sparql", "ASK {}", "--endpoint", url)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {shown}: not an http(s) URL ({why})\n"
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_stopping_the_server_stops_its_workers(hostile_data, how):
    import signal

    process = subprocess.Popen([sys.executable, "-m", "mineralgraph", "serve", "--port", "0",
                                "--quiet", "--data", str(hostile_data), "--workers", "2"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert "SPARQL endpoint at" in process.stderr.readline()
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        workers = [int(pid) for pid in children.read_text().split()]
        assert len(workers) == 2
        process.send_signal(getattr(signal, how))
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.1)
        assert [w for w in workers if Path(f"/proc/{w}").exists()] == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()


def test_allow_host_adds_a_name_and_nothing_else():
    store = open_store(load_curated(TINY).claims, "oxigraph")
    server = make_server(store, port=0, quiet=True, workers=1,
                         allow_hosts=("analyst-box.lan",))
    serve_in_thread(server)
    try:
        def status(host):
            answer = raw(server.url, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}"
                                     "\r\nConnection: close\r\n\r\n".encode())
            return int(answer.split(b" ")[1])

        assert [status(h) for h in ("analyst-box.lan:7878", "ANALYST-BOX.lan.",
                                    "other-box.lan:7878", "10.1.2.3:7878")] == [
            200, 200, 403, 200]
    finally:
        server.shutdown()
        server.server_close()


def test_a_query_past_the_worker_memory_cap_ends_its_worker_only():
    from mineralgraph.graph.query_pool import QueryPool, WorkerDiedError

    store = open_store(load_curated(TINY).claims, "oxigraph")
    hog = ("SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?s), STR(?o), STR(?b)))) AS ?n) "
           "{ ?s ?p ?o . ?a ?b ?c . ?d ?e ?f }")
    with QueryPool(store, workers=1, worker_memory=100 << 20) as pool:
        with pytest.raises(WorkerDiedError, match=r"^query: the query process died \(signal 6, "
                                                  r"likely past its memory cap of 100 MiB\)"):
            pool.run(hog, timeout=60)
        assert pool.replaced == 1
        assert len(pool.run(PRODUCTS, timeout=10).rows) == 3


def test_without_worker_processes_queries_run_in_threads():
    """Where fork does not exist (Windows) the pool answers in the server's threads."""
    from mineralgraph.graph.query_pool import QueryPool

    store = open_store(load_curated(TINY).claims, "memory")
    with QueryPool(store, workers=2, processes=False) as pool:
        assert pool.run(PRODUCTS, timeout=10).column("p") == [
            "product:drone", "product:phone", "product:radar"]
        with pytest.raises(RemoteAccessRefusedError):
            pool.run("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        assert pool.run("ASK { ?s ?p ?o }").boolean is True


def test_a_request_sent_a_byte_at_a_time_is_cut_off_at_the_idle_limit(monkeypatch):
    """Each byte within the socket's timeout kept a half-sent request open for ever, so a
    thousand such clients held every connection the server serves (then 503 for all)."""
    from mineralgraph.graph.endpoint import SparqlHandler

    monkeypatch.setattr(SparqlHandler, "timeout", 1.0)
    store = open_store(load_curated(TINY).claims, "memory")
    server = make_server(store, port=0, quiet=True, workers=1)
    serve_in_thread(server)
    try:
        conn = socket.create_connection(server.server_address[:2], timeout=10)
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")
        start, answer = time.monotonic(), b""
        try:
            while time.monotonic() - start < 5:
                conn.sendall(b"X")
                conn.settimeout(0.3)
                try:
                    answer = conn.recv(100)
                    break  # the server closed the connection (b"") or answered
                except TimeoutError:
                    pass
        except OSError:  # the server reset it while we sent
            pass
        held = time.monotonic() - start
        conn.close()
        assert answer == b"" and held < 2.5, (held, answer)
        assert get(server.url, PRODUCTS)[0] == 200  # whole requests are still answered
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("fetch, refused", [
    ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors",
      "Sec-Fetch-Dest": "image"}, True),
    ({"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors",
      "Sec-Fetch-Dest": "script"}, True),
    ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate",
      "Sec-Fetch-Dest": "iframe"}, True),
    ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate",
      "Sec-Fetch-Dest": "document"}, False),
    ({"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate",
      "Sec-Fetch-Dest": "document"}, False),
    ({"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}, False),
], ids=["img-from-another-site", "script-from-a-sibling-site", "framed-by-another-site",
        "a-link-followed", "typed-in-the-address-bar", "same-origin"])
def test_a_page_of_another_site_cannot_make_a_browser_query_it(hits, fetch, refused):
    """`<img src="http://127.0.0.1:7878/sparql?query=...SERVICE <http://intranet/>...">`
    on any web page carries no Origin (a GET), so the query ran: with --allow-service the
    endpoint fetched the URL the page named (the listener of the test saw it)."""
    store = open_store(load_curated(TINY).claims, "oxigraph")
    server = make_server(store, port=0, timeout=5, quiet=True, workers=1, allow_service=True)
    serve_in_thread(server)
    try:
        query = f"SELECT ?x WHERE {{ SERVICE <{hits.hits_url}/s> {{ ?x ?y ?z }} }}"
        status, _, body = get(server.url, query, {"Accept": "text/csv", **fetch})
        if refused:
            assert (status, body) == (403, "a request another site's page made (Sec-Fetch-Site "
                                           f"{fetch['Sec-Fetch-Site']}) may not query this "
                                           "endpoint (serve --allow-origin ORIGIN lets a page "
                                           "ask it)\n")
            assert hits.hits == []
        else:
            assert (status, body) == (200, "x\r\nsecret-from-listener\r\n")
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------- answer memory
def _peak_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_large_answer_costs_the_server_its_bytes_only(hostile_data):
    """The server unpickled each answer's terms and rendered them itself: a 67 MiB CSV
    answer took it from 174 to 812 MiB peak. Written in the worker, the server holds the
    bytes only."""
    query = ("SELECT ?s ?p ?o ?l { ?s ?p ?o . ?x <https://w3id.org/mineralgraph/ontology#label> "
             "?l . VALUES ?k { 1 2 3 4 } }")  # 13.7 MiB as CSV
    process = subprocess.Popen([sys.executable, "-m", "mineralgraph", "serve", "--port", "0",
                                "--quiet", "--store", "oxigraph", "--data", str(hostile_data),
                                "--workers", "1", "--max-rows", "10000000", "--timeout", "300"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        url = re.search(r"http://\S+/sparql", process.stderr.readline()).group(0)
        still_answers(url)
        before = _peak_mib(process.pid)
        status, headers, body = get(url, query, {"Accept": "text/csv"})
        grown = _peak_mib(process.pid) - before
        size = len(body.encode()) / (1 << 20)
        assert status == 200 and body.startswith("s,p,o,l\r\n") and size > 8, (status, size)
        assert grown < 2 * size, f"the server grew {grown:.0f} MiB for a {size:.0f} MiB answer"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


@pytest.mark.parametrize("store", ENGINES)
@pytest.mark.parametrize("accept,fmt", [("text/csv", "csv"),
                                        ("application/sparql-results+json", "json"),
                                        ("text/tab-separated-values", "tsv")])
def test_an_answer_over_max_answer_is_one_line_and_the_server_goes_on(store, accept, fmt):
    from mineralgraph.graph.sparql import run_query
    from mineralgraph.graph.sparql_results import answer_text

    data = open_store(load_curated(TINY).claims, store)
    server = make_server(data, port=0, quiet=True, workers=1, max_answer=4000)
    serve_in_thread(server)
    try:
        status, _, body = get(server.url, "SELECT ?s ?p ?o { ?s ?p ?o }", {"Accept": accept})
        assert (status, body) == (500, f"query: the answer ({fmt}) is over 4,000 bytes, this "
                                       "endpoint's limit; narrow the query (LIMIT, fewer "
                                       "columns) or raise serve --max-answer\n")
        status, headers, body = get(server.url, PRODUCTS, {"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert body == answer_text(run_query(data, PRODUCTS), fmt)
    finally:
        server.shutdown()
        server.server_close()


def test_answers_held_at_once_wait_for_room_then_get_busy():
    """At most ANSWERS_IN_FLIGHT answers of the largest size are held while being sent;
    one more waits, then is refused (its worker replaced: its answer was left unread)."""
    from mineralgraph.graph.query_pool import ANSWERS_IN_FLIGHT, PoolBusyError, QueryPool

    data = open_store(load_curated(TINY).claims, "oxigraph")
    with QueryPool(data, workers=1, max_answer_bytes=60, wait=0.5) as pool:
        held = [pool.render("ASK {}", timeout=10, accept="text/csv")
                for _ in range(2 * ANSWERS_IN_FLIGHT)]  # 14 bytes each: all fit
        big = "SELECT ?p { ?p a mg:Product } ORDER BY ?p LIMIT 1"
        assert [len(a.body) for a in held[:1]] == [len("boolean\r\ntrue\r\n")]
        for answer in held:
            answer.release()
        held = [pool.render(big, timeout=10, accept="text/csv") for _ in range(ANSWERS_IN_FLIGHT)]
        assert held[0].body == b"p\r\nhttps://w3id.org/mineralgraph/id/product/drone\r\n"
        with pytest.raises(PoolBusyError, match="other answers are being sent"):
            pool.render(big, timeout=10, accept="text/csv")
        assert pool.replaced == 1
        held[0].release()
        held[0].release()  # twice is once
        assert pool.render(big, timeout=10, accept="text/csv").body == held[0].body
