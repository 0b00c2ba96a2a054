"""The chokepoint report: the summary (:func:`mineralgraph.reports.summary.story`), one
ranked table per product with its evidence, sources."""

from __future__ import annotations

from dataclasses import replace

from mineralgraph.cells import fit, markdown_table, md_text, text_table, to_csv, to_json
from mineralgraph.graph.analysis.chokepoints import SUPPLIER_KINDS, ProductReport
from mineralgraph.graph.analysis.confidence import Caveats, left_out_dict
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.common import (
    SourceIndex,
    availability_phrase,
    chokepoint_fields,
    csv_reading,
    ends,
    exact_percent,
    join_names,
    left_out_lines,
    left_out_title,
    name,
    numbers_text,
    press_beside,
    press_beside_json,
    prose_name,
    reading_flags,
    span,
    spof_json,
    spof_text,
    thousands,
    with_citations,
)
from mineralgraph.reports.summary import (
    WEAKEST_FIRST,
    caveat_phrase,
    claim_name,
    dispute_sentences,
    headline_phrase,
    low_order,
    pool_feed_sentence,
    pooled_possible,
    possessive,
    product_story,
    proxy_sentences,
    rests_on,
    split_phrase,
    story,
    unmapped_groups,
    weak_after_table,
    weak_claims,
)
from mineralgraph.reports.tables import drivers_json, report_worst_case_note

COLUMNS = ["rank", "node", "kind", "stage", "country", "loss", "spof", "hhi", "confidence",
           "sources"]
HEADERS = ["#", "node", "kind", "stage", "country", "loss", "SPOF", "HHI", "confidence",
           "sources"]
#: Text tables leave out the kind (the id says it) to fit 80 columns.
TEXT_COLUMNS = [c for c in COLUMNS if c != "kind"]
TEXT_HEADERS = [{"confidence": "conf."}.get(h, h) for h in HEADERS if h != "kind"]


def briefing_rows(report: ProductReport, top: int | None) -> list:
    """The rows a briefing table shows: suppliers that are SPOFs, then everything that is
    not a SPOF by loss. Material and element SPOFs are listed in one line instead."""
    shown = [c for c in report.chokepoints if not c.spof or c.kind in SUPPLIER_KINDS]
    return shown[:top] if top else shown


def rows(chokes: list, sources: SourceIndex) -> list[dict]:
    return [{"rank": c.rank or "", "node": f"{c.label} ({c.id})" if c.label != c.id else c.id,
             "kind": c.kind, "stage": c.stage, "country": (c.country or "").partition(":")[2],
             "loss": ("≈" if c.assumed_share else "") + span(*c.loss_range),
             "spof": spof_text(c.spof_kind, c.through_makers),
             "hhi": thousands(c.hhi),
             "confidence": replace(c.caveats, assumed_share=False).describe(),
             "sources": sources.cite(c.sources)}
            for c in chokes]


def country_key(graph: SupplyGraph, chokes: list) -> str:
    """The country codes a table's country column uses, each with its name, sorted by
    code: ``Country: CN China; US United States.`` ("" when it uses none).

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.graph.analysis import chokepoints
    >>> g = load_bundled()
    >>> country_key(g, chokepoints(g, ["product:optimus"], top=10)[0].chokepoints)
    'Country: CN China; US United States.'
    """
    codes = sorted({c.country for c in chokes if c.country})
    if not codes:
        return ""
    return "Country: " + "; ".join(f"{code.partition(':')[2]} {graph.label(code)}"
                                   for code in codes) + "."


def spof_lines(report: ProductReport, graph: SupplyGraph) -> list[str]:
    """The material and element SPOFs, one line each (they are SPOFs by definition)."""
    elements = [graph.attribute(n, "symbol") or n for n in report.all_spofs
                if n.startswith("element:")]
    materials = [graph.label(n) for n in report.all_spofs if n.startswith("material:")]
    lines = []
    # single points of failure too (loss 100%), of another kind than the suppliers of the
    # table: JSON lists them under input_spofs, CSV as rows of kind Element or Material
    each = " (each a single point of failure: an input, not a supplier)"
    one = " (a single point of failure: an input, not a supplier)"
    if elements:
        lines.append(f"Needs every one of these elements{each}: {', '.join(elements)}."
                     if len(elements) > 1 else f"Needs this element{one}: {elements[0]}.")
    if materials:
        lines.append(f"Needs every one of these {len(materials)} materials{each}: "
                     f"{'; '.join(materials)}." if len(materials) > 1
                     else f"Needs this material{one}: {materials[0]}.")
    return lines


