"""Dropping claims by confidence never turns "unknown" into "known" (design note 5.6 and 5.7).

Where ``--min-confidence`` leaves out the shares that gave a stage its country split (and
with it the world output a capacity is measured against), or some of its plants, the
producers left without a share are an unknown part of what the kept shares leave, none to
all of it, shared with the output no kept claim names: never the whole world's output,
which section 2's equal
split among the known producers would make them (Less Common Metals a certain single
point of failure of the Tomahawk under ``--min-confidence medium``, once BIS's 92% proxy,
rated low, was dropped).
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from readings import TWO_READINGS, read

from mineralgraph import load_bundled
from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import Analysis
from mineralgraph.graph.analysis.chokepoints import chokepoints
from mineralgraph.graph.analysis.splits import equal_splits
from mineralgraph.graph.analysis.structure import producer_pools, producer_share
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.summary import split_phrase

S = ("source:s",)
FLOORS = (None, "low", "medium", "high")


def hand_graph(china: str = "low") -> SupplyGraph:
    """Alloy made from ore: China 92% (rated ``china``) and the rest of the world 8%
    (low) of the alloy, no share for plant f (UK, high) nor plant g (Germany, medium);
    the ore all from country AA (high); product p needs the alloy."""
    def rel(s, p, o, rated="high", **q):
        return Claim(s, p, o, tuple(sorted(q.items())), S, confidence=rated)

    labels = ["element:E", "country:AA", "country:CN", "country:XX", "country:GB",
              "country:DE", "company:k", "company:j", "facility:f", "facility:g",
              "material:ore", "material:alloy", "product:p"]
    return SupplyGraph(
        [Claim("source:s", "title", "s", sources=S)]
        + [Claim(n, "label", n.split(":")[1], sources=S) for n in labels]
        + [rel("material:ore", "CONTAINS", "element:E"),
           rel("country:AA", "PRODUCES", "material:ore", share=1.0),
           rel("material:alloy", "MADE_FROM", "material:ore"),
           rel("country:CN", "PRODUCES", "material:alloy", china, share=0.92),
           rel("country:XX", "PRODUCES", "material:alloy", "low", share=0.08),
           rel("facility:f", "PRODUCES", "material:alloy"),
           rel("facility:f", "LOCATED_IN", "country:GB"),
           rel("facility:f", "OPERATED_BY", "company:k"),
           rel("facility:g", "PRODUCES", "material:alloy", "medium"),
           rel("facility:g", "LOCATED_IN", "country:DE"),
           rel("facility:g", "OPERATED_BY", "company:j"),
           rel("product:p", "REQUIRES", "material:alloy")])


def rows_of(graph: SupplyGraph, product: str = "product:p") -> dict[str, tuple]:
    """Node -> (loss range, SPOF) of a product's chokepoint rows."""
    [report] = chokepoints(graph, [product])
    return {c.id: (tuple(round(v, 6) for v in c.loss_range),
                   "certain" if c.spof else "possible" if c.possible_spof else False)
            for c in report.chokepoints}


def test_hand_graph_without_a_floor_reads_the_equal_split():
    # f and g have no share: they split the rest of the world's 8% with its unmapped
    # output, 8% / 3 each (section 2, 5.4), in both bounds
    rows = rows_of(hand_graph())
    assert rows["facility:f"] == ((0.026667, 0.026667), False)
    assert rows["facility:g"] == ((0.026667, 0.026667), False)
    assert rows["country:CN"] == ((0.92, 0.92), False)
    assert rows["country:AA"] == ((1.0, 1.0), "certain")


def test_hand_graph_at_medium_the_plants_hold_none_to_all_of_the_alloy():
    # China's and the rest of the world's shares (low) are dropped: before the rule f and
    # g were read as half the world's output each (50%); now each may hold none of the
    # alloy (upper bound: the output no kept claim names carries it) or all of it (lower
    # bound): 0-100%, a possible single point of failure, never a certain one
    graph = hand_graph().with_min_confidence("medium")
    assert sorted(graph.supply_left_out()) == ["material:alloy"]
    claims = graph.relation_claims("material:alloy", "PRODUCES", incoming=True)
    assert [(w, [c.subject for c in group]) for w, group in producer_pools(
        graph, "material:alloy", claims)] == [
        (1.0, ["facility:f", "facility:g", "unnamed:material:alloy"])]
    rows = rows_of(graph)
    for node in ("facility:f", "company:k", "country:GB", "facility:g", "company:j",
                 "country:DE"):
        assert rows[node] == ((0.0, 1.0), "possible"), node
    # the ore's one producer, sourced at high confidence, stays a certain one
    assert rows["country:AA"] == ((1.0, 1.0), "certain")
    analysis = Analysis(graph)
    assert analysis.availability_range("product:p") == (1.0, 1.0)
    assert analysis.availability("product:p", ["facility:f"], bound="upper") == 1.0
    assert analysis.availability("product:p", ["facility:f"], bound="lower") == 0.0


