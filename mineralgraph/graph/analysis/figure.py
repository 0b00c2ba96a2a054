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
cannot follow the engine (a producer with explicit suppliers the removal reaches, whose
inputs are not the world pool, section 5.3; a loop; a figure with no loss in the upper
bound; a loss under a scenario that takes something from the product, a share of what the
scenario leaves, which rests on what it spares as well) it returns None and the caller
keeps every claim on the evidence paths, the reading before this rule (never a figure
rated above its evidence).
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


class _UntraceableError(Exception):
    """The walk cannot follow the engine here."""


def figure_claims(evidence, node_id: str, product: str) -> list[Claim] | None:
    """The claims that determine the loss of ``product`` from losing ``node_id`` (the
    upper bound, under the evidence's scenario), sorted by id; None when they cannot be
    traced (see the module).

    ``evidence`` is the :class:`~mineralgraph.graph.analysis.chokepoints.Evidence` of the
    analysis (its claim lookups, and what the walk reads of each material, are shared)."""
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
    if ((analysis.removed or analysis.restrictions)
            and baseline[own] < analysis.plain().baseline(product) - _EPS):
        # a loss "of what it still gets" under a scenario rests on what the scenario
        # leaves too (the share a control spares), which this walk does not trace
        return None
    parts = evidence.figure_parts.setdefault(id(scope.structure), (scope.structure, {}))[1]
    walk = _Walk(evidence, node_id, product, index, baseline, changed, parts)
    try:
        found = walk.explain(product, 0)
    except (_UntraceableError, RecursionError):
        return None
    return sorted(found, key=lambda c: c.id)


class _Parts:
    """What the walk reads of one product or material, the same for every row of a
    scope: its inputs (requirements, elements, inputs of a material) with their structure
    numbers and claims, and its producers with the numbers of what each stands on."""

    __slots__ = ("needs", "elements", "inputs", "producers", "pooled", "mapped")

    def __init__(self, walk: _Walk, node: str):
        number = walk.index.get
        graph = walk.graph
        if model.kind_of(node) == "Product":
            self.needs = [(m, number(m), walk.claim(node, "REQUIRES", m))
                          for m in required(graph, node, "REQUIRES")]
            self.elements = self.inputs = self.producers = []
            self.pooled = self.mapped = False
            return
        look = walk.look
        self.needs = []
        self.elements = [(e, number(e), walk.claim(node, "CONTAINS", e))
                         for e in look.contains(node)]
        self.inputs = [(i, number(i), walk.claim(node, "MADE_FROM", i)
                        + walk.claim(node, "REQUIRES", i)) for i in look.inputs(node)]
        self.mapped = bool(graph.relation_claims(node, "PRODUCES", incoming=True))
        pools = look.pools(node) if self.mapped else []
        pooled = {c.subject for _, group in pools for c in group}
        members = [(c, w) for c, w in look.weights(node) if w > 0 and c.subject not in pooled]
        members += [(c, 0.0) for _, group in pools for c in group]
        self.pooled = bool(pools)
        self.producers = []
        for claim, weight in members:
            producer = claim.subject
            stands_on = [producer] + [n for n in producer_context(graph, producer)
                                      if n != producer]
            supplied = look.supplied(producer)
            suppliers = sorted({n for found in supplied.values() for s, _ in found
                                for n in [s] + producer_context(graph, s)})
            self.producers.append((claim, weight, [(n, number(n)) for n in stands_on],
                                   [number(n) for n in suppliers] if supplied else None))


