"""The tungsten chain's APT and powder stages on the bundled data (data README, thirteenth
round, 2026-11-29).

APT and tungsten metal powder carry USGS's 2024 tungsten mine set (China 0.8272, the rest of
the world 0.1728) as a low-confidence proxy; Global Tungsten & Powders (Towanda, US) and
Masan's APT plant (Nui Phao, Vietnam), named by their own or their chief executive's words
without an output, take equal parts of the rest of the world's share with its unmapped
output (design note 5.4). Every figure here is worked out by hand from those shares.
"""

from __future__ import annotations

import json

import pytest

from mineralgraph import load_bundled

MINE_CN, MINE_XX = 0.8272, 0.1728  # USGS MCS 2025, tungsten mine output 2024 (W content)
PRODUCT = "product:armour-piercing-ammunition"


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


@pytest.mark.parametrize("material", ["material:apt", "material:tungsten-powder"])
def test_each_stage_has_the_mine_set_as_a_low_proxy(graph, material):
    countries = {c.subject: c for c in graph.relation_claims(material, "PRODUCES", incoming=True)
                 if c.subject.startswith("country:")}
    assert sorted(countries) == ["country:CN", "country:XX"]
    for country, share in (("country:CN", MINE_CN), ("country:XX", MINE_XX)):
        claim = countries[country]
        assert claim.qualifier("share") == share
        assert claim.qualifier("year") == 2024
        assert claim.confidence == "low"
        assert "tungsten concentrate (mine output" in claim.qualifier("proxy")
        assert claim.sources == ("source:usgs-mcs2025-tungsten",)
    assert MINE_CN + MINE_XX == pytest.approx(1.0, abs=1e-12)


def test_the_named_plants_and_what_they_produce(graph):
    produced = sorted((c.subject, c.object) for m in ("material:apt", "material:tungsten-powder")
                      for c in graph.relation_claims(m, "PRODUCES", incoming=True)
                      if c.subject.startswith("facility:"))
    assert produced == [("facility:gtp-towanda", "material:apt"),
                        ("facility:gtp-towanda", "material:tungsten-powder"),
                        ("facility:masan-tungsten-thai-nguyen", "material:apt")]
    located = {f: graph.relation_claims(f, "LOCATED_IN")[0].object for f, _ in produced}
    assert located == {"facility:gtp-towanda": "country:US",
                       "facility:masan-tungsten-thai-nguyen": "country:VN"}
    # no plant states an output or a capacity: none has a share of its own
    for facility, material in produced:
        claim = next(c for c in graph.relation_claims(facility, "PRODUCES")
                     if c.object == material)
        assert claim.qualifier("share") is None and claim.qualifier("capacity") is None
        # rated low with the proxy set whose pool it splits: alone (--min-confidence
        # medium) a share-less plant would be read as an equal part of the whole world
        assert claim.confidence == "low"
    # carbide and heavy alloy stay without producers, each with its reason
    for material in ("material:tungsten-carbide", "material:tungsten-heavy-alloy"):
        assert graph.relation_claims(material, "PRODUCES", incoming=True) == []
        assert graph.attribute(material, "unmapped_reason")


def _rows(run_cli, *options):
    result = run_cli(*options, "chokepoints", "--product", PRODUCT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {c["id"]: c for c in json.loads(result.stdout)[0]["chokepoints"]}


def test_losses_of_the_armour_piercing_round(run_cli):
    rows = _rows(run_cli)
    # APT: the rest of the world's 0.1728 between GTP, Masan and its unmapped output;
    # powder: 0.1728 between GTP and the unmapped output
    apt_part, powder_part = MINE_XX / 3, MINE_XX / 2
    assert rows["facility:gtp-towanda"]["loss_range"] == [
        round(1 - (1 - apt_part) * (1 - powder_part), 6)] * 2 == [0.139023] * 2
    assert rows["facility:gtp-towanda"]["assumed_share"] is True
    assert rows["facility:masan-tungsten-thai-nguyen"]["loss_range"] == [
        round(apt_part, 6)] * 2 == [0.0576] * 2
    # concentrate: USGS's 2024 table, whose shares add up to 1.005 (a rounded world total),
    # read as shares of their sum: Vietnam 0.042 / 1.005; Masan's APT part beside it
    vn_mine = 0.042 / 1.005
    assert rows["country:VN"]["loss_range"] == [
        round(1 - (1 - vn_mine) * (1 - apt_part), 6)] * 2 == [0.096984] * 2
    # China: its mine share (0.8272 / 1.005) and the two proxy stages; the heavy alloy and
    # the penetrator are still unmapped, so China may be all of them (the range's top)
    left = (1 - 0.8272 / 1.005) * MINE_XX * MINE_XX
    assert rows["country:CN"]["loss_range"] == [round(1 - left, 6), 1.0] == [0.994717, 1.0]
    assert rows["country:CN"]["spof"] == "possible"
    assert rows["country:CN"]["confidence"] == "low"


def test_without_the_low_proxies_the_figures_of_before(run_cli):
    rows = _rows(run_cli, "--min-confidence", "medium")
    # APT and powder unknown again: China's mine share alone, and the plants drop out
    # with the shares they split
    assert rows["country:CN"]["loss_range"] == [round(0.8272 / 1.005, 6), 1.0] == [
        0.823085, 1.0]
    assert "facility:gtp-towanda" not in rows
