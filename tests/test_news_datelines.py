"""The page's date read from a date line or byline near an article's top (blind round 14:
13 of 20 articles were refused for "no publication date" though each stated it), and the
lines that must not be read as the page's date."""

from datetime import date

import pytest

from mineralgraph.loaders.articles import page_date, read_article

BODY = "China's exports of gallium fell to 300 kilograms in March, customs data showed.\n"


@pytest.mark.parametrize("line, when", [
    ("January 19, 2024", date(2024, 1, 19)),
    ("*Battery Materials Weekly | 22 January 2024 | Graphite*", date(2024, 1, 22)),
    ("**By Dana Whitfield | Critical Metals Investor | July 21, 2025**", date(2025, 7, 21)),
    ("**Press release | Brussels / La Rochelle, April 9, 2025**", date(2025, 4, 9)),
    ("*Light Metals Brief \u00b7 30 January 2026 \u00b7 Gallium, Aluminium*", date(2026, 1, 30)),
    ("**Frontier Markets Notebook** \u00b7 Friday, 24 October 2025 \u00b7 5 min read",
     date(2025, 10, 24)),
    ("*Posted Monday, September 22, 2025 by Rare Metals Investor Desk*", date(2025, 9, 22)),
    ("**Resources Daily | November 27, 2025 | by the Markets Team**", date(2025, 11, 27)),
    ("Published 21 July 2025, 10:30 HKT", date(2025, 7, 21)),
    # a byline with its desk after a comma (round 15's 326)
    ("*Posted Wednesday, August 27, 2025 by M. Han, Asia Equities*", date(2025, 8, 27)),
    ("Posted Friday, May 2, 2025 by J. Roe, Metals & Mining Desk", date(2025, 5, 2)),
])
def test_a_date_line_or_byline_gives_the_page_date(line, when):
    assert page_date(line) == when


@pytest.mark.parametrize("line", [
    "China said on June 11, 2025 it had approved licences",         # an event, in a sentence
    "China's exports fell 10% on June 11, 2025.",
    "Published 3 June 2025 | Updated 5 June 2025",                   # two dates: which?
    "June 3, 2025 to June 5, 2025",
    "Exports fell in May 2025",                                      # a month, no day
    "Markets Desk | June 11 | Rare earths",                          # no year
    # after the byline's comma a clause, or a list, not a desk
    "Posted Wednesday, August 27, 2025 by M. Han, who said licences were approved",
    "Posted August 27, 2025 by M. Han, Asia Equities, and China Desk",
])
def test_lines_that_are_no_page_date(line):
    assert page_date(line) is None


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_date_alone_under_the_title_dates_a_text_article(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Gallium exports slump\n\nJanuary 19, 2024\n\n"
                                 "By Staff Reporter\n\n" + BODY))
    assert article.published == date(2024, 1, 19) and article.date_line == 3
    assert all("January 19" not in text for _, text in article.paragraphs)


def test_a_byline_of_parts_dates_a_markdown_article(tmp_path):
    article = read_article(write(tmp_path, "a.md", "# Gallium exports slump\n\n"
                                 "**By Dana Whitfield | Critical Metals Investor | July 21, 2025**"
                                 "\n\n" + BODY))
    assert article.published == date(2025, 7, 21)


def test_an_event_date_in_the_first_body_sentence_is_no_page_date(tmp_path):
    article = read_article(write(tmp_path, "a.md", "# Licences approved\n\n"
                                 "China said on June 11, 2025 it had approved licences.\n"))
    assert article.published is None


def test_a_date_line_far_down_the_page_is_not_read(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Gallium exports slump\n\n" + BODY * 0
                                 + "\n\n".join(["One.", "Two.", "Three.", "Four."])
                                 + "\n\nJanuary 19, 2024\n"))
    assert article.published is None


def test_a_header_date_is_kept_over_a_date_line(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Date: 2024-01-20\n\nGallium exports\n\n"
                                 "January 19, 2024\n\n" + BODY))
    assert article.published == date(2024, 1, 20)


# --- fourteenth pass (news9): the date shapes of rounds 18 and 19 that were refused, in other
# words and other values