class _Walk:
    """One trace of :func:`figure_claims` (values before and after, what is explained)."""

    def __init__(self, evidence, node_id: str, product: str, index: dict, baseline, changed,
                 parts: dict):
        self.evidence = evidence
        self.graph = evidence.graph
        self.look = evidence.analysis.lookups()
        self.node_id = node_id
        self.blocked = evidence.analysis.blocked_for(product)
        self.index = index
        self.baseline = baseline
        self.changed = changed
        self.parts = parts
        self.done: dict[str, frozenset[Claim]] = {}
        self.open: set[str] = set()

    # ------------------------------------------------------------------ values
    def after(self, at: int | None) -> float:
        """The value of structure node ``at`` after the removal (1 for none)."""
        if at is None:
            return 1.0
        found = self.changed.get(at)
        return float(self.baseline[at]) if found is None else found

    def falls(self, at: int | None) -> bool:
        """Whether structure node ``at`` loses value with the removal (only the nodes
        the pass changed can)."""
        found = self.changed.get(at) if at is not None else None
        return found is not None and found < self.baseline[at] - _EPS

    def of(self, node: str) -> _Parts:
        found = self.parts.get(node)
        if found is None:
            found = self.parts[node] = _Parts(self, node)
        return found

    # ------------------------------------------------------------------ the walk
    def explain(self, node: str, depth: int) -> frozenset[Claim]:
        """The claims that make ``node``'s value after the removal what it is."""
        found = self.done.get(node)
        if found is not None:
            return found
        if node in self.open or depth > _DEPTH:
            raise _UntraceableError(node)
        self.open.add(node)
        kind = model.kind_of(node)
        if node == self.node_id or kind not in ("Product", "Material"):
            found = frozenset()  # the node itself (or a leaf it zeroes: nothing under it)
        elif kind == "Product":
            found = self.best(self.inputs_binding(self.of(node).needs,
                                                  self.after(self.index.get(node)), depth))
        else:
            found = self.material(node, depth)
        self.open.discard(node)
        self.done[node] = found
        return found

    def material(self, material: str, depth: int) -> frozenset[Claim]:
        parts = self.of(material)
        value = self.after(self.index.get(material))
        options = self.inputs_binding(parts.elements, value, depth)
        if not parts.mapped:
            # no producer: the minimum over its inputs (section 2, the upper bound)
            return self.best(options + self.inputs_binding(parts.inputs, value, depth))
        supply = self.supply(material, parts, depth)
        if supply is not None and (not options or (supply[0] is not None
                                                   and supply[0] <= value + _EPS)):
            options.append(supply[1])
        return self.best(options)

    def supply(self, material: str, parts: _Parts, depth: int
               ) -> tuple[float | None, frozenset[Claim]] | None:
        """The supply's value after the removal (None when the walk cannot tell it), and
        what it rests on; None when it does not fall."""
        if not parts.producers:
            return None
        lowest = min((self.after(at) for _, at, _ in parts.inputs), default=1.0)
        inputs_fall = any(self.falls(at) for _, at, _ in parts.inputs)
        rests: set[Claim] = set()
        taken = False
        # whether a producer the removal leaves loses its inputs (the removal bites
        # through them there too)
        starved = False
        # the sum of the parts is the engine's where every producer draws the world pool
        # and no pool is split (section 2); else it is not told
        exact = not parts.pooled
        total = 0.0
        for claim, weight, stands_on, suppliers in parts.producers:
            if (claim.subject, material) in self.blocked:
                continue
            fallen = [n for n, at in stands_on if self.falls(at)]
            if fallen:
                # the removal takes this producer: its share here, and its link to the
                # node (a facility's country or operator)
                taken = True
                rests |= set(self.evidence_claims(claim.subject, material))
                links = [n for n in fallen if n != claim.subject]
                if links:
                    rests |= set(self.context_claims(claim.subject, links[0]))
                continue
            if suppliers is not None:
                # its inputs come from its suppliers (5.3): one the removal reaches is
                # not followed here
                if any(self.falls(at) for at in suppliers):
                    raise _UntraceableError(claim.subject)
                exact = False
            starved = starved or inputs_fall
            total += weight * min([self.after(at) for _, at in stands_on] + [lowest])
        if not taken and not starved:
            return None
        if starved:
            rests |= self.best(self.inputs_binding(parts.inputs, lowest, depth))
        return (min(1.0, total) if exact else None), frozenset(rests)

    def inputs_binding(self, inputs: list, level: float, depth: int
                       ) -> list[frozenset[Claim]]:
        """For each input that falls to ``level``, what it rests on: its claim and its own
        explanation."""
        out = []
        for other, at, claims in inputs:
            if self.falls(at) and self.after(at) <= level + _EPS:
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

    def context_claims(self, producer: str, link: str) -> list[Claim]:
        return self.claim(producer, "LOCATED_IN", link) + self.claim(producer, "OPERATED_BY",
                                                                     link)

    def evidence_claims(self, producer: str, material: str) -> list[Claim]:
        """The producer's claims to make the material that the figures read (as the
        evidence reads them: :meth:`Evidence.weighs`)."""
        return [c for c in self.evidence._claims_making(producer).get(material, ())
                if self.evidence.weighs(c)]
