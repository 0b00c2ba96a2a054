"""The analysis engine: availability, loss and single points of failure of products.

:class:`Analysis` compiles the AND-OR structure of a graph once per *scope* (the set of
producers that the enforced export controls block for a product; products under the
same controls share one), evaluates the baseline once, and then, for each candidate
node upstream of the requested products, re-evaluates incrementally only what that
node's removal changes. One pass gives every product's loss from that node, so work
is shared across products, and the same pass gives the single points of failure: the
nodes whose removal alone takes a product's value to exactly 0.

>>> from mineralgraph import load_bundled
>>> analysis = Analysis(load_bundled())
>>> analysis.availability("product:f-35", removed=["element:Sm"])
0.0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from mineralgraph.graph.analysis.concentration import REST_OF_WORLD
from mineralgraph.graph.analysis.evaluator import Evaluator
from mineralgraph.graph.analysis.scenario import Restriction, Scenario
from mineralgraph.graph.analysis.structure import (
    Lookups,
    OwnedByIndex,
    RenumberedIndex,
    Structure,
    StructureBuilder,
    anchors,
    compile_columns,
    located_in,
    lower_from_upper,
    material_inputs,
    richer_grades,
    untraced,
    untraced_reached,
)
from mineralgraph.graph.flow import FlowIndex, flow_graph
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.memory import gc_paused
from mineralgraph.ontology import model


@dataclass
class Scope:
    """One compiled structure with its evaluator and baseline values."""

    structure: Structure
    evaluator: Evaluator
    zero: frozenset[int]
    baseline: np.ndarray

    def zero_for(self, removed: Iterable[str]) -> set[int]:
        """Evaluation nodes zeroed by removing these graph ids, plus the scenario's."""
        nodes = set(self.zero)
        for node_id in removed:
            nodes.update(self.structure.owned.get(node_id, ()))
        return nodes


