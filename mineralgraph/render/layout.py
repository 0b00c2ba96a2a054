"""The layered layout: stage columns from the ground (elements) to the platform.

Each material is a *block*: its box, and under it the boxes of its producers, each
with its share as a bar and a figure. Elements, products and free-standing suppliers
are blocks of one box. Blocks sit in their stage column; a flow that skips columns
gets a thin placeholder in each column it crosses, so it runs through a gap rather
than over a box (Sugiyama's layered drawing). The order inside a column comes from
barycentre sweeps that keep the ordering with the fewest crossings; the heights are
then pulled toward the neighbours and spread so that no boxes overlap.

>>> from mineralgraph import load_bundled
>>> from mineralgraph.graph.analysis.exposure import chain_exposure
>>> from mineralgraph.render.chain import build_chain
>>> graph = load_bundled()
>>> scene = layout(build_chain(graph, chain_exposure(graph, "product:optimus")))
>>> scene.width > 1000 and scene.height > 400
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from mineralgraph.graph.analysis.chokepoints import STAGES
from mineralgraph.render.chain import HIGHLY_CONCENTRATED, Chain, Node
from mineralgraph.render.scene import Box, Group, Line, Polygon, Scene, Text, text_width, wrap
from mineralgraph.reports.common import percent, span

MARGIN = 28
BOX_W = 212
GUTTER = 66
INDENT = 16
BLOCK_GAP = 18
INNER_GAP = 8
DUMMY_H = 8
MIN_WIDTH = 900
PORT_GAP = 11

STAGE_NAMES = {"element": "Elements", "mining": "Mining", "processing": "Processing",
               "metal": "Metal & alloy", "component": "Component", "subsystem": "Subsystem",
               "product": "Platform"}

#: fill, border, share bar of each kind of box
STYLE = {
    "Element": ("#ece6f6", "#6f58a0", None),
    "Material": ("#ffffff", "#37474f", None),
    "Product": ("#1f3a5f", "#1f3a5f", None),
    "Country": ("#eaf2fb", "#5b8db8", "#bcd6ef"),
    "Company": ("#eaf6ee", "#4f9a65", "#c0e3ca"),
    "Facility": ("#fff4e2", "#c08a2d", "#f4d9a8"),
    "Others": ("#f4f4f4", "#9e9e9e", "#dcdcdc"),
}
KIND_NAMES = {"Element": "Element", "Material": "Material (stage · HHI)", "Product": "Platform",
              "Country": "Country", "Company": "Company",
              "Facility": "Facility (operator · country)", "Others": "Rest of world (folded)"}
SPOF_RED = "#c62828"
CHOKE_ORANGE = "#e65100"
FOCUS_BLUE = "#1565c0"
EDGE_GREY = "#546e7a"
SUPPLY_TEAL = "#00897b"
MUTED = "#5f6b73"
BLOCKED_FILL = "#e4e7ea"
BLOCKED_BAR = "#c3cad0"
BLOCKED_INK = "#37474f"


@dataclass
class _Item:
    """A block (a material and its producers, or one box) or a placeholder, in a column."""

    key: str
    layer: int
    height: float
    anchor: float  # y of the edge attachment, from the block's top
    y: float = 0.0
    boxes: list = field(default_factory=list)  # (node, dy, height, indent, lines, detail)


def layout(chain: Chain) -> Scene:
    """The scene of a chain: columns, blocks, flows, badges, a legend and a caption."""
    columns = chain.columns()
    layer_of = {c: i for i, c in enumerate(columns)}
    items = _blocks(chain, layer_of)
    block_of = {}
    for item in items.values():
        for node, *_ in item.boxes:
            block_of[node.key] = item.key
    links = _links(chain, items, block_of)
    layers = _order(items, links, len(columns))
    _heights(items, layers, links)
    columns_w = len(columns) * BOX_W + (len(columns) - 1) * GUTTER
    width = 2 * MARGIN + max(columns_w, MIN_WIDTH)
    header, header_h = _header(chain, width)
    top = min((it.y for it in items.values()), default=0.0)
    body_h = max((it.y + it.height for it in items.values()), default=0.0) - top
    for item in items.values():
        item.y += header_h - top
    legend, legend_h = _legend(chain, width, header_h + body_h + 24)
    height = header_h + body_h + 24 + legend_h + MARGIN
    scene = Scene(width, height, title=f"{chain.title}: {chain.direction} supply chain")
    left = MARGIN + (width - 2 * MARGIN - columns_w) / 2
    x_of = [left + i * (BOX_W + GUTTER) for i in range(len(columns))]
    for i, column in enumerate(columns):
        scene.items.append(Box(x_of[i] - 10, header_h - 36, BOX_W + 20, body_h + 44,
                               "#f6f8fa" if i % 2 == 0 else "#fbfcfd", None, radius=6))
        scene.items.append(Text(x_of[i] + BOX_W / 2, header_h - 16,
                                STAGE_NAMES[STAGES[column]].upper(), 12, MUTED, True, "middle"))
    scene.items += header
    ports = _ports(links, items)
    for index, link in enumerate(links):
        scene.items += _draw_link(index, link, items, x_of, ports)
    for key in sorted(items):
        item = items[key]
        if item.boxes:
            scene.items += _draw_block(item, x_of[item.layer], chain)
    scene.items += legend
    return scene


# ---------------------------------------------------------------------- blocks
def _lines(node: Node) -> tuple[list[str], list[str], float]:
    """Label lines, detail lines and height of a node's box."""
    if node.role == "spine":
        lines = wrap(node.label, BOX_W - 16, 12, True, 4)
        detail = wrap(node.detail, BOX_W - 16, 10, False, 1) if node.detail else []
        return lines, detail, 8 + 15 * len(lines) + 13 * len(detail) + 6
    inner = BOX_W - INDENT - 16 - (40 if node.share is not None else 0)
    lines = wrap(node.label, inner, 11, False, 2)
    detail = wrap(node.detail, BOX_W - INDENT - 16, 9.5, False, 2 if node.kind == "Others"
                  else 1) if node.detail else []
    return lines, detail, 6 + 13 * len(lines) + 12 * len(detail) + 5


