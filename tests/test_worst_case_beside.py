"""Unknown is not shown as safe: a scenario's default figures stay those of section 5 (the
requirement read as stated), and beside each one --worst-case reads otherwise stands what
it gives and why (a new user read the Javelin's "0%*" under the April 2025 defence denial
as safe; --worst-case gives 0-92%, as the grade of its magnet is not stated).

A hand-made graph, figures worked out by hand: CN controls Dy.

- p needs ``magnet`` (Nd only; CN 0.8, JP 0.2), whose richer grade ``magnet-ht`` contains
  Dy: by default the control does not reach it (loss 0%); under --worst-case the lower
  bound takes it as the Dy grade, CN's 0.8 blocked: 1 - 0.2 / 1 = 0-80%.
- q needs ``unspecified``, which has no producer, input or element (untraced): by default
  only a control covering it reaches it (0%); under --worst-case any control in scope
  does, its virtual producer zeroed: 0-100%.
- r needs ``magnet-ht`` (CN 0.9, JP 0.1), which the control covers: 1 - 0.1 = 90% in both
  readings, nothing beside it.
"""

from __future__ import annotations

import json

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import Restriction, Scenario
from mineralgraph.graph.analysis.comparison import compare, loss_range, worst_case_beside
from mineralgraph.graph.analysis.lookups import scenario_result
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.tables import render_scenario, worst_case_count, worst_case_note

S = ("source:s",)
FACTS = [("product:p", "REQUIRES", "material:magnet"),
         ("material:magnet", "MADE_FROM", "material:alloy"),
         ("material:magnet", "CONTAINS", "element:Nd"),
         ("material:magnet-ht", "MADE_FROM", "material:alloy"),
         ("material:magnet-ht", "MADE_FROM", "material:dy"),
         ("material:magnet-ht", "CONTAINS", "element:Nd"),
         ("material:magnet-ht", "CONTAINS", "element:Dy"),
         ("country:CN", "PRODUCES", "material:magnet", {"share": 0.8}),
         ("country:JP", "PRODUCES", "material:magnet", {"share": 0.2}),
         ("country:CN", "PRODUCES", "material:magnet-ht", {"share": 0.9}),
         ("country:JP", "PRODUCES", "material:magnet-ht", {"share": 0.1}),
         ("country:AU", "PRODUCES", "material:alloy", {"share": 1.0}),
         ("country:AU", "PRODUCES", "material:dy", {"share": 1.0}),
         ("product:q", "REQUIRES", "material:unspecified"),
         ("product:r", "REQUIRES", "material:magnet-ht")]
DY = Scenario("dy", restrict=(Restriction(issuer="country:CN", covers=("element:Dy",)),))


def graph(wide: bool = False) -> SupplyGraph:
    """The graph above, each node labelled by its slug; read --worst-case when ``wide``."""
    claims = [Claim("source:s", "title", "s", sources=S)]
    nodes = set()
    for subject, relation, obj, *rest in FACTS:
        q = rest[0] if rest else {}
        claims.append(Claim(subject, relation, obj, tuple(sorted(q.items())), sources=S))
        nodes |= {subject, obj}
    claims += [Claim(n, "label", n.split(":")[1], sources=S) for n in sorted(nodes)]
    claims += [Claim(m, "stage", "component", sources=S)
               for m in ("material:magnet", "material:magnet-ht")]
    return SupplyGraph(claims, worst_case=wide)


def rows_by_product(result: dict) -> dict[str, dict]:
    return {r["product"]: r for r in result["products"]}


def test_loss_range_measures_each_bound_against_its_own_baseline():
    assert loss_range((1.0, 1.0), (0.2, 1.0)) == [0.0, 0.8]
    # a bound whose baseline is 0 measures nothing
    assert loss_range((0.0, 1.0), (0.0, 0.1)) == [0.9, 0.9]
    assert loss_range((0.0, 0.0), (0.0, 0.0)) == [0.0, 0.0]


