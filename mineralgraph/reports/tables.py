"""Reports of the smaller analyses: concentration, dependents, paths, scenarios."""

from __future__ import annotations

from mineralgraph.cells import fit, markdown_table, md_text, text_table, to_csv, to_json
from mineralgraph.graph.analysis.chokepoints import PathStep
from mineralgraph.graph.analysis.concentration import (
    HIGHLY_CONCENTRATED,
    REST_OF_WORLD,
    Concentration,
)
from mineralgraph.graph.analysis.confidence import Caveats, left_out_dict, support_key
from mineralgraph.graph.flow import FLOW_VERBS
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.common import (
    SourceIndex,
    caveat_columns,
    csv_reading,
    ends,
    join_names,
    left_out_lines,
    left_out_title,
    name,
    percent,
    press_beside,
    prose_name,
    reading_flags,
    reading_lines,
    span,
    spof_json,
    spof_text,
    spof_value,
    thousands,
    with_citations,
)
from mineralgraph.reports.summary import (
    caveat_sentences,
    claims_phrase,
    confidence_hint,
    dispute_sentences,
    future_sentence,
    headline_phrase,
    held_claims,
    left_out_sentence,
    low_claim_sentence,
    low_sentences,
    makers_country_sentence,
    pooled_possible,
    possessive_text,
    rest_of_world_sentence,
    rests_on,
    share_marks,
    split_phrase,
    unmapped_groups,
)

#: Shorter headers for text tables, so that they fit 80 columns.
SHORT_HEADERS = {"confidence": "conf.", "not_mapped": "unmapped", "new_spofs": "new SPOFs",
                 "highly_concentrated": "high", "source_type": "source type"}


def tabular(title: str, rows: list[dict], columns: list[str], fmt: str, data,
            graph: SupplyGraph, sources: SourceIndex | None = None, intro: str = "",
            left_out: list[dict] | None = None) -> str:
    """A titled table in text or Markdown, the data as JSON, or the rows as CSV; under
    ``--min-confidence``, the ``left_out`` claims (``left_out_dict`` rows) in a section
    after the table."""
    if fmt == "json":
        if reading_flags(graph) and isinstance(data, dict):
            data = {**data, **reading_flags(graph)}
        return to_json(data)
    if fmt == "csv":
        return to_csv(*csv_reading(rows, columns, graph))
    md = fmt == "md"
    text = md_text if md else str
    out = [f"# {text(title)}" if md else title.upper(), ""]
    for line in reading_lines(graph):
        out += [text(line), ""]
    if intro:
        out += [text(line) for line in intro.splitlines()] + [""]
    headers = [column if md else SHORT_HEADERS.get(column, column) for column in columns]
    out.append((markdown_table if md else text_table)(rows, columns, headers)
               if rows else "(none)")
    if graph.min_confidence and left_out is not None:
        heading = left_out_title(graph)
        out += ["", f"## {heading}" if md else heading.upper(), ""]
        out += [(f"- {text(line)}" if md else line)
                for line in left_out_lines(graph, left_out, sources)] or ["(none)"]
    if sources and sources.numbers:
        out += ["", "## Sources" if md else "SOURCES", ""]
        out += [text(line) for line in sources.listing(md)]
    return "\n".join(out) if md else fit("\n".join(out))


def share_list(shares: dict[str, float], fmt: str, most: int = 4,
               remainder: list[str] = ()) -> str:
    """Country shares, largest first: ``CN 69%, US 12%, +3 more`` (CSV: all, as fractions);
    a share that is the remainder of the stated ones (``remainder``: their codes), which
    no source gives, said so.

    >>> share_list({"CN": 0.6923, "US": 0.1154, "MM": 0.0795}, "text", most=2)
    'CN 69%, US 12%, +1 more'
    >>> share_list({"CN": 0.912772, "XX": 0.087228}, "text", remainder=["XX"])
    'CN 91%, XX 8.7% (remainder)'
    """
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "csv":
        return ";".join(f"{code}={share}" for code, share in ranked)
    shown = ", ".join(f"{code} {percent(share)}"
                      + (" (remainder)" if code in remainder else "")
                      for code, share in ranked[:most])
    return shown + (f", +{len(ranked) - most} more" if len(ranked) > most else "")


def _other_set(other: dict) -> str:
    top = (other["top_country"] or "").partition(":")[2]
    return f"{other['source']}: {top} {percent(other['top1'])}, HHI {thousands(other['hhi'])}"


def render_concentration(items: list[Concentration], graph: SupplyGraph, fmt: str,
                         asked: list[str] | None = None) -> str:
    """Country shares, top shares and HHI per material and stage (``asked``: the materials
    the user named, so that one without country shares is said to have none)."""
    sources = SourceIndex(graph)
    csv = fmt == "csv"
    rows = [{"material": c.material if csv else c.label, "stage": c.stage, "year": c.year,
             "shares": share_list(c.shares, fmt, remainder=c.remainder),
             "top_country": (c.top_country or "").partition(":")[2],
             "top1": percent(c.top1) if not csv else c.top1,
             "top3": percent(c.top3) if not csv else c.top3,
             "hhi": thousands(c.hhi) if not csv else c.hhi,
             "highly_concentrated": c.hhi > HIGHLY_CONCENTRATED,
             "sources": sources.cite(c.sources) if not csv else ";".join(c.sources),
             **({"citations": sources.cite(c.sources)} if csv else {})}
            for c in items]
    # what the shares rest on, marked as chokepoints marks the same shares
    marks = [share_marks(graph, c.material) for c in items]
    for row, (caveats, types) in zip(rows, marks, strict=True):
        row.update(_caveat_cells(caveats, fmt))
        row["source_type"] = (";" if csv else ", ").join(types)
    high = sum(1 for c in items if c.hhi > HIGHLY_CONCENTRATED)
    intro = (f"{high} of {len(items)} material stage(s) are highly concentrated (HHI above "
             "2,500). Rest of world is left out of HHI and top shares.")
    weak = Caveats()
    for caveats, _ in marks:
        weak |= caveats
    intro += "".join(f" {s}" for s in caveat_sentences(graph, weak))
    # a set adding up to over 100% is read as shares of its sum (5.5), as the analysis
    # reads it: the figures above are those; the source's own said once (trial 6, L7)
    summed = [c for c in items if c.stated_sum]
    if summed:
        intro += (" Where a source's shares add up to over 100% (it rounds world totals, "
                  "not the countries), they are read as shares of their sum, as every other "
                  "view reads them (design note 5.5): "
                  + "; ".join(f"{c.label}, {100 * c.stated_sum:.2f}% in all: "
                              f"{graph.label(c.top_country or '')} "
                              f"{100 * (c.stated_top1 or 0.0):.2f}% as given, "
                              f"{100 * c.top1:.2f}% of the sum" for c in summed) + ".")
    competing = [c for c in items if c.other_sets]
    if competing:
        described = [f"{c.label} ({', '.join(_other_set(o) for o in c.other_sets)})"
                     for c in competing]
        intro += (" Another source's share set exists for " + join_names(described)
                  + "; the table uses one set per material (--share-source picks it, "
                  "share-disagreements compares them).")
    missing = sorted(set(asked or ()) - {c.material for c in items})
    aside = [m for m in missing if graph.press_set_aside(m)]
    missing = [m for m in missing if m not in aside]
    if aside:  # design note 5.5: shown beside, not used
        intro += (" Country shares of " + join_names([name(graph, m) for m in aside])
                  + " come only from press or reposts, not used (design note 5.5; "
                  "mineralgraph --press-figures ... uses them where no statistical figure "
                  "exists): " + "; ".join(f"{graph.label(m)}: {phrase}" for m in aside
                                          for phrase in press_beside(graph, m, sources.cite))
                  + ".")
    if missing:
        intro += (" No country shares are recorded for "
                  f"{join_names([name(graph, m) for m in missing])}: their supply is not "
                  "mapped by country (unknown, not safe).")
        why = [f"{join_names([graph.label(m) for m in ms])}: {reason}"
               + (f" {sources.cite(cited)}" if (cited := [
                   s for m in ms for c in graph.attribute_claims(m, "unmapped_reason")
                   for s in c.sources]) else "")
               for _, reasons in unmapped_groups(graph, missing) for reason, ms in reasons
               if reason]
        if why:
            intro += " Why: " + "; ".join(why) + "."
    columns = (["material", "stage", "year", "shares", "top1", "top3", "hhi",
                "highly_concentrated", "confidence", "source_type", "sources"] if not csv else
               ["material", "stage", "year", "top_country", "top1", "top3", "hhi",
                "highly_concentrated", "confidence", "proxies", "disputes", "source_type",
                "shares", "sources", "citations"])
    # each material with the text's [n] beside its source ids, and the text's list
    data = {"materials": [with_citations({**c.as_dict(), **caveats.as_dict(),
                                          "source_types": types},
                                         sources.cite_numbers(c.sources))
                          for c, (caveats, types) in zip(items, marks, strict=True)],
            "sources": sources.entries()}
    return tabular("Concentration by material and stage", rows, columns, fmt,
                   data, graph, sources, intro)


