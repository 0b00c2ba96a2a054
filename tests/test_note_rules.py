"""Section 5 of the design note as written is the default; the addendum's wider readings
hold only under the one opt-in, ``--worst-case`` (``SupplyGraph.worst_case``).

One small hand-made graph per rule the addendum had widened (5.4 equal split, 5.6
untraced, 5.6 unstated grade, 5.7 left-out requirements, 5.5 rounding), each figure
worked out by hand in the comment above it, in both readings.
"""

from __future__ import annotations

import json
import re

import pytest

import mineralgraph as mg
from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import Analysis, Restriction, Scenario, chokepoints
from mineralgraph.graph.analysis.comparison import compare, drivers
from mineralgraph.graph.analysis.confidence import left_out_dict
from mineralgraph.graph.analysis.engine import BOUNDS
from mineralgraph.graph.analysis.structure import (
    equal_split_groups,
    producer_pools,
    share_ranges,
)
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)


def graph_of(*facts, extra=(), wide: bool = False) -> SupplyGraph:
    """Claims from (subject, relation, object, qualifiers) tuples; every node labelled;
    read with --worst-case when ``wide``."""
    claims = [Claim("source:s", "title", "s", sources=S)]
    nodes = set()
    for subject, relation, obj, *rest in facts:
        q = rest[0] if rest else {}
        claims.append(Claim(subject, relation, obj, tuple(sorted(q.items())), sources=S))
        nodes |= {subject, obj}
    claims += [Claim(n, "label", n, sources=S) for n in sorted(nodes)]
    return SupplyGraph(claims + list(extra), worst_case=wide)


def losses(graph, product="product:p", scenario=None) -> dict[str, dict[str, float]]:
    """bound -> node -> loss(P, node), rounded to 6 places."""
    analysis = Analysis(graph, scenario)
    return {b: {n: round(v, 6) for n, v in analysis.losses([product], b)[product].items()}
            for b in BOUNDS}


def row(graph, node, product="product:p", scenario=None):
    report = chokepoints(graph, [product], scenario)[0]
    return next(c for c in report.chokepoints if c.id == node)


# ---------------------------------------------------------------- 5.4 the equal split
#: two producers without a share of their own split what the shares leave (0.94): the
#: "loose" group of 5.4, with no pool of their own
LOOSE = [("product:p", "REQUIRES", "material:m"),
         ("country:AU", "PRODUCES", "material:m", {"share": 0.06}),
         ("facility:f1", "PRODUCES", "material:m"),
         ("facility:f1", "LOCATED_IN", "country:BR"),
         ("facility:f2", "PRODUCES", "material:m"),
         ("facility:f2", "LOCATED_IN", "country:BR")]

#: JL Mag's case: a company without a share in China, beside China's 94%; the company and
#: China's unmapped output split China's share equally
JL = [("product:p", "REQUIRES", "material:m"),
      ("country:CN", "PRODUCES", "material:m", {"share": 0.94}),
      ("country:XX", "PRODUCES", "material:m", {"share": 0.06}),
      ("company:j", "PRODUCES", "material:m"),
      ("company:j", "LOCATED_IN", "country:CN")]


def test_two_producers_without_shares_split_the_rest_equally_in_both_bounds():
    # 1 - 0.06 = 0.94 split by f1 and f2: 0.47 each. Removing f1 loses 0.47 in both
    # bounds; removing Brazil (both plants) 0.94; Australia 0.06
    found = losses(graph_of(*LOOSE))
    for bound in BOUNDS:
        assert found[bound]["facility:f1"] == 0.47
        assert found[bound]["facility:f2"] == 0.47
        assert found[bound]["country:BR"] == 0.94
        assert found[bound]["country:AU"] == 0.06
    f1 = row(graph_of(*LOOSE), "facility:f1")
    assert f1.loss_range == pytest.approx((0.47, 0.47))
    # an assumed share, marked ≈, and the caveat says so (5.4, 5.7)
    assert f1.assumed_share and f1.caveats.assumed_share


