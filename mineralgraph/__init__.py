"""mineralgraph: critical-mineral supply chains as a knowledge graph, and where they break.

>>> from mineralgraph import load_bundled
>>> "element:Dy" in load_bundled()
True
"""

__version__ = "0.1.0"

from mineralgraph.bundled import load_bundled  # noqa: E402
from mineralgraph.claim import Claim  # noqa: E402
from mineralgraph.graph.supply_graph import SupplyGraph  # noqa: E402
from mineralgraph.ontology import model  # noqa: E402

__all__ = ["Claim", "SupplyGraph", "__version__", "load_bundled", "model"]
