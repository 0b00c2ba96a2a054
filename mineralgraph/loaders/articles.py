"""Reading news articles: metadata and paragraphs of plain text, Markdown and HTML files,
wire datelines, and sentences.

Metadata come from ``Key: value`` header lines (text), front matter (Markdown) or
``<meta>``/``<time>``/``<title>`` tags (HTML, with trafilatura's metadata as a fallback:
``og:title`` over a ``<title>`` such as "Get a Quote | NewsHub"); a wire dateline (``BEIJING,
Oct 20 (Reuters) -``) gives the publisher and, with a year or the ``--article-date``, the date.

The body of an HTML page is trafilatura's main text (navigation, buttons, footers, related
stories left out). In every format bullets and headings are paragraphs of their own (a
bullet list never runs into one sentence), and boilerplate paragraphs (disclaimers, tag
lists, "related", "read more", subscribe lines, reporting credits, ratings, press-release
"About" sections) are set aside in ``Article.skipped`` with the reason.

>>> boilerplate("Tags: rare earths, China, MP Materials")
'tag list'
>>> boilerplate("China exported 1,238 tonnes of magnets in May.") is None
True

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
from mineralgraph.loaders.dates import (
    MONTHS,
    FullDate,
    closest_year,
    figure_date_order,
    find_dates,
    full_dates,
)
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
    #: why the page's date could not be read, when the reader can say more than "none"
    date_problem: str | None = None
    #: the two readings of a page date in figures that reads either way ("12.11.2025": day
    #: first, month first), until the page tells which
    date_readings: tuple[date, ...] = ()
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)


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


def _meta_dates(text: str) -> tuple[date, ...]:
    """The date of a header or ``<meta>`` value: one date, two readings of a date in figures
    that reads either way, or none."""
    text = text.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return (date(*map(int, match.groups())),)
        except ValueError:
            return ()
    if len(text) > 200:   # no date, and dateparser would take long over a long value
        return ()
    found = full_dates(text)
    return found[0].readings if found else ()


def _set_date(article: Article, readings: tuple[date, ...]) -> None:
    """The page's date from its readings (None until the page tells which of two it is)."""
    article.published = readings[0] if len(readings) == 1 else None
    article.date_readings = readings if len(readings) > 1 else ()


_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25aa\u2013]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


