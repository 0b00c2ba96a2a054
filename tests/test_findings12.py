"""Findings 12 (misleading or uneven output), each on a hand-checked graph.

1. A scenario row at "0%*" said "0-92% under --worst-case: grade not stated" in
   ``scenario`` alone: ``chokepoints --scenario``, ``brief`` and ``snapshot`` gave the same
   figure, counting unknown as kept, without it. Every view now takes it from the one
   function (comparison.worst_case_beside, worded by tables.worst_case_note).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hand_scenarios import china_denies

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)


def claim(subject, predicate, obj, confidence="high", sources=S, **qualifiers):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers.items())), sources=sources,
                 confidence=confidence)


def grade_graph() -> SupplyGraph:
    """P needs magnet M (no grade stated); H is the doped grade of M (same stage, made
    from all M is made from and more, contains Nd and Dy where M contains Nd: a richer
    grade, structure.richer_grades). M and H: China 0.9, rest of world 0.1.

    China denies H. Default: P needs M, not H: loses 0% (0%*: one recorded requirement).
    Under --worst-case M may be of grade H: China's 0.9 of M blocked in the lower bound,
    a(P) 0.1, loss 0.9; the upper bound reads M as stated, loss 0: [0, 0.9], "0-90%".
    """
    return SupplyGraph([
        claim("product:p", "label", "Product P"), claim("product:p", "REQUIRES", "material:m"),
        claim("material:m", "label", "Magnet"), claim("material:m", "stage", "component"),
        claim("material:h", "label", "Doped magnet"), claim("material:h", "stage", "component"),
        claim("material:m", "MADE_FROM", "material:a"),
        claim("material:m", "CONTAINS", "element:Nd"),
        claim("material:h", "MADE_FROM", "material:a"),
        claim("material:h", "MADE_FROM", "material:d"),
        claim("material:h", "CONTAINS", "element:Nd"),
        claim("material:h", "CONTAINS", "element:Dy"),
        claim("country:CN", "label", "China"), claim("source:s", "label", "S"),
        claim("country:CN", "PRODUCES", "material:m", share=0.9),
        claim("country:XX", "PRODUCES", "material:m", share=0.1),
        claim("country:CN", "PRODUCES", "material:h", share=0.9),
        claim("country:XX", "PRODUCES", "material:h", share=0.1)])


NOTE = " (0-90% under --worst-case: grade not stated; conf. high)"
KEPT_NOTE = " (a loss of 0-90% under --worst-case: grade not stated; conf. high)"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def graded():
    from mineralgraph.graph.analysis.lookups import scenario_result

    graph, scenario = grade_graph(), china_denies("material:h")
    return graph, scenario, scenario_result(graph, scenario)


def test_the_scenario_row_says_the_worst_case_beside_its_zero(graded):
    from mineralgraph.reports.tables import worst_case_note

    _, _, result = graded
    row = result["products"][0]
    assert (row["loss_range"], row["worst_case_loss_range"]) == ([0.0, 0.0], [0.0, 0.9])
    assert worst_case_note(row) == NOTE


def test_chokepoints_under_a_scenario_carry_the_worst_case_in_every_format(graded):
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import render

    graph, scenario, result = graded
    report = chokepoints(graph, ["product:p"], scenario)[0]
    # the same range as the scenario's row, from the same function
    assert report.worst_case_loss_range == result["products"][0]["worst_case_loss_range"]
    assert report.scenario_loss_range == [0.0, 0.0]
    text = flat(render([report], graph, "text"))
    assert ("Product P keeps 100% (both bounds; with its 1 input of unmapped supply counted "
            "missing, 0%) of its supply under the scenario (high confidence)" + KEPT_NOTE
            + "; most exposed") in text
    assert ("availability 100% (both bounds; with its 1 input of unmapped supply counted "
            "missing, 0%) (high confidence)" + KEPT_NOTE + " as of latest data") in text
    data = json.loads(render([report], graph, "json"))[0]
    assert (data["scenario_loss_range"], data["worst_case_loss_range"]) == ([0.0, 0.0],
                                                                           [0.0, 0.9])
    assert data["worst_case"]["range_from_grade"] == [
        {"material": "material:m", "grades": ["material:h"]}]
    rows = render([report], graph, "csv").splitlines()
    head = rows[0].split(",")
    for line in rows[1:]:
        cells = dict(zip(head, line.split(","), strict=False))
        assert (cells["worst_case_loss_low"], cells["worst_case_loss_high"]) == ("0.0", "0.9")


def test_without_a_scenario_no_worst_case_is_said(graded):
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import render

    graph, _, _ = graded
    report = chokepoints(graph, ["product:p"])[0]
    assert (report.worst_case_loss_range, report.scenario_loss_range) == (None, None)
    assert "--worst-case:" not in render([report], graph, "text")
    assert "worst_case_loss_range" not in json.loads(render([report], graph, "json"))[0]


def test_the_brief_and_the_snapshot_carry_the_worst_case(graded):
    from mineralgraph.graph.analysis.exposure import brief_exposure, exposure
    from mineralgraph.render.brief import build_brief, to_markdown
    from mineralgraph.render.compact import compact_chain
    from mineralgraph.render.mermaid import to_mermaid

    graph, scenario, _ = graded
    brief = build_brief(graph, brief_exposure(graph, "product:p", scenario))
    assert brief.scenario_rows[0]["loss"] == (
        "0%, counting only its 1 recorded requirement (not safe)" + NOTE)
    assert "of its supply under the scenario (high confidence)" + KEPT_NOTE in (
        " ".join(brief.summary))
    assert NOTE[1:] in to_markdown(brief).decode()
    found = exposure(graph, "product:p", scenario)
    chain = compact_chain(graph, found.report, found.blocked)
    assert chain.worst_case_note == KEPT_NOTE
    assert ("scenario: deny-h · keeps 100% of its supply" + KEPT_NOTE + " · dataset") in (
        to_mermaid(chain))


def test_the_full_chain_and_a_nodes_brief_carry_it(graded):
    from mineralgraph.graph.analysis.exposure import brief_exposure, chain_exposure
    from mineralgraph.render.chain import build_chain

    graph, scenario, _ = graded
    found = chain_exposure(graph, "product:p", scenario=scenario)
    assert found.scenario_loss_range == [0.0, 0.0]
    assert build_chain(graph, found).worst_case_note == KEPT_NOTE
    rows = brief_exposure(graph, "country:CN", scenario).comparison
    assert [(r["product"], r["worst_case_loss_range"]) for r in rows] == [
        ("product:p", [0.0, 0.9])]


# 2. spof, paths and concentration JSON gave source ids only, where chokepoints and
#    scenario give each row its [n] (citations, citation_numbers) and the text's list
#    (sources: number, id, title, publisher, url, date): one helper now
#    (reports.common.with_citations) for every report.

TINY = Path(__file__).parent / "data" / "tiny"


@pytest.fixture(scope="module")
def tiny_snapshot(tmp_path_factory) -> str:
    from mineralgraph.graph.snapshot import save_snapshot
    from mineralgraph.loaders.curated import load_curated

    path = tmp_path_factory.mktemp("tiny12") / "tiny.json"
    save_snapshot(load_curated(TINY).claims, path)
    return str(path)


def _entry(number, source):
    second = source == "source:tiny-b"
    return {"number": number, "id": source,
            "title": ("Tiny hand-checked graph: second source" if second
                      else "Tiny hand-checked graph for the tests"),
            "publisher": "mineralgraph tests",
            "url": f"https://example.org/{source.partition(':')[2]}",
            "date": "2025-02-01" if second else "2025-01-01"}


def _listed(data: dict) -> list[dict]:
    return [{k: e[k] for k in ("number", "id", "title", "publisher", "url", "date")}
            for e in data["sources"]]


def test_paths_json_cites_each_step_as_the_text_does(run_cli, tiny_snapshot):
    # the facility's share is on tiny-b, the rest of the path on tiny-a: [1] then [2]
    args = ("--graph", tiny_snapshot, "paths", "facility:mag-us", "product:jet")
    text = run_cli(*args).stdout
    assert "produces (PRODUCES)        material:magnet  10%                   [1]" in text
    assert "is required by (REQUIRES)  material:motor                         [2]" in text
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    [path] = data["paths"]
    assert [(s["sources"], s["citations"], s["citation_numbers"]) for s in path] == [
        (["source:tiny-b"], "[1]", [1]), (["source:tiny-a"], "[2]", [2]),
        (["source:tiny-a"], "[2]", [2])]
    assert _listed(data) == [_entry(1, "source:tiny-b"), _entry(2, "source:tiny-a")]
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    assert [(r["sources"], r["citations"]) for r in rows] == [
        ("source:tiny-b", "[1]"), ("source:tiny-a", "[2]"), ("source:tiny-a", "[2]")]


def test_concentration_json_cites_each_material_as_the_text_does(run_cli, tiny_snapshot):
    args = ("--graph", tiny_snapshot, "concentration")
    text = run_cli(*args).stdout
    # the magnet's shares rest on both sources, the others on tiny-a alone
    assert "  component         CN 90%,   90%   100%  8,200  yes          not        [1][2]" in (
        text)
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    cited = {m["material"]: (m["sources"], m["citations"], m["citation_numbers"])
             for m in data["materials"]}
    assert cited["material:magnet"] == (["source:tiny-a", "source:tiny-b"], "[1][2]", [1, 2])
    assert cited["material:oxide"] == (["source:tiny-a"], "[1]", [1])
    assert _listed(data) == [_entry(1, "source:tiny-a"), _entry(2, "source:tiny-b")]
    rows = {r["material"]: r for r in csv.DictReader(io.StringIO(
        run_cli(*args, "--format", "csv").stdout))}
    assert rows["material:magnet"]["citations"] == "[1][2]"


def test_spof_json_cites_each_row_as_the_text_does(run_cli, tiny_snapshot):
    args = ("--graph", tiny_snapshot, "spof", "product:jet")
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    assert {(r["id"], r["citations"], tuple(r["citation_numbers"])) for r in data["spofs"]
            } == {(n, "[1]", (1,)) for n in (
                "element:Dy", "element:Nd", "material:conc", "material:magnet",
                "material:motor", "material:oxide", "country:CN")}
    assert _listed(data) == [_entry(1, "source:tiny-a")]
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    assert {r["citations"] for r in rows} == {"[1]"}


# 3. A remainder share (the rest of the world's 8.7% of NdPr metal: 1 - 0.912772, the
#    stated shares' remainder) read "(as given)" in show, though no source gives it.

def test_a_remainder_share_says_remainder_not_as_given():
    from mineralgraph.graph.node_view import node_view
    from mineralgraph.reports.node import render_node

    graph = SupplyGraph([
        claim("material:m", "label", "M"), claim("country:CN", "label", "China"),
        claim("country:CN", "PRODUCES", "material:m", share=0.9),
        claim("country:XX", "PRODUCES", "material:m", share=0.1,
              note="remainder of the set (1 - 0.9): the others together")])
    view = node_view(graph, "material:m")
    assert {r["node"]: r["share_basis"] for r in view["relations"]} == {
        "country:CN": "stated", "country:XX": "remainder"}
    text = flat(render_node(view, "text"))
    assert ("share 10% (remainder of the stated shares, 1 - 0.9; the source states no "
            "share)") in text
    assert "share 90% (as given)" in text
    assert "10% (as given)" not in text


def test_concentration_says_a_remainder_share_is_one():
    from mineralgraph.graph.analysis.concentration import concentrations
    from mineralgraph.reports.tables import render_concentration

    graph = SupplyGraph([
        claim("material:m", "label", "M"), claim("country:CN", "label", "China"),
        claim("country:CN", "PRODUCES", "material:m", share=0.9),
        claim("country:XX", "PRODUCES", "material:m", share=0.1,
              note="remainder of the set (1 - 0.9): the others together")])
    items = concentrations(graph, ["material:m"])
    assert items[0].remainder == ["XX"]
    assert "CN 90%, XX 10% (remainder)" in flat(render_concentration(items, graph, "md"))
    data = json.loads(render_concentration(items, graph, "json"))
    assert data["materials"][0]["remainder_shares"] == ["XX"]


def test_a_derived_share_of_a_rounded_total_is_not_as_given():
    # "DERIVED share = 1,440 / world total (rounded) 376,000" read "0.4% (as given)"
    from mineralgraph.graph.statistics import derived_share

    assert derived_share("DERIVED share = 1,440 / world total (rounded) 376,000; the") == (
        1440.0, 376000.0)


# 4. risk ranked an equal score by name alone; now by the one tie-break (support_key of
#    the claims the scores rest on), then by name.

def test_risk_ranks_an_equal_score_better_supported_first():
    from mineralgraph.graph.risk.assess import rank

    def commodity(material, hs_code, rated):
        # China 60 t (rated as given), Australia 40 t; 10 t imported from China:
        # HHI 0.6^2 + 0.4^2 = 0.52, import risk 0.5 (no WGI score: weight 0.5), 0.26
        return [claim("country:CN", "PRODUCES", material, rated, amount=60.0, unit="t",
                      year=2022),
                claim("country:AU", "PRODUCES", material, amount=40.0, unit="t", year=2022),
                claim("country:CN", "EXPORTS_TO", "country:US", hs_code=hs_code, year=2022,
                      amount=10.0, unit="t", trade_value=1000.0)]

    graph = SupplyGraph([claim("country:US", "label", "United States"),
                         claim("country:CN", "label", "China"),
                         claim("country:AU", "label", "Australia"),
                         claim("material:antimony-concentrate", "label", "Sb concentrate"),
                         claim("material:arsenic-refined", "label", "As2O3")]
                        + commodity("material:antimony-concentrate", "261710", "medium")
                        + commodity("material:arsenic-refined", "280480", "high"))
    rows = rank(graph, "country:US")
    # Antimony before Arsenic by name; Arsenic's figure is better supported (high)
    assert [(r["commodity"], round(r["scores"]["geopolrisk"].value, 9), r["confidence"])
            for r in rows] == [("Arsenic", 0.26, "high"), ("Antimony", 0.26, "medium")]
    from mineralgraph.reports.open_data import render_risk

    text = flat(render_risk("country:US", rows, graph, "text"))
    assert ("1. Arsenic (material:arsenic-refined), 2022 GeoPolRisk 0.2600 = HHI 0.5200 x "
            "import risk 0.5000") in text
    assert "sources [1] (high confidence)" in text
    assert "sources [1] (medium confidence)" in text


# 5. The F-35's brief (and chokepoints text) named its 13 weak claims with their notes in
#    the headline paragraph, some 300 words before the table: the summary now leads with
#    the figure, its confidence and range and its weakest link; the rest follow the table,
#    each once; no caveat is lost.

@pytest.fixture(scope="module")
def f35_brief():
    from mineralgraph import load_bundled
    from mineralgraph.graph.analysis.exposure import brief_exposure
    from mineralgraph.render.brief import build_brief

    graph = load_bundled()
    return graph, build_brief(graph, brief_exposure(graph, "product:f-35"))


def test_the_brief_leads_with_the_figure_and_lists_the_weak_claims_after_the_table(f35_brief):
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.render.brief import to_markdown
    from mineralgraph.reports.summary import claim_name, product_story, weak_claims

    graph, brief = f35_brief
    summary = " ".join(brief.summary)
    assert summary.startswith(
        "Lockheed Martin F-35 Lightning II is most exposed at the metal stage: NdFeB alloy, "
        "92% from China")
    # (4 proxies, the samarium chain that gives the figure, since pathconf's figure_claims;
    # 12 and Dysprosium oxide before it)
    assert ("without China it would lose >99.9% (low confidence, from 4 proxies, the "
            "weakest: China's figure for Samarium metal") in summary
    assert len(summary.split()) < 130  # was some 420 words
    text = flat(to_markdown(brief).decode())
    table = text.index("| # | supplier |")
    weak = text.index("The summary's figures also rest on 3 more claims rated low or "
                      "proxies, the weakest first")
    assert weak > table and text.count("The summary's figures also rest on") == 1
    # every claim the summary's figures rest on is still named, once in the list
    report = chokepoints(graph, ["product:f-35"])[0]
    every = weak_claims(graph, product_story(report, graph)[1])
    assert len(every) == 5
    listed = text[weak:text.index("(low, proxy).", weak)]
    # two named beside their figures in the summary (the weakest, Samarium metal, and
    # NdFeB alloy's, the most exposed stage's), the other 3 in the list
    beside = {"material:sm-metal", "material:ndfeb-alloy"}
    assert {w.object for w in every if w.relation == "PRODUCES"} >= beside
    for w in every:
        named = claim_name(graph, w.subject, w.relation, w.object)
        short = named.replace("China's figure for ", "")
        if w.object in beside and w.relation == "PRODUCES":
            assert short in summary and short not in listed, named
        else:
            assert named in listed or short in listed, named


def test_the_pdf_keeps_the_weak_claims_after_the_table(f35_brief):
    from io import BytesIO

    from pypdf import PdfReader

    from mineralgraph.render.brief import to_pdf

    _, brief = f35_brief
    reader = PdfReader(BytesIO(to_pdf(brief, "a4")))
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.index("The summary's figures also rest on 3 more claims") > first.index(
        "Top chokepoints")


def test_the_chokepoints_text_says_them_after_the_products_table(run_cli):
    text = flat(run_cli("chokepoints", "--product", "product:f-35").stdout)
    summary = text[:text.index("Lockheed Martin F-35 Lightning II (product:f-35):")]
    assert "rest on 3 more claims" not in summary
    assert text.index("The summary's figures also rest on 3 more claims") > text.index(
        "# node")


# 6. JSON and CSV wrote the text report first only to number its citations: the numbers
#    are now made once from the report (chokepoints.number_sources; scenario and
#    dependents as they build their rows) and every format reads them.

def _text_citations(text: str, first: str) -> dict[str, str]:
    """Each row's citations in a text table (``first``: the header line that starts it):
    the row's key (its first cell) -> the [n] of its sources column, over its lines."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip() == first)
    header = lines[start + 1] if "sources" not in lines[start] else lines[start]
    column = header.index("sources")
    found: dict[str, str] = {}
    key = None
    for line in lines[start + 3:]:
        if not line.strip():
            break
        if not line.startswith(" "):
            key = line.split()[0]
            found[key] = ""
        found[key] += line[column:].strip() if len(line) > column else ""
    return found


