"""Compiled loops of the engine: components, full evaluation, incremental propagation.

The AND-OR structure is held in flat arrays (see :class:`CompiledStructure`): an
operator code per evaluation node, its inputs in CSR form (``indptr``, ``indices``,
``weights``) and the reverse adjacency (``dependents``). The loops over them are
compiled once by numba (``cache=True``: later processes load the machine code from
disk). They follow the Python definitions they replace step by step, in the same order
of floating-point operations, so the answers are the same to the last bit.

The cache goes to a folder under the user's cache directory (or the temporary
directory), never into the package folder: files numba wrote there are not pip's, so
``pip uninstall`` left them behind, and the left-over folder then shadowed a later
editable install (``cannot import name '__version__'``; trial 6). ``NUMBA_CACHE_DIR``
set by the user wins.
numba reads its cache index with ``pickle``, so a cache folder another user can write
would let that user run code in this process: a folder in a shared directory (``/tmp``)
is used only when this user owns it and nobody else may write to it, else a new private
one is made for the process.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _cache_dir() -> None:
    """Point numba's cache at a private folder of this user's, outside the package."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    for base in (os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache",
                 tempfile.gettempdir()):
        folder = Path(base) / f"mineralgraph-numba-{os.geteuid()}"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            continue
        if _private(folder):
            os.environ["NUMBA_CACHE_DIR"] = str(folder)
            return
    os.environ["NUMBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="mineralgraph-numba-")


def _private(folder: Path) -> bool:
    """Whether ``folder`` is a real folder of this user's that no one else may write to
    (a folder planted in ``/tmp`` by another user could hold a cache index that runs
    code when numba unpickles it)."""
    import stat

    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid()
            and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            and os.access(folder, os.W_OK))


_cache_dir()

import numpy as np  # noqa: E402
from numba import njit  # noqa: E402

from mineralgraph.graph.analysis.structure import AND, LEAF, MAX, OR, ZERO  # noqa: E402

EPSILON = 1e-12
ALMOST_ONE = 1.0 - EPSILON
MAX_ITERATIONS = 10_000

#: One evaluation node's state in the candidate passes, in one 64-byte record (a cache
#: line): at 100k nodes and up the passes are bound by memory latency, and the dozen
#: arrays a node update read (baseline, sums, pending drop, stamps, counts, operator,
#: dependents' offsets...) were a dozen cache misses. ``comp`` is the node's component
#: when that is cyclic, else -1; ``target`` says whether a target's row is kept.
NODE_RECORD = np.dtype({
    "names": ["baseline", "raw", "current", "pending", "pstamp", "cstamp", "hits", "live",
              "dstart", "dend", "comp", "op", "zero", "target"],
    "formats": ["f8", "f8", "f8", "f8", "i4", "i4", "i4", "i4", "i4", "i4", "i4", "i1",
                "u1", "u1"],
    "offsets": [0, 8, 16, 24, 32, 36, 40, 44, 48, 52, 56, 60, 61, 62],
    "itemsize": 64}, align=True)
#: One dependent of a node with the weight of the input it is (as ``dnodes``/``dweights``),
#: 12 bytes, unpadded: as much memory as the two arrays it replaces
EDGE_RECORD = np.dtype({"names": ["w", "node"], "formats": ["f8", "i4"],
                        "offsets": [0, 8], "itemsize": 12})
#: One row of the candidate passes (the target whose value a candidate's removal changes,
#: and the new value), 12 bytes, unpadded; chunks of them are single allocations
ROW_RECORD = np.dtype({"names": ["v", "t"], "formats": ["f8", "i4"], "offsets": [0, 8],
                       "itemsize": 12})


@njit(cache=True)
def components(indptr, indices):
    """Strongly connected components of the input edges, each after every component it
    takes inputs from (iterative Tarjan, visiting nodes and inputs in index order).

    Returns ``(comp_ptr, comp_nodes, position, cyclic)``: the members of component
    ``c`` are ``comp_nodes[comp_ptr[c]:comp_ptr[c + 1]]`` (in the order Tarjan pops
    them), ``position[node]`` is its component's number, ``cyclic[c]`` whether the
    component is a loop (several members, or one that is its own input).
    """
    n = len(indptr) - 1
    index = np.full(n, -1, np.int64)
    low = np.zeros(n, np.int64)
    on_stack = np.zeros(n, np.bool_)
    stack = np.empty(n, np.int64)
    work_node = np.empty(n, np.int64)
    work_edge = np.empty(n, np.int64)
    comp_nodes = np.empty(n, np.int64)
    comp_ptr = np.empty(n + 1, np.int64)
    position = np.empty(n, np.int64)
    sp = 0
    count = 0
    filled = 0
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = counter
        low[root] = counter
        counter += 1
        stack[sp] = root
        sp += 1
        on_stack[root] = True
        work_node[0] = root
        work_edge[0] = indptr[root]
        wp = 1
        while wp > 0:
            node = work_node[wp - 1]
            e = work_edge[wp - 1]
            end = indptr[node + 1]
            descended = False
            while e < end:
                child = indices[e]
                e += 1
                if index[child] == -1:
                    index[child] = counter
                    low[child] = counter
                    counter += 1
                    stack[sp] = child
                    sp += 1
                    on_stack[child] = True
                    work_edge[wp - 1] = e
                    work_node[wp] = child
                    work_edge[wp] = indptr[child]
                    wp += 1
                    descended = True
                    break
                if on_stack[child] and index[child] < low[node]:
                    low[node] = index[child]
            if descended:
                continue
            wp -= 1
            if wp > 0:
                parent = work_node[wp - 1]
                if low[node] < low[parent]:
                    low[parent] = low[node]
            if low[node] == index[node]:
                comp_ptr[count] = filled
                while True:
                    sp -= 1
                    member = stack[sp]
                    on_stack[member] = False
                    comp_nodes[filled] = member
                    position[member] = count
                    filled += 1
                    if member == node:
                        break
                count += 1
    comp_ptr[count] = filled
    cyclic = np.zeros(count, np.bool_)
    for c in range(count):
        first = comp_nodes[comp_ptr[c]]
        if comp_ptr[c + 1] - comp_ptr[c] > 1:
            cyclic[c] = True
        else:
            for e in range(indptr[first], indptr[first + 1]):
                if indices[e] == first:
                    cyclic[c] = True
    return comp_ptr[:count + 1].copy(), comp_nodes, position, cyclic


