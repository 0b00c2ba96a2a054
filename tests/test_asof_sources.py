"""``--as-of`` and the sources a report cites: a source published after the date may state
a fact valid on it (kept), but a figure of a later year is no fact of the date. The trial
found a brief ``--as-of 2022-06-30`` on the F-35 citing JL Mag's 2025 profile for its 2024
output and 2025 capacity, and the IEA's October 2025 commentary and CSIS's 2025 paper for
2023-2024 shares read as if valid in 2022, unmarked."""

from __future__ import annotations

import json
from datetime import date

from mineralgraph import load_bundled
from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph, starts


def test_a_figure_of_a_year_starts_with_its_year():
    output = Claim("facility:f", "PRODUCES", "material:m", (("amount", 5.0), ("year", 2024)),
                   ("source:s",))
    plain = Claim("facility:f", "PRODUCES", "material:m", (), ("source:s",))
    dated = Claim("facility:g", "PRODUCES", "material:m", (("year", 2024),), ("source:s",),
                  valid_from=date(2020, 5, 1))
    need = Claim("product:p", "REQUIRES", "material:m", (("year", 2026),), ("source:s",))
    assert (starts(output), starts(plain), starts(dated), starts(need)) == (
        date(2024, 1, 1), None, date(2020, 5, 1), None)
    graph = SupplyGraph([output, plain, dated, need], as_of=date(2022, 6, 30))
    # the 2024 output is gone, the undated plant, the dated one and the requirement stay
    assert sorted((c.subject, c.qualifier("amount")) for c in graph.claims) == [
        ("facility:f", None), ("facility:g", None), ("product:p", None)]
    assert len(SupplyGraph([output], as_of=date(2024, 1, 1)).claims) == 1


def test_f35_in_2022_cites_no_later_figure_as_a_fact_of_2022(run_cli):
    brief = run_cli("brief", "product:f-35", "--as-of", "2022-06-30").stdout
    sources = brief[brief.index("## Sources"):]
    # JL Mag's 2024 output and 2025 capacity (a 2025 profile): not facts of 2022
    assert "JL MAG expands" not in sources
    assert "JL Mag" not in brief
    # a later source stating what held on the date is kept: the F-35's SmCo pump magnet
    # (Defense Daily, October 2022: "in service on the jet since 2003")
    assert "Pentagon Approves National Security Waiver to Resume F-35 Deliveries" in sources
    report = json.loads(run_cli("chokepoints", "--product", "product:f-35", "--as-of",
                                "2022-06-30", "--format", "json").stdout)[0]
    china = next(r for r in report["chokepoints"] if r["id"] == "country:CN")
    measured = {(p["object"], p["measured_for"]) for p in china["proxies"]}
    # the IEA's 2024 magnet share and CSIS's 2023 heavy-refining share stand in for 2022,
    # marked as proxies in time
    assert ("material:ndfeb-magnet", "2024, the earliest year on record") in measured
    assert ("material:dy-oxide", "all heavy rare-earth refining in 2023, the earliest year "
            "on record") in measured


def test_undated_and_later_answers_keep_the_figures():
    """The newest claim of the fact (5.8) at each date: 2025 capacity, 2024 output, none."""
    graph = load_bundled()

    def years(when):
        found = graph.as_of(when) if when else graph
        return [c.qualifier("year") for c in found.relation_claims("company:jl-mag", "PRODUCES")]

    assert (years(None), years(date(2025, 6, 1)), years(date(2024, 6, 1)),
            years(date(2023, 6, 1))) == ([2025], [2025], [2024], [])
