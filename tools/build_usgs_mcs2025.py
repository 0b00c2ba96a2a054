"""Write the USGS MCS 2025 curated files from the hand-transcribed tables.

Run from the repository root::

    python tools/build_usgs_mcs2025.py

It (re)writes, in ``mineralgraph/data/curated/``: ``production_usgs.csv`` (country
PRODUCES rows, 2023 and 2024), ``reserves_usgs.csv`` (HOLDS_RESERVES),
``imports_usgs.csv`` (the US NET_IMPORT_RELIANCE of 2020 to 2024, one dated row per
year, and the import sources 2020-2023 as EXPORTS_TO into country:US),
``materials_usgs.csv``, ``structure_usgs.csv``, ``elements_critical.csv``,
``countries_usgs.csv`` and ``sources_usgs.csv``. The figures live in
``usgs_mcs2025_data.py`` (one dict per USGS production table) and
``usgs_mcs2025_reserves_imports.py``; the node definitions below.

Method (the data README's convention): share = country amount / USGS rounded world
total, note "DERIVED"; rest of world is one ``country:XX`` row, the larger of USGS's
"Other countries" line and the rounded total's remainder (world total minus the listed
countries); withheld or unavailable figures get no row (never 0). Where the
listed countries add up to more than 1.02 times the rounded world total (vanadium 2024),
shares are taken over the sum of the listed countries and the note says so. The 2023
rows are valid 2023-01-01 to 2024-01-01 and the 2024 rows from 2024-01-01, so one year
is active at a time.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).parent))
import usgs_mcs2023_data  # noqa: E402
import usgs_mcs2024_data  # noqa: E402
import usgs_mcs2025_reserves_imports as stats  # noqa: E402
from usgs_mcs2025_data import TABLES, URANIUM_2023_PERCENT  # noqa: E402

# earlier editions, each giving the year before its estimate (MCS 2024: 2022, MCS 2023: 2021)
HISTORY = (usgs_mcs2024_data, usgs_mcs2023_data)
# MCS 2024's estimated 2023 column of the two tables whose MCS 2025 2023 column was not found
# (phosphate rock, fluorspar): the year between their 2022 and 2024 sets, rated low
GAP_2023 = SimpleNamespace(EDITION=2024, YEAR=2023, PUBLISHED=usgs_mcs2024_data.PUBLISHED,
                           FOLDER=usgs_mcs2024_data.FOLDER,
                           TABLES=usgs_mcs2024_data.ESTIMATED_2023)

OUT = Path(__file__).resolve().parent.parent / "mineralgraph" / "data" / "curated"
TOLERANCE = 1.02
READ = ("figures read from the PDF text transcription in public repo "
        "Vanakka/metals-encyclopedia (src/data/usgs/text/mcs2025-{slug}.txt, commit ad87eb5e)")

# chapter slug -> (title commodity, note on where the figures were read)
CHAPTERS = {
    "aluminum": "Aluminum", "arsenic": "Arsenic", "barite": "Barite",
    "beryllium": "Beryllium", "boron": "Boron", "cesium": "Cesium", "chromium": "Chromium",
    "copper": "Copper", "lead": "Lead", "magnesium-compounds": "Magnesium Compounds",
    "magnesium-metal": "Magnesium Metal", "manganese": "Manganese",
    "platinum-group": "Platinum-Group Metals", "potash": "Potash", "rhenium": "Rhenium",
    "rubidium": "Rubidium", "silicon": "Silicon", "silver": "Silver",
    "tantalum": "Tantalum", "tin": "Tin", "titanium": "Titanium and Titanium Dioxide",
    "vanadium": "Vanadium", "zinc": "Zinc", "zirconium-hafnium": "Zirconium and Hafnium",
    "phosphate": "Phosphate Rock", "fluorspar": "Fluorspar",
}
OTHER_READ = {
    "phosphate": "country figures (2024) read from a public third-party verification note "
                 "quoting the MCS 2025 table (not from the PDF); confidence medium",
    "fluorspar": "country figures (2024) read from a public third-party verification note "
                 "quoting the MCS 2025 table (not from the PDF); US row not transcribed; "
                 "confidence medium",
}

COUNTRIES = {  # iso2: (label, wikidata, alias) for countries not in countries.csv
    "CU": ("Cuba", "Q241", ""), "GL": ("Greenland", "Q223", ""),
    "GB": ("United Kingdom", "Q145", "UK"), "PT": ("Portugal", "Q45", ""),
    "LV": ("Latvia", "Q211", ""), "DO": ("Dominican Republic", "Q786", ""),
    "BG": ("Bulgaria", "Q219", ""),
    "NL": ("Netherlands", "Q55", ""), "CZ": ("Czechia", "Q213", "Czech Republic"),
    "TW": ("Taiwan", "Q865", ""), "GE": ("Georgia", "Q230", ""),
    "GT": ("Guatemala", "Q774", ""), "IT": ("Italy", "Q38", ""),
    "KG": ("Kyrgyzstan", "Q813", ""), "KP": ("North Korea", "Q423", "Korea, North"),
    "LK": ("Sri Lanka", "Q854", ""), "PG": ("Papua New Guinea", "Q691", ""),
    "AE": ("United Arab Emirates", "Q878", "UAE"), "AM": ("Armenia", "Q399", ""),
    "AT": ("Austria", "Q40", ""), "BE": ("Belgium", "Q31", ""),
    "BH": ("Bahrain", "Q398", ""), "BI": ("Burundi", "Q967", ""),
    "BT": ("Bhutan", "Q917", ""), "BY": ("Belarus", "Q184", ""),
    "CI": ("Côte d'Ivoire", "Q1008", "Cote d'Ivoire;Ivory Coast"),
    "DE": ("Germany", "Q183", ""), "DZ": ("Algeria", "Q262", ""),
    "EG": ("Egypt", "Q79", ""), "ES": ("Spain", "Q29", ""), "ET": ("Ethiopia", "Q115", ""),
    "FI": ("Finland", "Q33", ""), "GA": ("Gabon", "Q1000", ""), "GH": ("Ghana", "Q117", ""),
    "GR": ("Greece", "Q41", ""), "IL": ("Israel", "Q801", ""), "IR": ("Iran", "Q794", ""),
    "IS": ("Iceland", "Q189", ""), "JO": ("Jordan", "Q810", ""),
    "KE": ("Kenya", "Q114", ""), "KZ": ("Kazakhstan", "Q232", ""),
    "LA": ("Laos", "Q819", "Lao People's Democratic Republic"),
    "MA": ("Morocco", "Q1028", ""), "MN": ("Mongolia", "Q711", ""),
    "NA": ("Namibia", "Q1030", ""), "NE": ("Niger", "Q1032", ""),
    "NO": ("Norway", "Q20", ""), "PK": ("Pakistan", "Q843", ""), "PL": ("Poland", "Q36", ""),
    "RW": ("Rwanda", "Q1037", ""), "SA": ("Saudi Arabia", "Q851", ""),
    "SE": ("Sweden", "Q34", ""), "SK": ("Slovakia", "Q214", ""),
    "SL": ("Sierra Leone", "Q1044", ""), "SN": ("Senegal", "Q1041", ""),
    "SY": ("Syria", "Q858", ""), "TG": ("Togo", "Q945", ""), "TN": ("Tunisia", "Q948", ""),
    "TR": ("Turkey", "Q43", "Türkiye;Turkiye"), "UA": ("Ukraine", "Q212", ""),
    "UG": ("Uganda", "Q1036", ""), "UZ": ("Uzbekistan", "Q265", ""),
    "ZA": ("South Africa", "Q258", ""), "ZM": ("Zambia", "Q953", ""),
}
USGS_NAMES = {"CD": "Congo (Kinshasa)", "KR": "Korea, Republic of", "MM": "Burma",
              "CI": "Côte d'Ivoire", "KP": "Korea, North"}

ELEMENTS = [  # symbol, name, atomic number, wikidata
    ("Al", "aluminium", 13, "Q663"), ("Ba", "barium", 56, "Q1112"),
    ("Be", "beryllium", 4, "Q569"), ("Cs", "caesium", 55, "Q1108"),
    ("Cr", "chromium", 24, "Q725"), ("Cu", "copper", 29, "Q753"),
    ("F", "fluorine", 9, "Q650"), ("Hf", "hafnium", 72, "Q1119"),
    ("Ir", "iridium", 77, "Q877"), ("Pb", "lead", 82, "Q708"),
    ("Mg", "magnesium", 12, "Q660"), ("Mn", "manganese", 25, "Q731"),
    ("Pd", "palladium", 46, "Q1089"), ("P", "phosphorus", 15, "Q674"),
    ("Pt", "platinum", 78, "Q880"), ("K", "potassium", 19, "Q703"),
    ("Re", "rhenium", 75, "Q737"), ("Rh", "rhodium", 45, "Q1087"),
    ("Rb", "rubidium", 37, "Q895"), ("Ru", "ruthenium", 44, "Q1086"),
    ("Si", "silicon", 14, "Q670"), ("Ag", "silver", 47, "Q1090"),
    ("Ta", "tantalum", 73, "Q1123"), ("Sn", "tin", 50, "Q1096"),
    ("U", "uranium", 92, "Q1098"), ("V", "vanadium", 23, "Q722"),
    ("Zn", "zinc", 30, "Q758"), ("Zr", "zirconium", 40, "Q1038"),
]
ELEMENT_ALIAS = {"Al": "aluminum", "Cs": "cesium", "K": "potash (K2O)", "P": "phosphate",
                 "F": "fluorspar"}
ON_LIST = "on the final 2025 US List of Critical Minerals"
LIST_NOTE = {"Ba": "as barite", "F": "as fluorspar", "P": "as phosphate", "K": "as potash"}
LIST_SOURCE = "source:ema-critical-minerals-2025"

# id -> label, stage, alias, sources, note, unmapped_reason, contains, made_from
MATERIALS = {
    "material:aluminum-refined": ("Primary aluminum (smelter production)", "metal",
        "primary aluminium;aluminum metal", "aluminum", "", "", ["Al"], []),
    "material:arsenic-refined": ("Arsenic trioxide (As2O3)", "processing",
        "arsenic trioxide;white arsenic", "arsenic",
        "recovered from copper, gold and lead smelter flue dust and from arsenopyrite; "
        "every figure on this node is arsenic trioxide: world production and capacity "
        "(gross weight) and the US import list for arsenic trioxide; the arsenic metal, "
        "arsenic acid and all-forms import lists sit on element:As; high-purity arsenic "
        "metal (for GaAs and InGaAs semiconductors) has no node of its own", "", ["As"], []),
    "material:barite": ("Barite (mine production, gross weight)", "mining",
        "baryte;barytes", "barite", "mostly used as a weighting agent in oil and gas drilling",
        "", ["Ba"], []),
    "material:beryllium-mine": ("Beryllium (mine production, Be content)", "mining",
        "beryl;bertrandite", "beryllium", "", "", ["Be"], []),
    "material:boron-mine": ("Boron minerals and borates (mine production, all forms)",
        "mining", "borates;borate minerals", "boron", "",
        "USGS MCS 2025 gives no world total because countries report different forms "
        "(crude ore, ulexite, refined borates, B2O3 equivalent) and withholds US production; "
        "Turkey is the leading producer (3,000 kt refined borates in 2024), so no shares "
        "can be derived", ["B"], []),
    "material:cesium-mine": ("Cesium (pollucite mining)", "mining", "pollucite;caesium",
        "cesium", "", "USGS MCS 2025: there were no official sources for cesium production "
        "data in 2024; Canada (Tanco Mine) and China were the only producers noted", ["Cs"], []),
    "material:chromium-mine": ("Chromite ore (mine production, marketable, gross weight)",
        "mining", "chromite;chromium ore", "chromium", "", "", ["Cr"], []),
    "material:copper-mine": ("Copper (mine production, recoverable Cu content)", "mining",
        "copper concentrate;mined copper", "copper", "", "", ["Cu"], []),
    "material:copper-refined": ("Refined copper (refinery production)", "metal",
        "copper cathode;refined copper", "copper", "primary and secondary refinery output",
        "", ["Cu"], ["material:copper-mine"]),
    "material:fluorspar": ("Fluorspar (mine production, gross weight)", "mining",
        "fluorite;CaF2", "fluorspar", "acid grade feeds hydrofluoric acid; metallurgical "
        "grade is a flux in steel and aluminum making", "", ["F"], []),
    "material:hafnium-refined": ("Hafnium metal and compounds", "metal", "hafnium",
        "zirconium-hafnium", "separated from zirconium chemical intermediates made from "
        "zircon (Zr:Hf about 50:1); leading use in superalloys",
        "USGS MCS 2025: world primary hafnium production data were not available", ["Hf"],
        ["material:zirconium-mine"]),
    "material:zirconium-mine": ("Zirconium mineral concentrates (zircon, gross weight)",
        "mining", "zircon;zirconium silicate", "zirconium-hafnium",
        "coproduct of heavy-mineral-sand mining", "", ["Zr"], []),
    "material:lead-mine": ("Lead (mine production, Pb content)", "mining",
        "lead concentrate", "lead", "", "", ["Pb"], []),
    "material:magnesium-refined": ("Primary magnesium metal (smelter production)", "metal",
        "magnesium metal;primary magnesium", "magnesium-metal", "", "", ["Mg"], []),
    "material:magnesite": ("Magnesite (mine production, gross weight)", "mining",
        "magnesium carbonate;crude magnesite", "magnesium-compounds",
        "feeds magnesia (MgO) for refractories", "", ["Mg"], []),
    "material:manganese-mine": ("Manganese (mine production, Mn content)", "mining",
        "manganese ore", "manganese", "", "", ["Mn"], []),
    "material:metallurgical-coal": ("Metallurgical coal", "mining",
        "met coal;coking coal", None, "on the 2025 US critical minerals list; used to make "
        "coke for primary steelmaking",
        "not covered by USGS Mineral Commodity Summaries (a fuel mineral); no primary country "
        "split was read for this dataset", ["C"], []),
    "material:palladium-mine": ("Palladium (mine production, Pd content)", "mining", "",
        "platinum-group", "", "", ["Pd"], []),
    "material:platinum-mine": ("Platinum (mine production, Pt content)", "mining", "",
        "platinum-group", "", "", ["Pt"], []),
    "material:iridium-mine": ("Iridium (mined with the platinum-group metals)", "mining", "",
        "platinum-group", "", "USGS MCS 2025 gives world mine production by country only "
        "for palladium and platinum; South Africa is the leading producer of PGM-containing "
        "mined material", ["Ir"], []),
    "material:rhodium-mine": ("Rhodium (mined with the platinum-group metals)", "mining", "",
        "platinum-group", "", "USGS MCS 2025 gives world mine production by country only "
        "for palladium and platinum; South Africa is the leading producer of PGM-containing "
        "mined material", ["Rh"], []),
    "material:ruthenium-mine": ("Ruthenium (mined with the platinum-group metals)", "mining",
        "", "platinum-group", "", "USGS MCS 2025 gives world mine production by country only "
        "for palladium and platinum; South Africa is the leading producer of PGM-containing "
        "mined material", ["Ru"], []),
    "material:phosphate-rock": ("Phosphate rock (mine production, marketable product)",
        "mining", "phosphate", "phosphate", "", "", ["P"], []),
    "material:potash": ("Potash (mine production, K2O equivalent)", "mining",
        "muriate of potash;MOP;potassium chloride", "potash", "", "", ["K"], []),
    "material:rhenium-mine": ("Rhenium (primary production, Re content)", "mining", "",
        "rhenium", "by-product recovered from molybdenum concentrates of porphyry copper "
        "deposits and from copper smelter residues", "", ["Re"], []),
    "material:rubidium-mine": ("Rubidium (lepidolite and pollucite mining)", "mining", "",
        "rubidium", "", "USGS MCS 2025: during 2024 no rubidium production was reported "
        "globally, but rubidium may have been produced in China", ["Rb"], []),
    "material:silicon-refined": ("Silicon metal (metallurgical grade, Si content)", "metal",
        "silicon metal;metallurgical-grade silicon", "silicon",
        "feedstock of polysilicon, silicones and aluminum alloys", "", ["Si"], []),
    "material:ferrosilicon": ("Ferrosilicon (Si content)", "metal", "FeSi", "silicon",
        "", "", ["Si", "Fe"], []),
    "material:silver-mine": ("Silver (mine production, Ag content)", "mining", "", "silver",
        "mostly a by-product of lead-zinc, copper and gold mines", "", ["Ag"], []),
    "material:tantalum-mine": ("Tantalum (mine production, Ta content)", "mining",
        "tantalite;coltan", "tantalum", "", "", ["Ta"], []),
    "material:tin-mine": ("Tin (mine production, Sn content)", "mining", "cassiterite",
        "tin", "", "", ["Sn"], []),
    "material:titanium-sponge": ("Titanium sponge metal", "metal", "titanium sponge", "titanium",
        "", "", ["Ti"], []),
    "material:uranium-mine": ("Uranium (mine production, U3O8)", "mining",
        "yellowcake;U3O8", "uranium", "", "", ["U"], []),
    "material:vanadium-mine": ("Vanadium (mine production, V content)", "mining", "",
        "vanadium", "China produces most of its vanadium from vanadiferous iron ore processed "
        "for steel (USGS)", "", ["V"], []),
    "material:zinc-mine": ("Zinc (mine production, Zn content)", "mining", "zinc concentrate",
        "zinc", "", "", ["Zn"], []),
}
REE_OXIDES = [("la", "La", "Lanthanum"), ("ce", "Ce", "Cerium"), ("eu", "Eu", "Europium"),
              ("gd", "Gd", "Gadolinium"), ("ho", "Ho", "Holmium"), ("er", "Er", "Erbium"),
              ("tm", "Tm", "Thulium"), ("yb", "Yb", "Ytterbium"), ("lu", "Lu", "Lutetium"),
              ("y", "Y", "Yttrium")]
for slug, symbol, name in REE_OXIDES:
    reason = ("USGS MCS 2025 counts rare-earth mine output only as total REO in concentrate; "
              f"no country split for separated {name.lower()} oxide was found")
    if symbol == "Y":
        reason += "; the MCS 2025 yttrium chapter was not found in any public copy consulted"
    MATERIALS[f"material:{slug}-oxide"] = (
        f"{name} oxide (separated)", "processing", "", "rare-earths",
        "separated from mixed rare-earth concentrate", reason, [symbol],
        ["material:re-concentrate"])

SOURCES = {  # extra sources: id -> (title, publisher, url, published, type, note)
    LIST_SOURCE: (
        "Essential Minerals Association applauds final 2025 List of Critical Minerals",
        "Essential Minerals Association", "https://www.essentialminerals.org/newsroom/final-2025-critical-minerals-list",
        "2025-11-06", "research",
        "industry body's release listing all 60 minerals of the final 2025 US List of Critical "
        "Minerals (Department of the Interior, USGS; Federal Register 7 Nov 2025)"),
    "source:usgs-fs2025-3057-uranium": (
        "Uranium: Deposits, Production and Resources, Market Dynamics, and Supply Chain Risks "
        "(Fact Sheet 2025-3057)", "U.S. Geological Survey",
        "https://pubs.usgs.gov/publication/fs20253057", "", "statistics",
        "dated April 2026 on the sheet (day not given); figure 3 gives 2023 production shares "
        "after NEA and IAEA 2025; read from the PDF text transcription in public repo "
        "Vanakka/metals-encyclopedia (src/data/usgs/text/fs20253057-uranium.txt); "
        "values paired with country labels by map position"),
}


def fmt(x) -> str:
    return f"{x:,}" if isinstance(x, int) else f"{x:,.1f}"


def src(chapter: str) -> str:
    return f"source:usgs-mcs2025-{chapter}"


def production_rows() -> list[dict]:
    rows = []
    for table in TABLES:
        years = table.get("years", (2023, 2024))
        conf = table.get("confidence", "high")
        unit = table["unit"]
        for index, year in enumerate((2023, 2024)):
            if year not in years:
                continue
            world = table["world"][index]
            listed = [(r[0], r[1 + index], r) for r in table["rows"]
                      if r[1 + index] is not None and r[2] is not None]
            total = sum(v for _, v, _ in listed)
            over = total > world * TOLERANCE
            denominator = total if over else world
            dates = ("2023-01-01", "2024-01-01") if year == 2023 else ("2024-01-01", "")
            label = f"{year}e" if year == 2024 else "2023"
            for iso, value, row in listed:
                flags = row[3] if len(row) > 3 else ""
                quote = f"{USGS_NAMES.get(iso, COUNTRY_LABELS[iso])} | " + (
                    f"2023: {fmt(row[1])} | 2024e: {fmt(row[2])}" if row[1] is not None
                    else f"2024e: {fmt(row[2])}")
                if over:
                    note = (f"DERIVED share = {fmt(value)} / {fmt(total)} {unit}, the sum of "
                            f"the listed countries, which exceeds the rounded world total "
                            f"{fmt(world)} (USGS MCS 2025)")
                else:
                    note = (f"DERIVED share = {fmt(value)} / world total {fmt(world)} {unit} "
                            "(USGS MCS 2025)")
                if flags.startswith("2023 "):
                    if year == 2023:
                        note += f"; {flags[5:]}"
                elif flags:
                    note += f"; {flags}"
                capacity = ""
                if len(row) > 4 and year == table.get("cap_year"):
                    capacity = row[4]
                    note += f"; yearend capacity {fmt(capacity)} {unit}"
                rows.append(dict(subject=f"country:{iso}", relation="PRODUCES",
                                 object=table["material"], share=f"{value / denominator:.4f}",
                                 capacity=capacity, amount=value, unit=unit, year=year,
                                 valid_from=dates[0], valid_to=dates[1], confidence=conf,
                                 sources=src(table["chapter"]), quote=quote, note=note))
            remainder = world - total
            other = table.get("other")
            named = other[index] if other and other[index] is not None else None
            # the larger of USGS's "Other countries" line and the rounded total's
            # remainder (the data README's rule): the line is sourced production the
            # rounding left out; a remainder above it is production the total counts
            # and the lines do not name
            rest = max(remainder, named or 0)
            if rest > 0:
                if named is not None and named > remainder:
                    note = (f"USGS 'Other countries' row: {fmt(named)} {unit}, above the "
                            f"remainder of the world total ({fmt(world)} - {fmt(total)} = "
                            f"{fmt(remainder)}): the larger figure is kept (the rounded "
                            f"total is below the sum of the lines, {fmt(total + named)}, "
                            f"so the shares add to {(total + named) / world:.3f}); DERIVED "
                            f"share = {fmt(named)} / world total (rounded) {fmt(world)}")
                else:
                    note = (f"remainder of the world total: {fmt(world)} - {fmt(total)} = "
                            f"{fmt(rest)} {unit}; DERIVED share")
                    if named is not None:
                        note += f"; USGS 'Other countries' row: {fmt(named)}"
                if table.get("extra"):
                    note += f"; {table['extra']}"
                line = named is not None and named > remainder
                quote = (f"World total (rounded) | {label}: {fmt(world)}" if not line else
                         "Other countries | " + (f"2023: {fmt(other[0])} | 2024e: "
                                                 f"{fmt(other[1])}" if other[0] is not None
                                                 else f"2024e: {fmt(other[1])}"))
                rows.append(dict(subject="country:XX", relation="PRODUCES",
                                 object=table["material"], share=f"{rest / world:.4f}",
                                 amount=rest, unit=unit, year=year, valid_from=dates[0],
                                 valid_to=dates[1], confidence="high" if line else "medium",
                                 sources=src(table["chapter"]), quote=quote, note=note))
            elif table.get("extra") and rows:
                rows[-1]["note"] += f"; {table['extra']}"
    total_u = sum(p for _, p in URANIUM_2023_PERCENT)
    for iso, percent in URANIUM_2023_PERCENT + [("XX", round(100 - total_u, 1))]:
        rows.append(dict(subject=f"country:{iso}", relation="PRODUCES",
                         object="material:uranium-mine", share=f"{percent / 100:.4f}",
                         unit="", year=2023, confidence="medium",
                         sources="source:usgs-fs2025-3057-uranium",
                         quote=("Figure 3 ... 2023 Estimated production, in percent"
                                if iso != "XX" else ""),
                         note=(f"USGS-stated share {percent}% of an estimated 141.2 million lb "
                               "U3O8 (2023, after NEA and IAEA 2025); label and value paired by "
                               "map position in the PDF text" if iso != "XX" else
                               f"remainder of the world total (100 - {total_u:.1f}%): five "
                               "further producing countries, the United States among them")))
    return rows


COUNTRY_LABELS: dict[str, str] = {}

# 2023 world totals (rounded) of the USGS tables already in production.csv, read from the
# same transcriptions (and the reference table) as those rows
WORLD_2023 = {"material:re-concentrate": 376000, "material:gallium-low-purity": 633000,
              "material:natural-graphite": 1530000, "material:antimony-concentrate": 106000,
              "material:tungsten-concentrate": 79500, "material:cobalt-mine": 238000,
              "material:lithium-mine": 204000, "material:nickel-mine": 3750000,
              "material:niobium-concentrate": 110000, "material:molybdenum-concentrate": 248000,
              "material:tellurium-refined": 944, "material:bismuth-refined": 16200,
              "material:indium-refined": 1020}


SPECIAL_2023 = {("country:CN", "material:re-concentrate"):
                "; production quota, excludes undocumented production (USGS fn 14)"}
# the 2023 lines (MCS 2025, 2023 column) of the countries USGS names beyond those with a
# row in production.csv, "Other countries" included; W (withheld), NA and zero lines add
# nothing. The rest-of-world row is their sum, not the rounded world total minus the
# entered countries (that put USGS's rounding on rest of world; spot check 2026-11-28 #35)
REST_2023 = {
    "material:antimony-concentrate": (
        [("Turkey", 1600), ("Mexico", 800), ("Iran", 500), ("Vietnam", 300), ("Pakistan", 250),
         ("Laos", 200), ("Guatemala", 49), ("Kazakhstan", 40), ("Kyrgyzstan", 20)],
        "United States and Canada zero"),
    "material:bismuth-refined": (
        [("Laos", 1150), ("Republic of Korea", 1000), ("Japan", 500), ("Kazakhstan", 180),
         ("Bolivia", 68), ("Bulgaria", 46)], "United States zero"),
    "material:cobalt-mine": (
        [("Madagascar", 4000), ("Philippines", 3800), ("Cuba", 3300),
         ("Papua New Guinea", 3070), ("New Caledonia", 2570), ("Turkey", 2500),
         ("Other countries", 6080)], ""),
    "material:indium-refined": (
        [("Canada", 40), ("France", 21), ("Belgium", 19), ("Russia", 5), ("Uzbekistan", 1)],
        "United States and Peru zero"),
    "material:lithium-mine": (
        [("Brazil", 5260), ("Canada", 3240), ("Namibia", 2700), ("Portugal", 380)],
        "Other countries zero"),
    "material:molybdenum-concentrate": (
        [("Armenia", 7600), ("Kazakhstan", 3730), ("Mongolia", 3160), ("Iran", 2500),
         ("Russia", 1700), ("Uzbekistan", 1700), ("Canada", 1150), ("Australia", 660),
         ("North Korea", 400), ("Republic of Korea", 339)], "Argentina zero"),
    "material:natural-graphite": (
        [("Republic of Korea", 9620), ("North Korea", 8100), ("Norway", 6480),
         ("Sri Lanka", 3000), ("Turkey", 2800), ("Vietnam", 2500), ("Ukraine", 1670),
         ("Mexico", 1300), ("Austria", 500), ("Germany", 180)], "United States zero"),
    "material:nickel-mine": ([("Brazil", 82700), ("Other countries", 340000)], ""),
    "material:niobium-concentrate": (
        [("Congo (Kinshasa)", 740), ("Russia", 353), ("Rwanda", 210), ("Other countries", 121)],
        "United States zero"),
    "material:re-concentrate": (
        [("Other", 1440)], "Canada, Greenland, South Africa and Tanzania zero"),
    "material:tellurium-refined": (
        [("Sweden (concentrates)", 36), ("Canada", 27), ("Uzbekistan", 13),
         ("South Africa", 4), ("Bulgaria", 1)], "Other countries NA"),
    "material:tungsten-concentrate": (
        [("North Korea", 1600), ("Bolivia", 1500), ("Rwanda", 1200), ("Austria", 850),
         ("Spain", 650), ("Portugal", 450), ("Other countries", 1320)], "United States zero"),
}


def rows_2023_of_existing() -> list[dict]:
    """2023 rows for the countries whose 2024 USGS row is in production.csv.

    The 2023 figure is the one quoted in that row (the same USGS table row); rest of
    world is one country:XX row, the sum of the 2023 lines of the countries not entered
    (``REST_2023``), as for 2024.
    """
    by_material: dict[str, list] = {}
    withheld = set()
    with open(OUT / "production.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["subject"] == "country:XX" and "withheld" in row["note"]:
                withheld.add(row["object"])
            usgs = [s for s in row["sources"].split(";") if s.startswith("source:usgs-mcs2025-")]
            match = re.search(r"\| 2023: ([\d,]+) \|", row["quote"] + " |")
            if (row["subject"].startswith("country:") and row["subject"] != "country:XX"
                    and row["year"] == "2024" and usgs and match
                    and row["object"] in WORLD_2023):
                by_material.setdefault(row["object"], []).append(
                    (row["subject"], int(match.group(1).replace(",", "")), row, usgs[0]))
    out = []
    for material, listed in sorted(by_material.items()):
        world = WORLD_2023[material]
        unit, source = listed[0][2]["unit"], listed[0][3]
        total = sum(v for _, v, _, _ in listed)
        over = total > world * TOLERANCE
        denominator = total if over else world
        for subject, value, row, src_id in listed:
            basis = (f"{fmt(total)} {unit}, the sum of the listed countries, which exceeds the "
                     f"rounded world total {fmt(world)}" if over
                     else f"world total {fmt(world)} {unit}")
            out.append(dict(subject=subject, relation="PRODUCES", object=material,
                            share=f"{value / denominator:.4f}", amount=value, unit=unit,
                            year=2023, valid_from="2023-01-01", valid_to="2024-01-01",
                            confidence="high", sources=src_id, quote=row["quote"],
                            note=f"DERIVED share = {fmt(value)} / {basis} (USGS MCS 2025); "
                                 "2023 column of the row whose 2024 figure is in production.csv"
                                 + SPECIAL_2023.get((subject, material), "")))
        if material in REST_2023:
            lines, zero = REST_2023[material]
            named = sum(v for _, v in lines)
            # the larger of the named lines and the rounded total's remainder: a remainder
            # above the lines is production the total counts and the lines do not name
            rest = max(named, world - total)
            shares = (sum(round(v / denominator, 4) for _, v, _, _ in listed)
                      + round(rest / world, 4))
            if total + rest > world * TOLERANCE:
                raise SystemExit(f"{material}: 2023 lines add up to {fmt(total + rest)}, "
                                 f"above {TOLERANCE} x the world total {fmt(world)}")
            side = ("below" if total + rest > world else "above" if total + rest < world
                    else "equal to")
            out.append(dict(subject="country:XX", relation="PRODUCES", object=material,
                            share=f"{rest / world:.4f}", amount=rest, unit=unit, year=2023,
                            valid_from="2023-01-01", valid_to="2024-01-01", confidence="high",
                            sources=source, quote=f"World total (rounded) | 2023: {fmt(world)}",
                            note=(f"remainder of the world total (rounded): {fmt(world)} - "
                                  f"{fmt(total)} = {fmt(rest)} {unit}; " if rest > named else "")
                                 + f"the countries USGS names beyond the {len(listed)} "
                                 "entered, 2023: "
                                 + ", ".join(f"{name} {fmt(v)}" for name, v in lines)
                                 + f" = {fmt(named)} {unit}"
                                 + (", less than the remainder: the larger figure is kept (the "
                                    "rounded total counts production the lines do not name)"
                                    if rest > named else "")
                                 + f"; DERIVED share = {fmt(rest)} / world "
                                 f"total (rounded) {fmt(world)}; the rounded total is {side} the "
                                 f"sum of the lines ({fmt(total + rest)}), so the shares add to "
                                 f"{shares:.3f}" + (f"; {zero}" if zero else "")
                                 + ("; world total excludes US production (withheld)"
                                    if material in withheld else "")))
        elif world - total > 0:
            raise SystemExit(f"{material}: no 2023 lines for its rest of world in REST_2023")
    return out


HISTORY_TITLES = dict(CHAPTERS, **{
    "rare-earths": "Rare Earths", "gallium": "Gallium", "graphite": "Graphite (Natural)",
    "antimony": "Antimony", "tungsten": "Tungsten", "cobalt": "Cobalt", "lithium": "Lithium",
    "nickel": "Nickel", "niobium": "Niobium (Columbium)", "molybdenum": "Molybdenum",
    "tellurium": "Tellurium", "bismuth": "Bismuth", "indium": "Indium"})
# chapter slug -> the name of its PDF at pubs.usgs.gov where it differs
PDF_NAME = {"platinum-group": "platinum", "zirconium-hafnium": "zirconium"}
DATA_RELEASE = {2024: "doi:10.5066/P144BA54, ver. 2.0, March 2024",
                2023: "doi:10.5066/P9WCYUI6"}
HISTORY_HEADER = ["subject", "relation", "object", "share", "amount", "unit", "year",
                  "valid_from", "valid_to", "confidence", "sources", "quote", "note"]


def share_text(share: float) -> str:
    """Four decimals, or six for a share below 0.00005 (never a printed 0)."""
    return f"{share:.4f}" if share >= 0.00005 else f"{share:.6f}"


def history_source(edition, chapter: str) -> str:
    return f"source:usgs-mcs{edition.EDITION}-{chapter}"


def current_producers() -> set[tuple[str, str]]:
    """(country, material) of every country PRODUCES row of today's files, any year."""
    pairs = set()
    for name in ("production.csv", "production_more.csv", "production_usgs.csv"):
        with open(OUT / name, newline="", encoding="utf-8") as fh:
            pairs |= {(r["subject"], r["object"]) for r in csv.DictReader(fh)
                      if r["relation"] == "PRODUCES" and r["subject"].startswith("country:")}
    return pairs


