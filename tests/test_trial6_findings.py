"""The open findings of the sixth new-user trial outside the news reader, on graphs small
enough to check by hand (docs/trial-2026-11-28.md).

Hand graph of M7 (a low-rated requirement): product P (defence) requires radar R (low
confidence, from source:s, note "a prototype"), made by Ray (United States); R requires
metal N; N is China 0.9 and
the rest of the world 0.1 (both high). China's control covers N: P keeps min(0.1, 1) =
10% of its supply, a figure that rests on the low-rated requirement P -> R (it decides
whether P needs N at all).
"""

from __future__ import annotations

import json

import pytest
from hand_scenarios import china_denies

from mineralgraph.claim import Claim

S = ("source:s",)


def claim(subject, predicate, obj, confidence=None, sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def radar_graph():
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:r": "Radar R", "material:n": "Metal N",
              "country:CN": "China", "country:US": "United States", "company:ray": "Ray",
              "country:XX": "rest of world"}
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:r", "low", note="a prototype"),
              claim("material:r", "REQUIRES", "material:n", "high"),
              claim("material:r", "stage", "subsystem"),
              claim("company:ray", "PRODUCES", "material:r", "high"),
              claim("company:ray", "LOCATED_IN", "country:US", "high"),
              claim("material:n", "stage", "metal"),
              claim("country:CN", "PRODUCES", "material:n", "high", share=0.9),
              claim("country:XX", "PRODUCES", "material:n", "high", share=0.1)]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


LOW = {"subject": "product:p", "relation": "REQUIRES", "object": "material:r",
       "sources": ["source:s"], "note": "a prototype", "also": []}


def test_a_low_rated_claim_on_the_answers_path_is_named_in_the_headline_and_json():
    """Trial 6, M7: Patriot "loses 98-100%" under the gallium ban rested on a low-rated
    requirement of a 2016 prototype; the report said only "low confidence". The claim is
    named like a proxy or a dispute: relation, source, note; JSON ``low_confidence``."""
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.summary import product_story, weak_after_table

    graph = radar_graph()
    [report] = chokepoints(graph, ["product:p"], china_denies("material:n"))
    assert report.availability_range == pytest.approx((0.1, 0.1))
    assert report.caveats.confidence == "low"
    lines, _ = product_story(report, graph)
    assert lines[0].startswith("P keeps 10% of its supply under the scenario (low "
                               "confidence)")
    # after the product's table, the figures it qualifies first (findings 12)
    # (findings 10: the one sentence for every low, proxy or disputed claim, its rating
    # before it)
    assert "Radar R" not in " ".join(lines)
    assert weak_after_table(report, graph) == (
        "The summary's figures rest on one claim (low): that P needs Radar R (source:s) "
        "(note: a prototype).")
    data = report.as_dict()
    assert data["low_confidence"] == [LOW]
    assert data["proxies"] == [] and data["disputes"] == []


def test_the_scenario_report_names_the_low_rated_claim_of_its_hardest_hit():
    """Trial 6, M7: the scenario's opening ("the hardest hit ... Those figures rest on
    low-confidence claims") names the claim; its JSON row lists it."""
    from mineralgraph.graph.analysis.lookups import scenario_result
    from mineralgraph.reports.tables import render_scenario

    graph = radar_graph()
    result = scenario_result(graph, china_denies("material:n"))
    [row] = result["products"]
    assert row["loss_range"] == pytest.approx([0.9, 0.9])
    assert row["low_confidence"] == [LOW]
    text = " ".join(render_scenario(result, graph, "text").split())
    assert ("That figure rests on low-confidence claims. The claim rated low: that P needs "
            "Radar R [1] (note: a prototype).") in text
    assert json.loads(render_scenario(result, graph, "json"))["products"][0][
        "low_confidence"] == [LOW]