def test_hand_graph_at_high_the_one_plant_left_is_still_no_certain_spof():
    # g (medium) is dropped too: f is the only named producer, and still 0-100%
    graph = hand_graph().with_min_confidence("high")
    rows = rows_of(graph)
    assert rows["facility:f"] == ((0.0, 1.0), "possible")
    assert "facility:g" not in rows
    assert rows["country:AA"] == ((1.0, 1.0), "certain")


def test_hand_graph_a_partly_dropped_split_bounds_what_the_kept_shares_leave():
    # China's 92% rated high stays; the rest of the world's 8% (low) is dropped: f and g
    # share the 8% China leaves with output no kept claim names, none to all of it
    graph = hand_graph(china="high").with_min_confidence("medium")
    rows = rows_of(graph)
    assert rows["facility:f"] == ((0.0, 0.08), False)
    assert rows["facility:g"] == ((0.0, 0.08), False)
    assert rows["country:CN"] == ((0.92, 0.92), False)


def test_hand_graph_a_dropped_plant_leaves_the_other_an_unknown_part():
    # no country split at all: g (medium) dropped at high leaves f alone; section 2's
    # equal split made f the whole world's alloy (100%, certain), it is 0-100% now
    graph = hand_graph()
    plants_only = SupplyGraph([c for c in graph.claims if not (
        c.predicate == "PRODUCES" and c.subject.startswith("country:C")
        or c.subject == "country:XX")]).with_min_confidence("high")
    assert sorted(plants_only.supply_left_out()) == ["material:alloy"]
    assert rows_of(plants_only)["facility:f"] == ((0.0, 1.0), "possible")
    # at medium both plants are kept, nothing of the alloy is dropped: the equal split
    medium = SupplyGraph([c for c in graph.claims if not (
        c.predicate == "PRODUCES" and c.subject.startswith("country:C")
        or c.subject == "country:XX")]).with_min_confidence("medium")
    assert medium.supply_left_out() == frozenset()
    assert rows_of(medium)["facility:f"] == ((0.5, 0.5), False)


def test_hand_graph_the_split_is_worded_as_unknown_not_equal():
    graph = hand_graph().with_min_confidence("medium")
    [split] = equal_splits(graph, "material:alloy", ["facility:f"])
    assert split.bounded and split.split_left_out
    assert split.as_dict() == {
        "material": "material:alloy", "pool": None, "pool_share": 1.0, "parts": 3,
        "members": ["facility:f", "facility:g", "unnamed:material:alloy"], "part": None,
        "basis": "bounded: none to all", "confidence": None, "proxy": None}
    assert split_phrase(graph, split) == (
        "the 100% of alloy that the kept shares leave (its producing claims rated below "
        "medium left out), shared by f, g and output no kept claim names in proportions no "
        "source gives (each none to all of it)")


def split_graph(seed: int) -> SupplyGraph:
    """A small random chain of three stages: each material has, most of the time, a
    country split (countries and the rest of the world, shares adding up to at most 1,
    the set rated at random) and plants without a share (rated at random), a plant
    sometimes making two materials; products need one or two top materials."""
    rng = random.Random(seed)
    claims = [Claim("source:s", "title", "s", sources=S)]

    def node(n):
        claims.append(Claim(n, "label", n, sources=S))
        return n

    def rel(s, p, o, rated=None, **q):
        rated = rated or rng.choice((None, "low", "medium", "high"))
        claims.append(Claim(s, p, o, tuple(sorted(q.items())), S, confidence=rated))

    element = node("element:E")
    countries = [node(f"country:C{i}") for i in range(3)] + [node("country:XX")]
    companies = [node(f"company:k{i}") for i in range(2)]
    plants = [node(f"facility:f{i}") for i in range(rng.randint(1, 4))]
    for plant in plants:
        claims.append(Claim(plant, "LOCATED_IN", rng.choice(countries[:3]), sources=S))
        claims.append(Claim(plant, "OPERATED_BY", rng.choice(companies), sources=S))
    below: list[str] = []
    for stage in range(3):
        layer = [node(f"material:s{stage}m{i}") for i in range(rng.randint(1, 2))]
        for material in layer:
            if below:
                rel(material, "MADE_FROM", rng.choice(below))
            else:
                rel(material, "CONTAINS", element)
            if rng.random() < 0.8:
                left = 1.0
                rated = rng.choice(("low", "medium", "high"))  # one source's set, one rating
                for country in rng.sample(countries, rng.randint(1, 3)):
                    share = round(rng.uniform(0.05, left), 2) if left > 0.05 else None
                    if share is None:
                        break
                    left -= share
                    rel(country, "PRODUCES", material, rated, share=share)
            for plant in rng.sample(plants, rng.randint(0, len(plants))):
                rel(plant, "PRODUCES", material)
        below = layer
    for i in range(rng.randint(1, 2)):
        product = node(f"product:p{i}")
        for material in rng.sample(below, rng.randint(1, len(below))):
            rel(product, "REQUIRES", material)
    return SupplyGraph(claims)


