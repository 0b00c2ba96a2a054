"""What the last new-user trial found, one test each: exact output on a small hand-made
graph (figures worked out by hand in the comments) or on the bundled data."""

from __future__ import annotations

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import chokepoints
from mineralgraph.graph.analysis.lookups import dependents, paths_between
from mineralgraph.graph.supply_graph import SupplyGraph


def claim(subject, relation, obj, confidence="high", source="source:a", **qualifiers):
    return Claim(subject, relation, obj, tuple(sorted(qualifiers.items())), (source,),
                 confidence=confidence)


def graph_of(*claims: Claim) -> SupplyGraph:
    """The claims, every node labelled and every source titled."""
    nodes = {n for c in claims for n in (c.subject, str(c.object))}
    sources = {s for c in claims for s in c.sources}
    return SupplyGraph([*claims, *(Claim(n, "label", n, sources=("source:a",))
                                   for n in sorted(nodes | sources))])


# The Optimus shape: the maker b makes the part from the magnet, and buys its magnets from
# s alone (design note 5.3), as one low-rated line of an aggregator says (material named:
# the analysis reads it); an article rated medium says s supplies b too, without naming
# the material, so the analysis never reads it. s is b's only magnet supplier: a single
# point of failure of p, 100%, resting on the low claim.
SOURCED = graph_of(
    claim("product:p", "REQUIRES", "material:part"),
    claim("company:b", "PRODUCES", "material:part", share=1.0),
    claim("company:b", "LOCATED_IN", "country:US"),
    claim("material:part", "MADE_FROM", "material:mag"),
    claim("company:s", "PRODUCES", "material:mag", share=0.5),
    claim("company:s", "LOCATED_IN", "country:CN"),
    claim("country:XX", "PRODUCES", "material:mag", share=0.5),
    claim("company:s", "SUPPLIES", "company:b", "low", "source:aggregator",
          material="material:mag"),
    claim("company:s", "SUPPLIES", "company:b", "medium", "source:article"))


def test_a_supply_step_rests_on_the_claim_the_analysis_reads_not_an_article_naming_no_material():
    report = chokepoints(SOURCED, ["product:p"])[0]
    row = next(r for r in report.chokepoints if r.id == "company:s")
    assert (row.loss, row.spof) == (1.0, True)
    # it read "medium" (the article's claim, first in the edge's claims), citing the
    # article: the figure rests on the aggregator's low claim
    assert row.caveats.confidence == "low"
    # its paths: s -> mag -> part -> p and s -> b (SUPPLIES) -> part -> p
    step = next(path[0] for path in row.paths if path[0].relation == "SUPPLIES")
    assert (step.source, step.target) == ("company:s", "company:b")
    assert (step.confidence, step.sources) == ("low", ["source:aggregator"])
    assert "source:article" not in row.sources
    # dependents gives the same figure the same confidence
    found = dependents(SOURCED, "company:s")
    assert found.spofs["product:p"] == "certain"
    assert found.caveats["product:p"].describe() == "low"
    # and paths shows the same step
    _, _, found_paths = paths_between(SOURCED, "company:s", "product:p")
    assert [p[0].confidence for p in found_paths if p[0].relation == "SUPPLIES"] == ["low"]


def test_dependents_reads_the_paths_a_chokepoint_row_shows_bundled_optimus():
    from mineralgraph import load_bundled

    graph = load_bundled()
    row = next(r for r in chokepoints(graph, ["product:optimus"])[0].chokepoints
               if r.id == "country:CN")
    found = dependents(graph, "country:CN")
    # the row rests on JL Mag's low-rated supply of Tesla (its second path): dependents
    # read "medium, proxy" from the shortest path alone
    assert row.caveats.describe() == "low, proxy"
    assert found.caveats["product:optimus"].describe() == "low, proxy"
    # a single point of failure loses everything whatever its part of a pool: no ≈
    jl = dependents(graph, "company:jl-mag")
    assert jl.spofs["product:optimus"] == "certain"
    assert jl.caveats["product:optimus"].describe() == "low"
    # low since 2026-11-29: the F-35's NdFeB need rests on a Reuters copy alone
    assert jl.caveats["product:f-35"].describe() == "low, ≈"


