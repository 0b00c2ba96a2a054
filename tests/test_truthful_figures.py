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


def graph_of(*facts, wide: bool = False) -> SupplyGraph:
    """Claims from (subject, relation, object, qualifiers) tuples, rated "high"; every
    node labelled; read with --worst-case when ``wide``."""
    claims = [Claim("source:s", "title", "s", sources=S)]
    nodes = set()
    for subject, relation, obj, *rest in facts:
        q = rest[0] if rest else {}
        claims.append(Claim(subject, relation, obj, tuple(sorted(q.items())), sources=S,
                            confidence="high"))
        nodes |= {subject, obj}
    claims += [Claim(n, "label", n, sources=S) for n in sorted(nodes)]
    return SupplyGraph(claims, worst_case=wide)


# p needs only an untraced material (no producer, element, input or anchor: the bundled
# Virginia class); q needs the oxide, 100% Chinese. Both requirements are "high". The
# untraced rule is --worst-case's (addendum, 5.6 untraced): read so here
UNTRACED = graph_of(("product:p", "REQUIRES", "material:unspecified"),
                    ("product:q", "REQUIRES", "material:oxide"),
                    ("country:CN", "PRODUCES", "material:oxide", {"share": 1.0}), wide=True)
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


def test_availability_is_stated_beside_what_mapped_supply_alone_gives():
    report = {r.product: r for r in chokepoints(UNTRACED)}
    # p needs the untraced material: both bounds of 5.6 stay 1 at baseline (nothing is
    # removed), which is availability_range; mapped supply alone gives 0, said beside it
    assert report["product:p"].mapped_availability == 0.0
    assert report["product:p"].availability_range == (1.0, 1.0)
    assert report["product:p"].as_dict()["availability_range"] == [1.0, 1.0]
    assert "availability_bounds" not in report["product:p"].as_dict()
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
    # without AA: upper bound 0.4 (BB's part); lower bound 0 (conc's virtual producer
    # sits in AA, m's top country, and goes with it): 0-40%, mapped supply alone 0
    under = Analysis(graph, Scenario("x", remove=("country:AA",)))
    assert under.availability_range("product:p") == pytest.approx((0.0, 0.4))
    assert under.mapped_availability("product:p") == 0.0


# JL Mag: China's 94% of magnets, JL Mag in China with an output (29,300 t) and no share;
# no world output of magnets is recorded, so JL Mag's part of the 94% is not known.
JL = (("product:p", "REQUIRES", "material:magnet"),
      ("country:CN", "PRODUCES", "material:magnet", {"share": 0.94, "year": 2024}),
      ("country:XX", "PRODUCES", "material:magnet", {"share": 0.06, "year": 2024}),
      ("company:jl", "PRODUCES", "material:magnet",
       {"amount": 29300.0, "unit": "t", "year": 2024}),
      ("company:jl", "LOCATED_IN", "country:CN"))


def test_a_pool_split_among_producers_without_shares_is_a_range_not_an_equal_part():
    # by default JL and China's unmapped rest split China's 94% equally (design note 5.4):
    # 47%, an assumed share
    report = chokepoints(graph_of(*JL))[0]
    row = next(r for r in report.chokepoints if r.id == "company:jl")
    assert row.loss_range == pytest.approx((0.47, 0.47))
    assert row.assumed_share and row.spof_kind is False
    # under --worst-case (addendum, 5.4 amended) JL may make none of China's 94% (loss 0)
    # or all of it (94%): 0-94%, and the row says the share is assumed
    report = chokepoints(graph_of(*JL, wide=True))[0]
    row = next(r for r in report.chokepoints if r.id == "company:jl")
    assert row.loss_range == pytest.approx((0.0, 0.94))
    assert row.assumed_share and row.spof_kind is False
    # China takes JL with it: 94% either way
    china = next(r for r in report.chokepoints if r.id == "country:CN")
    assert china.loss_range == pytest.approx((0.94, 0.94))


def test_a_sourced_world_output_gives_the_producer_its_share():
    # the same graph with a world output: China's 94% is 282,000 t, so the world made
    # 300,000 t and JL's 29,300 t are 9.77% of it (a share from its output, not a split):
    # without JL, 9.77% is lost in both bounds; China's rest is 94% - 9.77% = 84.23%
    world = graph_of(*JL[:1],
                     ("country:CN", "PRODUCES", "material:magnet",
                      {"share": 0.94, "year": 2024, "amount": 282000.0, "unit": "t"}),
                     *JL[2:])
    report = chokepoints(world)[0]
    row = next(r for r in report.chokepoints if r.id == "company:jl")
    assert row.loss_range == pytest.approx((29300 / 300000, 29300 / 300000))
    assert not row.assumed_share


# ------------------------------------------------------------------ --as-of
def dated(*facts):
    """Claims from (subject, relation, object, qualifiers[, valid_from]) tuples."""
    claims = []
    for subject, relation, obj, q, *start in facts:
        claims.append(Claim(subject, relation, obj, tuple(sorted(q.items())), sources=S,
                            valid_from=start[0] if start else None))
    return claims


