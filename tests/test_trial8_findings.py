"""The truth findings of the eighth new-user trial (docs/trial-8.md: MED-2, MED-3, MED-4 and
the truth parts of LOW-8 and LOW-9), on a graph small enough to check by hand.

Hand graph: product P (defence) requires oxide D (high); D is made from feed H (high).
H is Myanmar 0.57 (high) and the rest of the world 0.43 (rated low, note "remainder").
D is China 0.9 (rated low, a proxy measured for "the four oxides", disputed by "X: 99%")
and the rest of the world 0.1 (rated low, the same proxy). Company L operates mine W
(Australia) producing H and plant K (Malaysia) producing D, neither with a share: W splits
the rest of the world's 43% of H with its unmapped output (≈21.5% each), K its 10% of D
(≈5% each). Product Q (defence) requires D and E; E is China 1.0 (high). Product R
(automotive) requires D, a requirement rated low and disputed ("Y: R needs no D").

By hand, without L: H keeps 0.57 + 0.215 = 0.785; D keeps China's 0.9 and the rest of the
world's unmapped 0.05, each times H's 0.785: 0.74575. P loses 1 - 0.74575 = 0.25425
(Mt W's 21.5% of H, and K's 5% of D made from what is left of H: 0.05 x 0.785 = 0.03925).
Without China, D keeps the rest of the world's 0.1: P loses 0.9. Under a Chinese ban on D
and E, Q loses 100% (E), P and R 90%.
"""

from __future__ import annotations

import json

import pytest
from hand_scenarios import china_denies

from mineralgraph.claim import Claim

S = ("source:s",)
FOUR = "the four oxides"


def claim(subject, predicate, obj, confidence=None, sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def oxide_graph():
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "product:q": "Q", "product:r": "R", "material:d": "Oxide D",
              "material:h": "Feed H", "material:e": "Metal E", "country:CN": "China",
              "country:MM": "Myanmar", "country:AU": "Australia", "country:MY": "Malaysia",
              "country:XX": "rest of world", "company:l": "L", "facility:w": "Mine W",
              "facility:k": "Plant K"}
    claims = [claim("source:s", "title", "S"),
              claim("product:p", "end_use", "defence"), claim("product:q", "end_use", "defence"),
              claim("product:r", "end_use", "automotive"),
              claim("product:p", "REQUIRES", "material:d", "high"),
              claim("product:q", "REQUIRES", "material:d", "high"),
              claim("product:q", "REQUIRES", "material:e", "high"),
              claim("product:r", "REQUIRES", "material:d", "low", disputed="Y: R needs no D",
                    note="a vendor's rule"),
              claim("material:h", "stage", "mining"), claim("material:d", "stage", "processing"),
              claim("material:e", "stage", "metal"),
              claim("material:d", "MADE_FROM", "material:h", "high"),
              claim("country:MM", "PRODUCES", "material:h", "high", share=0.57),
              claim("country:XX", "PRODUCES", "material:h", "low", share=0.43, note="remainder"),
              claim("country:CN", "PRODUCES", "material:d", "low", share=0.9, proxy=FOUR,
                    disputed="X: 99%"),
              claim("country:XX", "PRODUCES", "material:d", "low", share=0.1, proxy=FOUR),
              claim("country:CN", "PRODUCES", "material:e", "high", share=1.0),
              claim("facility:w", "PRODUCES", "material:h", "high"),
              claim("facility:w", "LOCATED_IN", "country:AU", "high"),
              claim("facility:w", "OPERATED_BY", "company:l", "high"),
              claim("facility:k", "PRODUCES", "material:d", "high"),
              claim("facility:k", "LOCATED_IN", "country:MY", "high"),
              claim("facility:k", "OPERATED_BY", "company:l", "high"),
              claim("company:l", "LOCATED_IN", "country:AU", "high")]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def rows(graph, product="product:p"):
    from mineralgraph.graph.analysis import chokepoints

    [report] = chokepoints(graph, [product])
    return report, {c.id: c for c in report.chokepoints}


def low_of(entries):
    return [(w["subject"], w["relation"], w["object"], w["also"]) for w in entries]


CN_D = ("country:CN", "PRODUCES", "material:d", ["proxy", "disputed"])
XX_D = ("country:XX", "PRODUCES", "material:d", ["proxy"])
XX_H = ("country:XX", "PRODUCES", "material:h", [])


def test_a_row_rated_low_names_its_low_proxy():
    """MED-3: China's row was low with ``low_confidence: []``: its low claim, China's
    share of D, is also a proxy and disputed, and was left out for that. Every low claim
    that makes the row low is named, with what else it is."""
    graph = oxide_graph()
    report, found = rows(graph)
    china = found["country:CN"]
    assert china.loss == pytest.approx(0.9) and china.caveats.confidence == "low"
    assert low_of(china.as_dict()["low_confidence"]) == [CN_D]
    # each caveat entry with its own confidence
    assert [(p["subject"], p["confidence"]) for p in china.as_dict()["proxies"]] == [
        ("country:CN", "low")]
    assert [d["confidence"] for d in china.as_dict()["disputes"]] == ["low"]
    # the product's availability names it too
    assert low_of(report.caveats.as_dict()["low_confidence"]) == [CN_D, XX_D, XX_H]


