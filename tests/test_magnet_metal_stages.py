"""The magnet chain's metal and SmCo stages on the bundled data (data README, eleventh round).

NdPr, Dy and Sm metal carry the IEA's 2024 separation set and SmCo alloy and magnets BIS's
2020 NdFeB magnet and alloy set, each a low-confidence proxy; the plants outside China named
by their own or a trade body's words take equal parts of the rest of the world's share
(design note 5.4). Every figure here is checked by hand against those shares.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from mineralgraph import load_bundled

IEA_CN, IEA_XX = 0.912772, 0.087228  # the four magnet rare earths' refining, 2024
BIS_CN, BIS_XX = 0.92, 0.08  # the NdFeB magnet and magnet alloy market, 2020
STAGES = {
    "material:ndpr-metal": (IEA_CN, IEA_XX, 2024, "source:iea-cm-dataset-2025"),
    "material:dy-metal": (IEA_CN, IEA_XX, 2024, "source:iea-cm-dataset-2025"),
    "material:sm-metal": (IEA_CN, IEA_XX, 2024, "source:iea-cm-dataset-2025"),
    "material:smco-alloy": (BIS_CN, BIS_XX, 2020, "source:bis-232-ndfeb-2022"),
    "material:smco-magnet": (BIS_CN, BIS_XX, 2020, "source:bis-232-ndfeb-2022"),
}


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


@pytest.mark.parametrize("material", sorted(STAGES))
def test_each_stage_has_a_low_proxy_set_of_china_and_the_rest_of_the_world(graph, material):
    china, rest, year, source = STAGES[material]
    countries = {c.subject: c for c in graph.relation_claims(material, "PRODUCES", incoming=True)
                 if c.subject.startswith("country:")}
    assert sorted(countries) == ["country:CN", "country:XX"]
    for country, share in (("country:CN", china), ("country:XX", rest)):
        claim = countries[country]
        assert claim.qualifier("share") == share
        assert claim.qualifier("year") == year
        assert claim.confidence == "low"
        assert claim.qualifier("proxy")  # says what the figure was measured for
        assert claim.sources == (source,)
    assert china + rest == pytest.approx(1.0, abs=1e-9)


def test_the_named_plants_and_what_they_produce(graph):
    produced = {(c.subject, c.object): c for c in graph.relation_claims(
        "material:ndpr-metal", "PRODUCES", incoming=True)
        + graph.relation_claims("material:smco-alloy", "PRODUCES", incoming=True)
        + graph.relation_claims("material:smco-magnet", "PRODUCES", incoming=True)
        if c.subject.startswith("facility:")}
    assert sorted(produced) == [
        ("facility:eec-landisville", "material:smco-magnet"),
        ("facility:fort-worth", "material:ndpr-metal"),
        ("facility:gqd-rayong", "material:ndpr-metal"),
        ("facility:lcm-ellesmere-port", "material:ndpr-metal"),
        ("facility:lcm-ellesmere-port", "material:smco-alloy"),
        ("facility:vac-hanau", "material:smco-magnet")]
    lcm = produced[("facility:lcm-ellesmere-port", "material:ndpr-metal")]
    # 2 cells at about 55 t a year each (MMTA); no share: no world output to divide by
    assert (lcm.qualifier("capacity"), lcm.qualifier("unit"), lcm.qualifier("share")) == (
        110.0, "t/yr", None)
    assert produced[("facility:fort-worth", "material:ndpr-metal")].valid_from == date(2025, 1, 22)
    located = {f: graph.relation_claims(f, "LOCATED_IN")[0].object for f, _ in produced}
    assert located == {"facility:eec-landisville": "country:US",
                       "facility:fort-worth": "country:US",
                       "facility:gqd-rayong": "country:TH",
                       "facility:lcm-ellesmere-port": "country:GB",
                       "facility:vac-hanau": "country:DE"}


def _rows(run_cli, *args):
    result = run_cli("chokepoints", "--product", "product:f-35", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {c["id"]: c for c in json.loads(result.stdout)[0]["chokepoints"]}


def test_the_plants_take_equal_parts_of_the_rest_of_the_worlds_share(run_cli):
    before = _rows(run_cli, "--as-of", "2024-06-30")
    after = _rows(run_cli, "--as-of", "2025-06-01")
    # SmCo magnets: the rest of the world's 8% between Electron Energy, VAC and its
    # unmapped output; SmCo alloy: 8% between LCM and the unmapped output
    for rows in (before, after):
        assert rows["facility:eec-landisville"]["loss_range"] == [round(BIS_XX / 3, 6)] * 2
        assert rows["facility:vac-hanau"]["loss_range"] == [round(BIS_XX / 3, 6)] * 2
        assert rows["facility:lcm-ellesmere-port"]["loss_range"] == [BIS_XX / 2] * 2
        assert rows["facility:lcm-ellesmere-port"]["assumed_share"] is True
        assert rows["country:CN"]["loss_range"] == [0.999985] * 2
        assert rows["country:CN"]["spof"] is False
    # NdPr metal: 8.7228% between LCM, GQD and the unmapped output, and Fort Worth from
    # its first production (22 Jan 2025)
    assert before["facility:gqd-rayong"]["loss_range"] == [round(IEA_XX / 3, 6)] * 2
    assert "facility:fort-worth" not in before
    assert after["facility:gqd-rayong"]["loss_range"] == [round(IEA_XX / 4, 6)] * 2


def test_the_april_2025_denial_leaves_the_smco_products_the_rest_of_the_worlds_chain(run_cli):
    result = run_cli("scenario", "--name", "cn-2025-04-defence-denial", "--format", "json")
    rows = {r["product"]: r for r in json.loads(result.stdout)["products"]}
    # Sm oxide and Sm metal: 0.087228 each outside China; SmCo alloy and magnets: 0.08 each
    left = round(IEA_XX ** 2 * BIS_XX ** 2, 6)
    assert left == 4.9e-05
    for product in ("product:f-35", "product:jdam", "product:tomahawk"):
        assert rows[product]["availability_range"] == [left, left], product
        assert rows[product]["loss_range"] == [round(1 - left, 6)] * 2 == [0.999951] * 2
        assert rows[product]["confidence"] == "low"
    # the JDAM's and Tomahawk's chains have no stage left without a producer
    assert rows["product:jdam"]["supply_not_mapped"] == rows["product:tomahawk"][
        "supply_not_mapped"] == []
    # without the low proxies the stages are unknown again: the figures of before
    strong = run_cli("--min-confidence", "medium", "scenario", "--name",
                     "cn-2025-04-defence-denial", "--format", "json")
    rows = {r["product"]: r for r in json.loads(strong.stdout)["products"]}
    # the F-35's Dy/Tb-doped magnet need is itself low (gradefix): left out, nothing is known
    assert rows["product:f-35"]["loss_range"] == [0.0, 1.0]
    assert rows["product:tomahawk"]["loss_range"] == [0.0, 1.0]
