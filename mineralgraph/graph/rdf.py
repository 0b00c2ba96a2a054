"""The RDF view: claims as linked data, following the ontology, and back again.

Every node id ``kind:slug`` is the IRI ``https://w3id.org/mineralgraph/id/kind/slug``
(:meth:`Model.iri`), typed with its ontology class. Every claim gives two things:

* a **plain triple**, ``<subject> mg:PREDICATE <object>``, that simple queries use
  (an attribute's value is a typed literal; a relation's object is a node IRI);
* a **statement node** ``statement:<claim id>``, an ``mg:Statement`` that points at
  the triple with ``rdf:subject``, ``rdf:predicate`` and ``rdf:object`` (the RDF
  reification vocabulary, in the manner of a PROV-O qualified relation) and carries
  what the claim says beyond it: qualifiers (``mg:share``, ``mg:quantity``...), sources
  (``mg:source`` to the ``source/...`` IRI), ``mg:quote``, ``mg:confidence``,
  ``mg:valid_from``, ``mg:valid_to`` and ``mg:origin``.

A ``wikidata`` attribute (``Q…``) also gives ``owl:sameAs`` to the Wikidata entity IRI. The
statement IRI comes from the claim id, so an export is deterministic, and reading it
back (:func:`claims_from_triples`) gives the same claims.

>>> from mineralgraph.claim import Claim
>>> c = Claim("country:CN", "PRODUCES", "material:dy-oxide", (("share", 0.9),),
...           sources=("source:usgs",))
>>> g = to_rdf([c])
>>> (node_iri("country:CN"), MG.PRODUCES, node_iri("material:dy-oxide")) in g
True
>>> g.value(statement_iri(c), MG.share)
rdflib.term.Literal('0.9', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
>>> claims_from_triples(claim_triples(c)) == [c]
True
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import OWL, RDF, XSD, BNode, Graph, Literal, URIRef

from mineralgraph.claim import Claim, Value
from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.files import portable_origin
from mineralgraph.ontology import DATA_IRI, MG, ONTOLOGY_IRI, model

#: Base IRI of statement nodes; the local part is the claim id.
STATEMENT_IRI = f"{DATA_IRI}statement/"
#: Base IRI of Wikidata entities (``owl:sameAs`` targets).
WIKIDATA_IRI = "http://www.wikidata.org/entity/"
#: Export formats: option name -> Oxigraph's name of the format.
FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD"}
#: File suffix -> export format name.
SUFFIXES = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".jsonld": "jsonld",
            ".json-ld": "jsonld"}
#: Provenance fields of a claim and their predicates on the statement node.
PROVENANCE = ("quote", "confidence", "valid_from", "valid_to", "origin")

#: Prefixes used in Turtle, JSON-LD and SPARQL: the ontology, the W3C vocabularies,
#: Wikidata, and one prefix per kind so that ``product:f-35`` is the IRI of that id.
PREFIXES = {"mg": ONTOLOGY_IRI, "rdf": str(RDF), "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": str(XSD), "owl": str(OWL), "prov": "http://www.w3.org/ns/prov#",
            "wd": WIKIDATA_IRI, "statement": STATEMENT_IRI,
            **{prefix: f"{DATA_IRI}{prefix}/" for prefix in sorted(model.by_prefix)}}

_WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger,
             XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger}
_FLOATS = {XSD.decimal, XSD.double, XSD.float}


# ---------------------------------------------------------------------- values
def decimal_lexical(number: float) -> str:
    """The canonical xsd:decimal form (XSD 1.1) of a finite float; it reads back as the same
    float, and stores that normalise decimals (Oxigraph) give it back unchanged.

    >>> decimal_lexical(1e-07), decimal_lexical(45000.0), decimal_lexical(0.25)
    ('0.0000001', '45000', '0.25')
    """
    if not math.isfinite(number):
        raise MineralGraphError(f"{number} has no xsd:decimal form")
    text = format(Decimal(repr(number)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def literal(value: Value, name: str | None = None) -> Literal:
    """The typed literal of a claim value; ``name`` (an attribute) picks xsd:anyURI for URLs.

    >>> literal(0.25).n3()
    '"0.25"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(decimal_lexical(value), datatype=XSD.decimal)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    attribute = model.attributes.get(name) if name else None
    if attribute is not None and attribute.datatype == "uri":
        return Literal(str(value), datatype=XSD.anyURI)
    return Literal(str(value))