def heading(report: ProductReport, graph: SupplyGraph | None = None) -> str:
    """A product's section heading: its end uses and availability with what that rests
    on (naming a proxy, as the summary does, when ``graph`` is given), date, scenario."""
    uses = ", ".join(report.end_use) or "no end use"
    when = report.as_of.isoformat() if report.as_of else "latest data"
    scenario = f", scenario {report.scenario}" if report.scenario else ""
    phrase = "" if not report.scenario else (
        headline_phrase(graph, report.caveats) if graph is not None
        else caveat_phrase(report.caveats))
    # the availability of 5.6 (both bounds), and beside it what it is with the inputs of
    # no mapped supply counted missing (never called the availability: unknown, not safe)
    availability = availability_phrase(report.availability_range, report.mapped_availability,
                                       len(report.unmapped))
    flag = ("; may be unavailable " + ("under the scenario" if report.scenario else "at baseline")
            if report.may_be_unavailable else "")
    # at baseline the availability rests on the mapped chain behind it (5.7), said
    # after the date: every availability carries its confidence
    chain = ("" if report.scenario or report.caveats == Caveats()
             else f"; the availability {rests_on(report.caveats)}")
    if chain and report.caveats.low and graph is not None:
        # the low-rated claims named, as the summary names them (trial 7, HIGH-1)
        low = low_order(report.caveats)
        said = [claim_name(graph, who, rel, obj) for who, rel, obj, _, _ in low[:2]]
        more = f"; and {len(low) - 2} more (JSON low_confidence)" if len(low) > 2 else ""
        chain += f" (rated low: {'; '.join(said)}{more})"
    return (f"{report.label} ({report.product}): {uses}; availability "
            f"{availability}{' ' + phrase if phrase else ''}"
            f"{report_worst_case_note(report)} as of "
            f"{when}{scenario}{flag}{chain}{short_sets_phrase(report, graph)}")


def short_sets_phrase(report: ProductReport, graph: SupplyGraph | None) -> str:
    """Why a product's baseline is below 100% with nothing removed, where a set of country
    shares upstream adds up to less than 1 (design note 5.5 reads it as given: the gap is
    output no source names; trial 8, LOW-8: the Tomahawk's ">99.9%" at 2022-06-01 read as
    a loss). The analysis lists short sets only for a baseline below 100%
    (:meth:`~mineralgraph.graph.analysis.chokepoints.Evidence.short_sets`)."""
    if not report.short_sets:
        return ""
    label = graph.label if graph is not None else str
    sets = [f"the country shares of {label(s['material'])}"
            + (f" for {join_names([str(y) for y in s['years']])}" if s["years"] else "")
            + f" add up to {exact_percent(s['total'])}, the other "
            f"{exact_percent(1.0 - s['total'])} being output no source names"
            for s in report.short_sets]
    whose = "its baseline is " if report.scenario else ""
    return (f"; {whose}below 100% with nothing removed because "
            + "; and ".join(sets) + " (design note 5.5 reads a set short of 1 as given)")


def range_lines(report: ProductReport, graph: SupplyGraph) -> list[str]:
    """The stages without mapped supply behind the product's range and rows' ranges."""
    lines = []
    if report.behind:
        lines.append("Availability is a range because these stages have no mapped supply: "
                     + "; ".join(graph.label(m) for m in report.behind) + ".")
    wide = [c for c in report.chokepoints if c.behind]
    for c in wide[:5]:
        lines.append(f"{c.label}: loss {span(*c.loss_range)}, a range because these stages "
                     "have no mapped supply: "
                     + "; ".join(graph.label(m) for m in c.behind) + ".")
    if report.possible_spofs:
        why = "if the unmapped stages sit where their anchor country is"
        lines.append(f"Possible single points of failure ({why}{pooled_possible(report)}): "
                     + ", ".join(name(graph, n) for n in report.possible_spofs) + ".")
    return lines