def render_dependents(node_id: str, losses: dict[str, dict[str, float]], graph: SupplyGraph,
                      fmt: str, spofs: dict[str, str | bool] | None = None,
                      caveats: dict[str, Caveats] | None = None,
                      left_out: list[dict] | None = None,
                      through_makers: dict[str, list[str]] | None = None,
                      cited: dict[str, list[str]] | None = None,
                      untraced: dict[str, list[str]] | None = None,
                      untraced_losses: dict[str, float] | None = None,
                      grades: dict[str, list[tuple[str, list[str]]]] | None = None
                      ) -> str:
    """Products depending on a node: ``losses`` maps a product to its loss per bound
    (``{"lower": ..., "upper": ...}``, bounds with no baseline left out); ``spofs`` to
    "certain", "possible" or False (JSON keeps them so, design note 5.6; CSV writes
    ``no``); ``caveats`` to what each loss rests on; ``left_out``
    lists what --min-confidence left out that bears on them; ``through_makers`` the
    products the node (a country) stops only through their makers' own work there (still
    a single point of failure of them, annotated);
    ``cited`` maps a product to the sources of the claims its loss rests on (numbered and
    listed, as chokepoints does); ``untraced`` to its requirements nothing traces to a
    country, which may come from the node, and ``untraced_losses`` to its loss if they
    do (the high end); ``grades`` to the materials of unstated grade through which alone
    it may need the node, each with the richer grades it may be (Dependents.grades).

    Every format numbers the sources once, as it builds its rows, which come first in the
    text's order too (findings 12: JSON and CSV wrote the text first to number them):
    each row's ``citations`` are the ``[n]`` the text prints beside it (JSON: also
    ``citation_numbers``, and ``sources``, the list of those the rows cite: number, id,
    title, publisher, URL, date); ``sources`` in a row stays the ids."""
    spofs, caveats, through = spofs or {}, caveats or {}, through_makers or {}
    grades = grades or {}
    cited = cited or {}
    untraced, untraced_losses = untraced or {}, untraced_losses or {}
    sources = SourceIndex(graph)

    def pair(p):
        values = list(losses[p].values()) or [0.0]
        return min(values), max(max(values), untraced_losses.get(p, 0.0))

    # at an equal loss the better-supported first, then the id (the one tie-break)
    ranked = sorted(losses, key=lambda p: (-losses[p].get("upper", 0.0), -pair(p)[1],
                                           support_key(caveats.get(p, Caveats())), p))
    plain = fmt in ("csv", "json")
    rows = []
    for p in ranked:
        low, high = pair(p)
        row = {"product": p, "label": graph.label(p), "end_use": graph.values(p, "end_use"),
               "loss": round(losses[p].get("upper", 0.0), 6) if plain else span(low, high),
               "spof": (spof_json(spofs.get(p)) if fmt == "json"
                        else spof_value(spofs.get(p)) if plain
                        else spof_text(spofs.get(p, False), through.get(p, ()))
                        or ("untraced" if p in untraced else ""))}
        if fmt == "json":
            row["loss_range"] = [round(low, 6), round(high, 6)]
            row["spof_through_makers"] = through.get(p, [])
            row["range_from_grade"] = [{"material": m, "grades": g} for m, g in grades.get(p, ())]
        elif fmt == "csv":
            del row["loss"]
            row.update(ends("loss", (low, high)))
        row.update(_caveat_cells(caveats.get(p, Caveats()) if high > 0 else Caveats(), fmt))
        if plain:
            row["untraced_requirements"] = (";".join(untraced.get(p, [])) if fmt == "csv"
                                            else list(untraced.get(p, [])))
        row["sources"] = (sources.cite(cited.get(p, [])) if not plain
                          else ";".join(cited.get(p, [])) if fmt == "csv"
                          else list(cited.get(p, [])))
        if plain:  # the text's numbers beside the ids
            row = with_citations(row, sources.cite_numbers(cited.get(p, [])), fmt)
        rows.append(row)
    certain = sum(1 for p in ranked if spofs.get(p) == "certain")
    possible = sum(1 for p in ranked if spofs.get(p) == "possible" and p not in grades)
    # listed only for requirements nothing traces: no supply path from the node
    only = [p for p in ranked if p in untraced and not any(losses[p].values())]
    on_path = len(rows) - len(only) - len(set(grades) - set(only))
    stopped = [p for p in ranked if spofs.get(p) == "certain"]
    # each product it stops is named with what the figure rests on, as its row says it
    # (a sentence that names a single point of failure states a figure too), a proxy
    # named where it is the weakest claim, once for the sentence (5.7)
    seen: set = set()
    named = ("; ".join(f"{graph.label(p)} "
                       f"{headline_phrase(graph, caveats.get(p, Caveats()), seen)}".rstrip()
                       for p in stopped) if 0 < len(stopped) <= 8 else "")
    intro = (f"{on_path} {'product has' if on_path == 1 else 'products have'} a supply path "
             f"from {name(graph, node_id)}; {certain} cannot be made without it"
             + (f": {named}" if named else "")
             + (f"{'. ' if named else ', '}{possible}{' more' if named else ''} may not be "
                "(if their unmapped stages "
                + ("sit in it or take their inputs from it)"
                   if graph.kind(node_id) == "Country" else "need it)")
                if possible else "") + ".")
    if through:
        intro += (f" {join_names([graph.label(p) for p in sorted(through)])} would lose all "
                  "without it only through "
                  + ("its maker's" if len(through) == 1 else "their makers'")
                  + " own work there (via maker): it is a single point of failure of "
                  + ("it" if len(through) == 1 else "them")
                  + " (design note 5.6) as the place of the maker's work, not of a supplier "
                  "(5.1).")
    if node_id == REST_OF_WORLD:
        whole = sum(1 for p in ranked if pair(p)[1] >= 1.0 - 1e-9)
        intro = (f"{len(rows)} product(s) have a supply path from {name(graph, node_id)}: "
                 f"the countries the share figures do not name, taken together; {whole} "
                 "would lose all their supply without all of them, so it is a single point "
                 "of failure of those (design note 5.2; "
                 f"{certain} certain, {possible} possible), though many countries, not one.")
    if not plain and any(caveats.get(p, Caveats()).assumed_share for p in ranked
                         if pair(p)[1] > 0):
        intro += assumed_sentence(graph, node_id)
    intro += grade_sentence(graph, node_id, [p for p in ranked if p in grades], grades)
    intro += untraced_sentence(graph, node_id, [p for p in ranked if p in untraced],
                               untraced, len(only))
    left_out = left_out or []
    intro += left_out_sentence(graph, len(left_out))
    intro += future_sentence(graph, ranked)
    intro += confidence_hint(graph, "dependents", any(
        caveats.get(p, Caveats()).confidence == "low" for p in ranked if pair(p)[1] > 0))
    intro += disputed_sentence(graph, [caveats.get(p, Caveats()) for p in ranked
                                       if pair(p)[1] > 0])
    # a row rated low names the low claims that make it so, as a scenario's does (a
    # disputed one too: the drive motor's Dy/Tb-doped magnet; trial 8, MED-3)
    weak = [(graph.label(p), caveats[p]) for p in ranked
            if pair(p)[1] > 0 and p in caveats and caveats[p].low]
    if weak and not plain:
        intro += "".join(f" {s}" for s in low_sentences(weak, graph, sources.cite))
    data = {"node": node_id, "dependents": rows, "left_out_below_confidence": left_out,
            **({"sources": sources.entries()} if fmt == "json" else {})}
    columns = ["product", "label", "end_use", "loss", "spof", "confidence", "sources"]
    if fmt == "csv":
        columns = ["product", "label", "end_use", "loss_low", "loss_high", "spof",
                   "confidence", "proxies", "disputes", "low_confidence", "assumed_share",
                   "untraced_requirements", "sources", "citations"]
    return tabular(f"Products depending on {graph.label(node_id)}", rows, columns, fmt, data,
                   graph, sources, intro=intro, left_out=left_out)