def test_under_worst_case_the_two_producers_hold_none_to_all_of_the_rest():
    # --worst-case (addendum 5.4 amended): the whole 0.94 on the worst-off of them in the
    # lower bound (losing f1 loses 0.94), on the best-off in the upper (loses nothing)
    found = losses(graph_of(*LOOSE, wide=True))
    assert found["lower"]["facility:f1"] == 0.94
    assert "facility:f1" not in found["upper"]
    assert found["lower"]["country:BR"] == found["upper"]["country:BR"] == 0.94
    assert row(graph_of(*LOOSE, wide=True), "facility:f1").loss_range == pytest.approx(
        (0.0, 0.94))


def test_a_company_without_a_share_takes_half_its_countrys_share():
    # JL Mag's case: j and China's unmapped output split China's 0.94: j loses 0.47 in
    # both bounds (≈47%), China 0.94, rest of world 0.06
    graph = graph_of(*JL)
    found = losses(graph)
    assert found["lower"] == found["upper"] == {"company:j": 0.47, "country:CN": 0.94,
                                                "country:XX": 0.06, "material:m": 1.0}
    claims = graph.relation_claims("material:m", "PRODUCES", incoming=True)
    assert producer_pools(graph, "material:m", claims) == []
    assert [(c.subject, round(lo, 2), round(hi, 2))
            for c, lo, hi in share_ranges(graph, "material:m", claims)] == [
        ("company:j", 0.47, 0.47), ("country:CN", 0.47, 0.47), ("country:XX", 0.06, 0.06)]
    assert [[c.subject for c in g] for _, g in equal_split_groups(graph, "material:m",
                                                                  claims)] == [
        ["company:j", "country:CN"]]
    # under --worst-case: j 0-94%, China still 94% (the whole pool)
    wide = losses(graph.with_worst_case())
    assert wide["lower"]["company:j"] == 0.94 and "company:j" not in wide["upper"]
    assert wide["lower"]["country:CN"] == wide["upper"]["country:CN"] == 0.94


def test_a_driver_holding_an_equal_part_states_it_as_assumed():
    # j offline: it held 0.47, an equal part (assumed); under --worst-case, 0-94%
    scenario = Scenario("x", remove=("company:j",))
    found = drivers(Analysis(graph_of(*JL), scenario), "product:p")
    # with what the part assumes: China's 94% split with its unmapped output (trial 6, M5)
    assert found == [{"holder": "company:j", "material": "material:m", "share": 0.47,
                      "share_range": [0.47, 0.47], "assumed_share": True, "how": "removed",
                      "assumed_split": [{"material": "material:m", "pool": "country:CN",
                                         "pool_share": 0.94, "parts": 2,
                                         "members": ["company:j", "country:CN"],
                                         "part": 0.47, "basis": "equal split",
                                         "confidence": None, "proxy": None}]}]
    wide = drivers(Analysis(graph_of(*JL, wide=True), scenario), "product:p")
    assert wide[0]["share_range"] == [0.0, 0.94] and wide[0]["assumed_share"]
    # a scenario row reads the same split: 47% lost in both bounds
    assert compare(graph_of(*JL), scenario)[0]["loss_range"] == pytest.approx([0.47, 0.47])
    assert compare(graph_of(*JL, wide=True), scenario)[0]["loss_range"] == pytest.approx(
        [0.0, 0.94])


# ---------------------------------------------------------------- 5.6 untraced
UNTRACED = [("product:p", "REQUIRES", "material:oxide"),
            ("product:p", "REQUIRES", "material:unspecified"),
            ("company:maker", "MAKES", "product:p"),
            ("company:maker", "LOCATED_IN", "country:US"),
            ("country:CN", "PRODUCES", "material:oxide", {"share": 0.7}),
            ("country:AU", "PRODUCES", "material:oxide", {"share": 0.3}),
            ("material:oxide", "CONTAINS", "element:Nd")]
OXIDE_TO_US = Restriction(issuer="country:CN", covers=("material:oxide",),
                          targets=("country:US",))


