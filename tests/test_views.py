"""What the new-user trial found missing in the views: sources of dependents, untraced
requirements, confidence beside every figure, partial bills of materials."""

from __future__ import annotations

import csv
import io
import json


def test_dependents_of_dysprosium_cite_their_sources_like_chokepoints(run_cli):
    text = run_cli("dependents", "element:Dy").stdout
    assert "sources" in text.split("\n\n")[2].splitlines()[1]
    # a row cites what its figure rests on as the chokepoint row of the same node does:
    # the claims on the paths that row shows (so the turbine cites three sources)
    assert "\nSOURCES\n\n[1] government: Rare Earth Elements in National Defense" in text
    row = text[text.index("product:direct-drive-wind-turbine"):].splitlines()[1]
    # (numbered [1][2][3] since findings 11's tie-break lists the turbine, rated medium,
    # first among the products Dy stops)
    assert row.split()[-1] == "[1][2][3]"
    assert ("[2] research: NdFeB Permanent Magnet Uses, Projected Growth Rates and Nd Plus Dy"
            in text)
    md = run_cli("dependents", "element:Dy", "--format", "md").stdout
    assert "| confidence | sources |" in md
    assert "\n## Sources\n\n1. government: Rare Earth Elements in National Defense" in md
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(
        run_cli("dependents", "element:Dy", "--format", "csv").stdout))}
    turbine = ["source:crs-r41744", "source:heim-vanderwal-2023",
               "source:hk-announcement-18-2025"]
    assert rows["product:direct-drive-wind-turbine"]["sources"] == ";".join(turbine)
    # (the CRS count of the F-35's untraced rare-earth materials joins them under
    # --worst-case, where losing Dy may reach those)
    assert rows["product:f-35"]["sources"] == (
        "source:adamas-f35-2026;source:crs-r41744;source:eec-mine-to-magnet;"
        "source:heim-vanderwal-2023;source:hk-announcement-18-2025;"
        "source:usgs-mcs2025-rare-earths")
    data = json.loads(run_cli("dependents", "element:Dy", "--format", "json").stdout)
    assert {d["product"]: d["sources"] for d in data["dependents"]}[
        "product:direct-drive-wind-turbine"] == turbine
    # the same sources as the chokepoint row of dysprosium for the turbine
    choke = json.loads(run_cli("chokepoints", "--product", "product:direct-drive-wind-turbine",
                               "--format", "json").stdout)
    assert next(c["sources"] for c in choke[0]["chokepoints"]
                if c["id"] == "element:Dy") == turbine
    assert run_cli("dependents", "element:Dy").stdout == text


