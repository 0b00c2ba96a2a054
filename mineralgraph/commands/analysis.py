"""The main job: ``chokepoints``, ``paths``, ``dependents``, ``concentration``, ``scenario``."""

from __future__ import annotations

import click

from mineralgraph.commands.options import (
    as_of_option,
    complete_ids,
    complete_materials,
    complete_products,
    complete_scenarios,
    scenario_option,
)
from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.graph.analysis import chokepoints as chokepoint_reports
from mineralgraph.graph.analysis import concentrations
from mineralgraph.graph.analysis.confidence import left_out_dict
from mineralgraph.graph.analysis.lookups import dependents as dependents_of
from mineralgraph.graph.analysis.lookups import left_out_between, paths_between, scenario_result
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.loaders.scenarios import load_scenario
from mineralgraph.output import (
    FORMATS,
    emit,
    emit_bytes,
    format_from_suffix,
    format_option,
    out_option,
    working,
)
from mineralgraph.output import output_options as _output_options
from mineralgraph.reports.chokepoints import render as render_chokepoints
from mineralgraph.reports.tables import (
    render_concentration,
    render_dependents,
    render_paths,
    render_scenario,
    render_spofs,
)

#: ``--format`` names of concentration's pictures: those of render/stage_bars.py, named
#: here too so that a command's start does not import the drawing code.
STAGE_BAR_FORMATS = ("png", "svg", "pdf")


def output_options(fn):
    return _output_options()(fn)


def scenario_graph(app, as_of, scenario: Scenario | None):
    """The graph at --as-of, or at the scenario's own date when --as-of is not given."""
    return app.graph(as_of or (scenario.as_of if scenario else None))


@click.command()
@click.option("--product", "products", multiple=True, metavar="ID",
              shell_complete=complete_products,
              help="Only these products (repeatable); default: every product.")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Chokepoints per product [default: all in json and csv; in text and md, "
                   "10 rows besides the materials and elements every product needs].")
@scenario_option()
@output_options
@as_of_option
@click.pass_obj
def chokepoints(app, products, top, scenario, fmt, output, as_of):
    """Rank what each product cannot do without, with stages, countries, HHI and sources.

    \b
    Examples:
      mineralgraph chokepoints --product product:f-35
      mineralgraph chokepoints --scenario cn-2025-04-defence-denial --format csv -o f35.csv
    """
    chosen = load_scenario(scenario) if scenario else None
    graph = scenario_graph(app, as_of, chosen)
    briefing = fmt in ("text", "md")
    from mineralgraph.graph.analysis.engine import Analysis

    with working("Ranking chokepoints"):
        if chosen is not None:
            chosen.check(graph)
        analysis = Analysis(graph, chosen)
        chosen_ids = list(dict.fromkeys(products)) or None
        reports = chokepoint_reports(graph, chosen_ids, chosen, None if briefing else top,
                                     analysis=analysis)
        # every format numbers the sources as the text of the same command does (its
        # rows' citations): from the whole reports, as the text has them, and with the
        # snapshot's and brief's list after the report's own
        numbered = (reports if briefing or top is None else
                    chokepoint_reports(graph, chosen_ids, chosen, None, analysis=analysis))
        also = picture_sources(graph, numbered, analysis)
    emit(render_chokepoints(reports, graph, fmt, top or 10, also, numbered), output)


def picture_sources(graph, reports, analysis) -> list[str]:
    """For a report on one product: its one list of sources, which its snapshot and
    brief number alike (render.compact.citation_list), so the report lists the sources
    behind their figures too, numbered as they are; [] for several products."""
    if len(reports) != 1 or reports[0].not_made:
        return []
    from mineralgraph.render.compact import compact_chain

    report = reports[0]
    blocked = frozenset(analysis.blocked_for(report.product)) if analysis.scenario else frozenset()
    return compact_chain(graph, report, blocked).listed


@click.command()
@click.argument("product", metavar="PRODUCT", shell_complete=complete_products)
@scenario_option()
@output_options
@as_of_option
@click.pass_obj
def spof(app, product, scenario, fmt, output, as_of):
    """The single points of failure of a product: every node whose loss alone stops it,
    with the shortest supply path and the sources behind it.

    \b
    Examples:
      mineralgraph spof product:f-35
      mineralgraph spof product:optimus --format json -o optimus-spofs.json
    """
    chosen = load_scenario(scenario) if scenario else None
    graph = scenario_graph(app, as_of, chosen)
    graph.require_made(graph.require(product, "Product"))
    with working("Finding single points of failure"):
        report = chokepoint_reports(graph, [product], chosen)[0]
    emit(render_spofs(report, graph, fmt), output)