def assumed_sentence(graph: SupplyGraph, node_id: str) -> str:
    """For after a summary (with a leading space), where a row's loss is marked ≈: that
    it rests on a share no source gives, the equal split of design note 5.4, spelt out
    for the node's own output (a new user read JL Mag's ≈46% as a share its source
    states: it gives 14%, of high-end magnets; citefix).

    >>> from mineralgraph import load_bundled
    >>> print(assumed_sentence(load_bundled(), "company:jl-mag")[:164].strip())
    ... # doctest: +NORMALIZE_WHITESPACE
    Losses marked ≈ rest on a share no source gives: China's 92% of Sintered NdFeB
    permanent magnet split equally between JL Mag Rare-Earth and China's unmapped output
    """
    from mineralgraph.graph.analysis.splits import equal_splits

    # a company's output is its own and its facilities' (Less Common Metals' ≈ is its
    # Ellesmere Port plant's part)
    holders = [node_id] + (graph.neighbours(node_id, "OPERATED_BY", incoming=True)
                           if graph.kind(node_id) == "Company" else [])
    materials = sorted({str(c.object) for h in holders
                        for c in graph.relation_claims(h, "PRODUCES")})
    splits = [split for m in materials for split in equal_splits(graph, m, holders)]
    if not splits:
        return (" Losses marked ≈ rest on a share no source gives: a producer on the path "
                "with no share of its own takes an equal part of its country's (design note "
                "5.4); mineralgraph chokepoints --product ... spells out each split.")
    return (" Losses marked ≈ rest on a share no source gives: "
            + "; ".join(split_phrase(graph, split, rated=True) for split in splits) + ".")


def grade_sentence(graph: SupplyGraph, node_id: str, products: list[str],
                   grades: dict[str, list[tuple[str, list[str]]]]) -> str:
    """For after a summary (with a leading space): the products that have no supply path
    from ``node_id`` yet may need it, because a material they need is of unstated grade
    and may be a grade that holds the node (addendum, 5.6 grades), or "" when none."""
    if not products:
        return ""
    materials = sorted({m for p in products for m, _ in grades[p]})
    richer = sorted({g for p in products for _, gs in grades[p] for g in gs})
    return (f" {join_names([name(graph, p) for p in products])} "
            f"{'have' if len(products) > 1 else 'has'} no supply path from "
            f"{prose_name(graph, node_id)} but need{'' if len(products) > 1 else 's'} "
            f"{join_names([graph.label(m) for m in materials])}, whose grade no source "
            f"states: it may be {join_names([graph.label(g) for g in richer])}"
            + ("" if node_id in richer else f", which contains {prose_name(graph, node_id)}")
            + ", so "
            f"{'they' if len(products) > 1 else 'it'} may not be made without it (the high "
            "end of the loss takes the grade that needs it, as a scenario's low end "
            "does; stating the grade narrows the range).")


def beyond_clause(graph: SupplyGraph, node_id: str,
                  beyond: dict[str, tuple[str, list[str]]]) -> str:
    """For the end of a sentence about the products that depend on ``node_id`` ("; ..."):
    those with no supply path from it that may still need it, as ``dependents`` lists
    them (``beyond``: product -> ("grade" or "untraced", materials)), or "" when none."""
    if not beyond:
        return ""
    parts = []
    for why, text in (("grade", "the grade of {} is not stated and may be one that needs "
                                "it"),
                      ("untraced", "no source traces {} to a country")):
        products = [p for p in sorted(beyond) if beyond[p][0] == why]
        if products:
            materials = sorted({m for p in products for m in beyond[p][1]})
            parts.append(f"{join_names([graph.label(p) for p in products])} "
                         f"({text.format(join_names([graph.label(m) for m in materials]))})")
    return (f"; with no supply path from {prose_name(graph, node_id)}, "
            f"{' and '.join(parts)} may not be made without it either (as dependents says)")


def untraced_sentence(graph: SupplyGraph, node_id: str, products: list[str],
                      untraced: dict[str, list[str]], only: int = 0) -> str:
    """For after a summary (with a leading space): the products with requirements nothing
    traces to a country, which may come from ``node_id`` (``only`` of them listed for that
    alone, rows marked ``untraced``), or "" when there are none."""
    if not products:
        return ""
    materials = sorted({m for p in products for m in untraced[p]})
    many = len(materials) > 1
    country = graph.kind(node_id) == "Country"
    verb = {"Country": "may supply", "Element": "may be in"}.get(graph.kind(node_id),
                                                                 "may go into")
    # said plainly (trial 7, LOW-5: "3 more product(s) are listed though they have none")
    listed = (f" {only} more {'product is' if only == 1 else 'products are'} listed with no "
              f"supply path from {prose_name(graph, node_id)}, for an untraced requirement "
              f"alone (rows marked untraced)." if only else "")
    return (listed
            + f" {len(products)} product(s) need "
            f"{join_names([graph.label(m) for m in materials])}, which no source traces to "
            f"a country: {prose_name(graph, node_id)} {verb} {'them' if many else 'it'}, so "
            f"{join_names([name(graph, p) for p in products])} possibly depend on "
            f"{prose_name(graph, node_id)} through untraced requirements (unknown, not "
            "safe; the high end of the loss takes them as "
            + ("coming from it" if country else "needing it")
            + ", as a scenario's low end does).")


