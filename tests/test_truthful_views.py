"""What the new-user trial found wrong in the views (second round): one quantity in one
unit in the scenario table, one enum for ``spof``, a readable unmapped paragraph, Mermaid
labels that read as written, re-sourced facts in ``diff``."""

from __future__ import annotations

import csv
import functools
import io
import json

from click.testing import CliRunner

from mineralgraph.cli import cli


@functools.cache
def out(*args: str) -> str:
    """stdout of one run of the real command (cached: the scenarios are slow)."""
    result = CliRunner().invoke(cli, list(args), prog_name="mineralgraph")
    assert result.exit_code == 0, result.output
    return result.stdout


EMBARGO = ("scenario", "--name", "cn-rare-earth-embargo")


# ------------------------------------------------- 1. scenario: losses only, in %
def test_scenario_table_shows_losses_as_percent_ranges_not_availabilities():
    """The table put availability (1.000, 0.000-0.001) beside the loss (>99.9-100%): an
    analyst read one column as the other. Text and Markdown show the loss alone, a %
    range, with its confidence, as chokepoints does."""
    text = out(*EMBARGO)
    header = text[text.index("\nproduct\n"):].splitlines()[2].split()
    assert header == ["end_use", "loss", "new", "SPOFs", "unmapped", "conf.", "sources"]
    f35 = text[text.index("\nproduct:f-35\n"):].splitlines()[2:4]
    # the range on one line, never ">99.9-" over "100%" (how the prose cells wrap depends
    # on the other rows' widths)
    # all it still gets comes from the rest of the world: a new SPOF (design note 5.2)
    # one figure and 7 unmapped inputs since the metal and SmCo stages have proxy sets
    # (2026-11-29; was >99.9-100% and 12)
    assert f35[0].split()[:4] == ["defence", ">99.9%", "country:XX", "7"]
    # [2]: the source of China's low share of dysprosium oxide, now named (trial 8, MED-3)
    # [3]: the F-35's NdFeB need, rated low since 2026-11-29 (a Reuters copy alone), cited
    # third since the metal and SmCo stages' proxies share [2] with the oxides'
    # [4]: its Dy/Tb-doped grade, rated low since 2026-11-29 (gradefix: pulse.bot's bullet)
    # (the sources fold over two lines since the loss cell says what --worst-case gives
    # beside the figure: >99.9-100% if the scenario reaches unmapped supply)
    words = (f35[0] + " " + f35[1]).split()
    assert {"low,", "proxy,"} <= set(words)
    # (since findings 11's tie-break lists the F-35 after the products tied with it at
    # >99.9% and better supported, their sources come first; since trial 11 the F-35's
    # cause is said once, in its line with the --worst-case range, after the other
    # products' lines: [9] is pulse.bot's, [10] the Reuters copy on its NdFeB need)
    assert "".join(w for w in words if w.startswith("[")) == "[1][2][9][10]"
    assert "1.000" not in text and "0.000" not in text
    md = out(*EMBARGO, "--format", "md")
    assert ("| product | end_use | loss | new_spofs | not_mapped | confidence | sources |"
            in md)
    assert ("| product:f-35 | defence | >99.9% (>99.9-100% under --worst-case: supply not "
            "mapped; conf. low, proxy, disputed) | country:XX | 7 | low, proxy, disputed | "
            "[1][2][9][10] |" in md)
    # low: the 100% rests on the low-rated "JL Mag supplies Tesla" (trial 7, HIGH-1), cited
    # ([10] since 2026-11-29: the F-35's two NdFeB needs, [4][5], are cited before it; its
    # NdPr metal has the IEA's separation set as a low proxy since 2026-11-29: no input
    # left unmapped; [8] since trial 11: the F-35's cause, said once, comes after it)
    assert "| product:optimus | robotics | 100% |  |  | low, proxy | [1][2][8] |" in md
    assert "1.000" not in md
    # JSON and CSV keep their field names: every figure a named fraction
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(
        out(*EMBARGO, "--format", "csv")))}
    assert list(rows["product:f-35"])[:8] == [
        "product", "end_use", "baseline_low", "baseline_high", "availability_low",
        "availability_high", "loss_low", "loss_high"]
    assert (rows["product:f-35"]["availability_high"], rows["product:f-35"]["loss_low"]) == (
        "1.5e-05", "0.999985")
    f35_json = {r["product"]: r for r in json.loads(
        out(*EMBARGO, "--format", "json"))["products"]}["product:f-35"]
    assert (f35_json["loss_range"], f35_json["availability_range"]) == (
        [0.999985, 0.999985], [1.5e-05, 1.5e-05])


