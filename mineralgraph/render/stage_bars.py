"""Stage bars: country shares of each stage of a chain as stacked horizontal bars.

The picture analysts know from the IEA's critical-minerals outlooks: one bar per
material, from the mine to the component, each split into its producing countries
(one colour per country, :mod:`mineralgraph.render.colours`), with the HHI and the
year of the figures beside it and the sources in the caption. Rest of world is grey;
output that no source assigns to a country is a light grey "not mapped" part, never
added to a country.

The scene is 800 pixels wide and no text is smaller than 13 pixels, so placed at the
text width of an A4 page (16 cm) the smallest text is 7.4 pt.

>>> from mineralgraph.graph.analysis.concentration import Concentration
>>> row = Concentration("material:x", "X oxide", "processing", 2024, {"CN": 0.9, "XX": 0.1},
...                     0.1, 0.9, 0.9, 8100.0, "country:CN", ["source:a"])
>>> scene = stage_bars_scene([row], {"country:CN": "China"}, ["[1] A. Pub. 2025."])
>>> texts = [p.text for p in scene.primitives() if hasattr(p, "text")]
>>> "CN 90%" in texts and "HHI 8,100" in texts
True
"""

from __future__ import annotations

from mineralgraph.graph.analysis.concentration import HIGHLY_CONCENTRATED, Concentration
from mineralgraph.render.colours import (
    REST_OF_WORLD_GREY,
    UNMAPPED_GREY,
    country_colour,
    text_colour_on,
)
from mineralgraph.render.scene import (
    Box,
    Group,
    Scene,
    Text,
    text_width,
    wrap,
    wrap_unbroken,
)

WIDTH = 800
MARGIN = 20
LABEL_W = 200
BAR_X = MARGIN + LABEL_W + 10
BAR_W = 430
ROW_H = 64
BAR_H = 34
SMALL = 13
NORMAL = 14
STAGE_ORDER = ("mining", "processing", "metal", "component", "subsystem")
HOT = "#b71c1c"
GREY_TEXT = "#555555"


def _percent(share: float) -> str:
    value = 100.0 * share
    return f"{value:.0f}%" if value >= 9.5 or value == 0 else f"{value:.1f}%"


def stage_order(rows: list[Concentration]) -> list[Concentration]:
    """Rows from the ground up (mining first), keeping the given order within a stage."""
    rank = {stage: i for i, stage in enumerate(STAGE_ORDER)}
    return sorted(rows, key=lambda row: rank.get(row.stage or "", len(STAGE_ORDER)))


def _segments(row: Concentration) -> list[tuple[str, float, str]]:
    """(label, share, colour) of a row's bar: named countries by share, then rest, unmapped."""
    named = [(code, share) for code, share in row.shares.items() if code != "XX" and share > 0]
    named.sort(key=lambda item: (-item[1], item[0]))
    parts = [(code, share, country_colour(code)) for code, share in named]
    rest_of_world = row.shares.get("XX", 0.0)
    if rest_of_world > 0:
        parts.append(("rest", rest_of_world, REST_OF_WORLD_GREY))
    unmapped = max(0.0, 1.0 - sum(share for _, share, _ in parts))
    if unmapped > 0.005:
        parts.append(("not mapped", unmapped, UNMAPPED_GREY))
    total = sum(share for _, share, _ in parts)
    if total <= 1:
        return parts
    return [(label, share / total, colour) for label, share, colour in parts]


def _bar(row: Concentration, y: float) -> list:
    items: list = []
    x = BAR_X
    for label, share, colour in _segments(row):
        width = BAR_W * share
        items.append(Box(x, y, width, BAR_H, colour, "#ffffff", 1.0, radius=0,
                         dash=label == "not mapped"))
        text = f"{label} {_percent(share)}"
        if text_width(text, SMALL) + 6 > width:
            text = _percent(share) if label in ("rest", "not mapped") else label
        if text_width(text, SMALL) + 6 <= width:
            items.append(Text(x + width / 2, y + BAR_H / 2 + 5, text, SMALL,
                              text_colour_on(colour), anchor="middle"))
        x += width
    return items


def row_height(row: Concentration) -> float:
    """Room for the bar, or for the label's lines and the stage under them."""
    lines = len(wrap(row.label, LABEL_W, NORMAL, bold=True, max_lines=3))
    return max(ROW_H, 16 + 17 * (lines + 1) + 8)


