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


# ------------------------------------------------------------------ a control that began
def control_keys(result) -> set[tuple]:
    return {k[:5] for k in scored(result.claims) if k[0].startswith("control:")}


GA_GE = {("control:cn-2023-07-gallium-germanium", "ISSUED_BY", "country:CN", None, "2023-07-03"),
         ("control:cn-2023-07-gallium-germanium", "COVERS", "element:Ga", None, "2023-07-03"),
         ("control:cn-2023-07-gallium-germanium", "COVERS", "element:Ge", None, "2023-07-03")}


@pytest.mark.parametrize("body", [
    "Beijing, which refines most of the world's gallium, began controlling exports of gallium "
    "and germanium, two chipmaking metals, earlier this month.",
    "China started to restrict shipments of gallium and germanium earlier this month.",
])
def test_a_control_that_began_restates_the_known_control_of_its_month(tmp_path, known, body):
    got = control_keys(read(tmp_path, known, body, "2023-07-25"))
    assert got == GA_GE


@pytest.mark.parametrize("body", [
    # exporters are no government; prices are no exports
    "Chinese exporters began limiting shipments of gallium earlier this month.",
    "China started controlling prices of gallium and germanium earlier this month.",
])
def test_no_control_from_a_company_that_began_or_from_prices(tmp_path, known, body):
    assert control_keys(read(tmp_path, known, body, "2023-07-25", gate=False)) == set()


# ------------------------------------------------------------------ an HTML page's date
PAGE = ("<html><head><title>Stockpiles and gallium : The Daily</title></head><body>"
        "<article><p class=\"kicker\">Opinion \u00b7 Editorial</p>{head}"
        "<p>China began restricting exports of gallium and germanium earlier this month, and "
        "the stockpiles of 13 rare metals cover just 42 days of supply in 2023.</p>"
        "<p>The government said it would buy more of each of them over the next year.</p>"
        "</article></body></html>")


def test_a_date_line_in_an_html_head_dates_the_page_over_a_year_guess(tmp_path):
    # the page's metadata gives none but a year in its text, which trafilatura turns into
    # 1 January; the page states its date plainly in a line of its head
    from mineralgraph.loaders.articles import read_article

    article = read_article(write(tmp_path, "a.html", PAGE.format(
        head="<p class=\"date\">Posted July. 25, 2023 08:02,</p>")))
    assert article.published == date(2023, 7, 25)
    assert all(not text.startswith("Posted") for _, text in article.paragraphs)


def test_a_page_with_a_year_only_is_refused_in_one_line(tmp_path):
    # the look-alike: no line states the date, so no 1 January is made up from the year
    from mineralgraph.exceptions import InputError
    from mineralgraph.loaders import LoadContext
    from mineralgraph.loaders.news import load_news

    path = write(tmp_path, "a.html", PAGE.format(head=""))
    with pytest.raises(InputError) as error:
        load_news(path, LoadContext(known=None, options={}))
    assert str(error.value).splitlines() == [
        f"{path}:1: date: the article gives no publication date; give one with "
        "--article-date YYYY-MM-DD"]


def test_a_first_of_january_the_page_writes_is_kept():
    from mineralgraph.loaders.articles import _year_guess

    assert _year_guess("2024-01-01", "<p>x 2024 y</p>")
    assert not _year_guess("2024-01-01", "<p>Posted January 1, 2024</p>")
    assert not _year_guess("2024-01-01", '<meta name="date" content="2024-01-01">')
    assert not _year_guess("2024-03-05", "<p>x 2024</p>")


def test_a_date_line_trafilatura_leaves_out_is_read_from_the_pages_head(tmp_path):
    # a weekday in brackets after the date, a time and zone, the section after a dot; the
    # line sits in a block trafilatura does not keep as main text
    from mineralgraph.loaders.articles import page_date, read_article

    assert page_date("OSAKA, Mar. 04, 2026 (Wed) 07:15 JST \u00b7 Markets") == date(2026, 3, 4)
    assert page_date("Mar. 04, 2026 (Osaka said)") is None
    page = PAGE.format(head="").replace(
        "<article>", "<nav><a href='/'>Home</a></nav><p class=\"meta\">OSAKA, Mar. 04, 2026 "
        "(Wed) 07:15 JST \u00b7 Markets \u00b7 2 Comments</p><article>")
    article = read_article(write(tmp_path, "a.html", page))
    assert article.published == date(2026, 3, 4)
