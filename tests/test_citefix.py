"""Citations read against their sources (helper citefix, 2026-11-29): JL Mag's figures cited
to the source that states them, the source's own words printed under a claim by ``show``,
and the citation numbers of chokepoints/scenario/dependents carried into JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

from mineralgraph.reports.node import QUOTE_MOST, quote_line

JL_MAG_OUTPUT = ('-> PRODUCES material:ndfeb-magnet (Sintered NdFeB permanent magnet) 29,300 t '
                 'magnet blanks, year 2024 [2008-01-01 to …] (medium confidence) [3] quote: '
                 '"Record output: In 2024, JL Mag produced 29,300 tonnes of magnet blanks '
                 '(+39% YoY)" note: 2024 output 29,300 t magnet blanks')


def test_jl_mags_output_and_capacity_cite_the_profile_that_states_them(run_cli):
    """The Baotou article (REEx, July 2025) states neither 29,300 t nor 40,000 t/yr by the
    end of 2025; the REEx profile (read in a copy) states both, in the words quoted."""
    view = json.loads(run_cli("show", "company:jl-mag", "--format", "json").stdout)
    ids = {s["n"]: s["id"] for s in view["sources"]}
    produces = [r for r in view["relations"] if r["relation"] == "PRODUCES"]
    assert [(r["qualifiers"].get("amount") or r["qualifiers"].get("capacity"),
             [ids[n] for n in r["sources"]], r["quote"]) for r in produces] == [
        (29300.0, ["source:reex-jl-mag-profile-copy"],
         "Record output: In 2024, JL Mag produced 29,300 tonnes of magnet blanks (+39% YoY)"),
        (40000.0, ["source:reex-jl-mag-profile-copy"],
         "Management is pushing capacity to 40,000 tpa by the end of 2025 and ~60,000 tpa "
         "by 2027")]
    located = [r for r in view["relations"] if r["relation"] == "LOCATED_IN"]
    assert [ids[n] for n in located[0]["sources"]] == [
        "source:jl-mag-annual-report-2024", "source:reex-jl-mag-2025"]
    assert "headquarters" not in json.dumps(view["attributes"])


def test_jl_mags_equal_part_is_said_to_be_no_sources_figure(run_cli):
    """The ≈46% printed for JL Mag is the equal split of China's 92%; the note printed
    under it names the shares the sources do state (14%, 14.5%, of a grade band)."""
    flat = " ".join(run_cli("chokepoints", "--product", "product:aim-9x").stdout.split())
    assert "JL Mag Rare-Earth (company:jl-mag) component CN ≈46%" in flat
    assert ("No source gives JL Mag's share of all sintered NdFeB (the Baotou article: 14% "
            "of high-end magnet supply; Bamboo Works, citing JL Mag's Hong Kong prospectus: "
            "14.5% of high-performance magnets), so its ≈ figure is design note 5.4's equal "
            "split of China's share, no source's figure") in flat


def test_the_f35s_smco_alloy_need_is_rated_low_with_its_reason(run_cli):
    view = json.loads(run_cli("show", "product:f-35", "--format", "json").stdout)
    [smco] = [r for r in view["relations"] if r["node"] == "material:smco-alloy"]
    assert smco["confidence"] == "low"
    assert smco["qualifiers"]["quantity"] == 23.0
    assert "low, as the NdFeB row: an aggregator's summary, no primary read" in (
        smco["qualifiers"]["note"])


def test_show_prints_the_quote_under_its_claim_in_text_and_markdown(run_cli):
    for fmt in ("text", "md"):
        out = run_cli("show", "company:jl-mag", "--format", fmt).stdout
        assert JL_MAG_OUTPUT in " ".join(out.split()), fmt
    # a claim without a quote gets no quote line
    text = run_cli("show", "company:jl-mag").stdout
    assert text.count("quote: ") == 7  # LOCATED_IN, two PRODUCES, four SUPPLIES


def test_show_json_and_csv_carry_the_quote_whole(run_cli):
    view = json.loads(run_cli("show", "company:jl-mag", "--format", "json").stdout)
    quoted = [r for r in view["relations"] if "quote" in r]
    assert len(quoted) == 7 and all(r["quote"] for r in quoted)
    rows = list(csv.DictReader(io.StringIO(
        run_cli("show", "company:jl-mag", "--format", "csv").stdout)))
    by_quote = {r["quote"] for r in rows if r["part"] == "relation"}
    assert ("Global Market Leader: Supplies to Tesla, Toyota, Siemens Gamesa, and BYD"
            in by_quote)
    assert {r["quote"] for r in rows if r["part"] == "attribute"} == {""}


def test_a_long_quote_is_cut_at_a_word_and_says_so():
    words = "word " * 100
    line = quote_line({"quote": words})
    printed = line.split('quote: "', 1)[1].rstrip('"')
    assert printed.endswith("word...") and len(printed) <= QUOTE_MOST
    assert quote_line({"quote": None}) == quote_line({}) == ""


def test_a_quoted_link_keeps_its_own_line(run_cli):
    """Bare links of one kind share a line; one with a quote is no longer bare, so its
    quote is not lost in the shared line."""
    from mineralgraph.reports.node import _plain_link

    bare = {"qualifiers": {}, "valid_from": None, "valid_to": None}
    assert _plain_link(bare) and not _plain_link({**bare, "quote": "their words"})


def _text_rows(text: str) -> dict[str, str]:
    """The citations the text table prints per row, by the row's id: ``{id: "[1][2]"}``
    (a row runs over several lines: its rank and name, or its product id, first)."""
    import re

    table = text.split("\nSOURCES\n", 1)[0]
    blocks: list[list[str]] = []
    open_block = False
    for line in table.splitlines():
        if re.match(r"^(\d+ +\S.*\(\w+:|\d+ +\S+|product:\S+\s*$)", line):
            blocks.append([])
            open_block = True
        elif not line.strip():  # the table ends at a blank line
            open_block = False
        if open_block:
            blocks[-1].append(line)
    rows = {}
    for block in blocks:
        found = (re.match(r"^(product:\S+)\s*$", block[0])
                 or re.search(r"\((\w+:[^)\s]+)\)", " ".join(block)))
        if found:
            rows[found.group(1)] = "".join(
                re.findall(r"((?:\[\d+\])+)\s*$", "\n".join(block), re.M))
    return {k: v for k, v in rows.items() if v}


def _listing(text: str) -> dict[int, str]:
    import re

    listing = text.split("\nSOURCES\n", 1)[1].split("\n\n#: ", 1)[0]
    return {int(n): " ".join(t.split()) for n, t in
            re.findall(r"^\[(\d+)\] (.*?)(?=^\[\d+\] |\Z)", listing, re.M | re.S)}


def test_chokepoint_rows_cite_the_same_numbers_in_text_md_json_and_csv(run_cli):
    args = ("chokepoints", "--product", "product:aim-9x")
    text = run_cli(*args).stdout
    md = run_cli(*args, "--format", "md").stdout
    [report] = json.loads(run_cli(*args, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    printed = _text_rows(text)
    assert printed["company:jl-mag"] == "[1][2][9]"
    by_id = {row["id"]: row for row in report["chokepoints"]}
    assert len(printed) == 10
    for node, cited in printed.items():
        assert by_id[node]["citations"] == cited, node
        assert "".join(f"[{n}]" for n in by_id[node]["citation_numbers"]) == cited
        assert f"({node})" in md and cited in md
    # the CSV's numbers are the JSON's, row for row, every row (beyond the text's ten too)
    assert [r["citations"] for r in rows] == [c["citations"] for c in report["chokepoints"]]
    # the JSON's list gives what each number stands for, as the text lists it
    listed = _listing(text)
    for entry in report["sources"]:
        if entry["number"] in listed:
            assert " ".join(entry["citation"].split()) == listed[entry["number"]]
    jl = {e["number"]: e for e in report["sources"]}[9]
    assert (jl["id"], jl["source_type"], jl["url"]) == (
        "source:reex-jl-mag-profile-copy", "repost", "http://www.earths-book.com/index-969.html")
    assert set(jl) == {"number", "id", "title", "publisher", "url", "date", "source_type",
                       "citation"}


def test_scenario_rows_cite_the_same_numbers_in_text_json_and_csv(run_cli):
    args = ("scenario", "--name", "cn-2025-04-defence-denial")
    text = run_cli(*args).stdout
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    printed = _text_rows(text)
    # [4], not [3]: the JDAM, tied with the F-35 and better supported, is listed first since
    # findings11 and cites [3] before it
    assert printed["product:f-35"] == "[1][2][4]"
    by_product = {p["product"]: p for p in data["products"]}
    for product, cited in printed.items():
        assert by_product[product]["citations"] == cited, product
    assert {r["product"]: r["citations"] for r in rows} == {
        p["product"]: p["citations"] for p in data["products"]}
    listed = _listing(text)
    assert [e["number"] for e in data["sources"]] == sorted(listed)
    assert all(" ".join(e["citation"].split()) == listed[e["number"]] for e in data["sources"])


def test_dependents_rows_cite_the_same_numbers_in_text_json_and_csv(run_cli):
    args = ("dependents", "company:jl-mag")
    text = run_cli(*args).stdout
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    printed = _text_rows(text)
    assert printed["product:aim-9x"] == "[5][8]"
    by_product = {p["product"]: p for p in data["dependents"]}
    assert len(printed) == len(by_product) == 11
    for product, cited in printed.items():
        assert by_product[product]["citations"] == cited, product
    assert {r["product"]: r["citations"] for r in rows} == {
        p: row["citations"] for p, row in by_product.items()}
    listed = _listing(text)
    assert [e["number"] for e in data["sources"]] == sorted(listed)
    assert {e["number"]: e["id"] for e in data["sources"]}[5] == (
        "source:reex-jl-mag-profile-copy")


def test_a_brief_numbers_its_sources_as_the_chokepoint_report_and_says_so(run_cli):
    """The brief lists the chokepoint report's sources first, in its numbers (its own
    extra ones after), and its header says so."""
    import re

    for product in ("product:f-35", "product:optimus"):
        report = _listing(run_cli("chokepoints", "--product", product).stdout)
        brief = run_cli("brief", product).stdout
        assert ("numbered as the product's chokepoint report and snapshot number them"
                in brief)
        listing = brief[brief.index("## Sources"):]
        numbered = {int(n): " ".join(t.split()) for n, t in
                    re.findall(r"^(\d+)\. (.*?)(?=^\d+\. |\Z)", listing, re.M | re.S)}
        assert len(numbered) >= len(report)
        for number, cited in report.items():
            assert numbered[number].startswith(cited[:60]), (product, number)


def test_with_top_the_json_numbers_its_sources_as_that_commands_text(run_cli):
    """JSON and CSV with --top keep the first N ranked rows (elements too), the text the
    first N of its briefing rows: the numbers still come from the text of the same
    command, so a number means one source in both."""
    args = ("chokepoints", "--product", "product:aim-9x", "--top", "3")
    listed = _listing(run_cli(*args).stdout)
    [report] = json.loads(run_cli(*args, "--format", "json").stdout)
    assert [c["id"] for c in report["chokepoints"]] == ["element:B", "element:Fe",
                                                         "element:Nd"]
    shared = [e for e in report["sources"] if e["number"] in listed]
    # two sources the text does not cite (the elements' rows it does not show) are
    # numbered after its list
    assert len(shared) == 6 and len(report["sources"]) == 8
    assert sorted(e["number"] for e in report["sources"] if e["number"] not in listed) == [
        len(listed) + 1, len(listed) + 2]
    for entry in shared:
        assert " ".join(entry["citation"].split()) == listed[entry["number"]]


def test_dependents_say_what_an_assumed_loss_assumes(run_cli):
    """The trial read JL Mag's ≈46% in `dependents` as a sourced share: the summary now
    says the ≈ losses rest on the equal split, no source's figure."""
    flat = " ".join(run_cli("dependents", "company:jl-mag").stdout.split())
    assert ("Losses marked ≈ rest on a share no source gives: China's 92% of Sintered NdFeB "
            "permanent magnet split equally between JL Mag Rare-Earth and China's unmapped "
            "output, ≈46% each: an assumption, not a measured share") in flat
    data = json.loads(run_cli("dependents", "company:jl-mag", "--format", "json").stdout)
    assert "Losses marked" not in json.dumps(data)  # the JSON says it per row


def test_an_attributes_quote_is_printed_once_under_the_first_line_it_bears_on(run_cli):
    """One row of licences.csv gives the decision, its dates and note the same quote: it
    is printed once, under the first attribute line."""
    text = run_cli("show", "licence:cn-2025-12-general-licences").stdout
    flat = " ".join(text.split())
    assert ('announced_on: 2025-12-02 [1] quote: "JL Mag Rare Earth, Ningbo Yunsheng, and '
            'Beijing Zhong Ke San Huan High-Tech received approvals tied to individual '
            'customers on December 2" decision: approved [1]') in flat
    assert text.count("quote: ") == 1