def test_scenario_says_when_a_loss_is_counted_from_a_baseline_below_whole():
    from mineralgraph import load_bundled
    from mineralgraph.reports.tables import baseline_lines

    graph = load_bundled()
    rows = [{"product": "product:f-35", "baseline_range": [0.5, 1.0]},
            {"product": "product:jdam", "baseline_range": [0.5, 1.0]},
            {"product": "product:optimus", "baseline_range": [1.0, 1.0]},
            {"product": "product:f-22", "baseline_range": [0.0, 0.25]}]
    assert baseline_lines(rows, graph) == [
        "Lockheed Martin F-22 Raptor (product:f-22) has a baseline availability of 0-25% "
        "without the scenario; its loss is counted from it.",
        "Lockheed Martin F-35 Lightning II (product:f-35) and Joint Direct Attack Munition "
        "(JDAM) guided bomb kit (product:jdam) have a baseline availability of 50-100% "
        "without the scenario; their losses are counted from it."]
    assert "baseline availability" not in out(*EMBARGO)


def test_brief_scenario_table_gives_the_loss_with_its_confidence_not_availabilities():
    """The brief's scenario table read "1.000 | 0.000-0.001 | >99.9-100%" and the PDF
    "availability 1.000 without it, 0.000-0.001 under it (loss >99.9-100%)"."""
    from mineralgraph import load_bundled
    from mineralgraph.render.brief import SCENARIO_COLUMNS, _scenario_rows

    md = out("brief", "product:f-35", "--scenario", "cn-2025-04-defence-denial")
    assert ("| product | loss | confidence | new single points |\n"
            "| --- | --- | --- | --- |\n"
            "| Lockheed Martin F-35 Lightning II | >99.9% (>99.9-100% under --worst-case: "
            "grade not stated, supply not mapped; conf. low, proxy, disputed) | low, proxy, "
            "disputed | Rest of world (countries not named), many countries |") in md
    assert SCENARIO_COLUMNS == ["product", "loss", "confidence", "new_spofs"]
    row = {"product": "product:jdam", "loss_range": [0.97, 1.0], "new_spofs": [],
           "new_possible_spofs": ["country:CN"], "confidence": "medium",
           "proxies": [{"subject": "country:CN", "object": "material:sm-oxide",
                        "measured_for": "all rare-earth separation"}],
           "assumed_share": True, "disputes": []}
    assert _scenario_rows(load_bundled(), [row]) == [{
        "product": "Joint Direct Attack Munition (JDAM) guided bomb kit",
        "loss": "97-100%", "confidence": "medium, proxy, ≈",
        "new_spofs": "China (possible)"}]


# ------------------------------------------------- 2. spof: one enum of strings
def _spof_values(data) -> list:
    if isinstance(data, dict):
        return ([data["spof"]] if "spof" in data else []) + [
            v for value in data.values() for v in _spof_values(value)]
    if isinstance(data, list):
        return [v for value in data for v in _spof_values(value)]
    return []


