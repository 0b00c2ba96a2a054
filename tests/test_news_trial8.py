"""Trial 8's news findings (docs/trial-8.md: HIGH-1, MED-1, LOW-5; trial 7's MED-2 and MED-3
as they still held), each probed with the trial's sentences and with look-alikes that must
not be read so.

- HIGH-1: "expanded its rare earths export controls ..., adding five new elements" (the five
  named in the next sentence) is the known control of five elements announced that day, never
  the rule on foreign-made items; the next sentence's five give its ``COVERS``;
- MED-1: "said ... it had approved a number of applications for rare earth exports, though it
  warned that licensing would remain strict" is the known decision of that day; every
  sentence that gives nothing is listed as skipped with a reason, and counted;
- LOW-5: "last week" dates no day; the buyers' country named before the applicants is the
  denial's target; a licence falls under a control in force on its day; an article's figure
  of a month holds until the next month's first day (``valid_to`` exclusive).
"""

from __future__ import annotations

from datetime import date

import pytest
from news_eval import scored
from test_news_trial6 import OCT, known_claims, read

from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.news import article_report_text

OCT_REE = "control:cn-2025-10-rare-earths"
FOREIGN = "control:cn-2025-10-extraterritorial"
APRIL = "control:cn-2025-04-rare-earths"
LEDE = ("BEIJING, Oct 9 (Reuters) - China dramatically expanded its rare earths export "
        "controls on Thursday, adding five new elements and extra scrutiny for semiconductor "
        "users, as Beijing tightens control over the sector ahead of talks with the U.S.")
FIVE = ("The five new elements - holmium, erbium, thulium, europium and ytterbium - join seven "
        "medium and heavy rare earths that were placed under restrictions in April.")


@pytest.fixture(scope="module")
def known():
    return SupplyGraph(known_claims())


# ------------------------------------------------------------------ HIGH-1
def test_five_new_elements_named_next_are_the_five_elements_control(tmp_path, known):
    result = read(tmp_path, known, f"{LEDE}\n\n{FIVE}", "2025-10-09")
    got = scored(result.claims)
    assert (OCT_REE, "ISSUED_BY", "country:CN", None, "2025-10-09", None, None, None) in got
    assert (OCT_REE, "announced_on", "2025-10-09", None, "2025-10-09", None, None, None) in got
    assert {k[2] for k in got if k[0] == OCT_REE and k[1] == "COVERS"} == {
        f"element:{s}" for s in OCT}
    assert not [c for c in result.claims if c.subject == FOREIGN]
    # every sentence gave a claim: none is listed as skipped
    assert not result.report["skipped"]


def test_the_lede_alone_is_the_five_elements_control(tmp_path, known):
    got = scored(read(tmp_path, known, LEDE, "2025-10-09").claims)
    assert {k[0] for k in got} == {OCT_REE}


@pytest.mark.parametrize("body", [
    # no count: which of the day's two rare-earth controls is a guess
    "China dramatically expanded its rare earths export controls on Thursday, as Beijing "
    "tightens control over the sector.",
    # a count no control of that day has
    "China expanded its rare earths export controls on Thursday, adding two new elements.",
])
def test_the_topic_alone_names_none_of_an_announcements_controls(tmp_path, known, body):
    result = read(tmp_path, known, body, "2025-10-09")
    assert not [c for c in result.claims if c.subject.startswith("control:")]
    assert [s["reason"] for s in result.report["skipped"]] == [
        "ambiguous: a known control found by its topic alone, one of an announcement's "
        f"several ({FOREIGN}, {OCT_REE})"]


def test_foreign_made_items_keep_the_foreign_rule(tmp_path, known):
    """Look-alike: the rule on foreign-made items, by its own words."""
    got = scored(read(tmp_path, known, "China expanded its rare earths export controls on "
                      "Thursday to foreign-made items containing Chinese rare earths.",
                      "2025-10-09").claims)
    assert {k[0] for k in got} == {FOREIGN}


