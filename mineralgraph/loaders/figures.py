"""Figures an article states: shares, year-on-year trade changes and exported quantities.

They are claims *of the article* (``reported_share``, ``reported_trade_change``,
``reported_quantity`` on the country or company), shown beside the graph's statistical
figures and never used by the analysis (design note 5.5: press figures take no part in
the choice of a share set). Only plain statements of fact are read: a sentence that
forecasts ("will control", "is projected") gives none.

>>> [(f.kind, f.value, f.about) for f in find_figures(
...     "China controls nearly 90% of the world's rare-earth processing.")]
[('share', 0.9, "nearly 90% of the world's rare-earth processing")]
>>> [(f.kind, f.value) for f in find_figures("Exports fell 74% year on year in May.")]
[('trade_change', -0.74)]
>>> [(f.kind, f.value, f.unit) for f in find_figures("China exported 1,238 tonnes of magnets.")]
[('quantity', 1238.0, 't')]
>>> find_figures("Exports rose 157.5% from May.")   # month on month: not a y/y figure
[]
>>> [(f.value, f.about) for f in find_figures(
...     "China controls nearly 70% of rare-earth mining and nearly 90% of the world's refining.")]
[(0.7, 'nearly 70% of rare-earth mining'), (0.9, "nearly 90% of the world's refining")]
>>> [(f.flow, f.value) for f in find_figures("Magnet imports into Japan fell 30% y/y.")]
[('import', -0.3)]
>>> find_figures("Japan imports 60% of its rare earths from China, down from 90% in 2010.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mineralgraph.loaders.dates import MONTH_NAMES
from mineralgraph.loaders.news_words import MONTH_WORDS

NUMBER = r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)"
APPROX = r"(?:(?:about|nearly|almost|roughly|around|some|over|more than|up to|an estimated|" \
         r"approximately|close to|at least|just over|just under|less than)\s+)?"
SHARE = re.compile(
    r"\b(?:controls?|controlled|controlling|accounts? for|accounted for|accounting for|produces?|"
    r"produced|producing|refines?|refined|refining|supplies|supplied|supplying|makes?|made|"
    r"making|holds?|held|holding|dominates?|mines?|mined|mining|processes|processed|processing|"
    r"represents?|provides?|provided|providing)\s+(?P<about>" + APPROX + NUMBER +
    r"\s+of\s+(?:the\s+)?(?:world's|world|global|worldwide)\b[^.;]*)", re.I)
#: "70% of rare-earth mining": a share of a stage or of supply, without "world".
SHARE_OF_STAGE = re.compile(
    r"\b(?:controls?|controlled|accounts? for|accounted for|produces?|produced|refines?|"
    r"refined|refining|supplies|supplied|supplying|makes?|made|holds?|held|dominates?|mines?|"
    r"mined|processes|processed|represents?|provides?|provided|controlling|accounting for|"
    r"producing)\s+(?P<about>" + APPROX + NUMBER +
    r"\s+of\s+(?:[\w'-]+\s+){0,3}?(?:mining|processing|refining|separation|production|output|"
    r"supply|supplies|capacity|reserves|exports)\b(?:\s+(?:capacity|of [\w -]+))?)", re.I)
#: "... and nearly 90% of the world's refining": a second share of the same subject.
AND_SHARE = re.compile(r"^[\w' -]{0,40}?,?\s+(?:and|while|but)\s+(?P<about>" + APPROX + NUMBER +
                       r"\s+of\s+[^.;,]*)", re.I)
TRADE = re.compile(
    r"\b(?P<flow>exports?|imports?|shipments?|sales|exported|imported)\b(?:[^.;%]|\.(?!\s)|(?<=[A-Z])\.)"
    r"{0,80}?\b(?:(?:had|has|have)\s+)?"
    r"(?P<verb>fell|fallen|dropped|plunged|plummeted|slumped|declined|sank|tumbled|slid|"
    r"decreased|rose|risen|grown|surged|jumped|climbed|increased|grew|soared|"
    r"(?:were|was)\s+(?:still\s+)?down|down|(?:were|was)\s+(?:still\s+)?up|up)\s+"
    r"(?:by\s+)?" + APPROX + NUMBER + r"|\b(?P<flow2>exports?|imports?|shipments?|sales)\b"
    r"(?:[^.;%]|\.(?!\s)){0,60}?\b(?:were|was)\s+(?:still\s+)?" + APPROX +
    NUMBER.replace("num", "num2") + r"\s+(?P<verb2>lower|higher|down|up)\b", re.I)
YEAR_ON_YEAR = re.compile(r"\b(year[- ](on|over)[- ]year|y/y|yoy|"
                          r"from (a|the) year (earlier|ago|before)|"
                          r"(from|than|compared with|compared to) the previous year|"
                          r"(than|on|over|compared with|compared to|versus) (a|the same \w+ "
                          r"(a|last)) year (earlier|ago|before)|(below|above) the (level|levels|"
                          r"volume) of a year (earlier|ago|before)|from the same (month|period|"
                          r"quarter) (a|last) year|on the year|in the same (month|period) "
                          r"(of|in) 20\d\d)\b", re.I)
QUANTITY = re.compile(r"\b(?P<flow>exported|imported|shipped(?:\s+out)?|exports? of|imports? of|"
                      r"(?:exports?|imports?|shipments?)\b[^.;]{0,80}?\b(?:reaching|reached|"
                      r"totall?ing|totall?ed|hit|hitting)|"
                      r"(?:exports?|imports?|shipments?|sales)\b(?:[^.;%]|(?<=[A-Z])\.){0,60}?\b(?:fell|"
                      r"dropped|slid|rose|climbed|declined|plunged|slumped|increased|jumped|grew|"
                      r"surged|recovered|rebounded|sank|tumbled|soared|plummeted|slipped|dipped|"
                      # "fell for a fifth month in March, dropping 9.5% from February to 406 tons"
                      r"dropping|falling|sliding|rising|climbing|slipping|"
                      # "exports of rare earths added 12.9% to 62,580 tons"
                      r"added(?=\s+\d))"
                      r"(?:[^.;]|\.(?=\d)){0,45}?\bto|"
                      r"(?:exports?|imports?|shipments?)\b(?:[^.;%]|(?<=[A-Z])\.){0,60}?\b(?:were|was|"
                      r"stood at|amounted to|came to|came in at)|"
                      # "March magnet exports from China: 5,238 tonnes": a label's figure
                      r"(?:exports?|imports?|shipments?)\b[^.;:%\d]{0,40}:|"
                      r"(?:\b(?:down|up)|\d+(?:\.\d+)?%)\s+from(?:\s+an?\s+[\w-]+\s+(?:high|low)\s+of)?)\s+"
                      r"(?:a\s+total\s+of\s+)?"   # "shipped a total of 62,585 tonnes"
                      r"(?:about\s+|nearly\s+|roughly\s+|just\s+|only\s+|almost\s+)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
                      r"\d+(?:\.\d+)?)\s+(?P<million>million\s+)?(?:metric\s+)?(?P<unit>tonnes|tons|mt|t|"
                      r"kilograms|kg)\b",
                      re.I)
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"(?:metric\s+)?(?P<unit>tonnes|tons|kilograms|kg)\b"
#: "9,007 kilograms of the metal left the country", "721 kilograms of germanium were
#: exported": a quantity before its verb of export (or import).
QUANTITY_AFTER = re.compile(r"(?<![\d,.])" + _NUM + r"\s+" + _UNIT + r"(?:\s+of\s+[\w ,-]{1,40}?)?"
                            r"\s+(?P<verb>were exported|was exported|were shipped|was shipped|left "
                            r"the country|were imported|was imported|shipped|exported|"
                            # "5,933 tons went to the U.S.": an export to a partner
                            r"went to|were sent to|was sent to|"
                            # "8,584 tonnes came from Chile": an import from a partner
                            r"came from|arrived from)\b", re.I)
#: "sold 366 tonnes of lithium carbonate abroad": a sale abroad is an export (a sale alone
#: may be at home)
SOLD_ABROAD = re.compile(r"\bsold\s+(?:about\s+|nearly\s+|roughly\s+|just\s+|only\s+|almost\s+)?" +
                         _NUM + r"\s+" + _UNIT + r"(?=[^.;,]{0,60}?\b(?:abroad|overseas)\b)", re.I)
#: "Germany, which received 5,000 kilograms", "South Korea, the second largest, took 854
#: tons": the quantity a named buyer took (its exporter is the one of the figure before).
QUANTITY_TAKEN = re.compile(r"(?P<partner>\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)(?:,\s+which|,\s+the\s+"
                            r"[\w\s-]{1,30}?,)?\s+(?:received|took|bought|imported)\s+"
                            r"(?:about\s+|nearly\s+|roughly\s+|just\s+|only\s+|almost\s+)?" +
                            _NUM + r"\s+" + _UNIT)
#: "exported 5,488 kilograms of germanium and 5,611 kilograms of gallium": the second one.
QUANTITY_AND = re.compile(r"\band\s+(?:to\s+(?=[\d,.]+\s+(?:metric\s+)?(?:tonnes|tons|"
                          r"kilograms|kg)\s+in\s+(?:" + MONTH_NAMES + r")\b))?" + _NUM + r"\s+" +
                          _UNIT + r"(?:\s+of\b|(?=\s+in\s+(?:" + MONTH_NAMES + r")\b))", re.I)
#: The words that set a quantity beside the one reported: "from 1,017 tonnes", "than the
#: 4,702 kilograms", "compared with 808 tons", "close to the 4,184 kilograms shipped in June
#: 2024", "when 3,199 tons were shipped".
COMPARING = (r"from|than|against|compared (?:with|to)|versus|vs\.?|below|above|close to|when|"
             r"ahead of")
#: What stands right before a quantity compared with, not the one reported (searched on the
#: text before the quantity; the news reader skips such a quantity with no month of its own,
#: the precision gate withholds it).
_COMPARED = (r"\b(?:" + COMPARING + r")\s+(?:the\s+)?(?:(?:about|around|some|just|only|roughly|"
             r"nearly|almost|a|an|more than|less than)\s+)*")
COMPARED = re.compile(_COMPARED + "$", re.I)
#: a quantity's number and unit ("14,483 tonnes", "1.2 million tons")
_AMOUNT = (r"(?<![\d,.])\d[\d,.]*\s*(?:million\s+)?(?:metric\s+)?(?:tonnes|tons|mt|t|kilograms|"
           r"kg)\b")
AMOUNT = re.compile(_AMOUNT, re.I)
#: A quantity compared with right before a date: "to 948 tonnes, from 12,186 tonnes in
#: November" (searched on the text before the date: November is the other quantity's month).
COMPARED_BEFORE_DATE = re.compile(_COMPARED + _AMOUNT + r"\s+(?:in\s+)?$", re.I)
#: "reached 1,721 metric tons last month, compared with 808 tons in November", "climbed to
#: 7.03 tons from 1.53 tons in November", "to 948 tonnes, from 12,186 tonnes in November":
#: the quantity compared with, of the same flow, read as a figure of its own right after a
#: first quantity.
QUANTITY_COMPARED = re.compile(r"\b(?:tons|tonnes|kilograms|kg)(?:\s+last month|\s+in [A-Z]\w+)?"
                               r",?\s+(?:" + COMPARING + r")\s+(?:about\s+)?" + _NUM + r"\s+" +
                               _UNIT)
#: "exports of germanium and gallium fell to zero": nothing shipped.
ZERO = re.compile(r"\b(?P<flow>exports?|imports?|shipments?)\b[^.;]{0,80}?\b(fell|falling|"
                  r"dropped|dropping|plunged|slumped|sank|collapsed)\s+to\s+zero\b", re.I)
#: "exports fell 24.1% in 2024": a change over a whole past year is a year-on-year one.
ANNUAL = re.compile(r"\b(in|for|during) (the year )?20\d\d\b(?! (first|second|third|fourth|"
                    r"quarter|half))", re.I)
#: "In 2025, exports ...": a whole year leading the sentence
ANNUAL_LEAD = re.compile(r"\W*(?:in|for|during|over) (?:the (?:whole |full )?(?:year )?(?:of )?)?"
                         r"20\d\d\s*,", re.I)
DOWN = re.compile(r"fell|fallen|dropped|plunged|plummeted|slumped|declined|sank|tumbled|"
                  r"slid|decreased|down|slipped|dipped", re.I)
#: A span of months named by its first and last ("January to October", "between January
#: and October", "January-October", "Jan-Oct", "from March through May"): a figure over it is a
#: total over several months, neither a month's nor a year's (no "from May to 3,000 tons").
_MONTH_OR_ABBREVIATION = r"(?:" + MONTH_WORDS + r")\.?"
MONTH_SPAN = re.compile(r"\bbetween\s+" + _MONTH_OR_ABBREVIATION + r"\s+and\s+" +
                        _MONTH_OR_ABBREVIATION + r"(?!\s+\d{1,2}\b)|\b" + _MONTH_OR_ABBREVIATION +
                        r"\s*(?:-|\u2013|\u2014|\bto\b|\bthrough\b|\bthru\b)\s*" +
                        _MONTH_OR_ABBREVIATION + r"(?!\s+\d{1,2}\b)")
#: Where the period a figure covers may change inside a sentence: a new clause (", and",
#: ", while", ", but", ", whereas", ";"), or a participle that carries a running total on
#: (", taking the total for January to October to 111,960 tonnes, 22.9 per cent lower than a
#: year earlier": the change after the total is the total's, not the month's before it).
PERIOD_BREAK = re.compile(r",\s+(?:and|while|but|whereas)\s|;\s|,\s+(?:taking|bringing|pushing|"
                          r"lifting|putting|leaving)\s", re.I)
#: Words that make the goods named after them a use of the goods a figure counts, not those
#: goods ("shipped 4,753 tons of 17 minerals used in the production of products ranging from
#: magnets in electric vehicles to consumer electronics": the minerals were shipped, not
#: magnets).
USE_OF_GOODS = re.compile(r"\b(?:used|needed|required|essential|vital)\s+(?:in|for|to\s+(?:make|"
                          r"produce|build|manufacture))\b|\bfor\s+use\s+in\b|\b(?:go|goes|went)\s+"
                          r"into\b|\bends?\s+up\s+in\b|\bin\s+the\s+(?:production|manufacture|"
                          r"making)\s+of\b|\branging\s+from\b|\bapplications?\s+(?:in|such\s+as|"
                          r"like)\b", re.I)


#: "produced 1,300 tonnes of NdPr oxide in 2025": a producer's output of a whole year, as
#: written (past tense only; "in the first half of 2025" and "in January 2025" name no year's
#: output, "expects to produce ... in 2027" is a plan).
YEAR_OUTPUT = re.compile(r"\bproduced\s+(?:(?:about|around|roughly|some|approximately|nearly|"
                         r"almost|a record(?: of)?)\s+)?" + _NUM + r"\s+" + _UNIT + r"\s+of\s+"
                         r"(?P<goods>[^,;]{1,60}?)\s+(?:in|during)\s+(?P<year>(?:19|20)\d\d)\b"
                         r"(?!\s*(?:[-\u2013/]|to\b|and\b))", re.I)


def year_output(text: str,
                published: date | None) -> tuple[int, float, str, tuple[int, int]] | None:
    """(year, amount, unit, span of the goods' words) of a yearly output as written ("it
    produced 1,300 tonnes of NdPr oxide in 2025 at Mountain Pass"), for a year before the
    page's own (a year still running has no year's output); None when the sentence gives
    none or gives two.

    >>> year_output("MP said it produced 1,300 tonnes of NdPr oxide in 2025.", date(2026, 3, 2))
    (2025, 1300.0, 't', (36, 46))
    >>> year_output("MP produced 610 tonnes of NdPr oxide in the first half of 2025.",
    ...             date(2026, 3, 2)) is None
    True
    """
    found = list(YEAR_OUTPUT.finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    year = int(match.group("year"))
    if published is None or year >= published.year:
        return None
    unit = "kg" if match.group("unit").lower() in ("kilograms", "kg") else "t"
    return year, float(match.group("num").replace(",", "")), unit, match.span("goods")


def period_clause(text: str, position: int) -> tuple[int, int]:
    """Start and end of the part of ``text`` around ``position`` that one period governs
    (:data:`PERIOD_BREAK` bounds it).

    >>> text = ("Imports fell 12.5% to 9,471 tonnes last month, taking the total for January "
    ...         "to October to 111,960 tonnes, 22.9% lower than a year earlier.")
    >>> text[slice(*period_clause(text, 8))]
    'Imports fell 12.5% to 9,471 tonnes last month, taking '
    >>> bool(MONTH_SPAN.search(text[slice(*period_clause(text, text.index("22.9")))]))
    True
    """
    bounds = [0] + [m.end() for m in PERIOD_BREAK.finditer(text)] + [len(text) + 1]
    return (max(b for b in bounds if b <= position),
            min(b for b in bounds if b > position))


def named_as_use(text: str, start: int, at: int) -> bool:
    """Whether goods named at ``at`` stand as a use of the goods a figure starting at
    ``start`` counts: a word of use (:data:`USE_OF_GOODS`) between the two.

    >>> text = "China shipped 4,753 tons of rare earths used in magnets last month."
    >>> named_as_use(text, 8, text.index("magnets")), named_as_use(text, 8, text.index("rare"))
    (True, False)
    """
    return at > start and bool(USE_OF_GOODS.search(text, start, at))


FORECAST = re.compile(r"(?-i:\bmay\b)|\b(will|would|could|might|projected|forecast\w*|expected|"
                      r"estimates? that|by 20\d\d|aims? to|target\w*|goal)\b", re.I)


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence: its kind, value (a fraction for shares and changes),
    unit, the words it measures and where it is in the sentence."""

    kind: str
    value: float
    start: int
    end: int
    about: str = ""
    unit: str | None = None
    flow: str | None = None
    #: where the partner a quantity went to is named ("Japan, which took 4,007 kilograms")
    partner_at: int | None = None
    #: the year a change is compared with ("up 12.9% on 2024"): a year-on-year change only
    #: of a figure of the year after it (the news reader checks)
    base_year: int | None = None


