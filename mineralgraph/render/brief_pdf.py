"""A brief as one PDF page (A4 or US Letter, landscape), more when one would hide or
shrink something.

Across the top: title, caption and the three-sentence summary. Below, on the left, the
snapshot at least 16 cm wide (its text then stays at 7 pt or more); on the right, the
scenario's result, the top chokepoints table and the numbered sources in small print,
each a link and each whole, with its provenance. Everything is measured before it is
drawn. When the page cannot hold all of it with the picture at 16 cm (a long chain: every
sourced requirement is drawn), the sources and the inputs not drawn continue on the next
pages, said on the first, which keeps the summary, the scenario's line and the whole
table beside the picture. When the picture at 16 cm leaves them no room, the first page
holds the words alone (summary, scenario, table) and the picture goes on page 2, never
drawn under 16 cm: an analyst pasting the first page gets text that reads (the picture
squeezed beside the table drew its text at 4.9 pt).

Text is TrueType (Type 42) DejaVu Sans: selectable, and sharp in print.
"""

from __future__ import annotations

import io

from mineralgraph.render.chain import compress
from mineralgraph.render.compact_layout import PAGE_WIDTH_PT
from mineralgraph.render.scene import wrap_unbroken

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
        self.sizes = [(width, height)]  # each page's size in points
        self.first_whole = False  # the first page holds the summary, scenario and table
        self.picture_page = 0  # the page the picture is drawn on (from 0)

    def new_page(self, upright: bool = False) -> None:
        """Go on to a new page, landscape or ``upright``: what is placed next is drawn
        there."""
        self.items = []
        self.pages.append(self.items)
        self.sizes.append((self.height, self.width) if upright else
                          (self.width, self.height))

    def text(self, x, y, text, size, colour=INK, bold=False, url=None, anchor="left"):
        self.items.append(("text", x, y, text, size, colour, bold, url, anchor))

    def rule(self, x1, y, x2, colour=RULE, width=0.5):
        self.items.append(("rule", x1, y, x2, colour, width))

    @staticmethod
    def height_of(text, size, width, bold=False, lead=1.3, whole=False) -> float:
        """The height :meth:`paragraph` takes for ``text``."""
        return len(wrap_unbroken(text, width, size, bold, whole)) * size * lead

    def paragraph(self, x, y, text, size, width, colour=INK, bold=False, lead=1.3,
                  url=None, whole=False) -> float:
        """Wrap ``text`` into ``width``; return the y below it. ``whole``: a source, never
        a character added (a long URL breaks after a "/", no hyphen put in it)."""
        for line in wrap_unbroken(text, width, size, bold, whole):
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
            return [wrap_unbroken(str(values.get(key, "")), w - 4, size) for (key, _, _), w in
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
    rank, "possible"): each column at least as wide as its widest word (a figure
    column as its widest cell, when those leave half the width), the room left
    shared out by the prose columns' weights; when the words cannot all fit, the prose
    columns may break a long word, never the figures.

    >>> [round(w) for w in _widths([("loss", "loss", 0.5), ("node", "node", 0.5)],
    ...                            [{"loss": "76-100%", "node": "A B"}], 100, 7)]
    [38, 62]
    """
    from mineralgraph.render.scene import text_width

    total = sum(w for _, _, w in columns)
    floors = [max(text_width(word, size) + 4 for text in [head] + [str(r.get(key, ""))
                                                              for r in rows]
                  for word in text.split() or [""])
              for key, head, _ in columns]
    # a figure column's cells unbroken ("8, 12-18, 20" on one line, not three) when
    # that leaves the prose columns half the width
    whole = [max(text_width(text, size) + 5 for text in [head] + [str(r.get(key, ""))
                                                              for r in rows])
             if key in FIGURES else floor
             for floor, (key, head, _) in zip(floors, columns, strict=True)]
    if sum(w for w, (key, _, _) in zip(whole, columns, strict=True)
           if key in FIGURES) <= width / 2:
        floors = whole
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
    the sources go on to the next pages, and the first page holds the summary, the
    scenario's line and the whole top-10 table beside the picture at 16 cm, the summary
    above it or beside it. When the picture at 16 cm leaves them no room, the first page
    holds those words alone and the picture goes on page 2 at 16 cm or more (trial 8,
    LOW-9: a tall picture had the first page to itself, and an analyst pasting it got no
    words; findings 10: squeezed beside the table instead, its text was 4.9 pt).
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
    # else the words alone on the first page, the picture on the second at 16 cm or more;
    # the table in larger print when the first page still holds it whole
    for small in (7.5, 7.0, 6.5):
        page, picture, _ = _compose(brief, scene, paper, small, max(0.6, seven), mode="text")
        if page.first_whole:
            break
    return page, picture


def _compose(brief, scene, paper: str, small: float, share: float = 0.64,
             mode: str = "one", lead: float = 9.0) -> tuple[_Page, tuple | None, float]:
    """The brief placed on the page; returns the page, where the picture goes (on
    ``page.picture_page``) and where the text ends. ``page.first_whole`` says whether the
    first page holds the summary, the scenario's line and the whole table.

    ``mode``: "one" (one page; the text may run past its end), "annex" (what the first
    page cannot hold goes on the next), "aside" (as "annex", the summary beside the
    picture rather than above it), "text" (as "annex", the first page the words alone
    and the picture on the next, at 16 cm or more: on an upright page when a landscape
    one is too short for it). ``lead``: the summary's size in points.
    """
    annex = mode != "one"
    width, height = PAPERS[paper]
    page = _Page(width, height)
    text_w = width - 2 * MARGIN
    bottom = height - MARGIN
    x, y = MARGIN, MARGIN - 4
    caption = brief.caption
    if annex:  # the sources start on page 2, on page 3 after an upright picture's page
        upright = mode == "text" and scene is not None and _upright(brief, scene, page)
        caption = caption.replace("listed below", f"listed from page {2 + upright} on")
    y = page.paragraph(x, y, brief.title, 15, text_w, "#102a43", True, 1.2)
    y = page.paragraph(x, y, caption, 7.5, text_w, MUTED)
    if mode != "aside":
        y = page.paragraph(x, y + 2, " ".join(brief.summary), lead, text_w, INK,
                           lead=1.28) + 6
    room = height - MARGIN - y - (8 if annex else 0)  # the last line says what follows
    picture = None
    right_x = x
    if scene is not None and mode != "text":
        pw = min(share * text_w, room * scene.width / scene.height)
        ph = pw * scene.height / scene.width
        picture = (x, y, pw, ph)
        right_x = x + pw + GAP
    column = [right_x, x + text_w - right_x]  # where the right column's text goes

    def continued(upright: bool = False) -> float:
        """A new page headed "(continued)", the column across it; returns its top."""
        page.new_page(upright)
        across = page.sizes[-1][0] - 2 * MARGIN
        column[:] = [MARGIN, across]
        return page.paragraph(MARGIN, MARGIN - 4, f"{brief.title} (continued)", 11,
                              across, "#102a43", True, 1.2) + 4

    def flow(ry: float, needed: float) -> tuple[float, float, float]:
        """Where ``needed`` points of the right column go: here, or (with ``annex``) at
        the top of the next page, across its width."""
        if annex and ry + needed > bottom - 6:
            return MARGIN, continued(), text_w
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
    if brief.weak_note:  # the claims the summary's figures rest on, after the table
        ry = paragraph(ry, brief.weak_note, small, INK, lead=1.2) + 4
    page.first_whole = len(page.pages) == 1 and ry <= bottom + 2
    if mode == "text" and scene is not None:
        picture, ry = _picture_page(brief, page, scene, share, continued, column)
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
    if annex:  # the first page says where the rest is
        said = "Continued on page 2."
        if mode == "text" and picture is not None:
            said = (f"Continued on page {page.picture_page + 1}: the picture (its smallest "
                    f"text {_smallest_text(picture, scene):.1f} pt), then the sources.")
        lines = wrap_unbroken(said, text_w, small, True)
        for i, line in enumerate(lines):
            page.pages[0].append(("text", x, bottom + 2 + i * small * 1.2
                                  - (len(lines) - 1) * small * 1.2,
                                  line, small, MUTED, True, None, "left"))
    return page, picture, ry


def _continued_top(brief, width: float) -> float:
    """Where a "(continued)" page's text starts, below its heading."""
    return MARGIN - 4 + _Page.height_of(f"{brief.title} (continued)", 11,
                                        width - 2 * MARGIN, True, 1.2) + 4


