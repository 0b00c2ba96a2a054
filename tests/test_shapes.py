"""SHACL shapes (mineralgraph/ontology/shapes.ttl): they agree with the ontology, and the
export of the bundled dataset conforms to them (pyshacl)."""

from __future__ import annotations

import warnings
from importlib import resources
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, SH, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection

from mineralgraph import load_bundled
from mineralgraph.claim import Claim
from mineralgraph.graph.rdf import PROVENANCE, to_rdf
from mineralgraph.loaders.curated import load_curated
from mineralgraph.ontology import MG, ONTOLOGY_IRI, model

TINY = Path(__file__).parent / "data" / "rdf-tiny"
XSD_OF = {"string": XSD.string, "integer": XSD.integer, "decimal": XSD.decimal,
          "date": XSD.date, "uri": XSD.anyURI, "boolean": XSD.boolean}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    text = resources.files("mineralgraph.ontology").joinpath("shapes.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


def local(iri) -> str:
    """``share`` for mg:share; other IRIs (rdf:subject...) stay whole."""
    text = str(iri)
    return text[len(ONTOLOGY_IRI):] if text.startswith(ONTOLOGY_IRI) else text


def property_shapes(shapes: Graph, target) -> dict[str, URIRef]:
    shape = shapes.value(predicate=SH.targetClass, object=target)
    assert shape is not None, f"no shape targets {target}"
    return {local(shapes.value(p, SH.path)): p for p in shapes.objects(shape, SH.property)}


def classes_of(shapes: Graph, prop) -> set[str]:
    one = shapes.value(prop, SH["class"])
    if one is not None:
        return {local(one)}
    union = shapes.value(prop, SH["or"])
    return {local(shapes.value(item, SH["class"])) for item in Collection(shapes, union)}


def test_shipped_shapes_are_those_the_ontology_gives_now():
    from mineralgraph.graph.rdf_shapes import shapes_text

    shipped = resources.files("mineralgraph.ontology").joinpath("shapes.ttl").read_text("utf-8")
    assert shipped == shapes_text(), ("the ontology changed: run python -m "
                                      "mineralgraph.graph.rdf_shapes > "
                                      "mineralgraph/ontology/shapes.ttl")


def test_one_closed_shape_per_kind_and_one_for_statements(shapes):
    targets = {local(t) for t in shapes.objects(None, SH.targetClass)}
    assert targets == set(model.kinds) | {"Statement"}
    for shape in shapes.subjects(SH.targetClass, None):
        assert shapes.value(shape, SH.closed) == Literal(True)


@pytest.mark.parametrize("kind", sorted(model.kinds))
def test_kind_shape_agrees_with_the_model(shapes, kind):
    props = property_shapes(shapes, MG[kind])
    attributes = model.node_attributes(kind)
    relations = {n: r for n, r in model.relations.items() if kind in r.domain}
    assert set(props) == set(attributes) | set(relations)
    for name, attribute in attributes.items():
        prop = props[name]
        assert shapes.value(prop, SH.datatype) == XSD_OF[attribute.datatype], name
        listed = shapes.value(prop, SH["in"])
        allowed = sorted(str(v) for v in Collection(shapes, listed)) if listed else []
        assert allowed == list(attribute.allowed), name
        required = shapes.value(prop, SH.minCount) == Literal(1)
        assert required == (name in model.kinds[kind].required), name
    for name, relation in relations.items():
        assert classes_of(shapes, props[name]) == set(relation.range), name


def test_statement_shape_agrees_with_the_model(shapes):
    props = property_shapes(shapes, MG.Statement)
    reification = {local(p) for p in (RDF.subject, RDF.predicate, RDF.object)}
    assert set(props) == {"source", *model.qualifiers, *PROVENANCE} | reification
    for name, attribute in [*model.qualifiers.items(),
                            *((n, model.attributes[n]) for n in PROVENANCE)]:
        assert shapes.value(props[name], SH.datatype) == XSD_OF[attribute.datatype], name
    assert classes_of(shapes, props["source"]) == {"Source"}


def validate(graph: Graph, *, per_statement_query: bool = True) -> tuple[bool, str]:
    """pyshacl's verdict on an export; without ``per_statement_query``, the shapes' one
    SPARQL constraint (every statement's triple is asserted) is left out."""
    text = resources.files("mineralgraph.ontology").joinpath("shapes.ttl").read_text("utf-8")
    if not per_statement_query:
        start, end = text.index("    sh:sparql ["), text.index("mgsh:prefixes owl:declare")
        text = text[:start].rstrip().rstrip(";") + " .\n\n" + text[end:]
    with warnings.catch_warnings():  # pyshacl still calls rdflib's deprecated Dataset API
        warnings.simplefilter("ignore", DeprecationWarning)
        conforms, _, report = pyshacl.validate(graph, shacl_graph=text,
                                               shacl_graph_format="turtle", advanced=True)
    return conforms, report


def unasserted_statements(graph: Graph) -> list:
    """The statements whose rdf:subject/predicate/object triple the graph does not hold:
    the shapes' SPARQL constraint, asked of every statement at once."""
    return sorted(st for st in graph.subjects(RDF.type, MG.Statement)
                  if (graph.value(st, RDF.subject), graph.value(st, RDF.predicate),
                      graph.value(st, RDF.object)) not in graph)


def test_export_of_the_bundled_dataset_conforms():
    # pyshacl runs the SPARQL constraint once per statement (about 12,000 queries, three
    # minutes); the same rule is checked here in one pass, and by pyshacl itself on the
    # tiny graph and on a statement whose triple is missing (below)
    graph = to_rdf(load_bundled().claims)
    conforms, report = validate(graph, per_statement_query=False)
    assert conforms, report
    assert graph.value(predicate=RDF.type, object=MG.Statement) is not None
    assert unasserted_statements(graph) == []


def test_the_one_pass_check_finds_a_statement_whose_triple_is_missing():
    graph = to_rdf(BASE)
    assert unasserted_statements(graph) == []
    graph.remove((model.iri(BASE[1].subject), MG.label, Literal("X")))
    [missing] = unasserted_statements(graph)
    assert (graph.value(missing, RDF.subject), graph.value(missing, RDF.object)) == \
        (model.iri(BASE[1].subject), Literal("X"))


def test_export_of_the_tiny_graph_conforms():
    conforms, report = validate(to_rdf(load_curated(TINY).claims))
    assert conforms, report


S = ("source:s",)
BASE = [Claim("source:s", "title", "A source", sources=S),
        Claim("material:x", "label", "X", sources=S), Claim("material:x", "stage", "metal",
                                                              sources=S),
        Claim("product:p", "label", "P", sources=S), Claim("product:p", "end_use", "defence",
                                                           sources=S)]


@pytest.mark.parametrize("extra,component,focus", [
    ([Claim("product:p", "PRODUCES", "material:x", sources=S)], "ClosedConstraintComponent",
     "product:p"),
    ([Claim("country:CN", "label", "China", sources=S),
      Claim("country:CN", "PRODUCES", "material:x", (("share", 1.5),), sources=S)],
     "MaxInclusiveConstraintComponent", "statement"),
    ([Claim("material:y", "label", "Y", sources=S), Claim("material:y", "stage", "smelting",
                                                          sources=S)],
     "InConstraintComponent", "material:y"),
    ([Claim("product:p", "REQUIRES", "material:undefined", sources=S)],
     "MinCountConstraintComponent", "material:undefined"),
    ([Claim("product:p", "REQUIRES", "product:p", sources=S)], "ClassConstraintComponent",
     "product:p"),
    ([Claim("material:x", "alias", "no source")], "MinCountConstraintComponent", "statement"),
])
def test_broken_data_does_not_conform(extra, component, focus):
    conforms, report = validate(to_rdf(BASE + extra))
    assert not conforms
    assert f"Constraint Violation in {component}" in report
    if focus == "statement":  # the statement node of the last claim
        focus = f"statement:{extra[-1].id}"
    assert f"Focus Node: {focus}\n" in report


def test_a_statement_whose_triple_is_missing_does_not_conform(shapes):
    graph = to_rdf(BASE)
    claim = BASE[1]
    graph.remove((model.iri(claim.subject), MG.label, Literal("X")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
    assert not conforms
    assert "Message: the statement's triple is not asserted" in report
    assert f"Focus Node: statement:{claim.id}\n" in report