def test_a_control_reaches_an_untraced_material_only_by_covering_it():
    # material:unspecified has no producer, element, input or anchor. CN bans the oxide
    # to the US: 5.6 zeroes a virtual producer only for a control covering M, an element
    # of M or an input of M, so the lower bound keeps it (1): both bounds 0.3, loss 70%
    scenario = Scenario("x", restrict=(OXIDE_TO_US,))
    analysis = Analysis(graph_of(*UNTRACED), scenario)
    assert analysis.availability_range("product:p") == pytest.approx((0.3, 0.3))
    assert compare(graph_of(*UNTRACED), scenario)[0]["loss_range"] == pytest.approx(
        [0.7, 0.7])
    assert analysis.untraced() == set() and not analysis.untraced_reach("country:CN")
    assert chokepoints(graph_of(*UNTRACED), ["product:p"])[0].untraced == []
    # a control covering the material itself does reach it (5.6): lower bound 0
    on_it = Restriction(issuer="country:CN", covers=("material:unspecified",))
    assert Analysis(graph_of(*UNTRACED), Scenario("y", restrict=(on_it,))).availability_range(
        "product:p") == pytest.approx((0.0, 1.0))
    # --worst-case: any control in scope may reach it: lower bound 0, loss 70-100%
    wide = Analysis(graph_of(*UNTRACED, wide=True), scenario)
    assert wide.availability_range("product:p") == pytest.approx((0.0, 0.3))
    assert compare(graph_of(*UNTRACED, wide=True), scenario)[0]["loss_range"] == \
        pytest.approx([0.7, 1.0])


def test_an_untraced_requirement_alone_loses_nothing_under_a_control_on_something_else():
    # the bundled Virginia-class case: 0% in both bounds (0-100% under --worst-case)
    facts = [("product:p", "REQUIRES", "material:unspecified"),
             ("country:CN", "PRODUCES", "material:oxide", {"share": 1.0})]
    scenario = Scenario("x", restrict=(Restriction(issuer="country:CN",
                                                   covers=("material:oxide",)),))
    assert compare(graph_of(*facts), scenario)[0]["loss_range"] == pytest.approx([0.0, 0.0])
    assert compare(graph_of(*facts, wide=True), scenario)[0]["loss_range"] == \
        pytest.approx([0.0, 1.0])


# ---------------------------------------------------------------- 5.6 unstated grade
GRADES = [("product:p", "REQUIRES", "material:magnet"),
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
          ("country:AU", "PRODUCES", "material:dy", {"share": 1.0})]
STAGES = [Claim(m, "stage", "component", sources=S)
          for m in ("material:magnet", "material:magnet-ht")]


def test_a_control_on_a_richer_grade_does_not_reach_the_generic_material():
    # CN controls Dy. The magnet states Nd only: 5.6 reaches what the control covers, so
    # p keeps all of it in both bounds (loss 0%); under --worst-case the magnet may be the
    # Dy grade in the lower bound: CN's 0.8 goes there (loss 0-80%)
    scenario = Scenario("x", restrict=(Restriction(issuer="country:CN",
                                                   covers=("element:Dy",)),))
    row_ = compare(graph_of(*GRADES, extra=STAGES), scenario)[0]
    assert row_["loss_range"] == pytest.approx([0.0, 0.0])
    assert row_["range_from_grade"] == []
    wide = compare(graph_of(*GRADES, extra=STAGES, wide=True), scenario)[0]
    assert wide["loss_range"] == pytest.approx([0.0, 0.8])
    assert wide["range_from_grade"] == [{"material": "material:magnet",
                                         "grades": ["material:magnet-ht"]}]
    # dependents: losing Dy takes nothing from p by default (0-100% under --worst-case)
    assert Analysis(graph_of(*GRADES, extra=STAGES)).node_losses(
        "element:Dy", ["product:p"]) == {"product:p": {"lower": 0.0, "upper": 0.0}}
    assert Analysis(graph_of(*GRADES, extra=STAGES, wide=True)).node_losses(
        "element:Dy", ["product:p"]) == {"product:p": {"lower": 1.0, "upper": 0.0}}


# ---------------------------------------------------------------- 5.7 left out
def weak_requirement_graph(wide: bool = False) -> SupplyGraph:
    claims = [Claim("source:s", "title", "s", sources=S)]
    claims += [Claim(n, "label", n, sources=S) for n in (
        "product:p", "material:a", "material:b", "country:AU", "country:CN")]
    claims += [Claim("product:p", "REQUIRES", "material:a", sources=S, confidence="high"),
               Claim("product:p", "REQUIRES", "material:b", sources=S, confidence="low"),
               Claim("country:AU", "PRODUCES", "material:a", (("share", 1.0),), S,
                     confidence="high"),
               Claim("country:CN", "PRODUCES", "material:b", (("share", 0.5),), S,
                     confidence="high")]
    return SupplyGraph(claims, worst_case=wide)


