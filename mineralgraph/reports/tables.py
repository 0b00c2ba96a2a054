"""Reports of the smaller analyses: concentration, dependents, paths, scenarios."""

from __future__ import annotations

from mineralgraph.graph.analysis.chokepoints import PathStep
from mineralgraph.graph.analysis.concentration import HIGHLY_CONCENTRATED, Concentration
from mineralgraph.graph.analysis.confidence import Caveats
from mineralgraph.graph.flow import FLOW_VERBS
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.output import fit, markdown_table, md_text, text_table, to_csv, to_json
from mineralgraph.reports.common import SourceIndex, join_names, name, percent, thousands
from mineralgraph.reports.summary import proxy_sentences, rests_on

#: Shorter headers for text tables, so that they fit 80 columns.
SHORT_HEADERS = {"confidence": "conf.", "not_mapped": "unmapped", "new_spofs": "new SPOFs",
                 "highly_concentrated": "high"}


def tabular(title: str, rows: list[dict], columns: list[str], fmt: str, data,
            graph: SupplyGraph, sources: SourceIndex | None = None, intro: str = "") -> str:
    """A titled table in text or Markdown, the data as JSON, or the rows as CSV."""
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        return to_csv(rows, columns)
    md = fmt == "md"
    text = md_text if md else str
    out = [f"# {text(title)}" if md else title.upper(), ""]
    if intro:
        out += [text(line) for line in intro.splitlines()] + [""]
    headers = [column if md else SHORT_HEADERS.get(column, column) for column in columns]
    out.append((markdown_table if md else text_table)(rows, columns, headers)
               if rows else "(none)")
    if sources and sources.numbers:
        out += ["", "## Sources" if md else "SOURCES", ""]
        out += [text(line) for line in sources.listing(md)]
    return "\n".join(out) if md else fit("\n".join(out))


def share_list(shares: dict[str, float], fmt: str, most: int = 4) -> str:
    """Country shares, largest first: ``CN 69%, US 12%, +3 more`` (CSV: all, as fractions).

    >>> share_list({"CN": 0.6923, "US": 0.1154, "MM": 0.0795}, "text", most=2)
    'CN 69%, US 12%, +1 more'
    """
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "csv":
        return ";".join(f"{code}={share}" for code, share in ranked)
    shown = ", ".join(f"{code} {percent(share)}" for code, share in ranked[:most])
    return shown + (f", +{len(ranked) - most} more" if len(ranked) > most else "")


def render_concentration(items: list[Concentration], graph: SupplyGraph, fmt: str,
                         asked: list[str] | None = None) -> str:
    """Country shares, top shares and HHI per material and stage (``asked``: the materials
    the user named, so that one without country shares is said to have none)."""
    sources = SourceIndex(graph)
    csv = fmt == "csv"
    rows = [{"material": c.material if csv else c.label, "stage": c.stage, "year": c.year,
             "shares": share_list(c.shares, fmt),
             "top_country": (c.top_country or "").partition(":")[2],
             "top1": percent(c.top1) if not csv else c.top1,
             "top3": percent(c.top3) if not csv else c.top3,
             "hhi": thousands(c.hhi) if not csv else c.hhi,
             "highly_concentrated": c.hhi > HIGHLY_CONCENTRATED,
             "sources": sources.cite(c.sources) if not csv else ";".join(c.sources)}
            for c in items]
    high = sum(1 for c in items if c.hhi > HIGHLY_CONCENTRATED)
    intro = (f"{high} of {len(items)} material stage(s) are highly concentrated (HHI above "
             "2,500). Rest of world is left out of HHI and top shares.")
    missing = sorted(set(asked or ()) - {c.material for c in items})
    if missing:
        intro += (" No country shares are recorded for "
                  f"{join_names([name(graph, m) for m in missing])}: their supply is not "
                  "mapped by country.")
    columns = (["material", "stage", "year", "shares", "top1", "top3", "hhi",
                "highly_concentrated", "sources"] if not csv else
               ["material", "stage", "year", "top_country", "top1", "top3", "hhi",
                "highly_concentrated", "shares", "sources"])
    return tabular("Concentration by material and stage", rows, columns, fmt,
                   [c.as_dict() for c in items], graph, sources, intro)