def evidence_items(graph: SupplyGraph, sources: SourceIndex, shown_rows: list,
                   earlier: dict[str, str] | None = None,
                   product: str | None = None) -> list[tuple[str, list[str]]]:
    """The evidence of exactly the rows the table shows, in its order: each row's shortest
    supply path with its citations and proxies, and under it the reviewers' notes on the
    steps of that path (a note sits under the row whose path carries it, nowhere else).

    ``earlier`` (note -> where it was given: "Lockheed Martin F-35 Lightning II #4") holds
    the notes of the products reported before this one, ``product`` names this one: a
    note given there is named, not printed again (findings 11: a report of every product
    printed Mountain Pass's derivation 13 times), and this product's are added."""
    items = []
    # the proxies named under an earlier row (material, what it was measured for): a later
    # row resting on the same says so in one sentence, not the whole list again
    named: dict[tuple[str, str], str] = {}
    # the disputed claims said under an earlier row: said once per claim (trial 7 review)
    disputed: dict[tuple, str] = {}
    # the low-rated claims named under an earlier row, likewise
    rated_low: dict[tuple, str] = {}
    # the notes given under an earlier row (or product), likewise
    noted: dict[str, str] = dict(earlier) if earlier is not None else {}
    pooled: dict[tuple, str] = {}  # the world pools said under an earlier row, likewise
    for c in shown_rows:
        if not c.paths:
            continue
        path = c.paths[0]
        chain = " -> ".join([graph.label(path[0].source)] + [graph.label(s.target) for s in path])
        cited = sources.cite([s for step in path for s in step.sources])
        phrase = caveat_phrase(c.caveats)
        rank = f"#{c.rank} " if c.rank else ""
        # the ≈ on the figure as in the table, and what it assumes beside it (5.4)
        line = (f"{rank}{c.label}, loss {'≈' if c.assumed_share else ''}{span(*c.loss_range)}"
                f"{' ' + phrase if phrase else ''}: {chain} {cited}")
        sentences = [f"≈: {split_phrase(graph, split, rated=True)}." for split in c.splits]
        sentences += proxy_lines(graph, c, named)
        sentences += dispute_lines(graph, c, disputed)
        sentences += low_lines(graph, c, rated_low)
        sentences += pool_lines(graph, c, pooled)
        if sentences:
            line += ". " + " ".join(sentences)
        notes = [(("step", graph.label(step.target)),
                  f"note on {graph.label(step.source)} -> {graph.label(step.target)}: "
                  f"{step.note}") for step in path if step.note]
        # an assumed share (≈), or a sole source, where press gave the material's shares:
        # the press figure set aside is named beside it (design note 5.5)
        first = next((s.target for s in path if s.target.startswith("material:")), None)
        if (c.assumed_share or (c.spof and c.kind in SUPPLIER_KINDS)) and first:
            notes += [(("press", graph.label(first)),
                       f"{graph.label(first)}: {phrase}")
                      for phrase in press_beside(graph, first, sources.cite)]
        items.append((line, note_lines(notes, noted, f"#{c.rank}" if c.rank else c.label)))
    if earlier is not None:
        for text, where in noted.items():
            if text not in earlier:
                earlier[text] = f"{product} {where}" if product else where
    return items


def note_lines(notes: list[tuple[tuple[str, str], str]], noted: dict[str, str],
               row: str) -> list[str]:
    """A row's notes (each ``((kind, on what), text)``, kind "step" or "press"): in full
    when no earlier row gave it (``noted``: note -> the row it was given under,
    updated), else named in one line ("notes as under #6: on the steps to A and B";
    findings 10: rows resting on one path repeated its notes each, the Lynas row
    running to some 45 lines)."""
    out = [text for _, text in notes if text not in noted]
    again: dict[str, list[tuple[str, str]]] = {}
    for what, text in notes:
        if text in noted:
            again.setdefault(noted[text], []).append(what)
        else:
            noted[text] = row
    for where, whats in again.items():
        steps = [name for kind, name in whats if kind == "step"]
        press = [name for kind, name in whats if kind == "press"]
        parts = ([f"the step{'s' if len(steps) > 1 else ''} to {join_names(steps)}"]
                 if steps else [])
        parts += [f"the press figure for {name}" for name in press]
        out.append(f"notes as under {where}: on {join_names(parts)}")
    return out


