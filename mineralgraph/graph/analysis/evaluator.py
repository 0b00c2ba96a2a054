"""Evaluating availability on a compiled AND-OR structure, in full or incrementally.

The structure is ordered once into strongly connected components, inputs first. A
full evaluation visits each node once (cycles, such as recycling loops, are iterated
from 0 to their least fixpoint, as the dependency model says). Removing one graph
node is re-evaluated incrementally: only the nodes whose value changes are recomputed,
in topological order, and a change stops where it no longer moves a value (a min that
another input binds, say). Single points of failure come from *killer sets* in one
pass: the graph nodes whose removal alone makes an evaluation node 0.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from mineralgraph.graph.analysis.structure import AND, LEAF, OR, ZERO, Structure

EPSILON = 1e-12
ALMOST_ONE = 1.0 - EPSILON  # capped() is inlined with it in the hot loop of changed_values


def capped(total: float) -> float:
    """An OR node's value: its weighted sum, at most 1; a sum that misses 1 by rounding
    only (weights scaled to add up to 1) counts as 1.

    >>> capped(0.9999999999999999), capped(1.2), capped(0.5)
    (1.0, 1.0, 0.5)
    """
    return 1.0 if total >= ALMOST_ONE else total

MAX_ITERATIONS = 10_000
ALL = None  # the killer set of a node already at 0: every node "kills" it


def components_inputs_first(inputs: list[list[int]]) -> list[list[int]]:
    """Strongly connected components, each after every component it takes inputs from
    (iterative Tarjan on the input edges)."""
    count = len(inputs)
    index, low = [-1] * count, [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(count):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(inputs[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if index[child] == -1:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = True
                    work.append((child, iter(inputs[child])))
                    break
                if on_stack[child]:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component.append(member)
                        if member == node:
                            break
                    out.append(component)
    return out


class Evaluator:
    """Availability of every evaluation node of a :class:`Structure`.

    >>> from mineralgraph.graph.analysis.structure import Structure, AND, OR, LEAF
    >>> s = Structure()
    >>> a, b = s.add("country:A", LEAF, "country:A"), s.add("country:B", LEAF, "country:B")
    >>> m = s.add("material:m", OR, "material:m")
    >>> s.inputs[m], s.weights[m] = [a, b], [0.75, 0.25]
    >>> ev = Evaluator(s)
    >>> ev.evaluate()[m]
    1.0
    >>> ev.changed_values(ev.evaluate(), s.owned["country:A"])[m]
    0.25
    """

    def __init__(self, structure: Structure):
        self.s = structure
        self.components = components_inputs_first(structure.inputs)
        self.position = [0] * len(structure.op)
        self.cyclic = []
        for number, component in enumerate(self.components):
            for node in component:
                self.position[node] = number
            self.cyclic.append(len(component) > 1 or component[0] in structure.inputs[component[0]])
        self.weighted_dependents: list[list[tuple[int, float]]] = [[] for _ in structure.op]
        for node, inputs in enumerate(structure.inputs):
            weights = structure.weights[node] or [0.0] * len(inputs)
            for source, weight in zip(inputs, weights, strict=True):
                self.weighted_dependents[source].append((node, weight))
        self._raw_baseline: list[float] | None = None
        self._raw: dict[int, float] = {}

    # ------------------------------------------------------------------ values
    def compute(self, node: int, value, zero) -> float:
        """The value of one node from the values of its inputs (``value(i)``)."""
        if node in zero:
            return 0.0
        op = self.s.op[node]
        if op == LEAF:
            return 1.0
        if op == ZERO:
            return 0.0
        inputs = self.s.inputs[node]
        if op == AND:
            return min((value(i) for i in inputs), default=1.0)
        return capped(sum(w * value(i) for i, w in zip(inputs, self.s.weights[node],
                                                       strict=True)))

    def _fixpoint(self, component: list[int], values: dict | list, zero) -> None:
        """Iterate a cyclic component from 0 to its least fixpoint, in place."""
        for node in component:
            values[node] = 0.0
        for _ in range(MAX_ITERATIONS):
            moved = 0.0
            for node in component:
                new = self.compute(node, values.__getitem__, zero)
                moved = max(moved, abs(new - values[node]))
                values[node] = new
            if moved < EPSILON:
                return

    def evaluate(self, zero: Iterable[int] = ()) -> list[float]:
        """Availability of every evaluation node, with the nodes in ``zero`` removed."""
        zero = set(zero)
        values = [0.0] * len(self.s.op)
        for number, component in enumerate(self.components):
            if self.cyclic[number]:
                self._fixpoint(component, values, zero)
            else:
                node = component[0]
                values[node] = self.compute(node, values.__getitem__, zero)
        return values

    def changed_values(self, baseline: list[float], zero: Iterable[int]) -> dict[int, float]:
        """The nodes whose value changes when ``zero`` is removed, with their new values.

        Removal only lowers values (the model is monotone), so a node is updated from
        the inputs that moved alone: an AND node becomes ``min(baseline, moved inputs)``
        and an OR node its uncapped baseline sum plus the weighted drops, capped at 1.
        Nodes are visited in topological order and a change stops where it no longer
        moves a value, so the result equals a full :meth:`evaluate`. This is the hot
        loop of the chokepoint ranking, so it is written flat.
        """
        zero = set(zero)
        new: dict[int, float] = {}
        pending: dict[int, float] = {}
        heap: list[tuple[int, int]] = []
        position, dependents, ops = self.position, self.weighted_dependents, self.s.op
        raw = self._raw_sums(baseline)
        cyclic = self.cyclic
        heappush, heappop = heapq.heappush, heapq.heappop

        def moved(node: int, value: float) -> None:
            drop = value - baseline[node]
            for dependent, weight in dependents[node]:
                if dependent in zero:
                    continue
                if dependent not in pending:
                    pending[dependent] = value if ops[dependent] == AND else weight * drop
                    heappush(heap, (position[dependent], dependent))
                elif ops[dependent] == AND:
                    if value < pending[dependent]:
                        pending[dependent] = value
                else:
                    pending[dependent] += weight * drop

        for node in zero:
            if baseline[node] != 0.0:
                new[node] = 0.0
                moved(node, 0.0)
        done: set[int] = set()
        while heap:
            number, node = heappop(heap)
            if cyclic[number]:
                if number not in done:
                    done.add(number)
                    for member in self._changed_component(number, baseline, new, zero):
                        moved(member, new[member])
                continue
            if ops[node] == AND:
                result = min(baseline[node], pending[node])
            else:
                total = raw[node] + pending[node]
                result = 1.0 if total >= ALMOST_ONE else (total if total > 0.0 else 0.0)
            if -EPSILON <= result - baseline[node] <= EPSILON:
                continue
            new[node] = result
            moved(node, result)
        return new

    def _raw_sums(self, baseline: list[float]) -> dict[int, float]:
        """Uncapped input sums of the OR nodes at a baseline (cached per baseline)."""
        if self._raw_baseline is not baseline:
            self._raw = {node: sum(w * baseline[i] for i, w in zip(
                self.s.inputs[node], self.s.weights[node], strict=True))
                for node, op in enumerate(self.s.op) if op == OR}
            self._raw_baseline = baseline
        return self._raw

    def _changed_component(self, number: int, baseline, new: dict, zero) -> list[int]:
        """Re-iterate a cyclic component from 0 with its inputs' new values; what moved."""
        component = self.components[number]
        local = {i: new.get(i, baseline[i]) for i in component}
        self._fixpoint(component, _Overlay(local, lambda i: new.get(i, baseline[i])), zero)
        moved = []
        for member in component:
            if abs(local[member] - baseline[member]) > EPSILON:
                new[member] = local[member]
                moved.append(member)
        return moved

    # ------------------------------------------------------------------ killers
    def killers(self, baseline: list[float]) -> list:
        """For each node, the graph ids whose removal alone sets it to 0 (``ALL`` if it is 0).

        AND: its owner and every input's killers; OR: its owner and the killers common
        to all its live alternatives. Cycles take the greatest fixpoint, the dual of
        the least fixpoint of the values.
        """
        sets: list = [ALL] * len(self.s.op)
        for number, component in enumerate(self.components):
            if not self.cyclic[number]:
                node = component[0]
                sets[node] = self._killer_set(node, baseline, sets)
                continue
            for _ in range(len(component) + 2):
                changed = False
                for node in component:
                    new = self._killer_set(node, baseline, sets)
                    if new != sets[node]:
                        sets[node], changed = new, True
                if not changed:
                    break
        return sets

    def _killer_set(self, node: int, baseline: list[float], sets: list):
        if baseline[node] == 0.0:
            return ALL
        owner = self.s.owner[node]
        own = frozenset((owner,)) if owner is not None else frozenset()
        op = self.s.op[node]
        if op == LEAF:
            return own
        inputs = self.s.inputs[node]
        if op == AND:
            parts = [sets[i] for i in inputs]
            if any(p is ALL for p in parts):
                return ALL
            return _union(own, parts)
        live = [sets[i] for i, w in zip(inputs, self.s.weights[node], strict=True)
                if w > 0 and baseline[i] > 0]
        common = None
        for part in live:
            if part is ALL:
                continue
            common = part if common is None else common & part
        return own | common if common is not None else own


def _union(own: frozenset, parts: list[frozenset]) -> frozenset:
    biggest = max(parts, key=len, default=frozenset())
    if not own - biggest and all(p <= biggest for p in parts):
        return biggest
    return biggest.union(own, *parts)


class _Overlay(dict):
    """Values of a component being iterated, falling back to the other nodes' values."""

    def __init__(self, local: dict, fallback):
        super().__init__()
        self.local, self.fallback = local, fallback

    def __getitem__(self, node):
        return self.local[node] if node in self.local else self.fallback(node)

    def __setitem__(self, node, value):
        self.local[node] = value
