"""The order the builder makes evaluation nodes in, and the lower bound made from the
upper one.

The incremental passes visit nodes by component and number and add up the drops of an
OR node's inputs in that order, so the numbering moves the last bit of some losses (and
with it exact ties); a structure made without the builder must number its nodes as the
builder does. The builder makes a node the first time a node being built asks for it,
before its inputs: its numbering is a depth-first walk from the roots
(:func:`visit_order`). The lower bound is made from the upper one with it, and must be
the builder's to the last array.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import random_supply
from hypothesis import given, settings
from hypothesis import strategies as st

from mineralgraph import load_bundled
from mineralgraph.graph.analysis import Analysis
from mineralgraph.graph.analysis.structure import (
    Lookups,
    StructureBuilder,
    _with_rows,
    compile_columns,
    roots,
    visit_order,
)
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.scenarios import load_scenario

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from synthetic import generate  # noqa: E402

SCENARIOS = sorted(p.stem for p in (Path(__file__).parent.parent / "mineralgraph" / "data"
                                     / "scenarios").glob("*.yaml"))


def builder_order(structure, graph) -> np.ndarray:
    """:func:`visit_order` of a structure the builder made (the upper bound's kind: every
    node made before its inputs, a stage fed by explicit suppliers its pool first)."""
    op, indptr, indices, _ = structure.arrays()
    visits = {}
    for node in structure.pool_first:
        inputs = indices[indptr[node]:indptr[node + 1]].tolist()
        visits[node] = (inputs[-1:] + inputs[:-1], None)
    ptr, children, _ = _with_rows(indptr, indices, None, len(op), visits)
    start = np.array([structure.index[r] for r in roots(graph)], np.int64)
    return visit_order(start, ptr, children)


def test_the_builders_numbering_is_a_depth_first_walk_of_its_structure():
    graph = load_bundled()
    structure = StructureBuilder(graph).build()
    assert len(structure.pool_first) > 0  # the bundled data has explicit suppliers
    assert builder_order(structure, graph).tolist() == list(range(len(structure.op)))


def test_the_builders_numbering_is_a_depth_first_walk_with_loops():
    graph = SupplyGraph(generate(1_500, seed=3, cycles=True))
    structure = StructureBuilder(graph).build()
    assert builder_order(structure, graph).tolist() == list(range(len(structure.op)))


def assert_lower_is_the_builders(analysis: Analysis, product: str) -> None:
    """The lower bound's scope of ``product`` (made from the upper one) is the structure
    the builder makes: the same arrays, ids, owners and unmapped stages."""
    scope = analysis.scope(product, "lower")
    graph = analysis.graph
    assert analysis.lower_graph is graph
    built = StructureBuilder(graph, analysis.blocked_for(product, "lower"), analysis.anchors(),
                             Lookups(graph)).build()
    expected = built.arrays()
    got = scope.evaluator.structure_arrays()
    for name, want, have in zip(("op", "indptr", "indices", "weights"), expected, got,
                                strict=True):
        assert np.array_equal(np.asarray(want, np.float64), np.asarray(have, np.float64)), name
    assert scope.structure.index == built.index
    assert scope.structure.owned == {k: tuple(v) for k, v in built.owned.items()}
    assert scope.structure.unmapped == built.unmapped
    assert list(scope.structure.pool_first) == list(built.pool_first)


def test_the_lower_bound_from_the_upper_one_is_the_builders_on_the_bundled_data():
    analysis = Analysis(load_bundled())
    assert analysis.anchors()  # the bundled data has materials without producers
    for product in ("product:f-35", "product:optimus"):
        assert_lower_is_the_builders(analysis, product)


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_lower_bound_from_the_upper_one_under_each_shipped_scenario(name):
    graph = load_bundled()
    analysis = Analysis(graph, load_scenario(name))
    for product in analysis.products():
        assert_lower_is_the_builders(analysis, product)


def test_the_lower_bound_from_the_upper_one_on_a_synthetic_network_with_loops():
    analysis = Analysis(SupplyGraph(generate(1_500, seed=3, cycles=True)))
    assert analysis.anchors()
    assert_lower_is_the_builders(analysis, analysis.products()[0])


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.booleans())
def test_the_lower_bound_from_the_upper_one_on_random_graphs(seed, cycles):
    graph, scenario = random_supply.random_graph(seed, rich=True, cycles=cycles)
    analysis = Analysis(graph, scenario)
    for product in analysis.products():
        if analysis.lower_graph is graph:
            assert_lower_is_the_builders(analysis, product)


def assert_columns_are_the_builders(graph: SupplyGraph, blocked=frozenset()) -> None:
    """The upper bound compiled as columns (:func:`compile_columns`) is the builder's,
    array for array, with the same ids, owners and unmapped stages; None where explicit
    suppliers make in-house stages."""
    columns = compile_columns(graph, blocked, Lookups(graph))
    if any(True for _ in graph.edge_claims("SUPPLIES")):
        assert columns is None
        return
    built = StructureBuilder(graph, blocked, None, Lookups(graph)).build()
    for name, want, have in zip(("op", "indptr", "indices", "weights"), built.arrays(),
                                columns.arrays(), strict=True):
        assert np.array_equal(np.asarray(want, np.float64), np.asarray(have, np.float64)), name
    assert columns.index == built.index
    assert columns.owned == {k: tuple(v) for k, v in built.owned.items()}
    assert columns.unmapped == built.unmapped
    assert not built.pool_first


def _without_suppliers(graph: SupplyGraph) -> SupplyGraph:
    return SupplyGraph([c for c in graph.claims if c.predicate != "SUPPLIES"],
                       worst_case=graph.worst_case)


@pytest.mark.parametrize("worst_case", [False, True])
def test_the_columns_are_the_builders_on_the_bundled_data(worst_case):
    graph = load_bundled().with_worst_case(worst_case)
    assert_columns_are_the_builders(graph)  # explicit suppliers: the builder's
    plain = _without_suppliers(graph)
    analysis = Analysis(plain, load_scenario(SCENARIOS[0]))
    assert_columns_are_the_builders(plain)
    for product in ("product:f-35", "product:optimus"):
        assert_columns_are_the_builders(plain, analysis.blocked_for(product, "upper"))


@pytest.mark.parametrize("cycles", [False, True])
def test_the_columns_are_the_builders_on_a_synthetic_network(cycles):
    graph = SupplyGraph(generate(1_500, seed=3, cycles=cycles))
    assert_columns_are_the_builders(graph)
    assert_columns_are_the_builders(graph.with_worst_case())


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.booleans(), st.booleans())
def test_the_columns_are_the_builders_on_random_graphs(seed, cycles, worst_case):
    graph, scenario = random_supply.random_graph(seed, rich=True, cycles=cycles)
    graph = _without_suppliers(graph.with_worst_case(worst_case))
    analysis = Analysis(graph, scenario)
    assert_columns_are_the_builders(graph)
    for product in analysis.products()[:3]:
        assert_columns_are_the_builders(graph, analysis.blocked_for(product, "upper"))
