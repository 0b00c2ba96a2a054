"""Findings 11 (a new user's trial, reading as an analyst), each on a hand-checked graph.

1. Under the defence denial the F-35's brief ranked Myanmar as 57% of what the F-35 still
   gets: Myanmar's share of world heavy rare-earth feed, which the analysis lets the
   separators China's control leaves draw on (a producer's input is the world pool,
   design note 2), though Myanmar's feed goes to China and Lynas' comes from Mt Weld.
   A country whose figure is only such a share says so and is not named as supply left.
"""

from __future__ import annotations

import pytest
from hand_scenarios import china_denies

from mineralgraph.claim import Claim

S = ("source:s",)


def claim(subject, predicate, obj, confidence="high", sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def feed_graph(recorded: bool = True):
    """P (defence) needs oxide D, made from feed H.

    H: Myanmar 0.7, China 0.1, rest of world 0.2, of which Mine W (Australia, no share)
    takes an equal part, ≈0.1. D: China 0.9, rest of world 0.1, of which Plant K
    (Malaysia, no share) takes ≈0.05. With ``recorded``, Mine W SUPPLIES Plant K with H,
    so K's D is made from W's H alone (design note 5.3).

    China denies D. Upper bound: K 0.05 x 1 + rest of world 0.05 x a(H) 1 = 0.1.
    - without Myanmar, a(H) = 0.3: 0.05 + 0.05 x 0.3 = 0.065, loss 0.35 (no flow from
      Myanmar to K or to the rest of the world's D is recorded: its 0.7 of H, world pool);
    - without Australia (W), K gets nothing and a(H) = 0.9: 0.05 x 0.9 = 0.045, loss 0.55
      (W's H reaches K, a producer of D the denial leaves: a recorded flow);
    - without Malaysia (K): 0.05, loss 0.5 (a producer left at the blocked stage);
    - without China, a(H) = 0.9: 0.05 + 0.045 = 0.095, loss 0.05 (its 0.1 of H, world
      pool; its own D is what its control blocks).
    Without ``recorded`` K takes H from the world pool too: without Australia a(H) = 0.9,
    0.1 x 0.9 = 0.09, loss 0.1, and Australia's figure is a world-pool share as well;
    without Myanmar 0.1 x 0.3 = 0.03, loss 0.7.
    """
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:d": "Oxide D", "material:h": "Feed H",
              "country:CN": "China", "country:MM": "Myanmar", "country:AU": "Australia",
              "country:MY": "Malaysia", "country:XX": "rest of world",
              "facility:w": "Mine W", "facility:k": "Plant K"}
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:d"),
              claim("material:h", "stage", "mining"), claim("material:d", "stage", "processing"),
              claim("material:d", "MADE_FROM", "material:h"),
              claim("country:MM", "PRODUCES", "material:h", share=0.7),
              claim("country:CN", "PRODUCES", "material:h", share=0.1),
              claim("country:XX", "PRODUCES", "material:h", share=0.2),
              claim("country:CN", "PRODUCES", "material:d", share=0.9),
              claim("country:XX", "PRODUCES", "material:d", share=0.1),
              claim("facility:w", "PRODUCES", "material:h"),
              claim("facility:w", "LOCATED_IN", "country:AU"),
              claim("facility:k", "PRODUCES", "material:d"),
              claim("facility:k", "LOCATED_IN", "country:MY")]
    if recorded:
        claims.append(claim("facility:w", "SUPPLIES", "facility:k", material="material:h"))
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def report_of(graph):
    from mineralgraph.graph.analysis import chokepoints

    return chokepoints(graph, ["product:p"], china_denies("material:d"))[0]


def test_a_world_pool_share_says_its_stage_and_is_not_named_as_supply_left():
    """Findings 11, 1: the countries whose figure is their share of world Feed H (the
    stage the denial does not touch) are marked with that stage; Australia, whose mine
    is recorded feeding Plant K, and Malaysia, whose plant is supply left, are not."""
    report = report_of(feed_graph())
    assert report.availability == pytest.approx(0.1)
    rows = {c.id: c for c in report.chokepoints if c.kind == "Country"}
    losses = {n: round(c.loss, 6) for n, c in rows.items() if n != "country:XX"}
    assert losses == {"country:AU": 0.55, "country:MY": 0.5, "country:MM": 0.35,
                      "country:CN": 0.05}
    pooled = {n: c.pool_feed.as_dict() for n, c in rows.items() if c.pool_feed}
    assert pooled == {
        "country:MM": {"material": "material:h", "feeds": ["material:d"],
                       "issuers": ["country:CN"], "issuer": False},
        "country:CN": {"material": "material:h", "feeds": ["material:d"],
                       "issuers": ["country:CN"], "issuer": True}}
    # the HHI beside the figure is the stage it counts: Feed H's 0.7² + 0.1² = 5,000
    assert rows["country:MM"].hhi == pytest.approx(5000.0)
    assert rows["country:MM"].as_dict()["pool_feed"]["material"] == "material:h"
    assert rows["country:AU"].as_dict()["pool_feed"] is None


def test_without_the_recorded_flow_every_feed_country_is_a_pool_share():
    report = report_of(feed_graph(recorded=False))
    rows = {c.id: c for c in report.chokepoints if c.kind == "Country"}
    assert {n: round(c.loss, 6) for n, c in rows.items() if n != "country:XX"} == {
        "country:MM": 0.7, "country:MY": 0.5, "country:AU": 0.1, "country:CN": 0.1}
    assert sorted(n for n, c in rows.items() if c.pool_feed) == [
        "country:AU", "country:CN", "country:MM"]


def test_no_scenario_no_pool_mark():
    from mineralgraph.graph.analysis import chokepoints

    report = chokepoints(feed_graph(), ["product:p"])[0]
    assert all(c.pool_feed is None for c in report.chokepoints)


def test_the_headline_names_supply_left_and_the_row_says_which_stage_it_counts():
    """Myanmar loses P 35% of what it still gets, more than any country but Australia
    and Malaysia; without the recorded flow Myanmar's 70% would lead the headline, and
    it is a share of world Feed H that the graph does not place with the separators
    China leaves. The headline names Malaysia's ≈50% (its Plant K), and Myanmar's
    evidence says what its figure counts."""
    from mineralgraph.reports.chokepoints import render_text
    from mineralgraph.reports.summary import worst_country

    graph = feed_graph(recorded=False)
    report = report_of(graph)
    assert worst_country(report).id == "country:MY"
    text = " ".join(render_text([report], graph).split())
    assert "without Malaysia it would lose ≈50% of what it still gets" in text
    assert "without Myanmar" not in text
    assert ("#1 Myanmar, loss 70%" in text)
    assert ("World pool, not a recorded flow: the figure is Myanmar's share of world Feed H "
            "(mining stage), which the analysis lets the producers of Oxide D the scenario "
            "leaves draw on (a producer takes its input from the world pool, design note 2); "
            "no flow from Myanmar to them is recorded, so it is not named as supply left."
            ) in text
    assert ("World pool, not a recorded flow: the figure is China's share of world Feed H "
            "(mining stage), which the analysis lets the producers of Oxide D the scenario "
            "leaves draw on (a producer takes its input from the world pool, design note 2); "
            "no flow from China to them is recorded; China's own producers of Oxide D are "
            "what its control blocks, so it is not named as supply left.") in text
    assert "World pool, as said under #1: Australia's share of world Feed H" in text
