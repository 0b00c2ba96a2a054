"""Section 5 of the design note, one small hand-made graph per rule, exact figures.

Each graph is a few nodes, so the figure in each assertion is worked out by hand in
the comment above it; the graphs do not come from the bundled data, so they hold
however that data grows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import Analysis, Restriction, Scenario, chokepoints
from mineralgraph.graph.analysis.comparison import compare
from mineralgraph.graph.analysis.concentration import concentration
from mineralgraph.graph.analysis.structure import anchors, producer_weights
from mineralgraph.graph.flow import dependent_products
from mineralgraph.graph.supply_graph import SupplyGraph, preferred
from mineralgraph.validation import check_claims, check_warnings

S = ("source:s",)


def graph_of(*facts, extra=()) -> SupplyGraph:
    """Claims from (subject, relation, object, qualifiers) tuples; every node labelled."""
    claims = [Claim("source:s", "title", "s", sources=S)]
    nodes = set()
    for subject, relation, obj, *rest in facts:
        q = rest[0] if rest else {}
        claims.append(Claim(subject, relation, obj, tuple(sorted(q.items())), sources=S))
        nodes |= {subject, obj}
    claims += [Claim(n, "label", n, sources=S) for n in sorted(nodes)]
    return SupplyGraph(claims + list(extra))


def weights(graph, material):
    return {c.subject: round(w, 6) for c, w in producer_weights(
        graph, material, graph.relation_claims(material, "PRODUCES", incoming=True))}


# ---------------------------------------------------------------- 5.1 company in country
COMPANY = graph_of(
    ("product:p", "REQUIRES", "material:magnet"),
    ("country:CN", "PRODUCES", "material:magnet", {"share": 0.9}),
    ("country:XX", "PRODUCES", "material:magnet", {"share": 0.1}),
    ("company:jl", "PRODUCES", "material:magnet"),
    ("company:jl", "LOCATED_IN", "country:CN"))


def test_a_company_without_a_facility_splits_its_countrys_share():
    # CN's 0.9 is split between JL and CN's unmapped output: 0.45 each
    assert weights(COMPANY, "material:magnet") == {
        "company:jl": 0.45, "country:CN": 0.45, "country:XX": 0.1}


def test_removing_its_country_removes_the_companys_output():
    # without CN: only the rest of the world's 0.1 is left (JL goes too): loss 0.9
    losses = Analysis(COMPANY).losses(["product:p"])["product:p"]
    assert losses["country:CN"] == pytest.approx(0.9)
    # JL's part of CN's 0.9 is its equal split (5.4): without JL, 0.45 goes, in both bounds
    assert losses["company:jl"] == pytest.approx(0.45)
    lower = Analysis(COMPANY).losses(["product:p"], "lower")["product:p"]
    assert lower["company:jl"] == pytest.approx(0.45)
    # under --worst-case the equal split is no figure: nothing may be lost (CN's unmapped
    # output may be all of the 0.9: upper bound) or all of the 0.9 (JL may make all of it:
    # lower bound): 0-90%, never 45%
    wide = COMPANY.with_worst_case()
    assert "company:jl" not in Analysis(wide).losses(["product:p"])["product:p"]
    lower = Analysis(wide).losses(["product:p"], "lower")["product:p"]
    assert lower["company:jl"] == pytest.approx(0.9)
    assert lower["country:CN"] == pytest.approx(0.9)


def test_the_flow_view_runs_from_the_country_through_the_producing_company():
    assert dependent_products(COMPANY, "country:CN") == ["product:p"]
    headquarters = graph_of(("company:hq", "LOCATED_IN", "country:US"),
                            ("facility:f", "OPERATED_BY", "company:hq"),
                            ("facility:f", "LOCATED_IN", "country:CN"),
                            ("facility:f", "PRODUCES", "material:m"),
                            ("product:p", "REQUIRES", "material:m"))
    # a headquarters is not a supply step: the US is not on the product's path
    assert dependent_products(headquarters, "country:US") == []
    assert Analysis(headquarters).losses(["product:p"])["product:p"].get("country:US") is None


# ---------------------------------------------------------------- 5.2 rest of world
def test_rest_of_world_is_ranked_and_a_single_point_of_failure_at_loss_100():
    # design note 5.2: removed and ranked like any node, and with loss 100% a SPOF; the
    # report adds that it is many countries (rest_of_world_only)
    g = graph_of(("product:p", "REQUIRES", "material:m"),
                 ("country:XX", "PRODUCES", "material:m", {"share": 1.0}))
    report = chokepoints(g, ["product:p"])[0]
    row = next(c for c in report.chokepoints if c.id == "country:XX")
    assert (row.loss, row.loss_range, row.spof_kind, row.rank) == (1.0, (1.0, 1.0),
                                                                   "certain", 1)
    assert "country:XX" in report.all_spofs and report.rest_of_world_only


def test_a_scenario_names_rest_of_world_a_new_single_point_and_says_what_it_is():
    # CN 0.6, XX 0.4; removing CN leaves XX alone: a new SPOF (5.2), many countries
    g = graph_of(("product:p", "REQUIRES", "material:m"),
                 ("country:CN", "PRODUCES", "material:m", {"share": 0.6}),
                 ("country:XX", "PRODUCES", "material:m", {"share": 0.4}))
    row = compare(g, Scenario("x", remove=("country:CN",)))[0]
    assert row["new_spofs"] == ["country:XX"] and row["rest_of_world_only"] is True
    assert row["loss_range"] == [pytest.approx(0.6), pytest.approx(0.6)]


# ---------------------------------------------------------------- 5.3 sourcing at a distance
DISTANCE = graph_of(
    ("product:p", "REQUIRES", "material:magnet"),
    ("material:magnet", "MADE_FROM", "material:metal"),
    ("material:metal", "MADE_FROM", "material:oxide"),
    ("country:CN", "PRODUCES", "material:oxide", {"share": 0.9}),
    ("facility:mine", "PRODUCES", "material:oxide", {"share": 0.1}),
    ("facility:mine", "LOCATED_IN", "country:US"),
    ("country:CN", "PRODUCES", "material:metal", {"share": 1.0}),
    ("country:CN", "PRODUCES", "material:magnet", {"share": 0.8}),
    ("facility:plant", "PRODUCES", "material:magnet", {"share": 0.2}),
    ("facility:plant", "LOCATED_IN", "country:US"),
    ("facility:mine", "SUPPLIES", "facility:plant", {"material": "material:oxide"}))


def test_a_buyer_supplied_several_stages_up_does_the_stages_between_itself():
    # without CN: the plant makes metal in-house from the mine's oxide (not from the world
    # pool of metal, all Chinese), so the magnet keeps 0.2: loss 0.8
    losses = Analysis(DISTANCE).losses(["product:p"])["product:p"]
    assert losses["country:CN"] == pytest.approx(0.8)
    # without the mine: the plant's 0.2 goes, and CN's metal (from the world pool of
    # oxide, 0.9 without the mine) keeps 0.8 * 0.9 = 0.72 of the magnet: loss 0.28
    assert losses["facility:mine"] == pytest.approx(0.28)


def test_removing_a_material_removes_it_from_explicit_suppliers_and_in_house_stages():
    # the metal is made in-house by the plant and bought from CN by the rest: without it,
    # no magnet at all; the same for the oxide the plant buys from the mine
    spofs = Analysis(DISTANCE).spofs("product:p")
    assert {"material:metal", "material:oxide"} <= spofs
    assert "country:CN" not in spofs and "facility:mine" not in spofs


def test_a_supplies_edge_that_fits_no_chain_is_a_warning():
    g = graph_of(("facility:a", "SUPPLIES", "facility:b", {"material": "material:x"}),
                 ("facility:b", "PRODUCES", "material:y"))
    warnings = check_warnings(g.claims)
    assert len(warnings) == 1
    assert warnings[0].endswith(": facility:a SUPPLIES material:x to facility:b, but nothing "
                                "it makes or produces (material:y) is made from it: unused; "
                                "check the edge's material, or the MADE_FROM/REQUIRES steps")
    assert check_warnings(DISTANCE.claims) == []


def test_validate_says_per_edge_why_a_supplies_edge_is_unused(run_cli, tmp_path):
    """One line per edge (its rows together), each with the reason and what to do: a
    product's maker (the note's model takes a product's materials from world supply), a
    buyer with nothing recorded, a buyer whose outputs are not made from the material."""
    import shutil

    folder = tmp_path / "facts"
    shutil.copytree(Path(__file__).parent / "data" / "tiny", folder)
    (folder / "supplies.csv").write_text(
        "subject,relation,object,material,sources\n"
        "company:miner,SUPPLIES,company:jetmaker,material:magnet,source:tiny-a\n"
        "company:miner,SUPPLIES,company:separator,material:magnet,source:tiny-a\n"
        "facility:sep-au,SUPPLIES,company:nobody,material:oxide,source:tiny-a\n"
        "facility:sep-au,SUPPLIES,company:nobody,material:oxide,source:tiny-b\n"
        "facility:sep-au,SUPPLIES,facility:mag-us,material:oxide,source:tiny-a\n",
        encoding="utf-8")
    with (folder / "nodes.csv").open("a", encoding="utf-8") as nodes:
        nodes.write("company:nobody,Nobody Co,,,,,,,,source:tiny-a\n")
    result = run_cli("validate", str(folder))
    assert result.exit_code == 0, result.output
    where = folder / "supplies.csv"
    assert result.stderr.splitlines() == [
        f"warning: {where}:2: company:miner SUPPLIES material:magnet to company:jetmaker, "
        "which makes product:jet (needing it); a product draws each material from world "
        "supply (design note section 2), not from its maker's suppliers: the edge is "
        "evidence only (paths, show), nothing to fix",
        f"warning: {where}:3: company:miner SUPPLIES material:magnet to company:separator, "
        "but nothing it makes or produces (material:oxide) is made from it: unused; check "
        "the edge's material, or the MADE_FROM/REQUIRES steps",
        f"warning: {where}:4,5: facility:sep-au SUPPLIES material:oxide to company:nobody, "
        "which makes and produces nothing in the graph: unused until a MAKES or PRODUCES "
        "row (with a source) says what it makes"]
    assert result.stdout == "ok: 66 facts, 8 source records, 22 nodes, 2 sources\n"
    rows = run_cli("validate", str(folder), "--format", "csv").stdout.splitlines()
    assert [row.split(",")[:4] for row in rows[1:]] == [
        ["warning", str(where), "2", ""], ["warning", str(where), "3", ""],
        ["warning", str(where), '"4', '5"']]


# ---------------------------------------------------------------- 5.4 capacity
def test_capacity_without_a_share_is_a_share_of_world_output():
    # world output 800 / 0.8 = 1000 t; capacity 50 t/yr -> 0.05, out of its country's 0.8
    g = graph_of(("country:AA", "PRODUCES", "material:m",
                  {"share": 0.8, "amount": 800.0, "unit": "t", "year": 2024}),
                 ("country:XX", "PRODUCES", "material:m", {"share": 0.2, "year": 2024}),
                 ("facility:f", "PRODUCES", "material:m", {"capacity": 50.0, "unit": "t/yr"}),
                 ("facility:f", "LOCATED_IN", "country:AA"))
    assert weights(g, "material:m") == {"country:AA": 0.75, "country:XX": 0.2,
                                        "facility:f": 0.05}


def test_capacity_of_another_year_or_unit_joins_the_equal_split():
    g = graph_of(("country:AA", "PRODUCES", "material:m",
                  {"share": 0.8, "amount": 800.0, "unit": "t", "year": 2024}),
                 ("country:XX", "PRODUCES", "material:m", {"share": 0.2, "year": 2024}),
                 ("facility:f", "PRODUCES", "material:m",
                  {"capacity": 50.0, "unit": "kg/yr"}),
                 ("facility:f", "LOCATED_IN", "country:AA"))
    # kg against t: no share; the facility splits AA's 0.8 with AA's unmapped output
    assert weights(g, "material:m") == {"country:AA": 0.4, "country:XX": 0.2,
                                        "facility:f": 0.4}


# ---------------------------------------------------------------- 5.5 share sets
def source(sid, published, source_type=None):
    out = [Claim(sid, "title", sid, sources=(sid,)),
           Claim(sid, "published", date.fromisoformat(published), sources=(sid,))]
    if source_type:
        out.append(Claim(sid, "source_type", source_type, sources=(sid,)))
    return out


def shares(sid, year, **by_country):
    return [Claim(f"country:{c}", "PRODUCES", "material:mo",
                  (("share", v), ("year", year)), sources=(sid,)) for c, v in by_country.items()]


def test_one_sources_set_is_read_never_a_mix():
    claims = (source("source:old", "2024-01-01") + source("source:new", "2025-01-01")
              + shares("source:old", 2024, PE=0.4, CL=0.3, US=0.3)
              + shares("source:new", 2024, US=0.3, CN=0.4, XX=0.3)
              + [Claim("material:mo", "label", "Mo", sources=S),
                 Claim("source:s", "title", "s", sources=S)])
    g = SupplyGraph(claims)
    assert concentration(g, "material:mo").shares == {"CN": 0.4, "US": 0.3, "XX": 0.3}
    choice = g.share_choices()["material:mo"]
    assert (choice.chosen.source, [o.source for o in choice.others]) == (
        "source:new", ["source:old"])
    # both sets add up to 1: no error, a conflict
    assert not [e for e in check_claims(claims) if "add up" in str(e)]


def test_the_latest_year_comes_first_and_ties_go_to_the_set_loaded_last():
    claims = (source("source:a", "2025-01-01") + source("source:b", "2025-01-01")
              + shares("source:a", 2023, CN=1.0)
              + shares("source:a", 2024, CN=0.5, XX=0.5)
              + shares("source:b", 2024, CN=0.7, XX=0.3))
    assert SupplyGraph(claims).share_choices()["material:mo"].chosen.source == "source:b"
    reordered = claims[:4] + claims[-2:] + claims[4:-2]
    assert SupplyGraph(reordered).share_choices()["material:mo"].chosen.source == "source:a"


def test_press_figures_never_beat_a_statistical_set_and_a_set_is_read_to_its_sum():
    claims = (source("source:usgs", "2025-01-01", "statistics")
              + source("source:news", "2025-06-01", "press")
              + shares("source:usgs", 2024, CN=0.61, US=0.41)
              + shares("source:news", 2025, CN=0.9, XX=0.1))
    g = SupplyGraph(claims)
    assert g.share_choices()["material:mo"].chosen.source == "source:usgs"
    # 1.02 is within rounding: each share is read as a share of the sum
    assert weights(g, "material:mo") == {"country:CN": round(0.61 / 1.02, 6),
                                         "country:US": round(0.41 / 1.02, 6)}


def test_press_only_shares_are_set_aside_and_said_so():
    # 5.5: figures from press take no part unless the user asks: no set, no producer
    claims = (source("source:news", "2025-06-01", "press")
              + shares("source:news", 2025, CN=0.9, XX=0.1))
    g = SupplyGraph(claims)
    assert g.share_choices()["material:mo"].chosen is None
    assert weights(g, "material:mo") == {}
    assert [w for w in check_warnings(claims) if "only from press" in w] == [
        "warning: material:mo: country shares come only from press or reposts "
        "(source:news); set aside, not used by the analysis (design note 5.5; "
        "--press-figures uses them): CN 0.9, XX 0.1"]


def test_with_press_figures_press_only_shares_are_used_for_lack_of_another_and_said_so():
    claims = (source("source:news", "2025-06-01", "press")
              + shares("source:news", 2025, CN=0.9, XX=0.1))
    g = SupplyGraph(claims, press_figures=True)
    assert g.share_choices()["material:mo"].press_only
    assert weights(g, "material:mo") == {"country:CN": 0.9, "country:XX": 0.1}
    assert [w for w in check_warnings(claims, press_figures=True)
            if "only from press" in w] == [
        "warning: material:mo: country shares come only from press or reposts "
        "(source:news); the analysis uses them for lack of a statistical source "
        "(--press-figures)"]


def test_a_set_above_the_tolerance_is_an_error_of_that_source():
    claims = (source("source:a", "2025-01-01") + shares("source:a", 2024, CN=0.7, US=0.4))
    errors = [str(e) for e in check_claims(claims) if "add up" in str(e)]
    assert len(errors) == 1 and "from source:a add up to 1.100" in errors[0]


# ---------------------------------------------------------------- 5.6 ranges
RANGE = graph_of(
    ("product:p", "REQUIRES", "material:alloy"),
    ("material:alloy", "MADE_FROM", "material:oxide"),
    ("country:CN", "PRODUCES", "material:oxide", {"share": 0.7}),
    ("country:AU", "PRODUCES", "material:oxide", {"share": 0.3}),
    ("material:oxide", "CONTAINS", "element:Nd"))


def test_a_material_without_producers_is_anchored_where_its_nearest_input_is_made():
    assert anchors(RANGE) == {"material:alloy": "country:CN"}


def test_availability_loss_and_spof_are_ranges():
    analysis = Analysis(RANGE)
    assert analysis.availability_range("product:p") == (1.0, 1.0)
    report = chokepoints(RANGE, ["product:p"])[0]
    cn = next(c for c in report.chokepoints if c.id == "country:CN")
    # upper: oxide keeps AU's 0.3 (loss 0.7); lower: the alloy's virtual producer sits in
    # CN, so removing CN loses it all: a possible single point of failure
    assert cn.loss == pytest.approx(0.7) and cn.loss_range == pytest.approx((0.7, 1.0))
    assert cn.spof_kind == "possible" and cn.behind == ["material:alloy"]
    assert report.possible_spofs == ["country:CN"]


def test_a_control_on_an_unmapped_stage_reaches_it_whoever_issued_it():
    # AU bans Nd (its oxide) for everyone: upper bound, AU's oxide goes (0.7 left);
    # lower bound, the alloy's input is covered, so its virtual producer goes: 0
    control = Restriction(issuer="country:AU", covers=("element:Nd",))
    row = compare(RANGE, Scenario("x", restrict=(control,)))[0]
    assert row["availability_range"] == pytest.approx([0.0, 0.7])
    assert row["loss_range"] == pytest.approx([0.3, 1.0])
    assert row["range_from_unmapped"] == ["material:alloy"]


UNTRACED = graph_of(
    ("product:p", "REQUIRES", "material:oxide"),
    ("product:p", "REQUIRES", "material:unspecified"),
    ("company:maker", "MAKES", "product:p"),
    ("company:maker", "LOCATED_IN", "country:US"),
    ("product:q", "REQUIRES", "material:oxide"),
    ("company:other", "MAKES", "product:q"),
    ("company:other", "LOCATED_IN", "country:FR"),
    ("country:CN", "PRODUCES", "material:oxide", {"share": 0.7}),
    ("country:AU", "PRODUCES", "material:oxide", {"share": 0.3}),
    ("material:oxide", "CONTAINS", "element:Nd"))
#: the same graph read with --worst-case (the addendum's untraced rule is its alone)
WIDE_UNTRACED = UNTRACED.with_worst_case()


def test_a_material_nothing_traces_is_unknown_under_any_control_in_scope():
    # under --worst-case (addendum, 5.6 untraced; the default is tests/test_note_rules.py):
    # material:unspecified has no producer, element, input or anchor: untraced. CN bans
    # the oxide to the US. p (made in the US) is in scope: upper bound 0.3 (AU's oxide),
    # lower bound 0 (the control may reach what nothing traces). q (made in France) is
    # out of scope: 1 in both bounds. Without the scenario, p is 1 in both bounds.
    from mineralgraph.graph.analysis.structure import untraced
    assert untraced(UNTRACED) == ["material:unspecified"]
    control = Restriction(issuer="country:CN", covers=("material:oxide",),
                          targets=("country:US",))
    analysis = Analysis(WIDE_UNTRACED, Scenario("x", restrict=(control,)))
    assert analysis.availability_range("product:p") == pytest.approx((0.0, 0.3))
    assert analysis.availability_range("product:q") == pytest.approx((1.0, 1.0))
    assert analysis.baseline_range("product:p") == pytest.approx((1.0, 1.0))
    row = next(r for r in compare(WIDE_UNTRACED, Scenario("x", restrict=(control,)))
               if r["product"] == "product:p")
    assert row["loss_range"] == pytest.approx([0.7, 1.0])
    assert row["range_from_unmapped"] == ["material:unspecified"]


def test_an_untraced_requirement_alone_goes_from_no_loss_to_zero_to_full_loss():
    # the bundled Virginia-class case under --worst-case: a product needing only an
    # untraced material, under a control on something else entirely: 0-100% (0% by default)
    graph = graph_of(("product:p", "REQUIRES", "material:unspecified"),
                     ("country:CN", "PRODUCES", "material:oxide",
                      {"share": 1.0})).with_worst_case()
    control = Restriction(issuer="country:CN", covers=("material:oxide",))
    row = compare(graph, Scenario("x", restrict=(control,)))[0]
    assert row["availability_range"] == pytest.approx([0.0, 1.0])
    assert row["loss_range"] == pytest.approx([0.0, 1.0])


def test_the_summary_names_what_nothing_traces():
    from mineralgraph.reports.summary import story

    # under --worst-case, whose rule it is (by default nothing is set apart as untraced)
    assert chokepoints(UNTRACED, ["product:p"])[0].untraced == []
    report = chokepoints(WIDE_UNTRACED, ["product:p"])[0]
    assert report.untraced == ["material:unspecified"]
    assert report.as_dict()["untraced_inputs"] == ["material:unspecified"]
    assert story([report], WIDE_UNTRACED)[-1].endswith(
        "Nothing traces material:unspecified to a country (no producer, element or input): "
        "any export control that applies to the product may reach it.")
    assert chokepoints(WIDE_UNTRACED, ["product:q"])[0].untraced == []


def test_a_material_with_an_element_or_an_input_is_traced():
    # an element or an input traces it: only a control on those reaches it (as before)
    graph = graph_of(("product:p", "REQUIRES", "material:ge-lens"),
                     ("material:ge-lens", "CONTAINS", "element:Ge"),
                     ("country:CN", "PRODUCES", "material:oxide", {"share": 1.0}))
    control = Restriction(issuer="country:CN", covers=("material:oxide",))
    assert Analysis(graph, Scenario("x", restrict=(control,))).availability_range(
        "product:p") == pytest.approx((1.0, 1.0))


GRADES = graph_of(
    ("product:p", "REQUIRES", "material:magnet"),
    ("product:q", "REQUIRES", "material:magnet-ht"),
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
    extra=[Claim(m, "stage", "component", sources=S)
           for m in ("material:magnet", "material:magnet-ht")])


def test_a_material_of_unstated_grade_may_be_the_grade_a_control_covers():
    # under --worst-case (addendum, 5.6 unstated grade; the default is
    # tests/test_note_rules.py): magnet-ht is magnet's richer grade (same stage, made from
    # all magnet is, contains Nd and Dy). CN controls Dy: q needs magnet-ht, so CN's 0.9
    # goes in both bounds (0.1 left). p needs magnet, of unstated grade: upper bound reads
    # it as stated (no Dy, 1.0); the lower bound as the covered grade (CN's 0.8 goes, JP's
    # 0.2 left): loss 0-80%
    from mineralgraph.graph.analysis.structure import richer_grades
    grades = GRADES.with_worst_case()
    assert richer_grades(GRADES) == {"material:magnet": ["material:magnet-ht"]}
    control = Restriction(issuer="country:CN", covers=("element:Dy",))
    analysis = Analysis(grades, Scenario("x", restrict=(control,)))
    assert analysis.availability_range("product:p") == pytest.approx((0.2, 1.0))
    assert analysis.availability_range("product:q") == pytest.approx((0.1, 0.1))
    rows = {r["product"]: r for r in compare(grades, Scenario("x", restrict=(control,)))}
    assert rows["product:p"]["loss_range"] == pytest.approx([0.0, 0.8])
    assert rows["product:p"]["range_from_grade"] == [
        {"material": "material:magnet", "grades": ["material:magnet-ht"]}]
    assert rows["product:p"]["low_drivers"] == [
        {"holder": "country:CN", "material": "material:magnet", "share": 0.8,
         "share_range": [0.8, 0.8], "assumed_share": False, "how": "blocked",
         "assumed_split": []}]
    assert rows["product:q"]["range_from_grade"] == []
    # a control on Nd, which the magnet states it contains, reaches it in both bounds
    nd = Restriction(issuer="country:CN", covers=("element:Nd",))
    assert Analysis(grades, Scenario("x", restrict=(nd,))).availability_range(
        "product:p") == pytest.approx((0.2, 0.2))
    # at different stages the two are not grades of one family: nothing changes
    other = graph_of(*[(c.subject, c.predicate, c.object, dict(c.qualifiers))
                       for c in GRADES.edge_claims()],
                     extra=[Claim("material:magnet", "stage", "component", sources=S),
                            Claim("material:magnet-ht", "stage", "metal", sources=S)])
    assert richer_grades(other) == {}
    assert Analysis(other.with_worst_case(), Scenario("x", restrict=(control,))).availability_range(
        "product:p") == pytest.approx((1.0, 1.0))


def test_a_product_of_unknown_maker_is_inside_a_targeted_control_for_the_lower_bound():
    # CN denies oxide to the US; p's maker is not known: outside (upper), inside (lower)
    control = Restriction(issuer="country:CN", covers=("material:oxide",),
                          targets=("country:US",))
    facts = [(c.subject, c.predicate, c.object, dict(c.qualifiers)) for c in RANGE.edge_claims()]
    us = [Claim("country:US", "label", "United States", sources=S)]
    analysis = Analysis(graph_of(*facts, extra=us), Scenario("x", restrict=(control,)))
    assert analysis.availability_range("product:p") == pytest.approx((0.0, 1.0))
    known = graph_of(*facts, ("company:maker", "MAKES", "product:p"),
                     ("company:maker", "LOCATED_IN", "country:FR"), extra=us)
    # a maker known to be in France: outside for both bounds
    assert Analysis(known, Scenario("x", restrict=(control,))).availability_range(
        "product:p") == pytest.approx((1.0, 1.0))


def test_a_bound_with_nothing_at_baseline_gives_no_loss_and_a_flag():
    control = Restriction(issuer="country:AU", covers=("element:Nd",))
    report = chokepoints(RANGE, ["product:p"], Scenario("x", restrict=(control,)))[0]
    assert report.may_be_unavailable and report.availability_range == pytest.approx((0, 0.7))
    cn = next(c for c in report.chokepoints if c.id == "country:CN")
    # only the upper bound measures a loss: CN's 0.7 of 0.7
    assert cn.loss_range == pytest.approx((1.0, 1.0)) and cn.spof_kind == "certain"


def test_baseline_means_the_baseline_under_a_scenario():
    analysis = Analysis(RANGE, Scenario("x", remove=("country:AU",)))
    assert analysis.baseline("product:p") == 1.0
    assert analysis.reference("product:p") == pytest.approx(0.7)


# ---------------------------------------------------------------- 5.7 left out
def weak_requirement_graph():
    claims = [Claim("source:s", "title", "s", sources=S)]
    claims += [Claim(n, "label", n, sources=S) for n in (
        "product:p", "material:a", "material:b", "country:AU", "country:CN")]
    claims += [Claim("product:p", "REQUIRES", "material:a", sources=S, confidence="high"),
               Claim("product:p", "REQUIRES", "material:b", sources=S, confidence="low"),
               Claim("country:AU", "PRODUCES", "material:a", (("share", 1.0),), S,
                     confidence="high"),
               Claim("country:CN", "PRODUCES", "material:b", (("share", 0.5),), S,
                     confidence="high")]
    return SupplyGraph(claims)


def test_what_min_confidence_leaves_out_is_kept_in_view_at_any_date():
    graph = weak_requirement_graph().with_min_confidence("medium")
    assert [(c.subject, c.predicate, c.object) for c in graph.left_out] == [
        ("product:p", "REQUIRES", "material:b")]
    assert graph.neighbours("product:p", "REQUIRES") == ["material:a"]
    assert len(graph.as_of("2025-01-01").left_out) == 1
    assert graph.with_min_confidence(None) is graph
    assert weak_requirement_graph().left_out == ()


def test_a_requirement_left_out_is_unknown_not_absent():
    # under --worst-case (addendum, 5.7 put-back; the default drops it from both bounds,
    # tests/test_note_rules.py): all claims: p = min(a 1, b 0.5) = 0.5. With medium: the
    # upper bound drops the low REQUIRES b (p = 1); the lower bound keeps it (p = 0.5):
    # [0.5, 1]. Removing CN (b's only producer): upper loss 0, lower loss 1, so CN (and b
    # itself) are possible SPOFs.
    assert Analysis(weak_requirement_graph()).availability_range("product:p") == (0.5, 0.5)
    graph = weak_requirement_graph().with_worst_case().with_min_confidence("medium")
    analysis = Analysis(graph)
    assert analysis.availability_range("product:p") == pytest.approx((0.5, 1.0))
    report = chokepoints(graph, ["product:p"])[0]
    cn = next(c for c in report.chokepoints if c.id == "country:CN")
    assert cn.loss_range == pytest.approx((0.0, 1.0)) and cn.spof_kind == "possible"
    assert report.possible_spofs == ["country:CN", "material:b"]


# ---------------------------------------------------------------- 5.8 newest claim
def test_the_newest_claim_wins_by_year_then_publication_then_confidence_then_load_order():
    published = {"source:a": date(2024, 1, 1), "source:b": date(2025, 1, 1)}.get

    def claim(year, src, confidence):
        return Claim("facility:f", "PRODUCES", "material:m", (("year", year),), (src,),
                     confidence=confidence)

    old, new = claim(2023, "source:b", "high"), claim(2024, "source:a", "low")
    assert preferred([old, new], published=published) is new
    late = claim(2024, "source:b", "low")
    assert preferred([late, new], published=published) is late
    sure = claim(2024, "source:a", "high")
    assert preferred([new, sure], published=published) is sure
    twin = Claim("facility:f", "PRODUCES", "material:m", (("year", 2024),), ("source:a",),
                 confidence="low", quote="another reading")
    loaded = {new.id: 0, twin.id: 1}
    assert preferred([new, twin], published=published, loaded=loaded) is twin
    assert preferred([twin, new], published=published, loaded={new.id: 1, twin.id: 0}) is new


# ---------------------------------------------------------------- dates
def test_without_as_of_a_plant_not_yet_open_counts_and_the_summary_says_so():
    from mineralgraph.reports.summary import story

    later = date(2999, 1, 1)
    graph = graph_of(("product:p", "REQUIRES", "material:m"),
                     ("country:CN", "PRODUCES", "material:m", {"share": 0.6}),
                     ("facility:new", "LOCATED_IN", "country:US"),
                     extra=[Claim("facility:new", "PRODUCES", "material:m", (("share", 0.4),),
                                  S, valid_from=later),
                            Claim("facility:new", "label", "facility:new", sources=S)])
    # no --as-of: every fact counts, the 2999 plant too (0.6 + 0.4 = 1), and it is named
    assert Analysis(graph).availability("product:p") == pytest.approx(1.0)
    assert [c.subject for c in graph.not_yet_valid(date(2026, 11, 27))] == ["facility:new"]
    text = story(chokepoints(graph, ["product:p"]), graph)[-1]
    assert text == ("Includes 1 relation(s) that start after today, counted as if in force "
                    "(plants not yet open, supplies not yet begun): facility:new PRODUCES "
                    f"material:m from 2999-01-01. Run with --as-of {date.today().isoformat()} "
                    "to leave them out.")
    # with a date: only what is valid then (China's 0.6), and nothing to say
    dated = graph.as_of(date.today())
    assert Analysis(dated).availability("product:p") == pytest.approx(0.6)
    assert dated.not_yet_valid(date.today()) == []
    assert not any("start after today" in p for p in story(chokepoints(dated, ["product:p"]),
                                                             dated))


def test_the_not_yet_begun_notice_names_only_relations_on_the_answer_paths(run_cli,
                                                                           tmp_path):
    """A relation that starts after today is named only by the reports whose supply paths
    it lies on: company:a's supply to company:b, a producer for product:q, is on q's paths
    but not on product:p's."""
    from mineralgraph.graph.snapshot import save_snapshot

    later = date(2999, 1, 1)
    graph = graph_of(("product:p", "REQUIRES", "material:m"),
                     ("product:q", "REQUIRES", "material:n"),
                     ("country:CN", "PRODUCES", "material:m", {"share": 0.6}),
                     ("country:CN", "PRODUCES", "material:n", {"share": 1.0}),
                     ("facility:new", "LOCATED_IN", "country:US"),
                     ("company:b", "PRODUCES", "material:n"),
                     extra=[Claim("facility:new", "PRODUCES", "material:m", (("share", 0.4),),
                                  S, valid_from=later),
                            Claim("company:a", "SUPPLIES", "company:b", (), S,
                                  valid_from=later),
                            Claim("facility:new", "label", "facility:new", sources=S)])
    path = tmp_path / "g.json"
    save_snapshot(graph.claims, path)
    today = date.today().isoformat()
    on_p = ("Includes 1 relation(s) that start after today, counted as if in force (plants "
            "not yet open, supplies not yet begun): facility:new PRODUCES material:m from "
            f"2999-01-01. Run with --as-of {today} to leave them out.")
    on_q = ("Includes 1 relation(s) that start after today, counted as if in force (plants "
            "not yet open, supplies not yet begun): company:a SUPPLIES company:b from "
            f"2999-01-01. Run with --as-of {today} to leave them out.")
    for command in (["chokepoints", "--product", "product:p"], ["spof", "product:p"]):
        out = run_cli("--graph", str(path), *command)
        assert out.exit_code == 0, out.stderr
        assert " ".join(on_p.split()) in " ".join(out.stdout.split())
        assert "company:a SUPPLIES" not in out.stdout
    out = run_cli("--graph", str(path), "spof", "product:q")
    assert " ".join(on_q.split()) in " ".join(out.stdout.split())
    assert "facility:new PRODUCES" not in out.stdout


def test_dependents_of_rest_of_world_call_it_a_single_point_of_many_countries():
    # XX alone makes m: losing it stops p, so it is a SPOF (5.2), though many countries
    from mineralgraph.graph.analysis.lookups import dependents
    from mineralgraph.reports.tables import render_dependents

    g = graph_of(("product:p", "REQUIRES", "material:m"),
                 ("country:XX", "PRODUCES", "material:m", {"share": 1.0}))
    found = dependents(g, "country:XX")
    assert found.losses == {"product:p": {"lower": 1.0, "upper": 1.0}}
    assert found.spofs == {"product:p": "certain"}
    text = " ".join(render_dependents("country:XX", found.losses, g, "text", found.spofs,
                                      found.caveats).split())
    assert ("1 product(s) have a supply path from country:XX: the countries the share "
            "figures do not name, taken together; 1 would lose all their supply without "
            "all of them, so it is a single point of failure of those (design note 5.2; 1 "
            "certain, 0 possible), though many countries, not one.") in text
