"""Invariants of the dependency model (design note, section 4) on random graphs.

The engine (compiled, incremental, killer sets) is checked against a naive evaluator
written straight from section 2: remove the nodes, evaluate by recursion; in three
readings, the design note's (the default), the addendum's wider one (``--worst-case``)
and the one that reads press figures where no statistical one exists
(``--press-figures``).
"""

from __future__ import annotations

import numpy as np
import pytest
import random_supply
from hypothesis import given, settings
from hypothesis import strategies as st
from naive_model import Naive, anchors_of
from readings import READINGS, read

from mineralgraph.graph.analysis import Analysis, hhi
from mineralgraph.graph.analysis.concentration import concentrations
from mineralgraph.graph.flow import upstream
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model


def random_graph(seed: int, wide: bool = False) -> SupplyGraph:
    """A layered supply graph: elements, 3 material stages, producers, products; read with
    --worst-case when ``wide``."""
    return read(random_supply.random_graph(seed, rich=False)[0], wide)


def naive_availability(graph: SupplyGraph, target: str, removed: frozenset) -> float:
    """Section 2 of the design note by plain recursion: the upper bound of the one naive
    evaluator of the tests (``naive_model``), with no scenario."""
    return Naive(graph, None, target, "upper", anchors_of(graph)).value(target, removed)


def naive_loss(graph: SupplyGraph, product: str, node_id: str) -> float:
    """loss(P, n) straight from section 3, with the naive evaluator (0 when a0 is 0)."""
    a0 = naive_availability(graph, product, frozenset())
    return 1 - naive_availability(graph, product, frozenset([node_id])) / a0 if a0 > 0 else 0.0


@READINGS
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_engine_matches_the_naive_evaluator(wide, seed):
    graph = random_graph(seed, wide)
    analysis = Analysis(graph)
    products = analysis.products()
    losses = analysis.losses(products)
    for product in products:
        a0 = naive_availability(graph, product, frozenset())
        assert analysis.baseline(product) == pytest.approx(a0)
        if a0 == 0:
            continue
        for node_id in sorted(upstream(analysis.flow, product)):
            assert losses[product].get(node_id, 0.0) == pytest.approx(
                naive_loss(graph, product, node_id), abs=1e-9), (seed, product, node_id)


@READINGS
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_dependents_losses_match_the_naive_evaluator(wide, seed):
    """``dependents``' one-pass losses from a node equal the naive loss, product by product."""
    graph = random_graph(seed, wide)
    analysis = Analysis(graph)
    products = analysis.products()
    for node_id in graph.ids():
        if model.kind_of(node_id) in ("Source", "Product"):
            continue
        losses = analysis.losses_from(node_id, products)
        for product in products:
            assert losses[product] == pytest.approx(
                naive_loss(graph, product, node_id), abs=1e-9), (seed, node_id)


@READINGS
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_removing_a_spof_gives_zero_and_any_other_node_does_not(wide, seed):
    graph = random_graph(seed, wide)
    analysis = Analysis(graph)
    for product in analysis.products():
        if analysis.baseline(product) == 0:
            continue
        spofs = analysis.spofs(product)
        for node_id in graph.ids():
            if node_id == product or model.kind_of(node_id) == "Source":
                continue
            value = analysis.availability(product, [node_id])
            if node_id in spofs:
                assert value == 0.0, (seed, product, node_id)
            else:
                assert value > 0.0, (seed, product, node_id)


@READINGS
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.data())
def test_loss_is_monotone_in_the_removed_set(wide, seed, data):
    graph = random_graph(seed, wide)
    analysis = Analysis(graph)
    candidates = [n for n in graph.ids() if model.kind_of(n) != "Source"]
    small = data.draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
    extra = data.draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
    for product in analysis.products():
        assert (analysis.availability(product, small + extra)
                <= analysis.availability(product, small) + 1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_hhi_stays_within_0_and_10000(seed):
    for item in concentrations(random_graph(seed)):
        assert 0.0 <= item.hhi <= 10_000.0
        assert 0.0 <= item.top1 <= item.top3 <= 1.0 + 1e-9


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.floats(0, 1), max_size=8))
def test_hhi_of_shares_summing_to_at_most_one(shares):
    total = sum(shares.values())
    if total > 1:
        shares = {k: v / total for k, v in shares.items()}
    assert 0.0 <= hhi(shares) <= 10_000.0 + 1e-6


@READINGS
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.booleans(), st.data())
def test_one_node_after_a_removal_is_the_whole_passs_value(wide, seed, cycles, data):
    """``Evaluator.value_after`` (what the maker's-country check asks: one node's value
    after removing a set) stops at the node's cone; it must give the value the pass over
    everything the removal changes gives, to the last bit, on loops too, for sets that
    reach far beyond the cone (and the full evaluation's, within rounding)."""
    graph = read(random_supply.random_graph(seed, rich=True, cycles=cycles)[0], wide)
    analysis = Analysis(graph)
    for bound in ("upper", "lower"):
        scope = analysis.scope(analysis.products()[0], bound)
        index, evaluator = scope.structure.index, scope.evaluator
        removed = data.draw(st.lists(st.sampled_from(sorted(index)), max_size=4, unique=True))
        zero = scope.zero_for(removed)
        changed = evaluator.changed_values(scope.baseline, zero)
        full = evaluator.evaluate(zero)
        for product in analysis.products():
            node = index[product]
            after = evaluator.value_after(scope.baseline, zero, node)
            assert after == changed.get(node, float(scope.baseline[node]))
            assert after == pytest.approx(full[node], abs=1e-12)


@READINGS
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6), st.booleans(), st.data())
def test_one_node_after_a_removal_apart_from_some_is_the_whole_passs_value(wide, seed,
                                                                           cycles, data):
    """``value_after`` with ``among`` and ``keep`` (the maker's-country check: a country's
    users removed but for the makers'), which works in the cone's own numbering, gives
    the value of the pass over the whole structure with ``among`` less ``keep`` removed,
    to the last bit, the nodes of ``among`` outside the cone included."""
    graph = read(random_supply.random_graph(seed, rich=True, cycles=cycles)[0], wide)
    analysis = Analysis(graph)
    for bound in ("upper", "lower"):
        scope = analysis.scope(analysis.products()[0], bound)
        evaluator, nodes = scope.evaluator, len(scope.evaluator)
        among = sorted(data.draw(st.sets(st.integers(0, nodes - 1), max_size=8)))
        keep = data.draw(st.lists(st.sampled_from(among), unique=True)) if among else []
        removed = scope.zero | (set(among) - set(keep))
        changed = evaluator.changed_values(scope.baseline, removed)
        for product in analysis.products():
            node = scope.structure.index[product]
            after = evaluator.value_after(
                scope.baseline, scope.zero, node, among=np.array(among, np.int64),
                keep=np.array(keep, np.int64) if keep else None)
            assert after == changed.get(node, float(scope.baseline[node])), (seed, product)
