"""Probes of the news reader's precision gate (issue 15, fifth pass): sentences written for
these tests, never an article of any set.

- each gate of :mod:`mineralgraph.loaders.news_gate` and of the reader on one sentence;
- paraphrases of development sentences (new wording, the same facts): the paraphrase gives
  exactly the claims the original sentence gives, and those are claims the development
  article's annotation lists;
- near misses (forecasts, denials of rumours, explainers of how licensing works, plans,
  restatements of known controls): no claim stated as a fact.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from news_eval import ARTICLES, NEW_CONTROLS, read_expected, scored

from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import LoadContext
from mineralgraph.loaders.curated import load_curated
from mineralgraph.loaders.news import load_news

GRAPH = Path(__file__).parent / "data" / "news" / "graph"


@pytest.fixture(scope="module")
def known():
    return SupplyGraph(load_curated(GRAPH).claims)


def read(tmp_path, known, body, published="2025-06-12", publisher="Wire", name="p.txt"):
    path = tmp_path / name
    path.write_text(f"Title: Probe\nPublisher: {publisher}\nDate: {published}\n\n{body}\n",
                    encoding="utf-8")
    return load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))


# ------------------------------------------------------------------ the gates, one by one
def test_an_adjective_approved_is_no_decision(tmp_path, known):
    """Round 11's 246: "approved end uses" in an explainer made a licence approval."""
    result = read(tmp_path, known, "A general licence works like a pre-authorisation for a "
                  "defined scope: certain rare earth product forms, approved end uses and a "
                  "limited group of foreign customers.", published="2025-12-22")
    assert scored(result.claims) == set()


def test_a_known_control_restated_as_a_state_is_not_minted_anew(tmp_path, known):
    """Round 11's 234: "Similar curbs on ... gallium and germanium, have been in place since
    Aug. 1" minted an October 2023 gallium control; it is the known July 2023 one."""
    result = read(tmp_path, known, "China will require permits for some graphite exports from "
                  "Dec. 1, the commerce ministry said on Friday. Similar curbs on two chipmaking "
                  "metals, gallium and germanium, have been in place since Aug. 1.",
                  published="2023-10-20")
    got = scored(result.claims)
    assert not [c for c in got if c[0] == "control:cn-2023-10-gallium"]
    assert ("control:cn-2023-10-graphite", "COVERS", "element:C", None, "2023-10-20", None, None,
            None) in got
    assert any("gate: control:cn-2023-10-gallium dropped" in s["reason"]
               for s in result.report["skipped"])


def test_a_year_earlier_base_month_dates_the_change_a_year_after(tmp_path, known):
    """Round 11's 243: "a year earlier, in March 2023, exports stood at 6,480 kilograms, so
    shipments have plummeted by more than 80% year on year" dated the fall March 2023, and the
    next sentence's "same month last year" March 2022."""
    got = scored(read(tmp_path, known, "In March, China exported 1,214 kilograms of gallium. "
                      "Gallium is the starker case: a year earlier, in March 2023, exports stood "
                      "at 6,480 kilograms, so shipments have plummeted by more than 80% year on "
                      "year. Gallium exports were 81% lower than the 6,480 kilograms shipped in "
                      "the same month last year.", published="2024-04-22").claims)
    assert got == {
        ("country:CN", "reported_quantity", "1214", "element:Ga", "2024-03-01", None, None, None),
        ("country:CN", "reported_quantity", "6480", "element:Ga", "2023-03-01", None, None, None),
        ("country:CN", "reported_trade_change", "-0.8", "element:Ga", "2024-03-01", None, None,
         None),
        ("country:CN", "reported_trade_change", "-0.81", "element:Ga", "2024-03-01", None, None,
         None)}


def test_a_supply_under_a_condition_is_planned_and_a_compound_names_its_head(tmp_path, known):
    """Round 11's 245: "will supply ... subject to ... qualification" read as supply, and
    "natural graphite active anode material" as natural graphite."""
    got = scored(read(tmp_path, known, "Syrah has started production of natural graphite "
                      "active anode material at Vidalia. Syrah will supply active anode "
                      "material to Tesla, subject to qualification.",
                      published="2024-02-09").claims)
    assert {c for c in got if c[1] in ("SUPPLIES", "PRODUCES")} == {
        ("company:syrah", "PRODUCES", "material:graphite-anode", None, "2024-02-09", None, None,
         None),
        ("company:syrah", "SUPPLIES", "company:tesla", "material:graphite-anode", "2024-02-09",
         None, "planned", None)}
