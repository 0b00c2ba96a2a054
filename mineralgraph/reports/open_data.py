"""Reports of the open statistics: import dependence, risk rankings, share disagreements."""

from __future__ import annotations

from dataclasses import asdict

from mineralgraph.cells import fit
from mineralgraph.graph.risk import scorers
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.common import SourceIndex, name, percent, reading_lines
from mineralgraph.reports.tables import row_caveats, tabular


def _code(node_id: str | None) -> str:
    return (node_id or "").partition(":")[2]


def _num(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _tonnes(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def render_imports(result: dict, graph: SupplyGraph, fmt: str) -> str:
    """An importer's imports of a material by partner, with shares, PV and reliance."""
    sources = SourceIndex(graph)
    cite = sources.cite(result["sources"]) if fmt != "csv" else ""
    csv = fmt == "csv"
    rows = [{"partner": _code(r["partner"]), "name": r["label"],
             "tonnes": r["tonnes"] if csv else _tonnes(r["tonnes"]),
             "value_usd": r["value_usd"] if csv else f"{r['value_usd']:,.0f}",
             "share_value": r["share_value"] if csv else percent(r["share_value"]),
             "share_tonnes": r["share_tonnes"] if csv else percent(r["share_tonnes"]),
             "wgi_pv": "" if r["pv_estimate"] is None else round(r["pv_estimate"], 3)}
            for r in result["partners"]]
    if result["year"] is None:
        intro = (f"No imports of {name(graph, result['material'])} into "
                 f"{name(graph, result['importer'])} are recorded (HS "
                 f"{', '.join(result['hs_codes'])}); load CEPII BACI with --source "
                 "open-data:baci or a BACI/Comtrade CSV file.")
    else:
        reliance = ("not computable" if result["reliance"] is None
                    else percent(result["reliance"]))
        production = ("no production figure" if result["production_t"] is None else
                      f"production {_tonnes(result['production_t'])} t "
                      f"({result['production_source']})")
        intro = (f"Imports of {name(graph, result['material'])} (HS "
                 f"{', '.join(result['hs_codes'])}) into {name(graph, result['importer'])} "
                 f"in {result['year']}: {_tonnes(result['imports_t'])} t worth "
                 f"{result['imports_usd']:,.0f} USD from {len(rows)} partner(s); exports "
                 f"{_tonnes(result['exports_t'])} t; {production}. Net import reliance "
                 f"(imports - exports) / (production + imports - exports): {reliance}. "
                 f"Trade is gross weight, production metal or oxide content. {cite}\n"
                 f"Years with imports: {', '.join(map(str, result['years']))}. wgi_pv: WGI "
                 "political stability estimate of the partner (-2.5 weak to 2.5 strong).")
    stated = _stated_text(result.get("stated"), graph, sources) if not csv else ""
    if stated:
        intro = f"{intro}\n{stated}"
    return tabular("Imports by partner", rows, ["partner", "name", "tonnes", "value_usd",
                                                "share_value", "share_tonnes", "wgi_pv"],
                   fmt, result, graph, sources, intro)


def _stated_share(value: float, bound: str | None) -> str:
    return {"more-than": ">", "less-than": "<"}.get(bound or "", "") + percent(value)


def _stated_text(stated: dict | None, graph: SupplyGraph, sources: SourceIndex) -> str:
    """What a statistics agency states: one line per import-source list and reliance."""
    if not stated:
        return ""
    lines = []
    for item in stated["lists"]:
        partners = "; ".join(
            f"{'other' if p['partner'] == 'country:XX' else _code(p['partner'])} "
            f"{_stated_share(p['share'], p['bound'])}" for p in item["partners"])
        lines.append(f"Stated import sources {item['period']} of {item['about']} "
                     f"({item['material']}{_what(item)}): {partners} "
                     f"{sources.cite(item['sources'])}")
    for item in stated["reliance"]:
        figure = ("net exporter" if item["net_exporter"] else
                  _stated_share(item["net_import_reliance"], item["bound"]))
        lines.append(f"Stated net import reliance {item['year']} ({item['about']}, "
                     f"{item['material']}{_what(item)}): {figure} "
                     f"{sources.cite(item['sources'])}")
    return "\n".join(lines)


def _what(item: dict) -> str:
    """What a stated figure's node is to the material asked about: ``, an input
    upstream`` or ``, an element it contains`` ("" for the material itself)."""
    return {"input": ", an input upstream", "element": ", an element it contains"}.get(
        item.get("relation", "itself"), "")


def _partners(partners: list[dict], most: int = 3) -> str:
    shown = [f"{_code(p['partner'])} {percent(p['share'])} (w {p['weight']:.2f})"
             for p in partners[:most]]
    return ", ".join(shown) + (f", +{len(partners) - most} more"
                               if len(partners) > most else "")


def render_risk(importer: str, rows: list[dict], graph: SupplyGraph, fmt: str,
                top: int | None = None) -> str:
    """Commodities ranked by risk for an importer, with every factor of each score."""
    sources = SourceIndex(graph)
    csv = fmt == "csv"
    shown = rows[:top] if top else rows
    table = []
    for rank, row in enumerate(shown, start=1):
        gpr, eu = row["scores"]["geopolrisk"], row["scores"]["eu-hhi-wgi"]
        f, e = gpr.factors, eu.factors
        cited = sorted(set(gpr.sources) | set(eu.sources))
        table.append({
            "rank": rank, "commodity": row["commodity"], "material": row["material"],
            "year": row["year"], "geopolrisk": _num(gpr.value, 4) if not csv else gpr.value,
            "hhi": _num(f.get("hhi"), 4) if not csv else f.get("hhi"),
            "import_risk": _num(f.get("import_risk"), 4) if not csv else f.get("import_risk"),
            "imports_t": _tonnes(f.get("imports_t")) if not csv else f.get("imports_t"),
            "own_production_t": (_tonnes(f.get("own_production_t")) if not csv
                                 else f.get("own_production_t")),
            "top_partners": _partners(f.get("partners", [])),
            "eu_hhi_wgi": _num(eu.value, 3) if not csv else eu.value,
            "wgi_dims": ",".join(e.get("wgi_dimensions", [])),
            "notes": "; ".join(gpr.notes + eu.notes),
            # what the scores rest on (5.7; the ranking's tie-break reads it)
            "confidence": row_caveats(row).describe(),
            "sources": ";".join(cited) if csv else sources.cite(cited)})
    methods = "\n".join(f"{s.name} v{s.version}: {s.formula}. Inputs: {s.inputs}. "
                        f"Reference: {s.reference}." for s in scorers())
    scored = sum(1 for r in rows if r["scores"]["geopolrisk"].value is not None)
    intro = (f"Commodities ranked by supply risk for {name(graph, importer)} (highest "
             f"first); w is the partner's instability weight. {scored} of {len(rows)} "
             "commodities with production figures have imports to score; the others are "
             "listed last, unscored. HHI here is GeoPolRisk's: on a 0-1 scale, of the "
             "named producers' shares of their own total (rest of world left out, the "
             "others rescaled to sum to 1); `concentration` gives the HHI of shares of world "
             "output on a 0-10,000 scale (rest of world left out, not rescaled): for the same "
             "figures, this one is that one / 10,000 / (the named producers' part of world "
             f"output)^2.\n{methods}")
    columns = ["rank", "commodity", "year", "geopolrisk", "hhi", "import_risk", "imports_t",
               "own_production_t", "top_partners", "eu_hhi_wgi", "wgi_dims", "sources"]
    if csv:
        columns = ["rank", "commodity", "material", "year", "geopolrisk", "hhi",
                   "import_risk", "imports_t", "own_production_t", "top_partners",
                   "eu_hhi_wgi", "wgi_dims", "notes", "confidence", "sources"]
    data = {"importer": importer, "methods": [s.describe() for s in scorers()],
            "commodities": [{**{k: v for k, v in row.items() if k != "scores"},
                             "scores": {k: asdict(v) for k, v in row["scores"].items()}}
                            for row in shown]}
    if fmt in ("json", "csv"):
        return tabular("Supply risk by commodity", table, columns, fmt, data, graph, sources,
                       intro)
    # every report says when --worst-case or --press-figures is on
    lead = "".join(f"{line}\n\n" for line in reading_lines(graph))
    return _risk_blocks(shown, table, lead + intro, sources, fmt == "md")


def _risk_blocks(rows: list[dict], table: list[dict], intro: str, sources: SourceIndex,
                 md: bool) -> str:
    """Text and Markdown: one block per commodity, the score written as its formula; a
    block's lines start under its name, after the rank (``10.`` as ``9.``), and text
    lines fold to the width of the output."""
    out = ["# Supply risk by commodity" if md else "SUPPLY RISK BY COMMODITY", "", intro, ""]
    for row, line in zip(rows, table, strict=True):
        gpr, eu = row["scores"]["geopolrisk"], row["scores"]["eu-hhi-wgi"]
        f = gpr.factors
        head = f"{line['rank']}. {row['commodity']} ({row['material']}), {row['year']}"
        out.append(f"## {head}" if md else head)
        pad = " " * (len(str(line["rank"])) + 2)
        if gpr.value is not None:
            out.append(f"{pad}GeoPolRisk {gpr.value:.4f} = HHI {f['hhi']:.4f} x import risk "
                       f"{f['import_risk']:.4f}")
            out.append(f"{pad}import risk = {_tonnes(f['weighted_imports_t'])} weighted t / "
                       f"({_tonnes(f['imports_t'])} t imported + "
                       f"{_tonnes(f['own_production_t'])} t produced)")
            out.append(f"{pad}partners (share of tonnes, weight): {line['top_partners']}")
        elif f:
            out.append(f"{pad}GeoPolRisk not scored; production HHI {f['hhi']:.4f} (0-1, of "
                       "the named producers' total)")
        if eu.value is not None:
            out.append(f"{pad}EU HHI_WGI {eu.value:.3f} (0-10; WGI dimensions: "
                       f"{line['wgi_dims']})")
        rated = f" ({line['confidence']} confidence)" if line["confidence"] else ""
        out.append(f"{pad}sources {line['sources']}{rated}"
                   + (f"; {line['notes']}" if line["notes"] else ""))
        out.append("")
    if sources.numbers:
        out += ["## Sources" if md else "SOURCES", ""] + sources.listing(md)
    text = "\n".join(out).rstrip("\n")
    return text if md else fit(text)


def render_disagreements(rows: list[dict], graph: SupplyGraph, fmt: str,
                         threshold: float) -> str:
    """Materials and years where WMD's and USGS's top producers disagree."""
    sources = SourceIndex(graph)
    csv = fmt == "csv"
    table = [{"material": r["material"] if csv else graph.label(r["material"]),
              "year": r["year"],
              "wmd_top": f"{_code(r['first_top'])} {percent(r['first_share'])}"
              if not csv else _code(r["first_top"]),
              "usgs_top": f"{_code(r['second_top'])} {percent(r['second_share'])}"
              if not csv else _code(r["second_top"]),
              "gap_points": r["gap_points"],
              "sources": (sources.cite([r["first_source"], r["second_source"]]) if not csv
                          else f"{r['first_source']};{r['second_source']}")}
             for r in rows]
    if csv:
        for row, r in zip(table, rows, strict=True):
            row.update(wmd_share=r["first_share"], usgs_share=r["second_share"])
    intro = (f"World Mining Data against USGS: the top producer's share differs by more "
             f"than {threshold:g} percentage points (or the top producer differs) in "
             f"{len(rows)} material-year(s). Both sets stay in the graph; --share-source "
             "picks one.")
    columns = ["material", "year", "wmd_top", "usgs_top", "gap_points", "sources"]
    if csv:
        columns = ["material", "year", "wmd_top", "wmd_share", "usgs_top", "usgs_share",
                   "gap_points", "sources"]
    return tabular("Share disagreements", table, columns, fmt, rows, graph, sources, intro)