@njit(cache=True)
def dependents(indptr, indices, weights, edges):
    """The reverse adjacency: for each node, the nodes that take it as an input (by
    node, then input order) with the weight of that input (0 for an AND input), written
    into ``edges`` (:data:`EDGE_RECORD`, one a structure input); returns the offsets."""
    n = len(indptr) - 1
    counts = np.zeros(n + 1, np.int64)
    for e in range(len(indices)):
        counts[indices[e] + 1] += 1
    dptr = np.cumsum(counts)
    fill = dptr[:-1].copy()
    for node in range(n):
        for e in range(indptr[node], indptr[node + 1]):
            source = indices[e]
            edges[fill[source]].node = node
            edges[fill[source]].w = weights[e]
            fill[source] += 1
    return dptr


@njit(cache=True)
def _compute(node, op, indptr, indices, weights, values, zero):
    """The value of one node from the values of its inputs."""
    if zero[node]:
        return 0.0
    kind = op[node]
    if kind == LEAF:
        return 1.0
    if kind == ZERO:
        return 0.0
    start, end = indptr[node], indptr[node + 1]
    if kind == AND:
        if start == end:
            return 1.0
        best = values[indices[start]]
        for e in range(start + 1, end):
            v = values[indices[e]]
            if v < best:
                best = v
        return best
    if kind == MAX:
        if start == end:
            return 1.0
        best = values[indices[start]]
        for e in range(start + 1, end):
            v = values[indices[e]]
            if v > best:
                best = v
        return best
    total = 0.0
    for e in range(start, end):
        total += weights[e] * values[indices[e]]
    return 1.0 if total >= ALMOST_ONE else total


@njit(cache=True)
def _fixpoint(c, comp_ptr, comp_nodes, op, indptr, indices, weights, values, zero):
    """Iterate a cyclic component from 0 to its least fixpoint, in place."""
    for k in range(comp_ptr[c], comp_ptr[c + 1]):
        values[comp_nodes[k]] = 0.0
    for _ in range(MAX_ITERATIONS):
        moved = 0.0
        for k in range(comp_ptr[c], comp_ptr[c + 1]):
            node = comp_nodes[k]
            new = _compute(node, op, indptr, indices, weights, values, zero)
            step = abs(new - values[node])
            if step > moved:
                moved = step
            values[node] = new
        if moved < EPSILON:
            return


@njit(cache=True)
def evaluate(op, indptr, indices, weights, comp_ptr, comp_nodes, cyclic, zero):
    """Availability of every evaluation node, the nodes where ``zero`` is set removed."""
    values = np.zeros(len(op), np.float64)
    for c in range(len(comp_ptr) - 1):
        if cyclic[c]:
            _fixpoint(c, comp_ptr, comp_nodes, op, indptr, indices, weights, values, zero)
        else:
            node = comp_nodes[comp_ptr[c]]
            values[node] = _compute(node, op, indptr, indices, weights, values, zero)
    return values


@njit(cache=True)
def raw_sums(op, indptr, indices, weights, baseline):
    """Uncapped input sums of the OR nodes at a baseline, and how many of their inputs
    are live (a positive weight on a positive value); 0 elsewhere."""
    n = len(op)
    raw = np.zeros(n, np.float64)
    live = np.zeros(n, np.int32)  # a count of inputs: half the memory of int64
    for node in range(n):
        if op[node] != OR:
            continue
        total = 0.0
        for e in range(indptr[node], indptr[node + 1]):
            total += weights[e] * baseline[indices[e]]
            if weights[e] > 0.0 and baseline[indices[e]] > 0.0:
                live[node] += 1
        raw[node] = total
    return raw, live


@njit(cache=True)
def _push(heap, size, key):
    i = size
    heap[i] = key
    while i > 0:
        parent = (i - 1) >> 1
        if heap[parent] <= key:
            break
        heap[i] = heap[parent]
        i = parent
    heap[i] = key
    return size + 1


@njit(cache=True)
def _pop(heap, size):
    top = heap[0]
    size -= 1
    last = heap[size]
    i = 0
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and heap[child + 1] < heap[child]:
            child += 1
        if heap[child] >= last:
            break
        heap[i] = heap[child]
        i = child
    if size > 0:
        heap[i] = last
    return top, size


@njit(cache=True)
def _moved(node, value, baseline, op, dptr, dnodes, dweights, zero, position, n,
           pending, pstamp, hits, stamp, heap, size):
    """Pass a node's new value on to its dependents; returns the heap's size."""
    drop = value - baseline[node]
    for e in range(dptr[node], dptr[node + 1]):
        dep = dnodes[e]
        if zero[dep]:
            continue
        w = dweights[e]
        if pstamp[dep] != stamp:
            pstamp[dep] = stamp
            hits[dep] = 0
            pending[dep] = value if op[dep] == AND else w * drop
            size = _push(heap, size, position[dep] * n + dep)
        elif op[dep] == AND:
            if value < pending[dep]:
                pending[dep] = value
        else:
            pending[dep] += w * drop
        if op[dep] == OR and value == 0.0 and w > 0.0:
            hits[dep] += 1
    return size


