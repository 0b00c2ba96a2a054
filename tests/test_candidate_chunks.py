"""The candidate passes write their rows in chunks (issue 18, round eleven): however the
chunks fall, every loss table of both bounds is the same to the last bit, and a small
hand-checked graph gives its exact losses."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from mineralgraph.graph.analysis import evaluator as evaluator_module
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.structure import LEAF, OR, Structure
from mineralgraph.graph.supply_graph import SupplyGraph

_PATH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


def _generate(nodes: int, cycles: bool = False):
    spec = importlib.util.spec_from_file_location("bench_synthetic_chunks", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.generate(nodes, seed=1, cycles=cycles)


def _tables(graph: SupplyGraph) -> dict:
    analysis = Analysis(graph)
    products = analysis.products()
    found = {}
    for bound in ("upper", "lower"):
        for product, table in analysis.loss_tables(products, bound).items():
            found[(bound, product)] = (
                [table.ids[c] for c in table.candidates.tolist()],
                np.asarray(table.after, np.float64).tobytes(), table.before)
    return found


@pytest.mark.parametrize("cycles", [False, True])
def test_chunks_of_any_size_give_the_same_tables(monkeypatch, cycles):
    claims = _generate(1500, cycles=cycles)
    whole = _tables(SupplyGraph(claims))
    # one chunk a few candidates (at least four times the targets: 30 products here)
    monkeypatch.setattr(evaluator_module, "CHUNK_ROWS", 1)
    chunked = _tables(SupplyGraph(claims))
    assert chunked == whole
    assert sum(len(rows[0]) for rows in whole.values()) > 20 * 4 * 30  # many chunks


def test_rows_grouped_by_target_in_candidate_order():
    # country:A supplies 75% of m, country:B 25%; product-like targets m and n
    s = Structure()
    a, b = s.add("country:A", LEAF, "country:A"), s.add("country:B", LEAF, "country:B")
    m = s.add("material:m", OR, "material:m")
    n = s.add("material:n", OR, "material:n")
    s.set_inputs(m, [a, b], [0.75, 0.25])
    s.set_inputs(n, [b], [1.0])
    ev = evaluator_module.Evaluator(s)
    baseline = ev.evaluate()
    cand_ptr = np.array([0, 1, 2, 3], np.int64)
    cand_nodes = np.array([a, b, m], np.int64)  # m is its own target's candidate
    ptr, candidates, values = ev.candidate_tables(
        baseline, ev.mask(), cand_ptr, cand_nodes, np.array([m, n], np.int64),
        itself=np.array([2, -1], np.int32), numbers=np.array([10, 11, 12], np.int32),
        chunk=1)
    assert ptr.tolist() == [0, 2, 3]
    assert candidates.tolist() == [10, 11, 11]  # m: A then B (not m itself); n: B
    assert values.tolist() == [0.25, 0.75, 0.0]


def _records_from_arrays(ev, baseline, zero, target_of):
    """The records as round thirteen made them: field by field from arrays of the
    structure's size (the baseline inside, :func:`raw_sums`, the masks)."""
    from mineralgraph.graph.analysis import kernels
    inside = baseline[ev.order]
    raw, live = kernels.raw_sums(ev.op, ev.indptr, ev.indices, ev.weights, inside)
    nodes = np.zeros(len(ev.op), kernels.NODE_RECORD)
    nodes["baseline"] = nodes["current"] = inside
    nodes["raw"], nodes["live"] = raw, live
    nodes["dstart"], nodes["dend"] = ev.dptr[:-1], ev.dptr[1:]
    nodes["comp"] = np.where(ev.cyclic[ev.position], ev.position, -1)
    nodes["op"], nodes["zero"] = ev.op, zero[ev.order]
    nodes["target"] = target_of[ev.order] >= 0
    return nodes


def _records(ev, baseline, zero, target_of):
    from mineralgraph.graph.analysis import kernels
    return kernels.node_records(ev.op, ev.indptr, ev.indices, ev.weights, ev.dptr,
                                ev.position, ev.cyclic, ev.order, baseline, zero,
                                target_of[ev.order])


def test_records_hold_the_baseline_sums_and_marks_of_each_node():
    # country:A supplies 75% of m, country:B 25%; m and n are targets, B is removed
    s = Structure()
    a, b = s.add("country:A", LEAF, "country:A"), s.add("country:B", LEAF, "country:B")
    m = s.add("material:m", OR, "material:m")
    n = s.add("material:n", OR, "material:n")
    s.set_inputs(m, [a, b], [0.75, 0.25])
    s.set_inputs(n, [b], [1.0])
    ev = evaluator_module.Evaluator(s)
    baseline = np.array([1.0, 0.5, 0.875, 0.5])  # any values: the records copy them
    target_of = np.array([-1, -1, 0, 1], np.int32)
    nodes = _records(ev, baseline, ev.mask([b]), target_of)
    at = ev.rank.tolist()
    assert nodes["baseline"][at].tolist() == [1.0, 0.5, 0.875, 0.5]
    assert nodes["current"][at].tolist() == [1.0, 0.5, 0.875, 0.5]
    assert nodes["raw"][at].tolist() == [0.0, 0.0, 0.875, 0.5]  # 0.75 * 1 + 0.25 * 0.5
    assert nodes["live"][at].tolist() == [0, 0, 2, 1]
    assert nodes["zero"][at].tolist() == [0, 1, 0, 0]
    assert nodes["target"][at].tolist() == [0, 0, 1, 1]
    assert nodes["comp"].tolist() == [-1] * 4  # no loop
    assert nodes["op"][at].tolist() == [LEAF, LEAF, OR, OR]
    assert (nodes["dend"] - nodes["dstart"])[at].tolist() == [1, 2, 0, 0]  # m, n; m
    assert nodes["pending"].tolist() == [0.0] * 4


@pytest.mark.parametrize("cycles", [False, True])
def test_records_made_in_one_loop_are_those_made_from_arrays(cycles):
    analysis = Analysis(SupplyGraph(_generate(1500, cycles=cycles)))
    for bound in ("upper", "lower"):
        scope = analysis.scope(analysis.products()[0], bound)
        ev = scope.evaluator
        zero = ev.mask(set(scope.zero) | set(range(0, len(ev.op), 37)))
        target_of = np.full(len(ev.op), -1, np.int32)
        target_of[::11] = 3
        got = _records(ev, scope.baseline, zero, target_of)
        want = _records_from_arrays(ev, scope.baseline, zero, target_of)
        assert got.tobytes() == want.tobytes()
        assert np.any(got["comp"] >= 0) == cycles
