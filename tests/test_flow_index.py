"""The flow index answers the path questions of the evidence and ``dependents`` as the
networkx flow view does: the same downstream sets, the same relations on each edge, and
the same paths in the same order (ties between paths of one length included), without
building the networkx graph (issue 18: at a million nodes it took some 2 GiB)."""

from __future__ import annotations

import importlib.util
import random
import sys
from itertools import islice
from pathlib import Path

import networkx as nx
import pytest

from mineralgraph import load_bundled
from mineralgraph.claim import Claim
from mineralgraph.graph.flow import FlowIndex, dependent_products, flow_graph, supply_paths
from mineralgraph.graph.supply_graph import SupplyGraph

_SYNTHETIC = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


def _synthetic(nodes: int, cycles: bool) -> SupplyGraph:
    spec = importlib.util.spec_from_file_location("bench_synthetic_flow", _SYNTHETIC)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return SupplyGraph(module.generate(nodes, seed=1, cycles=cycles))


@pytest.fixture(scope="module", params=["bundled", "synthetic-cycles"])
def views(request):
    graph = load_bundled() if request.param == "bundled" else _synthetic(2000, True)
    return graph, flow_graph(graph), FlowIndex(graph)


def test_relations_and_downstream_as_networkx(views):
    _, flow, index = views
    assert set(index.ids) == set(flow.nodes)
    for u, v, data in flow.edges(data=True):
        assert index.relations(u, v) == data["relations"]
    assert index.relations("product:none", "product:other") == set()
    for node in sorted(flow.nodes)[::7]:
        assert index.downstream(node) == nx.descendants(flow, node)
        assert index.upstream(node) == nx.ancestors(flow, node)


def test_a_node_on_a_loop_is_not_its_own_ancestor():
    """Scrap made back into alloy: the alloy is upstream of the scrap and the scrap of the
    alloy, but neither of itself (the index once counted it, networkx never did)."""
    graph = SupplyGraph([Claim("material:alloy", "MADE_FROM", "material:scrap", (), ("source:s",)),
                         Claim("material:scrap", "MADE_FROM", "material:alloy", (), ("source:s",))])
    index = FlowIndex(graph)
    assert index.upstream("material:alloy") == {"material:scrap"}
    assert index.downstream("material:alloy") == {"material:scrap"}


def test_paths_as_networkx(views):
    graph, flow, index = views
    rng = random.Random(7)
    products = sorted(graph.ids("Product"))
    compared = 0
    for _ in range(40):
        product = rng.choice(products)
        ancestors = sorted(nx.ancestors(flow, product))
        if not ancestors:
            continue
        source = rng.choice(ancestors)
        assert index.shortest_path(source, product) == nx.shortest_path(flow, source, product)
        expected = list(islice(nx.shortest_simple_paths(flow, source, product), 50))
        assert list(islice(index.shortest_simple_paths(source, product), 50)) == expected
        assert supply_paths(index, source, product, 20) == supply_paths(flow, source, product, 20)
        compared += len(expected)
    assert compared > 40


def test_ties_in_networkx_order():
    # two paths of length 2 from a to d (through b and through c) and one of length 3:
    # networkx finds the one through b first (suppliers and consumers in id order)
    graph = SupplyGraph([Claim("material:d", "MADE_FROM", "material:b"),
                         Claim("material:d", "MADE_FROM", "material:c"),
                         Claim("material:b", "MADE_FROM", "material:a"),
                         Claim("material:c", "MADE_FROM", "material:a"),
                         Claim("material:d", "MADE_FROM", "material:e"),
                         Claim("material:e", "MADE_FROM", "material:f"),
                         Claim("material:f", "MADE_FROM", "material:a")])
    index = FlowIndex(graph)
    assert index.shortest_path("material:a", "material:d") == [
        "material:a", "material:b", "material:d"]
    assert list(index.shortest_simple_paths("material:a", "material:d")) == [
        ["material:a", "material:b", "material:d"], ["material:a", "material:c", "material:d"],
        ["material:a", "material:f", "material:e", "material:d"]]
    assert index.relations("material:a", "material:b") == {"MADE_FROM"}
    assert dependent_products(graph, "material:a", index) == []
    with pytest.raises(nx.NetworkXNoPath):
        index.shortest_path("material:d", "material:a")
    with pytest.raises(nx.NodeNotFound):
        index.shortest_path("material:zz", "material:a")


