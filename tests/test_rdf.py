"""The RDF view (mineralgraph.graph.rdf), the RDF loader and ``mineralgraph export``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import OWL, RDF, XSD, Graph, Literal, URIRef

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.graph.rdf import (
    FORMATS,
    claims_from_triples,
    node_iri,
    rdf_text,
    to_rdf,
    write_rdf,
)
from mineralgraph.loaders import loader_for
from mineralgraph.loaders.curated import load_curated
from mineralgraph.loaders.rdf import load_rdf
from mineralgraph.ontology import MG, model

TINY = Path(__file__).parent / "data" / "rdf-tiny"
ID = "https://w3id.org/mineralgraph/id/"


@pytest.fixture(scope="module")
def tiny_claims() -> list[Claim]:
    return load_curated(TINY).claims


def by_id(claims):
    return sorted({c.id: c for c in claims}.values(), key=lambda c: c.id)


# ---------------------------------------------------------------------- the mapping
def test_relation_claim_is_a_plain_triple_and_a_statement_node():
    claim = Claim("country:CN", "PRODUCES", "material:dy-oxide", (("share", 0.99), ("year", 2024)),
                  sources=("source:b", "source:a"), quote="China | 99%", confidence="high",
                  valid_from=date(2024, 1, 1), origin="x.csv:3")
    graph = to_rdf([claim])
    cn, oxide = URIRef(ID + "country/CN"), URIRef(ID + "material/dy-oxide")
    st_ = URIRef(ID + "statement/" + claim.id)
    assert (cn, MG.PRODUCES, oxide) in graph
    assert set(graph.predicate_objects(st_)) == {
        (RDF.type, MG.Statement), (RDF.subject, cn), (RDF.predicate, MG.PRODUCES),
        (RDF.object, oxide), (MG.share, Literal("0.99", datatype=XSD.decimal)),
        (MG.year, Literal("2024", datatype=XSD.integer)),
        (MG.source, URIRef(ID + "source/a")), (MG.source, URIRef(ID + "source/b")),
        (MG.quote, Literal("China | 99%")), (MG.confidence, Literal("high")),
        (MG.valid_from, Literal("2024-01-01", datatype=XSD.date)),
        (MG.origin, Literal("x.csv:3"))}
    assert (cn, RDF.type, MG.Country) in graph and (oxide, RDF.type, MG.Material) in graph
    assert (URIRef(ID + "source/a"), RDF.type, MG.Source) in graph
    assert len(graph) == 17


def test_attribute_claims_are_typed_literals_and_wikidata_is_same_as():
    claims = [Claim("element:Dy", "atomic_number", 66, sources=("source:s",)),
              Claim("element:Dy", "wikidata", "Q1786", sources=("source:s",)),
              Claim("source:s", "url", "https://example.org/a", sources=("source:s",)),
              Claim("source:s", "published", date(2025, 1, 31), sources=("source:s",))]
    graph = to_rdf(claims)
    dy = URIRef(ID + "element/Dy")
    assert graph.value(dy, MG.atomic_number) == Literal("66", datatype=XSD.integer)
    assert graph.value(dy, OWL.sameAs) == URIRef("http://www.wikidata.org/entity/Q1786")
    assert graph.value(URIRef(ID + "source/s"), MG.url).datatype == XSD.anyURI
    assert graph.value(URIRef(ID + "source/s"), MG.published).datatype == XSD.date


def test_every_kind_and_predicate_of_the_tiny_graph_is_an_ontology_term(tiny_claims):
    graph = to_rdf(tiny_claims)
    classes = {str(o) for o in graph.objects(None, RDF.type)}
    assert classes == {str(MG[k]) for k in model.kinds if k != "LicenceDecision"} | {
        str(MG.Statement)}
    predicates = {str(p) for p in graph.predicates()}
    known = {str(MG[n]) for n in [*model.relations, *model.attributes, "source"]}
    assert predicates - known == {str(RDF.type), str(RDF.subject), str(RDF.predicate),
                                  str(RDF.object), str(OWL.sameAs)}


def test_ids_that_cannot_be_iris_are_refused():
    with pytest.raises(MineralGraphError, match="'material:two words' is not an id"):
        to_rdf([Claim("material:two words", "label", "x")])


def test_unknown_predicate_is_refused():
    with pytest.raises(MineralGraphError, match="'colour' is not a term of the ontology"):
        to_rdf([Claim("material:x", "colour", "red")])


# ---------------------------------------------------------------------- export text
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_deterministic_and_reads_back_to_the_same_claims(tiny_claims, fmt, tmp_path):
    text = rdf_text(tiny_claims, fmt)
    assert text == rdf_text(list(reversed(tiny_claims)), fmt)
    path = tmp_path / f"tiny.{fmt}"
    assert write_rdf(tiny_claims, path) == fmt
    assert path.read_text(encoding="utf-8") == text
    back = load_rdf(path).claims
    assert by_id(back) == by_id(tiny_claims)
    assert len(back) == 118
    # provenance survives, including the origin (relative to the package when inside it)
    quote = next(c for c in back if c.quote == "Mount Weld supplied about a quarter.")
    assert quote.sources == ("source:tiny-paper", "source:tiny-usgs")
    assert quote.qualifiers == (("amount", 12000.0), ("share", 0.25), ("unit", "t"),
                                ("year", 2023))
    assert quote.origin.endswith("tests/data/rdf-tiny/relations.csv:16")


def test_turtle_uses_ids_as_prefixed_names(tiny_claims):
    text = rdf_text(tiny_claims, "ttl")
    assert "@prefix product: <https://w3id.org/mineralgraph/id/product/> ." in text
    assert "product:drone a mg:Product ;" in text
    assert "\tmg:REQUIRES material:ndfeb-magnet ;" in text


def test_jsonld_is_compact_with_a_context(tiny_claims):
    doc = json.loads(rdf_text(tiny_claims, "jsonld"))
    assert doc["@context"]["mg"] == "https://w3id.org/mineralgraph/ontology#"
    drone = next(n for n in doc["@graph"] if n["@id"] == "product:drone")
    assert drone["@type"] == ["mg:Product"]
    assert drone["mg:REQUIRES"] == [{"@id": "material:ndfeb-magnet"}]
    # any JSON-LD processor reads it: rdflib's too
    assert len(Graph().parse(data=json.dumps(doc), format="json-ld")) == len(to_rdf(tiny_claims))


def test_source_order_is_kept_although_rdf_holds_a_set():
    claim = Claim("material:x", "label", "X", sources=("source:z", "source:a", "source:m"))
    assert claims_from_triples(to_rdf([claim])) == [claim]
    assert claims_from_triples(to_rdf([claim]))[0].sources == ("source:z", "source:a", "source:m")


def test_plain_triples_without_a_statement_are_claims_without_provenance():
    data = """@prefix mg: <https://w3id.org/mineralgraph/ontology#> .
    @prefix material: <https://w3id.org/mineralgraph/id/material/> .
    @prefix element: <https://w3id.org/mineralgraph/id/element/> .
    material:x a mg:Material ; mg:label "X" ; mg:CONTAINS element:Dy ."""
    graph = Graph().parse(data=data, format="turtle")
    assert sorted(claims_from_triples(graph, "hand.ttl"), key=lambda c: c.predicate) == [
        Claim("material:x", "CONTAINS", "element:Dy"), Claim("material:x", "label", "X")]


# ---------------------------------------------------------------------- the loader
def test_loader_registry_recognises_rdf_files(tmp_path, tiny_claims):
    for suffix in (".ttl", ".nt", ".jsonld"):
        path = tmp_path / f"g{suffix}"
        write_rdf(tiny_claims, path)
        assert loader_for(path).name == "rdf"


@pytest.mark.parametrize("name,text,line,message", [
    ("bad.ttl", '@prefix mg: <https://w3id.org/mineralgraph/ontology#> .\n'
                '<https://w3id.org/mineralgraph/id/element/Dy> mg:label "Dy" .\n'
                '<https://w3id.org/mineralgraph/id/element/Nd> mg:label "Nd" mg:x .\n',
     3, "column 61: A dot is expected at the end of statements"),
    ("bad.nt", '<https://w3id.org/mineralgraph/id/element/Dy> '
               '<https://w3id.org/mineralgraph/ontology#label> "Dy .\n', 1, None),
    ("bad.jsonld", '{"@id": "x",\n "y": [}', 2, None),
])
def test_malformed_rdf_names_the_file_and_line(tmp_path, name, text, line, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rdf(path)
    assert info.value.path == str(path) and info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    if message:
        assert info.value.message == message


def test_incomplete_statement_is_named(tmp_path):
    path = tmp_path / "half.nt"
    path.write_text(f"<{ID}statement/abc> <{RDF.type}> <{MG.Statement}> .\n"
                    f"<{ID}statement/abc> <{RDF.subject}> <{ID}element/Dy> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"half.nt:1: predicate: statement .*abc has none"):
        load_rdf(path)


def test_build_merges_an_rdf_export(run_cli, tmp_path, tiny_claims):
    path = tmp_path / "tiny.ttl"
    write_rdf(tiny_claims, path)
    out = tmp_path / "snap.json"
    result = run_cli("build", "--no-bundled", "--source", str(path), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"built {out}: 110 facts about the supply chain and 8 records "
                             "describing the sources\n")
    # info counts the same facts the same way
    info = run_cli("--graph", str(out), "info")
    assert info.stdout.startswith("110 facts about the supply chain (0 without a source, ")
    assert "and 8 records describing the sources;" in " ".join(info.stdout.split())


# ---------------------------------------------------------------------- round trip property
_slug = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
_ids = {kind: st.builds(lambda s, p=k.prefix: f"{p}:{s}", _slug)
        for kind, k in model.kinds.items()}
_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=30)
_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))
_values = {"string": _text, "integer": st.integers(-10**12, 10**12),
           "decimal": st.floats(allow_nan=False, allow_infinity=False, width=64),
           "date": _dates, "uri": st.from_regex(r"https://example\.org/[a-z0-9]{0,10}",
                                                fullmatch=True),
           "boolean": st.booleans()}


@st.composite
def claims(draw) -> Claim:
    sources = tuple(draw(st.lists(_ids["Source"], max_size=4, unique=True)))
    provenance = dict(
        sources=sources, quote=draw(st.none() | _text),
        confidence=draw(st.none() | st.sampled_from(["high", "medium", "low"])),
        valid_from=draw(st.none() | _dates), valid_to=draw(st.none() | _dates),
        origin=draw(st.none() | st.from_regex(r"[a-z]{1,6}\.csv:[1-9][0-9]{0,3}",
                                              fullmatch=True)))
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(model.relations)))
        relation = model.relations[name]
        subject = draw(_ids[draw(st.sampled_from(sorted(relation.domain)))])
        obj = draw(_ids[draw(st.sampled_from(sorted(relation.range)))])
        names = draw(st.lists(st.sampled_from(sorted(model.qualifiers)), unique=True, max_size=3))
        qualifiers = tuple(sorted((n, draw(_values[model.qualifiers[n].datatype])) for n in names))
        return Claim(subject, name, obj, qualifiers, **provenance)
    kind = draw(st.sampled_from(sorted(model.kinds)))
    name = draw(st.sampled_from(sorted(model.node_attributes(kind))))
    value = draw(_values[model.attributes[name].datatype])
    return Claim(draw(_ids[kind]), name, value, **provenance)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claims(), max_size=12), st.sampled_from(sorted(FORMATS)))
def test_round_trip_is_lossless(tmp_path_factory, claim_list, fmt):
    path = tmp_path_factory.mktemp("rt") / f"g.{fmt}"
    write_rdf(claim_list, path)
    back = load_rdf(path).claims
    assert by_id(back) == by_id(claim_list)
    assert [c.origin for c in by_id(back)] == [c.origin for c in by_id(claim_list)]
    # and exporting what was read gives the same text
    assert rdf_text(back, fmt) == path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------- the command
def test_export_command_writes_stdout_or_a_file(run_cli, tmp_path, tiny_claims):
    from mineralgraph.graph.snapshot import save_snapshot

    snap = tmp_path / "tiny.json"
    save_snapshot(tiny_claims, snap)
    result = run_cli("--graph", str(snap), "export", "--format", "nt")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == rdf_text(tiny_claims, "nt")
    out = tmp_path / "out" / "tiny.ttl"
    out.parent.mkdir()  # a folder that does not exist is an error (test_hostile)
    result = run_cli("--graph", str(snap), "export", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"wrote {out}: 118 facts as ttl\n"
    assert out.read_text(encoding="utf-8") == rdf_text(tiny_claims, "ttl")
    assert [p.name for p in out.parent.iterdir()] == ["tiny.ttl"]  # no temporary left


def test_export_as_of_leaves_out_facts_not_valid_then(run_cli, tmp_path, tiny_claims):
    from mineralgraph.graph.snapshot import save_snapshot

    snap = tmp_path / "tiny.json"
    save_snapshot(tiny_claims, snap)
    result = run_cli("--graph", str(snap), "export", "--format", "nt", "--as-of", "2024-06-01")
    assert result.exit_code == 0
    assert "company/lynas> <https://w3id.org/mineralgraph/ontology#SUPPLIES>" not in result.stdout
    assert "company/lynas> <https://w3id.org/mineralgraph/ontology#LOCATED_IN>" in result.stdout


def test_export_bad_format_is_a_usage_error(run_cli):
    result = run_cli("export", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'ttl', 'nt', 'jsonld'" in result.stderr


def test_node_iri_matches_the_model():
    assert node_iri("product:f-35") == model.iri("product:f-35")


def test_build_names_the_line_of_a_malformed_rdf_source(run_cli, tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix mg: <https://w3id.org/mineralgraph/ontology#> .\n"
                    "mg:a mg:b mg:c\nmg:d .\n", encoding="utf-8")
    result = run_cli("build", "--no-bundled", "--source", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"Error: {path}:3: column 1: A dot is expected at the end of "
                             "statements\n")
