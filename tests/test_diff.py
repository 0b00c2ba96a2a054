"""``mineralgraph diff``: facts added, removed and changed, and the chokepoints that changed.

The chokepoint figures are those of the design note (section 3) on a graph small enough to
solve by hand: product P requires material M; M is produced by country AA alone (share 1),
then by AA and BB half each. Before, AA is a SPOF (loss 1); after, AA and BB each lose 0.5.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.diff import fact_diff, graph_diff
from mineralgraph.graph.snapshot import save_snapshot
from mineralgraph.reports.diff import render_diff

S = ("source:s",)
BASE = [Claim("product:p", "label", "P", sources=S),
        Claim("product:p", "end_use", "defence", sources=S),
        Claim("material:m", "label", "M", sources=S),
        Claim("material:m", "stage", "mining", sources=S),
        Claim("country:AA", "label", "A", sources=S),
        Claim("country:BB", "label", "B", sources=S),
        Claim("source:s", "title", "S", sources=S),
        Claim("product:p", "REQUIRES", "material:m", sources=S),
        Claim("country:AA", "PRODUCES", "material:m", (("share", 1.0),), sources=S)]
NEW = BASE[:-1] + [Claim("country:AA", "PRODUCES", "material:m", (("share", 0.5),), sources=S),
                   Claim("country:BB", "PRODUCES", "material:m", (("share", 0.5),), sources=S)]


@pytest.fixture
def snapshots(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    save_snapshot(BASE, old)
    save_snapshot(NEW, new)
    return str(old), str(new)


# ------------------------------------------------------------------ facts
def test_added_removed_and_changed_facts():
    old = [Claim("control:x", "effective_to", date(2026, 11, 10), sources=S),
           Claim("control:x", "alias", "A", sources=S),
           Claim("control:x", "label", "X", sources=S)]
    new = [Claim("control:x", "effective_to", date(2026, 11, 27), sources=S),
           Claim("control:x", "alias", "B", sources=S),
           Claim("control:x", "label", "X", sources=S, origin="other.csv:3")]
    diff = fact_diff(old, new)
    assert [(c.predicate, c.object) for c in diff.added] == [("alias", "B")]
    assert [(c.predicate, c.object) for c in diff.removed] == [("alias", "A")]
    [change] = diff.changed
    assert (change.old.object, change.new.object, change.fields) == (
        date(2026, 11, 10), date(2026, 11, 27), ["object"])


def test_the_same_fact_from_another_source_is_an_addition():
    old = [Claim("country:CN", "PRODUCES", "material:m", (("share", 0.69), ("year", 2024)),
                 sources=("source:a",))]
    new = old + [Claim("country:CN", "PRODUCES", "material:m",
                       (("share", 0.7), ("year", 2024)), sources=("source:b",))]
    diff = fact_diff(old, new)
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (1, 0, 0)


def test_a_new_year_is_an_addition_not_a_change():
    old = [Claim("country:CN", "PRODUCES", "material:m", (("share", 0.68), ("year", 2023)),
                 sources=S)]
    new = [Claim("country:CN", "PRODUCES", "material:m", (("share", 0.69), ("year", 2024)),
                 sources=S)]
    diff = fact_diff(old, new)
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (1, 1, 0)


# ------------------------------------------------------------------ chokepoints
def test_chokepoint_diff_on_the_hand_graph():
    [product] = graph_diff(BASE, NEW).products
    assert product.as_dict() == {
        "product": "product:p", "label": "P",
        "baseline": {"old": BASELINE_ALL, "new": BASELINE_ALL},
        "spofs_added": [], "spofs_removed": ["country:AA"],
        "chokepoints_added": [{"id": "country:BB", "loss": 0.5, "loss_low": 0.5,
                               "loss_high": 0.5, "loss_range": [0.5, 0.5], "spof": False}],
        "chokepoints_removed": [],
        "loss_changed": [{"id": "country:AA",
                          "old": {"loss": 1.0, "loss_low": 1.0, "loss_high": 1.0,
                                  "loss_range": [1.0, 1.0], "spof": "certain"},
                          "new": {"loss": 0.5, "loss_low": 0.5, "loss_high": 0.5,
                                  "loss_range": [0.5, 0.5], "spof": False}}]}


#: A baseline range of [1, 1], as the diff's JSON gives it.
BASELINE_ALL = {"baseline_low": 1.0, "baseline_high": 1.0, "baseline_range": [1.0, 1.0]}


def test_diff_json_gives_every_loss_as_its_two_ends_never_one_alone():
    """The diff once wrote a lone ``loss`` (the upper bound's) where the other JSON outputs
    give ``loss_low``/``loss_high``: a loss of 0 from 0-100% read as safe. Its rows now
    carry a chokepoint row's keys: ``loss`` (the upper bound's) beside its range, never
    alone, and ``spof``."""
    data = json.loads(render_diff(graph_diff(BASE, NEW), "a", "b", "json"))
    [product] = data["chokepoints"]
    added = product["chokepoints_added"][0]
    assert (added["loss_low"], added["loss_high"]) == (0.5, 0.5)
    changed = product["loss_changed"][0]
    assert (changed["old"]["loss_high"], changed["new"]["loss_low"]) == (1.0, 0.5)
    assert product["baseline"]["new"]["baseline_range"] == [1.0, 1.0]


#: P also needs U, made from M, with no producer mapped: U's anchor is M's top country
#: (AA and BB tie at 0.5 after the change: the smaller id, AA), design note 5.6.
UNMAPPED = [Claim("material:u", "label", "U", sources=S),
            Claim("material:u", "stage", "metal", sources=S),
            Claim("material:u", "MADE_FROM", "material:m", sources=S),
            Claim("product:p", "REQUIRES", "material:u", sources=S)]


def test_diff_keeps_the_high_end_of_a_loss_that_the_upper_bound_alone_hides():
    """After the change, without AA P keeps half of M in the upper bound (loss 0.5) and
    nothing in the lower one, where U sits in AA (loss 1): AA's loss is 50-100%, not the
    0.5 a lone upper-bound figure gave."""
    diff = graph_diff(BASE + UNMAPPED, NEW + UNMAPPED)
    [product] = diff.products
    assert [(n, a, b) for n, a, b in product.loss_changed] == [
        ("country:AA", (1.0, 1.0), (0.5, 1.0))]
    assert product.chokepoints_added == [("country:BB", (0.5, 0.5))]
    text = render_diff(diff, "a", "b")
    assert text.endswith("\n    loss country:AA: 100% -> 50-100%")
    [row] = [r for r in json.loads(render_diff(diff, "a", "b", "json"))["chokepoints"]]
    # the upper bound's loss (0.5) beside the range, as a chokepoint row gives it
    assert row["loss_changed"][0]["new"] == {"loss": 0.5, "loss_low": 0.5, "loss_high": 1.0,
                                             "loss_range": [0.5, 1.0], "spof": "possible"}


def test_no_change_gives_no_product():
    diff = graph_diff(BASE, list(reversed(BASE)))
    assert diff.products == []
    assert diff.as_dict()["summary"] == {"added": 0, "removed": 0, "changed": 0,
                                         "products_changed": 0}


# ------------------------------------------------------------------ the command
def test_diff_text(run_cli, snapshots):
    old, new = snapshots
    result = run_cli("diff", old, new)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        f"1 facts added, 0 re-sourced, 0 removed, 1 changed from {old} to {new}; chokepoints "
        "changed for "
        "1 product(s).\n\n"
        "Added:\n"
        "  + country:BB PRODUCES material:m (share 0.5) <source:s>\n\n"
        "Changed:\n"
        "  ~ country:AA PRODUCES: material:m (share 1.0) -> material:m (share 0.5) <source:s>\n\n"
        "Chokepoints:\n"
        "  product:p (P): availability 100% -> 100%\n"
        "    SPOF removed: country:AA\n"
        "    chokepoint added: country:BB (loss 50%)\n"
        "    loss country:AA: 100% -> 50%\n")


def test_diff_json(run_cli, snapshots):
    old, new = snapshots
    result = run_cli("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] == {"added": 1, "resourced": 0, "removed": 0, "changed": 1,
                               "products_changed": 1}
    assert data["chokepoints"][0]["spofs_removed"] == ["country:AA"]
    assert data["changed"][0]["fields"] == ["qualifiers"]
    assert (data["old"], data["new"]) == (old, new)


def test_diff_markdown_and_facts_only(run_cli, snapshots):
    old, new = snapshots
    result = run_cli("diff", old, new, "--format", "md", "--no-chokepoints")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"**1 facts added, 0 re-sourced, 0 removed, 1 changed "
                                    f"from {old} to "
                                    f"{new}.**\n\n## Added\n\n- `+ country:BB PRODUCES")
    assert "## Chokepoints" not in result.stdout
    assert "&lt;" not in result.stdout and " <source:" in result.stdout  # code spans are literal


def test_diff_of_a_missing_file_is_one_line(run_cli, snapshots, tmp_path):
    old, _ = snapshots
    missing = tmp_path / "nope.json"
    result = run_cli("diff", old, str(missing))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {missing}: no such file or folder\n"


def test_diff_needs_two_arguments(run_cli, snapshots):
    result = run_cli("diff", snapshots[0])
    assert result.exit_code == 2


def test_diff_of_the_bundled_data_with_and_without_an_article(run_cli, data_dir, tmp_path):
    """Done-when of issue 7: the new claims and the changed chokepoints are shown.

    The article names a second Chinese magnet maker. With no sourced share it takes an
    equal part of China's 94% beside JL Mag (design note 5.4), so JL Mag's loss on the
    F-35 falls from 47% to 31% (0.94 / 3) and the new maker comes in at 31%. Under
    --worst-case an unsourced split is no figure (addendum 5.4 amended): each of them may
    make none to all of China's 94%, so JL Mag's range stays 0-94% and the new maker comes
    in at 0-94%.
    """
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    article = data_dir / "news" / "diff" / "ningbo-magnets.txt"
    assert run_cli("build", "--out", str(old)).exit_code == 0
    built = run_cli("build", "--source", str(article), "--out", str(new))
    assert built.exit_code == 0, built.stderr
    result = run_cli("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    produced = [c for c in data["added"] if c["predicate"] == "PRODUCES"]
    assert [(c["subject"], c["object"]) for c in produced] == [
        ("company:ningbo-yunsheng", "material:ndfeb-magnet")]
    # the dateline ("NINGBO, China, June 10 (Example Wire) -") is read off, not quoted
    assert produced[0]["quote"].startswith("Ningbo Yunsheng produces sintered NdFeB")
    assert data["removed"] == [] and data["changed"] == []
    assert data["summary"]["products_changed"] >= 1
    f35 = [c for c in data["chokepoints"] if c["product"] == "product:f-35"][0]
    jl = [c for c in f35["loss_changed"] if c["id"] == "company:jl-mag"][0]
    # JL Mag's equal part of China's 92% (BIS): 0.92 / 2, then 0.92 / 3 beside Ningbo
    assert (jl["old"]["loss_range"], jl["new"]["loss_range"]) == ([0.46, 0.46],
                                                              [0.306667, 0.306667])
    ningbo = [c for c in f35["chokepoints_added"] if c["id"] == "company:ningbo-yunsheng"][0]
    assert ningbo["loss_range"] == [0.306667, 0.306667]
    wide = run_cli("--worst-case", "diff", str(old), str(new), "--format", "json")
    assert wide.exit_code == 0, wide.stderr
    data = json.loads(wide.stdout)
    assert data["worst_case"] is True
    f35 = [c for c in data["chokepoints"] if c["product"] == "product:f-35"][0]
    assert "company:jl-mag" not in [c["id"] for c in f35["loss_changed"]]
    ningbo = [c for c in f35["chokepoints_added"] if c["id"] == "company:ningbo-yunsheng"][0]
    assert ningbo["loss_range"] == [0.0, 0.92]


def test_diff_as_of_compares_the_chokepoints_on_that_date(run_cli, tmp_path):
    """BB's production is valid from 2026: as of 2025 the chokepoints have not changed."""
    later = BASE[:-1] + [
        Claim("country:AA", "PRODUCES", "material:m", (("share", 0.5),), sources=S),
        Claim("country:BB", "PRODUCES", "material:m", (("share", 0.5),), sources=S,
              valid_from=date(2026, 1, 1))]
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    save_snapshot(BASE, old)
    save_snapshot(later, new)
    on_2025 = json.loads(run_cli("diff", str(old), str(new), "--as-of", "2025-06-01",
                                 "--format", "json").stdout)
    on_2026 = json.loads(run_cli("diff", str(old), str(new), "--as-of", "2026-06-01",
                                 "--format", "json").stdout)
    # 2025: AA alone with share 0.5, so a0 = 0.5 and AA stays a SPOF (loss 1).
    assert on_2025["chokepoints"] == [{
        "product": "product:p", "label": "P", "baseline": {"old": BASELINE_ALL, "new": {
            "baseline_low": 0.5, "baseline_high": 0.5, "baseline_range": [0.5, 0.5]}},
        "spofs_added": [], "spofs_removed": [], "chokepoints_added": [],
        "chokepoints_removed": [], "loss_changed": []}]
    # 2026: BB's half counts too; AA is no longer a SPOF.
    assert on_2026["chokepoints"][0]["spofs_removed"] == ["country:AA"]
    assert on_2026["chokepoints"][0]["chokepoints_added"] == [
        {"id": "country:BB", "loss": 0.5, "loss_low": 0.5, "loss_high": 0.5,
         "loss_range": [0.5, 0.5], "spof": False}]


