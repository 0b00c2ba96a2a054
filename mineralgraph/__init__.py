"""mineralgraph: critical-mineral supply chains as a knowledge graph, and where they break.

The Python API (:mod:`mineralgraph.api`) is here too::

    import mineralgraph as mg
    g = mg.load()
    mg.chokepoints(g, "product:f-35").to_frame()

>>> from mineralgraph import load_bundled
>>> "element:Dy" in load_bundled()
True
"""

__version__ = "0.1.0"

from mineralgraph.bundled import load_bundled  # noqa: E402
from mineralgraph.claim import Claim  # noqa: E402
from mineralgraph.graph.supply_graph import SupplyGraph  # noqa: E402
from mineralgraph.ontology import model  # noqa: E402

#: The API functions, imported from mineralgraph.api on first use.
API = ("load", "chokepoints", "scenario", "concentration", "dependents", "paths", "snapshot",
       "brief")


def __getattr__(name: str):
    if name in API:
        from mineralgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'mineralgraph' has no attribute {name!r}")


__all__ = ["Claim", "SupplyGraph", "__version__", "load_bundled", "model", *API]
