"""A scenario against the baseline: what each product keeps, loses, and newly hangs on.

One function serves the ``scenario`` command and the briefs, so the two never disagree.

>>> from mineralgraph import load_bundled
>>> from mineralgraph.graph.analysis import load_scenario
>>> rows = compare(load_bundled(), load_scenario("mp-materials-offline"), ["product:f-35"])
>>> sorted(rows[0])  # doctest: +NORMALIZE_WHITESPACE
['assumed_share', 'availability', 'baseline', 'confidence', 'loss', 'new_spofs',
 'product', 'proxies', 'supply_not_mapped']
"""

from __future__ import annotations

from collections.abc import Iterable

from mineralgraph.graph.analysis.concentration import REST_OF_WORLD
from mineralgraph.graph.analysis.confidence import Caveats
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.supply_graph import SupplyGraph


def compare(graph: SupplyGraph, scenario: Scenario,
            products: Iterable[str] | None = None) -> list[dict]:
    """Per product: baseline and scenario availability, loss, new single points of failure.

    ``new_spofs`` are nodes that are single points of failure under the scenario and
    were not before; the rest of the world (``country:XX``) is never one (it stands for
    producers not named, not a supplier). Rows come in the order of ``products``
    (default: every product, sorted). ``confidence``, ``proxies`` and ``assumed_share``
    say what the scenario's answer rests on (section 5.7): the claims on the evidence
    paths of every node it removes and every producer it blocks.
    """
    from mineralgraph.graph.analysis.chokepoints import Evidence

    before, after = Analysis(graph), Analysis(graph, scenario)
    evidence = Evidence(after)
    products = list(products) if products is not None else before.products()
    spofs_before, spofs_after = before.spof_sets(products), after.spof_sets(products)
    rows = []
    for product in products:
        base, under = before.baseline(product), after.baseline(product)
        caveats = evidence.scenario_caveats(product) if under < base else Caveats()
        rows.append({**caveats.as_dict(), "product": product, "baseline": round(base, 6),
                     "availability": round(under, 6),
                     "loss": round(1.0 - under / base, 6) if base > 0 else 0.0,
                     "supply_not_mapped": after.unmapped(product),
                     "new_spofs": sorted(spofs_after[product] - spofs_before[product]
                                         - {REST_OF_WORLD})})
    return rows
