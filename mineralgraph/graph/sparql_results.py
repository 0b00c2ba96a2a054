"""SPARQL answers as text: the W3C result formats, a table for people, and back.

SELECT and ASK answers are written in the SPARQL 1.1 Query Results formats (JSON, CSV,
TSV, XML); CONSTRUCT and DESCRIBE answers as Turtle, N-Triples or JSON-LD. JSON and XML
are rdflib's result serializers (and JSON answers from other endpoints are read by its
parser); CSV is written here so that every cell passes the one formula-defusing function
(:func:`mineralgraph.cells.csv_cell`), and TSV because rdflib has no TSV writer (its
literals are defused the same way, inside their quotes). The
``text`` format (``table`` is its earlier name) shows node IRIs as ids
(``product:f-35``), for terminals.

>>> from rdflib import Literal
>>> from mineralgraph.graph.sparql import Answer
>>> a = Answer("select", ["n"], [(Literal(3),)])
>>> answer_text(a, "csv")
'n\\r\\n3\\r\\n'
>>> answer_text(Answer("select", ["n"], [(Literal("=1+1"),)]), "csv")  # defused
"n\\r\\n'=1+1\\r\\n"
"""

from __future__ import annotations

import csv
import io

from rdflib import BNode

from mineralgraph.cells import csv_cell, text_table
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.rdf import nt_term, serialize_ntriples
from mineralgraph.graph.sparql import Answer, short

#: Result formats of SELECT/ASK answers and their media types.
RESULT_TYPES = {"json": "application/sparql-results+json", "csv": "text/csv",
                "tsv": "text/tab-separated-values", "xml": "application/sparql-results+xml"}
#: Formats of CONSTRUCT/DESCRIBE answers and their media types.
GRAPH_TYPES = {"ttl": "text/turtle", "nt": "application/n-triples",
               "jsonld": "application/ld+json"}
#: Other media types clients send, and the format each means.
ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
           "text/plain": "nt", "application/sparql-results+json": "json",
           "application/x-turtle": "ttl", "text/n3": "ttl"}


def answer_text(answer: Answer, fmt: str = "text") -> str:
    """The answer in a format: ``text``, ``json``, ``csv``, ``tsv``, ``xml`` (SELECT, ASK)
    or ``ttl``, ``nt``, ``jsonld`` (CONSTRUCT, DESCRIBE; ``text`` gives Turtle)."""
    fmt = "text" if fmt == "table" else fmt
    if answer.form == "graph":
        return _graph_text(answer, fmt if fmt in GRAPH_TYPES else "ttl")
    writers = {"text": _table, "json": _json, "csv": _csv, "tsv": _tsv, "xml": _xml}
    if fmt in GRAPH_TYPES:
        known = ", ".join(list(writers)[:-1]) + f" or {list(writers)[-1]}"
        raise MineralGraphError(f"{fmt} is for CONSTRUCT and DESCRIBE answers; "
                                f"a{'n' if answer.form == 'ask' else ''} {answer.form.upper()} "
                                f"answer is {known}")
    if fmt not in writers:
        raise MineralGraphError(f"unknown result format {fmt!r} "
                                f"(known: {', '.join(writers)})")
    return writers[fmt](answer)


class AnswerTooLargeError(MineralGraphError):
    """An answer, written in the format asked, is over the byte limit given."""


def answer_bytes(answer: Answer, fmt: str, limit: int | None = None,
                 name: str = "query") -> bytes:
    """The answer written in ``fmt`` as UTF-8, refused past ``limit`` bytes.

    CSV and TSV are written a row at a time and stop at the limit, so an answer too
    large is never held whole; the other formats are written whole, then measured.

    >>> from rdflib import Literal
    >>> answer_bytes(Answer("select", ["n"], [(Literal(3),)]), "csv", 10)
    b'n\\r\\n3\\r\\n'
    >>> answer_bytes(Answer("select", ["n"], [(Literal(3),)] * 9), "csv", 10)
    Traceback (most recent call last):
    ...
    mineralgraph.graph.sparql_results.AnswerTooLargeError: query: the answer (csv) is over \
10 bytes, this endpoint's limit; narrow the query (LIMIT, fewer columns) or raise serve \
--max-answer
    """
    fmt = "text" if fmt == "table" else fmt
    too_large = AnswerTooLargeError(
        f"{name}: the answer ({fmt}) is over {limit:,} bytes, this endpoint's limit; "
        "narrow the query (LIMIT, fewer columns) or raise serve --max-answer") \
        if limit is not None else None
    lines = {"csv": _csv_lines, "tsv": _tsv_lines}.get(fmt)
    if lines is None or answer.form == "graph":
        data = answer_text(answer, fmt).encode("utf-8")
        if too_large is not None and len(data) > limit:
            raise too_large
        return data
    data = bytearray()
    for line in lines(answer):
        data += line.encode("utf-8")
        if too_large is not None and len(data) > limit:
            raise too_large
    return bytes(data)


def media_type(answer: Answer, fmt: str) -> str:
    """The Content-Type of an answer written in ``fmt``."""
    types = GRAPH_TYPES if answer.form == "graph" else RESULT_TYPES
    return types.get(fmt, "text/plain") + "; charset=utf-8"


# ---------------------------------------------------------------------- writers
def _table(answer: Answer) -> str:
    if answer.form == "ask":
        return "yes" if answer.boolean else "no"
    text = text_table(answer.records(), answer.variables)
    note = f"\n({len(answer.rows)} row{'s' if len(answer.rows) != 1 else ''}"
    return text + note + (", cut at the result-size limit)" if answer.truncated else ")")


