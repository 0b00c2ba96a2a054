"""The analysis engine: availability, loss and single points of failure of products.

:class:`Analysis` compiles the AND-OR structure of a graph once per *scope* (the set of
producers that the enforced export controls block for a product; products under the
same controls share one), evaluates the baseline once, and then, for each candidate
node upstream of the requested products, re-evaluates incrementally only what that
node's removal changes. One pass gives every product's loss from that node, so work
is shared across products. Single points of failure come from killer sets
(:meth:`Evaluator.killers`), computed in one pass per scope.

>>> from mineralgraph import load_bundled
>>> analysis = Analysis(load_bundled())
>>> analysis.availability("product:f-35", removed=["element:Sm"])
0.0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from mineralgraph.graph.analysis.evaluator import ALL, Evaluator
from mineralgraph.graph.analysis.scenario import Restriction, Scenario
from mineralgraph.graph.analysis.structure import (
    Structure,
    StructureBuilder,
    anchors,
    located_in,
    material_inputs,
    untraced,
)
from mineralgraph.graph.flow import flow_graph, upstream
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model


@dataclass
class Scope:
    """One compiled structure with its evaluator and baseline values."""

    structure: Structure
    evaluator: Evaluator
    zero: frozenset[int]
    baseline: list[float]

    def zero_for(self, removed: Iterable[str]) -> set[int]:
        """Evaluation nodes zeroed by removing these graph ids, plus the scenario's."""
        nodes = set(self.zero)
        for node_id in removed:
            nodes.update(self.structure.owned.get(node_id, ()))
        return nodes


#: The two bounds of section 5.6: the lower one gives each material without a producer a
#: virtual producer in its anchor country; the upper one is section 2 as it stands.
BOUNDS = ("lower", "upper")


