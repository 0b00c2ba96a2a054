"""Foundation commands: ``info``, ``controls``, ``show``, ``validate`` and ``build``."""

from __future__ import annotations

import click

from mineralgraph.commands.options import as_of_option, complete_ids, parse_date_option
from mineralgraph.exceptions import InputErrors, MineralGraphError
from mineralgraph.loaders import load_paths
from mineralgraph.output import (
    emit,
    format_from_suffix,
    format_given,
    format_option,
    one_line,
    out_option,
    output_options,
    working,
)
from mineralgraph.validation import check_claims, check_warnings


@click.command()
@output_options()
@as_of_option
@click.pass_obj
def info(app, fmt, output, as_of):
    """Show what the graph holds: facts, nodes by kind, relations, sources, dates.

    \b
    Examples:
      mineralgraph info
      mineralgraph info --as-of 2024-01-01 --format csv -o counts.csv
    """
    from mineralgraph.graph.inventory import graph_info
    from mineralgraph.reports.info import render_info

    emit(render_info(graph_info(app.graph(as_of)), fmt), output)


@click.command()
@output_options()
@as_of_option
@click.pass_obj
def controls(app, fmt, output, as_of):
    """List the export controls and licence decisions: id, issuer, dates, whether in force
    (on --as-of, else today), what each covers or decided and for whom, and sources.

    \b
    Examples:
      mineralgraph controls
      mineralgraph controls --as-of 2025-06-01 --format csv -o controls.csv
    """
    from mineralgraph.graph.controls import controls as listed
    from mineralgraph.graph.controls import in_force_date
    from mineralgraph.reports.controls import render_controls

    graph = app.graph(as_of)
    emit(render_controls(listed(graph), graph, fmt, in_force_date(graph)), output)


@click.command()
@click.argument("node_id", metavar="ID", shell_complete=complete_ids)
@output_options()
@as_of_option
@click.pass_obj
def show(app, node_id, fmt, output, as_of):
    """Show one node with its attributes, relations and their sources.

    \b
    Examples:
      mineralgraph show product:f-35
      mineralgraph show element:Dy --format json -o dysprosium.json
    """
    from mineralgraph.graph.node_view import node_view
    from mineralgraph.reports.common import source_citation
    from mineralgraph.reports.node import render_node

    # its sources cited as every report cites them (read in a copy, a repost's original)
    emit(render_node(node_view(app.graph(as_of), node_id, source_citation), fmt), output)


def report_folders(listing) -> None:
    """Each file of each folder of sources on stderr, one line each, then the folder's
    summary (:func:`~mineralgraph.loaders.folder_summary`)."""
    from mineralgraph.loaders import folder_summary

    for folder, reads in listing:
        for read in reads:
            click.echo(one_line(read.line()), err=True)
        # an empty folder is its problem's one line; a curated folder's unread files
        # need no count
        if any(not read.passed_over for read in reads):
            click.echo(one_line(folder_summary(folder, reads)), err=True)


def report_problems(errors) -> None:
    """Print every problem on stderr, one line each."""
    for error in errors:
        click.echo(one_line(str(error)), err=True)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--with-bundled", is_flag=True,
              help="Check PATHs together with the bundled dataset (for files that refer to it).")
@output_options()
@click.pass_obj
def validate(app, paths, with_bundled, fmt, output):
    """Check a dataset (default: the bundled one) and say exactly what is wrong.

    Exit code 0 when every fact is valid, 1 when any is not. In text, one line per
    problem on stderr and their count (a path that cannot be read at all: the error line
    alone); in JSON and CSV, every problem and warning as a record (file,
    line, field, message).

    \b
    Examples:
      mineralgraph validate
      mineralgraph validate my-facts/ --with-bundled --format csv -o problems.csv
    """
    from mineralgraph.loaders import validate_sources
    from mineralgraph.reports.validation import render_validation, validation_summary

    found = validate_sources(paths, with_bundled, bool(app and app.press_figures))
    # a path that cannot be read at all is one line, as build says it ("Error:
    # missing.csv: no such file or folder"; trial 11: it gave two); problems inside files,
    # one line each and their count
    alone = (fmt == "text" and len(found.problems) == 1
             and getattr(found.problems[0], "line", 0) is None)
    if fmt == "text":
        report_problems([] if alone else found.problems)
        for warning in found.warnings:
            click.echo(one_line(warning), err=True)
    if found.ok or fmt != "text":
        emit(render_validation(found, fmt), output)
    if not found.ok:
        raise MineralGraphError(one_line(str(found.problems[0])) if alone
                                else validation_summary(found))


