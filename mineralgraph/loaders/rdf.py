"""Read an RDF export (Turtle, N-Triples or JSON-LD) back into claims.

The files are those ``mineralgraph export`` writes (see :mod:`mineralgraph.graph.rdf`):
every statement node becomes the claim it was made from, so an export read back gives
the same claims. Parsing is Oxigraph's (fast, and its errors give line and column);
a malformed file raises :class:`InputError` naming the file and the line.

>>> import tempfile, pathlib
>>> from mineralgraph.claim import Claim
>>> from mineralgraph.graph.rdf import write_rdf
>>> claims = [Claim("element:Dy", "symbol", "Dy", sources=("source:iupac",))]
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> write_rdf(claims, path)
'ttl'
>>> load_rdf(path).claims == claims
True
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from mineralgraph.exceptions import InputError
from mineralgraph.graph.rdf import (
    KNOWN_TERMS,
    OXIGRAPH_TERM_LIMIT,
    SUFFIXES,
    claims_from_triples,
)
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register


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

    fmt = fmt or SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), None, None, "not an RDF file (.ttl, .nt or .jsonld)")
    format_ = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    cache: dict = {str(term): term for term in KNOWN_TERMS}
    named = ox.NamedNode
    try:
        for quad in ox.parse(path=str(path), format=format_):
            yield (_rdflib_term(quad.subject, cache, named),
                   _rdflib_term(quad.predicate, cache, named),
                   _rdflib_term(quad.object, cache, named))
    except SyntaxError as exc:
        raise InputError(str(path), exc.lineno, None, _message(exc)) from None
    except MemoryError:
        raise InputError(str(path), _long_line(path), None,
                         f"a term longer than {OXIGRAPH_TERM_LIMIT // 2**20} MiB "
                         "(the RDF reader's limit)") from None
    except FileNotFoundError:
        raise InputError(str(path), None, None, "no such file") from None
    except (OSError, ValueError) as exc:
        raise InputError(str(path), None, None, str(exc)) from None


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


def _message(exc: SyntaxError) -> str:
    """Oxigraph's message without its own "at line N" (the line leads the InputError)."""
    text = str(exc.msg if exc.msg else exc)
    if exc.lineno and exc.offset:
        head, sep, tail = text.partition(": ")
        if sep and head.startswith("Parser error at line"):
            return f"column {exc.offset}: {tail}"
    return text


def load_rdf(path: Path, context: LoadContext | None = None) -> LoadResult:
    """The claims of an RDF export file."""
    path = Path(path)
    # rdflib logs a traceback for an ill-typed literal ("abc"^^xsd:integer); the
    # conversion below reports it as one line instead
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        return LoadResult(claims=claims_from_triples(rdf_triples_of(path), str(path)))
    except ValueError as exc:  # a literal that is not of its datatype
        raise InputError(str(path), None, None, str(exc)) from None
    finally:
        term_log.setLevel(level)


def looks_like_rdf(path: Path) -> bool:
    """A file with an RDF suffix (.ttl, .nt, .jsonld)."""
    return path.is_file() and path.suffix.lower() in SUFFIXES


register(Loader("rdf", "an RDF export (mineralgraph export: .ttl, .nt, .jsonld)",
                looks_like_rdf, load_rdf))
