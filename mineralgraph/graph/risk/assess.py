"""Score commodities for an importing country with every registered method.

:func:`assess` gathers the inputs of one importer, commodity and year from the graph and
runs each scorer; :func:`rank` does it for every commodity of the mapping table that has
production figures, and orders them by one method's score (GeoPolRisk by default).
The year is the latest with both production and imports (at most ``max_year``, the year
of ``--as-of``), or the latest with production when the importer has no imports.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.analysis.confidence import Caveats, support_key_of
from mineralgraph.graph.commodities import Commodity, commodities, commodities_of_material
from mineralgraph.graph.risk import RiskInputs, scorers
from mineralgraph.graph.risk.inputs import (
    TradeIndex,
    governance,
    production_set,
    production_sets,
)
from mineralgraph.graph.supply_graph import SupplyGraph


def commodity_of(node_or_name: str) -> Commodity:
    """The mapping row of a material id or a WMD commodity name."""
    rows = commodities_of_material(node_or_name)
    if rows:
        return rows[0]
    from mineralgraph.graph.commodities import commodity

    found = commodity(node_or_name)
    if found is None:
        raise MineralGraphError(f"{node_or_name} is not a commodity of the mapping table "
                                "(mineralgraph/data/open_data/commodities.csv)")
    return found


def choose_year(graph: SupplyGraph, trade: TradeIndex, commodity: Commodity,
                year: int | None, max_year: int | None) -> int | None:
    """The year to score: ``year`` if given, else the latest with production and
    imports (else production alone), not after ``max_year``."""
    if year is not None:
        return year
    produced = {s.year for s in production_sets(graph, commodity.material)}
    produced = {y for y in produced if max_year is None or y <= max_year}
    both = produced & set(trade.years(commodity.hs_codes))
    pool = both or produced
    return max(pool) if pool else None


class Assessor:
    """Scores commodities for one importer; governance lookups are cached."""

    def __init__(self, graph: SupplyGraph, importer: str):
        graph.require(importer, "Country")
        self.graph, self.importer = graph, importer
        self.trade = TradeIndex(graph, importer)
        self._governance = lru_cache(maxsize=None)(
            lambda country, year: governance(graph, country, year))

    def inputs(self, commodity: Commodity, year: int) -> RiskInputs:
        return RiskInputs(
            importer=self.importer, commodity=commodity, year=year,
            production=production_set(self.graph, commodity.material, year),
            imports=self.trade.flows(year, commodity.hs_codes),
            exported_tonnes=self.trade.exported(year, commodity.hs_codes),
            governance=lambda country: self._governance(country, year))

    def assess(self, commodity: Commodity, year: int | None = None,
               max_year: int | None = None) -> dict | None:
        chosen = choose_year(self.graph, self.trade, commodity, year, max_year)
        if chosen is None:
            return None
        inputs = self.inputs(commodity, chosen)
        read: dict[str, dict] = {}  # the governance each scorer reads, by country

        def governance(country: str) -> dict:
            read[country] = self._governance(country, chosen)
            return read[country]

        inputs = replace(inputs, governance=governance)
        scores = {s.name: s.compute(inputs) for s in scorers()}
        # what the scores rest on (5.7): the production set, the imports and the
        # governance figures read; the ranking's tie-break reads it (support_key)
        claims = ([*inputs.production.claims] if inputs.production else []) + [
            f.claim for f in inputs.imports] + [
            c for country in sorted(read) for c in read[country].values()]
        return {"importer": self.importer, "commodity": commodity.wmd_commodity,
                "material": commodity.material, "hs_codes": list(commodity.hs_codes),
                "year": chosen, **Caveats.of(claims).as_dict(), "scores": scores}


def assess(graph: SupplyGraph, importer: str, commodity: str, year: int | None = None,
           max_year: int | None = None) -> dict | None:
    """Every method's score of one commodity for an importer (None without figures)."""
    return Assessor(graph, importer).assess(commodity_of(commodity), year, max_year)


def rank(graph: SupplyGraph, importer: str, year: int | None = None,
         max_year: int | None = None, by: str = "geopolrisk",
         chosen: list[str] | None = None) -> list[dict]:
    """Assessments of every mapped commodity with production figures (or of the
    ``chosen`` ones: material ids or commodity names), highest ``by`` score first; at an
    equal score the better-supported first (the one tie-break, ``support_key``: of the
    claims the scores rest on), then by name; commodities it cannot score last, by name."""
    assessor = Assessor(graph, importer)
    if chosen:
        rows = [found for c in dict.fromkeys(chosen)
                if (found := assessor.assess(commodity_of(c), year, max_year)) is not None]
    else:
        rows = [found for c in commodities() if c.material in graph
                and (found := assessor.assess(c, year, max_year)) is not None]
    if year is not None and rows:  # never a table of "no figures for 99999" with exit 0
        produced = {s.year for row in rows for s in production_sets(graph, row["material"])
                    if max_year is None or s.year <= max_year}
        if year not in produced:
            recorded = ", ".join(str(y) for y in sorted(produced)) or "none"
            raise MineralGraphError(f"no production figures for {year} for any commodity "
                                    f"scored (years with figures: {recorded}); nothing to "
                                    "score")

    def key(row):
        value = row["scores"][by].value if by in row["scores"] else None
        if value is None:
            return (True, 0.0, (), row["commodity"])
        return (False, -round(value, 12), support_key_of(row), row["commodity"])

    return sorted(rows, key=key)
