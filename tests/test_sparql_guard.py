"""The query check: SERVICE and FROM refused, nesting bounded, against the real parsers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mineralgraph.graph.sparql_guard import (
    MAX_DEPTH,
    DatasetRefusedError,
    QueryTooDeepError,
    RemoteAccessRefusedError,
    check_query,
    query_depth,
)

SEPARATORS = st.sampled_from([" ", "\n", "\t", " # SERVICE <http://x/> { }\n", "\r\n"])
KEYWORDS = st.sampled_from(["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "SERVIC\\u0045"])
PLAIN = st.sampled_from(["?s ?p ?o .", "OPTIONAL { ?s ?p ?o }", "FILTER(?o != 'SERVICE')",
                         "BIND('FROM <http://x/>' AS ?from)", "?service ?p ex:FROM .",
                         'FILTER(CONTAINS(STR(?o), """SERVICE\n{"""))', "{ ?s ?p ?o }"])


@st.composite
def queries(draw):
    """(query, service, dataset): a valid query, whether it holds a SERVICE, and
    whether it holds a FROM."""
    sep = draw(SEPARATORS)
    elements, service = [], False
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            elements.append(draw(PLAIN))
        else:
            silent = draw(st.sampled_from(["", "SILENT" + draw(SEPARATORS)]))
            target = draw(st.sampled_from(["<http://127.0.0.1:9/>", "?u"]))
            elements.append(f"{draw(KEYWORDS)}{sep}{silent}{target}{draw(SEPARATORS)}"
                            "{ ?x ?y ?z }")
            service = True
    dataset = ""
    if draw(st.booleans()):
        dataset = draw(st.sampled_from(["FROM", "from", "FROM NAMED", "FROM\nNAMED"])) + \
            sep + "<http://127.0.0.1:9/g>" + draw(SEPARATORS)
    query = (f"PREFIX ex: <http://e/>{sep}SELECT *{sep}{dataset}WHERE{sep}{{{sep}"
             + sep.join(elements) + f"{sep}}}")
    return query, service, bool(dataset)


def _rdflib_remote(query: str, allow_service: bool = False) -> type | None:
    """What the check of rdflib's algebra raises for the query: RemoteAccessRefusedError
    (a SERVICE), DatasetRefusedError (a FROM), None (neither); False: it does not parse."""
    from rdflib.plugins.sparql import prepareQuery

    from mineralgraph.graph.rdf import PREFIXES
    from mineralgraph.graph.sparql import _refuse_remote_algebra

    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except Exception:  # noqa: BLE001 - anything rdflib refuses is not evaluated
        return False
    try:
        _refuse_remote_algebra(prepared.algebra, "query", allow_service)
    except (RemoteAccessRefusedError, DatasetRefusedError) as exc:
        return type(exc)
    return None


@settings(max_examples=120, deadline=None)
@given(queries())
def test_the_text_check_agrees_with_rdflibs_parser(case):
    """What rdflib's own parser reads as SERVICE or FROM is refused, FROM even with
    allow_service; nothing else is. Both checks name the first refused keyword's class."""
    query, service, dataset = case
    for allow_service in (False, True):
        refused = _rdflib_remote(query, allow_service)
        # rdflib's algebra puts the dataset (FROM) before the pattern (SERVICE), as the text
        expected = DatasetRefusedError if dataset else \
            RemoteAccessRefusedError if service and not allow_service else None
        assert refused is expected  # the generator writes valid queries
        if expected is None:
            check_query(query, allow_service=allow_service)
        else:
            with pytest.raises(expected):
                check_query(query, allow_service=allow_service)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "(", ")", "[", "]", " ?s ", "'{'", "<a(b]>"]),
                max_size=60))
def test_depth_counts_brackets_outside_strings_and_iris(parts):
    query = "".join(parts)
    depth = deepest = 0
    for part in parts:  # by hand: only bare brackets count, closing never below 0
        if part in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif part in ("}", ")", "]"):
            depth = max(depth - 1, 0)
    assert query_depth(query) == deepest


