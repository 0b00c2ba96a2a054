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
