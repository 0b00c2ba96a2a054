"""A brief as exactly one PDF page (A4 or US Letter, landscape).

Across the top: title, caption and the three-sentence summary. Below, on the left, the
snapshot at least 16 cm wide when the page allows (its text then stays at 7 pt or
more); on the right, the scenario's result, the top chokepoints table and the
numbered sources in small print, each a link. Everything is measured before it is
drawn, so nothing spills onto a second page.

Text is TrueType (Type 42) DejaVu Sans: selectable, and sharp in print.
"""

from __future__ import annotations

import io

from mineralgraph.render.compact_layout import PAGE_WIDTH_PT, full_wrap

#: Paper sizes in points (landscape).
PAPERS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}
MARGIN = 30.0
GAP = 16.0
INK, MUTED, RULE = "#1a1a1a", "#5f6b73", "#c9d1d8"
TABLE = [("rank", "#", 0.05), ("node", "supplier", 0.29), ("country", "country", 0.14),
         ("loss", "loss", 0.11), ("spof", "SPOF", 0.08), ("confidence", "confidence", 0.16),
         ("sources", "sources", 0.17)]


def compress(cited: str) -> str:
    """``[1][2][3][5]`` -> ``1-3, 5``: source numbers in a narrow table cell.

    >>> compress("[1][2][3][5][7][8]")
    '1-3, 5, 7-8'
    """
    import re

    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", cited)]
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


class _Page:
    """Text and rules placed in points from the top-left corner, drawn later."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.items: list[tuple] = []

    def text(self, x, y, text, size, colour=INK, bold=False, url=None, anchor="left"):
        self.items.append(("text", x, y, text, size, colour, bold, url, anchor))

    def rule(self, x1, y, x2, colour=RULE, width=0.5):
        self.items.append(("rule", x1, y, x2, colour, width))

    def paragraph(self, x, y, text, size, width, colour=INK, bold=False, lead=1.3,
                  url=None) -> float:
        """Wrap ``text`` into ``width``; return the y below it."""
        for line in full_wrap(text, width, size, bold):
            y += size * lead
            self.text(x, y - size * 0.28 * lead, line, size, colour, bold, url)
        return y


def _table(page: _Page, brief, x: float, y: float, width: float, size: float) -> float:
    """The table's columns that hold anything, widths shared out in proportion."""
    if not brief.table:
        return page.paragraph(x, y, "No supplier mapped.", size, width)
    columns = [c for c in TABLE if any(str(row.get(c[0], "")) for row in brief.table)]
    total = sum(w for _, _, w in columns)
    widths = [w / total * width for _, _, w in columns]
    lead = size * 1.28
    xs = [x]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    y += lead
    for (_, head, _), cx in zip(columns, xs, strict=True):
        page.text(cx, y - size * 0.3, head, size, MUTED, True)
    page.rule(x, y + 2, x + width, MUTED, 0.6)
    y += 2
    for row in brief.table:
        values = {**row, "sources": compress(str(row.get("sources", "")))}
        if row.get("kind") == "Country":  # a country's own row: its name says it
            values["country"] = ""
        cells = [full_wrap(str(values.get(key, "")), w - 4, size) for (key, _, _), w in
                 zip(columns, widths, strict=True)]
        n = max(len(c) for c in cells)
        for lines, cx in zip(cells, xs, strict=True):
            for i, line in enumerate(lines):
                page.text(cx, y + lead * (i + 1) - size * 0.3, line, size)
        y += lead * n + 1.5
        page.rule(x, y, x + width)
    return y


def _note(brief) -> str:
    """The table's note for small print: its first sentence, and what ≈ means."""
    first = brief.table_note.split(". ")[0].rstrip(".") + "."
    if any("≈" in str(row.get("loss", "")) for row in brief.table):
        first += " ≈: an assumed share (the producer has no sourced share of its own)."
    unknown = getattr(brief.chain, "unknown_inputs", [])
    if unknown:
        first += (f" {len(unknown)} more inputs have no producer mapped and are not drawn: "
                  "unknown, not safe.")
    return first


def _short(text: str, url: str | None) -> str:
    """A citation with its URL shown as the site's name (the page links the full URL)."""
    if not url:
        return text
    from urllib.parse import urlsplit

    site = urlsplit(url).netloc.removeprefix("www.")
    return text.replace(url, site) if url in text else f"{text}. {site}"