def history_rows() -> list[dict]:
    """Country PRODUCES rows of the year before each earlier edition's estimate.

    MCS 2024 gives 2022 (valid 2022-01-01 to 2023-01-01) and MCS 2023 gives 2021 (valid
    2021-01-01 to 2022-01-01): ``--as-of`` a date in those years reads them, and no row
    is active from 2023 on. A country gets a row only where today's files already have a
    row of it for that material (any year): the graph without a date (today's) then has
    no producer it did not have, only older claims beside the current ones, so nothing
    dated today changes. The countries USGS lists beyond those go into the rest of the
    world (``country:XX``), named in its note, as for the 2023 rows of ``production.csv``:
    rest of world = the larger of the lines not entered (USGS's "Other countries"
    included) and the remainder of the rounded world total. Shares as for 2023 and 2024:
    amount / rounded world total (or / the entered and lumped lines where they exceed
    1.02 x the total). Where today's table has no rest-of-world row (gallium, beryllium,
    arsenic, magnesium, titanium sponge, vanadium), none is added either: the rest is
    left unmapped and the note of the largest row says how much. (A row valid only in
    2021 would still be a supply edge of the graph without a date: the flow view and its
    SPARQL and Cypher twins read every claim, and only the share choice knows the year.)
    """
    current = current_producers()
    rows = []
    for edition in HISTORY + (GAP_2023,):
        year, ed = edition.YEAR, edition.EDITION
        dates = (f"{year}-01-01", f"{year + 1}-01-01")
        for table in edition.TABLES:
            world, unit, material = table["world"], table["unit"], table["material"]
            source = history_source(edition, table["chapter"])
            entered = [r for r in table["rows"] if (f"country:{r[0]}", material) in current]
            lumped = [r for r in table["rows"] if r not in entered]
            other = table.get("other")
            lines = [(country_name(r[0]), r[1]) for r in lumped]
            if other:
                lines.append(("Other countries", other))
            total = sum(r[1] for r in entered)
            named = sum(v for _, v in lines)
            remainder = world - total
            rest = max(named, remainder)
            over = total + rest > world * TOLERANCE
            denominator = total + rest if over else world
            estimated = ("; the data release heads the column as estimated"
                         if table.get("est") else "")
            revised = ""
            if table.get("revised"):
                revised = (f"; MCS {ed}'s estimate for {year}, entered because MCS "
                           f"{ed + 1}'s {year} column was not found: MCS {ed + 1} revised "
                           f"the world total to {table['revised']}, so the row is rated low")
            confidence = table.get("confidence", "high")
            column = f"{year}e" if table.get("revised") else str(year)   # as the edition heads it
            out = []
            for row in entered:
                iso, value = row[0], row[1]
                if over:
                    note = (f"DERIVED share = {fmt(value)} / {fmt(denominator)} {unit}, the sum "
                            f"of the lines, which exceeds the rounded world total "
                            f"{fmt(world)} (USGS MCS {ed})")
                else:
                    note = (f"DERIVED share = {fmt(value)} / world total {fmt(world)} {unit} "
                            f"(USGS MCS {ed})")
                if len(row) > 2:
                    note += f"; {row[2]}"
                out.append(dict(subject=f"country:{iso}", relation="PRODUCES", object=material,
                                share=share_text(value / denominator), amount=value,
                                unit=unit, year=year, valid_from=dates[0], valid_to=dates[1],
                                confidence=confidence, sources=source,
                                quote=f"{country_name(iso)} | {column}: {fmt(value)}",
                                note=note + estimated + revised))
            tail = "".join(f"; {t}" for t in (table.get("zero"), table.get("extra")) if t)
            if table.get("withheld"):
                tail += (f"; world total excludes {COUNTRY_LABELS[table['withheld']]} "
                         "production (withheld)")
            if rest > 0:
                parts = []
                if rest > named:
                    parts.append(f"remainder of the world total (rounded): {fmt(world)} - "
                                 f"{fmt(total)} = {fmt(rest)} {unit}")
                if lines:
                    parts.append(f"the lines USGS prints beyond the {len(entered)} entered "
                                 "(countries without a row of this material today), "
                                 f"{year}: " + ", ".join(f"{n} {fmt(v)}" for n, v in lines)
                                 + f" = {fmt(named)} {unit}"
                                 + (", less than the remainder: the larger figure is kept"
                                    if rest > named else ""))
                shares = sum(float(r["share"]) for r in out) + rest / denominator
                note = "; ".join(parts) + (f"; DERIVED share = {fmt(rest)} / "
                                           f"{fmt(denominator)}; the shares add to "
                                           f"{shares:.3f}" + tail)
                quote = (f"Other countries | {column}: {fmt(other)}" if rest == other
                         else f"World total (rounded) | {column}: {fmt(world)}")
                if ("country:XX", material) not in current:
                    # today's set of this material has no rest-of-world row: one valid only
                    # in an earlier year would still be a supply edge of the graph without a
                    # date (its flow view, and the SPARQL and Cypher twins, read every claim),
                    # so the rest stays unmapped and the note of the largest row says how much
                    largest = max(out, key=lambda r: r["amount"])
                    largest["note"] += (f"; rest of world {fmt(rest)} {unit} "
                                        f"({rest / denominator:.2%}) has no row, as today's "
                                        f"table of this material has none: {note}")
                    rows.extend(out)
                    continue
                out.append(dict(subject="country:XX", relation="PRODUCES", object=material,
                                share=share_text(rest / denominator), amount=rest,
                                unit=unit, year=year, valid_from=dates[0], valid_to=dates[1],
                                confidence=min(("medium", confidence), key=CONFIDENCE.index),
                                sources=source, quote=quote, note=note + revised))
            elif tail:
                out[-1]["note"] += tail
            rows.extend(out)
    rows.sort(key=lambda r: (r["object"], -int(r["year"]), r["subject"] == "country:XX",
                             -float(r["share"]), r["subject"]))
    return rows