def test_min_confidence_drops_a_weak_requirement_before_the_analysis_in_both_bounds():
    # all claims: p = min(a 1, b 0.5) = 0.5. With medium the low REQUIRES b is dropped
    # before the analysis (5.7): p = 1 in both bounds, and China is nothing to it; the
    # dropped claim is still listed, as not counted
    graph = weak_requirement_graph().with_min_confidence("medium")
    analysis = Analysis(graph)
    assert analysis.lower_graph is graph
    assert analysis.availability_range("product:p") == (1.0, 1.0)
    report = chokepoints(graph, ["product:p"])[0]
    assert "country:CN" not in {c.id for c in report.chokepoints}
    assert report.possible_spofs == []
    assert [(c.subject, c.object) for c in report.left_out] == [("product:p", "material:b")]
    assert report.as_dict()["left_out_below_confidence"][0]["counts_in_lower_bound"] is False
    # --worst-case puts it back in the lower bound: [0.5, 1], China a possible SPOF
    wide = weak_requirement_graph(wide=True).with_min_confidence("medium")
    assert wide.worst_case
    assert Analysis(wide).availability_range("product:p") == pytest.approx((0.5, 1.0))
    report = chokepoints(wide, ["product:p"])[0]
    assert report.possible_spofs == ["country:CN", "material:b"]
    assert report.as_dict()["left_out_below_confidence"][0]["counts_in_lower_bound"] is True
    assert left_out_dict(wide.left_out[0])["counts_in_lower_bound"] is False


# ---------------------------------------------------------------- 5.5 rounding
def test_a_set_short_of_1_is_read_as_given():
    # 0.6 + 0.3999 = 0.9999: 5.5 reads a set as shares of its sum only above 1, so the
    # 0.0001 is unmapped supply: baseline 0.9999 (1.0 under --worst-case, which reads a
    # set short by its own rounding as whole); losing AA costs 0.6 / 0.9999 either way
    facts = [("product:p", "REQUIRES", "material:m"),
             ("country:AA", "PRODUCES", "material:m", {"share": 0.6}),
             ("country:BB", "PRODUCES", "material:m", {"share": 0.3999})]
    assert Analysis(graph_of(*facts)).baseline("product:p") == pytest.approx(0.9999)
    assert Analysis(graph_of(*facts, wide=True)).baseline("product:p") == pytest.approx(1.0)
    for wide in (False, True):
        assert Analysis(graph_of(*facts, wide=wide)).losses_from(
            "country:AA", ["product:p"]) == pytest.approx({"product:p": 0.6 / 0.9999})


# ---------------------------------------------------------------- the option itself
def test_the_option_is_one_flag_kept_by_every_variant_of_the_graph():
    graph = graph_of(*JL)
    assert graph.worst_case is False and graph.with_worst_case(False) is graph
    wide = graph.with_worst_case()
    assert wide.worst_case and not graph.worst_case
    for variant in (wide.as_of("2025-01-01"), wide.with_policy("oldest"),
                    wide.with_min_confidence("medium"), wide.with_left_out_requirements()):
        assert variant.worst_case
    assert mg.load(worst_case=True).worst_case and not mg.load().worst_case


def test_every_report_says_when_the_option_is_on(run_cli):
    line = "Worst case (--worst-case):"
    for args in (("chokepoints", "--product", "product:f-35"),
                 ("scenario", "--name", "kuantan-offline"),
                 ("dependents", "facility:kuantan"),
                 ("spof", "product:f-35")):
        plain = run_cli(*args)
        wide = run_cli("--worst-case", *args)
        assert plain.exit_code == wide.exit_code == 0, args
        assert line not in plain.output and line in " ".join(wide.output.split()), args
        data = json.loads(run_cli("--worst-case", *args, "--format", "json").output)
        first = data[0] if isinstance(data, list) else data
        assert first["worst_case"] is True, args
        data = json.loads(run_cli(*args, "--format", "json").output)
        assert "worst_case" not in (data[0] if isinstance(data, list) else data), args