@njit(cache=True)
def propagate(starts, stamp, op, indptr, indices, weights, dptr, dnodes, dweights,
              comp_ptr, comp_nodes, position, cyclic, baseline, raw, live, zero, current,
              pending, pstamp, hits, cstamp, done, heap, changed):
    """Re-evaluate what removing the nodes ``starts`` changes (``zero`` already set for
    them); the new values go into ``current`` (the baseline elsewhere) and the nodes
    whose value moved into ``changed``, whose count is returned.

    Removal only lowers values (the model is monotone), so a node is updated from the
    inputs that moved alone: an AND node becomes ``min(baseline, moved inputs)``, an OR
    node its uncapped baseline sum plus the weighted drops, capped at 1, and exactly 0
    once every live input is 0. Nodes are visited in topological order (a heap on
    component number) and a change stops where it no longer moves a value; a cyclic
    component is iterated again from 0 to its least fixpoint. ``stamp`` must differ from
    every earlier call's that shares the scratch arrays (``pstamp``, ``cstamp``, ``done``).
    """
    n = len(op)
    size = 0
    count = 0
    for k in range(len(starts)):
        node = starts[k]
        if baseline[node] != 0.0:
            current[node] = 0.0
            if cstamp[node] != stamp:
                cstamp[node] = stamp
                changed[count] = node
                count += 1
            size = _moved(node, 0.0, baseline, op, dptr, dnodes, dweights, zero, position, n,
                          pending, pstamp, hits, stamp, heap, size)
    while size > 0:
        key, size = _pop(heap, size)
        node = key % n
        number = position[node]
        if cyclic[number]:
            if done[number] != stamp:
                done[number] = stamp
                _fixpoint(number, comp_ptr, comp_nodes, op, indptr, indices, weights,
                          current, zero)
                for k in range(comp_ptr[number], comp_ptr[number + 1]):
                    member = comp_nodes[k]
                    if abs(current[member] - baseline[member]) > EPSILON:
                        if cstamp[member] != stamp:
                            cstamp[member] = stamp
                            changed[count] = member
                            count += 1
                        size = _moved(member, current[member], baseline, op, dptr, dnodes,
                                      dweights, zero, position, n, pending, pstamp, hits,
                                      stamp, heap, size)
                    else:
                        current[member] = baseline[member]
            continue
        if op[node] == AND:
            result = baseline[node]
            if pending[node] < result:
                result = pending[node]
        elif op[node] == MAX:
            # the maximum moves only as its largest input does: read every input, those
            # that moved from ``current`` (set before, in topological order), the others
            # at their baseline there
            result = _compute(node, op, indptr, indices, weights, current, zero)
        elif hits[node] >= live[node]:
            result = 0.0
        else:
            total = raw[node] + pending[node]
            result = 1.0 if total >= ALMOST_ONE else (total if total > 0.0 else 0.0)
        step = result - baseline[node]
        if -EPSILON <= step <= EPSILON:
            continue
        current[node] = result
        if cstamp[node] != stamp:
            cstamp[node] = stamp
            changed[count] = node
            count += 1
        size = _moved(node, result, baseline, op, dptr, dnodes, dweights, zero, position, n,
                      pending, pstamp, hits, stamp, heap, size)
    return count


def _debruijn_table() -> np.ndarray:
    """Where the lowest set bit of a 64-bit word is, by the de Bruijn product of the bit
    alone (:func:`_lowest_bit`)."""
    table = np.zeros(64, np.int64)
    for i in range(64):
        table[(((1 << i) * 0x03F79D71B4CB0A89) & (2**64 - 1)) >> 58] = i
    return table


LOWEST_BIT = _debruijn_table()


def queue_levels(n: int) -> np.ndarray:
    """Offsets of the levels of a bitmap queue over the numbers ``0 .. n - 1`` in one
    array of words (:func:`_queue_push`): level 0 has a bit per number, each level above
    a bit per word of the level below, up to one word."""
    sizes = []
    while True:
        words = (n + 63) // 64
        sizes.append(words)
        if words <= 1:
            break
        n = words
    offsets = np.zeros(len(sizes) + 1, np.int64)
    offsets[1:] = np.cumsum(sizes)
    return offsets


@njit(cache=True, inline="always")
def _lowest_bit(word, table):
    return table[((word & (~word + np.uint64(1))) * np.uint64(0x03F79D71B4CB0A89))
                 >> np.uint64(58)]


@njit(cache=True)
def _queue_push(bits, levels, number):
    """Put ``number`` in the bitmap queue (not in it already)."""
    for level in range(len(levels) - 1):
        word = levels[level] + (number >> 6)
        was = bits[word]
        bits[word] = was | (np.uint64(1) << np.uint64(number & 63))
        if was != 0:
            return
        number >>= 6


@njit(cache=True)
def _queue_pop(bits, levels, table):
    """Take the smallest number out of the bitmap queue (not empty): a word a level, from
    the top, with no comparisons between keys (a binary heap of thousands of entries
    spends most of a pass on its mispredicted branches)."""
    top = len(levels) - 2
    number = 0
    for level in range(top, -1, -1):
        number = (number << 6) + _lowest_bit(bits[levels[level] + number], table)
    found = number
    for level in range(top + 1):
        word = levels[level] + (number >> 6)
        bits[word] &= ~(np.uint64(1) << np.uint64(number & 63))
        if bits[word] != 0:
            break
        number >>= 6
    return found


@njit(cache=True)
def _compute_record(node, nodes, indptr, indices, weights):
    """:func:`_compute` on the records' current values."""
    if nodes[node].zero:
        return 0.0
    kind = nodes[node].op
    if kind == LEAF:
        return 1.0
    if kind == ZERO:
        return 0.0
    start, end = indptr[node], indptr[node + 1]
    if kind == AND or kind == MAX:
        if start == end:
            return 1.0
        best = nodes[indices[start]].current
        for e in range(start + 1, end):
            v = nodes[indices[e]].current
            if (v < best) if kind == AND else (v > best):
                best = v
        return best
    total = 0.0
    for e in range(start, end):
        total += weights[e] * nodes[indices[e]].current
    return 1.0 if total >= ALMOST_ONE else total


