"""What the eleventh new-user trial (an analyst's reading) found, one exact test each."""

from __future__ import annotations

import csv
import io
import json

import pytest

DENIAL = ("scenario", "--name", "cn-2025-04-defence-denial")

#: The products whose 0% the trial read as "unknown counted as zero".
ZERO = ("product:cdte-solar-module", "product:columbia-class-submarine",
        "product:military-uav")


@pytest.fixture(scope="module")
def denial():
    """The defence denial's report in each format, run once."""
    from click.testing import CliRunner

    from mineralgraph.cli import cli

    out = {}
    for fmt in ("text", "md", "json", "csv"):
        result = CliRunner().invoke(cli, [*DENIAL, "--format", fmt], prog_name="mineralgraph")
        assert result.exit_code == 0, result.stderr
        out[fmt] = result.stdout
    return out


# ------------------------------------------------ 1. a 0% carries no confidence it lacks
def test_a_zero_loss_measures_no_supply_so_its_confidence_is_unknown(denial):
    """Columbia-class, the military UAV and CdTe read "0%*" with "high" in the confidence
    column (their one requirement's rating), beside "0-100% under --worst-case: supply
    not mapped; conf. unknown". A 0% counts only the recorded requirements and measures
    no supply: its confidence is "unknown" in every format."""
    rows = {r["product"]: r for r in json.loads(denial["json"])["products"]}
    assert [rows[p]["confidence"] for p in ZERO] == ["unknown"] * 3
    # every 0% row, whatever its requirement is rated; the losses keep theirs
    assert {r["confidence"] for r in rows.values() if r["loss_range"][1] == 0} == {"unknown"}
    assert [rows[p]["confidence"] for p in ("product:jdam", "product:f-35")] == ["low", "low"]
    # the low requirement a 0% reads is still named (Patriot's GaN radar, low)
    assert [w["object"] for w in rows["product:patriot"]["low_confidence"]] == [
        "material:patriot-gan-radar"]
    table = csv.DictReader(io.StringIO(denial["csv"]))
    assert {r["product"]: r["confidence"] for r in table if r["product"] in ZERO} == dict.fromkeys(
        ZERO, "unknown")
    assert "| product:cdte-solar-module | energy | 0%\\* |  |  | unknown |  |" in denial["md"]
    assert ("| product:columbia-class-submarine | defence | 0%\\* (0-100% under --worst-case: "
            "supply not mapped; conf. unknown) |  | 1 | unknown |  |") in denial["md"]
    assert ("product:cdte-solar-module\n"
            "  energy          0%*                                    unknown\n") in denial["text"]
    assert ("0%*: counting only the recorded requirements of the product (above): not safe,\n"
            "not measured (confidence unknown).") in denial["text"]
    assert "high" not in denial["text"][denial["text"].index("\nproduct\n"):
                                        denial["text"].index("\nSOURCES")]


# ------------------------------------------------ 2. the date the figures are computed as of
def test_the_scenario_report_says_once_near_the_top_the_date_it_is_computed_as_of(
        denial, run_cli):
    """JSON gave ``as_of`` (2025-06-01, the scenario's YAML); the text and Markdown never
    said it. Now the first sentence does, once."""
    assert json.loads(denial["json"])["as_of"] == "2025-06-01"
    assert denial["text"].startswith(
        "SCENARIO\n\nScenario cn-2025-04-defence-denial, as of 2025-06-01: China denies its "
        "April\n2025 rare-earth export licences to defence end users. 3 of 35 product(s)")
    assert denial["md"].startswith(
        "# Scenario\n\nScenario cn-2025-04-defence-denial, as of 2025-06-01: China denies")
    for fmt in ("text", "md"):
        assert denial[fmt].count("as of 2025-06-01") == 1
    # --as-of is the date said; without one, the latest data
    text = run_cli("scenario", "--enforce", "control:cn-2025-04-rare-earths", "--as-of",
                   "2025-06-01").stdout
    assert text.startswith("SCENARIO\n\nScenario ad-hoc, as of 2025-06-01: enforcing "
                           "control:cn-2025-04-rare-earths. 7\n")
    text = run_cli("scenario", "--enforce", "control:cn-2025-04-rare-earths").stdout
    assert text.startswith("SCENARIO\n\nScenario ad-hoc, as of the latest data: enforcing\n")