def proxy_lines(graph: SupplyGraph, row, named: dict[tuple[str, str], str]) -> list[str]:
    """The proxy sentences of an evidence row: those of proxies not named under an earlier
    row (by material and what it was measured for: ``named``, updated), and one sentence
    for the rest ("The rest of the world's figures for the 7 materials named under #4 are
    proxies of the same sets.")."""
    label = f"#{row.rank}" if row.rank else row.label
    fresh = [p for p in row.caveats.proxies if (p[1], p[2]) not in named]
    again = [p for p in row.caveats.proxies if (p[1], p[2]) in named]
    out = proxy_sentences(graph, replace(row.caveats, proxies=tuple(fresh)))
    for p in fresh:
        named.setdefault((p[1], p[2]), label)
    if again:
        where = join_names(sorted({named[(p[1], p[2])] for p in again}))
        owners = sorted({p[0] for p in again})
        whose = (possessive(graph, owners[0]) if len(owners) == 1
                 else f"{join_names([prose_name(graph, o) for o in owners])}'")
        count = len({p[1] for p in again})
        what = (f"figure for {graph.label(again[0][1])}, named under {where}, is a proxy"
                if count == 1 else
                f"figures for the {count} materials named under {where} are proxies")
        out.append(f"{whose[:1].upper()}{whose[1:]} {what} of the same "
                   f"{'set' if count == 1 else 'sets'}.")
    return out


def dispute_lines(graph: SupplyGraph, row, said: dict[tuple, str]) -> list[str]:
    """The dispute sentences of an evidence row: in full for a disputed claim not said
    under an earlier row (``said``: claim -> the row it was said under, updated), and one
    short sentence for the rest ("Disputed, as said under #4: that ... needs ...")."""
    label = f"#{row.rank}" if row.rank else row.label
    fresh = [d for d in row.caveats.disputes if d[:3] not in said]
    again = [d for d in row.caveats.disputes if d[:3] in said]
    out = dispute_sentences(graph, replace(row.caveats, disputes=tuple(fresh)))
    for d in fresh:
        said.setdefault(d[:3], label)
    if again:
        where = join_names(sorted({said[d[:3]] for d in again}))
        what = [sentence.split(" is disputed: ")[0] for sentence in dispute_sentences(
            graph, replace(row.caveats, disputes=tuple(again)))]
        out.append(f"Also disputed, as said under {where}: "
                   + join_names([w[:1].lower() + w[1:] if w.startswith(("That ", "The ")) else w
                                 for w in what]) + ".")
    return out


def pool_lines(graph: SupplyGraph, row, said: dict[tuple, str]) -> list[str]:
    """A country row counted from a world pool under a scenario (``pool_feed``): what its
    figure is a share of, in full under the first row of that pool (``said``: pool ->
    the row it was said under, updated), and one short sentence under the rest."""
    found = getattr(row, "pool_feed", None)
    if found is None:
        return []
    label = f"#{row.rank}" if row.rank else row.label
    key = (found.material, found.feeds)
    if key in said and not found.issuer:
        return [f"World pool, as said under {said[key]}: {possessive(graph, row.id)} share "
                f"of world {graph.label(found.material)}, no flow recorded."]
    said.setdefault(key, label)
    return [pool_feed_sentence(graph, row)]


def low_lines(graph: SupplyGraph, row, said: dict[tuple, str]) -> list[str]:
    """The low-rated claims a row rests on, each named (a proxy or disputed one too: it
    makes the row low all the same; trial 8, MED-3): in full for one not named under an
    earlier row (``said``: claim -> the row it was named under, updated), and one short
    sentence for the rest ("Rated low, as said under #4: ...")."""
    label = f"#{row.rank}" if row.rank else row.label
    low = low_order(row.caveats)
    fresh = [w for w in low if w[:3] not in said]
    again = [w for w in low if w[:3] in said]
    out = []
    if fresh:
        names = []
        for who, relation, obj, _, _ in fresh:
            also = row.caveats.also(who, relation, obj)
            what = ("proxy and disputed claim" if len(also) == 2 else
                    "proxy" if also == ["proxy"] else "disputed claim")
            names.append(claim_name(graph, who, relation, obj)
                         + (f" (the {what} above)" if also else ""))
            said.setdefault((who, relation, obj), label)
        out.append(f"Rated low: {'; '.join(names)}.")
    if again:
        where = join_names(sorted({said[w[:3]] for w in again}))
        out.append(f"Rated low, as said under {where}: "
                   + "; ".join(claim_name(graph, *w[:3]) for w in again) + ".")
    return out


