"""The export controls and licence decisions a graph holds, one record each (``mineralgraph
controls``): who issued it, when, whether it is in force on the date asked, what it
covers or whom it concerns, and the sources of every fact shown.

>>> from mineralgraph import load_bundled
>>> found = controls(load_bundled().as_of("2025-06-01"))
>>> item = next(i for i in found if i["id"] == "control:cn-2025-04-rare-earths")
>>> item["issuer"], item["effective_from"], item["in_force"], "element:Dy" in item["covers"]
('country:CN', '2025-04-04', True, True)
"""

from __future__ import annotations

from datetime import date

from mineralgraph.graph.analysis.scenario import control_in_force, dated_node_in_force
from mineralgraph.graph.supply_graph import SupplyGraph

#: The kinds listed, and the word a view gives each.
KINDS = {"ExportControl": "control", "LicenceDecision": "licence"}
#: The relations a control or decision is listed with.
RELATIONS = ("ISSUED_BY", "COVERS", "TARGETS", "GRANTED_TO", "UNDER")


def _date(graph: SupplyGraph, node_id: str, name: str) -> str | None:
    value = graph.attribute(node_id, name)
    return value.isoformat() if hasattr(value, "isoformat") else value


def in_force_date(graph: SupplyGraph, today: date | None = None) -> date:
    """The date ``in_force`` is read on: the graph's ``--as-of`` date, else today."""
    return graph.as_of_date or today or date.today()


def controls(graph: SupplyGraph, today: date | None = None) -> list[dict]:
    """Every export control, then every licence decision, each sorted by id.

    ``in_force``: on :func:`in_force_date` (the ``--as-of`` date, else today), started
    (``effective_from``, for a decision else ``announced_on``) and not ended
    (``effective_to``): a control suspended until a later date is not in force (the
    October 2025 package until 10 Nov 2026). ``covers`` (materials and elements), ``targets``
    (countries), ``concerns`` (the companies a decision is GRANTED_TO, approved or
    denied) and ``under`` (the control a decision falls under) are ids, sorted;
    ``sources`` every source of the facts listed, sorted.
    """
    when = in_force_date(graph, today)
    expected = set(expected_events(graph))
    out = []
    for kind, word in KINDS.items():
        for node in sorted(graph.ids(kind)):
            if node in expected:
                continue
            claims = [c for cs in graph.attributes(node).values() for c in cs]
            relations = {}
            for relation in RELATIONS:
                found = graph.relation_claims(node, relation)
                claims += found
                relations[relation] = sorted({str(c.object) for c in found})
            in_force = (control_in_force(graph, node, when) if word == "control"
                        else dated_node_in_force(graph, node, when))
            out.append({
                "id": node, "kind": word, "label": graph.label(node),
                "issuer": next(iter(relations["ISSUED_BY"]), None),
                "regime": graph.attribute(node, "regime"),
                "decision": graph.attribute(node, "decision"),
                "end_use": sorted(str(v) for v in graph.values(node, "end_use")),
                "announced_on": _date(graph, node, "announced_on"),
                "effective_from": _date(graph, node, "effective_from"),
                "effective_to": _date(graph, node, "effective_to"),
                "in_force": bool(in_force),
                "covers": relations["COVERS"], "targets": relations["TARGETS"],
                "concerns": relations["GRANTED_TO"], "under": relations["UNDER"],
                "sources": sorted({s for c in claims for s in c.sources})})
    return out


def expected_events(graph: SupplyGraph) -> list[str]:
    """The controls and decisions a source only forecasts, plans or speculates about: every
    fact of theirs but a name carries a ``modality`` (a news article's "licences are likely
    to be approved"), so they are no decision and never listed as one (trial 6). Sorted.
    """
    modal = {c.subject for c in graph.modal}
    return sorted(node for kind in KINDS for node in graph.ids(kind) if node in modal
                  and set(graph.attributes(node)) <= {"label"}
                  and not any(graph.relation_claims(node, r) for r in RELATIONS))


__all__ = ["KINDS", "controls", "expected_events", "in_force_date"]