@pytest.mark.parametrize("second", [
    # one of the five is not the control's: the list is not its own
    FIVE.replace("ytterbium", "lutetium"),
    # another count than the sentence before's: not those elements
    "The three new elements - holmium, erbium and thulium - join seven others.",
])
def test_elements_named_next_that_are_not_the_counted_ones(tmp_path, known, second):
    result = read(tmp_path, known, f"{LEDE}\n\n{second}", "2025-10-09")
    got = scored(result.claims)
    assert not [k for k in got if k[1] == "COVERS"]
    assert [s["line"] for s in result.report["skipped"]] == [7]


def test_the_new_curbs_take_effect_is_the_controls_entry_into_force(tmp_path, known):
    """oct.txt: "The new curbs take effect on December 1" after the five elements' lede is
    that control's entry into force as the article says; the gate withholds it against the
    graph's own date and the report names it."""
    result = read(tmp_path, known, "China on Thursday added five more rare earth elements to "
                  "its export control list, holmium, erbium, thulium, europium and ytterbium, "
                  "the commerce ministry said.\n\nThe new curbs take effect on December 1, the "
                  "ministry said in a statement.", "2025-10-09")
    assert [w["line"] for w in result.report["withheld"]] == [7]
    assert f"{OCT_REE} effective_from 2025-12-01" in result.report["withheld"][0]["claim"]
    without_gate = read(tmp_path, known, "China on Thursday added five more rare earth "
                        "elements to its export control list, holmium, erbium, thulium, europium "
                        "and ytterbium.\n\nThe new curbs take effect on December 1.",
                        "2025-10-09", gate=False)
    assert (OCT_REE, "effective_from", "2025-12-01", None, "2025-10-09", None, None, None) in \
        scored(without_gate.claims)


def test_new_curbs_with_no_control_in_hand_are_not_read(tmp_path, known):
    """Look-alike: no control in hand, "the new curbs" are no control's."""
    result = read(tmp_path, known, "The new curbs take effect on December 1, the ministry "
                  "said in a statement.", "2025-10-09", gate=False)
    assert not [c for c in result.claims if c.subject.startswith("control:")]
    assert [s["kind"] for s in result.report["skipped"]] == ["nothing found"]


# ------------------------------------------------------------------ MED-1
JUNE = ("BEIJING, June 12 (Reuters) - China's commerce ministry said on Thursday it had "
        "approved a number of applications for rare earth exports, though it warned that "
        "licensing would remain strict for military end users.")


def test_approved_applications_for_exports_are_the_known_decision(tmp_path, known):
    result = read(tmp_path, known, f"{JUNE}\n\nThe ministry did not say which companies "
                  "received licences.", "2025-06-12")
    assert result.report["decisions"] == ["licence:cn-2025-06-london-approvals approved"]
    assert [(s["line"], s["reason"]) for s in result.report["skipped"]] == [
        (7, "negated: no decision")]


@pytest.mark.parametrize("caveat", [
    "though it warned that licences would be revoked",
    "though it warned that it could deny more",
])
def test_a_caveat_that_hedges_keeps_the_sentence_unread(tmp_path, known, caveat):
    """Look-alike: a caveat that itself hedges or speaks of a step to come."""
    body = JUNE.replace("though it warned that licensing would remain strict for military end "
                        "users", caveat)
    result = read(tmp_path, known, body, "2025-06-12")
    assert not result.report["decisions"]
    assert [s["line"] for s in result.report["skipped"]] == [5]


def test_applications_for_exports_from_a_country_name_no_target(tmp_path, known):
    """Look-alike: "applications for exports from China" names the exporter, no buyer."""
    result = read(tmp_path, known, "The commerce ministry said on Thursday it had approved "
                  "applications for rare earth exports from China.", "2025-06-12")
    assert not [c for c in result.claims if c.predicate == "TARGETS"]