def _blocks(chain: Chain, layer_of: dict[int, int]) -> dict[str, _Item]:
    items: dict[str, _Item] = {}
    children = defaultdict(list)
    for node in chain.nodes.values():
        if node.parent:
            children[node.parent].append(node)
    fan: dict[str, int] = defaultdict(int)
    for edge in chain.edges:
        if chain.nodes[edge.source].parent != edge.target:
            fan[(edge.source, "out")] += 1
            fan[(edge.target, "in")] += 1
    for node in chain.nodes.values():
        if node.parent:
            continue
        lines, detail, h = _lines(node)
        if node.role == "spine":  # room for each flow to arrive at its own point
            h = max(h, PORT_GAP * max(fan[(node.key, "in")], fan[(node.key, "out")]) + 8)
        boxes = [(node, 0.0, h, INDENT if node.role == "producer" else 0, lines, detail)]
        y = h
        under = sorted(children[node.key], key=lambda n: (n.kind == "Others",
                                                          -(n.share or 0.0), n.label, n.key))
        for child in under:
            c_lines, c_detail, c_h = _lines(child)
            y += INNER_GAP
            boxes.append((child, y, c_h, INDENT, c_lines, c_detail))
            y += c_h
        items[node.key] = _Item(node.key, layer_of[node.column], y, h / 2, boxes=boxes)
    return items


@dataclass
class _Link:
    edge: object
    path: list  # item keys, source block first, then placeholders, then target block


def _links(chain: Chain, items: dict[str, _Item], block_of: dict[str, str]) -> list[_Link]:
    links = []
    for edge in chain.edges:
        if edge.relation == "PRODUCES" and chain.nodes[edge.source].parent == edge.target:
            continue  # drawn inside the block
        source, target = block_of[edge.source], block_of[edge.target]
        a, b = items[source].layer, items[target].layer
        path = [source]
        for layer in range(a + 1, b):
            key = f"~{edge.source}~{edge.target}~{layer}"
            items[key] = _Item(key, layer, DUMMY_H, DUMMY_H / 2)
            path.append(key)
        links.append(_Link(edge, path + [target]))
    return links