def disputed_sentence(graph: SupplyGraph, caveats: list[Caveats]) -> str:
    """For after a summary (with a leading space): the disputed claims the rows rest on,
    each with who disagrees (rows marked ``disputed``), or "" when there are none."""
    union = Caveats()
    for found in caveats:
        union |= found
    sentences = dispute_sentences(graph, union)
    if not sentences:
        return ""
    return (" Rows marked disputed rest on a claim another source disagrees with (both are "
            "kept). " + " ".join(sentences))


def _caveat_cells(caveats: Caveats, fmt: str) -> dict:
    """The confidence of a row: one ``low, proxy`` cell in text and Markdown; the level,
    the proxies and the assumed-share flag apart in CSV and JSON."""
    if fmt in ("csv", "json"):
        data = caveats.as_dict()
        if fmt == "csv":
            data.update(caveat_columns(data))
        return data
    return {"confidence": caveats.describe()}


def render_paths(source: str, target: str, paths: list[list[PathStep]], graph: SupplyGraph,
                 fmt: str, left_out: list[dict] | None = None) -> str:
    """Supply paths between two nodes; ``left_out`` the claims --min-confidence left out
    that lie between them (paths through them are not shown)."""
    left_out = left_out or []
    sources = SourceIndex(graph)
    if fmt == "json":  # each step with the text's [n], and the text's list of sources
        steps = [[with_citations(s.__dict__, sources.cite_numbers(s.sources)) for s in p]
                 for p in paths]
        return to_json({"from": source, "to": target, "paths": steps,
                        "left_out_below_confidence": left_out,
                        **reading_flags(graph), "sources": sources.entries()})
    rows = [{"path": n, "step": i, "from": s.source,
             "relation": f"{FLOW_VERBS[s.relation]} ({s.relation})" if fmt != "csv"
             else s.relation, "to": s.target,
             "share": s.share if fmt == "csv" else percent(s.share),
             "confidence": s.confidence,
             "caveat": "; ".join(part for part in (
                 f"proxy: measured for {s.proxy}" if s.proxy else "", s.note or "") if part),
             "sources": (sources.cite(s.sources) if fmt != "csv"
                                           else ";".join(s.sources)),
             **({"citations": sources.cite(s.sources)} if fmt == "csv" else {})}
            for n, path in enumerate(paths, 1) for i, s in enumerate(path, 1)]
    intro = f"{len(paths)} supply path(s) from {name(graph, source)} to {name(graph, target)}."
    if left_out:
        intro += (f" {len(left_out)} relation(s) between them rated below "
                  f"{graph.min_confidence} confidence are left out (--min-confidence "
                  f"{graph.min_confidence}): paths through them are not shown; they are "
                  "listed below.")
    return tabular("Supply paths", rows, ["path", "step", "from", "relation", "to", "share",
                                          "confidence", "caveat", "sources"]
                   + (["citations"] if fmt == "csv" else []),
                   fmt, None, graph, sources, intro, left_out=left_out)


def scenario_row_sources(row: dict, graph: SupplyGraph) -> list[str]:
    """The sources a scenario's product row cites: a product not made yet, its making's;
    else those of the shares its loss blocks or removes (its drivers), then those of the
    low-rated claims its figure rests on (trial 7, HIGH-1)."""
    if row.get("not_made_yet"):
        return list(row["not_made_yet"]["sources"])
    behind = driver_sources(row.get("drivers", []) + row.get("low_drivers", []), graph)
    return behind + sorted({s for w in row.get("low_confidence", ()) for s in w["sources"]}
                           - set(behind))


