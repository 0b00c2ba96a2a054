"""The flow view: the supply graph with every edge pointing the way material flows.

Relations are stored as the ontology states them (a product REQUIRES a material, a
facility is LOCATED_IN a country). For supply questions every edge is turned to run
from supplier to consumer, so "upstream of P" is "ancestors of P" and a supply path
from an element to a product is a directed path. This is the one structural
definition the embedded engine, SPARQL and Cypher must all agree on:

============  ==========================  ===================
relation      stored as                   flows
============  ==========================  ===================
CONTAINS      material -> element         element -> material
MADE_FROM     output -> input             input -> output
REQUIRES      product -> material         material -> product
PRODUCES      producer -> material        producer -> material
LOCATED_IN    facility -> country         country -> facility
OPERATED_BY   facility -> company         company -> facility
SUPPLIES      supplier -> buyer           supplier -> buyer
============  ==========================  ===================

A company's own LOCATED_IN (its headquarters) is not a supply step, unless the company
produces without a facility (it PRODUCES a material itself): then its output sits in
that country (design note, section 5.1). Export controls, makers and licence decisions
are not supply steps.

>>> from mineralgraph import load_bundled
>>> flow = flow_graph(load_bundled())
>>> "element:Sm" in upstream(flow, "product:f-35")
True
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

import networkx as nx
import numpy as np

from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.memory import gc_paused
from mineralgraph.ontology import model

#: How each relation reads in the flow direction (supplier first), for reports.
FLOW_VERBS = {"CONTAINS": "is in", "MADE_FROM": "goes into", "REQUIRES": "is required by",
              "PRODUCES": "produces", "LOCATED_IN": "hosts", "OPERATED_BY": "operates",
              "SUPPLIES": "supplies"}

#: The kinds a supply path runs through on its way to a product.
SUPPLY_NODE_KINDS = ("Element", "Material", "Country", "Company", "Facility")

#: Relation name -> True when the stored direction is against the flow.
FLOW_RELATIONS = {"CONTAINS": True, "MADE_FROM": True, "REQUIRES": True, "PRODUCES": False,
                  "LOCATED_IN": True, "OPERATED_BY": True, "SUPPLIES": False}
#: The flow relations in the order of their bits in :meth:`FlowIndex.relations`.
RELATION_BITS = tuple(sorted(FLOW_RELATIONS))
#: The relations of each mask of those bits (what :meth:`FlowIndex.relations` gives).
_RELATION_SETS = tuple(frozenset(name for i, name in enumerate(RELATION_BITS) if mask >> i & 1)
                       for mask in range(1 << len(RELATION_BITS)))
#: A search from a node with more consumers than this counts its first level rather than
#: writing it (:func:`~mineralgraph.graph.analysis.kernels.meet`): the same paths, at a
#: cost that no longer grows with a large country's facilities on each path asked of it.
LAZY_DEGREE = 256
#: No edge to pass over (what :meth:`FlowIndex._meet` hands the search without any).
_NO_EDGES = np.zeros(0, np.int64)


def flow_edges(graph: SupplyGraph):
    """(supplier, consumer, relation) for every supply relation claim, once each, sorted."""
    seen = set()
    producing = {c.subject for c in graph.edge_claims("PRODUCES")
                 if model.kind_of(c.subject) == "Company"}
    for claim in graph.edge_claims():
        reverse = FLOW_RELATIONS.get(claim.predicate)
        if reverse is None:
            continue
        if (claim.predicate == "LOCATED_IN" and model.kind_of(claim.subject) != "Facility"
                and claim.subject not in producing):
            continue
        edge = ((claim.object, claim.subject) if reverse else (claim.subject, claim.object))
        seen.add((*edge, claim.predicate))
    return sorted(seen)


def flow_graph(graph: SupplyGraph) -> nx.DiGraph:
    """A DiGraph of supplier -> consumer edges; each edge keeps the set of its relations."""
    flow = nx.DiGraph()
    flow.add_nodes_from(graph.ids())
    for u, v, relation in flow_edges(graph):
        if flow.has_edge(u, v):
            flow[u][v]["relations"].add(relation)
        else:
            flow.add_edge(u, v, relations={relation})
    return flow


class FlowIndex:
    """The flow view as integer arrays, for reachability at scale: every node id once
    (sorted, ``ids[i]``; ``number[id]``), and the suppliers of each node in CSR form
    (those of node ``i`` are ``suppliers[ptr[i]:ptr[i + 1]]``). No networkx graph is
    built.

    >>> from mineralgraph import load_bundled
    >>> index = FlowIndex(load_bundled())
    >>> index.upstream("product:f-35") == upstream(flow_graph(load_bundled()), "product:f-35")
    True
    """

    @gc_paused()
    def __init__(self, graph: SupplyGraph):
        self._graph = graph
        upstream, downstream, _ = self._columns(graph, relations=False)
        ids = set(graph.ids())
        ids.update(upstream)
        ids.update(downstream)
        self.ids: list[str] = sorted(ids)
        self.number: dict[str, int] = {n: i for i, n in enumerate(self.ids)}
        number = self.number.__getitem__
        size = len(self.ids)
        # each (consumer, supplier) pair once, sorted, as one integer
        pairs = np.unique(np.fromiter(map(number, downstream), np.int64, len(downstream))
                          * size
                          + np.fromiter(map(number, upstream), np.int64, len(upstream)))
        self.suppliers = pairs % size
        self.ptr = np.zeros(size + 1, np.int64)
        np.cumsum(np.bincount(pairs // size, minlength=size), out=self.ptr[1:])
        #: built on first use (the paths of the evidence and ``dependents`` need them)
        self._consumers: tuple[np.ndarray, np.ndarray] | None = None
        self._relations: np.ndarray | None = None
        #: the scratch arrays of :meth:`upstream_numbers` (made on first use) and its stamp
        self._reach_scratch: tuple | None = None
        self._stamp = 0
        #: the scratch arrays of :meth:`_meet` (made on first use; stamped as above)
        self._meet_scratch: tuple | None = None

    @staticmethod
    def _columns(graph: SupplyGraph, relations: bool = True
                 ) -> tuple[list[str], list[str], list[str]]:
        """The edges of :func:`flow_edges` as three columns (supplier, consumer,
        relation; the last empty unless ``relations``), one row per claim, in the order
        of the claims: no tuple per edge, no sort."""
        flows = [c for c in graph.claims if c.predicate in FLOW_RELATIONS]
        producing = {c.subject for c in flows if c.predicate == "PRODUCES"
                     and model.kind_of(c.subject) == "Company"}
        upstream: list[str] = []
        downstream: list[str] = []
        names: list[str] = []
        for claim in flows:
            reverse = FLOW_RELATIONS[claim.predicate]
            if (claim.predicate == "LOCATED_IN" and model.kind_of(claim.subject) != "Facility"
                    and claim.subject not in producing):
                continue
            upstream.append(claim.object if reverse else claim.subject)
            downstream.append(claim.subject if reverse else claim.object)
            if relations:
                names.append(claim.predicate)
        return upstream, downstream, names

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.number

    def _consumer_csr(self) -> tuple[np.ndarray, np.ndarray]:
        """The consumers of each node in CSR form (``ptr``, ``consumers``), ascending."""
        if self._consumers is None:
            size = len(self.ids)
            consumer = np.repeat(np.arange(size, dtype=np.int64), np.diff(self.ptr))
            pairs = np.sort(self.suppliers * size + consumer)
            ptr = np.zeros(size + 1, np.int64)
            np.cumsum(np.bincount(pairs // size, minlength=size), out=ptr[1:])
            self._consumers = (ptr, pairs % size)
        return self._consumers

    def suppliers_of(self, node: int) -> list[int]:
        """The numbers of a node's suppliers, ascending (the order of networkx's ``pred``
        on :func:`flow_graph`, whose edges are added sorted)."""
        return self.suppliers[self.ptr[node]:self.ptr[node + 1]].tolist()

    def consumers_of(self, node: int) -> list[int]:
        """The numbers of a node's consumers, ascending (the order of networkx's
        ``succ`` on :func:`flow_graph`)."""
        ptr, consumers = self._consumer_csr()
        return consumers[ptr[node]:ptr[node + 1]].tolist()

    def relations(self, supplier: str, consumer: str) -> set[str]:
        """The relations of the flow edge ``supplier -> consumer`` (empty when there is
        none): ``flow_graph(graph)[supplier][consumer]["relations"]``."""
        if self._relations is None:
            size = len(self.ids)
            upstream, downstream, relations = self._columns(self._graph)
            number = self.number.__getitem__
            keys = (np.fromiter(map(number, downstream), np.int64, len(downstream)) * size
                    + np.fromiter(map(number, upstream), np.int64, len(upstream)))
            bits = {name: 1 << i for i, name in enumerate(RELATION_BITS)}
            codes = np.fromiter((bits[r] for r in relations), np.uint8, len(relations))
            of = np.repeat(np.arange(size, dtype=np.int64), np.diff(self.ptr))
            masks = np.zeros(len(self.suppliers), np.uint8)
            np.bitwise_or.at(masks, np.searchsorted(of * size + self.suppliers, keys), codes)
            self._relations = masks
        u, v = self.number.get(supplier), self.number.get(consumer)
        if u is None or v is None:
            return set()
        start, end = int(self.ptr[v]), int(self.ptr[v + 1])
        # the array's own method: numpy's module function costs a dispatch a call, and
        # dependents asks this for every step of tens of thousands of paths
        at = start + int(self.suppliers[start:end].searchsorted(u))
        if at == end or self.suppliers[at] != u:
            return set()
        return set(_RELATION_SETS[int(self._relations[at])])

    def downstream(self, node_id: str) -> set[str]:
        """The same set as :func:`downstream` on the networkx flow view (without the node
        itself, even on a loop)."""
        return self.downstream_of([node_id]) - {node_id}

    def downstream_of(self, node_ids) -> set[str]:
        """The nodes downstream of any of ``node_ids`` (reached along at least one flow
        edge: one of them only when it is on a loop or downstream of another)."""
        from mineralgraph.graph.analysis.kernels import reach

        sources = np.fromiter((self.number[n] for n in node_ids if n in self.number),
                              np.int64)
        if not len(sources):
            return set()
        ptr, consumers = self._consumer_csr()
        return {self.ids[i] for i in np.flatnonzero(reach(ptr, consumers, sources))}

    def _meet(self, source: int, target: int, ignore_nodes=(), ignore_edges=()) -> list[int]:
        """The path networkx's bidirectional breadth-first search
        (``_bidirectional_pred_succ``) finds from ``source`` to ``target``, as numbers:
        the search runs compiled on the arrays, step for step, so that among paths of one
        length it finds the one networkx finds (a supplier's paths to every product it
        feeds are thousands of searches). NetworkXNoPath when there is none."""
        from mineralgraph.graph.analysis.kernels import meet

        if target == source:
            return [source]
        size = len(self.ids)
        (ignore_stamp, pred, succ, pred_stamp, fa, fb, fc, fd,
         succ_stamp) = self._meet_arrays()
        self._stamp += 1
        stamp = self._stamp
        ignored = (np.fromiter(ignore_nodes, np.int64, len(ignore_nodes)) if ignore_nodes
                   else _NO_EDGES)
        ignore_stamp[ignored] = stamp
        edges = (np.sort(np.fromiter((u * size + v for u, v in ignore_edges), np.int64,
                                     len(ignore_edges))) if ignore_edges else _NO_EDGES)
        sptr, suppliers = self.ptr, self.suppliers
        cptr, consumers = self._consumer_csr()
        w = int(meet(source, target, sptr, suppliers, cptr, consumers, ignore_stamp, stamp,
                     ignored, edges, pred, pred_stamp, succ, succ_stamp, fa, fb, fc, fd,
                     LAZY_DEGREE))
        if w < 0:
            raise nx.NetworkXNoPath(
                f"No path between {self.ids[source]} and {self.ids[target]}.")
        path = []
        node = w
        while node >= 0:
            path.append(node)
            node = int(pred[node])
        path.reverse()
        node = int(succ[w])
        while node >= 0:
            path.append(node)
            node = int(succ[node])
        return path

    def _meet_arrays(self) -> tuple:
        """The scratch arrays of the compiled search (made on first use): the ignored
        nodes' stamps, pred, succ and their stamps, four fringes."""
        if self._meet_scratch is None:
            size = len(self.ids)
            self._meet_scratch = (np.zeros(size, np.int64),
                                  *(np.empty(size, np.int64) for _ in range(2)),
                                  np.zeros(size, np.int64),
                                  *(np.empty(size, np.int64) for _ in range(4)),
                                  np.zeros(size, np.int64))
        return self._meet_scratch

    def shortest_paths_to(self, sources: list[str], target: str) -> list[list[str] | None]:
        """:meth:`shortest_path` from each of ``sources`` to ``target`` (None where there
        is no path), the searches run one after the other in one compiled call (the paths
        of every material a supplier makes to one product)."""
        from mineralgraph.graph.analysis.kernels import meet_many

        self._numbers(target, target)
        for source in sources:
            self._numbers(source, target)
        ignore_stamp, pred, succ, pred_stamp, fa, fb, fc, fd, succ_stamp = self._meet_arrays()
        cptr, consumers = self._consumer_csr()
        numbers = np.fromiter((self.number[s] for s in sources), np.int64, len(sources))
        end = self.number[target]
        out: list[list[str] | None] = []
        ids = self.ids
        while len(out) < len(numbers):
            todo = numbers[len(out):]
            ptr = np.zeros(len(todo) + 1, np.int64)
            nodes = np.empty(max(64, 16 * len(todo)), np.int64)
            done, self._stamp = meet_many(todo, end, self.ptr, self.suppliers, cptr,
                                          consumers, ignore_stamp, self._stamp, pred,
                                          pred_stamp, succ, succ_stamp, fa, fb, fc, fd,
                                          ptr, nodes, LAZY_DEGREE)
            bounds = ptr.tolist()
            found = nodes[:bounds[done]].tolist()
            out += [[ids[i] for i in found[bounds[k]:bounds[k + 1]]]
                    if bounds[k + 1] > bounds[k] else None for k in range(done)]
            if done < len(todo):  # the buffer was full: this one alone
                try:
                    out.append(self.shortest_path(sources[len(out)], target))
                except nx.NetworkXNoPath:
                    out.append(None)
        return out

    def _numbers(self, source: str, target: str) -> tuple[int, int]:
        if source not in self.number:
            raise nx.NodeNotFound(f"Source {source} is not in G")
        if target not in self.number:
            raise nx.NodeNotFound(f"Target {target} is not in G")
        return self.number[source], self.number[target]

    def shortest_path(self, source: str, target: str) -> list[str]:
        """``nx.shortest_path(flow_graph(graph), source, target)``, the same path."""
        return [self.ids[i] for i in self._meet(*self._numbers(source, target))]

    def _spur(self, source: int, target: int, ignore_nodes, ignore_edges) -> list[int]:
        return self._meet(source, target, ignore_nodes, ignore_edges)

    def shortest_simple_paths(self, source: str, target: str) -> Iterator[list[str]]:
        """``nx.shortest_simple_paths(flow_graph(graph), source, target)``: simple paths,
        shortest first (Yen's algorithm as networkx runs it, so paths of one length come
        in the same order)."""
        start, end = self._numbers(source, target)
        found: list[list[int]] = []
        buffer: list[tuple[int, int, list[int]]] = []
        buffered: set[tuple[int, ...]] = set()
        counter = 0
        previous = None
        while True:
            if not previous:
                path = self._spur(start, end, (), ())
                candidates = [(len(path), path)]
            else:
                candidates = []
                ignore_nodes: set[int] = set()
                ignore_edges: set[tuple[int, int]] = set()
                for i in range(1, len(previous)):
                    root = previous[:i]
                    for path in found:
                        if path[:i] == root:
                            ignore_edges.add((path[i - 1], path[i]))
                    try:
                        spur = self._spur(root[-1], end, ignore_nodes, ignore_edges)
                        candidates.append((len(root) + len(spur), root[:-1] + spur))
                    except nx.NetworkXNoPath:
                        pass
                    ignore_nodes.add(root[-1])
            for length, path in candidates:
                key = tuple(path)
                if key not in buffered:
                    heapq.heappush(buffer, (length, counter, path))
                    counter += 1
                    buffered.add(key)
            if not buffer:
                return
            _, _, path = heapq.heappop(buffer)
            buffered.discard(tuple(path))
            yield [self.ids[i] for i in path]
            found.append(path)
            previous = path

    def mask(self, node_ids) -> np.ndarray:
        """Boolean array over ``ids``: the nodes upstream of any of ``node_ids`` (reached
        along at least one flow edge)."""
        from mineralgraph.graph.analysis.kernels import reach

        sources = np.fromiter((self.number[n] for n in node_ids if n in self.number),
                              np.int64)
        return reach(self.ptr, self.suppliers, sources)

    def upstream_numbers(self, node_ids) -> np.ndarray:
        """The numbers (into ``ids``, ascending) of the nodes :meth:`mask` marks, at a cost
        that grows with them, not with the graph: a report asks one product's upstream,
        and at a million nodes a mask of every node per product is most of the work."""
        from mineralgraph.graph.analysis.kernels import reach_into

        size = len(self.ids)
        if self._reach_scratch is None:
            self._reach_scratch = (np.zeros(size, np.int64), np.zeros(size, np.int64),
                                   np.empty(size + 1, np.int64), np.empty(size, np.int64))
        found, expanded, queue, out = self._reach_scratch
        self._stamp += 1
        sources = np.fromiter((self.number[n] for n in node_ids if n in self.number),
                              np.int64)
        count = reach_into(self.ptr, self.suppliers, sources, found, expanded, self._stamp,
                           queue, out)
        return np.sort(out[:count])

    def upstream(self, node_id: str) -> set[str]:
        """The same set as :func:`upstream` on the networkx flow view (without the node
        itself, even on a loop)."""
        return {self.ids[i] for i in np.flatnonzero(self.mask([node_id]))} - {node_id}