# ---------------------------------------------------------------------- ordering
def _order(items: dict[str, _Item], links: list[_Link], n_layers: int) -> list[list[str]]:
    layers: list[list[str]] = [[] for _ in range(n_layers)]
    for key in sorted(items, key=lambda k: (items[k].boxes[0][0].kind if items[k].boxes
                                            else "~", k)):
        layers[items[key].layer].append(key)
    pairs = set()
    for link in links:
        for u, v in zip(link.path, link.path[1:], strict=False):
            pairs.add((u, v))
    up, down = defaultdict(list), defaultdict(list)
    for u, v in sorted(pairs):
        if items[u].layer < items[v].layer:
            down[u].append(v)
            up[v].append(u)
        elif items[u].layer > items[v].layer:
            down[v].append(u)
            up[u].append(v)
    best, best_cross = [list(layer) for layer in layers], _crossings(layers, down)
    for sweep in range(12):
        forward = sweep % 2 == 0
        indices = range(1, n_layers) if forward else range(n_layers - 2, -1, -1)
        for i in indices:
            ref = layers[i - 1] if forward else layers[i + 1]
            pos = {k: j for j, k in enumerate(ref)}
            neighbours = up if forward else down
            current = {k: j for j, k in enumerate(layers[i])}

            size = len(ref)

            def centre(k, pos=pos, neighbours=neighbours, current=current, size=size):
                found = [pos[n] for n in neighbours[k] if n in pos]
                if not found:
                    return current[k] * max(size, 1) / max(len(current), 1)
                return sum(found) / len(found)

            layers[i].sort(key=lambda k, centre=centre, current=current: (centre(k), current[k]))
        cross = _crossings(layers, down)
        if cross < best_cross:
            best, best_cross = [list(layer) for layer in layers], cross
    return best


def _crossings(layers: list[list[str]], down: dict) -> int:
    total = 0
    for i in range(len(layers) - 1):
        pos_a = {k: j for j, k in enumerate(layers[i])}
        pos_b = {k: j for j, k in enumerate(layers[i + 1])}
        edges = [(pos_a[u], pos_b[v]) for u in layers[i] for v in down[u] if v in pos_b]
        for j, (a1, b1) in enumerate(edges):
            for a2, b2 in edges[j + 1:]:
                if (a1 - a2) * (b1 - b2) < 0:
                    total += 1
    return total


# ---------------------------------------------------------------------- heights
def _heights(items: dict[str, _Item], layers: list[list[str]], links: list[_Link]) -> None:
    """Pull each item toward its neighbours, inside the height of the tallest column."""
    neighbours = defaultdict(set)
    for link in links:
        for u, v in zip(link.path, link.path[1:], strict=False):
            neighbours[u].add(v)
            neighbours[v].add(u)
    total = max((_stack(layer, items)[-1] for layer in layers if layer), default=0.0)
    for layer in layers:
        stack = _stack(layer, items)
        spare = total - stack[-1]
        for key, y in zip(layer, stack, strict=False):
            items[key].y = y + spare / 2
    for _ in range(30):
        for layer in layers:
            wanted = []
            for key in layer:
                item = items[key]
                near = [items[n].y + items[n].anchor for n in sorted(neighbours[key])]
                wanted.append(sum(near) / len(near) - item.anchor if near else item.y)
            _spread(layer, items, wanted, total)


def _stack(layer: list[str], items: dict[str, _Item]) -> list[float]:
    """Top of each item when stacked tightly, then the height of the stack."""
    tops, y = [], 0.0
    for j, key in enumerate(layer):
        if j:
            y += _gap(items[layer[j - 1]], items[key])
        tops.append(y)
        y += items[key].height
    return tops + [y]


def _spread(layer: list[str], items: dict[str, _Item], wanted: list[float],
            total: float) -> None:
    """Place a column's items as near ``wanted`` as their order and sizes allow, within
    ``0..total``."""
    if not layer:
        return
    stack = _stack(layer, items)
    slack = total - stack[-1]
    ys = [min(max(w, lo), lo + slack) for w, lo in zip(wanted, stack, strict=False)]
    for j in range(1, len(layer)):
        prev = items[layer[j - 1]]
        ys[j] = max(ys[j], ys[j - 1] + prev.height + _gap(prev, items[layer[j]]))
    for key, y in zip(layer, ys, strict=False):
        items[key].y = round(y, 1)