def _upright(brief, scene, page: _Page) -> bool:
    """Whether a landscape page is too short for the picture at 16 cm under its
    "(continued)" heading."""
    room = page.height - MARGIN - _continued_top(brief, page.width)
    return room * scene.width / scene.height < PAGE_WIDTH_PT - 0.5


def _picture_page(brief, page: _Page, scene, share: float, continued, column: list
                  ) -> tuple[tuple, float]:
    """The picture at the top of a new page, at ``share`` of its width when the page's
    height allows, never under 16 cm: a landscape page too short for 16 cm gives way to
    an upright one, which the picture has to itself. Returns where the picture goes and
    the y where the text goes on (beside it, or past the page's end when upright)."""
    if _upright(brief, scene, page):  # an upright page of its own
        top = continued(upright=True)
        width, height = page.sizes[-1]
        pw = min(width - 2 * MARGIN, (height - MARGIN - top) * scene.width / scene.height)
        page.picture_page = len(page.pages) - 1
        return (MARGIN, top, pw, pw * scene.height / scene.width), height
    top = continued()
    width, height = page.sizes[-1]
    text_w = width - 2 * MARGIN
    pw = min(share * text_w, (height - MARGIN - top) * scene.width / scene.height)
    page.picture_page = len(page.pages) - 1
    column[:] = [MARGIN + pw + GAP, text_w - pw - GAP]
    return (MARGIN, top, pw, pw * scene.height / scene.width), top


