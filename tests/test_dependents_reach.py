"""``dependents`` follows the rules a control follows in ``scenario`` (design note 5.6 and
its addendum), so the two never disagree: losing a node costs at least what a control on
it costs. The trial found ``dependents element:Dy`` without the Optimus, which a control
on Dy puts at 0-100% under ``--worst-case`` (its magnets' grade is not stated), and the
untraced rule for countries only. The grade and untraced rules are ``--worst-case``'s (the
addendum's): by default neither a control nor ``dependents`` applies them."""

from __future__ import annotations

import json

import pytest

from mineralgraph import load_bundled
from mineralgraph.claim import Claim
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.lookups import dependents
from mineralgraph.graph.analysis.scenario import Restriction, Scenario
from mineralgraph.graph.analysis.structure import located_in
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)


def rel(subject, predicate, obj, **q):
    return Claim(subject, predicate, obj, tuple(sorted(q.items())), S)


def tiny(wide: bool = True) -> SupplyGraph:
    """P needs a magnet M of unstated grade (Nd, made from alloy A); H is its Dy-doped
    grade (Nd and Dy, made from A and Dy metal D); Q needs H. R needs U, a stage nobody
    is recorded to make, made from oxide O: the United States makes 30% of O, China 70%.
    China makes everything else. Read with --worst-case unless ``wide`` is False."""
    claims = [Claim("source:s", "label", "s")]
    for m in ("material:m", "material:h"):
        claims.append(Claim(m, "stage", "component", (), S))
    claims += [rel("material:m", "CONTAINS", "element:Nd"),
               rel("material:m", "MADE_FROM", "material:a"),
               rel("material:h", "CONTAINS", "element:Nd"),
               rel("material:h", "CONTAINS", "element:Dy"),
               rel("material:h", "MADE_FROM", "material:a"),
               rel("material:h", "MADE_FROM", "material:d"),
               rel("material:d", "CONTAINS", "element:Dy"),
               rel("material:u", "MADE_FROM", "material:o"),
               rel("product:p", "REQUIRES", "material:m"),
               rel("product:q", "REQUIRES", "material:h"),
               rel("product:r", "REQUIRES", "material:u"),
               rel("country:US", "PRODUCES", "material:o", share=0.3),
               rel("country:CN", "PRODUCES", "material:o", share=0.7)]
    claims += [rel("country:CN", "PRODUCES", m, share=1.0)
               for m in ("material:m", "material:h", "material:a", "material:d")]
    return SupplyGraph(labelled(claims), worst_case=wide)


def labelled(claims: list[Claim]) -> list[Claim]:
    """The claims with a label for every node they name."""
    nodes = sorted({c.subject for c in claims} | {c.object for c in claims if c.is_relation})
    return claims + [Claim(n, "label", n.split(":")[1], (), S) for n in nodes
                     if n != "source:s"] + [Claim("company:x", "label", "x", (), S)]


def test_losing_an_element_takes_the_magnet_of_unstated_grade_in_the_low_end():
    """Hand check: without Dy, H (and Q) is 0 in both bounds; P's magnet M may be H, so
    P's low end is 0 (loss 100%) and its high end reads M as stated (loss 0%)."""
    found = dependents(tiny(), "element:Dy")
    assert found.losses == {"product:p": {"lower": 1.0, "upper": 0.0},
                            "product:q": {"lower": 1.0, "upper": 1.0}}
    assert found.spofs == {"product:p": "possible", "product:q": "certain"}
    assert found.grades == {"product:p": [("material:m", ["material:h"])]}
    # the grade itself reaches M the same way; Nd, in both grades, reaches it as stated
    assert dependents(tiny(), "material:h").losses["product:p"] == {"lower": 1.0, "upper": 0.0}
    assert dependents(tiny(), "element:Nd").losses["product:p"] == {"lower": 1.0, "upper": 1.0}
    # by default (section 5.6 as written) the magnet is read as stated in both bounds
    plain = dependents(tiny(wide=False), "element:Dy")
    assert plain.losses == {"product:q": {"lower": 1.0, "upper": 1.0}} and plain.grades == {}


def test_losing_a_country_takes_the_unmapped_stage_that_may_buy_its_input():
    """Hand check: U has no producer; its world pool of O loses the US's 30% (upper:
    R keeps 70%, loss 30%). Its unknown maker may buy all its O from the US, as a US
    control on O assumes in the scenario's low end: R loses 100% there."""
    graph = tiny(wide=False)  # the note's own rule: the same under --worst-case
    found = dependents(graph, "country:US")
    assert found.losses["product:r"] == pytest.approx({"lower": 1.0, "upper": 0.3})
    assert found.spofs["product:r"] == "possible"
    scenario = Scenario("t", restrict=(Restriction("country:US", ("material:o",)),))
    under = Analysis(graph, scenario)
    assert under.availability_range("product:r") == pytest.approx((0.0, 0.7))
    # a company or facility reaches no unknown producer (5.6): nothing beyond its own
    assert Analysis(graph).control_reach("company:x") == ([], [])