@pytest.mark.parametrize("line, when", [
    ("Metals Monday Digest \u2014 9 March 2026", date(2026, 3, 9)),         # an issue's heading
    ("Battery Week \u2013 March 9, 2026", date(2026, 3, 9)),
    ("3 February 2026, 09:05 (GMT+08:00)", date(2026, 2, 3)),               # time and zone
    ("February 3, 2026 7:45 (UTC)", date(2026, 2, 3)),
    ("Release date: 2025-09-30", date(2025, 9, 30)),                        # a label, ISO
    ("Date of release: 30 September 2025", date(2025, 9, 30)),
    ("Posted On: 04 MAR 2026 11:02AM by Desk Mumbai", date(2026, 3, 4)),   # capitals, 11:02AM
    ("Issued on 4 March 2026", date(2026, 3, 4)),
])
def test_more_date_line_shapes(line, when):
    assert page_date(line) == when


@pytest.mark.parametrize("line", [
    "Battery Week \u2014 March 9, 2026 \u2014 March 16, 2026",              # two dates
    "Exports slump \u2014 9 March 2026 figures show gallium fell",          # a clause after it
    "Release date: 2025-09-30, when the ministry said it would act",
    "3 February 2026, 09:05 (GMT+08:00) China said it approved",
    "Posted On: 04 MAR 2026 11:02AM by Desk Mumbai, who said licences were approved",
])
def test_more_lines_that_are_no_page_date(line):
    assert page_date(line) is None


def test_a_dated_heading_dates_the_page_when_no_line_under_it_does(tmp_path):
    article = read_article(write(tmp_path, "a.md", "# Metals Monday Digest \u2014 9 March 2026"
                                 "\n\n*Five things for the week.*\n\n" + BODY))
    assert article.published == date(2026, 3, 9) and article.date_line == 1
    # a line under the heading is the page's date before the heading's
    article = read_article(write(tmp_path, "b.md", "# Metals Monday Digest \u2014 9 March 2026"
                                 "\n\nPublished 8 March 2026\n\n" + BODY))
    assert article.published == date(2026, 3, 8)
    # a heading whose date is not a part of its own is no date
    article = read_article(write(tmp_path, "c.md", "# Gallium exports fell on 9 March 2026\n\n"
                                 + BODY))
    assert article.published is None


def dated(tmp_path, text, option=None, name="w.txt"):
    from mineralgraph.loaders.articles import dateline
    article = read_article(write(tmp_path, name, text))
    dateline(article, option)
    return article


def test_a_dateline_with_its_agency_and_no_dash(tmp_path):
    body = "Mumbai, Feb 12 (Newsdesk) Three Indian firms got licences to import magnets.\n"
    article = dated(tmp_path, "Licences for magnets\n\n" + body, date(2026, 2, 13))
    assert article.published == date(2026, 2, 12) and article.publisher == "Newsdesk"
    assert article.paragraphs[0][1].startswith("Three Indian firms")
    article = dated(tmp_path, "Licences for magnets\n\nChennai [India], March 2 (Wire Asia): "
                    "The cabinet met on Monday.\n", date(2026, 3, 2))
    assert article.published == date(2026, 3, 2)
    assert article.paragraphs[0][1] == "The cabinet met on Monday."
    # no agency, no dash: a sentence, no dateline
    article = dated(tmp_path, "Licences\n\nMumbai, Feb 12 Three firms got licences.\n",
                    date(2026, 2, 13))
    assert article.paragraphs[0][1].startswith("Mumbai, Feb 12")


def test_a_dateline_without_its_year_takes_the_year_the_page_gives(tmp_path):
    # the same month and day with a year in the text
    article = dated(tmp_path, "Licences for magnets\n\nMumbai, Feb 12 (Newsdesk) The ministry "
                    "confirmed on February 12, 2026 that three firms got licences.\n")
    assert article.published == date(2026, 2, 12)
    # the copyright line
    article = dated(tmp_path, "Licences for magnets\n\nMumbai, Feb 12 (Newsdesk) Three firms "
                    "got licences.\n\n\u00a9 2026 Newsdesk Media\n")
    assert article.published == date(2026, 2, 12)
    # another year in the text dates nothing (a year the story speaks of is not the page's)
    article = dated(tmp_path, "Licences for magnets\n\nMumbai, Feb 12 (Newsdesk) Three firms "
                    "got licences, after curbs imposed in April 2025.\n")
    assert article.published is None
    assert article.date_problem == ("the dateline's 'Feb 12' gives no year and the page names "
                                    "none")