def test_the_option_after_the_command_says_where_it_goes(run_cli):
    result = run_cli("scenario", "--name", "kuantan-offline", "--worst-case")
    assert result.exit_code == 2
    assert ("--worst-case is an option of mineralgraph itself: give it before the command "
            "(mineralgraph --worst-case scenario ...)") in result.stderr


# ---------------------------------------------------------------- 5.5 press figures
#: a press source (a news article's figures), and the facts it alone gives
NEWS = ("source:news",)


def press_graph(facts, press_facts, press_figures: bool = False) -> SupplyGraph:
    """:func:`graph_of`'s graph with ``press_facts`` sourced by a press article alone."""
    extra = [Claim("source:news", "title", "news", sources=NEWS),
             Claim("source:news", "source_type", "press", sources=NEWS)]
    extra += [Claim(s, r, o, tuple(sorted((rest[0] if rest else {}).items())), sources=NEWS)
              for s, r, o, *rest in press_facts]
    extra += [Claim(n, "label", n, sources=S) for s, _, o, *_ in press_facts for n in (s, o)
              if n.startswith("country:")]
    graph = graph_of(*facts, extra=extra)
    return graph.with_press_figures(press_figures)


#: m's country shares come from a press article alone; its input, the ore, has a
#: statistical set (Australia 70%, Brazil 30%)
PRESS_ONLY = ([("product:p", "REQUIRES", "material:m"),
               ("material:m", "MADE_FROM", "material:ore"),
               ("country:AU", "PRODUCES", "material:ore", {"share": 0.7, "year": 2024}),
               ("country:BR", "PRODUCES", "material:ore", {"share": 0.3, "year": 2024})],
              [("country:CN", "PRODUCES", "material:m", {"share": 0.9, "year": 2024}),
               ("country:XX", "PRODUCES", "material:m", {"share": 0.1, "year": 2024})])


def test_a_press_set_alone_is_set_aside_and_the_material_gets_the_virtual_producer():
    # 5.5: the press set takes no part, so its country rows go with their figures and m
    # has no producer: 5.6's virtual producer, anchored in the ore's top country
    # (Australia, 70%). Upper bound (section 2): a(m) = a(ore). Without Australia the
    # ore keeps Brazil's 0.3: upper loss 0.7; lower, the virtual producer sits in
    # Australia: loss 1 (a possible SPOF). China is no producer: it loses nothing.
    graph = press_graph(*PRESS_ONLY)
    assert graph.relation_claims("material:m", "PRODUCES", incoming=True) == []
    choice = graph.share_choices()["material:m"]
    assert choice.chosen is None and not choice.press_only
    assert [(s.source, s.countries) for s in choice.set_aside] == [
        ("source:news", {"country:CN": 0.9, "country:XX": 0.1})]
    found = losses(graph)
    assert found["upper"]["country:AU"] == 0.7 and found["lower"]["country:AU"] == 1.0
    assert "country:CN" not in found["upper"] and "country:CN" not in found["lower"]
    au = row(graph, "country:AU")
    assert au.loss_range == pytest.approx((0.7, 1.0)) and au.spof_kind == "possible"


def test_with_press_figures_the_press_set_is_read_for_lack_of_another():
    # --press-figures: m's producers are China 0.9 and rest of world 0.1, each needing the
    # ore. Without China: 0.9 in both bounds. Without Australia the ore is 0.3, so is
    # every producer of m: a(m) = 0.9 * 0.3 + 0.1 * 0.3 = 0.3, loss 0.7 in both bounds
    graph = press_graph(*PRESS_ONLY, press_figures=True)
    choice = graph.share_choices()["material:m"]
    assert choice.press_only and choice.chosen.source == "source:news"
    assert choice.set_aside == []
    found = losses(graph)
    for bound in BOUNDS:
        assert found[bound]["country:CN"] == 0.9
        assert found[bound]["country:AU"] == 0.7
        assert found[bound]["country:XX"] == 0.1