def test_each_sole_source_of_the_summary_says_what_it_rests_on():
    # p needs m1 and m2; the United States makes all of m1 (high), Australia all of m2
    # (low): each is a sole source, each figure 100% with its own confidence, also when
    # --top shows one row only
    graph = graph_of(claim("product:p", "REQUIRES", "material:m1"),
                     claim("product:p", "REQUIRES", "material:m2"),
                     claim("country:US", "PRODUCES", "material:m1", share=1.0),
                     claim("country:AU", "PRODUCES", "material:m2", "low", share=1.0))
    from mineralgraph.reports.summary import product_story, weak_after_table

    for top in (None, 1):
        report = chokepoints(graph, ["product:p"], top=top)[0]
        lines, caveats = product_story(report, graph)
        # the low-rated claim named after the table (trial 6, M7; findings 12)
        # in rank order: both at 100%, the better-supported first (findings 11)
        assert lines[1] == ("It cannot be made without country:US (high confidence) and "
                            "country:AU (low confidence), each a sole source besides its "
                            "maker.")
        assert weak_after_table(report, graph) == (
            "The summary's figures rest on one claim (low): country:AU's figure for "
            "material:m2 (source:a).")
        # the low one counts among what the figures rest on
        assert caveats.confidence == "low"
    # rated alike: said once, for all
    alike = graph_of(claim("product:p", "REQUIRES", "material:m1"),
                     claim("product:p", "REQUIRES", "material:m2"),
                     claim("country:US", "PRODUCES", "material:m1", share=1.0),
                     claim("country:AU", "PRODUCES", "material:m2", share=1.0))
    lines, _ = product_story(chokepoints(alike, ["product:p"])[0], alike)
    assert lines[1] == ("It cannot be made without country:AU and country:US, each a sole "
                        "source besides its maker (high confidence).")


def test_a_scenario_headline_says_a_loss_is_of_what_the_product_still_gets():
    from mineralgraph.graph.analysis import Restriction, Scenario
    from mineralgraph.reports.summary import product_story

    # China makes 90% of m, Australia 10%; China's control on m leaves p 10%; without
    # Australia p would lose all of that 10%: 100% of what it still gets, not of its
    # whole supply (which it has lost 90% of already)
    graph = graph_of(claim("product:p", "REQUIRES", "material:m"),
                     claim("country:CN", "PRODUCES", "material:m", share=0.9),
                     claim("country:AU", "PRODUCES", "material:m", share=0.1),
                     Claim("material:m", "stage", "processing", sources=("source:a",)))
    control = Scenario("x", restrict=(Restriction(issuer="country:CN",
                                                  covers=("material:m",)),))
    lines, _ = product_story(chokepoints(graph, ["product:p"], control)[0], graph)
    assert lines[0] == (
        "product:p keeps 10% of its supply under the scenario (high confidence); most "
        "exposed at the processing stage: material:m, 90% from country:CN (HHI 8,200; high "
        "confidence); without country:AU it would lose 100% of what it still gets (high "
        "confidence).")
    # without a scenario the loss is of the whole supply, said plainly
    lines, _ = product_story(chokepoints(graph, ["product:p"])[0], graph)
    assert lines[0].endswith("without country:CN it would lose 90% (high confidence).")


def test_a_range_from_nothing_to_under_a_tenth_of_a_percent_reads_under_0_1():
    from mineralgraph.reports.common import span

    assert (span(0.0, 0.0004), span(0.0, 0.004), span(0.0004, 0.09)) == (
        "<0.1%", "0-0.4%", "<0.1-9.0%")


def test_a_row_cites_every_source_its_figure_rests_on():
    # p needs m, made from c1..c4, each all Chinese (sources s1..s4; s4 rated low): China
    # is a single point of failure through each. Its row shows three paths (the limit),
    # through c1, c2 and c3; the row cited only the paths' sources, leaving s4 out. It
    # cites every claim on its evidence, s4 too; its confidence is that of what its 100%
    # rests on: any one of the four sole-sourced inputs gives it, so it holds on a high
    # one (figure_claims), and the low claim on c4 no longer lowers it
    graph = graph_of(claim("product:p", "REQUIRES", "material:m", source="source:need"),
                     *(claim("material:m", "MADE_FROM", f"material:c{i}", source="source:need")
                       for i in range(1, 5)),
                     *(claim("country:CN", "PRODUCES", f"material:c{i}",
                             "low" if i == 4 else "high", f"source:s{i}", share=1.0)
                       for i in range(1, 5)))
    row = next(r for r in chokepoints(graph, ["product:p"])[0].chokepoints
               if r.id == "country:CN")
    assert (row.loss, row.spof, len(row.paths)) == (1.0, True, 3)
    assert row.caveats.confidence == "high"
    assert row.sources == ["source:need", "source:s1", "source:s2", "source:s3", "source:s4"]