def test_a_large_suppliers_paths_as_networkx(views):
    """The compiled search (issue 18, eighth round) from a node with thousands of
    consumers: a country's shortest and simple paths to the products it feeds, as
    networkx gives them."""
    graph, flow, index = views
    country = max(graph.ids("Country"), key=lambda c: len(nx.descendants(flow, c)))
    products = [p for p in sorted(graph.ids("Product")) if nx.has_path(flow, country, p)]
    assert products
    for product in products[:12]:
        assert index.shortest_path(country, product) == nx.shortest_path(flow, country, product)
        assert (list(islice(index.shortest_simple_paths(country, product), 10))
                == list(islice(nx.shortest_simple_paths(flow, country, product), 10)))


def test_shortest_paths_to_one_target_as_one_by_one(views):
    """The searches from many sources to one product in one compiled call give each
    source's :meth:`FlowIndex.shortest_path` (None where there is none), the product
    itself and nodes with no path to it included."""
    graph, flow, index = views
    products = sorted(graph.ids("Product"))
    for product in products[:: max(1, len(products) // 6)]:
        sources = sorted(index.ids)[::5] + [product]
        expected = []
        for source in sources:
            try:
                expected.append(index.shortest_path(source, product))
            except nx.NetworkXNoPath:
                expected.append(None)
        assert index.shortest_paths_to(sources, product) == expected
        assert any(p is None for p in expected) and any(p for p in expected)


@pytest.mark.parametrize("lazy_degree", [0, 1, 3])
def test_paths_with_the_first_level_counted_as_networkx(views, monkeypatch, lazy_degree):
    """A search from a node with more consumers than ``LAZY_DEGREE`` counts its first
    level instead of writing it (issue 18, twelfth round: a country's paths to each of the
    products it feeds walked all its facilities each time). With the threshold at 0, 1
    and 3 nearly every search takes that way, passed-over nodes and edges of Yen's
    algorithm included, and every path is still networkx's, in its order."""
    from mineralgraph.graph import flow as flow_module

    graph, flow, index = views
    monkeypatch.setattr(flow_module, "LAZY_DEGREE", lazy_degree)
    rng = random.Random(11)
    products = sorted(graph.ids("Product"))
    country = max(graph.ids("Country"), key=lambda c: len(nx.descendants(flow, c)))
    pairs = [(country, p) for p in products if nx.has_path(flow, country, p)][:8]
    for _ in range(30):
        product = rng.choice(products)
        ancestors = sorted(nx.ancestors(flow, product))
        if ancestors:
            pairs.append((rng.choice(ancestors), product))
    compared = 0
    for source, product in pairs:
        assert index.shortest_path(source, product) == nx.shortest_path(flow, source, product)
        expected = list(islice(nx.shortest_simple_paths(flow, source, product), 30))
        assert list(islice(index.shortest_simple_paths(source, product), 30)) == expected
        compared += len(expected)
    assert compared > 60
    # one-to-many searches and pairs with no path take the same way
    sources = sorted(index.ids)[::9]
    for product in products[:3]:
        expected = []
        for source in sources:
            try:
                expected.append(nx.shortest_path(flow, source, product))
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                expected.append(None)
        assert index.shortest_paths_to(sources, product) == expected


def test_a_counted_first_level_meets_the_target_and_passes_over():
    """The counted first level on a hand-made graph: a source with three consumers, one
    of them the target (met at once), and the same search with that edge passed over
    (the path then runs through the others, the smaller id first) or with every way out
    passed over (no path)."""
    from mineralgraph.graph import flow as flow_module

    claims = [Claim("material:t", "MADE_FROM", "material:s"),
              Claim("material:b", "MADE_FROM", "material:s"),
              Claim("material:c", "MADE_FROM", "material:s"),
              Claim("material:t", "MADE_FROM", "material:c"),
              Claim("material:t", "MADE_FROM", "material:b")]
    index = FlowIndex(SupplyGraph(claims))
    number = index.number
    s, b, c, t = (number[f"material:{x}"] for x in "sbct")
    old = flow_module.LAZY_DEGREE
    try:
        for degree in (0, 256):
            flow_module.LAZY_DEGREE = degree
            assert index._meet(s, t) == [s, t]
            assert index._meet(s, t, (), {(s, t)}) == [s, b, t]
            assert index._meet(s, t, {b}, {(s, t)}) == [s, c, t]
            with pytest.raises(nx.NetworkXNoPath):
                index._meet(s, t, {b, c}, {(s, t)})
    finally:
        flow_module.LAZY_DEGREE = old
