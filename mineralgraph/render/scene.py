"""Drawing primitives shared by every picture format, and text measurement.

The layout turns a chain into a :class:`Scene` (boxes, text, lines, arrowheads, in
pixels, y pointing down); the SVG writer and the matplotlib writer both draw that
scene, so the pictures agree. Text is measured with DejaVu Sans advance widths (the
font matplotlib ships), so wrapping is the same on every machine.

>>> text_width("Hi", 10) > 0
True
>>> wrap("Rare-earth mineral concentrate (REO content)", 120, 12)
['Rare-earth mineral', 'concentrate (REO', 'content)']
>>> wrap("aaaa bbbb cccc dddd", 40, 12, max_lines=1)
['aaaa…']
"""

from __future__ import annotations

from dataclasses import dataclass, field

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"

# Advance widths (fraction of the font size) of ASCII 32..126 in DejaVu Sans.
_REGULAR = [0.318, 0.4, 0.47, 0.84, 0.64, 0.96, 0.78, 0.28, 0.39, 0.39, 0.5, 0.85, 0.32,
            0.36, 0.32, 0.34, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64,
            0.34, 0.34, 0.84, 0.85, 0.84, 0.53, 1.0, 0.68, 0.69, 0.7, 0.77, 0.63, 0.58,
            0.78, 0.75, 0.29, 0.29, 0.65, 0.56, 0.86, 0.75, 0.79, 0.6, 0.79, 0.7, 0.64, 0.62,
            0.73, 0.68, 0.99, 0.69, 0.61, 0.68, 0.39, 0.34, 0.39, 0.84, 0.5, 0.5, 0.62, 0.63,
            0.56, 0.64, 0.62, 0.35, 0.64, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97, 0.63, 0.61,
            0.63, 0.64, 0.42, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.52, 0.63, 0.34,
            0.64, 0.84]
_BOLD = [0.348, 0.46, 0.53, 0.84, 0.7, 1.0, 0.87, 0.32, 0.47, 0.47, 0.52, 0.85, 0.38, 0.41,
         0.38, 0.37, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.4, 0.4, 0.84, 0.85,
         0.84, 0.59, 1.0, 0.77, 0.76, 0.73, 0.82, 0.68, 0.68, 0.82, 0.83, 0.36, 0.37, 0.77,
         0.64, 0.99, 0.83, 0.85, 0.73, 0.85, 0.77, 0.72, 0.69, 0.8, 0.77, 1.1, 0.77, 0.72,
         0.73, 0.46, 0.37, 0.46, 0.84, 0.5, 0.5, 0.68, 0.71, 0.59, 0.71, 0.68, 0.44, 0.71,
         0.71, 0.33, 0.33, 0.66, 0.33, 1.04, 0.71, 0.68, 0.71, 0.71, 0.49, 0.6, 0.47, 0.71,
         0.65, 0.92, 0.65, 0.65, 0.58, 0.71, 0.37, 0.72, 0.85]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in pixels of one line of text at ``size`` pixels."""
    table = _BOLD if bold else _REGULAR
    total = 0.0
    for char in text:
        code = ord(char)
        total += table[code - 32] if 32 <= code < 127 else 0.7
    return total * size * 1.03


def wrap(text: str, width: float, size: float, bold: bool = False,
         max_lines: int = 3) -> list[str]:
    """Greedy word wrap to ``width`` pixels; the last line ends with … when cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if text_width(candidate, size, bold) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    lines = [_fit(line, width, size, bold) for line in lines] or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _fit(lines[-1] + "…", width, size, bold, force=True)
    return lines


