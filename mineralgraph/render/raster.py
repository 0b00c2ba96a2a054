"""A scene drawn with matplotlib: PNG and PDF, with nothing but pip installs.

The scene is in pixels with y pointing down; the figure is sized so that one scene
pixel is ``scale`` image pixels in a PNG (1/100 inch at scale 1 in a PDF). Text uses
DejaVu Sans, which matplotlib ships, so the picture is the same everywhere.
"""

from __future__ import annotations

import io

from mineralgraph.render.scene import Box, Group, Line, Polygon, Scene, Text

BASE_DPI = 100
#: PNG pixels per scene pixel (2: sharp when pasted into a document).
PNG_SCALE = 2
ALIGN = {"start": "left", "middle": "center", "end": "right"}
DASHES = {"dot": (0, (1.5, 3)), "dash": (0, (6, 4))}


def _figure(scene: Scene):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(scene.width / BASE_DPI, scene.height / BASE_DPI), dpi=BASE_DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, scene.width)
    ax.set_ylim(scene.height, 0)
    ax.set_axis_off()
    fig.patch.set_facecolor(scene.background)
    return fig, ax


def draw(scene: Scene, ax, scale: float = 1.0) -> None:
    """Draw every primitive of a scene on a matplotlib axes (y down, pixel units).

    ``scale`` is the size of one scene pixel in 1/100 inch (fonts and line widths follow).
    """
    from matplotlib.patches import FancyBboxPatch, PathPatch
    from matplotlib.patches import Polygon as MplPolygon
    from matplotlib.path import Path

    pt = 72 / BASE_DPI * scale  # points per scene pixel
    z = 0
    for item in scene.primitives():
        z += 1
        if isinstance(item, Box):
            pad = min(item.radius, item.w / 2, item.h / 2)
            patch = FancyBboxPatch(
                (item.x + pad, item.y + pad), max(item.w - 2 * pad, 0.01),
                max(item.h - 2 * pad, 0.01), boxstyle=f"round,pad={pad}",
                facecolor=item.fill, edgecolor=item.stroke or "none",
                linewidth=item.width * pt if item.stroke else 0,
                linestyle=(0, (4, 3)) if item.dash else "solid", zorder=z)
            ax.add_patch(patch)
        elif isinstance(item, Text):
            ax.text(item.x, item.y, item.text, fontsize=item.size * pt, color=item.color,
                    fontweight="bold" if item.bold else "normal", ha=ALIGN[item.anchor],
                    va="baseline", family="DejaVu Sans", parse_math=False, zorder=z)
        elif isinstance(item, Line):
            vertices, codes = [], []
            for step in item.steps:
                if step[0] == "M":
                    vertices.append(step[1:3])
                    codes.append(Path.MOVETO)
                elif step[0] == "L":
                    vertices.append(step[1:3])
                    codes.append(Path.LINETO)
                else:
                    vertices += [step[1:3], step[3:5], step[5:7]]
                    codes += [Path.CURVE4] * 3
            ax.add_patch(PathPatch(Path(vertices, codes), facecolor="none",
                                   edgecolor=item.color, linewidth=item.width * pt,
                                   linestyle=DASHES.get(item.dash, "solid"), zorder=z))
        elif isinstance(item, Polygon):
            ax.add_patch(MplPolygon(list(item.points), closed=True, facecolor=item.fill,
                                    edgecolor="none", zorder=z))


def to_png(scene: Scene, scale: int = PNG_SCALE) -> bytes:
    """PNG bytes of a scene, ``scale`` image pixels per scene pixel."""
    fig, ax = _figure(scene)
    draw(scene, ax)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=BASE_DPI * scale, metadata={"Software": None})
    return buffer.getvalue()


def to_pdf(scene: Scene) -> bytes:
    """A one-page PDF of a scene (vector, fonts embedded)."""
    import matplotlib

    # TrueType (Type 42) fonts, not Type 3: text stays selectable and prints sharp.
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig, ax = _figure(scene)
        draw(scene, ax)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Producer": None,
                                                      "Creator": "mineralgraph"})
    return buffer.getvalue()


__all__ = ["Group", "draw", "to_pdf", "to_png"]
