"""The monthly trade series of ``trade_more.csv``: China's exports of rare-earth magnets,
gallium, germanium and antimony products, month by month, as dated ``EXPORTS_TO`` claims.

Figures read in the cited stories (China customs data as the press reported it):
rare-earth magnets to the US 46 t (May 2025, S&P Global), 353 t (June, Trading Economics),
619 t (July, S&P Global), 656 t (October, Reuters); to the world 1,238 t (May) and 3,188 t
(June, Trading Economics), 5,473 t (October, TIPP Insights); gallium 9,007 kg (July 2025)
and germanium 96 kg (June 2025, RawMaterials.net); antimony products 190 t (October 2024,
Reuters) against 6,533 t the month before.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from mineralgraph import load_bundled
from mineralgraph.loaders import bundled_data_path


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


def series(graph, importer, material):
    """{period: [amount, ...]} of China's exports of ``material`` into ``importer`` (the
    quantities; USGS's import-source shares carry no amount and are left out)."""
    out: dict[str, list[float]] = {}
    for claim in graph.edge_claims("EXPORTS_TO"):
        if (claim.subject, claim.object) == ("country:CN", importer) \
                and claim.qualifier("material") == material \
                and claim.qualifier("amount") is not None:
            out.setdefault(claim.qualifier("period"), []).append(claim.qualifier("amount"))
    return {p: sorted(v) for p, v in sorted(out.items())}


def test_magnets_to_the_us_may_to_october_2025(graph):
    us = series(graph, "country:US", "material:ndfeb-magnet")
    assert us == {"2025-05": [46.0], "2025-06": [353.0], "2025-07": [619.0],
                  "2025-08": [589.0], "2025-09": [420.0], "2025-10": [656.0]}


def test_magnets_to_the_world_keep_both_readings_of_september(graph):
    world = series(graph, "country:XX", "material:ndfeb-magnet")
    assert world == {"2025-05": [1238.0], "2025-06": [3188.0], "2025-07": [5577.0],
                     "2025-08": [6146.0], "2025-09": [5773.0, 5774.0], "2025-10": [5473.0]}


def test_gallium_germanium_and_antimony_months(graph):
    ga = series(graph, "country:XX", "element:Ga")
    ge = series(graph, "country:XX", "element:Ge")
    sb = series(graph, "country:XX", "material:antimony-products")
    assert ga["2025-07"] == [9007.0] and ga["2023-03"] == [6480.0] and ga["2025-05"] == [0.0]
    assert ga["2024"] == [69440.0]
    assert ge["2025-06"] == [96.0] and ge["2024-06"] == [1328.0] and ge["2023-08"] == [0.0]
    assert sb["2024-09"] == [6533.0] and sb["2024-10"] == [190.0] and sb["2024"] == [38632.0]
    assert series(graph, "country:US", "element:Ge") == {"2025-06": [0.0]}
    # the first months under the August 2023 licensing (Reuters, 20 Nov 2023): gallium's
    # October is two customs lines (wrought 100 kg, unwrought 150 kg), not two readings
    assert ga["2023-09"] == [0.0] and ga["2023-10"] == [100.0, 150.0]
    assert ge["2023-09"] == [1.0] and ge["2023-10"] == [648.0]


def test_each_month_is_valid_for_that_month_only(graph):
    july = graph.as_of(date(2025, 7, 15))
    us = [c for c in july.edge_claims("EXPORTS_TO")
          if c.object == "country:US" and c.qualifier("material") == "material:ndfeb-magnet"
          and c.qualifier("period")]
    assert [c.qualifier("amount") for c in us] == [619.0]


def test_units_periods_and_source_types(graph):
    with open(bundled_data_path() / "trade_more.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 57
    for row in rows:
        period = row["period"]
        assert row["valid_from"].startswith(period if len(period) == 7 else period + "-01"), row
        monthly = len(period) == 7
        assert row["unit"].endswith("in the month" if monthly else "in the year"), row
        assert row["quote"] and row["sources"], row
    types = {s: graph.attribute(s, "source_type")
             for row in rows for s in row["sources"].split(";")}
    assert types["source:spglobal-magnets-2025-07"] == "press"
    assert types["source:squidsite-reuters-magnets-2025-10"] == "repost"
    # Tradium's own market note on the customs figures (August 2025) is a firm's own account
    # of others' figures, press (it was typed company until the source-type audit)
    assert types["source:tradium-re-exports-2025-08"] == "press"
    assert set(types.values()) == {"press", "repost"}


def test_show_lists_a_monthly_trade_series_in_date_order(run_cli):
    """``show``: a flow's monthly figures read in date order, in its relations (China's
    exports to the US, each material's months) and in the figures about a material."""
    import json

    china = json.loads(run_cli("show", "country:CN", "--format", "json").stdout)
    monthly = [(r["qualifiers"]["period"], r["qualifiers"]["material"])
               for r in china["relations"]
               if r["relation"] == "EXPORTS_TO" and r["node"] == "country:US"
               and len(str(r["qualifiers"].get("period", ""))) == 7]
    assert [p for p, _ in monthly] == sorted(p for p, _ in monthly)
    assert monthly[:4] == [("2025-05", "material:ndfeb-magnet"), ("2025-06", "element:Ge"),
                           ("2025-06", "material:ndfeb-magnet"), ("2025-07", "element:Ga")]
    magnets = json.loads(run_cli("show", "material:ndfeb-magnet", "--format", "json").stdout)
    to_us = [(s["qualifiers"]["period"], s["qualifiers"]["amount"])
             for s in magnets["statistics"]
             if s["subject"] == "country:CN" and s["object"] == "country:US"]
    assert to_us == [("2025-05", 46.0), ("2025-06", 353.0), ("2025-07", 619.0),
                     ("2025-08", 589.0), ("2025-09", 420.0), ("2025-10", 656.0)]
