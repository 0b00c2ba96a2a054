"""Where a compact snapshot's boxes go, sized to be read on a page or a slide.

Stage columns run from the ground to the platform, as in :mod:`layout` (whose ordering,
spreading and flow routing are reused). Every text is at least :func:`min_font` of
the scene width: 7 pt when the picture is placed at the 16 cm text width of an A4
page (453.5 pt), hence at least 10 pt at the 33.867 cm width of a 16:9 slide.

Each material box holds its name, its stage concentration (HHI), a bar of country
shares in the country colours of :mod:`colours` (one colour per country in every
picture), the countries with their companies inside them, and the top chokepoints
acting there with their loss and cause. A material without a mapped producer is
hatched and says "unknown"; flows on a chokepoint's evidence path are drawn thicker.

>>> from mineralgraph import load_bundled
>>> from mineralgraph.graph.analysis import chokepoints
>>> from mineralgraph.render.compact import compact_chain
>>> g = load_bundled()
>>> scene = compact_layout(compact_chain(g, chokepoints(g, ["product:f-35"])[0]))
>>> min(t.size for t in scene.primitives() if hasattr(t, "size")) >= min_font(scene.width)
True
"""

from __future__ import annotations

import math
from dataclasses import replace

from mineralgraph.graph.analysis.chokepoints import STAGES
from mineralgraph.render.chain import HIGHLY_CONCENTRATED, Chain, Node
from mineralgraph.render.colours import (
    REST_OF_WORLD_GREY,
    UNMAPPED_GREY,
    country_colour,
    text_colour_on,
)
from mineralgraph.render.layout import (
    CHOKE_ORANGE,
    EDGE_GREY,
    MUTED,
    SPOF_RED,
    STAGE_NAMES,
    _draw_link,
    _heights,
    _Item,
    _links,
    _order,
    _ports,
    tooltip,
)
from mineralgraph.render.scene import Box, Group, Line, Scene, Text, text_width, wrap_unbroken
from mineralgraph.reports.common import thousands

#: Points across the text width of an A4 page (16 cm).
PAGE_WIDTH_PT = 453.5
#: The smallest text, in points, at that width.
MIN_PT = 7.0
#: The width the layout aims at (the fonts follow it).
TARGET_WIDTH = 1360
MARGIN = 18
GUTTER = 36
PAD = 9
HOT_RED = "#b71c1c"
UNKNOWN_INK = "#6d4c41"


def min_font(width: float) -> float:
    """The smallest font size (scene pixels) allowed in a scene ``width`` pixels wide.

    >>> round(min_font(1360), 2)
    20.99
    """
    return MIN_PT * width / PAGE_WIDTH_PT


def bar_colour(owner: str) -> str:
    """The fill of one part of a share bar: its country's colour, grey for the rest."""
    if not owner:
        return UNMAPPED_GREY
    if owner.startswith("country:"):
        return country_colour(owner)
    return REST_OF_WORLD_GREY if owner == "country:XX" else "#78909c"


class _Sizes:
    def __init__(self, n_columns: int):
        box = (TARGET_WIDTH - 2 * MARGIN - (n_columns - 1) * GUTTER) / max(n_columns, 1)
        self.box = min(300.0, box)
        self.width = 2 * MARGIN + n_columns * self.box + (n_columns - 1) * GUTTER
        self.font = math.ceil(min_font(self.width) * 2) / 2
        self.line = round(self.font * 1.22, 1)
        self.inner = self.box - 2 * PAD


def _shows_share(bar, s: _Sizes) -> bool:
    """Whether the bar part is wide enough to carry its share as text."""
    return bool(bar.owner) and (s.inner * bar.share > text_width(bar.bare_share(), s.font,
                                                                 True) + 8)


