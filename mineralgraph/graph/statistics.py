"""Statistics beside the supply chain: reserves, net import reliance, import sources.

``HOLDS_RESERVES``, ``NET_IMPORT_RELIANCE`` and the import shares of ``EXPORTS_TO``
(USGS's "Import Sources") answer "who holds X" and "where does the US get X". None of
them is a supply step (the flow view leaves them out). An import share is a relation
between two countries whose ``material`` qualifier names what is traded, so it is not an
edge of the material: :func:`statistics_about` finds the claims about a material or an
element that ``show`` lists beside the node's own relations.

>>> from mineralgraph import load_bundled
>>> claims = statistics_about(load_bundled(), "element:Ga")
>>> sorted({c.predicate for c in claims})
['EXPORTS_TO']
>>> max(claims, key=lambda c: c.qualifier("share")).subject
'country:JP'
"""

from __future__ import annotations

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph

#: Relations that hold statistics about a material rather than supply steps.
STATISTICS = ("HOLDS_RESERVES", "NET_IMPORT_RELIANCE", "EXPORTS_TO")


def statistics_about(graph: SupplyGraph, node_id: str) -> list[Claim]:
    """The statistical claims about a node that are not its own relations.

    For a material or an element: the trade claims (``EXPORTS_TO``) whose ``material``
    is the node. For an element, also the reserves, net import reliance and trade claims
    of the materials that contain it (``element:Co`` lists the reserves of mined cobalt).
    Sorted by relation, material, what is counted (``about``), then largest share or
    amount first.
    """
    kind = graph.kind(node_id)
    if kind not in ("Material", "Element"):
        return []
    containing = set()
    if kind == "Element":
        containing = {c.subject for c in graph.edge_claims("CONTAINS") if c.object == node_id}
    targets = containing | {node_id}
    out = [c for c in graph.edge_claims("EXPORTS_TO") if c.qualifier("material") in targets]
    for material in sorted(containing):
        for _, _, data in graph.graph.in_edges(material, data=True):
            claim = data["claim"]
            if claim.predicate in ("HOLDS_RESERVES", "NET_IMPORT_RELIANCE"):
                out.append(claim)

    def order(claim: Claim) -> tuple:
        figure = claim.qualifier("share") or claim.qualifier("amount") or 0
        material = claim.qualifier("material") or str(claim.object)
        return (claim.predicate, material, str(claim.qualifier("about") or ""),
                claim.subject == "country:XX", -figure, claim.subject, claim.id)

    return sorted(out, key=order)
