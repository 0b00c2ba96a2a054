"""The open findings of the seventh new-user trial outside the news reader, on graphs small
enough to check by hand (docs/trial-7.md).

Hand graph of HIGH-1 (explicit sourcing rated low): product P (robotics) requires actuator
A; A is made by Tee (United States) from magnet M; M is China 0.9 and the United States
0.1 (both high), and Jay (in China, no share) produces it too. "Jay supplies Tee with M"
is rated low (source:s, note "one line"). Under design note 5.3 Tee takes M from Jay alone:
a Chinese denial of M takes all of A, so P loses 100%. Without the low claim
(``--min-confidence medium``) Tee draws on the world pool and P keeps the United States'
10%: a 90% loss. The 100% rests on the low claim, at baseline and under the scenario.
"""

from __future__ import annotations

import pytest
from hand_scenarios import china_denies

from mineralgraph.claim import Claim

S = ("source:s",)


def claim(subject, predicate, obj, confidence=None, sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def sourcing_graph(min_confidence=None):
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:a": "Actuator A", "material:m": "Magnet M",
              "country:CN": "China", "country:US": "United States", "company:tee": "Tee",
              "company:jay": "Jay", "country:XX": "rest of world"}
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "robotics"),
              claim("product:p", "REQUIRES", "material:a", "high"),
              claim("material:a", "stage", "subsystem"),
              claim("material:a", "MADE_FROM", "material:m", "high"),
              claim("company:tee", "PRODUCES", "material:a", "high"),
              claim("company:tee", "LOCATED_IN", "country:US", "high"),
              claim("material:m", "stage", "component"),
              claim("country:CN", "PRODUCES", "material:m", "high", share=0.9),
              claim("country:US", "PRODUCES", "material:m", "high", share=0.1),
              claim("company:jay", "PRODUCES", "material:m", "high"),
              claim("company:jay", "LOCATED_IN", "country:CN", "high"),
              claim("company:jay", "SUPPLIES", "company:tee", "low", material="material:m",
                    note="one line")]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()],
                       min_confidence=min_confidence)


SOURCING = {"subject": "company:jay", "relation": "SUPPLIES", "object": "company:tee",
            "sources": ["source:s"], "note": "one line", "also": []}


def test_a_scenario_figure_carries_the_low_sourcing_claim_it_rests_on():
    """HIGH-1: Optimus "loses 100%" under the embargo, "medium", though the 100% needs the
    low "JL Mag supplies Tesla" claim (99% without it). The figure carries the weakest
    confidence of the claims it rests on, the sourcing that routes its supply included."""
    from mineralgraph.graph.analysis.lookups import scenario_result

    [row] = scenario_result(sourcing_graph(), china_denies("material:m"))["products"]
    assert row["loss"] == pytest.approx(1.0)
    assert row["confidence"] == "low"
    assert row["low_confidence"] == [SOURCING]
    # the hand figure without the low claim: the United States' 10% is kept
    [strong] = scenario_result(sourcing_graph("medium"), china_denies("material:m"))["products"]
    assert strong["loss"] == pytest.approx(0.9)


def test_the_availability_heading_carries_the_low_sourcing_claim():
    """HIGH-1, at baseline: "the availability rests on medium-confidence claims" while
    the chain of supply is the low sourcing claim's."""
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import heading

    graph = sourcing_graph()
    [report] = chokepoints(graph, ["product:p"])
    assert report.caveats.confidence == "low"
    assert report.caveats.as_dict()["low_confidence"] == [SOURCING]
    assert heading(report, graph).endswith(
        "the availability rests on low-confidence claims (rated low: that Jay supplies Tee)")


def test_the_scenario_text_and_csv_name_the_low_sourcing_claim(tmp_path):
    """HIGH-1 in the views: the scenario's text names the claim with its source and note;
    the CSV has a ``low_confidence`` column beside ``proxies`` and ``disputes``."""
    from mineralgraph.graph.analysis.lookups import scenario_result
    from mineralgraph.reports.tables import render_scenario

    graph = sourcing_graph()
    result = scenario_result(graph, china_denies("material:m"))
    text = render_scenario(result, graph, "text")
    assert "rests on low-confidence claims" in " ".join(text.split())
    assert "Jay supplies Tee" in " ".join(text.split())
    assert "one line" in text
    csv = render_scenario(result, graph, "csv")
    head, first = csv.splitlines()[:2]
    assert "low_confidence" in head.split(",")
    assert "company:jay SUPPLIES company:tee [source:s]: one line" in first