#: A Markdown table row ("| 3 July 2023 | China announced ... |") and its rule ("| --- |").
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _paragraphs(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """Paragraphs of lines; a bullet, a heading or a table row is a paragraph of its own."""
    out, current, start = [], [], first_line
    for number, line in enumerate(lines, first_line):
        if _TABLE_RULE.match(line):
            continue   # "| --- | --- |": a Markdown table's rule, no text
        # "| 3 December 2024 | China banned exports ... |": a table row is a paragraph of its
        # own, its cells apart
        row = _TABLE_ROW.match(line)
        if row:
            line = " | ".join(cell.strip() for cell in row.group(1).split("|"))
        alone = bool(_BULLET.match(line) or _HEADING.match(line) or row)
        if (not line.strip() or alone) and current:
            out.append((start, " ".join(current)))
            current = []
        if not line.strip():
            continue
        if alone:
            out.append((number, line.strip()))
            continue
        if not current:
            start = number
        current.append(line.strip())
    if current:
        out.append((start, " ".join(current)))
    return out


#: Paragraphs that are not the article's own reporting, and why.
_BOILERPLATE = (
    ("disclaimer", re.compile(r"^(\W*disclaimer\b|.*\b(not (financial|investment|legal) advice|"
                              r"does not (constitute|give) (investment|legal|financial) advice|"
                              r"general advice only|past performance|not a registered investment|"
                              r"for informational purposes only|provided for information only|"
                              r"accepts no liability|do your own research|holds? no position)\b)",
                              re.I)),
    ("tag list", re.compile(r"^\W*(tags?|topics|filed under|keywords)\s*:|^\W*(#\w+[\s,]*){2,}$",
                            re.I)),
    ("related links", re.compile(r"^\W*(related( stories| articles| content)?|read more|see also|"
                                 r"more from|most read|recommended|top movers|you may also like)"
                                 r"\b|^\W*(also read|read also|read next|trending|popular|"
                                 r"don't miss|editor's picks?|top stories|latest news|more news)"
                                 r"\s*:", re.I)),
    ("subscription or sharing", re.compile(
        r"^\W*(subscribe|sign up|sign in|log ?in|share( this( article)?)?\b|follow us|download the|"
        r"get a quote|add to watchlist|print\b|was this useful)|\b(for subscribers|forwarding is "
        r"not permitted|subscribe to)\b", re.I)),
    ("credits", re.compile(r"^\W*\(?(reporting|writing|editing|additional reporting) by\b|"
                           r"^\W*(copyright|\u00a9)|all rights reserved|^\W*by [A-Z][\w. ]+"
                           r"(\u00b7|,\s*\w+ \d{1,2}, \d{4}$|$)|^\W*SOURCE [A-Z]|"
                           # "REUTERS", "(Reuters)", "- AFP": a wire's name alone
                           r"^\W*\(?(reuters|afp|ap|bloomberg|xinhua|kyodo|yonhap|pti|ians|ani|"
                           r"bernama|dpa|upi|agencies)\)?\W*$", re.I)),
    ("rating", re.compile(r"\b(our )?rating\s*:|\b\d(\.\d)?/5\b|\bcoverage bias\b|"
                          r"\breaders liked\b", re.I)),
    ("company boilerplate", re.compile(r"^\W*(?i:about) [A-Z][\w&.' -]{1,60}:")),
)


#: The reasons a paragraph is left out as no reporting of the article's own.
BOILERPLATE_REASONS = frozenset(reason for reason, _ in _BOILERPLATE) | {"the title again"}


def boilerplate(paragraph: str) -> str | None:
    """Why a paragraph is boilerplate (``"disclaimer"``, ``"tag list"``...), or None."""
    for reason, pattern in _BOILERPLATE:
        if pattern.search(paragraph):
            return reason
    return None


def _clean(article: Article, paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    kept = []
    for line, text in paragraphs:
        text = re.sub(r"^\s*(?:[-*+\u2022\u25aa\u2013]|\d{1,2}[.)]|#{1,6})\s+", "", text).strip()
        text = re.sub(r"^(\*\*|__)(.+)\1$", r"\2", text).strip()
        reason = "the title again" if text == article.title else boilerplate(text)
        if reason:
            article.skipped.append((line, text, reason))
        elif text:
            kept.append((line, text))
    return kept


def _strip_markdown(text: str) -> str:
    """Inline Markdown out; a bullet or heading keeps its marker (it ends a paragraph)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    marker = re.match(r"^\s*(#{1,6}\s+|[-*+]\s+|\d{1,2}[.)]\s+)", text)
    head, body = (marker.group(0), text[marker.end():]) if marker else ("", text)
    body = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", body)
    return head + re.sub(r"^\s*>\s*", "", body)


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
            _set_date(article, _meta_dates(value))


#: The largest article file read (bytes): a news page with its scripts is well under it,
#: and the reader takes about 10 s a megabyte, so a larger file (a whole log, a book)
#: would keep it busy for minutes.
ARTICLE_LIMIT = 4 << 20


def read_article(path: Path) -> Article:
    """The metadata and paragraphs of an article file (text, Markdown or HTML)."""
    with path.open("rb") as handle:
        data = handle.read(ARTICLE_LIMIT + 1)
    if len(data) > ARTICLE_LIMIT:
        raise InputError(str(path), None, None, f"over {ARTICLE_LIMIT >> 20} MiB: longer "
                         "than any news article (give the article's own text or page)")
    try:
        text, _ = decode_table(data)
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
        main = _main_text(text, article)
        article.title = article.title or re.sub(r"\s+", " ", parser.title).strip() or None
        if main is not None:
            blocks = [(_line_of(text, para), para) for _, para in
                      _paragraphs(main.splitlines(), 1)]
        else:
            blocks = parser.blocks
        if blocks and article.title and blocks[0][1].lstrip("# ") == article.title:
            blocks = blocks[1:]
        if article.published is None and article.date_text is None:
            blocks = _head_block_date(article, blocks)
        if article.published is None and article.date_text is None and main is not None:
            # the date line trafilatura left out of the main text ("<p class="meta">TOKYO,
            # Feb. 03, 2026 (Tue) 06:40 JST · Business</p>"): the page's head before its prose
            _head_block_date(article, parser.blocks, limit=None)
        _settle_order(article, main if main is not None else text)
        _relative_date(article, [(1, article.title or "")] + blocks[:HEAD_PARAGRAPHS])
        article.paragraphs = _clean(article, blocks)
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
    title_line = None
    if suffix in (".md", ".markdown"):
        for offset, line in enumerate(body):
            if line.startswith("# ") and article.title is None:
                article.title, title_line = line[2:].strip(), start + offset + 1
                body = body[:offset] + [""] + body[offset + 1:]
                break
        body = [_strip_markdown(line) for line in body]
    if article.published is None and article.date_text is None:
        body = _head_date(article, body, start + 1)
    paragraphs = _paragraphs(body, start + 1)
    if article.title is None and paragraphs and not paragraphs[0][1].endswith("."):
        article.title, title_line = paragraphs[0][1], paragraphs[0][0]
        paragraphs = paragraphs[1:]
    if article.published is None and article.date_text is None and article.title:
        # "The Minerals Week Ahead — 26 October 2026": a dated issue's heading, read
        # when no line under it gives the page's date
        article.published = page_date(article.title)
        if article.published is not None:
            article.date_text, article.date_line = article.title, title_line
    _settle_order(article, text)
    _relative_date(article, [(title_line or start + 1, article.title or "")]
                   + paragraphs[:HEAD_PARAGRAPHS])
    article.paragraphs = _clean(article, paragraphs)
    return article


#: A date counted back from the day a page is read, as feeds and social posts give it: "2
#: days ago", "3w", "5h", "yesterday" (a token of its own, in a short part of the head).
RELATIVE_DATE = re.compile(r"(?:^|(?<=[\s\u00b7|\u2022,(]))(?P<when>(?:\d{1,2}|an?|one|two|three|"
                           r"four|five|six|seven)\s+(?:minutes?|hours?|days?|weeks?|months?)\s+"
                           r"ago|\d{1,2}\s?(?:min|mins|h|hrs?|d|w|wk|wks|mo)|yesterday|just now)"
                           r"(?=$|[\s\u00b7|\u2022,)])", re.I)


def _relative_date(article: Article, head: list[tuple[int, str]]) -> None:
    """Why a page with no date of its own cannot be dated, when its head dates it only
    relative to the day it is read ("SCIENCE \u00b7 2 days ago", "3w \u00b7 \U0001f310"): that day
    is not on the page, so the reader says so in its one line rather than "no date"."""
    if article.published is not None or article.date_problem or article.date_text:
        return
    for line, text in head:
        for part in re.split(r"\s[|\u00b7\u2022]\s|\n", text):
            found = RELATIVE_DATE.search(part)
            # a part of its own, a label at most beside it ("SCIENCE", an icon), no sentence
            if found and len((part[:found.start()] + part[found.end():]).split()) <= 2 \
                    and not part.rstrip().endswith((".", "!", "?")):
                article.date_problem = (f"the page dates itself only as {found.group('when')!r}, "
                                        "counted from the day it is read, which it does not give")
                article.date_line = line
                return


#: How many paragraphs the page's head may hold (a masthead or title, a dek, a date line,
#: a byline); it ends sooner at the first paragraph of prose.
HEAD_PARAGRAPHS = 4


def _prose(paragraph: str) -> bool:
    """A paragraph of the article's body rather than of its head: a sentence of eight words
    or more, or thirty words however it ends, unless it is a headline: no sentence's end and
    most of its words capitalised (a press release's title runs to thirty words and more).

    >>> _prose("China's exports of gallium fell again in May, customs data showed on Friday.")
    True
    >>> _prose("USA Rare Earth Signs Letter of Intent with U.S. Department of Commerce for $1.6 "
    ...        "Billion to Speed Up Domestic Heavy Rare Earth Value Chain; Raises $1.5 Billion in "
    ...        "Concurrent PIPE")
    False
    """
    words = paragraph.split()
    ends = re.search(r"[.!?][\"'\u201d\u2019)*_]*$", paragraph.strip())
    if ends is None and _headline(words):
        return False
    return len(words) >= 30 or (len(words) >= 8 and ends is not None)


def _headline(words: list[str]) -> bool:
    """Whether words are written as a headline in title case: two in three of those that
    begin with a letter begin with a capital (short words such as "of", "to" aside)."""
    lettered = [w for w in words if w[:1].isalpha()]
    return len(lettered) >= 8 and sum(w[0].isupper() for w in lettered) * 3 >= 2 * len(lettered)


def head_lines(body: list[str], first_line: int) -> list[tuple[int, str]]:
    """(line number, text) of each line of the page's head: the lines before its body
    starts, the body starting at the first paragraph of prose or after HEAD_PARAGRAPHS
    paragraphs (a masthead, a title and a date on three lines of one paragraph are three
    lines of the head)."""
    paragraphs = _paragraphs(body, first_line)
    end = next((index for index, (_, text) in enumerate(paragraphs)
                if index >= HEAD_PARAGRAPHS or _prose(text)), len(paragraphs))
    stop = paragraphs[end][0] if end < len(paragraphs) else first_line + len(body)
    return [(number, line) for number, line in enumerate(body, first_line)
            if number < stop and line.strip()]


_DATE_LINE_WORDS = re.compile(
    r"^(?:(?:posted|published|updated|last updated|first published|press release|"
    r"release date|date of release|released|issued|date)\b(?:\s+on\b)?[\s:,]*)?"
    r"(?:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?", re.I)
#: A label before a date: "Release time:", "Date:", "Posted On:"
_DATE_LABEL = re.compile(r"^(?:[A-Za-z]+\s+){0,2}[A-Za-z]+\s*:\s*")
#: A weekday written short before a date: "Wed", "Tue.,"
_SHORT_WEEKDAY = re.compile(r"(?:^|\s)(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?$",
                            re.I)
#: A place before a date: "New Delhi,", "Abuja / Accra,", "Brussels / La Rochelle,"
_PLACE = re.compile(r"[A-Z][\w.'-]*(?:\s*(?:/|&)?\s*[A-Z][\w.'-]*){0,4}")
#: What a date line may hold after its date: a time, with its zone ("10:30 HKT", "3:41PM",
#: "2:31 AM EST", after a weekday in brackets ("(Tue) 06:40 JST"),
#: "14:20 (GMT+04:00)"), and "by <name>", with its desk after a comma in capitalised words
#: ("by M. Han, Asia Equities"), never a clause ("by M. Han, who said ...")
_DATE_LINE_REST = re.compile(
    r"(?:\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)\s*)?"   # "Feb. 03, 2026 (Tue) 06:40 JST"
    r"(?:(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?(?:\s+(?-i:[A-Z]{2,4}))?|[A-Z]{2,4})?"
    r"(?:\s*\(?\s*(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?)?\s*)?"
    r"(?:by\s+[\w.' ]{1,60}(?-i:,\s*[A-Z][\w.'&-]*(?:\s+(?:&\s+)?[A-Z][\w.'&-]*){0,5})?)?",
    re.I)
#: The parts of a line of parts: "Weekly | 22 January 2024 | Graphite", "Week Ahead — 26 October
#: 2026", "Abuja / Accra, 18.10.2023"
_LINE_PARTS = re.compile(r"\s[|\u00b7\u2022\u2013\u2014/]\s|\s--?\s")
#: Words that make a line's date something other than the page's: a revision, an event, a
#: deadline, an entry into force
_NOT_PAGE_DATE = re.compile(r"\b(?:updated|modified|revised|edited|corrected|event|webinar|"
                            r"conference|summit|meeting|deadline|due|expir\w*|clos(?:e|es|ing)|"
                            r"effective|in force|valid|scheduled|registration)\b", re.I)
#: A date that is one end of a range or a limit: "3-5 June 2025", "until 1 May 2026" (a time
#: after a dash, "November 20, 2023 - 2:31 AM EST", is no end of a range)
_RANGE_BEFORE = re.compile(r"(?:\d{1,2}\s?[-\u2013]\s?|\b(?:from|to|until|till|through|"
                           r"between|before|after|by)\s+)$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:[-\u2013\u2014]\s*\d(?!\d?[:.]\d{2}\b)|"
                          r"(?:to|until|till|through|and)\b)",
                          re.I)


def line_date(line: str) -> FullDate | None:
    """The page's date in a line of its head: the line's one full date (day, month and
    year, in any common order and separator, see :func:`full_dates`) when nothing else in
    its part of the line is more than a label ("Release time:"), "posted on" and a weekday,
    a place before a comma, a time and zone or "by <name>" after it. None for a sentence
    (it ends with a full stop or has words around the date), a line with two dates, a date
    without its year or day, and a line that says the date is another's: an update, an
    event, a deadline, an end of a range."""
    text = re.sub(r"[*_`>#]", "", line).strip()
    if not text or len(text) > 160 or text.endswith((".", "?", "!", ":")):
        return None
    found = full_dates(text)
    if len(found) != 1 or _NOT_PAGE_DATE.search(text):
        return None
    when = found[0]
    if _RANGE_BEFORE.search(text[:when.start]) or _RANGE_AFTER.match(text[when.end:]):
        return None
    cuts = [(m.start(), m.end()) for m in _LINE_PARTS.finditer(text)]
    begin = max((end for start, end in cuts if end <= when.start), default=0)
    finish = min((start for start, end in cuts if start >= when.end), default=len(text))
    before = _DATE_LABEL.sub("", text[begin:when.start].strip())
    before = _SHORT_WEEKDAY.sub("", _DATE_LINE_WORDS.sub("", before).strip()).strip()
    after = text[when.end:finish].strip(" ,")
    if after and not _DATE_LINE_REST.fullmatch(after):
        return None
    # a place: before a comma ("New Delhi, 30 October 2025"), or in a part of its own
    # ("Press release | Brussels April 9, 2025")
    place = before.endswith(",") or (cuts and not after)
    if not before or (place and _PLACE.fullmatch(before.rstrip(" ,"))):
        return when
    return None


def page_date(line: str) -> date | None:
    """The page's date in a date line or a byline (:func:`line_date`), when it reads one
    way only.

    >>> page_date("By Dana Whitfield | Critical Metals Investor | July 21, 2025")
    datetime.date(2025, 7, 21)
    >>> page_date("Posted Wednesday, August 27, 2025 by M. Han, Asia Equities")
    datetime.date(2025, 8, 27)
    >>> page_date("Friday, 24 October 2025")
    datetime.date(2025, 10, 24)
    >>> page_date("On June 11, 2025 the ministry said it had approved licences.") is None
    True
    >>> page_date("Published 3 June 2025 | Updated 5 June 2025") is None
    True
    >>> page_date("Published: 2025-11-07 \u00b7 Source: Department of Industrial Security")
    datetime.date(2025, 11, 7)
    >>> page_date("New Delhi, 30 October 2025")
    datetime.date(2025, 10, 30)
    >>> page_date("Exports rose in 2024, 30 October 2025") is None
    True
    >>> page_date("Wed May 21, 2025 12:49 GMT"), page_date("Abuja / Accra, 18.10.2023")
    (datetime.date(2025, 5, 21), datetime.date(2023, 10, 18))
    >>> page_date("Posted on 03.04.2025") is None     # 3 April or 4 March
    True
    """
    found = line_date(line)
    return found.readings[0] if found is not None and not found.ambiguous else None


def _head_date(article: Article, body: list[str], first_line: int) -> list[str]:
    """The page's date from the first line of its head that gives one (:func:`line_date`);
    the body's lines without that line's paragraph, which is set aside (a masthead over a
    date line, "COMMODITIES WIRE" over "Wed May 21, 2025 12:49 GMT", is no title)."""
    for number, line in head_lines(body, first_line):
        found = line_date(line)
        if found is None:
            continue
        _set_date(article, found.readings)
        article.date_text = re.sub(r"[*_`>#]", "", line).strip()
        article.date_line = number
        index = number - first_line
        start, end = index, index + 1
        while start > 0 and body[start - 1].strip():
            start -= 1
        while end < len(body) and body[end].strip():
            end += 1
        text = " ".join(re.sub(r"[*_`>#]", "", line).strip() for line in body[start:end])
        article.skipped.append((first_line + start, text, "date line"))
        return body[:start] + [""] * (end - start) + body[end:]
    return body


def _head_block_date(article: Article, blocks: list[tuple[int, str]],
                     limit: int | None = HEAD_PARAGRAPHS) -> list[tuple[int, str]]:
    """An HTML page's date from the first block of its head that is a date line
    (:func:`line_date`: "Posted July. 25, 2023 08:02,"), when its metadata gives none; the
    blocks without that one, which is set aside ("date line"). The head ends at the first
    block of prose, or after ``limit`` blocks (None: the whole page's chrome before its prose,
    navigation included)."""
    for index, (number, text) in enumerate(blocks[:limit]):
        if _prose(text):
            break
        found = line_date(text)
        if found is None:
            continue
        _set_date(article, found.readings)
        article.date_text, article.date_line = re.sub(r"[*_`>#]", "", text).strip(), number
        article.skipped.append((number, text, "date line"))
        return blocks[:index] + blocks[index + 1:]
    return blocks


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def _settle_order(article: Article, page: str) -> None:
    """The page's date when it was given in figures that read two ways ("12.11.2025"): the
    reading the page's way of writing dates tells (:func:`figure_date_order`); else none,
    and the reason."""
    if article.published is not None or len(article.date_readings) != 2:
        return
    order = figure_date_order(page)
    if order is not None:
        article.published = article.date_readings[0 if order == "DMY" else 1]
        return
    first, second = (f"{when.day} {_MONTH_NAMES[when.month - 1]} {when.year}"
                     for when in article.date_readings)
    article.date_problem = (f"{article.date_text!r} reads as {first} (day first) or {second} "
                            "(month first) and the page does not tell which")


def _main_text(html_text: str, article: Article) -> str | None:
    """The page's main text as Markdown-like lines (trafilatura), and missing metadata;
    None when trafilatura is not installed or finds no text."""
    try:
        import trafilatura
    except ImportError:   # pragma: no cover - a dependency; the plain parser stands in
        return None
    meta = trafilatura.extract_metadata(html_text)
    if meta is not None:
        article.title = article.title or meta.title or None
        article.publisher = article.publisher or meta.sitename or None
        article.url = article.url or meta.url or None
        if article.published is None and article.date_text is None and meta.date \
                and not _year_guess(meta.date, html_text):
            article.date_text, article.date_line = meta.date, 1
            _set_date(article, _meta_dates(meta.date))
    text = trafilatura.extract(_without_chrome(html_text), output_format="markdown",
                               include_comments=False, include_tables=False,
                               favor_recall=True, with_metadata=False, deduplicate=False)
    # Markdown escapes ("1\. The export ...") are not the page's text
    return re.sub(r"\\([.\-*#_()\[\]+!])", r"\1", text) if text is not None else None


def _year_guess(found: str, html_text: str) -> bool:
    """Whether a date trafilatura gives the page is its guess from a year alone: 1 January
    that the page never writes (``htmldate`` fills in the month and day it does not find;
    461's "Posted July. 25, 2023" was dated 2023-01-01). Such a date is no page's date."""
    match = re.match(r"(\d{4})-01-01\b", found.strip())
    if not match:
        return False
    year = match.group(1)
    return not re.search(rf"{year}-01-01|(?:\b1(?:st)?\s+jan\w*\.?,?\s+|\bjan\w*\.?\s+1(?:st)?"
                         rf"\b,?\s*){year}|\b0?1[./]0?1[./]{year}\b", html_text, re.I)


_CHROME_TAGS = ("nav", "button", "footer", "aside", "form", "header", "menu", "script",
                "style", "noscript", "iframe")
_CHROME_CLASS = re.compile(r"nav|menu|footer|share|related|promo|toolbar|widget|cookie|"
                           r"newsletter|ticker|subscri|tags|rating|vote|cta|masthead|"
                           r"breadcrumb|banner|advert|sponsor|social|comment|byline|more\b",
                           re.I)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _without_chrome(html_text: str) -> str:
    """The page without its navigation, buttons, footers and widgets (trafilatura keeps
    them on very short pages, where it falls back to the whole body)."""
    from lxml import etree
    from lxml import html as lxml_html

    # characters XML cannot hold (a form feed, an escape): lxml refuses to join them to
    # the text when an element before them is dropped; a browser shows none of them
    html_text = _NOT_XML.sub(" ", html_text)
    try:
        root = lxml_html.document_fromstring(html_text)
    except (etree.ParserError, ValueError):
        return html_text
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if element.tag in _CHROME_TAGS or (marks.strip() and _CHROME_CLASS.search(marks)):
            element.drop_tree()
    return lxml_html.tostring(root, encoding="unicode")


def _line_of(html_text: str, paragraph: str) -> int:
    """The line of the HTML source where a paragraph of its main text starts (1 if unsure)."""
    probe = re.sub(r"^\W+", "", paragraph)[:24]
    index = html_text.find(probe) if probe else -1
    return html_text.count("\n", 0, index) + 1 if index >= 0 else 1


#: "BEIJING, Oct 20 (Reuters) -", "New Delhi [India], November 26 (NewsWire Asia):", "New
#: Delhi, Oct 31 (Agency) Some Indian ...": a place, a date, the agency (after which a dash or a
#: colon may be left out) and the story.
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'/-]{1,40}?(?:\s*\[[A-Z][A-Za-z .'-]{1,30}\])?"
                       r"(?:,\s+[A-Z][A-Za-z.' -]{1,30}?)?),"
                       r"\s+(?P<date>(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,\s+"
                       r"(?P<year>\d{4}))?)\s*(?:(?:\((?P<agency>[A-Za-z .&]+)\)|"
                       r"/(?P<wire>[A-Za-z ]+)/)\s*(?:(?:[-\u2013\u2014]+|:)\s*|"
                       r"(?=[A-Z\"\u201c]))|[-\u2013\u2014]+\s*)")


#: "VANCOUVER, BC / ACCESS Newswire / October 24, 2025 / Aclara ...": a place, the newswire
#: and the date, each cut off by a slash (the wire's name says it is one: "wire", "news", "press").
_WIRE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'-]{1,40}?(?:,\s+[A-Z][A-Za-z.' -]{1,30}?)?)"
                            r"\s+/\s+(?P<wire>(?=[A-Za-z .&]{0,30}?(?i:wire|news|press))"
                            r"[A-Z][A-Za-z .&]{1,40}?)\s+/\s+"
                            r"(?P<date>(?P<month>[A-Z][a-z]{2,8})\.?\s+"
                            r"(?P<day>\d{1,2})(?:,\s+(?P<year>\d{4}))?)(?P<agency>)?\s+/\s+")


#: "Asian Tech Press (Oct 24) --": a credit line in place of a dateline.
_CREDIT_DATELINE = re.compile(r"^(?P<agency>[A-Z][A-Za-z .&]{1,40}?)\s+\((?P<date>(?P<month>"
                              r"[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}))(?P<year>)?(?P<wire>)?\)"
                              r"\s*[-\u2013\u2014]+\s*")


#: "BEIJING (Agencies) -": a place in capitals and the agency, with no date.
_PLACE_CREDIT = re.compile(r"^(?P<place>[A-Z]{2,}(?:[ -][A-Z]{2,}){0,2})\s+\((?P<agency>[A-Za-z .&]+)"
                           r"\)\s*[-\u2013\u2014]+\s*")


def dateline(article: Article, option: date | None) -> None:
    """Read the wire dateline (``BEIJING, April 4 (Reuters) -``, ``VANCOUVER, BC / ACCESS
    Newswire / October 24, 2025 /``, or a credit line such as
    ``Asian Tech Press (Oct 24) --``) off the first paragraph of prose: the first paragraph,
    or the first after a headline left in the text (a release's masthead taken for its title)."""
    index = _dateline_paragraph(article.paragraphs)
    if index is None:
        return
    line, first = article.paragraphs[index]
    credit = _PLACE_CREDIT.match(first)
    if credit:   # the agency is the publisher; the page's date is elsewhere
        article.paragraphs[index] = (line, first[credit.end():])
        article.publisher = article.publisher or credit.group("agency").strip()
        return
    match = (_DATELINE.match(first) or _WIRE_DATELINE.match(first)
             or _CREDIT_DATELINE.match(first))
    if not match:
        return
    article.paragraphs[index] = (line, first[match.end():])
    if match.group("agency") or match.group("wire"):
        agency = (match.group("agency") or match.group("wire")).strip()
        article.publisher = article.publisher or agency
    month = MONTHS.get(match.group("month").lower())
    if article.published is not None or month is None:
        return
    day = int(match.group("day"))
    header_date = article.date_text   # a header's date that is no date (2025-02-30)
    year = match.group("year") or _year_on_page(article, month, day)
    try:
        if year:
            article.published = date(int(year), month, day)
        elif option is not None:
            article.published = closest_year(month, day, option)
    except ValueError:  # "February 30, 2025": no date, which the reader then says
        article.published = None
    if article.published is not None or article.date_text is None:
        # a header's date that is no date (2025-02-30) stays the one an error names
        article.date_text, article.date_line = match.group("date"), line
    if article.published is None and not year and option is None and header_date is None:
        article.date_problem = (f"the dateline's {match.group('date')!r} gives no year and "
                                "the page names none")


def _dateline_paragraph(paragraphs: list[tuple[int, str]]) -> int | None:
    """The index of the paragraph a dateline may open: the first, or the first of prose when
    the paragraphs before it are headlines or labels (none of prose, within the head's
    HEAD_PARAGRAPHS); None when there is no paragraph."""
    for index, (_, text) in enumerate(paragraphs[:HEAD_PARAGRAPHS]):
        if index == 0 and (_DATELINE.match(text) or _PLACE_CREDIT.match(text)
                           or _CREDIT_DATELINE.match(text)):
            return 0
        if _prose(text) or _WIRE_DATELINE.match(text):
            return index
    return 0 if paragraphs else None


def _year_on_page(article: Article, month: int, day: int) -> str | None:
    """The year of a dateline without one, from elsewhere on the page: a full date of the
    same month and day in the text, the page's copyright line or its address
    (``/2025/10/31/``); None when none of them gives one year."""
    years = set()
    for _, text in article.paragraphs:
        years |= {str(when.year) for when, s, e in find_dates(text, None)
                  if (when.month, when.day) == (month, day)
                  and re.search(r"\b\d{4}\b", text[s:e])}
    for _, text, reason in article.skipped:
        if reason == "credits":
            years |= set(re.findall(r"(?:\u00a9|\(c\)|copyright)\s*((?:19|20)\d{2})\b", text,
                                    re.I))
    if article.url:
        years |= set(re.findall(rf"/((?:19|20)\d{{2}})[/-]0?{month}[/-]0?{day}(?:/|\b)",
                                article.url))
    return years.pop() if len(years) == 1 else None


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
