"""The bundled USGS MCS 2025 rows: the 2025 critical-minerals list, derived shares, years.

Figures checked by hand against the MCS 2025 copper table (refinery production, thousand
metric tons): China 12,000 both years; Chile 2,080 (2023) and 1,900 (2024); world total
27,000 both years.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from bundled_tables import rows

from mineralgraph import load_bundled

#: The final 2025 US List of Critical Minerals (60), and the element each one is.
CRITICAL_2025 = {
    "aluminum": "Al", "antimony": "Sb", "arsenic": "As", "barite": "Ba", "beryllium": "Be",
    "bismuth": "Bi", "boron": "B", "cerium": "Ce", "cesium": "Cs", "chromium": "Cr",
    "cobalt": "Co", "copper": "Cu", "dysprosium": "Dy", "erbium": "Er", "europium": "Eu",
    "fluorspar": "F", "gadolinium": "Gd", "gallium": "Ga", "germanium": "Ge", "graphite": "C",
    "hafnium": "Hf", "holmium": "Ho", "indium": "In", "iridium": "Ir", "lanthanum": "La",
    "lead": "Pb", "lithium": "Li", "lutetium": "Lu", "magnesium": "Mg", "manganese": "Mn",
    "metallurgical coal": "C", "neodymium": "Nd", "nickel": "Ni", "niobium": "Nb",
    "palladium": "Pd", "phosphate": "P", "platinum": "Pt", "potash": "K",
    "praseodymium": "Pr", "rhenium": "Re", "rhodium": "Rh", "rubidium": "Rb",
    "ruthenium": "Ru", "samarium": "Sm", "scandium": "Sc", "silicon": "Si", "silver": "Ag",
    "tantalum": "Ta", "tellurium": "Te", "terbium": "Tb", "thulium": "Tm", "tin": "Sn",
    "titanium": "Ti", "tungsten": "W", "uranium": "U", "vanadium": "V", "ytterbium": "Yb",
    "yttrium": "Y", "zinc": "Zn", "zirconium": "Zr",
}


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


def test_the_list_has_60_minerals_and_each_has_an_element_and_a_material(graph):
    assert len(CRITICAL_2025) == 60
    for mineral, symbol in CRITICAL_2025.items():
        element = f"element:{symbol}"
        assert element in graph, mineral
        assert graph.neighbours(element, "CONTAINS", incoming=True), mineral


def test_every_usgs_material_has_producers_or_says_why_not(graph):
    for row in rows("materials_usgs.csv"):
        producers = graph.neighbours(row["id"], "PRODUCES", incoming=True)
        assert bool(producers) != bool(row["unmapped_reason"]), row["id"]


def test_derived_shares_are_amount_over_the_stated_total_and_never_zero():
    pattern = re.compile(r"DERIVED share = ([\d,]+) / (?:world total )?([\d,]+) ")
    checked = 0
    for row in rows("production_usgs.csv"):
        assert row["amount"] != "0" and row["share"] not in ("0", "0.0"), row
        match = pattern.match(row["note"])
        if match:
            amount, total = (int(g.replace(",", "")) for g in match.groups())
            assert int(row["amount"]) == amount, row
            assert float(row["share"]) == pytest.approx(amount / total, abs=5.01e-5), row
            checked += 1
    assert checked > 500


def test_rest_of_world_is_never_below_usgs_other_countries_line():
    # the rule of the data README: rest of world is the larger of USGS's "Other countries"
    # line and the rounded world total's remainder, so the rounding never lands on it
    pattern = re.compile(r"USGS 'Other countries' row: ([\d,]+)")
    kept, above = [], 0
    for row in rows("production_usgs.csv"):
        match = pattern.search(row["note"])
        if row["subject"] != "country:XX" or not match:
            continue
        line = int(match.group(1).replace(",", ""))
        assert int(row["amount"]) >= line, row
        if int(row["amount"]) == line and row["quote"].startswith("Other countries |"):
            kept.append((row["object"], row["year"]))
        else:
            above += 1
    assert sorted(kept) == [
        ("material:barite", "2024"), ("material:chromium-mine", "2023"),
        ("material:copper-refined", "2024"), ("material:lead-mine", "2024"),
        ("material:magnesite", "2023"), ("material:magnesite", "2024"),
        ("material:palladium-mine", "2023"), ("material:platinum-mine", "2023"),
        ("material:potash", "2023"), ("material:potash", "2024"),
        ("material:silver-mine", "2024"), ("material:tin-mine", "2023"),
        ("material:zirconium-mine", "2023")]
    assert above > 20


def test_one_year_is_active_at_a_time(graph):
    def shares(when):
        claims = graph.as_of(when).relation_claims("material:copper-refined", "PRODUCES",
                                                   incoming=True)
        return {c.subject: (c.qualifier("year"), c.qualifier("share")) for c in claims}

    in_2023 = shares(date(2023, 6, 30))
    assert in_2023["country:CN"] == (2023, pytest.approx(12000 / 27000, abs=5e-5))
    assert in_2023["country:CL"] == (2023, pytest.approx(2080 / 27000, abs=5e-5))
    now = shares(date(2025, 6, 30))
    assert now["country:CL"] == (2024, pytest.approx(1900 / 27000, abs=5e-5))
    assert {year for year, _ in now.values()} == {2024}
    # rest of world is USGS's "Other countries" line (2,500 kt), above the rounded total's
    # remainder (27,000 - 24,710 = 2,290 kt): the shares add to 27,210 / 27,000
    assert now["country:XX"] == (2024, pytest.approx(2500 / 27000, abs=5e-5))
    assert sum(share for _, share in now.values()) == pytest.approx(27210 / 27000, abs=1e-3)
    assert in_2023["country:XX"] == (2023, pytest.approx(2490 / 27000, abs=5e-5))


def test_withheld_us_production_is_left_out_not_zero(graph):
    # Barite: USGS withholds US mine production (W) and excludes it from the world total.
    producers = graph.neighbours("material:barite", "PRODUCES", incoming=True)
    assert "country:US" not in producers
    assert "country:CN" in producers


def test_the_first_dataset_rows_switch_to_2023_as_of_mid_2023(graph):
    # production.csv holds the 2024 rows of the first USGS tables (rare earths, cobalt...),
    # valid from 2024-01-01; production_usgs.csv their 2023 column. Hand-checked against the
    # MCS 2025 text: rare earths China 255,000 (2023) and 270,000 (2024e), world 376,000
    # and 390,000 t REO; cobalt Congo (Kinshasa) 175,000 and 220,000, world 238,000 and
    # 290,000 t.
    def shares(when, material):
        view = graph if when is None else graph.as_of(when)
        claims = view.relation_claims(material, "PRODUCES", incoming=True)
        return {c.subject: (c.qualifier("year"), c.qualifier("amount"), c.qualifier("share"))
                for c in claims}

    rare_2023 = shares(date(2023, 6, 30), "material:re-concentrate")
    assert rare_2023["country:CN"] == (2023, 255000, 0.6782)
    assert rare_2023["country:US"] == (2023, 41600, 0.1106)
    assert "facility:mountain-pass" not in rare_2023       # its rows are 2024 figures
    assert {year for producer, (year, _, _) in rare_2023.items()
            if producer.startswith("country:")} == {2023}
    cobalt_2023 = shares(date(2023, 6, 30), "material:cobalt-mine")
    assert cobalt_2023["country:CD"] == (2023, 175000, 0.7353)
    assert {year for year, _, _ in cobalt_2023.values()} == {2023}
    # today's answers (no date, or any date from 2024 on) still read the 2024 rows
    for when in (None, date(2024, 1, 1), date(2026, 11, 27)):
        assert shares(when, "material:re-concentrate")["country:CN"] == (2024, 270000, 0.6923)
        assert shares(when, "material:cobalt-mine")["country:CD"][:2] == (2024, 220000)
    assert shares(date(2023, 12, 31), "material:cobalt-mine")["country:CD"][0] == 2023


def test_every_2024_usgs_country_row_with_a_2023_column_is_dated():
    # so that --as-of a date in 2023 reads 2023 and not the undated 2024 figure
    years = {}
    for name in ("production.csv", "production_usgs.csv"):
        for row in rows(name):
            if row["relation"] == "PRODUCES" and row["subject"].startswith("country:"):
                years.setdefault((row["subject"], row["object"]), []).append(row)
    checked = 0
    for pair, found in sorted(years.items()):
        if {r["year"] for r in found} >= {"2023", "2024"}:
            for row in found:
                if row["sources"].startswith("source:usgs-mcs2025"):
                    assert (row["valid_from"], row["valid_to"]) == {
                        "2023": ("2023-01-01", "2024-01-01"),
                        "2024": ("2024-01-01", "")}[row["year"]], pair
                    checked += 1
    assert checked == 672  # antimony 2024 has a rest-of-world row beside its 2023 one


def test_a_users_set_wins_a_tie_with_the_bundled_set_also_from_a_snapshot():
    # Dating the 2024 rows changed their claim ids; in a snapshot (claims sorted by id) the
    # "loaded last" tie between a user's table and the bundled chapter of the same date
    # then fell to the other set. Bundled claims now count as loaded first in any order.
    from mineralgraph.claim import Claim
    from mineralgraph.graph.supply_graph import SupplyGraph

    def share(country, value, source, origin):
        return Claim(country, "PRODUCES", "material:m", (("share", value), ("year", 2024)),
                     (source,), origin=origin)

    bundled = [share("country:AA", 0.6, "source:chapter",
                     "/x/mineralgraph/data/curated/production.csv:2"),
               share("country:XX", 0.4, "source:chapter",
                     "/x/mineralgraph/data/curated/production.csv:3")]
    user = [share("country:AA", 0.5, "source:mine", "/home/me/table.csv:2"),
            share("country:XX", 0.5, "source:mine", "/home/me/table.csv:3")]
    for claims in (bundled + user, user + bundled, sorted(user + bundled, key=lambda c: c.id)):
        choice = SupplyGraph(claims).share_choices()["material:m"]
        assert choice.chosen.source == "source:mine"


def test_antimony_2024_shares_are_over_the_sum_of_usgs_lines(graph):
    # MCS 2025 antimony: the lines add up to 103,960 t, 3.96% above the rounded 100,000 t
    # world total; shares over the sum (more than the 2% a set may exceed 1), rest of world
    # the nine lines beyond the six entered countries (3,760 t)
    claims = graph.as_of(date(2025, 6, 30)).relation_claims(
        "material:antimony-concentrate", "PRODUCES", incoming=True)
    shares = {c.subject: c.qualifier("share") for c in claims if c.qualifier("year") == 2024}
    amounts = {c.subject: c.qualifier("amount") for c in claims
               if c.qualifier("year") == 2024}
    assert sum(amounts.values()) == 103960 and amounts["country:XX"] == 3760
    assert shares["country:CN"] == pytest.approx(60000 / 103960, abs=5e-7)
    assert sum(shares.values()) == pytest.approx(1, abs=2e-6)


def test_mountain_pass_keeps_the_usgs_share_beside_mps_later_amount(graph):
    """MP's 2024 results (published 20 Feb 2025) give 45,455 t REO without a share; USGS's
    row of the same year (published 31 Jan 2025) gives 45,000 t and 45,000 / 390,000 =
    0.1154. The later share-less row never displaces the share (design note 5.8 with 5.5)."""
    assert str(graph.attribute("source:mp-fy2024-results", "published")) == "2025-02-20"
    rows = [c for c in graph.relation_claims("facility:mountain-pass", "PRODUCES")
            if c.object == "material:re-concentrate"]
    assert [(c.qualifier("share"), c.qualifier("amount"), c.sources) for c in rows] == [
        (0.1154, 45000.0, ("source:usgs-mcs2025-rare-earths",))]