def test_the_text_and_csv_name_a_low_proxy():
    """MED-3 in the views: the row's evidence says which claim is low; CSV's cell too."""
    import csv
    import io

    from mineralgraph.reports.chokepoints import render, render_text

    graph = oxide_graph()
    report, _ = rows(graph)
    text = " ".join(render_text([report], graph).split())
    assert ("#1 China, loss 90% (low confidence; rests on a proxy; disputed): China -> Oxide "
            "D -> P [1]. China's figure for Oxide D is a proxy, measured for the four oxides. "
            "China's figure for Oxide D is disputed: X: 99%. Rated low: China's figure for "
            "Oxide D (the proxy and disputed claim above).") in text
    # a later row resting on a low claim named above says so in short
    assert ("Rated low, as said under #3: the rest of the world's figure for Feed H.") in text
    [china] = [r for r in csv.DictReader(io.StringIO(render([report], graph, "csv")))
               if r["id"] == "country:CN"]
    assert china["low_confidence"].startswith(
        "country:CN PRODUCES material:d [source:s] (also proxy, disputed)")
    assert china["proxies"].startswith("country:CN>material:d (low): the four oxides")


def test_a_row_resting_on_two_pools_carries_both():
    """MED-2: Lynas' ≈24% of the F-35 is Mt Weld's part of the heavy feed and Kuantan's of
    dysprosium oxide, but the row listed the feed's pool alone and no proxy. Here L's
    0.25425 (by hand) rests on W's part of H and K's part of D: both pools, each with its
    rating, and D's pool's proxy."""
    graph = oxide_graph()
    _, found = rows(graph)
    ell = found["company:l"]
    assert ell.assumed_share and ell.loss == pytest.approx(0.25425)
    splits = ell.as_dict()["assumed_split"]
    assert [(s["material"], s["pool"], s["pool_share"], s["parts"], s["part"], s["confidence"],
             s["proxy"]) for s in splits] == [
        ("material:h", "country:XX", 0.43, 2, 0.215, "low", None),
        ("material:d", "country:XX", 0.1, 2, 0.05, "low", FOUR)]
    assert [(p["subject"], p["object"]) for p in ell.as_dict()["proxies"]] == [
        ("country:XX", "material:d")]
    assert ell.caveats.describe() == "low, proxy, ≈"
    assert low_of(ell.as_dict()["low_confidence"]) == [XX_D, XX_H]


def test_the_text_of_a_row_on_two_pools_says_both_and_the_proxy():
    from mineralgraph.reports.chokepoints import render_text

    graph = oxide_graph()
    report, _ = rows(graph)
    text = " ".join(render_text([report], graph).split())
    ell = text[text.index("- #"):].split("- #")
    [line] = [e for e in ell if e.startswith(tuple(f"{n} L," for n in range(1, 9)))]
    assert "(low confidence; rests on a proxy and an assumed (≈) share):" in line
    assert ("≈: the rest of the world's 43% of Feed H split equally between Mine W and the "
            "rest of the world's unmapped output, ≈22% each: an assumption, not a measured "
            "share; the 43% itself is rated low.") in line
    assert ("≈: the rest of the world's 10% of Oxide D split equally between Plant K and the "
            "rest of the world's unmapped output, ≈5.0% each: an assumption, not a measured "
            "share; the 10% itself is rated low and a proxy, measured for the four "
            "oxides.") in line


def test_dependents_name_a_low_disputed_requirement():
    """MED-3 in ``dependents``: the drive motor was "low confidence; disputed" with
    ``low_confidence: []``; its low claim, a requirement, is also disputed."""
    from mineralgraph.graph.analysis.lookups import dependents
    from mineralgraph.reports.tables import render_dependents

    graph = oxide_graph()
    found = dependents(graph, "material:d")
    assert low_of(found.caveats["product:r"].as_dict()["low_confidence"]) == [
        ("product:r", "REQUIRES", "material:d", ["disputed"])]
    text = " ".join(render_dependents("material:d", found.losses, graph, "text", found.spofs,
                                      found.caveats, [], found.through_makers,
                                      found.sources).split())
    assert ("R's figure rests on a low-confidence claim: that R needs Oxide D [1] (also "
            "disputed).") in text


