"""A chain as a Mermaid flowchart, for Markdown briefings (GitHub, GitLab, Obsidian).

One subgraph per stage column, left to right; producers carry their share on the
flow into their material; single points of failure and top chokepoints get a class.
Every label is a Mermaid quoted string (``n1["..."]``, Mermaid's own quoting for text with
special characters), so it reads as written (``Metal & alloy``, ``#4 China``, ``0-<0.1%``)
in the diagram and wherever the Markdown is pasted as text. Inside the quotes only what
would mean something is written as a Mermaid entity code: a double quote (``#quot;``,
it would close the label), a backtick (``#96;``, it would start a Markdown string), a
``<`` that would open an HTML tag (``#60;script``), and a ``#`` or ``&`` that would
start an entity code (``#35;x;``, ``#38;amp;``); control, format (bidirectional,
zero-width) and combining characters stay codes. Node ids are ``n1, n2...`` in sorted key
order (the same chain gives the same text) and class names letters and digits, so no
data ever reaches an id.

>>> label("<script>alert(1)</script> & \\"q\\" #x;")
'"#60;script>alert(1)#60;/script> & #quot;q#quot; #35;x;"'
>>> label("Metal & alloy · HHI 5,861", "#4 JL Mag ≈47%, 0-<0.1%\u202e")
'"Metal & alloy · HHI 5,861<br/>#4 JL Mag ≈47%, 0-<0.1%#8238;"'
"""

from __future__ import annotations

import re
import unicodedata

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

#: What would start an HTML tag, a Mermaid entity code or an HTML entity.
_MEANINGFUL = re.compile(r"<(?=[A-Za-z/!?])|#(?=\w+;)|&(?=#?\w+;)")


def entities(text: str) -> str:
    """``text`` for inside a Mermaid quoted string: as written but for the characters
    that would close the label or start markup or a code (module docstring), and every
    character that is not printable, as ``#NNN;`` codes."""
    text = " ".join(str(text).split())
    text = _MEANINGFUL.sub(lambda m: f"#{ord(m.group())};", text)
    return "".join("#quot;" if c == '"' else "#96;" if c == "`"
                   else f"#{ord(c)};" if not (32 <= ord(c) < 127 or _printable(c))
                   else c for c in text)


def _printable(c: str) -> bool:
    """Whether a non-ASCII character is shown as itself (a letter, digit, punctuation
    or symbol: not a control, format, combining, private-use or line-separator one)."""
    return ord(c) > 127 and unicodedata.category(c)[0] in "LNPS"


def label(*lines: str) -> str:
    """A quoted Mermaid label; lines are joined with ``<br/>``."""
    return '"' + "<br/>".join(entities(line) for line in lines if line) + '"'


def comment(text: str) -> str:
    """A ``%%`` comment line, its text as a label's (Mermaid never decodes a comment, so
    it reads as written); braces as codes (``%%{`` would open a directive)."""
    return "%% " + entities(text).replace("{", "#123;").replace("}", "#125;")


def to_mermaid(chain: Chain) -> str:
    """The Mermaid text of a chain."""
    if chain.compact:
        return _compact(chain)
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
                lines.append(with_note(f"chokepoint {node.rank}: {node_loss_text(node)}", node))
            elif node.kind == "Product" and node.loss is not None:
                lines.append(with_note(loses_text(node), node))
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


def bar_text(bar) -> str:
    """``China 94% (incl. JL Mag ≈47%)``: a country once, its companies inside it."""
    text = f"{bar.label} {bar.share_text()}"
    if bar.companies:
        text += " (incl. " + ", ".join(
            f"{n} {bar.company_share(n, w, a)}" for n, w, a in bar.companies[:2]) + ")"
    return text + (" BLOCKED" if bar.blocked else "")


def compact_lines(node, chain: Chain) -> list[str]:
    """The lines of a compact box as text (Mermaid and DOT)."""
    from mineralgraph.render.compact_layout import node_hhi

    stage = STAGE_NAMES[STAGES[node.column]]
    lines = [node.label]
    if node.kind == "Product":
        if chain.availability is not None:
            kept = chain.kept_text()
            mapped = chain.mapped_text()
            lines.append(f"keeps {kept} of its supply under the scenario" if kept is not None
                         else f"availability {chain.availability_text()}"
                         + (f" ({mapped})" if mapped else ""))
        return lines
    if node.unknown:
        return lines + [f"{stage}: UNKNOWN (no producer mapped)"]
    hhi = node_hhi(node)
    lines.append(stage + (f" · HHI {hhi:,.0f}" if hhi is not None else ""))
    lines += [bar_text(b) for b in node.bars if b.owner not in ("", "country:XX")][:3]
    for choke in node.chokes:
        lines.append(f"#{choke.rank} {choke.label}: {choke.figure()}"
                     + (f" ({choke.note})" if choke.note else ""))
    return lines


