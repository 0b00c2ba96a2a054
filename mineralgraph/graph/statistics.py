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
>>> shares = [c for c in claims if c.qualifier("share") is not None]
>>> max(shares, key=lambda c: c.qualifier("share")).subject
'country:JP'
"""

from __future__ import annotations

import re

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph

#: Relations that hold statistics about a material rather than supply steps.
STATISTICS = ("HOLDS_RESERVES", "NET_IMPORT_RELIANCE", "EXPORTS_TO")


#: How the data says a share was computed, not stated by its source: "DERIVED share =
#: 74,000,000 / world total 290,000,000 t (USGS MCS 2025)" (data README, the USGS rows)
_DERIVED = re.compile(r"DERIVED share\s*=\s*([\d,]+(?:\.\d+)?)\s*(?:kt|t|kg)?[^/]{0,40}/\s*"
                      r"(?:world total(?: \(rounded\))?|total)?\s*([\d,]+(?:\.\d+)?)")
#: How the data says a share is what the stated shares of its set leave, which no source
#: gives: "remainder of the set (1 - 0.912772)", "the remainder of IPA's 80% for South
#: Africa" (every rest-of-world row the data derives so says "remainder")
_REMAINDER = re.compile(r"\bremainder\b", re.IGNORECASE)
_ONE_MINUS = re.compile(r"\((1\s*-\s*\d+(?:\.\d+)?|100\s*-\s*\d+(?:\.\d+)?%)\)")


def derived_share(note: str | None) -> tuple[float, float] | None:
    """The amount and the total a share was derived from, read from its note ("DERIVED
    share = 74,000,000 / world total 290,000,000 t ..."): the source gives those, not the
    share; None when the note says no such thing.

    >>> derived_share("DERIVED share = 74,000,000 / world total 290,000,000 t (USGS MCS 2025)")
    (74000000.0, 290000000.0)
    >>> derived_share("DERIVED share = 73.76 kt / total 80.81 kt (IEA CM dataset)")
    (73.76, 80.81)
    >>> derived_share("IEA figure is for all rare-earth separation") is None
    True
    """
    found = _DERIVED.search(note or "")
    if found is None:
        return None
    amount, total = (float(g.replace(",", "")) for g in found.groups())
    return (amount, total) if total > 0 else None


def remainder_share(note: str | None) -> str | None:
    """What a share that is the remainder of its set was computed as, read from its note:
    the formula where the note gives it (``1 - 0.912772``), else ""; None when the share
    is not a remainder, or is a quotient of an amount and a total (:func:`derived_share`,
    whose note may call that amount a remainder). No source states such a share.

    >>> remainder_share("remainder of the set (1 - 0.912772): the source's Malaysia ...")
    '1 - 0.912772'
    >>> remainder_share("the remainder of IPA's 80% for South Africa; IPA names no other")
    ''
    >>> remainder_share("remainder: the larger figure is kept; DERIVED share = 875 / 228,000")
    >>> remainder_share("USGS 'Other' row") is None
    True
    """
    if not note or not _REMAINDER.search(note) or derived_share(note) is not None:
        return None
    found = _ONE_MINUS.search(note)
    return " ".join(found.group(1).split()) if found else ""


def share_basis(claim: Claim) -> str:
    """How a claim's share came to be, as ``show`` says it: ``"derived"`` (a quotient of
    the source's amount and total, :func:`derived_share`), ``"remainder"`` (what the
    stated shares of its set leave, :func:`remainder_share`) or ``"stated"`` (the
    source's own figure).

    >>> share_basis(Claim("country:XX", "PRODUCES", "material:m", (("note",
    ...     "remainder of the set (1 - 0.9)"), ("share", 0.1))))
    'remainder'
    """
    note = str(claim.qualifier("note") or "")
    if derived_share(note) is not None:
        return "derived"
    return "remainder" if remainder_share(note) is not None else "stated"


#: A share the source states in its own words beside the figure the data enters (a derived
#: or rounded share): "STATED share: approximately 92%" (data README); the words run to
#: the next ";" or the end of the note
_STATED = re.compile(r"STATED share:\s*([^;]+)")


def stated_share_words(note: str | None) -> str | None:
    """The source's own words for a share whose figure the data derives or reads from
    words ("STATED share: approximately 92%"), so the reports say both; None when the
    note gives none.

    >>> stated_share_words("DERIVED share = 100,000 / world total 110,000 t Nb (USGS MCS "
    ...                    "2025); STATED share: approximately 92% (USGS's text)")
    "approximately 92% (USGS's text)"
    >>> stated_share_words("DERIVED share = 7,100 / world total 110,000 t Nb") is None
    True
    """
    found = _STATED.search(note or "")
    return found.group(1).strip() or None if found else None


def period_key(claim: Claim) -> str:
    """What a claim's figure is dated by, as text that sorts in date order: its
    ``period`` (``2025-07``, ``2020-2023``), else its ``year``, else its start of
    validity; empty when it has none.

    >>> period_key(Claim("country:CN", "EXPORTS_TO", "country:US",
    ...                  (("period", "2025-07"), ("year", 2025))))
    '2025-07'
    """
    for value in (claim.qualifier("period"), claim.qualifier("year"), claim.valid_from):
        if value is not None:
            return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return ""


def statistics_about(graph: SupplyGraph, node_id: str) -> list[Claim]:
    """The statistical claims about a node that are not its own relations.

    For a material or an element: the trade claims (``EXPORTS_TO``) whose ``material``
    is the node. For an element, also the reserves, net import reliance and trade claims
    of the materials that contain it (``element:Co`` lists the reserves of mined cobalt).
    Sorted by relation, material, what is counted (``about``), period (a monthly series
    reads in date order), then largest share or amount first.
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
                period_key(claim), claim.subject == "country:XX", -figure, claim.subject,
                str(claim.object), claim.id)

    return sorted(out, key=order)