def _smallest_text(picture: tuple, scene) -> float:
    """The smallest text of ``scene``, in points, drawn as wide as ``picture`` says (one
    scene pixel is drawn width / scene width points, :func:`to_pdf`)."""
    from mineralgraph.render.scene import Text

    smallest = min((item.size for item in scene.primitives() if isinstance(item, Text)),
                   default=0.0)
    return smallest * picture[2] / scene.width


def picture_place(brief, scene, paper: str = "a4") -> str:
    """Where the PDF draws ``scene``, the brief's picture: "first" (on the first page,
    beside the words), "after" (the first page the words alone, the picture on a
    landscape page after it) or "upright" (as "after", on an upright page of its own).
    The HTML brief prints the same way."""
    page, picture = _fit(brief, scene, paper)
    if picture is None or page.picture_page == 0:
        return "first"
    size = page.sizes[page.picture_page]
    return "upright" if size[0] < size[1] else "after"


def picture_box(brief, paper: str = "a4") -> tuple[int, float, float, float, float] | None:
    """Where the PDF draws the snapshot: its page (from 1), then x, y (points from the
    page's top-left corner), width and height; None without a picture."""
    from mineralgraph.render.brief import brief_scene

    page, picture = _fit(brief, brief_scene(brief.chain), paper)
    return None if picture is None else (page.picture_page + 1, *picture)


def picture_points(brief, paper: str = "a4") -> float | None:
    """The width (points) the snapshot gets on the page; at least 453.5 pt (16 cm) keeps
    its text at 7 pt or more."""
    box = picture_box(brief, paper)
    return None if box is None else box[3]


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
    buffer = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(
            buffer, metadata={"CreationDate": None, "Producer": None,
                              "Creator": "mineralgraph"}) as pdf:
        for number, (items, (width, height)) in enumerate(zip(page.pages, page.sizes,
                                                              strict=True)):
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
            if picture is not None and number == page.picture_page:
                px, py, pw, ph = picture
                pax = fig.add_axes((px / width, 1 - (py + ph) / height, pw / width,
                                    ph / height))
                pax.set_xlim(0, scene.width)
                pax.set_ylim(scene.height, 0)
                pax.set_axis_off()
                draw(scene, pax, scale=100 * (pw / 72) / scene.width)
            pdf.savefig(fig)
    return buffer.getvalue()


__all__ = ["PAGE_WIDTH_PT", "PAPERS", "picture_box", "picture_place", "picture_points",
           "to_pdf"]
