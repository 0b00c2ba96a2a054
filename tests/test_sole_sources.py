"""Which single points of failure a view may name: one definition
(:meth:`Analysis.sole_sources`), the same answer in every view.

Hand graph: product P (defence) requires material M. M comes from country AA (share 0.6)
and the rest of the world (``country:XX``, 0.4). Without AA, P keeps 0.4; without the
rest of the world, 0.6. A scenario that removes AA leaves the rest of the world the only
supply of M: losing it then costs all P still gets, yet it is many countries, not one
sole source (addendum, 5.2 extended), in the chokepoint rows, the scenario's new single
points of failure and ``dependents`` alike.
"""

from __future__ import annotations

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis.chokepoints import chokepoints
from mineralgraph.graph.analysis.comparison import compare
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.lookups import dependents
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)


def claim(subject, predicate, obj, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=S)


BASE = [claim("source:s", "title", "S"),
        claim("product:p", "label", "P"), claim("product:p", "end_use", "defence"),
        claim("material:m", "label", "M"), claim("material:m", "stage", "mining"),
        claim("country:AA", "label", "A"),
        claim("country:XX", "label", "rest of world (countries not named)"),
        claim("product:p", "REQUIRES", "material:m"),
        claim("country:AA", "PRODUCES", "material:m", share=0.6),
        claim("country:XX", "PRODUCES", "material:m", share=0.4)]
WITHOUT_AA = Scenario("without-aa", remove=("country:AA",))


def test_rest_of_world_is_never_named_a_sole_source_by_the_one_definition():
    analysis = Analysis(SupplyGraph(BASE), WITHOUT_AA)
    assert analysis.spofs("product:p") == {"country:XX", "material:m"}
    assert analysis.sole_sources("product:p", analysis.spofs("product:p")) == {"material:m"}


def test_every_view_leaves_the_rest_of_world_out_alike():
    graph = SupplyGraph(BASE)
    report = chokepoints(graph, ["product:p"], WITHOUT_AA)[0]
    rows = {c.id: c for c in report.chokepoints}
    # all P still gets under the scenario comes from the rest of the world: loss 100%
    assert rows["country:XX"].loss_range == (1.0, 1.0)
    assert (rows["country:XX"].spof_kind, report.all_spofs, report.possible_spofs) == (
        False, ["material:m"], [])
    assert report.rest_of_world_only
    [row] = compare(graph, WITHOUT_AA, ["product:p"])
    assert (row["new_spofs"], row["new_possible_spofs"], row["rest_of_world_only"]) == (
        [], [], True)
    base = {c.id: c for c in chokepoints(graph, ["product:p"])[0].chokepoints}
    assert base["country:XX"].loss_range == pytest.approx((0.4, 0.4))
    assert base["country:AA"].loss_range == pytest.approx((0.6, 0.6))


def test_dependents_of_the_rest_of_world_name_no_sole_source():
    """P also needs N, which only the rest of the world produces: without it P gets
    nothing, and ``dependents`` says so with no single point of failure."""
    graph = SupplyGraph(BASE + [claim("material:n", "label", "N"),
                                claim("material:n", "stage", "mining"),
                                claim("product:p", "REQUIRES", "material:n"),
                                claim("country:XX", "PRODUCES", "material:n", share=0.3)])
    found = dependents(graph, "country:XX")
    assert found.losses["product:p"] == {"lower": 1.0, "upper": 1.0}
    assert found.spofs["product:p"] is False
    rows = {c.id: c for c in chokepoints(graph, ["product:p"])[0].chokepoints}
    assert (rows["country:XX"].loss_range, rows["country:XX"].spof_kind) == ((1.0, 1.0), False)


# ------------------------------------------------------------------ a maker's country
#: Q (robotics) is made by company MK, located in AA, which makes Q's actuator S itself
#: (no facility: design note 5.1 places that work in AA). S needs material X, from AA and
#: BB half each. Without AA, Q gets nothing, but only because MK's own work sits there:
#: AA's part of what Q needs from suppliers is half of X.
MAKER = [claim("source:s", "title", "S"),
         claim("product:q", "label", "Q"), claim("product:q", "end_use", "robotics"),
         claim("company:mk", "label", "MK"), claim("country:AA", "label", "A"),
         claim("country:BB", "label", "B"),
         claim("material:s", "label", "Actuator"), claim("material:s", "stage", "subsystem"),
         claim("material:x", "label", "X"), claim("material:x", "stage", "mining"),
         claim("company:mk", "MAKES", "product:q"),
         claim("company:mk", "LOCATED_IN", "country:AA"),
         claim("company:mk", "PRODUCES", "material:s"),
         claim("product:q", "REQUIRES", "material:s"),
         claim("material:s", "REQUIRES", "material:x"),
         claim("country:AA", "PRODUCES", "material:x", share=0.5),
         claim("country:BB", "PRODUCES", "material:x", share=0.5)]


