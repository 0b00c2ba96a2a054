"""USGS Mineral Commodity Summaries 2024: the 2022 column of the world production tables.

Read from the MCS 2024 data release (U.S. Geological Survey, doi:10.5066/P144BA54, ver. 2.0,
March 2024): one ``mcs2024-<code>_world.csv`` per chapter, the chapter's World Mine
Production table in machine-readable form, in the copy kept in the public repo
Redliana/cmm-data (``API_Scripts/usgs_mcs_data/2024/world/`` and
``API_Scripts/usgs_mcs_data/cmm_extracted/2024/``, commit d780c5b7). Only the 2022 column is
entered: MCS 2024's 2023 column is an estimate that MCS 2025 replaced (its 2023 figures are
in ``usgs_mcs2025_data.py``).

Each table: material id, chapter slug (as in the MCS 2025 module), the data release's file
code, unit (the unit of the material's MCS 2025 rows, the same scale), the rounded world
total, USGS's "Other countries" line (``None`` where the table prints none or NA), and the
rows (country iso2, 2022 figure[, remark]) as the file gives them. A zero (USGS "—"), W
(withheld) or NA line has no row (never 0): ``zero`` and ``withheld`` name them for the
notes. ``rest`` "larger" marks the tables of ``production.csv`` (rest of world = the larger
of USGS's other lines and the remainder of the rounded world total); the others keep the
remainder rule of ``production_usgs.csv``.
"""

EDITION = 2024
YEAR = 2022
PUBLISHED = "2024-01-31"
FOLDER = {"world": "API_Scripts/usgs_mcs_data/2024/world/",
          "cmm": "API_Scripts/usgs_mcs_data/cmm_extracted/2024/"}

