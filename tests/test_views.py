"""What the new-user trial found missing in the views: sources of dependents, untraced
requirements, confidence beside every figure, partial bills of materials."""

from __future__ import annotations

import csv
import io
import json


def test_dependents_of_dysprosium_cite_their_sources_like_chokepoints(run_cli):
    text = run_cli("dependents", "element:Dy").stdout
    assert "sources" in text.split("\n\n")[2].splitlines()[1]
    assert "\nSOURCES\n\n[1] company: What are permanent magnets for electrified vehicles?" in text
    row = text[text.index("product:direct-drive-wind-turbine"):].splitlines()[1]
    assert row.split()[-1] == "[2]"
    assert ("[2] research: NdFeB Permanent Magnet Uses, Projected Growth Rates and Nd Plus Dy"
            in text)
    md = run_cli("dependents", "element:Dy", "--format", "md").stdout
    assert "| confidence | sources |" in md
    assert "\n## Sources\n\n1. company: What are permanent magnets" in md
    rows = {r["product"]: r for r in csv.DictReader(io.StringIO(
        run_cli("dependents", "element:Dy", "--format", "csv").stdout))}
    assert rows["product:direct-drive-wind-turbine"]["sources"] == "source:heim-vanderwal-2023"
    assert rows["product:f-35"]["sources"] == (
        "source:adamas-f35-2026;source:heim-vanderwal-2023;source:mp-magnets-climate-2021")
    data = json.loads(run_cli("dependents", "element:Dy", "--format", "json").stdout)
    assert {d["product"]: d["sources"] for d in data["dependents"]}[
        "product:direct-drive-wind-turbine"] == ["source:heim-vanderwal-2023"]
    assert run_cli("dependents", "element:Dy").stdout == text
