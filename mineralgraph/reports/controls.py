"""The export controls and licence decisions (:func:`mineralgraph.graph.controls.controls`)
as text, Markdown, JSON or CSV (``mineralgraph controls``)."""

from __future__ import annotations

from datetime import date

from mineralgraph.cells import fit, md_text
from mineralgraph.graph.controls import expected_events
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.common import SourceIndex
from mineralgraph.reports.tables import tabular

COLUMNS = ["id", "kind", "issuer", "dates", "in_force", "what", "targets", "sources"]
CSV_COLUMNS = ["id", "kind", "label", "issuer", "regime", "decision", "end_use",
               "announced_on", "effective_from", "effective_to", "in_force", "covers",
               "targets", "concerns", "under", "sources"]


def _dates(item: dict) -> str:
    """``announced 2025-04-04; from 2025-04-04; to 2025-11-10`` (the dates recorded)."""
    parts = [f"{word} {item[key]}" for word, key in (("announced", "announced_on"),
                                                     ("from", "effective_from"),
                                                     ("to", "effective_to")) if item[key]]
    return "; ".join(parts) or "no date recorded"


def _what(item: dict, graph: SupplyGraph) -> str:
    """What a control covers (its regime, end uses) or what a decision decided, for whom
    and under which control, in words."""
    def names(ids: list[str]) -> str:
        return "; ".join(graph.label(i) for i in ids)

    if item["kind"] == "control":
        head = item["regime"] or "regime not recorded"
        if item["end_use"]:
            head += f" ({', '.join(item['end_use'])} end use)"
        return f"{head}: covers {names(item['covers'])}" if item["covers"] else head
    head = item["decision"] or "decision not recorded"
    if item["concerns"]:
        head += f" for {names(item['concerns'])}"
    if item["under"]:
        head += f" under {names(item['under'])}"
    return head


def render_controls(items: list[dict], graph: SupplyGraph, fmt: str, when: date) -> str:
    """The controls and decisions in one of text, md, json, csv; ``when`` is the date
    ``in_force`` was read on."""
    csv = fmt == "csv"
    sources = SourceIndex(graph)
    controls = sum(1 for i in items if i["kind"] == "control")
    force = sum(1 for i in items if i["kind"] == "control" and i["in_force"])
    intro = (f"{controls} export control(s), {force} in force on {when.isoformat()} "
             f"({'the --as-of date' if graph.as_of_date else 'today; --as-of for another'}"
             f"), and {len(items) - controls} licence decision(s). In force: started "
             "(effective_from; a decision, announced_on) and not ended (effective_to); a "
             "control suspended until a later date is not in force until then. A "
             "decision concerns the companies it names (GRANTED_TO, approved or denied).")
    expected = expected_events(graph)
    if expected:
        intro += (f" Left out, never decisions: {len(expected)} event(s) a source only "
                  f"forecasts or plans ({', '.join(expected)}; `show ID` gives the claims).")
    if csv:
        table = [{**{k: item[k] for k in CSV_COLUMNS if k in item},
                  **{k: ";".join(item[k]) for k in ("end_use", "covers", "targets", "concerns",
                                                    "under", "sources")},
                  "in_force": "yes" if item["in_force"] else "no"} for item in items]
        columns = CSV_COLUMNS
    else:
        table = [{"id": item["id"], "kind": item["kind"],
                  "issuer": (item["issuer"] or "").partition(":")[2],
                  "dates": _dates(item), "in_force": "yes" if item["in_force"] else "no",
                  "what": _what(item, graph),
                  "targets": ", ".join(t.partition(":")[2] for t in item["targets"]),
                  "sources": sources.cite(item["sources"])} for item in items]
        columns = COLUMNS
    data = {"in_force_on": when.isoformat(), "as_of": (graph.as_of_date.isoformat()
                                                       if graph.as_of_date else None),
            "items": items, "expected_events": expected}
    if fmt in ("json", "csv"):
        return tabular("Export controls and licence decisions", table, columns, fmt, data,
                       graph, sources, intro)
    return _blocks(items, table, graph, sources, intro, fmt == "md")


def _blocks(items: list[dict], table: list[dict], graph: SupplyGraph, sources: SourceIndex,
            intro: str, md: bool) -> str:
    """Text and Markdown: one block per control or decision (a table's narrow columns
    would fold the lists of what a control covers into a word a line)."""
    text = md_text if md else str
    title = "Export controls and licence decisions"
    out = [f"# {title}" if md else title.upper(), "", text(intro), ""]
    for kind, heading in (("control", "Export controls"), ("licence", "Licence decisions")):
        rows = [(i, r) for i, r in zip(items, table, strict=True) if i["kind"] == kind]
        out += [f"## {heading}" if md else heading.upper(), ""]
        if not rows:
            out += ["(none)", ""]
        for item, row in rows:
            head = f"{item['id']}: {item['label']}"
            out.append(f"### {text(head)}" if md else head)
            issuer = graph.label(item["issuer"]) if item["issuer"] else "issuer not recorded"
            lines = [f"issued by {issuer}; {row['dates']}; in force: {row['in_force']}",
                     row["what"]]
            if item["targets"]:
                lines.append("targets: " + ", ".join(graph.label(t) for t in item["targets"]))
            lines.append(f"sources {row['sources']}")
            out += [f"- {text(line)}" if md else f"  {line}" for line in lines] + [""]
    if sources.numbers:
        out += ["## Sources" if md else "SOURCES", ""] + [text(line)
                                                         for line in sources.listing(md)]
    result = "\n".join(out).rstrip("\n")
    return result if md else fit(result)


__all__ = ["render_controls"]
