"""The chokepoint report: a briefing summary, one ranked table per product, sources."""

from __future__ import annotations

from collections import Counter

from mineralgraph.graph.analysis.chokepoints import SUPPLIER_KINDS, ProductReport
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.output import markdown_table, md_text, text_table, to_csv, to_json
from mineralgraph.reports.common import SourceIndex, name, span, spof_text, thousands

COLUMNS = ["rank", "node", "kind", "stage", "country", "loss", "spof", "hhi", "sources"]
HEADERS = ["#", "node", "kind", "stage", "country", "loss", "SPOF", "HHI", "sources"]


def _largest(pairs, key):
    """The (chokepoint, report) pair with the largest ``key``, or (None, None)."""
    pairs = [(c, r) for c, r in pairs if c is not None]
    return max(pairs, key=lambda cr: (key(cr[0]), cr[0].id), default=(None, None))


def summary(reports: list[ProductReport], graph: SupplyGraph) -> str:
    """One paragraph: which products hang on a single supplier, and the worst stage."""
    hinged = [r for r in reports if r.supplier_spofs]
    parts = []
    scenarios = sorted({r.scenario for r in reports if r.scenario})
    if scenarios:
        kept = "; ".join(f"{r.label} keeps {span(*r.availability_range)}"
                         for r in reports[:3])
        parts.append(f"Under scenario {', '.join(scenarios)}, every figure is measured against "
                     f"what a product still gets under the scenario ({kept}).")
    parts.append(f"{len(hinged)} of {len(reports)} product(s) hang on a single supplier "
                 "(a country, company or facility, other than their maker, whose loss alone stops "
                 "them).")
    supplier_spofs = Counter(n for r in reports for n in r.supplier_spofs)
    if supplier_spofs:
        named = ", ".join(name(graph, n) for n, _ in supplier_spofs.most_common(5))
        parts.append(f"Those suppliers: {named}.")
    top, report = _largest(((r.worst_supplier, r) for r in reports), lambda c: c.loss)
    if top:
        stage = f" (at the {top.stage} stage)" if top.stage else ""
        parts.append(f"The worst exposure is {name(graph, top.id)}{stage}: without it, "
                     f"{report.label} would lose {span(*top.loss_range)} of its supply.")
    top, report = _largest(((c, r) for r in reports for c in r.chokepoints
                            if c.kind == "Country"), lambda c: c.loss)
    if top:
        parts.append(f"Of the countries, {name(graph, top.id)} matters most: without it, "
                     f"{report.label} would lose {span(*top.loss_range)}.")
    top, _ = _largest(((r.most_concentrated, r) for r in reports), lambda c: c.hhi)
    if top:
        where = f", led by {top.country.partition(':')[2]}" if top.country else ""
        parts.append(f"The most concentrated stage is {top.stage}: {top.label} "
                     f"(HHI {thousands(top.hhi)}{where}).")
    if graph.as_of_date is not None:
        edges = list(graph.edge_claims())
        dated = sum(1 for c in edges if c.valid_from or c.valid_to)
        parts.append(f"As of {graph.as_of_date}: {dated} of {len(edges)} relations carry "
                     "validity dates; the others (most production figures, which carry a "
                     "year instead) count at any date.")
    unmapped = sorted({m for r in reports for m in r.unmapped})
    if unmapped:
        parts.append(f"{len(unmapped)} upstream material(s) have no mapped supply and are "
                     "not counted as safe.")
    parts.append("Every product also needs each of its materials and elements: those are "
                 "single points of failure by definition, listed on their own lines.")
    return " ".join(parts)


def briefing_rows(report: ProductReport, top: int | None) -> list:
    """The rows a briefing table shows: suppliers that are SPOFs, then everything that is
    not a SPOF by loss. Material and element SPOFs are listed in one line instead."""
    shown = [c for c in report.chokepoints if not c.spof or c.kind in SUPPLIER_KINDS]
    return shown[:top] if top else shown


def rows(chokes: list, sources: SourceIndex) -> list[dict]:
    return [{"rank": i, "node": f"{c.label} ({c.id})" if c.label != c.id else c.id,
             "kind": c.kind, "stage": c.stage, "country": (c.country or "").partition(":")[2],
             "loss": ("≈" if c.assumed_share else "") + span(*c.loss_range),
             "spof": spof_text(c.spof_kind),
             "hhi": thousands(c.hhi), "sources": sources.cite(c.sources)}
            for i, c in enumerate(chokes, 1)]


def spof_lines(report: ProductReport, graph: SupplyGraph) -> list[str]:
    """The material and element SPOFs, one line each (they are SPOFs by definition)."""
    elements = [graph.attribute(n, "symbol") or n for n in report.all_spofs
                if n.startswith("element:")]
    materials = [graph.label(n) for n in report.all_spofs if n.startswith("material:")]
    lines = []
    if elements:
        lines.append(f"Needs every one of these elements: {', '.join(elements)}."
                     if len(elements) > 1 else f"Needs this element: {elements[0]}.")
    if materials:
        lines.append(f"Needs every one of these {len(materials)} materials: "
                     f"{'; '.join(materials)}." if len(materials) > 1
                     else f"Needs this material: {materials[0]}.")
    return lines