def test_every_sentence_not_read_is_listed_and_counted(tmp_path, known):
    result = read(tmp_path, known, "China said it would suspend the export controls on rare "
                  "earths, officials said, without giving a date.\n\nPrices in China were "
                  "little changed this week.\n\nAnalysts were not surprised.", "2025-11-08")
    assert [(s["line"], s["kind"]) for s in result.report["skipped"]] == [
        (5, "skipped"), (7, "nothing found"), (9, "nothing found")]
    assert [s["reason"] for s in result.report["skipped"]][1:] == [
        "nothing found: no event, figure or relation read",
        "nothing found: it names nothing the graph holds"]
    text = article_report_text(result.report)
    assert text.splitlines()[0].endswith("nothing added; 3 sentences skipped (reasons below)")
    assert "skipped line 9 (nothing found: it names nothing the graph holds)" in text


def test_boilerplate_and_nothing_found_alone_is_nothing_to_extract(tmp_path, known):
    result = read(tmp_path, known, "NdPr prices were little changed this week.\n\n"
                  "(Reporting by Beijing Newsroom; Editing by Example Editor)", "2025-09-26")
    assert [s["kind"] for s in result.report["skipped"]] == ["nothing found", "boilerplate"]
    assert article_report_text(result.report).endswith(
        "nothing to extract (1 sentence read); nothing added")


def test_the_report_reads_the_loaders_kind_of_skip():
    """One list of boilerplate reasons, the loader's: the report reads the ``kind`` field."""
    report = {"article": "a.txt", "sentences": 1, "claims_added": 0,
              "skipped": [{"line": 3, "sentence": "x", "reason": "whatever",
                           "kind": "boilerplate"}]}
    assert article_report_text(report) == "a.txt: nothing to extract (1 sentence read); " \
                                          "nothing added"
    report["skipped"][0]["kind"] = "skipped"
    assert article_report_text(report).startswith("a.txt: nothing added; 1 sentence skipped")


# ------------------------------------------------------------------ LOW-5
DENIAL = ("China's commerce ministry rejected licence applications for dysprosium exports from "
          "three US drone makers last week, a ministry spokesperson said on Friday.")


def test_last_week_dates_no_day_and_the_buyers_country_is_the_target(tmp_path, known):
    result = read(tmp_path, known, DENIAL, "2025-08-15")
    got = scored(result.claims)
    node = "licence:cn-2025-08-to-us-denied"
    assert (node, "TARGETS", "country:US", None, "2025-08-04", None, None, None) in got
    assert (node, "UNDER", APRIL, None, "2025-08-04", None, None, None) in got
    assert not [k for k in got if k[1] == "announced_on"]


def test_a_week_across_two_months_dates_nothing(tmp_path, known):
    """Look-alike: "last week" on 8 October 2025 is 29 September to 5 October: no month, no
    decision."""
    result = read(tmp_path, known, DENIAL.replace("on Friday", "on Wednesday"), "2025-10-08")
    assert not [c for c in result.claims if c.subject.startswith("licence:")]
    assert [s["reason"] for s in result.report["skipped"]] == [
        "not dated: a week across two months gives no month or day"]


def test_a_day_still_dates_the_decision(tmp_path, known):
    """Look-alike: "on Monday" is a day: the decision keeps its announced_on."""
    got = scored(read(tmp_path, known, DENIAL.replace("last week", "on Monday"),
                      "2025-08-15").claims)
    assert ("licence:cn-2025-08-11-to-us-denied", "announced_on", "2025-08-11", None,
            "2025-08-11", None, None, None) in got


def test_a_forecast_for_us_carmakers_falls_under_the_control_in_force(tmp_path, known):
    """fc.txt: the October rules (suspended, in force only from the suspension's end) are no
    licence's control on 3 November 2025; the April control, in force, is."""
    result = read(tmp_path, known, "China is expected to approve more rare earth export "
                  "licences for US carmakers after the Busan summit, analysts said on Monday.",
                  "2025-11-03")
    under = {c.object for c in result.claims if c.predicate == "UNDER"}
    assert under == {APRIL}
    assert all(c.qualifier("modality") == "expected" for c in result.claims
               if c.subject.startswith("licence:") and c.predicate != "label")