def _md_citations(text: str, key: int = 0) -> dict[str, str]:
    return {cells[key]: cells[-1] for line in text.splitlines() if line.startswith("| ")
            for cells in [[c.strip() for c in line.strip("|").split("|")]]
            if cells[key] not in ("#", "product") and not cells[key].startswith("---")}


def test_chokepoints_numbers_agree_in_text_md_json_and_csv(run_cli):
    from mineralgraph import load_bundled
    from mineralgraph.graph.analysis import chokepoints
    from mineralgraph.reports.chokepoints import number_sources

    args = ("chokepoints", "--product", "product:f-35")
    text = _text_citations(run_cli(*args).stdout, "#   node")
    md = _md_citations(run_cli(*args, "--format", "md").stdout)
    [data] = json.loads(run_cli(*args, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    ranked = {str(r["rank"]): r["citations"] for r in data["chokepoints"] if r["rank"]}
    flat_rows = {r["rank"]: r["citations"] for r in rows if r["rank"]}
    assert text["1"] == "[1][2][3][4]" and text["4"].startswith("[1][2][8][9]")
    for rank in [str(n) for n in range(1, 11)]:
        assert text[rank] == md[rank] == ranked[rank] == flat_rows[rank], rank
    # one numbering, from the reports, with no text written: the text's own list
    graph = load_bundled()
    index = number_sources(chokepoints(graph, ["product:f-35"]), graph)
    # (the rows past the text's 10 number their new sources after the text's)
    assert [(e["number"], e["id"]) for e in data["sources"]
            if e["number"] <= len(index.numbers)] == [
        (n, s) for s, n in sorted(index.numbers.items(), key=lambda kv: kv[1])
        if n in {e["number"] for e in data["sources"]}]
    listing = " ".join(run_cli(*args).stdout.split("SOURCES")[1].split())
    # the text cites those the reports number, then lists the snapshot's and brief's
    cited = len(index.numbers)
    listed = int(re.search(r"are cited above; \[\d+\]-\[(\d+)\]", listing)[1])
    assert listing.startswith(f"[1]-[{cited}] are cited above; [{cited + 1}]-[{listed}] are "
                              "behind the figures")
    for entry in [e for e in data["sources"] if e["number"] <= listed]:
        assert f"[{entry['number']}] {entry['citation']}" in listing


def test_scenario_numbers_agree_in_text_md_json_and_csv(run_cli):
    args = ("scenario", "--name", "cn-2025-04-defence-denial")
    text = _text_citations(run_cli(*args).stdout, "product")
    md = _md_citations(run_cli(*args, "--format", "md").stdout)
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    cited = {r["product"]: r["citations"] for r in data["products"]}
    flat_rows = {r["product"]: r["citations"] for r in rows}
    assert cited["product:jdam"] == "[1][2][3]" and cited["product:f-35"] == "[1][2][4]"
    for product, numbers in cited.items():
        assert text[product] == md[product] == flat_rows[product] == numbers, product
    listing = " ".join(run_cli(*args).stdout.split("SOURCES")[1].split())
    for entry in data["sources"]:
        assert f"[{entry['number']}] {entry['citation']}" in listing
