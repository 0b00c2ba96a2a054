"""Ferroniobium on the bundled data (data README, thirteenth round, 2026-11-29): USGS's 2024
niobium mine set (Brazil 0.9091, Canada 0.0645, the rest of the world 0.0264) stands for it as
a low-confidence proxy, the figures checked by hand against MCS 2025's table."""

from __future__ import annotations

import json

import pytest

from mineralgraph import load_bundled


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


def test_ferroniobium_carries_the_mine_set_as_a_low_proxy(graph):
    claims = {c.subject: c for c in graph.relation_claims(
        "material:ferroniobium", "PRODUCES", incoming=True)}
    # 100,000 and 7,100 of 110,000 t Nb; the rest 1 - 0.9091 - 0.0645
    assert {k: c.qualifier("share") for k, c in claims.items()} == {
        "country:BR": 0.9091, "country:CA": 0.0645, "country:XX": 0.0264}
    assert round(100000 / 110000, 4) == 0.9091 and round(7100 / 110000, 4) == 0.0645
    for claim in claims.values():
        assert claim.confidence == "low"
        assert claim.qualifier("year") == 2024
        assert claim.qualifier("proxy") == "niobium mine output (Nb content), 2024, not ferroniobium"
        assert claim.sources == ("source:usgs-mcs2025-niobium",)


def test_concentration_reads_the_proxy(run_cli):
    result = run_cli("concentration", "material:ferroniobium", "--format", "json")
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)["materials"][0]
    # HHI over named countries (rest of world left out): 90.91^2 + 6.45^2
    assert row["hhi"] == round(90.91 ** 2 + 6.45 ** 2, 1) == 8306.2
    assert row["confidence"] == "low"
    assert sorted(c["subject"] for c in row["low_confidence"]) == [
        "country:BR", "country:CA", "country:XX"]
