"""Evaluating availability on a compiled AND-OR structure, in full or incrementally.

The structure is held in flat arrays and ordered once into strongly connected
components, inputs first. A full evaluation visits each node once (cycles, such as
recycling loops, are iterated from 0 to their least fixpoint, as the dependency model
says). Removing graph nodes is re-evaluated incrementally: only the nodes whose value
changes are recomputed, in topological order, and a change stops where it no longer
moves a value (a min that another input binds, say). One such pass per candidate gives
both its loss and whether it is a single point of failure (the value drops to exactly
0). The loops are compiled (:mod:`mineralgraph.graph.analysis.kernels`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from mineralgraph.graph.analysis.structure import AND, Structure, index_type

EPSILON = 1e-12
ALMOST_ONE = 1.0 - EPSILON
#: Rows a chunk of the candidate passes holds (12 bytes a row: 48 MiB, one allocation
#: above glibc's largest mmap threshold, so it goes back to the system when freed)
CHUNK_ROWS = 2**22


def capped(total: float) -> float:
    """An OR node's value: its weighted sum, at most 1; a sum that misses 1 by rounding
    only (weights scaled to add up to 1) counts as 1.

    >>> capped(0.9999999999999999), capped(1.2), capped(0.5)
    (1.0, 1.0, 0.5)
    """
    return 1.0 if total >= ALMOST_ONE else total


def _kernels():
    """The compiled loops, imported on first use (numba takes a moment to import)."""
    from mineralgraph.graph.analysis import kernels
    return kernels


def _nodes(zero: Iterable[int]) -> np.ndarray:
    """Evaluation nodes as a sorted array without repeats."""
    if isinstance(zero, np.ndarray):
        return np.unique(zero.astype(np.int64))
    return np.fromiter(sorted(set(zero)), np.int64)


class Evaluator:
    """Availability of every evaluation node of a :class:`Structure` (``compact``:
    compact the structure once its arrays are taken; see :meth:`Structure.compact`).

    >>> from mineralgraph.graph.analysis.structure import Structure, AND, OR, LEAF
    >>> s = Structure()
    >>> a, b = s.add("country:A", LEAF, "country:A"), s.add("country:B", LEAF, "country:B")
    >>> m = s.add("material:m", OR, "material:m")
    >>> s.set_inputs(m, [a, b], [0.75, 0.25])
    >>> ev = Evaluator(s)
    >>> float(ev.evaluate()[m])
    1.0
    >>> ev.changed_values(ev.evaluate(), s.owned["country:A"])[m]
    0.25
    """

    def __init__(self, structure: Structure, compact: bool = False):
        k = _kernels()
        self.s = structure
        op, indptr, indices, weights = structure.arrays()
        if compact:
            # the builder's keys and arrays go before the work below, which at a million
            # nodes would sit on top of their few hundred MiB
            structure.compact()
        n = len(op)
        nodes = index_type(n)
        comp_ptr, comp_nodes, position, self.cyclic = k.components(indptr, indices)
        # Inside, the nodes are numbered in the order the passes visit them (by
        # component, inputs first, then by number): the arrays a pass reads are swept
        # forwards, not jumped about. The order of every operation stays as it was, so
        # the values are the same to the last bit. ``order[new]`` is the structure's
        # node number, ``rank[node]`` the number inside; the methods take and give the
        # structure's numbers.
        order = np.lexsort((np.arange(n), position))
        self.order = order.astype(nodes)
        self.rank = np.empty(n, nodes)
        self.rank[order] = np.arange(n, dtype=nodes)
        counts = np.diff(indptr.astype(np.int64))[order]
        new_ptr = np.zeros(n + 1, np.int64)
        np.cumsum(counts, out=new_ptr[1:])
        gather = (np.repeat(indptr[:-1].astype(np.int64)[order] - new_ptr[:-1], counts)
                  + np.arange(new_ptr[-1]))
        self.indices = self.rank[indices[gather]]
        self.weights = weights[gather]
        del gather, indices, weights
        self.indptr = new_ptr.astype(index_type(int(new_ptr[-1])))
        self.op = op[order]
        self.position = position[order].astype(nodes)
        self.comp_ptr = comp_ptr.astype(nodes)
        self.comp_nodes = self.rank[comp_nodes]
        del comp_ptr, comp_nodes, position, order
        # each dependent beside its weight (one cache line, not two, in the candidate
        # passes); the other passes read the two fields as arrays
        self.edges = np.empty(len(self.indices), k.EDGE_RECORD)
        self.dptr = k.dependents(self.indptr, self.indices, self.weights, self.edges).astype(
            index_type(len(self.indices)))
        self.dnodes, self.dweights = self.edges["node"], self.edges["w"]
        self._inside_of: np.ndarray | None = None
        self._inside: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._scratch_arrays: tuple | None = None
        self._users: dict[int, tuple[np.ndarray, bool]] = {}
        #: the scratch of :meth:`value_after` and its stamp
        self._cone: tuple | None = None
        self._cone_stamp = 0
        self._stamp = 0

    def __len__(self) -> int:
        return len(self.op)

    def structure_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The arrays of :meth:`Structure.arrays` (the structure's own numbering, each
        node's inputs in their order), taken back from the evaluator's: a compacted
        structure no longer holds them."""
        n = len(self.op)
        counts = np.diff(self.indptr.astype(np.int64))[self.rank]
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(counts, out=indptr[1:])
        gather = (np.repeat(self.indptr[:-1].astype(np.int64)[self.rank] - indptr[:-1], counts)
                  + np.arange(indptr[-1]))
        return self.op[self.rank], indptr, self.order[self.indices[gather]], self.weights[gather]

    def parents(self, node: int) -> np.ndarray:
        """The nodes that take ``node`` as an input (structure numbers, ascending)."""
        inside = int(self.rank[node])
        found = self.dnodes[int(self.dptr[inside]):int(self.dptr[inside + 1])]
        return np.sort(self.order[found].astype(np.int64))

    def users(self, node: int) -> tuple[np.ndarray, bool]:
        """:meth:`parents` of a node and whether they are all ``AND`` nodes, kept per
        node (what the maker's-country check asks of a country for product after
        product: a large country feeds tens of thousands of nodes)."""
        found = self._users.get(node)
        if found is None:
            parents = self.parents(node)
            found = self._users[node] = (parents, self.all_and(parents))
        return found

    def all_and(self, nodes: Iterable[int]) -> bool:
        """Whether every one of ``nodes`` is a minimum over its inputs (``AND``)."""
        found = (nodes.astype(np.int64) if isinstance(nodes, np.ndarray)
                 else np.fromiter(nodes, np.int64))
        return bool(np.all(self.op[self.rank[found]] == AND)) if len(found) else True

    def mask(self, zero: Iterable[int] = ()) -> np.ndarray:
        """A boolean array over the structure's nodes, True at the nodes of ``zero``."""
        out = np.zeros(len(self.op), np.bool_)
        out[_nodes(zero)] = True
        return out

    def evaluate(self, zero: Iterable[int] = ()) -> np.ndarray:
        """Availability of every evaluation node, with the nodes in ``zero`` removed."""
        values = _kernels().evaluate(self.op, self.indptr, self.indices, self.weights,
                                     self.comp_ptr, self.comp_nodes, self.cyclic,
                                     self.mask(zero)[self.order])
        return values[self.rank]

    def _baseline_inside(self, baseline: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                               np.ndarray]:
        """A baseline in the inside numbering, with the uncapped input sums of the OR
        nodes and their live inputs (cached per baseline)."""
        if self._inside_of is not baseline:
            inside = baseline[self.order]
            raw, live = _kernels().raw_sums(self.op, self.indptr, self.indices,
                                            self.weights, inside)
            self._inside = (inside, raw, live)
            self._inside_of = baseline
        return self._inside

    def changed_values(self, baseline: np.ndarray, zero: Iterable[int]) -> dict[int, float]:
        """The nodes whose value changes when ``zero`` is removed, with their new values
        (equal to a full :meth:`evaluate`; ``baseline`` is the evaluation of a subset of
        ``zero``)."""
        current, changed, count = self._propagate(baseline, zero)
        return {int(self.order[node]): float(current[node]) for node in changed[:count]}

    def value_after(self, baseline: np.ndarray, zero: Iterable[int], node: int,
                    among: np.ndarray | None = None, keep: np.ndarray | None = None
                    ) -> float:
        """The value of one node when ``zero`` is removed (as :meth:`changed_values`
        gives it, without a dict of every node that changes).

        Only the node's inputs, their inputs and so on (its *cone*) can move its value,
        so the pass stops at the cone's edge: a country's removal reaches a large part
        of the graph, one product's cone a small one. Inside the cone the nodes are
        visited in the same order and their sums made in the same order, so the value
        is the same to the last bit. The pass holds nothing of the structure's size but
        the cone's marks (:meth:`_cone_scratch`, 12 bytes a node): its values, sums and
        queues are the cone's size, made per call (the copy of the baseline, the sums
        and the pass's scratch that were kept per bound took some 70 bytes a node, some
        400 MiB at a million nodes once the reports asked it of both bounds).

        ``among`` (structure numbers, an int64 array) are removed too, but for those in
        ``keep``, where they are in the cone: removing a node outside it changes
        nothing there, so a country's tens of thousands of producers cost what those in
        the cone cost."""
        k = _kernels()
        inside = int(self.rank[node])
        (seen, local, queue), stamp = self._cone_scratch()
        tail = k.mark_cone(inside, self.indptr, self.indices, seen, stamp, queue)
        removed = _nodes(zero)
        if among is not None and len(among):
            among = among[seen[self.rank[among]] == stamp]
            if keep is not None and len(keep):
                among = among[~np.isin(among, keep)]
            removed = np.union1d(removed, among)
        starts = self.rank[removed].astype(np.int64)  # in the same order
        return float(k.cone_value(
            inside, queue[:tail], starts, self.op, self.indptr, self.indices, self.weights,
            self.comp_ptr, self.comp_nodes, self.position, self.cyclic, self.order,
            baseline, local))

    def _cone_scratch(self) -> tuple:
        """The scratch of :meth:`value_after` (the cone's marks, stamped so never
        cleared; the cone's own numbering; the cone's queue) and a fresh stamp, made
        once per evaluator."""
        n = len(self.op)
        if self._cone is None:
            numbers = index_type(n)
            self._cone = (np.zeros(n, np.int32), np.zeros(n, numbers), np.empty(n, numbers))
        self._cone_stamp += 1
        if self._cone_stamp == 2**31 - 1:  # int32 stamps run out: start again
            self._cone, self._cone_stamp = None, 0
            return self._cone_scratch()
        return self._cone, self._cone_stamp

    def _scratch(self) -> tuple:
        """The pass's scratch arrays (stamped, so never cleared) and a fresh stamp:
        made once per evaluator, not once per pass (at a million nodes a pass that
        changes a few nodes would otherwise clear some 100 MB)."""
        n = len(self.op)
        if self._scratch_arrays is None:
            # stamps and counts as int32 (a stamp a pass: two billion passes; a count of
            # inputs): 12 bytes a node less than int64, some 70 MiB a bound at a million
            # nodes; the heap's keys (component * n + node) need int64
            self._scratch_arrays = (
                np.zeros(n), np.zeros(n, np.int32), np.zeros(n, np.int32),
                np.zeros(n, np.int32), np.zeros(len(self.comp_ptr), np.int32),
                np.empty(n + 1, np.int64))
        self._stamp += 1
        if self._stamp == 2**31 - 1:  # int32 stamps run out: start again from clean arrays
            self._scratch_arrays, self._stamp = None, 0
            return self._scratch()
        return self._scratch_arrays, self._stamp

    def _propagate(self, baseline: np.ndarray, zero: Iterable[int]):
        """The incremental pass: the values inside, the changed nodes and their count."""
        k = _kernels()
        n = len(self.op)
        starts = self.rank[_nodes(zero)].astype(np.int64)  # in the same order
        inside, raw, live = self._baseline_inside(baseline)
        current = inside.copy()
        changed = np.empty(n + 1, np.int64)
        zero_inside = np.zeros(n, np.bool_)
        zero_inside[starts] = True
        (pending, pstamp, hits, cstamp, done, heap), stamp = self._scratch()
        count = k.propagate(
            starts, stamp, self.op, self.indptr, self.indices, self.weights, self.dptr,
            self.dnodes, self.dweights, self.comp_ptr, self.comp_nodes, self.position,
            self.cyclic, inside, raw, live, zero_inside, current,
            pending, pstamp, hits, cstamp, done, heap, changed)
        return current, changed, count

    def candidate_tables(self, baseline: np.ndarray, zero: np.ndarray,
                         cand_ptr: np.ndarray, cand_nodes: np.ndarray,
                         targets: np.ndarray, itself: np.ndarray, numbers: np.ndarray,
                         chunk: int | None = None):
        """For each candidate (the evaluation nodes it owns, in CSR form), removed on top
        of ``zero`` (a mask, the evaluation ``baseline`` was made with): the targets
        (the nodes ``targets``, target ``t`` is ``targets[t]``) whose value changes,
        with the new value, grouped by target. A target's rows are its candidates in
        order, as ``numbers[candidate]``, without its own (``itself[target]``).

        Returns ``(ptr, candidates, values)``: target ``t``'s rows are
        ``ptr[t]:ptr[t + 1]``.

        The pass writes its rows in chunks of ``chunk`` rows (:data:`CHUNK_ROWS` by
        default; at least four times the targets), which are put in their targets'
        places once the counts are known, each chunk freed when done: at a million
        nodes a bound has some ten million rows, and arrays that doubled as they filled
        held up to twice that, the old and the new side by side for a moment.
        """
        k = _kernels()
        # each node's target number (-1: none), made inside the numbering at once (no
        # second array of the structure's size held by the caller through the pass)
        target_of = np.full(len(self.op), -1, np.int32)
        target_of[self.rank[np.asarray(targets, np.int64)]] = np.arange(len(targets),
                                                                         dtype=np.int32)
        # the baseline, the OR nodes' sums and the mask read into the records as they are
        # made (no copy of them inside: the records hold them for the pass)
        nodes = k.node_records(self.op, self.indptr, self.indices, self.weights, self.dptr,
                               self.position, self.cyclic, self.order, baseline, zero,
                               target_of)
        cand_nodes = self.rank[cand_nodes].astype(np.int64)
        candidates, targets = len(cand_ptr) - 1, len(itself)
        size = max(CHUNK_ROWS if chunk is None else chunk, 4 * targets, 1)
        levels = k.queue_levels(len(self.op))
        # stamps (a candidate's number + 1) and node numbers as int32 where they fit: the
        # second bound's pass sets the run's peak at a million nodes
        done = np.zeros(len(self.comp_ptr), index_type(candidates + 1))
        bits = np.zeros(levels[-1], np.uint64)
        changed = np.empty(len(self.op) + 1, index_type(len(self.op)))
        per_candidate = np.zeros(candidates, np.int32)
        counts = np.zeros(targets, np.int64)
        chunks = []
        first = 0
        while first < candidates or not chunks:
            rows = np.empty(size, k.ROW_RECORD)
            following, found = k.candidate_rows(
                first, cand_ptr, cand_nodes, target_of, itself, nodes, self.edges,
                self.indptr, self.indices, self.weights, self.comp_ptr, self.comp_nodes,
                levels, k.LOWEST_BIT, done, bits, changed, rows, per_candidate, counts)
            chunks.append((first, rows[:found]))
            del rows
            first = following
        del nodes, changed, done, bits, cand_nodes
        ptr = np.zeros(targets + 1, np.int64)
        np.cumsum(counts, out=ptr[1:])
        fill = ptr[:-1].copy()
        out_c = np.empty(ptr[-1], np.int32)
        out_v = np.empty(ptr[-1], np.float64)
        for number in range(len(chunks)):
            first, rows = chunks[number]
            chunks[number] = None
            k.group_chunk(first, per_candidate, rows, numbers, fill, out_c, out_v)
            del rows  # freed as soon as its rows are placed
        return ptr, out_c, out_v