def _gap(a: _Item, b: _Item) -> float:
    return 4.0 if not a.boxes or not b.boxes else BLOCK_GAP


# ---------------------------------------------------------------------- drawing
def _badge(node: Node) -> tuple[str, str] | None:
    if node.role == "spine" and node.kind == "Product" and node.loss is not None:
        text = "SPOF" if node.spof else loses_text(node)
        return (text, SPOF_RED if node.spof else CHOKE_ORANGE)
    if node.spof:
        return (f"#{node.rank} SPOF" if node.rank else "SPOF", SPOF_RED)
    if node.rank and node.loss:
        return (f"#{node.rank} {node_loss_text(node)}", CHOKE_ORANGE)
    if node.via_rank:
        return (f"#{node.via_rank} operator", CHOKE_ORANGE)
    return None


def node_loss_text(node) -> str:
    """A marked supplier's loss as the report gives it: one figure (:func:`loss_text`), or
    the range with both ends when the bounds differ, ``possible SPOF, loss 76-100%``.

    >>> from mineralgraph.render.chain import Node
    >>> node_loss_text(Node("k", "country:CD", "Country", "DRC", 0, "producer", loss=1.0,
    ...                     low=0.76, possible=True))
    'possible SPOF, loss 76-100%'
    >>> node_loss_text(Node("k", "country:MM", "Country", "Myanmar", 0, "producer", loss=0.57))
    'loss 57%'
    """
    head = "possible SPOF, " if getattr(node, "possible", False) else ""
    low = getattr(node, "low", None)
    if low is None or percent(low) == percent(node.loss):
        return head + loss_text(node.loss, False)
    return f"{head}loss {span(low, node.loss)}"


def with_note(text: str, node) -> str:
    """``text`` and, when the figure rests on something weak, what: ``loss 57% (medium
    confidence; disputed)``."""
    note = getattr(node, "note", "")
    return f"{text} ({note})" if note else text


def loses_text(node) -> str:
    """What a product in view loses: ``loses 40-100%``, or one figure (``loses >99.9%``
    for a loss short of a single point of failure)."""
    low = getattr(node, "low", None)
    if low is None or percent(low) == percent(node.loss):
        return f"loses {percent(node.loss)}".replace("loses 100%", "loses >99.9%")
    return f"loses {span(low, node.loss)}"


def loss_text(loss: float, spof: bool) -> str:
    """``SPOF``, or ``loss 42%``; a loss just short of 100% reads ``loss >99.9%``.

    >>> loss_text(0.9998, False), loss_text(1.0, True), loss_text(0.069, False)
    ('loss >99.9%', 'SPOF', 'loss 6.9%')
    """
    if spof:
        return "SPOF"
    return "loss >99.9%" if loss >= 0.999 else f"loss {percent(loss)}"


def _draw_block(item: _Item, x0: float, chain: Chain) -> list:
    out = []
    if len(item.boxes) > 1:
        spine_x = x0 + INDENT / 2
        first = item.y + item.boxes[0][2]
        last = item.y + item.boxes[-1][1] + item.boxes[-1][2] / 2
        out.append(Line((("M", spine_x, first), ("L", spine_x, last)), "#90a4ae", 1.2))
        for node, dy, h, indent, *_ in item.boxes[1:]:
            width = 1.0 + 4.0 * (node.share or 0.0)
            mid = item.y + dy + h / 2
            out.append(Line((("M", spine_x, mid), ("L", x0 + indent, mid)), "#90a4ae", width))
        out.append(Polygon(((spine_x - 4, first + 6), (spine_x + 4, first + 6),
                            (spine_x, first)), "#90a4ae"))
    for node, dy, h, indent, lines, detail in item.boxes:
        out.append(_draw_box(node, x0 + indent, item.y + dy, BOX_W - indent, h, lines, detail,
                             chain))
    return out


