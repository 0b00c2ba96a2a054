"""A brief as one PDF page (A4 or US Letter, landscape), more when one would hide or
shrink something.

Across the top: title, caption and the three-sentence summary. Below, on the left, the
snapshot at least 16 cm wide (its text then stays at 7 pt or more); on the right, the
scenario's result, the top chokepoints table and the numbered sources in small print,
each a link and each whole, with its provenance. Everything is measured before it is
drawn. When the page cannot hold all of it with the picture at 16 cm (a long chain: every
sourced requirement is drawn), the sources and the inputs not drawn continue on the next
pages, said on the first, which keeps the summary, the scenario's line and the whole
table beside the picture; a picture too tall to leave them room at 16 cm is drawn
smaller, and the first page says how small (trial 8, LOW-9).

Text is TrueType (Type 42) DejaVu Sans: selectable, and sharp in print.
"""

from __future__ import annotations

import io

from mineralgraph.render.chain import compress
from mineralgraph.render.compact_layout import PAGE_WIDTH_PT, full_wrap
from mineralgraph.render.scene import wrap_whole

#: Paper sizes in points (landscape).
PAPERS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}
MARGIN = 30.0
GAP = 16.0
INK, MUTED, RULE = "#1a1a1a", "#5f6b73", "#c9d1d8"
TABLE = [("rank", "#", 0.05), ("node", "supplier", 0.29), ("country", "country", 0.14),
         ("loss", "loss", 0.11), ("spof", "SPOF", 0.08), ("confidence", "confidence", 0.16),
         ("sources", "sources", 0.17)]

#: Columns of figures: never broken inside a word, whatever the width.
FIGURES = {"rank", "loss", "spof", "sources"}


class _Page:
    """Text and rules placed in points from the top-left corner, drawn later."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.items: list[tuple] = []
        self.pages = [self.items]  # each page's items; ``items`` is the current page's
        self.first_whole = False  # the first page holds the summary, scenario and table

    def new_page(self) -> None:
        """Go on to a new page: what is placed next is drawn there."""
        self.items = []
        self.pages.append(self.items)

    def text(self, x, y, text, size, colour=INK, bold=False, url=None, anchor="left"):
        self.items.append(("text", x, y, text, size, colour, bold, url, anchor))

    def rule(self, x1, y, x2, colour=RULE, width=0.5):
        self.items.append(("rule", x1, y, x2, colour, width))

    @staticmethod
    def height_of(text, size, width, bold=False, lead=1.3, whole=False) -> float:
        """The height :meth:`paragraph` takes for ``text``."""
        return len((wrap_whole if whole else full_wrap)(text, width, size, bold)) * size * lead

    def paragraph(self, x, y, text, size, width, colour=INK, bold=False, lead=1.3,
                  url=None, whole=False) -> float:
        """Wrap ``text`` into ``width``; return the y below it. ``whole``: a source, never
        a character added (a long URL breaks after a "/", no hyphen put in it)."""
        for line in (wrap_whole if whole else full_wrap)(text, width, size, bold):
            y += size * lead
            self.text(x, y - size * 0.28 * lead, line, size, colour, bold, url)
        return y


def _table(page: _Page, brief, x: float, y: float, width: float, size: float,
           flow=None) -> float:
    """The table's columns that hold anything, widths shared out in proportion. With
    ``flow`` (a function of the height a row needs, returning where it goes: (x, y,
    width), on this page or the next), a row that does not fit goes on with the header
    on the next page."""
    if not brief.table:
        return page.paragraph(x, y, "No supplier mapped.", size, width)
    columns = [c for c in TABLE if any(str(row.get(c[0], "")) for row in brief.table)]
    lead = size * 1.28
    rows = [_values(row) for row in brief.table]

    def header(x, y, width):
        widths = _widths(columns, rows, width, size)
        xs = [x]
        for w in widths[:-1]:
            xs.append(xs[-1] + w)
        y += lead
        for (_, head, _), cx in zip(columns, xs, strict=True):
            page.text(cx, y - size * 0.3, head, size, MUTED, True)
        page.rule(x, y + 2, x + width, MUTED, 0.6)
        return xs, widths, y + 2

    xs, widths, y = header(x, y, width)
    for values in rows:

        def cells_of(widths, values=values):
            return [full_wrap(str(values.get(key, "")), w - 4, size) for (key, _, _), w in
                    zip(columns, widths, strict=True)]

        cells = cells_of(widths)
        if flow is not None:
            where = flow(y, lead * max(len(c) for c in cells) + 1.5)
            if where[1] != y:  # on the next page, under the header again
                x, y, width = where
                xs, widths, y = header(x, y, width)
                cells = cells_of(widths)
        n = max(len(c) for c in cells)
        for lines, cx in zip(cells, xs, strict=True):
            for i, line in enumerate(lines):
                page.text(cx, y + lead * (i + 1) - size * 0.3, line, size)
        y += lead * n + 1.5
        page.rule(x, y, x + width)
    return y


def _values(row: dict) -> dict:
    """A table row's cells as the PDF writes them."""
    values = {**row, "sources": compress(str(row.get("sources", "")))}
    if row.get("kind") == "Country":  # a country's own row: its name says it
        values["country"] = ""
    return values


