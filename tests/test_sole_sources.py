"""Which single points of failure a view names: one definition
(:meth:`Analysis.sole_sources`), design note 5.6's, the same answer in every view.

Hand graph: product P (defence) requires material M. M comes from country AA (share 0.6)
and the rest of the world (``country:XX``, 0.4). Without AA, P keeps 0.4; without the
rest of the world, 0.6. A scenario that removes AA leaves the rest of the world the only
supply of M: losing it then costs all P still gets, so it is a single point of failure
(design note 5.2), in the chokepoint rows, the scenario's new single points of failure and
``dependents`` alike; the views add that it is many countries (``rest_of_world_only``).
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


def test_rest_of_world_is_named_a_spof_by_the_one_definition():
    analysis = Analysis(SupplyGraph(BASE), WITHOUT_AA)
    assert analysis.spofs("product:p") == {"country:XX", "material:m"}
    assert analysis.sole_sources("product:p", analysis.spofs("product:p")) == {
        "country:XX", "material:m"}


def test_every_view_lists_the_rest_of_world_as_a_spof_alike():
    graph = SupplyGraph(BASE)
    report = chokepoints(graph, ["product:p"], WITHOUT_AA)[0]
    rows = {c.id: c for c in report.chokepoints}
    # all P still gets under the scenario comes from the rest of the world: loss 100%
    assert rows["country:XX"].loss_range == (1.0, 1.0)
    assert (rows["country:XX"].spof_kind, report.all_spofs, report.possible_spofs) == (
        "certain", ["country:XX", "material:m"], [])
    assert rows["country:XX"].rank == 1 and report.rest_of_world_only
    [row] = compare(graph, WITHOUT_AA, ["product:p"])
    assert (row["new_spofs"], row["new_possible_spofs"], row["rest_of_world_only"]) == (
        ["country:XX"], [], True)
    base = {c.id: c for c in chokepoints(graph, ["product:p"])[0].chokepoints}
    assert base["country:XX"].loss_range == pytest.approx((0.4, 0.4))
    assert base["country:AA"].loss_range == pytest.approx((0.6, 0.6))


def test_dependents_of_the_rest_of_world_name_it_a_spof():
    """P also needs N, which only the rest of the world produces: without it P gets
    nothing, and ``dependents`` and the chokepoint rows name it a single point of failure
    (design note 5.2)."""
    graph = SupplyGraph(BASE + [claim("material:n", "label", "N"),
                                claim("material:n", "stage", "mining"),
                                claim("product:p", "REQUIRES", "material:n"),
                                claim("country:XX", "PRODUCES", "material:n", share=0.3)])
    found = dependents(graph, "country:XX")
    assert found.losses["product:p"] == {"lower": 1.0, "upper": 1.0}
    assert found.spofs["product:p"] == "certain"
    report = chokepoints(graph, ["product:p"])[0]
    rows = {c.id: c for c in report.chokepoints}
    assert (rows["country:XX"].loss_range, rows["country:XX"].spof_kind) == ((1.0, 1.0),
                                                                             "certain")
    assert "country:XX" in report.all_spofs and report.rest_of_world_only


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


def test_a_makers_country_is_a_spof_annotated_with_the_maker():
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
    # a SPOF (5.6: the upper bound without AA is 0), annotated with the maker (5.1)
    assert (rows["country:AA"].loss_range, rows["country:AA"].spof_kind,
            rows["country:AA"].through_makers) == ((1.0, 1.0), "certain", ["company:mk"])
    assert rows["company:mk"].spof_kind == "certain"  # the actuator's one producer
    assert "country:AA" in report.all_spofs and report.supplier_spofs == ["country:AA"]
    assert report.through_makers == {"country:AA": ["company:mk"]}
    # the worst supplier of the summary is still one whose producers Q needs
    assert report.worst_supplier.id == "country:BB"
    found = dependents(graph, "country:AA")
    assert (found.spofs["product:q"], found.through_makers) == (
        "certain", {"product:q": ["company:mk"]})


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


def test_the_bundled_optimus_names_the_united_states_via_tesla(run_cli):
    """Tesla makes Optimus and its actuators; the data places Tesla in the United States
    (its headquarters), so without the United States Optimus gets nothing: a certain
    SPOF (design note 5.6), with Tesla named beside it (5.1)."""
    import csv
    import io
    import json

    report = json.loads(run_cli("chokepoints", "--product", "product:optimus",
                                "--format", "json").stdout)[0]
    assert "country:US" in report["spofs"] and "country:US" not in report["possible_spofs"]
    assert report["spofs_through_makers"] == {"country:US": ["company:tesla"]}
    us = next(r for r in report["chokepoints"] if r["id"] == "country:US")
    assert (us["spof"], us["loss"], us["loss_range"], us["spof_through_makers"]) == (
        "certain", 1.0, [1.0, 1.0], ["company:tesla"])
    # its magnets are NdFeB of unstated grade, which JL Mag supplies to Tesla (sourcing
    # rule 3): JL Mag and China both stop it; JL Mag ranks first
    assert report["worst_supplier"] == "company:jl-mag"
    spofs = json.loads(run_cli("spof", "product:optimus", "--format", "json").stdout)
    countries = {r["id"]: r for r in spofs["spofs"] if r["kind"] == "Country"}
    assert sorted(countries) == ["country:CN", "country:US"]
    assert (countries["country:US"]["spof"], countries["country:US"]["loss"],
            countries["country:US"]["spof_through_makers"]) == ("certain", 1.0,
                                                                ["company:tesla"])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run_cli(
        "chokepoints", "--product", "product:optimus", "--format", "csv").stdout))}
    assert (rows["country:US"]["loss_high"], rows["country:US"]["spof"],
            rows["country:US"]["spof_through_makers"]) == ("1.0", "certain", "company:tesla")
    table = run_cli("chokepoints", "--product", "product:optimus", "--format", "md").stdout
    us = next(line for line in table.splitlines() if "(country:US)" in line)
    assert "| 100% | yes, via maker |" in us
    text = " ".join(run_cli("spof", "product:optimus").stdout.split())
    assert ("The United States is a single point of failure too, but only through Tesla, "
            "its maker") in text


def test_dependents_of_the_united_states_say_via_maker(run_cli):
    import json

    rows = {r["product"]: r for r in json.loads(run_cli(
        "dependents", "country:US", "--format", "json").stdout)["dependents"]}
    optimus = rows["product:optimus"]
    assert (optimus["loss"], optimus["loss_high"], optimus["spof"],
            optimus["spof_through_makers"]) == (1.0, 1.0, "certain", ["company:tesla"])
    # JSON's spof is the note's: "certain", "possible" or false, never "no"
    assert {r["spof"] for r in rows.values()} <= {"certain", "possible", False}
    assert any(r["spof"] is False for r in rows.values())
    text = " ".join(run_cli("dependents", "country:US").stdout.split())
    assert ("Tesla Optimus humanoid robot and Patriot air and missile defence system would "
            "lose all without it only through their makers' own work there (via maker): it "
            "is a single point of failure of them (design note 5.6)") in text