#: JL Mag's case, with China's 94% from the press: a company named by a statistical
#: source in China, and a plant in the United States whose capacity only the press gives
JL_PRESS = ([("product:p", "REQUIRES", "material:m"),
             ("company:j", "PRODUCES", "material:m"),
             ("company:j", "LOCATED_IN", "country:CN"),
             ("facility:f", "LOCATED_IN", "country:US")],
            [("country:CN", "PRODUCES", "material:m", {"share": 0.94, "year": 2024}),
             ("country:XX", "PRODUCES", "material:m", {"share": 0.06, "year": 2024}),
             ("facility:f", "PRODUCES", "material:m", {"capacity": 1000.0})])


def test_named_producers_stay_and_split_equally_when_the_press_set_goes():
    # by default China's and the rest of the world's rows go with the press figures; j
    # and f, named producers, have no share: 5.4's equal split of the whole, 0.5 each
    # (≈, an assumed share). Without China (j): 0.5; without the United States (f): 0.5
    graph = press_graph(*JL_PRESS)
    found = losses(graph)
    for bound in BOUNDS:
        assert found[bound]["company:j"] == 0.5 and found[bound]["country:CN"] == 0.5
        assert found[bound]["facility:f"] == 0.5 and found[bound]["country:US"] == 0.5
        assert "country:XX" not in found[bound]
    assert row(graph, "company:j").assumed_share
    # --press-figures: today's reading. j splits China's 0.94 with China's unmapped
    # output (0.47 each), f the rest of the world's 0.06 (0.03 each; its press capacity
    # gives no share: no world output is known): China 0.94, j 0.47, the US 0.03, the
    # rest of the world its own unmapped 0.03 (f sits in the US, not in it)
    wide = losses(graph.with_press_figures())
    for bound in BOUNDS:
        assert wide[bound]["country:CN"] == 0.94 and wide[bound]["company:j"] == 0.47
        assert wide[bound]["country:US"] == 0.03 and wide[bound]["country:XX"] == 0.03


def test_a_capacity_from_the_press_gives_no_share_by_default():
    # world output 800 t / 0.8 = 1,000 t (statistical). f's 50 t/yr, from the press alone,
    # would be 5% (5.4): only with --press-figures. By default f joins Australia's pool
    # (0.8, split with Australia's unmapped output: 0.4 each, ≈)
    facts = [("product:p", "REQUIRES", "material:m"),
             ("country:AU", "PRODUCES", "material:m",
              {"share": 0.8, "amount": 800.0, "unit": "t", "year": 2024}),
             ("country:XX", "PRODUCES", "material:m", {"share": 0.2, "year": 2024}),
             ("facility:f", "LOCATED_IN", "country:AU")]
    press = [("facility:f", "PRODUCES", "material:m",
              {"capacity": 50.0, "unit": "t/yr", "year": 2024})]
    found = losses(press_graph(facts, press))
    assert found["upper"]["facility:f"] == found["lower"]["facility:f"] == 0.4
    used = losses(press_graph(facts, press, press_figures=True))
    # f 50 / 1000 = 0.05; Australia keeps 0.8 - 0.05 = 0.75 of unmapped output
    assert used["upper"]["facility:f"] == used["lower"]["facility:f"] == 0.05
    assert used["upper"]["country:AU"] == 0.8


def test_a_press_set_beside_a_statistical_one_is_shown_beside_in_both_readings():
    # a statistical set exists: it is read in both readings, and the press set is set
    # aside in both (--press-figures reads press only where no statistical set exists)
    facts = [("product:p", "REQUIRES", "material:m"),
             ("country:AU", "PRODUCES", "material:m", {"share": 0.6, "year": 2023}),
             ("country:XX", "PRODUCES", "material:m", {"share": 0.4, "year": 2023})]
    press = [("country:CN", "PRODUCES", "material:m", {"share": 0.9, "year": 2024}),
             ("country:XX", "PRODUCES", "material:m", {"share": 0.1, "year": 2024})]
    for on in (False, True):
        graph = press_graph(facts, press, press_figures=on)
        choice = graph.share_choices()["material:m"]
        assert choice.chosen.source == "source:s" and not choice.press_only
        assert [s.source for s in graph.press_set_aside("material:m")] == ["source:news"]
        assert losses(graph)["upper"] == {"country:AU": 0.6, "country:XX": 0.4,
                                          "material:m": 1.0}
    from mineralgraph.reports.common import press_beside

    assert press_beside(press_graph(facts, press), "material:m") == [
        "press figure, not used: country:CN 90%, rest of world 10% (2024; source:news)"]


