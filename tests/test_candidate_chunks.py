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
    target_of = np.full(len(baseline), -1, np.int64)
    target_of[m], target_of[n] = 0, 1
    cand_ptr = np.array([0, 1, 2, 3], np.int64)
    cand_nodes = np.array([a, b, m], np.int64)  # m is its own target's candidate
    ptr, candidates, values = ev.candidate_tables(
        baseline, ev.mask(), cand_ptr, cand_nodes, target_of,
        itself=np.array([2, -1], np.int32), numbers=np.array([10, 11, 12], np.int32),
        chunk=1)
    assert ptr.tolist() == [0, 2, 3]
    assert candidates.tolist() == [10, 11, 11]  # m: A then B (not m itself); n: B
    assert values.tolist() == [0.25, 0.75, 0.0]
