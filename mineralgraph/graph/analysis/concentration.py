"""Concentration of a material's supply among countries: shares, top-1, top-3, HHI.

HHI is the Herfindahl-Hirschman index over producing countries:
``sum((100 * share) ** 2)``, from 0 to 10,000; above 2,500 is highly concentrated
(US DOJ/FTC Horizontal Merger Guidelines). "Rest of world" (``country:XX``) is left
out of the index and of the top shares: its parts are unknown, and counting it as one
country would overstate concentration. Where two sources give country shares for the
same year (World Mining Data and USGS), one set is read (design note §5.5,
:mod:`mineralgraph.graph.share_sets`) and the others are summarised in ``other_sets``.

>>> round(hhi({"CN": 0.7, "US": 0.3}), 1)
5800.0
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mineralgraph.graph.statistics import share_basis
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

REST_OF_WORLD = "country:XX"
HIGHLY_CONCENTRATED = 2500.0


def hhi(shares: dict[str, float]) -> float:
    """The HHI of country shares given as fractions (0 to 1)."""
    return sum((100.0 * share) ** 2 for share in shares.values())


@dataclass
class Concentration:
    """Country shares of one material at its stage, with top-1, top-3 and HHI."""

    material: str
    label: str
    stage: str | None
    year: int | None
    shares: dict[str, float]
    rest: float
    top1: float
    top3: float
    hhi: float
    top_country: str | None
    sources: list[str] = field(default_factory=list)
    other_sets: list[dict] = field(default_factory=list)
    #: the sum of the shares as the source gives them, where it exceeds 1 (USGS rounds
    #: world totals, not the countries): ``shares`` and every figure here are then shares
    #: of that sum, as the analysis reads them (design note 5.5); None otherwise
    stated_sum: float | None = None
    #: the top country's share as the source gives it, where ``stated_sum`` is set
    stated_top1: float | None = None
    #: the codes (as in ``shares``) whose share is the remainder of the stated ones,
    #: which no source gives (:func:`~mineralgraph.graph.statistics.share_basis`), sorted
    remainder: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"material": self.material, "label": self.label, "stage": self.stage,
                "year": self.year, "shares": self.shares, "rest_of_world": self.rest,
                "top1": self.top1, "top3": self.top3, "hhi": self.hhi,
                "top_country": self.top_country, "sources": self.sources,
                "other_sets": self.other_sets, "stated_sum": self.stated_sum,
                "stated_top1": self.stated_top1, "remainder_shares": self.remainder}


def top_share_claims(graph: SupplyGraph, material: str, country: str) -> list:
    """The claims a country's share of a material rests on, as :func:`country_shares`
    reads them: its own share claim and those of its facilities and producing
    companies."""
    _, used = country_shares(graph, material)
    return [c for c in used if c.subject == country
            or country in graph.neighbours(c.subject, "LOCATED_IN")]


def concentration_support(graph: SupplyGraph, material: str):
    """What a material's concentration figure (its top country's share, beside its
    HHI) rests on, as :class:`~mineralgraph.graph.analysis.confidence.Caveats`: the top
    country's share claims; none for a material without shares. The support the one
    tie-break reads at an equal HHI
    (:func:`~mineralgraph.graph.analysis.confidence.support_key`)."""
    from mineralgraph.graph.analysis.confidence import Caveats

    found = concentration(graph, material)
    if found is None or not found.top_country:
        return Caveats()
    return Caveats.of(top_share_claims(graph, material, found.top_country))


def country_shares(graph: SupplyGraph, material: str) -> tuple[dict[str, float], list]:
    """Country id -> share of world output of a material, and the claims used.

    A country's share is its aggregate share, or the sum of its facilities' (and
    producing companies') shares when those are larger (they are part of their
    country's output).
    """
    aggregate: dict[str, float] = {}
    by_facility: dict[str, float] = defaultdict(float)
    used = []
    from mineralgraph.graph.analysis.structure import stated_share

    for claim in graph.relation_claims(material, "PRODUCES", incoming=True):
        share = stated_share(graph, claim)  # none from press alone (5.5)
        if share is None:
            continue
        kind = model.kind_of(claim.subject)
        if kind == "Country":
            aggregate[claim.subject] = share
            used.append(claim)
        elif kind in ("Facility", "Company"):  # a company producing itself: design note 5.1
            for country in graph.neighbours(claim.subject, "LOCATED_IN"):
                by_facility[country] += share
            used.append(claim)
    countries = set(aggregate) | set(by_facility)
    shares = {c: max(aggregate.get(c, 0.0), by_facility.get(c, 0.0)) for c in countries}
    return dict(sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))), used


def figure_sources(graph: SupplyGraph, claim) -> list[str]:
    """The sources a share figure is cited to: those that are not press or a repost when it
    has any (USGS's figure, not a repost that also quotes a remark on it: trial 6, L9),
    else all of them.

    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([Claim("source:r", "source_type", "repost", sources=("source:r",)),
    ...                  Claim("source:u", "source_type", "statistics", sources=("source:u",))])
    >>> figure_sources(g, Claim("country:CN", "PRODUCES", "material:m", (("share", 0.7),),
    ...                         ("source:r", "source:u")))
    ['source:u']
    """
    primary = [s for s in claim.sources if graph.source_type(s) not in ("press", "repost")]
    return primary or list(claim.sources)


def other_sets(graph: SupplyGraph, material: str) -> list[dict]:
    """The share sets the analysis does not read: source, year, top country and HHI."""
    choice = graph.share_choices().get(material)
    out = []
    for item in choice.others if choice else ():
        named = {c: s for c, s in item.countries.items() if c != REST_OF_WORLD}
        top = min(named, key=lambda c: (-named[c], c)) if named else None
        out.append({"source": item.source, "year": item.year, "top_country": top,
                    "top1": round(named.get(top, 0.0), 6), "hhi": round(hhi(named), 1)})
    return out


def concentration(graph: SupplyGraph, material: str) -> Concentration | None:
    """The concentration of a material, or None when no country share is recorded.

    A set whose shares add up to more than 1 (up to 1.02: USGS rounds world totals, not
    the countries) is read as shares of its sum, as the analysis reads it (design note
    5.5), so a share reads the same here, in a headline and in a scenario: gallium's
    China 98.68% of a set adding up to 100.25% is 98.43%. ``stated_sum`` and
    ``stated_top1`` keep what the source gives.

    >>> from mineralgraph.claim import Claim
    >>> def c(s, v): return Claim(s, "PRODUCES", "material:m", (("share", v),))
    >>> found = concentration(SupplyGraph([c("country:CN", 0.9868), c("country:RU", 0.0079),
    ...                                    c("country:XX", 0.0078)]), "material:m")
    >>> found.top1, found.stated_top1, found.stated_sum
    (0.984339, 0.9868, 1.0025)
    """
    shares, used = country_shares(graph, material)
    if not shares:
        return None
    total = sum(shares.values())
    stated_sum = stated_top1 = None
    if total > 1.0 + 1e-9:
        stated_sum = round(total, 6)
        stated_top1 = round(max((s for c, s in shares.items() if c != REST_OF_WORLD),
                                default=0.0), 6)
        shares = {c: s / total for c, s in shares.items()}
    named = {c: s for c, s in shares.items() if c != REST_OF_WORLD}
    ranked = sorted(named.values(), reverse=True)
    years = [c.qualifier("year") for c in used if c.qualifier("year")]
    top = next(iter(named), None)
    return Concentration(
        material=material, label=graph.label(material),
        stage=graph.attribute(material, "stage"), year=max(years) if years else None,
        shares={c.partition(":")[2]: round(s, 6) for c, s in shares.items()},
        rest=round(max(0.0, 1.0 - sum(shares.values())) + shares.get(REST_OF_WORLD, 0.0), 6),
        top1=round(ranked[0], 6) if ranked else 0.0, top3=round(sum(ranked[:3]), 6),
        hhi=round(hhi(named), 1), top_country=top,
        sources=sorted({s for c in used for s in figure_sources(graph, c)}),
        other_sets=other_sets(graph, material), stated_sum=stated_sum,
        stated_top1=stated_top1,
        remainder=sorted({c.subject.partition(":")[2] for c in used
                          if c.subject in shares and share_basis(c) == "remainder"}))


def concentrations(graph: SupplyGraph, materials: list[str] | None = None) -> list[Concentration]:
    """Concentration of each material with recorded country shares (all when None)."""
    out = []
    for material in materials or graph.ids("Material"):
        graph.require(material, "Material")
        found = concentration(graph, material)
        if found is not None:
            out.append(found)
    return out
