"""The Python API (``import mineralgraph as mg``), as a notebook uses it."""

from __future__ import annotations

import pytest

import mineralgraph as mg
from mineralgraph.exceptions import MineralGraphError, UnknownIdError


def test_five_lines_from_import_to_a_frame_of_the_f35_chokepoints():
    import mineralgraph as mg

    g = mg.load()
    frame = mg.chokepoints(g, "product:f-35").to_frame()
    assert list(frame.columns[:4]) == ["product", "rank", "node", "label"]
    assert set(frame["product"]) == {"product:f-35"}
    first = frame.iloc[0]
    assert (first["node"], first["spof"], first["loss_low"], first["loss_high"]) == (
        "company:honeywell", "certain", 1.0, 1.0)
    # a loss is a range with both ends named, beside the JSON row's ``loss`` (the upper
    # bound's) and ``loss_range``, as the scenario rows carry them (trial 7, LOW-1)
    assert {"loss", "loss_range", "low_confidence", "assumed_split"} <= set(frame.columns)
    assert first["loss_range"] == [1.0, 1.0]
    # without China the F-35 keeps, through its SmCo magnets (the stages' proxy sets since
    # 2026-11-29), the concentrate China does not mine (1 - 0.6923 / 1.01 = 0.314554) x the
    # rest of the world's 8.7228% of Sm oxide and of Sm metal (IEA dataset) x its 8% of SmCo
    # alloy and of SmCo magnets (BIS): 1.5e-05, a loss of 0.999985, one figure (was
    # 0.999824-1.0 while the metal and SmCo stages had no producer; the reposts' 94% and 99%
    # are set aside beside these sets: 5.5)
    china = frame[frame["node"] == "country:CN"].iloc[0]
    assert (china["rank"], china["loss_low"], china["loss_high"]) == (4, 0.999985, 0.999985)


def test_rank_is_the_same_in_every_view(run_cli):
    """One rank (the place among the suppliers, computed in graph/): the frame, the CSV,
    the JSON and the text table give China #4 and Myanmar #6 for the F-35; an element has
    none."""
    import csv
    import io
    import json

    frame = mg.chokepoints(mg.load(), "product:f-35").to_frame().set_index("node")
    csv_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run_cli(
        "chokepoints", "--product", "product:f-35", "--format", "csv").stdout))}
    json_rows = {r["id"]: r for r in json.loads(run_cli(
        "chokepoints", "--product", "product:f-35", "--format", "json").stdout)[0][
        "chokepoints"]}
    text = run_cli("chokepoints", "--product", "product:f-35").stdout
    for node, rank in (("company:honeywell", 1), ("country:CN", 4), ("country:MM", 6)):
        assert frame.loc[node, "rank"] == rank
        assert csv_rows[node]["rank"] == str(rank)
        assert json_rows[node]["rank"] == rank
        # the rank column is as wide as the largest rank shown (two digits here)
        assert f"\n{rank:<3} {mg.load().label(node)} ({node})\n" in text
    assert pd_isna(frame.loc["element:Dy", "rank"])
    assert csv_rows["element:Dy"]["rank"] == "" and json_rows["element:Dy"]["rank"] is None


def pd_isna(value) -> bool:
    import pandas

    return bool(pandas.isna(value))


def test_a_concentration_frame_has_one_row_per_country():
    frame = mg.concentration(mg.load(), "material:re-concentrate").to_frame()
    assert frame["country"].is_unique
    # USGS's set adds up to 1.01 (it rounds the total): read as shares of the sum, as the
    # analysis reads it (design note 5.5; trial 6, L7): 0.6923 / 1.01 = 0.685446
    assert frame.set_index("country").loc["country:CN", "share"] == pytest.approx(0.685446)
    assert frame["share"].sum() == pytest.approx(1.0, abs=0.005)


def test_the_api_gives_the_command_lines_figures(run_cli):
    import json

    g = mg.load(as_of="2025-06-01")
    rows = {r["product"]: r for r in mg.scenario(g, "cn-2025-04-defence-denial").rows()}
    cli = json.loads(run_cli("scenario", "--name", "cn-2025-04-defence-denial",
                             "--format", "json").stdout)
    for row in cli["products"]:
        assert [rows[row["product"]]["loss_low"], rows[row["product"]]["loss_high"]] == (
            row["loss_range"])
        assert [rows[row["product"]]["availability_low"],
                rows[row["product"]]["availability_high"]] == row["availability_range"]
        # the JSON row's ``loss`` (the upper bound's, 5.6) under the same name (trial 6, M3)
        assert rows[row["product"]]["loss"] == row["loss"]
        # and what --worst-case gives beside it
        assert [rows[row["product"]]["worst_case_loss_low"],
                rows[row["product"]]["worst_case_loss_high"]] == row["worst_case_loss_range"]
    assert "availability" not in rows["product:f-35"]
    assert (rows["product:javelin"]["loss_high"],
            rows["product:javelin"]["worst_case_loss_high"]) == (0.0, 0.92)