def _country_line(bar, with_share: bool, only: set | None = None) -> str:
    """``China 94%, incl. JL Mag ≈47%``; with ``only``, just those companies."""
    # the share's weak caveats (``proxy``) go here even when the bar carries the share
    text = bar.label + (f" {bar.share_text()}" if with_share else
                        f" ({bar.note})" if bar.note else "")
    companies = [c for c in bar.companies if only is None or c[0] in only][:2]
    if companies:
        names = ", ".join(f"{n} {bar.company_share(n, w, a)}" for n, w, a in companies)
        text += f", incl. {names}"
    return text


#: A box label longer than this many characters leaves out its closing parenthesis.
LONG_LABEL = 64


def box_label(label: str) -> str:
    """A box's name: the label, without a closing parenthesis when the label is longer
    than :data:`LONG_LABEL` characters (the table, the Mermaid and DOT views and the
    sources keep it whole); a column of such boxes once pushed the brief's picture
    under its 16 cm.

    >>> box_label("Heavy rare-earth feed for Dy/Tb separation (ion-adsorption clay "
    ...           "concentrate and HRE-bearing concentrate)")
    'Heavy rare-earth feed for Dy/Tb separation'
    >>> box_label("Dysprosium oxide (separated)")
    'Dysprosium oxide (separated)'
    """
    if len(label) > LONG_LABEL and label.endswith(")") and " (" in label:
        return label[:label.rindex(" (")]
    return label


def _content(node: Node, chain: Chain, s: _Sizes, tabled: int = 0) -> list[tuple]:
    """The box's rows, top to bottom: (kind, text or parts, colour, bold).

    ``tabled``: the chokepoints ranked up to this are in a table beside the picture (a
    brief's), which gives what each figure rests on; their boxes leave it to the table."""
    f = s.font
    rows = [("text", line, "#ffffff" if node.kind == "Product" else "#1a1a1a", True)
            for line in wrap_unbroken(box_label(node.label), s.inner, f, True)]
    if node.kind == "Product":
        if chain.availability is not None:
            kept = chain.kept_text()
            mapped = chain.mapped_text()
            text = (f"keeps {kept} of its supply under the scenario" if kept is not None
                    else f"availability {chain.availability_text()} (no scenario"
                    + (f"; {mapped})" if mapped else ")"))
            rows += [("text", line, "#ffffff", False) for line in wrap_unbroken(text, s.inner, f)]
        return rows
    if node.unknown:
        rows += [("text", line, UNKNOWN_INK, True)
                 for line in wrap_unbroken("unknown (no producer)", s.inner, f, True)]
        return rows
    hhi = node_hhi(node)
    if hhi is not None:
        rows.append(("text", f"HHI {thousands(hhi)}", SPOF_RED if hhi > HIGHLY_CONCENTRATED
                     else MUTED, hhi > HIGHLY_CONCENTRATED))
    if node.bars:
        rows.append(("bar", node.bars, None, False))
        for i, bar in enumerate(node.bars):
            # the leading country, and any blocked or holding a chokepoint, get a line
            if not _has_line(node, i, bar):
                continue
            only = None if i == 0 else {c.label for c in node.chokes}
            lines = wrap_unbroken(_country_line(bar, not _shows_share(bar, s), only),
                                  s.inner - f, f)
            rows.append(("key", lines[0], bar_colour(bar.owner), False))
            rows += [("text", line, "#1a1a1a", False) for line in lines[1:]]
            if bar.blocked:
                rows.append(("text", "blocked", SPOF_RED, True))
    details = []
    for choke in node.chokes:
        # its own part of the bar, when it has one, is named above; the cause is then seen
        folded = not any(b.owner == choke.id and b.owner not in ("", "country:XX")
                         for b in node.bars)
        details.append(((choke.cause if folded and not choke.spof else ""), choke.note))
    for i, choke in enumerate(node.chokes):
        head = f"#{choke.rank} {choke.label}: {choke.figure()}"
        colour = SPOF_RED if choke.spof else CHOKE_ORANGE
        rows += [("text", line, colour, True) for line in wrap_unbroken(head, s.inner, f, True)]
        cause, note = details[i]
        if i + 1 < len(details) and details[i + 1] == details[i]:
            continue  # the next one says the same: said once, after both
        if cause:  # its own part is not in the bar: say why it matters
            shared = i > 0 and details[i - 1] == details[i]
            rows += [("text", line, colour, False) for line in wrap_unbroken(
                ("each: " if shared else "") + cause, s.inner, f)]
        if note and choke.rank is not None and choke.rank <= tabled:
            continue  # the table beside the picture says it, in its confidence column
        if note:
            shared = not cause and i > 0 and details[i - 1] == details[i]
            rows += [("text", line, MUTED, False) for line in wrap_unbroken(
                f"({'each: ' if shared else ''}{note})", s.inner, f)]
    return rows