def render_scenario(result: dict, graph: SupplyGraph, fmt: str) -> str:
    """The scenario's loss per product: a % range with its confidence and the numbered
    sources of the shares it blocks or removes (JSON: each driver's ``sources``; CSV:
    ``sources``). Every format numbers them once, as it builds the report, in the text's
    order (findings 12: JSON and CSV wrote the text first to number them): each product's
    ``citations`` are the ``[n]`` the text prints beside it (JSON: also
    ``citation_numbers``, and ``sources``, the text's list: number, id, title, publisher,
    URL, date)."""
    csv = fmt == "csv"
    sources = SourceIndex(graph)
    # a product not made yet on the date has a row saying so and no figure (its making's
    # sources cited); every sentence on losses reads the others
    later = [r for r in result["products"] if r.get("not_made_yet")]
    made = [r for r in result["products"] if not r.get("not_made_yet")]
    # why each product loses, with the low claims its figure rests on where the headline
    # (the hardest hit) has not named them (the JDAM's SmCo requirement under the defence
    # denial, trial 7 MED-5); numbered first, as the sources of the drivers always were
    worst = hardest_hit(made)
    reasons = reason_lines(made, graph, sources, named={r["product"] for r in worst})
    rows = []
    for r in later:
        when = r["not_made_yet"]["made_from"]
        cited = r["not_made_yet"]["sources"]
        row = {"product": r["product"], "end_use": r["end_use"],
               "loss": f"not made yet (from {when})", "new_spofs": [], "not_mapped": "",
               "confidence": "", "sources": ";".join(cited) if csv else sources.cite(cited)}
        if csv:
            row["citations"] = sources.cite(cited)
            del row["loss"]
            row.update({"not_made_yet": when, "requirements_recorded": "",
                        "proxies": "", "disputes": "", "low_confidence": "",
                        "assumed_share": "",
                        "new_possible_spofs": [], "mapped_availability": "",
                        "worst_case_loss_low": "", "worst_case_loss_high": ""})
        rows.append(row)
    for r in made:
        # a low-rated claim the figure rests on is cited with it (trial 7, HIGH-1)
        behind = scenario_row_sources(r, graph)
        # one quantity in the table: the loss, a % range (as chokepoints shows it); the
        # availabilities (fractions 0-1) are in JSON and CSV only, named as such
        row = {"product": r["product"], "end_use": r["end_use"],
               # a 0% counts only the recorded requirements (recorded_lines says how many)
               "loss": span(*r["loss_range"]) + (
                   "*" if r["loss_range"][1] <= 0 and "requirements_recorded" in r else "")
               + worst_case_note(r),
               "new_spofs": r["new_spofs"] + [f"{n} (possible)" for n in r["new_possible_spofs"]],
               "not_mapped": len(r["supply_not_mapped"]) or "",
               **_caveat_cells(row_caveats(r), fmt),
               "sources": ";".join(behind) if csv else sources.cite(behind)}
        if csv:
            row["citations"] = sources.cite(behind)
            row["requirements_recorded"] = r.get("requirements_recorded", "")
            del row["loss"]
            row.update({**ends("baseline", r["baseline_range"]),
                        **ends("availability", r["availability_range"]),
                        "mapped_availability": r["mapped_availability"],
                        **ends("loss", r["loss_range"]),
                        "loss": r["loss"],
                        "new_spofs": r["new_spofs"],
                        "new_possible_spofs": r["new_possible_spofs"],
                        **ends("worst_case_loss", r.get("worst_case_loss_range")
                               or r["loss_range"])})
        rows.append(row)
    rows = rows[len(later):] + rows[:len(later)]  # in the result's order: not made last
    hit = [r for r in made if r["loss_range"][1] > 0]
    top = max(((r["loss"], r["loss_range"][1]) for r in hit), default=(0.0, 0.0))
    intro = f"Scenario {result['scenario']}: {result['title']}. " if result["title"] else ""
    # a control not yet (or no longer) in force changes nothing: said before the count, so
    # "0 products lose supply" is never read as "safe under this control"
    intro += "".join(f"Note: {note}. " for note in result.get("notes", []))
    intro += f"{len(hit)} of {len(made)} product(s) lose or may lose supply"
    # those the default reads as losing nothing and --worst-case as losing some: counted
    intro += worst_case_count(made, graph)
    if len(worst) == 1:
        intro += (f"; the hardest hit is {name(graph, worst[0]['product'])}, losing "
                  f"{span(*worst[0]['loss_range'])}.")
    elif worst:
        spans = {span(*r["loss_range"]) for r in worst}
        each = (f"each losing {spans.pop()}" if len(spans) == 1
                else f"losing up to {percent(top[1])}")
        intro += (f"; the hardest hit are {join_names([name(graph, r['product']) for r in worst])}"
                  f", {each}.")
    else:
        intro += "."
    weak = Caveats()
    for row in worst:
        weak |= row_caveats(row)
    cite = None if csv else sources.cite
    if worst and weak.weak:
        described = {row_caveats(r).describe() for r in worst}
        if len(worst) == 1 or len(described) == 1:
            intro += (f" That figure {rests_on(weak)}." if len(worst) == 1 else
                      f" Those figures {rests_on(weak).replace('rests on', 'rest on', 1)}.")
        else:
            # each product's figure with what it rests on: a low claim under one of them
            # does not make the others low (trial 7, MED-4)
            intro += " " + per_product_rests_on(worst, graph) + "."
        intro += "".join(f" {s}" for s in caveat_sentences(graph, weak))
        if len(worst) == 1 or len(described) == 1 and all(
                row_caveats(r).low == weak.low for r in worst):
            low = low_claim_sentence(graph, weak, cite, lead=None)
            intro += f" {low}" if low else ""
        else:
            intro += "".join(f" {s}" for s in product_low_sentences(worst, graph, cite))
        intro += confidence_hint(graph, "scenario", weak.confidence == "low")
    if later:
        when = result.get("as_of") or "the date"
        intro += "".join(
            f" {graph.label(r['product'])} was not made yet on {when}: its making by "
            f"{join_names([graph.label(m) for m in r['not_made_yet']['makers']])} is dated "
            f"from {r['not_made_yet']['made_from']}"
            + (f" {sources.cite(r['not_made_yet']['sources'])}" if not csv else "")
            + ", so it has no supply to lose on that date." for r in later)
    intro += "".join(f"\n{line}" for line in reasons)
    intro += "".join(f"\n{line}" for line in worst_case_lines(made, graph, sources))
    intro += "".join(f"\n{line}" for line in press_lines(made, graph, sources))
    recorded = recorded_lines(made, graph)
    intro += "".join(f"\n{line}" for line in recorded)
    if recorded and not csv:
        intro += ("\n0%*: counting only the recorded requirements of the product (above): "
                  "not safe, not measured.")
    rest = [name(graph, r["product"]) for r in made if r.get("rest_of_world_only")]
    if rest:
        intro += "\n" + rest_of_world_sentence(True, join_names(rest), many=len(rest) > 1)
    left_out = result.get("left_out_below_confidence", [])
    if graph.min_confidence:
        intro += "\n" + left_out_sentence(graph, len(left_out)).lstrip()
    intro += unmapped_range_line(made, graph)
    future = future_sentence(graph, [r["product"] for r in result["products"]])
    intro += ("\n" + future.lstrip()) if future else ""
    intro += "".join(f"\n{line}" for line in baseline_lines(made, graph))
    if fmt == "json":  # numbered as the text numbers them, read from the one index
        if graph.min_confidence:  # the list after the table (tabular) cites these
            left_out_lines(graph, left_out, sources)
        products = []
        for r in result["products"]:
            worst = r.get("worst_case")
            products.append(with_citations(
                {**r, **drivers_json(r, graph),
                 **({"worst_case": {**worst, **drivers_json(worst, graph)}} if worst else {})},
                sources.cite_numbers(scenario_row_sources(r, graph))))
        return to_json({**result, **reading_flags(graph), "products": products,
                        "sources": sources.entries()})
    columns = ["product", "end_use", "loss", "new_spofs", "not_mapped", "confidence",
               "sources"]
    if csv:
        # baseline and availability: 5.6's two bounds; mapped_availability beside them
        # (the inputs of no mapped supply, counted in not_mapped, taken as missing)
        columns = ["product", "end_use", "baseline_low", "baseline_high", "availability_low",
                   "availability_high", "loss_low", "loss_high", "loss", "new_spofs",
                   "new_possible_spofs", "not_mapped", "requirements_recorded", "confidence",
                   "proxies", "disputes", "low_confidence", "assumed_share", "sources",
                   "citations", "mapped_availability", "worst_case_loss_low",
                   "worst_case_loss_high"]
        if later:  # the date its making starts, for a product not made yet
            columns.append("not_made_yet")
    return tabular("Scenario", rows, columns, fmt, result, graph, sources, intro=intro,
                   left_out=left_out)


def baseline_lines(rows: list[dict], graph: SupplyGraph) -> list[str]:
    """The products whose supply is not whole before the scenario: their loss is counted
    from a baseline below 100% (the table shows losses only). Products with the same
    baseline share a line."""
    groups: dict[str, list[str]] = {}
    for r in rows:
        low, high = r["baseline_range"]
        if low >= 1.0 and high >= 1.0:
            continue
        groups.setdefault(span(low, high), []).append(name(graph, r["product"]))
    out = []
    for band, products in sorted(groups.items()):
        many = len(products) > 1
        out.append(f"{join_names(products)} {'have' if many else 'has'} a baseline "
                   f"availability of {band} without the scenario; "
                   f"{'their losses are' if many else 'its loss is'} counted from it.")
    return out


#: why a --worst-case figure differs, short, for beside the figure in a table cell: the
#: key of the --worst-case row that says it, and the reason
WORST_CASE_WHY = (("range_from_grade", "grade not stated"),
                  ("range_from_unmapped", "supply not mapped"),
                  ("range_from_maker", "maker not recorded"))


def shows_worst_case(row: dict) -> bool:
    """Whether a scenario row's figure under ``--worst-case`` (its ``worst_case``, from
    :func:`~mineralgraph.graph.analysis.comparison.worst_case_beside`) reads otherwise than
    its own, so the views state it beside it."""
    wide = row.get("worst_case")
    return bool(wide) and span(*wide["loss_range"]) != span(*row["loss_range"])


def worst_case_note(row: dict, lead: str = "") -> str:
    """For beside a scenario row's loss in a table: what ``--worst-case`` gives, why and on
    what, ``" (0-92% under --worst-case: grade not stated; conf. medium, proxy)"``; ""
    when it gives the same figure. ``lead`` goes before the range where the figure it
    stands beside is not a loss (``"a loss of "`` beside what a product keeps).

    >>> row = {"loss_range": [0.0, 0.0], "worst_case": {
    ...     "loss_range": [0.0, 0.92], "confidence": "medium", "range_from_grade": [{}],
    ...     "range_from_unmapped": [], "range_from_maker": []}}
    >>> worst_case_note(row)
    ' (0-92% under --worst-case: grade not stated; conf. medium)'
    >>> worst_case_note({**row, "worst_case": {**row["worst_case"], "loss_range": [0, 0]}})
    ''
    """
    if not shows_worst_case(row):
        return ""
    wide = row["worst_case"]
    why = [text for key, text in WORST_CASE_WHY if wide.get(key)]
    # a producer holding none to all of a pool no source splits (the addendum's 5.4)
    if pool_unknown(wide):
        why.append("share of a pool not known")
    why = ", ".join(why)
    rated = row_caveats(wide).describe()
    return (f" ({lead}{span(*wide['loss_range'])} under --worst-case"
            + (f": {why}" if why else "") + (f"; conf. {rated}" if rated else "") + ")")