CONFIDENCE = ("low", "medium", "high")


def history_sources() -> list[dict]:
    """One source record per chapter and earlier edition cited by ``history_rows``."""
    out = []
    gap = {t["chapter"] for t in GAP_2023.TABLES}
    for edition in HISTORY:
        ed = edition.EDITION
        for chapter in sorted({t["chapter"] for t in edition.TABLES}):
            table = next(t for t in edition.TABLES if t["chapter"] == chapter)
            name = f"mcs{ed}-{table['code']}_world.csv"
            kept = table.get("file", name)
            if kept != name:
                name += f" ({kept} in the copy)"
            out.append(dict(
                id=history_source(edition, chapter),
                title=f"Mineral Commodity Summaries {ed}: {HISTORY_TITLES[chapter]}",
                publisher="U.S. Geological Survey",
                url=(f"https://pubs.usgs.gov/periodicals/mcs{ed}/mcs{ed}-"
                     f"{PDF_NAME.get(chapter, chapter)}.pdf"),
                published=edition.PUBLISHED, source_type="statistics",
                note=(f"{edition.YEAR} column"
                      + (f" (and the estimated {GAP_2023.YEAR} column)"
                         if ed == GAP_2023.EDITION and chapter in gap else "")
                      + " of the world production table, read in the "
                      f"USGS MCS {ed} data release ({DATA_RELEASE[ed]}), file {name}, the "
                      "chapter's table in machine-readable form, read in the copy in public "
                      f"repo Redliana/cmm-data ({edition.FOLDER[table['folder']]}, commit "
                      "d780c5b7); the PDF itself was not opened")))
    return out