def evidence_block(items: list[tuple[str, list[str]]], markdown: bool) -> list[str]:
    """The evidence section: a bullet per row, its notes as bullets under it."""
    text = md_text if markdown else str
    out = ["**Evidence** (the shortest supply path of each row shown)" if markdown
           else "Evidence (the shortest supply path of each row shown):", ""]
    for line, notes in items:
        out.append(f"- {text(line)}")
        out += [f"  - {text(note)}" for note in notes]
    return out + [""]


def unmapped_block(graph: SupplyGraph, sources: SourceIndex, unmapped: list[str],
                   markdown: bool) -> list[str]:
    """The inputs without mapped supply, for a briefing: a bullet per stage (the chain's
    order), under it a bullet per recorded reason with the materials it covers and the
    sources of the reason."""
    text = md_text if markdown else str
    count = len(set(unmapped))
    head = (f"Supply not mapped, unknown and not safe ({count} input"
            f"{'' if count == 1 else 's'}, by stage, with why no producer is mapped)")
    out = [f"**{text(head)}**" if markdown else head + ":", ""]
    for stage, reasons in unmapped_groups(graph, unmapped):
        out.append(f"- {text(stage or 'stage not recorded')}")
        for reason, materials in reasons:
            names = join_names([f"{graph.label(m)} ({m})" for m in materials])
            cited = sources.cite([s for m in materials
                                  for c in graph.attribute_claims(m, "unmapped_reason")
                                  for s in c.sources]) if reason else ""
            why = f": {reason}" if reason else ": no reason recorded"
            out.append(f"  - {text(names + why)}" + (f" {cited}" if cited else ""))
    return out + [""]


def cite_reports(reports: list[ProductReport], graph: SupplyGraph, sources: SourceIndex,
                 top: int | None = 10) -> SourceIndex:
    """Number the sources of the reports as :func:`render_text` cites them, in its order:
    per product the table's rows, their evidence, the inputs without mapped supply, the
    press figures set aside (a product not made yet: its dated making), then what
    ``--min-confidence`` left out, then the other weak claims each product's summary rests
    on (:func:`~mineralgraph.reports.summary.weak_after_table`, said after its table).

    The one numbering of a product's sources: the chokepoint report lists them in this
    order, and the product's snapshot and brief follow it
    (:func:`mineralgraph.render.compact.citation_list`)."""
    for report in reports:
        if report.not_made:
            sources.cite([s for c in report.not_made for s in c.sources])
            continue
        shown = briefing_rows(report, top)
        rows(shown, sources)
        evidence_items(graph, sources, shown)
        if report.unmapped:
            unmapped_block(graph, sources, report.unmapped, False)
        press_block(graph, sources, report, False)
    if graph.min_confidence:
        ids = {c.id for r in reports for c in r.left_out}
        left_out_lines(graph, [left_out_dict(c, graph.worst_case) for c in graph.left_out
                               if c.id in ids], sources)
    for report in reports:
        if not report.not_made:
            weak_after_table(report, graph, sources.cite)
    return sources


def press_block(graph: SupplyGraph, sources: SourceIndex, report: ProductReport,
                markdown: bool, listed: dict[str, str] | None = None) -> list[str]:
    """The press figures of the product's upstream materials that the analysis set aside
    (design note 5.5: shown beside, not used unless --press-figures), a bullet a material
    with its citation; nothing when there are none. ``listed`` (material -> the product
    under which its figures were listed, updated) names those of an earlier product in
    one line instead of listing them again."""
    text = md_text if markdown else str
    listed = {} if listed is None else listed
    lines, again = [], []
    for c in sorted(report.chokepoints, key=lambda c: c.id):
        if c.kind != "Material":
            continue
        phrases = press_beside(graph, c.id, sources.cite)
        if phrases and c.id in listed:
            again.append(c.id)
            continue
        lines += [f"- {text(graph.label(c.id) + ' (' + c.id + '): ' + phrase)}"
                  for phrase in phrases]
        if phrases:
            listed[c.id] = report.label
    for where in sorted({listed[m] for m in again}):
        names = join_names([graph.label(m) for m in again if listed[m] == where])
        lines.append(f"- {text(names + ': as listed under ' + where)}")
    if not lines:
        return []
    head = ("Press figures, not used (design note 5.5: shown beside the statistical figures; "
            "mineralgraph --press-figures ... uses them where no statistical figure exists)")
    return [f"**{text(head)}**" if markdown else head + ":", "", *lines, ""]


