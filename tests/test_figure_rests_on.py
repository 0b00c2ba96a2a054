"""A figure's confidence and weakest link are those of the claims that determine it
(section 5.7 as ARCHITECTURE.md reads it; :mod:`mineralgraph.graph.analysis.figure`).

A new user read "without the United States the DDG-51 would lose 100% (medium
confidence, from a proxy: the United States' figure for NdPr oxide...)": the 100% comes
from Raytheon's radar plant, a sole source rated high; the proxy share takes less. Each
graph here is small enough to check by hand.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pytest
import random_supply
from hypothesis import given, settings
from hypothesis import strategies as st

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import chokepoints
from mineralgraph.graph.analysis.chokepoints import Evidence
from mineralgraph.graph.analysis.confidence import LEVELS
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.figure import figure_claims
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)
PROXY = "all rare-earth separation"


def rel(subject, relation, obj, confidence="high", **qualifiers) -> Claim:
    return Claim(subject, relation, obj, tuple(sorted(qualifiers.items())), S,
                 confidence=confidence)


def graph_of(claims: list[Claim]) -> SupplyGraph:
    """A graph of relation claims, each node labelled, from one source."""
    ids = sorted({c.subject for c in claims} | {str(c.object) for c in claims})
    return SupplyGraph([Claim("source:s", "title", "s", sources=S)]
                       + [Claim(n, "label", n.partition(":")[2], sources=S) for n in ids]
                       + claims)


def radar_and_magnet(a_radar: float, a_magnet: float) -> SupplyGraph:
    """Product P needs a radar and a magnet. Country A holds the radar through a plant
    (facility:plant, rated high) with ``a_radar`` of it, and ``a_magnet`` of the magnet
    as a low-rated proxy share; country B holds the rest of each (high)."""
    claims = [rel("product:p", "REQUIRES", "material:radar"),
              rel("product:p", "REQUIRES", "material:magnet"),
              rel("facility:plant", "LOCATED_IN", "country:A"),
              rel("facility:plant", "PRODUCES", "material:radar", share=a_radar),
              rel("country:A", "PRODUCES", "material:magnet", "low", share=a_magnet,
                  proxy=PROXY),
              rel("country:B", "PRODUCES", "material:magnet", share=round(1 - a_magnet, 6))]
    if a_radar < 1:
        claims.append(rel("country:B", "PRODUCES", "material:radar",
                          share=round(1 - a_radar, 6)))
    return graph_of(claims)


def row(graph: SupplyGraph, node_id: str, product: str = "product:p"):
    report = chokepoints(graph, [product])[0]
    return next(r for r in report.chokepoints if r.id == node_id)


def test_a_sole_source_through_a_high_plant_reads_high_whatever_else_the_country_holds():
    # without A: no radar (its plant is the only one), 70% of the magnet; P needs both,
    # so it gets min(0, 0.7) = 0: loss 100%, from the radar alone
    found = row(radar_and_magnet(1.0, 0.3), "country:A")
    assert found.loss == 1.0 and found.spof
    assert found.caveats.confidence == "high"
    assert found.caveats.proxies == () and found.caveats.low == ()
    # the figure names the claims it rests on: the plant's radar, its place, the need
    proof = Evidence(Analysis(radar_and_magnet(1.0, 0.3)))
    rests = figure_claims(proof, "country:A", "product:p")
    assert [(c.subject, c.predicate, c.object) for c in rests] == sorted(
        [("facility:plant", "LOCATED_IN", "country:A"),
         ("facility:plant", "PRODUCES", "material:radar"),
         ("product:p", "REQUIRES", "material:radar")],
        key=lambda t: next(c.id for c in rests if (c.subject, c.predicate, c.object) == t))
    # its sources still cite every claim on its evidence paths, the proxy's too
    assert found.sources == ["source:s"]


def test_where_the_proxy_stage_takes_more_the_row_reads_low_and_names_the_proxy():
    # without A: 40% of the radar left, 10% of the magnet: P gets 0.1, loss 90%, from
    # the magnet, whose share is the low proxy
    found = row(radar_and_magnet(0.6, 0.9), "country:A")
    assert found.loss == pytest.approx(0.9, abs=1e-12)
    assert found.caveats.confidence == "low"
    assert found.caveats.proxies == (("country:A", "material:magnet", PROXY),)
    assert [w[:3] for w in found.caveats.low] == [("country:A", "PRODUCES", "material:magnet")]


def test_the_plant_itself_reads_high_and_the_rest_of_the_chain_is_not_read():
    found = row(radar_and_magnet(1.0, 0.3), "facility:plant")
    assert found.loss == 1.0 and found.caveats.confidence == "high"
    # B holds no radar: its loss is its 70% of the magnet, on its own share (high) and
    # the need, not on A's low proxy share beside it
    b = row(radar_and_magnet(1.0, 0.3), "country:B")
    assert b.loss == pytest.approx(0.7, abs=1e-12)
    assert b.caveats.confidence == "high" and b.caveats.proxies == ()


def chain(ore: str, metal: str) -> SupplyGraph:
    """P needs a metal made from an ore; A holds half of each stage (the ore's share
    rated ``ore``, the metal's ``metal``), B the other half (high)."""
    return graph_of([
        rel("product:p", "REQUIRES", "material:metal"),
        rel("material:metal", "MADE_FROM", "material:ore"),
        rel("country:A", "PRODUCES", "material:ore", ore, share=0.5),
        rel("country:B", "PRODUCES", "material:ore", share=0.5),
        rel("country:A", "PRODUCES", "material:metal", metal, share=0.5),
        rel("country:B", "PRODUCES", "material:metal", share=0.5)])


@pytest.mark.parametrize(("ore", "metal", "rating"), [
    ("medium", "high", "medium"), ("high", "low", "low"), ("high", "high", "high")])
def test_a_loss_compounded_over_two_stages_rests_on_both_shares(ore, metal, rating):
    # without A: half the ore, and of the metal B's half made from it: 0.5 * 0.5 left
    found = row(chain(ore, metal), "country:A")
    assert found.loss == pytest.approx(0.75, abs=1e-12)
    assert found.caveats.confidence == rating


def test_an_element_needed_by_two_routes_rests_on_the_better_supported():
    # E is in the alloy; P needs the alloy directly (a low-rated claim) and through the
    # magnet (high): losing E stops both, and the 100% holds on the high route alone
    graph = graph_of([
        rel("product:p", "REQUIRES", "material:alloy", "low"),
        rel("product:p", "REQUIRES", "material:magnet"),
        rel("material:magnet", "MADE_FROM", "material:alloy"),
        rel("material:alloy", "CONTAINS", "element:E"),
        rel("country:A", "PRODUCES", "material:alloy", share=1.0),
        rel("country:A", "PRODUCES", "material:magnet", share=1.0)])
    found = row(graph, "element:E")
    assert found.loss == 1.0 and found.caveats.confidence == "high"
    # the country is a sole source of both too: its 100% holds through the magnet
    assert row(graph, "country:A").caveats.confidence == "high"


def rebuilt(graph: SupplyGraph, claims: list[Claim],
            renamed: dict[str, str] | None = None) -> SupplyGraph:
    """A graph of ``claims`` read as ``graph`` was (its date, policy and input order,
    which decides between claims of one fact, 5.8); ``renamed`` maps an old claim id to
    the id of the claim that takes its place."""
    renamed = renamed or {}
    loaded = {renamed.get(k, k): v for k, v in graph.loaded.items()}
    return SupplyGraph(claims, as_of=graph.as_of_date, policy=graph.policy, loaded=loaded,
                       press_figures=graph.press_figures)


# ------------------------------------------------------------- the bundled data
@pytest.fixture(scope="module")
def bundled():
    from mineralgraph import load_bundled

    return load_bundled()


@pytest.mark.parametrize(("node", "product", "rating", "named"), [
    # a sole source through Raytheon's SPY-6 plant (high), not the NdPr oxide proxy
    ("country:US", "product:ddg-51", "high", {"company:raytheon"}),
    # cobalt is needed through Honeywell's samarium-cobalt magnet (high), not only the
    # low-rated direct need of SmCo alloy
    ("element:Co", "product:f-35", "high", {"material:smco-magnet"}),
    # China's 99.4% of the DDG-51 is the magnet chain (0.63% left), not its 98% of
    # gallium (1.6% left): it stays low, on its NdPr metal proxy
    ("country:CN", "product:ddg-51", "low", {"material:ndpr-metal"}),
])
def test_bundled_rows_read_what_their_figure_rests_on(bundled, node, product, rating, named):
    found = row(bundled, node, product)
    assert found.caveats.confidence == rating
    rests = figure_claims(Evidence(Analysis(bundled)), node, product)
    assert named <= {c.subject for c in rests} | {str(c.object) for c in rests}


def test_dropping_the_weak_claims_a_figure_does_not_rest_on_keeps_the_figure(bundled):
    """The rule's own test, by re-evaluation: with every claim on the United States' and
    cobalt's evidence paths that their figures do not rest on and that is rated below
    their rating dropped, each loss is the same."""
    analysis = Analysis(bundled)
    proof = Evidence(analysis)
    for node, product in (("country:US", "product:ddg-51"), ("element:Co", "product:f-35")):
        rating = row(bundled, node, product).caveats.confidence
        rests = {c.id for c in figure_claims(proof, node, product)}
        shown = proof.claims(node, product, proof.paths(node, product))
        weaker = {c.id for c in shown if c.id not in rests and c.confidence in LEVELS
                  and LEVELS.index(c.confidence) < LEVELS.index(rating)}
        assert weaker, (node, "nothing weaker was set aside")
        kept = rebuilt(bundled, [c for c in bundled.given_claims() if c.id not in weaker])
        before = 1 - analysis.availability(product, [node]) / analysis.reference(product)
        after_analysis = Analysis(kept)
        after = (1 - after_analysis.availability(product, [node])
                 / after_analysis.reference(product))
        assert after == pytest.approx(before, abs=1e-12), node


# ------------------------------------------------------------- the property
def lowered(graph: SupplyGraph, claim_id: str, level: str) -> SupplyGraph:
    """The same graph with one claim rated ``level``."""
    claims = [replace(c, confidence=level) if c.id == claim_id else c
              for c in graph.given_claims()]
    new = next(c.id for c, old in zip(claims, graph.given_claims(), strict=True)
               if old.id == claim_id)
    return rebuilt(graph, claims, {claim_id: new})


def facts(graph: SupplyGraph) -> list[tuple]:
    """The relation claims a graph keeps (5.5, 5.8), their ratings aside."""
    return sorted((c.subject, c.predicate, str(c.object), c.qualifiers, c.sources)
                  for c in graph.edge_claims())


def rank(level) -> int:
    """Weakest first; "unknown" below "low", no rating above "high"."""
    return LEVELS.index(level) if level in LEVELS else (-1 if level == "unknown"
                                                        else len(LEVELS))


def lower_one(seed: int, pick) -> str | None:
    """Lower one claim on the evidence of one row of a random graph (``pick`` chooses
    from a list) and check the row: returns "rests" or "beside" (whether the figure
    rests on the claim), None when the graph gave nothing to lower."""
    graph = random_supply.random_graph(seed, rich=True)[0]
    products = graph.ids("Product")
    if not products:
        return None
    product = pick(products)
    analysis = Analysis(graph)
    proof = Evidence(analysis)
    report = chokepoints(graph, [product], analysis=analysis)[0]
    rows = [r for r in report.chokepoints if r.loss > 1e-9]
    if not rows:
        return None
    picked = pick(rows)
    rated = sorted({c.id: c for c in proof.claims(picked.id, product, picked.paths)
                    if c.confidence in LEVELS}.values(), key=lambda c: c.id)
    if not rated:
        return None
    claim = pick(rated)
    level = pick([x for x in LEVELS if rank(x) <= rank(claim.confidence)])
    rests = figure_claims(proof, picked.id, product)
    on = rests is None or claim.id in {c.id for c in rests}
    other = lowered(graph, claim.id, level)
    if facts(other) != facts(graph):
        return None  # another claim of the same fact now wins (5.8): not the same figure
    again = row(other, picked.id, product)
    before, after = picked.caveats.confidence, again.caveats.confidence
    assert again.loss == pytest.approx(picked.loss, abs=1e-12)
    if on:
        assert rank(after) <= rank(before), (seed, product, picked.id, claim, level)
    else:
        assert after == before, (seed, product, picked.id, claim, level)
    return "rests" if on else "beside"


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.data())
def test_lowering_a_claim_moves_a_row_only_when_its_figure_rests_on_it(seed, data):
    """A row's confidence never rises when a claim its figure rests on is lowered, and
    never changes when a claim it does not rest on is lowered (the loss stays)."""
    lower_one(seed, lambda items: data.draw(st.sampled_from(items)))


def test_the_property_meets_claims_of_both_kinds():
    """The property's graphs give it both cases to check: claims a row's figure rests
    on, and claims beside it on its evidence paths."""
    seen = Counter()
    for seed in range(120):
        rng = random.Random(seed)
        seen[lower_one(seed, rng.choice)] += 1
    assert seen["rests"] >= 20 and seen["beside"] >= 5, seen