def _fit(brief, scene, paper: str) -> tuple[_Page, tuple | None]:
    """The first composition whose right column ends on the page.

    The picture keeps at least 16 cm (its text at 7 pt or more) as long as anything
    else can give: first the small print shrinks (6.5 to 5 pt), then the table loses
    its last rows (10, 8, 6 shown); only then does the picture narrow.
    """
    from dataclasses import replace

    width, height = PAPERS[paper]
    seven = PAGE_WIDTH_PT / (width - 2 * MARGIN)  # the share of the width that keeps 7 pt
    tries = [(rows, small, share) for rows in (10, 8, 6) for small in (6.5, 6.0, 5.5, 5.0)
             for share in (0.64, 0.6, seven) if share >= seven]
    tries += [(6, 5.0, share) for share in (0.54, 0.5, 0.45, 0.4)]
    page = picture = None
    for rows, small, share in tries:
        trimmed = replace(brief, table=brief.table[:rows])
        page, picture, bottom = _compose(trimmed, scene, paper, small, share)
        if bottom <= height - MARGIN + 2:
            break
    return page, picture


def _compose(brief, scene, paper: str, small: float,
             share: float = 0.64) -> tuple[_Page, tuple | None, float]:
    width, height = PAPERS[paper]
    page = _Page(width, height)
    text_w = width - 2 * MARGIN
    x, y = MARGIN, MARGIN - 4
    y = page.paragraph(x, y, brief.title, 15, text_w, "#102a43", True, 1.2)
    y = page.paragraph(x, y, brief.caption, 7.5, text_w, MUTED)
    y = page.paragraph(x, y + 2, " ".join(brief.summary), 9, text_w, INK, lead=1.28) + 6
    room = height - MARGIN - y
    picture = None
    right_x = x
    if scene is not None:
        pw = min(share * text_w, room * scene.width / scene.height)
        ph = pw * scene.height / scene.width
        picture = (x, y, pw, ph)
        right_x = x + pw + GAP
    col_w = x + text_w - right_x
    ry = y
    if brief.scenario_title is not None:
        ry = page.paragraph(right_x, ry, f"Scenario: {brief.scenario_title}", 9, col_w,
                            "#102a43", True)
        for row in brief.scenario_rows:
            ry = page.paragraph(right_x, ry, f"{row['product']}: loss {row['loss']}"
                                f" ({row['confidence'] or 'confidence not rated'}); new single "
                                f"points of failure: {row['new_spofs']}.", 7.5, col_w, INK,
                                lead=1.3)
        ry += 6
    ry = page.paragraph(right_x, ry, "Top chokepoints", 9, col_w, "#102a43", True)
    ry = page.paragraph(right_x, ry, _note(brief), small, col_w, MUTED, lead=1.2)
    ry = _table(page, brief, right_x, ry, col_w, small + 0.5) + 6
    ry = page.paragraph(right_x, ry, "Sources", 8, col_w, "#102a43", True)
    links = brief.links or [None] * len(brief.sources)
    texts = brief.short or [_short(t, u) for t, u in zip(brief.sources, links, strict=True)]
    for i, (text, url) in enumerate(zip(texts, links, strict=True), 1):
        ry = page.paragraph(right_x, ry, f"[{i}] {text}", small - 0.5, col_w, MUTED,
                            lead=1.2, url=url)
    return page, picture, ry


def picture_points(brief, paper: str = "a4") -> float | None:
    """The width (points) the snapshot gets on the page; at least 453.5 pt (16 cm) keeps
    its text at 7 pt or more."""
    from mineralgraph.render.brief import brief_scene

    return (_fit(brief, brief_scene(brief.chain), paper)[1] or (0, 0, None))[2]


def to_pdf(brief, paper: str = "a4") -> bytes:
    """The brief as one PDF page on ``paper`` ("a4" or "letter")."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from mineralgraph.render.brief import brief_scene
    from mineralgraph.render.raster import draw

    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    scene = brief_scene(brief.chain)
    page, picture = _fit(brief, scene, paper)
    width, height = PAPERS[paper]
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = Figure(figsize=(width / 72, height / 72))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_axis_off()
        for item in page.items:
            if item[0] == "text":
                _, x, y, text, size, colour, bold, url, anchor = item
                t = ax.text(x, y, text, fontsize=size, color=colour, ha=anchor,
                            fontweight="bold" if bold else "normal", va="baseline",
                            family="DejaVu Sans", parse_math=False)
                if url:
                    t.set_url(url)
            else:
                _, x1, y, x2, colour, lw = item
                ax.plot([x1, x2], [y, y], color=colour, linewidth=lw)
        if picture is not None:
            px, py, pw, ph = picture
            pax = fig.add_axes((px / width, 1 - (py + ph) / height, pw / width, ph / height))
            pax.set_xlim(0, scene.width)
            pax.set_ylim(scene.height, 0)
            pax.set_axis_off()
            draw(scene, pax, scale=100 * (pw / 72) / scene.width)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Producer": None,
                                                      "Creator": "mineralgraph"})
    return buffer.getvalue()


__all__ = ["PAGE_WIDTH_PT", "PAPERS", "picture_points", "to_pdf"]