def _widths(columns: list, rows: list[dict], width: float, size: float) -> list[float]:
    """Column widths that never break a word (a figure, a range such as "76-100%", a
    rank, "possible"): each column at least as wide as its widest word, the room left
    shared out by the prose columns' weights; when the words cannot all fit, the prose
    columns may break a long word, never the figures.

    >>> [round(w) for w in _widths([("loss", "loss", 0.5), ("node", "node", 0.5)],
    ...                            [{"loss": "76-100%", "node": "A B"}], 100, 7)]
    [37, 63]
    """
    from mineralgraph.render.scene import text_width

    total = sum(w for _, _, w in columns)
    floors = [max(text_width(word, size) + 4 for text in [head] + [str(r.get(key, ""))
                                                              for r in rows]
                  for word in text.split() or [""])
              for key, head, _ in columns]
    prose = sum(w for key, _, w in columns if key not in FIGURES)
    if not prose:
        return [floor + w / total * max(width - sum(floors), 0)
                for floor, (_, _, w) in zip(floors, columns, strict=True)]
    if width < sum(floors):  # too narrow for every word: the prose may break a long one
        floors = [f if key in FIGURES else text_width(head, size, True) + 4
                  for f, (key, head, _) in zip(floors, columns, strict=True)]
    # the figures as wide as they need, the prose shares what is left
    extra = max(width - sum(floors), 0)
    return [floor + (0 if key in FIGURES else w / prose * extra)
            for floor, (key, _, w) in zip(floors, columns, strict=True)]


def _note(brief) -> str:
    """The table's note for small print: its first sentence, and what ≈ means."""
    first = brief.table_note.split(". ")[0].rstrip(".") + "."
    if any("≈" in str(row.get("loss", "")) for row in brief.table):
        first += " ≈: an assumed share (the producer has no sourced share of its own)."
    return first


def _short(text: str, url: str | None) -> str:
    """A citation with its URL shown as the site's name (the page links the full URL)."""
    if not url:
        return text
    from urllib.parse import urlsplit

    site = urlsplit(url).netloc.removeprefix("www.")
    return text.replace(url, site) if url in text else f"{text}. {site}"