def test_spof_is_the_notes_in_json_and_one_enum_of_strings_in_cells():
    """JSON writes ``spof`` as design note 5.6 names it: "certain", "possible" or false;
    a CSV cell (and the Python API's flat rows) write "no" for false, never an empty cell
    beside two strings (an empty cell reads as missing)."""
    import mineralgraph as mg

    seen = set()
    for args in (("chokepoints", "--product", "product:optimus"),
                 ("chokepoints", "--product", "product:f-35"),
                 ("dependents", "country:CN"), ("spof", "product:f-35")):
        values = _spof_values(json.loads(out(*args, "--format", "json")))
        cells = [r["spof"] for r in csv.DictReader(io.StringIO(out(*args, "--format", "csv")))]
        assert values and sorted(v or "no" for v in values) == sorted(cells), args
        assert "no" not in values, args
        seen |= set(values)
    assert seen == {"certain", "possible", False}
    f35 = json.loads(out("chokepoints", "--product", "product:f-35", "--format", "json"))[0]
    rows = {c["id"]: c["spof"] for c in f35["chokepoints"]}
    assert (rows["company:honeywell"], rows["country:CN"], rows["country:MM"],
            rows["country:XX"]) == ("certain", False, False, False)  # China: one figure
    # since 2026-11-29, >99.9% ("possible" stays seen in dependents country:CN)
    optimus = {r["id"]: r for r in csv.DictReader(io.StringIO(out(
        "chokepoints", "--product", "product:optimus", "--format", "csv")))}
    # via maker: a certain SPOF (5.6), with the maker named beside it (5.1)
    assert (optimus["country:US"]["spof"], optimus["country:US"]["spof_through_makers"]) == (
        "certain", "company:tesla")
    uav = {r["product"]: r for r in json.loads(out(
        "--worst-case", "dependents", "country:CN", "--format", "json"))["dependents"]}[
        "product:military-uav"]
    assert uav["spof"] is False
    g = mg.load()
    api = {r["node"]: r["spof"] for r in mg.chokepoints(g, "product:f-35").rows()}
    assert api == {k: v or "no" for k, v in rows.items()}
    assert {r["product"]: r["spof"] for r in mg.dependents(g.with_worst_case(),
                                                            "country:CN").rows()}[
        "product:military-uav"] == "no"


# ------------------------------------------------- 3. unmapped inputs, grouped
def test_unmapped_inputs_read_by_stage_with_their_reasons_and_sources():
    """"Supply not mapped: A (id): reason, B (id): reason, ..." ran 14 materials and
    their reasons (commas inside) into one paragraph."""
    text = out("chokepoints", "--product", "product:f-35")
    # the press figures set aside follow the unmapped inputs (design note 5.5)
    block = text[text.index("Supply not mapped"):
                 text.index("\nPress figures, not used (design note 5.5: shown beside")]
    lines = block.splitlines()
    assert lines[:2] == ["Supply not mapped, unknown and not safe (7 inputs, by stage, "
                         "with why no", "producer is mapped):"]
    assert [line for line in lines if line.startswith("- ")] == [
        "- mining", "- processing", "- metal", "- component", "- subsystem"]
    processing = block[block.index("- processing\n"):block.index("- metal\n")]
    assert [line.split(" (material:")[0] for line in processing.splitlines()
            if line.startswith("  - ")] == [
        "  - Germanium dioxide (GeO2)", "  - Germanium tetrachloride (GeCl4)"]
    # refined cobalt has the IEA Critical Minerals Dataset's 2024 set (data README)
    assert ("  - Germanium tetrachloride (GeCl4) (material:germanium-tetrachloride): USGS MCS\n"
            "    2025 publishes no country split for germanium products (global data limited\n"
            "    and hard to verify); US GeCl4 is made in Quapaw, Oklahoma, from imported and\n"
            "    recycled germanium [27][28]\n") in processing
    # (sources3 took two reposts off the F-35's rows, and trial 7's MED-6 China's clay
    # quota, a quantity that carries no share)
    assert "\n[27] statistics: Mineral Commodity Summaries 2025: Germanium" in text
    # every number cited in the block is listed under SOURCES
    listed = text.split("\nSOURCES\n")[1]
    import re
    for n in set(re.findall(r"\[(\d+)\]", block)):
        assert f"\n[{n}] " in listed
    summary = " ".join(text.split("\n\n")[4].split())
    assert summary.startswith(
        "7 upstream materials have no mapped supply (unknown, not safe), by stage: "
        "mining: Germanium concentrate (zinc residues, coal fly ash); processing: "
        "Germanium dioxide (GeO2) and Germanium tetrachloride (GeCl4); "
        "metal: Germanium metal (zone-refined);")
    md = out("chokepoints", "--product", "product:f-35", "--format", "md")
    assert ("**Supply not mapped, unknown and not safe (7 inputs, by stage, with why no "
            "producer is mapped)**\n\n- mining\n  - Germanium concentrate (zinc residues, "
            "coal fly ash) (material:germanium-concentrate): USGS MCS 2025: global") in md
    brief = out("brief", "product:f-35", "--format", "md")
    assert ("7 upstream materials have no mapped supply (unknown, not safe), by stage: "
            "1 in mining, 2 in processing, 1 in metal, 2 in component and 1 in subsystem"
            in brief)


