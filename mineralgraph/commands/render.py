"""Pictures for briefings: ``snapshot`` (SVG, PNG, PDF, HTML, Mermaid, DOT) and ``brief``."""

from __future__ import annotations

import sys

import click

from mineralgraph.api import snapshot_chain as product_chain
from mineralgraph.commands.options import as_of_option
from mineralgraph.files import write_atomically
from mineralgraph.loaders.scenarios import load_scenario


def _graph(app, as_of, scenario):
    chosen = load_scenario(scenario) if scenario else None
    graph = app.graph(as_of or (chosen.as_of if chosen else None))
    return graph, chosen


@click.command()
@click.argument("node_id", metavar="ID")
@click.option("--upstream/--downstream", "upstream", default=None,
              help="Draw what ID needs (upstream) or what needs ID (downstream) "
                   "[default: upstream for products and materials, else downstream].")
@click.option("--depth", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only nodes at most N supply steps from ID.")
@click.option("--scenario", metavar="NAME|FILE", help="Mark losses under a what-if scenario.")
@click.option("--full", is_flag=True,
              help="For a product, draw its whole chain rather than the compact picture of "
                   "the paths that carry its top chokepoints.")
@click.option("-o", "--out", "--output", "out", type=click.Path(allow_dash=True),
              default="-", show_default=True,
              help="Write here; the format comes from the extension: .svg .png .pdf .html "
                   ".mmd .dot (stdout: SVG).")
@as_of_option
@click.pass_obj
def snapshot(app, node_id, upstream, depth, scenario, full, out, as_of):
    """A picture of the supply chain around ID, stage by stage, for a briefing.

    For a product, the default is the compact picture: only the paths that carry its
    top chokepoints, boxes coloured by country, the loss and its cause in the box,
    materials with no mapped producer drawn as unknown; its text stays at 7 pt or more
    when the picture is placed at the text width of an A4 page. --full (or --depth,
    --downstream, or any other ID) draws the whole chain:
    columns run from the ground (elements, mining) to the platform; producers sit under
    the material they make, with their share; minor producers are folded into "rest of
    world"; single points of failure and the top chokepoints are marked with their loss.
    SVG, Mermaid and DOT are byte-stable: the same data gives the same file.
    """
    from mineralgraph.render import FORMATS, format_for

    suffix = ".svg" if out == "-" else format_for(out)
    graph, chosen = _graph(app, as_of, scenario)
    direction = None if upstream is None else ("upstream" if upstream else "downstream")
    chain = product_chain(graph, node_id, chosen, full, direction, depth)
    data = FORMATS[suffix](chain)
    if out == "-":
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else click.echo(
            data.decode("utf-8"), nl=False)
        return
    write_atomically(out, data)
    click.echo(f"wrote {out} ({len(chain.nodes)} boxes, {len(chain.sources)} sources)",
               err=True)


@click.command()
@click.argument("node_id", metavar="ID")
@click.option("--scenario", metavar="NAME|FILE", help="Add the results of a what-if scenario.")
@click.option("-o", "--out", "--output", "out", type=click.Path(), required=True,
              help="Write here: .md (plain Markdown, Mermaid picture), .html (self-contained, "
                   "prints as one page) or .pdf (one page).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper the PDF is, and the HTML prints on (landscape).")
@as_of_option
@click.pass_obj
def brief(app, node_id, scenario, out, paper, as_of):
    """A one-page brief on ID: summary, snapshot, chokepoint table, scenario, sources."""
    from mineralgraph.api import brief_content
    from mineralgraph.render import format_for
    from mineralgraph.render.brief import BRIEF_FORMATS, to_html, to_pdf

    suffix = format_for(out, BRIEF_FORMATS)
    graph, chosen = _graph(app, as_of, scenario)
    content = brief_content(graph, node_id, chosen)
    writers = {**BRIEF_FORMATS, ".pdf": lambda b: to_pdf(b, paper),
               ".html": lambda b: to_html(b, paper)}
    data = writers[suffix](content)
    write_atomically(out, data)
    click.echo(f"wrote {out}", err=True)


COMMANDS = [snapshot, brief]
