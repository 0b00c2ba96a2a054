"""A one-page brief: title, date, a three-sentence summary, the snapshot, the chokepoint
table, scenario results, numbered sources; as Markdown, self-contained HTML or PDF.

For a product the picture is the compact snapshot (:mod:`compact`) and every figure
comes from its :class:`~mineralgraph.graph.analysis.exposure.Exposure`, computed by the
caller (:func:`~mineralgraph.graph.analysis.exposure.brief_exposure`, from the ``brief``
command or :func:`mineralgraph.api.brief`) and passed in; the PDF is one page, two when
one cannot hold it with the picture's text at 7 pt (:mod:`brief_pdf`), the HTML prints
as that page, and the Markdown is plain text that survives pasting into a word processor.

>>> from mineralgraph import load_bundled
>>> from mineralgraph.graph.analysis.exposure import brief_exposure
>>> graph = load_bundled()
>>> brief = build_brief(graph, brief_exposure(graph, "product:optimus"))
>>> len(brief.summary)
3
>>> brief.table[0]["spof"]
'yes'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mineralgraph.cells import markdown_table
from mineralgraph.graph.analysis.chokepoints import SUPPLIER_KINDS
from mineralgraph.graph.analysis.concentration import REST_OF_WORLD, concentration_support
from mineralgraph.graph.analysis.confidence import Caveats, support_key
from mineralgraph.graph.analysis.exposure import ChainExposure, Exposure
from mineralgraph.graph.flow import flow_graph, upstream
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model
from mineralgraph.render.chain import Chain, build_chain
from mineralgraph.render.compact import TABLE_ROWS, assumption_lines, compact_chain
from mineralgraph.reports.common import (
    SourceIndex,
    join_names,
    press_beside,
    reading_lines,
    source_citation,
    span,
    spof_text,
    thousands,
)
from mineralgraph.reports.summary import (
    dispute_sentences,
    headline_phrase,
    low_claims_by_row,
    pool_feed_sentence,
    possessive,
    product_story,
    share_mark_text,
    story,
    unmapped_sentence,
    untraced_sentence,
    weak_after_table,
    weak_claims,
)
from mineralgraph.reports.tables import beyond_clause

COLUMNS = ["rank", "node", "kind", "stage", "country", "loss", "spof", "hhi", "confidence",
           "sources"]
HEADERS = ["#", "supplier", "kind", "stage", "country", "loss", "SPOF", "HHI", "confidence",
           "sources"]
#: The scenario table: one quantity (the loss, a % range) with its confidence, as the
#: scenario report and the chokepoint table give it.
SCENARIO_COLUMNS = ["product", "loss", "confidence", "new_spofs"]
SCENARIO_HEADERS = ["product", "loss", "confidence", "new single points"]


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
    #: what the table's figures assume and rest on, for after the table (its lead,
    #: ``table_note``, goes before it): the answer first (findings 11)
    table_notes: str = ""
    #: the other claims rated low, proxies or disputed that the summary's figures rest
    #: on, for right after the table (the summary gives the weakest; findings 12)
    weak_note: str = ""
    scenario_rows: list[dict] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # citations, numbered from 1
    links: list[str | None] = field(default_factory=list)  # each source's http(s) URL
    short: list[str] = field(default_factory=list)  # type, title, date, site: small print

    #: what the listed sources are (the table's, or the picture's when it cites none)
    cited_by: str = "table"

    @property
    def caption(self) -> str:
        """Date, scenario, dataset and the sources counted as what they are: those the
        brief lists (cited in its table) and, apart, those behind the picture.

        The count of the numbered list is the count of the list, never of something
        else; the picture's sources are named as such."""
        n, drawn = len(self.sources), len(self.chain.sources)
        listed = f"{n} source{'' if n == 1 else 's'}"
        if self.cited_by == "list":
            return self.chain.caption(f"{listed}, listed below, numbered as the product's "
                                      "chokepoint report and snapshot number them",
                                      keeps=False)
        if self.cited_by == "picture":
            return self.chain.caption(f"{listed} behind the picture, listed below",
                                      keeps=False)
        return self.chain.caption(f"{listed} cited in the table, listed below; the picture "
                                  f"draws on {drawn}", keeps=False)


