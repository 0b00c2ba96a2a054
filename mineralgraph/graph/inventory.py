"""What a graph holds: counts of facts, nodes, relations and sources (``mineralgraph info``).

>>> from mineralgraph import load_bundled
>>> held = graph_info(load_bundled())
>>> held.facts + held.source_records == len(load_bundled().claims), held.unsourced_facts
(True, 0)
>>> list(held.as_dict())[:4]
['facts', 'source_records', 'unsourced_facts', 'nodes']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.validation import share_conflicts

#: Source types from primary to derivative (the ontology's ``source_type`` values).
SOURCE_TYPES = ("statistics", "government", "company", "research", "press", "repost")


def fact_source_type(graph: SupplyGraph, claim: Claim) -> str:
    """The type of the strongest source a fact rests on (``not recorded`` when none of its
    sources has a type): a fact from USGS relayed by a blog counts as statistics."""
    types = {graph.attribute(s, "source_type") for s in claim.sources}
    return next((t for t in SOURCE_TYPES if t in types), "not recorded")


def is_source_record(graph: SupplyGraph, claim: Claim) -> bool:
    """Whether a claim describes a source (its title, publisher, address, date, type)
    rather than the supply chain: such records are counted apart from the facts."""
    return graph.kind(claim.subject) == "Source"


def fact_counts(graph: SupplyGraph) -> tuple[int, int]:
    """(facts about the supply chain, records describing the sources) of a graph, counted
    as ``info`` counts them (and ``build`` says them), each claim once."""
    records = sum(1 for c in graph.claims if is_source_record(graph, c))
    return len(graph.claims) - records, records


def unmapped_materials(graph: SupplyGraph) -> list[dict]:
    """Materials with no producer in the graph, each with why (``unmapped_reason``)."""
    return [{"id": m, "label": graph.label(m),
             "unmapped_reason": graph.attribute(m, "unmapped_reason")}
            for m in graph.ids("Material")
            if not graph.relation_claims(m, "PRODUCES", incoming=True)]


@dataclass(frozen=True)
class GraphInfo:
    """Counts of what a graph holds (:func:`graph_info`); :meth:`as_dict` is the JSON of
    ``mineralgraph info``."""

    facts: int
    source_records: int
    unsourced_facts: int
    nodes: int
    nodes_by_kind: dict[str, int]
    edges: int
    edges_by_relation: dict[str, int]
    sources: int
    date_range: list[str] | None
    as_of: str | None
    share_conflicts: list[dict]
    min_confidence: str | None
    facts_by_source_type: dict[str, int]
    repost_share: float
    materials_without_producer: list[dict]
    #: the sets of country shares from press, reposts and news the analysis sets aside
    #: (design note 5.5), by material
    press_figures_not_used: list[dict] = field(default_factory=list)
    #: read under ``--press-figures`` (such sets used where no statistical one exists)
    press_figures: bool = False

    def as_dict(self) -> dict:
        """The counts as plain data, in field order (``press_figures`` only when on)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__
                if name != "press_figures" or self.press_figures}


def graph_info(graph: SupplyGraph) -> GraphInfo:
    """Counts of what a graph holds: facts about the supply chain (and those facts by the
    type of their strongest source, and the share that rests on reposts alone), the
    bibliographic records of the sources apart from them, nodes by kind, edges by
    relation, sources, dates, and the materials with no producer with the reason recorded
    for each."""
    dates = sorted(d for c in graph.claims for d in (c.valid_from, c.valid_to) if d)
    dates += sorted(c.object for c in graph.claims
                    if c.predicate in ("published", "effective_from", "effective_to"))
    records = [c for c in graph.claims if is_source_record(graph, c)]
    facts = [c for c in graph.claims if not is_source_record(graph, c)]
    by_type = Counter(fact_source_type(graph, c) for c in facts)
    return GraphInfo(
        facts=len(facts),
        source_records=len(records),
        unsourced_facts=sum(1 for c in graph.claims if not c.sources),
        nodes=len(graph),
        nodes_by_kind=dict(sorted(Counter(graph.kind(n) for n in graph.ids()).items())),
        edges=sum(1 for _ in graph.edge_claims()),
        edges_by_relation=dict(sorted(
            Counter(c.predicate for c in graph.edge_claims()).items())),
        sources=len(graph.sources()),
        date_range=[min(dates).isoformat(), max(dates).isoformat()] if dates else None,
        as_of=graph.as_of_date.isoformat() if graph.as_of_date else None,
        share_conflicts=[
            {"material": c.material, "used": c.chosen.as_dict(),
             "disagreeing": [o.as_dict() for o in c.others]} for c in share_conflicts(graph)],
        min_confidence=graph.min_confidence,
        facts_by_source_type=dict(sorted(
            by_type.items(), key=lambda kv: (SOURCE_TYPES + ("not recorded",)).index(kv[0]))),
        repost_share=round(by_type["repost"] / len(facts), 4) if facts else 0.0,
        materials_without_producer=unmapped_materials(graph),
        press_figures_not_used=[{"material": m, **item.as_dict()}
                                for m in sorted(graph.share_choices())
                                for item in graph.press_set_aside(m)],
        press_figures=graph.press_figures,
    )


__all__ = ["GraphInfo", "SOURCE_TYPES", "fact_counts", "fact_source_type", "graph_info",
           "is_source_record", "unmapped_materials"]
