"""Trial 7's news findings (docs/trial-7.md: HIGH-2, MED-1, MED-2, MED-3), each probed with
the trial's sentences and with look-alikes that must not be read so.

- HIGH-2: every wording of the five elements of 9 October 2025 is the known control of
  exactly those items (``control:cn-2025-10-rare-earths``), never the rule on foreign-made
  items announced the same day; the article's 8 November entry into force is withheld
  against the graph's own;
- MED-1: a closing caveat of the speaker (", though it warned that the approvals covered only
  a fraction of applications") hedges nothing: the decision is read;
- MED-2: the text report lists a skipped sentence and its reason; "nothing to extract" only
  when nothing was found;
- MED-3: a forecast's or plan's licence id says what it is (``-denial-expected``,
  ``-approval-planned``) and the plan falls under the control of the items it names.
"""

from __future__ import annotations

import pytest
from news_eval import modal_id, scored
from test_news_trial6 import OCT, known_claims, read

from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.news import article_report_text

OCT_REE = "control:cn-2025-10-rare-earths"
FOREIGN = "control:cn-2025-10-extraterritorial"
APRIL = "control:cn-2025-04-rare-earths"
FIVE = "holmium, erbium, thulium, europium and ytterbium"


@pytest.fixture(scope="module")
def known():
    return SupplyGraph(known_claims())


# ------------------------------------------------------------------ HIGH-2
@pytest.mark.parametrize("body", [
    # the Reuters lede of round 17's 363, as a one-sentence article, with and without dateline
    f"BEIJING, Oct 9 (Reuters) - China on Thursday announced export controls on five more "
    f"rare earths - {FIVE} - to take effect on Nov. 8.",
    f"China on Thursday announced export controls on five more rare earths - {FIVE} - to take "
    "effect on Nov. 8.",
    f"China on Thursday sharply expanded its rare earth export controls, adding five elements "
    f"- {FIVE} - to its list of restricted items, with the new rules taking effect 8 November.",
    f"China on Thursday added five elements, {FIVE.replace(' and', ',')}, to its export "
    "control list, taking effect 8 November.",
])
def test_every_wording_of_the_five_elements_is_their_control(tmp_path, known, body):
    result = read(tmp_path, known, body, "2025-10-09")
    got = scored(result.claims)
    assert {k[2] for k in got if k[0] == OCT_REE and k[1] == "COVERS"} == {
        f"element:{s}" for s in OCT}
    assert (OCT_REE, "ISSUED_BY", "country:CN", None, "2025-10-09", None, None, None) in got
    # the rule on foreign-made items is not cited for the five elements
    assert not [c for c in result.claims if c.subject == FOREIGN]
    # the article's 8 November is withheld against the graph's (post-suspension) date
    assert not [k for k in got if k[1] == "effective_from"]
    assert any(f"{OCT_REE} effective_from 2025-11-08" in w["claim"]
               for w in result.report["withheld"])
    assert not any(s["reason"].startswith("ambiguous") for s in result.report["skipped"])


@pytest.mark.parametrize("body", [
    # three of the five, or the five and another: no control has exactly those items
    "China on Thursday announced export controls on holmium, erbium and thulium, to take "
    "effect on Nov. 8.",
    f"China on Thursday announced export controls on {FIVE.replace(' and', ',')} and "
    "lutetium, to take effect on Nov. 8.",
])
def test_items_of_no_control_exactly_are_not_the_five_elements_control(tmp_path, known, body):
    result = read(tmp_path, known, body, "2025-10-09", gate=False)
    assert not [k for k in scored(result.claims) if k[0] == OCT_REE and k[1] == "COVERS"
                and k[2] == "element:Tm" and "lutetium" not in body]
    assert not [k for k in scored(result.claims) if k[0] == OCT_REE and "lutetium" in body]


def test_foreign_made_items_keep_the_foreign_rule(tmp_path, known):
    """Look-alike: a sentence on foreign-made items with the five elements is not the five
    elements' own control."""
    result = read(tmp_path, known, "China on Thursday announced licensing of foreign-made "
                  f"items containing {FIVE}.", "2025-10-09", gate=False)
    assert not [c for c in result.claims if c.subject == OCT_REE]


def test_the_same_items_of_another_day_are_not_chosen_by_items(tmp_path, known):
    """Look-alike: gallium and germanium, exactly the July 2023 control's items, lifted with
    the December 2024 ban stay with the ban (the items rule is for one announcement's several
    controls)."""
    result = read(tmp_path, known, "China on Sunday suspended its ban on exports of gallium "
                  "and germanium to the United States.", "2025-11-09", gate=False)
    assert not [c for c in result.claims if c.subject == "control:cn-2023-07-gallium-germanium"
                and c.predicate == "effective_to"]


# ------------------------------------------------------------------ MED-1
CLEPA = ("China has approved export licences for rare earths to several European auto "
         "suppliers, the European Association of Automotive Suppliers (CLEPA) said on Friday, "
         "though it warned that the approvals covered only a fraction of applications.")