@njit(cache=True)
def _fixpoint_record(c, comp_ptr, comp_nodes, nodes, indptr, indices, weights):
    """:func:`_fixpoint` on the records' current values."""
    for k in range(comp_ptr[c], comp_ptr[c + 1]):
        nodes[comp_nodes[k]].current = 0.0
    for _ in range(MAX_ITERATIONS):
        moved = 0.0
        for k in range(comp_ptr[c], comp_ptr[c + 1]):
            node = comp_nodes[k]
            new = _compute_record(node, nodes, indptr, indices, weights)
            step = abs(new - nodes[node].current)
            if step > moved:
                moved = step
            nodes[node].current = new
        if moved < EPSILON:
            return


@njit(cache=True)
def _moved_record(node, value, nodes, edges, stamp, bits, levels, size):
    """:func:`_moved` on the records; returns the queue's size."""
    drop = value - nodes[node].baseline
    for e in range(nodes[node].dstart, nodes[node].dend):
        dep = edges[e].node
        if nodes[dep].zero:
            continue
        w = edges[e].w
        kind = nodes[dep].op
        if nodes[dep].pstamp != stamp:
            nodes[dep].pstamp = stamp
            nodes[dep].hits = 0
            nodes[dep].pending = value if kind == AND else w * drop
            _queue_push(bits, levels, dep)
            size += 1
        elif kind == AND:
            if value < nodes[dep].pending:
                nodes[dep].pending = value
        else:
            nodes[dep].pending += w * drop
        if kind == OR and value == 0.0 and w > 0.0:
            nodes[dep].hits += 1
    return size


@njit(cache=True)
def propagate_records(starts, stamp, nodes, edges, indptr, indices, weights, comp_ptr,
                      comp_nodes, done, bits, levels, table, changed):
    """:func:`propagate` on the node records (:data:`NODE_RECORD`), step for step: the
    same nodes updated from the same drops in the same order, so the same values to the
    last bit. The queue is a bitmap of node numbers (:func:`_queue_pop`) instead of a heap
    keyed by (component, number): the nodes are numbered inside by component, so the
    smallest number is the heap's smallest key, and a node is queued once a pass."""
    size = 0
    count = 0
    for k in range(len(starts)):
        node = starts[k]
        if nodes[node].baseline != 0.0:
            nodes[node].current = 0.0
            if nodes[node].cstamp != stamp:
                nodes[node].cstamp = stamp
                changed[count] = node
                count += 1
            size = _moved_record(node, 0.0, nodes, edges, stamp, bits, levels, size)
    while size > 0:
        node = _queue_pop(bits, levels, table)
        size -= 1
        number = nodes[node].comp
        if number >= 0:
            if done[number] != stamp:
                done[number] = stamp
                _fixpoint_record(number, comp_ptr, comp_nodes, nodes, indptr, indices, weights)
                for k in range(comp_ptr[number], comp_ptr[number + 1]):
                    member = comp_nodes[k]
                    if abs(nodes[member].current - nodes[member].baseline) > EPSILON:
                        if nodes[member].cstamp != stamp:
                            nodes[member].cstamp = stamp
                            changed[count] = member
                            count += 1
                        size = _moved_record(member, nodes[member].current, nodes, edges,
                                             stamp, bits, levels, size)
                    else:
                        nodes[member].current = nodes[member].baseline
            continue
        kind = nodes[node].op
        base = nodes[node].baseline
        if kind == AND:
            result = base
            if nodes[node].pending < result:
                result = nodes[node].pending
        elif kind == MAX:
            # the maximum moves only as its largest input does (see :func:`propagate`)
            result = _compute_record(node, nodes, indptr, indices, weights)
        elif nodes[node].hits >= nodes[node].live:
            result = 0.0
        else:
            total = nodes[node].raw + nodes[node].pending
            result = 1.0 if total >= ALMOST_ONE else (total if total > 0.0 else 0.0)
        step = result - base
        if -EPSILON <= step <= EPSILON:
            continue
        nodes[node].current = result
        if nodes[node].cstamp != stamp:
            nodes[node].cstamp = stamp
            changed[count] = node
            count += 1
        size = _moved_record(node, result, nodes, edges, stamp, bits, levels, size)
    return count


def node_records(op, indptr, indices, weights, dptr, position, cyclic, order, baseline,
                 zero, target_of):
    """The records of :data:`NODE_RECORD` for the candidate passes (inside numbering),
    from the structure's arrays inside and, in the structure's own numbering (read
    through ``order``), the ``baseline`` values and the ``zero`` mask; ``target_of``
    (inside) is at least 0 at the nodes whose rows are kept. Node numbers and offsets
    are int32 there (two billion inputs: some 200 million graph nodes).

    Written in one compiled loop, with no array of the structure's size beside the
    records (the baseline inside, the OR nodes' sums and live counts, the masks and the
    components: some 30 bytes a node made and dropped, at a million nodes some 90 MiB
    on top of the records where the second bound's pass sets the run's peak); the sums
    are :func:`raw_sums`' own, made in the same order."""
    if max(len(op), int(dptr[-1])) >= 2**31 - 1:
        raise OverflowError("structure too large for the candidate passes' int32 records")
    nodes = np.zeros(len(op), NODE_RECORD)
    _fill_records(nodes, op, indptr, indices, weights, dptr, position, cyclic, order,
                  baseline, zero, target_of)
    return nodes