class Analysis:
    """Availability answers for the products of one graph under one scenario.

    Every answer has a ``bound`` (``"upper"`` by default, ``"lower"``): see
    :data:`BOUNDS` and section 5.6 of the design note.

    Parameters
    ----------
    graph : SupplyGraph
        Already at the wanted date (``graph.as_of(date)``).
    scenario : Scenario, optional
        Nodes it removes and export controls it enforces; checked against the graph.
    """

    def __init__(self, graph: SupplyGraph, scenario: Scenario | None = None):
        self.graph = graph
        self.scenario = scenario.check(graph) if scenario else None
        self.removed = tuple(scenario.remove) if scenario else ()
        self.restrictions = scenario.restrictions(graph) if scenario else ()
        self.flow = flow_graph(graph)
        #: the graph of the lower bound: requirements that --min-confidence left out are
        #: put back there (unknown, not absent: section 5.7)
        self.lower_graph = graph.with_left_out_requirements()
        self.lower_flow = (self.flow if self.lower_graph is graph
                           else flow_graph(self.lower_graph))
        self._lower_upstream: dict[str, set[str]] = {}
        self._scopes: dict[tuple, Scope] = {}
        self._upstream: dict[str, set[str]] = {}
        self._candidates: dict[tuple, set[str]] = {}
        self._anchors: dict[str, str | None] | None = None
        self._untraced: set[str] | None = None
        self._plain: Analysis | None = None

    # ------------------------------------------------------------------ scopes
    def products(self) -> list[str]:
        """Every product in the graph, sorted."""
        return self.graph.ids("Product")

    def anchors(self) -> dict[str, str | None]:
        """Anchor country of each material without a producer, on the baseline graph
        (of the lower bound, the only one that uses them)."""
        if self._anchors is None:
            self._anchors = anchors(self.lower_graph)
        return self._anchors

    def blocked_for(self, product: str, bound: str = "upper") -> frozenset:
        """(producer, material) pairs the enforced restrictions block for this product, and
        for the lower bound the ``("virtual", material)`` producers they reach."""
        blocked = set()
        for restriction in self.restrictions:
            if self._in_scope(product, restriction, bound):
                blocked |= self._blocked_pairs(restriction)
                if bound == "lower":
                    blocked |= self._blocked_virtual(restriction)
        return frozenset(blocked)

    def _in_scope(self, product: str, restriction: Restriction, bound: str = "upper") -> bool:
        uses = set(self.graph.values(product, "end_use"))
        if restriction.end_uses and not uses & set(restriction.end_uses):
            return False
        if restriction.targets:
            makers = self.graph.neighbours(product, "MAKES", incoming=True)
            where = [self.graph.neighbours(m, "LOCATED_IN") for m in makers]
            if {c for found in where for c in found} & set(restriction.targets):
                return True
            # a maker, or a maker's country, not known: inside for the lower bound only
            return bound == "lower" and (not makers or not all(where))
        return True

    def _covered(self, restriction: Restriction) -> set[str]:
        covered = set()
        for node in restriction.covers:
            if model.kind_of(node) == "Element":
                covered |= set(self.graph.neighbours(node, "CONTAINS", incoming=True))
            else:
                covered.add(node)
        return covered

    def _blocked_pairs(self, restriction: Restriction) -> set:
        pairs = set()
        for material in self._covered(restriction):
            for claim in self.graph.relation_claims(material, "PRODUCES", incoming=True):
                if restriction.issuer in located_in(self.graph, claim.subject):
                    pairs.add((claim.subject, material))
        return pairs

    def _blocked_virtual(self, restriction: Restriction) -> set:
        """Virtual producers a control zeroes, whoever issued it: where supply is unknown,
        a control covering the material, an element it contains or one of its inputs may
        reach it; a material nothing traces (no element, input or anchor) any control in
        scope may reach (section 5.6)."""
        covered = self._covered(restriction)
        return {("virtual", m) for m in self.anchors()
                if m in covered or covered & set(material_inputs(self.lower_graph, m))
                or m in self.untraced()}

    def untraced(self) -> set[str]:
        """Materials nothing traces to a country: no producer, element, input or anchor.
        Any enforced control in scope zeroes their virtual producer (section 5.6)."""
        if self._untraced is None:
            self._untraced = set(untraced(self.lower_graph, self.anchors()))
        return self._untraced

    def scope(self, product: str, bound: str = "upper") -> Scope:
        """The compiled scope serving a product in one bound (built on first use)."""
        key = (bound, self.blocked_for(product, bound))
        if key not in self._scopes:
            if bound == "lower" and not self.anchors() and self.lower_graph is self.graph:
                # nothing unmapped: the lower bound is the upper one with its controls
                upper = ("upper", key[1])
                if upper not in self._scopes:
                    self._scopes[upper] = self._compile(key[1], None)
                self._scopes[key] = self._scopes[upper]
            else:
                self._scopes[key] = self._compile(
                    key[1], self.anchors() if bound == "lower" else None)
        return self._scopes[key]

    def _compile(self, blocked: frozenset, anchored) -> Scope:
        graph = self.graph if anchored is None else self.lower_graph
        structure = StructureBuilder(graph, blocked, anchored).build()
        evaluator = Evaluator(structure)
        zero = frozenset(n for r in self.removed for n in structure.owned.get(r, ()))
        return Scope(structure, evaluator, zero, evaluator.evaluate(zero))

    def upstream(self, node_id: str, bound: str = "upper") -> set[str]:
        """Nodes upstream of a node in the flow view (cached); for the lower bound, with
        the requirements --min-confidence left out put back."""
        if bound == "lower" and self.lower_flow is not self.flow:
            if node_id not in self._lower_upstream:
                self._lower_upstream[node_id] = upstream(self.lower_flow, node_id)
            return self._lower_upstream[node_id]
        if node_id not in self._upstream:
            self._upstream[node_id] = upstream(self.flow, node_id)
        return self._upstream[node_id]

    def candidates(self, product: str, bound: str = "upper") -> set[str]:
        """Nodes whose removal may change a product: upstream of it, and for the lower
        bound the anchor countries of the materials without producers upstream of it."""
        key = (product, bound)
        if key not in self._candidates:
            found = set(self.upstream(product, bound))
            if bound == "lower":
                found |= {self.anchors()[m] for m in found | {product}
                          if self.anchors().get(m)}
            self._candidates[key] = found
        return self._candidates[key]

    # ------------------------------------------------------------------ answers
    def availability(self, node_id: str, removed: Iterable[str] = (),
                     product: str | None = None, bound: str = "upper") -> float:
        """a(node) with ``removed`` taken out, in the scope of ``product`` (default: node)."""
        self.graph.require(node_id)
        scope = self.scope(product or node_id, bound)
        index = scope.structure.index.get(node_id)
        if index is None:
            return 0.0 if node_id in set(removed) | set(self.removed) else 1.0
        values = scope.evaluator.evaluate(scope.zero_for(removed))
        return values[index]

    def reference(self, product: str, bound: str = "upper") -> float:
        """a(P) under this analysis's scenario with nothing else removed: what losses are
        measured against (the baseline when there is no scenario)."""
        scope = self.scope(self.graph.require(product, "Product"), bound)
        return scope.baseline[scope.structure.index[product]]

    def plain(self) -> Analysis:
        """The analysis of the same graph without the scenario (this one when there is
        none), built once and shared, so a baseline is never computed twice."""
        if self.scenario is None:
            return self
        if self._plain is None:
            self._plain = Analysis(self.graph)
        return self._plain

    def baseline(self, product: str, bound: str = "upper") -> float:
        """a0: the product's availability with nothing removed and no scenario."""
        if self.scenario is None:
            return self.reference(product, bound)
        return self.plain().reference(product, bound)

    def availability_range(self, product: str) -> tuple[float, float]:
        """[lower, upper] availability of a product under the scenario (section 5.6)."""
        lower, upper = self.reference(product, "lower"), self.reference(product, "upper")
        return min(lower, upper), upper

    def baseline_range(self, product: str) -> tuple[float, float]:
        """[lower, upper] availability of a product without the scenario."""
        lower, upper = self.baseline(product, "lower"), self.baseline(product, "upper")
        return min(lower, upper), upper

    def spofs(self, product: str, bound: str = "upper") -> set[str]:
        """Single points of failure: nodes whose removal alone makes a(product) = 0."""
        return self.spof_sets([product], bound)[product]

    def spof_sets(self, products: Iterable[str], bound: str = "upper") -> dict[str, set[str]]:
        """SPOFs of several products, one killer-set pass per scope."""
        killers_by_scope: dict[int, list] = {}
        out = {}
        for product in products:
            scope = self.scope(product, bound)
            if id(scope) not in killers_by_scope:
                killers_by_scope[id(scope)] = scope.evaluator.killers(scope.baseline)
            found = killers_by_scope[id(scope)][scope.structure.index[product]]
            candidates = self.candidates(product, bound)
            out[product] = (set() if found is ALL
                            else {n for n in found if n in candidates})
        return out

    def losses(self, products: Iterable[str], bound: str = "upper") -> dict[str, dict[str, float]]:
        """For each product, loss(P, n) for every node n upstream of it that has a loss.

        Nodes are visited once per scope: one incremental re-evaluation gives the loss
        of every product downstream of the node.
        """
        products = list(products)
        by_scope: dict[int, list[str]] = defaultdict(list)
        scopes = {}
        for product in products:
            scope = self.scope(product, bound)
            by_scope[id(scope)].append(product)
            scopes[id(scope)] = scope
        out: dict[str, dict[str, float]] = {p: {} for p in products}
        for key, members in by_scope.items():
            self._scope_losses(scopes[key], members, out, bound)
        return out

    def losses_from(self, node_id: str, products: Iterable[str],
                    bound: str = "upper") -> dict[str, float]:
        """loss(P, node_id) for each product P: one incremental pass per scope.

        What ``dependents`` answers. A product with no baseline supply loses nothing.

        >>> from mineralgraph import load_bundled
        >>> analysis = Analysis(load_bundled())
        >>> analysis.losses_from("element:Sm", ["product:f-35", "product:optimus"])
        {'product:f-35': 1.0, 'product:optimus': 0.0}
        """
        self.graph.require(node_id)
        out = {}
        changes: dict[int, dict[int, float]] = {}
        for product in products:
            scope = self.scope(product, bound)
            index = scope.structure.index[product]
            before = scope.baseline[index]
            if id(scope) not in changes:
                changes[id(scope)] = scope.evaluator.changed_values(
                    scope.baseline, scope.zero_for([node_id]))
            after = changes[id(scope)].get(index, before)
            out[product] = 1.0 - after / before if before > 0 else 0.0
        return out

    def _scope_losses(self, scope: Scope, products: list[str], out: dict, bound: str) -> None:
        index = scope.structure.index
        targets = {index[p]: p for p in products if scope.baseline[index[p]] > 0}
        ups = {p: self.candidates(p, bound) for p in targets.values()}
        candidates = sorted(set().union(*ups.values())) if ups else []
        for node_id in candidates:
            owned = scope.structure.owned.get(node_id)
            if not owned:
                continue
            changed = scope.evaluator.changed_values(scope.baseline,
                                                     scope.zero | set(owned))
            for node, value in changed.items():
                product = targets.get(node)
                if product is not None and node_id in ups[product]:
                    out[product][node_id] = 1.0 - value / scope.baseline[node]

    def unmapped(self, product: str) -> list[str]:
        """Materials upstream of a product with no producer at the date: their supply is
        not mapped, so the answer about the product is a range (section 5.6)."""
        found = set()
        for bound in BOUNDS:
            structure = self.scope(product, bound).structure
            found |= {n for n in self.upstream(product, bound) | {product}
                      if n in structure.unmapped}
        return sorted(found)

    def behind(self, product: str, removed: Iterable[str] = ()) -> list[str]:
        """The unmapped stages that make the lower bound lower than the upper one for a
        product (with ``removed`` taken out): those whose value differs between bounds."""
        values = {}
        for bound in BOUNDS:
            scope = self.scope(product, bound)
            zero = scope.zero_for(removed)
            changed = (scope.evaluator.changed_values(scope.baseline, zero)
                       if zero != scope.zero else {})
            values[bound] = (scope, changed)
        out = []
        for material in self.unmapped(product):
            if model.kind_of(material) != "Material":
                continue
            got = []
            for bound in BOUNDS:
                scope, changed = values[bound]
                node = scope.structure.index.get(material)
                got.append(1.0 if node is None else changed.get(node, scope.baseline[node]))
            if got[0] < got[1] - 1e-12:
                out.append(material)
        return out
