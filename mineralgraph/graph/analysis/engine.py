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
from mineralgraph.graph.analysis.structure import Structure, StructureBuilder
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


class Analysis:
    """Availability answers for the products of one graph under one scenario.

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
        self._scopes: dict[frozenset, Scope] = {}
        self._upstream: dict[str, set[str]] = {}
        self._covered: dict[Restriction, set[str]] = {}

    # ------------------------------------------------------------------ scopes
    def products(self) -> list[str]:
        """Every product in the graph, sorted."""
        return self.graph.ids("Product")

    def blocked_for(self, product: str) -> frozenset:
        """(producer, material) pairs the enforced restrictions block for this product."""
        blocked = set()
        for restriction in self.restrictions:
            if self._in_scope(product, restriction):
                blocked |= self._blocked_pairs(restriction)
        return frozenset(blocked)

    def _in_scope(self, product: str, restriction: Restriction) -> bool:
        uses = set(self.graph.values(product, "end_use"))
        if restriction.end_uses and not uses & set(restriction.end_uses):
            return False
        if restriction.targets:
            makers = self.graph.neighbours(product, "MAKES", incoming=True)
            countries = {c for m in makers for c in self.graph.neighbours(m, "LOCATED_IN")}
            return bool(countries & set(restriction.targets))
        return True

    def _blocked_pairs(self, restriction: Restriction) -> set:
        covered = set()
        for node in restriction.covers:
            if model.kind_of(node) == "Element":
                covered |= set(self.graph.neighbours(node, "CONTAINS", incoming=True))
            else:
                covered.add(node)
        pairs = set()
        for material in covered:
            for claim in self.graph.relation_claims(material, "PRODUCES", incoming=True):
                if restriction.issuer in self._countries_of(claim.subject):
                    pairs.add((claim.subject, material))
        return pairs

    def _countries_of(self, producer: str) -> set[str]:
        if model.kind_of(producer) == "Country":
            return {producer}
        return set(self.graph.neighbours(producer, "LOCATED_IN"))

    def scope(self, product: str) -> Scope:
        """The compiled scope serving a product (built on first use)."""
        key = self.blocked_for(product)
        if key not in self._scopes:
            structure = StructureBuilder(self.graph, key).build()
            evaluator = Evaluator(structure)
            zero = frozenset(n for r in self.removed for n in structure.owned.get(r, ()))
            self._scopes[key] = Scope(structure, evaluator, zero, evaluator.evaluate(zero))
        return self._scopes[key]

    def upstream(self, node_id: str) -> set[str]:
        """Nodes upstream of a node in the flow view (cached)."""
        if node_id not in self._upstream:
            self._upstream[node_id] = upstream(self.flow, node_id)
        return self._upstream[node_id]

    # ------------------------------------------------------------------ answers
    def availability(self, node_id: str, removed: Iterable[str] = (),
                     product: str | None = None) -> float:
        """a(node) with ``removed`` taken out, in the scope of ``product`` (default: node)."""
        self.graph.require(node_id)
        scope = self.scope(product or node_id)
        index = scope.structure.index.get(node_id)
        if index is None:
            return 0.0 if node_id in set(removed) | set(self.removed) else 1.0
        values = scope.evaluator.evaluate(scope.zero_for(removed))
        return values[index]

    def baseline(self, product: str) -> float:
        """a0: the product's availability with nothing (beyond the scenario) removed."""
        scope = self.scope(self.graph.require(product, "Product"))
        return scope.baseline[scope.structure.index[product]]

    def spofs(self, product: str) -> set[str]:
        """Single points of failure: nodes whose removal alone makes a(product) = 0."""
        return self.spof_sets([product])[product]

    def spof_sets(self, products: Iterable[str]) -> dict[str, set[str]]:
        """SPOFs of several products, one killer-set pass per scope."""
        killers_by_scope: dict[int, list] = {}
        out = {}
        for product in products:
            scope = self.scope(product)
            if id(scope) not in killers_by_scope:
                killers_by_scope[id(scope)] = scope.evaluator.killers(scope.baseline)
            found = killers_by_scope[id(scope)][scope.structure.index[product]]
            upstream_nodes = self.upstream(product)
            out[product] = (set() if found is ALL
                            else {n for n in found if n in upstream_nodes})
        return out

    def losses(self, products: Iterable[str]) -> dict[str, dict[str, float]]:
        """For each product, loss(P, n) for every node n upstream of it that has a loss.

        Nodes are visited once per scope: one incremental re-evaluation gives the loss
        of every product downstream of the node.
        """
        products = list(products)
        by_scope: dict[int, list[str]] = defaultdict(list)
        scopes = {}
        for product in products:
            scope = self.scope(product)
            by_scope[id(scope)].append(product)
            scopes[id(scope)] = scope
        out: dict[str, dict[str, float]] = {p: {} for p in products}
        for key, members in by_scope.items():
            self._scope_losses(scopes[key], members, out)
        return out

    def losses_from(self, node_id: str, products: Iterable[str]) -> dict[str, float]:
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
            scope = self.scope(product)
            index = scope.structure.index[product]
            before = scope.baseline[index]
            if id(scope) not in changes:
                changes[id(scope)] = scope.evaluator.changed_values(
                    scope.baseline, scope.zero_for([node_id]))
            after = changes[id(scope)].get(index, before)
            out[product] = 1.0 - after / before if before > 0 else 0.0
        return out

    def _scope_losses(self, scope: Scope, products: list[str], out: dict) -> None:
        index = scope.structure.index
        targets = {index[p]: p for p in products if scope.baseline[index[p]] > 0}
        ups = {p: self.upstream(p) for p in targets.values()}
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
        """Materials upstream of a product whose supply is not mapped (no producer, no input)."""
        structure = self.scope(product).structure
        return sorted(n for n in self.upstream(product) | {product}
                      if n in structure.unmapped)
