"""The dependency model on graphs small enough to solve by hand (design note, sections 2-4).

``tests/data/tiny`` is hand-checked: RE concentrate (CN 0.6, MM 0.1, AU 0.1, a US mine
0.2) -> separated oxide (CN 0.9, an Australian plant 0.1) -> magnet (CN 0.9, a US plant
0.1 from 2025-01-15) -> motor -> jet; the car needs the magnet directly. The figures
below were computed by hand from section 2 of the design note.
"""

from __future__ import annotations

from datetime import date

import pytest

from mineralgraph.graph.analysis import Analysis, Restriction, Scenario, chokepoints, hhi
from mineralgraph.graph.analysis.concentration import concentration
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.curated import load_curated


@pytest.fixture(scope="module")
def tiny(request) -> SupplyGraph:
    from pathlib import Path

    return SupplyGraph(load_curated(Path(__file__).parent / "data" / "tiny").claims)


# Hand computation (section 2): removing CN leaves concentrate 0.4, oxide 0.1 * 0.4,
# magnet 0.1 * 0.04 = 0.004; removing the US leaves concentrate 0.8, oxide 0.8,
# magnet 0.9 * 0.8 = 0.72; and so on.
JET_LOSSES = {
    "country:CN": 0.996, "country:US": 0.28, "company:miner": 0.28, "facility:mine-us": 0.2,
    "country:AU": 0.19, "facility:mag-us": 0.1, "facility:sep-au": 0.1,
    "company:separator": 0.1, "country:MM": 0.1,
    "element:Dy": 1.0, "element:Nd": 1.0, "material:conc": 1.0, "material:oxide": 1.0,
    "material:magnet": 1.0, "material:motor": 1.0,
}


def test_baseline_is_one_when_shares_cover_the_world(tiny):
    analysis = Analysis(tiny)
    assert analysis.reference("product:jet") == pytest.approx(1.0)
    assert analysis.reference("product:car") == pytest.approx(1.0)


def test_losses_match_the_hand_computation(tiny):
    losses = Analysis(tiny).losses(["product:jet"])["product:jet"]
    assert losses == pytest.approx(JET_LOSSES)


def test_single_points_of_failure(tiny):
    analysis = Analysis(tiny)
    assert analysis.spofs("product:jet") == {
        "element:Dy", "element:Nd", "material:conc", "material:oxide", "material:magnet",
        "material:motor"}
    assert analysis.spofs("product:car") == {
        "element:Dy", "element:Nd", "material:conc", "material:oxide", "material:magnet"}


def test_availability_of_a_removed_set(tiny):
    analysis = Analysis(tiny)
    # CN and the US mine out: concentrate 0.2, oxide 0.1 * 0.2, magnet 0.1 * 0.02 = 0.002
    assert analysis.availability("product:jet", ["country:CN", "facility:mine-us"]) == \
        pytest.approx(0.002)


def test_hhi_and_top_shares(tiny):
    conc = concentration(tiny, "material:conc")
    assert conc.hhi == 4200.0
    assert conc.shares == {"CN": 0.6, "US": 0.2, "AU": 0.1, "MM": 0.1}
    assert (conc.top1, conc.top3) == (0.6, 0.9)
    assert concentration(tiny, "material:oxide").hhi == 8200.0
    assert concentration(tiny, "material:motor") is None
    assert hhi({"CN": 1.0}) == 10_000


def test_as_of_drops_facts_not_yet_valid(tiny):
    early = tiny.as_of(date(2025, 1, 1))
    analysis = Analysis(early)
    # the US magnet plant produces from 2025-01-15: magnet = 0.9 * oxide
    assert analysis.reference("product:jet") == pytest.approx(0.9)
    losses = analysis.losses(["product:jet"])["product:jet"]
    assert losses["country:US"] == pytest.approx(1 - 0.72 / 0.9)
    assert "facility:mag-us" not in losses


def test_enforced_control_blocks_the_issuers_producers_of_covered_materials(tiny):
    # control:cn-ree covers Dy, so the concentrate (which CONTAINS Dy) from CN counts 0:
    # concentrate 0.4, oxide 0.4, magnet 0.4
    scenario = Scenario("t", enforce=({"control": "control:cn-ree"},))
    analysis = Analysis(tiny.as_of(date(2025, 6, 1)), scenario)
    assert analysis.reference("product:jet") == pytest.approx(0.4)
    assert analysis.reference("product:car") == pytest.approx(0.4)


def test_enforcement_narrowed_to_defence_spares_the_car(tiny):
    scenario = Scenario("t", enforce=({"control": "control:cn-ree", "end_use": ["defence"]},))
    analysis = Analysis(tiny.as_of(date(2025, 6, 1)), scenario)
    assert analysis.reference("product:jet") == pytest.approx(0.4)
    assert analysis.reference("product:car") == pytest.approx(1.0)


def test_a_control_not_yet_in_force_changes_nothing(tiny):
    scenario = Scenario("t", enforce=({"control": "control:cn-ree"},))
    analysis = Analysis(tiny.as_of(date(2025, 1, 20)), scenario)
    assert analysis.reference("product:jet") == pytest.approx(1.0)


