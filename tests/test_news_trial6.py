"""Trial 6's news findings (docs/trial-2026-11-28.md: H1, M1, M6, L4), each probed with
sentences written for these tests, and with look-alikes that must not be read so.

- H1: a forecast of a decision makes no node that reads as a decision: its label says it is
  expected or planned, ``show`` prints the modality; "approved more slowly" is no approval;
- M1: five elements "added ... taking effect on November 8" are the known control of that
  announcement whose items they are, not "ambiguous";
- M6 and L4: a decision matching a known one (day or month, issuer, control, grantees,
  targets, regions) is that one, sourced to the article; near ones are named in the report;
- L4: a negated clause followed by ", and it denied ..." leaves the denial to be read.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from news_eval import NEW_CONTROLS, scored

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import LoadContext
from mineralgraph.loaders.curated import load_curated
from mineralgraph.loaders.news import load_news, negated_clause_apart, regions_named

GRAPH = Path(__file__).parent / "data" / "news" / "graph"
SOURCE = ("source:test-graph",)
OCT = ("Ho", "Er", "Tm", "Eu", "Yb")


def _fact(subject, predicate, obj):
    return Claim(subject, predicate, obj, sources=SOURCE)


def known_claims():
    """The test graph and, as the bundled data holds them, the two controls announced on 9
    October 2025 and three licence decisions of June 2025."""
    extra = []
    for node, label, items in (
            ("control:cn-2025-10-rare-earths", "China export licensing of five further rare "
                                               "earths", OCT),
            ("control:cn-2025-10-extraterritorial", "China licensing of foreign-made items",
             OCT + ("Dy", "Tb", "Sm", "Gd", "Lu", "Sc", "Y"))):
        extra += [_fact(node, "label", label), _fact(node, "regime", "licence-required"),
                  _fact(node, "announced_on", date(2025, 10, 9)),
                  _fact(node, "effective_from", date(2026, 11, 10)),
                  _fact(node, "ISSUED_BY", "country:CN")]
        extra += [_fact(node, "COVERS", f"element:{s}") for s in items]
    for node, label, day in (
            ("licence:cn-2025-06-clepa-approvals", "Licence approvals for European auto "
                                                   "suppliers (June 2025)", 27),
            ("licence:cn-2025-06-us-approvals", "Licences approved for a US magnet maker", 27),
            ("licence:cn-2025-06-london-approvals", "China approves a number of rare-earth "
                                                    "export licences after the London talks", 12)):
        extra += [_fact(node, "label", label), _fact(node, "decision", "approved"),
                  _fact(node, "announced_on", date(2025, 6, day)),
                  _fact(node, "ISSUED_BY", "country:CN"),
                  _fact(node, "UNDER", "control:cn-2025-04-rare-earths")]
    extra.append(_fact("licence:cn-2025-06-us-approvals", "TARGETS", "country:US"))
    return list(load_curated(GRAPH).claims) + extra


@pytest.fixture(scope="module")
def known():
    return SupplyGraph(known_claims())


def read(tmp_path, known, body, published, gate=True):
    path = tmp_path / "t6.txt"
    path.write_text(f"Title: Probe\nPublisher: Wire\nDate: {published}\n\n{body}\n",
                    encoding="utf-8")
    return load_news(path, LoadContext(known=known, options={**NEW_CONTROLS,
                                                              "news_precision_gate": gate}))


# ------------------------------------------------------------------ H1
FORECAST = ("Licences for rare earths to U.S. carmakers are likely to be approved, two "
            "industry sources said on Thursday.")


def test_a_forecast_decision_is_labelled_as_one(tmp_path, known):
    result = read(tmp_path, known, FORECAST, "2025-10-09", gate=False)
    labels = [c for c in result.claims if c.predicate == "label"
              and c.subject.startswith("licence:")]
    assert labels and all("(expected, not a decision)" in str(c.object) for c in labels)
    facts = [c for c in result.claims if c.subject == labels[0].subject
             and c.predicate != "label"]
    assert facts and all(c.qualifier("modality") == "expected" for c in facts)


def test_a_decision_keeps_its_plain_label(tmp_path, known):
    """Look-alike: a decision reported by the ministry is no forecast."""
    result = read(tmp_path, known, "The commerce ministry said on Thursday it had approved "
                  "licences for rare earths to U.S. carmakers.", "2025-10-09", gate=False)
    labels = [str(c.object) for c in result.claims if c.predicate == "label"
              and c.subject.startswith("licence:")]
    assert labels and not any("not a decision" in label for label in labels)


@pytest.mark.parametrize("body", [
    # a forecast of a slower pace, a past slower pace, and a verb of slowing: three shapes
    "Analysts said licences for U.S. carmakers are likely to be approved more slowly in "
    "coming weeks, two industry sources said.",
    "Licences for U.S. carmakers were approved more slowly in September, the ministry said "
    "on Thursday.",
    "The ministry slowed approvals of rare earth licences for U.S. carmakers on Thursday.",
])
def test_a_slower_pace_of_approvals_is_no_approval(tmp_path, known, body):
    for gate in (False, True):
        result = read(tmp_path, known, body, "2025-10-09", gate=gate)
        assert not [c for c in result.claims if c.subject.startswith("licence:")]


def test_more_quickly_is_still_expedited(tmp_path, known):
    """Look-alike: "more quickly" is a decision to expedite (round 1's rule), not a pace
    withheld as "more slowly" is."""
    result = read(tmp_path, known, "The commerce ministry said on Thursday it would approve "
                  "licences for U.S. carmakers more quickly.", "2025-10-09", gate=False)
    assert any(c.predicate == "decision" and c.object == "expedited" for c in result.claims)


def test_show_prints_the_modality_of_a_forecast(tmp_path, known):
    from mineralgraph.graph.node_view import node_view
    from mineralgraph.reports.node import render_node

    result = read(tmp_path, known, FORECAST, "2025-10-09", gate=False)
    graph = SupplyGraph(known_claims() + result.claims)
    node = next(c.subject for c in result.claims if c.subject.startswith("licence:"))
    text = render_node(node_view(graph, node))
    assert "(expected, not a decision)" in " ".join(text.split())  # the heading may wrap
    assert "Forecasts, plans and speculation" in text
    assert "decision: approved (expected)" in text


# ------------------------------------------------------------------ M1
M1 = ("The commerce ministry said holmium, erbium, thulium, europium and ytterbium would be "
      "added to the list of seven rare earths it restricted in April, with the new rules "
      "taking effect on November 8.")


def test_five_elements_added_are_the_known_control_of_their_items(tmp_path, known):
    body = ("China on Thursday expanded its rare earth export controls, adding five new "
            "elements. " + M1)
    result = read(tmp_path, known, body, "2025-10-09")
    got = scored(result.claims)
    for symbol in OCT:
        assert ("control:cn-2025-10-rare-earths", "COVERS", f"element:{symbol}", None,
                "2025-10-09", None, None, None) in got
    assert not [k for k in got if k[0].startswith("control:") and k[0] not in (
        "control:cn-2025-10-rare-earths", "control:cn-2025-10-extraterritorial")]
    assert not any(s["reason"].startswith("ambiguous: items named")
                   for s in result.report["skipped"])
    # the article's entry into force is not taken over the graph's (suspended since): the
    # gate withholds it and the report names it
    assert any("effective_from 2025-11-08" in w["claim"] for w in result.report["withheld"])


def test_some_of_the_items_are_no_twin(tmp_path, known):
    """Look-alike: three of the five items, or the five and another, match no known control
    exactly; the sentence stays as it was read (ambiguous)."""
    for items in ("holmium, erbium and thulium", "holmium, erbium, thulium, europium, "
                                                  "ytterbium and lutetium"):
        body = ("China on Thursday expanded its rare earth export controls. The commerce "
                f"ministry said {items} would be added to the list of seven rare earths it "
                "restricted in April, with the new rules taking effect on November 8.")
        result = read(tmp_path, known, body, "2025-10-09", gate=False)
        assert not [k for k in scored(result.claims)
                    if k[0] == "control:cn-2025-10-rare-earths"]


# ------------------------------------------------------------------ M6 and L4
def test_a_decision_of_a_known_day_and_region_is_the_known_one(tmp_path, known):
    result = read(tmp_path, known, "China's commerce ministry said on Friday it had approved "
                  "export licences for rare earths to several European auto suppliers.",
                  "2025-06-27")
    subjects = {c.subject for c in result.claims if c.subject.startswith("licence:")}
    assert subjects == {"licence:cn-2025-06-clepa-approvals"}
    assert all(c.sources == (result.report["source"],) for c in result.claims
               if c.subject in subjects)


def test_a_decision_dated_by_its_month_matches_by_month_and_region(tmp_path, known):
    result = read(tmp_path, known, "In June the ministry said it had approved some export "
                  "licence applications for rare earths to European companies.", "2025-10-09",
                  gate=False)
    assert {c.subject for c in result.claims if c.subject.startswith("licence:")} == {
        "licence:cn-2025-06-clepa-approvals"}


@pytest.mark.parametrize("body, published", [
    # another day of the month, no region: a new decision, the near ones named
    ("China's commerce ministry said on Thursday it had approved export licences for rare "
     "earths.", "2025-06-20"),
    # the known day, but to U.S. firms, and no region: two known candidates or none
    ("China's commerce ministry said on Friday it had approved export licences for rare "
     "earths to Asian magnet makers.", "2025-06-27"),
])
def test_a_near_decision_is_new_and_named_as_a_possible_duplicate(tmp_path, known, body,
                                                                    published):
    result = read(tmp_path, known, body, published, gate=False)
    subjects = {c.subject for c in result.claims if c.subject.startswith("licence:")}
    assert subjects and not subjects & {"licence:cn-2025-06-clepa-approvals",
                                        "licence:cn-2025-06-us-approvals",
                                        "licence:cn-2025-06-london-approvals"}
    duplicates = result.report["possible_duplicates"]
    assert set(duplicates) == subjects
    assert "licence:cn-2025-06-clepa-approvals" in next(iter(duplicates.values()))


def test_a_forecast_matches_no_known_decision(tmp_path, known):
    result = read(tmp_path, known, "Licences for European auto suppliers are likely to be "
                  "approved on Friday, sources said.", "2025-06-26", gate=False)
    assert "licence:cn-2025-06-clepa-approvals" not in {c.subject for c in result.claims}


def test_regions_named():
    assert regions_named("approvals for European auto suppliers") == {"europe"}
    assert regions_named("EU firms and Asian buyers") == {"europe", "asia"}
    assert regions_named("after the London talks") == frozenset()


# ------------------------------------------------------------------ L4: clause negation
def test_a_denial_after_a_negated_clause_is_read(tmp_path, known):
    body = ("China's Commerce Ministry said on Thursday it has approved a number of "
            "applications for rare earth export licences. The ministry has not yet approved "
            "applications from U.S. defence contractors, and it denied a licence for a drone "
            "maker last week, a person familiar with the matter said.")
    result = read(tmp_path, known, body, "2025-06-20", gate=False)
    assert any(c.predicate == "decision" and c.object == "denied" for c in result.claims)
    assert not any(c.predicate == "decision" and c.object == "approved"
                   and "to-us" in c.subject for c in result.claims)


@pytest.mark.parametrize("sentence", [
    # a negation on both sides
    "The ministry has not approved the applications, and it has not denied them either.",
    # no decision of its own after the cut
    "The ministry has not yet approved applications, and traders said shipments stalled.",
    # the later clause is doubted
    "The ministry has not approved them, and it denied a licence, which was not confirmed.",
    # a question
    "Has the ministry not approved them, and it denied a licence?",
])
def test_a_negation_that_reaches_the_later_clause_keeps_the_sentence_whole(sentence):
    assert negated_clause_apart([sentence]) == [sentence]


# ------------------------------------------------------------------ round 16's misses
US_BAN = "control:cn-2024-12-us-military"


def _us_ban_claims(result):
    return {k for k in scored(result.claims) if k[0] == US_BAN}


@pytest.mark.parametrize("body", [
    # 345: an entry into force in the past, and an aside naming another country's curbs
    "China banned exports of antimony, gallium and germanium to the United States with effect "
    "from December 3, 2024, a response to Washington's curbs on chip sales to Chinese firms.",
    # 348: "last December", and the ban as the subject of a relative clause
    "The ban Beijing slapped on antimony, gallium and germanium shipments to the U.S. last "
    "December was meant to hurt.",
    # items listed before "shipments" after a plain verb, dated by a month and its year (the
    # body above tests the relative clause and "last December")
    "Beijing banned antimony, gallium and germanium shipments to the U.S. in December 2024.",
])
def test_the_known_december_2024_ban_restated(tmp_path, known, body):
    for gate in (False, True):
        got = _us_ban_claims(read(tmp_path, known, body, "2025-07-09", gate=gate))
        assert {k[2] for k in got if k[1] == "COVERS"} == {"element:Sb", "element:Ga",
                                                           "element:Ge"}
        assert (US_BAN, "TARGETS", "country:US", None, "2024-12-03", None, None, None) in got
        # no announcement is read from an entry into force or from a month
        assert not [k for k in got if k[1] == "announced_on"]


def test_an_entry_into_force_in_the_past_is_the_controls_own(tmp_path, known):
    got = _us_ban_claims(read(tmp_path, known, "China banned exports of antimony, gallium and "
                              "germanium to the United States with effect from December 3, "
                              "2024.", "2025-07-09", gate=False))
    assert (US_BAN, "effective_from", "2024-12-03", None, "2024-12-03", None, None,
            None) in got


@pytest.mark.parametrize("body, published", [
    # a day without its year: not read as a past entry into force
    ("China banned exports of antimony to the United States from December 3.", "2025-07-09"),
    # a future ban
    ("China will ban exports of antimony to the United States from December 3, 2025.",
     "2025-07-09"),
    # within a month of the article: news of the event, not a restatement
    ("China banned exports of antimony to the United States from December 3, 2024.",
     "2024-12-20"),
])
def test_a_past_entry_into_force_look_alike_is_not_dated_by_it(tmp_path, known, body,
                                                               published):
    from mineralgraph.loaders.dates import find_dates
    from mineralgraph.loaders.news import NewsReader

    reader = NewsReader.__new__(NewsReader)
    reader.article = type("A", (), {"published": date.fromisoformat(published)})()
    dates = find_dates(body, reader.article.published)
    assert reader.past_entry_into_force(body, dates) is None


def test_an_aside_names_no_issuer(tmp_path, known):
    """Look-alike: the possessor before the event is still its issuer."""
    got = scored(read(tmp_path, known, "Washington's ban on chip sales to China took effect on "
                      "December 2, 2024, a response to Beijing's curbs.", "2024-12-05",
                      gate=False).claims)
    assert not [k for k in got if k[1] == "ISSUED_BY" and k[2] == "country:CN"]


@pytest.mark.parametrize("text, published, expected", [
    ("last December", "2025-07-09", "2024-12-01"),
    ("since last February", "2026-01-08", "2025-02-01"),
    ("last July", "2025-07-09", "2024-07-01"),     # the month of the article: a year back
    ("last March", "2025-07-09", "2025-03-01"),
])
def test_last_and_a_month_name_is_the_latest_such_month_before(text, published, expected):
    from mineralgraph.loaders.dates import find_dates

    assert [d.isoformat() for d, _, _ in find_dates(text, date.fromisoformat(published))] == [
        expected]


@pytest.mark.parametrize("text", ["the last 12 months", "last week", "at last, May said"])
def test_last_without_a_month_name_is_no_month(text):
    from mineralgraph.loaders.dates import find_dates

    got = [d.isoformat() for d, _, _ in find_dates(text, date(2025, 7, 9))]
    assert got in ([], ["2025-06-30"])   # "last week" keeps its own reading (its Monday)


# ------------------------------------------------------------------ "both metals"
GA_GE = "control:cn-2023-07-gallium-germanium"
PAIR = ("China exported 6,480 kilograms of gallium and 4,702 kilograms of germanium in March "
        "2023. ")


def test_both_metals_are_the_two_goods_of_the_sentence_before(tmp_path, known):
    """Rounds 11 and 14 (243, 305): "Beijing introduced export licensing for both metals in
    August last year" restates the known July 2023 control's items."""
    for gate in (False, True):
        got = scored(read(tmp_path, known, PAIR + "Beijing introduced export licensing for both "
                          "metals in August last year, and the rules continue to weigh on the "
                          "market.", "2024-04-20", gate=gate).claims)
        assert {k[2] for k in got if k[0] == GA_GE and k[1] == "COVERS"} == {"element:Ga",
                                                                             "element:Ge"}


@pytest.mark.parametrize("before", [
    # three goods before: which two is a guess
    "China exported gallium, germanium and antimony in March 2023. ",
    # one other good in the sentence right before
    PAIR + "Antimony prices rose sharply. ",
    # the sentence before names none, and the article three
    "China exported gallium, germanium and antimony in March 2023. Prices rose sharply. ",
    # one good before
    "China exported 6,480 kilograms of gallium in March 2023. ",
])
def test_both_metals_without_a_pair_just_before_names_nothing(tmp_path, known, before):
    got = scored(read(tmp_path, known, before + "Beijing introduced export licensing for both "
                      "metals in August last year.", "2024-04-20", gate=False).claims)
    assert not [k for k in got if k[1] == "COVERS"]


def test_both_metals_after_a_sentence_naming_none_are_the_articles_two(tmp_path, known):
    """Rounds 11 and 14 (244, 304): "Japan was the largest buyer with 3,000 kilograms." then
    "Tensions rose again in December 2024, when Beijing banned exports of both metals to the
    United States": the two goods the article named."""
    body = (PAIR + "Japan was the largest buyer with 3,000 kilograms. Tensions rose again in "
            "December 2024, when Beijing banned exports of both metals to the United States.")
    got = scored(read(tmp_path, known, body, "2025-05-20", gate=True).claims)
    assert {k[2] for k in got if k[0] == US_BAN and k[1] == "COVERS"} == {"element:Ga",
                                                                          "element:Ge"}


def test_goods_of_its_own_are_not_replaced(tmp_path, known):
    got = scored(read(tmp_path, known, PAIR + "Beijing introduced export restrictions on both "
                      "metals and antimony in August last year.", "2024-04-20",
                      gate=False).claims)
    assert not [k for k in got if k[0] == GA_GE and k[1] == "COVERS" and k[2] == "element:Ge"]


# ------------------------------------------------------------------ "last month" as the month
def test_a_flow_stated_last_month_dates_the_next_sentences_figures(tmp_path, known):
    """Round 13's 275: the month reported is given only as "last month" in a sentence whose
    change (month on month) is no figure of its own."""
    body = ("China's exports of rare earth magnets to the US fell 11% last month from October. "
            "Total magnet exports rose 12% from October to 6,150 tons, the second-highest "
            "monthly figure on record.")
    for gate in (False, True):
        got = scored(read(tmp_path, known, body, "2025-12-21", gate=gate).claims)
        assert ("country:CN", "reported_quantity", "6150", "material:ndfeb-magnet",
                "2025-11-01", None, None, None) in got


@pytest.mark.parametrize("first", [
    # no flow: prices
    "Prices of rare earth magnets fell 11% last month from October.",
    # a flow to come, not one reported
    "China's exports of rare earth magnets are expected to fall next month.",
])
def test_no_flow_last_month_gives_no_month(tmp_path, known, first):
    body = first + " Total magnet exports rose 12% from October to 6,150 tons."
    got = scored(read(tmp_path, known, body, "2025-12-21", gate=False).claims)
    assert not [k for k in got if k[1] == "reported_quantity" and k[4] == "2025-11-01"]


# ------------------------------------------------------------------ a state after a figure
def test_a_known_control_restated_after_a_figure_is_read(tmp_path, known):
    """Round 14's 301: a share, then ", and it has required licences for gallium and germanium
    exports since August 2023"."""
    body = ("China controls over 98% of world gallium supply, and it has required licences for "
            "gallium and germanium exports since August 2023.")
    for gate in (False, True):
        got = scored(read(tmp_path, known, body, "2025-06-10", gate=gate).claims)
        assert (GA_GE, "ISSUED_BY", "country:CN", None, "2023-07-03", None, None, None) in got
        assert {k[2] for k in got if k[0] == GA_GE and k[1] == "COVERS"} == {"element:Ga",
                                                                             "element:Ge"}
        assert ("country:CN", "reported_share", "0.98", "element:Ga", None, None, None,
                None) in got


@pytest.mark.parametrize("body", [
    # another country's requirement
    "China controls over 98% of world gallium supply, and Japan has required licences for "
    "gallium exports since August 2023.",
    # a control the graph does not hold
    "China controls over 48% of world antimony supply, and it has required licences for "
    "antimony exports since September 2024.",
    # another time than the known control's
    "China controls over 98% of world gallium supply, and it has required licences for "
    "gallium exports since March 2025.",
])
def test_a_state_after_a_figure_look_alike_gives_no_control(tmp_path, known, body):
    got = scored(read(tmp_path, known, body, "2025-06-10", gate=False).claims)
    assert not [k for k in got if k[0].startswith("control:")]


# ------------------------------------------------------------------ "for the year as a whole"
@pytest.mark.parametrize("month, expected", [
    ("December", "2024-01-01"),   # December closes the year: its year (round 15's 325)
    ("June", None),               # the year is not over: which year's total? not read
])
def test_the_year_as_a_whole_after_december_is_decembers_year(tmp_path, known, month,
                                                              expected):
    body = (f"China exported 6,420 kilograms of gallium in {month}, almost 9% less than in "
            f"{month} 2023. For the year as a whole, exports came to 69,440 kilograms.")
    got = scored(read(tmp_path, known, body, "2025-01-21", gate=False).claims)
    annual = [k for k in got if k[1] == "reported_quantity" and k[2] == "69440"]
    if expected is None:
        assert annual == []
    else:
        assert annual == [("country:CN", "reported_quantity", "69440", "element:Ga", expected,
                           None, None, None)]


# ------------------------------------------------------------------ "below the level of"
def test_below_the_level_of_a_year_earlier_is_a_year_on_year_fall(tmp_path, known):
    """Round 15's 325: "December's germanium exports were 3,401 kilograms, close to 10% below
    the level of a year earlier"."""
    got = scored(read(tmp_path, known, "China exported 3,401 kilograms of germanium in "
                      "December, close to 10% below the level of a year earlier.", "2025-01-21",
                      gate=True).claims)
    assert ("country:CN", "reported_trade_change", "-0.1", "element:Ge", "2024-12-01", None,
            None, None) in got


@pytest.mark.parametrize("body", [
    # a price
    "China's germanium export prices were 10% below the level of a year earlier in December.",
    # against the month before
    "China exported 3,401 kilograms of germanium in December, 10% below the level of November.",
    # against a quantity of a month: no year-on-year cue read
    "China exported 107 tons of antimony in June, 97% below the 3,199 tons of March 2025.",
])
def test_below_without_a_year_earlier_is_no_trade_change(tmp_path, known, body):
    got = scored(read(tmp_path, known, body, "2025-07-21", gate=False).claims)
    assert not [k for k in got if k[1] == "reported_trade_change"]


# ------------------------------------------------------------------ round 17's shapes
def test_a_markdown_table_row_is_a_sentence_of_its_own(tmp_path, known):
    """Round 17's 352: a factbox table's rows were run together into one sentence, and the
    December 2024 ban's antimony went to the July 2023 control."""
    path = tmp_path / "table.md"
    path.write_text("---\ntitle: Probe\npublisher: Blog\ndate: 2025-06-23\n---\n\n"
                    "| Date | Step |\n| --- | --- |\n"
                    "| 3 July 2023 | China announced licence requirements for exports of gallium "
                    "and germanium, applying from 1 August 2023 |\n"
                    "| 3 December 2024 | China banned exports of gallium, germanium and antimony "
                    "to the United States |\n", encoding="utf-8")
    got = scored(load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS))).claims)
    assert {k[2] for k in got if k[0] == GA_GE and k[1] == "COVERS"} == {"element:Ga",
                                                                         "element:Ge"}
    assert {k[2] for k in got if k[0] == US_BAN and k[1] == "COVERS"} == {
        "element:Ga", "element:Ge", "element:Sb"}