def value_of(term) -> Value:
    """The Python value of a literal written by :func:`literal` (the inverse).

    >>> value_of(literal(0.25)), value_of(literal(date(2025, 4, 4)))
    (0.25, datetime.date(2025, 4, 4))
    """
    text, datatype = str(term), getattr(term, "datatype", None)
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _FLOATS:
            return float(text)
        if datatype == XSD.date:
            return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text[:40]!r} is not a valid {datatype}") from None
    if datatype == XSD.boolean:
        return text.strip() in ("true", "1")
    return text


@functools.lru_cache(maxsize=1 << 18)
def node_iri(node_id: str) -> URIRef:
    """The IRI of a node id; refuses ids an IRI cannot hold (spaces, quotes, brackets)."""
    prefix, sep, slug = node_id.partition(":")
    if not sep or not prefix or not slug or any(ch in node_id for ch in ' <>"{}|^`\\\n\t'):
        raise MineralGraphError(f"{node_id!r} is not an id that can be an IRI (kind:slug)")
    return URIRef(f"{DATA_IRI}{prefix}/{slug}")


def id_of(iri) -> str | None:
    """The id ``kind:slug`` of a node IRI, or None for any other IRI.

    >>> id_of(node_iri("product:f-35"))
    'product:f-35'
    """
    text = str(iri)
    if not text.startswith(DATA_IRI):
        return None
    prefix, sep, slug = text[len(DATA_IRI):].partition("/")
    return f"{prefix}:{slug}" if sep and prefix and slug and prefix != "statement" else None


def statement_iri(claim: Claim) -> URIRef:
    """The IRI of a claim's statement node: ``id:statement/<claim id>``."""
    return URIRef(STATEMENT_IRI + claim.id)


@functools.lru_cache(maxsize=1024)
def _term(name: str) -> URIRef:
    try:
        return MG[name]
    except (AttributeError, KeyError):
        raise MineralGraphError(f"{name!r} is not a term of the ontology") from None


# ---------------------------------------------------------------------- claims -> triples
def claim_triples(claim: Claim, typed: bool = True) -> Iterator[tuple]:
    """The triples of one claim: the plain triple, then its statement node.

    With ``typed``, also the ``rdf:type`` of the subject (and of a relation's object).
    """
    subject = node_iri(claim.subject)
    predicate = _term(claim.predicate)
    if claim.is_relation:
        if not isinstance(claim.object, str):
            raise MineralGraphError(f"{claim.subject} {claim.predicate}: object "
                                    f"{claim.object!r} is not a node id")
        obj = node_iri(claim.object)
    else:
        obj = literal(claim.object, claim.predicate)
    if typed:
        yield from _type_triples(claim)
    yield subject, predicate, obj
    if claim.predicate == "wikidata" and _WIKIDATA_ID.fullmatch(str(claim.object)):
        yield subject, OWL.sameAs, URIRef(WIKIDATA_IRI + str(claim.object))
    st = statement_iri(claim)
    yield st, _RDF_TYPE, _STATEMENT
    yield st, _RDF_SUBJECT, subject
    yield st, _RDF_PREDICATE, predicate
    yield st, _RDF_OBJECT, obj
    for name, value in claim.qualifiers:
        yield st, _term(name), literal(value, name)
    for source in claim.sources:
        yield st, _SOURCE, node_iri(source)
    for name in PROVENANCE:
        value = getattr(claim, name)
        if value is not None:
            yield st, _term(name), literal(portable_origin(value) if name == "origin" else value)