def compared(text: str, start: int, end: int) -> bool:
    """Whether the quantity stated in ``text[start:end]`` is one compared with, not reported
    ("a fall of 77.66% from 14,483 tonnes", "than the 4,702 kilograms"): :data:`COMPARED`
    stands right before its (last) number.

    >>> compared("exports fell to 2,295 tonnes from 940.61 tonnes", 29, 48)
    True
    >>> compared("exports fell to 2,295 tonnes from 940.61 tonnes", 0, 28)
    False
    """
    amounts = list(AMOUNT.finditer(text, start, end))
    at = amounts[-1].start() if amounts else start
    return bool(COMPARED.search(text[max(0, at - 40):at]))


def find_figures(text: str) -> list[Figure]:
    """Shares, year-on-year changes and exported quantities stated in a sentence."""
    out = []
    shares = list(SHARE.finditer(text))
    shares += [m for m in SHARE_OF_STAGE.finditer(text)
               if not any(s.start() <= m.start() < s.end() for s in shares)]
    for match in sorted(shares, key=lambda m: m.start()):
        about = re.sub(r"\s*,?\s*(according to|said|say|says)\b.*$", "",
                       match.group("about"))
        about = re.split(r",?\s+(?:and|while|but)\s+" + APPROX + r"\d", about)[0]
        end = match.start("about") + len(about)
        out.append(Figure("share", round(float(match.group("num")) / 100, 4),
                          match.start(), end, about=about.strip().rstrip(",")))
        second = AND_SHARE.match(text[end:])
        if second:
            about2 = re.sub(r"\s*,?\s*(according to|said|say|says)\b.*$", "",
                            second.group("about")).strip()
            out.append(Figure("share", round(float(second.group("num")) / 100, 4),
                              end + second.start("about"), end + second.end(), about=about2))
    out.extend(_trade_changes(text, [(f.start, f.end) for f in out]))
    for match in QUANTITY.finditer(text):
        flow = "import" if match.group("flow").lower().startswith("import") else "export"
        unit = "kg" if match.group("unit").lower().startswith("k") else "t"
        scale = 1_000_000 if match.group("million") else 1
        out.append(Figure("quantity", round(float(match.group("num").replace(",", "")) * scale, 3),
                          match.start(), match.end(), about=match.group(0), unit=unit,
                          flow=flow))
    taken = [(f.start, f.end) for f in out if f.kind == "quantity"]
    for match in QUANTITY_AFTER.finditer(text):   # "9,007 kilograms of gallium left the country"
        if any(start <= match.start() < end for start, end in taken):
            continue
        if re.match(r"came|arrived", match.group("verb"), re.I) \
                and not re.search(r"\b(imports?|imported|arrivals)\b", text, re.I):
            continue   # "850,000 tons came from China" of graphite mined: no import named
        flow = "import" if re.match(r"(were |was )?imported|came from|arrived from",
                                    match.group("verb"), re.I) else "export"
        unit = "kg" if match.group("unit").lower().startswith("k") else "t"
        out.append(Figure("quantity", float(match.group("num").replace(",", "")),
                          match.start(), match.end(), about=match.group(0), unit=unit,
                          flow=flow))
    for match in SOLD_ABROAD.finditer(text):   # "sold 366 tonnes of lithium carbonate abroad"
        if any(f.kind == "quantity" and f.start <= match.start("num") < f.end for f in out):
            continue
        unit = "kg" if match.group("unit").lower().startswith("k") else "t"
        out.append(Figure("quantity", float(match.group("num").replace(",", "")),
                          match.start(), match.end(), about=match.group(0), unit=unit,
                          flow="export"))
    for match in QUANTITY_TAKEN.finditer(text):   # "Japan, which took 4,007 kilograms"
        if any(f.kind == "quantity" and f.start <= match.start("num") < f.end for f in out):
            continue
        unit = "kg" if match.group("unit").lower().startswith("k") else "t"
        out.append(Figure("quantity", float(match.group("num").replace(",", "")),
                          match.start("num"), match.end(), about=match.group(0), unit=unit,
                          flow="export", partner_at=match.start("partner")))
    if [f for f in out if f.kind == "quantity"]:
        for match in QUANTITY_AND.finditer(text):   # "..., and 5,611 kilograms of gallium"
            if any(f.start == match.start("num") for f in out):
                continue
            unit = "kg" if match.group("unit").lower().startswith("k") else "t"
            first = next(f for f in out if f.kind == "quantity")
            out.append(Figure("quantity", float(match.group("num").replace(",", "")),
                              match.start("num"), match.end(), about=match.group(0).strip(),
                              unit=unit, flow=first.flow))
    if [f for f in out if f.kind == "quantity"]:
        for match in QUANTITY_COMPARED.finditer(text):
            if any(f.kind == "quantity" and f.start <= match.start("num") < f.end for f in out):
                continue
            before = [f for f in out if f.kind == "quantity" and f.end <= match.start("num")]
            if not before:
                continue
            unit = "kg" if match.group("unit").lower().startswith("k") else "t"
            out.append(Figure("quantity", float(match.group("num").replace(",", "")),
                              match.start("num"), match.end(), about=match.group(0).strip(),
                              unit=unit, flow=before[-1].flow))
    for match in ZERO.finditer(text):
        flow = "import" if match.group("flow").lower().startswith("import") else "export"
        out.append(Figure("quantity", 0.0, match.start(), match.end(), about=match.group(0),
                          unit="t", flow=flow))
    return sorted((f for f in out if not FORECAST.search(_clause(text, f))),
                  key=lambda f: f.start)


