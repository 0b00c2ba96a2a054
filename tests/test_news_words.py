"""The news reader's vocabulary (months, weekdays, number words, modal and decision verbs) is
held by :mod:`mineralgraph.loaders.news_words` alone and imported by the modules that write
patterns with it; the patterns rebuilt from it are, character for character, the ones each
module wrote out before (no behaviour change)."""

from __future__ import annotations

import importlib

import pytest

from mineralgraph.loaders import dates, news, news_precision, news_words

#: (module, pattern, its text as the module wrote it out before the vocabulary was shared)
BEFORE = [
    ('news_precision', 'MONTH_WORD',
     '\\b(January|February|March|April|May|June|July|August|September|October'
     '|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b\\.?'
     '|\\b(last|this|previous|that|the same) month\\b|\\bmonth[- ]on[- ]month\\b'),
    ('news_precision', 'MONTH_ALONE',
     '(in\\s+)?((early|mid|late)[- ]?\\s*)?((last|this|next|earlier this)\\s+mo'
     'nth|(January|February|March|April|May|June|July|August|September|Octob'
     'er|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?'
     '(\\s+(of\\s+)?\\d{4})?|(last|this|next) year|\\d{4})'),
    ('news_precision', 'AGAINST_MONTH',
     '^[^.;]{0,40}?\\b(than|compared (with|to)|from|against|versus|vs\\.?)\\s+('
     'in\\s+|the same month of\\s+)?(?P<month>January|February|March|April|May'
     '|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|'
     'Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?,?\\s+(?P<year>(19|20)\\d\\d)\\b'),
    ('news_gate', 'DECIDING',
     '\\b(approved|granted|issued|denied|rejected|refused|turned down|receive'
     'd|obtained|won|secured|cleared|given|gave|sped up|speed up|expedited|f'
     'ast-tracked|accelerated|approve|grant|issue|deny|reject|signed off on)\\b'),
    ('news_gate', 'MONTH_NAME',
     '\\b(January|February|March|April|June|July|August|September|October|Nov'
     'ember|December)\\b'),
    ('news', 'LEAD_DATE',
     '(In|On|By|Last|Earlier this|This)\\s+(January|February|March|April|May|'
     'June|July|August|September|October|November|December|Monday|Tuesday|We'
     'dnesday|Thursday|Friday|Saturday|Sunday|week|month|year|20\\d\\d)(\\s+\\d{'
     '1,2})?(,?\\s+20\\d\\d)?,?\\s+(?=[A-Z])'),
    ('news', 'SUBJECT_GAP',
     "(['\\u2019]s(\\s+[\\w-]+){0,2}?\\s+(government|cabinet|ministry|authoritie"
     's|regulators?|parliament|senate))?\\s+((has|have|had|also|first|formall'
     'y|officially|recently|then|later|now)\\s+|on (Monday|Tuesday|Wednesday|'
     'Thursday|Friday|Saturday|Sunday|\\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\\.? \\d{'
     '1,2})\\s+)*'),
    ('news', 'MODAL_TRIGGER',
     '\\b(would|could|might|may|should)\\s+(not\\s+)?(also\\s+|only\\s+|soon\\s+|t'
     'hen\\s+)?(suspend|lift|ban|impose|restrict|halt|introduce|announce|proh'
     'ibit|curb|require|approve|grant|deny|reject|refuse|issue|expand|extend'
     '|tighten|ease|scrap|revoke|end)\\b'),
    ('news', 'MONTH_ONLY',
     '(?:in\\s+)?(?:(?:early|mid|late)[- ]?\\s*)?(?:(?:last|this|next|earlier '
     'this)\\s+month|(?:last\\s+)?(?:january|february|march|april|may|june|jul'
     'y|august|september|sept|october|november|december)\\.?(?:\\s+\\d{4})?)'),
]


@pytest.mark.parametrize("module, name, pattern", BEFORE, ids=[b[1] for b in BEFORE])
def test_a_pattern_rebuilt_from_the_vocabulary_is_the_one_written_before(module, name, pattern):
    compiled = getattr(importlib.import_module(f"mineralgraph.loaders.{module}"), name)
    assert compiled.pattern == pattern


def test_the_vocabulary_has_one_home():
    assert dates.MONTHS is news_words.MONTHS
    assert news.MONTHS is news_words.MONTHS
    assert news_precision.MONTH_NUMBER is news_words.MONTHS
    assert dates.MONTH_NAMES is news_words.MONTH_NAMES
    assert dates.WEEKDAYS is news_words.WEEKDAYS
    assert dates._COUNT is news_words.NUMBER_WORDS
    assert news_precision.NUMBER_WORD is news_words.NUMBER_WORDS


def test_the_number_words_news_reads_are_the_ones_it_read_before():
    """news.py's own table stopped at "seven" (its pattern names no more): the shared table
    gives every word that pattern matches the same number."""
    for word, number in {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                         "six": 6, "seven": 7}.items():
        assert news.DAYS_AFTER.search(f"{word} days after it announced the measure")
        assert news.NUMBER_WORDS[word] == number
    assert not news.DAYS_AFTER.search("eight days after it announced the measure")