def test_a_dateline_without_a_year_is_refused_in_one_line(tmp_path):
    from mineralgraph.exceptions import InputError
    from mineralgraph.loaders import LoadContext
    from mineralgraph.loaders.news import load_news
    path = write(tmp_path, "w.txt", "Licences for magnets\n\nMumbai, Feb 12 (Newsdesk) Three "
                 "Indian firms got Chinese licences to import magnets.\n")
    with pytest.raises(InputError) as error:
        load_news(path, LoadContext(known=None, options={}))
    assert str(error.value).count("\n") == 0
    assert str(error.value).endswith(":3: date: the dateline's 'Feb 12' gives no year and the "
                                     "page names none; give one with --article-date YYYY-MM-DD")


@pytest.mark.parametrize("credit", ["REUTERS", "(Reuters)", "AFP", "(Xinhua)", "- Bloomberg"])
def test_a_wire_credit_alone_is_no_sentence(tmp_path, credit):
    article = read_article(write(tmp_path, "a.txt", "Date: 2026-01-14\n\nGallium\n\n" + BODY
                                 + "\n" + credit + "\n"))
    assert [text for _, text in article.paragraphs] == [BODY.strip()]
    assert [reason for _, _, reason in article.skipped] == ["credits"]


def test_a_header_date_that_is_no_date_is_still_the_one_named(tmp_path):
    # a dateline without its year below a header date that is no date: the error names the
    # header's date, not the dateline's missing year
    article = dated(tmp_path, "Date: 2026-02-30\n\nLicences\n\nMumbai, Feb 12 (Newsdesk) Three "
                    "firms got licences.\n")
    assert article.published is None and article.date_text == "2026-02-30"
    assert article.date_problem is None


# --- publication dates (issue 15): blind round 20 lost 8 of its 20 articles to date lines the
# shape-by-shape rules did not know. One rule now: a line of the page's head (the lines before
# its first paragraph of prose) that carries one full date, in any common order and separator,
# with nothing else in its part of the line but a label, a weekday, a place, a time and zone or
# a byline. Probed here in other words and other values than the round's.

@pytest.mark.parametrize("line, when", [
    ("2026-02-17 14:05", date(2026, 2, 17)),                               # ISO alone
    ("*Posted on 24.02.2026 by the Battery Metals Desk \u00b7 3 min read*", date(2026, 2, 24)),
    ("Date: 3. Mar 2026", date(2026, 3, 3)),                               # a day with a stop
    ("Thu Feb 19, 2026 08:30 GMT", date(2026, 2, 19)),                     # weekday written short
    ("**Release time: 2026-01-09 16:40:12 | Source: market desk**", date(2026, 1, 9)),
    ("14 January 2026 / 11:20 GMT", date(2026, 1, 14)),
    ("Feb 2, 2026, 10:14 AM \u00b7 \U0001f517", date(2026, 2, 2)),
    ("Lusaka / Harare, 27.01.2026", date(2026, 1, 27)),                    # day over 12: one way
    ("NICKEL TRADE JOURNAL | Asia | Tue., Feb. 3, 2026", date(2026, 2, 3)),
    ("Markets desk | 2026/03/05", date(2026, 3, 5)),                       # year first
    ("01/30/2026 09:00 EST", date(2026, 1, 30)),                           # month over 12
    ("Thu 19.02.2026", date(2026, 2, 19)),
])
def test_a_full_date_in_any_common_form_gives_the_page_date(line, when):
    assert page_date(line) == when


