"""What a loss figure rests on: the claims that determine it (section 5.7, read as
ARCHITECTURE.md says: a figure is as weak as its weakest input, an input being a claim the
figure depends on).

Losing a node takes a product's availability (the upper bound, section 2) from its value
before to its value after. Not every claim on the node's supply paths makes that figure:
a product needs the minimum of its inputs (AND), so where one input falls further than
another, the other does not set the figure; where several fall as far (each alone would
give the same loss), the figure holds on any one of them, and rests on the best supported
(a weaker one dropped, the loss still comes from the stronger). The United States is a
single point of failure of the DDG-51 through Raytheon's radar plant; its share of NdPr
oxide, a proxy, takes less and does not make the 100%.

:func:`figure_claims` walks down from the product along what falls, as the engine
evaluated it with the node removed:

- a product or a material needs each of its inputs (requirements, elements, inputs of a
  material without producers, its supply): those that fall to its value *bind*; of
  several binding inputs the best supported is taken (:func:`~mineralgraph.graph.analysis.
  confidence.support_key` of what each rests on, then the id);
- a material's supply is the sum of its producers' parts: the removal bites there through
  each producer it takes (its share there, and the link to the node: a facility's
  country or operator) and, where the producers left lose their input, through the
  binding input of the material (its MADE_FROM or REQUIRES claim, then that input in
  turn). Other producers' shares are not where the removal bites, and are not read.

The claims returned are the ones the row's confidence and weakest link read; where the walk
cannot follow the engine (a producer with explicit suppliers, whose inputs are not the world
pool, section 5.3; a loop; a figure with no loss in the upper bound) it returns None and the
caller keeps every claim on the evidence paths, the reading before this rule (never a
figure rated above its evidence).
"""

from __future__ import annotations

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis.confidence import Caveats, support_key
from mineralgraph.graph.analysis.structure import producer_context, required
from mineralgraph.ontology import model

#: two values closer than this are the same (the engine's sums are exact to far less)
_EPS = 1e-12

#: a chain deeper than this is not walked (the caller keeps the evidence paths' claims)
_DEPTH = 400


class _Untraceable(Exception):
    """The walk cannot follow the engine here."""


def figure_claims(evidence, node_id: str, product: str) -> list[Claim] | None:
    """The claims that determine the loss of ``product`` from losing ``node_id`` (the
    upper bound, under the evidence's scenario), sorted by id; None when they cannot be
    traced (see the module).

    ``evidence`` is the :class:`~mineralgraph.graph.analysis.chokepoints.Evidence` of the
    analysis (its claim lookups are shared)."""
    analysis = evidence.analysis
    scope = analysis.scope(product, "upper")
    index = scope.structure.index
    if product not in index or node_id not in scope.structure.owned:
        return None
    zero = scope.zero_for([node_id])
    if zero == set(scope.zero):
        return None
    changed = scope.evaluator.changed_values(scope.baseline, zero)
    baseline = scope.baseline
    own = index[product]
    if changed.get(own, baseline[own]) >= baseline[own] - _EPS:
        return None  # no loss in the upper bound: nothing here to trace
    walk = _Walk(evidence, node_id, product, index, baseline, changed)
    try:
        found = walk.explain(product, 0)
    except (_Untraceable, RecursionError):
        return None
    return sorted(found, key=lambda c: c.id)


