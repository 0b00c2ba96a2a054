"""Read an RDF export (Turtle, N-Triples or JSON-LD) back into claims.

The files are those ``mineralgraph export`` writes (see :mod:`mineralgraph.graph.rdf`):
every statement node becomes the claim it was made from, so an export read back gives
the same claims. Parsing is Oxigraph's (fast, and its errors give line and column);
a malformed file raises :class:`InputError` naming the file and the line
(:mod:`mineralgraph.graph.rdf_files` reads the triples).

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
import re
from pathlib import Path

from mineralgraph.exceptions import InputError
from mineralgraph.graph.rdf import SUFFIXES, claims_from_triples
from mineralgraph.graph.rdf_files import rdf_triples_of, statement_lines
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register


def load_rdf(path: Path, context: LoadContext | None = None) -> LoadResult:
    """The claims of an RDF export file."""
    path = Path(path)
    # rdflib logs a traceback for an ill-typed literal ("abc"^^xsd:integer); the
    # conversion below reports it as one line instead
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    statements: list = []
    try:
        claims = claims_from_triples(rdf_triples_of(path), str(path), statements)
    except ValueError as exc:  # a literal that is not of its datatype
        raise InputError(str(path), None, None, str(exc)) from None
    except InputError as exc:  # an incomplete statement: at its first line in the file
        name = re.search(r"statement/(\S+?)(?=[>:\s]|$)", exc.message)
        if exc.line is None and exc.path == str(path) and name:
            line = statement_lines(path, [name.group(1)]).get(name.group(1))
            raise InputError(exc.path, line, exc.field, exc.message) from None
        raise
    finally:
        term_log.setLevel(level)

    def where(index: int) -> tuple[int | None, str | None]:
        name = statements[index]
        return (None, f"statement {name}") if name else (None, None)

    return LoadResult(claims=claims, where=where)


def load_rdf_source(path: Path, context: LoadContext | None = None) -> LoadResult:
    """:func:`load_rdf` for ``build --source``: a file with no statement of the ontology
    (only prefixes, a JSON-LD context, other vocabularies) is an error, not 0 facts."""
    result = load_rdf(path, context)
    if not result.claims:
        raise InputError(str(path), None, None, "no statements of the ontology in it: "
                         "nothing to read (build --source reads what mineralgraph export "
                         "writes)")
    return result


def looks_like_rdf(path: Path) -> bool:
    """A file with an RDF suffix (.ttl, .nt, .jsonld)."""
    return path.is_file() and path.suffix.lower() in SUFFIXES


register(Loader("rdf", "an RDF export (mineralgraph export: .ttl, .nt, .jsonld)",
                looks_like_rdf, load_rdf_source))