@njit(cache=True)
def _fill_records(nodes, op, indptr, indices, weights, dptr, position, cyclic, order,
                  baseline, zero, target_of):
    """:func:`node_records`' loop (``nodes`` zeroed)."""
    for node in range(len(op)):
        value = baseline[order[node]]
        nodes[node].baseline = value
        nodes[node].current = value
        if op[node] == OR:  # as raw_sums: the inputs in order
            total = 0.0
            live = 0
            for e in range(indptr[node], indptr[node + 1]):
                got = baseline[order[indices[e]]]
                total += weights[e] * got
                if weights[e] > 0.0 and got > 0.0:
                    live += 1
            nodes[node].raw = total
            nodes[node].live = live
        nodes[node].dstart = dptr[node]
        nodes[node].dend = dptr[node + 1]
        c = position[node]
        nodes[node].comp = c if cyclic[c] else -1
        nodes[node].op = op[node]
        nodes[node].zero = 1 if zero[order[node]] else 0
        nodes[node].target = 1 if target_of[node] >= 0 else 0


@njit(cache=True)
def candidate_rows(first, cand_ptr, cand_nodes, target_of, itself, nodes, edges, indptr,
                   indices, weights, comp_ptr, comp_nodes, levels, table, done, bits,
                   changed, rows, per_candidate, counts):
    """For each candidate from ``first`` on (its evaluation nodes
    ``cand_nodes[cand_ptr[i]:cand_ptr[i+1]]``), the targets (``target_of[node] >= 0``,
    flagged in the records) whose value its removal changes, with the new value, written
    into ``rows`` (a chunk of :data:`ROW_RECORD`), candidates in order; the row of a target's
    own candidate (``itself[target]``) is not written. ``per_candidate[i]`` gets the
    candidate's number of rows, ``counts[t]`` is raised by the target's. Stops before a
    candidate whose rows might not fit (a candidate has at most one row a target):
    returns the next candidate (``len(cand_ptr) - 1`` when all are done) and the rows
    written. ``nodes`` (:func:`node_records`) and ``edges`` (:data:`EDGE_RECORD`) are the
    structure inside; ``levels`` and ``table``: :func:`queue_levels`, :data:`LOWEST_BIT`;
    ``done`` (a stamp a component, a candidate's stamp is its number + 1), ``bits`` (the
    queue, empty between candidates) and ``changed`` are scratch kept from chunk to
    chunk. The records are left as they came."""
    cap = len(rows)
    targets = len(itself)
    found = 0
    i = first
    while i < len(cand_ptr) - 1:
        if cap - found < targets:
            return i, found
        starts = cand_nodes[cand_ptr[i]:cand_ptr[i + 1]]
        if len(starts) == 0:
            per_candidate[i] = 0
            i += 1
            continue
        was = np.empty(len(starts), np.uint8)
        for k in range(len(starts)):
            was[k] = nodes[starts[k]].zero
            nodes[starts[k]].zero = 1
        count = propagate_records(starts, i + 1, nodes, edges, indptr, indices, weights,
                                  comp_ptr, comp_nodes, done, bits, levels, table, changed)
        before = found
        for k in range(count):
            node = changed[k]
            if nodes[node].target:
                t = target_of[node]
                if itself[t] != i:
                    rows[found].t = t
                    rows[found].v = nodes[node].current
                    counts[t] += 1
                    found += 1
            nodes[node].current = nodes[node].baseline
        per_candidate[i] = found - before
        for k in range(len(starts)):
            nodes[starts[k]].zero = was[k]
        i += 1
    return i, found


@njit(cache=True)
def group_chunk(first, per_candidate, rows, numbers, fill, out_c, out_v):
    """The rows of one chunk of :func:`candidate_rows` (its first candidate ``first``)
    put in their targets' places: ``fill[t]`` is where target ``t``'s next row goes in
    ``out_c`` (the candidate as ``numbers[candidate]``) and ``out_v``, and is moved on.
    Chunks taken in order keep each target's rows in the candidates' order."""
    r = 0
    i = first
    while r < len(rows):
        for _ in range(per_candidate[i]):
            t = rows[r].t
            out_c[fill[t]] = numbers[i]
            out_v[fill[t]] = rows[r].v
            fill[t] += 1
            r += 1
        i += 1


@njit(cache=True)
def reach(ptr, indices, sources):
    """Nodes reached from ``sources`` along at least one edge (``ptr``/``indices``: CSR),
    as a boolean array: a node's ancestors, when the CSR lists each node's suppliers."""
    n = len(ptr) - 1
    found = np.zeros(n, np.bool_)
    expanded = np.zeros(n, np.bool_)
    queue = np.empty(n + len(sources), np.int64)
    head = 0
    tail = 0
    for k in range(len(sources)):
        s = sources[k]
        if not expanded[s]:
            expanded[s] = True
            queue[tail] = s
            tail += 1
    while head < tail:
        node = queue[head]
        head += 1
        for e in range(ptr[node], ptr[node + 1]):
            other = indices[e]
            found[other] = True
            if not expanded[other]:
                expanded[other] = True
                queue[tail] = other
                tail += 1
    return found


@njit(cache=True)
def preorder(roots, ptr, children):
    """Number the nodes in the order a depth-first walk first reaches them: from each of
    ``roots`` in turn, a node's ``children[ptr[i]:ptr[i + 1]]`` in order. Returns the
    numbers (-1 where never reached) and how many were numbered."""
    n = len(ptr) - 1
    number = np.full(n, -1, np.int64)
    stack_node = np.empty(n, np.int64)
    stack_edge = np.empty(n, np.int64)
    count = 0
    for k in range(len(roots)):
        root = roots[k]
        if number[root] != -1:
            continue
        number[root] = count
        count += 1
        stack_node[0] = root
        stack_edge[0] = ptr[root]
        sp = 1
        while sp > 0:
            node = stack_node[sp - 1]
            e = stack_edge[sp - 1]
            if e < ptr[node + 1]:
                stack_edge[sp - 1] = e + 1
                child = children[e]
                if number[child] == -1:
                    number[child] = count
                    count += 1
                    stack_node[sp] = child
                    stack_edge[sp] = ptr[child]
                    sp += 1
            else:
                sp -= 1
    return number, count


