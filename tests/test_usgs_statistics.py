"""Reserves, US net import reliance and import sources (USGS MCS 2025) in the bundled data.

The figures are in ``reserves_usgs.csv`` and ``imports_usgs.csv`` (written by
``tools/build_usgs_mcs2025.py``). These tests check what a reader of the chapters can
check by hand (the import-source lists of a chapter add up to 100%, a derived share is
the amount over the world total in the note), that validate refuses an import-share set
above 1, that ``show`` finds the import sources of a material and an element, and that
none of these statistics is a supply step.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from mineralgraph import load_bundled
from mineralgraph.graph.flow import FLOW_RELATIONS, dependent_products, flow_edges


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


def claims_of(graph, relation):
    return [c for c in graph.edge_claims(relation)]


def test_each_usgs_import_source_list_adds_up_to_100_percent(graph):
    sets = defaultdict(float)
    for claim in claims_of(graph, "EXPORTS_TO"):
        if claim.qualifier("period") == "2020-2023":
            key = (claim.qualifier("material"), claim.qualifier("about"), claim.sources)
            sets[key] += claim.qualifier("share")
    assert len(sets) == 89
    off = {k: round(v, 2) for k, v in sets.items() if not 0.98 <= v <= 1.02}
    assert off == {}


def test_import_sources_of_gallium_are_usgs_figures(graph):
    shares = {c.subject: c.qualifier("share") for c in claims_of(graph, "EXPORTS_TO")
              if c.qualifier("material") == "element:Ga" and c.qualifier("period") == "2020-2023"}
    assert shares == {"country:JP": 0.24, "country:CN": 0.19, "country:DE": 0.19,
                      "country:CA": 0.17, "country:XX": 0.21}


def test_reserves_are_positive_and_shares_are_amount_over_the_world_total(graph):
    reserves = claims_of(graph, "HOLDS_RESERVES")
    assert len(reserves) >= 250
    by_material = defaultdict(float)
    for claim in reserves:
        assert claim.qualifier("amount") > 0, claim.origin
        share = claim.qualifier("share")
        note = claim.qualifier("note")
        if share is None:
            assert "no share derived" in note, claim.origin
            continue
        world = float(re.search(r"world total ([\d,]+)", note).group(1).replace(",", ""))
        assert share == pytest.approx(claim.qualifier("amount") / world, abs=6e-5)
        by_material[claim.object] += share
    assert max(by_material.values()) <= 1.02


def test_a_bound_is_kept_not_rounded_away(graph):
    [nickel_other] = [c for c in claims_of(graph, "HOLDS_RESERVES")
                      if c.subject == "country:XX" and c.object == "material:nickel-mine"]
    assert (nickel_other.qualifier("amount"), nickel_other.qualifier("bound")) == (
        9100000, "more-than")
    [germanium] = [c for c in claims_of(graph, "NET_IMPORT_RELIANCE")
                   if c.object == "element:Ge" and c.qualifier("year") == 2024]
    assert (germanium.qualifier("net_import_reliance"), germanium.qualifier("bound")) == (
        0.5, "more-than")


def test_a_net_exporter_has_no_reliance_figure(graph):
    [molybdenum] = [c for c in claims_of(graph, "NET_IMPORT_RELIANCE")
                    if c.object == "element:Mo" and c.qualifier("year") == 2024]
    assert molybdenum.qualifier("net_exporter") is True
    assert molybdenum.qualifier("net_import_reliance") is None


def test_reliance_is_dated_so_as_of_reads_the_year_asked(run_cli):
    result = run_cli("show", "element:Sb", "--as-of", "2022-06-01", "--format", "json")
    reliance = [r for r in json.loads(result.stdout)["relations"]
                if r["relation"] == "NET_IMPORT_RELIANCE"]
    assert [(r["qualifiers"]["year"], r["qualifiers"]["net_import_reliance"])
            for r in reliance] == [(2022, 0.83)]
    # tellurium turned from a net importer (>75% in 2022) to a net exporter in 2023
    result = run_cli("show", "element:Te", "--as-of", "2023-06-01", "--format", "json")
    [te] = [r for r in json.loads(result.stdout)["relations"]
            if r["relation"] == "NET_IMPORT_RELIANCE"]
    assert te["qualifiers"]["net_exporter"] is True


def test_withheld_or_unavailable_reserves_have_no_row(graph):
    holders = {c.subject for c in claims_of(graph, "HOLDS_RESERVES")
               if c.object == "material:re-concentrate"}
    assert "country:MM" not in holders      # Burma: NA
    assert "country:CN" in holders


def test_statistics_are_not_supply_steps(graph):
    assert {r for _, _, r in flow_edges(graph)} <= set(FLOW_RELATIONS)
    # Greenland holds rare-earth reserves and produces nothing: no product depends on it
    assert dependent_products(graph, "country:GL") == []


def write_flows(tmp_path, shares):
    path = tmp_path / "imports.csv"
    rows = ["subject,relation,object,share,material,period,about,sources"]
    rows += [f"country:{c},EXPORTS_TO,country:US,{s},element:Ga,2020-2023,scrap,"
             "source:usgs-mcs2025-gallium" for c, s in shares]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_validate_refuses_import_shares_above_one(run_cli, tmp_path):
    path = write_flows(tmp_path, [("CN", 0.7), ("JP", 0.4)])
    result = run_cli("validate", "--with-bundled", str(path))
    assert result.exit_code == 1
    assert f"{path}:3: share: import shares of element:Ga (scrap) into country:US " \
           "(2020-2023) from source:usgs-mcs2025-gallium add up to 1.100, above 1" in result.stderr


def test_validate_accepts_import_shares_that_add_up_to_one(run_cli, tmp_path):
    path = write_flows(tmp_path, [("CN", 0.7), ("JP", 0.3)])
    result = run_cli("validate", "--with-bundled", str(path))
    assert result.exit_code == 0, result.stderr


def test_show_material_lists_its_import_sources_and_reserves(run_cli):
    result = run_cli("show", "material:natural-graphite")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Import sources, reserves and import reliance:" in text
    assert "country:CN (China) EXPORTS_TO country:US (United States) about natural graphite" \
           in text
    # derived from USGS's amounts, said so with the quotient (findings 11)
    assert ("<- HOLDS_RESERVES country:CN (China) 81,000,000 t, share 28% (27.9% = "
            "81,000,000 / 290,000,000, derived; the source states no share)") in text


def test_show_element_lists_the_statistics_of_its_materials(run_cli):
    result = run_cli("show", "element:Co", "--format", "json")
    assert result.exit_code == 0, result.stderr
    view = json.loads(result.stdout)
    reserves = {s["subject"]: s["qualifiers"]["amount"] for s in view["statistics"]
                if s["relation"] == "HOLDS_RESERVES"}
    assert reserves["country:CD"] == 6000000
    imports = {s["subject"]: s["qualifiers"]["share"] for s in view["statistics"]
               if s["relation"] == "EXPORTS_TO" and "share" in s["qualifiers"]}
    assert imports["country:NO"] == 0.27
    sources = {s["n"] for s in view["sources"]}
    assert all(set(s["sources"]) <= sources for s in view["statistics"])


def test_info_counts_the_new_relations(run_cli):
    result = run_cli("info", "--format", "json")
    relations = json.loads(result.stdout)["edges_by_relation"]
    assert relations["HOLDS_RESERVES"] >= 250
    assert relations["NET_IMPORT_RELIANCE"] >= 40


def test_imports_shows_the_stated_import_sources_beside_the_trade_figures(run_cli):
    result = run_cli("imports", "country:US", "material:natural-graphite")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert ("Stated import sources 2020-2023 of natural graphite (material:natural-graphite): "
            "CN 43%; CA 13%; MX 13%; MZ 13%; other 18% [1]") in text
    assert "Stated net import reliance 2024" in text and ": 100% [1]" in text
    # USGS's lists carry no HS code: they are not trade figures, so BACI is still missing
    assert "no BACI figures in the graph" in result.stderr


def test_imports_json_keeps_a_stated_bound(run_cli):
    result = run_cli("imports", "country:US", "material:copper-mine", "--format", "json")
    stated = json.loads(result.stdout)["stated"]
    [ores] = [item for item in stated["lists"] if item["material"] == "material:copper-mine"]
    assert [(p["partner"], p["share"], p["bound"]) for p in ores["partners"]] == [
        ("country:CA", 0.99, "more-than"), ("country:XX", 0.01, "less-than")]
