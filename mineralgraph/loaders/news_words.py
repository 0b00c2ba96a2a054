"""The words the news reader's patterns are written with, in one place: month and weekday
names, number words, modal verbs and the verbs of a licence decision.

:mod:`mineralgraph.loaders.dates`, :mod:`mineralgraph.loaders.news`,
:mod:`mineralgraph.loaders.news_gate` and :mod:`mineralgraph.loaders.news_precision` build
their regular expressions from these (each alternation is a plain string with no group, to
be set inside a pattern's own group), so a month spelling or a modal verb added here reaches
every rule that names months or modals.

>>> MONTHS["sept"], MONTHS["may"]
(9, 5)
>>> import re
>>> bool(re.fullmatch(MONTH_WORDS, "Sept", re.I)), bool(re.fullmatch(WEEKDAY_NAMES, "Friday"))
(True, True)
"""

from __future__ import annotations

#: Month names and their abbreviations, lower case, with the month's number.
MONTHS: dict[str, int] = {name: i + 1 for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")]) for name in names}
#: The twelve month names, capitalised, as one alternation (no group): "in April", "since
#: August".
MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|"
               "December")
#: The month names without May (a modal verb as often as a month when written alone).
MONTH_NAMES_NOT_MAY = "January|February|March|April|June|July|August|September|October|" \
                      "November|December"
#: The abbreviations of the month names ("Jan", "Sept"), as one alternation (no group).
MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
#: Month names, then their abbreviations, as one alternation (no group).
MONTH_WORDS = MONTH_NAMES + "|" + MONTH_ABBREVIATIONS
#: The weekdays, lower case, Monday first (``date.weekday()`` order).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: The weekdays, capitalised, as one alternation (no group).
WEEKDAY_NAMES = "|".join(day.capitalize() for day in WEEKDAYS)
#: Counts written as words, with their number ("two days ago", "three weeks after").
NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
                                "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                                "ten": 10}
#: The modal verbs that make an event a possibility, not a fact ("it would suspend", "could
#: lift"), as one alternation (no group).
MODAL_VERBS = "would|could|might|may|should"
#: The verbs of a licence decision in the past, as one alternation (no group): "approved",
#: "denied".
DECISION_VERBS = "approved|granted|issued|denied|rejected|refused"

__all__ = ["DECISION_VERBS", "MODAL_VERBS", "MONTHS", "MONTH_ABBREVIATIONS", "MONTH_NAMES",
           "MONTH_NAMES_NOT_MAY", "MONTH_WORDS", "NUMBER_WORDS", "WEEKDAYS", "WEEKDAY_NAMES"]
