"""An article's trade figure beside the statistical trade figure of the same flow and month.

A news article's trade figures (``reported_trade_change``, ``reported_quantity``, read
by :mod:`mineralgraph.loaders.news`) are claims of the article: they never replace a
statistical figure. :func:`statistics_beside` finds, for one such claim, the statistical
trade claims (``EXPORTS_TO``, customs or trade-database figures) of the same flow, the
same partner, the same goods and the same month (or year), so ``show`` and ``diff`` can
put the two side by side. The exporter is the claim's subject for an export and its
``partner`` for an import.

>>> from datetime import date
>>> figure = Claim("country:CN", "reported_trade_change", -0.93,
...                (("flow", "export"), ("material", "material:ndfeb-magnet"),
...                 ("partner", "country:US"), ("period", "2025-05")), ("source:wire",))
>>> customs = Claim("country:CN", "EXPORTS_TO", "country:US",
...                 (("amount", 46), ("material", "material:ndfeb-magnet"),
...                  ("unit", "t in the month"), ("year", 2025)), ("source:customs",),
...                 valid_from=date(2025, 5, 1), valid_to=date(2025, 6, 1))
>>> [c.qualifier("amount") for c in statistics_beside(SupplyGraph([figure, customs]), figure)]
[46]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mineralgraph.claim import Claim
from mineralgraph.graph.supply_graph import SupplyGraph

#: The article's figures that have a flow, a partner and a month to match.
TRADE_FIGURES = ("reported_trade_change", "reported_quantity")


@dataclass(frozen=True)
class Beside:
    """An article's trade figure and the statistical trade claims of the same flow and
    month (empty when the graph has none)."""

    figure: Claim
    statistics: tuple[Claim, ...]

    def as_dict(self) -> dict:
        return {"figure": self.figure.to_dict(),
                "statistics": [c.to_dict() for c in self.statistics]}


def _month(period: str) -> tuple[date, date] | None:
    """The first day of a ``YYYY-MM`` period and of the month after it."""
    try:
        year, month = (int(part) for part in period.split("-"))
    except ValueError:
        return None
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)


def _same_period(claim: Claim, period: str) -> bool:
    """A claim counts the period's month (valid over exactly that month) or its year
    (``year`` qualifier, not limited to one month)."""
    if len(period) == 7:
        bounds = _month(period)
        return bounds is not None and (claim.valid_from, claim.valid_to) == bounds
    if len(period) == 4 and period.isdigit():
        within_month = (claim.valid_from is not None and claim.valid_to is not None
                        and (claim.valid_to - claim.valid_from).days <= 31)
        return str(claim.qualifier("year")) == period and not within_month
    return False


def statistics_beside(graph: SupplyGraph, figure: Claim) -> list[Claim]:
    """The statistical trade claims of the same flow, partner, goods and period as an
    article's trade figure, sorted by source; none for other claims or when the figure
    lacks its partner, goods or period (a total is not matched to a bilateral figure).

    Parameters
    ----------
    graph : SupplyGraph
        The graph that holds the statistics.
    figure : Claim
        A ``reported_trade_change`` or ``reported_quantity`` claim of an article.
    """
    if figure.predicate not in TRADE_FIGURES:
        return []
    flow, partner = figure.qualifier("flow"), figure.qualifier("partner")
    material, period = figure.qualifier("material"), figure.qualifier("period")
    if flow not in ("export", "import") or not partner or not material or not period:
        return []
    exporter, importer = (figure.subject, partner) if flow == "export" else \
        (partner, figure.subject)
    out = [c for c in graph.edge_claims("EXPORTS_TO")
           if c.subject == exporter and c.object == importer and c.qualifier("material") == material
           and not set(c.sources) & set(figure.sources) and _same_period(c, str(period))]
    return sorted(out, key=lambda c: (c.sources, c.id))


def figures_beside(graph: SupplyGraph, node_id: str) -> list[Beside]:
    """The trade figures of articles about a node (its ``reported_*`` attributes), each
    with the statistical figures of the same flow and month, in the graph's order."""
    out = []
    for name in TRADE_FIGURES:
        for claim in graph.attribute_claims(node_id, name):
            if claim.qualifier("period") and claim.qualifier("partner"):
                out.append(Beside(claim, tuple(statistics_beside(graph, claim))))
    return out


def added_beside(graph: SupplyGraph, added: list[Claim]) -> list[Beside]:
    """For the article trade figures among ``added`` claims, the statistical figures of
    ``graph`` (the new graph of a diff) of the same flow and month."""
    return [Beside(c, tuple(statistics_beside(graph, c))) for c in added
            if c.predicate in TRADE_FIGURES and c.qualifier("period")
            and c.qualifier("partner")]
