"""The sixteenth pass of the news reader (news11; tests/data/news/README.md, "Sixteenth
pass"): round 22's faults as general rules, each probed in sentences of our own and with
look-alikes the rule must leave alone.

- a newswire's dateline opening the first paragraph of prose, after a headline left in the
  text ("TORONTO, ON / Newsfile Corp. / March 3, 2026 / Northgate ..."), dates the page;
- a time written with "AM"/"PM" and its zone after a dash ("March 3, 2026 - 9:15 AM EST") is
  part of a date line, not the end of a range.
"""

from __future__ import annotations

from datetime import date

import pytest
from news_eval import scored
from test_news_trial6 import known_claims, read

from mineralgraph.graph.supply_graph import SupplyGraph


@pytest.fixture(scope="module")
def known():
    return SupplyGraph(known_claims())


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def figures(result) -> set[tuple]:
    """(subject, predicate, value, material, from) of each figure read."""
    return {k[:5] for k in scored(result.claims) if k[1].startswith("reported_")}


# ------------------------------------------------------------------ the page's date
MASTHEAD = "NORTHGATE MAGNETICS CORP.               NYSE: NGM\nNEWS RELEASE       Page 1 of 2"
HEADLINE = "Northgate to Build Sintered Magnet Plant in Ohio, with Feed Secured by 2028"
BODY = "Northgate said gallium prices fell in February as buyers waited for new licences."


@pytest.mark.parametrize("dateline, publisher", [
    ("TORONTO, ON / Newsfile Corp. / March 3, 2026 / ", "Newsfile Corp."),
    ("DAYTON, Ohio / ACCESS Newswire / March 3, 2026 / ", "ACCESS Newswire"),
    ("DAYTON, Ohio, March 3, 2026 /PRNewswire/ -- ", "PRNewswire"),
])
def test_a_newswire_dateline_after_a_headline_dates_the_page(tmp_path, dateline, publisher):
    from mineralgraph.loaders.articles import dateline as read_dateline
    from mineralgraph.loaders.articles import read_article

    article = read_article(write(tmp_path, "a.txt", f"{MASTHEAD}\n\n{HEADLINE}\n\n"
                                 f"{dateline}{BODY}\n"))
    read_dateline(article, None)
    assert article.published == date(2026, 3, 3)
    assert article.publisher == publisher
    assert article.paragraphs[1][1] == BODY


@pytest.mark.parametrize("opening", [
    # a section and a topic cut by slashes are no newswire
    "Prices / Gallium / March 3, 2026 / ",
    # a dateline in the second paragraph of prose is a quotation of one, not the page's
    None,
])
def test_no_page_date_from_slashes_or_a_later_paragraph(tmp_path, opening):
    from mineralgraph.loaders.articles import dateline as read_dateline
    from mineralgraph.loaders.articles import read_article

    if opening is None:
        text = (f"{HEADLINE}\n\n{BODY} It did not say more.\n\n"
                f"DAYTON, Ohio / ACCESS Newswire / March 3, 2026 / {BODY}\n")
    else:
        text = f"{MASTHEAD}\n\n{HEADLINE}\n\n{opening}{BODY}\n"
    article = read_article(write(tmp_path, "a.txt", text))
    read_dateline(article, None)
    assert article.published is None


@pytest.mark.parametrize("line, when", [
    ("March 3, 2026 - 9:15 AM EST", date(2026, 3, 3)),
    ("March 3, 2026, 9:15 PM CET", date(2026, 3, 3)),
])
def test_a_time_with_am_or_pm_and_its_zone_is_part_of_a_date_line(line, when):
    from mineralgraph.loaders.articles import page_date

    assert page_date(line) == when


@pytest.mark.parametrize("line", [
    "March 3, 2026 - 5 March 2026",      # two dates: a range
    "March 3, 2026 - 15",                # the end of a range
    "March 3, 2026 9:15 am said",        # words after the time: a sentence
])
def test_a_range_or_a_sentence_after_a_date_is_no_date_line(line):
    from mineralgraph.loaders.articles import page_date

    assert page_date(line) is None


# ------------------------------------------------------------------ a year's output
def productions(result) -> set[tuple]:
    """(subject, material, valid_from, amount, unit, year) of each PRODUCES read."""
    return {(c.subject, c.object, c.valid_from, c.qualifier("amount"), c.qualifier("unit"),
             c.qualifier("year")) for c in result.claims if c.predicate == "PRODUCES"}


@pytest.mark.parametrize("body", [
    "MP Materials said it produced 1,300 tonnes of NdPr oxide in 2025 at Mountain Pass.",
    "MP Materials produced about 1,300 tonnes of NdPr oxide at Mountain Pass in 2025.",
])
def test_a_production_figure_with_its_own_year_is_dated_by_it(tmp_path, known, body):
    got = productions(read(tmp_path, known, body, "2026-03-02"))
    assert got == {("facility:mountain-pass", "material:ndpr-oxide", date(2025, 1, 1), 1300.0,
                    "t", 2025)}


@pytest.mark.parametrize("body", [
    # half a year, a year still running, a span of years: no year's output
    "MP Materials produced 610 tonnes of NdPr oxide in the first half of 2025 at Mountain Pass.",
    "MP Materials produced 1,300 tonnes of NdPr oxide in 2026 at Mountain Pass.",
    "MP Materials produced 2,600 tonnes of NdPr oxide in 2024-2025 at Mountain Pass.",
])
def test_no_years_output_from_part_of_a_year_or_a_span(tmp_path, known, body):
    got = productions(read(tmp_path, known, body, "2026-03-02", gate=False))
    assert all(amount is None and when != date(2025, 1, 1) and when != date(2024, 1, 1)
               for _, _, when, amount, _, _ in got)


def test_a_planned_output_keeps_no_year_and_no_quantity(tmp_path, known):
    from mineralgraph.loaders.figures import year_output

    assert year_output("MP Materials expects to produce 1,300 tonnes of NdPr oxide in 2027.",
                       date(2026, 3, 2)) is None
    got = productions(read(tmp_path, known, "MP Materials plans to produce 1,300 tonnes of NdPr "
                           "oxide in 2025 at Mountain Pass.", "2026-03-02", gate=False))
    assert all(amount is None for _, _, _, amount, _, _ in got)
