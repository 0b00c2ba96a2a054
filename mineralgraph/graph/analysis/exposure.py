"""Everything a picture or brief of one product is drawn from, computed once.

Pictures (``render/``) receive computed results and never run the analysis: the command
calls :func:`exposure` and passes the result in, so the figures drawn are the figures
of the report.

>>> from mineralgraph import load_bundled
>>> found = exposure(load_bundled(), "product:optimus")
>>> found.report.product, found.blocked, found.comparison
('product:optimus', frozenset(), [])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mineralgraph.graph.analysis.chokepoints import ProductReport, chokepoints
from mineralgraph.graph.analysis.comparison import compare
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.supply_graph import SupplyGraph


@dataclass
class Exposure:
    """A product's chokepoint report, and under a scenario what it blocks and changes.

    ``blocked`` holds the (producer, material) pairs the scenario's restrictions block
    for this product; ``comparison`` the rows of :func:`compare` (empty without a
    scenario). The report itself gives the availability under the scenario and without
    it, as ranges.
    """

    report: ProductReport
    blocked: frozenset = frozenset()
    comparison: list[dict] = field(default_factory=list)


def exposure(graph: SupplyGraph, product: str, scenario: Scenario | None = None) -> Exposure:
    """The :class:`Exposure` of ``product`` (a graph at its as-of date)."""
    report = chokepoints(graph, [product], scenario)[0]
    if scenario is None:
        return Exposure(report)
    return Exposure(report, Analysis(graph, scenario).blocked_for(product),
                    compare(graph, scenario, [product]))


__all__ = ["Exposure", "exposure"]
