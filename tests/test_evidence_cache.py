"""Evidence keeps what a supplier holds and makes (issue 18, seventh round): the claims a
row or ``dependents`` cites, and whether a country's loss rests on an assumed share, are
those of the plain walk over the supplier's producers, material by material."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mineralgraph import load_bundled
from mineralgraph.claim import Claim
from mineralgraph.graph.analysis.chokepoints import SUPPLIER_KINDS, Evidence
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

_SYNTHETIC = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


def _synthetic(n: int) -> SupplyGraph:
    spec = importlib.util.spec_from_file_location("bench_synthetic_evidence", _SYNTHETIC)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return SupplyGraph(module.generate(n, seed=3))


def _plain_claims(evidence: Evidence, node_id: str, product: str) -> list[Claim]:
    """Evidence.claims without paths, as it walked before: each producer in turn, each
    material it produces upstream of the product in id order."""
    graph, ups = evidence.graph, evidence.analysis.upstream(product)
    claims = list(evidence._path_claims(node_id, product))
    if model.kind_of(node_id) in SUPPLIER_KINDS:
        producers = [node_id] + [
            n for relation in ("OPERATED_BY", "LOCATED_IN")
            for n in graph.neighbours(node_id, relation, incoming=True)
            if model.kind_of(n) in ("Facility", "Company")]
        for producer in producers:
            for material in [m for m in evidence.produced(producer) if m in ups]:
                claims += evidence._producer_claims(producer, material, product)
    return claims


def _plain_unshared(evidence: Evidence, country: str, material: str) -> bool:
    return any(c.object == material and c.qualifier("share") is None
               for p in evidence.held(country) if p != country
               for c in evidence.graph.relation_claims(p, "PRODUCES"))


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_supplier_claims_as_the_plain_walk(which):
    graph = load_bundled() if which == "bundled" else _synthetic(2_000)
    analysis = Analysis(graph)
    evidence = Evidence(analysis)
    products = analysis.products()
    suppliers = [n for n in graph.ids() if model.kind_of(n) in ("Country", "Company")]
    if which == "synthetic":  # the largest countries and firms, and a few products
        suppliers = suppliers[:2] + [n for n in suppliers if n.startswith("company:")][:2]
        products = products[::5]
    else:  # China, the United States and the firms: most of the claims a row cites
        suppliers = ["country:CN", "country:US"] + [n for n in suppliers
                                                   if n.startswith("company:")][::4]
        products = products[::3]
    checked = 0
    for node_id in suppliers:
        for product in products:
            if node_id not in analysis.upstream(product):
                continue
            assert evidence.claims(node_id, product) == _plain_claims(evidence, node_id,
                                                                      product)
            checked += 1
            if model.kind_of(node_id) == "Country":
                evidence.assumed_share(node_id, product)
                unshared = evidence._unshared.get(node_id)
                for material in (evidence.produced(node_id)[:20] if unshared is not None
                                 else ()):
                    assert (material in unshared) == _plain_unshared(evidence, node_id,
                                                                     material)
    assert checked >= 10


def test_held_and_relevant_on_a_small_graph():
    """Country X hosts a facility with a share and a company whose facility (in Y) has
    none; X's producers, what it makes upstream of P, and the unshared material."""
    s = ("source:s",)
    claims = [
        Claim("product:p", "REQUIRES", "material:b", sources=s),
        Claim("material:b", "MADE_FROM", "material:a", sources=s),
        Claim("facility:f1", "LOCATED_IN", "country:X", sources=s),
        Claim("company:c", "LOCATED_IN", "country:X", sources=s),
        Claim("facility:f2", "OPERATED_BY", "company:c", sources=s),
        Claim("facility:f2", "LOCATED_IN", "country:Y", sources=s),
        Claim("facility:f1", "PRODUCES", "material:a", (("share", 0.6),), sources=s),
        Claim("facility:f2", "PRODUCES", "material:b", sources=s),
        Claim("company:c", "PRODUCES", "material:z", sources=s),
    ]
    graph = SupplyGraph(claims)
    evidence = Evidence(Analysis(graph))
    assert evidence.held("country:X") == ["company:c", "country:X", "facility:f1",
                                          "facility:f2"]
    assert evidence.held("country:X") is evidence.held("country:X")  # kept
    assert evidence.produced("country:X") == ["material:a", "material:z"]
    assert evidence._relevant("country:X", "product:p") == ["material:a"]
    assert evidence.produced("company:c") == ["material:b", "material:z"]
    assert evidence._relevant("company:c", "product:p") == ["material:b"]
    # the producers claims() reads for X: itself, then what LOCATED_IN it (sorted)
    producers, by_material = evidence._made_by("country:X")
    assert producers == ["country:X", "company:c", "facility:f1"]
    assert by_material == {"material:a": [0, 2], "material:z": [0, 1], "material:b": [1]}
    assert evidence.claims("country:X", "product:p") == _plain_claims(evidence, "country:X",
                                                                      "product:p")
    # f2 (of company:c, in Y) produces without a share; f1 (in X) with one
    evidence.assumed_share("country:X", "product:p")
    assert evidence._unshared["country:X"] == {"material:b", "material:z"}


