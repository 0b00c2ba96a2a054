"""``diff``: what changed between two snapshots, down to the chokepoints."""

from __future__ import annotations

import click

from mineralgraph.commands.options import as_of_option
from mineralgraph.graph.diff import graph_diff
from mineralgraph.loaders import read_claims
from mineralgraph.output import emit, output_options
from mineralgraph.reports.diff import render_diff


@click.command()
@click.argument("old", type=click.Path(exists=False))
@click.argument("new", type=click.Path(exists=False))
@output_options()
@as_of_option
@click.option("--no-chokepoints", is_flag=True,
              help="Compare the facts only (skip the chokepoint analysis of both graphs).")
@click.pass_obj
def diff(app, old, new, fmt, output, as_of, no_chokepoints):
    """Show what changed from snapshot OLD to snapshot NEW.

    Facts added, re-sourced (a fact already held, now from another source too),
    removed and changed (a fact is identified by its subject, predicate, object and
    sources), then for each product the SPOFs and chokepoints that appeared,
    went, or whose loss changed. --as-of compares the chokepoints as of that date.

    \b
    Examples:
      mineralgraph diff old.json new.json
      mineralgraph diff old.json new.json --no-chokepoints --format csv -o changes.csv
    """
    before = read_claims(old)
    result = graph_diff(before, read_claims(new), as_of=as_of,
                        with_chokepoints=not no_chokepoints,
                        worst_case=bool(app and app.worst_case),
                        press_figures=bool(app and app.press_figures))
    emit(render_diff(result, old, new, fmt, before=before), output)


COMMANDS = [diff]
