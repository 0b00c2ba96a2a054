"""One node as plain data: its attributes and relations with their sources (``show``).

>>> from mineralgraph import load_bundled
>>> view = node_view(load_bundled(), "element:Dy")
>>> view["id"], view["kind"], view["sources"][0]["n"]
('element:Dy', 'Element', 1)
"""

from __future__ import annotations

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph


def node_view(graph: SupplyGraph, node_id: str, citation=None) -> dict:
    """One node: its attributes and relations, each with the numbers of its sources.

    ``citation`` writes a source's citation (the reports' one function,
    :func:`mineralgraph.reports.common.source_citation`, from ``show``); by default
    :meth:`SupplyGraph.citation`.

    On a graph at a date, relations to export controls and licence decisions that do not
    apply on that date are left out, as the analysis leaves them out. A relation's
    ``note`` (the reviewer's caveat) and ``proxy`` (what a stand-in figure was measured
    for) are in its qualifiers; its ``quote`` (the source's own words), where the data has
    one, is beside them, as an attribute's and a statistic's are. ``statistics`` holds the
    claims about the node that are not its own relations: import shares whose
    ``material`` is the node and, for an element, the reserves, import reliance and
    import shares of the materials that contain it
    (:func:`mineralgraph.graph.statistics.statistics_about`). ``beside`` puts each trade
    figure of an article about the node beside the statistical figures of the same flow
    and month (:func:`mineralgraph.graph.reported.figures_beside`).
    ``modal`` (where there is any) holds what sources only forecast, plan or speculate
    about the node, each with its ``modality``: never a fact of the analysis.
    ``press_figures_not_used`` (a material's, where it has any) holds the sets of country
    shares from press, reposts and news that the analysis sets aside (design note 5.5),
    each with its source's number; ``press_figures`` is true under ``--press-figures``.
    ``confidence`` is the node's own rating (its row's in the curated files: the weakest
    among its attribute claims; None where none is rated, a source's say).

    >>> from mineralgraph import load_bundled
    >>> node_view(load_bundled(), "company:permag")["confidence"]
    'medium'
    """
    from mineralgraph.graph.analysis.confidence import weakest
    from mineralgraph.graph.analysis.scenario import dated_node_in_force
    from mineralgraph.graph.reported import figures_beside
    from mineralgraph.graph.statistics import share_basis, statistics_about

    graph.require(node_id)
    when = graph.as_of_date
    refs: dict[str, int] = {}

    def cite(claim: Claim) -> list[int]:
        return [refs.setdefault(s, len(refs) + 1) for s in claim.sources]

    def quote(claim: Claim) -> dict:
        # the source's own words, where the data has them (only then: a key on every
        # claim would be null on most)
        return {"quote": claim.quote} if claim.quote else {}

    attributes = [{"attribute": name, "value": c.object, "sources": cite(c),
                   **({"qualifiers": dict(c.qualifiers)} if c.qualifiers else {}),
                   **quote(c)}
                  for name, claims in graph.attributes(node_id).items() for c in claims]
    relations = []
    sums: dict[str, tuple[float, set]] = {}
    for incoming in (False, True):
        edges = graph.graph.in_edges(node_id, data=True) if incoming else \
            graph.graph.out_edges(node_id, data=True)
        for u, v, data in sorted(edges, key=_relation_order):
            claim = data["claim"]
            other = u if incoming else v
            if not dated_node_in_force(graph, other, when):
                continue
            relations.append({"direction": "in" if incoming else "out",
                              "relation": claim.predicate, "node": other,
                              "label": graph.label(other),
                              "qualifiers": dict(claim.qualifiers), "sources": cite(claim),
                              "confidence": claim.confidence,
                              "valid_from": claim.valid_from, "valid_to": claim.valid_to,
                              **quote(claim)})
            if claim.qualifier("share") is not None:
                relations[-1]["share_basis"] = share_basis(claim)
            summed = _share_of_sum(graph, claim, sums)
            if summed is not None:
                # the set adds up to over 1: the analysis reads the share of its sum (5.5)
                relations[-1]["share_of_sum"], relations[-1]["set_sum"] = summed
            if claim.predicate == "GRANTED_TO":
                # a licence decision concerns its grantee whatever it decided (the
                # ontology's word): the decision says whether it was granted or denied
                relations[-1]["decision"] = graph.attribute(claim.subject, "decision")
    statistics = [{"subject": c.subject, "subject_label": graph.label(c.subject),
                   "relation": c.predicate, "object": str(c.object),
                   "object_label": graph.label(str(c.object)),
                   "qualifiers": dict(c.qualifiers), "sources": cite(c),
                   "confidence": c.confidence, "valid_from": c.valid_from,
                   "valid_to": c.valid_to, **quote(c)}
                  for c in statistics_about(graph, node_id)]
    beside = figures_beside(graph, node_id)
    for item in beside:   # number the sources of the figures set side by side
        for claim in (item.figure, *item.statistics):
            cite(claim)
    # a material's press sets the analysis sets aside (design note 5.5), shown beside
    press = [{**item.as_dict(), "labels": {c: graph.label(c) for c in item.countries},
              "sources": [refs.setdefault(item.source, len(refs) + 1)]}
             for item in graph.press_set_aside(node_id)]
    # what sources only forecast, plan or speculate about the node: never a fact of the
    # analysis, shown with its modality (trial 6, H1)
    modal = [{"subject": c.subject, "relation": c.predicate, "object": str(c.object),
              "modality": c.qualifier("modality"), "sources": cite(c),
              "valid_from": c.valid_from}
             for c in sorted(graph.modal, key=lambda c: (c.predicate, str(c.object), c.id))
             if c.subject == node_id]
    sources = [{"n": n, "id": s, "source_type": graph.attribute(s, "source_type"),
                "citation": citation(graph, s) if citation
                else graph.citation(s)} for s, n in refs.items()]
    # the node's own rating: its row's (one row rates all its attributes; of several
    # rows, the weakest)
    rated = weakest(c.confidence for claims in graph.attributes(node_id).values()
                    for c in claims)
    view = {"id": node_id, "kind": graph.kind(node_id), "label": graph.label(node_id),
            "confidence": rated, "in_force": dated_node_in_force(graph, node_id, when),
            "attributes": attributes, "relations": relations, "statistics": statistics,
            "beside": [item.as_dict() for item in beside], "sources": sources}
    if modal:
        view["modal"] = modal
    if press:
        view["press_figures_not_used"] = press
    if graph.press_figures:  # every report says when --press-figures is on
        view["press_figures"] = True
    return view


def _share_of_sum(graph: SupplyGraph, claim: Claim, sums: dict) -> tuple | None:
    """(share of the set's sum, the set's sum) of a producing claim whose country-share
    set adds up to over 1, as the analysis reads it (design note 5.5); None otherwise
    (``sums``: material -> (sum, ids of the claims read), kept across calls)."""
    from mineralgraph.graph.analysis.concentration import country_shares

    share = claim.qualifier("share")
    if claim.predicate != "PRODUCES" or share is None:
        return None
    material = str(claim.object)
    if material not in sums:
        shares, used = country_shares(graph, material)
        sums[material] = (sum(shares.values()), {c.id for c in used})
    total, read = sums[material]
    if total <= 1.0 + 1e-9 or claim.id not in read:
        return None
    return round(share / total, 6), round(total, 6)


def _relation_order(edge) -> tuple:
    """Relations of a node: by relation and counterpart, then date (a monthly trade
    series in date order), then material, what is counted and the claim id."""
    from mineralgraph.graph.statistics import period_key

    u, v, data = edge
    claim = data["claim"]
    return (data["relation"], u, v, period_key(claim), str(claim.qualifier("material") or ""),
            str(claim.qualifier("about") or ""), claim.id)


__all__ = ["node_view"]
