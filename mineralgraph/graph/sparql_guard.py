"""What a query may ask before an engine sees it: no fetching from elsewhere, no deep nesting.

Both engines fetch other servers' data when a query asks: ``SERVICE <url> { … }`` sends
a sub-query to ``url`` (rdflib and Oxigraph), and ``FROM <url>`` may make rdflib load
the document at ``url`` (a ``file:`` IRI too). A read-only endpoint that does so lets any
client make it reach the hosts it can reach (server-side request forgery), so
:func:`check_query` refuses both unless ``allow_service`` is given. ``LOAD`` is an
update, refused anyway (:class:`~mineralgraph.graph.sparql.UpdateRefusedError`).

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
>>> query_depth("SELECT * { { ?s ?p ?o FILTER((1)) } }")
4
"""

from __future__ import annotations

import re

from mineralgraph.graph.sparql import QuerySyntaxError

#: The deepest nesting of ``{``, ``(`` and ``[`` a query may have.
MAX_DEPTH = 32

#: Keywords that make an engine read from elsewhere, and what each does.
REMOTE_KEYWORDS = {"SERVICE": "federated queries", "FROM": "loading graphs named by FROM"}


class RemoteAccessRefusedError(QuerySyntaxError):
    """A query that would make the engine fetch from another server (SERVICE, FROM)."""


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


def _scan(query: str):
    """(kind, text, offset) of the tokens that matter: keywords and brackets."""
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind in ("word", "open", "close"):
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


def check_query(query: str, name: str = "query", *, allow_service: bool = False,
                max_depth: int = MAX_DEPTH) -> None:
    """Refuse a query that would fetch from elsewhere, or that is nested too deep.

    Raises
    ------
    RemoteAccessRefusedError
        ``SERVICE`` or ``FROM`` outside strings, comments and IRIs (unless
        ``allow_service``); the message names line and column.
    QueryTooDeepError
        More than ``max_depth`` nested brackets.
    """
    for text in dict.fromkeys((query, unescape_codepoints(query))):
        depth, offset = _deepest(text, max_depth)
        if depth > max_depth:
            line, column = _position(text, offset)
            raise QueryTooDeepError(f"{name}:{line}:{column}: nested deeper than {max_depth} "
                                    "levels of brackets; flatten the query")
        if allow_service:
            continue
        for kind, word, offset in _scan(text):
            if kind == "word" and word.upper() in REMOTE_KEYWORDS:
                line, column = _position(text, offset)
                raise RemoteAccessRefusedError(
                    f"{name}:{line}:{column}: {word.upper()} is refused: a query may not "
                    "fetch from other servers (--allow-service allows "
                    f"{REMOTE_KEYWORDS[word.upper()]})")