TABLES = [
    # --- the tables of production.csv (rest of world: the larger figure)
    dict(material="material:re-concentrate", chapter="rare-earths", code="raree", est=True, folder="cmm",
         unit="t REO", world=300000, other=None, rest="larger",
         rows=[("CN", 210000, "production quota; does not include undocumented production "
                              "(USGS)"),
               ("US", 42000), ("AU", 18000), ("MM", 12000), ("TH", 7100), ("IN", 2900),
               ("RU", 2600), ("VN", 1200), ("MG", 960), ("BR", 80), ("MY", 80)],
         zero="Canada, Greenland, South Africa and Tanzania zero"),
    dict(material="material:gallium-low-purity", chapter="gallium", code="galli", folder="cmm",
         unit="kg Ga", world=610000, other=0, rest="larger",
         rows=[("CN", 600000, "estimated"), ("RU", 5000, "estimated"), ("JP", 3000, "estimated"),
               ("KR", 2000, "estimated")],
         zero="United States and Other countries zero"),
    dict(material="material:natural-graphite", chapter="graphite", code="graph", folder="cmm",
         unit="t", world=1680000, other=None, rest="larger",
         rows=[("CN", 1210000), ("MZ", 166000), ("MG", 130000, "estimated"),
               ("BR", 72000, "estimated"), ("KR", 23800), ("RU", 16000, "estimated"),
               ("CA", 13000), ("IN", 11000), ("NO", 10380), ("KP", 8100, "estimated"),
               ("TZ", 6120, "estimated"), ("TR", 2800), ("LK", 2600), ("MX", 2000),
               ("UA", 1000), ("AT", 500), ("VN", 500), ("DE", 170)],
         zero="United States zero"),
    dict(material="material:antimony-concentrate", chapter="antimony", code="antim",
         folder="world", unit="t Sb", world=83100, other=None, rest="larger",
         rows=[("CN", 40000, "estimated"), ("TJ", 21000), ("TR", 5800, "estimated"),
               ("MM", 4600, "estimated"), ("RU", 4300), ("BO", 3000), ("AU", 2290),
               ("MX", 700, "estimated"), ("IR", 500, "estimated"), ("KZ", 300, "estimated"),
               ("VN", 250), ("LA", 220, "estimated"), ("PK", 79, "estimated"), ("KG", 40),
               ("GT", 24), ("CA", 2, "estimated")],
         zero="United States zero; USGS: antimony may have been produced in other countries, "
              "but available information was inadequate to make reliable estimates"),
    dict(material="material:tungsten-concentrate", chapter="tungsten", code="tungs", est=True,
         folder="cmm", unit="t W", world=79800, other=1080, rest="larger",
         rows=[("CN", 66000), ("VN", 4000), ("RU", 2000), ("KP", 1520), ("RW", 1400),
               ("BO", 1360), ("AT", 910), ("ES", 800), ("PT", 500), ("AU", 200)],
         zero="United States zero"),
    dict(material="material:cobalt-mine", chapter="cobalt", code="cobal", est=True, folder="cmm",
         unit="t Co", world=197000, other=6600, rest="larger",
         rows=[("CD", 144000), ("ID", 9600), ("RU", 9200), ("AU", 5790), ("PH", 3900),
               ("CU", 3700), ("MG", 3500), ("CA", 3060), ("PG", 2990), ("TR", 2100),
               ("NC", 2000), ("US", 500)]),
    dict(material="material:lithium-mine", chapter="lithium", code="lithi", folder="cmm",
         unit="t Li content", world=146000, other=0, rest="larger",
         rows=[("AU", 74700), ("CL", 38000), ("CN", 22600, "estimated"), ("AR", 6590),
               ("BR", 2630, "estimated"), ("ZW", 1030, "estimated"), ("CA", 520, "estimated"),
               ("PT", 380, "estimated")],
         withheld="US", zero="Other countries zero"),
    dict(material="material:nickel-mine", chapter="nickel", code="nicke", folder="cmm",
         unit="t Ni", world=3270000, other=404000, rest="larger",
         rows=[("ID", 1580000), ("PH", 345000, "estimated"), ("RU", 222000), ("NC", 200000),
               ("AU", 155000), ("CA", 143000), ("CN", 114000, "estimated"), ("BR", 88500),
               ("US", 17500)]),
    dict(material="material:niobium-concentrate", chapter="niobium", code="niobi",
         folder="world", unit="t Nb", world=83700, other=127, rest="larger",
         rows=[("BR", 75600), ("CA", 6700), ("CD", 710), ("RU", 381), ("RW", 199)],
         zero="United States zero"),
    dict(material="material:molybdenum-concentrate", chapter="molybdenum", code="molyb",
         folder="world", unit="t Mo", world=253000, other=None, rest="larger",
         rows=[("CN", 106000, "estimated"), ("CL", 45600), ("US", 34600), ("PE", 31600),
               ("MX", 15500), ("AM", 7800, "estimated"), ("IR", 3700, "estimated"),
               ("MN", 3000, "estimated"), ("RU", 1700, "estimated"),
               ("UZ", 1700, "estimated"), ("CA", 952), ("KP", 700, "estimated"),
               ("KR", 367), ("AU", 277)],
         zero="Argentina and Turkey zero"),
    dict(material="material:tellurium-refined", chapter="tellurium", code="tellu", est=True,
         folder="world", unit="t Te", world=584, other=None, rest="larger",
         rows=[("CN", 380), ("RU", 70), ("JP", 68), ("SE", 33, "reported"), ("CA", 24),
               ("ZA", 4), ("BG", 3), ("UZ", 3, "reported")],
         withheld="US", zero="Other countries NA"),
    dict(material="material:bismuth-refined", chapter="bismuth", code="bismu", folder="world",
         unit="t Bi", world=19000, other=None, rest="larger", file="MCS2024-bismu_world.csv",
         rows=[("CN", 15500), ("LA", 1940, "reported"), ("KR", 810), ("JP", 490),
               ("KZ", 190), ("BG", 50)],
         zero="United States and Bolivia zero"),
    dict(material="material:indium-refined", chapter="indium", code="indiu", est=True, folder="world",
         unit="t In", world=999, other=None, rest="larger",
         rows=[("CN", 670), ("KR", 180), ("JP", 66), ("CA", 39), ("BE", 19), ("FR", 19),
               ("RU", 5), ("UZ", 1)],
         zero="United States zero"),
]