def open_producers(graph: SupplyGraph) -> list[tuple[str, str]]:
    """(plant, material): a plant making one material only, with no share, of a stage whose
    split the floor dropped and none of whose kept producers has a share (its removal
    reaches the products through that stage alone)."""
    out = []
    for material in sorted(graph.supply_left_out()):
        claims = graph.relation_claims(material, "PRODUCES", incoming=True)
        if any(producer_share(graph, c) is not None for c in claims):
            continue
        out += [(c.subject, material) for c in claims if graph.kind(c.subject) == "Facility"
                and len(graph.relation_claims(c.subject, "PRODUCES")) == 1]
    return out


def floor_rows(graph: SupplyGraph, floor: str | None) -> tuple[SupplyGraph, dict]:
    """The graph at a floor and its chokepoint rows: (product, node) -> loss range."""
    kept = graph.with_min_confidence(floor)
    return kept, {(r.product, c.id): (tuple(c.loss_range), c.spof)
                  for r in chokepoints(kept, evidence=False) for c in r.chokepoints}


@TWO_READINGS
@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**6))
def test_a_dropped_split_never_makes_a_share_less_producer_a_certain_loss(wide, seed):
    """For every graph and floor: a producer of a stage whose producers all lack shares
    and whose split was dropped is never reported with a point loss of 100% (nor a
    certain single point of failure): the output no kept claim names may carry the stage
    in the upper bound, so its loss starts at 0."""
    graph = read(split_graph(seed), wide)
    for floor in FLOORS:
        kept, rows = floor_rows(graph, floor)
        for producer, material in open_producers(kept):
            for (product, node), ((low, high), spof) in rows.items():
                if node == producer:
                    assert low == 0.0 and not spof, (floor, product, producer, material)
                    assert (low, high) != (1.0, 1.0)


@TWO_READINGS
@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**6))
def test_raising_the_floor_never_narrows_a_range_to_a_point_no_claim_states(wide, seed):
    """For floors f1 below f2: a producer's loss that is a range at f1 is no point above 0
    at f2 when no claim kept at f2 states a share of its stage (its split dropped); a
    point that stays is one the kept claims state (the ore's one producer, say)."""
    graph = read(split_graph(seed), wide)
    before: dict = {}
    for floor in FLOORS:
        kept, rows = floor_rows(graph, floor)
        unstated = {p for p, _ in open_producers(kept)}
        for (product, node), ((low, high), _) in rows.items():
            was = before.get((product, node))
            if node in unstated and was and was[0][0] < was[0][1]:
                assert not low == high > 0, (floor, product, node, was)
        before = rows


@pytest.fixture(scope="module")
def tomahawk_medium(tmp_path_factory):
    return load_bundled().with_min_confidence("medium")


def test_tomahawk_at_medium_less_common_metals_is_a_possible_spof_only(tomahawk_medium):
    # before: Less Common Metals, the UK and Ellesmere Port 100% 'certain'; Permag, VAC,
    # Germany and EEC Landisville 50%
    rows = rows_of(tomahawk_medium, "product:tomahawk")
    for node in ("company:less-common-metals", "country:GB", "facility:lcm-ellesmere-port",
                 "company:permag", "company:vacuumschmelze", "country:DE",
                 "facility:eec-landisville", "facility:vac-hanau"):
        assert rows[node] == ((0.0, 1.0), "possible"), node


