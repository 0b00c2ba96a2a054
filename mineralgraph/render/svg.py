"""A scene as SVG text, written by hand: escaped, sorted, the same bytes every time.

Every piece of text from the data goes through :func:`escape`, so a label such as
``<script>`` is shown as text, never run. Numbers are rounded to one decimal.

>>> from mineralgraph.render.scene import Scene, Text
>>> svg = to_svg(Scene(100, 50, [Text(1, 20, "<b>&</b>", 12)]))
>>> "&lt;b&gt;&amp;&lt;/b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

from mineralgraph.render.scene import FONT_FAMILY, Box, Group, Line, Polygon, Scene, Text

DASHES = {"dot": "1.5,3", "dash": "6,4"}
ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def escape(text: str) -> str:
    """Text safe in SVG/XML content and attribute values (quotes included).

    >>> escape('"a" & <b> \\'c\\'')
    '&quot;a&quot; &amp; &lt;b&gt; &#39;c&#39;'
    """
    text = "".join(c for c in str(text) if c in "\t\n" or ord(c) >= 32)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _box(item: Box) -> str:
    stroke = (f' stroke="{item.stroke}" stroke-width="{_n(item.width)}"' if item.stroke
              else ' stroke="none"')
    dash = ' stroke-dasharray="4,3"' if item.dash else ""
    return (f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" '
            f'height="{_n(item.h)}" rx="{_n(item.radius)}" fill="{item.fill}"{stroke}{dash}/>')


def _text(item: Text) -> str:
    weight = ' font-weight="bold"' if item.bold else ""
    anchor = f' text-anchor="{ANCHORS[item.anchor]}"' if item.anchor != "start" else ""
    return (f'<text x="{_n(item.x)}" y="{_n(item.y)}" font-size="{_n(item.size)}" '
            f'fill="{item.color}"{weight}{anchor}>{escape(item.text)}</text>')


def path_data(steps) -> str:
    """SVG path data of a :class:`Line`'s steps."""
    return " ".join(step[0] + " ".join(_n(v) for v in step[1:]) for step in steps)


def _line(item: Line) -> str:
    dash = f' stroke-dasharray="{DASHES[item.dash]}"' if item.dash else ""
    return (f'<path d="{path_data(item.steps)}" fill="none" stroke="{item.color}" '
            f'stroke-width="{_n(item.width)}"{dash}/>')


def _polygon(item: Polygon) -> str:
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
    return f'<polygon points="{points}" fill="{item.fill}"/>'


WRITERS = {Box: _box, Text: _text, Line: _line, Polygon: _polygon}


def to_svg(scene: Scene, interactive: bool = False) -> str:
    """The SVG document of a scene.

    With ``interactive``, each node's group gets a ``data-tip`` attribute (read by the
    HTML page's script); a ``<title>`` gives every viewer a plain hover text.
    """
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(scene.width)}" '
           f'height="{_n(scene.height)}" viewBox="0 0 {_n(scene.width)} {_n(scene.height)}" '
           f'font-family="{FONT_FAMILY}" role="img">',
           f"<title>{escape(scene.title)}</title>",
           f'<rect width="100%" height="100%" fill="{scene.background}"/>']
    for item in scene.items:
        if isinstance(item, Group):
            tip = f' data-tip="{escape(item.tip)}"' if interactive else ""
            out.append(f'<g class="node" data-key="{escape(item.key)}"{tip}>'
                       f"<title>{escape(item.tip)}</title>")
            out += [WRITERS[type(part)](part) for part in item.items]
            out.append("</g>")
        else:
            out.append(WRITERS[type(item)](item))
    out.append("</svg>")
    return "\n".join(out) + "\n"