def test_unmapped_inputs_with_the_same_reason_share_one_line():
    """Three mined materials with one recorded reason make one line, cited once; the
    processed one with its own reason makes its own line under its stage. (The bundled
    iridium, rhodium and ruthenium rows were this case until they got the IPA's country
    shares, so the graph is made here.)"""
    from mineralgraph.claim import Claim
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.reports.chokepoints import unmapped_block
    from mineralgraph.reports.common import SourceIndex

    s = ("source:s",)
    why = "no country figures for these three metals"
    claims = [Claim("source:s", "title", "S", sources=s)]
    for m, label, stage in (("material:ru", "Ruthenium", "mining"),
                            ("material:ir", "Iridium", "mining"),
                            ("material:rh", "Rhodium", "mining"),
                            ("material:geo2", "Germanium dioxide", "processing")):
        claims += [Claim(m, "label", label, sources=s), Claim(m, "stage", stage, sources=s),
                   Claim(m, "unmapped_reason", why if stage == "mining" else "no split",
                         sources=s)]
    graph = SupplyGraph(claims)
    lines = unmapped_block(graph, SourceIndex(graph), [
        "material:ru", "material:ir", "material:geo2", "material:rh"], markdown=True)
    assert lines[2] == "- mining"
    assert lines[3] == ("  - Iridium (material:ir), Rhodium (material:rh) and Ruthenium "
                        "(material:ru): no country figures for these three metals [1]")
    assert lines[4] == "- processing"
    assert lines[5] == "  - Germanium dioxide (material:geo2): no split [1]"


# ------------------------------------------------- 4. Mermaid labels as written
def test_mermaid_labels_read_as_written_when_pasted_as_text():
    """"Metal #38; alloy", "#35;4 China", "0-#60;0.1%" showed raw wherever the Markdown
    was pasted as text; inside Mermaid's quoted labels they need no code."""
    import re

    mmd = out("snapshot", "product:f-35", "--format", "mmd")
    assert ('  n3["Dysprosium metal and DyFe alloy<br/>Metal & alloy · HHI 8,332<br/>China 91% '
            '(low, proxy)"]') in mmd
    # China's >99.9% rests on the samarium-cobalt chain (low proxies), not on the
    # disputed heavy rare-earth feed, whose loss is smaller (figure_claims)
    assert ('  n18["Samarium-cobalt permanent magnet<br/>Component · HHI 8,464<br/>China 92% '
            '(low, proxy)<br/>#4 China: loss >99.9% (low confidence; rests on a proxy)"]'
            ) in mmd
    assert not re.findall(r"#\w+;", mmd)
    brief = out("brief", "product:f-35", "--scenario", "cn-2025-04-defence-denial",
                "--format", "md")
    assert ('    ks["red border: SPOF or top chokepoint (#rank, loss of what it still gets '
            'under the scenario (<0.1% of its supply))"]') in brief
    # ids stay letters and digits whatever the labels hold
    ids = re.findall(r"^\s+(\S+)\[\"", mmd, flags=re.M)
    assert ids and all(re.fullmatch(r"[nk][a-z]?\d*", i) for i in ids), ids


def test_mermaid_codes_only_what_would_close_a_label_or_start_markup():
    from mineralgraph.render.mermaid import comment, label

    assert label('R&D "grade" `x`', "<b>bold</b> & <0.1% #1 #x; &amp;") == (
        '"R&D #quot;grade#quot; #96;x#96;<br/>#60;b>bold#60;/b> & <0.1% #1 #35;x; '
        '#38;amp;"')
    assert label("Metal & alloy") == '"Metal & alloy"'
    assert comment("As of 2025 · %%{init} #2") == "%% As of 2025 · %%#123;init#125; #2"


