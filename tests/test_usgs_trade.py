"""US imports and exports 2020-2024 from the MCS 2025 Salient Statistics (``trade_usgs.csv``).

Written by ``tools/build_usgs_trade.py`` from ``tools/usgs_mcs2025_trade.py``. Figures
checked by hand against the chapter texts: cobalt imports for consumption 9,740, 9,790,
10,500, 9,500 and 11,000 t (2020-2024e), exports 3,430 ... 4,500 t; antimony oxide imports
20,000 t in 2024; germanium metal imports 22,000 kg in 2023; rhenium exports "—" (zero) in
2020 and 2021; lead in concentrates imports "(1)" (less than 1/2 unit) in every year but
2021; no gallium export line (NA).
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date

import pytest

from mineralgraph import load_bundled
from mineralgraph.graph.flow import FLOW_RELATIONS, flow_edges
from mineralgraph.loaders import bundled_data_path


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


@pytest.fixture(scope="module")
def rows():
    with open(bundled_data_path() / "trade_usgs.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def flows(graph, material, direction):
    """year -> amount of the US import ("in") or export ("out") rows of a material."""
    ends = ("country:XX", "country:US") if direction == "in" else ("country:US", "country:XX")
    return {c.qualifier("year"): c.qualifier("amount") for c in graph.edge_claims("EXPORTS_TO")
            if (c.subject, c.object) == ends and c.qualifier("material") == material
            and "usgs-mcs2025" in c.sources[0] and c.qualifier("amount") is not None}


def test_cobalt_imports_and_exports_are_the_salient_statistics(graph):
    assert flows(graph, "element:Co", "in") == {2020: 9740, 2021: 9790, 2022: 10500,
                                                  2023: 9500, 2024: 11000}
    assert flows(graph, "element:Co", "out") == {2020: 3430, 2021: 4930, 2022: 5360,
                                                   2023: 5110, 2024: 4500}


def test_forms_with_a_node_sit_on_it(graph):
    assert flows(graph, "material:antimony-trioxide", "in")[2024] == 20000
    assert flows(graph, "material:germanium-metal", "in")[2023] == 22000
    assert flows(graph, "material:copper-refined", "out") == {2020: 41, 2021: 48, 2022: 27,
                                                               2023: 33, 2024: 60}


def test_zero_is_a_row_and_unavailable_or_tiny_figures_are_not(graph, rows):
    assert flows(graph, "element:Re", "out") == {2020: 0, 2021: 0, 2022: 267, 2023: 2010,
                                                  2024: 2200}
    lead = [r for r in rows if r["quote"].startswith("Imports for consumption: Lead in conc")]
    assert [(r["year"], r["amount"]) for r in lead] == [("2021", "1")]
    assert flows(graph, "element:Ga", "out") == {}             # USGS prints NA
    assert sorted(flows(graph, "element:Ti", "in")) == []      # on the sponge and TiO2 nodes
    assert sorted(flows(graph, "material:titanium-sponge", "in")) == [2020, 2021, 2022, 2023,
                                                                      2024]


def test_each_amount_is_the_figure_its_quote_prints_for_its_year(rows):
    assert len(rows) == 705
    columns = {"2020": "2020", "2021": "2021", "2022": "2022", "2023": "2023", "2024": "2024e"}
    for row in rows:
        printed = re.search(rf"\| {columns[row['year']]}: ([^|]+?)( \||$)", row["quote"]).group(1)
        expected = "0" if printed == "—" else printed.replace(",", "")
        assert row["amount"] == expected, row
        assert (row["valid_from"], row["valid_to"]) == (f"{row['year']}-01-01",
                                                        f"{int(row['year']) + 1}-01-01")
        assert "(estimated)" in row["note"] if row["year"] == "2024" else True


def test_one_year_is_read_as_of_a_date(graph):
    mid_2023 = graph.as_of(date(2023, 6, 30))
    assert flows(mid_2023, "element:Co", "in") == {2023: 9500}
    assert flows(graph.as_of(date(2026, 11, 27)), "element:Co", "in") == {}


def test_totals_are_not_supply_steps(graph):
    assert {r for _, _, r in flow_edges(graph)} <= set(FLOW_RELATIONS)
    assert "EXPORTS_TO" not in FLOW_RELATIONS


def test_show_lists_a_materials_trade_rows(run_cli):
    result = run_cli("show", "material:titanium-sponge", "--as-of", "2023-06-30",
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    trade = [r for r in json.loads(result.stdout)["statistics"] if r["relation"] == "EXPORTS_TO"]
    assert sorted((r["subject"], r["object"], r["qualifiers"]["amount"]) for r in trade
                  if "amount" in r["qualifiers"]) == [
        ("country:US", "country:XX", 247), ("country:XX", "country:US", 40400)]


def test_imports_reads_only_share_lists_as_stated_import_sources(run_cli):
    # a quantity with a period (these yearly totals, China's monthly germanium customs
    # figures into the US) is not an import-source list: `imports` used to fail on it
    result = run_cli("imports", "country:US", "material:germanium-metal")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert ("Stated import sources 2020-2023 of germanium metal (material:germanium-metal): "
            "CN 51%; BE 27%; DE 15%; RU 5.0%; other 2.0% [1]") in text
    assert "2023" not in text.replace("2020-2023", "")


def test_the_file_is_what_the_tool_writes_from_the_transcribed_figures(rows):
    from bundled_tables import load_tool

    module = load_tool("build_usgs_trade")
    written = [{k: "" if v is None else str(v) for k, v in row.items()}
               for row in module.rows()]
    assert [{k: r.get(k, "") for k in module.HEADER} for r in written] == rows
