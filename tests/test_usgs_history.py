"""Earlier years of the USGS world production tables (``production_usgs_history.csv``).

Written by ``tools/build_usgs_mcs2025.py`` from ``tools/usgs_mcs2024_data.py`` (MCS 2024,
the 2022 column) and ``tools/usgs_mcs2023_data.py`` (MCS 2023, the 2021 column). Figures
checked by hand against the data release files: rare earths 2022 China 210,000, Burma
12,000, United States 42,000, world 300,000 t REO (2021: China 168,000, Burma 35,000, world
290,000); low-purity gallium 2022 China 600,000 kg (2021: 423,000 of 434,000)
of a world 610,000 kg; natural graphite 2022 Mozambique 166,000 t of 1,680,000 t; lithium
2022 Australia 74,700 t of 146,000 t, US withheld.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from datetime import date

import pytest
from bundled_tables import TOOLS, load_tool, rows

from mineralgraph import load_bundled
from mineralgraph.loaders import bundled_data_path


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


@pytest.fixture(scope="module")
def builder():
    module = load_tool("build_usgs_mcs2025")
    with open(bundled_data_path() / "countries.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            module.COUNTRY_LABELS[row["iso2"] or "XX"] = row["label"]
    for iso, (label, _, _) in module.COUNTRIES.items():
        module.COUNTRY_LABELS.setdefault(iso, label)
    return module


def as_text(written, header):
    return [{k: "" if row.get(k) is None else str(row.get(k, "")) for k in header}
            for row in written]


def test_the_files_are_what_the_tool_writes_from_the_transcribed_figures(builder):
    assert as_text(builder.history_rows(), builder.HISTORY_HEADER) == rows(
        "production_usgs_history.csv")
    header = ["id", "title", "publisher", "url", "published", "source_type", "original_url",
              "note"]
    assert as_text(builder.history_sources(), header) == rows("sources_usgs_history.csv")


def test_no_earlier_year_is_active_from_2024_on():
    # 2023 only where MCS 2025's 2023 column was not found (phosphate rock, fluorspar):
    # MCS 2024's estimate fills the year between the 2022 and 2024 sets, rated low
    for row in rows("production_usgs_history.csv"):
        year = int(row["year"])
        assert (row["valid_from"], row["valid_to"]) == (f"{year}-01-01", f"{year + 1}-01-01")
        assert year <= 2022 or (year == 2023 and row["confidence"] == "low" and row["object"]
                                in ("material:fluorspar", "material:phosphate-rock")), row


def test_each_share_set_adds_up_to_at_most_one():
    sums = defaultdict(float)
    for row in rows("production_usgs_history.csv"):
        assert 0 < float(row["share"]) <= 1
        sums[row["object"], row["year"]] += float(row["share"])
    assert sums and max(sums.values()) <= 1.02
    assert sums["material:re-concentrate", "2022"] == pytest.approx(1, abs=1e-3)


def test_as_of_mid_2022_reads_the_2022_column(graph):
    def shares(when, material):
        claims = graph.as_of(when).relation_claims(material, "PRODUCES", incoming=True)
        return {c.subject: (c.qualifier("year"), c.qualifier("amount"), c.qualifier("share"))
                for c in claims if c.subject.startswith("country:")}

    rare = shares(date(2022, 6, 30), "material:re-concentrate")
    assert rare["country:CN"] == (2022, 210000, 0.7)
    assert rare["country:MM"] == (2022, 12000, 0.04)
    assert rare["country:US"] == (2022, 42000, 0.14)
    assert {year for year, _, _ in rare.values()} == {2022}
    gallium = shares(date(2022, 6, 30), "material:gallium-low-purity")
    assert gallium["country:CN"] == (2022, 600000, 0.9836)
    assert "country:XX" not in gallium          # the listed countries make the world total
    graphite = shares(date(2022, 6, 30), "material:natural-graphite")
    assert graphite["country:MZ"] == (2022, 166000, 0.0988)
    # MCS 2023's 2021 column: China's quota 168,000 of a world 290,000 t REO, Burma 35,000
    rare_2021 = shares(date(2021, 6, 30), "material:re-concentrate")
    assert rare_2021["country:CN"] == (2021, 168000, 0.5793)
    assert rare_2021["country:MM"] == (2021, 35000, 0.1207)
    assert {year for year, _, _ in rare_2021.values()} == {2021}
    assert shares(date(2021, 6, 30), "material:gallium-low-purity")["country:CN"] == (
        2021, 423000, 0.9747)
    # mid-2023 still reads MCS 2025's 2023 column, not MCS 2024's estimate
    assert shares(date(2023, 6, 30), "material:re-concentrate")["country:CN"][:2] == (
        2023, 255000)


def test_withheld_us_lithium_has_no_row_and_the_note_says_so():
    lithium = [r for r in rows("production_usgs_history.csv")
               if r["object"] == "material:lithium-mine" and r["year"] == "2022"]
    assert "country:US" not in {r["subject"] for r in lithium}
    assert any("excludes United States production (withheld)" in r["note"] for r in lithium)
    assert next(r for r in lithium if r["subject"] == "country:AU")["amount"] == "74700"


def test_each_edition_chapter_is_one_statistics_source_with_its_pdf():
    sources = {r["id"]: r for r in rows("sources_usgs_history.csv")}
    cited = {r["sources"] for r in rows("production_usgs_history.csv")}
    assert cited == set(sources)
    rare = sources["source:usgs-mcs2024-rare-earths"]
    assert rare["url"] == "https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-rare-earths.pdf"
    assert rare["source_type"] == "statistics" and rare["published"] == "2024-01-31"


def test_each_share_is_its_amount_over_the_total_its_note_names():
    import re
    pattern = re.compile(r"(?:DERIVED share = ([\d,]+) / (?:world total )?([\d,]+))|"
                         r"(?:.*; DERIVED share = ([\d,]+) / ([\d,]+))")
    for row in rows("production_usgs_history.csv"):
        groups = [g for g in pattern.match(row["note"]).groups() if g]
        amount, total = (int(g.replace(",", "")) for g in groups)
        assert int(row["amount"]) == amount, row
        assert float(row["share"]) == pytest.approx(amount / total, rel=1e-3, abs=5.01e-5)


def test_each_table_adds_up_to_its_world_total_as_a_transcription_check():
    # the listed countries plus USGS's "Other countries" line come within 1.5% of the
    # rounded world total, except where the note says the table itself does not
    sys.path.insert(0, str(TOOLS))
    try:
        import usgs_mcs2023_data
        import usgs_mcs2024_data
    finally:
        sys.path.remove(str(TOOLS))
    for tables in (usgs_mcs2024_data.TABLES, usgs_mcs2023_data.TABLES,
                   usgs_mcs2024_data.ESTIMATED_2023):
        for table in tables:
            total = sum(r[1] for r in table["rows"]) + (table.get("other") or 0)
            if "above the rounded world total the data release prints" in table.get(
                    "extra", ""):
                continue
            assert abs(total / table["world"] - 1) <= 0.015, table


def test_no_producer_is_added_to_todays_graph():
    # an earlier year only adds older claims beside today's: a country (or the rest of
    # the world) without a row of the material today is lumped into the rest of the world
    today = {(r["subject"], r["object"])
             for name in ("production.csv", "production_more.csv", "production_usgs.csv")
             for r in rows(name) if r["relation"] == "PRODUCES"}
    history = rows("production_usgs_history.csv")
    assert {(r["subject"], r["object"]) for r in history} <= today
    cobalt_2021 = next(r for r in history if r["object"] == "material:cobalt-mine"
                       and r["year"] == "2021" and r["subject"] == "country:XX")
    assert "China 2,200" in cobalt_2021["note"]     # China mined cobalt in 2021, no row today
    gallium_2021 = [r for r in history if r["object"] == "material:gallium-low-purity"
                    and r["year"] == "2021"]
    assert "country:XX" not in {r["subject"] for r in gallium_2021}
    assert "rest of world 1,000 kg Ga (0.23%) has no row" in gallium_2021[0]["note"]
    # titanium sponge 2021: Ukraine's 6,100 t (2.54%) is named in the note of China's row,
    # not a row: a 2021 rest-of-world row would be a supply edge of the undated graph
    sponge_2021 = next(r for r in history if r["object"] == "material:titanium-sponge"
                       and r["year"] == "2021" and r["subject"] == "country:CN")
    assert "rest of world 6,100 t Ti sponge (2.54%) has no row" in sponge_2021["note"]


def test_fluorspar_and_phosphate_have_a_set_in_2023(graph):
    """Mid-2023 fell between the 2022 set (valid to 2023-01-01) and the 2024 set (from
    2024-01-01): no country share at all. MCS 2024's estimated 2023 column fills it (data
    release mcs2024-fluor_world.csv, Prod_kt_Est_2023: China 5,700 of a rounded 8,800 kt;
    mcs2024-phosp_world.csv, Prod_kt_est_2023: China 90,000 of 220,000 kt), rated low
    because MCS 2025 revised the world totals (9,530 kt and 233,000 kt)."""
    at = graph.as_of(date(2023, 6, 30))
    fluorspar = {c.subject: c for c in at.relation_claims("material:fluorspar", "PRODUCES",
                                                           incoming=True)}
    assert fluorspar["country:CN"].qualifier("share") == pytest.approx(0.6477)
    assert fluorspar["country:CN"].qualifier("amount") == 5700
    assert fluorspar["country:CN"].confidence == "low"
    assert "9,530 kt" in fluorspar["country:CN"].qualifier("note")
    assert fluorspar["country:XX"].qualifier("amount") == 208     # 8,800 - 8,592 > 170
    assert sum(c.qualifier("share") for c in fluorspar.values()) == pytest.approx(0.9998)
    phosphate = {c.subject: c for c in at.relation_claims("material:phosphate-rock",
                                                           "PRODUCES", incoming=True)}
    assert phosphate["country:CN"].qualifier("share") == pytest.approx(0.4091)
    assert phosphate["country:MA"].qualifier("amount") == 35000
    assert phosphate["country:XX"].qualifier("amount") == 800      # "Other countries"
    assert sum(c.qualifier("share") for c in phosphate.values()) == pytest.approx(1.0002)
    # the years beside it are untouched: 2022 and 2024 read their own sets
    assert {c.qualifier("year") for c in graph.as_of(date(2022, 6, 30)).relation_claims(
        "material:fluorspar", "PRODUCES", incoming=True)} == {2022}
    assert {c.qualifier("year") for c in graph.as_of(date(2024, 6, 30)).relation_claims(
        "material:fluorspar", "PRODUCES", incoming=True)} == {2024}