def test_the_default_figures_stay_and_worst_case_stands_beside_them():
    rows = rows_by_product(scenario_result(graph(), DY))
    # section 5's figures, unchanged: as compare gives them
    plain = {r["product"]: r["loss_range"] for r in compare(graph(), DY)}
    assert {p: r["loss_range"] for p, r in rows.items()} == plain == {
        "product:p": [0.0, 0.0], "product:q": [0.0, 0.0], "product:r": [0.9, 0.9]}
    # beside them, --worst-case's (as its own run gives them)
    assert {p: r["worst_case_loss_range"] for p, r in rows.items()} == {
        "product:p": [0.0, 0.8], "product:q": [0.0, 1.0], "product:r": [0.9, 0.9]}
    wide = {r["product"]: r["loss_range"] for r in compare(graph(wide=True), DY)}
    assert wide == {p: r["worst_case_loss_range"] for p, r in rows.items()}
    # and why: p's magnet is of unstated grade; q's input is traced to no country
    assert rows["product:r"]["worst_case"] is None
    assert rows["product:p"]["worst_case"]["range_from_grade"] == [
        {"material": "material:magnet", "grades": ["material:magnet-ht"]}]
    assert rows["product:p"]["worst_case"]["range_from_unmapped"] == []
    assert [(d["holder"], d["material"], d["share"])
            for d in rows["product:p"]["worst_case"]["low_drivers"]] == [
        ("country:CN", "material:magnet", 0.8)]
    assert rows["product:q"]["worst_case"]["range_from_grade"] == []
    assert rows["product:q"]["worst_case"]["range_from_unmapped"] == ["material:unspecified"]
    # every figure has its confidence: these claims are unrated
    assert {p: r["worst_case"]["confidence"] for p, r in rows.items() if r["worst_case"]} \
        == {"product:p": "unknown", "product:q": "unknown"}


def test_under_worst_case_the_row_is_its_own_worst_case():
    rows = worst_case_beside(graph(wide=True), DY, compare(graph(wide=True), DY))
    assert [(r["product"], r["loss_range"], r["worst_case_loss_range"], r["worst_case"])
            for r in rows] == [("product:p", [0.0, 0.8], [0.0, 0.8], None),
                               ("product:q", [0.0, 1.0], [0.0, 1.0], None),
                               ("product:r", [0.9, 0.9], [0.9, 0.9], None)]
    text = render_scenario(scenario_result(graph(wide=True), DY), graph(wide=True), "text")
    # (after the date since trial 11)
    assert ("As of the latest data: 3 of 3 product(s) lose or may lose supply; the hardest "
            "hit") in " ".join(text.split())
    assert "more may under --worst-case" not in text


def test_the_headline_counts_the_products_worst_case_may_hit():
    text = render_scenario(scenario_result(graph(), DY), graph(), "text")
    # (after the date, and wrapped otherwise, since trial 11)
    assert ("SCENARIO\n\nAs of the latest data: 1 of 3 product(s) lose or may lose supply, "
            "and 2 more may\nunder --worst-case (1 if the grade of magnet, which no source "
            "states, is\nmagnet-ht, the grade the control covers; 1 if the scenario reaches "
            "inputs whose\nsupply is not mapped); the hardest hit is r (product:r), losing "
            "90%.") in text


def test_the_count_names_one_reason_without_a_count_and_says_when_reasons_overlap():
    def row(grade, unmapped):
        return {"loss_range": [0.0, 0.0], "worst_case": {
            "loss_range": [0.0, 1.0], "range_from_grade": grade,
            "range_from_unmapped": unmapped, "range_from_maker": []}}
    graph_ = graph()
    magnet = [{"material": "material:magnet", "grades": ["material:magnet-ht"]}]
    assert worst_case_count([row([], ["material:unspecified"])] * 2, graph_) == (
        ", and 2 more may under --worst-case (if the scenario reaches inputs whose supply is "
        "not mapped)")
    assert worst_case_count([row(magnet, ["material:unspecified"]), row(magnet, [])],
                            graph_) == (
        ", and 2 more may under --worst-case (2 if the grade of magnet, which no source "
        "states, is magnet-ht, the grade the control covers; 1 if the scenario reaches "
        "inputs whose supply is not mapped; 1 of them for more than one reason)")
    # a product that already loses is not counted again
    assert worst_case_count([{**row(magnet, []), "loss_range": [0.5, 0.5]}], graph_) == ""