def render_dependents(node_id: str, losses: dict[str, float], graph: SupplyGraph,
                      fmt: str, caveats: dict[str, Caveats] | None = None) -> str:
    """The products that depend on a node, with the loss each would suffer without it and
    what that loss rests on (``caveats``, per product)."""
    caveats = caveats or {}
    ranked = sorted(losses.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [{"product": p, "label": graph.label(p), "end_use": graph.values(p, "end_use"),
             "loss": percent(loss) if fmt not in ("csv", "json") else round(loss, 6),
             "spof": loss >= 1.0 - 1e-9,
             **_caveat_cells(caveats.get(p, Caveats()) if loss > 0 else Caveats(), fmt)}
            for p, loss in ranked]
    intro = (f"{len(rows)} product(s) have a supply path from {name(graph, node_id)}; "
             f"{sum(1 for r in rows if r['spof'])} cannot be made without it.")
    data = {"node": node_id, "dependents": rows}
    return tabular(f"Products depending on {graph.label(node_id)}", rows,
                   ["product", "label", "end_use", "loss", "spof", "confidence"]
                   + (["proxies", "assumed_share"] if fmt == "csv" else []),
                   fmt, data, graph, intro=intro)


def _caveat_cells(caveats: Caveats, fmt: str) -> dict:
    """The confidence of a row: one ``low, proxy`` cell in text and Markdown; the level,
    the proxies and the assumed-share flag apart in CSV and JSON."""
    if fmt in ("csv", "json"):
        data = caveats.as_dict()
        if fmt == "csv":
            data["proxies"] = ";".join(f"{p['subject']}>{p['object']}: {p['measured_for']}"
                                       for p in data["proxies"])
        return data
    return {"confidence": caveats.describe()}


def render_paths(source: str, target: str, paths: list[list[PathStep]], graph: SupplyGraph,
                 fmt: str) -> str:
    if fmt == "json":
        return to_json({"from": source, "to": target,
                        "paths": [[s.__dict__ for s in p] for p in paths]})
    sources = SourceIndex(graph)
    rows = [{"path": n, "step": i, "from": s.source,
             "relation": f"{FLOW_VERBS[s.relation]} ({s.relation})" if fmt != "csv"
             else s.relation, "to": s.target,
             "share": s.share if fmt == "csv" else percent(s.share),
             "confidence": s.confidence,
             "caveat": "; ".join(part for part in (
                 f"proxy: measured for {s.proxy}" if s.proxy else "", s.note or "") if part),
             "sources": (sources.cite(s.sources) if fmt != "csv"
                                           else ";".join(s.sources))}
            for n, path in enumerate(paths, 1) for i, s in enumerate(path, 1)]
    intro = f"{len(paths)} supply path(s) from {name(graph, source)} to {name(graph, target)}."
    return tabular("Supply paths", rows, ["path", "step", "from", "relation", "to", "share",
                                          "confidence", "caveat", "sources"],
                   fmt, None, graph, sources, intro)


def availability(value: float, fmt: str):
    """An availability for a table: 3 decimals, and never 0.000 when some supply is left.

    >>> availability(0.0004, "text"), availability(0.0004, "csv"), availability(1.0, "md")
    ('<0.001', 0.0004, '1.000')
    """
    if fmt == "csv":
        return round(value, 6)
    return "<0.001" if 0 < value < 0.0005 else f"{value:.3f}"


def render_scenario(result: dict, graph: SupplyGraph, fmt: str) -> str:
    if fmt == "json":
        return to_json(result)
    rows = [{"product": r["product"], "end_use": r["end_use"],
             "baseline": availability(r["baseline"], fmt),
             "scenario": availability(r["availability"], fmt),
             "loss": percent(r["loss"]) if fmt != "csv" else round(r["loss"], 6),
             "new_spofs": r["new_spofs"],
             "not_mapped": len(r["supply_not_mapped"]) or "",
             **_caveat_cells(_row_caveats(r), fmt)} for r in result["products"]]
    hit = [r for r in result["products"] if r["loss"] > 0]
    worst = [r for r in hit if percent(r["loss"]) == percent(hit[0]["loss"])] if hit else []
    intro = f"Scenario {result['scenario']}: {result['title']}. " if result["title"] else ""
    intro += f"{len(hit)} of {len(rows)} product(s) lose supply"
    if len(worst) == 1:
        intro += (f"; the hardest hit is {name(graph, worst[0]['product'])}, losing "
                  f"{percent(worst[0]['loss'])}.")
    elif worst:
        intro += (f"; the hardest hit are {join_names([name(graph, r['product']) for r in worst])}"
                  f", each losing {percent(worst[0]['loss'])}.")
    else:
        intro += "."
    weak = Caveats()
    for row in worst:
        weak |= _row_caveats(row)
    if worst and weak.weak:
        intro += (f" {'That figure' if len(worst) == 1 else 'Those figures'} "
                  f"{rests_on(weak)}.")
        intro += "".join(f" {s}" for s in proxy_sentences(graph, weak))
    if graph.min_confidence:
        intro += (f"\nRelations rated below {graph.min_confidence} confidence are left out "
                  f"(--min-confidence {graph.min_confidence}).")
    blind = [r["product"] for r in result["products"] if r["supply_not_mapped"]]
    if blind:
        intro += (f"\n{len(blind)} product(s) have inputs whose supply is not mapped (column "
                  "not_mapped): a 0% loss there means unknown, not safe.")
    for note in result.get("notes", []):
        intro += f"\nNote: {note}"
    return tabular("Scenario", rows, ["product", "end_use", "baseline", "scenario", "loss",
                                      "new_spofs", "not_mapped", "confidence"]
                   + (["proxies", "assumed_share"] if fmt == "csv" else []), fmt, result,
                   graph, intro=intro)


def _row_caveats(row: dict) -> Caveats:
    """The caveats of a scenario result row (from :func:`compare`)."""
    return Caveats(row.get("confidence"),
                   tuple((p["subject"], p["object"], p["measured_for"])
                         for p in row.get("proxies", ())), bool(row.get("assumed_share")))


def render_spofs(report, graph: SupplyGraph, fmt: str) -> str:
    """The single points of failure of one product, each with its shortest path."""
    sources = SourceIndex(graph)
    spofs = [c for c in report.chokepoints if c.spof]
    rows = [{"id": c.id, "kind": c.kind, "label": c.label, "stage": c.stage,
             "via": " -> ".join([graph.label(c.paths[0][0].source)]
                                + [graph.label(s.target) for s in c.paths[0]]) if c.paths else "",
             **_caveat_cells(c.caveats, fmt),
             "sources": (sources.cite(c.sources) if fmt not in ("csv", "json")
                         else c.sources)} for c in spofs]
    suppliers = sum(1 for c in spofs if c.kind in ("Country", "Company", "Facility"))
    when = report.as_of.isoformat() if report.as_of else "the latest data"
    under = f" under scenario {report.scenario}" if report.scenario else ""
    intro = (f"As of {when}{under}, {report.label} ({report.product}) has {len(spofs)} single "
             f"point(s) of failure, {suppliers} of them supplier(s) (a country, company or "
             "facility).")
    if report.unmapped:
        intro += (f" {len(report.unmapped)} input(s) have no mapped supply and may hide "
                  "more.")
    data = {"product": report.product, "as_of": report.as_of, "scenario": report.scenario,
            "spofs": rows,
            "supply_not_mapped": report.unmapped}
    return tabular(f"Single points of failure: {report.label}", rows,
                   ["id", "kind", "stage", "via", "confidence", "sources"]
                   + (["proxies", "assumed_share"] if fmt == "csv" else []),
                   fmt, data, graph, sources, intro)