def citation(graph: SupplyGraph, source: str) -> str:
    """A source's citation as the text report prints it (:func:`source_citation`, the
    one function every list of sources uses): for a repost its original or where the
    original was searched, for a source read in a copy "Read in a copy: URL"."""
    return source_citation(graph, source)


def short_citation(graph: SupplyGraph, source: str) -> str:
    """``press: Title (2024-01-02), site.com``: a citation for small print, the full
    address kept as the link, followed by what the full citation says after that address
    (a repost's original or where it was searched, "Read in a copy: URL"), so print says
    what the text report says of where a figure comes from (trial 8, LOW-9)."""
    from urllib.parse import urlsplit

    full = citation(graph, source)
    kind = graph.attribute(source, "source_type") or "type not recorded"
    when = graph.attribute(source, "published")
    url = link(graph, source)
    if not url or url not in full:
        return full
    site = urlsplit(url).netloc.removeprefix("www.")
    text = f"{kind}: {graph.label(source)}" + (f" ({when})" if when else "")
    return text + (f", {site}" if site else "") + full.split(url, 1)[1]


def link(graph: SupplyGraph, source: str) -> str | None:
    """The source's URL when it is a plain http(s) address (never another scheme)."""
    url = str(graph.attribute(source, "url") or "")
    ok = url.startswith(("https://", "http://")) and not any(
        c.isspace() or c in "<>\"'`" for c in url)
    return url if ok else None


def build_brief(graph: SupplyGraph, found: Exposure | ChainExposure) -> Brief:
    """The content of a brief (a product gets its chokepoints; any other node, the
    products that depend on it).

    ``found`` is what :func:`~mineralgraph.graph.analysis.exposure.brief_exposure`
    computed for the node under its scenario: a product's :class:`Exposure`, or another
    node's :class:`ChainExposure` with the scenario's rows.
    """
    when = graph.as_of_date.isoformat() if graph.as_of_date else "latest data"
    index = SourceIndex(graph)
    scenario = found.scenario
    if isinstance(found, Exposure):
        node_id = found.report.product
        chain = compact_chain(graph, found.report, found.blocked)
        # the product's one list of sources (compact.citation_list): its chokepoint
        # report's numbers, then those of the picture and the table; the table cites by it
        index.numbers = dict(chain.numbering)
        summary, table, (note, notes, weak) = _product_part(graph, found, chain, index)
        cited_by = "list"
        chain.numbering = dict(index.numbers)
    else:
        cited_by = "picture"
        node_id = found.focus
        chain = build_chain(graph, found)
        index.numbers = {s: i for i, s in enumerate(chain.sources, 1)}
        summary, table, note = _node_part(graph, node_id, chain, found.caveats)
        notes = weak = ""
        summary[1] = summary[1][:-1] + beyond_clause(graph, node_id, found.beyond) + "."
    brief = Brief(f"{graph.label(node_id)}: supply-chain brief", when, chain, summary, table,
                  note, cited_by=cited_by, table_notes=notes, weak_note=weak)
    if scenario is not None:
        brief.scenario_title = scenario.title or scenario.name
        brief.scenario_rows = _scenario_rows(graph, found.comparison)
    numbered = [s for s, _ in sorted(index.numbers.items(), key=lambda kv: kv[1])]
    brief.sources = [citation(graph, s) for s in numbered]
    brief.links = [link(graph, s) for s in numbered]
    brief.short = [short_citation(graph, s) for s in numbered]
    return brief


def in_sentence(label: str) -> str:
    """A label inside a sentence: a capital that only starts the label is lowered, a
    symbol or acronym (NdPr, GaN, AN/APG-81) is kept.

    >>> in_sentence("Samarium oxide (separated)"), in_sentence("NdPr oxide (separated)")
    ('samarium oxide (separated)', 'NdPr oxide (separated)')
    """
    first = label.split(" ")[0]
    return label[:1].lower() + label[1:] if first[1:] == first[1:].lower() else label


