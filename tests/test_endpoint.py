"""The SPARQL 1.1 Protocol endpoint, started for real and queried over HTTP."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from http_client import http

from mineralgraph.graph.endpoint import make_server, negotiate, remote_query, serve_in_thread
from mineralgraph.graph.sparql import ENGINES, QueryTimeoutError, open_store
from mineralgraph.loaders.curated import load_curated

TINY = Path(__file__).parent / "data" / "rdf-tiny"
PRODUCTS = "SELECT ?p WHERE { ?p a mg:Product } ORDER BY ?p"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module", params=ENGINES)
def server(request):
    """A real endpoint on a free localhost port, over the tiny graph."""
    store = open_store(load_curated(TINY).claims, request.param)
    srv = make_server(store, port=0, timeout=1.0, max_rows=5, quiet=True)
    serve_in_thread(srv)
    yield srv
    srv.shutdown()
    srv.server_close()




def get(server, query: str, accept: str | None = None, **params):
    url = f"{server.url}?{urllib.parse.urlencode({'query': query, **params})}"
    return http(url, headers={"Accept": accept} if accept else {})


def test_binds_to_localhost_by_default(server):
    assert server.url.startswith("http://127.0.0.1:")


def test_get_answers_sparql_json_by_default(server):
    status, headers, body = get(server, PRODUCTS)
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"
    data = json.loads(body)
    assert data["head"] == {"vars": ["p"]}
    assert [b["p"]["value"] for b in data["results"]["bindings"]] == [
        "https://w3id.org/mineralgraph/id/product/drone",
        "https://w3id.org/mineralgraph/id/product/phone",
        "https://w3id.org/mineralgraph/id/product/radar"]


@pytest.mark.parametrize("accept,ctype,first_lines", [
    ("text/csv", "text/csv", ["p", "https://w3id.org/mineralgraph/id/product/drone"]),
    ("text/tab-separated-values", "text/tab-separated-values",
     ["?p", "<https://w3id.org/mineralgraph/id/product/drone>"]),
    ("application/sparql-results+xml", "application/sparql-results+xml",
     ['<?xml version="1.0" encoding="utf-8"?>',
      '<sparql xmlns="http://www.w3.org/2005/sparql-results#"']),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml",
     ['<?xml version="1.0" encoding="utf-8"?>',
      '<sparql xmlns="http://www.w3.org/2005/sparql-results#"']),
])
def test_result_format_follows_accept(server, accept, ctype, first_lines):
    status, headers, body = get(server, PRODUCTS, accept)
    assert status == 200
    assert headers["Content-Type"] == f"{ctype}; charset=utf-8"
    head, *rest = body.splitlines()
    assert head == first_lines[0]
    assert rest[0].startswith(first_lines[1])  # rdflib writes the XML results on one line


def test_format_parameter_overrides_accept(server):
    status, headers, body = get(server, PRODUCTS, "application/sparql-results+xml", format="csv")
    assert headers["Content-Type"].startswith("text/csv") and body.startswith("p\r\n")


def test_post_form_and_direct_query(server):
    form = urllib.parse.urlencode({"query": PRODUCTS}).encode()
    status, _, body = http(server.url, form, {"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "text/csv"})
    assert status == 200 and body.count("\r\n") == 4
    status, _, body2 = http(server.url, PRODUCTS.encode(), {
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and body2 == body


def test_ask_and_construct(server):
    status, _, body = get(server, "ASK { product:drone mg:REQUIRES material:ndfeb-magnet }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, headers, body = get(server, "CONSTRUCT { ?e mg:symbol ?s } WHERE { ?e mg:symbol ?s }",
                                "application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert body.splitlines() == [
        f'<https://w3id.org/mineralgraph/id/element/{s}> '
        f'<https://w3id.org/mineralgraph/ontology#symbol> "{s}" .' for s in ("Dy", "Ga", "Nd")]
    status, headers, body = get(server, "CONSTRUCT { ?e mg:symbol ?s } WHERE { ?e mg:symbol ?s }")
    assert headers["Content-Type"].startswith("text/turtle") and "element:Dy mg:symbol" in body


@pytest.mark.parametrize("how", ["update-param", "update-post", "update-as-query"])
def test_updates_are_refused_with_403(server, how):
    update = "INSERT DATA { product:x mg:label 'x' }"
    if how == "update-param":
        status, _, body = http(server.url, urllib.parse.urlencode({"update": update}).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-post":
        status, _, body = http(server.url, update.encode(),
                               {"Content-Type": "application/sparql-update"})
    else:
        status, _, body = get(server, update)
    assert status == 403
    assert "read-only" in body
    # and nothing changed
    assert json.loads(get(server, "ASK { product:x ?p ?o }")[2])["boolean"] is False


def test_malformed_query_is_400_with_line_and_column(server):
    status, _, body = get(server, "SELECT ?p\nWHERE { ?p a mg:Product .\n  }}")
    assert status == 400
    assert re.fullmatch(r"query:3:[45]: .+\n", body)


def test_runaway_query_is_stopped_with_503(server):
    status, _, body = get(server, SLOW)
    assert status == 503
    assert body == "query: stopped after 1 s (timeout); narrow the query or raise --timeout\n"
    # the server still answers
    assert get(server, PRODUCTS)[0] == 200


def test_result_size_limit(server):
    status, headers, body = get(server, "SELECT ?s WHERE { ?s a mg:Statement }", "text/csv")
    assert status == 200
    assert headers["X-SPARQL-MaxRows"] == "5"
    assert len(body.splitlines()) == 6


@pytest.mark.parametrize("method,status", [("PUT", 405), ("DELETE", 405)])
def test_other_methods_are_not_allowed(server, method, status):
    assert http(server.url, b"", method=method)[0] == status


def test_missing_query_and_wrong_path(server):
    assert http(server.url)[0] == 400
    base = server.url.rsplit("/", 1)[0]
    assert http(base + "/nothing?query=ASK%7B%7D")[0] == 404
    status, _, body = http(base + "/")
    assert status == 200 and body.startswith("mineralgraph SPARQL endpoint (read-only)")


def test_options_without_origin_sends_no_cors(server):
    status, headers, _ = http(server.url, method="OPTIONS")
    assert status == 204 and headers["Allow"] == "GET, POST, OPTIONS"
    assert "Access-Control-Allow-Origin" not in headers
    assert "Access-Control-Allow-Private-Network" not in headers


def test_remote_query_reads_the_endpoint(server):
    answer = remote_query(server.url, PRODUCTS)
    assert answer.column("p") == ["product:drone", "product:phone", "product:radar"]
    assert remote_query(server.url, "ASK { product:drone ?p ?o }").boolean is True
    graph = remote_query(server.url, "CONSTRUCT WHERE { product:drone mg:label ?l }")
    assert graph.form == "graph" and len(graph.triples) == 1


def test_remote_query_errors_are_one_line(server):
    from mineralgraph.exceptions import MineralGraphError

    with pytest.raises(MineralGraphError, match=r"HTTP 400: query:1:"):
        remote_query(server.url, "SELECT WHERE")
    with pytest.raises(MineralGraphError, match=r"HTTP 503: query: stopped after 1 s"):
        remote_query(server.url, SLOW)


def test_remote_timeout_bounds_an_answer_sent_a_byte_at_a_time():
    """Each byte came within the socket's timeout, so --timeout 1 waited for the whole
    drip (3 s here; as long as the endpoint liked)."""
    import socket
    import threading
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    stop = threading.Event()

    def drip():
        conn, _ = listener.accept()
        conn.recv(65536)
        body = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body))
        for byte in body:
            if stop.wait(3 / len(body)):
                break
            conn.sendall(bytes([byte]))
        conn.close()

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    start = time.monotonic()
    try:
        with pytest.raises(QueryTimeoutError, match=r"no answer within 1 s \(timeout\)"):
            remote_query(url, PRODUCTS, timeout=1)
        assert time.monotonic() - start < 2
    finally:
        stop.set()
        thread.join()
        listener.close()


def test_remote_timeout_on_the_client_side():
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True)
    thread.start()
    try:
        with pytest.raises(QueryTimeoutError, match="no answer within 0.5 s"):
            remote_query(url, PRODUCTS, timeout=0.5)
    finally:
        for conn, _ in accepted:
            conn.close()
        listener.close()


def test_twenty_simultaneous_clients_are_all_answered(server):
    """The smoke test of bench/bench_endpoint_load.py: 20 clients at once, none refused."""
    import threading

    barrier, statuses = threading.Barrier(20), []

    def client():
        barrier.wait(timeout=30)
        statuses.append(get(server, PRODUCTS, "text/csv")[0])

    threads = [threading.Thread(target=client) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [200] * 20


def test_negotiate_defaults():
    assert negotiate(None, "ask") == "json"
    assert negotiate("application/json", "select") == "json"
    assert negotiate("text/turtle", "select") == "json"
    assert negotiate("application/ld+json", "graph") == "jsonld"


# ---------------------------------------------------------------------- the command
@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``mineralgraph serve --port 0`` in a subprocess, on the tiny graph; yields its URL."""
    from mineralgraph.graph.snapshot import save_snapshot

    snap = tmp_path_factory.mktemp("serve") / "tiny.json"
    save_snapshot(load_curated(TINY).claims, snap)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mineralgraph", "--graph", str(snap), "serve", "--port", "0",
         "--store", "oxigraph", "--timeout", "5"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        line = process.stderr.readline()
        match = re.search(r"SPARQL endpoint at (http://127\.0\.0\.1:\d+/sparql) "
                          r"\(oxigraph store, read-only\); Ctrl-C to stop", line)
        assert match, line
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def test_serve_command_answers_over_http(served):
    status, _, body = http(f"{served}?query=" + urllib.parse.quote(PRODUCTS),
                           headers={"Accept": "text/csv"})
    assert status == 200
    assert body == ("p\r\nhttps://w3id.org/mineralgraph/id/product/drone\r\n"
                    "https://w3id.org/mineralgraph/id/product/phone\r\n"
                    "https://w3id.org/mineralgraph/id/product/radar\r\n")


