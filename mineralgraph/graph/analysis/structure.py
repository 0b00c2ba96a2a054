"""The AND-OR structure of supply, compiled from a graph for fast evaluation.

Each *evaluation node* is an integer with an operator and inputs:

- ``LEAF``: an element, country, company or facility; 1 unless removed.
- ``AND``: the minimum of its inputs (a product; a material's elements and supply; a
  producer's country, operator and inputs). Leontief: the scarcest input limits output.
- ``OR``: ``min(1, sum(weight * input))`` over the producers of a material.
- ``ZERO``: a producer an enforced export control blocks.

Every evaluation node may have an *owner*, the graph node whose removal sets it to 0.
The rules are those of section 2 of the dependency model: removing an element removes
every material that CONTAINS it; a producer p of material m is
``min(a(country of p), a(operator of p), a(inputs of m))``, inputs counted only from
p's explicit suppliers where it has SUPPLIES edges; producers without a known share
split the rest equally; a country's aggregate share gives up what its facilities hold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

LEAF, AND, OR, ZERO = "LEAF", "AND", "OR", "ZERO"


@dataclass
class Structure:
    """Evaluation nodes of one graph under one set of blocked producers.

    ``index`` maps a graph id (or ``(producer, material)`` or ``("supply", m)``) to an
    evaluation node; ``owned`` maps a graph id to the evaluation nodes it zeroes.
    """

    op: list[str] = field(default_factory=list)
    inputs: list[list[int]] = field(default_factory=list)
    weights: list[list[float]] = field(default_factory=list)
    owner: list[str | None] = field(default_factory=list)
    index: dict = field(default_factory=dict)
    owned: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    unmapped: set[str] = field(default_factory=set)

    def add(self, key, op: str, owner: str | None) -> int:
        node = len(self.op)
        self.op.append(op)
        self.inputs.append([])
        self.weights.append([])
        self.owner.append(owner)
        self.index[key] = node
        if owner is not None:
            self.owned[owner].append(node)
        return node


class StructureBuilder:
    """Compiles a SupplyGraph into a :class:`Structure`.

    ``blocked`` is a set of ``(producer, material)`` pairs that count as 0 (export
    controls enforced for the products this structure serves).
    """

    def __init__(self, graph: SupplyGraph, blocked: frozenset = frozenset()):
        self.graph = graph
        self.blocked = blocked
        self.s = Structure()

    def build(self) -> Structure:
        for node_id in self.graph.ids():
            if model.kind_of(node_id) in ("Product", "Material"):
                self.node(node_id)
        return self.s

    def node(self, node_id: str) -> int:
        """The evaluation node of a graph node, compiled on first use."""
        if node_id in self.s.index:
            return self.s.index[node_id]
        kind = model.kind_of(node_id)
        if kind == "Material":
            return self._material(node_id)
        if kind == "Product":
            node = self.s.add(node_id, AND, node_id)
            self.s.inputs[node] = [self.node(m) for m in self.graph.neighbours(node_id, "REQUIRES")]
            if not self.s.inputs[node]:
                self.s.unmapped.add(node_id)
            return node
        return self.s.add(node_id, LEAF, node_id)

    def _material(self, material: str) -> int:
        node = self.s.add(material, AND, material)
        elements = [self.node(e) for e in self.graph.neighbours(material, "CONTAINS")]
        producers = self.graph.relation_claims(material, "PRODUCES", incoming=True)
        if producers:
            supply = self.s.add(("supply", material), OR, None)
            weights = producer_weights(self.graph, material, producers)
            pairs = [(self._producer(c.subject, material), w) for c, w in weights if w > 0]
            self.s.inputs[supply] = [p for p, _ in pairs]
            self.s.weights[supply] = [w for _, w in pairs]
            self.s.inputs[node] = elements + [supply]
        else:
            inputs = self.material_inputs(material)
            if not inputs:
                self.s.unmapped.add(material)
            self.s.inputs[node] = elements + [self.node(i) for i in inputs]
        return node

    def material_inputs(self, material: str) -> list[str]:
        """What a material is MADE_FROM or REQUIRES."""
        return sorted(set(self.graph.neighbours(material, "MADE_FROM"))
                      | set(self.graph.neighbours(material, "REQUIRES")))

    def _producer(self, producer: str, material: str) -> int:
        key = (producer, material)
        if key in self.s.index:
            return self.s.index[key]
        if key in self.blocked:
            return self.s.add(key, ZERO, None)
        node = self.s.add(key, AND, None)
        parts = [self.node(producer)]
        parts += [self.node(n) for n in producer_context(self.graph, producer) if n != producer]
        for material_input in self.material_inputs(material):
            parts.append(self._sourced_input(producer, material_input))
        self.s.inputs[node] = parts
        return node

    def _sourced_input(self, producer: str, material_input: str) -> int:
        suppliers = explicit_suppliers(self.graph, producer, material_input)
        if not suppliers:
            return self.node(material_input)
        node = self.s.add(("sourced", producer, material_input), OR, None)
        share = 1.0 / len(suppliers)
        for supplier in suppliers:
            if supplier in self.graph.neighbours(material_input, "PRODUCES", incoming=True):
                self.s.inputs[node].append(self._producer(supplier, material_input))
            else:
                self.s.inputs[node].append(self._supplier_leaf(supplier, material_input))
            self.s.weights[node].append(share)
        return node

    def _supplier_leaf(self, supplier: str, material_input: str) -> int:
        """A supplier that is not a recorded producer of what it supplies: as available as
        itself and, for a facility, its country and operator."""
        node = self.s.add(("supplier", supplier, material_input), AND, None)
        self.s.inputs[node] = [self.node(supplier)] + [
            self.node(n) for n in producer_context(self.graph, supplier) if n != supplier]
        return node


def producer_context(graph: SupplyGraph, producer: str) -> list[str]:
    """The nodes a producer stands on: itself, and for a facility its country and operator.

    A company's headquarters country is not one of them: where it produces is told by
    its facilities (see :mod:`mineralgraph.graph.flow`).
    """
    if model.kind_of(producer) != "Facility":
        return [producer]
    return ([producer] + graph.neighbours(producer, "LOCATED_IN")
            + graph.neighbours(producer, "OPERATED_BY"))


def explicit_suppliers(graph: SupplyGraph, producer: str, material: str) -> list[str]:
    """Suppliers recorded as SUPPLYING ``material`` to the producer (or to its operator)."""
    buyers = [producer] + (graph.neighbours(producer, "OPERATED_BY")
                           if model.kind_of(producer) == "Facility" else [])
    found = set()
    for buyer in buyers:
        for claim in graph.relation_claims(buyer, "SUPPLIES", incoming=True):
            if claim.qualifier("material") == material:
                found.add(claim.subject)
    return sorted(found)


def producer_weights(graph: SupplyGraph, material: str, producers) -> list[tuple]:
    """(claim, weight) for each producer of a material.

    Known shares are used as they are, except that a country's aggregate share gives up
    the shares of its own facilities (no double counting). Producers without a share
    split their *pool* equally: the share of their country, or of the rest of the world
    (``country:XX``) when their country has none, the pool's unmapped output counting as
    one more producer. Producers with no pool split what is left of 1 equally. Weights
    that add up to more than 1 (shares of a rounded world total) are scaled to add up
    to 1.

    >>> from mineralgraph.claim import Claim
    >>> def c(s, o, **q): return Claim(s, o, "material:m", tuple(sorted(q.items())))
    >>> g = SupplyGraph([c("country:AA", "PRODUCES", share=0.6),
    ...                  c("facility:f", "PRODUCES", share=0.2),
    ...                  Claim("facility:f", "LOCATED_IN", "country:AA"),
    ...                  c("country:XX", "PRODUCES", share=0.4),
    ...                  c("facility:g", "PRODUCES"),
    ...                  Claim("facility:g", "LOCATED_IN", "country:BB")])
    >>> [(x.subject, round(w, 3)) for x, w in producer_weights(
    ...     g, "material:m", g.relation_claims("material:m", "PRODUCES", incoming=True))]
    [('country:AA', 0.4), ('country:XX', 0.2), ('facility:f', 0.2), ('facility:g', 0.2)]
    """
    weights: dict[Claim, float] = {}
    aggregate: dict[str, Claim] = {}
    for claim in producers:
        share = claim.qualifier("share")
        if share is not None:
            weights[claim] = share
            if model.kind_of(claim.subject) == "Country":
                aggregate[claim.subject] = claim
    for claim in producers:
        if claim in weights and model.kind_of(claim.subject) == "Facility":
            for country in graph.neighbours(claim.subject, "LOCATED_IN"):
                if country in aggregate:
                    pool = aggregate[country]
                    weights[pool] = max(0.0, weights[pool] - weights[claim])
    pools: dict[Claim, list] = defaultdict(list)
    loose = []
    for claim in producers:
        if claim.qualifier("share") is not None:
            continue
        pool = _pool_of(graph, claim.subject, aggregate)
        (pools[pool] if pool is not None else loose).append(claim)
    for pool, members in pools.items():
        part = weights[pool] / (len(members) + 1)
        weights[pool] = part
        weights.update({member: part for member in members})
    if loose:
        rest = max(0.0, 1.0 - sum(weights.values())) if weights else 1.0
        weights.update({claim: rest / len(loose) for claim in loose})
    total = sum(weights.values())
    if total > 1.0:
        # Shares a little above 100% come from a rounded world total (USGS rounds it,
        # not the countries): each is a share of the larger, true total.
        weights = {claim: weight / total for claim, weight in weights.items()}
    return sorted(weights.items(), key=lambda cw: cw[0].subject)


def _pool_of(graph: SupplyGraph, producer: str, aggregate: dict[str, Claim]) -> Claim | None:
    """The aggregate share a share-less producer belongs to: its country's, else the rest
    of the world's, else None."""
    if model.kind_of(producer) == "Country":
        return None
    for country in graph.neighbours(producer, "LOCATED_IN"):
        if country in aggregate:
            return aggregate[country]
    return aggregate.get("country:XX")