def heading(report: ProductReport) -> str:
    uses = ", ".join(report.end_use) or "no end use"
    when = report.as_of.isoformat() if report.as_of else "latest data"
    scenario = f", scenario {report.scenario}" if report.scenario else ""
    unmapped = (f" ({len(report.unmapped)} input(s) have no mapped supply: the range runs "
                "from losing them with their anchor country to keeping them)"
                if report.unmapped else "")
    flag = ("; may be unavailable " + ("under the scenario" if report.scenario else "at baseline")
            if report.may_be_unavailable else "")
    return (f"{report.label} ({report.product}): {uses}; availability "
            f"{span(*report.availability_range)} as of {when}{scenario}{flag}{unmapped}")


def range_lines(report: ProductReport, graph: SupplyGraph) -> list[str]:
    """The stages without mapped supply behind the product's range and rows' ranges."""
    lines = []
    if report.behind:
        lines.append("Availability is a range because these stages have no mapped supply: "
                     + "; ".join(graph.label(m) for m in report.behind) + ".")
    wide = [c for c in report.chokepoints if c.behind]
    for c in wide[:5]:
        lines.append(f"{c.label}: loss {span(*c.loss_range)} because of "
                     + "; ".join(graph.label(m) for m in c.behind) + ".")
    if report.possible_spofs:
        lines.append("Possible single points of failure (if the unmapped stages sit where "
                     "their anchor country is): "
                     + ", ".join(name(graph, n) for n in report.possible_spofs) + ".")
    return lines


def evidence_lines(report: ProductReport, graph: SupplyGraph, sources: SourceIndex,
                   shown_rows: list) -> list[str]:
    """The shortest supply path behind each supplier SPOF or top chokepoint shown."""
    lines = []
    shown = [c for c in shown_rows if c.kind in SUPPLIER_KINDS][:4]
    for c in [c for c in report.chokepoints if c.spof and c.kind == "Element"][:1] + shown:
        if not c.paths:
            continue
        path = c.paths[0]
        chain = " -> ".join([graph.label(path[0].source)] + [graph.label(s.target) for s in path])
        cited = sources.cite([s for step in path for s in step.sources])
        lines.append(f"{c.label}, loss {span(*c.loss_range)}: {chain} {cited}")
    return lines


def render_text(reports: list[ProductReport], graph: SupplyGraph, markdown: bool = False,
                top: int | None = 10) -> str:
    """The report as plain text (or Markdown, every line from data escaped)."""
    sources = SourceIndex(graph)
    table = markdown_table if markdown else text_table
    text = md_text if markdown else str
    out = ["# Supply-chain chokepoints" if markdown else "SUPPLY-CHAIN CHOKEPOINTS", "",
           text(summary(reports, graph)), ""]
    for report in reports:
        out += [f"## {text(heading(report))}" if markdown else heading(report), ""]
        out += [text(line) for line in spof_lines(report, graph) + range_lines(report, graph)]
        out += [""]
        shown = briefing_rows(report, top)
        out += [table(rows(shown, sources), COLUMNS, HEADERS) if shown
                else "No supplier mapped upstream.", ""]
        evidence = evidence_lines(report, graph, sources, shown)
        if evidence:
            out += ["Evidence (shortest supply path):" if not markdown else "**Evidence**", ""]
            out += [f"- {text(line)}" for line in evidence] + [""]
        if report.unmapped:
            out += [text("Supply not mapped: "
                         + ", ".join(name(graph, m) for m in report.unmapped)), ""]
    out += ["## Sources" if markdown else "SOURCES", ""]
    out += [text(line) for line in sources.listing(markdown)]
    out += ["", text("Loss: share of the product's supply lost without the node (dependency "
                     "model, AND-OR availability), as a range: the upper figure counts stages "
                     "without mapped supply as available, the lower one places them in their "
                     "anchor country (design note, 5.6). SPOF: loss 100% (possible: only if "
                     "the unmapped stages sit in the anchor country). HHI: concentration of the "
                     "stage's country shares, 0-10,000; above 2,500 is highly concentrated. ≈: "
                     "the node produces without a sourced share, so it is given its capacity's "
                     "part of world output where both are known (design note 5.4), else an "
                     "equal part of its country's (or the rest of the world's) share: an "
                     "assumption, not a figure.")]
    return "\n".join(out)


def render(reports: list[ProductReport], graph: SupplyGraph, fmt: str,
           top: int | None = 10) -> str:
    """The report in one of text, md, json, csv."""
    if fmt == "json":
        return to_json([r.as_dict() for r in reports])
    if fmt == "csv":
        flat = [{"product": r.product, "as_of": r.as_of, "scenario": r.scenario,
                 "baseline": round(r.baseline, 6), "availability": round(r.availability, 6),
                 "availability_low": round(r.availability_range[0], 6),
                 "rank": i, **c.as_dict()}
                for r in reports for i, c in enumerate(r.chokepoints, 1)]
        for row in flat:
            row.pop("paths")
            row["loss"] = round(row["loss"], 6)
            row["loss_low"], row["loss_high"] = row.pop("loss_range")
            row["spof"] = row["spof"] or ""
        return to_csv(flat, ["product", "as_of", "scenario", "baseline", "availability",
                             "availability_low", "rank", "id", "kind", "label", "loss",
                             "loss_low", "loss_high", "assumed_share", "spof", "stage",
                             "country", "hhi", "sources"])
    return render_text(reports, graph, markdown=fmt == "md", top=top)