_FLOW = re.compile(r"\b(exports?|imports?|shipments?|shipped|exported|imported|sales|volumes?|"
                   r"outbound|inbound|supply|supplies|went to|sent to|"
                   r"sold(?=[^.;,]{0,60}?\b(?:abroad|overseas)\b))\b", re.I)
_UP_DOWN = re.compile(r"\b(rose|risen|jumped|climbed|increased|grew|grown|surged|soared|up|added|"
                      r"higher|gained|rebounded|fell|fallen|dropped|plunged|plummeted|slumped|"
                      r"declined|sank|tumbled|slid|decreased|down|lower|slipped|dipped)\b", re.I)
_MONTH_NAMES = "(" + MONTH_NAMES + ")"
#: "up 75.5% over June", "from May", "month on month": not a year-on-year change.
_MONTH_ON_MONTH = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:over|from|than|on|compared (?:with|to))"
                             r"\s+(?:the\s+)?(?:(?:previous|prior|last|a)\s+month|month "
                             r"(?:before|earlier)|" + _MONTH_NAMES + r"\b(?!\s+20\d\d))|"
                             r"^\s*(?:[\w-]+\s+){0,2}?(?:month[- ]on[- ]month|m/m)", re.I)
#: "4.8% higher than in July 2024", "over year-ago exports": a year-on-year change.
_YEAR_AGO = re.compile(r"\byear[- ]ago\b|\bthan (?:in )?" + _MONTH_NAMES + r"\s+20\d\d\b|"
                       # "43% less than in July last year" (the gate checks the month is the
                       # figure's own)
                       r"\bthan (?:in )?" + _MONTH_NAMES + r"\s+(?:of\s+)?last year\b|"
                       r"\b(?:more|less|higher|lower) than (?:in )?20\d\d\b|"
                       r"\b(?:in|from) the same (?:month|period|quarter) (?:a|last) year\b|"
                       # "30.6% below the same month of last year"
                       r"\b(?:below|above|than|from|on) the same (?:month|period|quarter) (?:of|in) "
                       r"(?:the previous|last) year\b", re.I)