@dataclass
class Losses:
    """The losses of one product in one bound, as arrays: the candidates (numbers into
    the sorted ``ids`` of the flow index, ascending) whose removal changes its value,
    the value after each removal, and the value before. A value of exactly 0 after is a
    single point of failure."""

    ids: list[str]
    number: dict[str, int]
    candidates: np.ndarray
    after: np.ndarray
    before: float

    @classmethod
    def none(cls) -> Losses:
        """No loss from anything (a product with no supply to lose)."""
        return cls([], {}, np.zeros(0, np.int64), np.zeros(0), 0.0)

    def values(self) -> np.ndarray:
        """loss(P, node) of each candidate, in the order of ``candidates``."""
        return 1.0 - self.after / self.before if len(self.after) else np.zeros(0)

    def losses(self) -> dict[str, float]:
        """Node id -> loss(P, node), candidates in id order."""
        ids = self.ids
        return {ids[c]: v for c, v in zip(self.candidates.tolist(), self.values().tolist(),
                                          strict=True)}

    def loss(self, node_id: str) -> float:
        """loss(P, node) (0 when it has none)."""
        number = self.number.get(node_id, -1)
        at = int(np.searchsorted(self.candidates, number))
        if at < len(self.candidates) and self.candidates[at] == number:
            return float(1.0 - self.after[at] / self.before)
        return 0.0

    def spofs(self) -> set[str]:
        """The nodes whose removal alone takes the product to 0."""
        return {self.ids[c] for c in self.candidates[self.after == 0.0].tolist()}

    def spof(self, node_id: str) -> bool:
        """Whether removing the node alone takes the product to 0."""
        number = self.number.get(node_id, -1)
        at = int(np.searchsorted(self.candidates, number))
        return bool(at < len(self.candidates) and self.candidates[at] == number
                    and self.after[at] == 0.0)


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
        #: the wider readings of the addendum (``--worst-case``: graph.worst_case)
        self.worst_case = graph.worst_case
        #: the graph of the lower bound: the graph itself, as section 5.7 drops the claims
        #: below --min-confidence "before the analysis"; under --worst-case, with the
        #: requirements --min-confidence left out put back (unknown, not absent: addendum,
        #: 5.7 put-back)
        self.lower_graph = (graph.with_left_out_requirements() if self.worst_case
                            else graph)
        self._flow = None
        self._lower_flow = None
        self._flow_index: FlowIndex | None = None
        self._lower_index: FlowIndex | None = None
        self._lower_upstream: dict[str, set[str]] = {}
        self._scopes: dict[tuple, Scope] = {}
        self._upstream: dict[str, set[str]] = {}
        self._candidates: dict[tuple, set[str]] = {}
        self._anchors: dict[str, str | None] | None = None
        self._untraced: set[str] | None = None
        self._grades: dict[str, list[str]] | None = None
        self._plain: Analysis | None = None
        #: per graph (the lower bound's may differ): what the builder asks, asked once
        self._lookups: dict[int, Lookups] = {}
        self._unmapped_masks: dict[tuple[int, int], tuple[set[str], np.ndarray]] = {}
        self._last_masks: dict[int, tuple[str, np.ndarray, np.ndarray]] = {}
        #: (product, bound) -> its loss table, from one pass over the candidates of the
        #: products asked for together
        self._results: dict[tuple[str, str], Losses] = {}
        #: (product, country, bound) -> whether the country stops it only through its makers
        self._through: dict[tuple[str, str, str], bool] = {}
        self._places: dict[str, dict[str, list[str]]] = {}
        self._work: dict[str, tuple[np.ndarray, np.ndarray, list[list[str]]]] = {}
        self._pooled: bool | None = None
        #: node -> :meth:`control_reach` of it
        self._reach: dict[str, tuple[list[str], list[str]]] = {}

    @property
    def flow(self):
        """The flow view as a networkx DiGraph (built on first use: the paths of the
        evidence need it; the analysis itself runs on :attr:`flow_index`)."""
        if self._flow is None:
            self._flow = flow_graph(self.graph)
        return self._flow

    @property
    def lower_flow(self):
        """The flow view of :attr:`lower_graph` (the flow view itself when the graphs are
        the same; built on first use)."""
        if self.lower_graph is self.graph:
            return self.flow
        if self._lower_flow is None:
            self._lower_flow = flow_graph(self.lower_graph)
        return self._lower_flow

    @property
    def flow_index(self) -> FlowIndex:
        """The flow view as arrays (built on first use)."""
        if self._flow_index is None:
            self._flow_index = FlowIndex(self.graph)
        return self._flow_index

    def flow_index_for(self, bound: str) -> FlowIndex:
        """The flow index of a bound's graph (:attr:`lower_graph` for the lower bound)."""
        if bound == "lower" and self.lower_graph is not self.graph:
            if self._lower_index is None:
                self._lower_index = FlowIndex(self.lower_graph)
            return self._lower_index
        return self.flow_index

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
                    blocked |= self._blocked_pairs(restriction, self.grade_unknown(restriction))
                    blocked |= self._blocked_virtual(restriction)
        return frozenset(blocked)

    def grades(self) -> dict[str, list[str]]:
        """Each material whose grade is not stated, with its richer grades
        (:func:`~mineralgraph.graph.analysis.structure.richer_grades`, on the lower
        bound's graph, the only one that uses them); under ``--worst-case`` only (addendum,
        5.6 unstated grade): by default a control reaches what section 5.6 says it covers,
        and none (an empty dict)."""
        if self._grades is None:
            self._grades = richer_grades(self.lower_graph) if self.worst_case else {}
        return self._grades

    def grade_unknown(self, restriction: Restriction) -> set[str]:
        """Materials a control may reach because their grade is not stated (addendum,
        5.6 grades): the control covers a richer grade of the material (the grade itself
        or an element the grade contains) but not the material. In the lower bound the
        issuer's producers of such a material count as 0, as if the control reached it;
        the upper bound reads it as stated. Under ``--worst-case`` only (empty
        otherwise: :meth:`grades`)."""
        return self._grade_unknown_of(self._covered(restriction))

    def _grade_unknown_of(self, covered: set[str]) -> set[str]:
        """The one grade rule: materials not in ``covered`` (a set of materials) with a
        richer grade in it."""
        return {m for m, grades in self.grades().items()
                if m not in covered and covered & set(grades)}

    def control_reach(self, node_id: str) -> tuple[list[str], list[str]]:
        """What losing a node may take with it in the lower bound, by the rules a control
        follows there (section 5.6 and its addendum), beyond what it owns: losing an
        element or a material is at least a control covering it, and losing a named
        country at least a control it issues on everything its producers make, whoever
        the product's makers are. Returns ``(grades, virtual)``, sorted:

        - ``grades``: materials of unstated grade lost with it, as if they were the
          richer grade it is or is in (:meth:`grade_unknown`; an element or material
          only: a country's producers of such a material are its own already);
        - ``virtual``: materials without a producer whose virtual producer it may take:
          the material, or one of its inputs, is what the node is, is in or makes
          (section 5.6: where supply is unknown, any such control may reach it).

        The :meth:`untraced` materials, which any control reaches, are left to
        :meth:`untraced_losses`. A company, a facility and rest of the world reach
        nothing: no control is issued by one or covers one (5.6 never takes a virtual
        producer out with a company or facility), and rest of the world is many
        countries.
        """
        found = self._reach.get(node_id)
        if found is not None:  # asked by dependents, then by the lower bound's losses
            return list(found[0]), list(found[1])
        kind = model.kind_of(node_id)
        if kind in ("Element", "Material"):
            covered = self._covered_by([node_id])
        elif kind == "Country" and node_id != REST_OF_WORLD:
            # what its producers make: the country itself and what is LOCATED_IN it but
            # a country (:func:`located_in`: a country's output sits in itself), each
            # one's claims found by a search, not by reading every PRODUCES claim of the
            # graph and the countries of every producer (at a million nodes, some 500,000)
            here = [node_id] + [n for n in self.graph.neighbours(node_id, "LOCATED_IN",
                                                                 incoming=True)
                                if model.kind_of(n) != "Country"]
            covered = {str(c.object) for producer in here
                       for c in self.graph.subject_claims(producer, "PRODUCES")}
        else:
            return [], []
        grades = self._grade_unknown_of(covered)
        virtual = self._virtual_reached(covered | grades)
        found = self._reach[node_id] = ((sorted(grades) if kind != "Country" else []),
                                        sorted(virtual))
        return list(found[0]), list(found[1])

    def issuers_for(self, product: str) -> list[str]:
        """The countries issuing an enforced restriction in a product's scope (upper
        bound), sorted: removing one of them under the scenario removes it as a producer
        on top of its own control (its supply the control leaves: what the control does
        not cover)."""
        return sorted({r.issuer for r in self.restrictions
                       if r.issuer and self._in_scope(product, r, "upper")})

    def lower_only_restrictions(self, product: str) -> list[Restriction]:
        """The enforced restrictions in a product's scope for the lower bound only: they
        target countries and no maker of the product, or no maker's country, is recorded
        (section 5.6)."""
        return [r for r in self.restrictions if self._in_scope(product, r, "lower")
                and not self._in_scope(product, r, "upper")]

    def grade_unknown_upstream(self, product: str) -> list[tuple[str, list[str]]]:
        """(material, its covered richer grades) for the materials upstream of a product
        (in the lower bound's flow) whose grade is not stated and that an enforced
        control in the product's scope may reach for that reason; sorted."""
        found: dict[str, set[str]] = {}
        for restriction in self.restrictions:
            if not self._in_scope(product, restriction, "lower"):
                continue
            covered = self._covered(restriction)
            for m in self.grade_unknown(restriction):
                found.setdefault(m, set()).update(g for g in self.grades()[m] if g in covered)
        if not found:
            return []
        flow = self.flow_index_for("lower")
        mask = flow.mask([product])
        return [(m, sorted(found[m])) for m in sorted(found)
                if m in flow.number and mask[flow.number[m]]]

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
        return self._covered_by(restriction.covers)

    def _covered_by(self, nodes: Iterable[str]) -> set[str]:
        """The materials a control covering ``nodes`` covers: an element's materials
        (those that CONTAIN it), a material itself."""
        covered = set()
        for node in nodes:
            if model.kind_of(node) == "Element":
                covered |= set(self.graph.neighbours(node, "CONTAINS", incoming=True))
            else:
                covered.add(node)
        return covered

    def _blocked_pairs(self, restriction: Restriction, materials=None) -> set:
        pairs = set()
        for material in self._covered(restriction) if materials is None else materials:
            for claim in self.graph.relation_claims(material, "PRODUCES", incoming=True):
                if restriction.issuer in located_in(self.graph, claim.subject):
                    pairs.add((claim.subject, material))
        return pairs

    def _blocked_virtual(self, restriction: Restriction) -> set:
        """Virtual producers a control zeroes, whoever issued it: where supply is unknown,
        a control covering the material, an element it contains or one of its inputs may
        reach it (section 5.6). Under ``--worst-case`` also a material of unstated grade
        when a richer grade is covered, and a material nothing traces (no element, input
        or anchor) under any control in scope (addendum): :meth:`grades` and
        :meth:`untraced` are empty otherwise."""
        covered = self._covered(restriction) | self.grade_unknown(restriction)
        return {("virtual", m) for m in self._virtual_reached(covered)
                | untraced_reached(self.lower_graph, self.untraced(), restriction.covers)}

    def _virtual_reached(self, covered: set[str]) -> set[str]:
        """Materials without a producer whose virtual producer a control covering
        ``covered`` reaches: the material or one of its inputs is covered."""
        return {m for m in self.anchors()
                if m in covered or covered & set(material_inputs(self.lower_graph, m))}

    def untraced(self) -> set[str]:
        """Materials nothing traces to a country: no producer, element, input or anchor.
        Under ``--worst-case`` any enforced control in scope zeroes their virtual producer
        (addendum, 5.6 untraced); by default none are set apart (an empty set): a control
        reaches such a material only where section 5.6 says, by covering it."""
        if self._untraced is None:
            self._untraced = (set(untraced(self.lower_graph, self.anchors()))
                              if self.worst_case else set())
        return self._untraced

    def untraced_upstream(self, product: str) -> list[str]:
        """The :meth:`untraced` materials upstream of a product (in the lower bound's
        flow), sorted; one search of the flow index, nothing kept per product."""
        found = self.untraced()
        if not found:
            return []
        flow = self.flow_index_for("lower")
        mask = self._upstream_mask(flow, product)
        return sorted(n for n in found if n in flow.number and mask[flow.number[n]])

    def _upstream_mask(self, flow: FlowIndex, product: str) -> np.ndarray:
        """``flow.mask([product])``: see :meth:`_upstream_of`."""
        return self._upstream_of(flow, product)[1]

    def _upstream_of(self, flow: FlowIndex, product: str) -> tuple[np.ndarray, np.ndarray]:
        """The nodes upstream of a product (:meth:`FlowIndex.upstream_numbers`) and the
        same as ``flow.mask([product])``, kept for the last product asked of each flow
        index: a report asks it of both bounds, for the untraced inputs and for the
        makers' places (one search, not four). The mask is one array per flow index,
        cleared and set at the nodes of each product in turn (a mask made per product
        cost the size of the graph each time: at a million nodes, most of the reports'
        time); it holds for the product until another is asked."""
        held = self._last_masks.get(id(flow))
        if held is not None and held[0] == product:
            return held[1], held[2]
        if held is not None:
            mask = held[2]
            mask[held[1]] = False
        else:
            mask = np.zeros(len(flow.ids), np.bool_)
        numbers = flow.upstream_numbers([product])
        mask[numbers] = True
        self._last_masks[id(flow)] = (product, numbers, mask)
        return numbers, mask

    def scope(self, product: str, bound: str = "upper") -> Scope:
        """The compiled scope serving a product in one bound (built on first use)."""
        key = (bound, self.blocked_for(product, bound))
        if key not in self._scopes:
            if (bound == "lower" and not self.anchors() and self.lower_graph is self.graph
                    and not self.pooled()):
                # nothing unmapped, no unsourced split: the lower bound is the upper one
                # with its controls
                upper = ("upper", key[1])
                if upper not in self._scopes:
                    self._scopes[upper] = self._compile(key[1], None)
                self._scopes[key] = self._scopes[upper]
            elif bound == "lower" and self.lower_graph is self.graph:
                # the same graph: the lower bound is the upper one under the same blocked
                # producers with the virtual producers added (compiled first: every
                # report reads both bounds)
                pairs = frozenset(b for b in key[1] if b[0] != "virtual")
                upper = ("upper", pairs)
                if upper not in self._scopes and pairs == self.blocked_for(product, "upper"):
                    self.scope(product, "upper")
                self._scopes[key] = (self._lower_from(self._scopes[upper], key[1])
                                     if upper in self._scopes
                                     else self._compile(key[1], self.anchors()))
            else:
                self._scopes[key] = self._compile(
                    key[1], self.anchors() if bound == "lower" else None)
        return self._scopes[key]

    def lookups(self) -> Lookups:
        """What the builder asks the graph (a material's producer weights, inputs...),
        asked once per graph and shared with the evidence."""
        found = self._lookups.get(id(self.graph))
        if found is None:
            found = self._lookups[id(self.graph)] = Lookups(self.graph)
        return found

    def pooled(self) -> bool:
        """Whether some material's producers split a pool with no share of their own
        (:func:`producer_pools`), so that the bounds differ there (asked once)."""
        if self._pooled is None:
            look = self._lookups.setdefault(id(self.graph), Lookups(self.graph))
            self._pooled = any(look.pools(m) for m in self.graph.ids("Material"))
        return self._pooled

    @gc_paused()
    def _lower_from(self, upper: Scope, blocked: frozenset) -> Scope:
        """The lower bound's scope made from the upper bound's of the same graph and
        producers (:func:`lower_from_upper`): no second build node by node."""
        structure = lower_from_upper(upper.structure, upper.evaluator.structure_arrays(),
                                     self.graph, self.anchors(), blocked,
                                     self._lookups[id(self.graph)])
        return self._scope_of(structure)

    @gc_paused()
    def _compile(self, blocked: frozenset, anchored) -> Scope:
        graph = self.graph if anchored is None else self.lower_graph
        for g in (graph, self.graph):
            if id(g) not in self._lookups:
                self._lookups[id(g)] = Lookups(g)
        # the upper bound as columns where no explicit supplier makes in-house stages
        structure = (compile_columns(graph, blocked, self._lookups[id(graph)])
                     if anchored is None else None)
        if structure is None:
            # in-house stages are decided on the kept graph (section 5.7 as extended)
            structure = StructureBuilder(graph, blocked, anchored, self._lookups[id(graph)],
                                         sourcing=self._lookups[id(self.graph)]).build()
        return self._scope_of(structure)

    def _scope_of(self, structure: Structure) -> Scope:
        """A compiled structure with its evaluator and baseline under the scenario."""
        evaluator = Evaluator(structure, compact=True)
        zero = frozenset(n for r in self.removed for n in structure.owned.get(r, ()))
        return Scope(structure, evaluator, zero, evaluator.evaluate(zero))

    def upstream(self, node_id: str, bound: str = "upper") -> set[str]:
        """Nodes upstream of a node in the flow view (cached); for the lower bound, with
        the requirements --min-confidence left out put back."""
        if bound == "lower" and self.lower_graph is not self.graph:
            if node_id not in self._lower_upstream:
                self._lower_upstream[node_id] = _upstream_set(self.flow_index_for(bound),
                                                              node_id)
            return self._lower_upstream[node_id]
        if node_id not in self._upstream:
            self._upstream[node_id] = _upstream_set(self.flow_index, node_id)
        return self._upstream[node_id]

    def upstream_sorted(self, node_id: str) -> list[str]:
        """``sorted(self.upstream(node_id))``, not kept: for a pass over every product
        (a set kept per product took some 60 KiB each, 120 MiB for the reports of all
        products at 100k nodes)."""
        flow = self.flow_index
        own = flow.number.get(node_id, -1)
        ids = flow.ids
        return [ids[i] for i in self._upstream_of(flow, node_id)[0].tolist() if i != own]

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
        return float(values[index])

    def reference(self, product: str, bound: str = "upper") -> float:
        """a(P) under this analysis's scenario with nothing else removed: what losses are
        measured against (the baseline when there is no scenario)."""
        scope = self.scope(self.graph.require(product, "Product"), bound)
        return float(scope.baseline[scope.structure.index[product]])

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

    def mapped_availability(self, product: str) -> float:
        """a(P) under the scenario from mapped supply alone: in the lower bound, with every
        material upstream that has no producer at the date counted 0 (its supply is not
        known to exist). 0 when the product needs such a material on every route; the
        lower bound's a(P) when nothing upstream is unmapped.

        Not the availability of section 5.6 (:meth:`availability_range`, whose bounds
        are both 1 at baseline by construction): a figure beside it, which views state
        apart ("with its inputs of unmapped supply counted missing") so that unknown
        supply never reads as safe."""
        scope = self.scope(self.graph.require(product, "Product"), "lower")
        target = scope.structure.index[product]
        unmapped = [m for m in self.unmapped(product) if model.kind_of(m) == "Material"]
        zero = scope.zero_for(unmapped)
        if zero == set(scope.zero):
            return float(scope.baseline[target])
        return float(scope.evaluator.value_after(scope.baseline, zero, target))

    def baseline_range(self, product: str) -> tuple[float, float]:
        """[lower, upper] availability of a product without the scenario."""
        lower, upper = self.baseline(product, "lower"), self.baseline(product, "upper")
        return min(lower, upper), upper

    def spofs(self, product: str, bound: str = "upper") -> set[str]:
        """Single points of failure: nodes whose removal alone makes a(product) = 0."""
        return self.spof_sets([product], bound)[product]

    def spof_sets(self, products: Iterable[str], bound: str = "upper") -> dict[str, set[str]]:
        """SPOFs of several products, from the same pass as their losses."""
        products = list(products)
        self._run(products, bound)
        return {p: self._results[(p, bound)].spofs() for p in products}

    def losses(self, products: Iterable[str], bound: str = "upper") -> dict[str, dict[str, float]]:
        """For each product, loss(P, n) for every node n upstream of it that has a loss.

        Nodes are visited once per scope: one incremental re-evaluation gives the loss
        of every product downstream of the node.
        """
        products = list(products)
        self._run(products, bound)
        return {p: self._results[(p, bound)].losses() for p in products}

    def loss_tables(self, products: Iterable[str], bound: str = "upper") -> dict[str, Losses]:
        """For each product, its losses as a :class:`Losses` table (arrays, no dict per
        product): what :meth:`losses` and :meth:`spof_sets` read, from the same pass."""
        products = list(products)
        self._run(products, bound)
        return {p: self._results[(p, bound)] for p in products}

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
            before = float(scope.baseline[index])
            if id(scope) not in changes:
                changes[id(scope)] = scope.evaluator.changed_values(
                    scope.baseline, scope.zero_for([node_id]))
            after = changes[id(scope)].get(index, before)
            out[product] = 1.0 - after / before if before > 0 else 0.0
        return out

    def node_losses(self, node_id: str, products: Iterable[str]) -> dict[str, dict[str, float]]:
        """loss(P, node_id) per bound for each product P, the bounds whose reference is 0
        left out: section 2's removal in the upper bound, and in the lower bound the node
        with what a control on it would reach (:meth:`reach_losses`). The one answer of
        ``dependents`` and of a brief on the node (the :meth:`untraced_losses` beside it).
        """
        products = list(products)
        by_bound = {"lower": self.reach_losses(node_id, products),
                    "upper": self.losses_from(node_id, products, "upper")}
        return {p: {b: by_bound[b][p] for b in BOUNDS if self.reference(p, b) > 0}
                for p in products}

    def reach_losses(self, node_id: str, products: Iterable[str]) -> dict[str, float]:
        """loss(P, node_id) in the lower bound for each product P, the node taking with it
        what :meth:`control_reach` says a control would: what ``dependents`` answers, so
        that losing a node never costs less than a control on it in a ``scenario``.

        >>> from mineralgraph import load_bundled
        >>> Analysis(load_bundled()).reach_losses("element:Dy", ["product:optimus"])
        {'product:optimus': 0.0}
        >>> Analysis(load_bundled().with_worst_case()).reach_losses("element:Dy",
        ...                                                         ["product:optimus"])
        {'product:optimus': 1.0}
        """
        self.graph.require(node_id)
        grades, virtual = self.control_reach(node_id)
        out = {}
        changes: dict[int, dict[int, float]] = {}
        for product in products:
            scope = self.scope(product, "lower")
            index = scope.structure.index
            before = float(scope.baseline[index[product]])
            if id(scope) not in changes:
                # a material without a producer is its virtual producer's output alone,
                # so zeroing its node is blocking that producer for every reader of the
                # world pool (in-house stages and explicit suppliers do not read it)
                zero = scope.zero_for([node_id, *grades]) | {index[m] for m in virtual
                                                              if m in index}
                changes[id(scope)] = scope.evaluator.changed_values(scope.baseline, zero)
            after = changes[id(scope)].get(index[product], before)
            out[product] = 1.0 - after / before if before > 0 else 0.0
        return out

    def untraced_reach(self, node_id: str) -> bool:
        """Whether losing the node may take the :meth:`untraced` materials with it, by the
        rule a control follows (addendum, 5.6 untraced: any control in scope reaches
        them, whoever issued it and whatever it covers). Losing a named country is at
        least a control it issues, losing an element or a material at least a control
        covering it, so yes for those. Not for rest of the world (every country a figure
        does not name: no control is issued by it), nor a company or a facility: no control is
        issued by one or covers one, and section 5.6 never takes a virtual producer out
        with a company or facility (unknown supply is unknown of country, not of firm).
        """
        if not self.worst_case:  # the untraced rule is --worst-case's alone
            return False
        kind = model.kind_of(node_id)
        return kind in ("Element", "Material") or (kind == "Country"
                                                   and node_id != REST_OF_WORLD)

    def untraced_reached_by(self, node_id: str) -> set[str]:
        """The :meth:`untraced` materials losing the node may take (:meth:`untraced_reach`),
        by the rule a control follows: all of them for a named country (any country may be
        where they come from); for an element or a material, those a control covering it
        reaches (:func:`untraced_reached`: a bounded composition that cannot hold it is
        out of reach)."""
        if not self.untraced_reach(node_id):
            return set()
        if model.kind_of(node_id) == "Country":
            return set(self.untraced())
        return untraced_reached(self.lower_graph, self.untraced(), [node_id])

    def untraced_losses(self, node_id: str, products: Iterable[str]) -> dict[str, float]:
        """The loss of each product with an untraced requirement (:meth:`untraced_upstream`)
        if what nothing traces came from ``node_id`` too: the lower bound's rule for a
        control (section 5.6, :meth:`_blocked_virtual`: any control in scope zeroes the
        virtual producer of an untraced material) applied to losing the node, measured
        against the lower bound's baseline. Products without one are left out.

        >>> from mineralgraph import load_bundled
        >>> Analysis(load_bundled()).untraced_losses("country:CN", ["product:military-uav"])
        {}
        >>> Analysis(load_bundled().with_worst_case()).untraced_losses(
        ...     "country:CN", ["product:military-uav"])
        {'product:military-uav': 1.0}
        """
        self.graph.require(node_id)
        out = {}
        changes: dict[int, dict[int, float]] = {}
        reached = self.untraced_reached_by(node_id)
        for product in products:
            if not reached & set(self.untraced_upstream(product)):
                continue
            scope = self.scope(product, "lower")
            index = scope.structure.index
            before = float(scope.baseline[index[product]])
            if id(scope) not in changes:
                # zeroing an untraced material's node is blocking its virtual producer
                # for every reader (as in reach_losses): no second structure compiled
                zero = scope.zero_for([node_id]) | {index[m] for m in reached if m in index}
                changes[id(scope)] = scope.evaluator.changed_values(scope.baseline, zero)
            after = changes[id(scope)].get(index[product], before)
            out[product] = 1.0 - after / before if before > 0 else 0.0
        return out

    def _run(self, products: list[str], bound: str) -> None:
        """Losses and single points of failure of the products not yet known, one pass
        over the candidates per scope."""
        by_scope: dict[int, list[str]] = defaultdict(list)
        scopes = {}
        for product in products:
            if (product, bound) in self._results:
                continue
            scope = self.scope(product, bound)
            if product not in by_scope[id(scope)]:
                by_scope[id(scope)].append(product)
            scopes[id(scope)] = scope
        if by_scope:
            # every scope of the pass is compiled: what the builder asked the graph is
            # asked again only by the views that read it, a material at a time
            for look in self._lookups.values():
                look.forget()
        for key, members in by_scope.items():
            self._scope_pass(scopes[key], members, bound)

    def _scope_pass(self, scope: Scope, products: list[str], bound: str) -> None:
        index = scope.structure.index
        baseline = scope.baseline
        targets = [p for p in products if baseline[index[p]] > 0]
        for product in products:
            self._results[(product, bound)] = Losses.none()
        if not targets:
            return
        flow = self.flow_index_for(bound)
        found = self._candidate_numbers(flow, targets, bound)
        owned = scope.structure.owned
        target_nodes = np.fromiter((index[p] for p in targets), np.int64, len(targets))
        if isinstance(owned, OwnedByIndex):  # each id owns its own node, and no other
            # as arrays over the flow index's numbers (the ids' order): no list of ids,
            # no lookup an id, at a million nodes a million of each a bound
            node_of = _nodes_by_number(flow, scope.structure.index)
            numbers = found[node_of[found] >= 0]
            cand_nodes = node_of[numbers]
            del node_of
            cand_ptr = np.arange(len(numbers) + 1, dtype=np.int64)
            # a product is no candidate of itself: its place among the candidates
            asked = np.fromiter((flow.number.get(p, -1) for p in targets), np.int64,
                                len(targets))
            at = np.minimum(np.searchsorted(numbers, asked), max(len(numbers) - 1, 0))
            itself = (np.where(numbers[at] == asked, at, -1) if len(numbers)
                      else np.full(len(targets), -1)).astype(np.int32)
            numbers = numbers.astype(np.int32)
        else:
            candidates = [n for n in (flow.ids[i] for i in found.tolist()) if owned.get(n)]
            counts = np.fromiter((len(owned[n]) for n in candidates), np.int64,
                                 len(candidates))
            cand_ptr = np.zeros(len(candidates) + 1, np.int64)
            np.cumsum(counts, out=cand_ptr[1:])
            cand_nodes = np.fromiter((i for n in candidates for i in owned[n]), np.int64,
                                     int(cand_ptr[-1]))
            wanted = set(targets)
            position = {n: c for c, n in enumerate(candidates) if n in wanted}
            itself = np.array([position.get(p, -1) for p in targets], np.int32)
            numbers = np.fromiter((flow.number[n] for n in candidates), np.int32,
                                  len(candidates))
            del candidates, position
        del found
        # rows of one target together, candidates in order; a product is no candidate
        # of itself. The pass writes them in chunks, placed by target once counted (at a
        # million nodes ten million rows a bound: no arrays that double as they fill)
        bounds, found_c, found_v = scope.evaluator.candidate_tables(
            baseline, scope.evaluator.mask(scope.zero), cand_ptr, cand_nodes, target_nodes,
            itself, numbers)
        for t, product in enumerate(targets):
            part = slice(bounds[t], bounds[t + 1])
            self._results[(product, bound)] = Losses(
                flow.ids, flow.number, found_c[part], found_v[part],
                float(baseline[index[product]]))

    def _candidate_numbers(self, flow: FlowIndex, targets: list[str], bound: str
                           ) -> np.ndarray:
        """The candidates of all targets at once, as numbers into ``flow.ids``
        (ascending, so in id order): what is upstream of any, and for the lower bound the
        anchor countries of the materials without producers there or among the targets.
        A node changes a target's value only through the structure's inputs, which
        follow flow edges (or an anchor), so it is a candidate of that target itself."""
        upstream = flow.mask(targets)
        found = np.flatnonzero(upstream)
        if bound == "lower":
            wanted, number = set(targets), flow.number
            extra = {anchor for m, anchor in self.anchors().items() if anchor and (
                m in wanted or (m in number and upstream[number[m]]))}
            found = np.union1d(found, np.fromiter(
                (number[a] for a in extra if a in number), np.int64))
        return found

    # ------------------------------------------------------------------ sole sources
    def sole_sources(self, product: str, spofs: Iterable[str],
                     bound: str = "upper") -> set[str]:
        """The single points of failure among ``spofs`` (of ``product``, in ``bound``)
        that a view names as such: the one definition every view uses.

        All of them, as design note 5.6 defines a SPOF (loss 1 in the bound): the rest of
        the world (``country:XX``) too, when its loss is 1 (5.2), and a maker's country
        that stops the product only through the maker's own work there (5.1). Views add
        what these are as annotations, never by dropping them: ``rest_of_world_only``
        (many countries, not one) and :meth:`through_makers` (``spof_through_makers``).
        """
        return set(spofs)

    def makers_places(self, product: str) -> dict[str, list[str]]:
        """Each country where a maker of ``product`` makes something upstream of it
        itself (the maker LOCATED_IN there producing without a facility, or a facility it
        operates there), with those makers (sorted)."""
        if product in self._places:
            return self._places[product]
        found: dict[str, set[str]] = defaultdict(set)
        # the product's upstream as the flow index's mask (one search, no set of ids
        # kept per product: at a million nodes each holds thousands)
        flow = self.flow_index
        ups = self._upstream_mask(flow, product)
        for maker in self.graph.neighbours(product, "MAKES", incoming=True):
            ptr, numbers, places = self._maker_work(maker)
            if not len(numbers):
                continue
            hit = np.logical_or.reduceat(ups[numbers], ptr[:-1])
            for at in np.flatnonzero(hit).tolist():
                for country in places[at]:
                    found[country].add(maker)
        self._places[product] = {c: sorted(found[c]) for c in sorted(found)}
        return self._places[product]

    def _maker_work(self, maker: str) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
        """What a maker makes itself, kept per maker (products of one maker ask it
        again, and a large maker operates thousands of facilities): the maker and each
        facility it operates that PRODUCES something of the flow view, as the flow
        numbers of what it produces (``numbers[ptr[i]:ptr[i + 1]]``, none empty) and
        where it is (``places[i]``, its LOCATED_IN countries)."""
        held = self._work.get(maker)
        if held is not None:
            return held
        g, number = self.graph, self.flow_index.number
        counts, numbers, places = [], [], []
        for worker in (maker, *g.neighbours(maker, "OPERATED_BY", incoming=True)):
            made = [number[c.object] for c in g.relation_claims(worker, "PRODUCES")
                    if c.object in number]
            if made:
                counts.append(len(made))
                numbers += made
                places.append(g.neighbours(worker, "LOCATED_IN"))
        ptr = np.zeros(len(counts) + 1, np.int64)
        np.cumsum(counts, out=ptr[1:])
        held = self._work[maker] = (ptr, np.array(numbers, np.int64), places)
        return held

    def through_makers(self, product: str, nodes: Iterable[str],
                       bound: str = "upper") -> dict[str, list[str]]:
        """The countries among ``nodes`` that are single points of failure of ``product``
        in ``bound`` only through its makers, with those makers: an annotation of the
        single point of failure, not a reason to drop it.

        Section 5.1 places a company that produces without a facility in its country,
        so removing the country removes what the maker makes in-house (Tesla's Optimus
        actuators, with Tesla in the United States): the country is a single point of
        failure (5.6). It is one only through its makers when, with the makers' own work
        kept (:meth:`apart_from_makers`), the product would still get something without
        it; views say so beside the SPOF ("via maker", ``spof_through_makers``).
        """
        nodes = set(nodes)
        if not any(model.kind_of(n) == "Country" for n in nodes):
            return {}
        places = self.makers_places(product)
        found = {}
        for c in sorted(n for n in nodes if n in places):
            key = (product, c, bound)
            if key not in self._through:
                self._through[key] = self.apart_from_makers(product, c, places[c], bound) > 0
            if self._through[key]:
                found[c] = places[c]
        return found

    def apart_from_makers(self, product: str, country: str, makers: Iterable[str],
                          bound: str = "upper") -> float:
        """a(product) with ``country`` removed but the work of ``makers`` there kept.

        Removing a country zeroes its leaf, so every producer whose context holds it (its
        own shares, the companies and facilities located there, a virtual producer
        anchored there) counts 0. Each of those is a minimum over its context and inputs,
        so zeroing each of them but the makers' (those whose context also holds a maker,
        as its operator or itself) is removing the country apart from the makers' work:
        one incremental evaluation of the compiled structure, no second graph.
        """
        scope = self.scope(product, bound)
        index, evaluator = scope.structure.index, scope.evaluator
        target, leaf = index.get(product), index.get(country)
        if target is None or leaf is None:
            return self.availability(product, [country], product, bound)
        # as arrays, not sets, and only those in the product's cone removed: a large
        # country feeds tens of thousands of nodes, asked again for product after product
        users, all_and = evaluator.users(leaf)
        if not all_and:  # not the structure this rule reads
            return self.availability(product, [country], product, bound)
        kept = [evaluator.parents(index[m]) for m in makers if index.get(m) is not None]
        return evaluator.value_after(scope.baseline, scope.zero, target, among=users,
                                     keep=np.concatenate(kept) if kept else None)

    def unmapped(self, product: str) -> list[str]:
        """Materials upstream of a product with no producer at the date: their supply is
        not mapped, so the answer about the product is a range (section 5.6)."""
        found: set[str] = set()
        for bound in BOUNDS:
            unmapped = self.scope(product, bound).structure.unmapped
            flow = self.flow_index_for(bound)
            key = (id(flow), id(unmapped))
            if key not in self._unmapped_masks:
                mask = np.zeros(len(flow.ids), np.bool_)
                mask[[flow.number[n] for n in unmapped if n in flow.number]] = True
                self._unmapped_masks[key] = (unmapped, mask)
            numbers = self._upstream_of(flow, product)[0]
            hits = numbers[self._unmapped_masks[key][1][numbers]]
            found |= {flow.ids[i] for i in hits} | ({product} & unmapped)
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
                got.append(1.0 if node is None else changed.get(node, float(scope.baseline[node])))
            if got[0] < got[1] - 1e-12:
                out.append(material)
        return out


def _nodes_by_number(flow: FlowIndex, index) -> np.ndarray:
    """The evaluation node of each id of ``flow`` (by its number; -1 for an id the
    structure's ``index`` has not), made from the index in one sweep."""
    keys = list(index)
    where = np.fromiter(map(flow.number.get, keys, repeat(-1)), np.int64, len(keys))
    nodes = (index.numbers_of(keys) if isinstance(index, RenumberedIndex)
             else np.fromiter(index.values(), np.int64, len(keys)))
    out = np.full(len(flow.ids), -1, np.int64)
    kept = where >= 0
    out[where[kept]] = nodes[kept]
    return out


def _upstream_set(flow: FlowIndex, node_id: str) -> set[str]:
    """:meth:`FlowIndex.upstream` at the cost of the node's upstream, not of the graph:
    the same nodes from :meth:`FlowIndex.upstream_numbers` (a report asks this product
    after product; a mask of every node each time was most of it at 100k nodes)."""
    ids = flow.ids
    found = {ids[i] for i in flow.upstream_numbers([node_id]).tolist()}
    found.discard(node_id)
    return found