# ------------------------------------------------- 5. diff: re-sourced is not added
def test_diff_shows_a_fact_a_new_source_only_re_sources_as_re_sourced(tmp_path):
    """An article that repeats the December 2024 ban's coverage of gallium (already held
    from MOFCOM's announcement) showed "+ control:... COVERS element:Ga" as a new fact."""
    from datetime import date

    from mineralgraph.claim import Claim
    from mineralgraph.graph.snapshot import save_snapshot

    mofcom, wire, repost = ("source:mofcom",), ("source:wire",), ("source:repost",)
    old = [Claim("control:ban", "label", "Ban", sources=mofcom),
           Claim("control:ban", "COVERS", "element:Ga", sources=mofcom),
           Claim("country:CN", "PRODUCES", "material:ga", (("share", 0.98),), sources=repost),
           Claim("control:ban", "effective_from", date(2024, 12, 3), sources=mofcom)]
    new = old[:2] + [
        # the same coverage from a wire story, dated by the article: re-sourced
        Claim("control:ban", "COVERS", "element:Ga", sources=wire,
              valid_from=date(2024, 12, 3)),
        # a new element: a new fact
        Claim("control:ban", "COVERS", "element:Ge", sources=wire),
        # the repost replaced by its original, same share: re-sourced, not removed
        Claim("country:CN", "PRODUCES", "material:ga", (("share", 0.98),), sources=mofcom),
        # the date as the article gives it: the same date, marked as found so
        Claim("control:ban", "effective_from", date(2024, 12, 3), (("dated_by", "article"),),
              sources=wire),
        # a different share is a new figure, never re-sourced
        Claim("country:CN", "PRODUCES", "material:ga", (("share", 0.99),), sources=wire)]
    save_snapshot(old, tmp_path / "old.json")
    save_snapshot(new, tmp_path / "new.json")
    a, b = str(tmp_path / "old.json"), str(tmp_path / "new.json")
    text = out("diff", a, b, "--no-chokepoints")
    assert text.splitlines()[0] == (
        f"2 facts added, 3 re-sourced, 0 removed, 0 changed from {a} to {b}.")
    assert ("Added:\n"
            "  + control:ban COVERS element:Ge <source:wire>\n"
            "  + country:CN PRODUCES material:ga (share 0.99) <source:wire>\n\n"
            "Re-sourced (facts already held, now from another source too):\n"
            "  = control:ban COVERS element:Ga [2024-12-03 to …] <source:wire> (re-sourced: "
            "already from source:mofcom)\n"
            "  = control:ban effective_from 2024-12-03 (dated_by article) <source:wire> "
            "(re-sourced: was from source:mofcom)\n"
            "  = country:CN PRODUCES material:ga (share 0.98) <source:mofcom> (re-sourced: was "
            "from source:repost)\n") in text
    # MOFCOM's effective_from and the repost's share went, each replaced by the same
    # fact from another source: re-sourced ("was from"), not removed
    assert "Removed:" not in text
    data = json.loads(out("diff", a, b, "--no-chokepoints", "--format", "json"))
    assert data["summary"] == {"added": 2, "resourced": 3, "removed": 0, "changed": 0,
                               "products_changed": None}
    assert [(r["predicate"], r["object"], r["already_from"], r["was_from"])
            for r in data["resourced"]] == [
        ("COVERS", "element:Ga", ["source:mofcom"], []),
        ("effective_from", "2024-12-03", [], ["source:mofcom"]),
        ("PRODUCES", "material:ga", [], ["source:repost"])]
    assert [c["object"] for c in data["added"]] == ["element:Ge", "material:ga"]
    rows = list(csv.DictReader(io.StringIO(out("diff", a, b, "--no-chokepoints",
                                               "--format", "csv"))))
    assert [(r["change"], r["predicate"], r["earlier_sources"]) for r in rows] == [
        ("added", "COVERS", ""), ("added", "PRODUCES", ""),
        ("re-sourced", "COVERS", "source:mofcom"),
        ("re-sourced", "effective_from", "source:mofcom"),
        ("re-sourced", "PRODUCES", "source:repost")]
    assert data["removed"] == []