def render_text(reports: list[ProductReport], graph: SupplyGraph, markdown: bool = False,
                top: int | None = 10, also: list[str] = ()) -> str:
    """The report as plain text (or Markdown, every line from data escaped).

    ``also``: a product's sources in the order its snapshot and brief number them
    (:func:`mineralgraph.render.compact.citation_list`): those the report does not cite
    itself are listed after its own, so the three give one list, numbered alike. The
    numbers are :func:`number_sources`'s, which the JSON and CSV read too."""
    sources, cited = _numbering(reports, graph, top, also)
    pictured = len(sources.numbers) - cited
    table = markdown_table if markdown else text_table
    text = md_text if markdown else str
    out = ["# Supply-chain chokepoints" if markdown else "SUPPLY-CHAIN CHOKEPOINTS", ""]
    for paragraph in story(reports, graph, sources.cite):
        out += [text(paragraph), ""]
    noted: dict[str, str] = {}  # the notes given under an earlier product's rows
    listed: dict[str, str] = {}  # the press figures listed under an earlier product
    for report in reports:
        if report.not_made:  # no availability, rows or evidence to give: the summary
            # says why, with its sources, once (trial 8, LOW-8: it was said twice)
            when = report.as_of.isoformat() if report.as_of else "the date"
            line = (f"{report.label} ({report.product}): no figures on {when}, as the "
                    "summary says")
            out += [f"## {text(line)}" if markdown else line, ""]
            continue
        out += [f"## {text(heading(report, graph))}" if markdown else heading(report, graph),
                ""]
        out += [text(line) for line in spof_lines(report, graph) + range_lines(report, graph)]
        out += [""]
        shown = briefing_rows(report, top)
        out += [(table(rows(shown, sources), COLUMNS, HEADERS) if markdown else
                 table(rows(shown, sources), TEXT_COLUMNS, TEXT_HEADERS)) if shown
                else "No supplier mapped upstream.", ""]
        key = country_key(graph, shown)
        if key:  # the table writes ISO codes, the summary and the rows' names in full
            out += [text(key), ""]
        # the other weak claims the summary's figures rest on, after the table, each once
        # (the summary leads with the figure and its weakest link: findings 12)
        weak = weak_after_table(report, graph, sources.cite)
        if weak:
            out += [text(weak), ""]
        evidence = evidence_items(graph, sources, shown, noted, report.label)
        if evidence:
            out += evidence_block(evidence, markdown)
        if report.unmapped:
            out += unmapped_block(graph, sources, report.unmapped, markdown)
        out += press_block(graph, sources, report, markdown, listed)
    if graph.min_confidence:
        ids = {c.id for r in reports for c in r.left_out}
        left_out = [left_out_dict(c, graph.worst_case) for c in graph.left_out if c.id in ids]
        title = left_out_title(graph)
        out += [f"## {title}" if markdown else title.upper(), ""]
        out += [f"- {text(line)}" if markdown else line
                for line in left_out_lines(graph, left_out, sources)] or ["(none)"]
        out += [""]
    out += ["## Sources" if markdown else "SOURCES", ""]
    if pictured:
        product = reports[0].product
        out += [text(f"[1]-[{cited}] are cited above; [{cited + 1}]-[{cited + pictured}] "
                     f"are behind the figures of the product's snapshot and brief "
                     f"(mineralgraph snapshot {product}; mineralgraph brief {product}), "
                     "which number every source as this list does."), ""]
    out += [text(line) for line in sources.listing(markdown)]
    out += ["", text("#: the rank among the product's suppliers (countries, companies, "
                     "facilities), the same in every format; materials and elements have none. "
                     "Loss: share of the product's supply lost without the node (dependency "
                     "model, AND-OR availability), as a range: the lower figure counts stages "
                     "without mapped supply as available, the higher one places them in their "
                     "anchor country (design note, 5.6). SPOF: loss 100% (possible: only if "
                     "the unmapped stages sit in the anchor country; a stage's anchor "
                     "country is the top producer of the nearest stage above it, or else "
                     "below it, that has mapped producers; via maker: a country whose loss "
                     "comes only through the product's maker's own work there, which the "
                     "data places in it, not through a supplier). Rest of world: the "
                     "countries the share figures do not name, taken together: a SPOF when "
                     "its loss is 100% (design note 5.2), though many countries, not one. "
                     "Availability: its two bounds (5.6); with the inputs of unmapped supply "
                     "counted missing it may be lower, and the heading says so. "
                     "HHI: concentration of the "
                     "stage's country shares, 0-10,000; above 2,500 is highly concentrated (for "
                     "a supplier, of the stage its loss comes from: where it holds most of what "
                     "is left). ≈: "
                     "the node produces without a sourced share, so it is given its capacity's "
                     "part of world output where both are known (design note 5.4), else "
                     + ("it may hold none to all of the share it splits with its country's (or "
                        "the rest of the world's) other output, so its loss is a range (--worst-"
                        "case)" if graph.worst_case else
                        "an equal part of its country's (or the rest of the world's) share"
                        + ("; where --min-confidence left out producing claims of its "
                           "stage, none to all of what the kept shares leave, shared with "
                           "output no kept claim names, so its loss is a range"
                           if any(split.split_left_out for r in reports
                                  for c in briefing_rows(r, top) for split in c.splits)
                           else ""))
                     + ": an assumption, not "
                     "a figure. Confidence: the weakest rating among the claims "
                     "on the row's evidence paths; proxy: one of them is a figure measured for a "
                     "neighbouring stage or material; disputed: another source disagrees with "
                     "one of them (both are kept; the evidence says who and how).")]
    return "\n".join(out) if markdown else fit("\n".join(out))


