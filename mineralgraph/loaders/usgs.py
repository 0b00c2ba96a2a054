"""USGS Mineral Commodity Summaries world tables: country shares of world production.

Two layouts of the MCS data release are read, each recognised by its columns:

- the single all-commodity file of MCS 2025 (``MCS2025_World_Data.csv``): ``SOURCE``,
  ``COMMODITY``, ``COUNTRY``, ``TYPE``, ``UNIT_MEAS``, ``PROD_2023``, ``PROD_EST_ 2024``
  (with its stray space), ``PROD_NOTES``, ``CAP_...``, ``RESERVES_2024``, ``RESERVE_NOTES``;
- the per-commodity files of earlier editions (``mcs2023-raree_world.csv``): ``Source``,
  ``Country``, ``Type``, ``Prod_t_2021``, ``Prod_t_est_2022``, ``Prod_notes``,
  ``Reserves_t``..., the unit in the column name (``t``, ``kt``, ``kg``, ``mct``).

Every (commodity, type, year) group of rows becomes one ``PRODUCES`` claim per country,
from ``country:XX`` (ISO 3166-1 alpha-2; ``country:XX`` for "Other countries") to the
material of that commodity and stage, with qualifiers ``share`` (of the world total),
``amount``, ``unit``, ``year`` and, where given, ``capacity``. The edition is the source.

Special values: ``W`` (withheld), ``NA``, ``XX`` and dashes give no claim; ``>`` and
``<`` bounds and ranges (``2,500-3,000``: the midpoint) give a claim of medium
confidence; thousands separators are allowed. A group whose countries add up to more
than the world total (beyond rounding) is skipped with one error naming the world row.

>>> parse_amount("1,234")
(1234.0, 'number')
>>> parse_amount("W"), parse_amount(">90,000,000"), parse_amount("2,500-3,000")
((None, 'withheld'), (90000000.0, 'bound'), (2750.0, 'range'))

References
----------
U.S. Geological Survey, 2025, Mineral Commodity Summaries 2025 data release,
https://doi.org/10.5066/P13XCP3R
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register
from mineralgraph.loaders.countries import country_code, country_label, is_aggregate, is_world
from mineralgraph.loaders.tables import header_of, node_claims, slug, table_rows

#: Countries may add up to this much above the rounded world total before it is an error.
SUM_TOLERANCE = 0.02

#: (USGS commodity, stage) -> the bundled material id. Commodities not listed get a new
#: material ``material:<commodity>-<stage>`` with a label and stage claim.
MATERIALS = {
    ("rare earths", "mining"): "material:re-concentrate",
    ("gallium", "processing"): "material:gallium-low-purity",
    ("germanium", "processing"): "material:germanium-metal",
    ("graphite", "mining"): "material:natural-graphite",
    ("antimony", "mining"): "material:antimony-concentrate",
    ("tungsten", "mining"): "material:tungsten-concentrate",
    ("cobalt", "mining"): "material:cobalt-mine",
    ("cobalt", "processing"): "material:cobalt-refined",
    ("lithium", "mining"): "material:lithium-mine",
    ("nickel", "mining"): "material:nickel-mine",
    ("niobium", "mining"): "material:niobium-concentrate",
    ("molybdenum", "mining"): "material:molybdenum-concentrate",
    ("tellurium", "processing"): "material:tellurium-refined",
    ("bismuth", "processing"): "material:bismuth-refined",
    ("indium", "processing"): "material:indium-refined",
}

#: Commodity names as USGS spells them (typos included) -> the name used above.
COMMODITY_NAMES = {"gemanium": "germanium", "rare earth": "rare earths",
                   "rare-earths": "rare earths", "graphite, natural": "graphite"}

#: File-name codes of the per-commodity world files (``mcs2023-raree_world.csv``).
FILE_CODES = {"raree": "rare earths", "galli": "gallium", "germa": "germanium",
              "graph": "graphite", "antim": "antimony", "tungs": "tungsten",
              "cobal": "cobalt", "lithi": "lithium", "nicke": "nickel", "niobi": "niobium",
              "molyb": "molybdenum", "tellu": "tellurium", "bismu": "bismuth",
              "indiu": "indium", "scand": "scandium", "titan": "titanium",
              "coppe": "copper", "alumi": "aluminum", "bauxi": "bauxite",
              "manga": "manganese", "vanad": "vanadium", "zinc": "zinc"}

UNITS = {"kilograms": "kg", "metric tons": "t", "thousand metric tons": "kt",
         "million metric tons": "Mt", "million carats": "Mct", "kg": "kg", "t": "t",
         "kt": "kt", "mt": "Mt", "mct": "Mct", "metric tons of contained metal": "t"}

#: Publication dates of the editions the loader knows.
EDITIONS = {2025: (date(2025, 1, 31), "https://doi.org/10.5066/P13XCP3R")}

_STAGES = (("mining", ("mine", "mined")),
           ("metal", ("metal production", "smelter production, metal")),
           ("processing", ("refinery", "refined", "smelter", "plant", "primary production",
                           "separation", "processing", "production, low")))

_ALL_COMMODITY = {"COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS"}
_PER_COMMODITY = {"Country", "Type"}
_PROD_2025 = re.compile(r"^(PROD|CAP)_(EST_)?\s*(\d{4})$", re.I)
_PROD_OLD = re.compile(r"^(Prod|Cap)_([a-z]+)_(est_)?(\d{4})$", re.I)
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def parse_amount(text: str) -> tuple[float | None, str]:
    """A USGS cell as (value, kind); kind is number, bound, range, withheld, na or zero.

    Raises ValueError for text that is none of these.
    """
    from mineralgraph.values import notation_problem

    raw = text.strip().replace("\u2013", "-").replace("\u2014", "-")
    problem = notation_problem(raw)
    if problem:  # 1,5 would be read as 15, and 25_000 or other scripts' digits as digits
        raise ValueError(problem)
    cleaned = raw.replace(",", "").replace(" ", "").rstrip("e").lstrip("~")
    if cleaned.upper() == "W":
        return None, "withheld"
    if cleaned.upper() in ("NA", "N/A", "XX", "NAN"):
        return None, "na"
    if cleaned in ("", "-", "--", "---"):
        return None, "zero"
    if cleaned[0] in "<>":
        body = cleaned.lstrip("<>=")
        if _NUMBER.match(body):
            return float(body), "bound"
    elif _NUMBER.match(cleaned):
        return float(cleaned), "number"
    else:
        low, sep, high = cleaned.partition("-")
        if sep and _NUMBER.match(low) and _NUMBER.match(high):
            return (float(low) + float(high)) / 2, "range"
    raise ValueError(f"{text!r} is not a number, W, NA, a dash, a bound or a range")


def commodity_name(text: str) -> str:
    """A USGS commodity name, normalised (``Gemanium`` is germanium)."""
    name = re.sub(r"\s+", " ", text).strip().lower()
    return COMMODITY_NAMES.get(name, name)


def stage_of(type_text: str) -> str:
    """The processing stage a USGS ``TYPE`` describes (mine production is mining)."""
    lowered = type_text.lower()
    for stage, words in _STAGES:
        if any(w in lowered for w in words):
            return stage
    return "mining"


@dataclass
class Column:
    """One production or capacity column: its name, year, unit, and whether it is capacity."""

    name: str
    year: int
    capacity: bool
    unit: str | None = None


@dataclass
class Layout:
    """What the header says: which columns hold what."""

    kind: str
    commodity: str | None
    country: str
    type: str
    source: str | None
    unit: str | None
    notes: str | None
    columns: list[Column] = field(default_factory=list)


def detect_layout(path: Path, header: list[str]) -> Layout:
    """The layout of a USGS world table, or InputError naming what is missing."""
    names = {h.strip() for h in header}
    if _ALL_COMMODITY <= names:
        columns = [Column(h, int(m.group(3)), m.group(1).upper() == "CAP")
                   for h in header if (m := _PROD_2025.match(h.strip()))]
        layout = Layout("all-commodity", "COMMODITY", "COUNTRY", "TYPE",
                        "SOURCE" if "SOURCE" in names else None, "UNIT_MEAS",
                        "PROD_NOTES" if "PROD_NOTES" in names else None, columns)
    elif _PER_COMMODITY <= names:
        columns = [Column(h, int(m.group(4)), m.group(1).lower() == "cap",
                          UNITS.get(m.group(2).lower(), m.group(2)))
                   for h in header if (m := _PROD_OLD.match(h.strip()))]
        layout = Layout("per-commodity", None, "Country", "Type",
                        "Source" if "Source" in names else None, None,
                        "Prod_notes" if "Prod_notes" in names else None, columns)
    else:
        raise InputError(str(path), 1, None, "unknown USGS layout: expected the columns "
                         "COMMODITY, COUNTRY, TYPE, UNIT_MEAS (MCS 2025) or Country, Type, "
                         f"Prod_<unit>_<year> (earlier editions); found {', '.join(header)}")
    if not any(not c.capacity for c in layout.columns):
        raise InputError(str(path), 1, None, "unknown USGS layout: no production column "
                         "(PROD_<year> or Prod_<unit>_<year>)")
    return layout


def file_commodity(path: Path) -> str | None:
    """The commodity of a per-commodity file, from its name (``mcs2023-raree_world.csv``)."""
    match = re.search(r"mcs\d{4}-([a-z]+)", path.name.lower())
    return FILE_CODES.get(match.group(1)) if match else None


def edition_of(path: Path, source_cell: str) -> int | None:
    """The MCS edition year, from the SOURCE cell (``MCS2025``) or the file name."""
    for text in (source_cell, path.name):
        match = re.search(r"mcs\s*(\d{4})", text or "", re.I)
        if match:
            return int(match.group(1))
    return None


@dataclass
class Cell:
    """One numeric cell of a country row."""

    line: int
    country: str
    code: str | None
    value: float
    kind: str
    quote: str
    column: str


class UsgsReader:
    """Reads one USGS world table into claims, collecting skipped rows."""

    def __init__(self, path: Path, context: LoadContext):
        self.path, self.known = path, context.known
        self.skipped: list[InputError] = []
        self.claims: list[Claim] = []
        self.new_nodes: dict[str, list[Claim]] = {}

    def skip(self, line: int | None, field: str | None, message: str) -> None:
        self.skipped.append(InputError(str(self.path), line, field, message))

    def read(self) -> LoadResult:
        header, rows = table_rows(self.path)
        layout = detect_layout(self.path, header)
        groups: dict[tuple, dict] = defaultdict(lambda: {"world": None, "cells": [],
                                                         "capacity": {}})
        source = None
        for line, row in rows:
            commodity = self.commodity(layout, row, line)
            if commodity is None:
                continue
            edition = edition_of(self.path, row.get(layout.source or "", ""))
            if edition is None:
                self.skip(line, layout.source, "no MCS edition in the SOURCE cell or file name")
                continue
            source = source or self.source(edition)
            name = row.get(layout.country, "")
            code = self.row_country(layout, line, name)
            if code is None:
                continue
            type_text = row.get(layout.type, "")
            unit_cell = row.get(layout.unit or "", "")
            for column in layout.columns:
                try:
                    value, kind = parse_amount(row.get(column.name, ""))
                except ValueError as exc:
                    self.skip(line, column.name, str(exc))
                    continue
                if value is None:
                    continue
                unit = column.unit or UNITS.get(unit_cell.lower().strip(), unit_cell.strip())
                key = (commodity, stage_of(type_text), type_text, column.year, unit, edition)
                group = groups[key]
                quote = (f"{row.get(layout.commodity or '', '') or commodity} | {name} | "
                         f"{type_text} | {column.name}: {row.get(column.name)}")
                cell = Cell(line, name, code, value, kind, quote, column.name)
                if column.capacity:
                    group["capacity"][code] = value
                elif code == "world":
                    group["world"] = cell
                else:
                    group["cells"].append(cell)
        for key, group in groups.items():
            self.group_claims(key, group)
        claims = [c for nodes in self.new_nodes.values() for c in nodes] + self.claims
        if source and claims:
            claims = source + claims
        return LoadResult(claims=claims, skipped=self.skipped)

    def row_country(self, layout: Layout, line: int, name: str) -> str | None:
        """``world`` for the world total, ``XX`` for "Other countries", else the ISO code."""
        if not name:
            self.skip(line, layout.country, "empty country")
            return None
        if is_world(name):
            return "world"
        if is_aggregate(name):
            return "XX"
        code = country_code(name)
        if code is None:
            self.skip(line, layout.country, f"{name!r} cannot be mapped to ISO 3166")
        return code

    def commodity(self, layout: Layout, row: dict, line: int) -> str | None:
        if layout.commodity:
            name = commodity_name(row.get(layout.commodity, ""))
            if not name:
                self.skip(line, layout.commodity, "empty commodity")
                return None
            return name
        name = file_commodity(self.path)
        if name is None:
            type_text = row.get(layout.type, "").lower()
            name = next((n for n in sorted(set(FILE_CODES.values()), key=len, reverse=True)
                         if n in type_text or n.rstrip("s") in type_text), None)
        if name is None:
            self.skip(line, layout.type, "commodity not recognised from the file name "
                      "(mcsYYYY-<code>_world.csv) or the type")
        return name

    def source(self, edition: int) -> list[Claim]:
        self.source_id = f"source:usgs-mcs{edition}-world-data"
        published, url = EDITIONS.get(edition, (None, None))
        return node_claims(self.source_id, self.known, self.source_id,
                           title=f"Mineral Commodity Summaries {edition}: world production "
                                 "and reserves (data release)",
                           publisher="U.S. Geological Survey", url=url, published=published)

    def material(self, commodity: str, stage: str) -> str:
        material = MATERIALS.get((commodity, stage))
        if material is None:
            material = f"material:{slug(commodity)}-{stage}"
        if material not in self.new_nodes:
            self.new_nodes[material] = node_claims(
                material, self.known, self.source_id,
                label=f"{commodity.capitalize()} ({stage})", stage=stage)
        return material

    def country(self, code: str) -> str:
        node = f"country:{code}"
        if node not in self.new_nodes:
            self.new_nodes[node] = node_claims(node, self.known, self.source_id,
                                               label=country_label(code),
                                               iso2=None if code == "XX" else code)
        return node

    def group_claims(self, key: tuple, group: dict) -> None:
        commodity, stage, type_text, year, unit, _ = key
        cells, world = group["cells"], group["world"]
        if not cells:
            return
        total = sum(c.value for c in cells)
        if world is not None:
            if total > world.value * (1 + SUM_TOLERANCE):
                self.skip(world.line, world.column,
                          f"countries of {commodity} ({type_text}, {year}) add up to "
                          f"{total:,.0f}, above the world total {world.value:,.0f}")
                return
            total = world.value
        if total <= 0:
            return
        material = self.material(commodity, stage)
        for cell in cells:
            qualifiers = {"amount": cell.value, "share": round(cell.value / total, 4),
                          "unit": unit, "year": year}
            capacity = group["capacity"].get(cell.code)
            if capacity is not None:
                qualifiers["capacity"] = capacity
            self.claims.append(Claim(
                self.country(cell.code), "PRODUCES", material, tuple(sorted(qualifiers.items())),
                sources=(self.source_id,), quote=cell.quote,
                confidence="high" if cell.kind == "number" else "medium",
                origin=f"{self.path}:{cell.line}"))


def load_usgs(path: Path, context: LoadContext | None = None) -> LoadResult:
    """Country shares of world production from one USGS MCS world table.

    Parameters
    ----------
    path : Path
        A world table of the MCS data release, either layout, in UTF-8, UTF-8 with BOM
        or Windows-1252.
    context : LoadContext, optional
        ``context.known`` is the graph being merged into: nodes it has get no new claims.

    Returns
    -------
    LoadResult
        The claims, and the rows skipped (one :class:`InputError` each).
    """
    return UsgsReader(Path(path), context or LoadContext()).read()


def looks_usgs(path: Path) -> bool:
    """A CSV file named like an MCS table, or with the columns of one."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    if re.search(r"mcs\d{4}", path.name, re.I):
        return True
    names = set(header_of(path))
    return _ALL_COMMODITY <= names or {"Source", "Country", "Type"} <= names


register(Loader("usgs", "USGS Mineral Commodity Summaries world table (CSV, either layout)",
                looks_usgs, load_usgs))