def _has_line(node: Node, i: int, bar) -> bool:
    """Whether a box gives the ``i``-th part of its bar a line: the leading country, and
    any blocked or holding a chokepoint (never the rest of the world, nor the unmapped)."""
    return bar.owner not in ("", "country:XX") and (i == 0 or bar.blocked or _owns(bar, node))


def printed_shares(chain: Chain) -> set[tuple[str, str]]:
    """(material id, bar owner) of every part of a share bar whose figure the compact
    picture prints: on the part's line, or inside the bar where the part is wide enough.
    A ≈ the picture does not print needs no word under it (trial 8, LOW-8).

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.graph.analysis import chokepoints
    >>> from mineralgraph.render.compact import compact_chain
    >>> g = load_bundled()
    >>> shown = printed_shares(compact_chain(g, chokepoints(g, ["product:f-35"])[0]))
    >>> ("material:ndfeb-magnet", "country:CN") in shown
    True
    >>> ("material:ndfeb-magnet", "country:XX") in shown  # 8% of grey: no figure
    False
    """
    s = _Sizes(len(chain.columns()))
    return {(node.id, bar.owner) for node in chain.nodes.values()
            for i, bar in enumerate(node.bars)
            if _has_line(node, i, bar) or _shows_share(bar, s)}


def _owns(bar, node: Node) -> bool:
    """Whether a top chokepoint acting on this material sits inside this country."""
    return any(c.owner == bar.owner for c in node.chokes)


def node_hhi(node: Node) -> float | None:
    """The HHI of a material, as the chokepoint report gives it."""
    return node.hhi


def _height(rows: list[tuple], s: _Sizes) -> float:
    return 2 * PAD + sum(s.line * (1.3 if kind == "bar" else 1.0) for kind, *_ in rows)