def report_worst_case_note(report) -> str:
    """:func:`worst_case_note` of a chokepoint report under a scenario (its
    ``worst_case``, set by :func:`~mineralgraph.graph.analysis.chokepoints.add_worst_case`),
    for beside what the product keeps: ``" (a loss of 0-92% under --worst-case: grade not
    stated; conf. medium, proxy)"``; "" without a scenario or when it reads the same."""
    if not getattr(report, "worst_case", None) or report.scenario_loss_range is None:
        return ""
    return worst_case_note({"loss_range": report.scenario_loss_range,
                            "worst_case": report.worst_case}, lead="a loss of ")


def pool_unknown(wide: dict) -> bool:
    """Whether a ``--worst-case`` row (:data:`WORST_CASE_KEYS` of a scenario row) rests
    on a producer holding none to all of a pool no source splits (the addendum's 5.4): a
    driver whose share is a range."""
    return any(d.get("share_range") and d["share_range"][0] < d["share_range"][1]
               for d in wide.get("drivers", []) + wide.get("low_drivers", []))


def worst_case_count(rows: list[dict], graph: SupplyGraph) -> str:
    """For after "N of M product(s) lose or may lose supply": how many more may under
    ``--worst-case`` (those whose default figure is no loss), and why, ``", and 8 more may
    under --worst-case (5 if the grade of ..., which no source states, is ..., the grade
    the control covers; 4 if the scenario reaches inputs whose supply is not mapped; 1 of
    them for more than one reason)"``; "" when none."""
    more = [r for r in rows if r["loss_range"][1] <= 0 and r.get("worst_case")
            and r["worst_case"]["loss_range"][1] > 0]
    if not more:
        return ""
    parts = []
    grade = [r for r in more if r["worst_case"]["range_from_grade"]]
    if grade:
        materials = sorted({g["material"] for r in grade
                            for g in r["worst_case"]["range_from_grade"]})
        grades = sorted({x for r in grade for g in r["worst_case"]["range_from_grade"]
                         for x in g["grades"]})
        many = len(materials) > 1
        parts.append(f"{len(grade)} if the grade{'s' if many else ''} of "
                     f"{join_names([graph.label(m) for m in materials])}, which no source "
                     f"states, {'are' if many else 'is'} "
                     f"{join_names([graph.label(g) for g in grades])}, the grade"
                     f"{'s' if len(grades) > 1 else ''} the control covers")
    for key, text in (("range_from_unmapped", "if the scenario reaches inputs whose supply "
                                              "is not mapped"),
                      ("range_from_maker", "if their unknown makers are in a targeted "
                                           "country")):
        found = [r for r in more if r["worst_case"][key]]
        if found:
            parts.append(f"{len(found)} {text}")
    other = [r for r in more if not any(r["worst_case"][k] for k, _ in WORST_CASE_WHY)]
    # of the others, those a pool no source splits explains (a producer may hold all of it)
    pooled = [r for r in other if pool_unknown(r["worst_case"])]
    if pooled:
        parts.append(f"{len(pooled)} if a producer holds all of a pool no source splits")
    if len(other) > len(pooled):
        parts.append(f"{len(other) - len(pooled)} under its other wider readings")
    reasons = len(grade) + sum(1 for r in more for k, _ in WORST_CASE_WHY[1:]
                               if r["worst_case"][k]) + len(other)
    both = reasons - len(more)
    if len(parts) == 1:  # one reason for all: no count beside it
        parts = [parts[0].split(" ", 1)[1]]
    return (f", and {len(more)} more may under --worst-case (" + "; ".join(parts)
            + (f"; {both} of them for more than one reason" if both > 0 else "") + ")")


def worst_case_lines(rows: list[dict], graph: SupplyGraph,
                     sources: SourceIndex | None = None) -> list[str]:
    """Why the products whose figure ``--worst-case`` reads otherwise lose more there
    (:func:`reason_lines` of their ``--worst-case`` rows, beside their own figure)."""
    return reason_lines([r for r in rows if shows_worst_case(r)], graph, sources,
                        named={r["product"] for r in rows}, worst_case=True)


def figure_rests_on(row: dict) -> str:
    """What a scenario row's figure rests on, for after it in brackets: ``a figure that
    rests on medium-confidence claims and a proxy``; ``a figure of unknown confidence``
    where no rated claim explains it or the rules for missing facts alone set it."""
    caveats = row_caveats(row)
    if caveats.confidence == "unknown":
        return "a figure of unknown confidence"
    return f"a figure that {rests_on(caveats)}"


def unmapped_range_line(rows: list[dict], graph: SupplyGraph) -> str:
    """For after a scenario's summary (a new line): the products with inputs whose supply
    is not mapped, and whether each figure is a range from losing them to keeping them
    (section 5.6) or keeps them, as the scenario reaches none of them by the rules of
    section 5.6 (and how many ``--worst-case`` widens); "" when there are none."""
    blind = [r for r in rows if r["supply_not_mapped"]]
    if not blind:
        return ""
    line = (f"\n{len(blind)} product(s) have inputs whose supply is not mapped (column "
            "not_mapped)")
    wide = [r for r in blind if r["range_from_unmapped"]]
    if len(wide) == len(blind):
        return line + ": each figure is a range from losing them to keeping them."
    rule = ("covering it, an element it contains or one of its inputs, or, under "
            "--worst-case, any control in scope when no source traces it to a country"
            if graph.worst_case else "covering it, an element it contains or one of its "
            "inputs")
    line += (f": {len(wide)} of them have a range from losing them to keeping them, and the "
             f"other {len(blind) - len(wide)} one figure that keeps them"
             if wide else ": each figure keeps them")
    line += (", as by the design note's rules (5.6) the scenario reaches none of "
             f"{'those' if wide else 'them'} (a control reaches such an input only by "
             f"{rule}, and a removal only by taking the country it is anchored in)")
    widened = [r for r in blind if not r["range_from_unmapped"] and shows_worst_case(r)
               and r["worst_case"]["range_from_unmapped"]]
    if widened:
        line += (f"; --worst-case takes any control in scope to reach such an input when no "
                 f"source traces it to a country, and {len(widened)} of them may then lose "
                 "more (column loss)")
    return line + "."


def drivers_json(row: dict, graph: SupplyGraph) -> dict:
    """A scenario row's ``drivers`` and ``low_drivers`` as JSON (:func:`driver_json`)."""
    return {key: [driver_json(d, graph) for d in row.get(key, [])]
            for key in ("drivers", "low_drivers")}


def driver_json(driver: dict, graph: SupplyGraph) -> dict:
    """A driver of a scenario's loss as JSON: as :func:`~mineralgraph.graph.analysis.
    comparison.drivers` gives it, with the sources, ``confidence``, ``proxy`` (whether a
    proxy is among its claims) and ``proxies`` of the share it is (:func:`held_claims`),
    as the text gives them beside each driver."""
    caveats = Caveats.of(held_claims(graph, driver["material"], driver["holder"]))
    found = caveats.as_dict()
    return {**driver, "sources": driver_sources([driver], graph),
            "confidence": caveats.confidence, "proxy": bool(caveats.proxies),
            "proxies": found["proxies"], "disputes": found["disputes"]}


