"""Requirements read against their sources (data README, "Bills of materials checked against
their sources"): a requirement a cited source states is entered with that source, and a fact
whose original was found no longer rests on a repost alone."""

from __future__ import annotations

import pytest

from mineralgraph import load_bundled
from mineralgraph.graph.inventory import fact_source_type


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


def requirement(graph, product, material):
    found = [c for c in graph.relation_claims(product, "REQUIRES") if c.object == material]
    assert len(found) == 1, (product, material)
    return found[0]


@pytest.mark.parametrize("product,material,source,confidence,words", [
    # DoD News (March 2024) names both submarine classes; only the Columbia had been entered
    ("product:virginia-class-submarine", "material:re-magnet-unspecified",
     "source:dod-mine-to-magnet-2024", "high", "Virginia and Columbia class submarines"),
    # the sentence of the DoD 2012 list that gives the F-22, Bradley and AIM-9X rows
    ("product:ddg-51", "material:ndfeb-magnet", "source:bloomberg-f35-ndfeb-2012", "medium",
     "the Navy’s DDG-51 destroyer"),
    ("product:jdam", "material:ndfeb-magnet", "source:wired-parthemore-2011", "medium",
     "Joint Direct Attack Munitions (JDAMs) have used neodymium-iron-boron magnets"),
    ("product:optical-fibre", "material:germanium-dioxide", "source:usgs-mcs2025-germanium",
     "high", "germanium dioxide and tetrachloride were consumed"),
])
def test_a_requirement_the_source_states_is_entered_with_it(graph, product, material, source,
                                                            confidence, words):
    claim = requirement(graph, product, material)
    assert claim.sources == (source,)
    assert claim.confidence == confidence
    assert words in claim.quote


def test_the_jdam_smco_row_stays_an_inference_beside_the_sourced_ndfeb(graph):
    smco = requirement(graph, "product:jdam", "material:smco-magnet")
    assert smco.confidence == "low"
    assert smco.qualifier("note").startswith("INFERENCE:")
    assert "names NdFeB" in smco.qualifier("note")
    assert graph.attribute("source:wired-parthemore-2011", "source_type") == "press"


def test_niocorp_rests_on_press_beside_the_ap_reprint(graph):
    for claim in graph.claims:
        if claim.subject == "company:niocorp" and claim.predicate in ("label", "alias"):
            assert set(claim.sources) == {"source:ap-niocorp-2025",
                                          "source:metaltechnews-niocorp-exim-2024"}
            assert fact_source_type(graph, claim) == "press"