class _Walk:
    """One trace of :func:`figure_claims` (values before and after, what is explained)."""

    def __init__(self, evidence, node_id: str, product: str, index: dict, baseline, changed):
        self.evidence = evidence
        self.graph = evidence.graph
        self.look = evidence.analysis.lookups()
        self.node_id = node_id
        self.blocked = evidence.analysis.blocked_for(product)
        self.index = index
        self.baseline = baseline
        self.changed = changed
        self.done: dict[str, frozenset[Claim]] = {}
        self.open: set[str] = set()

    # ------------------------------------------------------------------ values
    def before(self, node: str) -> float:
        at = self.index.get(node)
        return 1.0 if at is None else float(self.baseline[at])

    def after(self, node: str) -> float:
        at = self.index.get(node)
        return 1.0 if at is None else float(self.changed.get(at, self.baseline[at]))

    def falls(self, node: str) -> bool:
        return self.after(node) < self.before(node) - _EPS

    # ------------------------------------------------------------------ the walk
    def explain(self, node: str, depth: int) -> frozenset[Claim]:
        """The claims that make ``node``'s value after the removal what it is."""
        found = self.done.get(node)
        if found is not None:
            return found
        if node in self.open or depth > _DEPTH:
            raise _Untraceable(node)
        self.open.add(node)
        kind = model.kind_of(node)
        if node == self.node_id or kind not in ("Product", "Material"):
            found = frozenset()  # the node itself (or a leaf it zeroes: nothing under it)
        elif kind == "Product":
            found = self.best(self.inputs_binding(
                node, [(m, self.claim(node, "REQUIRES", m))
                       for m in required(self.graph, node, "REQUIRES")], depth))
        else:
            found = self.material(node, depth)
        self.open.discard(node)
        self.done[node] = found
        return found

    def material(self, material: str, depth: int) -> frozenset[Claim]:
        value = self.after(material)
        options = self.inputs_binding(
            material, [(e, self.claim(material, "CONTAINS", e))
                       for e in self.look.contains(material)], depth, value)
        if not self.graph.relation_claims(material, "PRODUCES", incoming=True):
            # no producer: the minimum over its inputs (section 2, the upper bound)
            options += self.inputs_binding(material, self.input_claims(material), depth, value)
            return self.best(options)
        supply = self.supply(material, depth)
        if supply is not None and (not options or (supply[0] is not None
                                                   and supply[0] <= value + _EPS)):
            options.append(supply[1])
        return self.best(options)

    def supply(self, material: str, depth: int) -> tuple[float, frozenset[Claim]] | None:
        """The supply's value after the removal (None when the walk cannot tell it), and
        what it rests on; None when it does not fall."""
        pools = self.look.pools(material)
        pooled = {c.subject for _, group in pools for c in group}
        weights = [(c, w) for c, w in self.look.weights(material)
                   if w > 0 and c.subject not in pooled]
        for _, group in pools:
            weights += [(c, 0.0) for c in group]
        if not weights:
            return None
        inputs = self.look.inputs(material)
        rests: set[Claim] = set()
        taken = False
        pool_falls = False
        # the sum of the parts is the engine's where every producer draws the world pool
        # and no pool is split (section 2); else it is not told
        exact = not pools
        total = 0.0
        for claim, weight in weights:
            producer = claim.subject
            if (producer, material) in self.blocked:
                continue
            stands_on = [producer] + [n for n in producer_context(self.graph, producer)
                                      if n != producer]
            if any(self.falls(n) for n in stands_on):
                # the removal takes this producer: its share here, and its link to the
                # node (a facility's country or operator)
                taken = True
                rests |= set(self.evidence_claims(producer, material))
                links = [n for n in stands_on[1:] if self.falls(n)]
                if links:
                    rests |= set(self.context_claims(producer, links[0]))
                continue
            supplied = self.look.supplied(producer)
            if supplied:
                # its inputs come from its suppliers (5.3): one the removal reaches is
                # not followed here
                if any(self.falls(n) for found in supplied.values() for s, _ in found
                       for n in [s] + producer_context(self.graph, s)):
                    raise _Untraceable(producer)
                exact = False
            value = min([self.after(n) for n in stands_on] + [self.after(i) for i in inputs])
            if any(self.falls(i) for i in inputs):
                pool_falls = True
            total += weight * value
        if not taken and not pool_falls:
            return None
        if pool_falls:
            lowest = min(self.after(i) for i in inputs)
            rests |= self.best(self.inputs_binding(material, self.input_claims(material),
                                                   depth, lowest))
        return (min(1.0, total) if exact else None), frozenset(rests)

    def inputs_binding(self, node: str, inputs: list[tuple[str, list[Claim]]], depth: int,
                       value: float | None = None) -> list[frozenset[Claim]]:
        """For each input that falls to ``value`` (the node's own value after the removal
        when None), what it rests on: its claim and its own explanation."""
        level = self.after(node) if value is None else value
        out = []
        for other, claims in inputs:
            if self.falls(other) and self.after(other) <= level + _EPS:
                out.append(frozenset(claims) | self.explain(other, depth + 1))
        return out

    def best(self, options: list[frozenset[Claim]]) -> frozenset[Claim]:
        """The best supported of several explanations, each of which alone gives the
        figure (the one tie-break: :func:`support_key`, then the claims' ids)."""
        if not options:
            return frozenset()
        if len(options) == 1:
            return options[0]
        return min(options, key=lambda found: (support_key(Caveats.of(found)),
                                               sorted(c.id for c in found)))

    # ------------------------------------------------------------------ claims
    def claim(self, subject: str, relation: str, obj: str) -> list[Claim]:
        return [c for c in self.graph.relation_claims(subject, relation) if c.object == obj]

    def input_claims(self, material: str) -> list[tuple[str, list[Claim]]]:
        return [(i, self.claim(material, "MADE_FROM", i) + self.claim(material, "REQUIRES", i))
                for i in self.look.inputs(material)]

    def context_claims(self, producer: str, link: str) -> list[Claim]:
        return self.claim(producer, "LOCATED_IN", link) + self.claim(producer, "OPERATED_BY",
                                                                     link)

    def evidence_claims(self, producer: str, material: str) -> list[Claim]:
        """The producer's claims to make the material that the figures read (as the
        evidence reads them: :meth:`Evidence.weighs`)."""
        return [c for c in self.evidence._claims_making(producer).get(material, ())
                if self.evidence.weighs(c)]
