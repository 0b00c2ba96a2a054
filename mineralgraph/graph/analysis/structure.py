"""The AND-OR structure of supply, compiled from a graph for fast evaluation.

Each *evaluation node* is an integer with an operator and inputs:

- ``LEAF``: an element, country, company or facility; 1 unless removed.
- ``AND``: the minimum of its inputs (a product; a material's elements and supply; a
  producer's country, operator and inputs). Leontief: the scarcest input limits output.
- ``OR``: ``min(1, sum(weight * input))`` over the producers of a material.
- ``ZERO``: a producer an enforced export control blocks.
- ``MAX``: the maximum of its inputs (under ``--worst-case``, producers that split a pool
  with no share of their own, in the upper bound: the whole pool on the best-off of them;
  by default they split it equally, section 5.4, and a node is ``MAX`` only where
  ``--min-confidence`` dropped the split the producers would divide: :func:`producer_pools`).

Every evaluation node may have an *owner*, the graph node whose removal sets it to 0.
The rules are those of section 2 of the dependency model: removing an element removes
every material that CONTAINS it; a producer p of material m is
``min(a(country of p), a(operator of p), a(inputs of m))``, inputs counted only from
p's explicit suppliers where it has SUPPLIES edges; producers without a known share
split the rest equally; a country's aggregate share gives up what its facilities hold.
A ``MADE_FROM``/``REQUIRES`` step marked ``recycling=true`` (scrap back into feed) is a
route a material *can* take, not an input it needs, so it is not an input here: a
recycling loop counted as a requirement would make everything on it 0.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np

from mineralgraph.claim import Claim
from mineralgraph.graph.share_sets import is_press
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

#: Operator codes of the evaluation nodes (small integers: the compiled loops read them).
LEAF, AND, OR, ZERO, MAX = 0, 1, 2, 3, 4


def required(graph: SupplyGraph, node_id: str, relation: str,
             incoming: bool = False) -> list[str]:
    """What ``node_id`` needs along ``relation`` (what needs it, when ``incoming``),
    sorted: steps marked ``recycling`` left out."""
    return sorted({c.subject if incoming else c.object
                   for c in graph.relation_claims(node_id, relation, incoming)
                   if c.qualifier("recycling") is not True})


class OwnedByIndex(Mapping):
    """``Structure.owned`` where every graph id owns its own evaluation node and no
    other (what the columns compile, :func:`compile_columns`): ``(index[id],)`` made when
    asked, not held, in ``index``'s order. A million-node graph would otherwise hold a
    one-element tuple and a dict entry per id and bound, some 160 MiB for both bounds.

    >>> owned = OwnedByIndex({"country:A": 0, "material:m": 2})
    >>> owned["material:m"], owned.get("country:B", ()), list(owned.items())
    ((2,), (), [('country:A', (0,)), ('material:m', (2,))])
    >>> owned == {"country:A": (0,), "material:m": (2,)}
    True
    """

    __slots__ = ("_index",)

    def __init__(self, index: dict[str, int]):
        self._index = index

    def __getitem__(self, key: str) -> tuple[int]:
        return (self._index[key],)

    def get(self, key, default=None):
        node = self._index.get(key)
        return default if node is None else (node,)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


@dataclass
class Structure:
    """Evaluation nodes of one graph under one set of blocked producers.

    ``index`` maps a graph id to its evaluation node; ``internal`` maps the builder's
    keys of the internal nodes (``(producer, material)``, ``("supply", m)``...) to
    theirs, while building; ``owned`` maps a graph id to the evaluation nodes it zeroes
    (a list while building, a tuple once :meth:`compact`).

    While building, the operators and the inputs are held in flat typed arrays
    (``array.array``: one byte an operator, four bytes an input and eight its weight),
    not as a Python list per node: a million-node graph has millions of evaluation
    nodes and some ten million inputs. Each node's inputs are set once, with
    :meth:`set_inputs`, after the nodes they name exist.
    """

    op: array = field(default_factory=lambda: array("b"))
    index: dict[str, int] = field(default_factory=dict)
    internal: dict = field(default_factory=dict)
    owned: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    unmapped: set[str] = field(default_factory=set)
    #: per node: where its inputs start in the flat arrays, and how many
    starts: array = field(default_factory=lambda: array("q"), repr=False)
    counts: array = field(default_factory=lambda: array("i"), repr=False)
    #: every node's inputs and their weights, in the order they were set
    flat: array = field(default_factory=lambda: array("i"), repr=False)
    flat_weights: array = field(default_factory=lambda: array("d"), repr=False)
    #: the nodes whose last input was made before the others (a stage fed by explicit
    #: suppliers: its pool first, then its elements), in the order they were made: what
    #: :func:`visit_order` needs besides the inputs to tell the order nodes were made in
    pool_first: array = field(default_factory=lambda: array("i"), repr=False)
    #: the arrays of a structure made whole (:func:`lower_from_upper`), not node by node
    csr: tuple | None = field(default=None, repr=False)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The structure as flat arrays: operator codes (int8), and the inputs in CSR
        form: ``indptr`` (node ``i``'s inputs are ``indices[indptr[i]:indptr[i + 1]]``),
        ``indices`` and ``weights`` (an OR input's weight; 0 for the others). Node
        numbers and offsets are int32 when they fit (half the memory of int64)."""
        if self.csr is not None:
            return self.csr
        n = len(self.op)
        counts = np.frombuffer(self.counts, np.int32).astype(np.int64)
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(counts, out=indptr[1:])
        # from the order the inputs were set in to the order of the nodes
        gather = (np.repeat(np.frombuffer(self.starts, np.int64) - indptr[:-1], counts)
                  + np.arange(indptr[-1]))
        indices = np.frombuffer(self.flat, np.int32)[gather].astype(index_type(n))
        weights = np.frombuffer(self.flat_weights, np.float64)[gather]
        return (np.frombuffer(self.op, np.int8).copy(),
                indptr.astype(index_type(int(indptr[-1]))), indices, weights)

    def compact(self) -> None:
        """Drop what only the builder needs, once :meth:`arrays` has been taken: the
        flat arrays, and the keys of the internal nodes (producers, supply pools,
        in-house stages...). ``index`` keeps the graph ids."""
        self.op = self.starts = self.counts = self.flat = self.flat_weights = None
        self.csr = None
        self.internal = {}
        # in place: each list freed as its tuple replaces it, no second dict of a million
        owned = self.owned
        if isinstance(owned, OwnedByIndex):
            return
        for key in owned:
            owned[key] = tuple(owned[key])
        if isinstance(owned, defaultdict):
            owned.default_factory = None

    def add(self, key, op: int, owner: str | None) -> int:
        """A new evaluation node (no inputs yet) under ``key`` (a graph id, or a tuple
        for an internal node), zeroed by removing ``owner`` when given."""
        node = len(self.op)
        self.op.append(op)
        self.starts.append(0)
        self.counts.append(0)
        if isinstance(key, str):
            self.index[key] = node
        else:
            self.internal[key] = node
        if owner is not None:
            self.owned[owner].append(node)
        return node

    def set_inputs(self, node: int, inputs: list[int], weights: list[float] | None = None):
        """The inputs of a node (once), with their weights for an OR node (0 for the
        others)."""
        self.starts[node] = len(self.flat)
        self.counts[node] = len(inputs)
        self.flat.extend(inputs)
        if weights:
            self.flat_weights.extend(weights)
        else:
            self.flat_weights.frombytes(bytes(8 * len(inputs)))


def index_type(largest: int) -> type:
    """The integer type for node numbers or offsets up to ``largest``: int32 when they
    fit, else int64."""
    return np.int32 if largest < 2**31 - 1 else np.int64