def wrap_unbroken(text: str, width: float, size: float, bold: bool = False,
                  whole: bool = False) -> list[str]:
    """Word wrap that never cuts a line short with "…". A word wider than the line
    breaks: with ``whole`` (a source line, printed whole: no character added or
    dropped) after its last "/", "-", "_", "?", "&" or "=" that fits, else at the last
    character that fits, so the lines joined give the word back; without (a label)
    after a hyphen, or at the last letter that fits with a hyphen added.

    >>> wrap_unbroken("[3] See https://example.org/documents/2023/02/14/report-on-magnets",
    ...               150, 12, whole=True)
    ['[3] See', 'https://example.org/', 'documents/2023/02/14/', 'report-on-magnets']
    >>> wrap_unbroken("electro-hydrostatic actuator", 100, 20, True)
    ['electro-', 'hydrost-', 'atic', 'actuator']
    """
    pieces: list[tuple[str, bool]] = []  # (piece, whether a space precedes it)
    for word in text.split():
        glue = True
        while text_width(word, size, bold) > width:
            piece, word = (_split_whole if whole else _split_hyphen)(word, width, size,
                                                                      bold)
            pieces.append((piece, glue))
            glue = False
        pieces.append((word, glue))
    lines: list[str] = []
    for piece, glue in pieces:
        if not lines:
            lines.append(piece)
            continue
        # a label's line ending in a hyphen runs on into the next piece, whatever it is
        space = (" " if glue else "") if whole else ("" if lines[-1].endswith("-") else " ")
        candidate = lines[-1] + space + piece
        if text_width(candidate, size, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(piece)
    return lines or [""]


def _split_whole(word: str, width: float, size: float, bold: bool) -> tuple[str, str]:
    """A word too wide for the line, as its first piece and the rest, nothing added."""
    cut = max((i + 1 for i, c in enumerate(word[:-1]) if c in "/-_?&="
               and text_width(word[:i + 1], size, bold) <= width), default=0)
    if cut == 0:
        cut = len(word) - 1
        while cut > 1 and text_width(word[:cut], size, bold) > width:
            cut -= 1
    return word[:cut], word[cut:]


def _split_hyphen(word: str, width: float, size: float, bold: bool) -> tuple[str, str]:
    """A word too wide for the line, broken after a hyphen, else at the last letter
    that fits with a hyphen added: the first piece and the rest."""
    cut = word.rfind("-", 0, len(word) - 1)
    while cut > 0 and text_width(word[:cut + 1], size, bold) > width:
        cut = word.rfind("-", 0, cut)
    if cut > 0:
        return word[:cut + 1], word[cut + 1:]
    n = len(word) - 1
    while n > 1 and text_width(word[:n] + "-", size, bold) > width:
        n -= 1
    return word[:n] + "-", word[n:]


def _fit(line: str, width: float, size: float, bold: bool, force: bool = False) -> str:
    if text_width(line, size, bold) <= width and not force:
        return line
    body = line.rstrip("…")
    while body and text_width(body + "…", size, bold) > width:
        body = body[:-1]
    return body.rstrip() + "…"


@dataclass(frozen=True)
class Box:
    """A rectangle with rounded corners; ``dash`` draws a dashed border."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    width: float = 1.0
    radius: float = 4.0
    dash: bool = False


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is the baseline; ``anchor`` is start, middle or end."""

    x: float
    y: float
    text: str
    size: float
    color: str = "#1a1a1a"
    bold: bool = False
    anchor: str = "start"


@dataclass(frozen=True)
class Line:
    """A path: ``("M", x, y)``, ``("L", x, y)`` and ``("C", x1, y1, x2, y2, x, y)`` steps;
    ``dash`` is None, "dot" or "dash"."""

    steps: tuple
    color: str
    width: float = 1.0
    dash: str | None = None


@dataclass(frozen=True)
class Polygon:
    """A filled polygon (arrowheads, legend marks)."""

    points: tuple
    fill: str


@dataclass
class Group:
    """Items that belong to one node of the chain; ``tip`` is shown on hover."""

    key: str
    tip: str
    items: list = field(default_factory=list)


@dataclass
class Scene:
    """A picture: its size in pixels and what to draw, back to front."""

    width: float
    height: float
    items: list = field(default_factory=list)
    title: str = ""
    background: str = "#ffffff"

    def primitives(self):
        """Every primitive, groups flattened, in drawing order."""
        for item in self.items:
            if isinstance(item, Group):
                yield from item.items
            else:
                yield item