def _compact(chain: Chain) -> str:
    """A compact chain: plain layered flowchart (no stage subgraphs: Mermaid draws those
    as a staircase), boxes filled with their leading country's colour, unknown boxes
    dashed, the loss path thick, and a legend."""
    from mineralgraph.render.colours import country_colour, text_colour_on
    from mineralgraph.render.compact_layout import HOT_RED, UNKNOWN_INK, bar_colour

    ids = {key: f"n{i}" for i, key in enumerate(sorted(chain.nodes), 1)}
    out = ["flowchart LR", comment(f"{chain.title}: where the supply chain breaks"),
           comment(chain.caption())]
    fills: dict[str, list[str]] = {}
    colours: dict[str, str] = {}
    for key in sorted(chain.nodes):
        node = chain.nodes[key]
        out.append(f"  {ids[key]}[{label(*compact_lines(node, chain))}]")
        if node.kind == "Product":
            cls = "product"
        elif node.unknown:
            cls = "unknown"
        else:
            lead = node.bars[0].owner if node.bars else ""
            cls = "c_" + "".join(ch for ch in lead.partition(":")[2] or lead
                                 if ch.isascii() and ch.isalnum())
            colours[cls] = bar_colour(lead)
        fills.setdefault(cls, []).append(ids[key])
    hot = []
    for i, edge in enumerate(chain.edges):
        a, b = ids[edge.source], ids[edge.target]
        arrow = "-.->" if edge.relation == "VIA" else "==>" if edge.hot else "-->"
        out.append(f"  {a} {arrow} {b}")
        if edge.hot:
            hot.append(str(i))
    countries = sorted({(b.label, b.owner) for n in chain.nodes.values() for b in n.bars
                        if b.owner.startswith("country:") and b.owner != "country:XX"})
    out.append(f"  subgraph legend[{label('Legend: fill = leading country')}]")
    out.append("    direction TB")
    for j, (name, owner) in enumerate(countries, 1):
        out.append(f"    k{j}[{label(name)}]")
        cls = "c_" + owner.partition(":")[2]
        colours[cls] = country_colour(owner)
        fills.setdefault(cls, []).append(f"k{j}")
    out.append(f"    ku[{label('unknown: no producer mapped (not safe)')}]")
    basis = chain.loss_basis()
    loss = f"loss of {basis}" if basis else "loss"
    out.append(f"    ks[{label(f'red border: SPOF or top chokepoint (#rank, {loss})')}]")
    out.append(f"    kh[{label('thick arrow: path of the loss')}]")
    if chain.skipped:  # a rank is never skipped without a word (as the pictures say it)
        out.append(f"    kn[{label('not marked:', *chain.skipped)}]")
    if chain.unknown_inputs:
        heading = "also needed, no producer mapped (unknown, not safe):"
        out.append(f"    kx[{label(heading, *chain.unknown_inputs)}]")
        fills.setdefault("unknown", []).append("kx")
    out.append("  end")
    fills.setdefault("unknown", []).append("ku")
    for cls in sorted(fills):
        if cls == "product":
            out.append("  classDef product fill:#1f3a5f,stroke:#1f3a5f,color:#ffffff")
        elif cls == "unknown":
            out.append(f"  classDef unknown fill:#f3efec,stroke:{UNKNOWN_INK},"
                       "stroke-dasharray:5 4")
        else:
            fill = colours[cls]
            out.append(f"  classDef {cls} fill:{fill},stroke:#37474f,"
                       f"color:{text_colour_on(fill)}")
    out.append(f"  classDef choke stroke:{SPOF_RED},stroke-width:4px")
    for cls in sorted(fills):
        out.append(f"  class {','.join(fills[cls])} {cls}")
    chokes = [ids[k] for k in sorted(chain.nodes) if chain.nodes[k].chokes] + ["ks"]
    out.append(f"  class {','.join(chokes)} choke")
    if hot:
        out.append(f"  linkStyle {','.join(hot)} stroke:{HOT_RED},stroke-width:4px")
    return "\n".join(out) + "\n"