def _type_triples(claim: Claim) -> Iterator[tuple]:
    ends = [claim.subject, *([claim.object] if claim.is_relation else []), *claim.sources]
    for node_id in ends:
        cls = _CLASS.get(node_id.partition(":")[0])
        if cls is not None:
            yield node_iri(node_id), _RDF_TYPE, cls


# Terms looked up once: a ClosedNamespace lookup is slow in a loop over a million triples.
_RDF_TYPE, _RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = RDF.type, RDF.subject, RDF.predicate, \
    RDF.object
_STATEMENT, _SOURCE = MG.Statement, MG.source
_CLASS = {kind.prefix: MG[kind.name] for kind in model.kinds.values()}


def rdf_triples(claims: Iterable[Claim]) -> Iterator[tuple]:
    """Every triple of the RDF view of ``claims`` (duplicates possible; a set removes them)."""
    for claim in _unique(claims):
        yield from claim_triples(claim)


def _unique(claims: Iterable[Claim]) -> list[Claim]:
    """Claims once per id, sorted as a SupplyGraph sorts them."""
    if hasattr(claims, "claims"):  # a SupplyGraph
        claims = claims.claims
    unique = {c.id: c for c in claims}
    return sorted(unique.values(), key=lambda c: (c.subject, c.predicate, c.id))


def to_rdf(claims: Iterable[Claim]) -> Graph:
    """An rdflib Graph of the RDF view of ``claims`` (or of a SupplyGraph).

    >>> from mineralgraph.claim import Claim
    >>> g = to_rdf([Claim("element:Dy", "symbol", "Dy", sources=("source:iupac",))])
    >>> (node_iri("element:Dy"), MG.symbol, Literal("Dy")) in g
    True
    """
    graph = Graph(bind_namespaces="core")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    graph.addN((s, p, o, graph) for s, p, o in rdf_triples(claims))
    return graph


# ---------------------------------------------------------------------- serialization
def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r"))


def nt_term(term) -> str:
    """One term in N-Triples syntax."""
    if isinstance(term, Literal):
        datatype = term.datatype
        if term.language:
            return f'"{_escape(str(term))}"@{term.language}'
        if datatype is None or datatype == XSD.string:
            return f'"{_escape(str(term))}"'
        return f'"{_escape(str(term))}"^^<{datatype}>'
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def ntriples(claims: Iterable[Claim]) -> str:
    """The RDF view as N-Triples, one triple per line, sorted and without duplicates."""
    iris: dict = {}  # IRI -> its N-Triples form, made once

    def term(t) -> str:
        if type(t) is not URIRef:
            return nt_term(t)
        text = iris.get(t)
        if text is None:
            text = iris[t] = f"<{t}>"
        return text

    lines = {f"{term(s)} {term(p)} {term(o)} ." for s, p, o in rdf_triples(claims)}
    return "".join(line + "\n" for line in sorted(lines))


#: The longest term (a literal, an IRI) Oxigraph parses or writes as Turtle, in bytes.
OXIGRAPH_TERM_LIMIT = 16 * 2**20


def rdf_text(claims: Iterable[Claim], fmt: str = "ttl") -> str:
    """The RDF view in an export format (``ttl``, ``nt`` or ``jsonld``), deterministic.

    Triples are sorted, so the same claims always give the same text.
    """
    if fmt not in FORMATS:
        raise MineralGraphError(f"unknown RDF format {fmt!r} (known: {', '.join(FORMATS)})")
    return serialize_ntriples(ntriples(claims), fmt)


def serialize_ntriples(nt: str, fmt: str) -> str:
    """Sorted N-Triples text in ``nt``, ``jsonld`` or ``ttl`` (with the project's prefixes)."""
    if fmt == "nt":
        return nt
    if fmt == "jsonld":
        return jsonld_text(nt)
    import pyoxigraph as ox

    try:
        triples = ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    except MemoryError:  # Oxigraph holds one term in at most 16 MiB
        raise MineralGraphError(f"a value is longer than {OXIGRAPH_TERM_LIMIT // 2**20} MiB, "
                                "more than Turtle can be written with; use --format nt"
                                ) from None
    return turtle.decode("utf-8")


