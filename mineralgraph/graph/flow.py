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
        # the edges of flow_edges, as two columns (no tuple per edge, no sort of them)
        flows = [c for c in graph.claims if c.predicate in FLOW_RELATIONS]
        producing = {c.subject for c in flows if c.predicate == "PRODUCES"
                     and model.kind_of(c.subject) == "Company"}
        upstream: list[str] = []
        downstream: list[str] = []
        for claim in flows:
            reverse = FLOW_RELATIONS[claim.predicate]
            if (claim.predicate == "LOCATED_IN" and model.kind_of(claim.subject) != "Facility"
                    and claim.subject not in producing):
                continue
            upstream.append(claim.object if reverse else claim.subject)
            downstream.append(claim.subject if reverse else claim.object)
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

    def mask(self, node_ids) -> np.ndarray:
        """Boolean array over ``ids``: the nodes upstream of any of ``node_ids`` (reached
        along at least one flow edge)."""
        from mineralgraph.graph.analysis.kernels import reach

        sources = np.fromiter((self.number[n] for n in node_ids if n in self.number),
                              np.int64)
        return reach(self.ptr, self.suppliers, sources)

    def upstream(self, node_id: str) -> set[str]:
        """The same set as :func:`upstream` on the networkx flow view."""
        return {self.ids[i] for i in np.flatnonzero(self.mask([node_id]))}


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
                       flow: nx.DiGraph | None = None) -> list[str]:
    """Products with a supply path from ``node_id`` (an element, country, company...), sorted.

    >>> from mineralgraph import load_bundled
    >>> "product:f-35" in dependent_products(load_bundled(), "element:Sm")
    True
    """
    flow = flow if flow is not None else flow_graph(graph)
    return sorted(n for n in downstream(flow, node_id) if model.kind_of(n) == "Product")


def supply_paths(flow: nx.DiGraph, source: str, target: str, max_paths: int = 100,
                 max_length: int = 12) -> list[list[str]]:
    """Simple flow paths from ``source`` to ``target``, shortest first, at most ``max_paths``."""
    if source not in flow or target not in flow:
        return []
    if source == target:
        return [[source]]
    found: list[list[str]] = []
    try:
        # Yen's algorithm yields paths shortest first, so the first max_paths are the
        # shortest ones however many longer paths there are
        for path in nx.shortest_simple_paths(flow, source, target):
            if len(path) - 1 > max_length or len(found) >= max_paths:
                break
            found.append(path)
    except nx.NetworkXNoPath:
        return []
    return sorted(found, key=lambda p: (len(p), p))
