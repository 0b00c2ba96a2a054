"""Pictures of a supply chain for briefings, and a one-page brief around them.

``chain`` decides what is shown (folded), ``layout`` where (stage columns), and one
module per format writes it. :data:`FORMATS` maps a file suffix to a writer that
turns a chain into bytes; :func:`format_for` picks it from a file name.

>>> sorted(FORMATS)
['.dot', '.html', '.mmd', '.pdf', '.png', '.svg']
>>> format_for("f35.svg")
'.svg'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.render.chain import Chain, build_chain
from mineralgraph.render.layout import layout


def scene_of(chain: Chain):
    """The scene of a chain: the compact layout for a compact chain, else the full one."""
    if chain.compact:
        from mineralgraph.render.compact_layout import compact_layout

        return compact_layout(chain)
    return layout(chain)


def snapshot_svg(chain: Chain) -> bytes:
    """The SVG picture (hover titles, no script)."""
    from mineralgraph.render.svg import to_svg

    return to_svg(scene_of(chain)).encode("utf-8")


def snapshot_png(chain: Chain) -> bytes:
    """A PNG at twice the scene's pixel size."""
    from mineralgraph.render.raster import to_png

    return to_png(scene_of(chain))


def snapshot_pdf(chain: Chain) -> bytes:
    """A one-page vector PDF."""
    from mineralgraph.render.raster import to_pdf

    return to_pdf(scene_of(chain))


def snapshot_html(chain: Chain) -> bytes:
    """A self-contained interactive page (pan, zoom, hover for sources)."""
    from mineralgraph.render.html import html_page
    from mineralgraph.render.svg import to_svg

    scene = scene_of(chain)
    # the list in number order: the numbers its hover texts and figures cite
    sources = [chain.citations.get(s, s) for s in chain.listed]
    page = html_page(scene.title, to_svg(scene, interactive=True), chain.caption(), sources)
    return page.encode("utf-8")


def snapshot_mermaid(chain: Chain) -> bytes:
    """A Mermaid flowchart."""
    from mineralgraph.render.mermaid import to_mermaid

    return to_mermaid(chain).encode("utf-8")


def snapshot_dot(chain: Chain) -> bytes:
    """Graphviz DOT."""
    from mineralgraph.render.dot import to_dot

    return to_dot(chain).encode("utf-8")


#: File suffix -> writer of a chain as bytes.
FORMATS: dict[str, Callable[[Chain], bytes]] = {
    ".svg": snapshot_svg, ".png": snapshot_png, ".pdf": snapshot_pdf, ".html": snapshot_html,
    ".mmd": snapshot_mermaid, ".dot": snapshot_dot}


def format_for(path: str | Path, formats=None) -> str:
    """The suffix of ``path`` when it is a known format; MineralGraphError otherwise."""
    formats = FORMATS if formats is None else formats
    suffix = Path(path).suffix.lower()
    if suffix not in formats:
        known = ", ".join(sorted(formats))
        shown = f"'{suffix}'" if suffix else "no extension"
        raise MineralGraphError(f"{path}: unsupported format ({shown}); use one of {known}")
    return suffix


__all__ = ["FORMATS", "Chain", "build_chain", "format_for", "layout", "scene_of"]