def pool_graph(**pool):
    """HIGH-3's hand graph: P requires feed H; H is Myanmar 0.57 (high) and the rest of
    the world 0.43 (rated and marked by ``pool``); Ell (in Australia, no share, Australia
    none either) produces H too, so it splits the rest of the world's 43% with the rest of
    the world's unmapped output: ≈21.5% each."""
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:h": "Feed H", "country:MM": "Myanmar",
              "country:AU": "Australia", "company:ell": "Ell",
              "country:XX": "rest of world"}
    confidence = pool.pop("confidence")
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:h", "high"),
              claim("material:h", "stage", "mining"),
              claim("country:MM", "PRODUCES", "material:h", "high", share=0.57),
              claim("country:XX", "PRODUCES", "material:h", confidence, share=0.43, **pool),
              claim("company:ell", "PRODUCES", "material:h", "high"),
              claim("company:ell", "LOCATED_IN", "country:AU", "high")]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def _row(graph, node):
    from mineralgraph.graph.analysis import chokepoints

    [report] = chokepoints(graph, ["product:p"])
    return next(c for c in report.chokepoints if c.id == node)


def test_an_assumed_part_is_no_stronger_than_the_share_it_splits():
    """HIGH-3: Lynas, Australia and Mt Weld ≈22-24% of the F-35 were "medium" while the
    rest of the world's 43% of heavy rare-earth feed they split is rated low. The ≈ row
    carries its pool's rating and names the low claim (JSON ``low_confidence``)."""
    row = _row(pool_graph(confidence="low", note="remainder"), "company:ell")
    assert row.assumed_share and row.loss == pytest.approx(0.215)
    assert row.caveats.confidence == "low"
    assert row.as_dict()["low_confidence"] == [
        {"subject": "country:XX", "relation": "PRODUCES", "object": "material:h",
         "sources": ["source:s"], "note": "remainder", "also": []}]
    assert row.caveats.describe() == "low, ≈"
    # the pool it splits with its rating (trial 8: every caveat entry carries its own)
    assert [(s["pool"], s["confidence"], s["proxy"])
            for s in row.as_dict()["assumed_split"]] == [("country:XX", "low", None)]


def test_an_assumed_part_of_a_proxy_share_is_a_proxy():
    """HIGH-3: JL Mag ≈46% split China's 92% of sintered NdFeB, a proxy (magnet and alloy
    market together), yet its row listed no proxy: now "medium, proxy, ≈"."""
    row = _row(pool_graph(confidence="medium", proxy="all feeds"), "company:ell")
    assert row.caveats.confidence == "medium"
    assert row.as_dict()["proxies"] == [
        {"subject": "country:XX", "object": "material:h", "measured_for": "all feeds",
         "confidence": "medium"}]
    assert row.caveats.describe() == "medium, proxy, ≈"
    assert [(s["confidence"], s["proxy"]) for s in row.as_dict()["assumed_split"]] == [
        ("medium", "all feeds")]


