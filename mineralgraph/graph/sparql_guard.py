"""What a query may ask before an engine sees it: no fetching from elsewhere, no deep nesting.

Both engines fetch other servers' data when a query asks: ``SERVICE <url> { … }`` sends
a sub-query to ``url`` (rdflib and Oxigraph). A read-only endpoint that does so lets any
client make it reach the hosts it can reach (server-side request forgery), so
:func:`check_query` refuses it unless ``allow_service`` is given, and even then refuses
a ``SERVICE`` IRI that is not ``http:`` or ``https:`` (rdflib opens a ``file:`` one).
``LOAD`` is an update, refused anyway (:class:`~mineralgraph.graph.sparql.UpdateRefusedError`).

``FROM`` and ``FROM NAMED`` are refused always (:class:`DatasetRefusedError`): the RDF
view is one default graph with no named graphs, so a query may not choose its dataset.
rdflib would load the document a ``FROM`` names (a ``file:`` IRI too), Oxigraph would
look for a named graph that is not there and answer 0 rows: neither is an answer.

The check reads the query's tokens (comments, strings and IRIs skipped), once as
written and once with its ``\\uXXXX`` escapes decoded, because rdflib decodes them
before parsing and Oxigraph does not: a keyword either engine would see is refused.
Read as written, an IRI may hold ``\\u`` escapes, as Oxigraph reads it: ``<http://x/\\u0041#>``
is an IRI there, not a ``#`` comment hiding the rest of the line.
It also refuses a query nested deeper than :data:`MAX_DEPTH` brackets, which would
exhaust a parser's stack (Oxigraph's crashes the process at a few thousand).

>>> check_query("SELECT ?s { ?s mg:label 'SERVICE' } # FROM here")
>>> check_query("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
mineralgraph.graph.sparql_guard.RemoteAccessRefusedError: query:1:12: SERVICE is refused: \
a query may not fetch from other servers (--allow-service allows federated queries)
>>> check_query("SELECT * { \u017fERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
mineralgraph.graph.sparql_guard.RemoteAccessRefusedError: query:1:12: SERVICE is refused: \
a query may not fetch from other servers (--allow-service allows federated queries)
>>> check_query("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", allow_service=True)
Traceback (most recent call last):
...
mineralgraph.graph.sparql_guard.DatasetRefusedError: query:1:10: FROM is refused: the graph \
has no named graphs and loads none by IRI; query its default graph (drop FROM)
>>> query_depth("SELECT * { { ?s ?p ?o FILTER((1)) } }")
4
"""

from __future__ import annotations

import re

from mineralgraph.graph.sparql import QuerySyntaxError

#: The deepest nesting of ``{``, ``(`` and ``[`` a query may have.
MAX_DEPTH = 32

#: Keywords that make an engine read from elsewhere, and what each does.
REMOTE_KEYWORDS = {"SERVICE": "federated queries"}
#: Keywords that choose a query's dataset, which the view does not let a query do.
DATASET_KEYWORDS = ("FROM",)
#: The only schemes a SERVICE may name, even with ``allow_service``.
SERVICE_SCHEMES = ("http", "https")


class RemoteAccessRefusedError(QuerySyntaxError):
    """A query that would make the engine fetch from another server (SERVICE)."""


class DatasetRefusedError(QuerySyntaxError):
    """A query, or a request, that names its own dataset (FROM, FROM NAMED,
    default-graph-uri, named-graph-uri): the view is one default graph."""


class QueryTooDeepError(QuerySyntaxError):
    """A query nested deeper than the parsers can take."""


_PN_LOCAL_ESC = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    r"(?P<comment>\#[^\n\r]*)"
    r"|(?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*(?:\"\"\"|$)"
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\")"
    r"|(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)"
    r"|(?P<var>[?$]\w+)"
    rf"|(?P<pname>[\w.\-\u00b7]*:(?:[\w.\-:%\u00b7]|{_PN_LOCAL_ESC})*)"
    r"|(?P<word>[^\W\d]\w*)"  # any letter: rdflib matches keywords by upper(), ſ is S
    r"|(?P<open>[{(\[])|(?P<close>[})\]])",
    re.S)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(query: str) -> str:
    r"""The query with its ``\uXXXX`` and ``\UXXXXXXXX`` escapes decoded, as rdflib reads it.

    >>> unescape_codepoints(r"\u0053ERVICE")
    'SERVICE'
    """
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, query)


def _scan(query: str, kinds=("word", "open", "close")):
    """(kind, text, offset) of the tokens that matter: keywords and brackets, or ``kinds``."""
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind in kinds:
            yield kind, match.group(), match.start()


