"""Commands of the open statistics: ``imports``, ``risk`` and ``share-disagreements``."""

from __future__ import annotations

import click

from mineralgraph.commands.options import FiniteFloat, as_of_option
from mineralgraph.graph.imports import import_dependence, missing_open_data
from mineralgraph.graph.risk import get_scorer, scorers
from mineralgraph.graph.risk.assess import rank
from mineralgraph.graph.share_compare import disagreements
from mineralgraph.loaders.open_data import HOW_TO
from mineralgraph.output import emit, output_options, working
from mineralgraph.reports.open_data import render_disagreements, render_imports, render_risk


def _max_year(graph) -> int | None:
    return graph.as_of_date.year if graph.as_of_date else None


def _hint_missing(graph, importer: str) -> None:
    """One line on stderr per open dataset the answer lacks."""
    for key in missing_open_data(graph, importer):
        click.echo(f"note: no {key.upper()} figures in the graph. {HOW_TO[key]}", err=True)


@click.command()
@click.argument("importer", metavar="IMPORTER")
@click.argument("material", metavar="MATERIAL")
@click.option("--year", type=int, help="The year [default: the latest with imports].")
@output_options()
@as_of_option
@click.pass_obj
def imports(app, importer, material, year, fmt, output, as_of):
    """An importer's imports of a material by partner, each partner's share and WGI
    political stability, and the importer's net import reliance.

    \b
    Examples:
      mineralgraph imports country:US material:natural-graphite
      mineralgraph imports country:US material:copper-mine --format csv -o copper.csv
    """
    graph = app.graph(as_of)
    result = import_dependence(graph, importer, material, year, _max_year(graph))
    if result["year"] is None:
        _hint_missing(graph, importer)
    emit(render_imports(result, graph, fmt), output)


@click.command()
@click.option("--importer", required=True, metavar="COUNTRY", help="The importing country.")
@click.option("--commodity", "chosen", multiple=True, metavar="MATERIAL|NAME",
              help="Only these commodities (repeatable); default: every mapped commodity.")
@click.option("--year", type=int, help="Score this year [default: the latest with figures].")
@click.option("--by", "by", type=click.Choice(sorted(s.name for s in scorers())),
              default="geopolrisk", show_default=True, help="The method to rank by.")
@click.option("--top", type=click.IntRange(min=1), help="Only the first N commodities.")
@output_options()
@as_of_option
@click.pass_obj
def risk(app, importer, chosen, year, by, top, fmt, output, as_of):
    """Rank commodities by supply risk for an importing country, every factor shown.

    Methods: GeoPolRisk (production HHI x governance-weighted import shares) and the EU
    supply-risk indicator's governance-weighted HHI; each row shows the inputs.

    \b
    Examples:
      mineralgraph risk --importer country:US
      mineralgraph risk --importer country:DE --by eu-hhi-wgi --top 10 --format csv
    """
    graph = app.graph(as_of)
    get_scorer(by)
    with working("Scoring commodities"):
        rows = rank(graph, importer, year, _max_year(graph), by, list(chosen))
    _hint_missing(graph, importer)
    emit(render_risk(importer, rows, graph, fmt, top), output)


@click.command("share-disagreements")
@click.option("--threshold", type=FiniteFloat(min=0, max=100), default=5.0, show_default=True,
              help="Percentage points of the top producer's share.")
@output_options()
@as_of_option
@click.pass_obj
def share_disagreements(app, threshold, fmt, output, as_of):
    """Where World Mining Data and USGS disagree on the top producer's share.

    \b
    Examples:
      mineralgraph share-disagreements
      mineralgraph share-disagreements --threshold 10 --format csv -o disagreements.csv
    """
    graph = app.graph(as_of)
    rows = disagreements(graph, threshold)
    if not any(s.startswith("source:wmd") for s in graph.sources()):
        click.echo(f"note: no World Mining Data in the graph. {HOW_TO['wmd']}", err=True)
    emit(render_disagreements(rows, graph, fmt, threshold), output)


COMMANDS = [imports, risk, share_disagreements]