def stated(text: str) -> tuple[int | float, str]:
    """A figure as USGS prints it: the number and its bound ("more-than" for ">").

    >>> stated(">2,000,000"), stated("44,000,000"), stated("<1")
    ((2000000, 'more-than'), (44000000, ''), (1, 'less-than'))
    """
    bound = {">": "more-than", "<": "less-than"}.get(text[:1], "")
    number = text.lstrip("><").replace(",", "")
    return (float(number) if "." in number else int(number)), bound


def country_name(iso: str) -> str:
    return "Other countries" if iso == "XX" else USGS_NAMES.get(iso, COUNTRY_LABELS[iso])


def reserves_rows() -> list[dict]:
    """HOLDS_RESERVES rows: the Reserves column as printed, share of a numeric world total."""
    rows = []
    for table in stats.RESERVES:
        numeric = table["world"] not in ("NA", "XX", "Large")
        world, world_bound = stated(table["world"]) if numeric else (None, "")
        material = table["material"]
        listed = [stated(r[1])[0] for r in table["rows"]]
        if numeric and not world_bound and sum(listed) > world * TOLERANCE:
            raise SystemExit(f"{table['chapter']}: reserves listed add up to {sum(listed):,}, "
                             f"above the world total {world:,}")
        largest = max(table["rows"], key=lambda r: stated(r[1])[0])
        for row in table["rows"]:
            iso, text = row[0], row[1]
            amount, bound = stated(text)
            unit = table.get("units", {}).get(iso, table["unit"])
            if not numeric:
                share = ""
                meaning = {"XX": "not applicable", "NA": "not available"}.get(
                    table["world"], "a word, not a figure")
                note = (f"world total '{table['world']}' in USGS MCS 2025 ({meaning}): "
                        "no share derived")
            elif world_bound:
                share = ""
                note = (f"world total stated as {table['world']} {unit} (USGS MCS 2025): "
                        "no share derived")
            else:
                share = f"{amount / world:.4f}"
                note = (f"DERIVED share = {fmt(amount)} / world total {fmt(world)} {unit} "
                        "(USGS MCS 2025)")
            if iso == "XX":
                note += "; USGS 'Other countries' row"
            if len(row) > 2:
                note += f"; {row[2]}"
            if table.get("remark"):
                note += f"; {table['remark']}"
            if row is largest and table.get("skipped"):
                note += f"; no reserves figure for {table['skipped']}"
            rows.append(dict(subject=f"country:{iso}", relation="HOLDS_RESERVES",
                             object=material, share=share, amount=amount, unit=unit,
                             year=2024, bound=bound, confidence="high",
                             sources=src(table["chapter"]),
                             quote=(row[3] if len(row) > 3 else
                                    f"{country_name(iso)} | "
                                    f"{table.get('column', 'Reserves')}: {text}"),
                             note=note, proxy=table.get("proxy", "")))
    rows.sort(key=lambda r: (r["object"], r["subject"] == "country:XX", -r["amount"],
                             r["subject"]))
    return rows