def test_bundled_rows_cite_what_their_confidence_reads():
    from mineralgraph import load_bundled

    graph = load_bundled()
    row = next(r for r in chokepoints(graph, ["product:optimus"])[0].chokepoints
               if r.id == "country:CN")
    # China's share of rare-earth concentrate (USGS) is among the figures its 100% rests
    # on; the row cited its paths' sources only, and left USGS out
    assert "source:usgs-mcs2025-rare-earths" in row.sources


def test_the_compact_picture_cites_each_top_figure_by_the_reports_numbers(run_cli):
    text = run_cli("chokepoints", "--product", "product:f-35").stdout
    flat = " ".join(text.split())
    # (the sources cell fits on one line since the table's columns widened, 2026-11-29)
    assert "1 Honeywell (company:honeywell) subsystem 100% yes high [1][2][3][4]" in flat
    # at 100% each, the better-supported first (findings 11): Northrop Grumman (high)
    # before Moog (medium)
    assert "2 Northrop Grumman (company:northrop-grumman) subsystem 100% yes high [5]" in flat
    assert "3 Moog (company:moog) subsystem 100% yes medium [6][7]" in flat
    svg = run_cli("snapshot", "product:f-35", "--format", "svg").stdout
    footer = " ".join(t for t in svg.split(">") if t.endswith("</text")).replace(
        "</text", "")
    assert ("1. Honeywell (SPOF, sole source) [1-4] · 2. Northrop Grumman (SPOF, sole source) "
            "[5] · 3. Moog (SPOF, sole source) [6-7]") in " ".join(footer.split())
    assert "[n]: its sources as the chokepoint report numbers them" in " ".join(footer.split())


def run_on_terminal(*args: str):
    """Run mineralgraph with stdout on a pseudo-terminal: (exit code, what the terminal
    showed, stderr)."""
    import os
    import pty
    import subprocess
    import sys
    import threading
    from pathlib import Path

    main, secondary = pty.openpty()
    chunks: list[bytes] = []

    def read_terminal():
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "mineralgraph", *args], stdout=secondary,
                              stderr=subprocess.PIPE, text=True, timeout=300,
                              cwd=Path(__file__).parent.parent)
    finally:
        os.close(secondary)
        reader.join(10)
        os.close(main)
    return done.returncode, b"".join(chunks).replace(b"\x1b[0m", b""), done.stderr


def test_snapshot_asks_where_to_put_the_picture_rather_than_print_svg_on_a_terminal():
    code, shown, err = run_on_terminal("snapshot", "product:optimus")
    assert (code, shown) == (2, b"")
    assert err == ("Error: snapshot draws a picture: give -o FILE (.svg .png .pdf .html .mmd "
                   ".dot), or --format svg to print its SVG here, or redirect stdout to a file "
                   "(more: mineralgraph snapshot --help)\n")
    # asked for, the SVG is printed
    code, shown, _ = run_on_terminal("snapshot", "product:optimus", "--format", "svg")
    assert code == 0 and shown.startswith(b"<svg")