def magnet_graph(world_known: bool):
    """Hand graph of M5: product P requires magnet M; China 92% and the rest of the world
    8% of M (2024); company J, in China, made 100 t of M in 2024 and has no share. With
    China's own tonnage (920 t, so the world made 920 / 0.92 = 1,000 t in 2024) J's share
    is 100 / 1,000 = 10% (design note 5.4, output over world output of the same year and
    unit); without it J splits China's 92% with China's unmapped output: ≈46% each."""
    from mineralgraph.graph.supply_graph import SupplyGraph

    labels = {"product:p": "P", "material:m": "Magnet M", "company:j": "J",
              "country:CN": "China", "country:XX": "rest of world"}
    china = {"amount": 920.0, "unit": "t"} if world_known else {}
    claims = [claim("source:s", "title", "S"), claim("product:p", "end_use", "defence"),
              claim("product:p", "REQUIRES", "material:m", "high"),
              claim("material:m", "stage", "component"),
              claim("country:CN", "PRODUCES", "material:m", "medium", share=0.92, year=2024,
                    **china),
              claim("country:XX", "PRODUCES", "material:m", "medium", share=0.08, year=2024),
              claim("company:j", "PRODUCES", "material:m", "medium", amount=100.0, unit="t",
                    year=2024),
              claim("company:j", "LOCATED_IN", "country:CN", "high")]
    return SupplyGraph(claims + [claim(n, "label", text) for n, text in labels.items()])


def test_an_equal_split_says_what_it_assumes_where_the_figure_is():
    """Trial 6, M5: JL Mag "loss ≈46%" for the F-35 read as JL Mag holding half the
    world's magnets; the row now says it is China's 92% split equally between JL Mag and
    China's unmapped output, and that JL Mag's own tonnage gives no share (no world output
    of its year is sourced). JSON carries the pool: ``assumed_split``."""
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import render_text

    graph = magnet_graph(world_known=False)
    [report] = chokepoints(graph, ["product:p"])
    row = next(c for c in report.chokepoints if c.id == "company:j")
    assert row.assumed_share and row.loss_range == pytest.approx((0.46, 0.46))
    assert json.loads(json.dumps(row.as_dict()["assumed_split"])) == [
        {"material": "material:m", "pool": "country:CN", "pool_share": 0.92, "parts": 2,
         "members": ["company:j", "country:CN"], "part": 0.46, "basis": "equal split",
         "confidence": "medium", "proxy": None}]
    text = " ".join(render_text([report], graph).split())
    # the pool's share with its own rating (trial 8: every caveat carries its confidence)
    assert ("J, loss ≈46% (medium confidence; rests on an assumed (≈) share): J -> Magnet M "
            "-> P [1]. ≈: China's 92% of Magnet M split equally between J and China's "
            "unmapped output, ≈46% each: an assumption, not a measured share; the 92% "
            "itself is rated medium. A producer's "
            "own figure gives no share, no world output of Magnet M of its year and unit "
            "being sourced (design note 5.4): J, output 100 t in 2024.") in text


def test_a_firms_output_gives_its_share_where_the_world_output_of_its_year_is_known():
    """Trial 6, M5 (design note 5.4): with China's 920 t = 92% the world made 1,000 t in
    2024, so J's 100 t is 10%, a share from two sourced figures: no ≈, no split."""
    from mineralgraph.graph.analysis import chokepoints

    graph = magnet_graph(world_known=True)
    [report] = chokepoints(graph, ["product:p"])
    row = next(c for c in report.chokepoints if c.id == "company:j")
    assert not row.assumed_share and row.splits == []
    assert row.loss_range == pytest.approx((0.1, 0.1))