# ------------------------------------------------ 3. the F-35's sentence once, with the range
def test_a_loss_whose_worst_case_has_the_same_cause_is_said_once_with_its_range(denial):
    """"Lockheed Martin F-35 Lightning II (product:f-35) loses >99.9%: the scenario blocks
    China's 92% of ..." was printed twice, the second time with the worst-case range."""
    for fmt in ("text", "md"):
        flat = " ".join(denial[fmt].split())
        assert flat.count("Lockheed Martin F-35 Lightning II (product:f-35) loses") == 1
        assert ("Lockheed Martin F-35 Lightning II (product:f-35) loses >99.9% by the design "
                "note's rules (the default) and >99.9-100% under --worst-case (a figure that "
                "rests on low-confidence claims, a proxy and a disputed claim): the scenario "
                "blocks China's 92% of High-temperature NdFeB magnet (Dy/Tb-doped) (medium "
                "confidence; rests on a proxy) [1], China's 92% of Samarium-cobalt alloy (low "
                "confidence; rests on a proxy) [1] and China's 92% of Samarium-cobalt "
                "permanent magnet (low confidence; rests on a proxy) [1] on its supply "
                "paths.") in flat
        # the JDAM and the Tomahawk, whose worst case is their own figure, keep their line
        assert flat.count("(product:tomahawk) lose >99.9%: the scenario blocks") == 1


# ------------------------------------------------ 4. the dispute names its source's real date
def test_the_hdd_dispute_names_the_2021_announcement_not_a_2021_report(run_cli):
    """``dependents element:Dy`` said "the Commerce Department's Section 232 report (2021)
    names NdFeB...": the report was completed in June 2022; what the plain NdFeB claim
    cites (source:commerce-ndfeb-232-2021) is the September 2021 announcement of the
    investigation ("The magnets are also used in computer hard drives...")."""
    from pathlib import Path

    text = " ".join(run_cli("dependents", "element:Dy").stdout.split())
    assert ("disputed: the Commerce Department's announcement of its Section 232 "
            "investigation (September 2021; the report came in June 2022) names NdFeB "
            "without a Dy/Tb-doped grade.") in text
    assert "232 report (2021)" not in text
    curated = Path(__file__).parents[1] / "mineralgraph" / "data" / "curated"
    for path in sorted(curated.glob("*.csv")):
        assert "232 report (2021)" not in path.read_text(), path.name


# ------------------------------------------------ 5. a share says which denominator it is of
def test_a_share_says_its_denominator_where_world_total_and_countries_sum_differ(run_cli):
    """Headlines said "Primary low-purity gallium, 98% from China (... high confidence)"
    citing USGS MCS 2025, which gives China 750,000 of a world 760,000 kg (98.7%; its text
    says 99%): the 98% divided by the countries' sum (762,000 kg; the shares as given add
    up to 100.25%), as the analysis reads a set above 100% (design note 5.5). The
    headline now gives the source's share of its stated world total and says which
    denominator each figure is of; a scenario's driver, the analysis's share, says so too."""
    head = " ".join(run_cli("chokepoints", "--product",
                            "product:gan-power-transistor").stdout.split())
    assert ("GaN power transistor (power conversion) is most exposed at the metal stage: "
            "Primary low-purity gallium, 99% from China (of the world total the source "
            "states; 98% of the countries' sum, 100.25% of that total, as the analysis reads "
            "it by design note 5.5; HHI 9,690; high confidence); without China it would lose "
            "98-100% (high confidence).") in head
    ban = " ".join(run_cli("scenario", "--name", "cn-2024-12-us-ga-ge-sb-ban").stdout.split())
    assert ("the scenario blocks China's 98% of Primary low-purity gallium (of the countries' "
            "sum, 100.25% of the world total the source states, as the analysis reads it by "
            "design note 5.5; 99% of that total; high confidence) [1] on their supply "
            "paths.") in ban
    # a sum above 100% only from rounded shares changes no percent: nothing said (refined
    # copper's shares add up to 100.8%, China 44% either way)
    from mineralgraph import load_bundled
    from mineralgraph.graph.analysis.concentration import concentration
    from mineralgraph.reports.summary import denominator_clause

    copper = concentration(load_bundled(), "material:copper-refined")
    assert copper.stated_sum == 1.008
    assert denominator_clause(copper, copper.top_country, stated_first=True) == ""


