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