def test_show_sets_the_article_figure_beside_the_customs_figure_where_both_are(tmp_path,
                                                                              run_cli):
    """Trial 6, M2: in ``show country:CN`` the article's -93% (line 9) and China's 46 t of
    magnets to the US in May 2025 (line 184) were 175 lines apart, their pairing at the
    end of 2,201 lines. The pairing (graph.reported.statistics_beside, the one ``diff``
    uses) now follows the article's figure, before the relations, and the customs row
    names the article's figure under it."""
    from conftest import DATA

    out = tmp_path / "g.json"
    article = str(DATA / "news" / "articles" / "51-magnet-statistics.md")
    run_cli("build", "--source", article, "--out", str(out))
    text = run_cli("--graph", str(out), "show", "country:CN").stdout
    head, relations = text.split("\nRelations:\n", 1)
    assert "Trade figures of articles beside the statistical figures" in head
    flat = " ".join(head.split())
    assert ("country:CN export to country:US of material:ndfeb-magnet, 2025-05: -93% (the "
            "article) [3] beside: country:CN EXPORTS_TO country:US: 46 t in the month "
            "(2025-05-01 to 2025-06-01) [") in flat
    customs = next(block for block in relations.split("\n  -> ")
                   if "46 t in the month, material material:ndfeb-magnet, period 2025-05" in
                   " ".join(block.split()))
    assert " ".join(customs.split()).endswith(
        "beside: an article's figure of the same flow and month, -93% [3]")


def test_a_scenario_rows_loss_is_the_same_key_on_every_surface(run_cli):
    """Trial 6, M3: JSON scenario rows carry ``loss`` (the upper bound's, 5.6), the
    Python API's rows and the CSV had none (a KeyError). The Patriot under the December 2024
    ban: ``loss`` 0.984339 = ``loss_low``, ``loss_high`` 1.0 on all three."""
    import csv
    import io

    import mineralgraph as mg

    # since 2026-11-29 the JDAM's samarium metal and SmCo stages have proxy sets and its
    # loss under the April 2025 denial is one figure; the Patriot under the December 2024
    # ban keeps a range (its GaN wafers have no mapped producer)
    args = ("scenario", "--name", "cn-2024-12-us-ga-ge-sb-ban")
    data = {r["product"]: r for r in json.loads(run_cli(*args, "--format", "json").stdout)[
        "products"]}["product:patriot"]
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(
        run_cli(*args, "--format", "csv").stdout))}["product:patriot"]
    api = {r["product"]: r for r in mg.scenario(mg.load(), "cn-2024-12-us-ga-ge-sb-ban")
           .rows()}["product:patriot"]
    assert (data["loss"], data["loss_low"], data["loss_high"]) == (0.984339, 0.984339, 1.0)
    assert (rows["loss"], rows["loss_low"], rows["loss_high"]) == ("0.984339", "0.984339",
                                                                   "1.0")
    assert (api["loss"], api["loss_low"], api["loss_high"]) == (0.984339, 0.984339, 1.0)


def test_proxy_sentences_come_once_per_material_and_reason(run_cli):
    """Trial 6, L2: ``concentration`` at 2020 printed one proxy sentence per country (x6
    for refined cobalt, x11 for concentrate, "United States's"); now one per material and
    reason, and the year a stand-in figure is of is set off by a comma ("not Sm, in
    2024", not "not Sm in 2024")."""
    text = " ".join(run_cli("concentration", "material:cobalt-refined",
                            "material:re-concentrate", "--as-of", "2020-06-01").stdout.split())
    assert text.count("is a proxy, measured for") == 2
    assert ("Every country's figure (the rest of the world's too) for Refined cobalt is a "
            "proxy, measured for all refined cobalt, metal and chemicals together (scope "
            "inferred), in 2024, the earliest year on record.") in text
    assert ("Every country's figure (the rest of the world's too) for Rare-earth mineral "
            "concentrate (REO content) is a proxy, measured for 2021, the earliest year on "
            "record.") in text
    assert "'s figure for Refined cobalt" not in text and "States's" not in text
    # the F-35's evidence names each proxy once: China's (#4) figure rests on the
    # samarium-cobalt chain, the rest of the world's (#8) on the dysprosium chain, each
    # row the proxies its own figure rests on (figure_claims), none of them twice
    f35 = " ".join(run_cli("chokepoints", "--product", "product:f-35").stdout.split())
    f35 = f35.split("Evidence (the shortest supply path of each row shown):")[1]
    assert f35.count("measured for the four magnet rare earths refined together, not Sm") == 1
    assert f35.count("The rest of the world's figure for Dysprosium oxide (separated) is a "
                     "proxy, measured for the four magnet rare earths refined together") == 1
    assert "named under #4 are proxies of the same sets" not in f35


