"""The smaller analyses behind ``dependents``, ``paths`` and ``scenario``, as results.

The commands and the Python API (:mod:`mineralgraph.api`) call these; the reports turn
their results into text.

>>> from mineralgraph import load_bundled
>>> found = dependents(load_bundled(), "element:Sm")
>>> "product:f-35" in found.losses
True
>>> source, target, steps = paths_between(load_bundled(), "product:f-35", "element:Sm", 1)
>>> (source, target, steps[0][0].source)
('element:Sm', 'product:f-35', 'element:Sm')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mineralgraph.claim import Claim
from mineralgraph.exceptions import MineralGraphError, a_kind
from mineralgraph.graph.analysis.chokepoints import Evidence, PathStep
from mineralgraph.graph.analysis.comparison import compare, worst_case_beside
from mineralgraph.graph.analysis.confidence import (
    Caveats,
    left_out_dict,
    left_out_for,
    rule_set,
    support_key_of,
)
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.scenario import Scenario, control_in_force
from mineralgraph.graph.flow import (
    SUPPLY_NODE_KINDS,
    dependent_products,
    downstream,
    flow_graph,
    supply_paths,
    upstream,
)
from mineralgraph.graph.supply_graph import SupplyGraph


@dataclass(frozen=True)
class Dependents:
    """The products that depend on a node: each one's loss per bound (bounds whose
    baseline is 0 left out), whether the node is a "certain" or "possible" single point of
    failure of it (or False), and what the loss rests on."""

    node: str
    losses: dict[str, dict[str, float]]
    spofs: dict[str, str | bool] = field(default_factory=dict)
    caveats: dict[str, Caveats] = field(default_factory=dict)
    #: claims --min-confidence left out that bear on these products (section 5.7)
    left_out: list[Claim] = field(default_factory=list)
    #: for a country that stops a product only through its makers' own work there, the
    #: product and those makers (an annotation: the country is still a single point of
    #: failure of it, section 5.6; Analysis.through_makers)
    through_makers: dict[str, list[str]] = field(default_factory=dict)
    #: the sources of the claims each loss rests on (those its caveats read), sorted
    sources: dict[str, list[str]] = field(default_factory=dict)
    #: for a named country, an element or a material: the products with requirements
    #: nothing traces to a country, each with those materials (sorted); they may come from
    #: the country, or need the element or material (section 5.6, Analysis.untraced_reach)
    untraced: dict[str, list[str]] = field(default_factory=dict)
    #: the loss of each of those if its untraced requirements came from the country too
    untraced_losses: dict[str, float] = field(default_factory=dict)
    #: the products with no supply path from the node that may still need it because
    #: the grade of a material upstream is not stated: each with those materials and
    #: the richer grades, holding the node, that they may be (sorted); their lower bound
    #: loses the material with the node, as under a control covering it (5.6 grades)
    grades: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)


def dependents(graph: SupplyGraph, node_id: str) -> Dependents:
    """Products with a supply path from ``node_id`` and what each loses without it, and
    whether the node is a single point of failure of each (section 5.6; the rest of the
    world too, 5.2)."""
    if graph.kind(graph.require(node_id)) not in SUPPLY_NODE_KINDS:
        raise MineralGraphError(f"{node_id} is {a_kind(graph.kind(node_id))}: dependents takes "
                                "an element, material, country, company or facility")
    analysis = Analysis(graph)
    # a product that needs the node only through a left-out requirement still depends
    # on it in the lower bound
    products = set(dependent_products(graph, node_id, analysis.flow_index_for("upper"))) | set(
        dependent_products(graph, node_id, analysis.flow_index_for("lower")))
    on_paths = set(products)
    # and those that need what losing it may take with it in the lower bound, by the
    # rules a control on it follows in a scenario (Analysis.control_reach): a material of
    # unstated grade it may be, an unmapped stage that may take its input from it
    lower_flow = analysis.flow_index_for("lower")
    grade_materials, virtual = analysis.control_reach(node_id)
    reached: dict[str, list[str]] = {}
    for material in grade_materials:
        for p in dependent_products(graph, material, lower_flow):
            reached.setdefault(p, []).append(material)
    products |= set(reached) | {n for n in lower_flow.downstream_of(virtual)
                                if graph.kind(n) == "Product"}
    # a requirement nothing traces to a country may come from any country: the rule by
    # which the scenario's lower bound lets any control reach it (section 5.6); unknown
    # is not safe, so such products possibly depend on every country the data names
    untraced: dict[str, list[str]] = {}
    untraced_losses: dict[str, float] = {}
    if analysis.untraced_reach(node_id):
        # only those it may reach: a bounded composition that cannot hold it is out of reach
        reachable = analysis.untraced_reached_by(node_id)
        untraced_losses = analysis.untraced_losses(node_id, analysis.products())
        untraced = {p: [m for m in analysis.untraced_upstream(p) if m in reachable]
                    for p in sorted(untraced_losses)}
        products |= {p for p, loss in untraced_losses.items() if loss > 0}
    products = sorted(products)
    losses = analysis.node_losses(node_id, products)
    spofs = {p: ("certain" if losses[p].get("upper", 0.0) >= 1.0 - 1e-9
                 else "possible" if losses[p].get("lower", 0.0) >= 1.0 - 1e-9
                 else False) for p in products}
    # what a view names a single point of failure is decided in one place (all of 5.6's);
    # a country that is one only through the makers' own work is annotated
    bound_of = {"certain": "upper", "possible": "lower"}
    through = {p: analysis.through_makers(p, [node_id], bound_of[kind]).get(node_id, [])
               for p, kind in spofs.items() if kind}
    spofs = {p: kind if kind and analysis.sole_sources(p, [node_id], bound_of[kind]) else False
             for p, kind in spofs.items()}
    evidence = Evidence(analysis)
    covered = {node_id} | set(graph.neighbours(node_id, "CONTAINS", incoming=True))
    grades = {p: [(m, [g for g in analysis.grades()[m] if g in covered])
                  for m in sorted(reached[p])] for p in products
              if p in reached and p not in on_paths}

    def grade_claims(p: str) -> list[Claim]:
        # the material's path to the product, and the node's path into the grade
        return [c for m, gs in grades.get(p, ()) for c in evidence.claims(m, p)
                + [c for g in gs for c in evidence.claims(node_id, g)]]

    # the paths a chokepoint row of the node shows: the caveats and sources read them as
    # that row does, so both views give one confidence for one figure (section 5.7)
    shown = {p: evidence.paths(node_id, p) for p in products}
    # what each loss rests on, read once for its caveats and its sources (a country's
    # facilities make hundreds of claims a product)
    rests_on = {p: evidence.claims(node_id, p, shown[p]) for p in products}

    def caveats(p: str) -> Caveats:
        # a single point of failure loses all, whatever its part of a pool (as its row);
        # Evidence.caveats of the same claims: those the loss rests on (figure_rests_on)
        found = replace(Caveats.of(evidence.figure_rests_on(node_id, p, rests_on[p])),
                        assumed_share=(evidence.assumed_share(node_id, p)
                                       and spofs[p] != "certain"))
        found |= Caveats.of(grade_claims(p))
        # a loss that the mapped supply does not show (an untraced requirement, an
        # unmapped stage the node may feed) is the rules' alone: its confidence is unknown
        high = max([*losses[p].values(), untraced_losses.get(p, 0.0), 0.0])
        return (found.unknown() if rule_set(losses[p].get("upper"), high, fact_drivers=bool(
            grades.get(p)) or evidence.assumed_share(node_id, p)) else found)

    return Dependents(node_id, losses, spofs,
                      {p: caveats(p) for p in products},
                      left_out_downstream(graph, node_id),
                      {p: makers for p, makers in sorted(through.items()) if makers},
                      {p: sorted({s for c in rests_on[p]
                                  + evidence.figure_rests_on(node_id, p, rests_on[p])
                                  + [c for m in untraced.get(p, ()) for c in
                                     evidence.claims(m, p)] + grade_claims(p)
                                  for s in c.sources})
                       for p in products},
                      {p: untraced[p] for p in products if p in untraced},
                      {p: round(untraced_losses[p], 6) for p in products if p in untraced},
                      grades)


def _full_flow(graph: SupplyGraph):
    """The flow view of the graph with every claim --min-confidence left out put back."""
    return flow_graph(SupplyGraph(graph.given_claims(), as_of=graph.as_of_date,
                                  policy=graph.policy, loaded=graph.loaded,
                                  press_figures=graph.press_figures))


def left_out_downstream(graph: SupplyGraph, node_id: str) -> list[Claim]:
    """The claims --min-confidence left out on a supply path from a node onward (in the
    graph with them put back): what ``dependents`` would have counted with them."""
    if not graph.left_out:
        return []
    flow = _full_flow(graph)
    after = downstream(flow, node_id) | {node_id}
    return [c for c in graph.left_out if c.subject in after and str(c.object) in after]


def paths_between(graph: SupplyGraph, source: str, target: str,
                  max_paths: int = 100) -> tuple[str, str, list[list[PathStep]]]:
    """Supply paths between two nodes, the way material flows, each step with its sources.

    The ends may be given in either order: the answer says which one is upstream, as
    ``(upstream, downstream, paths)``.
    """
    graph.require(source)
    graph.require(target)
    analysis = Analysis(graph)
    found = supply_paths(analysis.flow_index, source, target, max_paths)
    if not found:
        found = supply_paths(analysis.flow_index, target, source, max_paths)
        if found:
            source, target = target, source
    evidence = Evidence(analysis)
    return source, target, [[evidence.step(u, v, p[i + 2:]) for i, (u, v) in
                             enumerate(zip(p, p[1:], strict=False))] for p in found]


def left_out_between(graph: SupplyGraph, source: str, target: str) -> list[Claim]:
    """The claims --min-confidence left out that lie between two nodes: on a supply path
    between them (either way) in the graph with every left-out claim put back. What
    ``paths`` would have shown with them (section 5.7), sorted."""
    if not graph.left_out:
        return []
    flow = _full_flow(graph)
    between: set[str] = set()
    for up, down in ((source, target), (target, source)):
        if up in flow and down in flow:
            between |= ((downstream(flow, up) | {up}) & (upstream(flow, down) | {down}))
    return [c for c in graph.left_out if c.subject in between and str(c.object) in between]


def not_made_row(graph: SupplyGraph, product: str, later: list) -> dict:
    """A scenario's row of a product not made yet on the graph's date (``later``: its
    dated MAKES claims, :meth:`SupplyGraph.not_made_yet`): who makes it from when and on
    what sources, and no figure (every availability, loss and range None, no single
    point of failure), as the chokepoint report's ``not_made_yet``."""
    return {"product": product, "label": graph.label(product),
            "end_use": graph.values(product, "end_use"),
            "not_made_yet": {"made_from": later[0].valid_from.isoformat(),
                             "makers": sorted({c.subject for c in later}),
                             "sources": sorted({s for c in later for s in c.sources})},
            "confidence": None, "assumed_share": False, "proxies": [], "disputes": [],
            "baseline": None, "availability": None, "baseline_range": None,
            "availability_range": None, "mapped_availability": None, "loss": None,
            "loss_range": None, "may_be_unavailable_at_baseline": False,
            "supply_not_mapped": [], "range_from_unmapped": [], "drivers": [],
            "low_drivers": [], "range_from_grade": [], "range_from_maker": [],
            "new_spofs": [], "new_possible_spofs": [],
            "rest_of_world_only": False, "worst_case_loss_range": None, "worst_case": None,
            "requirements_recorded": len(graph.relation_claims(product, "REQUIRES"))}


