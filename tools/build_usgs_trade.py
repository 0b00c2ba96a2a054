"""Write ``trade_usgs.csv``: US imports and exports, 2020-2024, from MCS 2025.

Run from the repository root::

    python tools/build_usgs_trade.py

One ``EXPORTS_TO`` row per import or export line of a chapter's Salient Statistics and
year, from the figures transcribed in ``usgs_mcs2025_trade.py``. The United States'
partner is the rest of the world as one (``country:XX``): imports come from all origins
(``country:XX`` -> ``country:US``), exports go to all destinations (``country:US`` ->
``country:XX``); USGS gives no split by country here (the import sources are the
``imports_usgs.csv`` rows). Each row is valid during its year only, like the trade series
in ``trade_more.csv``; the 2024 column is USGS's estimate and the note says so. "—" is a
row of 0 (USGS: zero); "W", "NA", "(n)" (less than 1/2 unit) and undefined signs get no row.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from usgs_mcs2025_trade import EXPORT, IMPORT, TRADE  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "mineralgraph" / "data" / "curated"
YEARS = (2020, 2021, 2022, 2023, 2024)
COLUMNS = ("2020", "2021", "2022", "2023", "2024e")
HEADER = ["subject", "relation", "object", "share", "capacity", "amount", "quantity", "unit",
          "year", "material", "period", "about", "valid_from", "valid_to", "confidence",
          "proxy", "sources", "quote", "note"]
READ = ("read in the MCS 2025 chapter text (PDF transcription, Vanakka/metals-encyclopedia "
        "src/data/usgs/text/mcs2025-{chapter}.txt, commit ad87eb5e)")


def figure(printed: str) -> float | None:
    """The number a printed cell gives, or None where USGS gives none."""
    if printed == "—":
        return 0
    if printed.startswith("(") or printed in ("W", "NA", "--", "XX"):
        return None
    value = float(printed.replace(",", ""))
    return int(value) if value.is_integer() else value


def rows() -> list[dict]:
    out = []
    for chapter, entries in sorted(TRADE.items()):
        for entry in entries:
            flow, label, material, what, unit, figures, note = entry[:7]
            proxy = entry[7] if len(entry) > 7 else ""
            printed = figures.split()
            if len(printed) != len(YEARS):
                raise ValueError(f"{chapter} {label}: {len(printed)} figures, not 5")
            cells = zip(COLUMNS, printed, strict=True)
            quote = label + " | " + " | ".join(f"{c}: {p}" for c, p in cells)
            for year, cell in zip(YEARS, printed, strict=True):
                amount = figure(cell)
                if amount is None:
                    continue
                subject, obj = (("country:XX", "country:US") if flow == IMPORT else
                                ("country:US", "country:XX"))
                assert flow in (IMPORT, EXPORT)
                about = (f"US imports, all origins (the rest of the world as one): {what}"
                         if flow == IMPORT else
                         f"US exports, all destinations (the rest of the world as one): {what}")
                remark = [f"USGS Salient Statistics, {year}"
                          + (" (estimated)" if year == 2024 else ""),
                          READ.format(chapter=chapter)]
                if note:
                    remark.append(note)
                out.append({
                    "subject": subject, "relation": "EXPORTS_TO", "object": obj,
                    "amount": amount, "unit": f"{unit} in the year", "year": year,
                    "material": material, "period": str(year), "about": about,
                    "valid_from": f"{year}-01-01", "valid_to": f"{year + 1}-01-01",
                    "confidence": "high", "proxy": proxy,
                    "sources": f"source:usgs-mcs2025-{chapter}", "quote": quote,
                    "note": "; ".join(remark)})
    return out


def main() -> None:
    data = rows()
    with open(OUT / "trade_usgs.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    print(f"trade_usgs.csv: {len(data)} rows")


if __name__ == "__main__":
    main()
