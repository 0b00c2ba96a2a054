"""Foundation commands: ``info``, ``show``, ``validate`` and ``build``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from mineralgraph.cells import qualifier_text
from mineralgraph.claim import Claim
from mineralgraph.commands.options import as_of_option, parse_date_option
from mineralgraph.exceptions import InputError, InputErrors, MineralGraphError
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.output import (
    emit,
    fit,
    markdown_table,
    md_text,
    output_options,
    text_table,
    to_json,
    working,
)
from mineralgraph.validation import check_claims, check_warnings, share_conflicts

#: Source types from primary to derivative (the ontology's ``source_type`` values).
SOURCE_TYPES = ("statistics", "government", "company", "research", "press", "repost")


def fact_source_type(graph: SupplyGraph, claim: Claim) -> str:
    """The type of the strongest source a fact rests on (``not recorded`` when none of its
    sources has a type): a fact from USGS relayed by a blog counts as statistics."""
    types = {graph.attribute(s, "source_type") for s in claim.sources}
    return next((t for t in SOURCE_TYPES if t in types), "not recorded")


def unmapped_materials(graph: SupplyGraph) -> list[dict]:
    """Materials with no producer in the graph, each with why (``unmapped_reason``)."""
    return [{"id": m, "label": graph.label(m),
             "unmapped_reason": graph.attribute(m, "unmapped_reason")}
            for m in graph.ids("Material")
            if not graph.relation_claims(m, "PRODUCES", incoming=True)]


def graph_info(graph: SupplyGraph) -> dict:
    """Counts of what a graph holds: facts (and facts by the type of their strongest
    source), nodes by kind, edges by relation, sources, dates, and the materials with no
    producer with the reason recorded for each."""
    dates = sorted(d for c in graph.claims for d in (c.valid_from, c.valid_to) if d)
    dates += sorted(c.object for c in graph.claims
                    if c.predicate in ("published", "effective_from", "effective_to"))
    return {
        "facts": len(graph.claims),
        "unsourced_facts": sum(1 for c in graph.claims if not c.sources),
        "nodes": len(graph),
        "nodes_by_kind": dict(sorted(Counter(graph.kind(n) for n in graph.ids()).items())),
        "edges": sum(1 for _ in graph.edge_claims()),
        "edges_by_relation": dict(sorted(
            Counter(c.predicate for c in graph.edge_claims()).items())),
        "sources": len(graph.sources()),
        "date_range": [min(dates).isoformat(), max(dates).isoformat()] if dates else None,
        "as_of": graph.as_of_date.isoformat() if graph.as_of_date else None,
        "share_conflicts": [
            {"material": c.material, "used": c.chosen.as_dict(),
             "disagreeing": [o.as_dict() for o in c.others]} for c in share_conflicts(graph)],
        "min_confidence": graph.min_confidence,
        "facts_by_source_type": dict(sorted(
            Counter(fact_source_type(graph, c) for c in graph.claims).items(),
            key=lambda kv: (SOURCE_TYPES + ("not recorded",)).index(kv[0]))),
        "materials_without_producer": unmapped_materials(graph),
    }


@click.command()
@output_options(formats=("text", "md", "json"))
@as_of_option
@click.pass_obj
def info(app, fmt, output, as_of):
    """Show what the graph holds: facts, nodes by kind, relations, sources, dates."""
    data = graph_info(app.graph(as_of))
    if fmt == "json":
        return emit(to_json(data), output)
    kinds = [{"kind": k, "nodes": v} for k, v in data["nodes_by_kind"].items()]
    rels = [{"relation": k, "edges": v} for k, v in data["edges_by_relation"].items()]
    table = markdown_table if fmt == "md" else text_table
    span = " to ".join(data["date_range"] or ["-"])
    head = (f"{data['facts']} facts ({data['unsourced_facts']} without a source), "
            f"{data['nodes']} nodes, {data['edges']} relations, {data['sources']} sources; "
            f"dates {span}.")
    if data["min_confidence"]:
        head += (f" Relations rated below {data['min_confidence']} confidence are left out "
                 f"(--min-confidence {data['min_confidence']}).")
    types = [{"strongest source": k, "facts": v}
             for k, v in data["facts_by_source_type"].items()]
    unmapped = data["materials_without_producer"]
    missing = sum(1 for m in unmapped if not m["unmapped_reason"])
    gaps = [{"material": f"{m['label']} ({m['id']})",
             "why no producer is mapped": m["unmapped_reason"] or "(no reason recorded)"}
            for m in unmapped]
    parts = [head, table(kinds, ["kind", "nodes"]), table(rels, ["relation", "edges"]),
             "Facts by the type of their strongest source:",
             table(types, ["strongest source", "facts"]),
             f"{len(unmapped)} material(s) have no producer; {missing} without a recorded "
             "reason:", table(gaps, ["material", "why no producer is mapped"])]
    if data["share_conflicts"]:
        parts.append("\n".join(
            f"Competing country shares of {c['material']}: {c['used']['source']} "
            f"({c['used']['year']}) is used; "
            + ", ".join(o["source"] for o in c["disagreeing"]) + " disagree(s)."
            for c in data["share_conflicts"]))
    if fmt == "md":
        parts = [md_text(p) if not p.startswith("|") else p for p in parts]
        return emit("\n\n".join(parts), output)
    emit(fit("\n\n".join(parts)), output)


def node_view(graph: SupplyGraph, node_id: str) -> dict:
    """One node: its attributes and relations, each with the numbers of its sources.

    On a graph at a date, relations to export controls and licence decisions that do not
    apply on that date are left out, as the analysis leaves them out. A relation's
    ``note`` (the reviewer's caveat) and ``proxy`` (what a stand-in figure was measured
    for) are in its qualifiers. ``statistics`` holds the claims about the node that are
    not its own relations: import shares whose ``material`` is the node and, for an
    element, the reserves, import reliance and import shares of the materials that
    contain it (:func:`mineralgraph.graph.statistics.statistics_about`).
    """
    from mineralgraph.graph.analysis.scenario import dated_node_in_force
    from mineralgraph.graph.reported import figures_beside
    from mineralgraph.graph.statistics import statistics_about

    graph.require(node_id)
    when = graph.as_of_date
    refs: dict[str, int] = {}

    def cite(claim: Claim) -> list[int]:
        return [refs.setdefault(s, len(refs) + 1) for s in claim.sources]

    attributes = [{"attribute": name, "value": c.object, "sources": cite(c),
                   **({"qualifiers": dict(c.qualifiers)} if c.qualifiers else {})}
                  for name, claims in graph.attributes(node_id).items() for c in claims]
    relations = []
    for incoming in (False, True):
        edges = graph.graph.in_edges(node_id, data=True) if incoming else \
            graph.graph.out_edges(node_id, data=True)
        for u, v, data in sorted(edges, key=lambda e: (e[2]["relation"], e[0], e[1],
                                                       e[2]["claim"].id)):
            claim = data["claim"]
            other = u if incoming else v
            if not dated_node_in_force(graph, other, when):
                continue
            relations.append({"direction": "in" if incoming else "out",
                              "relation": claim.predicate, "node": other,
                              "label": graph.label(other),
                              "qualifiers": dict(claim.qualifiers), "sources": cite(claim),
                              "confidence": claim.confidence,
                              "valid_from": claim.valid_from, "valid_to": claim.valid_to})
    statistics = [{"subject": c.subject, "subject_label": graph.label(c.subject),
                   "relation": c.predicate, "object": str(c.object),
                   "object_label": graph.label(str(c.object)),
                   "qualifiers": dict(c.qualifiers), "sources": cite(c),
                   "confidence": c.confidence, "valid_from": c.valid_from,
                   "valid_to": c.valid_to}
                  for c in statistics_about(graph, node_id)]
    beside = figures_beside(graph, node_id)
    for item in beside:   # number the sources of the figures set side by side
        for claim in (item.figure, *item.statistics):
            cite(claim)
    sources = [{"n": n, "id": s, "source_type": graph.attribute(s, "source_type"),
                "citation": graph.citation(s)} for s, n in refs.items()]
    return {"id": node_id, "kind": graph.kind(node_id), "label": graph.label(node_id),
            "in_force": dated_node_in_force(graph, node_id, when),
            "attributes": attributes, "relations": relations, "statistics": statistics,
            "beside": [item.as_dict() for item in beside], "sources": sources}


#: Qualifiers shown on their own line or marker rather than in the list of figures.
CAVEATS = ("note", "proxy")


def _relation_line(rel: dict) -> str:
    arrow = "<-" if rel["direction"] == "in" else "->"
    return _claim_line(f"  {arrow} {rel['relation']} {rel['node']} ({rel['label']})", rel)


def _statistic_line(item: dict) -> str:
    return _claim_line(f"  {item['subject']} ({item['subject_label']}) {item['relation']} "
                       f"{item['object']} ({item['object_label']})", item)


def _claim_line(head: str, rel: dict) -> str:
    quals = ", ".join(qualifier_text(k, v) for k, v in rel["qualifiers"].items()
                      if k not in CAVEATS)
    when = ""
    if rel["valid_from"] or rel["valid_to"]:
        when = f" [{rel['valid_from'] or '…'} to {rel['valid_to'] or '…'}]"
    refs = "".join(f"[{n}]" for n in rel["sources"])
    confidence = f" ({rel['confidence']} confidence)" if rel.get("confidence") else ""
    line = f"{head}{' ' + quals if quals else ''}{when}{confidence} {refs}"
    proxy = rel["qualifiers"].get("proxy")
    if proxy:
        line += f"\n       proxy: a figure measured for {proxy}"
    note = rel["qualifiers"].get("note")
    if note:
        line += f"\n       note: {note}"
    return line


def render_node_text(view: dict) -> str:
    """A node as text: attributes, relations out and in (each with its caveats), then
    numbered sources with their type."""
    lines = [f"{view['label']} ({view['id']}, {view['kind']})", ""]
    if not view.get("in_force", True):
        lines += ["  Not in force on the date asked.", ""]
    lines += [f"  {a['attribute']}: {a['value']} "
              + (f"({', '.join(qualifier_text(k, v, a['attribute']) for k, v in quals)}) "
                 if (quals := a.get("qualifiers", {}).items()) else "")
              + "".join(f"[{n}]" for n in a["sources"])
              for a in view["attributes"]]
    lines += ["", "Relations:"] + [_relation_line(r) for r in view["relations"]]
    if view.get("statistics"):
        lines += ["", "Import sources, reserves and import reliance"
                  + (" (of the materials that contain it)" if view["kind"] == "Element"
                     else "") + ":"]
        lines += [_statistic_line(s) for s in view["statistics"]]
    if view.get("beside"):
        lines += ["", "Trade figures of articles beside the statistical figures of the same "
                      "flow and month:"]
        lines += ["  " + line for line in beside_lines(view)]
    lines += ["", "Sources:"] + [f"  [{s['n']}] {s['citation']}" for s in view["sources"]]
    return "\n".join(lines)


def beside_lines(view: dict) -> list[str]:
    """The view's article figures beside the statistics, cited by the view's numbers."""
    from mineralgraph.graph.reported import Beside
    from mineralgraph.reports.news import beside_text

    numbers = {s["id"]: s["n"] for s in view["sources"]}
    items = [Beside(Claim.from_dict(b["figure"]),
                    tuple(Claim.from_dict(c) for c in b["statistics"])) for b in view["beside"]]
    return beside_text(items, lambda c: "".join(f"[{numbers[s]}]" for s in c.sources))


@click.command()
@click.argument("node_id", metavar="ID")
@output_options(formats=("text", "md", "json"))
@as_of_option
@click.pass_obj
def show(app, node_id, fmt, output, as_of):
    """Show one node with its attributes, relations and their sources."""
    view = node_view(app.graph(as_of), node_id)
    if fmt == "json":
        return emit(to_json(view), output)
    text = render_node_text(view)
    if fmt == "md":
        text = f"## {view['label']}\n\n```\n{text}\n```"
    else:
        text = fit(text)
    emit(text, output)


def load_paths(paths, options: dict, with_bundled: bool,
               reports: list | None = None) -> tuple[list[Claim], list]:
    """Claims of the bundled data (optionally) and every path; and what loaders skipped.
    Loaders' reports (the news loader's per-article report) are appended to ``reports``."""
    from mineralgraph.bundled import bundled_claims
    from mineralgraph.loaders import LoadContext, load_source

    claims = list(bundled_claims()) if with_bundled else []
    skipped = []
    for path in paths:
        context = LoadContext(known=SupplyGraph(claims) if claims else None, options=options)
        result = load_source(Path(path), context)
        claims.extend(result.claims)
        skipped.extend(result.skipped)
        if reports is not None and result.report is not None:
            reports.append(result.report)
        skipped.extend(InputError(str(path), None, "mention", f"unresolved: {m}")
                       for m in result.unresolved)
    return claims, skipped


def report_problems(errors: list[InputError]) -> None:
    """Print every problem on stderr, one line each."""
    for error in errors:
        click.echo(str(error), err=True)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--with-bundled", is_flag=True,
              help="Check PATHs together with the bundled dataset (for files that refer to it).")
@click.pass_obj
def validate(app, paths, with_bundled):
    """Check a dataset (default: the bundled one) and say exactly what is wrong.

    Exit code 0 when every fact is valid, 1 when any is not (one line per problem on stderr).
    """
    from mineralgraph.loaders import bundled_data_path

    targets = list(paths) or [str(bundled_data_path())]
    errors: list[InputError] = []
    claims: list[Claim] = []
    try:
        claims, skipped = load_paths(targets, {}, with_bundled)
        errors = skipped + check_claims(claims)
    except InputErrors as exc:
        errors = exc.errors
    except InputError as exc:
        errors = [exc]
    if errors:
        report_problems(errors)
        raise MineralGraphError(f"{len(errors)} problem(s) in {', '.join(targets)}")
    for warning in check_warnings(claims):
        click.echo(warning, err=True)
    click.echo(f"ok: {len(claims)} facts, {len(SupplyGraph(claims))} nodes, "
               f"{len({s for c in claims for s in c.sources})} sources")


@click.command()
@click.option("--source", "sources", multiple=True, type=click.Path(),
              help="A source to merge (curated CSV, snapshot, USGS table, trade table, article, "
                   "World Mining Data, WGI; open-data:wmd|baci|wgi for the open-data extra).")
@click.option("-o", "--out", "--output", "out", type=click.Path(allow_dash=True), default="-",
              help="Snapshot file to write (atomically); default stdout.")
@click.option("--no-bundled", is_flag=True, help="Leave out the bundled dataset.")
@click.option("--article-date", metavar="YYYY-MM-DD", callback=parse_date_option,
              help="Publication date for articles whose text gives none.")
@click.option("--years", metavar="YYYY[-YYYY]",
              help="Years of a trade database to read (default: its latest seven).")
@click.option("--strict", is_flag=True, help="Fail on rows a loader skipped.")
@click.option("--news-report", "news_report", type=click.Path(dir_okay=False),
              help="Write the per-article report of news sources as JSON to this file.")
@click.option("--news-new-controls", "news_new_controls", is_flag=True,
              help="Add the export controls news articles name that no known control "
                   "matches (withheld and listed in the report by default).")
@click.pass_obj
def build(app, sources, out, no_bundled, article_date, years, strict, news_report,
          news_new_controls):
    """Build a graph snapshot from the bundled data and any --source files.

    Nothing is written unless every fact is valid. For each news article the per-article
    report (claims added, mentions resolved and unresolved, sentences skipped and why) is
    printed on stderr. An export control an article names that the graph does not hold
    is withheld (listed in the report) unless --news-new-controls is given.
    """
    from mineralgraph.files import target_of
    from mineralgraph.graph.snapshot import save_snapshot, snapshot_text
    from mineralgraph.reports.news import article_report_text, article_reports_json

    if out != "-":
        target_of(out)  # a device or a folder is refused before any work
    options = {"article_date": article_date} if article_date else {}
    if news_new_controls:
        options["news_new_controls"] = True
    reports: list[dict] = []
    if years:
        from mineralgraph.loaders.trade import parse_years

        try:
            options["years"] = parse_years(years)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--years") from None
    try:
        with working("Reading sources"):
            claims, skipped = load_paths(sources, options, not no_bundled, reports)
    except InputErrors as exc:
        report_problems(exc.errors)
        raise MineralGraphError(f"{len(exc.errors)} problem(s); nothing written") from None
    errors = check_claims(claims)
    for report in reports:
        click.echo(article_report_text(report), err=True)
    if news_report:
        Path(news_report).write_text(article_reports_json(reports), encoding="utf-8")
    report_problems(skipped)
    if not errors:
        for warning in check_warnings(claims):
            if "country shares" in warning:
                click.echo(warning, err=True)
    if errors or (strict and skipped):
        report_problems(errors)
        raise MineralGraphError(f"{len(errors) + len(skipped) * strict} problem(s); "
                                "nothing written")
    if out == "-":
        click.echo(snapshot_text(claims), nl=False)
    else:
        save_snapshot(claims, out)
    click.echo(f"built {out}: {len({c.id for c in claims})} facts"
               f"{f', {len(skipped)} skipped or unresolved' if skipped else ''}", err=True)


COMMANDS = [info, show, validate, build]