def _draw_box(node: Node, x: float, y: float, w: float, h: float, lines: list[str],
              detail: list[str], chain: Chain) -> Group:
    fill, stroke, bar = STYLE.get(node.kind, STYLE["Others"])
    if node.blocked:
        fill, bar = BLOCKED_FILL, BLOCKED_BAR
    group = Group(node.key, tooltip(node, chain))
    stroke_w, color = 1.0, stroke
    if node.focus:
        stroke_w, color = 3.0, FOCUS_BLUE
    if node.rank or node.via_rank or (node.kind == "Product" and node.loss):
        stroke_w, color = 2.5, CHOKE_ORANGE
    if node.spof:
        stroke_w, color = 3.0, SPOF_RED
    group.items.append(Box(x, y, w, h, fill, color, stroke_w, dash=node.kind == "Others"))
    if bar and node.share:
        country = _country_of(node, chain)
        if country and not node.blocked:  # the country's colour, as in every picture
            from mineralgraph.render.colours import country_colour, tint

            bar = tint(country_colour(country), 0.55)
        group.items.append(Box(x + 1.5, y + 1.5, max(2.0, (w - 3) * min(node.share, 1.0)),
                               h - 3, bar, None, radius=3))
    dark = node.kind == "Product"
    ink = "#ffffff" if dark else "#1a1a1a"
    sub = "#dfe7ef" if dark else MUTED
    if node.role == "spine":
        ty = y + 8
        for line in lines:
            ty += 15
            group.items.append(Text(x + 8, ty - 3, line, 12, ink, True))
        for line in detail:
            ty += 13
            red = node.hhi is not None and node.hhi > HIGHLY_CONCENTRATED
            group.items.append(Text(x + 8, ty - 2, line, 10, SPOF_RED if red else sub, red))
    else:
        ty = y + 6
        for line in lines:
            ty += 13
            group.items.append(Text(x + 7, ty - 3, line, 11, ink))
        for line in detail:
            ty += 12
            group.items.append(Text(x + 7, ty - 3, line, 9.5, sub))
        if node.share is not None:
            group.items.append(Text(x + w - 7, y + 6 + 13 - 3, node.share_text(), 11, ink,
                                    True, "end"))
    if node.blocked:
        bw = text_width("BLOCKED", 9, True) + 10
        group.items.append(Box(x + 4, y - 8, bw, 15, BLOCKED_INK, None, radius=7))
        group.items.append(Text(x + 4 + bw / 2, y + 3, "BLOCKED", 9, "#ffffff", True, "middle"))
    badge = _badge(node)
    if badge:
        text, colour = badge
        bw = text_width(text, 9.5, True) + 10
        group.items.append(Box(x + w - bw - 4, y - 8, bw, 15, colour, None, radius=7))
        group.items.append(Text(x + w - 4 - bw / 2, y + 3, text, 9.5, "#ffffff", True,
                                "middle"))
    return group


def _country_of(node: Node, chain: Chain) -> str | None:
    """The country whose colour a producer's share bar takes: itself, or the ISO code
    its detail ends with (``MP Materials · US``)."""
    if node.kind == "Country" and node.id:
        return node.id
    code = node.detail.rpartition(" · ")[2] if node.detail else ""
    return f"country:{code}" if len(code) == 2 and code.isupper() else None


def _ports(links: list[_Link], items: dict[str, _Item]) -> dict:
    """Where each link leaves its source box and enters its target box (y offsets).

    Several links at one side of a box are spread over the middle of that side, in the
    order of the other ends, so they neither cross there nor meet in one point.
    """
    def far_y(link, end):
        key = link.path[1] if end == "out" else link.path[-2]
        item = items[key]
        return item.y + item.anchor

    sides = defaultdict(list)
    for i, link in enumerate(links):
        sides[(link.edge.source, "out")].append(i)
        sides[(link.edge.target, "in")].append(i)
    ports = {}
    for (_node, end), members in sides.items():
        members.sort(key=lambda i: (far_y(links[i], end), i))
        for j, i in enumerate(members):
            offset = (j + 1) / (len(members) + 1) - 0.5
            ports[(i, end)] = offset
    return ports


