"""What the risk scorers read from the graph: production sets, imports, governance.

Everything here is read from claims, so every factor of a score can name its sources:
a production set is one source's country figures for one material and year (design
note §5.5), imports are the ``EXPORTS_TO`` claims into the importer for the HS codes
that stand for the commodity (the mapping table), and governance is the ``governance``
attribute of each country for the year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph

REST_OF_WORLD = "country:XX"

#: Units converted to tonnes for the importer's own production (others are kept as is).
TO_TONNES = {"t": 1.0, "kg": 0.001, "kt": 1000.0, "Mt": 1e6}


@dataclass
class ProductionSet:
    """One source's country production of one material in one year."""

    material: str
    year: int
    source: str
    amounts: dict[str, float] = field(default_factory=dict)
    shares: dict[str, float] = field(default_factory=dict)
    unit: str | None = None
    claims: list[Claim] = field(default_factory=list)

    def named_shares(self) -> dict[str, float]:
        """Country shares without the rest of the world: from amounts where every country
        has one (their sum is the world), else the shares as the source gives them."""
        if self.amounts and len(self.amounts) == len(self.claims):
            total = sum(self.amounts.values())
            if total > 0:
                return {c: a / total for c, a in self.amounts.items() if c != REST_OF_WORLD}
        return {c: s for c, s in self.shares.items() if c != REST_OF_WORLD}


def production_sets(graph: SupplyGraph, material: str) -> list[ProductionSet]:
    """Every (source, year) set of country production figures of a material, sorted."""
    sets: dict[tuple, ProductionSet] = {}
    for _, _, data in graph.graph.in_edges(material, data=True):
        claim = data["claim"]
        if claim.predicate != "PRODUCES" or not claim.subject.startswith("country:"):
            continue
        year, amount, share = (claim.qualifier("year"), claim.qualifier("amount"),
                               claim.qualifier("share"))
        if year is None or (amount is None and share is None) or not claim.sources:
            continue
        key = (claim.sources[0], year)
        found = sets.setdefault(key, ProductionSet(material, year, claim.sources[0]))
        found.claims.append(claim)
        if amount is not None:
            found.amounts[claim.subject] = amount
            found.unit = found.unit or claim.qualifier("unit")
        if share is not None:
            found.shares[claim.subject] = share
    return [sets[k] for k in sorted(sets, key=lambda k: (k[1], k[0]))]


def production_set(graph: SupplyGraph, material: str, year: int,
                   prefer: str = "source:wmd") -> ProductionSet | None:
    """The set of a material and year a scorer uses: one whose source id starts with
    ``prefer`` (the GeoPolRisk method is built on World Mining Data), else the one with
    the most countries (then the smaller source id); never a set from press or reposts
    alone unless ``graph.press_figures`` (design note 5.5)."""
    from mineralgraph.graph.share_sets import is_press

    found = [s for s in production_sets(graph, material) if s.year == year
             and (graph.press_figures or not all(is_press(c, graph.source_type)
                                                 for c in s.claims))]
    if not found:
        return None
    preferred = [s for s in found if s.source.startswith(prefer)]
    pool = preferred or found
    return min(pool, key=lambda s: (-len(s.claims), s.source))


@dataclass
class TradeFlow:
    """One partner's exports of one HS code to the importer in one year."""

    partner: str
    hs_code: str
    year: int
    tonnes: float
    value_usd: float
    claim: Claim


class TradeIndex:
    """The trade claims into (and out of) one country, by year and HS code."""

    def __init__(self, graph: SupplyGraph, country: str):
        self.country = country
        self.imports: dict[tuple[int, str], list[TradeFlow]] = defaultdict(list)
        self.exports: dict[tuple[int, str], float] = defaultdict(float)
        for _, _, data in graph.graph.in_edges(country, data=True):
            claim = data["claim"]
            if claim.predicate == "EXPORTS_TO":
                for flow in _flows(claim, claim.subject):
                    self.imports[(flow.year, flow.hs_code)].append(flow)
        for _, _, data in graph.graph.out_edges(country, data=True):
            claim = data["claim"]
            if claim.predicate == "EXPORTS_TO":
                for flow in _flows(claim, claim.object):
                    self.exports[(flow.year, flow.hs_code)] += flow.tonnes

    def flows(self, year: int, codes) -> list[TradeFlow]:
        """Imports of the HS codes in a year, by partner then code."""
        out = [f for code in codes for f in self.imports.get((year, code), ())]
        return sorted(out, key=lambda f: (f.partner, f.hs_code))

    def exported(self, year: int, codes) -> float:
        """Tonnes the country exported of the HS codes in a year."""
        return sum(self.exports.get((year, code), 0.0) for code in codes)

    def years(self, codes) -> list[int]:
        """Years with imports of any of the HS codes."""
        return sorted({y for (y, code) in self.imports if code in set(codes)})


def _flows(claim: Claim, partner: str) -> list[TradeFlow]:
    codes = str(claim.qualifier("hs_code") or "").split(";")
    if len(codes) != 1 or not codes[0] or claim.qualifier("year") is None:
        return []   # claims adding several codes cannot be split by code
    amount = claim.qualifier("amount")
    tonnes = 0.0 if amount is None else amount * TO_TONNES.get(claim.qualifier("unit"), 1.0)
    return [TradeFlow(partner, codes[0], claim.qualifier("year"), tonnes,
                      float(claim.qualifier("trade_value") or 0.0), claim)]


def governance(graph: SupplyGraph, country: str, year: int) -> dict[str, Claim]:
    """Indicator -> the governance claim of a country for a year."""
    found: dict[str, Claim] = {}
    for claim in graph.attribute_claims(country, "governance"):
        if claim.qualifier("year") == year:
            indicator = claim.qualifier("indicator") or ""
            if indicator not in found or claim.id < found[indicator].id:
                found[indicator] = claim
    return dict(sorted(found.items()))