@click.command()
@click.option("--source", "sources", multiple=True, type=click.Path(),
              help="A source to merge (curated CSV, snapshot, USGS table, trade table, article, "
                   "World Mining Data, WGI; open-data:wmd|baci|wgi for the open-data extra), "
                   "or a folder of them: each file read by its own loader, one line each.")
@out_option("Snapshot file to write (atomically); default stdout.")
@format_option(("json",), "json", help="The snapshot format (JSON; `export` writes RDF).")
@click.option("--no-bundled", is_flag=True, help="Leave out the bundled dataset.")
@click.option("--article-date", metavar="YYYY-MM-DD", callback=parse_date_option,
              help="Publication date for articles whose text gives none.")
@click.option("--years", metavar="YYYY[-YYYY]",
              help="Years of trade tables to read (default: a database's latest seven, a "
                   "CSV table's every year).")
@click.option("--strict", is_flag=True, help="Fail on rows a loader skipped.")
@click.option("--news-report", "news_report", type=click.Path(dir_okay=False),
              help="Write the per-article report of news sources as JSON to this file.")
@click.option("--news-new-controls", "news_new_controls", is_flag=True,
              help="Add the export controls news articles name that no known control "
                   "matches (withheld and listed in the report by default).")
@click.option("-v", "--verbose", is_flag=True,
              help="List each material whose country shares rest on press or reposts alone "
                   "(by default one line counts them).")
@click.pass_obj
def build(app, sources, output, fmt, no_bundled, article_date, years, strict, news_report,
          news_new_controls, verbose):
    """Build a graph snapshot from the bundled data and any --source files.

    Nothing is written unless every fact is valid. For each news article the per-article
    report (claims added, mentions resolved and unresolved, sentences skipped and why) is
    printed on stderr. An export control an article names that the graph does not hold
    is withheld (listed in the report) unless --news-new-controls is given.

    \b
    Examples:
      mineralgraph build -o graph.json
      mineralgraph build --source usgs-table.csv --source article.md -o graph.json
    """
    out = output
    # --format json with -o g.ttl is bad usage (exit 2), as in every command
    format_from_suffix(out, fmt if format_given(click.get_current_context()) else None,
                       ("json",), "json")
    from mineralgraph.files import target_of, write_atomically
    from mineralgraph.graph.snapshot import save_snapshot, snapshot_text
    from mineralgraph.reports.news import article_report_text, article_reports_json
    from mineralgraph.reports.validation import press_only_summary

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
    listing: list = []  # a folder of sources: each file's line, then the folder's
    try:
        with working("Reading sources"):
            spans: list = []
            claims, skipped = load_paths(sources, options, not no_bundled, reports, spans,
                                         listing)
    except InputErrors as exc:
        # a folder's files are said one line each (the first problem of a bad one), with
        # a summary; other sources' problems one line each, as always
        listed = {r.path for _, reads in listing for r in reads}
        report_problems([e for e in exc.errors if e.path not in listed])
        report_folders(listing)
        raise MineralGraphError(f"{len(exc.errors)} problem(s); nothing written") from None
    report_folders(listing)
    if years and not options.get("years_applied"):
        raise MineralGraphError("--years applies to trade tables (Comtrade, BACI), and no "
                                "source given is one; nothing written")
    if years and not options.get("years_found") and options.get("years_other"):
        from mineralgraph.loaders.trade import years_text

        raise MineralGraphError(
            f"--years {years.strip()}: no row of the trade tables given is "
            f"of those years (theirs: {years_text(options['years_other'])}); nothing written")
    errors = check_claims(claims, spans)
    for report in reports:
        click.echo(article_report_text(report), err=True)
    report_problems(skipped)
    if not errors:
        shares = [w for w in check_warnings(claims, bool(app and app.press_figures))
                  if "country shares" in w]
        if not verbose:
            shares = press_only_summary(shares, "build --verbose lists them")
        for warning in shares:
            click.echo(one_line(warning), err=True)
    if errors or (strict and skipped):
        report_problems(errors)
        raise MineralGraphError(f"{len(errors) + len(skipped) * strict} problem(s); "
                                "nothing written")
    if news_report:  # only once the build stands: "nothing written" means nothing
        write_atomically(news_report, article_reports_json(reports))
    if out == "-":
        click.echo(snapshot_text(claims), nl=False)
    else:
        save_snapshot(claims, out)
    from mineralgraph.graph.inventory import fact_counts
    from mineralgraph.graph.supply_graph import SupplyGraph

    facts, records = fact_counts(SupplyGraph(claims))
    click.echo(f"built {out}: {facts} facts about the supply chain and {records} records "
               "describing the sources"
               f"{f', {len(skipped)} skipped or unresolved' if skipped else ''}", err=True)


COMMANDS = [info, controls, show, validate, build]
