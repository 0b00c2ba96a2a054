"""SHACL shapes of the RDF view, written from the ontology.

``mineralgraph/ontology/shapes.ttl`` is the output of :func:`shapes_text`; when the
ontology changes, write it again with::

    python -m mineralgraph.graph.rdf_shapes > mineralgraph/ontology/shapes.ttl

and ``tests/test_shapes.py`` checks that the two agree.

>>> "mgsh:Element a sh:NodeShape" in shapes_text()
True
"""

from __future__ import annotations

from mineralgraph.graph.rdf import PROVENANCE
from mineralgraph.ontology import model

_XSD = {"string": "xsd:string", "integer": "xsd:integer", "decimal": "xsd:decimal",
        "date": "xsd:date", "uri": "xsd:anyURI", "boolean": "xsd:boolean"}

HEADER = """\
# SHACL shapes of the RDF export (mineralgraph export), written from the ontology by
# mineralgraph.graph.rdf_shapes: do not edit by hand, run
#     python -m mineralgraph.graph.rdf_shapes > mineralgraph/ontology/shapes.ttl
#
# One node shape per kind (sh:targetClass), closed: a node may carry only the attributes
# and relations the ontology allows on its kind, each attribute with the ontology's
# datatype and allowed values, each relation pointing at a node of an allowed kind.
# Required attributes (mg:required) have sh:minCount 1. One shape for statement nodes
# (mg:Statement): exactly one rdf:subject, rdf:predicate and rdf:object, at least one
# source, typed qualifiers and provenance, and the plain triple it describes asserted.
# tests/test_shapes.py checks that these shapes and the ontology agree, and that the
# export of the bundled dataset conforms (pyshacl).
@prefix mg:    <https://w3id.org/mineralgraph/ontology#> .
@prefix mgsh:  <https://w3id.org/mineralgraph/shapes#> .
@prefix sh:    <http://www.w3.org/ns/shacl#> .
@prefix rdf:   <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix owl:   <http://www.w3.org/2002/07/owl#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
"""

TRIPLE_ASSERTED = '''\
    sh:sparql [
        a sh:SPARQLConstraint ;
        sh:message "the statement's triple is not asserted" ;
        sh:select """
            SELECT $this WHERE {
                $this rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                FILTER NOT EXISTS { ?s ?p ?o }
            }""" ;
        sh:prefixes mgsh:prefixes ] .

mgsh:prefixes owl:declare [ sh:prefix "rdf" ;
    sh:namespace "http://www.w3.org/1999/02/22-rdf-syntax-ns#"^^xsd:anyURI ] .
'''


def _class(names) -> str:
    names = sorted(names)
    if len(names) == 1:
        return f"sh:class mg:{names[0]}"
    return "sh:or ( " + " ".join(f"[ sh:class mg:{n} ]" for n in names) + " )"


def _allowed(values) -> list[str]:
    return ["sh:in ( " + " ".join(f'"{v}"' for v in values) + " )"] if values else []


def _range(attribute) -> list[str]:
    """sh:minInclusive/maxInclusive from the ontology's mg:minValue/maxValue."""
    bounds = (("sh:minInclusive", attribute.minimum), ("sh:maxInclusive", attribute.maximum))
    return [f"{term} {value:g}" for term, value in bounds if value is not None]


def _shape(name: str, target: str, ignored: str, props: list[list[str]], last: str) -> str:
    body = " ,\n".join("        [ " + " ;\n          ".join(p) + " ]" for p in props)
    return (f"mgsh:{name} a sh:NodeShape ;\n    sh:targetClass mg:{target} ;\n"
            f"    sh:closed true ;\n    sh:ignoredProperties ( {ignored} ) ;\n"
            f"    sh:property\n{body} {last}\n")


def shapes_text() -> str:
    """The Turtle text of the shapes, from :data:`mineralgraph.ontology.model`."""
    parts = [HEADER]
    for kind in sorted(model.kinds):
        props = []
        for name, attribute in sorted(model.node_attributes(kind).items()):
            prop = [f"sh:path mg:{name}", f"sh:datatype {_XSD[attribute.datatype]}"]
            prop += _allowed(attribute.allowed) + _range(attribute)
            if name in model.kinds[kind].required:
                prop.append("sh:minCount 1")
            props.append(prop)
        for name, relation in sorted(model.relations.items()):
            if kind in relation.domain:
                props.append([f"sh:path mg:{name}", "sh:nodeKind sh:IRI", _class(relation.range)])
        parts.append(_shape(kind, kind, "rdf:type owl:sameAs", props, "."))
    props = [["sh:path rdf:subject", "sh:nodeKind sh:IRI", "sh:minCount 1", "sh:maxCount 1"],
             ["sh:path rdf:predicate", "sh:nodeKind sh:IRI", "sh:minCount 1", "sh:maxCount 1"],
             ["sh:path rdf:object", "sh:minCount 1", "sh:maxCount 1"],
             ["sh:path mg:source", "sh:nodeKind sh:IRI", "sh:class mg:Source",
              "sh:minCount 1"]]
    for name, attribute in sorted(model.qualifiers.items()):
        prop = [f"sh:path mg:{name}", f"sh:datatype {_XSD[attribute.datatype]}",
                "sh:maxCount 1"]
        props.append(prop + _range(attribute) + _allowed(attribute.allowed))
    for name in PROVENANCE:
        attribute = model.attributes[name]
        props.append([f"sh:path mg:{name}", f"sh:datatype {_XSD[attribute.datatype]}",
                      "sh:maxCount 1"] + _allowed(attribute.allowed))
    parts.append(_shape("Statement", "Statement", "rdf:type", props, ";") + TRIPLE_ASSERTED)
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(shapes_text(), end="")