def _row(row: Concentration, y: float) -> Group:
    items: list = []
    lines = wrap(row.label, LABEL_W, NORMAL, bold=True, max_lines=3)
    for i, line in enumerate(lines):
        items.append(Text(MARGIN, y + 16 + 17 * i, line, NORMAL, bold=True))
    items.append(Text(MARGIN, y + 16 + 17 * len(lines), row.stage or "stage not given", SMALL,
                      GREY_TEXT))
    items.extend(_bar(row, y + 6))
    hot = row.hhi > HIGHLY_CONCENTRATED
    items.append(Text(BAR_X + BAR_W + 12, y + 22, f"HHI {row.hhi:,.0f}", NORMAL,
                      HOT if hot else "#1a1a1a", bold=hot))
    items.append(Text(BAR_X + BAR_W + 12, y + 40, str(row.year or "year not given"), SMALL,
                      GREY_TEXT))
    tip = "; ".join(f"{code} {_percent(share)}" for code, share in row.shares.items())
    return Group(row.material, f"{row.label}: {tip}", items)


def _legend(rows: list[Concentration], names: dict[str, str], y: float) -> tuple[list, float]:
    codes = sorted({code for row in rows for code in row.shares if code != "XX"},
                   key=lambda code: (-max(r.shares.get(code, 0) for r in rows), code))
    entries = [(names.get(f"country:{code}", code), country_colour(code)) for code in codes]
    entries += [("rest of world", REST_OF_WORLD_GREY), ("not mapped", UNMAPPED_GREY)]
    items, x = [], MARGIN
    for name, colour in entries:
        width = 22 + text_width(name, SMALL) + 16
        if x + width > WIDTH - MARGIN:
            x, y = MARGIN, y + 22
        items.append(Box(x, y - 12, 14, 14, colour, "#888888", 0.5, radius=2,
                         dash=colour == UNMAPPED_GREY))
        items.append(Text(x + 20, y, name, SMALL))
        x += width
    return items, y + 22


def stage_bars_scene(rows: list[Concentration], country_names: dict[str, str],
                     citations: list[str], title: str = "Who produces each stage",
                     marks: dict[str, str] | None = None) -> Scene:
    """The stage-bar picture of ``rows`` (concentrations), with a legend and sources.

    Parameters
    ----------
    rows : list of Concentration
        One per material, as :func:`mineralgraph.graph.analysis.concentrations` computes.
    country_names : dict
        Country id -> name, for the legend.
    citations : list of str
        The numbered sources, one line each, for the caption.
    title : str
        The picture's title.
    marks : dict, optional
        Material id -> what its shares rest on (confidence, proxy, source type), said in
        the caption as the text report says it.
    """
    items: list = [Text(MARGIN, 34, title, 20, bold=True),
                   Text(MARGIN, 56, "Share of world output by country at each stage; HHI over "
                        "named countries (above 2,500: highly concentrated)", SMALL, GREY_TEXT)]
    y = 72.0
    ordered = stage_order(rows)
    for row in ordered:
        items.append(_row(row, y))
        y += row_height(row)
    legend, y = _legend(ordered, country_names, y + 16)
    items.extend(legend)
    y += 6
    said = [(row.label, (marks or {}).get(row.material)) for row in ordered]
    if any(mark for _, mark in said):
        items.append(Text(MARGIN, y, "What the shares rest on", SMALL, bold=True))
        for label, mark in said:
            for line in wrap_unbroken(f"{label}: {mark or 'unrated'}", WIDTH - 2 * MARGIN,
                                      SMALL, whole=True):
                y += 17
                items.append(Text(MARGIN, y, line, SMALL, GREY_TEXT))
        y += 23
    items.append(Text(MARGIN, y, "Sources", SMALL, bold=True))
    for citation in citations:  # a source printed is printed whole (trial 8, LOW-8)
        for line in wrap_unbroken(citation, WIDTH - 2 * MARGIN, SMALL, whole=True):
            y += 17
            items.append(Text(MARGIN, y, line, SMALL, GREY_TEXT))
    return Scene(WIDTH, y + 16, items, title=title)


__all__ = ["stage_bars_scene", "stage_order"]


#: Picture formats of stage bars (``concentration --format`` names).
STAGE_BAR_FORMATS = ("png", "svg", "pdf")


def stage_bars_picture(graph, rows: list[Concentration], fmt: str) -> bytes:
    """The stage bars of computed concentration rows as ``png``, ``svg`` or ``pdf``
    bytes, the sources numbered in the caption."""
    from mineralgraph.exceptions import MineralGraphError
    from mineralgraph.render.raster import to_pdf, to_png
    from mineralgraph.render.svg import to_svg
    from mineralgraph.reports.common import SourceIndex

    if not rows:
        raise MineralGraphError("no country shares recorded for these materials: "
                                "nothing to draw")
    index = SourceIndex(graph)
    for row in stage_order(rows):
        index.cite(row.sources)
    names = {f"country:{code}": graph.label(f"country:{code}")
             for row in rows for code in row.shares}
    from mineralgraph.reports.summary import share_mark_text

    marks = {row.material: share_mark_text(graph, row.material) for row in rows}
    scene = stage_bars_scene(rows, names, index.listing(), marks=marks)
    writers = {"png": to_png, "svg": lambda sc: to_svg(sc).encode("utf-8"), "pdf": to_pdf}
    return writers[fmt](scene)