def test_show_says_a_denied_licence_was_not_granted():
    from mineralgraph.graph.node_view import node_view
    from mineralgraph.reports.node import render_node

    graph = graph_of(claim("licence:cn-x-denied", "GRANTED_TO", "company:lm"),
                     claim("licence:cn-x-denied", "decision", "denied"),
                     claim("licence:cn-y-approved", "GRANTED_TO", "company:lm"),
                     claim("licence:cn-y-approved", "decision", "approved"))
    text = render_node(node_view(graph, "licence:cn-x-denied"))
    assert "  -> GRANTED_TO (decision: DENIED, not granted) company:lm (company:lm)" in text
    flat = " ".join(render_node(node_view(graph, "company:lm")).split())
    assert ("<- GRANTED_TO (decision: DENIED, not granted) licence:cn-x-denied "
            "(licence:cn-x-denied) (high confidence) [") in flat
    assert "<- GRANTED_TO licence:cn-y-approved (licence:cn-y-approved) (high confidence)" in flat
    assert [r["decision"] for r in node_view(graph, "company:lm")["relations"]] == [
        "denied", "approved"]


def test_risk_says_which_scale_and_set_its_hhi_is_on(run_cli):
    from mineralgraph import load_bundled
    from mineralgraph.graph.analysis.concentration import concentration

    text = " ".join(run_cli("risk", "--importer", "country:US", "--commodity",
                            "material:antimony-concentrate").stdout.split())
    assert "production HHI 0.4080 (0-1, of the named producers' total)" in text
    assert ("for the same figures, this one is that one / 10,000 / (the named producers' "
            "part of world output)^2.") in text
    # concentration's 3,790 over world shares: 3,790 / 10,000 / (named part)^2 = 0.4080
    found = concentration(load_bundled(), "material:antimony-concentrate")
    named = 1 - found.rest  # the named countries (shares keyed by ISO code; XX the rest)
    assert round(found.hhi) == 3790
    assert round(found.hhi / 10_000 / named ** 2, 4) == 0.4080


def test_imports_of_a_magnet_state_what_its_inputs_upstream_import_not_boron_alone():
    from mineralgraph import load_bundled
    from mineralgraph.graph.statistics import stated_imports

    stated = stated_imports(load_bundled(), "country:US", "material:ndfeb-magnet")
    # USGS states rare-earth import sources for the oxide the magnet is made from; only
    # boron's (an element it contains) were listed
    assert [(i["material"], i["relation"]) for i in stated["lists"]] == [
        ("material:ndpr-oxide", "input"), ("element:B", "element")]
    assert [(p["partner"], p["share"]) for p in stated["lists"][0]["partners"][:2]] == [
        ("country:CN", 0.7), ("country:MY", 0.13)]
    assert [(r["material"], r["relation"]) for r in stated["reliance"]] == [
        ("material:ndpr-oxide", "input"), ("material:re-concentrate", "input"),
        ("element:B", "element")]


def test_controls_lists_each_control_and_decision_with_its_sources(run_cli):
    import csv
    import io
    import json

    text = run_cli("controls", "--as-of", "2025-06-01").stdout
    flat = " ".join(text.split())
    assert flat.startswith("EXPORT CONTROLS AND LICENCE DECISIONS 11 export control(s), 7 in "
                           "force on 2025-06-01 (the --as-of date), and 6 licence decision(s).")
    # the December 2024 ban on the United States: in force then, lifted on 9 Nov 2025
    assert ("control:cn-2024-12-us-ban: China ban on gallium, germanium and antimony exports "
            "to the United States issued by China; announced 2024-12-03; from 2024-12-03; to "
            "2025-11-09; in force: yes ban: covers gallium; germanium; antimony targets: "
            "United States sources [5][6][7][8]") in flat
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        run_cli("controls", "--as-of", "2025-06-01", "--format", "csv").stdout))}
    # the October 2025 rare earths: suspended until 10 Nov 2026, so not in force then
    assert (rows["control:cn-2025-10-rare-earths"]["in_force"],
            rows["control:cn-2025-10-rare-earths"]["effective_from"]) == ("no", "2026-11-10")
    assert rows["licence:cn-2025-12-general-licences"]["kind"] == "licence"
    data = json.loads(run_cli("controls", "--as-of", "2026-12-01", "--format", "json").stdout)
    assert data["in_force_on"] == "2026-12-01"
    by_id = {i["id"]: i for i in data["items"]}
    assert by_id["control:cn-2024-12-us-ban"]["in_force"] is False
    assert by_id["control:cn-2025-10-rare-earths"]["in_force"] is True
    assert by_id["control:cn-2024-12-us-ban"]["targets"] == ["country:US"]