#: "up 12.9% on 2024", "12.9% higher than 2024", "from 2024": the year a change is measured
#: against, right after the percentage (not "2024 levels" of a price, not "in 2024")
_BASE_YEAR = re.compile(r"\s+(?:(?:more|less|higher|lower)\s+)?(?:on|over|than|from|compared\s+"
                        r"(?:with|to)|versus|against)\s+(?:the\s+(?:whole\s+of\s+)?)?"
                        r"(20\d\d)\b(?!\s*(?:levels?|[-\u2013]|(?:to|and|or)\s+20\d\d|figures?\s+of))",
                        re.I)


def _trade_changes(text: str, taken: list[tuple[int, int]]) -> list[Figure]:
    """Year-on-year changes of exports or imports: each percentage of the sentence with a
    rise or fall word next to it and a year-on-year cue just after (not a month-on-month)."""
    if not _FLOW.search(text):
        return []
    out = []
    for match in re.finditer(APPROX + NUMBER, text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        before, after = text[max(0, match.start() - 45):match.start()], text[match.end():]
        if re.search(r"\b(from|to|at)\s+$", before):
            continue   # "down from 90% in 2010", "rose to 60%": a level, not a change
        # "15.4% more than a year earlier", "55% more than in 2023": the comparative after it
        # "close to 10% below the level of a year earlier": "below" and "above" compare too
        comparative = re.match(r"\s+(more|less|higher|lower)\s+than\b|"
                               r"\s+(below|above)\s+(the|its)\b", after, re.I)
        verbs = [comparative] if comparative else (
            list(_UP_DOWN.finditer(before)) or list(_UP_DOWN.finditer(after[:12])))
        flows = list(_FLOW.finditer(text[:match.start()]))
        if not verbs or not flows or _MONTH_ON_MONTH.match(after):
            continue
        if re.search(r"\b(prices?|tariffs?|shares|stocks?|premiums?|costs?)\b",
                     text[flows[-1].end():match.start()], re.I):
            continue   # "export prices fell 12% year on year": a price, no trade change
        window = after[:70]
        # "down 4.7% from 619 tonnes in July and 11.8% lower than in August 2024": a cue after
        # the next percentage is that one's
        following = re.search(r"\d(?:\.\d+)?\s?(?:%|percent\b|per cent\b)", window)
        if following:
            window = window[:following.start()]
        if re.match(r"\s*(?:from|than|compared (?:with|to))\s+(?:the\s+)?(?:about\s+)?[\d,.]+\s+"
                    r"(?:metric\s+)?(?:tonnes|tons|kilograms|kg|t)\s+(?:in|during)\s+" +
                    _MONTH_NAMES + r"\b(?!\s+20\d\d)", after, re.I):
            continue   # "down 4.7% from 619 tonnes in July": month on month
        lead = re.match(r"(?:compared with|compared to|versus|against)\b[^,]*,", text, re.I)
        # "up 12.9% on 2024", "an increase of 6% over 2023": a change against a whole year
        base = _BASE_YEAR.match(window)
        if not (YEAR_ON_YEAR.search(window) or _YEAR_AGO.search(window) or base
                or (lead and YEAR_ON_YEAR.search(lead.group(0))
                    and lead.end() <= match.start())
                or ANNUAL.match(after.lstrip(" ,")[:20]) or ANNUAL.search(before[-12:])
                # "In 2025, exports of rare earths added 12.9% to 62,580 tons": the year leads
                or (ANNUAL_LEAD.match(text) and "," not in text[ANNUAL_LEAD.match(text).end():
                                                                match.start()])
                # "Germanium exports for the year fell almost 30%": a change over the year
                or re.search(r"\b(for|over) the (full |whole |entire )?year\b(?! (earlier|ago|"
                             r"before|to date))", text[flows[-1].start():match.start()], re.I)):
            continue
        verb = (verbs[-1] if not comparative and list(_UP_DOWN.finditer(before))
                else verbs[0]).group(0).lower().split()[0]
        sign = -1 if DOWN.match(verb) or verb in ("lower", "less", "below") else 1
        flow = "import" if flows[-1].group(0).lower().startswith("import") else "export"
        out.append(Figure("trade_change", sign * round(float(match.group("num")) / 100, 4),
                          flows[-1].start(), match.end(),
                          about=text[flows[-1].start():match.end()], flow=flow,
                          base_year=int(base.group(1)) if base else None))
    return out


def _clause(text: str, figure: Figure) -> str:
    """The clause a figure stands in (between commas, semicolons or "which")."""
    start = max(text.rfind(",", 0, figure.start), text.rfind(";", 0, figure.start)) + 1
    ends = [i for i in (text.find(",", figure.end), text.find(";", figure.end)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]
