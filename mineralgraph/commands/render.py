"""Pictures for briefings: ``snapshot`` (SVG, PNG, PDF, HTML, Mermaid, DOT) and ``brief``."""

from __future__ import annotations

import click

from mineralgraph.api import snapshot_chain as product_chain
from mineralgraph.commands.options import as_of_option, complete_ids, scenario_option
from mineralgraph.loaders.scenarios import load_scenario
from mineralgraph.output import emit_bytes, format_from_suffix, format_option, out_option


def _graph(app, as_of, scenario):
    chosen = load_scenario(scenario) if scenario else None
    graph = app.graph(as_of or (chosen.as_of if chosen else None))
    return graph, chosen


#: Picture formats of ``snapshot`` and document formats of ``brief`` (--format names).
SNAPSHOT_FORMATS = ("svg", "png", "pdf", "html", "mmd", "dot")
BRIEF_FORMAT_NAMES = ("md", "html", "pdf")


def _suffix(out: str, fmt: str | None, default: str, formats) -> str:
    """``.svg``...: --format (one the suffix of -o FILE contradicts is bad usage, exit 2),
    else the suffix of -o FILE (an unknown one is bad usage, exit 2, in one line that
    names the known ones), else the default (stdout)."""
    from mineralgraph.exceptions import MineralGraphError
    from mineralgraph.render import format_for

    if fmt:
        return f".{format_from_suffix(out, fmt, formats, default)}"
    if out == "-":
        return f".{default}"
    try:
        return format_for(out, formats)
    except MineralGraphError as exc:
        raise click.BadParameter(str(exc), ctx=click.get_current_context(silent=True),
                                 param_hint="'-o' / '--out'") from None


@click.command()
@click.argument("node_id", metavar="ID", shell_complete=complete_ids)
@click.option("--upstream/--downstream", "upstream", default=None,
              help="Draw what ID needs (upstream) or what needs ID (downstream) "
                   "[default: upstream for products and materials, else downstream].")
@click.option("--depth", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only nodes at most N supply steps from ID.")
@scenario_option("Mark losses under a what-if scenario.")
@click.option("--full", is_flag=True,
              help="For a product, draw its whole chain rather than the compact picture of "
                   "the paths that carry its top chokepoints.")
@out_option("Write here; the format comes from the extension: .svg .png .pdf .html "
            ".mmd .dot (stdout: SVG, or --format; a terminal needs -o or --format).")
@format_option(SNAPSHOT_FORMATS, None, help="Picture format [default: from the suffix of "
                                            "-o FILE; svg on stdout].")
@as_of_option
@click.pass_obj
def snapshot(app, node_id, upstream, depth, scenario, full, output, fmt, as_of):
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

    \b
    Examples:
      mineralgraph snapshot product:f-35 -o f35.svg
      mineralgraph snapshot element:Dy --format png > dysprosium.png
    """
    import sys

    from mineralgraph.render import FORMATS

    out = output
    if out in ("-", None) and fmt is None and sys.stdout.isatty():
        # a page of SVG markup on a terminal is no picture: ask where it should go
        raise click.UsageError("snapshot draws a picture: give -o FILE (.svg .png .pdf .html "
                               ".mmd .dot), or --format svg to print its SVG here, or "
                               "redirect stdout to a file")
    suffix = _suffix(out, fmt, "svg", FORMATS)
    graph, chosen = _graph(app, as_of, scenario)
    direction = None if upstream is None else ("upstream" if upstream else "downstream")
    chain = product_chain(graph, node_id, chosen, full, direction, depth)
    if emit_bytes(FORMATS[suffix](chain), out):
        # the count of the picture's numbered list, as its caption gives it
        click.echo(f"wrote {out} ({len(chain.nodes)} boxes, {len(chain.listed)} sources)",
                   err=True)


@click.command()
@click.argument("node_id", metavar="ID", shell_complete=complete_ids)
@scenario_option("Add the results of a what-if scenario.")
@out_option("Write here: .md (plain Markdown, Mermaid picture), .html (self-contained, "
            "prints as one page) or .pdf (one page; two when one would shrink the picture "
            "below 7 pt); stdout: Markdown, or --format.")
@format_option(BRIEF_FORMAT_NAMES, None, help="Document format [default: from the suffix "
                                              "of -o FILE; md on stdout].")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper the PDF is, and the HTML prints on (landscape).")
@as_of_option
@click.pass_obj
def brief(app, node_id, scenario, output, fmt, paper, as_of):
    """A one-page brief on ID: summary, snapshot, chokepoint table, scenario, sources.

    \b
    Examples:
      mineralgraph brief product:f-35 -o f35-brief.pdf
      mineralgraph brief element:Dy --scenario cn-2025-04-defence-denial -o dy.html
    """
    from mineralgraph.api import brief_content
    from mineralgraph.render.brief import BRIEF_FORMATS, to_html, to_pdf

    out = output
    suffix = _suffix(out, fmt, "md", BRIEF_FORMATS)
    graph, chosen = _graph(app, as_of, scenario)
    content = brief_content(graph, node_id, chosen)
    writers = {**BRIEF_FORMATS, ".pdf": lambda b: to_pdf(b, paper),
               ".html": lambda b: to_html(b, paper)}
    if emit_bytes(writers[suffix](content), out):
        click.echo(f"wrote {out}", err=True)


COMMANDS = [snapshot, brief]
