"""Every figure of the engine on the bundled data equals a plain re-evaluation.

For the baseline and every shipped scenario, for both bounds of design note 5.6: remove
each node in turn and evaluate again with the independent evaluator of
``tests/naive_model.py``; the engine's loss, SPOF set, availability range and scenario
rows must be the same (design note, checks added to section 4); in the design note's
reading (the default) and the addendum's wider one (``--worst-case``). The reading of
``--press-figures`` is the note's on the bundled data (every material has a statistical
set), so it is checked on random graphs (tests/test_ranges_properties.py), not here.
"""

from __future__ import annotations

import pytest
from naive_model import Naive, anchors_of, candidates
from readings import TWO_READINGS, read

from mineralgraph import load_bundled
from mineralgraph.graph.analysis import Analysis
from mineralgraph.graph.analysis.comparison import compare
from mineralgraph.graph.analysis.engine import BOUNDS
from mineralgraph.loaders.scenarios import load_scenario, shipped_scenarios

SCENARIOS = [None, *shipped_scenarios()]


def naive_answers(graph, scenario, products, bound):
    """Per product: a(P), and loss(P, n) for every node n, from plain re-evaluation."""
    anchors = anchors_of(graph)
    out = {}
    for product in products:
        naive = Naive(graph, scenario, product, bound, anchors)
        # a node the rules never asked about cannot change a(P)
        a0, affecting = naive.value_and_affecting(product)
        losses = {}
        if a0 > 0:
            for node in (n for n in candidates(graph) if n in affecting):
                loss = 1.0 - naive.value(product, {node}) / a0
                if loss > 1e-12:
                    losses[node] = loss
        out[product] = (a0, losses)
    return out


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


@TWO_READINGS
@pytest.mark.parametrize("name", SCENARIOS)
def test_engine_equals_plain_re_evaluation_for_both_bounds(bundled, name, wide):
    scenario = load_scenario(name) if name else None
    graph = read(bundled, wide).as_of(scenario.as_of if scenario else None)
    analysis = Analysis(graph, scenario)
    products = analysis.products()
    for bound in BOUNDS:
        expected = naive_answers(graph, scenario, products, bound)
        losses = analysis.losses(products, bound)
        spofs = analysis.spof_sets(products, bound)
        for product in products:
            a0, naive_losses = expected[product]
            assert analysis.reference(product, bound) == pytest.approx(a0, abs=1e-9), \
                (name, bound, product)
            if a0 == 0:
                continue
            engine = {n: 1.0 if n in spofs[product] else v
                      for n, v in losses[product].items()} | {n: 1.0 for n in spofs[product]}
            assert set(engine) == set(naive_losses), (name, bound, product)
            for node, loss in naive_losses.items():
                assert engine[node] == pytest.approx(loss, abs=1e-9), (name, bound, product, node)
            assert spofs[product] == {n for n, v in naive_losses.items() if v >= 1 - 1e-12}, \
                (name, bound, product)
        for product in products:
            low, high = analysis.availability_range(product)
            assert low <= high


@TWO_READINGS
@pytest.mark.parametrize("name", [n for n in SCENARIOS if n])
def test_scenario_rows_are_both_bounds_against_both_baselines(bundled, name, wide):
    scenario = load_scenario(name)
    graph = read(bundled, wide).as_of(scenario.as_of)
    anchors = anchors_of(graph)
    for row in compare(graph, scenario):
        product = row["product"]
        base = [Naive(graph, None, product, b, anchors).value(product) for b in BOUNDS]
        under = [Naive(graph, scenario, product, b, anchors).value(product) for b in BOUNDS]
        assert row["baseline_range"] == pytest.approx(base, abs=1e-6)
        # availability_range is 5.6's pair; what mapped supply alone gives is beside it
        assert row["availability_range"] == pytest.approx(under, abs=1e-6)
        assert row["mapped_availability"] <= under[0] + 1e-9 or not row["supply_not_mapped"]
        losses = [1 - u / b for b, u in zip(base, under, strict=True) if b > 0] or [0.0]
        assert row["loss_range"] == pytest.approx([min(losses), max(losses)], abs=1e-6)
        assert row["loss"] == pytest.approx(1 - under[1] / base[1], abs=1e-6)
