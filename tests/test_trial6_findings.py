"""The open findings of the sixth new-user trial outside the news reader, on graphs small
enough to check by hand (docs/trial-2026-11-28.md).

Hand graph of M7 (a low-rated requirement): product P (defence) requires radar R (low
confidence, from source:s, note "a prototype"), made by Ray (United States); R requires
metal N; N is China 0.9 and
the rest of the world 0.1 (both high). China's control covers N: P keeps min(0.1, 1) =
10% of its supply, a figure that rests on the low-rated requirement P -> R (it decides
whether P needs N at all).
"""

from __future__ import annotations

import json

import pytest

from mineralgraph.claim import Claim

S = ("source:s",)


def claim(subject, predicate, obj, confidence=None, sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def radar_graph():
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:r": "Radar R", "material:n": "Metal N",
              "country:CN": "China", "country:US": "United States", "company:ray": "Ray",
              "country:XX": "rest of world"}
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:r", "low", note="a prototype"),
              claim("material:r", "REQUIRES", "material:n", "high"),
              claim("material:r", "stage", "subsystem"),
              claim("company:ray", "PRODUCES", "material:r", "high"),
              claim("company:ray", "LOCATED_IN", "country:US", "high"),
              claim("material:n", "stage", "metal"),
              claim("country:CN", "PRODUCES", "material:n", "high", share=0.9),
              claim("country:XX", "PRODUCES", "material:n", "high", share=0.1)]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def denial():
    from mineralgraph.graph.analysis import Restriction, Scenario

    return Scenario("deny-n", restrict=(Restriction(issuer="country:CN",
                                                    covers=("material:n",)),))


LOW = {"subject": "product:p", "relation": "REQUIRES", "object": "material:r",
       "sources": ["source:s"], "note": "a prototype"}


def test_a_low_rated_claim_on_the_answers_path_is_named_in_the_headline_and_json():
    """Trial 6, M7: Patriot "loses 98-100%" under the gallium ban rested on a low-rated
    requirement of a 2016 prototype; the report said only "low confidence". The claim is
    named like a proxy or a dispute: relation, source, note; JSON ``low_confidence``."""
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.summary import product_story

    graph = radar_graph()
    [report] = chokepoints(graph, ["product:p"], denial())
    assert report.availability_range == pytest.approx((0.1, 0.1))
    assert report.caveats.confidence == "low"
    lines, _ = product_story(report, graph)
    assert lines[0].startswith("P keeps 10% of its supply under the scenario (low "
                               "confidence)")
    assert lines[-1] == ("These figures rest on a low-confidence claim: that P needs Radar "
                         "R (source:s) (note: a prototype).")
    data = report.as_dict()
    assert data["low_confidence"] == [LOW]
    assert data["proxies"] == [] and data["disputes"] == []


def test_the_scenario_report_names_the_low_rated_claim_of_its_hardest_hit():
    """Trial 6, M7: the scenario's opening ("the hardest hit ... Those figures rest on
    low-confidence claims") names the claim; its JSON row lists it."""
    from mineralgraph.graph.analysis.lookups import scenario_result
    from mineralgraph.reports.tables import render_scenario

    graph = radar_graph()
    result = scenario_result(graph, denial())
    [row] = result["products"]
    assert row["loss_range"] == pytest.approx([0.9, 0.9])
    assert row["low_confidence"] == [LOW]
    text = " ".join(render_scenario(result, graph, "text").split())
    assert ("That figure rests on low-confidence claims. The claim rated low: that P needs "
            "Radar R [1] (note: a prototype).") in text
    assert json.loads(render_scenario(result, graph, "json"))["products"][0][
        "low_confidence"] == [LOW]