def roots(graph: SupplyGraph) -> list[str]:
    """The graph nodes a structure is compiled from, in the order the builder takes them:
    every product and material, in id order."""
    return sorted(graph.ids("Product") + graph.ids("Material"))


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The positions ``starts[i], starts[i] + 1, ...`` (``counts[i]`` of them) for every
    ``i``, one run after the other."""
    offsets = np.zeros(len(counts), np.int64)
    np.cumsum(counts[:-1], out=offsets[1:])
    return np.repeat(starts.astype(np.int64) - offsets, counts) + np.arange(int(counts.sum()))


def _with_rows(indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray | None,
               total: int, rows: dict[int, tuple[list[int], list[float] | None]]):
    """CSR arrays of ``total`` nodes: the rows of ``indptr``/``indices``/``weights``
    (nodes ``0 .. len(indptr) - 2``) with the rows in ``rows`` (node -> (inputs,
    weights)) put in their place or added."""
    n = len(indptr) - 1
    counts = np.zeros(total, np.int64)
    counts[:n] = np.diff(indptr.astype(np.int64))
    changed = np.fromiter(rows, np.int64, len(rows))
    counts[changed] = np.fromiter((len(rows[r][0]) for r in rows), np.int64, len(rows))
    ptr = np.zeros(total + 1, np.int64)
    np.cumsum(counts, out=ptr[1:])
    keep = np.ones(n, np.bool_)
    keep[changed[changed < n]] = False
    kept = np.flatnonzero(keep)
    into = _ranges(ptr[kept], counts[kept])
    taken = _ranges(indptr[:-1][kept], counts[kept])
    out = np.empty(int(ptr[-1]), np.int64)
    out[into] = indices[taken]
    out_w = None
    if weights is not None:
        out_w = np.zeros(int(ptr[-1]), np.float64)
        out_w[into] = weights[taken]
    for node, (inputs, row_weights) in rows.items():
        out[ptr[node]:ptr[node + 1]] = inputs
        if out_w is not None and row_weights:
            out_w[ptr[node]:ptr[node + 1]] = row_weights
    return ptr, out, out_w


def lower_from_upper(upper: Structure, arrays: tuple, graph: SupplyGraph,
                     anchored: dict[str, str | None], blocked: frozenset,
                     look: Lookups) -> Structure:
    """The lower bound's structure (section 5.6) made from the upper bound's, node for
    node the structure :class:`StructureBuilder` builds with ``anchors``.

    For the same graph and the same blocked producers the two bounds differ only at the
    pools that producers split with no share of their own (``MAX`` in the upper bound,
    ``AND`` in the lower) and at the materials without producers: in the lower one such a
    material takes its elements and
    a supply pool holding one virtual producer (share 1, in its anchor country, its
    inputs as inputs; a ``ZERO`` node when ``("virtual", material)`` is blocked), where
    the upper one takes its elements and its inputs. Those rows are replaced, the new
    nodes added, and the whole renumbered in the order the builder makes its nodes
    (:func:`visit_order`): the passes visit nodes and add up their drops in that order,
    so the numbering is part of the answer to the last bit.

    ``upper`` is the upper bound's structure (``index``, ``owned``, ``unmapped``,
    ``pool_first``), ``arrays`` its :meth:`Structure.arrays` in its own numbering,
    ``blocked`` the lower bound's blocked producers (the upper one's and the virtual
    producers), ``look`` the :class:`Lookups` of ``graph``.
    """
    op, indptr, indices, weights = arrays
    # a pool producers split with no share of their own: on the best-off of them in the
    # upper bound (MAX), on the worst-off in the lower one (AND), same inputs in the same
    # order (StructureBuilder._pool)
    op = np.where(op == MAX, np.int8(AND), op).astype(op.dtype)
    n = len(op)
    index = dict(upper.index)
    extra: list[int] = []  # the operators of the new nodes, numbered n, n + 1, ...
    rows: dict[int, tuple[list[int], list[float] | None]] = {}
    visits: dict[int, tuple[list[int], None]] = {}
    new_leaves: dict[str, int] = {}

    def add(code: int) -> int:
        extra.append(code)
        return n + len(extra) - 1

    for material in sorted(anchored):
        node = index[material]
        inputs = indices[indptr[node]:indptr[node + 1]].tolist()
        k = len(look.contains(material))
        elements, rest = inputs[:k], inputs[k:]
        if ("virtual", material) in blocked:
            virtual = add(ZERO)
        else:
            virtual = add(AND)
            anchor = anchored.get(material)
            head = []
            if anchor:
                if anchor not in index:  # a country no producer of the upper bound names
                    index[anchor] = new_leaves[anchor] = add(LEAF)
                head = [index[anchor]]
            rows[virtual] = (head + rest, None)
        supply = add(OR)
        rows[supply] = ([virtual], [1.0])
        rows[node] = (elements + [supply], None)
        # made in this order: the material, its elements, its inputs, the virtual
        # producer (and its anchor), the pool
        visits[node] = (elements + rest + [virtual, supply], None)
    for node in upper.pool_first:
        inputs = indices[indptr[node]:indptr[node + 1]].tolist()
        visits[node] = (inputs[-1:] + inputs[:-1], None)
    total = n + len(extra)
    # a new node is made before its inputs, as any other
    visits.update({node: row for node, row in rows.items() if node >= n})
    ptr, flat, flat_weights = _with_rows(indptr, indices, weights, total, rows)
    vptr, vflat, _ = _with_rows(indptr, indices, None, total, visits)
    start = np.fromiter((index[r] for r in roots(graph)), np.int64)
    number = visit_order(start, vptr, vflat)
    del vptr, vflat
    order = np.empty(total, np.int64)
    order[number] = np.arange(total)
    codes = np.concatenate([op, np.array(extra, np.int8)])[order]
    counts = np.diff(ptr)[order]
    new_ptr = np.zeros(total + 1, np.int64)
    np.cumsum(counts, out=new_ptr[1:])
    taken = _ranges(ptr[:-1][order], counts)
    new_indices = number[flat[taken]].astype(index_type(total))
    new_weights = flat_weights[taken]
    del taken, flat, flat_weights
    numbers = number.tolist()
    out = Structure()
    out.op = None
    out.csr = (codes, new_ptr.astype(index_type(int(new_ptr[-1]))), new_indices, new_weights)
    out.index = {key: numbers[node] for key, node in index.items()}
    if isinstance(upper.owned, OwnedByIndex):
        # each id owns its own node, the anchors no producer names too (``index`` is
        # the upper one's, then the new leaves, in that order)
        out.owned = OwnedByIndex(out.index)
    else:
        owned = {key: tuple(sorted(numbers[v] for v in nodes)) if len(nodes) > 1
                 else (numbers[nodes[0]],) for key, nodes in upper.owned.items()}
        owned.update({key: (numbers[node],) for key, node in new_leaves.items()})
        out.owned = owned
    out.unmapped = set(upper.unmapped)
    out.pool_first = array("i", sorted(numbers[v] for v in upper.pool_first))
    return out


def visit_order(start: np.ndarray, ptr: np.ndarray, children: np.ndarray) -> np.ndarray:
    """The number of each node in the order :class:`StructureBuilder` makes them: a
    depth-first walk from ``start`` (:func:`roots`) that numbers a node when it first
    reaches it, then walks its children (``children[ptr[i]:ptr[i + 1]]``: its inputs, in
    the order the builder makes them, see :func:`lower_from_upper`).

    This is why the order can be reproduced without the builder: every node is made the
    first time a node being built asks for it, before its own inputs.
    """
    from mineralgraph.graph.analysis.kernels import preorder
    number, count = preorder(start, ptr, children)
    if count != len(ptr) - 1:
        raise ValueError(f"{len(ptr) - 1 - count} nodes are out of reach of the roots")
    return number


def compile_columns(graph: SupplyGraph, blocked: frozenset = frozenset(),
                    lookups: Lookups | None = None) -> Structure | None:
    """The upper bound's structure (:class:`StructureBuilder` without anchors) made as
    columns: every node's operator and inputs written into flat arrays in one loop over
    the materials and products, with no recursion and no call per node, then numbered in
    the order the builder makes its nodes (:func:`visit_order`). The same structure,
    array for array (``index``, ``owned``, ``unmapped`` too).

    The builder makes a node the first time a node being built asks for it, then its
    inputs in order; without explicit suppliers (no ``SUPPLIES`` claim) no node is made
    before an input listed ahead of it, so that order is a depth-first walk of the
    inputs from the roots. With explicit suppliers (in-house stages, sourced inputs)
    this returns None and the builder builds it.
    """
    look = lookups if lookups is not None else Lookups(graph)
    if look.buyers():
        return None
    kind_of = model.kind_of
    op = array("b")
    owner_of: list[str | None] = []  # per temporary node: its graph id (owner), or None
    temp: dict[str, int] = {}
    starts = array("q")
    counts = array("i")
    flat = array("i")
    flat_weights = array("d")
    unmapped: set[str] = set()
    pending: list[str] = []
    codes = {"Material": AND, "Product": AND}

    def graph_node(node_id: str) -> int:
        found = temp.get(node_id)
        if found is not None:
            return found
        found = temp[node_id] = len(op)
        code = codes.get(kind_of(node_id), LEAF)
        op.append(code)
        owner_of.append(node_id)
        starts.append(0)
        counts.append(0)
        if code != LEAF:
            pending.append(node_id)
        return found

    def internal(code: int) -> int:
        node = len(op)
        op.append(code)
        owner_of.append(None)
        starts.append(0)
        counts.append(0)
        return node

    def row(node: int, inputs: list[int], weights: list[float] | None = None) -> None:
        starts[node] = len(flat)
        counts[node] = len(inputs)
        flat.extend(inputs)
        if weights:
            flat_weights.extend(weights)
        else:
            flat_weights.frombytes(bytes(8 * len(inputs)))

    pool_code = MAX
    # the producer rows of the material being compiled, by producer (a key names its
    # material, so only that material's loop can ask it again: one dict a material, not
    # one of every (producer, material) pair held to the end, some 1.7 million at 1M)
    producer_rows: dict[str, int] = {}
    stands_on: dict[str, list[int]] = {}

    def producer(subject: str, material: str, inputs: list[int]) -> int:
        found = producer_rows.get(subject)
        if found is not None:
            return found
        if blocked and (subject, material) in blocked:
            node = producer_rows[subject] = internal(ZERO)
            return node
        node = producer_rows[subject] = internal(AND)
        parts = stands_on.get(subject)
        if parts is None:  # the producer and its context: the same for all it makes
            parts = stands_on[subject] = [graph_node(subject)] + [
                graph_node(n) for n in look.context(subject) if n != subject]
        row(node, parts + inputs)
        return node

    for node_id in roots(graph):
        graph_node(node_id)
    at = 0
    while at < len(pending):
        node_id = pending[at]
        at += 1
        node = temp[node_id]
        if kind_of(node_id) == "Product":
            inputs = [graph_node(m) for m in required(graph, node_id, "REQUIRES")]
            row(node, inputs)
            if not inputs:
                unmapped.add(node_id)
            continue
        elements = [graph_node(e) for e in look.contains(node_id)]
        producer_rows.clear()
        if graph.relation_claims(node_id, "PRODUCES", incoming=True):
            supply = internal(OR)
            material_inputs = [graph_node(i) for i in look.inputs(node_id)]
            pools = look.pools(node_id)
            pooled = {c.subject for _, group in pools for c in group}
            inputs, weights = [], []
            for claim, weight in look.weights(node_id):
                if weight > 0 and claim.subject not in pooled:
                    inputs.append(producer(claim.subject, node_id, material_inputs))
                    weights.append(weight)
            for weight, group in pools:
                if weight > 0:
                    pool = internal(pool_code)
                    row(pool, [producer(c.subject, node_id, material_inputs) for c in group])
                    inputs.append(pool)
                    weights.append(weight)
            row(supply, inputs, weights)
            row(node, elements + [supply])
        else:
            unmapped.add(node_id)
            row(node, elements + [graph_node(i) for i in look.inputs(node_id)])
    total = len(op)
    count = np.frombuffer(counts, np.int32).astype(np.int64)
    ptr = np.zeros(total + 1, np.int64)
    np.cumsum(count, out=ptr[1:])
    gather = _ranges(np.frombuffer(starts, np.int64), count)
    children = np.frombuffer(flat, np.int32)[gather].astype(np.int64)
    weights_all = np.frombuffer(flat_weights, np.float64)[gather]
    del gather
    start = np.fromiter((temp[r] for r in roots(graph)), np.int64)
    number = visit_order(start, ptr, children)
    order = np.empty(total, np.int64)
    order[number] = np.arange(total)
    new_counts = count[order]
    new_ptr = np.zeros(total + 1, np.int64)
    np.cumsum(new_counts, out=new_ptr[1:])
    taken = _ranges(ptr[:-1][order], new_counts)
    out = Structure()
    out.op = None
    out.csr = (np.frombuffer(op, np.int8)[order].copy(),
               new_ptr.astype(index_type(int(new_ptr[-1]))),
               number[children[taken]].astype(index_type(total)), weights_all[taken])
    numbers = number.tolist()
    out.index = {key: numbers[node] for key, node in temp.items()}
    out.owned = OwnedByIndex(out.index)
    out.unmapped = unmapped
    return out


class StructureBuilder:
    """Compiles a SupplyGraph into a :class:`Structure`.

    ``blocked`` is a set of ``(producer, material)`` pairs that count as 0 (export
    controls enforced for the products this structure serves), and of
    ``("virtual", material)`` for the virtual producer of a material without producers.
    ``anchors`` (material -> country or None, from :func:`anchors`) builds the *lower*
    bound of section 5.6: each material without a producer gets one virtual producer
    with share 1 in its anchor country, its inputs as inputs. Without it (the default)
    the structure is the upper bound, section 2 as it stands.

    ``sourcing`` (the :class:`Lookups` of the graph the confidence filter kept, when
    ``graph`` is the lower bound's graph with left-out requirements put back) decides
    which stages a producer does in-house (section 5.3): a put-back requirement adds
    inputs, it never turns a world-pool input into an in-house stage fed by a distant
    supplier (that would raise the lower bound above the upper one).
    """

    def __init__(self, graph: SupplyGraph, blocked: frozenset = frozenset(),
                 anchors: dict[str, str | None] | None = None,
                 lookups: Lookups | None = None, sourcing: Lookups | None = None):
        self.graph = graph
        self.blocked = blocked
        self.anchors = anchors
        self.s = Structure()
        self.look = lookups if lookups is not None else Lookups(graph)
        self.sourcing = sourcing if sourcing is not None else self.look

    def build(self) -> Structure:
        for node_id in roots(self.graph):
            self.node(node_id)
        return self.s

    # The walk is depth-first (a node is made the first time a node being built asks for
    # it, before its inputs: :func:`visit_order` reproduces the numbering), and a supply
    # chain may be thousands of steps deep. So it runs on an explicit stack, not Python's:
    # each step below is a generator that yields the step it needs built (another
    # generator) and is sent back that step's evaluation node (:meth:`_run`). The order
    # the nodes are made in is the recursive walk's, to the last node.

    @staticmethod
    def _run(step):
        """Run a step of the walk and every step it asks for, on an explicit stack, and
        return its result."""
        stack, value = [step], None
        while True:
            try:
                needed = stack[-1].send(value)
            except StopIteration as done:
                stack.pop()
                value = done.value
                if not stack:
                    return value
                continue
            stack.append(needed)
            value = None

    def node(self, node_id: str) -> int:
        """The evaluation node of a graph node, compiled on first use."""
        found = self.s.index.get(node_id)
        if found is not None:
            return found
        return self._run(self._node(node_id))

    def _nodes(self, node_ids):
        """Step: the evaluation nodes of some graph nodes, in order."""
        out = []
        for node_id in node_ids:
            found = self.s.index.get(node_id)
            out.append(found if found is not None else (yield self._node(node_id)))
        return out

    def _node(self, node_id: str):
        """Step: :meth:`node`."""
        found = self.s.index.get(node_id)
        if found is not None:
            return found
        kind = model.kind_of(node_id)
        if kind == "Material":
            return (yield self._material(node_id))
        if kind == "Product":
            node = self.s.add(node_id, AND, node_id)
            inputs = yield self._nodes(required(self.graph, node_id, "REQUIRES"))
            self.s.set_inputs(node, inputs)
            if not inputs:
                self.s.unmapped.add(node_id)
            return node
        return self.s.add(node_id, LEAF, node_id)

    def _material(self, material: str):
        node = self.s.add(material, AND, material)
        elements = yield self._nodes(self.look.contains(material))
        producers = self.graph.relation_claims(material, "PRODUCES", incoming=True)
        if producers:
            supply = self.s.add(("supply", material), OR, None)
            weights = self.look.weights(material)
            pools = self.look.pools(material)
            pooled = {c.subject for _, group in pools for c in group}
            pairs = []
            for c, w in weights:
                if w > 0 and c.subject not in pooled:
                    pairs.append(((yield self._producer(c.subject, material)), w))
            for w, group in pools:
                if w > 0:
                    pairs.append(((yield self._pool(material, group)), w))
            self.s.set_inputs(supply, [p for p, _ in pairs], [w for _, w in pairs])
            self.s.set_inputs(node, elements + [supply])
            return node
        self.s.unmapped.add(material)
        inputs = yield self._nodes(self.material_inputs(material))
        if self.anchors is None:
            self.s.set_inputs(node, elements + inputs)
            return node
        key = ("virtual", material)
        if key in self.blocked:
            virtual = self.s.add(key, ZERO, None)
        else:
            virtual = self.s.add(key, AND, None)
            anchor = self.anchors.get(material)
            anchored = (yield self._nodes([anchor])) if anchor else []
            self.s.set_inputs(virtual, anchored + inputs)
        supply = self.s.add(("supply", material), OR, None)
        self.s.set_inputs(supply, [virtual], [1.0])
        self.s.set_inputs(node, elements + [supply])
        return node

    def _pool(self, material: str, group: list):
        """Producers that split a pool with no share of their own (:func:`producer_pools`):
        how the pool's output is shared among them is not known, so the lower bound puts
        all of it on the worst-off member (AND: losing any one of them may lose the whole
        pool) and the upper bound on the best-off (MAX: losing one may lose nothing). Any
        split lies between: a weighted mean of the members' values is at least their
        minimum and at most their maximum."""
        node = self.s.add(("pool", material, group[0].subject),
                          MAX if self.anchors is None else AND, None)
        members = []
        for c in group:
            members.append((yield self._producer(c.subject, material)))
        self.s.set_inputs(node, members)
        return node

    def material_inputs(self, material: str) -> list[str]:
        """What a material is MADE_FROM or REQUIRES."""
        return self.look.inputs(material)

    def _producer(self, producer: str, material: str):
        key = (producer, material)
        found = self.s.internal.get(key)
        if found is not None:
            return found
        if key in self.blocked:
            return self.s.add(key, ZERO, None)
        node = self.s.add(key, AND, None)
        parts = yield self._nodes([producer] + [n for n in self.look.context(producer)
                                                if n != producer])
        if self.supplied(producer):
            for i in self.material_inputs(material):
                parts.append((yield self._input(producer, i, ())))
        else:  # what _input gives a producer nobody supplies: the world pool
            parts += yield self._nodes(self.material_inputs(material))
        self.s.set_inputs(node, parts)
        return node

    def _input(self, producer: str, material: str, trail: tuple):
        """One input of what ``producer`` makes: from its explicit suppliers where it has
        them; made in-house where it is supplied further up (section 5.3); else the
        world pool."""
        supplied = self.supplied(producer)
        if material in supplied:
            return (yield self._sourced(producer, material, supplied[material]))
        if (supplied and material not in trail
                and any(m in self.ancestors(material) for m in supplied)):
            return (yield self._in_house(producer, material, trail + (material,)))
        return (yield self._nodes([material]))[0]

    def _in_house(self, producer: str, material: str, trail: tuple):
        """A stage the producer does itself: its elements and its inputs, each input
        sourced as :meth:`_input` says (never the world pool of the stage itself).
        Removing the material removes this too (it is owned by the material).

        On a loop the stage depends on the trail (where the unrolling stops and takes
        the material from the world pool), so the key holds the part of the trail
        upstream of the material in the graph being built; on an acyclic graph that part
        is empty and one node serves every path, as before."""
        upstream = self.look.ancestors(material)
        key = ("in-house", producer, material, tuple(sorted(set(trail) & upstream)))
        if key in self.s.internal:
            return self.s.internal[key]
        node = self.s.add(key, AND, material)
        parts = yield self._nodes(self.look.contains(material))
        for i in self.material_inputs(material):
            parts.append((yield self._input(producer, i, trail)))
        self.s.set_inputs(node, parts)
        return node

    def supplied(self, producer: str) -> dict[str, list[tuple[str, float]]]:
        """Material -> (supplier, weight) of the producer's explicit suppliers (cached)."""
        return self.look.supplied(producer)

    def ancestors(self, material: str) -> frozenset[str]:
        """Materials upstream of a material through MADE_FROM and REQUIRES (cached), in
        the graph that decides sourcing (without put-back requirements)."""
        return self.sourcing.ancestors(material)

    def _sourced(self, producer: str, material_input: str, suppliers):
        """The producer's supply of one input from its explicit suppliers: their output
        (in the stated proportions) and the input's elements; removing the input (a
        material) or one of its elements removes it too."""
        key = ("sourced", producer, material_input)
        if key in self.s.internal:
            return self.s.internal[key]
        node = self.s.add(key, AND, material_input)
        self.s.pool_first.append(node)
        pool = self.s.add(("sourced-from", producer, material_input), OR, None)
        makers = set(self.graph.neighbours(material_input, "PRODUCES", incoming=True))
        inputs, weights = [], []
        for supplier, weight in suppliers:
            if supplier in makers:
                inputs.append((yield self._producer(supplier, material_input)))
            else:
                inputs.append((yield self._supplier_leaf(supplier, material_input)))
            weights.append(weight)
        self.s.set_inputs(pool, inputs, weights)
        elements = yield self._nodes(self.look.contains(material_input))
        self.s.set_inputs(node, elements + [pool])
        return node

    def _supplier_leaf(self, supplier: str, material_input: str):
        """A supplier that is not a recorded producer of what it supplies: as available as
        itself and, for a facility, its country and operator."""
        key = ("supplier", supplier, material_input)
        if key in self.s.internal:
            return self.s.internal[key]
        node = self.s.add(key, AND, None)
        parts = yield self._nodes([supplier] + [n for n in self.look.context(supplier)
                                                if n != supplier])
        self.s.set_inputs(node, parts)
        return node


#: what :meth:`Lookups.supplied` gives a producer nobody supplies (never changed)
_NOT_SUPPLIED: dict[str, list[tuple[str, float]]] = {}
#: what :meth:`Lookups.pools` gives a material nobody splits a pool of (never changed;
#: one list, not one a material: most materials, some 30 MiB at a million nodes)
_NO_POOLS: list[tuple] = []


class Lookups:
    """What the builder asks the graph about one node, asked once: a material's inputs,
    elements and producer weights, a producer's context and explicit suppliers. One
    instance serves every structure compiled from the same graph (both bounds, every
    set of blocked producers)."""

    def __init__(self, graph: SupplyGraph):
        self.graph = graph
        self._inputs: dict[str, list[str]] = {}
        self._contains: dict[str, list[str]] = {}
        self._context: dict[str, list[str]] = {}
        self._weights: dict[str, list[tuple]] = {}
        self._pools: dict[str, list[tuple]] = {}
        self._supplied: dict[str, dict[str, list[tuple[str, float]]]] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        #: what SUPPLIES claims name as buyers (made on first use)
        self._buyers: set[str] | None = None
        #: a claim's sources -> whether the analysis reads its figures
        self._figures: dict[tuple, bool] = {}

    def forget(self) -> None:
        """Drop what was asked of each node (inputs, contents, contexts, weights, pools,
        supplied materials, ancestors): asked again, it is made again, the same. Held
        from the compile to the end of a run, the producers' weights and contexts alone
        took some 300 MiB at a million nodes, through the candidate passes, for the few
        materials a view reads again."""
        for table in (self._inputs, self._contains, self._context, self._weights,
                      self._pools, self._supplied, self._ancestors):
            table.clear()

    def _counts(self, claim: Claim) -> bool:
        """:func:`figures_count` of a claim, kept by its sources (what it depends on)."""
        found = self._figures.get(claim.sources)
        if found is None:
            found = self._figures[claim.sources] = figures_count(self.graph, claim)
        return found

    def inputs(self, material: str) -> list[str]:
        """What a material is MADE_FROM or REQUIRES (recycling steps left out), sorted."""
        found = self._inputs.get(material)
        if found is None:
            found = self._inputs[material] = material_inputs(self.graph, material)
        return found

    def contains(self, material: str) -> list[str]:
        """The elements a material CONTAINS, sorted."""
        found = self._contains.get(material)
        if found is None:
            found = self._contains[material] = self.graph.neighbours(material, "CONTAINS")
        return found

    def context(self, producer: str) -> list[str]:
        """:func:`producer_context` of a producer."""
        found = self._context.get(producer)
        if found is None:
            found = self._context[producer] = producer_context(self.graph, producer)
        return found

    def weights(self, material: str) -> list[tuple]:
        """:func:`producer_weights` of a material's producers."""
        return self._from_split(self._weights, material)

    def pools(self, material: str) -> list[tuple]:
        """:func:`producer_pools` of a material's producers."""
        return self._from_split(self._pools, material)

    def _from_split(self, found: dict, material: str) -> list[tuple]:
        """A material's entry in one of the two tables :meth:`_split` fills together."""
        if material not in found:
            self._split(material)
        return found[material]

    def _split(self, material: str) -> None:
        """Both :meth:`weights` and :meth:`pools` of a material, from one split."""
        producers = self.graph.relation_claims(material, "PRODUCES", incoming=True)
        if self._stated_only(material, producers):
            return
        weights, claim_of, groups = _split(self.graph, material, producers, self._counts)
        self._weights[material] = _named_weights(weights, claim_of)
        self._pools[material] = (_pools_of(weights, claim_of, groups, self.graph.worst_case)
                                 or _NO_POOLS)

    def _stated_only(self, material: str, producers: list[Claim]) -> bool:
        """:func:`_split` where every producer states a share the analysis reads and none
        is a country (most materials): no aggregate gives up a facility's share, nobody
        splits a pool, so each weight is the share, scaled by the same sum in the same
        order where :func:`_split` scales it. Fills both tables and returns True; False
        (nothing filled) for any other material."""
        kind_of = model.kind_of
        shares = []
        for claim in producers:
            share = claim.qualifier("share")
            if share is None or kind_of(claim.subject) == "Country" or not self._counts(claim):
                return False
            shares.append(share)
        total = sum(shares)
        if total > 1.0 or (self.graph.worst_case
                           and 1.0 - rounding_slack(producers) <= total < 1.0 - 1e-9):
            shares = [share / total for share in shares]
        self._weights[material] = sorted(zip(producers, shares, strict=True),
                                         key=lambda cw: cw[0].subject)
        self._pools[material] = _NO_POOLS
        return True

    def supplied(self, producer: str) -> dict[str, list[tuple[str, float]]]:
        """:func:`supplied_materials` of a producer (read only: one empty dict serves
        every producer that neither it nor its operator is supplied)."""
        found = self._supplied.get(producer)
        if found is None:
            buyers = self.buyers()
            if not buyers:  # nobody is supplied: nothing to keep per producer
                return _NOT_SUPPLIED
            if producer not in buyers and not (
                    buyers and model.kind_of(producer) == "Facility"
                    and any(b in buyers for b in self.graph.neighbours(producer, "OPERATED_BY"))):
                found = _NOT_SUPPLIED
            else:
                found = supplied_materials(self.graph, producer)
            self._supplied[producer] = found
        return found

    def buyers(self) -> set[str]:
        """What SUPPLIES claims name as buyers (made on first use)."""
        if self._buyers is None:
            self._buyers = {c.object for c in self.graph.edge_claims("SUPPLIES")}
        return self._buyers

    def ancestors(self, material: str) -> frozenset[str]:
        """Materials upstream of a material through its inputs."""
        found = self._ancestors.get(material)
        if found is None:
            found = self._ancestors[material] = frozenset(
                material_ancestors(self.graph, material))
        return found


def material_inputs(graph: SupplyGraph, material: str) -> list[str]:
    """What a material is MADE_FROM or REQUIRES, sorted (recycling steps left out)."""
    return sorted({c.object for relation in ("MADE_FROM", "REQUIRES")
                   for c in graph.relation_claims(material, relation)
                   if c.qualifier("recycling") is not True})


def material_users(graph: SupplyGraph, material: str) -> list[str]:
    """The materials made from, or requiring, a material, sorted (recycling steps left
    out)."""
    return sorted(n for n in set(required(graph, material, "MADE_FROM", incoming=True))
                  | set(required(graph, material, "REQUIRES", incoming=True))
                  if model.kind_of(n) == "Material")


def material_ancestors(graph: SupplyGraph, material: str) -> set[str]:
    """Every material upstream of ``material`` through its inputs."""
    seen: set[str] = set()
    stack = material_inputs(graph, material)
    while stack:
        item = stack.pop()
        if item not in seen:
            seen.add(item)
            stack.extend(material_inputs(graph, item))
    return seen


def produces(graph: SupplyGraph, node_id: str) -> bool:
    """Whether a node has a PRODUCES claim at the graph's date."""
    return bool(graph.relation_claims(node_id, "PRODUCES"))


def producer_context(graph: SupplyGraph, producer: str) -> list[str]:
    """The nodes a producer stands on: itself; for a facility its country and operator;
    for a company that produces without a facility, its country (section 5.1).

    A company that only has facilities is a headquarters: where it produces is told by
    its facilities, so its own country is not one of them.
    """
    kind = model.kind_of(producer)
    if kind == "Facility":
        return ([producer] + graph.neighbours(producer, "LOCATED_IN")
                + graph.neighbours(producer, "OPERATED_BY"))
    if kind == "Company" and produces(graph, producer):
        return [producer] + graph.neighbours(producer, "LOCATED_IN")
    return [producer]


def located_in(graph: SupplyGraph, producer: str) -> list[str]:
    """The countries a producer's output sits in: itself for a country; LOCATED_IN for a
    facility or a company (section 5.1)."""
    if model.kind_of(producer) == "Country":
        return [producer]
    return graph.neighbours(producer, "LOCATED_IN")


def supplied_materials(graph: SupplyGraph, producer: str) -> dict[str, list[tuple[str, float]]]:
    """Material -> (supplier, weight) recorded as SUPPLYING the producer (or its operator).

    Weights are the SUPPLIES ``share`` (of the buyer's supply) where given; suppliers
    without one split the rest equally; weights adding up to more than 1 are scaled.
    """
    buyers = [producer] + (graph.neighbours(producer, "OPERATED_BY")
                           if model.kind_of(producer) == "Facility" else [])
    stated: dict[str, dict[str, float | None]] = defaultdict(dict)
    for buyer in buyers:
        for claim in graph.relation_claims(buyer, "SUPPLIES", incoming=True):
            material = claim.qualifier("material")
            if material is None:
                continue
            share = claim.qualifier("share")
            held = stated[material].get(claim.subject)
            stated[material][claim.subject] = share if held is None else held
    out = {}
    for material, suppliers in sorted(stated.items()):
        known = sum(s for s in suppliers.values() if s is not None)
        loose = [s for s, w in suppliers.items() if w is None]
        rest = max(0.0, 1.0 - known) / len(loose) if loose else 0.0
        weights = {s: (w if w is not None else rest) for s, w in suppliers.items()}
        total = sum(weights.values())
        if total > 1.0:
            weights = {s: w / total for s, w in weights.items()}
        out[material] = sorted(weights.items())
    return out


def unused_supplies(graph: SupplyGraph) -> list[Claim]:
    """SUPPLIES claims that fit no chain of the buyer: the supplied material is neither
    an input of what the buyer (or a facility it operates) produces nor upstream of one,
    so the analysis cannot use them (section 5.3: reported, never silently ignored)."""
    out = []
    for claim in graph.edge_claims("SUPPLIES"):
        material = claim.qualifier("material")
        buyers = [claim.object]
        if model.kind_of(claim.object) == "Company":
            buyers += graph.neighbours(claim.object, "OPERATED_BY", incoming=True)
        made = {c.object for b in buyers for c in graph.relation_claims(b, "PRODUCES")}
        if material is None or not any(material in material_ancestors(graph, m) for m in made):
            out.append(claim)
    return out


@dataclass(frozen=True)
class UnusedSupply:
    """A SUPPLIES edge (all its claims) the analysis cannot use, and why.

    ``reason`` is ``"maker"`` (the buyer MAKES ``outputs``, products that need the
    material, but a product takes each material from world supply, not from its
    maker's suppliers: design note section 2), ``"nothing"`` (the buyer produces and
    makes nothing in the graph) or ``"unrelated"`` (nothing the buyer produces or makes,
    ``outputs``, is made from the material).
    """

    claims: tuple[Claim, ...]
    reason: str
    outputs: tuple[str, ...] = ()

    @property
    def claim(self) -> Claim:
        return self.claims[0]


def unused_supply_reasons(graph: SupplyGraph) -> list[UnusedSupply]:
    """:func:`unused_supplies`, one item per edge (supplier, buyer, material) with the
    reason the analysis cannot use it; in the order of the edges' first claims."""
    edges: dict[tuple, list[Claim]] = {}
    for claim in unused_supplies(graph):
        edges.setdefault((claim.subject, claim.object, claim.qualifier("material")),
                         []).append(claim)
    out = []
    for (_, buyer, material), claims in edges.items():
        buyers = [buyer] + (graph.neighbours(buyer, "OPERATED_BY", incoming=True)
                            if model.kind_of(buyer) == "Company" else [])
        made = sorted({c.object for b in buyers for c in graph.relation_claims(b, "PRODUCES")})
        products = sorted({c.object for c in graph.relation_claims(buyer, "MAKES")})
        needing = [p for p in products if material is not None and any(
            material == m or material in material_ancestors(graph, m)
            for m in required(graph, p, "REQUIRES"))]
        if needing:
            out.append(UnusedSupply(tuple(claims), "maker", tuple(needing)))
        elif made or products:
            out.append(UnusedSupply(tuple(claims), "unrelated", tuple(made + products)))
        else:
            out.append(UnusedSupply(tuple(claims), "nothing"))
    return out


def top_country(graph: SupplyGraph, material: str) -> tuple[str, float] | None:
    """The country holding the largest summed share of a material's producers (rest of
    world included; ties to the smaller id), with that share; None without one."""
    producers = graph.relation_claims(material, "PRODUCES", incoming=True)
    by_country: dict[str, float] = defaultdict(float)
    for claim, weight in producer_weights(graph, material, producers):
        for country in located_in(graph, claim.subject)[:1]:
            by_country[country] += weight
    if not by_country:
        return None
    return min(by_country.items(), key=lambda kv: (-kv[1], kv[0]))


def anchors(graph: SupplyGraph) -> dict[str, str | None]:
    """The anchor country of each material without a producer (section 5.6).

    Walk up the material's inputs breadth-first to the nearest materials that have
    producers; among several at that distance, the one whose top country holds the
    larger share, then the smaller id; the anchor is that material's top country. With
    none upstream, walk down the materials that use it the same way; with none either
    way, no anchor (None).
    """
    tops: dict[str, tuple[str, float] | None] = {}

    def top(material: str):
        if material not in tops:
            tops[material] = top_country(graph, material)
        return tops[material]

    def nearest(material: str, step) -> str | None:
        seen, level = {material}, step(graph, material)
        while level:
            found = [(top(m), m) for m in level if produces_material(m)]
            found = [(t, m) for t, m in found if t is not None]
            if found:
                (country, _), _ = min(found, key=lambda tm: (-tm[0][1], tm[1]))
                return country
            seen |= set(level)
            level = sorted({n for m in level if not produces_material(m)
                            for n in step(graph, m)} - seen)
        return None

    def produces_material(material: str) -> bool:
        return bool(graph.relation_claims(material, "PRODUCES", incoming=True))

    out = {}
    for material in graph.ids("Material"):
        if not produces_material(material):
            out[material] = (nearest(material, material_inputs)
                             or nearest(material, material_users))
    return out


def untraced(graph: SupplyGraph, anchored: dict[str, str | None] | None = None) -> list[str]:
    """Materials that nothing traces to a country (section 5.6, as extended): no producer,
    no element, no input and no anchor. Their supply is unknown, so in the lower bound
    any enforced control in a product's scope may reach them, whoever issued it and
    whatever it covers. Sorted.

    ``anchored`` is :func:`anchors` of the graph when already computed.
    """
    anchored = anchors(graph) if anchored is None else anchored
    return sorted(m for m, country in anchored.items()
                  if country is None and not graph.neighbours(m, "CONTAINS")
                  and not material_inputs(graph, m))


def composition(graph: SupplyGraph, material: str) -> frozenset[str] | None:
    """The elements a material may contain where its composition is bounded: what it
    MAY_CONTAIN and CONTAINS, when some MAY_CONTAIN is recorded; None (any element) without
    one. CONTAINS alone is no bound: it names what a material cannot exist without, not
    all it holds."""
    bound = graph.neighbours(material, "MAY_CONTAIN")
    if not bound:
        return None
    return frozenset(bound) | frozenset(graph.neighbours(material, "CONTAINS"))


def untraced_reached(graph: SupplyGraph, untraced_materials, covers) -> set[str]:
    """The untraced materials (:func:`untraced`) that a control covering ``covers`` (the
    elements and materials it names) may reach in the lower bound (design note addendum,
    5.6 untraced, narrowed by composition): those whose composition is not bounded
    (:func:`composition`), those it covers itself, and those that may contain an element
    it covers or an element of a material it covers. A covered material with no element
    recorded may hold any: it reaches them all.

    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([Claim("material:u", "MAY_CONTAIN", "element:Nd"),
    ...                  Claim("material:v", "label", "v"),
    ...                  Claim("material:ga", "CONTAINS", "element:Ga")])
    >>> sorted(untraced_reached(g, ["material:u", "material:v"], ["element:Li"]))
    ['material:v']
    >>> sorted(untraced_reached(g, ["material:u", "material:v"], ["element:Nd"]))
    ['material:u', 'material:v']
    >>> sorted(untraced_reached(g, ["material:u"], ["material:ga"]))
    []
    """
    covers = set(covers)
    elements: set[str] = set()
    anything = False
    for node in covers:
        if model.kind_of(node) == "Element":
            elements.add(node)
        elif model.kind_of(node) == "Material":
            held = set(graph.neighbours(node, "CONTAINS")) | set(
                graph.neighbours(node, "MAY_CONTAIN"))
            anything = anything or not held
            elements |= held
    out = set()
    for material in untraced_materials:
        bound = composition(graph, material)
        if bound is None or anything or material in covers or bound & elements:
            out.add(material)
    return out


def richer_grades(graph: SupplyGraph) -> dict[str, list[str]]:
    """Grades of a material whose composition it does not state (design note addendum,
    5.6 grades): material G is a *richer grade* of material M when both are at the same
    stage, M is made from something and G is made from everything M is made from
    (MADE_FROM), and G contains every element M contains and more (CONTAINS, M's
    non-empty). M is then a generic grade of that family (NdFeB magnet of no stated grade
    beside the Dy/Tb-doped grade): whether it holds G's extra elements is not stated.
    Maps each such M to its richer grades, sorted; materials without one are left out.

    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([Claim("material:m", "label", "magnet"),
    ...                  Claim("material:h", "label", "Dy-doped magnet"),
    ...                  Claim("material:m", "MADE_FROM", "material:a"),
    ...                  Claim("material:m", "CONTAINS", "element:Nd"),
    ...                  Claim("material:h", "MADE_FROM", "material:a"),
    ...                  Claim("material:h", "MADE_FROM", "material:d"),
    ...                  Claim("material:h", "CONTAINS", "element:Nd"),
    ...                  Claim("material:h", "CONTAINS", "element:Dy")])
    >>> richer_grades(g)
    {'material:m': ['material:h']}
    """
    info = {}
    for m in graph.ids("Material"):
        info[m] = (frozenset(graph.neighbours(m, "CONTAINS")),
                   frozenset(required(graph, m, "MADE_FROM")),
                   tuple(sorted(graph.values(m, "stage"))))
    # a grade is made from everything m is made from: look only among the materials made
    # from one of m's inputs (not every material: a large graph has hundreds of thousands)
    made_of: dict[str, list[str]] = defaultdict(list)
    for g, (_, made_from, _) in sorted(info.items()):
        for f in made_from:
            made_of[f].append(g)
    out: dict[str, list[str]] = {}
    for m, (elements, made_from, stage) in sorted(info.items()):
        if not elements or not made_from:
            continue
        among = min((made_of[f] for f in sorted(made_from)), key=len)
        grades = [g for g in among if g != m and info[g][2] == stage
                  and elements < info[g][0] and made_from <= info[g][1]]
        if grades:
            out[m] = grades
    return out


def producer_weights(graph: SupplyGraph, material: str, producers) -> list[tuple]:
    """(claim, weight) for each producer of a material.

    Known shares are used as they are (a share derived from capacity, section 5.4,
    counts as known), except that a country's aggregate share gives up the shares of
    its own facilities and producing companies (no double counting). Producers without a share
    split their *pool* equally: the share of their country, or of the rest of the world
    (``country:XX``) when their country has none, the pool's unmapped output counting as
    one more producer (section 5.4: they "join the equal split"). Producers with no pool
    split what is left of 1 equally. Weights that add up to more than 1 (shares of a
    rounded world total, 5.5) are scaled to add up to 1; under ``--worst-case`` so are
    shares short of 1 by their own rounding (:func:`rounding_slack`).

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
    weights, claim_of, _ = _split(graph, material, producers)
    return _named_weights(weights, claim_of)


def _named_weights(weights: dict, claim_of: dict) -> list[tuple]:
    """(claim, weight) of :func:`_split`'s weights, sorted by subject, without the
    output no kept claim names (:func:`unnamed_output`): it is a member of its pool only."""
    return sorted(((claim_of[k], w) for k, w in weights.items()
                   if not is_unnamed_output(claim_of[k].subject)),
                  key=lambda cw: cw[0].subject)


#: the id prefix of :func:`unnamed_output` (no kind of the ontology: a leaf no removal
#: reaches, never a candidate of the rankings)
UNNAMED_PREFIX = "unnamed:"


def unnamed_output(material: str) -> str:
    """The id that stands, in a pool of producers without shares, for the output of a
    material that no kept claim names, where ``--min-confidence`` dropped some of the
    material's producing claims (:meth:`SupplyGraph.supply_left_out`: the shares the
    producers would split, or other producers): the rest of the world's output for all
    the kept claims say, held by no country or company one can remove.

    >>> unnamed_output("material:smco-alloy"), model.kind_of(unnamed_output("material:m"))
    ('unnamed:material:smco-alloy', None)
    """
    return UNNAMED_PREFIX + material


def is_unnamed_output(node_id: str) -> bool:
    """Whether ``node_id`` is an :func:`unnamed_output`."""
    return node_id.startswith(UNNAMED_PREFIX)


def producer_pools(graph: SupplyGraph, material: str, producers) -> list[tuple[float, list]]:
    """Under ``--worst-case`` (``graph.worst_case``), the groups of a material's producers
    whose split among themselves no source gives (design note addendum, 5.4 amended, under
    --worst-case only): the producers without a share in one pool (their country's share,
    or the rest of the world's) with that pool's own unmapped output, or those with no
    pool at all; each group's summed weight (as :func:`producer_weights` gives it) and its
    claims, sorted by subject. Only groups of two or more: the analysis then bounds the
    equal split (the whole weight on the worst-off member in the lower bound, on the
    best-off in the upper one) instead of reading it. By default only the groups whose
    split ``--min-confidence`` dropped: section 5.4's equal split is read in both bounds
    (:func:`equal_split_groups` gives the groups), but where the filter left out some of
    the material's producing claims (:meth:`SupplyGraph.supply_left_out`: the shares that
    gave it its country split or world output, or other producers), the producers left
    with no pool hold an unknown part of what the kept shares leave, none to all of it,
    with the output no kept claim names (:func:`unnamed_output`) as one more member:
    dropping claims never makes them the whole world's output (design note 5.6, unknown
    is not safe, over section 2's equal split; ARCHITECTURE.md).

    >>> from mineralgraph.claim import Claim
    >>> def c(s, o, **q): return Claim(s, o, "material:m", tuple(sorted(q.items())))
    >>> g = SupplyGraph([c("country:CN", "PRODUCES", share=0.94),
    ...                  c("country:XX", "PRODUCES", share=0.06),
    ...                  c("company:j", "PRODUCES", amount=29300.0),
    ...                  Claim("company:j", "LOCATED_IN", "country:CN")],
    ...                 worst_case=True)
    >>> [(round(w, 2), [x.subject for x in group]) for w, group in producer_pools(
    ...     g, "material:m", g.relation_claims("material:m", "PRODUCES", incoming=True))]
    [(0.94, ['company:j', 'country:CN'])]
    >>> producer_pools(g.with_worst_case(False), "material:m",
    ...                g.relation_claims("material:m", "PRODUCES", incoming=True))
    []

    China's 94% rated low and dropped under ``--min-confidence medium``, the rest of the
    world's with it: j is no longer the whole world's output but an unknown part of it.

    >>> rated = [Claim(x.subject, x.predicate, x.object, x.qualifiers, ("source:s",),
    ...                confidence="low" if x.subject.startswith("country:") else "high")
    ...          for x in g.claims]
    >>> h = SupplyGraph(rated, min_confidence="medium")
    >>> [(round(w, 2), [x.subject for x in group]) for w, group in producer_pools(
    ...     h, "material:m", h.relation_claims("material:m", "PRODUCES", incoming=True))]
    [(1.0, ['company:j', 'unnamed:material:m'])]
    """
    return _pools_of(*_split(graph, material, producers), bounded=graph.worst_case)


def equal_split_groups(graph: SupplyGraph, material: str,
                       producers) -> list[tuple[float, list]]:
    """The groups of a material's producers that split a pool equally with no share of
    their own (section 5.4), each with its summed weight and its claims, whatever the
    reading: what :func:`producer_pools` gives under ``--worst-case``. A producer in one
    holds an assumed (≈) share (sections 5.4 and 5.7).

    >>> from mineralgraph.claim import Claim
    >>> def c(s, o, **q): return Claim(s, o, "material:m", tuple(sorted(q.items())))
    >>> g = SupplyGraph([c("country:CN", "PRODUCES", share=0.94),
    ...                  c("country:XX", "PRODUCES", share=0.06),
    ...                  c("company:j", "PRODUCES"),
    ...                  Claim("company:j", "LOCATED_IN", "country:CN")])
    >>> claims = g.relation_claims("material:m", "PRODUCES", incoming=True)
    >>> [(round(w, 2), [x.subject for x in group])
    ...  for w, group in equal_split_groups(g, "material:m", claims)]
    [(0.94, ['company:j', 'country:CN'])]
    >>> producer_pools(g, "material:m", claims)
    []
    """
    return _pools_of(*_split(graph, material, producers))


def _pools_of(weights: dict, claim_of: dict, groups: list,
              bounded: bool = True) -> list[tuple[float, list]]:
    """:func:`producer_pools` from :func:`_split`'s weights, claims and groups: every
    group of two or more, or with ``bounded`` False only those holding an
    :func:`unnamed_output` (a split ``--min-confidence`` dropped)."""
    out = []
    for members in groups:
        if len(members) > 1:
            group = sorted((claim_of[k] for k in members), key=lambda c: c.subject)
            if bounded or any(is_unnamed_output(c.subject) for c in group):
                out.append((sum(weights[k] for k in members), group))
    return sorted(out, key=lambda wg: wg[1][0].subject)


def share_ranges(graph: SupplyGraph, material: str, producers) -> list[tuple]:
    """(claim, low, high) for each producer of a material: what its share of world output
    may be as the analysis reads it. A sourced (or derived, 5.4) share is itself at both
    ends, and by default so is the equal part of a producer with no share of its own
    (section 5.4; an assumed share, ≈). Under ``--worst-case`` a producer splitting a pool
    with no share of its own (:func:`producer_pools`) may hold none of the pool or all of
    it (the pool's own unmapped output likewise).

    >>> from mineralgraph.claim import Claim
    >>> def c(s, o, **q): return Claim(s, o, "material:m", tuple(sorted(q.items())))
    >>> g = SupplyGraph([c("country:CN", "PRODUCES", share=0.94),
    ...                  c("country:XX", "PRODUCES", share=0.06),
    ...                  c("company:j", "PRODUCES"),
    ...                  Claim("company:j", "LOCATED_IN", "country:CN")])
    >>> claims = g.relation_claims("material:m", "PRODUCES", incoming=True)
    >>> [(x.subject, round(lo, 2), round(hi, 2)) for x, lo, hi in share_ranges(
    ...     g, "material:m", claims)]
    [('company:j', 0.47, 0.47), ('country:CN', 0.47, 0.47), ('country:XX', 0.06, 0.06)]
    >>> [(x.subject, round(lo, 2), round(hi, 2)) for x, lo, hi in share_ranges(
    ...     g.with_worst_case(), "material:m", claims)]
    [('company:j', 0.0, 0.94), ('country:CN', 0.0, 0.94), ('country:XX', 0.06, 0.06)]
    """
    pooled = {c.subject: w for w, group in producer_pools(graph, material, producers)
              for c in group}
    return [(c, 0.0, pooled[c.subject]) if c.subject in pooled else (c, w, w)
            for c, w in producer_weights(graph, material, producers)]


def _split(graph: SupplyGraph, material: str, producers, counts=None):
    """:func:`producer_weights` by claim identity, with the groups of producers that split
    a pool equally (lists of claim identities): the weights, the claims, the groups.
    ``counts`` is :func:`figures_count` of a claim in this graph (a kept one)."""
    # keyed by the claims' identities (distinct claims of one graph are distinct
    # objects): hashing a claim hashes all its fields, some ten a producer
    claim_of: dict[int, Claim] = {}
    weights: dict[int, float] = {}
    aggregate: dict[str, Claim] = {}
    for claim in producers:
        share = producer_share(graph, claim, counts)
        if share is not None:
            weights[id(claim)] = share
            claim_of[id(claim)] = claim
            if model.kind_of(claim.subject) == "Country":
                aggregate[claim.subject] = claim
    for claim in producers:
        if id(claim) in weights and model.kind_of(claim.subject) in ("Facility", "Company"):
            for country in graph.neighbours(claim.subject, "LOCATED_IN"):
                if country in aggregate:
                    pool = id(aggregate[country])
                    left = weights[pool] - weights[id(claim)]
                    # what the facilities leave of the country's share; a remainder
                    # of 1e-16 is the subtraction's rounding, not output (China's
                    # 0.0 of a feed its one plant holds all of)
                    weights[pool] = left if left > 1e-12 else 0.0
    pools: dict[int, list] = defaultdict(list)
    loose = []
    for claim in producers:
        if id(claim) in weights:
            continue
        claim_of[id(claim)] = claim
        pool = _pool_of(graph, claim.subject, aggregate)
        (pools[id(pool)] if pool is not None else loose).append(id(claim))
    groups = []
    for pool, members in pools.items():
        part = weights[pool] / (len(members) + 1)
        weights[pool] = part
        weights.update({member: part for member in members})
        groups.append([pool] + members)
    if loose:
        rest = 1.0 - sum(weights.values()) if weights else 1.0
        rest = rest if rest > 1e-12 else 0.0  # 1e-16 is the sum's rounding, not output
        if material in graph.supply_left_out():
            # --min-confidence dropped the split they would divide, or other producers:
            # they hold an unknown part of the rest, the output no kept claim names the
            # other (producer_pools bounds the group; the equal parts only order rows)
            unnamed = Claim(unnamed_output(material), "PRODUCES", material)
            claim_of[id(unnamed)] = unnamed
            loose.append(id(unnamed))
        weights.update({claim: rest / len(loose) for claim in loose})
        groups.append(list(loose))
    total = sum(weights.values())
    wide = graph.worst_case
    if total > 1.0 or (wide and not loose
                       and 1.0 - rounding_slack(producers) <= total < 1.0 - 1e-9):
        # Shares a little above 100% come from a rounded world total (USGS rounds it,
        # not the countries): each is a share of the larger, true total (section 5.5).
        # Under --worst-case only (addendum, 5.5 rounding), shares a little below it by
        # no more than their own rounding (0.9999 from four-decimal shares) are all of
        # the output too; by default a set short of 1 leaves the gap unmapped, as 5.5
        # reads only a set above 1 as shares of its sum.
        weights = {claim: weight / total for claim, weight in weights.items()}
    return weights, claim_of, groups


def rounding_slack(claims) -> float:
    """How far below 1 the stated shares of ``claims`` may add up from rounding alone: half
    a unit in the last decimal place of each share, at most 0.00005 (the fourth decimal of
    the data README's derived shares: a share given as a whole percent is no licence to
    read a 1% gap as rounding).

    >>> from mineralgraph.claim import Claim
    >>> def c(share): return Claim("country:AA", "PRODUCES", "material:m", (("share", share),))
    >>> round(rounding_slack([c(0.8692), c(0.1307), c(0.57)]), 8)
    0.00015
    >>> round(rounding_slack([c(0.577145)]), 8)
    5e-07
    """
    slack = 0.0
    for claim in claims:
        share = claim.qualifier("share")
        if share is None:
            continue
        text = repr(float(share))
        places = len(text.split(".")[1]) if "." in text and "e" not in text else 0
        slack += min(0.00005, 0.5 * 10.0 ** -places)
    return slack


def _pool_of(graph: SupplyGraph, producer: str, aggregate: dict[str, Claim]) -> Claim | None:
    """The aggregate share a share-less producer belongs to: its country's, else the rest
    of the world's, else None."""
    if model.kind_of(producer) == "Country":
        return None
    for country in graph.neighbours(producer, "LOCATED_IN"):
        if country in aggregate:
            return aggregate[country]
    return aggregate.get("country:XX")


def _unit(text) -> str:
    """The quantity unit of a unit text: ``t`` for ``t/yr``, ``t REO`` or ``t NdPr``."""
    return str(text or "").replace("/", " ").split(" ")[0].strip().lower()


def world_output(graph: SupplyGraph, material: str) -> tuple[float, str, int | None] | None:
    """World output of a material (amount, unit, year) from the country share set the
    analysis reads: a country's amount over its share (the largest share, for the least
    rounding). None when no country in the set gives both."""
    choice = graph.share_choices().get(material)
    if choice is None or choice.chosen is None:
        return None
    given = [c for c in choice.chosen.claims.values()
             if c.qualifier("amount") and c.qualifier("share")]
    if not given:
        return None
    best = max(given, key=lambda c: (c.qualifier("share"), c.subject))
    return (best.qualifier("amount") / best.qualifier("share"), _unit(best.qualifier("unit")),
            choice.chosen.year)


def capacity_share(graph: SupplyGraph, claim: Claim) -> float | None:
    """Share = capacity / world output of that material and year (section 5.4), for a
    producer with a capacity and no share; None when the world output of that year (or
    a comparable unit) is not known. A capacity without a year is read in the year of
    the world output.

    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([
    ...     Claim("country:AA", "PRODUCES", "material:m", (("amount", 800.0), ("share", 0.8),
    ...           ("unit", "t"), ("year", 2024)), ("source:s",)),
    ...     Claim("facility:f", "PRODUCES", "material:m", (("capacity", 50.0),
    ...           ("unit", "t/yr")), ("source:s",))])
    >>> capacity_share(g, g.relation_claims("facility:f", "PRODUCES")[0])
    0.05
    """
    return _of_world(graph, claim, claim.qualifier("capacity"))


def output_share(graph: SupplyGraph, claim: Claim) -> float | None:
    """Share = output (``amount``) / world output of that material and year, for a
    producer with an output and no share (JL Mag's 29,300 t of magnets in 2024, once the
    world's output of 2024 is sourced): a share of the world's output computed from two
    sourced figures, not an assumption. None when the world output of that year (or a
    comparable unit) is not known.

    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([
    ...     Claim("country:AA", "PRODUCES", "material:m", (("amount", 800.0), ("share", 0.8),
    ...           ("unit", "t"), ("year", 2024)), ("source:s",)),
    ...     Claim("company:c", "PRODUCES", "material:m", (("amount", 30.0), ("unit", "t"),
    ...           ("year", 2024)), ("source:s",))])
    >>> output_share(g, g.relation_claims("company:c", "PRODUCES")[0])
    0.03
    """
    if claim.qualifier("year") is None:  # an output of no stated year is of no year
        return None
    return _of_world(graph, claim, claim.qualifier("amount"))


def _of_world(graph: SupplyGraph, claim: Claim, quantity) -> float | None:
    """``quantity`` (a producer's capacity or output) over the world output of its
    material and year (section 5.4), or None."""
    if not quantity or model.kind_of(claim.subject) == "Country":
        return None
    world = world_output(graph, str(claim.object))
    if world is None or world[0] <= 0:
        return None
    amount, unit, year = world
    if claim.qualifier("year") not in (None, year):
        return None
    if _unit(claim.qualifier("unit")) and unit and _unit(claim.qualifier("unit")) != unit:
        return None
    return min(1.0, quantity / amount)


def figures_count(graph: SupplyGraph, claim: Claim) -> bool:
    """Whether the analysis reads the figures of a producer's claim (its share, output
    and capacity): not when every source of it is press, a repost or a news article
    (design note 5.5: shown beside, not used unless the user asks, ``--press-figures``).
    The claim itself still says that the producer produces.

    >>> g = SupplyGraph([Claim("source:n", "source_type", "press", sources=("source:n",))])
    >>> claim = Claim("facility:f", "PRODUCES", "material:m", (("share", 0.4),), ("source:n",))
    >>> figures_count(g, claim), figures_count(g.with_press_figures(), claim)
    (False, True)
    """
    return graph.press_figures or not is_press(claim, graph.source_type)


def stated_share(graph: SupplyGraph, claim: Claim) -> float | None:
    """A producer claim's own ``share`` as the analysis reads it: None where its sources
    are press alone (:func:`figures_count`)."""
    share = claim.qualifier("share")
    return share if share is None or figures_count(graph, claim) else None


def producer_share(graph: SupplyGraph, claim: Claim, counts=None) -> float | None:
    """A producer's share of world output: stated, or derived from its output of the
    year of the world output, or from its capacity (≈); none from a claim of press
    sources alone (:func:`figures_count`; ``counts``: the same, kept per graph)."""
    if not (counts(claim) if counts is not None else figures_count(graph, claim)):
        return None
    share = claim.qualifier("share")
    if share is not None:
        return share
    found = output_share(graph, claim)
    return found if found is not None else capacity_share(graph, claim)