# ------------------------------------------------- 6. views agree with each other
def test_pictures_give_the_product_availability_in_percent_as_the_reports_do():
    """The compact snapshot's product box read "availability 1.00 (no scenario)" and its
    Mermaid "availability 1.00", where every report says "availability 100%"."""
    # 7 of the F-35's inputs have no mapped supply: the availability (5.6's two bounds)
    # is 100% at baseline by construction, so every view says beside it what it is with
    # them counted missing (unknown supply is not safe), never calling that availability
    text = out("chokepoints", "--product", "product:f-35")
    assert ("defence; availability 100% (both bounds; with its 7 inputs of unmapped supply "
            "counted missing, 0%) as of latest data") in " ".join(text.split())
    mmd = out("snapshot", "product:f-35", "--format", "mmd")
    assert ('n19["Lockheed Martin F-35 Lightning II<br/>availability 100% (0% with its 7 '
            'unmapped inputs counted missing)"]') in mmd
    svg = out("snapshot", "product:f-35")
    assert ">availability</text>" in svg and ">100% (no</text>" in svg
    assert ">scenario; 0%</text>" in svg
    assert "1.00" not in mmd and ">1.00" not in svg
    full = out("snapshot", "product:f-35", "--full", "--scenario", "cn-2025-04-defence-denial")
    # the full chain states the availability as the report and the compact picture do
    assert "availability &lt;0.1% (baseline 100%)" in full
    assert ("availability 100%; 0% with its 7 unmapped inputs counted missing"
            in out("snapshot", "product:f-35", "--full"))


def test_scenario_shares_say_what_they_rest_on_and_cite_their_sources():
    """The scenario named "China's 99% of Dysprosium oxide" with neither confidence nor
    source, where chokepoints gives the same figure both; the table had no sources."""
    text = " ".join(out("scenario", "--name", "cn-2025-04-defence-denial").split())
    # BIS's 92% of magnets and alloy and the IEA's 91% of the four magnet rare earths
    # (proxies); the reposts' 94% and 99% are shown beside, not used (design note 5.5)
    # (since 2026-11-29 also BIS's 92% as a low proxy for SmCo alloy and magnets)
    assert ("the scenario blocks China's 92% of High-temperature NdFeB magnet (Dy/Tb-doped) "
            "(medium confidence; rests on a proxy) [1], China's 92% of Samarium-cobalt alloy "
            "(low confidence; rests on a proxy) [1]") in text
    listed = text.split(" SOURCES ")[1]
    assert listed.startswith("[1] government: The Effect of Imports of Neodymium-Iron-Boron "
                             "(NdFeB) Permanent Magnets on the National Security")
    # the same figure, the same confidence and source type as the chokepoint summary
    chk = " ".join(out("chokepoints", "--product", "product:f-35").split())
    # (the summary names NdFeB alloy's since findings 11's tie-break; the SmCo magnet's
    # low proxy is listed among the claims the figures rest on)
    assert ("NdFeB alloy, 92% from China (HHI 8,464; medium confidence, a proxy: measured for "
            "the NdFeB magnet and magnet alloy market together (2020))") in chk
    assert "China's figure for Samarium-cobalt permanent magnet [9] (low, proxy)" in chk
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(out(
        "scenario", "--name", "cn-2025-04-defence-denial", "--format", "csv")))}
    assert rows["product:f-35"]["sources"] == (
        "source:bis-232-ndfeb-2022;source:adamas-f35-2026;source:iea-cm-dataset-2025")
    # (the pulse.bot summary of Adamas since the F-35's doped grade is rated low, 2026-11-29)


def test_show_says_who_disputes_a_claim_and_cites_in_number_order():
    """`show product:bev-drive-motor` ran the dispute into the figures ("disputed Nikkei
    (2018): ..., quantity 1.2") and cited "[4][2][5]"."""
    text = out("show", "product:bev-drive-motor")
    assert ("  -> REQUIRES material:ndfeb-magnet-ht (High-temperature NdFeB magnet\n"
            "   (Dy/Tb-doped)) 1.2 kg per 100 kW peak power (low confidence) [2][4][5]\n"
            # the source's own words under the claim since citefix (2026-11-29)
            "       quote: \"approximately 1.2 kg of sintered NdFeB per 100 kW of peak motor\n"
            "       power\"\n"
            "       disputed: Nikkei (2018): Toyota's heat-resistant EV magnet has no\n"
            "       dysprosium or terbium\n") in text
    assert "disputed Nikkei" not in text and "[4][2]" not in text