def on_supply_paths(graph: SupplyGraph, products) -> set[str]:
    """The nodes on the supply paths of ``products``: the products and every node
    upstream of them (what their analysis reads).

    >>> from mineralgraph import load_bundled
    >>> nodes = on_supply_paths(load_bundled(), ["product:f-35"])
    >>> "product:f-35" in nodes, "element:Dy" in nodes, "company:apple" in nodes
    (True, True, False)
    """
    products = sorted(set(products))
    index = FlowIndex(graph)
    return set(products) | {index.ids[i] for i in np.flatnonzero(index.mask(products))}


def upstream(flow: nx.DiGraph, node_id: str) -> set[str]:
    """Every node a supply path leads from into ``node_id`` (its ancestors in the flow)."""
    return nx.ancestors(flow, node_id) if node_id in flow else set()


def downstream(flow: nx.DiGraph, node_id: str) -> set[str]:
    """Every node a supply path from ``node_id`` reaches (its descendants in the flow)."""
    return nx.descendants(flow, node_id) if node_id in flow else set()


def dependent_products(graph: SupplyGraph, node_id: str,
                       flow: nx.DiGraph | FlowIndex | None = None) -> list[str]:
    """Products with a supply path from ``node_id`` (an element, country, company...), sorted.
    ``flow`` is the flow view of the graph, as networkx or as a :class:`FlowIndex`.

    >>> from mineralgraph import load_bundled
    >>> "product:f-35" in dependent_products(load_bundled(), "element:Sm")
    True
    """
    flow = flow if flow is not None else FlowIndex(graph)
    found = flow.downstream(node_id) if isinstance(flow, FlowIndex) else downstream(flow, node_id)
    return sorted(n for n in found if model.kind_of(n) == "Product")


def supply_paths(flow: nx.DiGraph | FlowIndex, source: str, target: str,
                 max_paths: int = 100, max_length: int = 12) -> list[list[str]]:
    """Simple flow paths from ``source`` to ``target``, shortest first, at most ``max_paths``
    (``flow``: the flow view, as networkx or as a :class:`FlowIndex`)."""
    if source not in flow or target not in flow:
        return []
    if source == target:
        return [[source]]
    found: list[list[str]] = []
    paths = (flow.shortest_simple_paths(source, target) if isinstance(flow, FlowIndex)
             else nx.shortest_simple_paths(flow, source, target))
    try:
        # Yen's algorithm yields paths shortest first, so the first max_paths are the
        # shortest ones however many longer paths there are
        for path in paths:
            if len(path) - 1 > max_length or len(found) >= max_paths:
                break
            found.append(path)
    except nx.NetworkXNoPath:
        return []
    return sorted(found, key=lambda p: (len(p), p))