def test_a_closing_caveat_leaves_the_decision(tmp_path, known):
    body = CLEPA + (" CLEPA said production lines at some suppliers had already stopped in May "
                    "because of the April controls on seven medium and heavy rare earths.")
    result = read(tmp_path, known, body, "2025-06-28")
    subjects = {c.subject for c in result.claims if c.subject.startswith("licence:")}
    assert subjects == {"licence:cn-2025-06-clepa-approvals"}
    assert result.report["decisions"] == ["licence:cn-2025-06-clepa-approvals approved"]
    mentions = {c.object for c in result.claims if c.predicate == "MENTIONS"}
    assert APRIL in mentions


@pytest.mark.parametrize("body", [
    # the caveat hedges the future
    "China has approved export licences for rare earths to several European auto suppliers, "
    "CLEPA said on Friday, though it warned that the approvals could be revoked.",
    # the warning is the event: no decision taken
    "China warned on Friday that it could deny export licences for rare earths to European "
    "auto suppliers.",
    # a hedge in the decision's own clause
    "China might approve export licences for rare earths to European auto suppliers, CLEPA "
    "said on Friday, though it warned that the process was slow.",
])
def test_a_caveat_that_hedges_keeps_the_sentence_hedged(tmp_path, known, body):
    result = read(tmp_path, known, body, "2025-06-28", gate=False)
    assert not [c for c in result.claims if c.predicate == "decision"
                and c.qualifier("modality") is None]


# ------------------------------------------------------------------ MED-2
def test_the_text_report_lists_a_skipped_sentence(tmp_path, known):
    result = read(tmp_path, known, "China said it would suspend the export controls on rare "
                  "earths, officials said, without giving a date.", "2025-11-08")
    assert result.report["claims_added"] == 0 and result.report["skipped"]
    text = article_report_text(result.report)
    assert "nothing to extract" not in text
    assert "skipped line 5 (" in text


def test_nothing_to_extract_when_nothing_was_found(tmp_path, known):
    result = read(tmp_path, known, "NdPr prices were little changed this week.", "2025-09-26")
    assert article_report_text(result.report).endswith(
        "nothing to extract (1 sentence read); nothing added")


# ------------------------------------------------------------------ MED-3
@pytest.mark.parametrize("body, published, node, under", [
    (f"China on Thursday announced export controls on five more rare earths - {FIVE}. "
     "Analysts said licences for US defence contractors are likely to be denied under the new "
     "rules.", "2025-10-09", "licence:cn-2025-10-09-to-us-denial-expected", OCT_REE),
    ("China is drafting general licences that would allow some exporters to ship dysprosium "
     "and terbium to US buyers.", "2025-11-08", "licence:cn-2025-11-08-to-us-approval-planned",
     APRIL),
])
def test_a_forecast_or_plan_id_says_what_it_is(tmp_path, known, body, published, node, under):
    result = read(tmp_path, known, body, published, gate=False)
    subjects = {c.subject for c in result.claims if c.subject.startswith("licence:")}
    assert subjects == {node}
    assert not any(s.endswith(("-approved", "-denied", "-expedited")) for s in subjects)
    if under:
        assert [c.object for c in result.claims if c.predicate == "UNDER"] == [under]


def test_a_decision_keeps_its_decision_id(tmp_path, known):
    """Look-alike: a decision the ministry reports keeps the id of a decision."""
    result = read(tmp_path, known, "The commerce ministry said on Thursday it had denied "
                  "licences for rare earths to U.S. carmakers.", "2025-10-09", gate=False)
    assert {c.subject for c in result.claims if c.subject.startswith("licence:")} == {
        "licence:cn-2025-10-09-to-us-denied"}


def test_foreign_made_items_plan_is_under_the_foreign_rule(tmp_path, known):
    """Look-alike: a plan for foreign-made items with dysprosium is the foreign rule's."""
    result = read(tmp_path, known, "China is drafting general licences that would allow "
                  "foreign-made magnets containing dysprosium to be shipped to US buyers.",
                  "2025-11-08", gate=False)
    unders = [c.object for c in result.claims if c.predicate == "UNDER"]
    assert APRIL not in unders


def test_old_modal_ids_score_as_todays():
    assert modal_id("licence:cn-2025-11-21-exports-approved", "planned") == \
        "licence:cn-2025-11-21-exports-approval-planned"
    assert modal_id("licence:cn-2025-11-21-exports-approval-planned", "planned") == \
        "licence:cn-2025-11-21-exports-approval-planned"
    assert modal_id("control:cn-2025-11-21-approved", "planned") == \
        "control:cn-2025-11-21-approved"


# ------------------------------------------------------------------ LOW-5
def test_a_monthly_figure_holds_for_its_month(tmp_path, known):
    result = read(tmp_path, known, "China's exports of rare earth magnets to the United States "
                  "fell 29% year on year in September, customs data showed.", "2025-10-20")
    figures = [c for c in result.claims if c.predicate == "reported_trade_change"]
    assert figures
    assert [(c.valid_from.isoformat(), c.valid_to.isoformat()) for c in figures] == [
        ("2025-09-01", "2025-10-01")]   # valid_to exclusive, as the customs figures' (trial 8)


