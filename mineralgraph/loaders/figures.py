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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)"
APPROX = r"(?:(?:about|nearly|almost|roughly|around|some|over|more than|up to|an estimated|" \
         r"approximately|close to|at least|just over|just under)\s+)?"
SHARE = re.compile(
    r"\b(?:controls?|controlled|accounts? for|accounted for|produces?|produced|refines?|refined|"
    r"supplies|supplied|makes?|made|holds?|held|dominates?|mines?|mined|processes|processed|"
    r"represents?|provides?|provided)\s+(?P<about>" + APPROX + NUMBER +
    r"\s+of\s+(?:the\s+)?(?:world's|world|global|worldwide)\b[^.;]*)", re.I)
TRADE = re.compile(
    r"\b(?P<flow>exports?|imports?|shipments?|sales|exported|imported)\b(?:[^.;%]|\.(?!\s)|(?<=[A-Z])\.)"
    r"{0,80}?\b(?:(?:had|has|have)\s+)?"
    r"(?P<verb>fell|fallen|dropped|plunged|plummeted|slumped|declined|sank|tumbled|slid|"
    r"decreased|rose|risen|grown|surged|jumped|climbed|increased|grew|soared|"
    r"(?:were|was)\s+(?:still\s+)?down|down|(?:were|was)\s+(?:still\s+)?up|up)\s+"
    r"(?:by\s+)?" + APPROX + NUMBER, re.I)
YEAR_ON_YEAR = re.compile(r"\b(year[- ](on|over)[- ]year|y/y|yoy|from a year (earlier|ago|before)|"
                          r"(from|than|compared with|compared to) the previous year|"
                          r"(than|on|over|compared with|compared to|versus) (a|the same \w+ "
                          r"(a|last)) year (earlier|ago|before)|from the same (month|period|"
                          r"quarter) (a|last) year|on the year)\b", re.I)
QUANTITY = re.compile(r"\b(?P<flow>exported|imported|shipped|exports? of|imports? of)\s+"
                      r"(?:about\s+|nearly\s+|roughly\s+)?(?P<num>\d{1,3}(?:,\d{3})+|\d+)"
                      r"(?:\.\d+)?\s+(?P<unit>tonnes|metric tons|tons|t)\b", re.I)
DOWN = re.compile(r"fell|fallen|dropped|plunged|plummeted|slumped|declined|sank|tumbled|"
                  r"slid|decreased|down", re.I)
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


def find_figures(text: str) -> list[Figure]:
    """Shares, year-on-year changes and exported quantities stated in a sentence."""
    if FORECAST.search(text):
        return []
    out = []
    for match in SHARE.finditer(text):
        about = re.sub(r"\s*,?\s*(according to|said|say|says)\b.*$", "",
                       match.group("about")).strip().rstrip(",")
        out.append(Figure("share", round(float(match.group("num")) / 100, 4),
                          match.start(), match.end(), about=about))
    if YEAR_ON_YEAR.search(text):
        for match in TRADE.finditer(text):
            sign = -1 if DOWN.match(match.group("verb").split()[-1]) else 1
            out.append(Figure("trade_change", sign * round(float(match.group("num")) / 100, 4),
                              match.start(), match.end(), about=match.group(0)))
    for match in QUANTITY.finditer(text):
        out.append(Figure("quantity", float(match.group("num").replace(",", "")),
                          match.start(), match.end(), about=match.group(0), unit="t"))
    return sorted(out, key=lambda f: f.start)