@njit(cache=True)
def mark_cone(target, indptr, indices, seen, stamp, queue):
    """The cone of ``target`` (the target, its inputs, theirs and so on): each of its
    nodes marked with ``stamp`` in ``seen`` and listed in ``queue``; returns how many."""
    head = 0
    tail = 0
    seen[target] = stamp
    queue[tail] = target
    tail += 1
    while head < tail:
        node = queue[head]
        head += 1
        for e in range(indptr[node], indptr[node + 1]):
            other = indices[e]
            if seen[other] != stamp:
                seen[other] = stamp
                queue[tail] = other
                tail += 1
    return tail


@njit(cache=True)
def _compute_local(k, cone, local, op, indptr, indices, weights, values, zero):
    """:func:`_compute` of the cone's ``k``-th node over values held by the cone's own
    numbering (``local``), in the same order of operations."""
    if zero[k]:
        return 0.0
    node = cone[k]
    kind = op[node]
    if kind == LEAF:
        return 1.0
    if kind == ZERO:
        return 0.0
    start, end = indptr[node], indptr[node + 1]
    if kind == AND:
        if start == end:
            return 1.0
        best = values[local[indices[start]]]
        for e in range(start + 1, end):
            v = values[local[indices[e]]]
            if v < best:
                best = v
        return best
    if kind == MAX:
        if start == end:
            return 1.0
        best = values[local[indices[start]]]
        for e in range(start + 1, end):
            v = values[local[indices[e]]]
            if v > best:
                best = v
        return best
    total = 0.0
    for e in range(start, end):
        total += weights[e] * values[local[indices[e]]]
    return 1.0 if total >= ALMOST_ONE else total


@njit(cache=True)
def _moved_local(k, value, base, cone, op, dptr, dnodes, dweights, blocked, pending,
                 touched, hits, heap, size):
    """:func:`_moved` in the cone's numbering; returns the heap's size."""
    drop = value - base[k]
    for e in range(dptr[k], dptr[k + 1]):
        dep = dnodes[e]
        if blocked[dep]:
            continue
        w = dweights[e]
        kind = op[cone[dep]]
        if not touched[dep]:
            touched[dep] = True
            hits[dep] = 0
            pending[dep] = value if kind == AND else w * drop
            size = _push(heap, size, cone[dep])
        elif kind == AND:
            if value < pending[dep]:
                pending[dep] = value
        else:
            pending[dep] += w * drop
        if kind == OR and value == 0.0 and w > 0.0:
            hits[dep] += 1
    return size


@njit(cache=True)
def cone_value(target, cone, starts, op, indptr, indices, weights, comp_ptr, comp_nodes,
               position, cyclic, order, baseline, local):
    """The value of ``target`` after removing ``starts``: :func:`propagate` inside the
    target's ``cone`` (:func:`mark_cone`) only, every array of the pass the cone's size.

    The cone's nodes are numbered afresh in the order ``cone`` lists them (``local``, a
    scratch array of the structure's size, written at the cone's nodes only) and the
    pass's state is held in that numbering; the queue still takes them by their number
    inside the structure (components inputs first: :func:`propagate`'s order), and each
    input's dependents are those of :func:`dependents` in the cone, an input listed twice
    in its order. So every sum is made in the same order and the value is the same to
    the last bit, and nothing of the structure's size is held per evaluator but
    ``local`` (and the cone's marks): the baseline is read in the structure's numbering
    (``baseline[order[n]]``), the OR nodes' sums and live inputs are made for the cone
    alone. A start outside the cone changes nothing in it (none of its dependents is
    in the cone) and is passed over; a cyclic component is in the cone whole or not at
    all.
    """
    m = len(cone)
    for k in range(m):
        local[cone[k]] = k
    base = np.empty(m, np.float64)
    for k in range(m):
        base[k] = baseline[order[cone[k]]]
    raw = np.zeros(m, np.float64)
    live = np.zeros(m, np.int32)
    counts = np.zeros(m + 1, np.int64)
    for k in range(m):
        node = cone[k]
        is_or = op[node] == OR
        total = 0.0
        for e in range(indptr[node], indptr[node + 1]):
            source = local[indices[e]]
            counts[source + 1] += 1
            if is_or:
                total += weights[e] * base[source]
                if weights[e] > 0.0 and base[source] > 0.0:
                    live[k] += 1
        raw[k] = total
    dptr = np.cumsum(counts)
    fill = dptr[:-1].copy()
    dnodes = np.empty(dptr[m], np.int64)
    dweights = np.empty(dptr[m], np.float64)
    for k in range(m):
        node = cone[k]
        for e in range(indptr[node], indptr[node + 1]):
            source = local[indices[e]]
            dnodes[fill[source]] = k
            dweights[fill[source]] = weights[e]
            fill[source] += 1
    blocked = np.zeros(m, np.bool_)
    for i in range(len(starts)):
        at = local[starts[i]]
        if at < m and cone[at] == starts[i]:
            blocked[at] = True
    current = base.copy()
    pending = np.zeros(m, np.float64)
    touched = np.zeros(m, np.bool_)
    hits = np.zeros(m, np.int32)
    done = np.zeros(m, np.bool_)  # a cyclic component's, at its first member
    heap = np.empty(m + 1, np.int64)
    size = 0
    for i in range(len(starts)):
        at = local[starts[i]]
        if at >= m or cone[at] != starts[i] or base[at] == 0.0:
            continue
        current[at] = 0.0
        size = _moved_local(at, 0.0, base, cone, op, dptr, dnodes, dweights, blocked,
                            pending, touched, hits, heap, size)
    n_target = local[target]
    while size > 0:
        node, size = _pop(heap, size)
        k = local[node]
        number = position[node]
        if cyclic[number]:
            first = local[comp_nodes[comp_ptr[number]]]
            if not done[first]:
                done[first] = True
                for j in range(comp_ptr[number], comp_ptr[number + 1]):
                    current[local[comp_nodes[j]]] = 0.0
                for _ in range(MAX_ITERATIONS):
                    moved = 0.0
                    for j in range(comp_ptr[number], comp_ptr[number + 1]):
                        member = local[comp_nodes[j]]
                        new = _compute_local(member, cone, local, op, indptr, indices,
                                             weights, current, blocked)
                        step = abs(new - current[member])
                        if step > moved:
                            moved = step
                        current[member] = new
                    if moved < EPSILON:
                        break
                for j in range(comp_ptr[number], comp_ptr[number + 1]):
                    member = local[comp_nodes[j]]
                    if abs(current[member] - base[member]) > EPSILON:
                        size = _moved_local(member, current[member], base, cone, op, dptr,
                                            dnodes, dweights, blocked, pending, touched,
                                            hits, heap, size)
                    else:
                        current[member] = base[member]
            continue
        kind = op[node]
        if kind == AND:
            result = base[k]
            if pending[k] < result:
                result = pending[k]
        elif kind == MAX:
            result = _compute_local(k, cone, local, op, indptr, indices, weights, current,
                                    blocked)
        elif hits[k] >= live[k]:
            result = 0.0
        else:
            total = raw[k] + pending[k]
            result = 1.0 if total >= ALMOST_ONE else (total if total > 0.0 else 0.0)
        step = result - base[k]
        if -EPSILON <= step <= EPSILON:
            continue
        current[k] = result
        size = _moved_local(k, result, base, cone, op, dptr, dnodes, dweights, blocked,
                            pending, touched, hits, heap, size)
    return current[n_target]


