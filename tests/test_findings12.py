"""Findings 12 (misleading or uneven output), each on a hand-checked graph.

1. A scenario row at "0%*" said "0-92% under --worst-case: grade not stated" in
   ``scenario`` alone: ``chokepoints --scenario``, ``brief`` and ``snapshot`` gave the same
   figure, counting unknown as kept, without it. Every view now takes it from the one
   function (comparison.worst_case_beside, worded by tables.worst_case_note).
"""

from __future__ import annotations

import json

import pytest
from hand_scenarios import china_denies

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)


def claim(subject, predicate, obj, confidence="high", sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def grade_graph() -> SupplyGraph:
    """P needs magnet M (no grade stated); H is the doped grade of M (same stage, made
    from all M is made from and more, contains Nd and Dy where M contains Nd: a richer
    grade, structure.richer_grades). M and H: China 0.9, rest of world 0.1.

    China denies H. Default: P needs M, not H: loses 0% (0%*: one recorded requirement).
    Under --worst-case M may be of grade H: China's 0.9 of M blocked in the lower bound,
    a(P) 0.1, loss 0.9; the upper bound reads M as stated, loss 0: [0, 0.9], "0-90%".
    """
    return SupplyGraph([
        claim("product:p", "label", "Product P"), claim("product:p", "REQUIRES", "material:m"),
        claim("material:m", "label", "Magnet"), claim("material:m", "stage", "component"),
        claim("material:h", "label", "Doped magnet"), claim("material:h", "stage", "component"),
        claim("material:m", "MADE_FROM", "material:a"),
        claim("material:m", "CONTAINS", "element:Nd"),
        claim("material:h", "MADE_FROM", "material:a"),
        claim("material:h", "MADE_FROM", "material:d"),
        claim("material:h", "CONTAINS", "element:Nd"),
        claim("material:h", "CONTAINS", "element:Dy"),
        claim("country:CN", "label", "China"), claim("source:s", "label", "S"),
        claim("country:CN", "PRODUCES", "material:m", share=0.9),
        claim("country:XX", "PRODUCES", "material:m", share=0.1),
        claim("country:CN", "PRODUCES", "material:h", share=0.9),
        claim("country:XX", "PRODUCES", "material:h", share=0.1)])


NOTE = " (0-90% under --worst-case: grade not stated; conf. high)"
KEPT_NOTE = " (a loss of 0-90% under --worst-case: grade not stated; conf. high)"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def graded():
    from mineralgraph.graph.analysis.lookups import scenario_result

    graph, scenario = grade_graph(), china_denies("material:h")
    return graph, scenario, scenario_result(graph, scenario)


def test_the_scenario_row_says_the_worst_case_beside_its_zero(graded):
    from mineralgraph.reports.tables import worst_case_note

    _, _, result = graded
    row = result["products"][0]
    assert (row["loss_range"], row["worst_case_loss_range"]) == ([0.0, 0.0], [0.0, 0.9])
    assert worst_case_note(row) == NOTE


def test_chokepoints_under_a_scenario_carry_the_worst_case_in_every_format(graded):
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import render

    graph, scenario, result = graded
    report = chokepoints(graph, ["product:p"], scenario)[0]
    # the same range as the scenario's row, from the same function
    assert report.worst_case_loss_range == result["products"][0]["worst_case_loss_range"]
    assert report.scenario_loss_range == [0.0, 0.0]
    text = flat(render([report], graph, "text"))
    assert ("Product P keeps 100% (both bounds; with its 1 input of unmapped supply counted "
            "missing, 0%) of its supply under the scenario (high confidence)" + KEPT_NOTE
            + "; most exposed") in text
    assert ("availability 100% (both bounds; with its 1 input of unmapped supply counted "
            "missing, 0%) (high confidence)" + KEPT_NOTE + " as of latest data") in text
    data = json.loads(render([report], graph, "json"))[0]
    assert (data["scenario_loss_range"], data["worst_case_loss_range"]) == ([0.0, 0.0],
                                                                           [0.0, 0.9])
    assert data["worst_case"]["range_from_grade"] == [
        {"material": "material:m", "grades": ["material:h"]}]
    rows = render([report], graph, "csv").splitlines()
    head = rows[0].split(",")
    for line in rows[1:]:
        cells = dict(zip(head, line.split(","), strict=False))
        assert (cells["worst_case_loss_low"], cells["worst_case_loss_high"]) == ("0.0", "0.9")


def test_without_a_scenario_no_worst_case_is_said(graded):
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import render

    graph, _, _ = graded
    report = chokepoints(graph, ["product:p"])[0]
    assert (report.worst_case_loss_range, report.scenario_loss_range) == (None, None)
    assert "--worst-case:" not in render([report], graph, "text")
    assert "worst_case_loss_range" not in json.loads(render([report], graph, "json"))[0]


def test_the_brief_and_the_snapshot_carry_the_worst_case(graded):
    from mineralgraph.graph.analysis.exposure import brief_exposure, exposure
    from mineralgraph.render.brief import build_brief, to_markdown
    from mineralgraph.render.compact import compact_chain
    from mineralgraph.render.mermaid import to_mermaid

    graph, scenario, _ = graded
    brief = build_brief(graph, brief_exposure(graph, "product:p", scenario))
    assert brief.scenario_rows[0]["loss"] == (
        "0%, counting only its 1 recorded requirement (not safe)" + NOTE)
    assert "of its supply under the scenario (high confidence)" + KEPT_NOTE in (
        " ".join(brief.summary))
    assert NOTE[1:] in to_markdown(brief).decode()
    found = exposure(graph, "product:p", scenario)
    chain = compact_chain(graph, found.report, found.blocked)
    assert chain.worst_case_note == KEPT_NOTE
    assert ("scenario: deny-h · keeps 100% of its supply" + KEPT_NOTE + " · dataset") in (
        to_mermaid(chain))


def test_the_full_chain_and_a_nodes_brief_carry_it(graded):
    from mineralgraph.graph.analysis.exposure import brief_exposure, chain_exposure
    from mineralgraph.render.chain import build_chain

    graph, scenario, _ = graded
    found = chain_exposure(graph, "product:p", scenario=scenario)
    assert found.scenario_loss_range == [0.0, 0.0]
    assert build_chain(graph, found).worst_case_note == KEPT_NOTE
    rows = brief_exposure(graph, "country:CN", scenario).comparison
    assert [(r["product"], r["worst_case_loss_range"]) for r in rows] == [
        ("product:p", [0.0, 0.9])]
