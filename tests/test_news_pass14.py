"""The fourteenth pass of the news reader (news9; tests/data/news/README.md, "Fourteenth
pass"): rules for recall and precision found on rounds 17-19, each probed in words of its own
and with look-alikes that must not be read so.

- a negated covering is no covering: goods a sentence says a measure leaves out ("graphite
  itself was not banned", "excluding tungsten", "does not cover indium") get no ``COVERS``.
"""

from __future__ import annotations

import pytest
from news_eval import scored
from test_news_trial6 import known_claims, read

from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.news import goods_not_covered

BAN = "control:cn-2024-12-us-military"
GA_GE = "control:cn-2023-07-gallium-germanium"


@pytest.fixture(scope="module")
def known():
    return SupplyGraph(known_claims())


def covers(result, control):
    return {k[2] for k in scored(result.claims) if k[0] == control and k[1] == "COVERS"}


# ------------------------------------------------------------------ negated covering
@pytest.mark.parametrize("body, left_out", [
    # the item named as left out after the list, in a "though" clause
    ("On December 3, 2024, China banned exports of gallium, germanium and antimony to the "
     "United States, though graphite itself was not banned.", {"element:C"}),
    # before the item: "excluding", "but not", "does not cover"
    ("On December 3, 2024, China banned exports of gallium, germanium and antimony to the "
     "United States, excluding graphite.", {"element:C"}),
    ("On December 3, 2024, China banned exports of gallium and germanium to the United "
     "States, but not antimony or graphite.", {"element:Sb", "element:C"}),
    ("On December 3, 2024, China banned exports of gallium, germanium and antimony to the "
     "United States; the ban does not cover graphite.", {"element:C"}),
    ("On December 3, 2024, China banned exports of gallium, germanium and antimony to the "
     "United States, while graphite and tungsten remain unrestricted.",
     {"element:C", "element:W"}),
])
def test_goods_a_sentence_leaves_out_are_not_covered(tmp_path, known, body, left_out):
    got = covers(read(tmp_path, known, body, "2024-12-04"), BAN)
    assert got and not got & left_out
    assert {"element:Ga", "element:Ge"} <= got


@pytest.mark.parametrize("body, item", [
    # look-alikes: a negation of something else keeps the covering
    ("On December 3, 2024, China banned exports of gallium, germanium, antimony and graphite "
     "to the United States, which has not yet responded.", "element:C"),
    ("On December 3, 2024, China banned exports of gallium, germanium and antimony to the "
     "United States, not the European Union.", "element:Sb"),
    ("On December 3, 2024, China banned exports of gallium, germanium and antimony to the "
     "United States. Shipments of antimony have not resumed since.", "element:Sb"),
])
def test_a_negation_of_something_else_keeps_the_covering(tmp_path, known, body, item):
    assert item in covers(read(tmp_path, known, body, "2024-12-04"), BAN)


def test_the_reader_says_why_a_covering_was_left_out(tmp_path, known):
    result = read(tmp_path, known, "On December 3, 2024, China banned exports of gallium, "
                  "germanium and antimony to the United States, though graphite itself was not "
                  "banned.", "2024-12-04")
    assert [item["reason"] for item in result.report["skipped"]] == [
        "not covered: the sentence says element:C is left out"]


def test_goods_not_covered_reads_lists_and_their_cues():
    from types import SimpleNamespace as N

    def found(text, *names):
        out = []
        for name, node in names:
            start = text.index(name)
            out.append(N(id=node, kind="Element", mention=N(start=start,
                                                            end=start + len(name))))
        return out

    text = "Indium and tin were exempted, and the rule covers bismuth."
    assert goods_not_covered(text, found(text, ("Indium", "element:In"), ("tin", "element:Sn"),
                                         ("bismuth", "element:Bi"))) == {"element:In",
                                                                         "element:Sn"}
    text = "With the exception of tungsten, the rule covers bismuth and tellurium."
    assert goods_not_covered(text, found(text, ("tungsten", "element:W"),
                                         ("bismuth", "element:Bi"),
                                         ("tellurium", "element:Te"))) == {"element:W"}
    # "not" of a verb of the goods' own is no exclusion from a measure
    text = "Exports of bismuth have not recovered since the rule took effect."
    assert goods_not_covered(text, found(text, ("bismuth", "element:Bi"))) == set()