@njit(cache=True)
def reach_into(ptr, indices, sources, found, expanded, stamp, queue, out):
    """The nodes :func:`reach` finds, written to ``out`` in the order they are found;
    returns how many. ``found`` and ``expanded`` are stamp arrays (a node is marked
    when it holds ``stamp``, fresh per call), ``queue`` and ``out`` scratch of the graph's
    size: nothing of that size is made or cleared per call, so a call costs what the
    nodes it reaches cost."""
    head = 0
    tail = 0
    count = 0
    for k in range(len(sources)):
        s = sources[k]
        if expanded[s] != stamp:
            expanded[s] = stamp
            queue[tail] = s
            tail += 1
    while head < tail:
        node = queue[head]
        head += 1
        for e in range(ptr[node], ptr[node + 1]):
            other = indices[e]
            if found[other] != stamp:
                found[other] = stamp
                out[count] = other
                count += 1
            if expanded[other] != stamp:
                expanded[other] = stamp
                queue[tail] = other
                tail += 1
    return count


@njit(cache=True)
def _meet_level(fringe, length, out, ptr, adj, ignore_stamp, stamp, ignore_edges, forward,
                link, link_stamp, other_stamp, lazy):
    """One level of :func:`meet` from one side: each node of ``fringe[:length]`` in order,
    its neighbours ``adj[ptr[v]:ptr[v + 1]]`` (consumers going forward, suppliers going
    back) linked to it in ``link`` when first reached and listed in ``out``. An edge is
    ``v -> w`` forward and ``w -> v`` back, which is all the two sides differ in. Returns
    the length of ``out`` and the node where the sides meet (reached by the other side,
    ``other_stamp``), or -1. Going back, ``lazy`` (else -1) is a source whose first level
    the other side holds unwritten (:func:`_lazily_reached`)."""
    n = len(ptr) - 1
    n_ignored = len(ignore_edges)
    new_len = 0
    for k in range(length):
        v = fringe[k]
        for e in range(ptr[v], ptr[v + 1]):
            w = adj[e]
            if ignore_stamp[w] == stamp:
                continue
            if n_ignored:
                key = v * n + w if forward else w * n + v
                at = np.searchsorted(ignore_edges, key)
                if at < n_ignored and ignore_edges[at] == key:
                    continue
            if link_stamp[w] != stamp:
                out[new_len] = w
                new_len += 1
                link[w] = v
                link_stamp[w] = stamp
            if other_stamp[w] == stamp or (
                    lazy >= 0 and _lazily_reached(w, lazy, ptr, adj, ignore_edges)):
                return new_len, w
    return new_len, -1


@njit(cache=True, inline="always")
def _holds(adj, start, end, node):
    """Whether the sorted ``adj[start:end]`` holds ``node``."""
    at = start + np.searchsorted(adj[start:end], node)
    return at < end and adj[at] == node


@njit(cache=True)
def _lazily_reached(w, source, sptr, suppliers, ignore_edges):
    """Whether the first forward level of :func:`meet` from ``source`` holds ``w`` (not
    the source itself, not passed over, which the caller has checked): ``w`` is a
    consumer of the source along an edge not passed over."""
    if w == source or not _holds(suppliers, sptr[w], sptr[w + 1], source):
        return False
    n_ignored = len(ignore_edges)
    if n_ignored:
        key = source * (len(sptr) - 1) + w
        at = np.searchsorted(ignore_edges, key)
        if at < n_ignored and ignore_edges[at] == key:
            return False
    return True


@njit(cache=True)
def _first_level_size(source, cptr, consumers, ignore_stamp, stamp, ignore_list,
                      ignore_edges):
    """How many nodes the first forward level of :func:`meet` from ``source`` lists: its
    consumers but itself, the nodes passed over (``ignore_list``, those stamped in
    ``ignore_stamp``) and the ends of the edges passed over; counted from the short lists,
    not by walking the consumers."""
    n = len(cptr) - 1
    start, end = cptr[source], cptr[source + 1]
    count = end - start
    if _holds(consumers, start, end, source):
        count -= 1
    for k in range(len(ignore_list)):
        x = ignore_list[k]
        if x != source and _holds(consumers, start, end, x):
            count -= 1
    lo = np.searchsorted(ignore_edges, source * n)
    hi = np.searchsorted(ignore_edges, source * n + n)
    for k in range(lo, hi):
        w = ignore_edges[k] - source * n
        if w != source and ignore_stamp[w] != stamp and _holds(consumers, start, end, w):
            count -= 1
    return count


