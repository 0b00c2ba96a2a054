"""The open findings of the fourth new-user trial, on a graph small enough to check by hand.

Hand graph: product P (defence), made by MK (in country US), requires three inputs.

- M (mining) comes only from the rest of the world (``country:XX``, share 1, medium
  confidence): without it P gets nothing, so the rest of the world is a certain single
  point of failure (design note 5.2), many countries rather than one.
- N (mining) comes from AA (0.5, high) and BB (0.5, low, a proxy measured for "all
  separation"): without either P keeps 0.5, loss 50%, no SPOF.
- C (subsystem) is made by SOLE alone (no share: its pool is C's whole output), SOLE
  sitting in AA: without SOLE, or without AA, P gets nothing.

Hand figures: availability [1, 1] at baseline (every input has full supply). The claims
it rests on are every requirement (unrated here: sources only), M's producer (medium), N's
two (high; low and a proxy) and C's (unrated): the weakest is low, with BB's proxy.
Single points of failure (loss 1): the suppliers country:AA (through SOLE), company:sole,
country:XX; the inputs material:c, material:m, material:n.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from mineralgraph.claim import Claim

S = ("source:s",)


def claim(subject, predicate, obj, confidence=None, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=S,
                 confidence=confidence)


CLAIMS = [claim("source:s", "title", "S"),
          claim("product:p", "label", "P"), claim("product:p", "end_use", "defence"),
          claim("material:m", "label", "M"), claim("material:m", "stage", "mining"),
          claim("material:n", "label", "N"), claim("material:n", "stage", "mining"),
          claim("material:c", "label", "C"), claim("material:c", "stage", "subsystem"),
          claim("country:AA", "label", "A"), claim("country:BB", "label", "B"),
          claim("country:US", "label", "United States"),
          claim("country:XX", "label", "rest of world (countries not named)"),
          claim("company:mk", "label", "MK"), claim("company:sole", "label", "SOLE"),
          claim("company:mk", "MAKES", "product:p"),
          claim("company:mk", "LOCATED_IN", "country:US"),
          claim("company:sole", "LOCATED_IN", "country:AA"),
          claim("product:p", "REQUIRES", "material:m"),
          claim("product:p", "REQUIRES", "material:n"),
          claim("product:p", "REQUIRES", "material:c"),
          claim("company:sole", "PRODUCES", "material:c"),
          claim("country:XX", "PRODUCES", "material:m", "medium", share=1.0),
          claim("country:AA", "PRODUCES", "material:n", "high", share=0.5),
          claim("country:BB", "PRODUCES", "material:n", "low", share=0.5,
                proxy="all separation")]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> str:
    from mineralgraph.graph.snapshot import save_snapshot

    path = tmp_path_factory.mktemp("trial4") / "trial4.json"
    save_snapshot(CLAIMS, path)
    return str(path)


@pytest.fixture
def run(run_cli, graph_file):
    def go(*args: str) -> str:
        result = run_cli("--graph", graph_file, *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return go


# ---------------------------------------------------------------- 1. confidence at baseline
def test_baseline_availability_carries_its_confidence_in_json(run):
    """Trial 4: at baseline the product's ``confidence`` was null. Design note 5.7: every
    availability carries the weakest confidence among the claims it rests on: here BB's
    low, proxy share of N."""
    [report] = json.loads(run("chokepoints", "--product", "product:p", "--format", "json"))
    assert report["availability_range"] == [1.0, 1.0]
    assert report["confidence"] == "low"
    assert report["proxies"] == [{"subject": "country:BB", "object": "material:n",
                                  "measured_for": "all separation"}]
    rows = {row["id"]: row["confidence"] for row in report["chokepoints"]}
    # each row its own evidence's: BB's share is low, XX's medium, AA's high
    assert (rows["country:BB"], rows["country:XX"], rows["country:AA"]) == (
        "low", "medium", "high")


def test_baseline_availability_confidence_in_csv_and_text(run):
    rows = list(csv.DictReader(io.StringIO(run("chokepoints", "--product", "product:p",
                                               "--format", "csv"))))
    assert {r["availability_confidence"] for r in rows} == {"low, proxy"}
    text = " ".join(run("chokepoints", "--product", "product:p").split())
    assert ("P (product:p): defence; availability 100% as of latest data; the availability "
            "rests on low-confidence claims and a proxy") in text


def test_a_scenario_that_takes_nothing_from_the_product_keeps_the_chains_confidence(run,
                                                                                     tmp_path):
    """A scenario that removes nothing upstream of P leaves P's availability as it was:
    what it rests on is the chain's, not nothing (it read null)."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: elsewhere\nremove: [country:US]\n")
    [report] = json.loads(run("chokepoints", "--product", "product:p", "--scenario",
                              str(scenario), "--format", "json"))
    assert report["confidence"] is not None


# ---------------------------------------------------------------- 5. spofs by kind
def test_spofs_are_said_apart_by_kind(run):
    """Sections 3 and 4: every node of loss 1 is a SPOF (``spofs``, as the note's check
    reads it). Trial 4 read "37 SPOFs" where the text names three suppliers: the JSON
    says the two kinds apart, suppliers and inputs."""
    [report] = json.loads(run("chokepoints", "--product", "product:p", "--format", "json"))
    assert report["supplier_spofs"] == ["company:sole", "country:AA", "country:XX"]
    assert report["input_spofs"] == ["material:c", "material:m", "material:n"]
    assert sorted(report["spofs"]) == sorted(report["supplier_spofs"]
                                             + report["input_spofs"])
    text = " ".join(run("chokepoints", "--product", "product:p").split())
    assert ("Needs every one of these 3 materials (each a single point of failure: an "
            "input, not a supplier): C; M; N.") in text
    rows = list(csv.DictReader(io.StringIO(run("chokepoints", "--product", "product:p",
                                               "--format", "csv"))))
    certain = sorted(r["id"] for r in rows if r["spof"] == "certain")
    assert certain == sorted(report["spofs"])


# ---------------------------------------------------------------- 7. the brief's summary
def test_brief_summary_keeps_the_rest_of_world_sentence(graph_file):
    """Trial 4: under a scenario the brief's three-item summary cut the sentence saying
    the rest of the world is a single point of failure (5.2), which the chokepoint text
    has. It now joins the third item."""
    import mineralgraph as mg
    from mineralgraph.api import brief_content
    from mineralgraph.graph.analysis.scenario import Scenario

    graph = mg.load(graph_file)
    brief = brief_content(graph, "product:p", Scenario("drop-bb", remove=("country:BB",)))
    assert len(brief.summary) == 3
    text = " ".join(brief.summary)
    assert "It cannot be made without" in text
    assert ("so the rest of the world is a single point of failure of it (design note "
            "5.2), but many countries, not one.") in text