def test_a_makers_country_is_no_sole_source_of_what_the_maker_makes_itself():
    graph = SupplyGraph(MAKER)
    analysis = Analysis(graph)
    # removing AA removes MK's actuators (5.1): the engine's figure stays as it is
    assert analysis.spofs("product:q") >= {"country:AA", "company:mk"}
    assert analysis.through_makers("product:q", ["country:AA", "country:BB"]) == {
        "country:AA": ["company:mk"]}
    # with MK's own work kept, Q without AA keeps BB's half of X
    assert analysis.apart_from_makers("product:q", "country:AA",
                                      ["company:mk"]) == pytest.approx(0.5)
    assert analysis.apart_from_makers("product:q", "country:AA", []) == 0.0
    report = chokepoints(graph, ["product:q"])[0]
    rows = {c.id: c for c in report.chokepoints}
    assert (rows["country:AA"].loss_range, rows["country:AA"].spof_kind,
            rows["country:AA"].through_makers) == ((1.0, 1.0), False, ["company:mk"])
    assert rows["company:mk"].spof_kind == "certain"  # the actuator's one producer
    assert "country:AA" not in report.all_spofs and report.supplier_spofs == []
    assert report.through_makers == {"country:AA": ["company:mk"]}
    assert report.worst_supplier.id == "country:BB"
    found = dependents(graph, "country:AA")
    assert (found.spofs["product:q"], found.through_makers) == (
        False, {"product:q": ["company:mk"]})


def test_a_makers_country_that_is_also_the_only_producer_stays_a_sole_source():
    only_aa = [c for c in MAKER if c.subject != "country:BB" or c.predicate != "PRODUCES"]
    only_aa = [c if c.subject != "country:AA" or c.predicate != "PRODUCES"
               else claim("country:AA", "PRODUCES", "material:x", share=1.0) for c in only_aa]
    graph = SupplyGraph(only_aa)
    report = chokepoints(graph, ["product:q"])[0]
    rows = {c.id: c for c in report.chokepoints}
    assert (rows["country:AA"].spof_kind, rows["country:AA"].through_makers) == ("certain", [])
    assert report.supplier_spofs == ["country:AA"] and report.through_makers == {}
    assert dependents(graph, "country:AA").spofs["product:q"] == "certain"


def test_the_bundled_optimus_names_no_maker_country(run_cli):
    """Tesla makes Optimus and its actuators; the data places Tesla in the United States
    (its headquarters). The trial read "the United States, a sole source"."""
    import csv
    import io
    import json

    report = json.loads(run_cli("chokepoints", "--product", "product:optimus",
                                "--format", "json").stdout)[0]
    assert "country:US" not in report["spofs"] + report["possible_spofs"]
    assert report["spofs_through_makers"] == {"country:US": ["company:tesla"]}
    # its magnets are NdFeB of unstated grade, which JL Mag supplies to Tesla (sourcing
    # rule 3): JL Mag and China both stop it; JL Mag ranks first
    assert report["worst_supplier"] == "company:jl-mag"
    spofs = json.loads(run_cli("spof", "product:optimus", "--format", "json").stdout)
    assert [r["id"] for r in spofs["spofs"] if r["kind"] == "Country"] == ["country:CN"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run_cli(
        "chokepoints", "--product", "product:optimus", "--format", "csv").stdout))}
    assert (rows["country:US"]["loss_high"], rows["country:US"]["spof"],
            rows["country:US"]["spof_through_makers"]) == ("1.0", "no", "company:tesla")
    table = run_cli("chokepoints", "--product", "product:optimus", "--format", "md").stdout
    us = next(line for line in table.splitlines() if "(country:US)" in line)
    assert "| ≈100% | via maker |" in us
    text = " ".join(run_cli("spof", "product:optimus").stdout.split())
    assert ("The United States is not counted as a single point of failure: it stops Tesla "
            "Optimus humanoid robot only through Tesla, its maker") in text


def test_dependents_of_the_united_states_say_via_maker(run_cli):
    import json

    rows = {r["product"]: r for r in json.loads(run_cli(
        "dependents", "country:US", "--format", "json").stdout)["dependents"]}
    optimus = rows["product:optimus"]
    assert (optimus["loss_high"], optimus["spof"], optimus["spof_through_makers"]) == (
        1.0, "no", ["company:tesla"])
    text = " ".join(run_cli("dependents", "country:US").stdout.split())
    assert ("Tesla Optimus humanoid robot and Patriot air and missile defence system would "
            "lose all without it only through their makers' own work there (via maker)") in text