@njit(cache=True)
def meet(source, target, sptr, suppliers, cptr, consumers, ignore_stamp, stamp,
         ignore_list, ignore_edges, pred, pred_stamp, succ, succ_stamp, fringe_a, fringe_b,
         fringe_c, fringe_d, lazy_degree):
    """networkx's bidirectional breadth-first search (``_bidirectional_pred_succ``) on
    the flow index's CSR arrays, step for step (the fringes in the same order, the
    smaller one expanded first, the same meeting node). ``pred``/``succ`` hold each
    reached node's previous and next node, valid where ``pred_stamp``/``succ_stamp`` is
    ``stamp`` (-1 for the ends); a node whose ``ignore_stamp`` is ``stamp`` (those of
    ``ignore_list``) is passed over, and so is an edge whose key ``u * n + v`` is in
    ``ignore_edges`` (sorted). Returns the meeting node, or -1 when there is no path.
    ``source != target``. Both sides are one level function (:func:`_meet_level`),
    mirrored by its arguments.

    A source with more than ``lazy_degree`` consumers (a large country: tens of
    thousands of facilities at a million nodes) has its first level counted, not
    written: until that level is expanded in turn, a node the other side reaches is in
    it when the source is among its suppliers (:func:`_lazily_reached`). The search is
    the same step for step; its cost no longer grows with the source's consumers on
    every path asked of it (a country's paths to each of the products it feeds)."""
    pred[source] = -1
    pred_stamp[source] = stamp
    succ[target] = -1
    succ_stamp[target] = stamp
    forward, f_next = fringe_a, fringe_b
    reverse, r_next = fringe_c, fringe_d
    forward[0] = source
    reverse[0] = target
    f_len = 1
    r_len = 1
    lazy = -1
    if cptr[source + 1] - cptr[source] > lazy_degree:
        # the first forward level, as the search makes it first: it meets the other
        # side only at the target
        if ignore_stamp[target] != stamp and _lazily_reached(target, source, sptr,
                                                              suppliers, ignore_edges):
            pred[target] = source
            pred_stamp[target] = stamp
            return target
        f_len = _first_level_size(source, cptr, consumers, ignore_stamp, stamp,
                                  ignore_list, ignore_edges)
        lazy = source
    while f_len > 0 and r_len > 0:
        if f_len <= r_len:
            if lazy >= 0:
                # the first level written now, to be expanded: nothing in it was met
                # (the other side would have stopped there)
                f_len, w = _meet_level(forward, 1, f_next, cptr, consumers, ignore_stamp,
                                       stamp, ignore_edges, True, pred, pred_stamp,
                                       succ_stamp, -1)
                forward, f_next = f_next, forward
                lazy = -1
            f_len, w = _meet_level(forward, f_len, f_next, cptr, consumers, ignore_stamp,
                                   stamp, ignore_edges, True, pred, pred_stamp, succ_stamp,
                                   -1)
            forward, f_next = f_next, forward
        else:
            r_len, w = _meet_level(reverse, r_len, r_next, sptr, suppliers, ignore_stamp,
                                   stamp, ignore_edges, False, succ, succ_stamp, pred_stamp,
                                   lazy)
            reverse, r_next = r_next, reverse
            if w >= 0 and pred_stamp[w] != stamp:  # met in the unwritten first level
                pred[w] = source
                pred_stamp[w] = stamp
        if w >= 0:
            return w
    return -1


@njit(cache=True)
def meet_many(sources, target, sptr, suppliers, cptr, consumers, ignore_stamp, stamp,
              pred, pred_stamp, succ, succ_stamp, fringe_a, fringe_b, fringe_c, fringe_d,
              out_ptr, out_nodes, lazy_degree):
    """:func:`meet` from each of ``sources`` to one ``target`` (nothing passed over), each
    path written whole from source to target: ``out_nodes[out_ptr[i]:out_ptr[i + 1]]``
    (empty when there is none). Stamps ``stamp``, ``stamp + 1``... one a search. Returns
    how many sources were done (fewer when ``out_nodes`` is full) and the last stamp."""
    no_edges = np.zeros(0, np.int64)
    out_ptr[0] = 0
    used = 0
    for k in range(len(sources)):
        source = sources[k]
        stamp += 1
        if source == target:
            if used + 1 > len(out_nodes):
                return k, stamp
            out_nodes[used] = source
            used += 1
            out_ptr[k + 1] = used
            continue
        w = meet(source, target, sptr, suppliers, cptr, consumers, ignore_stamp, stamp,
                 no_edges, no_edges, pred, pred_stamp, succ, succ_stamp, fringe_a, fringe_b,
                 fringe_c, fringe_d, lazy_degree)
        if w < 0:
            out_ptr[k + 1] = used
            continue
        length = 0
        node = w
        while node >= 0:
            length += 1
            node = pred[node]
        node = succ[w]
        while node >= 0:
            length += 1
            node = succ[node]
        if used + length > len(out_nodes):
            return k, stamp
        at = used + length
        node = w
        back = 0
        while node >= 0:  # the source's half, written from the meeting node back
            back += 1
            node = pred[node]
        node = w
        pos = used + back - 1
        while node >= 0:
            out_nodes[pos] = node
            pos -= 1
            node = pred[node]
        pos = used + back
        node = succ[w]
        while node >= 0:
            out_nodes[pos] = node
            pos += 1
            node = succ[node]
        used = at
        out_ptr[k + 1] = used
    return len(sources), stamp