@pytest.mark.parametrize("query,refused", [
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://x/> { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <file:///etc/passwd> { ?s ?p ?o }", "FROM"),
    ("SELECT * { \\U00000053ERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { ?s ex:p 'a' . SERVICE <http://x/> { } }", "SERVICE"),
    ("SELECT * { ?s ?p '''SERVICE''' }", None),
    ("SELECT ?from ?service { ?from ex:SERVICE ?service }", None),
    ("SELECT * { ?s ?p ?o } # FROM <http://x/>", None),
    ("SELECT * { ?s ?p <http://x/SERVICE> }", None),
    # rdflib matches keywords by str.upper(): the long s is an S, the dotless i an I
    ("SELECT * { \u017fERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { \u017fervıce <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { ?s ?p ?o } VALUES ?ſervice { 1 }", None),
])
def test_remote_keywords(query, refused):
    error = DatasetRefusedError if refused == "FROM" else RemoteAccessRefusedError
    if refused is None:
        check_query(query)
    else:
        with pytest.raises(error, match=rf"^query:1:\d+: {refused} is "):
            check_query(query)
    if refused == "FROM":  # the view has no dataset to choose, whatever is allowed
        with pytest.raises(DatasetRefusedError, match=r"^query:1:\d+: FROM is refused: the "
                           r"graph has no named graphs and loads none by IRI; query its "
                           r"default graph \(drop FROM\)$"):
            check_query(query, allow_service=True)
    else:
        check_query(query, allow_service=True)  # SERVICE is allowed when asked


@pytest.mark.parametrize("target,refused", [
    ("<file:///etc/passwd>", True),
    ("SILENT <FILE:///etc/passwd>", True),
    ("<\\u0066ile:///etc/passwd>", True),  # an escape decodes to the f of file
    ("<ftp://127.0.0.1/x>", True),
    ("<jar:file:///x.jar!/y>", True),
    ("<relative/path>", True),
    ("f:pipe", True),  # PREFIX f: <file:///tmp/> below: Oxigraph resolves it
    ("SILENT wd:Q1", False),  # a known prefix (http)
    ("g:sparql", False),
    ("<http://127.0.0.1:9/>", False),
    ("SILENT <HTTPS://example.org/sparql>", False),
    ("?u", False),  # a variable: bound at run time (see the engine tests)
])
def test_allowed_service_names_http_or_https_only(target, refused):
    """Even with allow_service, a SERVICE IRI is an http(s) URL: rdflib opens a file: one
    (urllib reads files), so a client of `serve --allow-service` could read the server's."""
    query = ("PREFIX f: <file:///tmp/>\nPREFIX g: <https://example.org/>\n"
             f"SELECT * {{ SERVICE {target} {{ ?s ?p ?o }} }}")
    if refused:
        with pytest.raises(RemoteAccessRefusedError, match=r"^query:3:12: SERVICE <.*> is "
                           r"refused: a service is an http or https URL \(no file is read, "
                           r"whatever --allow-service says\)$"):
            check_query(query, allow_service=True)
    else:
        check_query(query, allow_service=True)


def test_rdflib_reads_the_long_s_as_an_s():
    """Why the check reads any letter: rdflib parses this SERVICE (its algebra check
    would stop it too, but Oxigraph's run relies on the text check alone)."""
    from rdflib.plugins.sparql import prepareQuery

    algebra = str(prepareQuery("SELECT * { \u017fERVICE <http://x/> { ?s ?p ?o } }").algebra)
    assert "ServiceGraphPattern" in algebra


def test_depth_limit_is_exact():
    check_query("ASK " + "{" * MAX_DEPTH + "}" * MAX_DEPTH)
    with pytest.raises(QueryTooDeepError, match=r"^q.rq:2:37: nested deeper than 32 levels"):
        check_query("# deep\nASK " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1), "q.rq")


# An IRI holding a \u escape, then a string that decodes to a quote: read as written, the
# '#' inside the IRI looked like a comment to the end of the line; decoded, '\u0027' opened
# a triple-quoted string to the end of the query. Oxigraph reads neither: it ran the SERVICE.
DESYNC = ("SELECT * { BIND(<http://x/\\u0041#> AS ?i) BIND('\\u0027' AS ?q) "
          "SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }")


def test_an_iri_with_an_escape_hides_no_service_from_the_check():
    with pytest.raises(RemoteAccessRefusedError, match=r"^query:1:64: SERVICE is refused"):
        check_query(DESYNC)
    check_query("SELECT * { BIND(<http://x/\\u0041#> AS ?i) }")  # the IRI alone is fine


def test_oxigraph_runs_the_service_the_escape_hid():
    """Why the test above matters: Oxigraph reads the IRI, the string and the SERVICE, and
    connects to the server the query names."""
    import socket
    import threading

    import pyoxigraph

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(20)
    port = listener.getsockname()[1]
    reached = []

    def accept():
        connection, _ = listener.accept()
        reached.append(connection.recv(4)[:4])
        connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    with pytest.raises(OSError):
        list(pyoxigraph.Store().query(DESYNC.replace("127.0.0.1:9", f"127.0.0.1:{port}")))
    thread.join(20)
    listener.close()
    assert reached == [b"POST"]