def products_graph(with_k=False):
    """MED-4/MED-5's hand graph: P needs radar R (rated low, note "a prototype"), R needs
    metal N; T needs N itself (high). N is China 0.9, the rest of the world 0.1 (high). A
    Chinese denial of N: P and T each keep 10%, a 90% loss; P's rests on the low claim,
    T's does not. ``with_k``: Q needs K, all Chinese (high): Q loses 100%, the hardest hit
    alone."""
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "product:t": "T", "product:q": "Q", "material:r": "Radar R",
              "material:n": "Metal N", "material:k": "Metal K", "country:CN": "China",
              "country:US": "United States", "company:ray": "Ray",
              "country:XX": "rest of world"}
    claims = [claim("source:s", "title", "S"),
              claim("product:p", "end_use", "defence"), claim("product:t", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:r", "low", note="a prototype"),
              claim("product:t", "REQUIRES", "material:n", "high"),
              claim("material:r", "REQUIRES", "material:n", "high"),
              claim("material:r", "stage", "subsystem"),
              claim("company:ray", "PRODUCES", "material:r", "high"),
              claim("company:ray", "LOCATED_IN", "country:US", "high"),
              claim("material:n", "stage", "metal"),
              claim("country:CN", "PRODUCES", "material:n", "high", share=0.9),
              claim("country:XX", "PRODUCES", "material:n", "high", share=0.1)]
    if with_k:
        claims += [claim("product:q", "end_use", "defence"),
                   claim("product:q", "REQUIRES", "material:k", "high"),
                   claim("material:k", "stage", "metal"),
                   claim("country:CN", "PRODUCES", "material:k", "high", share=1.0)]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def deny(*covers):
    from mineralgraph.graph.analysis import Restriction, Scenario

    return Scenario("deny", restrict=(Restriction(issuer="country:CN", covers=covers),))


def _scenario_text(graph, scenario):
    from mineralgraph.graph.analysis.lookups import scenario_result
    from mineralgraph.reports.tables import render_scenario

    return " ".join(render_scenario(scenario_result(graph, scenario), graph, "text").split())


def test_a_low_claim_under_one_hardest_hit_product_does_not_tar_the_others():
    """MED-4: under the gallium ban "Those figures rest on low-confidence claims" spread
    Patriot's low radar requirement to DDG-51 and the GaN MMIC, rated high. Each product
    says what its own figure rests on; the low claim is named under Patriot alone."""
    text = _scenario_text(products_graph(), deny("material:n"))
    # at an equal 90%, the better-supported first (the one tie-break, findings 11)
    assert "the hardest hit are T (product:t) and P (product:p), each losing 90%" in text
    assert ("Of those figures, T's rests on high-confidence claims and P's on "
            "low-confidence claims.") in text
    assert ("P's figure rests on a low-confidence claim: that P needs Radar R [1] "
            "(note: a prototype).") in text
    assert "Those figures rest on" not in text


def test_a_low_claim_of_a_product_below_the_hardest_hit_is_named_in_its_line():
    """MED-5: the JDAM's low-rated samarium-cobalt requirement went unnamed in the
    scenario text, the JDAM not being the hardest hit. Its line names it."""
    text = _scenario_text(products_graph(with_k=True), deny("material:n", "material:k"))
    assert "the hardest hit is Q (product:q), losing 100%" in text
    assert ("P's figure rests on a low-confidence claim: that P needs Radar R [1] "
            "(note: a prototype).") in text
    assert text.count("a prototype") == 1


def test_a_quantity_without_a_share_is_not_named_as_what_a_figure_rests_on():
    """MED-6: the F-35's summary named China's 2023 clay quota of heavy rare-earth feed, a
    quantity with no share (China holds 0% in the analysis), as the low claim its figures
    rest on; the low claim that enters them, the rest of the world's 43%, went unnamed."""
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.graph.supply_graph import SupplyGraph

    graph = pool_graph(confidence="low", note="remainder")
    quota = claim("country:CN", "PRODUCES", "material:h", "low", amount=19000.0,
                  unit="t REO", note="a quota")
    graph = SupplyGraph(graph.claims + (quota, claim("country:CN", "label", "China")))
    [report] = chokepoints(graph, ["product:p"])
    named = {w[0] for w in report.caveats.low}
    assert named == {"country:XX"}
    assert all("country:CN" != w[0] for c in report.chokepoints for w in c.caveats.low)


def test_an_equal_part_far_above_a_producers_stated_output_says_so():
    """MED-8: the snapshot put ≈2.9% of the world's dysprosium oxide on White Mesa, whose
    own source gives 1 kg in 2025 (no world output of that year and unit is sourced, so
    5.4 cannot turn it into a share). Beside the ≈ figure: the part is the split's, not the
    plant's size."""
    from mineralgraph.graph.analysis.splits import equal_splits
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.reports.summary import split_phrase

    graph = pool_graph(confidence="high")
    pilot = claim("company:ell", "PRODUCES", "material:h", "high", amount=1.0, unit="kg",
                  year=2025)
    graph = SupplyGraph([c for c in graph.claims if not (
        c.subject == "company:ell" and c.predicate == "PRODUCES")] + [pilot])
    [split] = equal_splits(graph, "material:h", ["company:ell"])
    text = " ".join(split_phrase(graph, split).split())
    # its output said once, where its figure gives no share (findings 10: twice before)
    assert text.endswith("(design note 5.4): Ell, output 1 kg in 2025. ≈22% is the equal "
                         "split's part, not the size of Ell: its stated output may be far "
                         "from 22% of the world's")
    assert text.count("1 kg") == 1


def test_chokepoint_rows_carry_the_json_keys_in_the_api_and_csv():
    """LOW-1: the API's and CSV's chokepoint rows had ``loss_low``/``loss_high`` only, no
    ``loss``, ``loss_range``, ``low_confidence`` or ``assumed_split``; the API's scenario
    row had no ``loss_range``. One builder makes both from the JSON row."""
    import csv
    import io

    import mineralgraph as mg
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import render

    graph = pool_graph(confidence="low", note="remainder")
    row = next(r for r in mg.chokepoints(graph, "product:p").rows()
               if r["node"] == "company:ell")
    assert (row["loss"], row["loss_range"]) == (pytest.approx(0.215), [0.215, 0.215])
    # one type for every "rests on" field: lists of the JSON entries (trial 8, LOW-8)
    assert row["low_confidence"] == [
        {"subject": "country:XX", "relation": "PRODUCES", "object": "material:h",
         "sources": ["source:s"], "note": "remainder", "also": []}]
    assert (row["proxies"], row["disputes"]) == ([], [])
    assert [(s["pool"], s["parts"], s["part"]) for s in row["assumed_split"]] == [
        ("country:XX", 2, 0.215)]
    rows = list(csv.DictReader(io.StringIO(
        render(chokepoints(graph, ["product:p"]), graph, "csv"))))
    ell = next(r for r in rows if r["id"] == "company:ell")
    assert (ell["loss"], ell["loss_low"], ell["loss_high"]) == ("0.215", "0.215", "0.215")
    assert ell["low_confidence"] == "country:XX PRODUCES material:h [source:s]: remainder"
    assert ell["assumed_split"] == ("material:h: country:XX 0.43 (low) in 2 parts "
                                    "(company:ell, country:XX), equal split")
    [scenario] = mg.scenario(sourcing_graph(), china_denies("material:m")).rows()
    assert scenario["loss_range"] == [1.0, 1.0]
    assert [(w["subject"], w["relation"], w["object"])
            for w in scenario["low_confidence"]] == [
        ("company:jay", "SUPPLIES", "company:tee")]


def test_show_writes_amounts_and_shares_as_reports_do():
    """LOW-2: ``show`` printed "amount 81000000, share 0.2793" and China "share 0.9868"
    of gallium, where every analysis says 98% (98.68% as given, 98.43% of a set adding up
    to 100.25%). Thousands separators; a share as a % with the reading beside it."""
    from mineralgraph.claim import Claim
    from mineralgraph.graph.node_view import node_view
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.reports.node import render_node

    graph = SupplyGraph([
        claim("source:s", "title", "S"), claim("material:m", "label", "M"),
        claim("country:CN", "label", "China"), claim("country:RU", "label", "Russia"),
        claim("country:XX", "label", "rest of world"),
        Claim("country:CN", "PRODUCES", "material:m",
          (("amount", 750000.0), ("share", 0.9868)), S, confidence="high"),
        Claim("country:RU", "PRODUCES", "material:m", (("share", 0.0079),), S),
        Claim("country:XX", "PRODUCES", "material:m", (("share", 0.0078),), S),
        Claim("country:CN", "HOLDS_RESERVES", "material:m",
          (("amount", 81000000.0), ("share", 0.2793)), S)])
    text = " ".join(render_node(node_view(graph, "material:m"), "text").split())
    # the shares rounded as every report rounds them since trial 8 (LOW-6)
    assert ("PRODUCES country:CN (China) amount 750,000, share 99% as given (98% of "
            "the set's 100.25% sum, as the analysis reads it)") in text
    assert "amount 81,000,000, share 28% (as given)" in text
    assert "0.9868" not in text and "81000000" not in text


def test_a_low_figure_on_medium_proxies_does_not_contradict_itself():
    """LOW-3: "lose 100% (low confidence; rests on 3 proxies, the weakest (medium
    confidence): ...)" read as low and medium at once. The low comes from another claim;
    the proxies' own rating is said as theirs."""
    from mineralgraph.graph.analysis.confidence import Caveats
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.reports.summary import headline_phrase

    graph = SupplyGraph([claim("country:CN", "label", "China"),
                         claim("material:m", "label", "M"), claim("material:k", "label", "K"),
                         claim("country:CN", "PRODUCES", "material:m", "medium", share=0.5,
                               proxy="all oxides"),
                         claim("country:CN", "PRODUCES", "material:k", "medium", share=0.5,
                               proxy="all metals")])
    proxies = (("country:CN", "material:k", "all metals"),
               ("country:CN", "material:m", "all oxides"))
    phrase = headline_phrase(graph, Caveats("low", proxies))
    assert phrase == ("(low confidence, from another claim; rests on 2 proxies, the weakest "
                      "of them rated medium: China's figure for K, measured for all metals)")
    assert "the weakest (medium" not in phrase


def test_dependents_says_plainly_why_a_product_without_a_path_is_listed(run_cli):
    """LOW-5: "3 more product(s) are listed though they have none" was hard to parse."""
    text = " ".join(run_cli("--worst-case", "dependents", "country:CN").stdout.split())
    assert ("3 more products are listed with no supply path from China, for an untraced "
            "requirement alone (rows marked untraced).") in text
    assert "listed though they have none" not in text


def test_an_element_given_for_a_material_suggests_the_materials_made_of_it():
    """LOW-5: ``concentration element:Ga`` said "is an Element, not a Material" with no
    hint of material:gallium-low-purity; the materials containing it are suggested, those
    with country shares first."""
    from mineralgraph.exceptions import UnknownIdError
    from mineralgraph.graph.supply_graph import SupplyGraph

    graph = SupplyGraph([claim("element:Ga", "label", "Gallium"),
                         claim("material:a-wafer", "CONTAINS", "element:Ga"),
                         claim("material:ga-metal", "CONTAINS", "element:Ga"),
                         claim("country:CN", "PRODUCES", "material:ga-metal", share=0.98)])
    with pytest.raises(UnknownIdError) as found:
        graph.require("element:Ga", "Material")
    assert str(found.value).endswith(
        "(did you mean material:ga-metal, material:a-wafer?)")


def test_a_sole_maker_without_a_share_holds_all_not_about_all():
    """LOW-4: the snapshot's Honeywell, Moog and Northrop boxes read "≈100%", though each
    is the only maker recorded (a certain SPOF): a pool of one is held whole; ≈ stays for
    a producer that splits a pool with others."""
    from mineralgraph.render.compact import material_bars

    [bar] = material_bars(products_graph(), "material:r")
    assert (bar.owner, bar.share, bar.assumed) == ("country:US", pytest.approx(1.0), False)
    assert all(not assumed for _, _, assumed in bar.companies)
    split = material_bars(pool_graph(confidence="high"), "material:h")
    assert any(b.assumed or any(a for _, _, a in b.companies) for b in split)


def test_a_disputed_claim_is_said_once_in_the_evidence():
    """Review of trial 7: the F-35's evidence repeated "That ... needs High-temperature
    NdFeB magnet is disputed: the DoD 2012 assessment ..." under every row. Said in full
    under the first row resting on it; later rows refer back to it."""
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.reports.chokepoints import render

    graph = SupplyGraph([
        claim("source:s", "title", "S"), claim("product:p", "label", "P"),
        claim("product:p", "end_use", "defence"), claim("material:n", "label", "Metal N"),
        claim("material:n", "stage", "metal"), claim("country:CN", "label", "China"),
        claim("country:US", "label", "United States"),
        claim("product:p", "REQUIRES", "material:n", "high", disputed="X says not"),
        claim("country:CN", "PRODUCES", "material:n", "high", share=0.9),
        claim("country:US", "PRODUCES", "material:n", "high", share=0.1)])
    text = " ".join(render(chokepoints(graph, ["product:p"]), graph, "text").split())
    evidence = text[text.index("EVIDENCE") if "EVIDENCE" in text else text.index("Evidence"):]
    assert evidence.count("That P needs Metal N is disputed: X says not.") == 1
    assert "Also disputed, as said under #1: that P needs Metal N." in evidence