def _compact(iri: str) -> str:
    for prefix, base in _LONGEST_FIRST:
        if iri.startswith(base) and "/" not in iri[len(base):] and "#" not in iri[len(base):]:
            return f"{prefix}:{iri[len(base):]}"
    return iri


_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def jsonld_text(nt: str) -> str:
    """Compact JSON-LD (a ``@context`` with the prefixes, one object per node) of N-Triples."""
    import pyoxigraph as ox

    nodes: dict[str, dict] = {}
    for triple in ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        s, p, o = triple.subject.value, triple.predicate.value, triple.object
        node = nodes.setdefault(s, {"@id": _compact(s)})
        if p == str(RDF.type):
            node.setdefault("@type", []).append(_compact(o.value))
            continue
        if isinstance(o, ox.NamedNode):
            value = {"@id": _compact(o.value)}
        elif o.language:
            value = {"@value": o.value, "@language": o.language}
        elif o.datatype.value == str(XSD.string):
            value = {"@value": o.value}
        else:
            value = {"@value": o.value, "@type": _compact(o.datatype.value)}
        node.setdefault(_compact(p), []).append(value)
    # one node a line: readable, diffable, and written by json's fast C encoder
    lines = [json.dumps(nodes[k], ensure_ascii=False, sort_keys=True) for k in sorted(nodes)]
    context = json.dumps(PREFIXES, ensure_ascii=False, indent=1, sort_keys=True)
    return '{"@context": ' + context + ',\n"@graph": [\n' + ",\n".join(lines) + "\n]}\n"


def write_rdf(claims: Iterable[Claim], path: str | Path, fmt: str | None = None) -> str:
    """Write the RDF view to ``path`` atomically; the format defaults to the suffix's."""
    from mineralgraph.files import write_atomically

    fmt = fmt or SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise MineralGraphError(f"{path}: cannot tell the RDF format from the suffix "
                                f"(use one of {', '.join(SUFFIXES)})")
    write_atomically(path, rdf_text(claims, fmt))
    return fmt


# ---------------------------------------------------------------------- triples -> claims
@functools.lru_cache(maxsize=4096)
def _local(iri) -> str | None:
    text = str(iri)
    return text[len(ONTOLOGY_IRI):] if text.startswith(ONTOLOGY_IRI) else None


_QUALIFIER_NAMES = frozenset(model.qualifiers)
_PROVENANCE_TERMS = {MG[name]: name for name in PROVENANCE}
_OWL_SAME_AS = OWL.sameAs
#: The IRIs a reader meets most, so that it can reuse these very objects.
KNOWN_TERMS = [_RDF_TYPE, _RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT, _STATEMENT, _SOURCE,
               _OWL_SAME_AS, *_CLASS.values(), *_PROVENANCE_TERMS,
               *(MG[n] for n in [*model.relations, *model.attributes])]