def test_sparql_command_with_endpoint(run_cli, served):
    result = run_cli("sparql", "SELECT ?p WHERE { ?p a mg:Product } ORDER BY ?p",
                     "--endpoint", served)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2:] == ["product:drone", "product:phone", "product:radar",
                                              "(3 rows)"]


def test_sparql_command_with_unreachable_endpoint(run_cli):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("sparql", "ASK {}", "--endpoint", f"http://127.0.0.1:{port}/sparql")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: http://127.0.0.1:{port}/sparql: cannot reach "
                                    "the endpoint (")


def test_serve_port_in_use_exit_1(run_cli, server):
    port = server.server_address[1]
    result = run_cli("serve", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")


def test_remote_queries_get_the_prefixes_they_use_but_do_not_declare():
    from mineralgraph.graph.endpoint import with_prefixes

    query = "PREFIX country: <http://other/>\nSELECT ?p { ?p a mg:Product ; mg:x country:CN }"
    assert with_prefixes(query).splitlines() == [
        "PREFIX mg: <https://w3id.org/mineralgraph/ontology#>", *query.splitlines()]
    assert with_prefixes("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"


def test_post_limits(server):
    big = urllib.parse.urlencode({"query": "ASK {}" + " " * (1 << 20)}).encode()
    status, _, body = http(server.url, big, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413 and body == "request body over 1048576 bytes\n"
    status, _, body = http(server.url, b"query=ASK{}", {"Content-Type": "text/plain"})
    assert status == 415
    assert body.startswith("unsupported Content-Type text/plain; send application/sparql-query")


@pytest.mark.parametrize("body, message", [
    (b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", '
     b'"value": "caf\xe9"}}]}}', "the answer is not UTF-8 JSON (byte 0xe9 at offset 90)"),
    (b"[" * 200_000 + b"]" * 200_000, "not SPARQL JSON results (nested too deeply)"),
    (b"[[[]]]", "not SPARQL JSON results (No boolean or results in json!)"),
    # a CONSTRUCT answered with a 20 MiB literal was a MemoryError traceback (Oxigraph's
    # limit on one term)
    (b'<http://e/a> <http://e/p> "' + b"x" * (20 << 20) + b'" .\n',
     "the endpoint sent a term longer than 16 MiB, more than the RDF reader takes"),
], ids=["latin-1", "nested-200000-deep", "a-list", "a-20-mib-term"])
def test_a_malformed_json_answer_is_one_line_not_a_traceback(body, message):
    """A remote answer in Latin-1 was a UnicodeDecodeError traceback, one nested 200,000
    deep a RecursionError, and JSON of another shape rdflib's ResultException."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from mineralgraph.exceptions import MineralGraphError

    class Answer(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "application/n-triples" if body.startswith(b"<")
                             else "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        with pytest.raises(MineralGraphError) as info:
            remote_query(url, PRODUCTS, timeout=30)
        assert str(info.value) == f"{url}: {message}"
    finally:
        server.shutdown()
        server.server_close()