def test_a_licence_after_the_entry_into_force_keeps_its_control(tmp_path, known):
    """Look-alike: a licence named by the October items after the suspension's end is that
    control's."""
    result = read(tmp_path, known, "China approved export licences for holmium and erbium on "
                  "Monday, the commerce ministry said.", "2026-11-18", gate=False)
    assert {c.object for c in result.claims if c.predicate == "UNDER"} == {OCT_REE}


def test_a_monthly_figure_ends_on_the_next_months_first_day(tmp_path, known):
    result = read(tmp_path, known, "Exports of rare-earth magnets from China to the United "
                  "States fell 40% in July from a year earlier, customs data showed.",
                  "2025-08-15")
    figures = [c for c in result.claims if c.predicate == "reported_trade_change"]
    assert [(c.valid_from, c.valid_to) for c in figures] == [(date(2025, 7, 1),
                                                               date(2025, 8, 1))]


# ------------------------------------------------------------------ round 18 settled
@pytest.fixture(scope="module")
def test_graph():
    """The small known graph the rounds are read against (three known controls)."""
    from test_news_trial6 import GRAPH

    from mineralgraph.loaders.curated import load_curated

    return SupplyGraph(load_curated(GRAPH).claims)


def test_some_controls_name_none(tmp_path, test_graph):
    """Round 18's 384: "pause some export controls" after a meeting with the U.S. names no
    control (the December 2024 ban was found by the United States of another clause)."""
    result = read(tmp_path, test_graph, "Shipments to the U.S. recovered after China agreed to "
                  "pause some export controls following a meeting between President Xi Jinping "
                  "and U.S. counterpart Donald Trump.", "2026-01-20")
    assert not [c for c in result.claims if c.subject.startswith("control:")]
    assert [s["reason"] for s in result.report["skipped"]] == [
        "ambiguous: 'some controls' name none of them"]


def test_a_control_named_by_its_items_is_still_read(tmp_path, test_graph):
    """Look-alike: the suspended ban named by its items and target."""
    got = scored(read(tmp_path, test_graph, "China agreed on Sunday to suspend its ban on "
                      "exports of gallium, germanium and antimony to the United States.",
                      "2025-11-11").claims)
    assert ("control:cn-2024-12-us-military", "effective_to", "2025-11-09", None,
            "2025-11-09", None, None, None) in got


GA_GE = "control:cn-2023-07-gallium-germanium"


@pytest.mark.parametrize("since", ["August 2023", "1 August 2023"])
def test_a_state_since_its_entry_into_force_gives_no_entry_into_force(tmp_path, test_graph,
                                                                       since):
    """Round 18's 389 (open case 2): "The licensing requirements Beijing has applied to
    gallium and germanium since August 2023 remain in force" restates the July 2023 control's
    issuer and items, as a state: no effective_from."""
    got = scored(read(tmp_path, test_graph, "The licensing requirements Beijing has applied to "
                      f"gallium and germanium since {since} remain in force for all "
                      "destinations.", "2025-11-11").claims)
    assert got == {(GA_GE, "ISSUED_BY", "country:CN", None, "2023-07-03", None, None, None),
                   (GA_GE, "COVERS", "element:Ga", None, "2023-07-03", None, None, None),
                   (GA_GE, "COVERS", "element:Ge", None, "2023-07-03", None, None, None)}


def test_a_factbox_day_of_entry_into_force_is_still_read(tmp_path, test_graph):
    """Look-alike: a factbox line giving the day it took effect, no state."""
    got = scored(read(tmp_path, test_graph, "Gallium and germanium: announced on 3 July 2023, "
                      "licences required from 1 August 2023.", "2025-11-11").claims)
    assert (GA_GE, "effective_from", "2023-08-01", None, "2023-07-03", None, None, None) in got