@pytest.mark.parametrize("line, expected", [
    ("Published: 2025-11-07 \u00b7 Source: Department of Industrial Security", "2025-11-07"),
    ("New Delhi, 30 October 2025", "2025-10-30"),
    # look-alikes: a sentence, a figure's year, an ISO date with no label
    ("Exports rose in 2024, 30 October 2025", None),
    ("The rules of 2025-11-07 apply to exporters \u00b7 Source: MOFCOM", None),
])
def test_round_17s_date_lines(line, expected):
    from mineralgraph.loaders.articles import page_date

    got = page_date(line)
    assert (got.isoformat() if got else None) == expected


def test_yes_is_no_name(tmp_path, known):
    """Round 17's 358: "Yes, I can confirm that some Indian companies have received licences"
    made "Yes" an unresolved grantee."""
    result = read(tmp_path, known, "Official Spokesperson: Yes, I can confirm that some Indian "
                  "companies have received licences from China for importing rare earth "
                  "magnets.", "2025-10-30", gate=False)
    assert not any("Yes" in s["reason"] for s in result.report["skipped"])
    assert not any(u.startswith("Yes") for u in result.unresolved)


# ------------------------------------------------------------------ a year back, its own month
@pytest.mark.parametrize("compared, published, kept", [
    # the same month a year before the month reported, a month after it (round 17's 365)
    ("compared with 4,566 tons in the same month of 2024", "2025-05-09", True),
    # "below the 3,989 tons shipped in December 2023" in January 2025 (dev 126, 235)
    ("below the 4,566 tons shipped in April 2024", "2025-05-20", True),
    # two years back: a comparison's date, withheld
    ("compared with 4,566 tons in the same month of 2023", "2025-05-09", False),
    # more than fourteen months back
    ("below the 4,566 tons shipped in February 2024", "2025-05-20", False),
])
def test_a_compared_quantity_a_year_back_is_kept_with_its_own_month(tmp_path, known, compared,
                                                                    published, kept):
    body = f"China's exports of rare earths stood at 4,785 metric tons in April, {compared}."
    got = scored(read(tmp_path, known, body, published, gate=True).claims)
    assert any(k[1] == "reported_quantity" and k[2] == "4566" for k in got) == kept