def compact_layout(chain: Chain, standalone: bool = True, tabled: int = 0) -> Scene:
    """The scene of a compact chain (see the module docstring).

    ``standalone`` pictures carry their title, caption and the list of top chokepoints;
    a brief, which says those around the picture, leaves them out. ``tabled``: the
    chokepoints ranked up to this are in the brief's table, which says what each figure
    rests on; their boxes leave that to it (a shorter picture leaves the brief's first
    page room for its summary and table, trial 8 LOW-9).
    """
    columns = chain.columns()
    s = _Sizes(len(columns))
    layer_of = {c: i for i, c in enumerate(columns)}
    items, contents = {}, {}
    for node in chain.nodes.values():
        rows = _content(node, chain, s, tabled)
        contents[node.key] = rows
        h = _height(rows, s)
        items[node.key] = _Item(node.key, layer_of[node.column], h, h / 2,
                                boxes=[(node, 0.0, h, 0, [], [])])
    block_of = {k: k for k in items}
    links = _links(chain, items, block_of)
    layers = _order(items, links, len(columns))
    for key in items:
        if not items[key].boxes:
            items[key].height = s.font * 0.4
            items[key].anchor = s.font * 0.2
    _heights(items, layers, links)
    width = s.width
    header, header_h = _header(chain, width, s) if standalone else ([], s.line * 1.9)
    top = min((it.y for it in items.values()), default=0.0)
    body_h = max((it.y + it.height for it in items.values()), default=0.0) - top
    for item in items.values():
        item.y += header_h - top
    legend, legend_h = _legend(chain, width, header_h + body_h + s.line, s, standalone)
    height = header_h + body_h + s.line + legend_h + MARGIN
    scene = Scene(width, height, title=f"{chain.title}: where the supply chain breaks")
    x_of = [MARGIN + i * (s.box + GUTTER) for i in range(len(columns))]
    for i, column in enumerate(columns):
        scene.items.append(Box(x_of[i] - 6, header_h - s.line * 1.6, s.box + 12,
                               body_h + s.line * 1.6 + 8,
                               "#f4f6f8" if i % 2 == 0 else "#fafbfc", None, radius=6))
        scene.items.append(Text(x_of[i] + s.box / 2, header_h - s.line * 0.55,
                                STAGE_NAMES[STAGES[column]], s.font, MUTED, True, "middle"))
    scene.items += header
    ports = _ports(links, items)
    drawn = []
    for index, link in enumerate(links):
        line, head = _draw_link(index, link, items, x_of, ports, s.box)
        if link.edge.hot:
            line, head = replace(line, color=HOT_RED, width=5.0, dash=None), replace(
                head, fill=HOT_RED)
        elif link.edge.relation == "VIA":
            line, head = replace(line, color=EDGE_GREY, width=1.6, dash="dot"), replace(
                head, fill=EDGE_GREY)
        drawn.append((link.edge.hot, [line, head]))
    for _, parts in sorted(drawn, key=lambda d: d[0]):  # hot paths on top
        scene.items += parts
    for key in sorted(items):
        item = items[key]
        if item.boxes:
            node = item.boxes[0][0]
            scene.items.append(_box(node, x_of[item.layer], item.y, s.box, item.height,
                                    contents[key], chain, s))
    scene.items += legend
    return scene


def hatch(x: float, y: float, w: float, h: float, step: float, colour: str,
          width: float = 1.0) -> list[Line]:
    """Diagonal lines (45°) filling a rectangle, ``step`` pixels apart."""
    lines = []
    c = step
    while c < w + h:
        x1, y1 = x + min(c, w), y + max(0.0, c - w)
        x2, y2 = x + max(0.0, c - h), y + min(c, h)
        lines.append(Line((("M", round(x1, 1), round(y1, 1)), ("L", round(x2, 1),
                                                               round(y2, 1))), colour, width))
        c += step
    return lines


def _box(node: Node, x: float, y: float, w: float, h: float, rows: list[tuple],
         chain: Chain, s: _Sizes) -> Group:
    group = Group(node.key, tooltip(node, chain))
    fill, stroke, stroke_w = "#ffffff", "#37474f", 1.2
    if node.kind == "Product":
        fill, stroke, stroke_w = "#1f3a5f", "#1f3a5f", 1.2
    if node.unknown:
        fill, stroke = "#f3efec", UNKNOWN_INK
    if node.chokes:
        spof = any(c.spof for c in node.chokes)
        stroke, stroke_w = (SPOF_RED, 4.0) if spof else (CHOKE_ORANGE, 3.5)
    group.items.append(Box(x, y, w, h, fill, stroke, stroke_w, dash=node.unknown))
    if node.unknown:
        group.items += hatch(x + 2, y + 2, w - 4, h - 4, 12, "#d7ccc8", 1.2)
    ty = y + PAD
    f = s.font
    for kind, payload, colour, bold in rows:
        if kind == "bar":
            bh = s.line * 1.3
            bx, bw = x + PAD, w - 2 * PAD
            for bar in payload:
                part = bw * max(0.0, min(bar.share, 1.0))
                if part < 0.5:
                    continue
                colour = bar_colour(bar.owner)
                # a blocked part is emptied and hatched in its country's colour
                group.items.append(Box(round(bx, 1), ty + 3, max(part, 1.0), bh - 6,
                                       "#ffffff" if bar.blocked else colour,
                                       colour if bar.blocked else "#ffffff",
                                       1.5 if bar.blocked else 0.8, radius=0))
                if bar.blocked or not bar.owner:
                    group.items += hatch(bx, ty + 3, part, bh - 6, 7,
                                         colour if bar.blocked else "#ffffff", 1.4)
                if part > text_width(bar.bare_share(), f, True) + 8 and bar.owner:
                    ink = "#1a1a1a" if bar.blocked else text_colour_on(colour)
                    if bar.blocked:
                        tw = text_width(bar.bare_share(), f, True) + 6
                        group.items.append(Box(bx + part / 2 - tw / 2, ty + 4, tw, bh - 8,
                                               "#ffffff", None, radius=2))
                    group.items.append(Text(bx + part / 2, ty + bh / 2 + f * 0.35,
                                            bar.bare_share(), f, ink, True, "middle"))
                bx += part
            ty += bh
            continue
        ty += s.line
        tx = x + PAD
        if kind == "key":
            group.items.append(Box(tx, ty - f * 0.8, f * 0.75, f * 0.75, colour, None, radius=1))
            tx += f
            colour = "#1a1a1a"
        group.items.append(Text(tx, ty - s.line * 0.22, payload, f, colour, bold))
    return group


