"""Dates in news text: absolute ("April 4, 2025", "4 Dec 2024", "Nov. 10") and relative
("on Monday", "yesterday", "last month"), resolved against the article's date.

A date without a year takes the year that puts it closest to the article's date. A
weekday is the most recent one on or before the article's date, or the next one when
the text looks ahead ("next Monday", "will take effect on Monday"). Month-only phrases
("last month", "in April") give the first day of that month, and "last week", "next week"
the first day (Monday) of that week: the news reader dates by them no day (a decision so
dated gets no ``announced_on``, as one dated by its month).

>>> article = date(2025, 6, 12)            # a Thursday
>>> [d.isoformat() for d, _, _ in find_dates("On Monday, Beijing said ...", article)]
['2025-06-09']
>>> [d.isoformat() for d, _, _ in find_dates("effective from Dec. 1", article)]
['2025-12-01']
>>> [d.isoformat() for d, _, _ in find_dates("until November 10, 2026", article)]
['2026-11-10']
>>> [d.isoformat() for d, _, _ in find_dates("earlier this month and last month", article)]
['2025-06-01', '2025-05-01']
>>> [d.isoformat() for d, _, _ in find_dates("Earlier this month, on June 11, it said", article)]
['2025-06-11']
>>> [d.isoformat() for d, _, _ in find_dates("approved in late April", article)]   # a month
['2025-04-01']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mineralgraph.loaders.news_words import MONTH_NAMES, MONTHS, NUMBER_WORDS, WEEKDAYS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
#: "Sept. 15 last year", "in December this year": the year said relative to the article's
_REL_YEAR = r"\s+(?P<rel>last|this|next)\s+year"
#: "from Dec. 1 of that year", "by March 1 the same year": the year of the date said before
_THAT_YEAR = r"\s+(?:of\s+)?(?P<that>that|the same)\s+year"
PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR}|{_REL_YEAR}|{_THAT_YEAR})?\b",
                       re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}|{_REL_YEAR})?\b", re.I)),
    ("dmy", re.compile(rf"\b(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)\s+of\s+{_MONTH}"
                       rf"(?:,?\s+{_YEAR}|{_REL_YEAR})?\b", re.I)),
    ("weekday", re.compile(r"\b(?P<next>next\s+|last\s+|this\s+)?(?P<weekday>"
                           + "|".join(WEEKDAYS) + r")(?:'s)?(?P<lastweek>,?\s+(?:of\s+)?last\s+"
                           r"week)?\b", re.I)),
    ("ago", re.compile(r"\b(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"\d{1,2})\s+(?P<unit>days?|weeks?)\s+ago\b", re.I)),
    ("word", re.compile(r"\b(?P<word>today|yesterday|tomorrow|earlier this month|this month|"
                        r"last month|next month|last week|next week|last year)\b", re.I)),
    ("month", re.compile(rf"\b(?:in|since|from|during|by)\s+(?:(?:early|mid|late)[- ]?\s*)?"
                         rf"{_MONTH}(?:\s+{_YEAR})?\b(?!\.?\s*\d)", re.I)),
    # "The December data showed ...", "the March volume": the month the figures are of
    ("month", re.compile(rf"\b(?:the|its|their)\s+{_MONTH}(?:\s+{_YEAR})?\s+(?=(?:customs\s+|"
                         rf"trade\s+)?(?:data|figures?|numbers|volumes?|totals?|shipments)\b)",
                         re.I)),
    # "March magnet exports from China: 5,238 tonnes": a month that opens a line of figures
    ("month", re.compile(rf"^\W*{_MONTH}(?:\s+{_YEAR})?\s+(?=(?:[\w-]+\s+){{0,3}}?(?:exports|"
                         rf"imports|shipments)\b)", re.I)),
    # "March 2025: China exported ...": a factbox label, the month of what follows it
    ("month", re.compile(rf"^{_MONTH}\s+{_YEAR}(?=\s*[*_]*\s*:)", re.I)),
    # "last December", "since last February": the latest such month before the article's
    ("lastmonth", re.compile(rf"\blast\s+(?P<month>{MONTH_NAMES})\b(?!\.?\s*\d)", re.I)),
]

#: Verbs in the past just before a weekday ("signed on Tuesday"): the weekday is past.
_PAST = re.compile(r"\b(said|signed|announced|agreed|told|reported|confirmed|published|"
                   r"issued|approved|added|imposed|unveiled|released|since|"
                   r"(?!(?:scheduled|expected|planned|slated|designed)\b)\w+ed)\s+"
                   r"([\w']+\s+){0,5}?(on\s+)?$", re.I)

#: A past-tense verb right after the weekday ("the ministry on Tuesday issued ..").
_PAST_AFTER = re.compile(r"\s*,?\s*(said|signed|announced|agreed|told|reported|confirmed|"
                         r"published|issued|approved|added|imposed|unveiled|released|"
                         r"(?!(?:scheduled|expected|planned|slated|designed)\b)\w+ed)\b",
                         re.I)

#: A verb in the past right before "on" a date: "which it announced on April 4".
_PAST_ON = re.compile(r"\b(said|announced|imposed|issued|approved|signed|unveiled|introduced|"
                      r"released|published|banned|restricted|added|decided|agreed|confirmed|"
                      r"granted|denied|suspended|lifted)\s+([\w',]+\s+){0,4}?on\s+$", re.I)

#: A subject and its past verb after a leading date: ", China announced", ", Beijing imposed".
_PAST_SUBJECT = re.compile(r"\s*,?\s*([\w'.\u2019-]+\s+){1,4}?(said|announced|imposed|issued|"
                           r"approved|signed|unveiled|introduced|released|published|banned|"
                           r"restricted|added|decided|agreed|confirmed|granted|denied|suspended|"
                           r"lifted)\b", re.I)

#: Words right before a weekday that set a start or a deadline ("from Friday", "as of Monday").
_FROM_DAY = re.compile(r"\b(from|starting|beginning|as of|effective|until|till|by)\s+(on\s+)?$",
                       re.I)
#: A count in words or figures ("two days ago").
_COUNT = NUMBER_WORDS

#: Words that make a bare weekday point forward in time.
_FUTURE = re.compile(r"\b(will|would|shall|to take effect|takes effect|starting|from next)\b",
                     re.I)


def closest_year(month: int, day: int, article: date) -> date | None:
    """The date with this month and day nearest to ``article`` (year before, same, after)."""
    candidates = []
    for year in (article.year - 1, article.year, article.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - article).days)) if candidates else None


def _month_start(article: date, offset: int) -> date:
    index = article.year * 12 + article.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def _resolve(kind: str, m: re.Match, article: date | None, sentence: str) -> date | None:
    groups = m.groupdict()
    if kind == "iso":
        try:
            return date(int(groups["year"]), int(groups["m"]), int(groups["day"]))
        except ValueError:
            return None
    if kind in ("mdy", "dmy"):
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
        if groups.get("that"):
            # the year of the last full date before it in the sentence, else none
            years = [int(y.group(1)) for y in re.finditer(r"\b((?:19|20)\d{2})\b",
                                                           sentence[:m.start()])]
            if not years:
                return None
            try:
                return date(years[-1], month, day)
            except ValueError:
                return None
        if groups.get("rel") and article is not None:
            year = article.year + {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
            try:
                return date(year, month, day)
            except ValueError:
                return None
        if groups.get("year"):
            try:
                return date(int(groups["year"]), month, day)
            except ValueError:
                return None
        if article is None:
            return None
        closest = closest_year(month, day, article)
        past_on = _PAST_ON.search(sentence[:m.start()])
        # "On April 4, China announced ..." (in October): a leading date of a past verb
        lead_past = re.match(r"\W*on\s+$", sentence[:m.start()], re.I) and _PAST_SUBJECT.match(
            sentence[m.end():])
        if closest and closest > article and lead_past:
            past_on = lead_past
        if closest and closest > article and past_on and not re.search(
                r"\b(will|would|shall|take|takes|taking|effect|start|starts|begin|begins|come|"
                r"comes|from|until|expire|expires|due|scheduled)\b", past_on.group(0), re.I):
            # "which it announced on April 4" (in November): the past April, not the next
            for year in (article.year, article.year - 1):
                try:
                    if date(year, month, day) <= article:
                        return date(year, month, day)
                except ValueError:
                    continue
        return closest
    if article is None:
        return None
    if kind == "month":
        month = MONTHS[groups["month"].lower()]
        if groups.get("year"):
            return date(int(groups["year"]), month, 1)
        year = article.year if month <= article.month else article.year - 1
        return date(year, month, 1)
    if kind == "lastmonth":
        month = MONTHS[groups["month"].lower()]
        return date(article.year - (month >= article.month), month, 1)
    if kind == "ago":
        count = _COUNT.get(groups["count"].lower()) or int(groups["count"])
        return article - timedelta(days=count * (7 if groups["unit"].lower().startswith("week")
                                                 else 1))
    if kind == "weekday":
        target = WEEKDAYS.index(groups["weekday"].lower())
        qualifier = (groups.get("next") or "").strip().lower()
        back = (article.weekday() - target) % 7
        ahead = (target - article.weekday()) % 7
        if groups.get("lastweek") and not qualifier:
            # "on Monday last week": that weekday of the week before the article's
            return article - timedelta(days=article.weekday() + 7 - target)
        if not qualifier and _FROM_DAY.search(sentence[:m.start()]):
            # "it would ban exports from Friday", "licences required as of Monday": the
            # first such day on or after the article's, whatever verb stands further back
            return article + timedelta(days=ahead)
        past = _PAST.search(sentence[max(0, m.start() - 60):m.start()]) or _PAST_AFTER.match(
            sentence[m.end():m.end() + 30])
        if qualifier == "next" or (qualifier != "last" and back and not past
                                   and _FUTURE.search(sentence)):
            return article + timedelta(days=ahead or 7)
        if qualifier == "last":
            return article - timedelta(days=back or 7)
        return article - timedelta(days=back)
    word = groups["word"].lower()
    return {"today": article, "yesterday": article - timedelta(days=1),
            "tomorrow": article + timedelta(days=1),
            "earlier this month": _month_start(article, 0),
            "this month": _month_start(article, 0), "last month": _month_start(article, -1),
            "next month": _month_start(article, 1),
            # a week, no day: its first day (Monday), as a month gives its first day
            "last week": article - timedelta(days=article.weekday() + 7),
            "next week": article + timedelta(days=7 - article.weekday()),
            "last year": date(article.year - 1, 1, 1)}[word]


def find_dates(sentence: str, article: date | None) -> list[tuple[date, int, int]]:
    """(date, start, end) of every date phrase in ``sentence``, in order of position.

    Overlapping matches keep the longest; phrases that need the article's date are left
    out when it is None.
    """
    found: list[tuple[int, int, date]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            if kind == "dmy" and m.group("month").lower() == "may" and not m.group("year"):
                continue  # "2 may" is rarely a date in prose
            if kind == "mdy" and m.group("month").lower() == "may" and m.start() > 0 \
                    and sentence[m.start() - 1:m.start()].isalpha():
                continue
            when = _resolve(kind, m, article, sentence)
            if when is None:
                continue
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _ in found):
                overlapping = [f for f in found if f[0] < m.end() and m.start() < f[1]]
                if all(m.end() - m.start() > e - s for s, e, _ in overlapping):
                    found = [f for f in found if f not in overlapping]
                else:
                    continue
            found.append((m.start(), m.end(), when))
    found.sort()
    # "Earlier this month, on June 11, ...": the day the period names is the date
    found = [f for i, f in enumerate(found)
             if not (i + 1 < len(found) and _PERIOD.fullmatch(sentence[f[0]:f[1]])
                     and re.fullmatch(r"\s*,?\s*(?:on\s+)?", sentence[f[1]:found[i + 1][0]])
                     and (found[i + 1][2].year, found[i + 1][2].month)
                     == (f[2].year, f[2].month))]
    return [(when, s, e) for s, e, when in found]


#: word dates naming a month, which a day given next to them makes precise
_PERIOD = re.compile(r"(?:earlier |later )?this month|last month|next month", re.I)


# ------------------------------------------------------------------ full dates, any order
@dataclass(frozen=True)
class FullDate:
    """A date given with its day, month and year, where it stands in a text, and how it
    reads: one date, or two (day first, month first) when it is written in figures that read
    either way ("03.04.2025")."""

    start: int
    end: int
    readings: tuple[date, ...]

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


#: "25. Apr 2025": a day with a full stop (German usage), which dateparser does not read
_DAY_STOP = re.compile(r"\b(\d{1,2})\.(?=\s+(?:"
                       + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b)", re.I)
#: words that may end a date phrase besides figures and month names: a weekday, a half of
#: the day, a time zone ("GMT", "(UTC)", "GMT+08:00", "HKT")
_DATE_EDGE_WORD = re.compile(r"(?i:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|"
                             r"nesday|rsday|urday|sday)?|[ap]\.?m\.?)|(?:GMT|UTC)(?:[+-].*)?|"
                             r"[A-Z]{2,5}")


def _parsed(text: str, order: str) -> list[tuple[int, int, date]]:
    """(start, end, date) of each full date dateparser finds in ``text``, reading dates in
    figures in ``order`` ("DMY" or "MDY")."""
    from dateparser.search import search_dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": order,
                "PARSERS": ["absolute-time"], "STRICT_PARSING": True,
                # a fixed base: nothing in the result may depend on the day it is run
                "RELATIVE_BASE": datetime(2000, 1, 1)}
    found = search_dates(text, languages=["en"], settings=settings) or []
    spans, position = [], 0
    for phrase, when in found:
        # dateparser gives the phrase with its spaces folded: find it in the text
        match = re.compile(r"\s+".join(map(re.escape, phrase.split()))).search(text, position)
        if match is None:
            continue
        position = match.end()
        start, end = _trimmed(text, match.start(), match.end())
        if start < end:
            spans.append((start, end, when.date()))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the words dateparser takes in at its ends ("on", "by the")."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]

    def dated(word: tuple[int, int]) -> bool:
        token = text[word[0]:word[1]].strip(",.;()[]")
        return bool(re.search(r"\d", token) or token.lower() in MONTHS
                    or _DATE_EDGE_WORD.fullmatch(token))

    while words and not dated(words[0]):
        words.pop(0)
    while words and not dated(words[-1]):
        words.pop()
    return (words[0][0], words[-1][1]) if words else (start, start)


def full_dates(text: str) -> list[FullDate]:
    """Every date with a day, a month and a year in ``text``, in any common order and with
    any common separator ("2025-11-08 09:12", "Wed May 21, 2025 12:49 GMT", "18.10.2023",
    "25. Apr 2025"), a time and zone beside it taken into its span; read by dateparser, and
    by :func:`find_dates` where dateparser finds none ("Jan. 21, 2025"). A date in figures
    that reads two ways gives both readings, day first and month first.

    >>> [(text[d.start:d.end], d.readings) for text in ["Posted on 18.10.2023 by the desk"]
    ...  for d in full_dates(text)]
    [('18.10.2023', (datetime.date(2023, 10, 18),))]
    >>> [d.isoformat() for d in full_dates("Posted on 12.11.2025")[0].readings]
    ['2025-11-12', '2025-12-11']
    >>> [d.readings for d in full_dates("Date: 25. Apr 2025 | week 17")]
    [(datetime.date(2025, 4, 25),)]
    >>> full_dates("Exports fell in May 2025, the 12th month")
    []
    >>> full_dates("Issue 13 | 3 | 2025")     # numbers, not a date as dates are written
    []
    """
    text = _DAY_STOP.sub(r"\1 ", text)   # same length: the spans stay the text's
    day_first, month_first = _parsed(text, "DMY"), _parsed(text, "MDY")
    found = []
    for start, end, when in day_first:
        if not _common_form(text[start:end]):
            continue
        other = [w for s, e, w in month_first if s < end and start < e and w != when]
        found.append(FullDate(start, end, (when, other[0]) if other else (when,)))
    taken = [(d.start, d.end) for d in found]
    for when, start, end in find_dates(text, None):
        if re.search(r"\b(?:19|20)\d{2}\b", text[start:end]) and not any(
                s < end and start < e for s, e in taken):
            found.append(FullDate(start, end, (when,)))
    return sorted(found, key=lambda d: d.start)


#: A date in figures as dates are written: one separator, a full stop, a slash or a hyphen,
#: between its three numbers ("18.10.2023", "2025-11-08", "10/14/2025"), a time after it
_FIGURES = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}(?!\d)")


def _common_form(phrase: str) -> bool:
    """Whether a phrase dateparser read as a date is written as dates are: with a month's
    name, or in figures with one separator ("12 | 3 | 2025", "Room 12/3, 2025" are not)."""
    words = {word.strip(".,").lower() for word in re.findall(r"[A-Za-z]+\.?", phrase)}
    return bool(words & set(MONTHS)) or _FIGURES.search(phrase) is not None


#: Dates in figures with a day, a month and a year: "12.11.2025", "3/4/2025"
_FIGURE_DATE = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(?:19|20)\d{2}\b")
#: Spellings of one English or the other: a page that writes "licence" or "programme" is
#: written where dates in figures put the day first; "defense" or "center", the month
_BRITISH = re.compile(r"\b(?:licences?|defence|programmes?|centres?|favour\w*|colour\w*|"
                      r"behaviour\w*|neighbour\w*|catalogues?|analyse[sd]?|organis\w+)\b")
_AMERICAN = re.compile(r"\b(?:defense|centers?|favor(?:s|ed|able|ite)?|colors?|behaviors?|"
                       r"neighbors?\w*|catalogs?|analyze[sd]?)\b")


def figure_date_order(text: str) -> str | None:
    """How a page writes dates in figures: "DMY" (day first) or "MDY" (month first), told by
    its other dates in figures (one with a day over 12: "22/12/2025" puts the day first),
    else by the spelling of its words ("licence", "centre": day first; "defense",
    "center": month first; only words in lower case, never a name such as "Department of
    Defense"); None when the page says neither or both.

    >>> figure_date_order("Posted 12.11.2025. Shipments resumed on 22.12.2025.")
    'DMY'
    >>> figure_date_order("No company may export without a licence.")
    'DMY'
    >>> figure_date_order("The center said a licence was needed.") is None
    True
    """
    orders = set()
    for match in _FIGURE_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second:
            orders.add("DMY")
        elif second > 12 >= first:
            orders.add("MDY")
    if not orders:
        if _BRITISH.search(text):
            orders.add("DMY")
        if _AMERICAN.search(text):
            orders.add("MDY")
    return orders.pop() if len(orders) == 1 else None
