"""The curated dataset shipped with the package, loaded once per process.

>>> graph = load_bundled()
>>> "product:f-35" in graph
True
"""

from __future__ import annotations

from functools import lru_cache

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import bundled_data_path
from mineralgraph.loaders.curated import load_curated


@lru_cache(maxsize=1)
def bundled_claims() -> tuple[Claim, ...]:
    """The claims of the bundled curated dataset."""
    return tuple(load_curated(bundled_data_path()).claims)


def load_bundled() -> SupplyGraph:
    """The supply graph of the bundled curated dataset."""
    return SupplyGraph(bundled_claims())
