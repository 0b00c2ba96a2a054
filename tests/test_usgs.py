"""The USGS MCS world-table loader, on small files written in the layouts of the data release.

Files in ``tests/data/usgs/``: ``MCS2025_World_Data.csv`` (all-commodity layout, UTF-8
with BOM, CRLF; W, NA, em dash, ">" bound, range, "Other Countries", "World total
(rounded)", Burma, "Korea, Republic of", "Gemanium" with blank values, kilograms and
thousand metric tons), ``MCS2025_cp1252.csv`` (Windows-1252: Côte d’Ivoire, Türkiye),
``mcs2023-raree_world.csv`` and ``mcs2024-graph_world.csv`` (per-commodity layout,
t and kt columns, Congo (Kinshasa) with dashes), and broken files.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mineralgraph.exceptions import InputError
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import LoadContext, loader_for
from mineralgraph.loaders.usgs import load_usgs, parse_amount
from mineralgraph.validation import check_claims

SOURCE = "source:usgs-mcs2025-world-data"


def shares(result, material, year):
    return {c.subject: c.qualifier("share") for c in result.claims
            if c.predicate == "PRODUCES" and c.object == material and c.qualifier("year") == year}


def produces(result, subject, material, year):
    [claim] = [c for c in result.claims if c.predicate == "PRODUCES" and c.subject == subject
               and c.object == material and c.qualifier("year") == year]
    return claim


@pytest.mark.parametrize("text, expected", [
    ("270000", (270000.0, "number")),
    ("1,270,000", (1270000.0, "number")),
    ("W", (None, "withheld")),
    ("NA", (None, "na")),
    ("XX", (None, "na")),
    ("—", (None, "zero")),
    ("--", (None, "zero")),
    ("", (None, "zero")),
    (">90,000,000", (90000000.0, "bound")),
    ("<0.5", (0.5, "bound")),
    ("89,000-91,000", (90000.0, "range")),
    ("2,500–3,000", (2750.0, "range")),
    ("13000e", (13000.0, "number")),
])
def test_parse_amount_special_values(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["6.000.0", "abc", "12 t"])
def test_parse_amount_refuses_what_is_not_a_value(text):
    with pytest.raises(ValueError, match="is not a number"):
        parse_amount(text)


def test_all_commodity_layout_gives_2024_rare_earth_shares(data_dir):
    result = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv")
    got = shares(result, "material:re-concentrate", 2024)
    # 270,000 of 390,000 t REO (the rounded world total), four decimals.
    assert got["country:CN"] == 0.6923
    assert got["country:US"] == 0.1154
    assert got["country:MM"] == 0.0795   # Burma
    assert got["country:VN"] == 0.0008   # "Vietnam " with a stray space
    assert "country:XX" not in got       # Other Countries 2024 is an em dash (zero)
    assert len(got) == 12
    china = produces(result, "country:CN", "material:re-concentrate", 2024)
    assert dict(china.qualifiers) == {"amount": 270000.0, "share": 0.6923, "unit": "t",
                                      "year": 2024}
    assert china.sources == (SOURCE,)
    assert china.confidence == "high"
    assert china.quote == ("Rare earths | China | Mine production, rare-earth-oxide equivalent"
                           " | PROD_EST_ 2024: 270000")
    assert china.origin.endswith("MCS2025_World_Data.csv:6")
    assert result.skipped == []


def test_other_countries_is_rest_of_world(data_dir):
    result = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv")
    assert shares(result, "material:re-concentrate", 2023)["country:XX"] == 0.0029


def test_units_kilograms_and_capacity(data_dir):
    result = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv")
    china = produces(result, "country:CN", "material:gallium-low-purity", 2024)
    assert dict(china.qualifiers) == {"amount": 750000.0, "capacity": 1000000.0,
                                      "share": 0.9868, "unit": "kg", "year": 2024}
    # United States is W (withheld): no claim for it, and no error.
    assert "country:US" not in shares(result, "material:gallium-low-purity", 2024)
    assert produces(result, "country:CN", "material:aluminum-processing", 2024).qualifier(
        "unit") == "kt"


def test_bounds_and_ranges_are_medium_confidence(data_dir):
    result = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv")
    madagascar = produces(result, "country:MG", "material:natural-graphite", 2024)
    assert madagascar.qualifier("amount") == 90000.0        # 89,000-91,000
    assert madagascar.confidence == "medium"
    rest = produces(result, "country:XX", "material:natural-graphite", 2024)
    assert (rest.qualifier("amount"), rest.confidence) == (60000.0, "medium")   # >60,000


def test_germanium_spelled_gemanium_with_blank_values_gives_nothing(data_dir):
    result = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv")
    assert not any("german" in str(c.object) for c in result.claims)


def test_new_nodes_get_labels_so_the_graph_is_valid(data_dir):
    result = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv")
    graph = SupplyGraph(result.claims)
    assert graph.label("country:MM") == "Myanmar"
    assert graph.label("country:KR") == "South Korea"
    assert graph.label("material:aluminum-processing") == "Aluminum (processing)"
    assert graph.attribute("material:aluminum-processing", "stage") == "processing"
    assert graph.attribute(SOURCE, "url") == "https://doi.org/10.5066/P13XCP3R"
    assert check_claims(result.claims) == []


def test_known_nodes_get_no_new_claims(data_dir):
    first = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv")
    known = SupplyGraph(first.claims)
    again = load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv", LoadContext(known=known))
    assert {c.predicate for c in again.claims} == {"PRODUCES"}


def test_windows_1252_file(data_dir):
    result = load_usgs(data_dir / "usgs" / "MCS2025_cp1252.csv")
    got = shares(result, "material:manganese-mining", 2024)
    assert got == {"country:CI": 0.03, "country:GA": 0.23, "country:ZA": 0.37,
                   "country:TR": 0.002, "country:XX": 0.368}
    assert result.skipped == []


def test_per_commodity_layout_with_tonnes(data_dir):
    result = load_usgs(data_dir / "usgs" / "mcs2023-raree_world.csv")
    assert shares(result, "material:re-concentrate", 2022) == {
        "country:US": 0.1433, "country:AU": 0.06, "country:MM": 0.04, "country:CN": 0.7,
        "country:TH": 0.0237, "country:XX": 0.033}
    claim = produces(result, "country:CN", "material:re-concentrate", 2021)
    assert claim.sources == ("source:usgs-mcs2023-world-data",)
    assert claim.qualifier("unit") == "t"
    assert result.skipped == []


def test_per_commodity_layout_with_kilotonnes(data_dir):
    result = load_usgs(data_dir / "usgs" / "mcs2024-graph_world.csv")
    china = produces(result, "country:CN", "material:natural-graphite", 2023)
    assert dict(china.qualifiers) == {"amount": 1230.0, "share": 0.7688, "unit": "kt",
                                      "year": 2023}


def test_sum_check_skips_a_year_whose_countries_exceed_the_world(data_dir):
    path = data_dir / "usgs" / "MCS2025_oversum.csv"
    result = load_usgs(path)
    assert [str(e) for e in result.skipped] == [
        f"{path}:5: PROD_EST_ 2024: countries of rare earths (Mine production, "
        "rare-earth-oxide equivalent, 2024) add up to 428,000, above the world total 390,000"]
    assert shares(result, "material:re-concentrate", 2024) == {}
    assert len(shares(result, "material:re-concentrate", 2023)) == 3


def test_bad_cells_are_skipped_and_the_rest_loads(data_dir):
    path = data_dir / "usgs" / "MCS2025_bad_cells.csv"
    result = load_usgs(path)
    assert [str(e) for e in result.skipped] == [
        f"{path}:3: COUNTRY: 'Atlantis' cannot be mapped to ISO 3166",
        f"{path}:4: PROD_EST_ 2024: '6.000.0' is not a number, W, NA, a dash, a bound or a "
        "range"]
    assert shares(result, "material:antimony-concentrate", 2024) == {
        "country:CN": 0.6, "country:TJ": 0.21}


def test_unknown_layout_is_one_line(data_dir):
    path = data_dir / "usgs" / "mcs2025_unknown_layout.csv"
    with pytest.raises(InputError) as info:
        load_usgs(path)
    assert str(info.value).startswith(f"{path}:1: unknown USGS layout: expected the columns")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", ["MCS2025_World_Data.csv", "MCS2025_cp1252.csv",
                                  "mcs2023-raree_world.csv", "mcs2024-graph_world.csv"])
def test_build_picks_the_usgs_loader(data_dir, name):
    assert loader_for(data_dir / "usgs" / name).name == "usgs"


def test_build_merges_a_usgs_table(run_cli, data_dir, tmp_path):
    out = tmp_path / "g.json"
    result = run_cli("build", "--no-bundled", "--source",
                     str(data_dir / "usgs" / "MCS2025_World_Data.csv"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"built {out}: ")


def test_build_reports_the_sum_check_and_fails_when_strict(run_cli, data_dir, tmp_path):
    path = data_dir / "usgs" / "MCS2025_oversum.csv"
    result = run_cli("build", "--no-bundled", "--strict", "--source", str(path),
                     "--out", str(tmp_path / "g.json"))
    assert result.exit_code == 1
    assert f"{path}:5: PROD_EST_ 2024: countries of rare earths" in result.stderr
    assert not (tmp_path / "g.json").exists()


def test_two_editions_stay_separate_claims_and_the_policy_picks_one(data_dir):
    """Merging: each edition's figure is kept with its source; analyses read the newest
    year by default and can be asked for another policy."""
    claims = (load_usgs(data_dir / "usgs" / "MCS2025_World_Data.csv").claims
              + load_usgs(data_dir / "usgs" / "mcs2023-raree_world.csv").claims)
    graph = SupplyGraph(claims)
    china = [c for c in graph.claims if c.subject == "country:CN"
             and c.object == "material:re-concentrate"]
    assert sorted((c.qualifier("year"), c.sources[0]) for c in china) == [
        (2021, "source:usgs-mcs2023-world-data"), (2022, "source:usgs-mcs2023-world-data"),
        (2023, "source:usgs-mcs2025-world-data"), (2024, "source:usgs-mcs2025-world-data")]

    def share(g):
        [claim] = [c for c in g.relation_claims("material:re-concentrate", "PRODUCES",
                                                incoming=True) if c.subject == "country:CN"]
        return claim.qualifier("year"), claim.qualifier("share")

    assert share(graph) == (2024, 0.6923)
    assert share(graph.with_policy("oldest")) == (2021, 0.6)
    assert check_claims(claims) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["China", "Burma", "Australia", "United States",
                                           "Congo (Kinshasa)", "Korea, Republic of", "Russia",
                                           "Other Countries"]),
                          st.one_of(st.integers(0, 500000).map(str),
                                    st.sampled_from(["W", "NA", "—", "--", ">1,000",
                                                     "100-200", "12,500"]))),
                min_size=1, max_size=8, unique_by=lambda row: row[0]),
       st.sampled_from(["", "exact", "rounded-up"]))
def test_any_table_gives_shares_within_the_world(tmp_path_factory, rows, world):
    """Property: shares are in 0-1 and add up to at most the world (+ rounding), or the
    year is skipped with one error."""
    header = ("SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024,PROD_NOTES,"
              "CAP_2023,CAP_EST_ 2024,CAP_NOTES,RESERVES_2024,RESERVE_NOTES")
    lines = [header] + [f'MCS2025,Rare earths,"{c}",Mine production,metric tons,,"{v}",,,,,,'
                        for c, v in rows]
    numbers = [parse_amount(v)[0] or 0 for _, v in rows]
    if world:
        total = sum(numbers) * (1.0 if world == "exact" else 1.1)
        lines.append(f"MCS2025,Rare earths,World total (rounded),Mine production,metric tons,,"
                     f"{total:.0f},,,,,,")
    path = tmp_path_factory.mktemp("usgs") / "MCS2025_World_Data.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_usgs(path)
    got = [c.qualifier("share") for c in result.claims if c.predicate == "PRODUCES"]
    assert all(0 <= s <= 1 for s in got)
    assert sum(got) <= 1.02 + 1e-9
    assert check_claims(result.claims) == []
