"""The news loader: claims, dates, names, and its precision and recall on annotated articles.

The articles in ``tests/data/news/articles/`` are wire-style reports written for these
tests (figures in ``tests/data/news/README.md``); ``tests/data/news/graph/`` is the small
known graph they are resolved against.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_eval import (
    HELDOUT,
    NEW_CONTROLS,
    articles,
    evaluate,
    read_expected,
    scored,
    withheld_expected,
)

from mineralgraph.claim import Claim
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


#: the reader's rules alone, before the precision gate (tests of a rule's reading; the gate
#: withholds some of what they read, tested in test_news_precision.py)
RULES_ONLY = {**NEW_CONTROLS, "news_precision_gate": False}


def load(data_dir, name, known, **options):
    return load_news(data_dir / "news" / "articles" / name,
                     LoadContext(known=known, options={**NEW_CONTROLS, **options}))


def facts(result, subject=None):
    return sorted((c.subject, c.predicate, str(c.object)) for c in result.claims
                  if subject is None or c.subject == subject)


# ------------------------------------------------------------------ the measured figures
#: The held-out figures recorded in tests/data/news/README.md: 40 articles (rounds 4-6), read
#: by the rules of today (their blind first runs are recorded there too).
#: with the precision gate (issue 15, precision first): 128/129 and 128/134 before it, 102/103
#: and 102/134 with the gate of the eighth pass (before items of a known control the graph
#: holds without items, and controls known by their entry into force, were kept)
HELDOUT_CLAIMS, HELDOUT_PRECISION, HELDOUT_RECALL = 134, 116 / 117, 116 / 134

#: Development articles whose claims differ from the annotation, and why (README "Misses").
KNOWN_MISSES = {
    "13-suspension.txt": "general licences put under the October control, not the April one",
    "18-dexter-licences.txt": "licences not tied to the April controls without 'since April'",
    "44-niron-gm.txt": "iron-nitride magnets read as NdFeB magnets",
    "54-entities-suspended.txt": "a ban's regime when the text only says 'measures'",
    "55-busan.md": "the date of a restated issuer of a control named by its month",
    "72-usa-rare-earth-lynas.txt": "'Texas' reported as an unresolved name",
    "77-entity-list.html": "a US control (the Entity List) is not read",
    "97-magnet-exports-tradepress.md": "a bullet figure with neither month nor 'year on year'",
    "116-syrah-balama-tradepress.md": "'graphite mine' names the element, not natural graphite",
    "140-mp-halts-yahoo.html": "the buyer ('China') named as a company only in the next sentence",
    "124-antimony-surge-metalswire.html": "the control known only by its entry into force in a "
                                          "clause of background ('ahead of export restrictions "
                                          "that take effect on Sept. 15') mints no node: its month "
                                          "came from the exports' 'in August' (the fifth pass)",
    "156-us-ore-imports.html": "'after falling to zero in June' in a sentence about July",
    "160-lynas-dy-magneticsmag.html": "'processes concentrate from Lynas' Mt Weld mine'",
    "168-antimony-h1-2025.html": "'cleared customs' as exports",
    "203-drc-extension-release.html": "a ban restated as 'Decision ... of 22 February 2025 on "
                                      "the temporary suspension of cobalt exports'",
    "205-cmoc-quota-tradepress.md": "a lift of a ban the graph lacks, restated without its item "
                                    "('the export ban imposed in February 2025'): not identified",
    "210-malaysia-ban-techpress.txt": "the ban 'since 2020' (a state) is dropped, but the one "
                                      "'in June' after it in the same sentence is not read",
    "212-philippines-bill-bworld.md": "a planned control whose issuer is a Senate bill, no country "
                                      "named ('a provision that would prohibit exports'); a share "
                                      "with no verb ('..., about 12% of global supply')",
    "214-september-magnets-asiacity.html": "'grew 27.9% to 1,288 tons' and 'took 854 tons, up "
                                           "84.5%': changes with no year-on-year cue",
    "215-september-magnets-telegraph.txt": "'the expanded rare earth controls' announced on Oct 9 "
                                           "with no control in hand",
    "218-vietnam-law-trt.html": "'The law takes effect' has no control word",
    "219-vietnam-law-businesstimes.md": "'moved to ban exports' is no announcement",
    "225-vietnam-law-digitimes.html": "'approved amendments that ... reaffirm a ban' is no "
                                      "announcement; its date is in the next sentence",
    # round 10 (226-241), folded after its blind run
    "226-gabon-manganese-wire.txt": "'will stop exporting raw manganese from January 1, 2029, "
                                    "after President ... ordered the ban ... on Friday': no "
                                    "control verb the reader knows, and the day is in the aside",
    "227-gabon-manganese-blog.md": "a plan to 'pass a law' banning exports 'if' ...: not read",
    "228-namibia-cabinet-official.html": "'Cabinet has approved a ban on exporting ...': "
                                         "'approved a ban' is read as no announcement",
    "230-graphite-december-wire.txt": "a control known only by its entry into force ('before "
                                      "the permit requirement for graphite took effect on "
                                      "December 1') mints no node: a restated control is no new "
                                      "one (round 11's lesson); the licence has no UNDER",
    "231-graphite-december-tradepress.html": "two partners with 'respectively' and 'All of "
                                             "December's ... went to South Korea: 948 tonnes' "
                                             "are not read; the control known only by its entry "
                                             "into force mints no node",
    "232-cobalt-imports-july-tradepress.md": "bullets 'Cobalt intermediate imports: 4,143 tonnes' "
                                             "with the country only in a heading; the DRC's ban "
                                             "skipped: China, named first, is not the subject of "
                                             "'announced'",
    "233-cobalt-congo-column.txt": "'suspended cobalt exports in February last year and "
                                   "replaced the suspension with a quota system': skipped as "
                                   "a replaced control",
    "234-antimony-june-rawmaterials.html": "'cleared Chinese customs' as exports (as 168); "
                                           "'China's decision in August 2024 to add antimony "
                                           "to its list'; 'estimated at above 85%'",
    "235-antimony-december-wire.txt": "'nothing went to the United States' (a zero in words); "
                                      "'with 48% of global mined supply' (no share verb); "
                                      "'began requiring licences ... under rules it announced "
                                      "in August' is not read",
    "236-gallium-germanium-reaction-aggregator.html": "'said ... that exporters ... will need "
                                                      "licences' is no announcement read (its "
                                                      "'and 68% of its refined germanium' is "
                                                      "read since the sixth pass)",
    "237-gallium-germanium-mofcom-official.html": "the answer's 'released the announcement on "
                                                  "3 July' names no items; the speaker label "
                                                  "of another paragraph is not reported",
    "238-india-ban-considered-news.html": "a planned ban from unnamed officials with no date "
                                          "of its own: not read",
    "240-magnet-permits-vw-wire.txt": "two unknown grantees whose names do not end like a "
                                      "company's; 'Beijing restricted shipments last month' "
                                      "as a restatement of the April control",
    # round 12 (251-270), folded after its blind run and the sixth pass
    "252-russia-uranium-official.html": "'The Government has introduced temporary restrictions "
                                        "...': a restatement-like perfect with no date of its "
                                        "own (the notice's day) mints no new control; 'Exports "
                                        "may be carried out on the basis of one-time licences' "
                                        "is read as a hedge",
    "253-irel-japan-news.html": "a planned ban asked by a government of its state miner, reported "
                                "by unnamed people ('has asked state-run miner IREL to halt its "
                                "exports'), is not read",
    "254-umicore-stl-release.md": "'Umicore will receive exclusive access to the germanium "
                                  "processed by STL': no supply verb; the planned supply is not "
                                  "read",
    "257-graphite-february-aggregator.html": "'In December they had plunged to 3,973 tons': a "
                                             "pronoun for the flow",
    "258-graphite-janfeb-tradepress.md": "a quantity compared with and no month of its own ('from "
                                         "1,017 tonnes') is skipped, not given the month of the "
                                         "clause before; 'December's 1,427 tonnes' (a month's "
                                         "possessive before a quantity)",
    "259-lynas-kalgoorlie-official.html": "ore 'from Mt Weld' feeding the plant is no supply verb "
                                          "(as dev 160)",
    "260-lynas-kalgoorlie-tradepress.txt": "'processes concentrate from ... Mt Weld' is no supply "
                                           "verb (as dev 160)",
    "262-antimony-japan-licence-blog.md": "'remain barred under the ban Beijing announced in "
                                          "December': the known No. 46 node of the test graph "
                                          "covers no antimony, so the restated item is not taken",
    "263-tungsten-japan-apt-tradepress.html": "the tungsten control known only by 'put ... in "
                                              "place in February 2025' in a clause of background "
                                              "is no new node; '782 tonnes in 2024' after 'from' "
                                              "in a sentence of a year-to-date total",
    "266-sojitz-lynas-wire.txt": "'Sojitz has begun importing heavy rare earths from Lynas': "
                                 "'importing ... from' is no supply verb the reader knows",
    "267-energy-fuels-posco-tradepress.html": "'Energy Fuels makes the oxide at its White Mesa "
                                              "Mill' ('the oxide' is no material name), "
                                              "'Chemours supplies it with monazite sand' (no "
                                              "object after the verb), 'POSCO' as the short "
                                              "name of a known company, and the mill's names",
    "268-gallium-germanium-2024-tradepress.html": "'Since December, exports of gallium and "
                                                  "germanium to the United States have been "
                                                  "officially prohibited': the known No. 46 node "
                                                  "covers neither; 'and germanium shipments "
                                                  "nearly 10% lower' has no verb",
    "269-sojitz-samarium-wire.txt": "'the rare earths it imports from Lynas', 'began importing "
                                    "... from the Australian miner': no supply verb the reader "
                                    "knows; a planned production of an element ('brought "
                                    "forward the start of samarium production') is not read",
    "270-umicore-stl-msp-official.html": "'Umicore will take the germanium processed by STL': no "
                                         "supply verb; the planned supply is not read",
}


@pytest.mark.parametrize("path", articles(), ids=lambda p: p.name)
def test_development_article_gives_exactly_its_expected_claims(path, known):
    """Every development article gives exactly the claims and unresolved names annotated
    in its ``.expected`` file (the few known misses are listed, with why), less the true
    claims marked ``# withheld: REASON`` that the precision gate does not add as facts."""
    expected, expected_unresolved = read_expected(path.with_suffix(".expected"))
    expected -= withheld_expected(path.with_suffix(".expected"))
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    got = scored(result.claims)
    names = {u.rsplit(" (", 1)[0] for u in result.unresolved}
    if path.name in KNOWN_MISSES:
        assert got != expected or names != expected_unresolved, \
            f"{path.name} is right now: take it out of KNOWN_MISSES"
        return
    assert sorted(got - expected, key=str) == [] and sorted(expected - got, key=str) == []
    assert names == expected_unresolved