def test_dependents_of_china_list_products_whose_requirements_are_untraced(run_cli):
    """The Virginia-class, Columbia-class and military UAV read 0-100% under China's
    controls under --worst-case (their requirements are untraced, a rule of the
    addendum's wider reading); dependents once left them out. By default none is listed. (25 may
    not be made without China, 20 while pools were split equally: the AIM-9X, Bradley,
    F-22, iPhone and Javelin lose all in the worst case, where the rest of the world's
    magnets all come from plants whose unmapped alloy stage sits in China.)"""
    plain = {r["product"]: r for r in csv.DictReader(io.StringIO(
        run_cli("dependents", "country:CN", "--format", "csv").stdout))}
    assert "product:military-uav" not in plain
    assert not any(r["untraced_requirements"] for r in plain.values())
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(
        run_cli("--worst-case", "dependents", "country:CN", "--format", "csv").stdout))}
    assert len(rows) == 32
    for product, material in (("product:virginia-class-submarine",
                               "material:re-defence-materials;material:re-magnet-unspecified"),
                              ("product:columbia-class-submarine",
                               "material:re-magnet-unspecified"),
                              ("product:military-uav", "material:re-magnet-unspecified")):
        row = rows[product]
        assert (row["loss_low"], row["loss_high"], row["spof"], row["confidence"],
                row["untraced_requirements"]) == ("0.0", "1.0", "no", "unknown", material)
    assert rows["product:military-uav"]["sources"] == "source:dod-mine-to-magnet-2024"
    # listed with a supply path too: the untraced requirement is named
    # its NdFeB magnets (DoD 2012 via Bloomberg) carry China's magnet chain; in the best
    # case (the rest of the world's magnets all from the plant that buys Mountain Pass's
    # oxide: pools are no longer split equally) that chain keeps more than the SPY-6's
    # gallium does, so the low end is the gallium's 0.984339 (was 0.994008)
    assert (rows["product:ddg-51"]["loss_low"], rows["product:ddg-51"]["loss_high"],
            rows["product:ddg-51"]["untraced_requirements"]) == (
        "0.984339", "1.0", "material:re-defence-materials")
    text = run_cli("--worst-case", "dependents", "country:CN").stdout
    flat = " ".join(text.split())
    assert flat.startswith(
        "PRODUCTS DEPENDING ON CHINA Worst case (--worst-case): ")
    flat = flat[flat.index(" whole). ") + len(" whole). "):]
    assert flat.startswith(
        # 22 -> 11 "may not be" since the metal and SmCo stages have proxy sets (2026-11-29);
        # Optimus's figure now rests on NdPr metal's low proxy
        "29 products have a supply path from China (country:CN); 1 cannot be made without "
        "it: Tesla Optimus humanoid robot (low confidence, from 4 proxies, the weakest: "
        "China's figure for NdPr metal, measured for the refining (separation) of the four "
        "magnet rare earths, 2024, not metal making). 11 more may "
        "not be (if their unmapped stages sit in it or take their inputs from it). 3 more "
        "products are listed with no supply path from China, for an untraced requirement "
        "alone (rows marked untraced). "
        "5 product(s) need Rare-earth materials in a weapons platform (DoD 2012 count, "
        "unspecified forms) and Rare-earth permanent magnet (type not stated by the "
        "source), which no source traces to a country: China may supply them")
    uav = text[text.index("product:military-uav\n"):].splitlines()[1].split()
    # (one source fewer cited before it since trial 7, MED-6: China's clay quota; one more
    # since the tenth data round: EasyBuildTech on Optimus's actuators, cited third, so the
    # DoD's mine-to-magnet story is [67], checked by hand in the listing; one more since
    # the eleventh: the Daily Asian Age's copy of Reuters on the F-35's NdFeB magnets
    # replaces Digital Journal there, which the Javelin still cites, so [68]; two more
    # since citefix: JL Mag's location rests on its annual report beside the Baotou
    # article, its output and capacity on the REEx profile's copy, so [70])
    assert uav[-4:] == ["0-100%", "untraced", "unknown", "[70]"]
    assert run_cli("--worst-case", "dependents", "country:CN").stdout == text
    # an element too: a control on any element reaches what nothing traces (addendum 5.6)
    dy = run_cli("--worst-case", "dependents", "element:Dy").stdout
    virginia = dy[dy.index("product:virginia-class-submarine\n"):].splitlines()[1].split()
    # ([23] since findings 11's tie-break: the products before it cite more sources)
    assert virginia[-4:] == ["0-100%", "untraced", "unknown", "[1][23]"]
    # a company or a facility: no control names one, and 5.6 never takes a virtual
    # producer out with one
    mp = run_cli("--worst-case", "dependents", "company:mp-materials").stdout
    assert "untraced" not in mp.split("whole).", 1)[1]


def test_api_dependents_rows_carry_untraced_requirements():
    import mineralgraph as mg

    assert "product:military-uav" not in {
        r["product"] for r in mg.dependents(mg.load(), "country:CN").rows()}
    rows = {r["product"]: r for r in mg.dependents(mg.load(worst_case=True),
                                                   "country:CN").rows()}
    assert rows["product:military-uav"] == {
        "product": "product:military-uav", "loss_low": 0.0, "loss_high": 1.0, "spof": "no",
        "confidence": "unknown", "proxies": [], "assumed_share": False, "disputes": [],
        "low_confidence": [], "untraced_requirements": ["material:re-magnet-unspecified"]}


