"""A chain as Graphviz DOT: one cluster per stage, left to right, sorted, no timestamps.

Open it with any Graphviz tool (``dot -Tsvg``); mineralgraph itself never needs
Graphviz. Strings are double-quoted with backslashes and quotes escaped, so a label
cannot end its string or use Graphviz's ``\\N``-style escapes.

>>> quote('say "hi" \\\\N <b>')
'"say \\\\"hi\\\\" \\\\\\\\N <b>"'
"""

from __future__ import annotations

from mineralgraph.graph.analysis.chokepoints import STAGES
from mineralgraph.render.chain import Chain
from mineralgraph.render.layout import (
    CHOKE_ORANGE,
    FOCUS_BLUE,
    SPOF_RED,
    STAGE_NAMES,
    STYLE,
    loses_text,
    node_loss_text,
    with_note,
)
from mineralgraph.reports.common import percent


def quote(text: str) -> str:
    """A DOT double-quoted string; newlines become ``\\n`` line breaks."""
    text = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "\\n".join(part for part in text.splitlines()) + '"'


def to_dot(chain: Chain) -> str:
    """The DOT text of a chain."""
    title = f"{chain.title}: {chain.direction} supply chain\n{chain.caption()}"
    out = ["digraph chain {",
           f"  graph [rankdir=LR, newrank=true, fontname=\"DejaVu Sans\", labelloc=t, "
           f"label={quote(title)}];",
           '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=10];',
           '  edge [fontname="DejaVu Sans", fontsize=9, color="#546e7a"];']
    for column in chain.columns():
        out.append(f"  subgraph cluster_{column} {{")
        out.append(f"    label={quote(STAGE_NAMES[STAGES[column]])}; style=filled; "
                   'color="#f6f8fa";')
        for key in sorted(chain.nodes):
            node = chain.nodes[key]
            if node.column != column:
                continue
            if chain.compact:
                out.append(f"    {quote(key)} [{_compact_attrs(node, chain)}];")
                continue
            fill, stroke, _ = STYLE.get(node.kind, STYLE["Others"])
            lines = [node.label]
            if node.detail:
                lines.append(node.detail)
            if node.share is not None:
                lines.append(f"share {node.share_text()}")
            pen, colour = 1.0, stroke
            if node.focus:
                pen, colour = 3.0, FOCUS_BLUE
            if node.rank and node.loss and not node.spof:
                lines.append(with_note(f"chokepoint {node.rank}: {node_loss_text(node)}", node))
            elif node.kind == "Product" and node.loss is not None and not node.spof:
                lines.append(with_note(loses_text(node), node))
                pen, colour = 2.5, CHOKE_ORANGE
            if node.blocked:
                lines.append("BLOCKED under the scenario")
            if node.spof:
                lines.append("SPOF")
                pen, colour = 3.0, SPOF_RED
            font = ', fontcolor="#ffffff"' if node.kind == "Product" else ""
            dashed = ', style="rounded,filled,dashed"' if node.kind == "Others" else ""
            out.append(f"    {quote(key)} [label={quote(chr(10).join(lines))}, "
                       f'fillcolor="{fill}", color="{colour}", penwidth={pen}{font}{dashed}];')
        out.append("  }")
    for edge in chain.edges:
        attrs = []
        if edge.share is not None:
            attrs += [f"label={quote(percent(edge.share))}",
                      f"penwidth={1 + 4 * min(edge.share, 1.0):.2f}"]
        if edge.relation == "CONTAINS":
            attrs += ["style=dotted", 'color="#9575cd"']
        elif edge.relation == "SUPPLIES":
            attrs += ["style=dashed", 'color="#00897b"', 'label="supplies"']
        elif edge.relation == "VIA":
            attrs += ["style=dotted", 'label="via unmapped steps"']
        if edge.hot:
            attrs += ['color="#b71c1c"', "penwidth=4"]
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        out.append(f"  {quote(edge.source)} -> {quote(edge.target)}{suffix};")
    out.append("}")
    return "\n".join(out) + "\n"


def _compact_attrs(node, chain: Chain) -> str:
    """A compact box: its lines, filled with its leading country's colour."""
    from mineralgraph.render.colours import text_colour_on
    from mineralgraph.render.compact_layout import UNKNOWN_INK, bar_colour
    from mineralgraph.render.mermaid import compact_lines

    text = quote(chr(10).join(compact_lines(node, chain)))
    if node.kind == "Product":
        fill, style = "#1f3a5f", "rounded,filled"
    elif node.unknown:
        fill, style = "#f3efec", "rounded,filled,dashed"
    else:
        fill, style = bar_colour(node.bars[0].owner if node.bars else ""), "rounded,filled"
    colour, pen = (SPOF_RED, 3.0) if node.chokes else (
        UNKNOWN_INK if node.unknown else "#37474f", 1.0)
    return (f'label={text}, style="{style}", fillcolor="{fill}", color="{colour}", '
            f'penwidth={pen}, fontcolor="{text_colour_on(fill)}"')