def stated_imports(graph: SupplyGraph, importer: str, material: str) -> dict:
    """What a statistics agency states about an importer's imports of a material.

    ``lists``: each source's import-source list (``EXPORTS_TO`` into ``importer`` with a
    ``period`` and a ``share``, such as USGS's "Import Sources (2020-23)") of the material or, for a
    material, of the elements it contains; ``reliance``: the importer's
    ``NET_IMPORT_RELIANCE`` claims on the same nodes. Figures as stated, with their bound.

    >>> from mineralgraph import load_bundled
    >>> stated = stated_imports(load_bundled(), "country:US", "material:natural-graphite")
    >>> [(p["partner"], p["share"]) for p in stated["lists"][0]["partners"][:2]]
    [('country:CN', 0.43), ('country:CA', 0.13)]
    >>> stated["reliance"][0]["net_import_reliance"]
    1.0
    """
    # what each node is to the material: itself, an input upstream (the stated figures
    # of what it is made from: a magnet's rare earths are stated for the oxide), or an
    # element it contains; listed in that order
    relation = {material: "itself"}
    if graph.kind(material) == "Material":
        for upstream in sorted(_inputs_upstream(graph, material)):
            relation.setdefault(upstream, "input")
        for c in graph.relation_claims(material, "CONTAINS"):
            relation.setdefault(str(c.object), "element")
    nodes = set(relation)
    order = {"itself": 0, "input": 1, "element": 2}
    groups: dict[tuple, list[Claim]] = {}
    for claim in graph.edge_claims("EXPORTS_TO"):
        # a stated list is shares of the importer's imports; a quantity with a period (a
        # month of customs figures, a year's total from all origins) is not one
        if (claim.object == importer and claim.qualifier("material") in nodes
                and claim.qualifier("period") is not None
                and claim.qualifier("share") is not None):
            key = (order[relation[claim.qualifier("material")]], claim.qualifier("material"),
                   str(claim.qualifier("about") or ""), claim.qualifier("period"),
                   claim.sources)
            groups.setdefault(key, []).append(claim)
    lists = []
    for (_, node, about, period, sources), claims in sorted(groups.items()):
        claims.sort(key=lambda c: (c.subject == "country:XX", -c.qualifier("share"), c.subject))
        lists.append({"material": node, "about": about, "period": period,
                      "relation": relation[node], "sources": list(sources),
                      "partners": [{"partner": c.subject, "label": graph.label(c.subject),
                                    "share": c.qualifier("share"),
                                    "bound": c.qualifier("bound")} for c in claims]})
    newest: dict[tuple, Claim] = {}
    for claim in graph.edge_claims("NET_IMPORT_RELIANCE"):
        if claim.subject == importer and claim.object in nodes:
            key = (str(claim.object), str(claim.qualifier("about") or ""))
            held = newest.get(key)
            if held is None or (claim.qualifier("year") or 0) > (held.qualifier("year") or 0):
                newest[key] = claim
    reliance = []
    for claim in newest.values():
        reliance.append({"material": str(claim.object),
                         "about": claim.qualifier("about"), "year": claim.qualifier("year"),
                         "net_import_reliance": claim.qualifier("net_import_reliance"),
                         "bound": claim.qualifier("bound"),
                         "net_exporter": bool(claim.qualifier("net_exporter")),
                         "sources": list(claim.sources)})
    for item in reliance:
        item["relation"] = relation[item["material"]]
    reliance.sort(key=lambda r: (order[r["relation"]], r["material"], str(r["about"])))
    return {"lists": lists, "reliance": reliance}


def _inputs_upstream(graph: SupplyGraph, material: str) -> set[str]:
    """The materials a material is made from, at any distance (MADE_FROM, REQUIRES;
    recycling steps left out)."""
    seen: set[str] = set()
    stack = [material]
    while stack:
        node = stack.pop()
        for relation in ("MADE_FROM", "REQUIRES"):
            for c in graph.relation_claims(node, relation):
                other = str(c.object)
                if (c.qualifier("recycling") is not True and other not in seen
                        and graph.kind(other) == "Material"):
                    seen.add(other)
                    stack.append(other)
    seen.discard(material)
    return seen