def test_hypothetical_restriction_targets_makers_country(tiny):
    # exports of the magnet from CN to US makers: only the jet's maker is in the US
    restriction = Restriction("country:CN", ("material:magnet",), targets=("country:US",))
    analysis = Analysis(tiny, Scenario("t", restrict=(restriction,)))
    assert analysis.reference("product:jet") == pytest.approx(0.1)
    assert analysis.reference("product:car") == pytest.approx(1.0)


def test_chokepoint_report_ranks_spofs_first_then_loss(tiny):
    report = chokepoints(tiny, ["product:jet"])[0]
    ids = [c.id for c in report.chokepoints]
    assert ids[:6] == ["element:Dy", "element:Nd", "material:conc", "material:magnet",
                       "material:motor", "material:oxide"]
    assert ids[6:9] == ["country:CN", "company:miner", "country:US"]
    cn = report.chokepoints[6]
    assert (cn.loss, cn.spof, cn.country, cn.hhi) == (pytest.approx(0.996), False,
                                                      "country:CN", 8200.0)
    assert cn.stage == "mining, processing, component"
    assert cn.paths[0][0].source == "country:CN" and cn.paths[0][-1].target == "product:jet"
    assert cn.sources == ["source:tiny-a"]
    assert report.worst_supplier.id == "country:CN"
    assert report.most_concentrated.id in ("material:magnet", "material:oxide")


def test_unknown_product_suggests_close_ids(tiny):
    from mineralgraph.exceptions import UnknownIdError

    with pytest.raises(UnknownIdError, match=r"product:jets .*did you mean product:jet"):
        chokepoints(tiny, ["product:jets"])


def test_shares_above_a_rounded_world_total_are_read_as_shares_of_their_sum():
    """USGS rounds the world total, not the countries: CN 0.70 + MM 0.08 + AU 0.23 = 1.01.

    Each share is read as a share of 1.01, so without MM the product keeps
    (0.70 + 0.23) / 1.01 = 0.920792..., a loss of 0.08 / 1.01 = 0.079208..., not the
    0.07 that capping the sum at 1 would give.
    """
    from mineralgraph.claim import Claim

    s = ("source:s",)
    graph = SupplyGraph([Claim(n, "label", n, sources=s) for n in (
        "source:s", "product:p", "material:m", "country:CN", "country:MM", "country:AU")] + [
        Claim("product:p", "REQUIRES", "material:m", sources=s)] + [
        Claim(c, "PRODUCES", "material:m", (("share", share),), sources=s)
        for c, share in (("country:CN", 0.70), ("country:MM", 0.08), ("country:AU", 0.23))])
    analysis = Analysis(graph)
    assert analysis.reference("product:p") == pytest.approx(1.0)
    losses = analysis.losses(["product:p"])["product:p"]
    assert losses["country:MM"] == pytest.approx(0.08 / 1.01)
    assert losses["country:CN"] == pytest.approx(0.70 / 1.01)


def test_material_without_producers_or_inputs_is_flagged_unmapped():
    from mineralgraph.claim import Claim

    s = ("source:s",)
    graph = SupplyGraph([Claim("source:s", "title", "s", sources=s),
                         Claim("product:p", "label", "P", sources=s),
                         Claim("material:m", "label", "M", sources=s),
                         Claim("product:p", "REQUIRES", "material:m", sources=s)])
    analysis = Analysis(graph)
    assert analysis.reference("product:p") == 1.0
    assert analysis.unmapped("product:p") == ["material:m"]


def test_recycling_loop_is_the_least_fixpoint():
    """m is made from feed by a primary plant p1 (share 0.5, feed from a mine it buys
    from) and by a recycler r (share 0.5, feed from a scrap yard that recovers m).

    a(m) = 0.5 + 0.5 a(m): iterated from 0 it converges to 1. Without p1 the loop alone
    gives a(m) = 0.5 a(m), whose least fixpoint is 0: p1 is a single point of failure.
    Without r, a(m) = 0.5.
    """
    from mineralgraph.claim import Claim

    s = ("source:s",)
    nodes = ("source:s", "product:p", "material:m", "material:feed", "facility:p1",
             "facility:r", "facility:yard", "facility:mine")
    graph = SupplyGraph([Claim(n, "label", n, sources=s) for n in nodes] + [
        Claim("product:p", "REQUIRES", "material:m", sources=s),
        Claim("material:m", "MADE_FROM", "material:feed", sources=s),
        Claim("material:feed", "MADE_FROM", "material:m", sources=s),
        Claim("facility:p1", "PRODUCES", "material:m", (("share", 0.5),), sources=s),
        Claim("facility:r", "PRODUCES", "material:m", (("share", 0.5),), sources=s),
        Claim("facility:yard", "PRODUCES", "material:feed", (("share", 1.0),), sources=s),
        Claim("facility:mine", "SUPPLIES", "facility:p1", (("material", "material:feed"),),
              sources=s)])
    analysis = Analysis(graph)
    assert analysis.reference("product:p") == pytest.approx(1.0)
    assert analysis.availability("product:p", ["facility:p1"]) == pytest.approx(0.0)
    assert analysis.availability("product:p", ["facility:r"]) == pytest.approx(0.5)
    assert "facility:p1" in analysis.spofs("product:p")
    assert "facility:r" not in analysis.spofs("product:p")
    losses = analysis.losses(["product:p"])["product:p"]
    assert losses["facility:p1"] == pytest.approx(1.0)
    assert losses["facility:r"] == pytest.approx(0.5)
    assert losses["facility:yard"] == pytest.approx(0.5)