def imports_rows() -> list[dict]:
    """US NET_IMPORT_RELIANCE (2024) and import sources 2020-2023 (EXPORTS_TO country:US)."""
    rows = []
    years = ("2020", "2021", "2022", "2023", "2024e")
    for chapter, node, about, latest in stats.RELIANCE:
        series = stats.RELIANCE_SERIES[(chapter, node)]
        if series[-1] != latest:
            raise SystemExit(f"{chapter} {node}: 2024 reliance {latest} is not {series[-1]}")
        label = stats.RELIANCE_ROW.get((chapter, node),
                                       "Net import reliance as a percentage of apparent "
                                       "consumption")
        quote = label + "".join(f" | {y}: {v}" for y, v in zip(years, series, strict=True))
        for year, text in zip(range(2020, 2025), series, strict=True):
            row = dict(subject="country:US", relation="NET_IMPORT_RELIANCE", object=node,
                       year=year, about=about, confidence="high", sources=src(chapter),
                       quote=quote, proxy=stats.PROXY.get(node, ""),
                       valid_from=f"{year}-01-01",
                       valid_to="" if year == 2024 else f"{year + 1}-01-01")
            if text == "E":
                row.update(net_exporter="true", note=f"E: net exporter in {year} (USGS)")
            else:
                value, bound = stated(text)
                row.update(net_import_reliance=f"{value / 100:.2f}", bound=bound,
                           note=f"USGS figure {text}% for {year}"
                                + (" (estimated)" if year == 2024 else ""))
            rows.append(row)
    for chapter, node, about, proxy, listed, remark in stats.IMPORTS:
        total = sum(stated(str(r[1]))[0] for r in listed)
        if total > 102:
            raise SystemExit(f"{chapter} {about}: import shares add up to {total}%")
        text = "; ".join(f"{'and other' if r[0] == 'XX' else country_name(r[0])}, {r[1]}%"
                         for r in listed)
        for entry in listed:
            iso, (percent, bound) = entry[0], stated(str(entry[1]))
            note = ("share of US imports as USGS lists it (basis not stated in the chapter)"
                    + ("; 'and other' in USGS's list" if iso == "XX" else "")
                    + "; quote rebuilt from USGS's list, not verbatim (the form in the "
                      "words of 'about', country names as in the tables)")
            if len(entry) > 2:
                note += f"; {entry[2]}"
            if remark:
                note += f"; {remark}"
            rows.append(dict(subject=f"country:{iso}", relation="EXPORTS_TO",
                             object="country:US", share=f"{percent / 100:.2f}", bound=bound,
                             material=node, period="2020-2023", about=about,
                             confidence="high", sources=src(chapter), proxy=proxy,
                             quote=f"Import Sources (2020–23): {about}: {text}", note=note))
    rows.sort(key=lambda r: (r["relation"], r.get("material") or r["object"],
                             r.get("about", ""), -int(r.get("year") or 0),
                             r["subject"] == "country:XX", -float(r.get("share") or 0),
                             r["subject"]))
    return rows