def test_each_row_says_beside_its_figure_what_worst_case_gives_and_why():
    result = scenario_result(graph(), DY)
    text = render_scenario(result, graph(), "text")
    table = text[text.index("\nproduct "):]
    assert ("product:p           0%* (0-80% under                            unknown\n"
            "                    --worst-case: grade\n"
            "                    not stated; conf.\n"
            "                    unknown)\n"
            "product:q           0%* (0-100% under                 1         unknown\n"
            "                    --worst-case: supply\n"
            "                    not mapped; conf.\n"
            "                    unknown)") in table
    assert "product:r           90%                   country:JP" in table
    # the reason, with what the worst case blocks and the confidence of its figure
    assert ("p (product:p) loses 0% by the design note's rules (the default) and "
            "0-80% under --worst-case (a figure of unknown confidence): the scenario blocks "
            "CN's 80% of magnet [1] on its supply paths, but only in the worst case (the "
            "high end of the loss). That figure is a range, not one figure, because the "
            "grade of magnet is not stated (the high end takes it as the grade the control "
            "covers, magnet-ht; the low end as a grade it does not cover).") in " ".join(
        text.split())
    md = render_scenario(result, graph(), "md")
    assert ("| product:p |  | 0%\\* (0-80% under --worst-case: grade not stated; conf. "
            "unknown) |  |  | unknown |  |") in md
    assert "| product:r |  | 90% | country:JP |  | unknown | [1] |" in md
    assert worst_case_note(rows_by_product(result)["product:r"]) == ""


def test_json_and_csv_carry_the_worst_case_figure():
    result = scenario_result(graph(), DY)
    data = json.loads(render_scenario(result, graph(), "json"))
    p = rows_by_product(data)["product:p"]
    assert (p["loss_range"], p["worst_case_loss_range"]) == ([0.0, 0.0], [0.0, 0.8])
    assert p["worst_case"]["loss_range"] == [0.0, 0.8]
    # its drivers as every driver in JSON: with their sources and confidence
    assert [(d["material"], d["sources"], d["confidence"])
            for d in p["worst_case"]["low_drivers"]] == [("material:magnet", ["source:s"],
                                                          None)]
    assert rows_by_product(data)["product:r"]["worst_case"] is None
    csv = render_scenario(result, graph(), "csv").splitlines()
    assert csv[0].endswith(",mapped_availability,worst_case_loss_low,worst_case_loss_high")
    ends = {line.split(",")[0]: line.rsplit(",", 2)[1:] for line in csv[1:]}
    assert ends == {"product:p": ["0.0", "0.8"], "product:q": ["0.0", "1.0"],
                    "product:r": ["0.9", "0.9"]}


def test_the_unmapped_sentence_says_which_figures_are_ranges():
    text = render_scenario(scenario_result(graph(), DY), graph(), "text")
    # q's figure is one figure, not a range: the old sentence called it one
    assert "each figure is a range" not in text
    assert ("1 product(s) have inputs whose supply is not mapped (column not_mapped): each\n"
            "figure keeps them, as by the design note's rules (5.6) the scenario reaches none\n"
            "of them (a control reaches such an input only by covering it, an element it\n"
            "contains or one of its inputs, and a removal only by taking the country it is\n"
            "anchored in); --worst-case takes any control in scope to reach such an input\n"
            "when no source traces it to a country, and 1 of them may then lose more (column\n"
            "loss).") in text
    # under --worst-case q's figure is a range over it: the sentence as it was
    wide = render_scenario(scenario_result(graph(wide=True), DY), graph(wide=True), "text")
    assert ("1 product(s) have inputs whose supply is not mapped (column not_mapped): each\n"
            "figure is a range from losing them to keeping them.") in wide