@click.command()
@click.argument("source", metavar="FROM", shell_complete=complete_ids)
@click.argument("target", metavar="TO", shell_complete=complete_ids)
@click.option("--max", "max_paths", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many paths, shortest first.")
@output_options
@as_of_option
@click.pass_obj
def paths(app, source, target, max_paths, fmt, output, as_of):
    """Supply paths between two nodes, each step with its share and sources.

    Paths run the way material flows (element -> material -> product); the ends may be
    given in either order.

    \b
    Examples:
      mineralgraph paths element:Dy product:f-35
      mineralgraph paths product:f-35 element:Sm --max 5 --format csv -o paths.csv
    """
    graph = app.graph(as_of)
    source, target, steps = paths_between(graph, source, target, max_paths)
    left_out = [left_out_dict(c, graph.worst_case)
                for c in left_out_between(graph, source, target)]
    emit(render_paths(source, target, steps, graph, fmt, left_out), output)


@click.command()
@click.argument("node_id", metavar="ID", shell_complete=complete_ids)
@output_options
@as_of_option
@click.pass_obj
def dependents(app, node_id, fmt, output, as_of):
    """Which products depend on an element, material, country, company or facility,
    and how much each would lose without it.

    \b
    Examples:
      mineralgraph dependents element:Dy
      mineralgraph dependents company:mp-materials --format csv -o mp.csv
    """
    graph = app.graph(as_of)
    found = dependents_of(graph, node_id)
    emit(render_dependents(node_id, found.losses, graph, fmt, found.spofs, found.caveats,
                           [left_out_dict(c, graph.worst_case) for c in found.left_out],
                           found.through_makers,
                           found.sources, found.untraced, found.untraced_losses,
                           found.grades), output)


@click.command()
@click.argument("materials", nargs=-1, metavar="[MATERIAL]...",
                shell_complete=complete_materials)
@format_option((*FORMATS, *STAGE_BAR_FORMATS), None,
               help="Output format [default: the one the suffix of -o FILE names (.md "
                    ".json .csv, pictures .png .svg .pdf), else text].")
@out_option()
@as_of_option
@click.pass_obj
def concentration(app, materials, fmt, output, as_of):
    """Country shares, top-1 and top-3 shares and HHI, per material and stage.

    With ``-o FILE.png|.svg|.pdf`` (or ``--format png|svg|pdf``, to stdout too) it draws
    them as stage bars (stacked country shares per stage, HHI and year beside each bar,
    sources below).

    \b
    Examples:
      mineralgraph concentration material:ndfeb-magnet
      mineralgraph concentration material:re-concentrate material:ndpr-oxide -o ree.png
    """
    graph = app.graph(as_of)
    for material in materials:
        graph.require(material, "Material")
    rows = concentrations(graph, list(materials) or None)
    fmt = format_from_suffix(output, fmt, (*FORMATS, *STAGE_BAR_FORMATS), "text")
    if fmt in STAGE_BAR_FORMATS:
        _write_stage_bars(graph, rows, output, fmt)
        return
    emit(render_concentration(rows, graph, fmt, list(materials)), output)


def _write_stage_bars(graph, rows, output: str, fmt: str) -> None:
    from mineralgraph.render.stage_bars import stage_bars_picture

    data = stage_bars_picture(graph, rows, fmt)
    if emit_bytes(data, output):
        click.echo(f"wrote {output} ({len(rows)} stage bars)", err=True)


def scenario_from_options(name, file, remove, enforce) -> Scenario:
    if name and file:
        raise click.UsageError("give --name or --file, not both")
    base = load_scenario(name or file) if name or file else Scenario(name="ad-hoc")
    base = base.plus(remove, enforce)
    if not (base.remove or base.enforce or base.restrict):
        raise click.UsageError("name a scenario (--name/--file) or --remove/--enforce something")
    return base


@click.command()
@click.option("--remove", multiple=True, metavar="ID", shell_complete=complete_ids,
              help="Take this node out (repeatable).")
@click.option("--enforce", multiple=True, metavar="CONTROL_ID",
              help="Enforce this export control (repeatable).")
@click.option("--name", metavar="NAME", help="A shipped scenario (see --list).",
              shell_complete=complete_scenarios)
@click.option("--file", "file", type=click.Path(dir_okay=False), help="A scenario YAML file.")
@click.option("--list", "list_only", is_flag=True, help="List the shipped scenarios.")
@output_options
@as_of_option
@click.pass_obj
def scenario(app, remove, enforce, name, file, list_only, fmt, output, as_of):
    """Loss of every product under a what-if, against the baseline, and what changed.

    \b
    Examples:
      mineralgraph scenario --name cn-2025-04-defence-denial
      mineralgraph scenario --remove company:mp-materials --format csv -o mp-offline.csv
    """
    if list_only:
        if remove or enforce or name or file:
            raise click.UsageError("--list takes no other scenario option")
        from mineralgraph.loaders.scenarios import shipped_scenario_rows
        from mineralgraph.reports.tables import tabular

        rows = shipped_scenario_rows()

        return emit(tabular("Shipped scenarios", rows, ["name", "title"], fmt, rows,
                            app.graph()), output)
    chosen = scenario_from_options(name, file, remove, enforce)
    try:
        with working(f"Running scenario {chosen.name}"):
            result = scenario_result(scenario_graph(app, as_of, chosen), chosen)
    except InputError:
        raise
    except MineralGraphError as exc:
        raise MineralGraphError(f"scenario {chosen.name}: {exc}") from None
    emit(render_scenario(result, app.graph(), fmt), output)


COMMANDS = [chokepoints, spof, paths, dependents, concentration, scenario]
