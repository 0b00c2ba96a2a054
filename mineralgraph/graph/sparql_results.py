"""SPARQL answers as text: the W3C result formats, a table for people, and back.

SELECT and ASK answers are written in the SPARQL 1.1 Query Results formats (JSON, CSV,
TSV, XML); CONSTRUCT and DESCRIBE answers as Turtle, N-Triples or JSON-LD. The
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
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import XSD, BNode, Literal, URIRef

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


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _json(answer: Answer) -> str:
    if answer.form == "ask":
        return json.dumps({"head": {}, "boolean": answer.boolean})
    bindings = [{v: _json_term(t) for v, t in zip(answer.variables, row, strict=True)
                 if t is not None} for row in answer.rows]
    return json.dumps({"head": {"vars": answer.variables},
                       "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)


def _csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.form == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if answer.boolean else "false"])
        return buffer.getvalue()
    writer.writerow([csv_cell(v) for v in answer.variables])
    for row in answer.rows:  # data may hold formula-looking text: defused, as in the reports
        writer.writerow([csv_cell("" if t is None else (f"_:{t}" if isinstance(t, BNode)
                                                        else str(t))) for t in row])
    return buffer.getvalue()


def _tsv(answer: Answer) -> str:
    if answer.form == "ask":
        return f"?boolean\n{'true' if answer.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join("" if t is None else (f"_:{t}" if isinstance(t, BNode)
                                                    else nt_term(t)) for t in row))
    return "\n".join(lines) + "\n"


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and term.datatype != XSD.string:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def _xml(answer: Answer) -> str:
    lines = ['<?xml version="1.0"?>',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    lines += [f"  <variable name={quoteattr(v)}/>" for v in answer.variables]
    lines.append("</head>")
    if answer.form == "ask":
        lines.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>")
    else:
        lines.append("<results>")
        for row in answer.rows:
            lines.append("  <result>")
            lines += [f"    <binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                      for v, t in zip(answer.variables, row, strict=True) if t is not None]
            lines.append("  </result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def _graph_text(answer: Answer, fmt: str) -> str:
    if fmt not in GRAPH_TYPES:
        raise MineralGraphError(f"unknown graph format {fmt!r} (known: {', '.join(GRAPH_TYPES)})")
    nt = "".join(sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
                         for s, p, o in answer.triples}))
    return serialize_ntriples(nt, fmt)


# ---------------------------------------------------------------------- readers
def _term_of_json(value: dict):
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != str(XSD.string):
        return Literal(value["value"], datatype=URIRef(datatype), normalize=False)
    return Literal(value["value"])


def answer_from_json(text: str) -> Answer:
    """An :class:`Answer` from SPARQL 1.1 JSON results (what a remote endpoint sends)."""
    try:
        data = json.loads(text)
        if "boolean" in data:
            return Answer("ask", boolean=bool(data["boolean"]))
        variables = list(data["head"].get("vars", []))
        rows = [tuple(_term_of_json(b[v]) if v in b else None for v in variables)
                for b in data["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise MineralGraphError(f"not SPARQL JSON results ({exc})") from None
    return Answer("select", variables=variables, rows=rows)


def answer_from_rdf(data: bytes, media: str) -> Answer:
    """A graph :class:`Answer` from Turtle, N-Triples or JSON-LD (a remote CONSTRUCT)."""
    import pyoxigraph as ox

    from mineralgraph.graph.sparql import _term

    fmt = ox.RdfFormat.from_media_type(media.split(";")[0].strip()) or ox.RdfFormat.TURTLE
    cache: dict = {}
    try:
        triples = [(_term(q.subject, cache), _term(q.predicate, cache), _term(q.object, cache))
                   for q in ox.parse(data, format=fmt)]
    except SyntaxError as exc:
        raise MineralGraphError(f"the endpoint sent bad RDF: {exc}") from None
    return Answer("graph", triples=triples)


__all__ = ["ALIASES", "GRAPH_TYPES", "RESULT_TYPES", "answer_from_json", "answer_from_rdf",
           "answer_text", "media_type", "short"]