def test_a_state_since_a_month_of_no_known_control_gives_nothing(tmp_path, test_graph):
    """Look-alike: no known control of that month."""
    result = read(tmp_path, test_graph, "The licensing requirements Beijing has applied to "
                  "gallium since March 2024 remain in force.", "2025-11-11")
    assert not scored(result.claims)


US_BAN = "control:cn-2024-12-us-military"


def test_a_suspension_the_speaker_announced_that_day(tmp_path, test_graph):
    """Round 18's 375: "China has suspended a ban on exports to the United States that covered
    gallium, germanium and antimony, ..., its commerce ministry announced on Sunday": Sunday
    is the suspension's day (the speaker's announcement), not a new control's."""
    got = scored(read(tmp_path, test_graph, "China has suspended a ban on exports to the United "
                      "States that covered gallium, germanium and antimony, metals that are vital "
                      "for chips, its commerce ministry announced on Sunday, in a further step "
                      "back from the trade war with Washington.", "2025-11-10").claims)
    assert (US_BAN, "effective_to", "2025-11-09", None, "2025-11-09", None, None, None) in got
    assert {k[0] for k in got} == {US_BAN}


def test_the_control_announced_in_a_relative_clause_keeps_its_day(tmp_path, test_graph):
    """Look-alike: ", which it announced on December 3, 2024" dates the control, not the
    suspension."""
    got = scored(read(tmp_path, test_graph, "China has suspended a ban on exports of gallium, "
                      "germanium and antimony to the United States, which it announced on "
                      "December 3, 2024.", "2025-11-10").claims)
    assert (US_BAN, "announced_on", "2024-12-03", None, "2024-12-03", None, None, None) in got
    assert not [k for k in got if k[1] == "effective_to"]


SUSPEND = ("China's decision to suspend its ban on exports of three critical minerals - gallium, "
           "germanium and antimony - to the United States has rippled through supply chains.")


def test_the_move_announced_next_dates_an_undated_suspension(tmp_path, test_graph):
    """Round 18's 389: "The move, announced by the Ministry of Commerce on November 9, 2025,
    sets aside the prohibition" dates the suspension of the sentence before."""
    got = scored(read(tmp_path, test_graph, f"{SUSPEND} The move, announced by the Ministry of "
                      "Commerce on November 9, 2025, sets aside the prohibition.",
                      "2025-11-11").claims)
    assert (US_BAN, "effective_to", "2025-11-09", None, "2025-11-09", None, None, None) in got


@pytest.mark.parametrize("body", [
    # no suspension before: the move is none known
    "China restated its ban on exports of gallium to the United States. The move, announced by "
    "the Ministry of Commerce on November 9, 2025, was expected.",
    # a sentence between: not the move of the suspension
    f"{SUSPEND} Traders were relieved. The move, announced on November 9, 2025, sets aside the "
    "prohibition.",
    # no day: a month
    f"{SUSPEND} The move, announced in November, sets aside the prohibition.",
])
def test_a_move_that_dates_no_undated_suspension(tmp_path, test_graph, body):
    got = scored(read(tmp_path, test_graph, body, "2025-11-11").claims)
    assert not [k for k in got if k[1] == "effective_to"]


def test_each_sentence_and_reason_is_listed_once(test_graph):
    """Two rules that skip one sentence alike list it once (round 18's 381 listed "The
    December volume was, however, 32 per cent higher ..." twice), so the count is of
    sentences."""
    from pathlib import Path

    from news_eval import NEW_CONTROLS

    from mineralgraph.loaders import LoadContext
    from mineralgraph.loaders.news import load_news

    path = Path(__file__).parent / "data" / "news" / "round18" / \
        "381-rare-earth-exports-2025-wire.txt"
    skipped = load_news(path, LoadContext(known=test_graph, options=dict(NEW_CONTROLS))
                        ).report["skipped"]
    keys = [(s["line"], s["sentence"], s["reason"]) for s in skipped]
    assert len(keys) == len(set(keys))
    assert any(s["sentence"].startswith("The December volume") for s in skipped)