def _draw_link(index: int, link: _Link, items: dict[str, _Item], x_of: list[float],
               ports: dict, box_w: float = BOX_W) -> list:
    edge = link.edge
    start, end = items[link.path[0]], items[link.path[-1]]
    s_box = next(b for b in start.boxes if b[0].key == edge.source)
    t_box = next(b for b in end.boxes if b[0].key == edge.target)
    spread_s = s_box[2] - 16
    spread_t = t_box[2] - 16
    sy = start.y + s_box[1] + s_box[2] / 2 + ports[(index, "out")] * spread_s
    tx = x_of[end.layer] + t_box[3]
    ty = end.y + t_box[1] + t_box[2] / 2 + ports[(index, "in")] * spread_t
    if end.layer == start.layer:  # same column: a bracket in the gutter on the left
        sx = x_of[start.layer] + s_box[3]
        sy = start.y + s_box[1] + s_box[2] / 2
        reach = 18 + s_box[3]
        steps = [("M", sx, sy), ("C", sx - reach - 14, sy, tx - reach - 14, ty, tx - 6, ty)]
    else:
        points = [(x_of[start.layer] + box_w, sy)]
        if end.layer < start.layer:
            points = [(x_of[start.layer] + s_box[3], sy)]
        for key in link.path[1:-1]:
            item = items[key]
            mid = item.y + item.anchor
            points += [(x_of[item.layer] - 4, mid), (x_of[item.layer] + box_w + 4, mid)]
        points.append((tx - 6, ty))
        steps = [("M", *points[0])]
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            if abs(y2 - y1) < 0.5 or (x2 - x1) > box_w:
                steps.append(("L", x2, y2))
                continue
            bend = max(abs(x2 - x1) / 2, 24)
            steps.append(("C", x1 + bend, y1, x2 - bend, y2, x2, y2))
    steps = [tuple(round(v, 1) if isinstance(v, float) else v for v in s) for s in steps]
    style = {"CONTAINS": ("#9575cd", 1.2, "dot"), "SUPPLIES": (SUPPLY_TEAL, 1.6, "dash")}
    color, width, dash = style.get(edge.relation, (EDGE_GREY, 1.4, None))
    head = Polygon(((tx - 7, ty - 4), (tx - 7, ty + 4), (tx, ty)), color)
    return [Line(tuple(steps), color, width, dash), head]


def tooltip(node: Node, chain: Chain) -> str:
    """What hovering over a box says: name, id, what it is, figures, and its sources."""
    lines = [node.label]
    if node.id:
        lines.append(f"{node.id} ({node.kind})")
    if node.detail:
        lines.append(node.detail)
    if node.folded:
        lines.append("Folded: " + ", ".join(node.folded))
    if node.share is not None:
        lines.append(f"Share of world output: {node.share_text()}"
                     + (" (assumed: no sourced share)" if node.assumed else ""))
    if node.hhi is not None:
        lines.append(f"HHI {node.hhi:,.0f}")
    if node.loss is not None:
        lines.append("Single point of failure: without it the product cannot be made"
                     if node.spof else f"Without it, supply falls by {percent(node.loss)}")
    if node.blocked:
        lines.append(f"Blocked under the scenario {chain.scenario}")
    if node.via:
        lines.append(f"Operator {node.via} is top chokepoint #{node.via_rank}")
    for source in node.sources:
        cited = short_citation(chain.citations.get(source, source))
        lines.append(f"[{chain.number(source)}] {cited}")
    return "\n".join(lines)


_URL = re.compile(r"https?://\S+")


def short_citation(text: str, most: int = 140) -> str:
    """A citation for a hover text, at most about ``most`` characters: the title part is
    shortened, the URLs are kept whole (a cut URL leads nowhere).

    >>> short_citation("statistics: " + "A long title " * 20 + "https://example.org/a/b",
    ...                60)
    'statistics: A long title A long tit… https://example.org/a/b'
    """
    if len(text) <= most:
        return text
    found = _URL.search(text)
    if found is None:
        return text[:most - 1] + "…"
    head, links = text[:found.start()], text[found.start():]
    room = max(20, most - len(links) - 2)
    return (head[:room].rstrip() + "… " + links) if len(head) > room else text