def test_a_firms_figure_of_a_later_year_is_a_proxy_in_time_at_an_earlier_date():
    from datetime import date

    claims = [Claim("source:s", "title", "s", sources=S)] + dated(
        ("country:CN", "PRODUCES", "material:magnet", {"share": 0.9, "year": 2021},
         date(2021, 1, 1)),
        ("country:XX", "PRODUCES", "material:magnet", {"share": 0.1, "year": 2021},
         date(2021, 1, 1)),
        ("company:jl", "PRODUCES", "material:magnet",
         {"amount": 29300.0, "year": 2024, "note": "2024 output 29,300 t"}, date(2008, 1, 1)),
        ("company:jl", "LOCATED_IN", "country:CN", {}))
    early = SupplyGraph(claims, as_of=date(2022, 6, 30))
    row = early.relation_claims("company:jl", "PRODUCES")[0]
    # JL made magnets in 2022 (the relation holds from 2008), but 29,300 t is 2024's: the
    # note says so; the 2021 set gives the magnet's shares on that date, so the firm's
    # figure stands in for nothing and is no proxy (trial 5; tests/test_trial5_findings.py)
    assert (row.qualifier("amount"), row.qualifier("proxy"), row.qualifier("note")) == (
        29300.0, None, "in 2024: 2024 output 29,300 t")
    # without an earlier set, what holds in 2022 is known only from 2024: a proxy in time
    alone = [c for c in claims if c.subject not in ("country:CN", "country:XX")
             or c.predicate != "PRODUCES"]
    early = SupplyGraph(alone, as_of=date(2022, 6, 30))
    assert early.relation_claims("company:jl", "PRODUCES")[0].qualifier("proxy") == (
        "2024, a later year")
    # from 2024 on it is a figure of its date, unmarked
    late = SupplyGraph(claims, as_of=date(2024, 6, 30)).relation_claims("company:jl", "PRODUCES")
    assert (late[0].qualifier("proxy"), late[0].qualifier("note")) == (
        None, "2024 output 29,300 t")
    # a graph rebuilt from the early one marks it once
    again = SupplyGraph(early.given_claims(), as_of=early.as_of_date)
    assert again.relation_claims("company:jl", "PRODUCES")[0].qualifier("proxy") == (
        "2024, a later year")


def test_a_date_before_every_figure_on_record_has_no_answer(run_cli):
    from datetime import date

    from mineralgraph.exceptions import MineralGraphError

    claims = [Claim("source:s", "title", "s", sources=S)] + dated(
        ("country:CN", "PRODUCES", "material:magnet", {"share": 0.9, "year": 2021},
         date(2021, 1, 1)))
    with pytest.raises(MineralGraphError, match=r"no figures on record before 2021-01-01"):
        SupplyGraph(claims, as_of=date(1900, 1, 1))
    assert SupplyGraph(claims, as_of=date(2021, 1, 1)).relation_claims(
        "country:CN", "PRODUCES")
    result = run_cli("chokepoints", "--as-of", "1900-01-01")
    assert result.exit_code == 1
    # 2019 since Reuters' SmCo-magnet press figure (2019, smco) is the earliest year on
    # record (2020 before it: BIS's Section 232 set for NdFeB alloy)
    assert result.stderr.strip().splitlines() == [
        "Error: no figures on record before 2019-01-01 (when the earliest of the countries' "
        "production figures starts): as of 1900-01-01 every figure would be a later year's; "
        "use a date on or after 2019-01-01"]


# ------------------------------------------------------------------ composition
# u is a rare-earth magnet of unstated type whose composition is bounded (it may contain
# Nd, Fe, B; no other element); v is untraced with no bound. China makes lithium carbonate
# (Li) and Nd oxide (Nd). p needs u, q needs v: neither is traced to a country.
COMPOSED = graph_of(("product:p", "REQUIRES", "material:u"),
                    ("product:q", "REQUIRES", "material:v"),
                    ("material:u", "MAY_CONTAIN", "element:Nd"),
                    ("material:u", "MAY_CONTAIN", "element:Fe"),
                    ("material:u", "MAY_CONTAIN", "element:B"),
                    ("material:li-carbonate", "CONTAINS", "element:Li"),
                    ("material:nd-oxide", "CONTAINS", "element:Nd"),
                    ("country:CN", "PRODUCES", "material:li-carbonate", {"share": 1.0}),
                    ("country:CN", "PRODUCES", "material:nd-oxide", {"share": 1.0}),
                    wide=True)  # the untraced rule and its narrowing are --worst-case's


def control_on(node: str) -> Scenario:
    return Scenario("x", restrict=(Restriction(issuer="country:CN", covers=(node,)),))


def test_a_control_reaches_an_untraced_material_only_if_its_composition_may_hold_it():
    on_li = {r["product"]: r["loss_range"] for r in compare(COMPOSED, control_on("element:Li"))}
    # lithium cannot be in u (Nd, Fe, B only): p keeps all; v may hold anything: 0-100%
    assert on_li == {"product:p": [0.0, 0.0], "product:q": [0.0, 1.0]}
    on_nd = {r["product"]: r["loss_range"] for r in compare(COMPOSED, control_on("element:Nd"))}
    assert on_nd == {"product:p": [0.0, 1.0], "product:q": [0.0, 1.0]}
    # a control naming a material reaches u through the material's elements
    on_li_carbonate = {r["product"]: r["loss_range"]
                       for r in compare(COMPOSED, control_on("material:li-carbonate"))}
    assert on_li_carbonate["product:p"] == [0.0, 0.0]


def test_dependents_follows_the_composition_as_a_control_does():
    from mineralgraph.graph.analysis.lookups import dependents

    # without lithium: only q (its untraced need may hold lithium), never p
    assert dependents(COMPOSED, "element:Li").untraced == {"product:q": ["material:v"]}
    assert dependents(COMPOSED, "element:Nd").untraced == {
        "product:p": ["material:u"], "product:q": ["material:v"]}
    # a named country may be where either comes from
    assert set(dependents(COMPOSED, "country:CN").untraced) == {"product:p", "product:q"}
