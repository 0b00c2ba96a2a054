"""The trade loader, on small files in the UN Comtrade (new and legacy) and CEPII BACI layouts.

``comtrade_magnets_2024.csv``: US import reports for HS 850511 with a World row and
"Other Asia, nes" (Taiwan, code 490, ISO cell S19), China's mirror export report, China's
exports to Japan, Japan's imports of HS 280530, a re-export and a code outside the chains.
``comtrade_legacy_811292_2023.csv`` (UTF-8 with BOM): Germany's imports of HS 811292 with
World, an unknown partner and a bad value. ``BACI_HS17_Y2022_sample.csv``: numeric country
codes (251 France, 842 US), values in thousand USD, an NA quantity.
"""

from __future__ import annotations

import pytest

from mineralgraph.exceptions import InputError
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import loader_for
from mineralgraph.loaders.trade import hs_code, load_trade
from mineralgraph.validation import check_claims


def flows(result):
    return {(c.subject, c.object, c.qualifier("material")): dict(c.qualifiers)
            for c in result.claims if c.predicate == "EXPORTS_TO"}


def test_comtrade_import_dependence_uses_the_world_row(data_dir):
    result = load_trade(data_dir / "trade" / "comtrade_magnets_2024.csv")
    got = flows(result)
    # US imports of HS 850511: 400 M USD from the World; China 285 M of it.
    assert got[("country:CN", "country:US", "material:ndfeb-magnet")] == {
        "amount": 7200000.0, "hs_code": "850511", "material": "material:ndfeb-magnet",
        "share": 0.7125,
        "trade_value": 285000000.0, "unit": "kg", "year": 2024}
    assert got[("country:JP", "country:US", "material:ndfeb-magnet")]["share"] == 0.155
    assert got[("country:DE", "country:US", "material:ndfeb-magnet")]["share"] == 0.07
    assert got[("country:TW", "country:US", "material:ndfeb-magnet")]["share"] == 0.0225


def test_importer_report_wins_over_the_mirror_export(data_dir):
    result = load_trade(data_dir / "trade" / "comtrade_magnets_2024.csv")
    china_us = [c for c in result.claims if c.predicate == "EXPORTS_TO"
                and (c.subject, c.object) == ("country:CN", "country:US")]
    assert [c.qualifier("trade_value") for c in china_us] == [285000000.0]
    assert china_us[0].origin.endswith("comtrade_magnets_2024.csv:2")


def test_export_report_counts_when_the_importer_is_silent(data_dir):
    got = flows(load_trade(data_dir / "trade" / "comtrade_magnets_2024.csv"))
    assert got[("country:CN", "country:JP", "material:ndfeb-magnet")]["share"] == 1.0
    assert got[("country:VN", "country:JP", "material:rare-earth-metals")]["share"] == 0.3125


def test_re_exports_and_other_codes_are_left_out(data_dir):
    result = load_trade(data_dir / "trade" / "comtrade_magnets_2024.csv")
    assert not any(c.subject == "country:US" or c.object == "country:CA"
                   for c in result.claims if c.predicate == "EXPORTS_TO")
    assert [str(e).split(": ", 1)[1] for e in result.skipped] == [
        "hs: HS 720449 is neither a code of the chains nor of the commodity mapping "
        "(mineralgraph/data/open_data/commodities.csv); its rows are skipped"]


def test_legacy_layout_and_bad_rows(data_dir):
    path = data_dir / "trade" / "comtrade_legacy_811292_2023.csv"
    result = load_trade(path)
    assert flows(result) == {
        ("country:CA", "country:DE", "material:minor-metals-unwrought"): {
            "amount": 5000.0, "hs_code": "811292", "material": "material:minor-metals-unwrought",
            "share": 0.1,
            "trade_value": 1500000.0, "unit": "kg", "year": 2023},
        ("country:CN", "country:DE", "material:minor-metals-unwrought"): {
            "amount": 40000.0, "hs_code": "811292",
            "material": "material:minor-metals-unwrought", "share": 0.8,
            "trade_value": 12000000.0, "unit": "kg", "year": 2023}}
    assert [str(e) for e in result.skipped] == [
        f"{path}:5: Partner ISO: 'ATL' cannot be mapped to ISO 3166",
        f"{path}:6: Trade Value (US$): 'n/a' is not a number"]


def test_baci_numeric_codes_and_thousand_dollars(data_dir):
    result = load_trade(data_dir / "trade" / "BACI_HS17_Y2022_sample.csv")
    got = flows(result)
    # US imports of HS 284690 in 2022: 150,000.5 + 25,000 + 5,000 thousand USD.
    assert got[("country:CN", "country:US", "material:rare-earth-compounds")] == {
        "amount": 12000.25, "hs_code": "284690", "material": "material:rare-earth-compounds",
        "share": 0.8333,
        "trade_value": 150000500.0, "unit": "t", "year": 2022}
    france = got[("country:FR", "country:US", "material:rare-earth-compounds")]
    assert "amount" not in france and france["share"] == 0.0278       # q is NA
    assert got[("country:US", "country:JP", "material:rare-earth-compounds")]["share"] == 0.1


def test_trade_claims_are_valid_with_their_new_nodes(data_dir):
    for name in ("comtrade_magnets_2024.csv", "comtrade_legacy_811292_2023.csv",
                 "BACI_HS17_Y2022_sample.csv"):
        result = load_trade(data_dir / "trade" / name)
        assert check_claims(result.claims) == []
    graph = SupplyGraph(load_trade(data_dir / "trade" / "comtrade_magnets_2024.csv").claims)
    assert graph.label("country:TW") == "Taiwan"
    assert graph.label("material:ndfeb-magnet") == ("Permanent magnets of metal (HS 850511)")
    assert graph.attribute("source:un-comtrade-comtrade-magnets-2024", "publisher") == (
        "United Nations Statistics Division")


def test_unknown_layout_is_one_line(data_dir):
    path = data_dir / "trade" / "unknown_layout.csv"
    with pytest.raises(InputError) as info:
        load_trade(path)
    assert str(info.value).startswith(f"{path}:1: unknown trade layout: expected UN Comtrade")


@pytest.mark.parametrize("name", ["comtrade_magnets_2024.csv",
                                  "comtrade_legacy_811292_2023.csv",
                                  "BACI_HS17_Y2022_sample.csv"])
def test_build_picks_the_trade_loader(data_dir, name):
    assert loader_for(data_dir / "trade" / name).name == "trade"


@pytest.mark.parametrize("text, code", [("850511", "850511"), ("8505.11", "850511"),
                                        ("28053", "028053"), ("850511.0", "850511")])
def test_hs_codes(text, code):
    assert hs_code(text) == code


def test_build_merges_a_trade_table(run_cli, data_dir, tmp_path):
    out = tmp_path / "g.json"
    result = run_cli("build", "--no-bundled", "--source",
                     str(data_dir / "trade" / "BACI_HS17_Y2022_sample.csv"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "BACI_HS17_Y2022_sample.csv:8: hs: HS 851410" in result.stderr