def test_losing_an_element_or_material_reaches_untraced_requirements_a_company_does_not():
    graph = SupplyGraph(labelled([*tiny().claims, rel("product:v", "REQUIRES", "material:x")]),
                        worst_case=True)
    assert not Analysis(graph.with_worst_case(False)).untraced()
    assert dependents(graph.with_worst_case(False), "element:Dy").untraced == {}
    analysis = Analysis(graph)
    assert analysis.untraced() == {"material:x"}
    for node in ("element:Dy", "material:o", "country:US"):
        assert analysis.untraced_reach(node), node
        assert dependents(graph, node).untraced == {"product:v": ["material:x"]}
    for node in ("company:x", "country:XX"):
        assert not analysis.untraced_reach(node), node


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


def _ranges(analysis: Analysis, base: Analysis) -> dict[str, tuple[float, float]]:
    out = {}
    for p in base.products():
        pairs = [1 - u / b for u, b in zip(analysis.availability_range(p),
                                           base.baseline_range(p), strict=True) if b > 0]
        out[p] = (min(pairs, default=0.0), max(pairs, default=0.0))
    return out


@pytest.mark.parametrize("wide", [False, True], ids=["note", "worst-case"])
def test_dependents_never_below_a_control_on_the_node_for_every_element_and_country(bundled,
                                                                                    wide):
    """Property of the bundled graph: for every element, the control of every country
    making something that contains it; for every named country, its control on all it
    makes. Every product the scenario puts at risk is a dependent, its high end at least
    the scenario's (before: 222 products missing for elements, 95 high ends short for
    countries). In both readings."""
    bundled = bundled.with_worst_case(wide)
    base = Analysis(bundled)
    makes: dict[str, set[str]] = {}
    for claim in bundled.edge_claims("PRODUCES"):
        for country in located_in(bundled, claim.subject):
            makes.setdefault(country, set()).add(str(claim.object))
    checked = 0
    for kind in ("Element", "Country"):
        for node in bundled.ids(kind):
            if kind == "Element":
                covered = set(bundled.neighbours(node, "CONTAINS", incoming=True))
                restrict = tuple(Restriction(c, (node,)) for c in sorted(makes)
                                 if c != "country:XX" and makes[c] & covered)
            else:
                restrict = ((Restriction(node, tuple(sorted(makes[node]))),)
                            if node in makes and node != "country:XX" else ())
            if not restrict:
                continue
            hit = {p: r for p, r in _ranges(Analysis(bundled, Scenario("t", restrict=restrict)),
                                            base).items() if r[1] > 1e-9}
            found = dependents(bundled, node)
            for product, (_, high) in hit.items():
                assert product in found.losses, (node, product)
                values = list(found.losses[product].values()) or [0.0]
                mine = max(max(values), found.untraced_losses.get(product, 0.0))
                assert mine >= high - 1e-9, (node, product, mine, high)
            checked += len(hit)
    assert checked > (900 if wide else 400)


def test_dependents_of_dysprosium_name_the_optimus(run_cli):
    # by default the Optimus's magnet of unstated grade is read as stated (no Dy)
    plain = json.loads(run_cli("dependents", "element:Dy", "--format", "json").stdout)
    assert "product:optimus" not in {r["product"] for r in plain["dependents"]}
    data = json.loads(run_cli("--worst-case", "dependents", "element:Dy", "--format",
                              "json").stdout)
    rows = {r["product"]: r for r in data["dependents"]}
    assert (rows["product:optimus"]["loss_range"], rows["product:optimus"]["spof"],
            rows["product:optimus"]["range_from_grade"]) == (
        [0.0, 1.0], "possible",
        [{"material": "material:ndfeb-magnet", "grades": ["material:ndfeb-magnet-ht"]}])
    assert rows["product:f-35"]["range_from_grade"] == []
    text = " ".join(run_cli("--worst-case", "dependents", "element:Dy").stdout.split())
    assert ("Lockheed Martin F-22 Raptor (product:f-22), Apple iPhone (smartphone) "
            "(product:iphone), Javelin anti-tank missile (Raytheon / Lockheed Martin) "
            "(product:javelin), Joint Direct Attack Munition (JDAM) guided bomb kit (product:jdam) "
            "and Tesla Optimus humanoid robot "
            "(product:optimus) have no supply path from dysprosium but need Sintered NdFeB "
            "permanent magnet, whose grade no source states: it may be High-temperature "
            "NdFeB magnet (Dy/Tb-doped), which contains dysprosium") in text


def test_a_brief_on_dysprosium_names_what_dependents_lists_beyond_its_supply_paths(run_cli):
    """The brief's chain is drawn along supply paths; the products dependents adds (grade,
    untraced, under --worst-case) are named in its summary, not left out."""
    assert "with no supply path from" not in run_cli("brief", "element:Dy").stdout
    text = " ".join(run_cli("--worst-case", "brief", "element:Dy").stdout.split())
    assert ("cannot be made; with no supply path from dysprosium, AIM-9X Sidewinder "
            "air-to-air missile, M2/M3 Bradley fighting vehicle, Arleigh Burke-class (DDG-51) "
            "destroyer, Lockheed Martin F-22 Raptor, Apple iPhone (smartphone), Javelin "
            "anti-tank missile (Raytheon / Lockheed Martin), Joint Direct Attack Munition "
            "(JDAM) guided bomb kit and Tesla Optimus humanoid robot (the grade of Sintered "
            "NdFeB permanent magnet is not stated and may be one that needs it) and "
            "Columbia-class") in text
    # a company reaches nothing beyond its supply paths
    assert "with no supply path from" not in run_cli("brief", "company:mp-materials").stdout