def test_every_command_gives_less_common_metals_the_same_answer(run_cli):
    """chokepoints, spof, dependents, scenario and brief under --min-confidence medium:
    Less Common Metals 0-100%, a possible single point of failure of the Tomahawk and the
    F-35; concentration has no country split of SmCo alloy to give."""
    lcm = "company:less-common-metals"

    def run(*args):
        result = run_cli("--min-confidence", "medium", *args)
        assert result.exit_code == 0, result.output
        return result.output

    report = json.loads(run("chokepoints", "--product", "product:tomahawk", "--format",
                            "json"))
    [row] = [r for p in report for r in p["chokepoints"] if r["id"] == lcm]
    assert (row["loss_range"], row["spof"]) == ([0.0, 1.0], "possible")
    assert row["assumed_split"][0]["members"] == ["facility:lcm-ellesmere-port",
                                                  "unnamed:material:smco-alloy"]
    spofs = json.loads(run("spof", "product:tomahawk", "--format", "json"))["spofs"]
    assert [(r["loss_range"], r["spof"]) for r in spofs if r["id"] == lcm] == [
        ([0.0, 1.0], "possible")]
    dependents = json.loads(run("dependents", lcm, "--format", "json"))["dependents"]
    assert {r["product"]: (r["loss_range"], r["spof"]) for r in dependents
            if r["product"] in ("product:tomahawk", "product:f-35")} == {
        "product:tomahawk": ([0.0, 1.0], "possible"),
        "product:f-35": ([0.0, 1.0], "possible")}
    scenario = json.loads(run("scenario", "--remove", lcm, "--format", "json"))["products"]
    assert {r["product"]: r["loss_range"] for r in scenario
            if r["product"] in ("product:tomahawk", "product:f-35")} == {
        "product:tomahawk": [0.0, 1.0], "product:f-35": [0.0, 1.0]}
    # the one product that loses supply only under --worst-case, the battery-electric
    # vehicle's drive motor, does so through the NdPr metal pool no source splits
    flat = " ".join(run("scenario", "--remove", lcm).split())
    assert ("13 of 35 product(s) lose or may lose supply, and 1 more may under --worst-case "
            "(if a producer holds all of a pool no source splits)") in flat
    brief = run("brief", "product:tomahawk")
    assert ("| 3 | Less Common Metals | Company | metal | United Kingdom | ≈0-100% | possible |"
            in brief)
    assert "It cannot be made without Less Common Metals" not in brief
    assert json.loads(run("concentration", "material:smco-alloy", "--format", "json")) == []


def test_show_prints_the_nodes_own_confidence(run_cli):
    """A company's, facility's or material's row has a confidence: ``show`` prints it in
    text, Markdown and JSON (Permag's row in companies_magnet_metals.csv is rated medium,
    Mountain Pass's in facilities.csv high); a source's rows rate nothing."""
    def show(*args):
        result = run_cli("show", *args)
        assert result.exit_code == 0, result.output
        return result.stdout

    assert show("company:permag").startswith(
        "Permag (Magnetic Holdings) (company:permag, Company; medium confidence) [1]\n")
    assert show("company:permag", "--format", "md").startswith(
        "## Permag (Magnetic Holdings)\n\n```\nPermag (Magnetic Holdings) (company:permag, "
        "Company; medium confidence) [1]\n")
    assert json.loads(show("company:permag", "--format", "json"))["confidence"] == "medium"
    assert " ".join(show("facility:mountain-pass").split()).startswith(  # wrapped at 80
        "Mountain Pass rare-earth mine and processing facility (facility:mountain-pass, "
        "Facility; high confidence)")
    assert show("material:smco-alloy").startswith(
        "Samarium-cobalt alloy (material:smco-alloy, Material; high confidence)")
    source = show("source:usgs-mcs2025-cobalt", "--format", "json")
    assert json.loads(source)["confidence"] is None
    assert show("source:usgs-mcs2025-cobalt").startswith(
        "Mineral Commodity Summaries 2025: Cobalt (source:usgs-mcs2025-cobalt, Source)\n")


def test_hard_disk_drive_at_high_fort_worth_is_no_certain_spof(run_cli):
    # before: 'Hard disk drive is without the United States it would lose 100% ... It
    # cannot be made without MP Materials, the United States and Independence magnet
    # facility (Fort Worth, Texas)': Fort Worth the one NdFeB magnet and NdPr metal plant
    # kept at high, read as the world's whole output
    rows = rows_of(load_bundled().with_min_confidence("high"), "product:hard-disk-drive")
    for node in ("company:mp-materials", "country:US", "facility:fort-worth"):
        assert rows[node] == ((0.0, 1.0), "possible"), node
    result = run_cli("--min-confidence", "high", "chokepoints", "--product",
                     "product:hard-disk-drive")
    assert result.exit_code == 0, result.output
    assert " ".join(result.stdout.split()).startswith(
        "SUPPLY-CHAIN CHOKEPOINTS Hard disk drive: without the United States it would lose "
        "≈0-100% (high confidence; rests on an assumed (≈) share).")