def _plain_availability_caveats(evidence: Evidence, product: str):
    """Evidence.availability_caveats as a plain walk: every claim of the product and of
    each material upstream of it, kept when its other end is upstream; a producing claim
    only when it enters the figures (trial 7, MED-6: not a quantity with no share); and
    the explicit sourcing (SUPPLIES) claims whose buyer and material are upstream (trial
    7, HIGH-1)."""
    from mineralgraph.graph.analysis.confidence import Caveats
    graph = evidence.graph
    ups = evidence.analysis.flow_index.upstream(product)
    claims = []
    for node in sorted(ups | {product}):
        if model.kind_of(node) not in ("Material", "Product"):
            continue
        for relation in ("REQUIRES", "MADE_FROM", "CONTAINS"):
            claims += [c for c in graph.relation_claims(node, relation) if c.object in ups]
        claims += [c for c in graph.relation_claims(node, "PRODUCES", incoming=True)
                   if evidence.weighs(c)]
    claims += [c for c in graph.edge_claims("SUPPLIES")
               if str(c.object) in ups and c.qualifier("material") in ups]
    return Caveats.of(claims)


@pytest.mark.parametrize("which", ["bundled", "synthetic", "hand"])
def test_availability_caveats_as_the_plain_walk(which):
    """A product's availability caveats put together from each node's part (issue 18,
    eighth round) are those of all the claims read together: the bundled data (rated,
    proxy and disputed claims), a synthetic network, and a hand-made graph where a
    product requires another product and a material is made from itself."""
    if which == "bundled":
        graph = load_bundled()
    elif which == "synthetic":
        graph = _synthetic(2_000)
    else:
        graph = SupplyGraph([
            Claim("product:a", "label", "A", sources=("source:s",)),
            Claim("product:b", "label", "B", sources=("source:s",)),
            Claim("material:m", "label", "M", sources=("source:s",)),
            Claim("product:a", "REQUIRES", "material:m", confidence="high",
                  sources=("source:s",)),
            Claim("product:a", "REQUIRES", "product:b", confidence="low",
                  sources=("source:s",)),
            Claim("product:b", "REQUIRES", "material:m", confidence="medium",
                  sources=("source:s",)),
            Claim("material:m", "MADE_FROM", "material:m", confidence="medium",
                  sources=("source:s",)),
            Claim("material:m", "CONTAINS", "element:Nd", (("proxy", "element:Pr"),),
                  sources=("source:s",)),
            Claim("country:CN", "PRODUCES", "material:m", (("share", 0.9),),
                  confidence="high", sources=("source:s",)),
        ])
    analysis = Analysis(graph)
    evidence = Evidence(analysis)
    products = analysis.products()
    assert products
    for product in products:
        assert evidence.availability_caveats(product) == _plain_availability_caveats(
            evidence, product), product
        assert analysis.upstream(product) == analysis.flow_index.upstream(product)
    if which == "bundled":  # the bundled data has weak chains to tell apart
        assert any(evidence.availability_caveats(p).weak for p in products)