def test_the_press_option_is_one_flag_kept_by_every_variant_of_the_graph():
    graph = press_graph(*PRESS_ONLY)
    assert graph.press_figures is False and graph.with_press_figures(False) is graph
    used = graph.with_press_figures()
    assert used.press_figures and not graph.press_figures
    assert graph.relation_claims("material:m", "PRODUCES", incoming=True) == []
    assert len(used.relation_claims("material:m", "PRODUCES", incoming=True)) == 2
    for variant in (used.as_of("2025-01-01"), used.with_policy("oldest"),
                    used.with_min_confidence("medium"), used.with_left_out_requirements(),
                    used.with_worst_case()):
        assert variant.press_figures
    assert mg.load(press_figures=True).press_figures and not mg.load().press_figures


def test_every_report_says_when_the_press_option_is_on(run_cli):
    line = "Press figures (--press-figures):"
    for args in (("chokepoints", "--product", "product:optimus"),
                 ("scenario", "--name", "kuantan-offline"),
                 ("dependents", "facility:kuantan"),
                 ("spof", "product:optimus")):
        plain = run_cli(*args)
        used = run_cli("--press-figures", *args)
        assert plain.exit_code == used.exit_code == 0, args
        assert line not in plain.output and line in " ".join(used.output.split()), args
        data = json.loads(run_cli("--press-figures", *args, "--format", "json").output)
        first = data[0] if isinstance(data, list) else data
        assert first["press_figures"] is True, args
        data = json.loads(run_cli(*args, "--format", "json").output)
        assert "press_figures" not in (data[0] if isinstance(data, list) else data), args
        table = run_cli("--press-figures", *args, "--format", "csv").output.splitlines()
        assert table[0].endswith(",press_figures") and table[1].endswith(",yes"), args
    shown = run_cli("--press-figures", "show", "material:dy-oxide")
    assert line in " ".join(shown.output.split())
    # a statistical set (the IEA dataset's) exists: the press set stays beside, not used
    assert "not used" in shown.output


def test_the_press_figures_set_aside_are_shown_beside_with_their_source(run_cli):
    # the Rare Earth Exchanges repost of CSIS (99% of Dy oxide in China, 2023): set aside
    shown = " ".join(run_cli("show", "material:dy-oxide").output.split())
    cited = re.search(r"press figure, not used: China 99%, rest of world 1\.0% \(2023; "
                      r"source \[(\d+)\]\)", shown)
    assert cited, shown
    assert f"[{cited.group(1)}] repost: CSIS, The Consequences" in shown
    data = json.loads(run_cli("chokepoints", "--product", "product:optimus", "--format",
                              "json").output)[0]
    assert [(p["material"], p["source"], p["shares"]) for p in
            data["press_figures_not_used"]] == [
        ("material:ndfeb-magnet", "source:reex-iea-oct-2025",
         {"country:CN": 0.94, "country:XX": 0.06}),
        ("material:ndpr-oxide", "source:reex-iea-oct-2025",
         {"country:CN": 0.91, "country:XX": 0.09})]
    magnet = next(r for r in data["chokepoints"] if r["id"] == "material:ndfeb-magnet")
    assert magnet["press_figures_not_used"][0]["source"] == "source:reex-iea-oct-2025"
    text = " ".join(run_cli("chokepoints", "--product", "product:optimus").output.split())
    assert re.search(r"Sintered NdFeB permanent magnet \(material:ndfeb-magnet\): press "
                     r"figure, not used: China 94%, rest of world 6\.0% \(2024; \[\d+\]\)",
                     text)
    # --press-figures reads a press set only where no statistical one exists: the IEA
    # dataset's and BIS's sets are read, the reposts' stay beside
    used = json.loads(run_cli("--press-figures", "chokepoints", "--product",
                              "product:optimus", "--format", "json").output)[0]
    assert used["press_figures_not_used"] == data["press_figures_not_used"]