def test_scenario_zero_rows_say_they_cover_only_the_recorded_requirements(run_cli):
    """Patriot's only recorded input is a low-confidence GaN radar requirement: its 0%
    under a rare-earth embargo once read as safe."""
    text = run_cli("scenario", "--name", "cn-rare-earth-embargo").stdout
    flat = " ".join(text.split())
    # (by id since trial 11: every 0% is of unknown confidence, so the tie-break of
    # findings 11 no longer ranks Patriot's low requirement last)
    assert ("Patriot air and missile defence system (product:patriot) and Standard Missile-3 "
            "Block IIA ballistic-missile interceptor (product:sm-3-block-iia) lose "
            "0%, counting only their 1 recorded requirement each: the bill of materials may "
            "be partial, so 0% does not mean safe.") in flat
    assert ("Lithium-ion battery cell, NMC cathode (nickel-manganese-cobalt) "
            "(product:nmc-battery-cell) loses 0%, counting only its 5 recorded "
            "requirements: the bill of materials may be partial, so 0% does not mean "
            "safe.") in flat
    md = run_cli("scenario", "--name", "cn-rare-earth-embargo", "--format", "md").stdout
    assert "counting only their 1 recorded requirement each" in md
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(run_cli(
        "scenario", "--name", "cn-rare-earth-embargo", "--format", "csv").stdout))}
    assert {p: (rows[p]["loss_high"], rows[p]["requirements_recorded"])
            for p in ("product:patriot", "product:sm-3-block-iia", "product:f-35")} == {
        "product:patriot": ("0.0", "1"), "product:sm-3-block-iia": ("0.0", "1"),
        "product:f-35": ("0.999985", "8")}  # one figure since the metal and SmCo proxies
    data = json.loads(run_cli("scenario", "--name", "cn-rare-earth-embargo",
                              "--format", "json").stdout)
    assert {r["product"]: r["requirements_recorded"] for r in data["products"]}[
        "product:nmc-battery-cell"] == 5
    assert run_cli("scenario", "--name", "cn-rare-earth-embargo").stdout == text


def test_every_scenario_row_and_headline_share_has_a_confidence(run_cli):
    """The scenario's confidence column was blank (null in JSON) for 0% and 0-100% rows;
    the iPhone's headline 94% from China had no confidence though it rests on a repost."""
    data = json.loads(run_cli("scenario", "--name", "cn-rare-earth-embargo",
                              "--format", "json").stdout)
    confidence = {r["product"]: r["confidence"] for r in data["products"]}
    assert None not in confidence.values()
    # a 0% counts only the recorded requirements and measures no supply: "unknown", not
    # the requirement's rating (trial 11: CdTe, the UAV and the Columbia-class read
    # "high"); a 0-100% that the untraced rule sets alone (the mapped supply loses
    # nothing) rests on no fact: "unknown" too
    assert (confidence["product:patriot"], confidence["product:sm-3-block-iia"],
            confidence["product:cdte-solar-module"]) == ("unknown", "unknown", "unknown")
    # (the DDG-51's 99% rests on NdPr metal's low proxy since 2026-11-29)
    assert (confidence["product:military-uav"], confidence["product:ddg-51"]) == (
        "unknown", "low")
    wide = json.loads(run_cli("--worst-case", "scenario", "--name", "cn-rare-earth-embargo",
                              "--format", "json").stdout)
    assert {r["product"]: r["confidence"] for r in wide["products"]}[
        "product:military-uav"] == "unknown"
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(run_cli(
        "--worst-case", "scenario", "--name", "cn-rare-earth-embargo", "--format",
        "csv").stdout))}
    assert rows["product:virginia-class-submarine"]["confidence"] == "unknown"
    md = run_cli("scenario", "--name", "cn-rare-earth-embargo", "--format", "md").stdout
    assert [line.split(" | ")[-2] for line in md.splitlines()
            if line.startswith("| product:patriot ")] == ["unknown"]
    text = run_cli("chokepoints", "--product", "product:iphone").stdout
    # (NdFeB alloy since findings 11's tie-break: at the tied 8,464, the same medium proxy,
    # the smaller id)
    assert ("Apple iPhone (smartphone) is most exposed at the metal stage: NdFeB alloy, 92% "
            "from China (HHI 8,464; medium confidence, a proxy: "
            "measured for the NdFeB magnet and magnet alloy market together (2020)); without "
            "China") in " ".join(text.split())
    assert run_cli("chokepoints", "--product", "product:iphone").stdout == text