def test_show_rounds_derived_amounts_as_it_rounds_shares(run_cli):
    """Trial 6, L3: ``show material:cobalt-refined`` printed "amount 1.7536888157727089";
    an amount reads to six significant digits (JSON keeps the stored value)."""
    text = " ".join(run_cli("show", "material:cobalt-refined").stdout.split())
    # its unit beside it and the share rounded as in every report since trial 8 (LOW-6)
    # (a share the data derived from the source's amounts says so, with the quotient it
    # is: findings 11)
    assert ("PRODUCES country:CA (Canada) 1.75369 kt, share 0.7% (0.70% = 1.75 / 250.1, "
            "derived; the source states no share), year 2024") in text
    assert "amount 1.7536888157727089" not in text
    data = json.loads(run_cli("show", "material:cobalt-refined", "--format", "json").stdout)
    assert 1.7536888157727089 in [r["qualifiers"].get("amount") for r in data["relations"]]


def test_scenario_drivers_carry_their_confidence_and_proxy_flag(run_cli):
    """Trial 6, L5: JSON drivers had shares and sources but not the confidence and proxy
    flag the text gives each; the brief's first sentence said "(92% of world output;
    proxy)" for the HT magnet beside "low, proxy" for the others."""
    data = json.loads(run_cli("scenario", "--name", "cn-2025-04-defence-denial", "--format",
                              "json").stdout)
    f35 = next(r for r in data["products"] if r["product"] == "product:f-35")
    drivers = {d["material"]: d for d in f35["drivers"]}
    magnet = drivers["material:ndfeb-magnet-ht"]
    assert (magnet["confidence"], magnet["proxy"], magnet["share_low"]) == ("medium", True, 0.92)
    # since 2026-11-29 the SmCo alloy's 92% (BIS's NdFeB figure, a low proxy) drives it too
    assert (drivers["material:smco-alloy"]["confidence"], drivers["material:smco-alloy"][
        "proxy"], drivers["material:smco-alloy"]["share_low"]) == ("low", True, 0.92)
    out = run_cli("brief", "product:f-35", "--scenario", "cn-2025-04-defence-denial",
                  "--format", "md").stdout
    first = " ".join(out.split())
    assert ("China's dysprosium oxide (separated) (91% of world output; low confidence, "
            "proxy, disputed)") in first
    assert ("China's samarium oxide (separated) (91% of world output; low confidence, "
            "proxy)") in first
    assert ("China's dysprosium metal and DyFe alloy (91% of world output; low confidence, "
            "proxy)") in first


