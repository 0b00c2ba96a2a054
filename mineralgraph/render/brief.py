"""A one-page brief: title, date, a three-sentence summary, the snapshot, the chokepoint
table, scenario results, numbered sources; as Markdown, self-contained HTML or PDF.

>>> from mineralgraph import load_bundled
>>> brief = build_brief(load_bundled(), "product:optimus")
>>> len(brief.summary)
3
>>> brief.table[0]["spof"]
'yes'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mineralgraph.graph.analysis import Analysis, chokepoints
from mineralgraph.graph.analysis.chokepoints import SUPPLIER_KINDS
from mineralgraph.graph.analysis.comparison import compare
from mineralgraph.graph.analysis.concentration import REST_OF_WORLD
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.flow import upstream
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model
from mineralgraph.output import markdown_table, md_text
from mineralgraph.render.chain import Chain, build_chain
from mineralgraph.render.layout import layout
from mineralgraph.reports.common import (
    SourceIndex,
    join_names,
    percent,
    span,
    spof_text,
    thousands,
)

#: Rows of the chokepoint table in a brief.
TABLE_ROWS = 10
COLUMNS = ["rank", "node", "kind", "stage", "country", "loss", "spof", "hhi", "sources"]
HEADERS = ["#", "supplier", "kind", "stage", "country", "loss", "SPOF", "HHI", "sources"]
SCENARIO_COLUMNS = ["product", "baseline", "availability", "loss", "new_spofs"]
SCENARIO_HEADERS = ["product", "baseline", "under scenario", "loss", "new single points"]


@dataclass
class Brief:
    """What a brief says, before it is written in a format."""

    title: str
    date: str
    chain: Chain
    summary: list[str]
    table: list[dict]
    table_note: str
    scenario_title: str | None = None
    scenario_rows: list[dict] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # citations, numbered from 1


def build_brief(graph: SupplyGraph, node_id: str, scenario: Scenario | None = None) -> Brief:
    """The content of a brief on ``node_id`` (a product gets its chokepoints; any other
    node, the products that depend on it)."""
    chain = build_chain(graph, node_id, scenario=scenario)
    index = SourceIndex(graph)
    index.numbers = {s: i for i, s in enumerate(chain.sources, 1)}
    when = graph.as_of_date.isoformat() if graph.as_of_date else "latest data"
    if model.kind_of(node_id) == "Product":
        summary, table, note = _product_part(graph, node_id, scenario, chain, index)
    else:
        summary, table, note = _node_part(graph, node_id, chain)
    brief = Brief(f"{graph.label(node_id)}: supply-chain brief", when, chain, summary, table,
                  note)
    if scenario is not None:
        brief.scenario_title = scenario.title or scenario.name
        brief.scenario_rows = _scenario_rows(graph, chain, scenario)
    brief.sources = [graph.citation(s) for s, _ in sorted(index.numbers.items(),
                                                            key=lambda kv: kv[1])]
    return brief


def _product_part(graph, product, scenario, chain, index):
    report = chokepoints(graph, [product], scenario)[0]
    baseline = Analysis(graph)
    ups = upstream(baseline.flow, product)
    elements = [n for n in ups if model.kind_of(n) == "Element"]
    materials = [n for n in ups if model.kind_of(n) == "Material"]
    countries = [n for n in ups if model.kind_of(n) == "Country" and n != REST_OF_WORLD]
    uses = ", ".join(report.end_use) or "no end use recorded"
    first = (f"{report.label} ({uses}) draws on {len(elements)} elements through "
             f"{len(materials)} mapped materials and components, with producers in "
             f"{len(countries)} countries")
    if scenario is not None:
        kept = [a / b if b > 0 else 0.0
                for a, b in zip(report.availability_range, report.baseline_range, strict=True)]
        first += (f"; under the scenario {scenario.name} it keeps {span(min(kept), max(kept))} "
                  f"of its supply")
    suppliers = [c for c in report.chokepoints if c.kind in SUPPLIER_KINDS
                 and c.id != REST_OF_WORLD]
    spofs = [c for c in suppliers if c.id in report.supplier_spofs]
    top = report.worst_supplier
    if spofs:
        second = (f"It cannot be made without {join_names([c.label for c in spofs[:4]])}"
                  + (f" (and {len(spofs) - 4} more)" if len(spofs) > 4 else "")
                  + ": each is a single point of failure among its suppliers")
    elif top is not None and top.loss > 0:
        stage = f" at the {top.stage} stage" if top.stage else ""
        second = (f"No single supplier can stop it; the worst exposure is {top.label}{stage}, "
                  f"whose loss would cut its supply by {span(*top.loss_range)}")
    else:
        second = "No mapped supplier's loss would cut its supply"
    concentrated = report.most_concentrated
    if concentrated is not None and concentrated.hhi is not None:
        lead = f", led by {graph.label(concentrated.country)}" if concentrated.country else ""
        third = (f"The most concentrated stage is {concentrated.stage}: {concentrated.label} "
                 f"(HHI {thousands(concentrated.hhi)}{lead})")
    else:
        third = "No stage of its chain has recorded country shares"
    rows = []
    for rank, c in enumerate(suppliers[:TABLE_ROWS], 1):
        rows.append({"rank": rank, "node": c.label, "kind": c.kind, "stage": c.stage or "",
                     "country": graph.label(c.country) if c.country else "",
                     "loss": ("≈" if c.assumed_share else "") + span(*c.loss_range),
                     "spof": spof_text(c.spof_kind),
                     "hhi": thousands(c.hhi), "sources": index.cite(c.sources)})
    inputs = [c for c in report.chokepoints if c.kind not in SUPPLIER_KINDS]
    note = (f"Suppliers (countries, companies, facilities) ranked by the share of "
            f"{report.label}'s supply lost without them; {len(suppliers)} in all. Every one "
            f"of its {len(inputs)} materials and elements is also indispensable by definition.")
    if any(c.assumed_share for c in suppliers[:TABLE_ROWS]):
        note += (" ≈: the supplier produces without a sourced share and is given an equal part "
                 "of its country's (or the rest of the world's) share: an assumption.")
    return [first + ".", second + ".", third + "."], rows, note


def _node_part(graph, node_id, chain):
    products = [n for n in chain.nodes.values() if n.kind == "Product"]
    stopped = [p for p in products if p.spof]
    label = graph.label(node_id)
    first = (f"{label} feeds {len(products)} mapped product(s)"
             + (f": {join_names([p.label for p in products[:5]])}" if products else ""))
    second = (f"Without it, {join_names([p.label for p in stopped[:5]])} cannot be made"
              if stopped else f"No product in view hangs on {label} alone")
    hhis = [n for n in chain.nodes.values() if n.hhi is not None]
    top = max(hhis, key=lambda n: (n.hhi, n.key), default=None)
    third = (f"The most concentrated stage in view is {graph.attribute(top.id, 'stage')}: "
             f"{top.label} (HHI {thousands(top.hhi)})" if top else
             "No stage in view has recorded country shares")
    rows = [{"rank": i, "node": p.label, "kind": "Product", "stage": "product",
             "country": "", "loss": percent(p.loss), "spof": "yes" if p.spof else "",
             "hhi": "", "sources": ""}
            for i, p in enumerate(sorted(products, key=lambda p: (-(p.loss or 0), p.key)), 1)]
    note = f"Products that depend on {label}, with the share of their supply lost without it."
    return [first + ".", second + ".", third + "."], rows, note


def _scenario_rows(graph: SupplyGraph, chain: Chain, scenario: Scenario) -> list[dict]:
    products = sorted(n.id for n in chain.nodes.values() if n.kind == "Product")
    def band(pair):
        low, high = f"{pair[0]:.2f}", f"{pair[1]:.2f}"
        return high if low == high else f"{low}-{high}"

    return [{"product": graph.label(row["product"]), "baseline": band(row["baseline_range"]),
             "availability": band(row["availability_range"]),
             "loss": span(*row["loss_range"]),
             "new_spofs": ", ".join([graph.label(n) for n in row["new_spofs"]]
                                    + [f"{graph.label(n)} (possible)"
                                       for n in row["new_possible_spofs"]]) or "none"}
            for row in compare(graph, scenario, products)]


# ---------------------------------------------------------------------- Markdown
def to_markdown(brief: Brief) -> bytes:
    """The brief as Markdown, the snapshot as a Mermaid block."""
    from mineralgraph.render.mermaid import to_mermaid

    chain = brief.chain
    out = [f"# {md_text(brief.title)}", "",
           f"*{md_text(chain.caption())}*", "", md_text(" ".join(brief.summary)), "",
           "## Snapshot", "", "```mermaid", to_mermaid(chain).rstrip("\n"), "```", "",
           "## Chokepoints", "", md_text(brief.table_note), ""]
    rows = [{k: md_text(v) for k, v in row.items()} for row in brief.table]
    out += [markdown_table(rows, COLUMNS, HEADERS, escape=str) if rows else "None mapped.", ""]
    if brief.scenario_title is not None:
        out += [f"## Scenario: {md_text(brief.scenario_title)}", ""]
        rows = [{k: md_text(v) for k, v in row.items()} for row in brief.scenario_rows]
        out += [markdown_table(rows, SCENARIO_COLUMNS, SCENARIO_HEADERS, escape=str), ""]
    out += ["## Sources", ""] + [f"{i}. {md_text(s)}" for i, s in enumerate(brief.sources, 1)]
    return ("\n".join(out) + "\n").encode("utf-8")


# ---------------------------------------------------------------------- HTML
def _html_table(rows: list[dict], columns: list[str], headers: list[str]) -> str:
    from mineralgraph.render.svg import escape

    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(row.get(c, '')))}</td>" for c in columns)
                   + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


TABLE_STYLE = ("<style>table{border-collapse:collapse;font-size:12px;margin:6px 0}"
               "th,td{border:1px solid #dde3e8;padding:3px 8px;text-align:left}"
               "th{background:#f6f8fa}.summary{font-size:15px;max-width:1100px;"
               "padding:4px 20px 8px;margin:0}</style>\n")


def to_html(brief: Brief) -> bytes:
    """The brief as one self-contained HTML page (interactive snapshot inline)."""
    from mineralgraph.render.html import html_page
    from mineralgraph.render.svg import escape, to_svg

    chain = brief.chain
    before = TABLE_STYLE + f"<p class=\"summary\">{escape(' '.join(brief.summary))}</p>\n"
    after = (f"<section><h2>Chokepoints</h2><p>{escape(brief.table_note)}</p>\n"
             + _html_table(brief.table, COLUMNS, HEADERS))
    if brief.scenario_title is not None:
        after += (f"<h2>Scenario: {escape(brief.scenario_title)}</h2>\n"
                  + _html_table(brief.scenario_rows, SCENARIO_COLUMNS, SCENARIO_HEADERS))
    after += "</section>\n"
    page = html_page(brief.title, to_svg(layout(chain), interactive=True), chain.caption(),
                     brief.sources, before, after)
    return page.encode("utf-8")


# ---------------------------------------------------------------------- PDF
PAGE = (11.69, 8.27)  # A4 landscape, inches


def to_pdf(brief: Brief) -> bytes:
    """The brief as a PDF: page 1 summary and snapshot, then the tables and sources."""
    import io
    import textwrap

    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from mineralgraph.output import text_table
    from mineralgraph.render.raster import draw

    buffer = io.BytesIO()
    text_kw = {"family": "DejaVu Sans", "parse_math": False, "va": "top"}
    with PdfPages(buffer, metadata={"CreationDate": None, "Producer": None,
                                    "Creator": "mineralgraph"}) as pdf:
        fig = Figure(figsize=PAGE)
        fig.text(0.04, 0.96, brief.title, fontsize=16, fontweight="bold", **text_kw)
        fig.text(0.04, 0.915, brief.chain.caption(), fontsize=9, color="#5f6b73", **text_kw)
        summary = textwrap.fill(" ".join(brief.summary), 150)
        fig.text(0.04, 0.885, summary, fontsize=9.5, **text_kw)
        scene = layout(brief.chain)
        lines = summary.count("\n") + 1
        top = 0.86 - 0.022 * lines
        ax = fig.add_axes((0.02, 0.02, 0.96, top - 0.02))
        ax.set_xlim(0, scene.width)
        ax.set_ylim(scene.height, 0)
        ax.set_aspect("equal", anchor="N")
        ax.set_axis_off()
        draw(scene, ax, scale=min(0.96 * PAGE[0] / (scene.width / 100),
                                  (top - 0.02) * PAGE[1] / (scene.height / 100)))
        pdf.savefig(fig)
        lines = ["CHOKEPOINTS", "", *textwrap.wrap(brief.table_note, 140), ""]
        lines += text_table(brief.table, COLUMNS, HEADERS).splitlines() if brief.table else [
            "None mapped."]
        if brief.scenario_title is not None:
            lines += ["", f"SCENARIO: {brief.scenario_title}", ""]
            lines += text_table(brief.scenario_rows, SCENARIO_COLUMNS,
                                SCENARIO_HEADERS).splitlines()
        lines += ["", "SOURCES", ""]
        for i, source in enumerate(brief.sources, 1):
            lines += textwrap.wrap(f"[{i}] {source}", 150, subsequent_indent="     ")
        per_page = 58
        for start in range(0, len(lines), per_page):
            fig = Figure(figsize=PAGE)
            fig.text(0.04, 0.96, "\n".join(lines[start:start + per_page]), fontsize=7.5,
                     family="DejaVu Sans Mono", parse_math=False, va="top")
            pdf.savefig(fig)
    return buffer.getvalue()


BRIEF_FORMATS = {".md": to_markdown, ".html": to_html, ".pdf": to_pdf}