# ------------------------------------------------------------------ a factbox's month label
def test_a_month_label_dates_the_factbox_line(tmp_path, known):
    """Round 17's 364: "March 2025: China exported 5,666.3 tonnes of rare earths, about 20%
    more than in March 2024" (a group of goods, in an article naming elements)."""
    body = ("Exports of dysprosium and terbium have all but stopped. March 2025: China exported "
            "5,666.3 tonnes of rare earths, about 20% more than in March 2024.")
    got = scored(read(tmp_path, known, body, "2025-05-12", gate=True).claims)
    assert ("country:CN", "reported_quantity", "5666.3", None, "2025-03-01", None, None,
            None) in got
    assert ("country:CN", "reported_trade_change", "0.2", None, "2025-03-01", None, None,
            None) in got


@pytest.mark.parametrize("text", ["March 2025 figures: exports rose", "Published March 2025: x",
                                  "The March 2025: x"])
def test_a_month_and_year_that_is_no_label_is_no_date(text):
    from mineralgraph.loaders.dates import find_dates

    assert find_dates(text, date(2025, 5, 12)) == []


def test_a_figure_naming_no_goods_in_an_article_about_some_stays_unread(tmp_path, known):
    """Look-alike: with no group named ("rare earths", "the 17 elements"), a figure in an
    article about elements names none of them: unread, as before."""
    body = ("Exports of dysprosium and terbium have all but stopped. China exported 5,666 "
            "tonnes in March, about 20% more than in March 2024.")
    got = scored(read(tmp_path, known, body, "2025-05-12", gate=False).claims)
    assert not [k for k in got if k[2] == "5666"]
