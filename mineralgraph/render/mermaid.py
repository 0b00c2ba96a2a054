"""A chain as a Mermaid flowchart, for Markdown briefings (GitHub, GitLab, Obsidian).

One subgraph per stage column, left to right; producers carry their share on the
flow into their material; single points of failure and top chokepoints get a class.
Every label is written in double quotes with anything but letters, digits, spaces and
``.,:()/%+-`` as a Mermaid entity code (``#60;`` for ``<``), so data can never close a
label, start a link or inject markup. Node ids are ``n1, n2...`` in sorted key order,
so the same chain gives the same text.

>>> label("<script>alert(1)</script> & \\"q\\"")
'"#60;script#62;alert(1)#60;/script#62; #38; #34;q#34;"'
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
    loss_text,
)
from mineralgraph.reports.common import percent

SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:()/%+-")


def entities(text: str) -> str:
    """``text`` with every character outside the safe set as a ``#NNN;`` entity code."""
    text = " ".join(str(text).split())
    return "".join(c if c in SAFE else f"#{ord(c)};" for c in text)


def label(*lines: str) -> str:
    """A quoted Mermaid label; lines are joined with ``<br/>``."""
    return '"' + "<br/>".join(entities(line) for line in lines if line) + '"'


def comment(text: str) -> str:
    """A ``%%`` comment line, its text written with entity codes like a label."""
    return "%% " + entities(text)


def to_mermaid(chain: Chain) -> str:
    """The Mermaid text of a chain."""
    ids = {key: f"n{i}" for i, key in enumerate(sorted(chain.nodes), 1)}
    out = ["flowchart LR", comment(f"{chain.title}: {chain.direction} supply chain"),
           comment(chain.caption())]
    for column in chain.columns():
        out.append(f'  subgraph s{column}[{label(STAGE_NAMES[STAGES[column]])}]')
        out.append("    direction TB")
        for key in sorted(chain.nodes):
            node = chain.nodes[key]
            if node.column != column:
                continue
            lines = [node.label, node.detail if node.kind != "Others" else ""]
            if node.share is not None:
                lines[0] += f" {node.share_text()}"
            if node.blocked:
                lines.append("BLOCKED under the scenario")
            if node.spof:
                lines.append("SPOF")
            elif node.rank and node.loss:
                lines.append(f"chokepoint {node.rank}: {loss_text(node.loss, False)}")
            elif node.kind == "Product" and node.loss is not None:
                lines.append(f"loses {percent(node.loss)}")
            out.append(f"    {ids[key]}[{label(*lines)}]")
        out.append("  end")
    for edge in chain.edges:
        a, b = ids[edge.source], ids[edge.target]
        if edge.relation == "CONTAINS":
            out.append(f"  {a} -.-> {b}")
        elif edge.relation == "SUPPLIES":
            out.append(f"  {a} -.->|{label('supplies')}| {b}")
        elif edge.share is not None:
            out.append(f"  {a} -->|{label(percent(edge.share))}| {b}")
        else:
            out.append(f"  {a} --> {b}")
    classes = {kind.lower(): (fill, stroke) for kind, (fill, stroke, _) in STYLE.items()}
    for name, (fill, stroke) in sorted(classes.items()):
        colour = ",color:#ffffff" if name == "product" else ""
        out.append(f"  classDef {name} fill:{fill},stroke:{stroke}{colour}")
    out.append(f"  classDef spof stroke:{SPOF_RED},stroke-width:3px")
    out.append(f"  classDef choke stroke:{CHOKE_ORANGE},stroke-width:2px")
    out.append(f"  classDef focus stroke:{FOCUS_BLUE},stroke-width:3px")
    by_class: dict[str, list[str]] = {}
    for key in sorted(chain.nodes):
        node = chain.nodes[key]
        by_class.setdefault(node.kind.lower() if node.kind.lower() in classes else "others",
                            []).append(ids[key])
        mark = ("spof" if node.spof else "choke" if node.rank or (
            node.kind == "Product" and node.loss) else "focus" if node.focus else None)
        if mark:
            by_class.setdefault(mark, []).append(ids[key])
    for name in [*sorted(classes), "focus", "choke", "spof"]:
        if by_class.get(name):
            out.append(f"  class {','.join(by_class[name])} {name}")
    return "\n".join(out) + "\n"
