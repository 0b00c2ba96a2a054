"""The schema of mineralgraph, read from the ontology in Turtle.

``model`` is built once, at import, from ``mineralgraph.ttl``: the kinds of node
(classes with an id prefix), the relations (object properties) and the attributes
(datatype properties) with their domains, ranges and allowed values. Code asks
``model`` rather than repeating names, so the ontology stays the one schema.

>>> model.kind_of("element:Dy")
'Element'
>>> sorted(model.relations["PRODUCES"].domain)
['Company', 'Country', 'Facility']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from rdflib import OWL, RDF, RDFS, XSD, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import ClosedNamespace

from mineralgraph.exceptions import SchemaError

ONTOLOGY_IRI = "https://w3id.org/mineralgraph/ontology#"
DATA_IRI = "https://w3id.org/mineralgraph/id/"
_MG = Namespace(ONTOLOGY_IRI)

#: Python types of the XSD datatypes the ontology uses.
DATATYPES = {XSD.string: "string", XSD.integer: "integer", XSD.decimal: "decimal",
             XSD.date: "date", XSD.anyURI: "uri", XSD.boolean: "boolean"}


@dataclass(frozen=True)
class Kind:
    """A class of node: ``name`` (``Element``), ``prefix`` (``element``), required attributes,
    and ``id_pattern``, the form of the slug of its ids (a regular expression)."""

    name: str
    prefix: str
    label: str
    comment: str
    required: tuple[str, ...]
    id_pattern: str = ""


@dataclass(frozen=True)
class Relation:
    """An object property: its name (``PRODUCES``) and the kinds at either end."""

    name: str
    comment: str
    domain: frozenset[str]
    range: frozenset[str]


@dataclass(frozen=True)
class Attribute:
    """A datatype property: node attribute, relation qualifier or provenance field."""

    name: str
    label: str
    domain: frozenset[str]
    datatype: str
    allowed: tuple[str, ...]
    multi_valued: bool
    qualifier: bool
    minimum: float | None = None
    maximum: float | None = None


class Model:
    """Kinds, relations and attributes of the ontology, looked up by name."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.kinds: dict[str, Kind] = {}
        self.relations: dict[str, Relation] = {}
        self.attributes: dict[str, Attribute] = {}
        self._load()
        self.by_prefix = {k.prefix: k for k in self.kinds.values()}
        #: prefix -> kind name (what :meth:`kind_of` reads, millions of times a run)
        self._kind_names = {k.prefix: k.name for k in self.kinds.values()}
        self.ns = ClosedNamespace(ONTOLOGY_IRI, self._term_names())

    def _local(self, iri: URIRef) -> str:
        return str(iri)[len(ONTOLOGY_IRI):] if str(iri).startswith(ONTOLOGY_IRI) else str(iri)

    def _classes(self, node) -> frozenset[str]:
        """Names of the classes a domain or range names, through owl:unionOf."""
        if node is None:
            return frozenset()
        union = self.graph.value(node, OWL.unionOf)
        if union is not None:
            return frozenset(self._local(c) for c in Collection(self.graph, union))
        return frozenset([self._local(node)])

    def _load(self) -> None:
        g = self.graph
        default_pattern = str(g.value(_MG.Node, _MG.idPattern) or "")
        for cls in g.subjects(RDF.type, OWL.Class):
            prefix = g.value(cls, _MG.idPrefix)
            if prefix is None:
                continue
            name = self._local(cls)
            required = tuple(sorted(self._local(p) for p in g.objects(cls, _MG.required)))
            self.kinds[name] = Kind(name, str(prefix), str(g.value(cls, RDFS.label)),
                                    str(g.value(cls, RDFS.comment) or ""), required,
                                    str(g.value(cls, _MG.idPattern) or default_pattern))
        for prop in g.subjects(RDF.type, OWL.ObjectProperty):
            name = self._local(prop)
            if name.isupper():
                self.relations[name] = Relation(
                    name, str(g.value(prop, RDFS.comment) or ""),
                    self._classes(g.value(prop, RDFS.domain)),
                    self._classes(g.value(prop, RDFS.range)))
        for prop in g.subjects(RDF.type, OWL.DatatypeProperty):
            name = self._local(prop)
            rng = g.value(prop, RDFS.range)
            if rng not in DATATYPES:
                raise SchemaError(f"{name}: range {rng} is not a known datatype")
            self.attributes[name] = Attribute(
                name, str(g.value(prop, RDFS.label) or name),
                self._classes(g.value(prop, RDFS.domain)), DATATYPES[rng],
                tuple(sorted(str(v) for v in g.objects(prop, _MG.allowedValue))),
                bool(g.value(prop, _MG.multiValued)),
                (prop, RDF.type, _MG.Qualifier) in g,
                _number(g.value(prop, _MG.minValue)), _number(g.value(prop, _MG.maxValue)))

    def _term_names(self) -> list[str]:
        return sorted({self._local(s) for s in self.graph.subjects()
                       if str(s).startswith(ONTOLOGY_IRI)})

    # ------------------------------------------------------------------ lookups
    def kind_of(self, node_id: str) -> str | None:
        """The kind name of an id ``kind:slug``, or None when the prefix is unknown."""
        prefix, _, slug = node_id.partition(":")
        return self._kind_names.get(prefix) if slug else None

    def id_problem(self, node_id: str) -> str | None:
        """Why ``node_id`` is not of its kind's id form (ASCII only), or None when it is.

        >>> model.id_problem("country:CN") is None
        True
        >>> print(model.id_problem("country:\u0421N"))  # doctest: +ELLIPSIS
        'country:СN' holds U+0421 CYRILLIC CAPITAL LETTER ES ('С'), not ASCII: ...
        >>> print(model.id_problem("material:Nd oxide"))  # doctest: +ELLIPSIS
        'material:Nd oxide' is not of the form material:slug (lower-case ASCII letters...
        """
        prefix, sep, slug = node_id.partition(":")
        kind = self.by_prefix.get(prefix)
        if kind is None or not sep or not slug:
            kinds = ", ".join(sorted(self.by_prefix))
            return f"{node_id!r} has no known kind (kind:slug, kinds: {kinds})"
        odd = next((c for c in node_id if not (c.isascii() and c.isprintable())), None)
        if odd is not None:
            name = unicodedata.name(odd, "a control or unassigned character")
            return f"{node_id!r} holds U+{ord(odd):04X} {name} ({odd!r}), not ASCII: a look-alike?"
        if kind.id_pattern and not re.fullmatch(kind.id_pattern, slug):
            return f"{node_id!r} is not of the form {prefix}:{_ID_FORMS.get(prefix, _SLUG_FORM)}"
        return None

    def node_attributes(self, kind: str) -> dict[str, Attribute]:
        """The attributes a node of ``kind`` may carry (domain is the kind or mg:Node).

        A property may be both: ``note`` remarks on a node and qualifies a relation claim.
        """
        return {n: a for n, a in self.attributes.items()
                if kind in a.domain or "Node" in a.domain}

    @property
    def qualifiers(self) -> dict[str, Attribute]:
        """Attributes that qualify a relation claim (share, quantity, unit, year...)."""
        return {n: a for n, a in self.attributes.items() if a.qualifier}

    def iri(self, node_id: str) -> URIRef:
        """The RDF IRI of a node id: the data base IRI plus ``kind/slug``.

        >>> str(model.iri("product:f-35"))
        'https://w3id.org/mineralgraph/id/product/f-35'
        """
        prefix, _, slug = node_id.partition(":")
        return URIRef(f"{DATA_IRI}{prefix}/{slug}")

    def id_of(self, iri: str) -> str | None:
        """The node id of an IRI made by :meth:`iri`, or None."""
        if not str(iri).startswith(DATA_IRI):
            return None
        prefix, _, slug = str(iri)[len(DATA_IRI):].partition("/")
        return f"{prefix}:{slug}" if prefix in self.by_prefix and slug else None


_SLUG_FORM = "slug (lower-case ASCII letters and digits joined by - . _)"
_ID_FORMS = {"element": "Xx (an element symbol such as Dy)",
             "country": "XX (an ISO 3166-1 alpha-2 code such as CN)"}


def _number(literal) -> float | None:
    return None if literal is None else float(literal)


def _read_ontology() -> Graph:
    text = resources.files("mineralgraph.ontology").joinpath("mineralgraph.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


model = Model(_read_ontology())
MG = model.ns