def test_a_snapshot_is_the_same_bytes_from_two_installs(tmp_path):
    """Trial 6, L6: ``build --out`` wrote each claim's origin as the absolute path of the
    install ("/tmp/trial6venv/lib/python3.11/site-packages/mineralgraph/data/curated/
    control_links.csv:121"): two venvs gave different bytes, and a shared snapshot leaked a
    local path. The bundled data's origins are package-relative, as in RDF: the package
    copied elsewhere builds the same file."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import mineralgraph

    here = Path(mineralgraph.__file__).resolve().parent
    other = tmp_path / "elsewhere"
    shutil.copytree(here, other / "mineralgraph",
                    ignore=shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc"))
    outputs = []
    for root in (here.parent, other):
        out = tmp_path / f"{len(outputs)}.json"
        code = ("import sys, mineralgraph; from mineralgraph.cli import cli; "
                f"assert mineralgraph.__file__.startswith({str(root)!r}), mineralgraph.__file__;"
                " cli(['build', '--out', sys.argv[1]])")
        env = {**os.environ, "PYTHONPATH": str(root)}
        result = subprocess.run([sys.executable, "-c", code, str(out)], cwd=tmp_path, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    text = outputs[0].decode("utf-8")
    assert '"origin": "mineralgraph/data/curated/' in text
    assert str(here) not in text and "site-packages" not in text


def test_one_reading_of_a_share_everywhere(run_cli):
    """Trial 6, L7: gallium read "99% from China" in the headline and ``concentration``
    (USGS's 0.9868) and "98%" in the scenario (0.9868 / 1.0025 = 0.984339, the share of
    the set's sum the analysis reads, design note 5.5). Every view reads the share of the
    sum; ``concentration`` says once what the source gives. Since trial 11 a headline or a
    scenario's driver whose share reads otherwise over the two says which it is of."""
    when = ("--as-of", "2025-01-15")
    [conc] = json.loads(run_cli("concentration", "material:gallium-low-purity", *when,
                                "--format", "json").stdout)["materials"]
    assert (conc["top1"], conc["stated_top1"], conc["stated_sum"]) == (0.984339, 0.9868,
                                                                        1.0025)
    scenario = json.loads(run_cli("scenario", "--name", "cn-2024-12-us-ga-ge-sb-ban",
                                  "--format", "json").stdout)
    patriot = next(r for r in scenario["products"] if r["product"] == "product:patriot")
    [driver] = [d for d in patriot["drivers"] if d["material"] == "material:gallium-low-purity"]
    assert driver["share_low"] == conc["top1"]
    head = " ".join(run_cli("chokepoints", "--product", "product:patriot", "--scenario",
                            "cn-2024-12-us-ga-ge-sb-ban").stdout.split())
    # (since trial 11 the headline gives USGS's own 99%, of its stated world total, and
    # says the analysis reads 98%, of the countries' sum)
    assert ("Primary low-purity gallium, 99% from China (of the world total the source "
            "states; 98% of the countries' sum, 100.25% of that total, as the analysis reads "
            "it by design note 5.5; HHI 9,690; high confidence)") in head
    text = " ".join(run_cli("concentration", "material:gallium-low-purity", *when)
                    .stdout.split())
    assert ("they are read as shares of their sum, as every other view reads them (design "
            "note 5.5): Primary low-purity gallium, 100.25% in all: China 98.68% as given, "
            "98.43% of the sum.") in text


def test_a_statistics_bar_cites_the_statistics_alone(run_cli):
    """Trial 6, L9: China's 2024 share of rare-earth concentrate (USGS) also names a
    repost (Mexico Business News, on the quota): ``concentration`` listed that repost as
    source [1] of the USGS bar. The bar cites the statistics source."""
    out = run_cli("concentration", "material:re-concentrate", "--format", "json").stdout
    [row] = json.loads(out)["materials"]
    assert row["sources"] == ["source:usgs-mcs2025-rare-earths"]
    text = run_cli("concentration", "material:re-concentrate").stdout
    assert "Mexico Business News" not in text


def test_the_brief_says_what_each_assumed_share_of_its_picture_assumes(run_cli):
    """Trial 6, M5: the brief's picture at 2025-06-01 read "United States ≈5.3% (incl. MP
    Materials ≈2.7%, Noveon Magnetics ≈2.7%)" of world sintered magnets: the rest of the
    world's 8% (BIS) split three ways with two Texas plants. The note under the table says
    so, and that the plants' own capacities give no share (no world output of their year
    is sourced)."""
    out = run_cli("brief", "product:f-35", "--scenario", "cn-2025-04-defence-denial",
                  "--as-of", "2025-06-01", "--format", "md").stdout
    text = " ".join(out.split())
    # (": an assumption, not a measured share" is said after the first split only since
    # findings 11: each caveat once under the table)
    assert ("the rest of the world's 8.0% of Sintered NdFeB permanent magnet split equally "
            "between Independence magnet facility (Fort Worth, Texas), Noveon Magnetics "
            "sintered magnet plant (San Marcos, Texas) and the rest of the world's unmapped "
            "output, ≈2.7% each.") in text
    assert text.count(": an assumption, not a measured share") == 1
    assert ("China's 92% of Sintered NdFeB permanent magnet split equally between JL Mag "
            "Rare-Earth and China's unmapped output, ≈46% each") in text