def test_precision_and_recall_on_the_development_articles(known):
    """Floors under the figures in tests/data/news/README.md (228 articles, 888 claims, 886
    before the eleventh pass gave 224 its two restated items; with the precision gate of
    issue 15: 738/742 and 738/886 before it, 548/549 with the eighth pass's gate; 607/608
    on the eleventh pass; 887 claims since the thirteenth pass, dev 32's "last week" dating
    no day: 607/608)."""
    assert len(articles()) >= 60
    report: list[str] = []
    score = evaluate(known, report)
    assert score.tp + score.fn == 887
    assert score.precision >= 590 / 591, report
    assert score.recall >= 607 / 887, report
    assert score.unresolved_precision >= 84 / 86, report
    assert score.unresolved_recall >= 84 / 98, report


def test_held_out_articles_are_kept_apart_and_measured(known):
    """The held-out set (40 articles, each annotated before the rules of its time read it
    and measured blind once; rounds 4 and 5 were tuned on after that run, round 6 never)
    keeps at least the figures recorded in tests/data/news/README.md."""
    assert len(articles(HELDOUT)) == 40
    assert not {p.stem for p in articles(HELDOUT)} & {p.stem for p in articles()}
    score = evaluate(known, directory=HELDOUT)
    assert score.tp + score.fn == HELDOUT_CLAIMS
    assert score.precision >= HELDOUT_PRECISION
    assert score.recall >= HELDOUT_RECALL


ROUND10 = range(226, 242)
#: right claims of rounds 10 and 12 with the precision gate of issue 15 (39 and 48 before it;
#: 26 and 35 with the eighth pass's gate)
ROUND10_RIGHT, ROUND12_RIGHT = 29, 39


def test_blind_round_10_keeps_more_than_its_first_run(known):
    """Round 10 (16 articles by an author who never read the reader, now development articles
    226-241) was measured once on the rules of commit 4708532: 21 of 103 expected claims
    found, 17 wrong ones (240's three unknown grantees were added to its annotation after, as
    18's: 106 claims). Tuned on since; it must keep what it gives now and no wrong claim."""
    paths = [p for p in articles() if int(p.name.split("-")[0]) in ROUND10]
    assert len(paths) == 16
    score = evaluate(known, only={p.name for p in paths})
    assert score.tp + score.fn == 106
    assert score.tp >= ROUND10_RIGHT and score.fp == 0


ROUND11 = Path(__file__).parent / "data" / "news" / "round11"


def test_blind_round_11_keeps_its_measured_figures(known):
    """Round 11 (20 articles by an author who never read the reader) was measured blind at
    cfbc225 (66 of 150 right, 19 wrong) and at 0bfb169 (66 right, 15 wrong; not fully blind),
    then studied and tuned on in the fifth pass (tests/data/news/README.md): 74 right, none
    wrong (152 claims since 239's two figures of "rare earth products", a group, were annotated
    as dev 89's). A change that loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND11)) == 20
    score = evaluate(known, directory=ROUND11)
    assert score.tp + score.fn == 152
    assert score.tp >= 76 and score.fp == 0   # 75 before the precision gate, 60 with the
    # eighth pass's gate, 70 on the tenth, 76 on the eleventh (news6)


ROUND12 = range(251, 271)


def test_blind_round_12_keeps_its_measured_figures(known):
    """Round 12 (20 articles by an author who never read the reader, now development articles
    251-270) measured blind once on the fifth pass's final rules: 21 of 82 right, 8 wrong (16
    and 15 at 16b14c4, before the pass). Studied and tuned on in the sixth pass, then folded
    (tests/data/news/README.md): its eight wrong claims, each of a class now fixed by a
    general rule, are gone, and 42 are right. A change that loses a right claim or adds a
    wrong one fails."""
    paths = [p for p in articles() if int(p.name.split("-")[0]) in ROUND12]
    assert len(paths) == 20
    score = evaluate(known, only={p.name for p in paths})
    assert score.tp + score.fn == 82
    assert score.tp >= ROUND12_RIGHT and score.fp == 0


ROUND13 = Path(__file__).parent / "data" / "news" / "round13"


def test_blind_round_13_keeps_its_measured_figures(known):
    """Round 13 (20 articles, 271-290, by an author who never read the reader nor its tests)
    measured blind once by the lead on the sixth pass's final rules: 43 of 123 right, 21 wrong
    (41 and 21 at 8194684, before the pass; tests/data/news/README.md lists the wrong claims
    by class). Studied and tuned on in the seventh pass (fitted, no longer blind): 50 right,
    0 wrong. A change that loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND13)) == 20
    score = evaluate(known, directory=ROUND13)
    assert score.tp + score.fn == 123
    assert score.tp >= 50 and score.fp == 0   # 50 before the precision gate, 27 with the
    # eighth pass's gate, 45 on the tenth (news5), 49 on the eleventh (news6), 50 on the twelfth


ROUND14 = Path(__file__).parent / "data" / "news" / "round14"


def test_blind_round_14_keeps_its_measured_figures(known):
    """Round 14 (20 articles, 291-310, by an author who never read the reader) measured blind
    once: 40 of 167 right, 8 wrong at b0f6acc; 30 right, 6 wrong on the eighth pass (b5718b6),
    13 articles refused for a date line the reader did not read. Studied and tuned on in the
    news3 pass (fitted, no longer blind): 52 right, 0 wrong; 57 right once the gate keeps a
    new control known by its entry into force (the news pass). A change that loses a right
    claim or adds a wrong one fails."""
    assert len(articles(ROUND14)) == 20
    score = evaluate(known, directory=ROUND14)
    # 167 until the eleventh pass left out 10 month-on-month changes
    assert score.tp + score.fn == 157
    assert score.tp >= 76 and score.fp == 0   # 67 on the tenth pass (news5), 75 on the eleventh,
    # 76 on the twelfth (news7: magnets listed with the April rare earths)


ROUND15 = Path(__file__).parent / "data" / "news" / "round15"


def test_blind_round_15_keeps_its_measured_figures(known):
    """Round 15 (20 articles, 311-330, by an author who never read the reader) measured blind
    once: 16 of 124 right, 4 wrong at 62177ab and on the ninth pass (ff6a2a6), 326 refused for
    a byline with its desk ("by M. Han, Asia Equities"). Studied and tuned on in the news4 pass
    (fitted, no longer blind): 325's approximations annotated as written (dev 268's
    convention, +3) and Lynas' operating licence taken out (no export licence, -11): 116
    claims; 17 right, 0 wrong. A change that loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND15)) == 20
    score = evaluate(known, directory=ROUND15)
    # 116 until the eleventh pass left out 8 month-on-month changes
    assert score.tp + score.fn == 108
    assert score.tp >= 32 and score.fp == 0   # 28 on the tenth pass (news5), 31 on the eleventh,
    # 32 on the twelfth (news7)


ROUND16 = Path(__file__).parent / "data" / "news" / "round16"


def test_blind_round_16_keeps_its_measured_figures(known):
    """Round 16 (20 articles, 331-350, by an author who never read the reader) measured blind
    once by the lead on the tenth pass's checkpoint (531a476): 16 of 92 right, 2 wrong (343's
    Japan ban dated by the article's summary bullet where the body says "on Tuesday, January
    6"). Studied and tuned on in the same pass (fitted, no longer blind): 18 right, 0 wrong.
    A change that loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND16)) == 20
    score = evaluate(known, directory=ROUND16)
    # 92 until the eleventh pass left out 2 month-on-month changes
    assert score.tp + score.fn == 90
    assert score.tp >= 35 and score.fp == 0   # 18 on the tenth pass, 35 on the eleventh


ROUND17 = Path(__file__).parent / "data" / "news" / "round17"