# ---------------------------------------------------------------------- header, legend
def _header(chain: Chain, width: float) -> tuple[list, float]:
    """Title and caption (wrapped), and the height they take with the column heads."""
    out, y = [], MARGIN - 6
    for line in wrap(f"{chain.title}: {chain.direction} supply chain", width - 2 * MARGIN, 20,
                     True, 2):
        y += 24
        out.append(Text(MARGIN, y, line, 20, "#102a43", True))
    sub = chain.caption()
    if chain.availability is not None:
        sub += f" · availability {chain.availability_text()}"
        if chain.scenario and chain.baseline is not None:
            sub += f" (baseline {chain.baseline_text()})"
        if chain.mapped_text():
            sub += f"; {chain.mapped_text()}"
        if chain.availability_note:  # what the figure rests on, beside it (5.7)
            sub += f"; {chain.availability_note}"
        sub += chain.worst_case_note  # and what --worst-case gives beside it
    y += 4
    # never cut: what the figure rests on and --worst-case beside it are caveats
    for line in wrap(sub, width - 2 * MARGIN, 12, False, 6):
        y += 18
        out.append(Text(MARGIN, y, line, 12, MUTED))
    return out, y + 62


def _legend(chain: Chain, width: float, y0: float) -> tuple[list, float]:
    out = []
    x, y = MARGIN, y0 + 14
    kinds = sorted({n.kind for n in chain.nodes.values()},
                   key=lambda k: list(STYLE).index(k) if k in STYLE else 99)
    for kind in kinds:
        fill, stroke, _ = STYLE.get(kind, STYLE["Others"])
        label = KIND_NAMES.get(kind, kind)
        w = text_width(label, 11) + 34
        if x + w > width - MARGIN:
            x, y = MARGIN, y + 22
        out.append(Box(x, y - 11, 22, 14, fill, stroke, 1.0, dash=kind == "Others"))
        out.append(Text(x + 28, y, label, 11))
        x += w + 12
    if chain.top or any(n.kind == "Product" and n.focus for n in chain.nodes.values()):
        marks = [("SPOF: the platform cannot be made without it", SPOF_RED, 3.0),
                 ("#n loss: a top chokepoint, with the share of "
                  + (chain.loss_basis() or "supply") + " lost without it (all its output)",
                  CHOKE_ORANGE, 2.5)]
    else:
        focus = chain.title
        marks = [(f"{focus} (the subject of this picture)", FOCUS_BLUE, 3.0),
                 (f"SPOF: the platform cannot be made without {focus}", SPOF_RED, 3.0),
                 (f"loses n%: the platform's supply lost without {focus}", CHOKE_ORANGE, 2.5)]
    if any(n.blocked for n in chain.nodes.values()):
        marks.append((f"BLOCKED: out under the scenario {chain.scenario}", BLOCKED_INK, 2.0))
    x, y = MARGIN, y + 24
    for label, colour, stroke in marks:
        w = text_width(label, 11) + 34
        if x + w > width - MARGIN:
            x, y = MARGIN, y + 22
        out.append(Box(x, y - 11, 22, 14, "#ffffff", colour, stroke))
        out.append(Text(x + 28, y, label, 11))
        x += w + 12
    notes = ["bar and % = share of world output (≈ assumed)",
             "HHI > 2,500 (red): highly concentrated",
             "→ material flow", "⋯ element contained", "- - supplies (sourcing link)"]
    for note in notes:
        w = text_width(note, 11) + 16
        if x + w > width - MARGIN:
            x, y = MARGIN, y + 22
        out.append(Text(x, y, note, 11, MUTED))
        x += w + 12
    if chain.top:
        y += 24
        parts = []
        for top in chain.top:
            figure = "SPOF" if top.spof else node_loss_text(top)
            parts.append(f"{top.rank}. {top.label} ({figure}"
                         + (f"; {top.note}" if top.note else "") + ")")
        if chain.skipped:  # a rank is never skipped without a word (as the compact one)
            parts.append("not marked: " + "; ".join(chain.skipped))
        # every rank and note, never cut with "…"
        for line in wrap("Top chokepoints: " + "  ·  ".join(parts), width - 2 * MARGIN, 11,
                         False, len(parts) * 3):
            out.append(Text(MARGIN, y, line, 11, "#1a1a1a"))
            y += 16
        y -= 16
    return out, y - y0 + 6
