"""Invariants of the risk scorers, on random inputs (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mineralgraph.claim import Claim
from mineralgraph.graph.risk import RiskInputs
from mineralgraph.graph.risk.eu_hhi_wgi import compute as eu_compute
from mineralgraph.graph.risk.geopolrisk import compute as gpr_compute
from mineralgraph.graph.risk.inputs import ProductionSet, TradeFlow

COUNTRIES = [f"country:{c}" for c in ("CN", "US", "AU", "CD", "JP", "BR", "ZA", "TW")]

amounts = st.dictionaries(st.sampled_from(COUNTRIES),
                          st.floats(min_value=0.001, max_value=1e7), min_size=1)
flows = st.lists(st.tuples(st.sampled_from(COUNTRIES), st.floats(min_value=0, max_value=1e6),
                           st.floats(min_value=0, max_value=1e9)), max_size=12)
estimates = st.dictionaries(st.sampled_from(COUNTRIES), st.floats(min_value=-3, max_value=3))


def inputs(production, trade, pv, importer="country:US"):
    total = sum(production.values())
    found = ProductionSet("material:x", 2023, "source:s", dict(production),
                          {c: a / total for c, a in production.items()}, "t",
                          [Claim(c, "PRODUCES", "material:x", sources=("source:s",))
                           for c in production])
    trade_flows = [TradeFlow(p, "000000", 2023, t, v,
                             Claim(p, "EXPORTS_TO", importer, sources=("source:t",)))
                   for p, t, v in trade if p != importer]

    def governance(country):
        if country not in pv:
            return {}
        return {"pv": Claim(country, "governance", pv[country], (("indicator", "pv"),),
                            sources=("source:w",))}

    return RiskInputs(importer, None, 2023, found, trade_flows, 0.0, governance)


@settings(max_examples=200, deadline=None)
@given(amounts, flows, estimates)
def test_geopolrisk_is_bounded_and_order_free(production, trade, pv):
    score = gpr_compute(inputs(production, trade, pv))
    hhi, wta = score.factors["hhi"], score.factors["import_risk"]
    assert 1 / len(production) - 1e-9 <= hhi <= 1 + 1e-9
    assert 0 <= wta <= 1 + 1e-9
    if score.value is not None:
        assert 0 <= score.value <= hhi + 1e-9
        again = gpr_compute(inputs(production, list(reversed(trade)), pv))
        assert abs(again.value - score.value) <= 1e-9 * max(1.0, score.value)


@settings(max_examples=200, deadline=None)
@given(amounts, estimates)
def test_eu_hhi_wgi_is_between_0_and_10_times_hhi(production, pv):
    score = eu_compute(inputs(production, [], pv))
    if score.value is not None:
        assert 0 <= score.value <= 10 * score.factors["hhi"] + 1e-9
