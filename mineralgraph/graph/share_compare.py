"""Where two statistics disagree: World Mining Data's shares against USGS's.

For every material and year that has a World Mining Data share set and a USGS one
(a source published by the U.S. Geological Survey), :func:`disagreements` compares the
top producer of each set: the gap is the largest difference, in percentage points, of
the share either set gives the other's top producer (or its own). A gap above the
threshold (5 points by default) is listed; a different top producer always is.
"""

from __future__ import annotations

from mineralgraph.graph.risk.inputs import REST_OF_WORLD, production_sets
from mineralgraph.graph.supply_graph import SupplyGraph


def _shares(found) -> dict[str, float]:
    shares = found.shares or found.named_shares()
    return {c: s for c, s in shares.items() if c != REST_OF_WORLD}


def disagreements(graph: SupplyGraph, threshold_points: float = 5.0,
                  first: str = "source:wmd", publisher: str = "U.S. Geological Survey"
                  ) -> list[dict]:
    """Rows of (material, year) where the two sets' top producers disagree."""
    rows = []
    for material in graph.ids("Material"):
        sets = production_sets(graph, material)
        ours = {s.year: s for s in sets if s.source.startswith(first)}
        theirs = [s for s in sets if graph.attribute(s.source, "publisher") == publisher]
        for other in theirs:
            mine = ours.get(other.year)
            if mine is None:
                continue
            a, b = _shares(mine), _shares(other)
            if not a or not b:
                continue
            top_a = min(a, key=lambda c: (-a[c], c))
            top_b = min(b, key=lambda c: (-b[c], c))
            gap = max(abs(a.get(c, 0.0) - b.get(c, 0.0)) for c in {top_a, top_b}) * 100
            if gap > threshold_points or top_a != top_b:
                rows.append({"material": material, "year": other.year,
                             "first_source": mine.source, "first_top": top_a,
                             "first_share": a[top_a], "second_source": other.source,
                             "second_top": top_b, "second_share": b[top_b],
                             "gap_points": round(gap, 1),
                             "same_top": top_a == top_b})
    return sorted(rows, key=lambda r: (-r["gap_points"], r["material"], r["year"]))