def _cause(chain: Chain) -> str:
    """What the scenario blocks on the drawn paths: ``China's Samarium oxide (91%)``."""
    parts = []
    for node in sorted(chain.nodes.values(), key=lambda n: (n.column, n.key)):
        for bar in node.bars:
            if bar.blocked:
                # every driver with its confidence, as the text report gives it (trial 6,
                # L5: "proxy" alone beside "low, proxy")
                tags = [t for t in bar.note.split(", ") if t and t != "low"]
                said = ", ".join(([f"{bar.confidence} confidence"] if bar.confidence
                                  else []) + tags)
                parts.append(f"{bar.label}'s {in_sentence(node.label)} "
                             f"({replace(bar, note='').share_text()} of world output"
                             + (f"; {said}" if said else "") + ")")
    return join_names(parts[:3])


def _counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``n`` and its noun, singular for one: "1 element", "2 elements".

    >>> _counted(1, "element"), _counted(3, "country", "countries")
    ('1 element', '3 countries')
    """
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def _product_part(graph, found: Exposure, chain: Chain, index: SourceIndex):
    report = found.report
    product = report.product
    ups = upstream(flow_graph(graph), product)
    elements = [n for n in ups if model.kind_of(n) == "Element"]
    materials = [n for n in ups if model.kind_of(n) == "Material"]
    countries = [n for n in ups if model.kind_of(n) == "Country" and n != REST_OF_WORLD]
    uses = ", ".join(report.end_use) or "no end use recorded"
    first = (f"{report.label} ({uses}) draws on {_counted(len(elements), 'element')} "
             f"through {_counted(len(materials), 'mapped material')} and components, with "
             f"producers in {_counted(len(countries), 'country', 'countries')}")
    # the analysis' rank: the place among the suppliers, rest of the world included
    suppliers = [c for c in report.chokepoints if c.rank is not None]
    rows = []
    for c in suppliers[:TABLE_ROWS]:
        rows.append({"rank": c.rank, "node": c.label, "kind": c.kind, "stage": c.stage or "",
                     "country": graph.label(c.country) if c.country else "",
                     "loss": ("≈" if c.assumed_share else "") + span(*c.loss_range),
                     "spof": spof_text(c.spof_kind, c.through_makers),
                     "hhi": thousands(c.hhi),
                     # as the text report's table writes it (the ≈ is on the loss)
                     "confidence": replace(c.caveats, assumed_share=False).describe(),
                     "sources": index.cite(c.sources)})
    inputs = [c for c in report.chokepoints if c.kind not in SUPPLIER_KINDS]
    # under a scenario a loss is a share of what the product still gets (as in the text
    # report), said with that remainder
    basis = chain.loss_basis()
    lost = (f"share lost without them of {basis.replace('it still', report.label + ' still')}"
            ", not of its whole supply" if basis
            else f"share of {report.label}'s supply lost without them")
    lead = (f"Suppliers (countries, companies, facilities) ranked by the "
            f"{lost}; {len(suppliers)} in all. Every one "
            f"of its {len(inputs)} materials and elements is also indispensable by definition.")
    # what the figures assume and rest on follows the table, each caveat once (findings
    # 11: some 1,100 words of them stood between the heading and the table)
    note = ""
    if any(c.through_makers for c in suppliers[:TABLE_ROWS]):
        note += (" Via maker: a SPOF whose loss comes only through the product's maker's own "
                 "work in that country (design note 5.1), not through a supplier.")
    if any(c.assumed_share for c in suppliers[:TABLE_ROWS]):
        note += (" ≈: the supplier produces without a sourced share, so it may hold none to all "
                 "of its country's (or the rest of the world's) share: an assumption."
                 if graph.worst_case else
                 " ≈: the supplier produces without a sourced share and is given an equal part "
                 "of its country's (or the rest of the world's) share (design note 5.4): an "
                 "assumption.")
        # what each ≈ row assumes, by name (a ≈ is never read as a measured share)
        note += "".join(f" {line}." for line in assumption_lines(graph, suppliers[:TABLE_ROWS]))
    # and each ≈ of the picture's bars not said above ("United States ≈5.3%")
    said = note
    drawn = [line for line in getattr(chain, "assumptions", []) if line.split(": ", 1)[-1]
             not in said]
    if drawn:
        note += " ≈ in the picture: " + "; ".join(drawn) + "."
    disputed = Caveats()
    for c in suppliers[:TABLE_ROWS]:
        disputed |= c.caveats
    if disputed.disputes:
        note += " " + " ".join(merged_disputes(graph, disputed))
    # a row rated low names the low claims that make it so, each claim once (trial 8,
    # MED-3), those the summary names already left to it (findings 11: each caveat once)
    _, told = product_story(report, graph)
    named = {(w.subject, w.relation, w.object) for w in weak_claims(graph, told)}
    # the weak claims the summary's figures rest on, each once, first after the table
    weak = weak_after_table(report, graph, index.cite)
    low = low_claims_by_row([(f"#{c.rank}", replace(c.caveats, low=tuple(
        w for w in c.caveats.low if w[:3] not in named))) for c in suppliers[:TABLE_ROWS]],
        graph, index.cite)
    if low:
        note += f" {low}"
        if named:
            note = note.rstrip(".") + "; the others are named above."
    # a country whose figure is only its share of a world pool the producers a scenario
    # leaves draw on says so, once a pool (findings 11)
    pools: dict[tuple, list[str]] = {}
    for c in suppliers[:TABLE_ROWS]:
        if getattr(c, "pool_feed", None) is not None:
            pools.setdefault((c.pool_feed.material, c.pool_feed.feeds), []).append(c)
    for rows_of in pools.values():
        note += (f" #{rows_of[0].rank} {graph.label(rows_of[0].id)}: "
                 + pool_feed_sentence(graph, rows_of[0]))
        if len(rows_of) > 1:
            note += (" So for " + join_names([f"#{c.rank} {graph.label(c.id)}"
                                               for c in rows_of[1:]]) + ".")
    if chain.unknown_inputs:
        note += (f" Not drawn, with no producer mapped (unknown, not safe): "
                 f"{join_names(chain.unknown_inputs)}.")
    # (the heading says "not used" once for them all)
    aside = [f"{graph.label(c.id)}: {phrase.removeprefix('press figure, not used: ')}"
             for c in sorted(inputs, key=lambda c: c.id)
             if c.kind == "Material" for phrase in press_beside(graph, c.id, index.cite)]
    if aside:  # design note 5.5: shown beside the statistical figures, not used
        note += (" Country shares from press, not used by the analysis (design note 5.5; "
                 "--press-figures uses them): " + "; ".join(aside) + ".")
    summary = _story(graph, report, chain, index.cite)
    if len(summary) < 3:  # room for what the chain is made of
        summary.insert(0 if not report.scenario else 1, first + ".")
    # three items; what the product's story says past the third (the rest of the world as
    # a single point of failure, 5.2; a maker's country, 5.1) joins the third, never cut
    summary = summary[:2] + [" ".join(summary[2:])] if len(summary) > 3 else summary
    return summary, rows, (lead, said_once(note.strip()), weak)


#: Stock phrases the notes under a brief's table repeat split after split: the first
#: says them, the ≈ sentence before them says what they mean (findings 11)
ONCE = (": an assumption, not a measured share", " (design note 5.4)")


def said_once(text: str) -> str:
    """``text`` with each of :data:`ONCE` kept where it first stands only.

    >>> said_once("A: x (design note 5.4); B: y (design note 5.4).")
    'A: x (design note 5.4); B: y.'
    """
    for phrase in ONCE:
        first = text.find(phrase)
        if first >= 0:
            end = first + len(phrase)
            text = text[:end] + text[end:].replace(phrase, "")
    return text


def merged_disputes(graph: SupplyGraph, caveats: Caveats) -> list[str]:
    """The dispute sentences of a table's rows, one for each disagreement: the figures of
    several countries that one source disputes alike are named together ("China's and the
    rest of the world's figures for Dysprosium oxide (separated) are disputed: CSIS ...")."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for subject, relation, obj, by in caveats.disputes:
        groups.setdefault((relation, obj, by), []).append(subject)
    out = []
    for (relation, obj, by), subjects in groups.items():
        if relation != "PRODUCES" or len(subjects) == 1:
            out += dispute_sentences(graph, replace(caveats, disputes=tuple(
                (s, relation, obj, by) for s in subjects)))
            continue
        whose = join_names([possessive(graph, s) for s in sorted(subjects)])
        out.append(f"{whose[:1].upper()}{whose[1:]} figures for {graph.label(obj)} are "
                   f"disputed: {by}.")
    return out


def _story(graph: SupplyGraph, report, chain: Chain, cite=None) -> list[str]:
    """The brief's summary from the text report's own summary function (:func:`story`):
    the scenario's cause (and what it blocks on the drawn paths), the product's story
    (its low-rated claims cited with ``cite``), and its inputs with no mapped supply."""
    # the lines of --worst-case and --press-figures are the picture's caption's to say
    paragraphs = story([report], graph)[len(reading_lines(graph)):]
    out = []
    lines, _ = product_story(report, graph, cite)
    # the answer first (its headline, with its confidence and range), then the scenario
    # it answers under and what that blocks (findings 11)
    out += lines[:1]
    if report.scenario:
        cause = paragraphs[0].split(". ")[0].rstrip(".")
        blocked = _cause(chain)
        out.append(cause + (f"; on its supply paths it blocks {blocked}" if blocked else "")
                   + ".")
    out += lines[1:]
    if len(out) < 3 and report.unmapped:  # how many at each stage: the picture names them
        out.append(unmapped_sentence(graph, report.unmapped, names=False))
    untraced = untraced_sentence(graph, [report])
    if untraced:  # a clause of the last sentence kept: the brief always names them
        last = min(len(out), 3) - 1
        out[last] = out[last].rstrip(".") + "; n" + untraced.lstrip()[1:]
    return out


def _node_part(graph, node_id, chain, caveats=None):
    """The summary, table and note of a brief on a node that is not a product: the
    products in view with what each loses without it, as a range over both bounds (the
    table and the summary as ``dependents`` gives them), whether it is a single point of
    failure of each (certain or possible) and what the figure rests on."""
    caveats = caveats or {}
    # ranked as dependents ranks them: certain, then possible single points of failure,
    # then by the high end and the low end of the loss
    products = sorted((n for n in chain.nodes.values() if n.kind == "Product"),
                      key=lambda p: (not p.spof, not p.possible, -(p.loss or 0.0),
                                     -(p.low if p.low is not None else p.loss or 0.0),
                                     support_key(caveats.get(p.id, Caveats())), p.key))
    stopped = [p for p in products if p.spof]
    maybe = [p for p in products if not p.spof and p.possible]
    label = graph.label(node_id)
    first = (f"{label[:1].upper()}{label[1:]} feeds {len(products)} mapped product(s)"
             + (f", the most exposed {join_names([p.label for p in products[:5]])}"
                if len(products) > 5 else
                f": {join_names([p.label for p in products])}" if products else ""))
    seen: set = set()

    def rested(p) -> str:
        # each figure with what it rests on, as the table's confidence column says it,
        # its weakest proxy named once for the summary (5.7)
        phrase = headline_phrase(graph, caveats[p.id], seen) if p.id in caveats else ""
        return f"{p.label} {phrase}" if phrase else p.label

    if len(stopped) > 5:
        second = (f"Without it, {len(stopped)} of them cannot be made, among them "
                  f"{join_names([rested(p) for p in stopped[:5]])}")
    elif stopped:
        second = f"Without it, {join_names([rested(p) for p in stopped])} cannot be made"
    elif maybe:
        # a possible single point of failure is unknown, never safe
        where = label if model.kind_of(node_id) == "Country" else "their anchor country"
        names = join_names([p.label for p in maybe[:5]])
        condition = f"if the stages without mapped supply sit in {where}"
        if len(maybe) > 5:
            second = (f"No product in view certainly hangs on {label} alone, but "
                      f"{len(maybe)} may ({condition}), among them {names}")
        else:
            second = (f"No product in view certainly hangs on {label} alone, but {names}"
                      + (" each" if len(maybe) > 1 else "") + f" may ({condition})")
    else:
        second = f"No product in view hangs on {label} alone"
    hhis = [n for n in chain.nodes.values() if n.hhi is not None]
    # at an equal HHI the better-supported top share, then the id (the one tie-break)
    top = min(hhis, key=lambda n: (-n.hhi, support_key(concentration_support(graph, n.id)),
                                   n.key), default=None)
    marks = share_mark_text(graph, top.id) if top else ""
    third = (f"The most concentrated stage in view is {graph.attribute(top.id, 'stage')}: "
             f"{top.label} (HHI {thousands(top.hhi)}{'; ' + marks if marks else ''})" if top else
             "No stage in view has recorded country shares")
    rows = [{"rank": i, "node": p.label, "kind": "Product", "stage": "product",
             "country": "",
             "loss": span(p.low if p.low is not None else p.loss or 0.0, p.loss or 0.0),
             "spof": spof_text("certain" if p.spof else "possible" if p.possible else False),
             "hhi": "",
             "confidence": (caveats[p.id].describe() if p.id in caveats else ""),
             "sources": ""}
            for i, p in enumerate(products, 1)]
    note = (f"Products that depend on {label}, with the share of their supply lost without "
            "it, as a range: the lower figure counts stages without mapped supply as "
            "available, the higher one places them in their anchor country (design note "
            "5.6); possible SPOF: only in the higher one.")
    return [first + ".", second + ".", third + "."], rows, note


def _scenario_rows(graph: SupplyGraph, comparison: list[dict]) -> list[dict]:
    from mineralgraph.reports.tables import row_caveats, worst_case_note

    rows = []
    for row in comparison:
        # the rest of the world is a SPOF like any node (design note 5.2): said with what
        # it is, many countries
        many = {REST_OF_WORLD: ", many countries"}
        spofs = [graph.label(n) + many.get(n, "") for n in row["new_spofs"]] + [
            f"{graph.label(n)}{many.get(n, '')} (possible)" for n in row["new_possible_spofs"]]
        loss = span(*row["loss_range"])
        if row["loss_range"][1] <= 0 and "requirements_recorded" in row:
            # as the scenario report says it: a 0% counts only what is recorded
            count = row["requirements_recorded"]
            loss += (f", counting only its {count} recorded requirement"
                     f"{'' if count == 1 else 's'} (not safe)")
        # what --worst-case gives beside it, as the scenario report says it
        loss += worst_case_note(row)
        rows.append({"product": graph.label(row["product"]),
                     "loss": loss,
                     "confidence": row_caveats(row).describe(),
                     "new_spofs": ", ".join(spofs) or (
                         "none (what is left comes from rest of world, many countries)"
                         if row.get("rest_of_world_only") else "none")})
    return rows


def brief_scene(chain: Chain):
    """The picture of a brief: the compact scene without its own title and top list (the
    brief says those around it), or the full layout for a chain that is not compact."""
    if chain.compact:
        from mineralgraph.render.compact_layout import compact_layout

        return compact_layout(chain, standalone=False, tabled=TABLE_ROWS)
    from mineralgraph.render.layout import layout

    return layout(chain)


# ---------------------------------------------------------------------- Markdown
def plain(text: str) -> str:
    """Text that reads as itself both in Markdown and pasted raw into a word processor.

    No HTML entities: a ``<`` that could open a tag becomes ‹ (``<0.1%`` stays), a
    table bar becomes ¦, and ``](`` gets a space (so no inline link can form); the rest
    is left as it is.

    >>> plain("<script>x</script> & [a](b) | c <0.1% >99.9%")
    '‹script>x‹/script> & [a] (b) ¦ c <0.1% >99.9%'
    """
    import re

    text = " ".join(str(text).split())
    text = re.sub(r"<(?=[A-Za-z/!?])", "‹", text)
    return text.replace("|", "¦").replace("](", "] (")


def to_markdown(brief: Brief) -> bytes:
    """The brief as plain Markdown, the snapshot as a Mermaid block with a legend."""
    from mineralgraph.render.mermaid import to_mermaid

    chain = brief.chain
    out = [f"# {plain(brief.title)}", "", plain(brief.caption), "",
           plain(" ".join(brief.summary)), "",
           "## Snapshot", "", "```mermaid", to_mermaid(chain).rstrip("\n"), "```", "",
           "## Top chokepoints", "", plain(brief.table_note), ""]
    out += [markdown_table(brief.table, COLUMNS, HEADERS, escape=plain) if brief.table
            else "None mapped.", ""]
    for text in (brief.weak_note, brief.table_notes):  # what the figures rest on, after
        if text:
            out += [plain(text), ""]
    if brief.scenario_title is not None:
        out += [f"## Scenario: {plain(brief.scenario_title)}", ""]
        out += [markdown_table(brief.scenario_rows, SCENARIO_COLUMNS, SCENARIO_HEADERS,
                               escape=plain), ""]
    out += ["## Sources", ""]
    out += [f"{i}. {plain(s)}" for i, s in enumerate(brief.sources, 1)]
    return ("\n".join(out) + "\n").encode("utf-8")


# ---------------------------------------------------------------------- HTML
def _html_table(rows: list[dict], columns: list[str], headers: list[str]) -> str:
    from mineralgraph.render.svg import escape

    head = "".join(f"<th class=\"{c}\">{escape(h)}</th>" for c, h in zip(columns, headers,
                                                                      strict=True))
    body = "".join("<tr>" + "".join(f"<td class=\"{c}\">{escape(str(row.get(c, '')))}</td>"
                                    for c in columns) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


#: The page's style: on screen a readable column; in print the same one page as the PDF.
BRIEF_STYLE = """
body{margin:0 auto;max-width:1000px;padding:16px 24px;font-family:"DejaVu Sans",Verdana,
Arial,sans-serif;color:#1a1a1a;font-size:15px;line-height:1.4}
h1{font-size:24px;margin:0 0 2px;color:#102a43}
h2{font-size:17px;margin:14px 0 4px;color:#102a43}
.caption,.note{color:#5f6b73;font-size:13px;margin:0}
figure{margin:10px 0}
figure svg{width:100%;height:auto;display:block}
table{border-collapse:collapse;font-size:13px;margin:4px 0;width:100%}
th,td{border-bottom:1px solid #dde3e8;padding:2px 6px;text-align:left;vertical-align:top}
th{color:#5f6b73}
ol.sources{font-size:12px;color:#5f6b73;padding-left:22px}
ol.sources a{color:#1f5f99;word-break:break-all}
@page{size:A4 landscape;margin:10mm}
.short{display:none}
@media print{
body{max-width:none;padding:0;font-size:8.5pt;line-height:1.25}
h1{font-size:14pt}h2{font-size:8.5pt;margin:3pt 0 1pt;break-after:avoid}
.caption,.note{font-size:6pt}
p.summary{margin:2pt 0 4pt}
figure{float:left;width:160mm;margin:0;break-inside:avoid}
figure svg{width:160mm;height:auto;max-height:150mm}
.side{margin-left:165mm}
table{font-size:6pt;margin:1pt 0}th,td{padding:0 2pt;line-height:1.15}
th.kind,td.kind,th.stage,td.stage,th.hhi,td.hhi{display:none}
ol.sources{font-size:5pt;margin:0;padding-left:10pt;line-height:1.15}
ol.sources a{color:#1a1a1a;text-decoration:none}
.full{display:none}.short{display:inline}
section,table,tr,li{break-inside:avoid}
}
"""


#: What changes in the print stylesheet for US Letter (landscape, 8 mm margins).
LETTER_STYLE = """
@page{size:letter landscape;margin:8mm}
@media print{
body{font-size:8pt}.caption,.note{font-size:5.5pt}
table{font-size:5.5pt}ol.sources{font-size:4.5pt}
th.country,td.country{display:none}
}
"""


def _picture_after_style(paper: str, upright: bool) -> str:
    """The print style of a brief whose first page holds the words alone: the picture
    starts the next page at 16 cm (at its own height, never shrunk to fit), the sources
    beside it; ``upright``: on an upright page of its own, the sources after it."""
    style = "@media print{.body{break-before:page}figure svg{max-height:none}}\n"
    if upright:
        size = "A4 portrait;margin:10mm" if paper != "letter" else "letter portrait;margin:8mm"
        style += (f"@page upright{{size:{size}}}\n@media print{{figure{{page:upright;"
                  "float:none}.side{margin-left:0}}\n")
    return style


def to_html(brief: Brief, paper: str = "a4") -> bytes:
    """The brief as one self-contained HTML page; printed, it takes one landscape page of
    ``paper`` ("a4" or "letter"), laid out like the PDF (picture on the left, 16 cm
    wide; scenario, table and sources beside it). When the PDF's first page holds the
    words alone (:func:`~mineralgraph.render.brief_pdf.picture_place`), so does the
    HTML's: summary, scenario and table first, then the picture and the sources."""
    from mineralgraph.render.brief_pdf import picture_place
    from mineralgraph.render.svg import escape, to_svg

    chain = brief.chain
    scene = brief_scene(chain)
    place = picture_place(brief, scene, paper)
    sources = []
    shorts = brief.short or brief.sources
    for text, url, short in zip(brief.sources, brief.links or [None] * len(brief.sources),
                                shorts, strict=True):
        # on screen the full citation; in print the short one (type, title, date, site)
        if url:
            full = escape(text).replace(escape(url), f'<a href="{escape(url)}">'
                                                     f"{escape(url)}</a>")
            small = f'<a href="{escape(url)}">{escape(short)}</a>'
        else:
            full, small = escape(text), escape(short)
        sources.append(f'<li><span class="full">{full}</span>'
                       f'<span class="short">{small}</span></li>')
    after = "" if place == "first" else _picture_after_style(paper, place == "upright")
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n",
        f"<title>{escape(brief.title)}</title>\n<style>{BRIEF_STYLE}"
        f"{LETTER_STYLE if paper == 'letter' else ''}{after}</style>\n</head>\n",
        f"<body>\n<header><h1>{escape(brief.title)}</h1>",
        f"<p class=\"caption\">{escape(brief.caption)}</p></header>\n",
        f"<p class=\"summary\">{escape(' '.join(brief.summary))}</p>\n"]
    words = []
    if brief.scenario_title is not None:
        words.append(f"<section><h2>Scenario: {escape(brief.scenario_title)}</h2>\n"
                     + _html_table(brief.scenario_rows, SCENARIO_COLUMNS, SCENARIO_HEADERS)
                     + "</section>\n")
    words.append(f"<section><h2>Top chokepoints</h2><p class=\"note\">"
                 f"{escape(brief.table_note)}</p>\n"
                 + _html_table(brief.table, COLUMNS, HEADERS)
                 + "".join(f"<p class=\"note\">{escape(text)}</p>\n"
                           for text in (brief.weak_note, brief.table_notes) if text)
                 + "</section>\n")
    picture = f"<div class=\"body\">\n<figure>\n{to_svg(scene)}</figure>\n<div class=\"side\">\n"
    parts += [picture] + words if place == "first" else words + [picture]
    parts.append("<section><h2>Sources</h2>\n<ol class=\"sources\">\n"
                 + "\n".join(sources) + "\n</ol></section>\n</div>\n</div>\n</body>\n"
                 "</html>\n")
    return "".join(parts).encode("utf-8")


# ---------------------------------------------------------------------- PDF
def to_pdf(brief: Brief, paper: str = "a4") -> bytes:
    """The brief as one PDF page (``paper``: "a4" or "letter"), two when one cannot hold
    it with the picture's text at 7 pt."""
    from mineralgraph.render.brief_pdf import to_pdf as one_page

    return one_page(brief, paper)


BRIEF_FORMATS = {".md": to_markdown, ".html": to_html, ".pdf": to_pdf}