def _header(chain: Chain, width: float, s: _Sizes) -> tuple[list, float]:
    out, y = [], MARGIN * 0.6
    big = round(s.font * 1.35, 1)
    for line in wrap_unbroken(f"{chain.title}: where the supply chain breaks",
                          width - 2 * MARGIN, big, True):
        y += big * 1.25
        out.append(Text(MARGIN, y, line, big, "#102a43", True))
    for line in wrap_unbroken(chain.caption(), width - 2 * MARGIN, s.font):
        y += s.line
        out.append(Text(MARGIN, y, line, s.font, MUTED))
    return out, y + s.line * 2.4


def _legend(chain: Chain, width: float, y0: float, s: _Sizes,
            standalone: bool = True) -> tuple[list, float]:
    f = s.font
    out = []
    x, y = MARGIN, y0 + s.line
    countries = sorted({b.owner: b.label for n in chain.nodes.values() for b in n.bars
                        if b.owner.startswith("country:") and b.owner != "country:XX"}.items(),
                       key=lambda kv: kv[1])
    keys = [(label, country_colour(owner)) for owner, label in countries]
    keys.append(("other countries", REST_OF_WORLD_GREY))
    if any(b.owner and not b.owner.startswith("country:") for n in chain.nodes.values()
           for b in n.bars):
        keys.append(("company, no country recorded", bar_colour("company:x")))

    def place(w):
        nonlocal x, y
        if x + w > width - MARGIN:
            x, y = MARGIN, y + s.line * 1.15

    place(0)
    out.append(Text(x, y, "Share of world output by country:", f, MUTED))
    x += text_width("Share of world output by country:", f) + f * 0.6
    for label, colour in keys:
        w = text_width(label, f) + f * 1.4
        place(w)
        out.append(Box(x, y - f * 0.8, f * 0.9, f * 0.9, colour, None, radius=1))
        out.append(Text(x + f * 1.15, y, label, f))
        x += w + f * 0.6
    x, y = MARGIN, y + s.line * 1.4
    marks = [("unknown: no producer mapped (not safe)", "unknown"),
             ("SPOF: cannot be made without it", "spof"),
             ("#n top chokepoint: loss of "
              + (chain.loss_basis(short=True) or "supply") + " without it", "choke"),
             ("path of the loss", "hot")]
    if any(b.blocked for n in chain.nodes.values() for b in n.bars):
        marks.append(("blocked under the scenario", "blocked"))
    for label, mark in marks:
        w = text_width(label, f) + f * 2.6
        place(w)
        sx, sy = x, y - f * 0.85
        if mark == "unknown":
            out.append(Box(sx, sy, f * 1.8, f, "#f3efec", UNKNOWN_INK, 1.2, dash=True))
            out += hatch(sx + 1, sy + 1, f * 1.8 - 2, f - 2, 6, "#bcaaa4", 1.0)
        elif mark == "hot":
            out.append(Line((("M", sx, sy + f / 2), ("L", sx + f * 1.8, sy + f / 2)), HOT_RED,
                            5.0))
        elif mark == "blocked":
            out.append(Box(sx, sy, f * 1.8, f, "#ffffff", MUTED, 1.5, radius=0))
            out += hatch(sx, sy, f * 1.8, f, 6, MUTED, 1.4)
        else:
            colour = SPOF_RED if mark == "spof" else CHOKE_ORANGE
            out.append(Box(sx, sy, f * 1.8, f, "#ffffff", colour, 3.5))
        out.append(Text(x + f * 2.2, y, label, f))
        x += w + f * 0.8
    if chain.unknown_inputs and standalone:  # a brief says it beside the picture
        x, y = MARGIN, y + s.line * 1.4
        out.append(Box(x, y - f * 0.85, f * 1.8, f, "#f3efec", UNKNOWN_INK, 1.2, dash=True))
        out += hatch(x + 1, y - f * 0.85 + 1, f * 1.8 - 2, f - 2, 6, "#bcaaa4", 1.0)
        text = ("Also needed, not drawn, no producer mapped (unknown, not safe): "
                + "; ".join(chain.unknown_inputs) + ".")
        for line in wrap_unbroken(text, width - 2 * MARGIN - f * 2.2, f):
            out.append(Text(x + f * 2.2, y, line, f, UNKNOWN_INK))
            y += s.line
        y -= s.line
    if chain.top and standalone:
        x, y = MARGIN, y + s.line * 1.4
        # each figure cites its sources by the numbers of the chokepoint report's rows
        parts = [f"{t.rank}. {t.label} ({t.figure()})" + (f" {t.citation()}" if t.cited
                                                          else "") for t in chain.top]
        skipped = getattr(chain, "skipped", [])
        if skipped:
            parts.append("not marked: " + "; ".join(skipped))
        basis = chain.loss_basis()
        # the basis may hold a figure in parentheses of its own: no nested parentheses
        head = f"Top chokepoints, loss of {basis}" if basis else "Top chokepoints"
        # a whole sentence, and what a reader of any format can do (trial 11: the PNG's
        # footer ended "hover a box of the SVG for its own", and a PNG has no hover)
        tail = (". [n]: its sources as the chokepoint report numbers them (mineralgraph "
                f"chokepoints --product {chain.focus}, at the same date and scenario). A "
                "box's own sources: mineralgraph show followed by its id (the SVG and HTML "
                "pictures also show them when the pointer rests on the box)."
                if any(t.cited for t in chain.top) else "")
        for line in wrap_unbroken(f"{head}: " + " · ".join(parts) + tail, width - 2 * MARGIN, f):
            out.append(Text(MARGIN, y, line, f, "#1a1a1a"))
            y += s.line
        y -= s.line
    assumptions = getattr(chain, "printed_assumptions", getattr(chain, "assumptions", []))
    left = getattr(chain, "assumptions_left", 0)
    if (assumptions or left) and standalone:  # what each ≈ figure assumes (5.4; a brief
        x, y = MARGIN, y + s.line * 1.4     # says it)
        text = ("≈ assumed shares: " + " · ".join(assumptions) + "." if assumptions
                else "≈ assumed shares: none printed in the picture.")
        if left:  # the pools behind producers the picture does not draw, counted
            text += (f" {left} more, of producers not drawn, in the report: mineralgraph "
                     f"chokepoints --product {chain.focus} --format json (assumed_split).")
        for line in wrap_unbroken(text, width - 2 * MARGIN, f):
            out.append(Text(MARGIN, y, line, f, "#1a1a1a"))
            y += s.line
        y -= s.line
    return out, y - y0 + f * 0.5


__all__ = ["compact_layout", "hatch", "min_font", "printed_shares"]