@pytest.mark.parametrize("line", [
    "Updated 2026-02-17 14:05",                                    # a revision
    "Last edited by: the markets team | 2026/03/05",
    "Webinar: 12 March 2026, 15:00 CET",                           # an event
    "Comments close 30.04.2026",                                   # a deadline
    "Applications due by 30 April 2026",
    "10\u201312 March 2026 | Perth",                                # a range
    "Valid until 31.12.2026",
    "Posted on 03.04.2026",                                        # 3 April or 4 March
    "Shipments resumed on 2026-02-17 after talks",                 # a clause
    "Nickel Week 9 | 23.02.2026 \u2013 27.02.2026",                   # two dates
    "Week 9 \u00b7 February 2026",                                      # no day
    "Issue 14 | 3 | 2026",                                         # numbers, not a date
    "Unit 14/3, 2026 Harbour Road",
])
def test_lines_whose_date_is_not_the_page_date(line):
    assert page_date(line) is None


def test_a_date_line_inside_the_masthead_paragraph(tmp_path):
    # masthead and date on two lines of one paragraph: the date is read, the paragraph set
    # aside, and the headline under it is the title (not a sentence of the body)
    article = read_article(write(tmp_path, "a.txt", "NICKEL DIGEST | Markets\n2026-02-17 14:05"
                                 "\n\nIndonesia trims ore quotas\n\n" + BODY))
    assert article.published == date(2026, 2, 17) and article.date_line == 2
    assert article.title == "Indonesia trims ore quotas"
    assert [text for _, text in article.paragraphs] == [BODY.strip()]


def test_an_email_header_date(tmp_path):
    article = read_article(write(tmp_path, "a.md", "From: Metals Letter <desk@metals.example>\n"
                                 "Subject: Gallium at a low\nDate: 3. Mar 2026\n\n# Metals Letter"
                                 "\n\n" + BODY))
    assert article.published == date(2026, 3, 3) and article.date_line == 3


def test_the_head_ends_at_the_first_paragraph_of_prose(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Gallium exports slump\n\n" + BODY
                                 + "\n2026-02-17 14:05\n"))
    assert article.published is None


@pytest.mark.parametrize("page, when", [
    # another date in figures with a day over 12 tells the order
    ("Posted 05.03.2026\n\nGallium\n\n" + BODY + "\nThe permit expired on 17.02.2026.\n",
     date(2026, 3, 5)),
    ("Posted 05/03/2026\n\nGallium\n\n" + BODY + "\nFigures of 02/17/2026 were revised.\n",
     date(2026, 5, 3)),
    # else the spelling: "licence", "programme" put the day first; "defense", "center" the
    # month
    ("Posted 05.03.2026\n\nGallium\n\n" + BODY + "\nEach cargo needs a licence.\n",
     date(2026, 3, 5)),
    ("Posted 05.03.2026\n\nGallium\n\n" + BODY + "\nA defense contractor bought it.\n",
     date(2026, 5, 3)),
])
def test_a_date_in_figures_read_in_the_order_the_page_uses(tmp_path, page, when):
    assert read_article(write(tmp_path, "a.txt", page)).published == when


def test_a_date_in_figures_the_page_does_not_order_is_refused_in_one_line(tmp_path):
    from mineralgraph.exceptions import InputError
    from mineralgraph.loaders import LoadContext
    from mineralgraph.loaders.news import load_news
    # no other date in figures; "licence" and "center" pull both ways
    path = write(tmp_path, "a.txt", "Posted 05.03.2026\n\nGallium\n\n" + BODY
                 + "\nThe center said each cargo needs a licence.\n")
    with pytest.raises(InputError) as error:
        load_news(path, LoadContext(known=None, options={}))
    assert str(error.value) == (f"{path}:1: date: 'Posted 05.03.2026' reads as 5 March 2026 "
                                "(day first) or 3 May 2026 (month first) and the page does not "
                                "tell which; give one with --article-date YYYY-MM-DD")
    # a header date reads the same way
    path = write(tmp_path, "b.txt", "Date: 05.03.2026\n\nGallium\n\n" + BODY)
    with pytest.raises(InputError) as error:
        load_news(path, LoadContext(known=None, options={}))
    assert "'05.03.2026' reads as 5 March 2026 (day first) or 3 May 2026" in str(error.value)
    # --article-date settles it
    load_news(path, LoadContext(known=None, options={"article_date": date(2026, 3, 5)}))
