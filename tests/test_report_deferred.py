"""A report's short share sets are found when a view first reads them, not held for every
product (issue 18, twelfth round: at 100k nodes the reports of all products held 44 MiB
of them, and a set of upstream ids per product 123 MiB more); read, they are the list
the report gave before, in its JSON too."""

from __future__ import annotations

import json

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis.chokepoints import Deferred, chokepoints
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.supply_graph import SupplyGraph

SRC = ("source:s",)


def _graph() -> SupplyGraph:
    # p needs m (shares 0.6 + 0.3 = 0.9 in 2024) and n (a whole 1.0)
    claims = [Claim("product:p", "REQUIRES", "material:m", (), SRC),
              Claim("product:p", "REQUIRES", "material:n", (), SRC),
              Claim("country:AA", "PRODUCES", "material:m", (("share", 0.6), ("year", 2024)),
                    SRC),
              Claim("country:BB", "PRODUCES", "material:m", (("share", 0.3), ("year", 2024)),
                    SRC),
              Claim("country:AA", "PRODUCES", "material:n", (("share", 1.0),), SRC)]
    claims += [Claim(n, "label", n, (), SRC)
               for n in ["product:p", "material:m", "material:n", "country:AA", "country:BB"]]
    return SupplyGraph(claims)


def test_short_sets_are_found_when_first_read():
    [report] = chokepoints(_graph(), ["product:p"])
    assert isinstance(report.short_sets, Deferred)
    assert report.short_sets._items is None  # nothing found yet
    expected = [{"material": "material:m", "total": 0.9, "years": [2024]}]
    assert report.short_sets == expected and len(report.short_sets) == 1
    assert report.short_sets[0] == expected[0] and repr(report.short_sets) == repr(expected)
    assert report.short_sets._make is None  # found once, then kept
    assert json.loads(json.dumps(report.as_dict()))["short_share_sets"] == expected


def test_upstream_sorted_is_the_sorted_upstream_not_kept():
    analysis = Analysis(_graph())
    found = analysis.upstream_sorted("product:p")
    assert found == ["country:AA", "country:BB", "material:m", "material:n"]
    assert analysis._upstream == {}  # no set kept per product
    assert found == sorted(analysis.upstream("product:p"))