def driver_sources(drivers: list[dict], graph: SupplyGraph) -> list[str]:
    """The sources of the shares that make a loss (each driver's :func:`held_claims`)."""
    return sorted({s for d in drivers for c in held_claims(graph, d["material"], d["holder"])
                   for s in c.sources})


def driver_phrase(drivers: list[dict], graph: SupplyGraph,
                  sources: SourceIndex | None = None) -> str:
    """What makes a loss, from :func:`~mineralgraph.graph.analysis.comparison.drivers`:
    ``the scenario blocks China's 99% of Dysprosium oxide (separated) (medium confidence;
    rests on a proxy; source type: repost) [3]``, each share with what it rests on and,
    given ``sources``, its numbered sources; or that nothing on the mapped supply paths
    is hit."""
    if not drivers:
        return "nothing the scenario blocks or removes lies on {its} mapped supply paths"
    hows = {d["how"] for d in drivers}
    verb = "blocks" if hows == {"blocked"} else "removes" if hows == {"removed"} else \
        "blocks or removes"
    held = []
    for d in drivers:
        claims = held_claims(graph, d["material"], d["holder"])
        phrase = claims_phrase(graph, claims)
        cited = sources.cite([s for c in claims for s in c.sources]) if sources else ""
        # a producer that splits a pool holds none of it to all (never the equal split)
        share = ("≈" + span(*d["share_range"]) if d.get("assumed_share") and d.get(
            "share_range") else percent(d["share"]))
        held.append(f"{possessive_text(prose_name(graph, d['holder']))} {share} of "
                    f"{graph.label(d['material'])}" + (f" ({phrase})" if phrase else "")
                    + (f" {cited}" if cited else ""))
    return f"the scenario {verb} {join_names(held)} on {{its}} supply paths"


def hardest_hit(rows: list[dict]) -> list[dict]:
    """The scenario rows hardest hit: by the model's figure (the upper bound), then by
    the range's top, as the headline prints them."""
    hit = [r for r in rows if r["loss_range"][1] > 0]
    top = max(((r["loss"], r["loss_range"][1]) for r in hit), default=(0.0, 0.0))
    return [r for r in hit
            if (percent(r["loss"]), percent(r["loss_range"][1])) == tuple(map(percent, top))]


def per_product_rests_on(rows: list[dict], graph: SupplyGraph) -> str:
    """What each scenario row's figure rests on, products resting on the same together:
    ``Of those figures, A's and B's rest on high-confidence claims, and C's on
    low-confidence claims``."""
    groups: dict[str, list[str]] = {}
    for r in rows:
        phrase = rests_on(row_caveats(r))[len("rests on "):]
        groups.setdefault(phrase, []).append(possessive_text(graph.label(r["product"])))
    parts = [f"{join_names(names)} {'rest' if len(names) > 1 else 'rests'} on {phrase}"
             if i == 0 else f"{join_names(names)} on {phrase}"
             for i, (phrase, names) in enumerate(groups.items())]
    return "Of those figures, " + join_names(parts)


def product_low_sentences(rows: list[dict], graph: SupplyGraph, cite=None) -> list[str]:
    """The low-rated claims each scenario row's figure rests on, named under the product
    they bear on (``Patriot's figure rests on a low-confidence claim: ...``), products
    resting on the same claims together."""
    return low_sentences([(graph.label(r["product"]), row_caveats(r)) for r in rows],
                         graph, cite)


def reason_lines(rows: list[dict], graph: SupplyGraph,
                 sources: SourceIndex | None = None, named=frozenset(),
                 worst_case: bool = False) -> list[str]:
    """Why each product that loses supply loses it: the driver (the supply the scenario
    blocks or removes, with its share), and apart from it why the figure is a range (the
    stages without mapped supply). Products with the same reason share a line, followed
    by the low-rated claims each one's figure rests on (but for the products in ``named``,
    whose claims the headline names). With ``worst_case``, the same of each row's
    ``worst_case`` row, after the row's own figure (:func:`worst_case_lines`)."""
    groups: dict[tuple[str, str], list[str]] = {}
    low_rows: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        loses = f"lose{{s}} {span(*r['loss_range'])}"
        if worst_case:
            r = {**r["worst_case"], "product": r["product"]}
            loses += (" by the design note's rules (the default) and "
                      f"{span(*r['loss_range'])} under --worst-case ({figure_rests_on(r)})")
        if r["loss_range"][1] <= 0:
            continue
        reason = driver_phrase(r.get("drivers", []), graph, sources)
        low = r.get("low_drivers") or []
        if low and not r.get("drivers"):
            reason = driver_phrase(low, graph, sources).replace(
                "on {its} supply paths", "on {its} supply paths, but only in the worst case "
                "(the high end of the loss)", 1)
        why = range_why(r, graph)
        why_range = ((" That figure is a range" if worst_case else " {It is} a range")
                     + ", not one figure, because " + "; and ".join(why) + "."
                     if why else "")
        key = (f"{loses}: {reason}.", why_range)
        groups.setdefault(key, []).append(name(graph, r["product"]))
        if r["product"] not in named:
            low_rows.setdefault(key, []).append(r)
    cite = sources.cite if sources is not None else None
    out = []
    for key, products in groups.items():
        head, why = key
        many = len(products) > 1
        words = {"s": "" if many else "s", "its": "their" if many else "its",
                 "It is": "Each is" if many else "It is", "it": "them" if many else "it"}
        line = f"{join_names(products)} {head.format(**words)}{why.format(**words)}"
        line += "".join(f" {s}" for s in product_low_sentences(low_rows.get(key, []),
                                                                 graph, cite))
        out.append(line)
    return out


def range_why(row: dict, graph: SupplyGraph) -> list[str]:
    """Why a scenario row's loss is a range (its ``range_from_maker``, ``range_from_grade``
    and ``range_from_unmapped``), one clause each, with ``{it}`` left for the product(s):
    ``the grade of Sintered NdFeB permanent magnet is not stated (the high end takes it as
    the grade the control covers, ...; the low end as a grade it does not cover)``."""
    why = []
    for m in row.get("range_from_maker") or []:
        why.append("no maker of {it} is recorded, so the ban on end users in "
                   + join_names([prose_name(graph, t) for t in m["targets"]])
                   + " applies only in the worst case (the high end; the low end "
                   "takes {it} as made elsewhere)")
    for g in row.get("range_from_grade") or []:
        why.append(f"the grade of {graph.label(g['material'])} is not stated (the high "
                   "end takes it as the grade the control covers, "
                   + join_names([graph.label(x) for x in g["grades"]])
                   + "; the low end as a grade it does not cover)")
    behind = row.get("range_from_unmapped") or []
    if behind:
        why.append("these stages have no mapped supply (the low end keeps them; the "
                   "high end assumes the scenario reaches them): "
                   + "; ".join(graph.label(m) for m in behind))
    return why