def test_a_yearly_figure_holds_for_its_year(tmp_path, known):
    result = read(tmp_path, known, "China's total antimony exports fell 24.1% in 2024, the "
                  "data showed.", "2025-01-20")
    figures = [c for c in result.claims if c.predicate == "reported_trade_change"]
    assert [(c.valid_from.isoformat(), c.valid_to.isoformat()) for c in figures] == [
        ("2024-01-01", "2025-01-01")]


def test_a_share_keeps_no_period(tmp_path, known):
    """Look-alike: a share with no month or year gets no end."""
    result = read(tmp_path, known, "China controls nearly 90% of rare earth refining, the "
                  "ministry said on Monday.", "2025-10-20")
    assert all(c.valid_to is None for c in result.claims if c.predicate == "reported_share")


def test_a_users_article_has_the_same_origin_from_any_folder(tmp_path, run_cli, monkeypatch):
    """The snapshot built from a user's article is the same bytes from two folders (the
    article's origin is its file name, README "Loading news")."""
    from pathlib import Path

    graph = Path(__file__).parent / "data" / "news" / "graph"
    article = tmp_path / "a" / "news" / "oct.txt"
    article.parent.mkdir(parents=True)
    article.write_text("Title: Probe\nPublisher: Wire\nDate: 2025-10-20\n\nChina's exports of "
                       "rare earth magnets to the United States fell 29% year on year in "
                       "September, customs data showed.\n", encoding="utf-8")
    out = []
    for folder, given in ((tmp_path / "a", "news/oct.txt"), (tmp_path / "a" / "news",
                                                               "oct.txt")):
        monkeypatch.chdir(folder)
        target = tmp_path / f"g{len(out)}.json"
        result = run_cli("build", "--no-bundled", "--source", str(graph), "--source", given,
                         "--out", str(target))
        assert result.exit_code == 0, result.stderr
        out.append(target.read_bytes())
    assert out[0] == out[1]
    assert b'"oct.txt:' in out[0]


# ------------------------------------------------------------------ MED-3: the suspension
SUSPEND = ("China said on Friday it would suspend the export controls on rare earths "
           "announced on 9 October until 10 November 2026.")


def test_a_suspension_of_two_controls_of_one_announcement_stays_skipped(tmp_path, known):
    result = read(tmp_path, known, SUSPEND, "2025-11-08", gate=False)
    assert not [c for c in result.claims if c.predicate == "effective_to"]
    assert any(FOREIGN in s["reason"] and OCT_REE in s["reason"]
               for s in result.report["skipped"])


def test_a_suspension_of_the_one_control_of_its_announcement_is_read(tmp_path):
    graph = SupplyGraph([c for c in known_claims() if c.subject != FOREIGN])
    result = read(tmp_path, graph, SUSPEND, "2025-11-08", gate=False)
    # effective_to is the suspension's day, the day it was said (README conventions)
    assert {(c.subject, c.object.isoformat()) for c in result.claims
            if c.predicate == "effective_to"} == {(OCT_REE, "2025-11-07")}


def test_a_suspension_without_its_announcement_day_is_a_guess(tmp_path):
    """Look-alike: the topic alone, no announcement day, chooses nothing."""
    graph = SupplyGraph([c for c in known_claims() if c.subject != FOREIGN])
    result = read(tmp_path, graph, "China said on Friday it would suspend its export controls "
                  "on rare earths until 10 November 2026.", "2025-11-08", gate=False)
    assert not [c for c in result.claims if c.predicate == "effective_to"
                and c.subject == OCT_REE]


# ------------------------------------------------------------------ recall: magnets listed
@pytest.mark.parametrize("body", [
    "In April, Beijing imposed export restrictions on seven rare earth elements and magnets, "
    "widely seen as a reply to higher U.S. tariffs.",
    "Beijing in April put seven medium and heavy rare earths, including dysprosium and "
    "terbium, under export licensing, along with magnets that contain them.",
])
def test_magnets_listed_with_the_april_rare_earths_are_covered(tmp_path, known, body):
    got = scored(read(tmp_path, known, body, "2025-07-14").claims)
    assert (APRIL, "COVERS", "material:ndfeb-magnet", None, "2025-04-04", None, None,
            None) in got


@pytest.mark.parametrize("body", [
    # magnets not listed with the control's rare earths: their makers were hit
    "Beijing's April curbs on seven rare earth elements hit magnet makers hard.",
    # magnets of another sentence's subject, after a full stop
    "In April, Beijing imposed export restrictions on seven rare earth elements. Magnets "
    "exports fell.",
])
def test_magnets_not_listed_with_them_are_not(tmp_path, known, body):
    got = scored(read(tmp_path, known, body, "2025-07-14").claims)
    assert not [k for k in got if k[1] == "COVERS" and "magnet" in k[2]]
