"""The news loader: claims, dates, names, and its precision and recall on annotated articles.

The articles in ``tests/data/news/articles/`` are wire-style reports written for these
tests (figures in ``tests/data/news/README.md``); ``tests/data/news/graph/`` is the small
known graph they are resolved against.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_eval import articles, evaluate, read_expected, scored

from mineralgraph.exceptions import InputError
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import LoadContext, loader_for
from mineralgraph.loaders.articles import read_article, split_sentences
from mineralgraph.loaders.curated import load_curated
from mineralgraph.loaders.news import load_news
from mineralgraph.validation import check_claims


@pytest.fixture(scope="module")
def known(data_dir_module):
    return SupplyGraph(load_curated(data_dir_module / "news" / "graph").claims)


@pytest.fixture(scope="module")
def data_dir_module():
    from conftest import DATA

    return DATA


def load(data_dir, name, known, **options):
    return load_news(data_dir / "news" / "articles" / name, LoadContext(known=known,
                                                                         options=options))


def facts(result, subject=None):
    return sorted((c.subject, c.predicate, str(c.object)) for c in result.claims
                  if subject is None or c.subject == subject)


# ------------------------------------------------------------------ the measured figures
def test_precision_and_recall_on_the_annotated_articles(known):
    """Floors under the figures in tests/data/news/README.md (79 articles, 263 claims)."""
    assert len(articles()) >= 20
    report: list[str] = []
    score = evaluate(known, report)
    assert score.tp + score.fn == 263
    assert score.precision >= 0.95, report
    assert score.recall >= 0.95, report
    assert score.unresolved_precision >= 0.95, report
    assert score.unresolved_recall >= 0.95, report


@pytest.mark.parametrize("path", articles(), ids=lambda p: p.name)
def test_every_article_loads_to_valid_claims(path, known):
    result = load_news(path, LoadContext(known=known))
    assert check_claims(list(known.claims) + result.claims) == []
    for claim in result.claims:
        assert len(claim.sources) == 1 and claim.sources[0].startswith("source:")
        if claim.predicate in ("COVERS", "SUPPLIES", "decision", "announced_on"):
            assert claim.quote and claim.quote in path.read_text(encoding="utf-8") \
                or path.suffix == ".md"


def test_loading_is_deterministic(known):
    for path in articles():
        first = load_news(path, LoadContext(known=known))
        second = load_news(path, LoadContext(known=known))
        assert [c.id for c in first.claims] == [c.id for c in second.claims]
        assert first.unresolved == second.unresolved


# ------------------------------------------------------------------ export controls
def test_announced_control_with_relative_date_and_effective_date(data_dir, known):
    result = load(data_dir, "01-gallium-germanium.txt", known)
    control = "control:cn-2023-07-gallium-germanium"
    by_predicate = {c.predicate: c for c in result.claims if c.subject == control}
    assert by_predicate["announced_on"].object == date(2023, 7, 3)      # "on Monday"
    assert by_predicate["effective_from"].object == date(2023, 8, 1)    # "from Aug. 1"
    assert by_predicate["announced_on"].quote.startswith("China will impose export controls")
    assert by_predicate["announced_on"].origin.endswith("01-gallium-germanium.txt:5")


def test_new_control_is_minted_with_label_and_regime(data_dir, known):
    result = load(data_dir, "03-antimony.html", known)
    graph = SupplyGraph(list(known.claims) + result.claims)
    control = "control:cn-2024-08-antimony"
    assert graph.label(control) == "China export controls on Antimony (Aug 2024)"
    assert graph.attribute(control, "regime") == "licence-required"
    assert graph.neighbours(control, "COVERS") == ["element:Sb"]
    assert graph.attribute("element:Sb", "symbol") == "Sb"   # a new node gets its label


def test_suspension_sets_effective_to_and_keeps_the_announcement_date(data_dir, known):
    result = load(data_dir, "13-suspension.txt", known)
    control = "control:cn-2025-10-holmium"
    assert (control, "effective_to", "2025-11-07") in facts(result, control)
    assert (control, "announced_on", "2025-10-09") in facts(result, control)


def test_last_month_is_the_first_of_that_month(data_dir, known):
    result = load(data_dir, "25-suspension-last-month.txt", known)
    [claim] = [c for c in result.claims if c.predicate == "effective_to"]
    assert (claim.subject, claim.object, claim.valid_from) == (
        "control:cn-2024-12-us-military", date(2025, 11, 1), date(2025, 11, 1))


def test_military_end_users_make_an_end_use_denial(data_dir, known):
    result = load(data_dir, "15-japan.txt", known)
    control = "control:cn-2026-01-export-controls"
    assert (control, "regime", "end-use-denial") in facts(result, control)
    assert (control, "TARGETS", "country:JP") in facts(result, control)
    assert (control, "reference", "MOFCOM Announcement No. 1 [2026]") in facts(result, control)


# ------------------------------------------------------------------ licences and names
def test_licence_resolves_lockheed_and_the_control(data_dir, known):
    result = load(data_dir, "10-lockheed-denied.md", known)
    node = "licence:cn-2025-07-02-lockheed-martin-denied"
    assert facts(result, node) == [
        (node, "GRANTED_TO", "company:lockheed-martin"),
        (node, "ISSUED_BY", "country:CN"),            # "Beijing"
        (node, "UNDER", "control:cn-2025-04-rare-earths"),   # dysprosium is covered
        (node, "announced_on", "2025-07-02"),
        (node, "decision", "denied"),
        (node, "label", "China: licences denied for Lockheed Martin (2025-07-02)")]


def test_unknown_company_becomes_a_node_and_is_reported(data_dir, known):
    result = load(data_dir, "18-dexter-licences.txt", known)
    assert result.unresolved == [
        "CLEPA (line 5)",
        "Dexter Magnetic Technologies (line 7; new company:dexter-magnetic-technologies)"]
    assert ("company:dexter-magnetic-technologies", "label", "Dexter Magnetic Technologies") \
        in facts(result)


def test_mountain_pass_stands_for_mp_materials_where_a_company_is_needed(tmp_path, known):
    path = tmp_path / "mp.txt"
    path.write_text("Title: Licence for Mountain Pass\nDate: 2025-06-20\n\n"
                    "MOFCOM approved export licences for Mountain Pass on Friday.\n",
                    encoding="utf-8")
    result = load_news(path, LoadContext(known=known))
    node = "licence:cn-2025-06-20-mp-materials-approved"
    assert (node, "GRANTED_TO", "company:mp-materials") in facts(result, node)
    assert (node, "ISSUED_BY", "country:CN") in facts(result, node)


def test_stopped_supply_gets_a_valid_to(data_dir, known):
    result = load(data_dir, "11-mp-stops-shipping.txt", known)
    [claim] = [c for c in result.claims if c.predicate == "SUPPLIES"]
    assert (claim.subject, claim.object, claim.qualifier("material")) == (
        "company:mp-materials", "company:shenghe", "material:re-concentrate")
    assert (claim.valid_from, claim.valid_to) == (None, date(2025, 4, 16))


def test_hedged_and_negated_sentences_give_nothing(data_dir, known):
    result = load(data_dir, "21-hedged.txt", known)
    assert scored(result.claims) == set()
    assert result.unresolved == []


# ------------------------------------------------------------------ reading articles
def test_html_metadata_and_body(data_dir):
    article = read_article(data_dir / "news" / "articles" / "03-antimony.html")
    assert article.title == "China restricts antimony exports"
    assert article.publisher == "Reuters"
    assert article.published == date(2024, 8, 15)
    assert article.url == "https://example.org/2024/08/15/china-antimony"
    assert [text[:20] for _, text in article.paragraphs] == [
        "BEIJING, Aug 15 (Reu", "The curbs come under", "Antimony is used in "]


def test_markdown_front_matter(data_dir):
    article = read_article(data_dir / "news" / "articles" / "02-graphite.md")
    assert (article.title, article.publisher, article.published) == (
        "China requires export permits for some graphite products", "Reuters",
        date(2023, 10, 20))
    assert "**" not in article.paragraphs[0][1]


def test_source_node_of_an_article(data_dir, known):
    result = load(data_dir, "02-graphite.md", known)
    source = "source:reuters-2023-10-20-china-requires-export-permits-for-some-graphite-products"
    assert facts(result, source) == [
        (source, "published", "2023-10-20"), (source, "publisher", "Reuters"),
        (source, "source_type", "press"),
        (source, "title", "China requires export permits for some graphite products"),
        (source, "url", "https://example.org/2023/10/20/china-graphite-permits")]
    assert all(c.sources == (source,) for c in result.claims)


def test_article_without_a_date_is_one_line(data_dir, known):
    path = data_dir / "news" / "no-date.txt"
    with pytest.raises(InputError) as info:
        load_news(path, LoadContext(known=known))
    assert str(info.value) == (f"{path}:1: date: the article gives no publication date; "
                               "give one with --article-date YYYY-MM-DD")


def test_impossible_date_names_its_line(data_dir):
    path = data_dir / "news" / "bad-date.md"
    with pytest.raises(InputError) as info:
        load_news(path)
    assert str(info.value) == (f"{path}:3: date: '2025-02-30' is not a date; give one with "
                               "--article-date YYYY-MM-DD")


def test_article_date_option_dates_the_article_and_its_weekdays(data_dir, known):
    result = load_news(data_dir / "news" / "no-date.txt",
                       LoadContext(known=known, options={"article_date": date(2025, 6, 20)}))
    [decision] = [c for c in result.claims if c.predicate == "decision"]
    assert decision.subject == "licence:cn-2025-06-16-jl-mag-approved"   # Monday before
    assert decision.object == "approved"


def test_sentence_split_keeps_abbreviations():
    assert split_sentences("Controls took effect on Dec. 1 in the U.S. market. It said so.") \
        == ["Controls took effect on Dec. 1 in the U.S. market.", "It said so."]


def test_news_files_are_recognised(data_dir):
    for path in articles():
        assert loader_for(path).name == "news"


def test_expected_files_parse():
    claims, unresolved = read_expected(articles()[0].with_suffix(".expected"))
    assert len(claims) == 5 and unresolved == set()


# ------------------------------------------------------------------ through the CLI
def test_build_with_an_article(run_cli, data_dir, tmp_path):
    out = tmp_path / "g.json"
    result = run_cli("build", "--no-bundled", "--source", str(data_dir / "news" / "graph"),
                     "--source", str(data_dir / "news" / "articles" / "18-dexter-licences.txt"),
                     "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "18-dexter-licences.txt: mention: unresolved: CLEPA (line 5)" in result.stderr
    assert out.exists()


def test_build_without_a_date_fails_with_one_line(run_cli, data_dir, tmp_path):
    path = data_dir / "news" / "no-date.txt"
    result = run_cli("build", "--no-bundled", "--source", str(path), "--out",
                     str(tmp_path / "g.json"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path}:1: date: the article gives no publication date; "
                             "give one with --article-date YYYY-MM-DD\n")


def test_build_with_article_date(run_cli, data_dir, tmp_path):
    result = run_cli("build", "--no-bundled", "--source", str(data_dir / "news" / "graph"),
                     "--source", str(data_dir / "news" / "no-date.txt"),
                     "--article-date", "2025-06-20", "--out", str(tmp_path / "g.json"))
    assert result.exit_code == 0, result.stderr


def test_two_articles_on_one_control_stay_separate_and_the_newest_wins(data_dir, known):
    """Merging: the October announcement and the November suspension are separate claims
    with their own sources; the newest valid claim is read by default."""
    october = load(data_dir, "14-october-package.md", known)
    november = load(data_dir, "13-suspension.txt", known)
    graph = SupplyGraph(list(known.claims) + october.claims + november.claims)
    control = "control:cn-2025-10-holmium"
    announced = graph.attribute_claims(control, "announced_on")
    assert len(announced) == 2 and len({c.sources for c in announced}) == 2
    assert graph.attribute(control, "effective_from") == date(2025, 11, 8)
    assert graph.attribute(control, "effective_to") == date(2025, 11, 7)
    assert graph.as_of(date(2025, 10, 31)).attribute(control, "effective_to") is None
    assert check_claims(list(graph.claims)) == []


WORDS = ["China", "Beijing", "MOFCOM", "the", "United", "States", "U.S.", "Japan", "Japanese",
         "announced", "export", "controls", "on", "gallium", "germanium", "dysprosium",
         "magnets", "rare-earth", "licences", "approved", "denied", "suspended", "until",
         "Nov.", "10,", "2026", "from", "Dec.", "1", "Monday", "last", "month", "Lynas",
         "supplies", "to", "Tesla", "MP", "Materials", "stopped", "shipping", "Acme",
         "Magnetics", "Announcement", "No.", "18", "military", "end", "users", "ban", "in",
         "force", "since", "Tuesday", "will", "buy", "from", "Mountain", "Pass", "its",
         "The", "company", "produced", "NdPr", "oxide", "and", ",", "said", "April"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), min_size=1,
                max_size=4))
def test_any_text_gives_valid_claims_or_nothing(tmp_path_factory, sentences):
    """Robustness: whatever the words, the loader returns valid claims, never a crash."""
    from conftest import DATA

    known = SupplyGraph(load_curated(DATA / "news" / "graph").claims)
    path = tmp_path_factory.mktemp("news") / "random.txt"
    body = "\n\n".join(" ".join(words) + "." for words in sentences)
    path.write_text(f"Title: Random\nDate: 2025-06-12\n\n{body}\n", encoding="utf-8")
    result = load_news(path, LoadContext(known=known))
    assert check_claims(list(known.claims) + result.claims) == []
