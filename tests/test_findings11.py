"""Findings 11 (a new user's trial, reading as an analyst), each on a hand-checked graph.

1. Under the defence denial the F-35's brief ranked Myanmar as 57% of what the F-35 still
   gets: Myanmar's share of world heavy rare-earth feed, which the analysis lets the
   separators China's control leaves draw on (a producer's input is the world pool,
   design note 2), though Myanmar's feed goes to China and Lynas' comes from Mt Weld.
   A country whose figure is only such a share says so and is not named as supply left.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hand_scenarios import china_denies

from mineralgraph.claim import Claim

S = ("source:s",)


def claim(subject, predicate, obj, confidence="high", sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def feed_graph(recorded: bool = True):
    """P (defence) needs oxide D, made from feed H.

    H: Myanmar 0.7, China 0.1, rest of world 0.2, of which Mine W (Australia, no share)
    takes an equal part, ≈0.1. D: China 0.9, rest of world 0.1, of which Plant K
    (Malaysia, no share) takes ≈0.05. With ``recorded``, Mine W SUPPLIES Plant K with H,
    so K's D is made from W's H alone (design note 5.3).

    China denies D. Upper bound: K 0.05 x 1 + rest of world 0.05 x a(H) 1 = 0.1.
    - without Myanmar, a(H) = 0.3: 0.05 + 0.05 x 0.3 = 0.065, loss 0.35 (no flow from
      Myanmar to K or to the rest of the world's D is recorded: its 0.7 of H, world pool);
    - without Australia (W), K gets nothing and a(H) = 0.9: 0.05 x 0.9 = 0.045, loss 0.55
      (W's H reaches K, a producer of D the denial leaves: a recorded flow);
    - without Malaysia (K): 0.05, loss 0.5 (a producer left at the blocked stage);
    - without China, a(H) = 0.9: 0.05 + 0.045 = 0.095, loss 0.05 (its 0.1 of H, world
      pool; its own D is what its control blocks).
    Without ``recorded`` K takes H from the world pool too: without Australia a(H) = 0.9,
    0.1 x 0.9 = 0.09, loss 0.1, and Australia's figure is a world-pool share as well;
    without Myanmar 0.1 x 0.3 = 0.03, loss 0.7.
    """
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:d": "Oxide D", "material:h": "Feed H",
              "country:CN": "China", "country:MM": "Myanmar", "country:AU": "Australia",
              "country:MY": "Malaysia", "country:XX": "rest of world",
              "facility:w": "Mine W", "facility:k": "Plant K"}
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:d"),
              claim("material:h", "stage", "mining"), claim("material:d", "stage", "processing"),
              claim("material:d", "MADE_FROM", "material:h"),
              claim("country:MM", "PRODUCES", "material:h", share=0.7),
              claim("country:CN", "PRODUCES", "material:h", share=0.1),
              claim("country:XX", "PRODUCES", "material:h", share=0.2),
              claim("country:CN", "PRODUCES", "material:d", share=0.9),
              claim("country:XX", "PRODUCES", "material:d", share=0.1),
              claim("facility:w", "PRODUCES", "material:h"),
              claim("facility:w", "LOCATED_IN", "country:AU"),
              claim("facility:k", "PRODUCES", "material:d"),
              claim("facility:k", "LOCATED_IN", "country:MY")]
    if recorded:
        claims.append(claim("facility:w", "SUPPLIES", "facility:k", material="material:h"))
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def report_of(graph):
    from mineralgraph.graph.analysis import chokepoints

    return chokepoints(graph, ["product:p"], china_denies("material:d"))[0]


def test_a_world_pool_share_says_its_stage_and_is_not_named_as_supply_left():
    """Findings 11, 1: the countries whose figure is their share of world Feed H (the
    stage the denial does not touch) are marked with that stage; Australia, whose mine
    is recorded feeding Plant K, and Malaysia, whose plant is supply left, are not."""
    report = report_of(feed_graph())
    assert report.availability == pytest.approx(0.1)
    rows = {c.id: c for c in report.chokepoints if c.kind == "Country"}
    losses = {n: round(c.loss, 6) for n, c in rows.items() if n != "country:XX"}
    assert losses == {"country:AU": 0.55, "country:MY": 0.5, "country:MM": 0.35,
                      "country:CN": 0.05}
    pooled = {n: c.pool_feed.as_dict() for n, c in rows.items() if c.pool_feed}
    assert pooled == {
        "country:MM": {"material": "material:h", "feeds": ["material:d"],
                       "issuers": ["country:CN"], "issuer": False},
        "country:CN": {"material": "material:h", "feeds": ["material:d"],
                       "issuers": ["country:CN"], "issuer": True}}
    # the HHI beside the figure is the stage it counts: Feed H's 0.7² + 0.1² = 5,000
    assert rows["country:MM"].hhi == pytest.approx(5000.0)
    assert rows["country:MM"].as_dict()["pool_feed"]["material"] == "material:h"
    assert rows["country:AU"].as_dict()["pool_feed"] is None


def test_without_the_recorded_flow_every_feed_country_is_a_pool_share():
    report = report_of(feed_graph(recorded=False))
    rows = {c.id: c for c in report.chokepoints if c.kind == "Country"}
    assert {n: round(c.loss, 6) for n, c in rows.items() if n != "country:XX"} == {
        "country:MM": 0.7, "country:MY": 0.5, "country:AU": 0.1, "country:CN": 0.1}
    assert sorted(n for n, c in rows.items() if c.pool_feed) == [
        "country:AU", "country:CN", "country:MM"]


def test_no_scenario_no_pool_mark():
    from mineralgraph.graph.analysis import chokepoints

    report = chokepoints(feed_graph(), ["product:p"])[0]
    assert all(c.pool_feed is None for c in report.chokepoints)


def test_the_headline_names_supply_left_and_the_row_says_which_stage_it_counts():
    """Myanmar loses P 35% of what it still gets, more than any country but Australia
    and Malaysia; without the recorded flow Myanmar's 70% would lead the headline, and
    it is a share of world Feed H that the graph does not place with the separators
    China leaves. The headline names Malaysia's ≈50% (its Plant K), and Myanmar's
    evidence says what its figure counts."""
    from mineralgraph.reports.chokepoints import render_text
    from mineralgraph.reports.summary import worst_country

    graph = feed_graph(recorded=False)
    report = report_of(graph)
    assert worst_country(report).id == "country:MY"
    text = " ".join(render_text([report], graph).split())
    assert "without Malaysia it would lose ≈50% of what it still gets" in text
    assert "without Myanmar" not in text
    assert ("#1 Myanmar, loss 70%" in text)
    assert ("World pool, not a recorded flow: the figure is Myanmar's share of world Feed H "
            "(mining stage), which the analysis lets the producers of Oxide D the scenario "
            "leaves draw on (a producer takes its input from the world pool, design note 2); "
            "no flow from Myanmar to them is recorded, so it is not named as supply left."
            ) in text
    assert ("World pool, not a recorded flow: the figure is China's share of world Feed H "
            "(mining stage), which the analysis lets the producers of Oxide D the scenario "
            "leaves draw on (a producer takes its input from the world pool, design note 2); "
            "no flow from China to them is recorded; China's own producers of Oxide D are "
            "what its control blocks, so it is not named as supply left.") in text
    assert "World pool, as said under #1: Australia's share of world Feed H" in text


# ---------------------------------------------------------------- 2. one tie-break
def tied_graph():
    """P needs magnet Z and magnet B, each 92% from China and 8% from the rest of the world
    (HHI 8,464 both): Z's shares a low-rated proxy, B's a medium one; and minerals M1, half
    from Aland (rated low), and M2, half from Bland (rated high), the other halves from the
    rest of the world (HHI 2,500 each). Without China P loses 92%; without Aland, Bland or
    the rest of the world 50% each."""
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:z": "Magnet Z", "material:b": "Magnet B",
              "material:m1": "M1", "material:m2": "M2", "country:CN": "China",
              "country:AA": "Aland", "country:BB": "Bland", "country:XX": "rest of world"}
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence")]
    for material in ("material:z", "material:b", "material:m1", "material:m2"):
        claims.append(claim("product:p", "REQUIRES", material))
    claims += [claim("material:z", "stage", "component"),
               claim("material:b", "stage", "component"),
               claim("material:m1", "stage", "mining"), claim("material:m2", "stage", "mining"),
               claim("country:CN", "PRODUCES", "material:z", "low", share=0.92, proxy="NdFeB"),
               claim("country:XX", "PRODUCES", "material:z", "low", share=0.08, proxy="NdFeB"),
               claim("country:CN", "PRODUCES", "material:b", "medium", share=0.92,
                     proxy="all magnets"),
               claim("country:XX", "PRODUCES", "material:b", "medium", share=0.08,
                     proxy="all magnets"),
               claim("country:AA", "PRODUCES", "material:m1", "low", share=0.5),
               claim("country:XX", "PRODUCES", "material:m1", "high", share=0.5),
               claim("country:BB", "PRODUCES", "material:m2", "high", share=0.5),
               claim("country:XX", "PRODUCES", "material:m2", "high", share=0.5)]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def test_at_an_equal_figure_the_better_supported_row_comes_first_everywhere():
    """Findings 11, 2: at the F-35's tied 92% the "most exposed" sentence named the low SmCo
    proxy (the larger id) over the medium Dy/Tb-doped magnet. One rule now breaks every
    tie: the better-supported first (by rating, then undisputed, then measured), then id."""
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.summary import (
        most_exposed_stage,
        product_story,
        worst_country,
    )

    graph = tied_graph()
    report = chokepoints(graph, ["product:p"])[0]
    # most exposed: HHI 8,464 both; B's 92% is rated medium, Z's low (Z was named: the
    # larger id)
    assert most_exposed_stage(report, graph).id == "material:b"
    assert report.most_concentrated.id == "material:b"
    # the ranking: Aland, Bland and the rest of the world each lose P 50%; Bland's figure
    # is rated high, Aland's low: Bland first although its id is the larger. The rest of
    # the world's 50% is its half of M1 or of M2 (high), not its 8% of the magnets (low
    # proxies): it reads high, and follows Bland by id. China's 92% holds on magnet B
    # alone (medium, proxy) as on Z (low): it reads medium (figure_claims)
    suppliers = [(c.rank, c.id, round(c.loss, 6), c.caveats.describe())
                 for c in report.chokepoints if c.rank]
    assert suppliers == [(1, "country:CN", 0.92, "medium, proxy"),
                         (2, "country:BB", 0.5, "high"), (3, "country:XX", 0.5, "high"),
                         (4, "country:AA", 0.5, "low")]
    assert worst_country(report).id == "country:CN"
    lines, _ = product_story(report, graph)
    text = " ".join(" ".join(lines).split())
    assert text.startswith("P is most exposed at the component stage: Magnet B, 92% from "
                           "China (HHI 8,464; medium confidence, a proxy: measured for all "
                           "magnets)")


def test_the_dependents_and_scenario_tables_break_ties_by_support():
    """The same rule orders products at an equal loss in ``dependents`` and ``scenario``."""
    from mineralgraph.graph.analysis import Scenario
    from mineralgraph.graph.analysis.lookups import dependents, scenario_result
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.reports.tables import render_dependents

    base = [claim("source:s", "title", "S"),
            claim("product:a", "REQUIRES", "material:m", "low"),
            claim("product:b", "REQUIRES", "material:m", "high"),
            claim("country:CN", "PRODUCES", "material:m", "high", share=0.5),
            claim("country:AU", "PRODUCES", "material:m", "high", share=0.5)]
    graph = SupplyGraph(base + [claim(n, "label", n) for n in (
        "product:a", "product:b", "material:m", "country:CN", "country:AU")])
    found = dependents(graph, "country:CN")
    text = render_dependents("country:CN", found.losses, graph, "csv", found.spofs,
                             found.caveats)
    assert [line.split(",")[0] for line in text.splitlines()[1:]] == ["product:b",
                                                                       "product:a"]
    result = scenario_result(graph, Scenario("t", remove=("country:CN",)))
    assert [(r["product"], r["loss"], r["confidence"]) for r in result["products"]] == [
        ("product:b", 0.5, "high"), ("product:a", 0.5, "low")]


# ---------------------------------------------------------------- 3. each note once
def test_a_report_of_every_product_gives_each_note_and_press_figure_once(run_cli):
    """Findings 11, 3: ``chokepoints`` for every product printed Mountain Pass's share
    derivation under 13 products and the press figures set aside under 18; the scenario
    report printed the IEA relay's 91% for NdPr oxide in six lines. Each is given once
    now, and named where it returns."""
    text = " ".join(run_cli("chokepoints").stdout.split())
    assert text.count("note on Mountain Pass rare-earth mine and processing facility -> "
                      "Rare-earth mineral concentrate (REO content): DERIVED") == 1
    assert "notes as under AIM-9X Sidewinder air-to-air missile #1: on the steps to" in text
    assert text.count("NdPr oxide (separated) (material:ndpr-oxide): press figure, not "
                      "used") == 1
    assert "Sintered NdFeB permanent magnet and NdPr oxide (separated): as listed under" in text
    scenario = " ".join(run_cli("scenario", "--name", "cn-rare-earth-embargo").stdout.split())
    assert scenario.count("Press figures on the supply paths") == 1
    assert scenario.count("NdPr oxide (separated): press figure, not used") == 1
    assert ("Samarium oxide (separated): press figure, not used: China 91%, rest of world "
            "9.0% (2024; [14]), on the paths of product:jdam, product:tomahawk and "
            "product:f-35") in scenario


def test_show_says_a_derived_share_is_derived_and_from_what(run_cli):
    """Findings 11, 3: ``show material:natural-graphite`` printed "share 26% (as given)"
    beside the note "DERIVED share = 74,000,000 / world total 290,000,000 t": the source
    gives the amounts, the data computed the share (25.52%), and the rounded 26% read as
    a second figure that disagrees with 74/290 = 25.5%."""
    text = " ".join(run_cli("show", "material:natural-graphite").stdout.split())
    assert ("HOLDS_RESERVES country:BR (Brazil) 74,000,000 t, share 26% (25.5% = 74,000,000 / "
            "290,000,000, derived; the source states no share), year 2024") in text
    assert "(as given)" not in text.split("HOLDS_RESERVES country:BR")[1].split(" <- ")[0]
    # a share the source states keeps "(as given)": China's 91% of NdPr oxide (IEA relay)
    oxide = " ".join(run_cli("show", "material:ndpr-oxide").stdout.split())
    assert "share 91% (as given)" in oxide


# ---------------------------------------------------------------- 4. build --source DIR
ARTICLES = Path(__file__).parent / "data" / "news" / "articles"
BAD_DATE = Path(__file__).parent / "data" / "news" / "bad-date.md"


def _folder(tmp_path, name, *files):
    folder = tmp_path / name
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


def test_build_reads_a_folder_of_articles_one_line_a_file_and_a_summary(run_cli, tmp_path):
    """Findings 11, 4: ``build --source DIR`` on a folder of articles said "not a format
    any loader recognises"; each file is read by its own loader now, one line each."""
    folder = _folder(tmp_path, "articles", ARTICLES / "01-gallium-germanium.txt",
                     ARTICLES / "02-graphite.md")
    out = tmp_path / "g.json"
    result = run_cli("build", "--source", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"{folder}/01-gallium-germanium.txt: read as news, 15 claims" in lines
    assert f"{folder}/02-graphite.md: read as news, 16 claims" in lines
    assert f"{folder}: 2 files: 2 read (31 claims)" in lines
    assert out.exists()


def test_build_refuses_an_empty_folder_in_one_line(run_cli, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    out = tmp_path / "g.json"
    result = run_cli("build", "--source", str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{folder}: an empty folder: no file to read",
                                          "Error: 1 problem(s); nothing written"]
    assert not out.exists()


def test_build_with_one_bad_file_in_a_folder_names_it_and_writes_nothing(run_cli, tmp_path):
    """Every file is tried and said, the bad one with its file, line and field; exit 1 and
    the snapshot already at -o left as it was (nothing half-stored)."""
    folder = _folder(tmp_path, "mixed", ARTICLES / "01-gallium-germanium.txt",
                     ARTICLES / "02-graphite.md", BAD_DATE)
    (folder / "sub").mkdir()
    out = tmp_path / "g.json"
    out.write_text("before\n")
    result = run_cli("build", "--source", str(folder), "-o", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-6:] == [
        f"{folder}/01-gallium-germanium.txt: read as news, 15 claims",
        f"{folder}/02-graphite.md: read as news, 16 claims",
        f"{folder}/bad-date.md:3: date: '2025-02-30' is not a date; give one with "
        "--article-date YYYY-MM-DD",
        f"{folder}/sub: not read: a folder inside the folder (only the files directly in "
        "it are read)",
        f"{folder}: 4 files: 2 read (31 claims), 1 with problems, 1 not read",
        "Error: 1 problem(s); nothing written"]
    assert out.read_text() == "before\n"


def test_a_curated_folder_names_the_files_it_does_not_read(run_cli, tmp_path):
    """A folder with CSV files is a curated dataset (its CSV files alone): an article
    beside them was passed over in silence; it is named now."""
    folder = _folder(tmp_path, "curated", ARTICLES / "02-graphite.md")
    (folder / "nodes.csv").write_text("id,label,sources\nmaterial:x,X,source:s\n"
                                      "source:s,S,\n")
    result = run_cli("build", "--source", str(folder), "-o", str(tmp_path / "g.json"))
    assert (f"{folder}/02-graphite.md: not read: a folder with CSV files is read as a "
            "curated dataset, its CSV files alone") in result.stderr.splitlines()


def test_the_f35_brief_says_what_chinas_figure_under_the_denial_counts(run_cli):
    """Findings 11, 1 on the bundled data: under the defence denial China's 69% is its
    share of world rare-earth concentrate, which the analysis lets the separators its
    denial leaves draw on; the brief's headline names the United Kingdom's ≈50% (Less
    Common Metals' SmCo alloy, supply left at a blocked stage) and its notes say what
    China's figure counts."""
    text = " ".join(run_cli("brief", "product:f-35", "--scenario",
                            "cn-2025-04-defence-denial").stdout.split())
    assert "without the United Kingdom it would lose ≈50% of what it still gets" in text
    assert "if China also stopped producing" not in text
    assert ("#5 China: World pool, not a recorded flow: the figure is China's share of world "
            "Rare-earth mineral concentrate (REO content) (mining stage)") in text
    # its HHI the stage it counts: rare-earth concentrate's 4,925
    assert ("| 5 | China | Country | mining, processing, metal, component | China | 69% | | "
            "4,925 |") in text


def test_spof_gives_a_low_claims_note_once(run_cli):
    """Findings 11, 3: ``spof product:f-35`` printed the Reuters copy's note on the F-35's
    NdFeB need under two groups of rows; the second says "as above"."""
    text = " ".join(run_cli("spof", "product:f-35").stdout.split())
    assert text.count("(note: Reuters (Dec 2019, read in a verbatim copy") == 1
    # since each row reads the claims its figure rests on (figure_claims), the NdFeB need
    # is under one group of rows only (the SmCo rows hold on the turbomachine's high need,
    # the rare-earth concentrate's on the samarium chain): no "as above" is left to say
    assert ("8 rows' figures rest on a low-confidence claim: that Lockheed Martin F-35 "
            "Lightning II needs Sintered NdFeB permanent magnet [15] (note: Reuters") in text
    assert "(note: as above)" not in text