def _position(query: str, offset: int) -> tuple[int, int]:
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def query_depth(query: str) -> int:
    """The deepest nesting of brackets in the query (outside strings, comments and IRIs)."""
    return max(_deepest(query)[0], _deepest(unescape_codepoints(query))[0])


def _deepest(query: str, limit: int | None = None) -> tuple[int, int]:
    """(depth, offset): the deepest nesting and where it is reached, or, with a
    ``limit``, the first bracket past it."""
    depth = deepest = where = 0
    for kind, _, offset in _scan(query):
        if kind == "open":
            depth += 1
            if depth > deepest:
                deepest, where = depth, offset
                if limit is not None and depth > limit:
                    break
        elif kind == "close":
            depth = max(depth - 1, 0)
    return deepest, where


def dataset_refused(what: str) -> str:
    """Why a query may not choose its dataset (``what``: FROM, default-graph-uri...).

    >>> dataset_refused("named-graph-uri")
    'named-graph-uri is refused: the graph has no named graphs and loads none by IRI; \
query its default graph (drop named-graph-uri)'
    """
    return (f"{what} is refused: the graph has no named graphs and loads none by IRI; "
            f"query its default graph (drop {what})")


def check_query(query: str, name: str = "query", *, allow_service: bool = False,
                max_depth: int = MAX_DEPTH) -> None:
    """Refuse a query that would fetch from elsewhere, choose its dataset, or that is
    nested too deep.

    Raises
    ------
    RemoteAccessRefusedError
        ``SERVICE`` outside strings, comments and IRIs (unless ``allow_service``; with
        it, a ``SERVICE <IRI>`` whose scheme is not http or https); the message names
        line and column.
    DatasetRefusedError
        ``FROM`` or ``FROM NAMED``, whatever ``allow_service`` says.
    QueryTooDeepError
        More than ``max_depth`` nested brackets.
    """
    for text in dict.fromkeys((query, unescape_codepoints(query))):
        depth, offset = _deepest(text, max_depth)
        if depth > max_depth:
            line, column = _position(text, offset)
            raise QueryTooDeepError(f"{name}:{line}:{column}: nested deeper than {max_depth} "
                                    "levels of brackets; flatten the query")
        tokens = list(_scan(text, ("word", "iri", "var", "pname")))
        for index, (kind, word, offset) in enumerate(tokens):
            if kind != "word":
                continue
            keyword = word.upper()
            line, column = _position(text, offset)
            if keyword in DATASET_KEYWORDS:
                raise DatasetRefusedError(f"{name}:{line}:{column}: {dataset_refused(keyword)}")
            if keyword not in REMOTE_KEYWORDS:
                continue
            if not allow_service:
                raise RemoteAccessRefusedError(
                    f"{name}:{line}:{column}: {keyword} is refused: a query may not "
                    "fetch from other servers (--allow-service allows "
                    f"{REMOTE_KEYWORDS[keyword]})")
            target = _service_target(tokens[index + 1:], _declared_prefixes(tokens))
            if target is not None and _scheme(target) not in SERVICE_SCHEMES:
                raise RemoteAccessRefusedError(
                    f"{name}:{line}:{column}: SERVICE {target} is refused: a service is "
                    "an http or https URL (no file is read, whatever --allow-service says)")


def _service_target(following, prefixes: dict[str, str]) -> str | None:
    """The IRI a SERVICE names, from the tokens after it (past SILENT), as ``<…>``: written
    so, or a prefixed name under a declared or known prefix. None for a variable."""
    from mineralgraph.graph.rdf import PREFIXES

    for kind, text, _ in following[:2]:
        if kind == "word" and text.upper() == "SILENT":
            continue
        if kind == "pname":
            prefix, _, local = text.partition(":")
            namespace = prefixes.get(prefix) or \
                (f"<{PREFIXES[prefix]}>" if prefix in PREFIXES else None)
            return f"{namespace[:-1]}{local}>" if namespace else None
        return text if kind == "iri" else None
    return None


def _declared_prefixes(tokens) -> dict[str, str]:
    """The prefixes a query declares (``PREFIX f: <…>``), as written: name -> ``<…>``."""
    declared = {}
    for (kind, word, _), (kind2, name, _), (kind3, iri, _) in zip(
            tokens, tokens[1:], tokens[2:], strict=False):
        if kind == "word" and word.upper() == "PREFIX" and kind2 == "pname" and \
                kind3 == "iri" and name.endswith(":"):
            declared[name[:-1]] = iri
    return declared


def _scheme(iri: str) -> str:
    """The scheme of an IRI written ``<…>``, lower-cased ('' when it has none)."""
    match = re.match(r"<([A-Za-z][A-Za-z0-9+.\-]*):", unescape_codepoints(iri))
    return match.group(1).lower() if match else ""
