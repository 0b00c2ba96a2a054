"""What losing a country may take with it in the lower bound (``Analysis.control_reach``)
is found from the country's own producers (issue 18, round fourteen: the country itself
and what is LOCATED_IN it, each one's PRODUCES claims found by a search), no longer by
reading every PRODUCES claim of the graph: the same materials for every country."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mineralgraph import load_bundled
from mineralgraph.graph.analysis.concentration import REST_OF_WORLD
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.structure import located_in
from mineralgraph.graph.supply_graph import SupplyGraph

_PATH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


def _synthetic(nodes: int) -> SupplyGraph:
    spec = importlib.util.spec_from_file_location("bench_synthetic_reach", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return SupplyGraph(module.generate(nodes, seed=2, cycles=True))


def _covered_by_every_claim(graph: SupplyGraph, country: str) -> set[str]:
    """The materials of every PRODUCES claim whose producer sits in ``country`` (the
    definition, read claim by claim)."""
    return {str(c.object) for c in graph.edge_claims("PRODUCES")
            if country in located_in(graph, c.subject)}


@pytest.mark.parametrize("make", [load_bundled, lambda: load_bundled().with_worst_case(),
                                  lambda: _synthetic(2_000)])
def test_a_countrys_reach_is_what_its_producers_make(make):
    graph = make()
    analysis = Analysis(graph)
    countries = graph.ids("Country")
    assert len(countries) >= 20
    reached = 0
    for country in countries:
        if country == REST_OF_WORLD:  # many countries: it reaches nothing
            assert analysis.control_reach(country) == ([], [])
            continue
        covered = _covered_by_every_claim(graph, country)
        grades, virtual = analysis.control_reach(country)
        assert grades == []  # a country's producers of such a grade are its own already
        assert virtual == sorted(analysis._virtual_reached(covered))
        reached += bool(virtual)
    assert reached  # some country reaches a material without a producer


def test_a_nodes_claims_of_one_predicate_by_search():
    graph = load_bundled()
    for node in ("country:CN", "country:AU", "company:lynas", "material:ndfeb-magnet"):
        for predicate in ("PRODUCES", "LOCATED_IN", "label"):
            assert list(graph.subject_claims(node, predicate)) == [
                c for c in graph.claims if c.subject == node and c.predicate == predicate]
    assert graph.subject_claims("country:CN", "PRODUCES")
    assert graph.subject_claims("country:nowhere", "PRODUCES") == ()