def _result(answer: Answer):
    """The answer as an rdflib query result, for rdflib's SPARQL result serializers."""
    from rdflib import Variable
    from rdflib.query import Result

    if answer.form == "ask":
        result = Result("ASK")
        result.askAnswer = bool(answer.boolean)
        return result
    result = Result("SELECT")
    names = [Variable(v) for v in answer.variables]
    result.vars = names
    result.bindings = [{n: t for n, t in zip(names, row, strict=True) if t is not None}
                       for row in answer.rows]
    return result


def _serialized(answer: Answer, fmt: str) -> str:
    data = _result(answer).serialize(format=fmt, encoding="utf-8")
    return data.decode("utf-8")


def _json(answer: Answer) -> str:
    return _serialized(answer, "json")


def _csv(answer: Answer) -> str:
    return "".join(_csv_lines(answer))


def _csv_lines(answer: Answer):
    """The CSV answer, a line at a time (so a capped writer can stop early)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    if answer.form == "ask":
        yield line(["boolean"])
        yield line(["true" if answer.boolean else "false"])
        return
    yield line([csv_cell(v) for v in answer.variables])
    for row in answer.rows:  # data may hold formula-looking text: defused, as in the reports
        yield line([csv_cell("" if t is None else (f"_:{t}" if isinstance(t, BNode)
                                                   else str(t))) for t in row])


def _tsv(answer: Answer) -> str:
    return "".join(_tsv_lines(answer))


def _tsv_lines(answer: Answer):
    """The TSV answer, a line at a time."""
    if answer.form == "ask":
        yield f"?boolean\n{'true' if answer.boolean else 'false'}\n"
        return
    yield "\t".join(f"?{v}" for v in answer.variables) + "\n"
    for row in answer.rows:
        yield "\t".join("" if t is None else (f"_:{t}" if isinstance(t, BNode)
                                              else nt_term(_defused(t))) for t in row) + "\n"


def _defused(term):
    """A literal whose text a spreadsheet would run as a formula (``=cmd|...``), with the
    apostrophe :func:`~mineralgraph.cells.csv_cell` gives it: a spreadsheet reads a TSV
    cell ``"=..."`` as the formula once it drops the quotes."""
    from rdflib import Literal

    if isinstance(term, Literal):
        text = csv_cell(str(term))
        if text != str(term):
            return Literal(text, lang=term.language,
                           datatype=None if term.language else term.datatype)
    return term


def _xml(answer: Answer) -> str:
    return _serialized(answer, "xml") + "\n"


def _graph_text(answer: Answer, fmt: str) -> str:
    if fmt not in GRAPH_TYPES:
        raise MineralGraphError(f"unknown graph format {fmt!r} (known: {', '.join(GRAPH_TYPES)})")
    nt = "".join(sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
                         for s, p, o in answer.triples}))
    return serialize_ntriples(nt, fmt)


# ---------------------------------------------------------------------- readers
def answer_from_json(text: str) -> Answer:
    """An :class:`Answer` from SPARQL 1.1 JSON results (what a remote endpoint sends),
    read by rdflib's result reader.

    The text is parsed by the standard library, which stops a document nested too deep
    with an error: rdflib's own parser hands it to orjson when that is installed, and
    orjson 3.8 crashes the process (a segmentation fault) on ``[[[…]]]`` 200,000 deep.
    """
    import json

    from rdflib.plugins.sparql.results.jsonresults import JSONResult
    from rdflib.query import ResultException

    try:
        result = JSONResult(json.loads(text))
        if result.type == "ASK":
            return Answer("ask", boolean=bool(result.askAnswer))
        variables = [str(v) for v in result.vars or []]
        rows = [tuple(binding.get(v) for v in result.vars or []) for binding in result.bindings]
    except (ValueError, KeyError, TypeError, AttributeError, ResultException) as exc:
        raise MineralGraphError(f"not SPARQL JSON results ({exc})") from None
    except RecursionError:  # [[[[...]]]] a hundred thousand deep
        raise MineralGraphError("not SPARQL JSON results (nested too deeply)") from None
    return Answer("select", variables=variables, rows=rows)


def answer_from_rdf(data: bytes, media: str) -> Answer:
    """A graph :class:`Answer` from Turtle, N-Triples or JSON-LD (a remote CONSTRUCT)."""
    import pyoxigraph as ox

    from mineralgraph.graph.sparql import _term

    fmt = ox.RdfFormat.from_media_type(media.split(";")[0].strip()) or ox.RdfFormat.TURTLE
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD):
        # RDF/XML among them: its parser expands the entities of a DTD, so a few hundred
        # bytes ("billion laughs") would fill the memory
        raise MineralGraphError(f"the endpoint answered {media.split(';')[0].strip()}, not "
                                "a format asked for (SPARQL JSON, Turtle, N-Triples)")
    cache: dict = {}
    try:
        triples = [(_term(q.subject, cache), _term(q.predicate, cache), _term(q.object, cache))
                   for q in ox.parse(data, format=fmt)]
    except SyntaxError as exc:
        raise MineralGraphError(f"the endpoint sent bad RDF: {exc}") from None
    except MemoryError:  # Oxigraph's limit on one term, not the process out of memory
        raise MineralGraphError("the endpoint sent a term longer than 16 MiB, more than "
                                "the RDF reader takes") from None
    return Answer("graph", triples=triples)


__all__ = ["ALIASES", "GRAPH_TYPES", "RESULT_TYPES", "AnswerTooLargeError", "answer_bytes",
           "answer_from_json", "answer_from_rdf", "answer_text", "media_type", "short"]
