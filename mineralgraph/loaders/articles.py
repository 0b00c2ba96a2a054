"""Reading news articles: metadata and paragraphs of plain text, Markdown and HTML files,
wire datelines, and sentences.

Metadata come from ``Key: value`` header lines (text), front matter (Markdown) or
``<meta>``/``<time>``/``<title>`` tags (HTML); a wire dateline (``BEIJING, Oct 20 (Reuters)
-``) gives the publisher and, with a year or the ``--article-date``, the date.

>>> split_sentences("Exports to the U.S. fell. China's No. 18 list grew. It said so.")
['Exports to the U.S. fell.', "China's No. 18 list grew.", 'It said so.']
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from mineralgraph.exceptions import InputError
from mineralgraph.loaders.dates import MONTHS, closest_year, find_dates
from mineralgraph.loaders.tables import decode_table

ABBREVIATIONS = {"u.s", "u.k", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                 "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "mr", "ms",
                 "dr", "st", "vs", "e.g", "i.e", "gen", "sen", "rep", "dept"}
STARTERS = {"The", "It", "He", "She", "They", "In", "On", "China", "Beijing", "A", "An",
            "But", "This", "That", "Its", "Their", "Washington", "Separately", "Meanwhile"}


@dataclass
class Article:
    """An article's metadata and its paragraphs (line number, text)."""

    path: Path
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    date_text: str | None = None
    date_line: int | None = None
    paragraphs: list[tuple[int, str]] = field(default_factory=list)


class _HtmlText(HTMLParser):
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "div", "blockquote", "br", "tr", "article",
              "section", "header", "footer"}
    SKIP = {"script", "style", "nav", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.blocks: list[tuple[int, str]] = []
        self.parts: list[str] = []
        self.line = 1
        self.skip = 0
        self.in_title = False
        self.title = ""

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.parts)).strip()
        if text:
            self.blocks.append((self.line, text))
        self.parts = []
        self.line = self.getpos()[0]

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attrs.get("name") or attrs.get("property") or "").lower()
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "time" and attrs.get("datetime"):
            self.meta.setdefault("time", attrs["datetime"])
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.meta.setdefault("canonical", attrs.get("href", ""))
        if tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip:
            if not self.parts:
                self.line = self.getpos()[0]
            self.parts.append(data)


def _meta_date(text: str) -> date | None:
    text = text.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None
    found = find_dates(text, None)
    return found[0][0] if found else None


def _paragraphs(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    out, current, start = [], [], first_line
    for number, line in enumerate(lines, first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            out.append((start, " ".join(current)))
            current = []
    if current:
        out.append((start, " ".join(current)))
    return out


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return re.sub(r"^\s*(#+|>|[-*+]\s)\s*", "", text)


_HEADER = re.compile(r"^(title|headline|publisher|source|date|published|url|link|author|"
                     r"byline)\s*:\s*(.*)$", re.I)


def _apply_meta(article: Article, key: str, value: str, line: int) -> None:
    key, value = key.lower(), value.strip().strip('"').strip("'")
    if not value:
        return
    if key in ("title", "headline", "og:title"):
        article.title = article.title or value
    elif key in ("publisher", "source", "og:site_name", "article:publisher"):
        article.publisher = article.publisher or value
    elif key in ("url", "link", "og:url", "canonical"):
        article.url = article.url or value
    elif key in ("date", "published", "article:published_time", "time", "dc.date",
                 "pubdate"):
        if article.date_text is None:
            article.date_text, article.date_line = value, line
            article.published = _meta_date(value)


def read_article(path: Path) -> Article:
    """The metadata and paragraphs of an article file (text, Markdown or HTML)."""
    try:
        text, _ = decode_table(path.read_bytes())
    except ValueError as exc:
        raise InputError(str(path), None, None, str(exc)) from None
    article = Article(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        parser = _HtmlText()
        parser.feed(text)
        parser.flush()
        for key, value in parser.meta.items():
            _apply_meta(article, key, html.unescape(value), 1)
        article.title = article.title or re.sub(r"\s+", " ", parser.title).strip() or None
        blocks = parser.blocks
        if blocks and article.title and blocks[0][1] == article.title:
            blocks = blocks[1:]
        article.paragraphs = blocks
        return article
    lines = text.splitlines()
    start = 0
    if suffix in (".md", ".markdown") and lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], 2):
            if line.strip() == "---":
                start = number
                break
            key, _, value = line.partition(":")
            _apply_meta(article, key.strip(), value, number)
    else:
        for number, line in enumerate(lines, 1):
            match = _HEADER.match(line)
            if match:
                _apply_meta(article, match.group(1), match.group(2), number)
                start = number
            elif line.strip() or start:
                break
    body = lines[start:]
    if suffix in (".md", ".markdown"):
        for offset, line in enumerate(body):
            if line.startswith("# ") and article.title is None:
                article.title = line[2:].strip()
                body = body[:offset] + [""] + body[offset + 1:]
                break
        body = [_strip_markdown(line) for line in body]
    paragraphs = _paragraphs(body, start + 1)
    if article.title is None and paragraphs and not paragraphs[0][1].endswith("."):
        article.title = paragraphs[0][1]
        paragraphs = paragraphs[1:]
    article.paragraphs = paragraphs
    return article


_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'/-]{1,40}?),\s+(?P<date>(?P<month>[A-Z][a-z]"
                       r"{2,8})\.?\s+(?P<day>\d{1,2})(?:,\s+(?P<year>\d{4}))?)\s*"
                       r"(?:\((?P<agency>[A-Za-z .&]+)\))?\s*[-\u2013\u2014]+\s*")


def dateline(article: Article, option: date | None) -> None:
    """Read the wire dateline (``BEIJING, April 4 (Reuters) -``) off the first paragraph."""
    if not article.paragraphs:
        return
    line, first = article.paragraphs[0]
    match = _DATELINE.match(first)
    if not match:
        return
    article.paragraphs[0] = (line, first[match.end():])
    if match.group("agency"):
        article.publisher = article.publisher or match.group("agency").strip()
    month = MONTHS.get(match.group("month").lower())
    if article.published is not None or month is None:
        return
    day = int(match.group("day"))
    if match.group("year"):
        article.published = date(int(match.group("year")), month, day)
    elif option is not None:
        article.published = closest_year(month, day, option)
    article.date_text, article.date_line = match.group("date"), line


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations such as "U.S." and "No." do not end one."""
    pieces = re.split(r"(?<=[.!?])([\"\u201d\u2019')]?)\s+(?=[\"\u201c]?[A-Z0-9])", text)
    sentences: list[str] = []
    buffer = ""
    for index in range(0, len(pieces), 2):
        piece = pieces[index] + (pieces[index + 1] if index + 1 < len(pieces) else "")
        buffer = f"{buffer} {piece}".strip() if buffer else piece
        last = buffer.rstrip("\"'\u201d\u2019)").rsplit(None, 1)[-1].rstrip(".").lower()
        following = pieces[index + 2] if index + 2 < len(pieces) else ""
        next_word = following.split(None, 1)[0] if following else ""
        if last in ABBREVIATIONS and following and not (last == "u.s" and next_word in STARTERS):
            continue
        sentences.append(buffer)
        buffer = ""
    if buffer:
        sentences.append(buffer)
    return sentences
