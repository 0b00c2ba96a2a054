"""A share set a little short of 1 (brief item 5), under --worst-case only (addendum, 5.5
rounding; by default 5.5 reads a set as shares of its sum only above 1): by its own
rounding it is all of the output (four-decimal derived shares add to 0.9998-0.9999); by
more, the rest is real supply no row names (Ukraine's titanium sponge in 2021: 0.988) and
stays unmapped, for a rest-of-world row in the data to fill, never an engine tolerance."""

from __future__ import annotations

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.structure import producer_weights
from mineralgraph.graph.supply_graph import SupplyGraph


def graph_with(*shares: float, wide: bool = True) -> SupplyGraph:
    countries = ["country:AA", "country:BB", "country:CC"]
    claims = [Claim("product:p", "REQUIRES", "material:m", (), ("source:s",))]
    claims += [Claim(c, "PRODUCES", "material:m", (("share", s),), ("source:s",))
               for c, s in zip(countries, shares, strict=False)]
    claims += [Claim(n, "label", n, (), ("source:s",))
               for n in ["product:p", "material:m", *countries]]
    return SupplyGraph(claims, worst_case=wide)


def weights(graph: SupplyGraph) -> list[float]:
    return [w for _, w in producer_weights(graph, "material:m", graph.relation_claims(
        "material:m", "PRODUCES", incoming=True))]


def test_four_decimal_shares_short_by_their_rounding_are_the_whole():
    # 0.6 + 0.3999 + 0.0000: slack 3 x 0.00005; the gap 0.0001 is within it
    graph = graph_with(0.6, 0.3999)
    assert weights(graph) == pytest.approx([0.6 / 0.9999, 0.3999 / 0.9999])
    assert Analysis(graph).baseline("product:p") == pytest.approx(1.0)
    # losing AA: the same loss either way (a share of the whole), from a whole baseline
    assert Analysis(graph).losses_from("country:AA", ["product:p"]) == pytest.approx(
        {"product:p": 0.6 / 0.9999})


def test_a_larger_gap_stays_unmapped_supply():
    # 0.6 + 0.39: a whole percent no row names, not rounding (nor is a gap of 0.0002
    # beside two four-decimal shares, whose rounding is at most 0.0001)
    for shares, total in (((0.6, 0.39), 0.99), ((0.6, 0.3998), 0.9998)):
        graph = graph_with(*shares)
        assert sum(weights(graph)) == pytest.approx(total)
        assert Analysis(graph).baseline("product:p") == pytest.approx(total)


def test_six_decimal_shares_are_read_to_their_own_rounding():
    # six decimals: 0.0000005 of slack each; five: 0.000005
    graph = graph_with(0.577145, 0.422854)   # short by 0.000001, slack 0.000001
    assert sum(weights(graph)) == pytest.approx(1.0, abs=1e-12)
    graph = graph_with(0.577145, 0.422845)   # short by 0.00001, slack 0.000001
    assert sum(weights(graph)) == pytest.approx(0.99999, abs=1e-12)


def test_by_default_a_set_short_of_1_is_read_as_given():
    # section 5.5 reads a set as shares of its sum only where it exceeds 1: 0.9999 stays
    # 0.9999 (the 0.0001 unmapped); a set above 1 is still read to its sum
    graph = graph_with(0.6, 0.3999, wide=False)
    assert weights(graph) == pytest.approx([0.6, 0.3999])
    assert Analysis(graph).baseline("product:p") == pytest.approx(0.9999)
    assert Analysis(graph).losses_from("country:AA", ["product:p"]) == pytest.approx(
        {"product:p": 0.6 / 0.9999})
    assert weights(graph_with(0.6, 0.41, wide=False)) == pytest.approx([0.6 / 1.01, 0.41 / 1.01])