def test_a_control_on_the_unmapped_input_makes_a_range_and_the_sentence_says_so():
    # a control covering q's input reaches it by section 5.6 itself: 0-100% by default
    on_it = Scenario("on-it", restrict=(Restriction(issuer="country:CN",
                                                    covers=("material:unspecified",)),))
    rows = rows_by_product(scenario_result(graph(), on_it))
    assert rows["product:q"]["loss_range"] == [0.0, 1.0]
    assert rows["product:q"]["worst_case"] is None
    text = render_scenario(scenario_result(graph(), on_it), graph(), "text")
    assert ("each\nfigure is a range from losing them to keeping them." in text)
    assert "more may under --worst-case" not in text


@pytest.mark.parametrize("name, lines", [
    # the trial's case: the defence denial of April 2025 on the bundled data
    ("cn-2025-04-defence-denial",
     ["3 of 35 product(s) lose or may lose supply, and 8 more may under --worst-case (5",
      "if the grade of Sintered NdFeB permanent magnet, which no source states, is",
      "High-temperature NdFeB magnet (Dy/Tb-doped), the grade the control covers; 4 if",
      "the scenario reaches inputs whose supply is not mapped; 1 of them for more than",
      "one reason); the hardest hit"]),
])
def test_the_bundled_defence_denial_counts_and_marks_the_unknown(run_cli, name, lines):
    result = run_cli("scenario", "--name", name)
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert " ".join(lines) in text
    data = json.loads(run_cli("scenario", "--name", name, "--format", "json").stdout)
    rows = rows_by_product(data)
    # the Javelin, F-22, AIM-9X and Bradley: 0% as the requirement reads, 0-92% if their
    # magnet is the Dy/Tb-doped grade (China's 92% of Sintered NdFeB, BIS Section 232)
    for product in ("product:javelin", "product:f-22", "product:aim-9x", "product:bradley"):
        row = rows[product]
        assert (row["loss_range"], row["worst_case_loss_range"]) == ([0.0, 0.0], [0.0, 0.92])
        assert row["worst_case"]["confidence"] == "medium"
        assert [g["material"] for g in row["worst_case"]["range_from_grade"]] == [
            "material:ndfeb-magnet"]
    md = run_cli("scenario", "--name", name, "--format", "md").stdout
    # (the 0% itself measures nothing: "unknown" since trial 11; its worst case is medium)
    assert ("| product:javelin | defence | 0%\\* (0-92% under --worst-case: grade not stated; "
            "conf. medium, proxy) |  |  | unknown |  |") in md
    # the submarines and the UAV: 0-100% if the scenario reaches their unmapped magnet
    for product in ("product:columbia-class-submarine", "product:military-uav",
                    "product:virginia-class-submarine"):
        assert rows[product]["worst_case_loss_range"] == [0.0, 1.0]
        assert rows[product]["worst_case"]["range_from_grade"] == []
    assert rows["product:ddg-51"]["worst_case_loss_range"] == [0.0, 1.0]
    more = [p for p, r in rows.items() if r["loss_range"][1] == 0
            and r["worst_case_loss_range"][1] > 0]
    assert len(more) == 8


def test_the_note_names_a_pool_no_source_splits():
    # under --worst-case a producer without a share holds none to all of its pool (the
    # addendum's 5.4): MP Materials' ≈0-8.7% of NdPr metal, the F-22's 15% read 11-27%
    row = {"loss_range": [0.15, 0.15], "worst_case": {
        "loss_range": [0.11, 0.27], "confidence": "medium", "assumed_share": True,
        "drivers": [{"share_range": [0.0, 0.087]}], "low_drivers": [],
        "range_from_grade": [], "range_from_unmapped": [], "range_from_maker": []}}
    assert worst_case_note(row) == (" (11-27% under --worst-case: share of a pool not known; "
                                    "conf. medium, ≈)")
