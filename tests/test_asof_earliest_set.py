"""``--as-of`` before a material's earliest year of country shares (addendum, "Dates").

A material's yearly country shares are valid from their year on; before the earliest
year, no share set is valid and the equal split used to hand the whole output to the
undated plants (the bundled iPhone at 2022-06-30 ranked Estonia first, "≈33-100%,
possible SPOF"). There the earliest year's set stands, marked as a proxy in time.

Hand-built graph: product P needs material X; X has a 2023 set (China 0.6, its row
already a proxy "all rare earths"; rest of world 0.4; valid 2023-01-01 to 2024-01-01), a
2024 set (China 0.7, rest of world 0.3, from 2024-01-01), an undated plant in Estonia
without a share, and a plant that starts producing on 2025-04-09. The plants without a
share split the rest of world's share with it (design note, 5.4), so with the 2023 set
losing China loses 0.6 and losing Estonia loses 0.4 / 2 = 0.2.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import Analysis
from mineralgraph.graph.supply_graph import SupplyGraph, earliest_set_proxies

IN_2023 = "2023, the earliest year on record"


def claim(subject, predicate, obj, qualifiers=(), **dates):
    return Claim(subject, predicate, obj, tuple(sorted(qualifiers)), ("source:s",), **dates)


def share(country, value, year, proxy=None, until=None):
    qualifiers = [("share", value), ("year", year)] + ([("proxy", proxy)] if proxy else [])
    return claim(country, "PRODUCES", "material:x", qualifiers,
                 valid_from=date(year, 1, 1), valid_to=until)


CLAIMS = [
    claim("source:s", "title", "S"), claim("material:x", "label", "X"),
    claim("product:p", "label", "P"), claim("country:CN", "label", "China"),
    claim("country:XX", "label", "rest of world"), claim("country:EE", "label", "Estonia"),
    claim("facility:plant", "label", "Plant"), claim("facility:new", "label", "New plant"),
    claim("product:p", "REQUIRES", "material:x"),
    share("country:CN", 0.6, 2023, "all rare earths", until=date(2024, 1, 1)),
    share("country:XX", 0.4, 2023, until=date(2024, 1, 1)),
    share("country:CN", 0.7, 2024), share("country:XX", 0.3, 2024),
    claim("facility:plant", "PRODUCES", "material:x"),
    claim("facility:plant", "LOCATED_IN", "country:EE"),
    claim("facility:new", "PRODUCES", "material:x", valid_from=date(2025, 4, 9)),
    claim("facility:new", "LOCATED_IN", "country:EE"),
    # another material's figure of 2021, so that 2022 is not before every figure on record
    # (a date before all of them has no answer: SupplyGraph refuses it)
    claim("country:AU", "PRODUCES", "material:y", (("share", 1.0), ("year", 2021)),
          valid_from=date(2021, 1, 1)),
]


@pytest.fixture(scope="module")
def graph() -> SupplyGraph:
    return SupplyGraph(CLAIMS)


def producers(graph):
    return [(c.subject, c.qualifier("share"), c.qualifier("proxy"))
            for c in graph.relation_claims("material:x", "PRODUCES", incoming=True)]


def losses(graph, wide: bool = False):
    """Each supplier's loss as (low, high) over the two bounds: plants without a share
    split their pool equally (section 5.4); under --worst-case (``wide``) their part of it
    runs from none to all of it."""
    analysis = Analysis(graph.with_worst_case(wide))
    found = {b: analysis.losses(["product:p"], b)["product:p"] for b in ("upper", "lower")}
    keys = sorted({k for b in found for k in found[b] if not k.startswith("material:")})
    return {k: tuple(sorted(round(found[b].get(k, 0.0), 6) for b in found)) for k in keys}


def test_before_the_earliest_year_its_set_stands_marked_as_a_proxy(graph):
    early = graph.as_of(date(2022, 6, 30))
    assert producers(early) == [
        ("country:CN", 0.6, f"all rare earths, in {IN_2023}"),
        ("country:XX", 0.4, IN_2023),
        ("facility:plant", None, None)]          # the plant opening in 2025 stays out
    # the plant and the rest of the world's unmapped output split its 0.4 equally (0.2
    # each); under --worst-case each may hold none or all of it
    assert losses(early) == {"country:CN": (0.6, 0.6), "country:EE": (0.2, 0.2),
                             "country:XX": (0.2, 0.2), "facility:plant": (0.2, 0.2)}
    assert losses(early, wide=True) == {"country:CN": (0.6, 0.6), "country:EE": (0.0, 0.4),
                                        "country:XX": (0.0, 0.4), "facility:plant": (0.0, 0.4)}


def test_a_date_covered_by_a_set_reads_it_unmarked(graph):
    assert producers(graph.as_of(date(2023, 6, 30))) == [
        ("country:CN", 0.6, "all rare earths"), ("country:XX", 0.4, None),
        ("facility:plant", None, None)]
    assert producers(graph.as_of(date(2024, 6, 30))) == [
        ("country:CN", 0.7, None), ("country:XX", 0.3, None), ("facility:plant", None, None)]
    assert losses(graph.as_of(date(2023, 6, 30))) == {
        "country:CN": (0.6, 0.6), "country:EE": (0.2, 0.2), "country:XX": (0.2, 0.2),
        "facility:plant": (0.2, 0.2)}


def test_the_undated_graph_is_unchanged(graph):
    assert producers(graph) == [("country:CN", 0.7, None), ("country:XX", 0.3, None),
                                ("facility:new", None, None), ("facility:plant", None, None)]
    # three split the rest of the world's 0.3: 0.1 each, both plants in Estonia
    assert losses(graph) == {"country:CN": (0.7, 0.7), "country:EE": (0.2, 0.2),
                             "country:XX": (0.1, 0.1), "facility:new": (0.1, 0.1),
                             "facility:plant": (0.1, 0.1)}
    assert losses(graph, wide=True) == {"country:CN": (0.7, 0.7), "country:EE": (0.0, 0.3),
                                        "country:XX": (0.0, 0.3), "facility:new": (0.0, 0.3),
                                        "facility:plant": (0.0, 0.3)}


def test_variants_of_a_dated_graph_mark_the_stand_in_once(graph):
    early = graph.as_of(date(2022, 6, 30))
    for variant in (early.with_policy("oldest"), early.with_min_confidence("low"),
                    early.as_of(date(2022, 1, 1)),
                    SupplyGraph(early.given_claims(), as_of=early.as_of_date)):
        assert producers(variant)[:2] == [("country:CN", 0.6, f"all rare earths, in {IN_2023}"),
                                          ("country:XX", 0.4, IN_2023)]
    # the stand-ins are rebuilt from the rows given, not stacked on themselves
    assert {c.qualifier("proxy") for c in early.given_claims()
            if c.predicate == "PRODUCES"} == {None, "all rare earths"}


def test_only_before_the_earliest_set_and_only_where_no_share_is_valid():
    ended = [share("country:CN", 0.6, 2023, until=date(2024, 1, 1))]
    assert earliest_set_proxies(ended, date(2025, 6, 30)) == []      # after, not before
    undated = claim("country:AU", "PRODUCES", "material:x", [("share", 0.1)])
    assert earliest_set_proxies(ended + [undated], date(2022, 6, 30)) == []
    event = claim("facility:plant", "PRODUCES", "material:x", valid_from=date(2025, 4, 9))
    no_year = claim("country:CN", "PRODUCES", "material:x", [("share", 0.5)],
                    valid_from=date(2024, 1, 1))
    assert earliest_set_proxies([event, no_year], date(2022, 6, 30)) == []


@pytest.fixture(scope="module")
def iphone_2022(run_cli_module):
    # NdPr oxide's and the magnets' sets are press reposts (of CSIS and the IEA): read only
    # with --press-figures (design note 5.5), the reading these tests are about
    return run_cli_module("--press-figures", "chokepoints", "--product", "product:iphone",
                          "--as-of", "2022-06-30")


@pytest.fixture(scope="module")
def run_cli_module():
    from click.testing import CliRunner

    from mineralgraph.cli import cli

    def run(*args: str):
        result = CliRunner().invoke(cli, list(args), prog_name="mineralgraph")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return run


def test_bundled_iphone_before_2023_ranks_china_first_and_estonia_is_no_spof(iphone_2022):
    table = iphone_2022[iphone_2022.index("#   node"):]
    first = next(line for line in table.splitlines() if line.startswith("1 "))
    assert "China" in first and "(country:CN)" in table.split("\n2 ")[0]
    # no longer a possible SPOF since NdPr metal carries the IEA's separation set as a low
    # proxy (2026-11-29): no stage of the iPhone's magnet chain is left to an anchor country
    assert "Possible single points of failure" not in iphone_2022
    assert "Estonia (country:EE)." not in iphone_2022
    assert ("China's figure for NdPr oxide (separated) is a proxy, measured for all refined "
            "rare earths, in 2023, the earliest year on record.") in " ".join(iphone_2022.split())
    # the report says how dated shares are read (it used to say they "count at any date")
    assert ("As of 2022-06-30: relations and controls not valid on that date are left out; a "
            "material's country shares are those of the year valid on that date, and before "
            "its earliest year on record that year's shares stand in, marked as a proxy."
            ) in " ".join(iphone_2022.split())
    assert "count at any date" not in iphone_2022


def test_bundled_iphone_before_2023_in_json(run_cli_module):
    product = json.loads(run_cli_module("--press-figures", "chokepoints", "--product",
                                        "product:iphone", "--as-of", "2022-06-30",
                                        "--format", "json"))[0]
    rows = {r["id"]: r for r in product["chokepoints"]}
    assert product["possible_spofs"] == []  # (["country:CN"] before NdPr metal's proxy set)
    # Silmet's part of the 8% the rest of the world holds is not sourced: an equal part, 2%
    # (section 5.4; 0-8% under --worst-case)
    assert rows["country:EE"]["loss_range"] == [0.02, 0.02]
    assert rows["country:EE"]["spof"] is False  # JSON: the note's false
    # 1 - 0.08 (magnets, BIS 2020) x 0.08 (alloy) x 0.087228 (NdPr metal, the IEA's 2024
    # separation set as a proxy) x 0.08 (NdPr oxide, 2023) x 0.3 (2022 mining); one figure
    # since the metal stage has that set (was [0.999846, 1.0])
    assert rows["country:CN"]["loss_range"] == [0.999987, 0.999987]
