"""Write ``production_usgs_mcs2024.csv``: the newest USGS country figures found for three
stages of critical minerals whose MCS 2025 chapters were not read (bauxite, alumina and
titanium mineral concentrates; data README, "Coverage of the 2025 list").

The figures are the 2023 column of the MCS 2024 data release (U.S. Geological Survey,
doi:10.5066/P144BA54, ver. 2.0, March 2024), files ``mcs2024-bauxi_world.csv`` and
``mcs2024-timin_world.csv``, read in the copy in public repo Redliana/cmm-data
(``API_Scripts/usgs_mcs_data/2024/world/``, commit d780c5b7). The release heads that column
as estimated. Same method as ``build_usgs_mcs2025.py``: share = amount / USGS's rounded world
total (note DERIVED); withheld (W) and zero lines get no row, never 0; the rest of the world
is the larger of USGS's "Other countries" line and the rounded total's remainder. Each row is
valid from 2023-01-01 (the newest year on record) and rated medium: MCS 2025 replaced these
estimates, and its chapters were not found in a readable copy.

Titanium mineral concentrates add USGS's two tables, ilmenite and rutile (both TiO2 content;
USGS counts U.S. rutile with ilmenite), country by country, over their combined rounded world
total, 9,200 kt; the note of each row gives both lines.

Shares are the exact quotient rounded half up to four decimals. Where a country has no line
in one of the two tables the quote says "(no ilmenite line)" or "(no rutile line)", never 0
(Madagascar's rutile line is a printed 0).

Run from the repository root: ``python tools/build_usgs_mcs2024_estimates.py``.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

OUT = Path("mineralgraph/data/curated/production_usgs_mcs2024.csv")
HEADER = ["subject", "relation", "object", "share", "capacity", "amount", "quantity", "unit",
          "year", "material", "valid_from", "valid_to", "confidence", "sources", "quote", "note",
          "proxy"]
WHY = ("MCS 2024's estimate for 2023 (the data release heads the column as estimated), the "
       "newest USGS figure found: the MCS 2025 chapter was not found in a readable copy")

NAMES = {"US": "United States", "AU": "Australia", "BR": "Brazil", "CA": "Canada",
         "CN": "China", "DE": "Germany", "GR": "Greece", "GN": "Guinea", "IN": "India",
         "ID": "Indonesia", "IE": "Ireland", "JM": "Jamaica", "KZ": "Kazakhstan",
         "RU": "Russia", "SA": "Saudi Arabia", "ES": "Spain", "TR": "Turkey",
         "AE": "United Arab Emirates", "VN": "Vietnam", "KE": "Kenya", "MG": "Madagascar",
         "MZ": "Mozambique", "NO": "Norway", "SN": "Senegal", "SL": "Sierra Leone",
         "ZA": "South Africa", "UA": "Ukraine"}

TABLES = [
    dict(material="material:bauxite-mine", source="source:usgs-mcs2024-bauxite-alumina",
         unit="kt dry bauxite", world=400000, other=5600,
         withheld="United States withheld (W), not in the listed lines",
         rows=[("GN", 97000), ("AU", 98000), ("CN", 93000), ("BR", 31000), ("IN", 23000),
               ("ID", 20000), ("JM", 6000), ("RU", 5800), ("SA", 4600), ("KZ", 4300),
               ("VN", 3700), ("TR", 2000), ("GR", 1200)],
         zero="Canada, Germany, Ireland, Spain, Ukraine and the United Arab Emirates zero"),
    dict(material="material:alumina", source="source:usgs-mcs2024-bauxite-alumina",
         unit="kt alumina (calcined equivalent)", world=140000, other=880,
         rows=[("CN", 82000), ("AU", 19000), ("BR", 10000), ("IN", 7300), ("RU", 2400),
               ("AE", 2300), ("SA", 1800), ("CA", 1600), ("JM", 1500), ("VN", 1400),
               ("KZ", 1300), ("ID", 1200), ("IE", 1200), ("GR", 860), ("US", 780),
               ("DE", 720), ("ES", 640), ("GN", 330), ("TR", 290)],
         zero="Ukraine zero"),
]

# ilmenite and rutile, 2023e, kt TiO2 content (USGS: U.S. rutile included with ilmenite)
ILMENITE = {"US": 200, "AU": 400, "BR": 54, "CA": 500, "CN": 3100, "IN": 210, "KE": 140,
            "MG": 320, "MZ": 1600, "NO": 430, "SN": 340, "ZA": 1000, "UA": 60, "VN": 140}
RUTILE = {"AU": 200, "IN": 13, "KE": 58, "MG": 0, "MZ": 9, "SN": 8, "SL": 110, "ZA": 100, "UA": 50}
TITANIUM = dict(world=9200, ilmenite_world=8600, rutile_world=560, ilmenite_other=110,
                rutile_other=10)


def fmt(n: int) -> str:
    return f"{n:,}"


def share(amount: int, total: int) -> str:
    """amount / total to four decimals, rounded half up on the exact quotient."""
    return str((Decimal(amount) / Decimal(total)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def table_rows(t: dict) -> list[list[str]]:
    out = []
    listed = sum(v for _, v in t["rows"])
    rest = t["world"] - listed
    for iso, value in sorted(t["rows"], key=lambda r: (-r[1], r[0])):
        note = (f"DERIVED share = {fmt(value)} / world total {fmt(t['world'])} {t['unit']} "
                f"(USGS MCS 2024); {WHY}")
        out.append([f"country:{iso}", "PRODUCES", t["material"], share(value, t["world"]),
                    "", str(value), "", t["unit"], "2023", "", "2023-01-01", "", "medium",
                    t["source"], f"{NAMES[iso]} | 2023e: {fmt(value)}", note, ""])
    amount = max(rest, t["other"])
    how = (f"remainder of the world total: {fmt(t['world'])} - {fmt(listed)} = {fmt(rest)} "
           f"{t['unit']}" if rest >= t["other"] else
           f"USGS 'Other countries' line, above the remainder {fmt(rest)}")
    extra = "; ".join(x for x in (t.get("withheld"), t.get("zero")) if x)
    out.append(["country:XX", "PRODUCES", t["material"], share(amount, t["world"]), "",
                str(amount), "", t["unit"], "2023", "", "2023-01-01", "", "medium",
                t["source"], f"World total (rounded) | 2023e: {fmt(t['world'])}",
                f"{how}; DERIVED share; USGS 'Other countries' row: {fmt(t['other'])}; "
                f"{extra}; {WHY}", ""])
    return out


def titanium_rows() -> list[list[str]]:
    unit, world, source = "kt TiO2", TITANIUM["world"], "source:usgs-mcs2024-titanium-minerals"
    combined = {iso: ILMENITE.get(iso, 0) + RUTILE.get(iso, 0)
                for iso in set(ILMENITE) | set(RUTILE)}
    out = []
    def line(table: dict, iso: str, name: str) -> str:
        # USGS prints no line for the country in that table: say so, never 0
        if iso == "US" and name == "rutile":
            return "included with ilmenite"
        return fmt(table[iso]) if iso in table else f"(no {name} line)"

    for iso, value in sorted(combined.items(), key=lambda r: (-r[1], r[0])):
        parts = (f"ilmenite {line(ILMENITE, iso, 'ilmenite')} + rutile "
                 f"{line(RUTILE, iso, 'rutile')}")
        if iso == "US":
            parts = ("ilmenite 200 (USGS: rounded to the nearest 100,000 tons to avoid "
                     "disclosing company proprietary data), U.S. rutile included with ilmenite")
        note = (f"DERIVED share = {fmt(value)} / world total {fmt(world)} {unit} (ilmenite and "
                f"rutile, rounded; USGS MCS 2024): {parts}; {WHY}")
        out.append([f"country:{iso}", "PRODUCES", "material:titanium-concentrate",
                    share(value, world), "", str(value), "", unit, "2023", "", "2023-01-01",
                    "", "medium", source,
                    f"{NAMES[iso]} | ilmenite 2023e: {line(ILMENITE, iso, 'ilmenite')} | "
                    f"rutile 2023e: {line(RUTILE, iso, 'rutile')}", note, ""])
    listed = sum(combined.values())
    other = TITANIUM["ilmenite_other"] + TITANIUM["rutile_other"]
    rest = world - listed
    amount = max(rest, other)
    out.append(["country:XX", "PRODUCES", "material:titanium-concentrate",
                share(amount, world), "", str(amount), "", unit, "2023", "", "2023-01-01", "",
                "medium", source,
                f"World total (ilmenite and rutile, rounded) | 2023e: {fmt(world)}",
                ("remainder of the world total" if rest >= other
                 else "the Other countries lines") + ": "
                f"{fmt(world)} - {fmt(listed)} = {fmt(rest)} {unit}; DERIVED share; USGS 'Other "
                f"countries' rows: ilmenite {TITANIUM['ilmenite_other']}, rutile "
                f"{TITANIUM['rutile_other']}; Madagascar's rutile zero; {WHY}", ""])
    return out


def main() -> None:
    rows = [r for t in TABLES for r in table_rows(t)] + titanium_rows()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    for material in sorted({r[2] for r in rows}):
        total = sum(float(r[3]) for r in rows if r[2] == material)
        print(f"{material}: {sum(1 for r in rows if r[2] == material)} rows, shares {total:.4f}")


if __name__ == "__main__":
    main()
