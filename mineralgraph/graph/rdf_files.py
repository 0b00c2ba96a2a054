"""Read the triples of an RDF file (Turtle, N-Triples or JSON-LD) as rdflib terms.

Parsing is Oxigraph's (fast, and its errors give line and column); a malformed file
raises :class:`InputError` naming the file and the line. The RDF loader
(:mod:`mineralgraph.loaders.rdf`) turns the triples into claims; the SPARQL stores
(:func:`mineralgraph.graph.sparql.open_store_file`) load them as they are.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
>>> _ = path.write_text('<http://e/a> <http://e/p> "x" .\\n')
>>> [str(t) for t in next(rdf_triples_of(path))]
['http://e/a', 'http://e/p', 'x']
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from mineralgraph.cells import one_line
from mineralgraph.exceptions import InputError
from mineralgraph.graph.rdf import KNOWN_TERMS, OXIGRAPH_TERM_LIMIT, SUFFIXES


def _rdflib_term(term, cache: dict, named=None):
    import pyoxigraph as ox

    if type(term) is (named or ox.NamedNode):
        value = term.value
        found = cache.get(value)
        if found is None:
            found = cache[value] = URIRef(value)
        return found
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=cache.setdefault(datatype, URIRef(datatype)),
                   normalize=False)


def rdf_triples_of(path: Path, fmt: str | None = None) -> Iterator[tuple]:
    """(subject, predicate, object) rdflib terms of an RDF file, in file order."""
    import pyoxigraph as ox

    from mineralgraph.files import not_a_file

    fmt = fmt or SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), None, None, "not an RDF file (.ttl, .nt or .jsonld)")
    kind = not_a_file(path)
    if kind:  # a FIFO would wait for a writer for ever, a device never end
        raise InputError(str(path), None, None, f"is {kind}, not an RDF file")
    format_ = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    cache: dict = {str(term): term for term in KNOWN_TERMS}
    named = ox.NamedNode
    try:
        with rdf_source(path) as source:
            for quad in ox.parse(**source, format=format_):
                yield (_rdflib_term(quad.subject, cache, named),
                       _rdflib_term(quad.predicate, cache, named),
                       _rdflib_term(quad.object, cache, named))
    except SyntaxError as exc:
        raise rdf_syntax_error(path, exc) from None
    except MemoryError:
        raise InputError(str(path), _long_line(path), None,
                         f"a term longer than {OXIGRAPH_TERM_LIMIT // 2**20} MiB "
                         "(the RDF reader's limit)") from None
    except FileNotFoundError:
        raise InputError(str(path), None, None, "no such file") from None
    except (OSError, ValueError) as exc:
        raise InputError(str(path), None, None, str(exc)) from None


@contextlib.contextmanager
def rdf_source(path) -> Iterator[dict]:
    """pyoxigraph's ``parse``/``bulk_load`` arguments for an RDF file: its path, or the
    file past a byte-order mark, which Windows editors write and Oxigraph reads as the
    first term (Turtle and N-Triples saved that way were refused: "\\ufeff is not a
    valid subject")."""
    import os
    import stat

    with open(path, "rb") as fh:
        if fh.peek(3)[:3] == b"\xef\xbb\xbf":  # peek: a pipe is read once
            fh.read(3)
            yield {"input": fh}
        elif stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            yield {"path": str(path)}
        else:
            yield {"input": fh}


def _long_line(path: Path) -> int | None:
    """The number of the first line longer than the reader's term limit, if any."""
    number, length = 1, 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            for piece in chunk.split(b"\n")[:-1]:
                if length + len(piece) > OXIGRAPH_TERM_LIMIT:
                    return number
                number, length = number + 1, 0
            length += len(chunk) - chunk.rfind(b"\n") - 1 if b"\n" in chunk else len(chunk)
            if length > OXIGRAPH_TERM_LIMIT:
                return number
    return None


#: What Oxigraph's JSON-LD reader says of a context it would have to fetch (it has no
#: loader, so it fetches nothing): an IRI as ``@context`` or ``@import``, or a relative one.
_REMOTE_CONTEXT = re.compile(r"LoadDocumentCallback|remote context", re.I)
#: A ``"@context":`` or ``"@import":`` key in JSON text (not one inside a string).
_CONTEXT_KEY = re.compile(r'(?<!\\)"@(context|import)"\s*:\s*')
#: How much of a JSON-LD file is searched for the remote context it names.
CONTEXT_SEARCH_LIMIT = 64 << 20


def rdf_syntax_error(path: Path, exc: SyntaxError) -> InputError:
    """The one-line InputError for a file Oxigraph's reader refused.

    A JSON-LD file that names a remote context gets a message saying so, with the line
    and the context's IRI, where Oxigraph says "No LoadDocumentCallback has been set".
    """
    message = str(exc.msg if exc.msg else exc)
    if _REMOTE_CONTEXT.search(message):
        found = remote_context(path)
        line, key, iri = found if found else (None, "context", None)
        named = f'"{one_line(iri)[:120]}" ' if iri is not None else ""
        return InputError(str(path), line, None,
                          f"@{key} {named}is a remote JSON-LD context, which is not fetched "
                          "(mineralgraph reads no URL and no other file); put the context's "
                          "terms in the file itself")
    return InputError(str(path), exc.lineno, None, syntax_message(exc))


def remote_context(path: Path) -> tuple[int, str, str] | None:
    """(line, ``context`` or ``import``, IRI) of the first remote context a JSON-LD file
    names (a string as the value of ``@context`` or ``@import``, alone or in an array),
    searched in its first :data:`CONTEXT_SEARCH_LIMIT` bytes; None if none is found.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.jsonld"
    >>> _ = path.write_text('{\\n "@context": [{"p": "http://e/p"}, "https://schema.org/"]}')
    >>> remote_context(path)
    (2, 'context', 'https://schema.org/')
    """
    import json

    try:
        with open(path, "rb") as fh:
            text = fh.read(CONTEXT_SEARCH_LIMIT).decode("utf-8", "replace")
    except OSError:
        return None
    decoder = json.JSONDecoder()
    for match in _CONTEXT_KEY.finditer(text):
        try:
            value, _ = decoder.raw_decode(text, match.end())
        except (ValueError, RecursionError):
            continue
        values = value if isinstance(value, list) else [value]
        iri = next((v for v in values if isinstance(v, str)), None)
        if iri is not None:
            return text.count("\n", 0, match.start()) + 1, match.group(1), iri
    return None


def syntax_message(exc: SyntaxError) -> str:
    """Oxigraph's message without its own "at line N" (the line leads the InputError)."""
    text = str(exc.msg if exc.msg else exc)
    if exc.lineno and exc.offset:
        head, sep, tail = text.partition(": ")
        if sep and head.startswith("Parser error at line"):
            return f"column {exc.offset}: {tail}"
    return text


#: A statement node's name as an export writes it: ``<…/id/statement/ID>`` (N-Triples,
#: JSON-LD) or ``statement:ID`` (Turtle, JSON-LD with the prefix).
_STATEMENT_NAME = re.compile(r"statement[/:]([A-Za-z0-9_.\-]+)")


def statement_lines(path: str | Path, names: Iterable[str]) -> dict[str, int]:
    """The line where each statement (by local name: ``20b24f31c880f8e4``) first
    appears in an RDF file: where an export writes its first triple. Names not found
    are left out; so is everything when the file cannot be read again."""
    wanted, found = set(names), {}
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                for name in _STATEMENT_NAME.findall(line):
                    if name in wanted and name not in found:
                        found[name] = number
                if len(found) == len(wanted):
                    break
    except OSError:
        pass
    return found