def test_blind_round_17_keeps_its_measured_figures(known):
    """Round 17 (20 articles, 351-370, by an author who never read the reader) measured blind
    once by the lead on the eleventh pass's checkpoint (d13e9bc): 56 of 133 right, 2 wrong
    (352's factbox table rows run together, giving the July 2023 control the December 2024
    ban's antimony; 369's issuer of the April control restated by its month with no item,
    which the README's convention gives and the round's annotation does not). Studied and
    tuned on in the same pass (fitted): 65 right, 1 wrong (369's). The twelfth pass settled
    369 by the convention (its annotation gained the issuer: 134 claims), so 66 right, none
    wrong. A change that loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND17)) == 20
    score = evaluate(known, directory=ROUND17)
    assert score.tp + score.fn == 134
    assert score.tp >= 68 and score.fp == 0   # 68 with the twelfth pass's magnets rule


ROUND18 = Path(__file__).parent / "data" / "news" / "round18"


def test_round_18_keeps_its_fitted_figures(known):
    """Round 18 (20 articles, 371-390, by an author who never read the reader) scored blind
    by the lead before the thirteenth pass saw it: 35 of 95 right, 3 wrong on main (0d32e28),
    36 right, 3 wrong on the twelfth pass (5db5661). The three wrong claims were two errors,
    settled in the thirteenth pass against the conventions (round18/README.md, open case 2;
    "some export controls" name none): fitted, 36 right, none wrong; 43 with the suspensions
    of 375 and 389 dated (the speaker's "announced on Sunday"; "The move, announced ... on
    November 9, 2025"). A change that loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND18)) == 20
    # 378 (a dateline without its year, "New Delhi [India], November 26 (NewsWire Asia):", the
    # page naming no year) is refused in one line; 377 ("Posted On: 26 NOV 2025 3:41PM by PIB
    # Delhi") is read since the fourteenth pass; both are annotated with no claim
    refused = {"378-india-magnet-scheme-likely-wire.txt"}
    with pytest.raises(InputError, match="the dateline's 'November 26' gives no year"):
        evaluate(known, directory=ROUND18, only=refused)
    score = evaluate(known, directory=ROUND18,
                     only={p.name for p in articles(ROUND18)} - refused)
    assert score.tp + score.fn == 94   # 95 until 383's "after Beijing's April curbs" (a time)
    assert score.tp >= 52 and score.fp == 0   # 43 on the thirteenth pass; 52 on the
    # fourteenth (381's and 383's figures of "last year", "up 12.9% on 2024"; 384's "The
    # December data", "5,933 tons went to the U.S."; 388's "In 2025, exports ... added 12.9%")


ROUND19 = Path(__file__).parent / "data" / "news" / "round19"


def test_round_19_keeps_its_fitted_figures(known):
    """Round 19 (20 articles, 391-410, by an author who never read the reader) scored blind
    by the lead before the fourteenth pass saw it: 22 of 91 right, 1 wrong (396's "graphite
    itself was not banned" read as the December 2024 ban's COVERS element:C), five articles
    refused for date shapes the loader did not read. Fitted in the fourteenth pass: a negated
    covering is no covering (none wrong); four of the five dated (400's dateline "New Delhi,
    Oct 31 (Agency)" has no year and the page names none: refused in one line). A change that
    loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND19)) == 20
    refused = {"400-india-magnet-licences-agency-wire.txt"}
    with pytest.raises(InputError, match="the dateline's 'Oct 31' gives no year"):
        evaluate(known, directory=ROUND19, only=refused)
    score = evaluate(known, directory=ROUND19,
                     only={p.name for p in articles(ROUND19)} - refused)
    assert score.tp + score.fn == 91 - 6   # 400's six claims
    assert score.tp >= 47 and score.fp == 0   # 22 blind; 26 with 393's decision read past
    # its closing "though it gave no figure ... and would not say whether ..."; 29 with 391's
    # April control found by its day ("on Friday ... with immediate effect"); 34 with 392's
    # July 2023 control by its day ("announced the curbs on 3 July") and "They cover ...";
    # 36 with 398's "March magnet exports from China: 5,238 tonnes, down 1.6% ..."; 38 with
    # 397's "dropping 9.5% from February to 406 tons, the lowest in nine months"; 42 with
    # 406's forecast ("Beijing is expected to approve ... for the Chinese suppliers of German
    # carmakers ..., though they cautioned that ... might be small"); 43 with 394's April
    # figure beside ", while exports for the first four months ..."; 47 with 394's decision
    # ("has signed off on a number of export licence applications")



ROUND20 = Path(__file__).parent / "data" / "news" / "round20"


def test_round_20_keeps_its_figures(known):
    """Round 20 (20 articles, 411-430, by an author who never read the reader) scored blind
    on the fourteenth pass: 24 of 95 right, none wrong, eight articles refused for date lines
    the loader did not read. With the page's date read from any line of its head that
    carries one full date (datefix), none is refused: 31 right; 32 with an importer's own
    office ("from the General Administration of Customs") no partner. The two wrong claims
    are 425's July 2023 control restated by "Since summer 2023 every germanium cargo leaving
    China has needed a licence", which the tenth pass's convention gives and the round's
    annotation leaves open (its case 5). A change that loses a right claim or adds another
    wrong one fails."""
    assert len(articles(ROUND20)) == 20
    report: list[str] = []
    score = evaluate(known, report, directory=ROUND20)
    assert score.tp + score.fn == 95
    assert score.tp >= 32
    assert [line for line in report if ": extra " in line] == [
        "425-germanium-h1-destinations-social-post.md: extra ('control:cn-2023-07-gallium-"
        "germanium', 'COVERS', 'element:Ge', None, '2023-07-03', None, None, None)",
        "425-germanium-h1-destinations-social-post.md: extra ('control:cn-2023-07-gallium-"
        "germanium', 'ISSUED_BY', 'country:CN', None, '2023-07-03', None, None, None)"]

ROUND21 = Path(__file__).parent / "data" / "news" / "round21"


def test_round_21_keeps_its_figures(known):
    """Round 21 (20 articles, 431-450, by an author who never read the reader) scored blind
    on the lead after datefix: 19 of 67 right, 4 wrong (448's quantities given the magnets the
    minerals are used in; 444's year-to-date change read as October's), four articles refused
    for their date. Fitted in the fifteenth pass: none wrong; 446's date read under its long
    headline; 436 and 450 (dated only '2 days ago', '3w') and 433 (a dateline with no year, the
    page naming none) refused in one line each. A change that loses a right claim or adds a
    wrong one fails."""
    assert len(articles(ROUND21)) == 20
    refused = {"433-mp-maaden-saudi-refinery-wire.txt": "the dateline's 'Nov 19' gives no year",
               "436-minamitorishima-mud-aggregator.html": "dates itself only as '2 days ago'",
               "450-lithium-carbonate-imports-september2025-social-post.md":
                   "dates itself only as '3w'"}
    for name, why in refused.items():
        with pytest.raises(InputError, match=why):
            evaluate(known, directory=ROUND21, only={name})
    score = evaluate(known, directory=ROUND21,
                     only={p.name for p in articles(ROUND21)} - set(refused))
    assert score.tp + score.fn == 67 - 7   # 450's seven claims
    assert score.tp >= 37 and score.fp == 0   # 19 blind (4 wrong); 20 with no use read as the
    # goods and no span of months read as a month; 26 with 'mostly to ...' no partner, 'sold
    # ... abroad', 'shipped out'; 31 with a sentence naming no goods continuing the group
    # total before it and 'than in July last year'; 32 with 'less than 1%'; 36 with each
    # clause's origin of the imports in hand ('imports from Chile were ...; imports from ...');
    # 37 with 446's 'where it will make sintered neodymium magnets' (planned, no date)

ROUND22 = Path(__file__).parent / "data" / "news" / "round22"


def test_round_22_keeps_its_figures(known):
    """Round 22 (20 articles, 451-470, by an author who never read the reader) scored blind
    on the lead after the fifteenth pass: 16 of 55 right, 1 wrong (468's regime, settled as a
    convention from round 23 on; its annotation is unchanged), 456 and 464 refused for their
    date. Fitted in the sixteenth pass: both read; 461 dated by its head, not by trafilatura's
    1 January. A change that loses a right claim or adds a wrong one fails."""
    assert len(articles(ROUND22)) == 20
    report: list[str] = []
    score = evaluate(known, report, directory=ROUND22)
    assert score.tp + score.fn == 55
    assert score.tp >= 26   # 16 blind; 23 with 456's and 464's dates; 26 with 461's control
    # that 'began controlling exports' and its date read from its head
    assert [line for line in report if ": extra " in line] == [
        "468-japan-resilience-history-column.md: extra ('control:cn-2026-01-export-controls', "
        "'regime', 'ban', None, None, None, None, None)"]


@pytest.mark.parametrize("path", articles(), ids=lambda p: p.name)
def test_every_article_loads_to_valid_claims(path, known):
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert check_claims(list(known.claims) + result.claims) == []
    for claim in result.claims:
        assert len(claim.sources) == 1 and claim.sources[0].startswith("source:")
        if claim.predicate in ("COVERS", "SUPPLIES", "decision", "announced_on"):
            assert claim.quote and claim.quote in path.read_text(encoding="utf-8") \
                or path.suffix == ".md"


def test_loading_is_deterministic(known):
    for path in articles() + articles(HELDOUT):
        first = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
        second = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
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
    result = load(data_dir, "13-suspension.txt", known, news_precision_gate=False)
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
    """The reader's rules make a node of an unknown grantee; the precision gate withholds it
    (issue 15: an unknown grantee is reported unresolved, no node invented)."""
    result = load(data_dir, "18-dexter-licences.txt", known, news_precision_gate=False)
    assert result.unresolved == [
        "CLEPA (line 5)",
        "Dexter Magnetic Technologies (line 7; new company:dexter-magnetic-technologies)"]
    assert ("company:dexter-magnetic-technologies", "label", "Dexter Magnetic Technologies") \
        in facts(result)
    gated = load(data_dir, "18-dexter-licences.txt", known)
    assert gated.unresolved == ["CLEPA (line 5)", "Dexter Magnetic Technologies (line 7)"]
    assert not [c for c in gated.claims if "dexter" in c.subject or "dexter" in str(c.object)]


def test_mountain_pass_stands_for_mp_materials_where_a_company_is_needed(tmp_path, known):
    path = tmp_path / "mp.txt"
    path.write_text("Title: Licence for Mountain Pass\nDate: 2025-06-20\n\n"
                    "MOFCOM approved export licences for Mountain Pass on Friday.\n",
                    encoding="utf-8")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
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
    assert [f for f in facts(result, source) if f[1] != "MENTIONS"] == [
        (source, "published", "2023-10-20"), (source, "publisher", "Reuters"),
        (source, "source_type", "press"),
        (source, "title", "China requires export permits for some graphite products"),
        (source, "url", "https://example.org/2023/10/20/china-graphite-permits")]
    assert all(c.sources == (source,) for c in result.claims)


def test_article_without_a_date_is_one_line(data_dir, known):
    path = data_dir / "news" / "no-date.txt"
    with pytest.raises(InputError) as info:
        load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
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
                       LoadContext(known=known, options={**NEW_CONTROLS,
                                                         "article_date": date(2025, 6, 20)}))
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
    assert len(claims) == 6 and unresolved == {"Geological Survey"}
    assert ("country:CN", "reported_share", "0.98", "element:Ga", None, None, None,
            None) in claims


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
    october = load(data_dir, "14-october-package.md", known, news_precision_gate=False)
    november = load(data_dir, "13-suspension.txt", known, news_precision_gate=False)
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
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert check_claims(list(known.claims) + result.claims) == []


# ------------------------------------------------------------------ issue 15: precise first
def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_forecast_is_kept_with_its_modality_and_is_never_a_decision(data_dir, known):
    result = load(data_dir, "09-permits-easier.txt", known)
    node = "licence:cn-2025-05-13-to-us-expediting-expected"
    decision = [c for c in result.claims if c.subject == node and c.predicate == "decision"]
    assert [(c.object, c.qualifier("modality")) for c in decision] == [("expedited",
                                                                          "expected")]
    assert all(c.qualifier("modality") == "expected" for c in result.claims
               if c.subject == node and c.predicate != "label")
    assert not [c for c in result.claims if c.subject == node and c.predicate == "announced_on"]
    assert result.report["decisions"] == []
    assert result.report["modal"] == [f"{node} expedited (expected)"]


def test_a_decision_from_an_official_source_is_a_decision(data_dir, known):
    result = load(data_dir, "08-licences-approved.html", known)
    decision = [c for c in result.claims if c.predicate == "decision"]
    assert [(c.object, c.qualifier("modality")) for c in decision] == [("approved", None)]


def test_bullets_are_sentences_of_their_own(tmp_path, known):
    path = write(tmp_path, "b.md", "---\ntitle: Licences\ndate: 2025-12-02\n---\n\n"
                 "**Key points**\n\n- China approved export licences for JL Mag on Monday\n"
                 "- MP Materials shares rose 3%\n- Lynas unchanged\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    granted = sorted(str(c.object) for c in result.claims if c.predicate == "GRANTED_TO")
    assert granted == ["company:jl-mag"]
    assert {c.quote for c in result.claims if c.predicate == "GRANTED_TO"} == {
        "China approved export licences for JL Mag on Monday"}


def test_boilerplate_is_left_out_and_reported_with_its_reason(tmp_path, known):
    path = write(tmp_path, "d.md", "---\ntitle: T\ndate: 2025-06-13\n---\n\n"
                 "China approved export licences for JL Mag on Thursday.\n\n"
                 "Disclaimer: not investment advice. Licences approved for Tesla.\n\n"
                 "Tags: Tesla, MP Materials\n\n(Reporting by A. Writer)\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in result.claims if str(c.object) == "company:tesla"]
    assert [(s["line"], s["reason"]) for s in result.report["skipped"]] == [
        (8, "disclaimer"), (10, "tag list"), (12, "credits")]


def test_html_title_is_the_article_not_a_button_and_navigation_is_left_out(tmp_path, known):
    path = write(tmp_path, "p.html", "<html><head><title>Get a Quote | Hub</title>"
                 '<meta property="og:title" content="China approves licences">'
                 '<meta property="article:published_time" content="2025-06-13T08:00:00Z">'
                 "</head><body><nav><a href='/'>Home</a> Licences approved for Tesla</nav>"
                 "<button>Get a Quote</button><article><p>China approved export licences for "
                 "JL Mag on Thursday, the commerce ministry said.</p></article></body></html>")
    article = read_article(path)
    assert article.title == "China approves licences"
    assert article.published == date(2025, 6, 13)
    assert [text for _, text in article.paragraphs] == [
        "China approved export licences for JL Mag on Thursday, the commerce ministry said."]


def test_figures_are_claims_of_the_article_beside_the_statistics(data_dir, known, tmp_path):
    from mineralgraph.graph.node_view import node_view

    result = load(data_dir, "51-magnet-statistics.md", known)
    figures = [c for c in result.claims if c.predicate.startswith("reported_")]
    assert [(c.subject, c.predicate, c.object, c.qualifier("partner"), c.qualifier("period"),
             c.valid_from) for c in figures] == [
        ("country:CN", "reported_trade_change", -0.93, "country:US", "2025-05",
         date(2025, 5, 1))]
    assert not [c for c in result.claims if c.predicate in ("PRODUCES", "EXPORTS_TO")]
    statistical = Claim("country:CN", "PRODUCES", "material:ndfeb-magnet",
                        (("share", 0.92), ("year", 2024)), ("source:test-graph",))
    graph = SupplyGraph(list(known.claims) + [statistical] + result.claims)
    shares = [c.qualifier("share") for c in graph.relation_claims(
        "material:ndfeb-magnet", "PRODUCES", incoming=True)]
    assert shares == [0.92]   # the article's figure never replaces the statistical one
    view = node_view(graph, "country:CN")
    text = str(view)
    assert "reported_trade_change" in text and "PRODUCES" in text


def test_the_article_date_stands_in_only_when_the_text_gives_none_and_is_marked(tmp_path,
                                                                                 known):
    path = write(tmp_path, "t.txt", "Title: T\nDate: 2025-04-23\n\n"
                 "Tesla is applying to Beijing for an export licence for rare-earth magnets.\n\n"
                 "Beijing approved export licences for JL Mag on Monday.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    decisions = sorted((c.object, c.valid_from, c.qualifier("dated_by")) for c in result.claims
                       if c.predicate == "decision")
    assert decisions == [("approved", date(2025, 4, 21), None),
                         ("under-review", date(2025, 4, 23), "article")]


def test_reported_speech_keeps_the_date_of_the_statement(data_dir, known):
    result = load(data_dir, "07-tesla-optimus.txt", known)
    review = [c for c in result.claims if c.predicate == "decision"]
    assert [(c.object, c.valid_from, c.qualifier("dated_by")) for c in review] == [
        ("under-review", date(2025, 4, 22), None)]   # "Musk told analysts" on Tuesday


def test_an_article_dated_bullet_gives_way_to_the_same_fact_dated_in_the_text(tmp_path,
                                                                                known):
    path = write(tmp_path, "s.md", "---\ntitle: T\ndate: 2025-11-10\n---\n\n"
                 "- MOFCOM suspends the ban in Announcement No. 46\n\n"
                 "China's commerce ministry said on Sunday it had suspended the ban in "
                 "Announcement No. 46 with immediate effect.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    ends = [(c.object, c.qualifier("dated_by")) for c in result.claims
            if c.predicate == "effective_to"]
    assert ends == [(date(2025, 11, 9), None)]


def test_the_same_event_from_two_articles_is_one_node_with_two_sources(data_dir, known,
                                                                        tmp_path):
    other = write(tmp_path, "w.txt", "Title: Beijing approves some rare-earth licences\n"
                  "Publisher: Example Wire\nDate: 2025-06-13\n\nChina's commerce ministry "
                  "said on Thursday it had approved some rare-earth export licence "
                  "applications.\n")
    first = load(data_dir, "08-licences-approved.html", known)
    second = load_news(other, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    node = "licence:cn-2025-06-12-exports-approved"
    decisions = [c for c in first.claims + second.claims
                 if c.subject == node and c.predicate == "decision"]
    assert len({c.sources for c in decisions}) == 2
    graph = SupplyGraph(list(known.claims) + first.claims + second.claims)
    assert len(graph.ids("LicenceDecision")) == 1


def test_near_misses_resolve_and_weak_matches_are_rejected(tmp_path, known):
    from mineralgraph.loaders.mentions import Gazetteer

    gazetteer = Gazetteer(known)
    assert [m.id for m in gazetteer.near_misses("Shares of Vacuumschmelz fell.")] == [
        "company:vac"]
    assert gazetteer.near_misses("Shares of Vacuum Systems fell.") == []
    assert gazetteer.near_miss("Lynas Rare Earth") == "company:lynas"
    assert gazetteer.near_miss("Lyon Rare Metals") is None


def test_mentions_are_claims_of_the_article_with_their_sentence(data_dir, known):
    result = load(data_dir, "10-lockheed-denied.md", known)
    mentions = {(c.object, c.quote) for c in result.claims if c.predicate == "MENTIONS"}
    assert ("company:lockheed-martin", "Beijing has rejected export licence applications for "
            "dysprosium from suppliers of Lockheed Martin, two people familiar with the matter "
            "said on Wednesday.") in mentions
    assert {"product:f-35", "element:Dy", "country:CN"} <= {m for m, _ in mentions}


def test_news_sources_are_marked_press(data_dir, known):
    result = load(data_dir, "10-lockheed-denied.md", known)
    assert [c.object for c in result.claims if c.predicate == "source_type"] == ["press"]


def test_build_prints_a_report_per_article_and_one_line_for_an_empty_one(run_cli, data_dir,
                                                                          tmp_path):
    empty = write(tmp_path, "prices.md", "---\ntitle: Weekly wrap\ndate: 2025-09-26\n---\n\n"
                  "NdPr prices were little changed this week.\n\nTags: NdPr, prices\n")
    out, report = tmp_path / "g.json", tmp_path / "r.json"
    result = run_cli("build", "--no-bundled", "--source", str(data_dir / "news" / "graph"),
                     "--source", str(data_dir / "news" / "articles" / "10-lockheed-denied.md"),
                     "--source", str(empty), "--out", str(out), "--news-report", str(report))
    assert result.exit_code == 0, result.stderr
    assert f"{empty}: nothing to extract (1 sentence read); nothing added\n" in result.stderr
    assert "decisions: licence:cn-2025-07-02-lockheed-martin-denied denied" in result.stderr
    import json

    reports = json.loads(report.read_text())["articles"]
    assert [r["claims_added"] > 0 for r in reports] == [True, False]
    # every sentence not read is listed, each with its kind (trial 8's MED-1)
    assert reports[1]["skipped"] == [
        {"line": 6, "reason": "nothing found: it names nothing the graph holds",
         "sentence": "NdPr prices were little changed this week.", "kind": "nothing found"},
        {"line": 8, "reason": "tag list", "sentence": "Tags: NdPr, prices",
         "kind": "boilerplate"}]
    assert "weekly-wrap" not in out.read_text()


def test_an_article_naming_graphite_resolves_to_the_bundled_graphite_control(data_dir):
    """The bundled control covers graphite materials, the article names graphite (the
    element): the materials' elements count as covered, so no second control is minted."""
    from mineralgraph import load_bundled

    claims = load_news(data_dir / "news" / "articles" / "02-graphite.md",
                       LoadContext(known=load_bundled())).claims
    controls = {c.subject for c in claims if c.subject.startswith("control:")}
    assert controls == {"control:cn-2023-graphite"}


def test_an_article_figure_reads_as_written_in_show_and_diff(run_cli, data_dir, tmp_path):
    """The ``about`` of a figure is the article's words: quoted as written, never
    "about about 93%"."""
    base, new = tmp_path / "base.json", tmp_path / "new.json"
    graph = str(data_dir / "news" / "graph")
    article = str(data_dir / "news" / "articles" / "51-magnet-statistics.md")
    assert run_cli("build", "--no-bundled", "--source", graph, "--out", str(base)).exit_code == 0
    assert run_cli("build", "--no-bundled", "--source", graph, "--source", article,
                   "--out", str(new)).exit_code == 0
    shown = run_cli("--graph", str(new), "show", "country:CN", "--format", "md").stdout
    diffed = run_cli("diff", str(base), str(new), "--no-chokepoints").stdout
    for text in (shown, diffed):
        assert 'as written "exports of rare-earth magnets to the United States fell 93%' \
            in " ".join(text.split())
        assert "about about" not in text and "(about " not in text


def test_a_new_control_is_withheld_by_default_and_said(run_cli, data_dir, tmp_path):
    """A control no known one matches never becomes a node silently: ``build`` withholds
    it and says so; ``--news-new-controls`` adds it."""
    graph = str(data_dir / "news" / "graph")
    article = data_dir / "news" / "articles" / "03-antimony.html"
    out, added = tmp_path / "g.json", tmp_path / "added.json"
    result = run_cli("build", "--no-bundled", "--source", graph, "--source", str(article),
                     "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"{article}: nothing added; new controls withheld (no known control matches; build " \
           "--news-new-controls adds them): control:cn-2024-08-antimony (China export " \
           "controls on Antimony (Aug 2024))\n" in result.stderr
    assert "control:cn-2024-08-antimony" not in out.read_text()
    result = run_cli("build", "--no-bundled", "--news-new-controls", "--source", graph,
                     "--source", str(article), "--out", str(added))
    assert result.exit_code == 0, result.stderr
    assert "new controls (no known control matched): control:cn-2024-08-antimony" \
        in result.stderr
    graph_added = SupplyGraph(load_snapshot_claims(added))
    assert graph_added.neighbours("control:cn-2024-08-antimony", "COVERS") == ["element:Sb"]


def test_a_licence_under_a_withheld_control_stays_without_it(tmp_path, known):
    """Withholding a new control leaves out the licence's UNDER it, not the licence."""
    path = write(tmp_path, "h.txt", "Title: T\nDate: 2025-10-17\n\nChina announced export "
                 "controls on holmium on Oct. 9.\n\nChina's commerce ministry approved export "
                 "licences for holmium to JL Mag on Friday.\n")
    kept = load_news(path, LoadContext(known=known, options={"news_precision_gate": False}))
    added = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    licence = "licence:cn-2025-10-17-jl-mag-approved"
    assert (licence, "UNDER", "control:cn-2025-10-holmium") in facts(added, licence)
    assert facts(kept, licence) == [f for f in facts(added, licence) if f[1] != "UNDER"]
    assert not [c for c in kept.claims if "holmium" in c.subject]
    assert kept.report["new_controls"] == [
        "control:cn-2025-10-holmium (China export controls on Holmium (Oct 2025))"]


def load_snapshot_claims(path):
    from mineralgraph.graph.snapshot import load_snapshot

    return load_snapshot(str(path))


@pytest.mark.parametrize("text", ["", "Title: Nothing here\nDate: 2025-01-01\n\n",
                                  "<html><head><title>x</title></head><body><nav>Home</nav>"
                                  "</body></html>"])
def test_an_empty_article_says_so_in_one_line_and_adds_nothing(run_cli, data_dir, tmp_path,
                                                               text):
    """No text at all (an empty file, headers only, a page of navigation): one line, no
    date asked for, nothing added."""
    path = write(tmp_path, "empty.html" if text.startswith("<") else "empty.txt", text)
    base, out = tmp_path / "base.json", tmp_path / "g.json"
    graph = str(data_dir / "news" / "graph")
    run_cli("build", "--no-bundled", "--source", graph, "--out", str(base))
    result = run_cli("build", "--no-bundled", "--source", graph, "--source", str(path),
                     "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == \
        f"{path}: nothing to extract (0 sentences read); nothing added"
    assert out.read_text() == base.read_text()


# ------------------------------------------------------------------ the precision gate
#: Sentences the reader must give no claim for (issue 15: a wrong claim is the costly
#: error), with the reason it reports; none of them is in an annotated article.
GIVES_NOTHING = [
    ("China has yet to approve any licence applications from Japanese firms.", "negated"),
    ("Beijing failed to approve licences for US defence contractors in October.", "negated"),
    ("China denied that it had restricted exports of rare earths to Japan.", "negated"),
    ("Will China lift its ban on gallium exports to the United States?", "a question"),
    ("Beijing said it would suspend the ban on gallium exports to the United States.",
     "modal: a modal verb governs the event"),
    ("The export controls China introduced in March have disrupted car production in Europe.",
     "not identified: a new control"),
    ("Indonesia's export ban on cobalt was imposed in March 2024.",
     "restated: a control imposed before"),
    ("Indonesia has banned exports of nickel ore since 2020.", "restated: a control"),
    ("China lifted export controls on gallium, germanium and antimony on November 9.",
     "ambiguous: the known control control:cn-2023-07-gallium-germanium covers"),
    ("China exported 1,200 tons of magnets to Germany and Japan in October, up 20% year on "
     "year.", "ambiguous: a trade figure with several partners"),
    ("China's exports of gallium and germanium fell 50% year on year in October.",
     "ambiguous: a trade figure with several materials"),
    ("China approved export licences for Volkswagen on Monday.",
     "ambiguous: the licence's grantee 'Volkswagen' is no known name"),
    ("Beijing suspended some of the controls it unveiled in October as part of a trade truce "
     "with Washington, but the April restrictions on seven rare earths remain in place.",
     "not identified: a new control"),
    ("The licences were granted under the controls China announced on April 4, the company "
     "said.", "restated: 'the licences'"),
    ("Licence applications from defence-related firms continue to be rejected, it said.",
     "a rule of the control"),
    ("Magnet shipments recovered in November, as licences were approved more quickly.",
     "ambiguous: licences in a clause that gives the background"),
    ("China restricted exports of graphite in October 2023 and of gallium and germanium in "
     "July 2023.", "ambiguous: several controls or months in one sentence"),
    ("China exported 2,000 tons of magnets in October, 5% of which went to India.",
     "ambiguous: a trade figure whose partner is named in another clause"),
    ("Chinese firms control 80% of Congo's cobalt output.",
     "ambiguous: a share of one country's output or held by its firms"),
    ("Gabon is the world's second-largest producer of manganese, after South Africa, "
     "accounting for about 20% of global output.",
     "ambiguous: a share with several owners named before it"),
    # (the first country as a speaker: "Japanese officials"; "Japanese carmakers" are buyers,
    # a target, since the fourteenth pass, as "Japanese automakers" were)
    ("Japanese officials said on Monday they had enough magnets. An export ban on cobalt took "
     "effect on Monday.", "no issuer: a new control whose issuer is only the first country"),
    ("China's April controls on rare earths came into force.",
     "restated: an undated entry into force of a control announced months before"),
    ("Indonesia's mines minister said: \"We will ban exports of nickel matte from June "
     "2026.\"", "a quotation: its event verb is inside the quotation marks"),
    ("China is expected to approve more export licences next month, analysts said.",
     "ambiguous: a forecast dated by the future it speaks of"),
    ("China on Monday lifted its ban on exports of rare earth technology.",
     "ambiguous: a known control found by its topic alone"),
    ("China's commerce ministry said on Thursday it would require licences for exports of "
     "five more rare earths from Dec. 1.", "ambiguous: a known control found by its topic"),
    ("Myanmar's Kachin rebels banned rare earth exports to China on Monday.",
     "no issuer: the ban's subject is no government"),
    ("Vietnam approved mining permits for two rare earth projects on Thursday.",
     "not an export licence"),
    ("The US granted MP Materials a permit to expand its Mountain Pass mine on Tuesday.",
     "not an export licence"),
    ("Exports of magnets from China and Japan dropped 10% year on year in October.",
     "ambiguous: a trade figure with several exporting countries"),
]


@pytest.mark.parametrize("sentence,reason", GIVES_NOTHING, ids=lambda s: s[:40])
def test_what_the_reader_cannot_attach_it_skips_with_its_reason(tmp_path, known, sentence,
                                                                  reason):
    path = write(tmp_path, "g.txt", f"Title: Probe\nDate: 2025-11-20\n\n{sentence}\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    assert [s["reason"] for s in result.report["skipped"] if s["reason"].startswith(reason)], \
        result.report["skipped"]


def test_a_decision_in_late_october_is_dated_by_its_month_without_a_day(tmp_path, known):
    path = write(tmp_path, "l.txt", "Title: Probe\nDate: 2025-11-20\n\n"
                 "China approved export licences for JL Mag in late October.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    assert sorted((c.subject, c.predicate, str(c.object)) for c in result.claims
                  if c.subject.startswith("licence:")) == [
        ("licence:cn-2025-10-jl-mag-approved", "GRANTED_TO", "company:jl-mag"),
        ("licence:cn-2025-10-jl-mag-approved", "ISSUED_BY", "country:CN"),
        ("licence:cn-2025-10-jl-mag-approved", "decision", "approved"),
        ("licence:cn-2025-10-jl-mag-approved", "label",
         "China: licences approved for JL Mag Rare-Earth (2025-10)")]


def test_a_planned_control_is_kept_as_planned_with_no_date(tmp_path, known):
    """"Indonesia is preparing to restrict exports of nickel matte, officials said on
    Tuesday": a plan (modality planned on every claim, no date of its own), never a
    decision; without the statement's date or its issuer named it is not read."""
    path = write(tmp_path, "p.txt", "Title: Probe\nDate: 2025-11-20\n\n"
                 "Indonesia is preparing to restrict exports of nickel matte, officials said on "
                 "Tuesday.\nMalaysia plans to ban exports of raw rare earths.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert sorted(scored(result.claims), key=str) == [
        ("control:id-2025-11-nickel", "COVERS", "element:Ni", None, None, None, "planned", None),
        ("control:id-2025-11-nickel", "ISSUED_BY", "country:ID", None, None, None, "planned",
         None),
        ("control:id-2025-11-nickel", "regime", "licence-required", None, None, None, "planned",
         None)]
    assert "planned, not read: no one issuer named before the plan or no date of the " \
           "statement" in [s["reason"] for s in result.report["skipped"]]


def test_a_generic_material_word_beside_another_element_is_not_the_graphs_material(tmp_path,
                                                                                   known):
    """"concentrate" is the test graph's rare-earth concentrate only where no other element
    is named: in a lithium sentence the figure is of lithium."""
    path = write(tmp_path, "c.txt", "Title: Probe\nDate: 2025-06-05\n\n"
                 "Zimbabwe is Africa's biggest lithium producer and exported 1.2 million tons "
                 "of concentrate in 2024.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    assert scored(result.claims) == {("country:ZW", "reported_quantity", "1200000",
                                      "element:Li", "2024-01-01", None, None, None)}


def test_a_sentence_dating_another_announcement_adds_nothing_to_the_control_in_hand(tmp_path,
                                                                                    known):
    path = write(tmp_path, "m.txt", "Title: Probe\nDate: 2025-10-12\n\n"
                 "China on Friday barred exports of rare earth magnets to US defence companies, "
                 "the commerce ministry said.\nThe measure adds to the export controls Beijing "
                 "announced on Oct. 9, which require licences for products containing Chinese "
                 "rare earths.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert sorted(str(c.object) for c in result.claims if c.predicate == "announced_on") == [
        "2025-10-10"]
    assert [s["reason"] for s in result.report["skipped"]] == [
        "ambiguous: the sentence dates another announcement (2025-10-09) than "
        "control:cn-2025-10-rare-earth-magnets's"]


def test_a_short_name_is_the_longer_name_the_article_gave_before(tmp_path, known):
    """"Vulcan" after "Vulcan Elements" (a known company) and "Ionic" after "Ionic Rare
    Earths" (an unknown one) name those companies, not new ones."""
    path = write(tmp_path, "v.txt", "Title: Probe\nDate: 2025-11-03\n\n"
                 "Vulcan Elements said on Monday it would build a magnet factory.\n"
                 "Vulcan buys rare earth oxides from ReElement Technologies.\n"
                 "Ionic Rare Earths Ltd said on Monday it had opened a refinery.\n"
                 "Ionic supplies rare earth oxides to Vulcan Elements.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    assert sorted((c.subject, str(c.object)) for c in result.claims
                  if c.predicate == "SUPPLIES") == [
        ("company:ionic-rare-earths-ltd", "company:vulcan-elements"),
        ("company:reelement-technologies", "company:vulcan-elements")]


@pytest.mark.parametrize("sentence", [
    "China restricted exports of tungsten on Tuesday, in what analysts saw as retaliation "
    "against the United States.",
    "China announced export controls on tungsten on Tuesday, days after Washington imposed a "
    "ban on chip sales to Chinese firms.",
    "China on Tuesday imposed export controls on tungsten, a metal used in chips made for "
    "Japanese and Korean customers."], ids=["retaliation", "days-after", "a-metal-used"])
def test_a_phrase_set_aside_gives_the_control_no_target_nor_regime(tmp_path, known, sentence):
    path = write(tmp_path, "t.txt", f"Title: Probe\nDate: 2025-11-20\n\n{sentence}\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert sorted((c.predicate, str(c.object)) for c in result.claims
                  if c.subject == "control:cn-2025-11-tungsten"
                  and c.predicate not in ("label", "MENTIONS")) == [
        ("COVERS", "element:W"), ("ISSUED_BY", "country:CN"), ("announced_on", "2025-11-18"),
        ("regime", "licence-required")]


def test_a_trade_figure_with_no_exporter_named_takes_none_from_the_first_country(tmp_path,
                                                                                 known):
    """"Exports of magnets fell 20%" after a sentence about a Japanese company is no figure
    of Japan's: the exporter in hand must have exported, issued or published before."""
    text = ("Japan's Shin-Etsu said on Monday it had enough magnets for a year.\n"
            "Exports of magnets fell 20% year on year in October, customs data showed.\n")
    path = write(tmp_path, "x.txt", f"Title: Probe\nDate: 2025-11-20\n\n{text}")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    path = write(tmp_path, "y.txt", "Title: Probe\nDate: 2025-11-20\n\n"
                 "China's shipments of magnets to the European Union rose in October.\n"
                 + text.splitlines()[1] + "\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == {("country:CN", "reported_trade_change", "-0.2",
                                      "material:ndfeb-magnet", "2025-10-01", None, None, None)}


def test_an_undated_lift_gives_no_end_date(tmp_path, known):
    """"China's export ban on gallium to the United States was lifted, the ministry said":
    the restated ban, but no ``effective_to`` on the article's date (the text gives none)."""
    path = write(tmp_path, "u.txt", "Title: Probe\nDate: 2025-11-20\n\nChina's export ban on "
                 "gallium to the United States was lifted, the ministry said.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    assert sorted(c.predicate for c in result.claims
                  if c.subject == "control:cn-2024-12-us-military") == [
        "COVERS", "ISSUED_BY", "TARGETS"]
    assert "not dated: a lift or suspension the text gives no date for" in [
        s["reason"] for s in result.report["skipped"]]


def test_a_trade_figure_naming_no_goods_in_an_article_about_some_is_skipped(tmp_path, known):
    path = write(tmp_path, "n.md", "---\ntitle: Magnet exports\ndate: 2025-11-20\n---\n\n"
                 "China's rare earth magnet exports, tonnes:\n\n"
                 "| Month | Exports |\n| --- | --- |\n| October | 5,473 |\n\n"
                 "Exports to the United States fell 29% year on year in October to 420 tons.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    assert "ambiguous: a trade figure that names no goods in an article about some" in [
        s["reason"] for s in result.report["skipped"]]


def test_items_added_with_another_date_do_not_go_to_the_control_in_hand(tmp_path, known):
    path = write(tmp_path, "k.md", "---\ntitle: Timeline\ndate: 2025-12-01\n---\n\n"
                 "In July 2023, China announced export controls on gallium and germanium.\n\n"
                 "That October, Beijing added graphite to the list, with permits required from "
                 "Dec. 1, 2023.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert sorted(str(c.object) for c in result.claims if c.predicate == "COVERS") == [
        "element:Ga", "element:Ge"]


def test_applicants_are_targets_and_the_passive_agent_issues(tmp_path, known):
    path = write(tmp_path, "r.txt", "Title: Probe\nDate: 2025-11-20\n\nLicence applications from "
                 "Indian carmakers were rejected by Beijing in June, industry officials said on "
                 "Tuesday.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    assert scored(result.claims) == {
        ("licence:cn-2025-06-to-in-denied", p, o, None, "2025-06-01", None, None, None)
        for p, o in (("ISSUED_BY", "country:CN"), ("TARGETS", "country:IN"),
                     ("decision", "denied"))}


def test_a_speaker_country_is_not_the_issuer_of_the_control_it_reports(tmp_path, known):
    path = write(tmp_path, "s.txt", "Title: Probe\nDate: 2025-11-20\n\nThe United States said "
                 "on Monday that China banned exports of antimony to American companies.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    assert sorted((c.subject, c.predicate, str(c.object)) for c in result.claims
                  if c.predicate in ("ISSUED_BY", "TARGETS")) == [
        ("control:cn-2025-11-antimony", "ISSUED_BY", "country:CN"),
        ("control:cn-2025-11-antimony", "TARGETS", "country:US")]


def test_goods_are_not_carried_from_a_figure_of_another_flow(tmp_path, known):
    path = write(tmp_path, "f.txt", "Title: Probe\nDate: 2025-11-20\n\n"
                 "China exported 6,000 kilograms of gallium in October, customs data showed.\n"
                 "Japan's imports of magnets from China fell 20% year on year.\n"
                 "Exports were down 30% from a year earlier to the United States.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert sorted((c.subject, c.predicate, c.object) for c in result.claims
                  if c.predicate.startswith("reported_")) == [
        ("country:CN", "reported_quantity", 6000.0),
        ("country:JP", "reported_trade_change", -0.2)]


def test_a_lift_of_the_ban_in_place_since_a_month_is_that_months_control(tmp_path, known):
    """"lifted the export ban on gallium, which had been in place since December 2024, on
    Nov. 9": the December 2024 control (not the July 2023 one that covers gallium), ended on
    Nov. 9 (never on the 'since' date)."""
    path = write(tmp_path, "l.txt", "Title: Probe\nDate: 2025-11-20\n\nChina lifted the export "
                 "ban on gallium, which had been in place since December 2024, on Nov. 9.\n")
    result = load_news(path, LoadContext(known=known, options=RULES_ONLY))
    assert sorted((c.subject, c.predicate, str(c.object)) for c in result.claims
                  if c.subject.startswith("control:")) == [
        ("control:cn-2024-12-us-military", "COVERS", "element:Ga"),
        ("control:cn-2024-12-us-military", "ISSUED_BY", "country:CN"),
        ("control:cn-2024-12-us-military", "effective_to", "2025-11-09")]


def test_eased_curbs_are_no_new_control(tmp_path, known):
    """"eased curbs": a noun after a verb the reader does not read, no announcement."""
    path = write(tmp_path, "e.txt", "Title: Probe\nDate: 2025-11-20\n\nBeijing eased curbs on "
                 "graphite exports on Friday, allowing some shipments to resume.\n")
    assert scored(load_news(path, LoadContext(known=known,
                                              options=dict(NEW_CONTROLS))).claims) == set()


def test_teasers_of_other_stories_are_left_out(tmp_path, known):
    path = write(tmp_path, "t.html", "<html><head><title>Copper | Metals</title><meta "
                 "name=\"date\" content=\"2025-11-20\"></head><body><p>Copper rose 2% on "
                 "Thursday.</p><p>Also "
                 "read: Indonesia halts nickel ore exports from January</p><p>Trending: Tesla "
                 "gets China licence for magnets</p></body></html>")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    assert [s["reason"] for s in result.report["skipped"] if s["kind"] == "boilerplate"] == [
        "related links"] * 2


def test_a_ban_with_its_goods_before_exports_and_a_month_to_come(tmp_path, known):
    """"will ban nickel ore exports from January" (in November): a ban of the goods named
    before 'exports', in force from the next January."""
    path = write(tmp_path, "b.txt", "Title: Probe\nDate: 2025-11-20\n\nIndonesia will ban "
                 "nickel ore exports from January, the ministry said on Tuesday.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert ("control:id-2025-11-nickel", "effective_from", "2026-01-01", None, "2025-11-18",
            None, None, None) in scored(result.claims)


def test_talks_to_supply_are_no_supply(tmp_path, known):
    path = write(tmp_path, "s.txt", "Title: Probe\nDate: 2025-11-20\n\nMP Materials is in talks "
                 "to supply magnets to General Motors.\n")
    assert scored(load_news(path, LoadContext(known=known,
                                              options=dict(NEW_CONTROLS))).claims) == set()


# ------------------------------------------------------------------ round 10's failure classes
def claims_of(tmp_path, known, body, name="r.txt", published="2025-11-20", publisher="Wire"):
    """What the reader's rules read of ``body`` (before the precision gate, tested apart)."""
    path = write(tmp_path, name, f"Title: Probe\nPublisher: {publisher}\nDate: {published}\n\n"
                                 f"{body}\n")
    return scored(load_news(path, LoadContext(known=known, options=RULES_ONLY)).claims)


def test_a_country_before_the_control_verb_other_than_the_issuer_taken_is_skipped(
        tmp_path, known):
    """"the suspension ... that the Democratic Republic of Congo announced on 22 February",
    China named first: the rules would take China, the verb's subject is Congo; no issuer is
    read (round 10's 232 gave a Chinese cobalt ban)."""
    path = write(tmp_path, "c.txt", "Title: Probe\nDate: 2025-08-20\n\nChina's imports of cobalt "
                 "fell in July as the suspension of cobalt exports that the Democratic Republic "
                 "of Congo announced on 22 February continued to cut flows.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in result.claims if c.subject.startswith("control:")]
    assert "no issuer: the country taken is not the subject of the announcing verb" in [
        x["reason"] for x in result.report["skipped"]]


def test_a_question_turn_of_a_transcript_reports_nothing_but_sets_the_control_in_hand(
        tmp_path, known):
    """A journalist's "Question: The ministry has announced export controls on gallium and
    germanium." gives no claim; the answer's "released the announcement on 3 July, and it
    takes effect on 1 August" is about that control."""
    got = claims_of(tmp_path, known, "Question: The ministry has announced export controls on "
                    "gallium and germanium. What is your comment?\n\nShu Jueting: The "
                    "ministry released the announcement on 3 July, and it takes effect on 1 "
                    "August 2023.", published="2023-07-06",
                    publisher="Ministry of Commerce of the People's Republic of China")
    assert all(when != "2023-07-06" for _, _, _, _, when, *_ in got)
    assert ("control:cn-2023-07-gallium-germanium", "effective_from", "2023-08-01", None,
            "2023-07-03", None, None, None) in got


def test_an_undated_restatement_of_a_known_announcement_is_not_of_the_articles_day(
        tmp_path, known):
    got = claims_of(tmp_path, known, "China has announced export controls on gallium and "
                    "germanium.", published="2023-07-06")
    assert got and all(p != "announced_on" and when == "2023-07-03"
                       for _, p, _, _, when, *_ in got)


def test_an_undated_entry_into_force_in_a_clause_of_background_is_no_event(tmp_path, known):
    path = write(tmp_path, "b.txt", "Title: Probe\nDate: 2025-01-20\n\nChina banned exports of "
                 "antimony to the U.S. on Dec. 3. Domestic prices are down 10.5% since the rules "
                 "took effect, according to Argus data.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in result.claims if c.predicate == "effective_from"]
    assert any(s["reason"].startswith("restated: an undated entry into force in a clause")
               for s in result.report["skipped"])


@pytest.mark.parametrize("body, published, expected", [
    # the goods of the figure's clause, not those of the clause after ", while"
    ("China's germanium exports rose more than fourfold from the month before to 3.36 tons in "
     "December, while gallium sales climbed.", "2024-01-18",
     {("country:CN", "3.36", "element:Ge", "2023-12-01", None)}),
    # "from 12,186 tonnes in November" dates the other quantity, not "948 tonnes"
    ("China exported 1,427 tonnes of graphite in December. Graphite exports slid 92.22% over "
     "the same comparison to 948 tonnes, from 12,186 tonnes in November.", "2024-01-22",
     {("country:CN", "1427", "element:C", "2023-12-01", None),
      ("country:CN", "948", "element:C", "2023-12-01", None),
      ("country:CN", "12186", "element:C", "2023-11-01", None)}),
    # two partners coordinated with "and the": whose exports? no claim for the second
    ("China exported 1,427 tonnes of graphite in December. Graphite shipments to Japan and the "
     "United States both fell to zero in December.", "2024-01-22",
     {("country:CN", "1427", "element:C", "2023-12-01", None)}),
    # "in the same month last year, when 3,199 tons were shipped": a year back
    ("China exported 107 tons of antimony in June, 97% less than in the same month last year, "
     "when 3,199 tons were shipped.", "2025-07-22",
     {("country:CN", "107", "element:Sb", "2025-06-01", None),
      ("country:CN", "3199", "element:Sb", "2024-06-01", None)}),
    # "For the whole of 2024": the year, not the month reported before
    ("China exported 3,989 tons of antimony in December 2023. For the whole of 2024, China's "
     "antimony exports fell to 38,632 tons.", "2025-01-20",
     {("country:CN", "3989", "element:Sb", "2023-12-01", None),
      ("country:CN", "38632", "element:Sb", "2024-01-01", None)}),
])
def test_a_quantity_takes_the_goods_and_month_of_its_own_clause(tmp_path, known, body,
                                                                published, expected):
    got = claims_of(tmp_path, known, body, published=published)
    assert {(s, o, m, when, partner) for s, p, o, m, when, _, _, partner in got
            if p == "reported_quantity"} == expected


def test_the_us_geological_survey_is_an_agency_not_the_country(tmp_path, known):
    """"according to the U.S. Geological Survey": the agency reports the figure; it is no
    mention of the United States (nor a speaker or owner a claim could be tied to)."""
    path = write(tmp_path, "u.txt", "Title: Probe\nDate: 2025-11-20\n\nChina accounted for 98% "
                 "of the world's gallium output last year, according to the U.S. Geological "
                 "Survey.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert sorted(str(c.object) for c in result.claims if c.predicate == "MENTIONS") == [
        "country:CN", "element:Ga"]
    assert result.unresolved == ["Geological Survey (line 4)"]


def test_a_control_known_only_by_its_entry_into_force_mints_no_node(tmp_path, known):
    """"before export controls take effect on 15 September" with no control of antimony read
    before: a control restated in background is no new node (the blind round 11 found new
    nodes minted for known controls restated so)."""
    got = claims_of(tmp_path, known, "China exported 423 tonnes of antimony metal in August, up "
                    "from 267 tonnes in July, as buyers rushed to secure stocks before export "
                    "controls take effect on 15 September.", published="2024-09-21")
    assert not [c for c in got if c[0].startswith("control:")]


def test_an_entry_into_force_in_background_goes_to_the_control_read_before(tmp_path, known):
    got = claims_of(tmp_path, known, "China announced export controls on antimony on Aug. 15.\n\n"
                    "Exports of antimony surged in August before the controls took effect on "
                    "Sept. 15.", published="2024-09-21")
    assert ("control:cn-2024-08-antimony", "effective_from", "2024-09-15", None, "2024-08-15",
            None, None, None) in got


def test_an_entry_into_force_in_background_mints_no_control(tmp_path, known):
    """"ahead of export restrictions that take effect on Sept. 15", then "China ... said last
    month that exporters would need licences to ship antimony products": the August control
    was read until the fifth pass, by a month that was the exports' ("in August") and the
    lucky match of its id; a control known only by its entry into force in a clause of
    background mints no node, and "would need licences" is no announcement (124 is a known
    miss since)."""
    got = claims_of(tmp_path, known, "China exported 4,075 metric tons of antimony products in "
                    "August, as buyers stockpiled ahead of export restrictions that take effect "
                    "on Sept. 15.\n\nChina said last month that exporters would need licences to "
                    "ship antimony products.", published="2024-09-20")
    assert {c for c in got if c[0].startswith("control:")} == set()


@pytest.mark.parametrize("body, reason", [
    # the control in hand is China's; Congo's ban is another one
    ("The European Union criticised China's decision to restrict exports of rare earths, which "
     "it announced on April 4.\n\nThe ban, which Congo first imposed in February, was extended "
     "on Saturday for three months.",
     "ambiguous: control:cn-2025-04-rare-earths is not country:CD's"),
    # the receiver is named but unknown: the licence's id would be a guess
    ("Germany's BASF said it had received export licences from China for its battery plant.",
     "ambiguous: the licence's grantee 'BASF' is no known name"),
])
def test_round_10_probes_the_reader_skips(tmp_path, known, body, reason):
    path = write(tmp_path, "p.txt", f"Title: Probe\nDate: 2025-11-20\n\n{body}\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in scored(result.claims) if c[1] in ("ISSUED_BY", "decision")
                and c[2] == "country:CD" or c[0].startswith("licence:")]
    assert reason in [s["reason"] for s in result.report["skipped"]]


def test_licences_from_a_country_are_its_and_under_no_control_announced_after(tmp_path, known):
    """"received export licences from China" are China's (not the receiver's country's);
    reported speech dated in one sentence does not date a statement three sentences on; a
    licence decided in March is under no control announced in April."""
    got = claims_of(tmp_path, known, "South Korea said on Monday that exports were slow.\n\n"
                    "Prices rose.\n\nDemand fell.\n\nGermany's Vacuumschmelze said it had "
                    "received export licences from China for rare earth magnets.",
                    published="2025-03-14")
    assert {(s, p, o, w) for s, p, o, _, w, *_ in got if s.startswith("licence:")} == {
        ("licence:cn-2025-03-14-vac-approved", p, o, "2025-03-14") for p, o in (
            ("decision", "approved"), ("announced_on", "2025-03-14"),
            ("ISSUED_BY", "country:CN"), ("GRANTED_TO", "company:vac"))}


def test_a_day_announced_in_the_past_is_not_next_years():
    """"which it announced on April 4", read in November: last April, not the next one
    (the nearest date would be the next April); "will take effect on April 4" looks ahead."""
    from mineralgraph.loaders.dates import find_dates
    november = date(2025, 11, 20)
    assert [d for d, _, _ in find_dates("which it announced on April 4.", november)] == [
        date(2025, 4, 4)]
    assert [d for d, _, _ in find_dates("it will take effect on April 4.", november)] == [
        date(2026, 4, 4)]
    assert [d for d, _, _ in find_dates("the ministry said the rules take effect on Dec. 1",
                                        november)] == [date(2025, 12, 1)]


@pytest.mark.parametrize("body, reason", [
    ("The Democratic Republic of Congo will replace its cobalt export ban with quotas from "
     "October 16, the regulator said on Saturday.", "ambiguous: a control replaced by another"),
    ("China's restrictions on graphite, which took effect in December 2023, have cut shipments "
     "to South Korea by half.",
     "restated: a control imposed before or a state since, not taken for a new one"),
])
def test_a_replaced_or_restated_control_gives_nothing(tmp_path, known, body, reason):
    path = write(tmp_path, "p.txt", f"Title: Probe\nDate: 2025-10-15\n\n{body}\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    assert [s["reason"] for s in result.report["skipped"]] == [reason]


def test_traders_expecting_licences_is_a_forecast(tmp_path, known):
    got = claims_of(tmp_path, known, "Traders expect China to approve more licences for European "
                    "buyers in the coming weeks.", published="2025-10-15")
    assert got and {modality for *_, modality, _ in got} == {"expected"}
    assert not [c for c in got if c[1] == "announced_on"]


@pytest.mark.parametrize("body, published, expected", [
    # "sales ... sank 91% from November to": the month compared with is not the figure's
    ("China's exports of graphite plunged in December. Overseas sales of graphite sank 91% "
     "from November to 3,973 tons last month, customs data showed on Thursday.", "2024-01-18",
     {("country:CN", "3973", "element:C", "2023-12-01", None)}),
    # a negation in a clause set apart by commas does not negate the figure
    ("China exported 3,973 tons of natural graphite in December. Exports of graphite, which "
     "the curbs do not cover, fell 28% from November to 39,763 tons.", "2024-01-18",
     {("country:CN", "3973", "material:natural-graphite", "2023-12-01", None),
      ("country:CN", "39763", "element:C", "2023-12-01", None)}),
    # "compared with 808 tons in November", "from 1.53 tons in November": the quantities
    # compared with, each with its month and the goods of its own clause
    ("China's antimony exports reached 1,721 metric tons last month, compared with 808 tons in "
     "November.", "2025-01-20",
     {("country:CN", "1721", "element:Sb", "2024-12-01", None),
      ("country:CN", "808", "element:Sb", "2024-11-01", None)}),
    ("China's germanium exports rose to 3.36 tons in December, while gallium sales climbed to "
     "7.03 tons from 1.53 tons in November.", "2024-01-18",
     {("country:CN", "3.36", "element:Ge", "2023-12-01", None),
      ("country:CN", "7.03", "element:Ga", "2023-12-01", None),
      ("country:CN", "1.53", "element:Ga", "2023-11-01", None)}),
])
def test_quantities_compared_with_are_read_with_their_own_month(tmp_path, known, body,
                                                                 published, expected):
    got = claims_of(tmp_path, known, body, published=published)
    assert {(s, o, m, when, partner) for s, p, o, m, when, _, _, partner in got
            if p == "reported_quantity"} == expected


def test_stopped_approving_is_no_approval_and_another_speaker_is_not_dated_by_the_last(
        tmp_path, known):
    """"The suspension of the October 9 measures will last one year, the ministry said on
    Friday." then "Sources said China had quietly stopped approving licences ...": no approval
    (it was one, dated October 9 by the measures' name and the ministry's statement)."""
    got = claims_of(tmp_path, known, "The suspension of the October 9 measures will last one "
                    "year, the ministry said on Friday.\n\nSources said China had quietly stopped "
                    "approving licences for graphite exports to Sweden.", published="2025-11-12")
    assert not [c for c in got if c[0].startswith("licence:")]


def test_reported_speech_goes_on_only_with_the_same_speaker(tmp_path, known):
    got = claims_of(tmp_path, known, "The ministry said on Friday that exports were slow.\n\n"
                    "Sources said China had approved licences for JL Mag.",
                    published="2025-11-12")
    assert {c[4] for c in got if c[0].startswith("licence:")} == {"2025-11-12"}
    got = claims_of(tmp_path, known, "Musk said on Tuesday that output had been hit.\n\n"
                    "China approved a licence for Tesla, Musk told analysts.",
                    published="2025-04-23")
    assert {c[4] for c in got if c[0].startswith("licence:")} == {"2025-04-22"}


def test_approvals_and_denials_in_one_sentence_are_skipped(tmp_path, known):
    path = write(tmp_path, "a.txt", "Title: Probe\nDate: 2025-06-20\n\nThe ministry approved 40 "
                 "licence applications from US firms but rejected those from defence "
                 "contractors, it said on Wednesday.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    assert [s["reason"] for s in result.report["skipped"]] == [
        "ambiguous: approvals and denials in one sentence"]


def test_another_exporters_unnamed_goods_are_not_the_goods_before(tmp_path, known):
    got = claims_of(tmp_path, known, "Chinese customs data showed exports of rare earth magnets "
                    "to India plunged 92% in May from a year earlier to 17 tons.\n\nMyanmar's rare "
                    "earth exports to China fell 30% year on year in May.", published="2025-06-20")
    assert {(c[0], c[3]) for c in got if c[1].startswith("reported_")} == {
        ("country:CN", "material:ndfeb-magnet")}


def test_a_modal_with_immediate_effect_stays_a_modal(tmp_path, known):
    """"said it would impose export controls ..., effective immediately": a modal governs the
    verb; first read as a decision in this pass, then left as before (no path may be looser
    than the reader before it without a measured gain)."""
    got = claims_of(tmp_path, known, "China's Ministry of Commerce said on Tuesday it would "
                    "impose export controls on tungsten and bismuth, effective immediately.",
                    published="2025-02-05")
    assert not [c for c in got if c[0].startswith("control:")]


@pytest.mark.parametrize("body, reason", [
    ("Last year China banned exports of antimony to the United States.",
     "not dated: a year gives no month or day"),
    ("After China imposed controls on germanium in July 2023, exports of germanium fell to zero "
     "in August.", "ambiguous: a figure's month with no year after another year's date"),
])
def test_a_year_alone_or_another_years_lead_dates_nothing(tmp_path, known, body, reason):
    path = write(tmp_path, "y.txt", f"Title: Probe\nDate: 2025-06-10\n\n{body}\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in scored(result.claims)
                if c[0].startswith("control:cn-2024-01") or c[1] == "reported_quantity"]
    assert reason in [s["reason"] for s in result.report["skipped"]]


def test_a_relative_clauses_date_is_not_the_events(tmp_path, known):
    got = claims_of(tmp_path, known, "China, which restricted exports of seven rare earths in "
                    "April, approved licences for JL Mag in June.", published="2025-07-10")
    assert {c[0] for c in got if c[0].startswith("licence:")} == {
        "licence:cn-2025-06-jl-mag-approved"}


def test_a_halt_of_another_product_ends_no_material(tmp_path, known):
    """"Tesla halted Optimus production because of the magnet shortage": Tesla never made
    the magnets (it was given a production of magnets that ended)."""
    path = write(tmp_path, "h.txt", "Title: Probe\nDate: 2025-08-14\n\nTesla halted Optimus "
                 "production because of the magnet shortage, Musk said.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in result.claims if c.predicate == "PRODUCES"]
    assert "ambiguous: a halt whose material is not the one it names" in [
        s["reason"] for s in result.report["skipped"]]


def test_a_share_of_reserves_is_no_share_of_supply(tmp_path, known):
    path = write(tmp_path, "r.txt", "Title: Probe\nDate: 2025-08-14\n\nSouth Africa holds about "
                 "80% of the world's manganese reserves.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    assert [s["reason"] for s in result.report["skipped"]] == [
        "a share of reserves, not of supply"]


def test_licences_granted_as_a_subject_are_restated_and_it_said_is_its_own_statement(
        tmp_path, known):
    got = claims_of(tmp_path, known, "China is reviewing applications, Japan's trade minister "
                    "said on Tuesday.\n\nThe commerce ministry has granted general licences to "
                    "some exporters, it said in a statement.\n\nLicences granted to Indian firms "
                    "came with conditions that the magnets not be re-exported to the United "
                    "States.", published="2025-07-03")
    assert {(c[0], c[1]) for c in got if c[0].startswith("licence:")} == {
        ("licence:cn-2025-07-03-exports-approved", p) for p in (
            "decision", "announced_on", "ISSUED_BY")}


def test_a_warning_to_any_country_that_is_no_ban(tmp_path, known):
    path = write(tmp_path, "w.txt", "Title: Probe\nDate: 2025-05-20\n\nChina will ban exports of "
                 "gallium to any country that restricts its chip industry, the ministry warned on "
                 "Monday.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()
    assert [s["reason"] for s in result.report["skipped"]] == [
        "speculative: a forecast or plan is never a decision"]


@pytest.mark.parametrize("body", [
    "China restricted bismuth exports on Tuesday, and shipments to the United States had "
    "already fallen.",
    "China restricted bismuth exports on Tuesday, hitting buyers in Germany and Japan.",
])
def test_a_control_targets_only_countries_of_its_own_clause(tmp_path, known, body):
    got = claims_of(tmp_path, known, body, published="2025-05-20")
    assert ("control:cn-2025-05-bismuth", "ISSUED_BY", "country:CN", None, "2025-05-20", None,
            None, None) in got
    assert not [c for c in got if c[1] == "TARGETS"]


def test_an_import_figure_is_its_own_clauses_importers_and_one_partner(tmp_path, known):
    got = claims_of(tmp_path, known, "The United States imported 1,200 tons of gallium from "
                    "Canada and Germany in 2024.\n\nJapan imported 300 tons of magnets in August, "
                    "while the US imported 250 tons.", published="2025-09-20")
    assert {(c[0], c[2]) for c in got if c[1] == "reported_quantity"} == {
        ("country:JP", "300"), ("country:US", "250")}


def test_an_export_price_change_is_no_trade_change(tmp_path, known):
    got = claims_of(tmp_path, known, "China's magnet exports rose in August, while export prices "
                    "fell 12% year on year.", published="2025-09-20")
    assert not [c for c in got if c[1] == "reported_trade_change"]


def test_the_customer_a_licence_ships_to_is_no_grantee(tmp_path, known):
    got = claims_of(tmp_path, known, "Ningbo Yunsheng has applied for licences to ship magnets "
                    "to Tesla, the company said on Monday.", published="2025-09-20")
    assert {c[2] for c in got if c[1] == "GRANTED_TO"} == {"company:ningbo-yunsheng"}


def test_a_subordinate_clauses_subject_does_not_issue_the_control(tmp_path, known):
    got = claims_of(tmp_path, known, "Beijing retaliated on Tuesday after Washington imposed "
                    "restrictions on chip exports, banning gallium exports to the United States.",
                    published="2025-05-21")
    assert not [c for c in got if c[1] == "ISSUED_BY" and c[2] != "country:CN"]


def test_another_countrys_skipped_control_puts_down_the_control_in_hand(tmp_path, known):
    """China's controls, then "Zimbabwe said ... it would ban exports" (skipped: a modal), then
    "The ban takes effect on January 1, 2027": not China's control's entry into force."""
    got = claims_of(tmp_path, known, "China announced export controls on tungsten and bismuth "
                    "on Tuesday.\n\nSeparately, Zimbabwe said on Wednesday it would ban exports "
                    "of lithium concentrates from January 2027.\n\nThe ban takes effect on "
                    "January 1, 2027.", published="2025-03-05")
    assert not [c for c in got if c[1] == "effective_from"]
    assert ("control:cn-2025-03-tungsten", "COVERS", "element:W", None, "2025-03-04", None,
            None, None) in got


def test_a_quantity_a_year_earlier_is_dated_a_year_back(tmp_path, known):
    got = claims_of(tmp_path, known, "China's exports of gallium rose to 5,200 kilograms in "
                    "October from 1,100 kilograms a year earlier, customs data showed.",
                    published="2025-12-04")
    assert {(c[2], c[4]) for c in got if c[1] == "reported_quantity"} == {
        ("5200", "2025-10-01"), ("1100", "2024-10-01")}


def test_tin_ore_and_concentrates_are_not_the_graphs_rare_earth_concentrate(tmp_path, known):
    got = claims_of(tmp_path, known, "China's imports of tin ore and concentrates from Myanmar "
                    "fell 38% year on year in March to 4,100 tons.", published="2025-04-18")
    assert {(c[1], c[3]) for c in got if c[1].startswith("reported_")} == {
        ("reported_trade_change", "element:Sn"), ("reported_quantity", "element:Sn")}


def test_several_countries_acting_in_one_sentence_give_no_control(tmp_path, known):
    path = write(tmp_path, "s.txt", "Title: Probe\nDate: 2025-07-10\n\nThe United States and Japan "
                 "imposed export controls on chipmaking equipment in 2023, and China retaliated "
                 "on July 3 with curbs on gallium and germanium.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in scored(result.claims) if c[1] == "ISSUED_BY"]
    assert "ambiguous: several countries act in one sentence" in [
        s["reason"] for s in result.report["skipped"]]


def test_a_week_later_dates_no_decision(tmp_path, known):
    path = write(tmp_path, "w.txt", "Title: Probe\nDate: 2025-06-13\n\nA week later, China granted "
                 "licences to three US automakers' suppliers, Reuters reported on Wednesday.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert scored(result.claims) == set()


@pytest.mark.parametrize("body", [
    "Japan said on Monday it was concerned about the new restrictions on rare earth exports "
    "announced on Thursday.",
    "Germany's economy ministry said on Tuesday that curbs on gallium exports imposed on Oct. 9 "
    "would hurt its carmakers.",
    "Japan's Vacuumschmelze said on Tuesday it had obtained licences to ship magnets.",
    "Germany said on Friday its companies had been granted licences for gallium.",
    "Exporters must apply for a licence, and applications for civilian use are generally "
    "approved.",
    "The ministry reviews each application and grants licences only to verified end users.",
])
def test_no_issuer_from_a_country_that_speaks_reacts_or_receives_and_no_decision_from_rules(
        tmp_path, known, body):
    """The kinds of wrong claims the blind round 11 found (in the lead's general terms): an
    issuer taken from a country reacting to a control or receiving licences, a decision read
    from a description of how licensing works."""
    got = claims_of(tmp_path, known, body, published="2025-10-15")
    assert not [c for c in got if c[1] in ("ISSUED_BY", "decision")]


def test_a_known_control_restated_by_a_nearby_month_is_not_minted_anew(tmp_path, known):
    path = write(tmp_path, "k.txt", "Title: Probe\nDate: 2024-01-20\n\nChina restricted gallium "
                 "exports in August 2023.\n")
    result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    assert not [c for c in result.claims if c.subject.startswith("control:cn-2023-08")]
    # the fifth pass keeps what it restates on the known control (its issuer and item)
    assert {(c[0], c[1], c[2], c[4]) for c in scored(result.claims)} == {
        ("control:cn-2023-07-gallium-germanium", "ISSUED_BY", "country:CN", "2023-07-03"),
        ("control:cn-2023-07-gallium-germanium", "COVERS", "element:Ga", "2023-07-03")}
    assert any(x["reason"].startswith("restated: control:cn-2023-07-gallium-germanium")
               for x in result.report["skipped"])


def test_a_planned_supply_is_kept_but_never_a_fact_of_the_analysis(data_dir, known):
    """The lead's ruling (sixth pass): "will supply ... under a five-year contract" is a plan.
    The article's claim keeps it (``modality=planned``); a graph built with it holds it apart
    (``SupplyGraph.modal``) and no relation of the analysis reads it (the ontology's
    ``mg:modality``: never a decision, left out of the analysis)."""
    result = load(data_dir, "37-vac-honeywell.txt", known)
    planned = [c for c in result.claims if c.predicate == "SUPPLIES"]
    assert [(c.subject, c.object, c.qualifier("modality")) for c in planned] == [
        ("company:vac", "company:honeywell", "planned")]
    graph = SupplyGraph(list(known.claims) + result.claims)
    assert graph.relation_claims("company:honeywell", "SUPPLIES", incoming=True) == []
    assert [c.id for c in graph.modal if c.predicate == "SUPPLIES"] == [planned[0].id]
    assert not [c for c in graph.claims if c.qualifier("modality")]
    assert [c.id for c in graph.as_of("2025-06-01").modal] == [planned[0].id]   # kept apart