def _fit(brief, scene, paper: str) -> tuple[_Page, tuple | None]:
    """The first composition whose right column ends on the page, else two pages or more.

    The picture keeps at least 16 cm (its text at 7 pt or more) on one page: first the
    small print shrinks (6.5 to 5 pt). When that is not enough, what is not drawn and
    the sources go on to the next pages, and the first page always holds the summary,
    the scenario's line and the whole top-10 table beside the picture (trial 8, LOW-9: a
    tall picture had the first page to itself, and an analyst pasting it got no words):
    the picture at 16 cm with the summary above it or beside it when that fits, else the
    picture as large as leaves them room, its size said on the page.
    """
    width, height = PAPERS[paper]
    seven = PAGE_WIDTH_PT / (width - 2 * MARGIN)  # the share of the width that keeps 7 pt

    def wide(picture) -> bool:
        return picture is None or picture[2] >= PAGE_WIDTH_PT - 0.5

    for small in (6.5, 6.0, 5.5, 5.0):
        for share in (0.64, 0.6, seven):
            if share < seven:
                continue
            page, picture, bottom = _compose(brief, scene, paper, small, share)
            if bottom <= height - MARGIN + 2 and wide(picture):
                return page, picture
    # two pages: the summary across the top if the picture still keeps 16 cm below it,
    # else beside the picture, the table beside it on the first page in both
    for mode in ("annex", "aside"):
        page, picture, _ = _compose(brief, scene, paper, 6.5, max(0.6, seven), mode=mode)
        if wide(picture) and page.first_whole:
            return page, picture
    # else the picture as large as leaves the summary, scenario and table room
    best = None
    for mode, lead, small in [(m, lead, small) for m in ("annex", "aside")
                              for lead in (9.0, 8.0) for small in (6.5, 6.0)]:
        share = max(0.6, seven)
        while share > 0.2:  # the widest picture that leaves them the first page
            page, picture, _ = _compose(brief, scene, paper, small, share, mode=mode,
                                        lead=lead)
            if page.first_whole:
                if best is None or picture[2] > best[1][2] + 0.5:
                    best = (page, picture)
                break
            share -= 0.02
    if best is None:  # nothing leaves the table room: the picture at its smallest, the
        # rest of the table on the next page (nothing left out)
        return _compose(brief, scene, paper, 6.0, 0.2, mode="annex", lead=8.0)[:2]
    return best


def _compose(brief, scene, paper: str, small: float, share: float = 0.64,
             mode: str = "one", lead: float = 9.0) -> tuple[_Page, tuple | None, float]:
    """The brief placed on the page; returns the page, where the picture goes and where
    the text ends. ``page.first_whole`` says whether the first page holds the summary,
    the scenario's line and the whole table.

    ``mode``: "one" (one page; the text may run past its end), "annex" (what the first
    page cannot hold goes on the next), "aside" (as "annex", the summary beside the
    picture rather than above it). ``lead``: the summary's size in points.
    """
    annex = mode != "one"
    width, height = PAPERS[paper]
    page = _Page(width, height)
    text_w = width - 2 * MARGIN
    bottom = height - MARGIN
    x, y = MARGIN, MARGIN - 4
    caption = brief.caption
    if annex:
        caption = caption.replace("listed below", "listed from page 2 on")
    y = page.paragraph(x, y, brief.title, 15, text_w, "#102a43", True, 1.2)
    y = page.paragraph(x, y, caption, 7.5, text_w, MUTED)
    if mode in ("one", "annex"):
        y = page.paragraph(x, y + 2, " ".join(brief.summary), lead, text_w, INK,
                           lead=1.28) + 6
    room = height - MARGIN - y - (8 if annex else 0)  # the last line says what follows
    picture = None
    right_x = x
    if scene is not None:
        pw = min(share * text_w, room * scene.width / scene.height)
        ph = pw * scene.height / scene.width
        picture = (x, y, pw, ph)
        right_x = x + pw + GAP
    column = [right_x, x + text_w - right_x]  # where the right column's text goes

    def flow(ry: float, needed: float) -> tuple[float, float, float]:
        """Where ``needed`` points of the right column go: here, or (with ``annex``) at
        the top of the next page, across its width."""
        if annex and ry + needed > bottom - 6:
            page.new_page()
            top = page.paragraph(MARGIN, MARGIN - 4, f"{brief.title} (continued)", 11,
                                 text_w, "#102a43", True, 1.2) + 4
            column[:] = [MARGIN, text_w]
            return MARGIN, top, text_w
        return column[0], ry, column[1]

    def paragraph(ry, text, size, colour=INK, bold=False, lead=1.3, url=None,
                  whole=False) -> float:
        rx, ry, rw = flow(ry, page.height_of(text, size, column[1], bold, lead, whole))
        return page.paragraph(rx, ry, text, size, rw, colour, bold, lead, url, whole)

    ry = y
    if mode == "aside":
        ry = paragraph(ry, " ".join(brief.summary), lead, INK, lead=1.28) + 6
    if brief.scenario_title is not None:
        ry = paragraph(ry, f"Scenario: {brief.scenario_title}", 9, "#102a43", True)
        for row in brief.scenario_rows:
            ry = paragraph(ry, f"{row['product']}: loss {row['loss']}"
                           f" ({row['confidence'] or 'confidence not rated'}); new single "
                           f"points of failure: {row['new_spofs']}.", 7.5, INK, lead=1.3)
        ry += 6
    ry = paragraph(ry, "Top chokepoints", 9, "#102a43", True)
    ry = paragraph(ry, _note(brief), small, MUTED, lead=1.2)
    ry = _table(page, brief, column[0], ry, column[1], small + 0.5,
                flow if annex else None) + 6
    page.first_whole = len(page.pages) == 1 and ry <= bottom + 2
    print_size = small - 0.5
    if annex:  # the inputs not drawn and the sources on the second page, at 7 pt
        if len(page.pages) == 1:
            ry = flow(bottom, bottom)[1]
        print_size = 7.0
    unknown = getattr(brief.chain, "unknown_inputs", [])
    if unknown:  # each by name: nothing needed is left out unsaid
        ry = paragraph(ry, "Also needed, not drawn: no producer mapped (unknown, not safe): "
                       + "; ".join(unknown) + ".", print_size, INK, lead=1.2) + 4
    ry = paragraph(ry, "Sources", 8, "#102a43", True)
    links = brief.links or [None] * len(brief.sources)
    texts = brief.short or [_short(t, u) for t, u in zip(brief.sources, links, strict=True)]
    for i, (text, url) in enumerate(zip(texts, links, strict=True), 1):
        ry = paragraph(ry, f"[{i}] {text}", print_size, MUTED, lead=1.2, url=url,
                       whole=True)
    if annex:  # the first page says where the rest is, and a picture drawn under 16 cm
        said = "Continued on page 2."
        if picture is not None and picture[2] < PAGE_WIDTH_PT - 0.5:
            said += (f" The picture is drawn smaller to leave room for the table (its "
                     f"smallest text {7 * picture[2] / PAGE_WIDTH_PT:.1f} pt; the snapshot "
                     "command draws it at 7 pt).")
        lines = full_wrap(said, text_w, small, True)
        for i, line in enumerate(lines):
            page.pages[0].append(("text", x, bottom + 2 + i * small * 1.2
                                  - (len(lines) - 1) * small * 1.2,
                                  line, small, MUTED, True, None, "left"))
    return page, picture, ry


