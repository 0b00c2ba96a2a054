"""Trade dependence: an importer's imports of a material by partner, and its reliance.

The material is a commodity of the mapping table (its imports are those of the HS codes
that stand for it), or a traded material of its own (``material:hs-282200``,
``material:ndfeb-magnet``). For each partner: tonnes, value, its share of the imports by
value and by weight, and its WGI political stability estimate. The importer's
**reliance** is its net imports over its apparent consumption, by weight::

    reliance = (imports - exports) / (production + imports - exports), within 0 and 1

with production from the production set of the year (World Mining Data) where the
material has one. Trade counts gross weight and production counts content (REO, Li2O,
Co...), so the ratio is indicative; both figures are shown. Beside it, ``stated`` holds
what a statistics agency states (USGS's import sources 2020-2023 and net import
reliance of the United States: :func:`mineralgraph.graph.statistics.stated_imports`).
"""

from __future__ import annotations

from collections import defaultdict

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.commodities import HS_MATERIALS, commodities_of_material
from mineralgraph.graph.risk.inputs import TO_TONNES, TradeIndex, governance, production_set
from mineralgraph.graph.statistics import stated_imports
from mineralgraph.graph.supply_graph import SupplyGraph


def hs_codes_of(graph: SupplyGraph, material: str) -> list[str]:
    """The HS codes whose trade stands for a material."""
    rows = commodities_of_material(material)
    if rows:
        return sorted({code for row in rows for code in row.hs_codes})
    if material.startswith("material:hs-"):
        return [material.removeprefix("material:hs-")]
    return sorted(code for code, spec in HS_MATERIALS.items() if spec[0] == material)


def missing_open_data(graph: SupplyGraph, importer: str) -> list[str]:
    """The open datasets (``wmd``, ``baci``, ``wgi``) whose figures the graph lacks for an
    importer's answer: World Mining Data shares, trade flows into ``importer`` with an HS
    code, governance indicators."""
    has_trade = any(d["relation"] == "EXPORTS_TO" and d["claim"].qualifier("hs_code")
                    for _, _, d in graph.graph.in_edges(importer, data=True))
    has_wgi = any(graph.attribute_claims(c, "governance") for c in graph.ids("Country")[:400])
    has_wmd = any(s.startswith("source:wmd") for s in graph.sources())
    return [key for ok, key in ((has_wmd, "wmd"), (has_trade, "baci"), (has_wgi, "wgi"))
            if not ok]


def import_dependence(graph: SupplyGraph, importer: str, material: str,
                      year: int | None = None, max_year: int | None = None) -> dict:
    """Imports of ``material`` into ``importer`` by partner for one year, and reliance."""
    graph.require(importer, "Country")
    graph.require(material, "Material")
    codes = hs_codes_of(graph, material)
    if not codes:
        raise MineralGraphError(f"{material} has no HS code: neither the commodity mapping "
                                "nor the trade loader's codes trade it")
    trade = TradeIndex(graph, importer)
    years = [y for y in trade.years(codes) if max_year is None or y <= max_year]
    if year is not None and year not in years:  # never "0 t from 0 partners": unknown
        recorded = ", ".join(str(y) for y in years) or "none"
        raise MineralGraphError(f"no imports of {material} into {importer} are recorded "
                                f"for {year} (years with imports: {recorded}); a year with "
                                "no figures is not a year of no imports")
    chosen = year if year is not None else (max(years) if years else None)
    result = {"importer": importer, "material": material, "hs_codes": codes, "year": chosen,
              "years": years, "partners": [], "imports_t": 0.0, "imports_usd": 0.0,
              "exports_t": 0.0, "production_t": None, "production_source": None,
              "reliance": None, "sources": []}
    result["stated"] = stated_imports(graph, importer, material)
    if chosen is None:
        return result
    partners: dict[str, dict] = defaultdict(lambda: {"tonnes": 0.0, "value_usd": 0.0})
    sources = set()
    for flow in trade.flows(chosen, codes):
        partners[flow.partner]["tonnes"] += flow.tonnes
        partners[flow.partner]["value_usd"] += flow.value_usd
        sources.update(flow.claim.sources)
    tonnes = sum(p["tonnes"] for p in partners.values())
    value = sum(p["value_usd"] for p in partners.values())
    rows = []
    for partner, row in partners.items():
        pv = governance(graph, partner, chosen).get("pv")
        if pv is not None:
            sources.update(pv.sources)
        rows.append({"partner": partner, "label": graph.label(partner),
                     "tonnes": row["tonnes"], "value_usd": row["value_usd"],
                     "share_value": row["value_usd"] / value if value else 0.0,
                     "share_tonnes": row["tonnes"] / tonnes if tonnes else 0.0,
                     "pv_estimate": None if pv is None else float(pv.object)})
    rows.sort(key=lambda r: (-r["value_usd"], r["partner"]))
    exports = trade.exported(chosen, codes)
    production = production_set(graph, material, chosen)
    own = None
    if production is not None:
        own = production.amounts.get(importer, 0.0) * TO_TONNES.get(production.unit, 1.0)
        sources.add(production.source)
        result["production_source"] = production.source
    consumption = (own or 0.0) + tonnes - exports
    reliance = None
    if consumption > 0:
        reliance = min(1.0, max(0.0, (tonnes - exports) / consumption))
    result.update(partners=rows, imports_t=tonnes, imports_usd=value, exports_t=exports,
                  production_t=own, reliance=reliance, sources=sorted(sources))
    return result
