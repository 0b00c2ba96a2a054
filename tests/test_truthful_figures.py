"""Truthful figures (the new-user trial's analysis defects), one small hand-made graph
each, exact figures worked out by hand in the comments: a row's confidence when the rules
for missing facts set it alone, and the availability stated when supply is unknown."""

from __future__ import annotations

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import Analysis, Restriction, Scenario, chokepoints
from mineralgraph.graph.analysis.comparison import compare
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)


def graph_of(*facts) -> SupplyGraph:
    """Claims from (subject, relation, object, qualifiers) tuples, rated "high"; every
    node labelled."""
    claims = [Claim("source:s", "title", "s", sources=S)]
    nodes = set()
    for subject, relation, obj, *rest in facts:
        q = rest[0] if rest else {}
        claims.append(Claim(subject, relation, obj, tuple(sorted(q.items())), sources=S,
                            confidence="high"))
        nodes |= {subject, obj}
    claims += [Claim(n, "label", n, sources=S) for n in sorted(nodes)]
    return SupplyGraph(claims)


# p needs only an untraced material (no producer, element, input or anchor: the bundled
# Virginia class); q needs the oxide, 100% Chinese. Both requirements are "high".
UNTRACED = graph_of(("product:p", "REQUIRES", "material:unspecified"),
                    ("product:q", "REQUIRES", "material:oxide"),
                    ("country:CN", "PRODUCES", "material:oxide", {"share": 1.0}))
CONTROL = Scenario("x", restrict=(Restriction(issuer="country:CN",
                                              covers=("material:oxide",)),))


def test_a_loss_the_rules_for_missing_facts_set_alone_has_confidence_unknown():
    rows = {r["product"]: r for r in compare(UNTRACED, CONTROL)}
    # p: its mapped supply loses nothing (upper bound 1 -> 1), the untraced rule takes the
    # lower bound from 1 to 0: 0-100%, and no fact says how large: "unknown", not the
    # "high" of the requirement that brings the untraced material in
    assert rows["product:p"]["loss_range"] == pytest.approx([0.0, 1.0])
    assert rows["product:p"]["confidence"] == "unknown"
    # q: China's 100% is a "high" fact and the control blocks it: 100%, "high"
    assert rows["product:q"]["loss_range"] == pytest.approx([1.0, 1.0])
    assert rows["product:q"]["confidence"] == "high"


def test_dependents_says_unknown_for_a_product_reached_only_through_untraced_needs():
    from mineralgraph.graph.analysis.lookups import dependents

    found = dependents(UNTRACED, "country:CN")
    # q needs China's oxide: 100%, on a "high" fact; p is listed only because its
    # untraced requirement may come from China: 0-100%, confidence unknown
    assert found.losses["product:q"]["upper"] == pytest.approx(1.0)
    assert found.caveats["product:q"].confidence == "high"
    assert found.untraced_losses["product:p"] == pytest.approx(1.0)
    assert found.caveats["product:p"].confidence == "unknown"


def test_availability_is_never_100_percent_while_an_input_has_no_mapped_supply():
    report = {r.product: r for r in chokepoints(UNTRACED)}
    # p needs the untraced material: mapped supply alone gives 0, so the availability
    # stated is 0-100% (both bounds stay 1 at baseline: nothing is removed)
    assert report["product:p"].mapped_availability == 0.0
    assert report["product:p"].availability_range == (0.0, 1.0)
    assert report["product:p"].availability_bounds == (1.0, 1.0)
    assert not report["product:p"].may_be_unavailable
    # q's only input is mapped: 100% is what the data shows
    assert report["product:q"].availability_range == (1.0, 1.0)
    assert report["product:q"].as_dict()["mapped_availability"] == 1.0


def test_a_product_whose_material_is_made_from_an_unmapped_stage_is_not_stated_safe():
    # m is made from conc, which has no producer; m comes 60% from AA, 40% from BB, both
    # needing conc. Mapped supply alone gives 0 (conc counts 0), so 0-100% at baseline.
    graph = graph_of(("product:p", "REQUIRES", "material:m"),
                     ("material:m", "MADE_FROM", "material:conc"),
                     ("country:AA", "PRODUCES", "material:m", {"share": 0.6}),
                     ("country:BB", "PRODUCES", "material:m", {"share": 0.4}))
    analysis = Analysis(graph)
    assert analysis.availability_range("product:p") == (1.0, 1.0)
    assert analysis.mapped_availability("product:p") == 0.0
    assert analysis.stated_range("product:p") == (0.0, 1.0)
    # without AA: upper bound 0.4 (BB's part); lower bound 0 (conc's virtual producer
    # sits in AA, m's top country, and goes with it): bounds and stated range 0-40%
    under = Analysis(graph, Scenario("x", remove=("country:AA",)))
    assert under.availability_range("product:p") == pytest.approx((0.0, 0.4))
    assert under.stated_range("product:p") == pytest.approx((0.0, 0.4))
