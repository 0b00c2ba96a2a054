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
    # ("The summary's figures" since findings 12 put the list after the product's table)
    assert ("The summary's figures also rest on 2 more claims that are proxies, the weakest "
            "first (by rating, low first; then disputed before proxy): China's figures for NdPr "
            "oxide (separated) [5] and Sintered NdFeB permanent magnet [1] (medium, "
            "proxy).") in text
    assert "claims proxies" not in text
    # two kinds without "rated low" read the same way (the hard disk drive's list)
    drive = " ".join(run_cli("chokepoints", "--product", "product:hard-disk-drive").stdout.split())
    assert "also rest on 3 more claims that are proxies or disputed, the weakest" in drive
    assert "claims proxies or disputed" not in drive


def test_a_range_of_one_source_number_is_one_number(run_cli):
    """The Tomahawk's sources said "[19]-[19] are behind the figures"."""
    text = " ".join(run_cli("--min-confidence", "medium", "chokepoints", "--product",
                            "product:tomahawk").stdout.split())
    # (20 cited since pathconf cites a row's deciding claims beside its paths' sources)
    assert ("[1]-[20] are cited above; [21] is behind the figures of the product's snapshot "
            "and brief (mineralgraph snapshot product:tomahawk; mineralgraph brief "
            "product:tomahawk), which number every source as this list does.") in text
    assert "[21]-[21]" not in text


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


# ------------------------------------------------ 7. CLI rough edges: one clear line each
def test_validate_says_a_single_problem_in_one_line(run_cli, tmp_path):
    """``validate missing.csv`` printed the problem and then "Error: 1 problem(s) in
    missing.csv": two lines for one problem. A path that cannot be read at all is one
    line now, as build says it (problems inside files keep their count after them)."""
    missing = tmp_path / "missing.csv"
    result = run_cli("validate", str(missing))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"Error: {missing}: no such file or folder\n")


def test_a_stray_quote_is_named_at_its_line_and_cell(run_cli, tmp_path):
    """A curated row with a stray quote gave four knock-on field errors ("'audio
    equipment' is not a number", "a fact needs at least one source"...) and never said
    "quote"."""
    from pathlib import Path

    curated = Path(__file__).parents[1] / "mineralgraph" / "data" / "curated"
    lines = (curated / "requirements_more.csv").read_text().splitlines()
    row = lines[18].replace("material:ndfeb-magnet,", '"material:ndfeb-magnet,', 1)
    bad = tmp_path / "requirements.csv"
    bad.write_text(f"{lines[0]}\n{row}\n")
    result = run_cli("validate", str(bad), "--with-bundled")
    assert (result.exit_code, result.stderr) == (1, (
        f'{bad}:2: object: unbalanced quote: a " with no partner in this cell, so the cells '
        f"after it are read shifted\nError: 1 problem(s) in {bad}\n"))
    build = run_cli("build", "--source", str(bad), "-o", str(tmp_path / "g.json"))
    assert build.exit_code == 1 and "unbalanced quote" in build.stderr
    assert not (tmp_path / "g.json").exists()


@pytest.mark.parametrize("args", [
    ["chokepoints", "--product", "product:optimus"], ["info"]])
def test_an_output_suffix_no_format_names_is_refused_as_brief_refuses_it(run_cli, tmp_path,
                                                                          args):
    """``chokepoints -o x.xyz`` wrote text silently while ``brief -o b.docx`` was refused
    with exit 2: one rule now, bad usage, before any work; .log and no suffix stay text,
    and --format names the format whatever the suffix."""
    odd = tmp_path / "x.xyz"
    result = run_cli(*args, "-o", str(odd))
    assert result.exit_code == 2 and not odd.exists()
    assert result.stderr.startswith(f"Error: {odd}: unsupported format ('.xyz'); use one of "
                                    ".csv, .json, .md, .txt, or --format")
    assert len(result.stderr.splitlines()) == 1
    assert run_cli(*args, "-o", str(tmp_path / "x.png")).exit_code == 2
    for fine in ("run.log", "plain"):
        assert run_cli(*args, "-o", str(tmp_path / fine)).exit_code == 0
        assert (tmp_path / fine).read_text().strip()
    assert run_cli(*args, "--format", "json", "-o", str(odd)).exit_code == 0
    assert run_cli("brief", "product:optimus", "-o", str(tmp_path / "b.docx")).exit_code == 2


def test_output_to_dev_null_is_discarded_not_refused(run_cli):
    """``-o /dev/null`` was refused as a character device: a user discarding output."""
    import os
    import stat

    before = os.stat("/dev/null")
    result = run_cli("chokepoints", "--product", "product:optimus", "-o", "/dev/null")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_an_unknown_id_suggests_near_ids_only(run_cli):
    """``paths element:Xx ...`` suggested "element:Y, element:W, element:V": the shared
    "element:" made every id look near. Nothing near, nothing suggested."""
    result = run_cli("paths", "element:Xx", "product:f-35")
    assert (result.exit_code, result.stderr) == (1, "Error: element:Xx is not in the graph\n")
    near = run_cli("paths", "element:Dx", "product:f-35")
    assert near.stderr == "Error: element:Dx is not in the graph (did you mean element:Dy?)\n"


def test_remote_sparql_data_is_refused_with_the_url_as_given(run_cli):
    """``sparql --data http://127.0.0.1:18931/d.ttl`` said "http:/127.0.0.1:18931/d.ttl:
    no such file": the URL mangled as a path. Remote data is never fetched."""
    url = "http://127.0.0.1:18931/d.ttl"
    result = run_cli("sparql", "--data", url, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", (
        f"Error: {url}: remote data is not read (--data takes a local RDF file; download it "
        "first)\n"))


def test_build_names_the_line_and_field_of_a_csv_no_loader_reads(run_cli, tmp_path):
    """``build --source bad.csv`` said "not a format any loader recognises", no line or
    field: it names the header and its columns."""
    bad = tmp_path / "bad.csv"
    bad.write_text("x\n1\n")
    result = run_cli("build", "--source", str(bad), "-o", str(tmp_path / "g.json"))
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {bad}:1: header: the columns 'x' are no table a loader reads (a curated file "
        "needs an id or relation column and sources; a USGS or trade table its own columns: "
        "data README)\n"))