def test_api_scenario_rows_name_the_possible_new_single_points_as_the_csv_does():
    import mineralgraph as mg

    # under the embargo the AIM-9X's lower bound kept the US makers' equal parts of the
    # rest of the world's magnets (design note 5.4): four possible new single points; since
    # 2026-11-29 the rest of the world's NdPr metal is shared with plants in the UK and
    # Thailand (equal parts beside the IEA proxy set), so none is left
    embargo = ("scenario", "--name", "cn-rare-earth-embargo")
    rows = {r["product"]: r for r in mg.scenario(mg.load(), "cn-rare-earth-embargo").rows()}
    cells = {r["product"]: r for r in csv.DictReader(io.StringIO(
        out(*embargo, "--format", "csv")))}
    assert rows["product:aim-9x"]["new_possible_spofs"] == []
    assert cells["product:aim-9x"]["new_possible_spofs"] == ""
    # under --worst-case its lower bound is 0 there (the rest of the world's 6% of magnets
    # may all be Fort Worth's, whose unmapped alloy the embargo may reach), so it has no
    # possible new single point; under the April 2025 denial it has six
    denial = ("--worst-case", "scenario", "--name", "cn-2025-04-defence-denial")
    rows = {r["product"]: r for r in mg.scenario(mg.load(worst_case=True),
                                                 "cn-2025-04-defence-denial").rows()}
    cells = {r["product"]: r for r in csv.DictReader(io.StringIO(
        out(*denial, "--format", "csv")))}
    assert rows["product:aim-9x"]["new_possible_spofs"] == [
        "company:mp-materials", "company:noveon", "country:US", "country:XX",
        "facility:fort-worth", "facility:mountain-pass", "facility:san-marcos"]
    assert "; ".join(rows["product:aim-9x"]["new_possible_spofs"]) == cells[
        "product:aim-9x"]["new_possible_spofs"]


def test_concentration_of_an_unmapped_material_says_why_with_its_sources():
    text = " ".join(out("concentration", "material:ammunition-primer").split())
    assert ("No country shares are recorded for Centre-fire ammunition primer "
            "(material:ammunition-primer): their supply is not mapped by country (unknown, "
            "not safe). Why: Centre-fire ammunition primer: no public split of primer "
            "production by country or company was found; the sources read describe primer "
            "composition only [1][2].") in text
    assert " SOURCES [1] " in text


def test_chokepoints_json_gives_why_each_input_is_unmapped_as_the_text_does():
    data = json.loads(out("chokepoints", "--product", "product:f-35", "--format", "json"))[0]
    reasons = data["unmapped_reasons"]
    assert [r["material"] for r in reasons] == [
        "material:germanium-concentrate", "material:germanium-dioxide",
        "material:germanium-tetrachloride", "material:germanium-metal",
        "material:germanium-ir-optic", "material:re-defence-materials",
        "material:f35-das-sensor"]
    assert sorted(r["material"] for r in reasons) == sorted(data["supply_not_mapped"])
    gecl4 = reasons[2]
    assert (gecl4["stage"], gecl4["sources"]) == (
        "processing", ["source:mofcom-announcement-23-2023", "source:usgs-mcs2025-germanium"])
    assert gecl4["reason"].startswith("USGS MCS 2025 publishes no country split for germanium")


def test_a_zero_loss_on_a_partial_bill_of_materials_is_marked_in_its_cell():
    """Patriot read "0%" in the table (one recorded requirement): the cell says so too."""
    text = out(*EMBARGO)
    patriot = text[text.index("\nproduct:patriot\n"):].splitlines()[2].split()
    assert patriot[:2] == ["defence", "0%*"]
    assert "0%*: counting only the recorded requirements of the product (above): not" in text
    md = out(*EMBARGO, "--format", "md")
    assert "| product:patriot | defence | 0%\\* |" in md
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(
        out(*EMBARGO, "--format", "csv")))}
    assert rows["product:patriot"]["loss_high"] == "0.0"


def test_the_legend_of_an_assumed_share_says_what_the_figure_beside_it_is():
    """The legend under `chokepoints` and the brief's note say what an assumed (≈) share is
    in the reading the figure beside it follows: an equal part of its country's share by
    default (design note 5.4: JL Mag ≈47%), a range under --worst-case (addendum, 5.4
    amended: JL Mag ≈0-94%)."""
    text = " ".join(out("chokepoints", "--product", "product:optimus").split())
    assert "else an equal part of its country's (or the rest of the world's) share" in text
    assert "none to all" not in text
    wide = " ".join(out("--worst-case", "chokepoints", "--product", "product:optimus").split())
    # the legend (a row's data note may quote its source's own wording)
    assert "equal part" not in wide.split("#: the rank")[1]
    assert "it may hold none to all of the share it splits" in wide
    assert "equal part" not in out("--worst-case", "brief", "product:optimus")