def test_dependents_and_paths():
    g = mg.load()
    dy = {r["product"]: r for r in mg.dependents(g, "element:Dy").rows()}
    assert dy["product:direct-drive-wind-turbine"]["spof"] == "certain"
    # no source states the grade of the Optimus actuator magnets: no Dy need (section 5.6);
    # under --worst-case they may be the Dy/Tb-doped grade (0-100%, as a control on Dy says
    # in scenario then)
    assert "product:optimus" not in dy
    wide = {r["product"]: r for r in mg.dependents(mg.load(worst_case=True),
                                                   "element:Dy").rows()}
    assert (wide["product:optimus"]["loss_low"], wide["product:optimus"]["loss_high"],
            wide["product:optimus"]["spof"]) == (0.0, 1.0, "possible")
    found = mg.paths(g, "product:f-35", "element:Sm", max_paths=3)
    assert (found.source, found.target) == ("element:Sm", "product:f-35")
    assert found.rows()[0]["from"] == "element:Sm"


def test_results_show_in_jupyter_with_data_escaped():
    result = mg.concentration(mg.load(), "material:re-concentrate")
    table = result._repr_html_()
    assert table.startswith("<table><thead><tr><th>material</th>")
    assert "<td>country:CN</td>" in table
    picture = mg.snapshot(mg.load(), "product:optimus")
    assert picture._repr_svg_().startswith("<svg")


def test_a_snapshot_saves_in_the_format_of_its_suffix(tmp_path):
    picture = mg.snapshot(mg.load(), "product:optimus")
    assert picture.save(tmp_path / "o.png").read_bytes().startswith(b"\x89PNG")
    assert picture.save(tmp_path / "o.mmd").read_text().startswith("flowchart")


def test_wrong_input_raises_the_packages_own_errors_with_help():
    g = mg.load()
    with pytest.raises(UnknownIdError, match="did you mean product:f-35"):
        mg.chokepoints(g, "product:f35")
    with pytest.raises(MineralGraphError, match="no scenario named 'mp-offline'"):
        mg.scenario(g, "mp-offline")
    with pytest.raises(MineralGraphError, match="'2025-13-01' is not a date"):
        g.as_of("2025-13-01")


def test_as_of_takes_a_date_string():
    assert mg.load().as_of("2025-06-01").as_of_date.isoformat() == "2025-06-01"


def test_a_brief_from_python_is_the_commands_brief(run_cli, tmp_path):
    import mineralgraph as mg

    doc = mg.brief(mg.load(), "product:optimus")
    assert doc._repr_html_().startswith("<!DOCTYPE html>")
    saved = doc.save(tmp_path / "optimus.md")
    assert run_cli("brief", "product:optimus", "-o", str(tmp_path / "cli.md")).exit_code == 0
    assert saved.read_bytes() == (tmp_path / "cli.md").read_bytes()
    assert doc.to_markdown() == saved.read_text(encoding="utf-8")


def test_the_frames_say_where_a_figure_rests_on_a_disputed_claim():
    g = mg.load()
    deps = mg.dependents(g, "element:Dy").to_frame().set_index("product")
    # ``disputes`` as JSON names it (once ``disputed``, a flag): a list of its entries,
    # each with its confidence, as every "rests on" field of a row (trial 8, LOW-8)
    # the F-35's Dy/Tb-doped magnet need rests on an aggregator's own bullet: low (gradefix)
    assert deps.loc["product:f-35", "confidence"] == "low"
    [dispute] = deps.loc["product:f-35", "disputes"]
    assert (dispute["object"], dispute["confidence"]) == ("material:ndfeb-magnet-ht", "low")
    assert dispute["disputed_by"].startswith("the DoD 2012 assessment")
    assert deps.loc["product:direct-drive-wind-turbine", "disputes"] == []
    choke = mg.chokepoints(g, "product:f-35").to_frame().set_index("node")
    # dysprosium's 100% rests on the disputed Dy/Tb-doped need; China's >99.9% on the
    # samarium-cobalt chain, where its loss is largest (figure_claims): no dispute there
    assert choke.loc["element:Dy", "disputes"] and not choke.loc["company:honeywell", "disputes"]
    assert not choke.loc["country:CN", "disputes"]
