"""What a graph holds (:class:`~mineralgraph.graph.inventory.GraphInfo`) as text,
Markdown, JSON or CSV (``mineralgraph info``)."""

from __future__ import annotations

from mineralgraph.cells import fit, markdown_table, md_text, text_table, to_csv, to_json
from mineralgraph.graph.inventory import GraphInfo

#: Columns of the CSV: one row per count (``measure``, the ``key`` counted, ``value``).
CSV_COLUMNS = ["measure", "key", "value"]


def info_rows(info: GraphInfo) -> list[dict]:
    """The counts as long rows: totals, then nodes by kind, edges by relation, facts by
    the type of their strongest source, and the materials without a producer (the value
    is the reason recorded, empty when none)."""
    rows = [{"measure": name, "key": "", "value": getattr(info, name)}
            for name in ("facts", "source_records", "unsourced_facts", "repost_share", "nodes",
                         "edges", "sources")]
    if info.date_range:
        rows += [{"measure": "first_date", "key": "", "value": info.date_range[0]},
                 {"measure": "last_date", "key": "", "value": info.date_range[1]}]
    for measure, key in (("as_of", info.as_of), ("min_confidence", info.min_confidence)):
        if key:
            rows.append({"measure": measure, "key": "", "value": key})
    for measure in ("nodes_by_kind", "edges_by_relation", "facts_by_source_type"):
        rows += [{"measure": measure, "key": k, "value": v}
                 for k, v in getattr(info, measure).items()]
    rows += [{"measure": "material_without_producer", "key": m["id"],
              "value": m["unmapped_reason"] or ""} for m in info.materials_without_producer]
    rows += [{"measure": "share_conflict", "key": c["material"], "value": c["used"]["source"]}
             for c in info.share_conflicts]
    rows += [{"measure": "press_figures_not_used", "key": p["material"], "value": p["source"]}
             for p in info.press_figures_not_used]
    if info.press_figures:
        rows.append({"measure": "press_figures", "key": "", "value": "yes"})
    return rows


def render_info(info: GraphInfo, fmt: str = "text") -> str:
    """The counts as ``text`` (fitted to the terminal), ``md``, ``json`` or ``csv``."""
    if fmt == "json":
        return to_json(info.as_dict())
    if fmt == "csv":
        return to_csv(info_rows(info), CSV_COLUMNS)
    kinds = [{"kind": k, "nodes": v} for k, v in info.nodes_by_kind.items()]
    rels = [{"relation": k, "edges": v} for k, v in info.edges_by_relation.items()]
    table = markdown_table if fmt == "md" else text_table
    span = " to ".join(info.date_range or ["-"])
    head = (f"{info.facts} facts about the supply chain ({info.unsourced_facts} without a "
            f"source, {info.repost_share:.1%} resting on reposts alone) and "
            f"{info.source_records} records describing the sources; {info.nodes} nodes, "
            f"{info.edges} relations, {info.sources} sources; "
            f"dates {span}.")
    if info.min_confidence:
        head += (f" Relations rated below {info.min_confidence} confidence are left out "
                 f"(--min-confidence {info.min_confidence}).")
    types = [{"strongest source": k, "facts": v}
             for k, v in info.facts_by_source_type.items()]
    unmapped = info.materials_without_producer
    missing = sum(1 for m in unmapped if not m["unmapped_reason"])
    gaps = [{"material": f"{m['label']} ({m['id']})",
             "why no producer is mapped": m["unmapped_reason"] or "(no reason recorded)"}
            for m in unmapped]
    parts = [head, table(kinds, ["kind", "nodes"]), table(rels, ["relation", "edges"]),
             "Facts about the supply chain by the type of their strongest source:",
             table(types, ["strongest source", "facts"]),
             f"{len(unmapped)} material(s) have no producer; {missing} without a recorded "
             "reason:", table(gaps, ["material", "why no producer is mapped"])]
    if info.press_figures_not_used:
        parts.append("Country shares from press, not used by the analysis (design note 5.5; "
                     "mineralgraph --press-figures ... uses them where no statistical figure "
                     "exists):\n" + "\n".join(
                         f"  {p['material']}: press figure, not used: "
                         + ", ".join(f"{c.partition(':')[2]} {100 * s:.0f}%"
                                     + (f" (the source states {p['stated'][c]})"
                                        if c in p.get("stated", {}) else "")
                                     for c, s in sorted(p["shares"].items(),
                                                        key=lambda kv: (kv[0] == "country:XX",
                                                                        -kv[1], kv[0])))
                         + f" ({p['year']}; {p['source']})"
                         for p in info.press_figures_not_used))
    if info.press_figures:
        from mineralgraph.reports.common import PRESS_FIGURES_LINE

        parts.insert(1, PRESS_FIGURES_LINE)
    if info.share_conflicts:
        parts.append("\n".join(
            f"Competing country shares of {c['material']}: {c['used']['source']} "
            f"({c['used']['year']}) is used; "
            + ", ".join(o["source"] for o in c["disagreeing"]) + " disagree(s)."
            for c in info.share_conflicts))
    if fmt == "md":
        parts = [md_text(p) if not p.startswith("|") else p for p in parts]
        return "\n\n".join(parts)
    return fit("\n\n".join(parts))