def test_each_scenario_paragraph_names_the_low_claim_of_its_figure():
    """MED-3/MED-4: under the full embargo the F-35's paragraph named three medium drivers
    and no low claim though its row was low (China's dysprosium oxide share, a proxy).
    Here Q is the hardest hit (100%, Metal E); P's 90% paragraph names China's share of
    D, JSON lists it in ``low_confidence``."""
    from mineralgraph.graph.analysis.lookups import scenario_result
    from mineralgraph.reports.tables import render_scenario

    graph = oxide_graph()
    result = scenario_result(graph, china_denies("material:d", "material:e"))
    by = {r["product"]: r for r in result["products"]}
    assert (by["product:q"]["loss"], by["product:p"]["loss"]) == (
        pytest.approx(1.0), pytest.approx(0.9))
    assert by["product:p"]["confidence"] == "low"
    assert low_of(by["product:p"]["low_confidence"]) == [CN_D]
    text = " ".join(render_scenario(result, graph, "text").split())
    p = text[text.index("P (product:p) and R (product:r) lose 90%"):]
    assert ("P's figure rests on a low-confidence claim: China's figure for Oxide D [1] (also "
            "a proxy and disputed). R's figure rests on 2 low-confidence claims: that R needs "
            "Oxide D [1] (also disputed); China's figure for Oxide D [1] (also a proxy and "
            "disputed).") in p
    data = json.loads(render_scenario(result, graph, "json"))
    assert low_of(next(r for r in data["products"]
                       if r["product"] == "product:p")["low_confidence"]) == [CN_D]


# ---------------------------------------------------------------- LOW-8
def short_graph():
    """T requires C; C's shares of 2022 are AA 0.7 and BB 0.2999: 0.9999, a set short of 1
    read as given (design note 5.5), so T keeps 99.99% with nothing removed."""
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:t": "T", "material:c": "Cobalt C", "country:AA": "Aland",
              "country:BB": "Bland"}
    claims = [claim("source:s", "title", "S"), claim("product:t", "end_use", "defence"),
              claim("product:t", "REQUIRES", "material:c", "high"),
              claim("material:c", "stage", "mining"),
              claim("country:AA", "PRODUCES", "material:c", "high", share=0.7, year=2022),
              claim("country:BB", "PRODUCES", "material:c", "high", share=0.2999, year=2022)]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def test_a_baseline_below_100_percent_says_why():
    """LOW-8: the Tomahawk at 2022-06-01 read "availability >99.9%" with no scenario and
    no reason: cobalt mine output's 2022 shares add up to 99.99%, the rest unmapped."""
    from mineralgraph.reports.chokepoints import heading

    graph = short_graph()
    report, _ = rows(graph, "product:t")
    assert report.baseline_range == pytest.approx((0.9999, 0.9999))
    assert report.as_dict()["short_share_sets"] == [
        {"material": "material:c", "total": 0.9999, "years": [2022]}]
    assert " ".join(heading(report, graph).split()).endswith(
        "below 100% with nothing removed because the country shares of Cobalt C for 2022 "
        "add up to 99.99%, the other 0.01% being output no source names (design note 5.5 "
        "reads a set short of 1 as given)")
    whole, _ = rows(oxide_graph())
    assert whole.as_dict()["short_share_sets"] == []


def test_worst_case_ranks_a_bounded_pool_by_its_high_end():
    """LOW-8: under --worst-case JL Mag's ≈0-92% of the F-35 ranked #24, below rows whose
    whole range is lower: rows were ranked by the upper bound's loss, 0 for a member of a
    bounded pool. Here J (in China, no share) splits China's 90% of M: 0-90% under
    --worst-case, ranked above the rest of the world's 10%; by default its equal part,
    ≈45%, ranks so anyway."""
    from mineralgraph.graph.supply_graph import SupplyGraph

    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:m", "high"),
              claim("material:m", "stage", "component"),
              claim("country:CN", "PRODUCES", "material:m", "high", share=0.9),
              claim("country:XX", "PRODUCES", "material:m", "high", share=0.1),
              claim("company:j", "PRODUCES", "material:m", "high"),
              claim("company:j", "LOCATED_IN", "country:CN", "high")]
    for wide, loss in ((True, (0.0, 0.9)), (False, (0.45, 0.45))):
        graph = SupplyGraph(claims, worst_case=wide)
        report, found = rows(graph)
        assert found["company:j"].loss_range == pytest.approx(loss)
        assert [(c.rank, c.id) for c in report.chokepoints if c.rank] == [
            (1, "country:CN"), (2, "company:j"), (3, "country:XX")]


# ---------------------------------------------------------------- LOW-9
def test_a_companys_country_is_where_all_its_output_sits_or_none():
    """LOW-9: the brief gave Lynas "Australia" beside ≈61%, a loss from its Kuantan plant
    in Malaysia. L's headquarters is in Australia; its output upstream of P sits in
    Australia (Mine W) and Malaysia (Plant K): no one country is named, in every view
    (the row's ``country``, CSV, the brief's table read it). A facility keeps its own."""
    import csv
    import io

    from mineralgraph.reports.chokepoints import render

    graph = oxide_graph()
    report, found = rows(graph)
    assert (found["company:l"].country, found["facility:w"].country,
            found["facility:k"].country) == (None, "country:AU", "country:MY")
    cells = {r["id"]: r["country"] for r in csv.DictReader(io.StringIO(
        render([report], graph, "csv")))}
    assert (cells["company:l"], cells["facility:k"]) == ("", "country:MY")
    # a company whose upstream output all sits in one country is placed there
    one = type(graph)([c for c in graph.claims if c.subject != "facility:k"])
    assert rows(one)[1]["company:l"].country == "country:AU"