#: The CSV columns: every range as its two ends (``loss_low``, ``loss_high``); the
#: baseline and availability are 5.6's two bounds, ``mapped_availability`` the product's
#: availability with its ``not_mapped`` inputs (of no mapped supply) counted missing;
#: under a scenario, ``worst_case_loss_low``/``_high`` its loss under ``--worst-case``.
CSV_COLUMNS = ["product", "as_of", "scenario", "baseline_low", "baseline_high",
               "availability_low", "availability_high", "rank", "id", "kind", "label",
               "loss", "loss_low", "loss_high", "assumed_share", "assumed_split", "spof",
               "stage", "country", "hhi", "hhi_material", "hhi_stage", "confidence",
               "proxies", "disputes", "low_confidence", "sources", "citations",
               "spof_through_makers", "mapped_availability", "not_mapped",
               "availability_confidence", "not_made_yet", "worst_case_loss_low",
               "worst_case_loss_high"]


def number_sources(reports: list[ProductReport], graph: SupplyGraph, top: int | None = 10,
                   also: list[str] = ()) -> SourceIndex:
    """The one numbering of the reports' sources, from the reports themselves, read by
    every format (the text and Markdown print it; the JSON and CSV cite each row by it,
    without writing the text: findings 12): :func:`cite_reports`'s order, then ``also``,
    the sources only the product's snapshot and brief cite, in their list's order. A row
    the text leaves out (beyond ``top``) numbers its new sources after these, in the
    reports' and rows' order, the same in JSON and CSV."""
    return _numbering(reports, graph, top, also)[0]


def _numbering(reports: list[ProductReport], graph: SupplyGraph, top: int | None,
               also: list[str]) -> tuple[SourceIndex, int]:
    """:func:`number_sources`'s numbering, and how many of its sources the report cites
    itself (the rest are ``also``'s)."""
    index = cite_reports(reports, graph, SourceIndex(graph), top)
    cited = len(index.numbers)
    for source in also:  # in the list's order, each after the report's own
        index.numbers.setdefault(source, len(index.numbers) + 1)
    return index, cited


def report_citations(report: ProductReport, index: SourceIndex) -> list[list[int]]:
    """Each chokepoint row's citation numbers in ``index``, in the report's row order (a
    product not made yet: one entry, its making's sources)."""
    if report.not_made:
        return [index.cite_numbers([s for c in report.not_made for s in c.sources])]
    return [index.cite_numbers(c.sources) for c in report.chokepoints]


def flat_row(report: ProductReport, row) -> dict:
    """One chokepoint as a CSV row: the product's figures, then the row's JSON keys
    flattened (:func:`~mineralgraph.reports.common.chokepoint_fields`, the same builder
    as the Python API's rows): the rank (empty for an input), both ends of each range,
    proxies, low-rated claims and sources as ``;``-separated text."""
    fields = chokepoint_fields(row.as_dict(), flat=True)
    return {"product": report.product, "as_of": report.as_of, "scenario": report.scenario,
            **ends("baseline", report.baseline_range),
            **ends("availability", report.availability_range),
            **fields, "rank": fields["rank"] or "",
            "mapped_availability": round(report.mapped_availability, 6),
            "not_mapped": len(report.unmapped),
            # what the product's availability rests on (5.7), beside the row's own
            "availability_confidence": report.caveats.describe(),
            # under a scenario, the product's loss under --worst-case beside it (as the
            # scenario's CSV gives it)
            **(ends("worst_case_loss", report.worst_case_loss_range)
               if report.worst_case_loss_range is not None else {})}