def existing_ids(name: str) -> set[str]:
    with open(OUT / name, newline="", encoding="utf-8") as fh:
        return {row["id"] for row in csv.DictReader(fh)}


def write(name: str, header: list[str], rows: list[dict]) -> None:
    with open(OUT / name, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})


def main() -> None:
    with open(OUT / "countries.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            COUNTRY_LABELS[row["iso2"] or "XX"] = row["label"]
    for iso, (label, _, _) in COUNTRIES.items():
        COUNTRY_LABELS.setdefault(iso, label)
    prod = production_rows() + rows_2023_of_existing()
    relation_header = ["subject", "relation", "object", "share", "capacity", "amount",
                       "quantity", "unit", "year", "material", "valid_from", "valid_to",
                       "confidence", "sources", "quote", "note", "proxy"]
    prod.sort(key=lambda r: (r["object"], -int(r["year"]), r["subject"] == "country:XX",
                             -float(r["share"]), r["subject"]))
    write("production_usgs.csv", relation_header, prod)

    reserves, imports = reserves_rows(), imports_rows()
    write("reserves_usgs.csv", ["subject", "relation", "object", "share", "amount", "unit",
                                "year", "bound", "confidence", "sources", "quote", "note",
                                "proxy"],
          reserves)
    write("imports_usgs.csv", ["subject", "relation", "object", "share", "material", "period",
                               "year", "net_import_reliance", "net_exporter", "bound",
                               "about", "valid_from", "valid_to", "confidence", "sources",
                               "quote", "note", "proxy"],
          imports)
    history = history_rows()
    write("production_usgs_history.csv", HISTORY_HEADER, history)
    write("sources_usgs_history.csv", ["id", "title", "publisher", "url", "published",
                                       "source_type", "original_url", "note"],
          history_sources())
    used = ({r["subject"].split(":")[1] for r in prod + reserves + imports + history}
            - {"XX"})
    known = {i.split(":")[1] for i in existing_ids("countries.csv")}
    missing = sorted(used - known - set(COUNTRIES))
    if missing:
        raise SystemExit(f"countries without a definition: {missing}")
    write("countries_usgs.csv", ["id", "label", "iso2", "wikidata", "alias", "sources",
                                 "confidence"],
          [dict(id=f"country:{iso}", label=COUNTRIES[iso][0], iso2=iso,
                wikidata=COUNTRIES[iso][1], alias=COUNTRIES[iso][2],
                sources="source:iso-3166-1;source:wikidata", confidence="high")
           for iso in sorted(used - known)])

    write("elements_critical.csv", ["id", "label", "symbol", "atomic_number", "wikidata",
                                    "alias", "note", "sources", "confidence"],
          [dict(id=f"element:{sym}", label=name, symbol=sym, atomic_number=z, wikidata=q,
                alias=ELEMENT_ALIAS.get(sym, ""),
                note=ON_LIST + (f" ({LIST_NOTE[sym]})" if sym in LIST_NOTE else ""),
                sources=f"source:iupac-periodic-table;source:wikidata;{LIST_SOURCE}",
                confidence="high") for sym, name, z, q in sorted(ELEMENTS)])

    materials, structure = [], []
    for mid in sorted(MATERIALS):
        label, stage, alias, chapter, note, reason, contains, made_from = MATERIALS[mid]
        sources = src(chapter) if chapter else LIST_SOURCE
        if chapter == "uranium":
            sources = "source:usgs-fs2025-3057-uranium"
        materials.append(dict(id=mid, label=label, stage=stage, alias=alias, note=note,
                              unmapped_reason=reason, sources=sources, confidence="high"))
        for sym in contains:
            structure.append(dict(subject=mid, relation="CONTAINS", object=f"element:{sym}",
                                  confidence="high", sources=sources))
        for other in made_from:
            structure.append(dict(subject=mid, relation="MADE_FROM", object=other,
                                  confidence="high", sources=sources))
    write("materials_usgs.csv", ["id", "label", "stage", "alias", "note", "unmapped_reason",
                                 "sources", "confidence"], materials)
    write("structure_usgs.csv", relation_header, structure)

    cited = ({r["sources"] for r in prod + reserves + imports}
             | {m["sources"] for m in materials})
    sources = []
    for chapter, commodity in sorted(CHAPTERS.items()):
        sid = src(chapter)
        if sid not in cited:
            continue
        sources.append(dict(
            id=sid, title=f"Mineral Commodity Summaries 2025: {commodity}",
            publisher="U.S. Geological Survey",
            url=f"https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-{chapter}.pdf",
            published="2025-01-31", source_type="statistics",
            note=OTHER_READ.get(chapter, READ.format(slug=chapter))))
    for sid, (title, publisher, url, published, kind, note) in sorted(SOURCES.items()):
        sources.append(dict(id=sid, title=title, publisher=publisher, url=url,
                            published=published, source_type=kind, note=note))
    already = existing_ids("sources.csv")
    sources = [s for s in sources if s["id"] not in already]
    write("sources_usgs.csv", ["id", "title", "publisher", "url", "published", "source_type",
                               "original_url", "note"], sources)
    print(f"{len(prod)} production rows, {len(materials)} materials, {len(structure)} "
          f"structure rows, {len(sources)} sources, {len(used - known)} countries")


if __name__ == "__main__":
    main()