def scenario_result(graph: SupplyGraph, scenario: Scenario) -> dict:
    """Loss of every product under the scenario, against the baseline without it, on a
    graph already at the scenario's date; hardest hit first."""
    notes = []
    for item in scenario.enforce:
        if not control_in_force(graph, item["control"], graph.as_of_date):
            notes.append(f"{item['control']} is not in force on "
                         f"{graph.as_of_date or 'the latest date'}; it changes nothing")
    after = Analysis(graph, scenario)
    products = after.plain().products()
    # a product not made yet on the date has no supply to lose: its row says from when
    # its making is dated instead of a loss (as chokepoints and spof do), listed last
    later = {p: found for p in products if (found := graph.not_made_yet(p))}
    # beside each figure, what --worst-case gives (a grade not stated, supply not mapped:
    # unknown, not safe); the figures themselves are the default's
    rows = [{**row, "label": graph.label(row["product"]),
             "end_use": graph.values(row["product"], "end_use")}
            for row in worst_case_beside(graph, scenario, compare(
                graph, scenario, [p for p in products if p not in later], analysis=after))]
    # at an equal loss the better-supported first, then the id (the one tie-break)
    rows.sort(key=lambda r: (-r["loss"], -r["loss_range"][1], support_key_of(r),
                             r["product"]))
    rows += [not_made_row(graph, product, found) for product, found in sorted(later.items())]
    return {"scenario": scenario.name, "title": scenario.title,
            "as_of": graph.as_of_date.isoformat() if graph.as_of_date else None,
            "removed": list(scenario.remove), "enforced": [i["control"] for i in scenario.enforce],
            "products": rows, "notes": notes,
            "left_out_below_confidence": [left_out_dict(c, graph.worst_case) for c in left_out_for(
                graph, [r["product"] for r in rows])]}


__all__ = ["Dependents", "dependents", "left_out_between", "paths_between", "scenario_result"]