def json_report(report: ProductReport, graph: SupplyGraph) -> dict:
    """A product's report as JSON data: the analysis' dict, each row's ``spof`` one of
    ``"certain"``, ``"possible"`` or ``false`` (design note 5.6);
    ``unmapped_reasons``: each input without mapped
    supply with its stage, why (``unmapped_reason``) and that reason's sources, as the
    text groups them; ``press_figures_not_used``: the press sets of its upstream materials
    that the analysis set aside (design note 5.5), also on each such material's row;
    ``worst_case``/``press_figures``: true when those options are on;
    ``summary_rests_on``: every claim the summary's figures rest on that is rated low, a
    proxy or disputed, the weakest first (``summary_order`` says the rule), as the
    summary's sentence names them (:func:`~mineralgraph.reports.summary.weak_claims`)."""
    data = report.as_dict()
    if report.not_made:
        return data
    data.update(reading_flags(graph))
    data["summary_rests_on"] = [w.as_dict(graph) for w in
                                weak_claims(graph, product_story(report, graph)[1])]
    data["summary_order"] = f"weakest first: {WEAKEST_FIRST}"
    if report.worst_case:  # its drivers with their sources, as the scenario's JSON has them
        data["worst_case"] = {**report.worst_case, **drivers_json(report.worst_case, graph)}
    materials = [c.id for c in report.chokepoints if c.kind == "Material"]
    data["press_figures_not_used"] = press_beside_json(graph, materials)
    data["chokepoints"] = [{**row, "spof": spof_json(row["spof"]),
                            **({"press_figures_not_used": aside}
                               if (aside := press_beside_json(graph, [row["id"]])) else {})}
                           for row in data["chokepoints"]]
    data["unmapped_reasons"] = [
        {"material": m, "stage": stage or None, "reason": reason or None,
         "sources": sorted({s for c in graph.attribute_claims(m, "unmapped_reason")
                            for s in c.sources})}
        for stage, reasons in unmapped_groups(graph, report.unmapped)
        for reason, materials in reasons for m in materials]
    return data


def render(reports: list[ProductReport], graph: SupplyGraph, fmt: str,
           top: int | None = 10, also: list[str] = (),
           numbered: list[ProductReport] | None = None) -> str:
    """The report in one of text, md, json, csv (``also``: see :func:`render_text`).

    JSON and CSV number their sources as the text does (:func:`number_sources`, of
    ``numbered``: the whole reports where ``reports`` keep only ``--top`` rows): each
    row's ``citations`` are the ``[n]`` the text prints beside it (JSON: also as
    ``citation_numbers``), and each JSON report lists the sources its rows cite
    (``sources``: number, id, title, publisher, URL, date). The CSV keeps the ids in
    ``sources`` beside the numbers: it has no list to resolve them."""
    if fmt not in ("json", "csv"):
        return render_text(reports, graph, markdown=fmt == "md", top=top, also=also)
    index = number_sources(numbered or reports, graph, top, also)
    cited = [report_citations(r, index) for r in reports]
    if fmt == "json":
        out = []
        for report, numbers in zip(reports, cited, strict=True):
            data = json_report(report, graph)
            if not report.not_made:
                data["chokepoints"] = [
                    with_citations(row, ns) for row, ns in zip(data["chokepoints"], numbers,
                                                         strict=True)]
            else:
                data["not_made_yet"]["citations"] = numbers_text(numbers[0])
            data["sources"] = index.entries({n for ns in numbers for n in ns})
            out.append(data)
        return to_json(out)
    # a product not made yet on the date: one row saying from when, no figures
    pairs = zip(reports, cited, strict=True)
    return to_csv(*csv_reading([row for r, numbers in pairs for row in (
        [{"product": r.product, "as_of": r.as_of, "scenario": r.scenario,
          "not_made_yet": r.made_from, "citations": numbers_text(numbers[0])}]
        if r.not_made
        else [with_citations(flat_row(r, c), ns, "csv")
              for c, ns in zip(r.chokepoints, numbers, strict=True)])], CSV_COLUMNS, graph))