# ------------------------------------------------ 6. text an analyst can read
def test_one_kind_of_weak_claim_reads_as_english(run_cli):
    """The AIM-9X's headline said "These figures also rest on 2 more claims proxies"."""
    text = " ".join(run_cli("chokepoints", "--product", "product:aim-9x").stdout.split())
    assert ("These figures also rest on 2 more claims that are proxies, the weakest first "
            "(by rating, low first; then disputed before proxy): China's figures for NdPr "
            "oxide (separated) [5] and Sintered NdFeB permanent magnet [1] (medium, "
            "proxy).") in text
    assert "claims proxies" not in text


def test_a_range_of_one_source_number_is_one_number(run_cli):
    """The Tomahawk's sources said "[19]-[19] are behind the figures"."""
    text = " ".join(run_cli("--min-confidence", "medium", "chokepoints", "--product",
                            "product:tomahawk").stdout.split())
    assert ("[1]-[18] are cited above; [19] is behind the figures of the product's snapshot "
            "and brief (mineralgraph snapshot product:tomahawk; mineralgraph brief "
            "product:tomahawk), which number every source as this list does.") in text
    assert "[19]-[19]" not in text


def test_the_picture_footer_is_a_whole_sentence_a_png_reader_can_act_on():
    """The PNG's footer ended mid-sentence, "hover a box of the SVG for its own", and a
    PNG has no hover: it says how any reader gets a box's own sources."""
    from mineralgraph import load_bundled
    from mineralgraph.api import snapshot_chain
    from mineralgraph.render.compact_layout import compact_layout

    scene = compact_layout(snapshot_chain(load_bundled(), "product:optimus"))
    footer = " ".join(i.text for i in scene.items if hasattr(i, "text"))
    assert ("[n]: its sources as the chokepoint report numbers them (mineralgraph chokepoints "
            "--product product:optimus, at the same date and scenario). A box's own "
            "sources: mineralgraph show followed by its id (the SVG and HTML pictures also "
            "show them when the pointer rests on the box).") in footer
    assert "hover a box of the SVG" not in footer


def test_a_loss_on_an_assumed_share_keeps_its_approx_sign_in_the_pictures(run_cli):
    """The Mermaid snapshot wrote "loss 50%" of an equal split the text writes ≈: Global
    Tungsten & Powders' loss rests on an assumed share, "≈14%" in the report and now in
    the picture (and its list of top chokepoints)."""
    report = " ".join(run_cli("chokepoints", "--product",
                              "product:armour-piercing-ammunition").stdout.split())
    assert "#3 Global Tungsten & Powders, loss ≈14% (low confidence;" in report
    mmd = run_cli("snapshot", "product:armour-piercing-ammunition", "--format", "mmd").stdout
    assert ("#3 Global Tungsten & Powders: loss ≈14% (low confidence; rests on a proxy and an "
            "assumed (≈) share)") in mmd
    assert "Global Tungsten & Powders: loss 14%" not in mmd