def test_snapshot_boxes_tag_a_share_that_rests_on_a_low_or_proxy_claim(run_cli):
    """The F-35 snapshot showed NdPr oxide 91%, samarium oxide 91% and the Dy/Tb-doped
    magnets 94% with no tag, though each rests on a proxy (samarium's on a low one)."""
    mmd = run_cli("snapshot", "product:f-35", "--format", "mmd").stdout
    boxes = {line.split('["')[1].split("<br/>")[0]: line.split("<br/>")[2].removesuffix('"]')
             for line in mmd.splitlines() if '["' in line and line.count("<br/>") >= 2}
    assert (boxes["NdPr oxide (separated)"], boxes["Samarium oxide (separated)"],
            boxes["High-temperature NdFeB magnet (Dy/Tb-doped)"]) == (
        "China 91% (proxy)", "China 91% (low, proxy)", "China 92% (proxy)")
    # BIS's 92% is of magnets and alloy together (a proxy); JL Mag's part of it assumed
    assert boxes["Sintered NdFeB permanent magnet"] == (
        "China 92% (proxy) (incl. JL Mag Rare-Earth ≈46%)")
    svg = run_cli("snapshot", "product:f-35").stdout
    # the bar carries the share, the country's line its tag
    assert ">91%</text>" in svg and ">China (low,</text>" in svg and ">proxy)</text>" in svg
    assert run_cli("snapshot", "product:f-35", "--format", "mmd").stdout == mmd


def test_optimus_actuator_magnet_is_of_unstated_grade_as_its_sources_say(run_cli):
    """No source states the grade of the Optimus actuator magnets (Musk: "rare-earth
    magnets"; the Dy/Tb grade was inferred from the licence alone): the requirement is
    NdFeB of unstated grade, so the April 2025 control reaches it only in the worst case
    of --worst-case."""
    from mineralgraph import load_bundled

    graph = load_bundled()
    assert graph.neighbours("material:robot-actuator", "REQUIRES") == ["material:ndfeb-magnet"]
    assert "element:Dy" not in graph.neighbours("material:robot-actuator", "CONTAINS")
    note = graph.relation_claims("material:robot-actuator", "REQUIRES")[0].qualifier("note")
    assert "no source states the grade" in note
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(run_cli(
        "scenario", "--enforce", "control:cn-2025-04-rare-earths", "--format", "csv").stdout))}
    optimus = rows["product:optimus"]
    # by default the control reaches what it covers (5.6): not a magnet of unstated grade
    assert (optimus["loss_low"], optimus["loss_high"]) == ("0.0", "0.0")
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(run_cli(
        "--worst-case", "scenario", "--enforce", "control:cn-2025-04-rare-earths", "--format",
        "csv").stdout))}
    optimus = rows["product:optimus"]
    # low: the high end rests on "JL Mag supplies Tesla", rated low (trial 7, HIGH-1)
    assert (optimus["loss_low"], optimus["loss_high"], optimus["confidence"]) == (
        "0.0", "1.0", "low")
    text = " ".join(run_cli("--worst-case", "scenario", "--enforce",
                            "control:cn-2025-04-rare-earths").stdout.split())
    assert ("Tesla Optimus humanoid robot (product:optimus) loses 0-100%: the scenario blocks "
            "China's 92% of Sintered NdFeB permanent magnet (medium confidence; rests on a "
            "proxy) [1] on its supply paths, but only in "
            "the worst case (the high end of the loss). It is a range, not one figure, because "
            "the grade of Sintered NdFeB permanent magnet is not stated") in text


def test_full_snapshot_producer_boxes_tag_a_weak_share(run_cli):
    mmd = run_cli("snapshot", "product:f-35", "--full", "--format", "mmd").stdout
    shares = [line.split('["')[1].split("<br/>")[:2] for line in mmd.splitlines()
              if '["China 91%' in line]
    # the IEA's four magnet rare earths stand for NdPr, Sm and Dy oxide (proxies; Sm's and
    # Dy's low, Dy's disputed by CSIS's 99%) and, since 2026-11-29, for NdPr, Dy and Sm
    # metal (low proxies)
    assert sorted(shares) == [["China 91%", "CN; share: low, proxy"]] * 4 + [
        ["China 91%", "CN; share: low, proxy, disputed"], ["China 91%", "CN; share: proxy"]]
    assert run_cli("snapshot", "product:f-35", "--full", "--format", "mmd").stdout == mmd