def claims_from_triples(triples: Iterable[tuple], path: str = "<rdf>",
                        statements: list | None = None) -> list[Claim]:
    """The claims of an RDF view (the inverse of :func:`rdf_triples`).

    Each ``mg:Statement`` node is one claim. A plain triple of an ontology attribute or
    relation that no statement covers (RDF written by hand, or by another tool) is a
    claim without provenance. ``rdf:type`` and ``owl:sameAs`` are derived, so skipped.
    Raises InputError naming ``path`` when a statement is incomplete. ``statements``,
    when given, gets the local name of each claim's statement (None for a plain triple),
    so a problem can be named where it stands in the file.
    """
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    typed: set = set()
    plain: list[tuple] = []
    same = str.__eq__  # rdflib's own __eq__ is slow, and IRIs are strings
    for s, p, o in triples:
        if s.startswith(STATEMENT_IRI):
            if same(p, _RDF_TYPE):
                if same(o, _STATEMENT):
                    typed.add(s)
            else:
                by_subject[s][p].append(o)
        elif not same(p, _RDF_TYPE) and not same(p, _OWL_SAME_AS):
            plain.append((s, p, o))
    claims, covered = [], set()
    for st in sorted(typed):
        props = by_subject[st]
        claim = _statement_claim(st, props, path)
        covered.add((props[_RDF_SUBJECT][0], props[_RDF_PREDICATE][0], props[_RDF_OBJECT][0]))
        claims.append(claim)
        if statements is not None:
            statements.append(str(st)[len(STATEMENT_IRI):])
    for s, p, o in sorted(plain, key=lambda t: (str(t[0]), str(t[1]), nt_term(t[2]))):
        if (s, p, o) in covered:
            continue
        name, subject = _local(p), id_of(s)
        if subject is None or name is None:
            continue
        if name in model.relations:
            target = id_of(o)
            if target is None:
                raise InputError(path, None, name, f"{o} is not a node IRI of {subject}")
            claims.append(Claim(subject, name, target, origin=path))
        elif name in model.attributes and name not in _QUALIFIER_NAMES:
            claims.append(Claim(subject, name, value_of(o), origin=path))
        else:
            continue
        if statements is not None:
            statements.append(None)
    return claims


def _one(st, props, predicate, path):
    values = props.get(predicate, ())
    if len(values) != 1:
        name = _local(predicate) or str(predicate).rpartition("#")[2]
        if values:
            raise InputError(path, None, name, f"{st} has {len(values)} values, one expected")
        raise InputError(path, None, name, f"statement {st} has none")
    return values[0]


def _statement_claim(st, props, path: str) -> Claim:
    subject = id_of(_one(st, props, _RDF_SUBJECT, path))
    if subject is None:
        raise InputError(path, None, "subject", f"statement {st}: not a node IRI")
    predicate = _local(_one(st, props, _RDF_PREDICATE, path))
    is_relation = predicate in model.relations
    if not is_relation and predicate not in model.attributes:
        raise InputError(path, None, "predicate", f"statement {st}: {predicate!r} is not "
                         "an attribute or relation of the ontology")
    obj = _one(st, props, _RDF_OBJECT, path)
    value = id_of(obj) if is_relation else value_of(obj)
    if value is None:
        raise InputError(path, None, "object", f"statement {st}: {obj} is not a node IRI")
    qualifiers, fields, sources = [], {}, []
    for p, values in props.items():
        if p == _SOURCE:
            sources = sorted(_source_id(st, v, path) for v in values)
        elif p in _PROVENANCE_TERMS:
            if len(values) > 1:
                _one(st, props, p, path)
            fields[_PROVENANCE_TERMS[p]] = value_of(values[0])
        else:
            name = _local(p)
            if name in _QUALIFIER_NAMES:
                qualifiers.extend((name, value_of(v)) for v in values)
    claim = Claim(subject, predicate, value, tuple(sorted(qualifiers)), tuple(sources),
                  **fields)
    return _with_source_order(claim, st[len(STATEMENT_IRI):])


def _source_id(st, iri, path: str) -> str:
    """The source id ``source:slug`` of a statement's ``mg:source``; InputError for
    anything else (an IRI of another namespace or kind, a literal)."""
    source = id_of(iri) if isinstance(iri, URIRef) else None
    if source is None or not source.startswith("source:"):
        raise InputError(path, None, "source", f"statement {st}: {iri} is not a source IRI")
    return source


def _with_source_order(claim: Claim, claim_id: str) -> Claim:
    """The claim with its sources in the order that gives the recorded id.

    RDF keeps the sources of a statement as a set; the claim id (in the statement IRI)
    remembers their order, so the order that reproduces it is found again.
    """
    if len(claim.sources) < 2 or len(claim.sources) > 6 or claim.id == claim_id:
        return claim
    from dataclasses import replace

    for order in itertools.permutations(claim.sources):
        candidate = replace(claim, sources=order)
        if candidate.id == claim_id:
            return candidate
    return claim