def test_diff_reads_any_source_a_loader_reads(run_cli, data_dir, tmp_path):
    graph = data_dir / "news" / "graph"
    new = tmp_path / "new.json"
    article = data_dir / "news" / "articles" / "12-apple-mp.txt"
    built = run_cli("build", "--no-bundled", "--source", str(graph), "--source", str(article),
                    "--out", str(new))
    assert built.exit_code == 0, built.stderr
    result = run_cli("diff", str(graph), str(new), "--no-chokepoints", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["removed"] == [] and data["changed"] == []
    assert [(c["subject"], c["predicate"], c["object"]) for c in data["added"]
            if c["predicate"] == "SUPPLIES"] == [
        ("company:mp-materials", "SUPPLIES", "company:apple")]


def test_diff_rows_carry_the_keys_of_a_chokepoint_row(run_cli, tmp_path):
    """A row of ``diff --format json`` has the keys of a ``chokepoints --format json`` row
    for its loss: the upper bound's ``loss`` beside ``loss_low``, ``loss_high``,
    ``loss_range`` and ``spof`` (trial 4: the diff had no lone ``loss``)."""
    [product] = graph_diff(BASE, NEW).products
    data = product.as_dict()
    keys = {"loss", "loss_low", "loss_high", "loss_range", "spof"}
    for row in data["chokepoints_added"] + data["chokepoints_removed"]:
        assert keys <= set(row)
    for row in data["loss_changed"]:
        assert keys <= set(row["old"]) and keys <= set(row["new"])