def picture_points(brief, paper: str = "a4") -> float | None:
    """The width (points) the snapshot gets on the page; at least 453.5 pt (16 cm) keeps
    its text at 7 pt or more."""
    from mineralgraph.render.brief import brief_scene

    return (_fit(brief, brief_scene(brief.chain), paper)[1] or (0, 0, None))[2]


def to_pdf(brief, paper: str = "a4") -> bytes:
    """The brief as one PDF page on ``paper`` ("a4" or "letter"), or two when the first
    cannot hold everything with its picture at 16 cm (:func:`_fit`)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from mineralgraph.render.brief import brief_scene
    from mineralgraph.render.raster import draw

    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    scene = brief_scene(brief.chain)
    page, picture = _fit(brief, scene, paper)
    width, height = page.width, page.height
    buffer = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(
            buffer, metadata={"CreationDate": None, "Producer": None,
                              "Creator": "mineralgraph"}) as pdf:
        for number, items in enumerate(page.pages):
            fig = Figure(figsize=(width / 72, height / 72))
            ax = fig.add_axes((0, 0, 1, 1))
            ax.set_xlim(0, width)
            ax.set_ylim(height, 0)
            ax.set_axis_off()
            for item in items:
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
            if picture is not None and number == 0:
                px, py, pw, ph = picture
                pax = fig.add_axes((px / width, 1 - (py + ph) / height, pw / width,
                                    ph / height))
                pax.set_xlim(0, scene.width)
                pax.set_ylim(scene.height, 0)
                pax.set_axis_off()
                draw(scene, pax, scale=100 * (pw / 72) / scene.width)
            pdf.savefig(fig)
    return buffer.getvalue()


__all__ = ["PAGE_WIDTH_PT", "PAPERS", "picture_points", "to_pdf"]
