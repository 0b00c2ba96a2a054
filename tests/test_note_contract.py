"""The answers' contract is the design note's (section 5): the JSON keys it names, its
single points of failure, its availability pair; what we add is added beside them.

Hand graph: product P (defence) requires three materials.

- M (mining) comes only from the rest of the world (``country:XX``, share 1): without it P
  gets nothing, so it is a certain SPOF (5.2: a node like any other), and the views add
  that it is many countries (``rest_of_world_only``).
- N (mining) comes from AA and BB, half each: without AA (or BB) P keeps 0.5, loss 0.5,
  no SPOF (JSON ``false``, CSV ``no``).
- U (metal) is made from M and has no producer: its supply is not mapped. Both bounds of
  5.6 are 1 at baseline (nothing is removed), so ``availability_range`` is [1, 1]; with U
  counted missing P gets 0 (``mapped_availability``), said beside it, never as it.

Removing AA leaves BB the only producer of N: BB is a new SPOF and P loses 0.5 (both
bounds).
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from mineralgraph.claim import Claim

S = ("source:s",)


def claim(subject, predicate, obj, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=S)


CLAIMS = [claim("source:s", "title", "S"),
          claim("product:p", "label", "P"), claim("product:p", "end_use", "defence"),
          claim("material:m", "label", "M"), claim("material:m", "stage", "mining"),
          claim("material:n", "label", "N"), claim("material:n", "stage", "mining"),
          claim("material:u", "label", "U"), claim("material:u", "stage", "metal"),
          claim("country:AA", "label", "A"), claim("country:BB", "label", "B"),
          claim("country:XX", "label", "rest of world (countries not named)"),
          claim("product:p", "REQUIRES", "material:m"),
          claim("product:p", "REQUIRES", "material:n"),
          claim("product:p", "REQUIRES", "material:u"),
          claim("material:u", "MADE_FROM", "material:m"),
          claim("country:XX", "PRODUCES", "material:m", share=1.0),
          claim("country:AA", "PRODUCES", "material:n", share=0.5),
          claim("country:BB", "PRODUCES", "material:n", share=0.5)]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> str:
    from mineralgraph.graph.snapshot import save_snapshot

    path = tmp_path_factory.mktemp("contract") / "contract.json"
    save_snapshot(CLAIMS, path)
    return str(path)


@pytest.fixture
def run(run_cli, graph_file):
    def go(*args: str) -> str:
        result = run_cli("--graph", graph_file, *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return go


def test_chokepoints_json_has_the_notes_keys_and_spofs(run):
    [report] = json.loads(run("chokepoints", "--product", "product:p", "--format", "json"))
    # 5.2: the rest of the world is a certain SPOF when its loss is 1; annotated as such
    assert report["spofs"] == ["country:XX", "material:m", "material:n", "material:u"]
    assert report["possible_spofs"] == [] and report["rest_of_world_only"] is True
    # 5.6: availability_range is [lower, upper]; the mapped-only figure has its own key
    assert report["availability_range"] == [1.0, 1.0]
    assert (report["availability_low"], report["availability_high"]) == (1.0, 1.0)
    assert report["mapped_availability"] == 0.0
    assert report["supply_not_mapped"] == ["material:u"]
    assert "availability_bounds" not in report
    rows = {r["id"]: r for r in report["chokepoints"]}
    xx, aa = rows["country:XX"], rows["country:AA"]
    # rows: loss (the upper bound's), loss_range, spof "certain"/"possible"/false
    assert (xx["loss"], xx["loss_range"], xx["spof"], xx["rank"]) == (1.0, [1.0, 1.0],
                                                                      "certain", 1)
    assert (aa["loss"], aa["loss_range"], aa["spof"]) == (0.5, [0.5, 0.5], False)
    assert (aa["loss_low"], aa["loss_high"]) == (0.5, 0.5)  # kept beside them


def test_chokepoints_csv_keeps_no_as_a_cell_and_states_the_mapped_figure(run):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        run("chokepoints", "--product", "product:p", "--format", "csv")))}
    assert (rows["country:XX"]["spof"], rows["country:AA"]["spof"]) == ("certain", "no")
    # baseline and availability are 5.6's two bounds; beside them what mapped supply
    # alone gives, and how many inputs have none
    aa = rows["country:AA"]
    assert (aa["baseline_low"], aa["baseline_high"], aa["availability_low"],
            aa["availability_high"], aa["mapped_availability"], aa["not_mapped"]) == (
        "1.0", "1.0", "1.0", "1.0", "0.0", "1")


def test_text_states_both_figures_without_calling_the_second_availability(run):
    text = " ".join(run("chokepoints", "--product", "product:p").split())
    assert ("P (product:p): defence; availability 100% (both bounds; with its 1 input of "
            "unmapped supply counted missing, 0%) as of latest data") in text
    assert ("so the rest of the world is a single point of failure of it (design note "
            "5.2), but many countries, not one.") in text


def test_spof_json_rows_carry_loss_and_the_rest_of_world(run):
    data = json.loads(run("spof", "product:p", "--format", "json"))
    rows = {r["id"]: r for r in data["spofs"]}
    assert sorted(rows) == ["country:XX", "material:m", "material:n", "material:u"]
    assert (rows["country:XX"]["spof"], rows["country:XX"]["loss"],
            rows["country:XX"]["loss_range"]) == ("certain", 1.0, [1.0, 1.0])
    assert data["availability_range"] == [1.0, 1.0] and data["mapped_availability"] == 0.0
    assert data["rest_of_world_only"] is True


def test_dependents_json_spof_is_false_not_no(run):
    rows = {r["product"]: r for r in json.loads(
        run("dependents", "country:AA", "--format", "json"))["dependents"]}
    assert (rows["product:p"]["spof"], rows["product:p"]["loss"],
            rows["product:p"]["loss_range"]) == (False, 0.5, [0.5, 0.5])
    xx = json.loads(run("dependents", "country:XX", "--format", "json"))["dependents"]
    assert [(r["product"], r["spof"], r["loss"]) for r in xx] == [("product:p", "certain", 1.0)]
    cells = list(csv.DictReader(io.StringIO(run("dependents", "country:AA", "--format",
                                                "csv"))))
    assert cells[0]["spof"] == "no"


def test_scenario_rows_carry_loss_and_the_availability_pair(run):
    data = json.loads(run("scenario", "--remove", "country:AA", "--format", "json"))
    [row] = data["products"]
    assert (row["loss"], row["loss_range"], row["new_spofs"]) == (0.5, [0.5, 0.5],
                                                                  ["country:BB"])
    assert (row["availability_range"], row["baseline_range"], row["mapped_availability"]) == (
        [0.5, 0.5], [1.0, 1.0], 0.0)
    assert "availability_bounds" not in row and row["rest_of_world_only"] is True
    [cells] = csv.DictReader(io.StringIO(run("scenario", "--remove", "country:AA",
                                             "--format", "csv")))
    assert (cells["availability_low"], cells["availability_high"],
            cells["mapped_availability"], cells["not_mapped"]) == ("0.5", "0.5", "0.0", "1")