def test_dependents_names_what_it_stops_with_what_each_figure_rests_on():
    from mineralgraph.reports.tables import render_dependents

    # p and q each need m, all from CN (p's requirement rated low); r needs n, half CN
    graph = graph_of(claim("product:p", "REQUIRES", "material:m", "low"),
                     claim("product:q", "REQUIRES", "material:m"),
                     claim("product:r", "REQUIRES", "material:n"),
                     claim("country:CN", "PRODUCES", "material:m", share=1.0),
                     claim("country:CN", "PRODUCES", "material:n", share=0.5),
                     claim("country:AU", "PRODUCES", "material:n", share=0.5))
    found = dependents(graph, "country:CN")
    text = " ".join(render_dependents("country:CN", found.losses, graph, "text", found.spofs,
                                      found.caveats).split())
    assert text.startswith(
        "PRODUCTS DEPENDING ON COUNTRY:CN 3 products have a supply path from country:CN; 2 "
        "cannot be made without it: product:q (high confidence); product:p (low "
        "confidence).")  # in the table's order: at 100% each, the better-supported first


def test_the_chokepoint_table_keys_its_country_codes_to_names(run_cli):
    text = run_cli("chokepoints", "--product", "product:optimus", "--top", "3").stdout
    # the summary says "China", the table's country column "CN": the key joins them
    assert "\nCountry: CN China; US United States.\n" in text


def test_a_brief_on_a_node_says_what_each_figure_rests_on():
    from mineralgraph.graph.analysis.exposure import brief_exposure
    from mineralgraph.render.brief import build_brief

    graph = graph_of(claim("product:p", "REQUIRES", "material:m", "low"),
                     claim("product:q", "REQUIRES", "material:m"),
                     claim("country:CN", "PRODUCES", "material:m", "medium", share=1.0),
                     Claim("material:m", "stage", "processing", sources=("source:a",)))
    brief = build_brief(graph, brief_exposure(graph, "country:CN"))
    # p's requirement is low, China's share medium: each product it stops says so, and
    # the most concentrated stage says what its shares rest on
    # in the table's order: at 100% each, the better-supported first (findings 11)
    assert brief.summary[1] == ("Without it, product:q (medium confidence) and product:p "
                                "(low confidence) cannot be made.")
    assert brief.summary[2] == ("The most concentrated stage in view is processing: "
                                "material:m (HHI 10,000; medium confidence; source type: "
                                "not recorded).")


def test_a_forecast_decision_from_an_article_is_never_listed_as_a_decision(run_cli, tmp_path):
    """Trial 6 (H1): "licences ... are likely to be approved" became a licence node that
    `controls` listed as "in force: yes"; a node whose every fact is a forecast is left out
    and named as such, in text and JSON."""
    import json

    from mineralgraph.graph.controls import controls, expected_events

    s = ("source:a",)
    claims = [Claim("source:a", "title", "An article", sources=s),
              Claim("licence:x-approved", "label", "China: licences approved", sources=s),
              Claim("licence:x-approved", "decision", "approved", sources=s,
                    qualifiers=(("modality", "expected"),)),
              Claim("licence:y-approved", "label", "China: licences approved", sources=s),
              Claim("licence:y-approved", "decision", "approved", sources=s)]
    graph = SupplyGraph(claims)
    assert expected_events(graph) == ["licence:x-approved"]
    assert [i["id"] for i in controls(graph)] == ["licence:y-approved"]

    article = tmp_path / "wire.txt"
    article.write_text(
        "China rare earth licences\n\nBEIJING, Oct 9, 2025 (Wire) - Licences for U.S. carmakers "
        "are likely to be approved more slowly in coming weeks, two industry sources said.\n",
        encoding="utf-8")
    out = tmp_path / "g.json"
    assert run_cli("build", "--source", str(article), "--out", str(out)).exit_code == 0
    listed = json.loads(run_cli("--graph", str(out), "controls", "--format", "json").stdout)
    ids = [i["id"] for i in listed["items"]]
    assert not any(i.startswith("licence:cn-2025-10") for i in ids), ids
    text = run_cli("--graph", str(out), "controls").stdout
    assert "exports to United States" not in text
    assert listed["expected_events"] == [e for e in listed["expected_events"]
                                         if e.startswith("licence:cn-2025-10-09")]