def press_lines(rows: list[dict], graph: SupplyGraph,
                sources: SourceIndex | None = None) -> list[str]:
    """The press figures set aside on the supply paths of each product that loses supply
    (design note 5.5: shown beside, not used unless --press-figures), so a loss read
    without them says what the press gave. Products with the same materials share a line.
    """
    hit = [r["product"] for r in rows if r["loss_range"][1] > 0]
    aside = {m for m in graph.share_choices() if graph.press_set_aside(m)}
    if not hit or not aside:
        return []
    from mineralgraph.graph.flow import flow_graph, upstream

    flow = flow_graph(graph)
    # each material's press figures once, with the products on whose paths it lies
    # (findings 11: grouped by product, the same figure was printed in up to six lines)
    on_paths: dict[str, list[str]] = {}
    for product in hit:
        for material in sorted(aside & set(upstream(flow, product))):
            on_paths.setdefault(material, []).append(product)
    if not on_paths:
        return []
    cite = sources.cite if sources is not None else None
    items = []
    for material in sorted(on_paths, key=lambda m: (graph.label(m).casefold(), m)):
        products = on_paths[material]
        whose = ("every product above that loses supply" if len(products) == len(hit) > 1
                 else join_names(products))
        items += [f"{graph.label(material)}: {phrase}, on the paths of {whose}"
                  for phrase in press_beside(graph, material, cite)]
    return ["Press figures on the supply paths of the products that lose supply, not used "
            "(design note 5.5; mineralgraph --press-figures ... uses them where no "
            "statistical figure exists): " + "; ".join(items) + "."]


def recorded_lines(rows: list[dict], graph: SupplyGraph) -> list[str]:
    """Why a 0% is not "safe": it covers only the product's recorded requirements (a
    bill of materials may be partial). Products with the same count share a line."""
    groups: dict[int, list[str]] = {}
    for r in rows:
        if r["loss_range"][1] > 0 or "requirements_recorded" not in r:
            continue
        groups.setdefault(r["requirements_recorded"], []).append(name(graph, r["product"]))
    out = []
    for count in sorted(groups):
        products = groups[count]
        many = len(products) > 1
        counted = f"{count} recorded requirement{'' if count == 1 else 's'}"
        out.append(f"{join_names(products)} lose{'' if many else 's'} 0%, counting only "
                   f"{'their' if many else 'its'} {counted}{' each' if many else ''}: the "
                   "bill of materials may be partial, so 0% does not mean safe.")
    return out


def row_caveats(row: dict) -> Caveats:
    """The caveats of a scenario result row (from :func:`compare`): the scenario table's
    and the brief's confidence."""
    return Caveats(row.get("confidence"),
                   tuple((p["subject"], p["object"], p["measured_for"])
                         for p in row.get("proxies", ())), bool(row.get("assumed_share")),
                   tuple((d["subject"], d["relation"], d["object"], d["disputed_by"])
                         for d in row.get("disputes", ())),
                   tuple((w["subject"], w["relation"], w["object"], tuple(w["sources"]),
                          w["note"]) for w in row.get("low_confidence", ())),
                   row_ratings(row))


def row_ratings(row: dict) -> tuple:
    """:attr:`Caveats.ratings` of a result row's JSON: each proxy's and disputed claim's
    own confidence (a proxy's relation is not in its JSON: PRODUCES, as proxies are
    shares)."""
    return tuple(sorted(
        {(p["subject"], "PRODUCES", p["object"], p["confidence"])
         for p in row.get("proxies", ()) if p.get("confidence")}
        | {(d["subject"], d["relation"], d["object"], d["confidence"])
           for d in row.get("disputes", ()) if d.get("confidence")}))


def render_spofs(report, graph: SupplyGraph, fmt: str) -> str:
    """The single points of failure of one product, each with its shortest path."""
    sources = SourceIndex(graph)
    spofs = [c for c in report.chokepoints if c.spof_kind]
    rows = [{"id": c.id, "kind": c.kind, "label": c.label, "stage": c.stage,
             "spof": spof_json(c.spof_kind) if fmt == "json"
             else spof_value(c.spof_kind) if fmt == "csv"
             else spof_text(c.spof_kind, c.through_makers),
             "via": " -> ".join([graph.label(c.paths[0][0].source)]
                                + [graph.label(s.target) for s in c.paths[0]]) if c.paths else "",
             **_caveat_cells(c.caveats, fmt),
             "sources": (sources.cite(c.sources) if fmt not in ("csv", "json")
                         else c.sources)} for c in spofs]
    if fmt in ("csv", "json"):  # the text's [n] beside the ids, as every report gives them
        rows = [with_citations(row, sources.cite_numbers(c.sources), fmt)
                for row, c in zip(rows, spofs, strict=True)]
    if fmt == "json":
        # the design note's row keys (5.6): the upper bound's loss beside the range; what
        # a SPOF is, as annotations (a maker's country, the rest of the world)
        for row, c in zip(rows, spofs, strict=True):
            row.update({"loss": round(c.loss, 6),
                        "loss_range": [round(v, 6) for v in c.loss_range],
                        "spof_through_makers": c.through_makers})
    suppliers = sum(1 for c in spofs if c.spof and c.kind in ("Country", "Company", "Facility"))
    possible = sum(1 for c in spofs if not c.spof)
    when = report.as_of.isoformat() if report.as_of else "the latest data"
    under = f" under scenario {report.scenario}" if report.scenario else ""
    intro = (f"As of {when}{under}, {report.label} ({report.product}) has "
             f"{len(spofs) - possible} single point(s) of failure, {suppliers} of them "
             "supplier(s) (a country, company or facility)"
             + (f", and {possible} possible one(s) (only if its unmapped stages sit in their "
                f"anchor country{pooled_possible(report)})" if possible else "") + ".")
    if report.unmapped:
        intro += (f" {len(report.unmapped)} input(s) have no mapped supply and may hide "
                  "more.")
    if report.through_makers:
        intro += " " + makers_country_sentence(report, graph)
    if report.rest_of_world_only:
        intro += " " + rest_of_world_sentence(bool(report.scenario))
    left_out = [left_out_dict(c, graph.worst_case) for c in report.left_out]
    intro += left_out_sentence(graph, len(left_out))
    intro += future_sentence(graph, [report.product])
    intro += confidence_hint(graph, "spof", any(c.caveats.confidence == "low" for c in spofs))
    intro += disputed_sentence(graph, [c.caveats for c in spofs])
    # a row rated low names its low claims (trial 8, MED-3)
    if fmt not in ("csv", "json"):
        intro += "".join(f" {s[:1].upper()}{s[1:]}" for s in low_sentences(
            [(f"the {c.label} row", c.caveats) for c in spofs], graph, sources.cite))
    # the product's figures under the keys chokepoints gives its products: both bounds
    # against the baseline's, and what the availability rests on (5.7)
    data = {"product": report.product, "as_of": report.as_of, "scenario": report.scenario,
            "baseline_range": [round(v, 6) for v in report.baseline_range],
            "availability_range": [round(v, 6) for v in report.availability_range],
            **report.caveats.as_dict(),
            "mapped_availability": round(report.mapped_availability, 6),
            "rest_of_world_only": report.rest_of_world_only,
            "spofs_through_makers": report.through_makers,
            "spofs": rows,
            "supply_not_mapped": report.unmapped,
            "left_out_below_confidence": left_out,
            "sources": sources.entries()}
    return tabular(f"Single points of failure: {report.label}", rows,
                   ["id", "kind", "spof", "stage", "via", "confidence", "sources"]
                   + (["proxies", "disputes", "low_confidence", "assumed_share", "citations"]
                      if fmt == "csv" else []),
                   fmt, data, graph, sources, intro, left_out=left_out)
