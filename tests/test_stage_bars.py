"""Stage bars (``concentration -o FILE.png|svg|pdf``): country shares per stage."""

from __future__ import annotations

import re

import pytest

from mineralgraph.graph.analysis.concentration import Concentration
from mineralgraph.render.colours import country_colour
from mineralgraph.render.scene import Text
from mineralgraph.render.stage_bars import WIDTH, stage_bars_scene

RARE_EARTHS = ["material:ndfeb-magnet", "material:re-concentrate", "material:ndpr-oxide"]
A4_TEXT_WIDTH_PT = 16 / 2.54 * 72


def _row(material, stage, shares, hhi=0.0):
    return Concentration(material, material.partition(":")[2], stage, 2024, shares,
                         shares.get("XX", 0.0), 0.0, 0.0, hhi, None, [])


def _texts(scene):
    return [p for p in scene.primitives() if isinstance(p, Text)]


def test_rare_earth_bars_show_mining_separation_and_magnets_with_chinas_shares(
        run_cli, tmp_path):
    from mineralgraph import load_bundled
    from mineralgraph.graph.analysis import concentrations
    from mineralgraph.reports.common import percent

    out = tmp_path / "re.svg"
    result = run_cli("concentration", *RARE_EARTHS, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out} (3 stage bars)\n"
    svg = out.read_text()
    for row in concentrations(load_bundled(), RARE_EARTHS):
        expected = f"CN {percent(row.shares['CN'])}"
        assert f">{expected}<" in svg, expected
    # ground up: mining before separation before the magnet
    order = [svg.index(">mining<"), svg.index(">processing<"), svg.index(">component<")]
    assert order == sorted(order)


def test_stage_bars_are_the_same_bytes_every_time(run_cli, tmp_path):
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    run_cli("concentration", *RARE_EARTHS, "-o", str(first))
    run_cli("concentration", *RARE_EARTHS, "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_no_text_below_seven_points_at_a4_text_width():
    rows = [_row("material:a", "mining", {"CN": 0.6, "AU": 0.3, "XX": 0.1}, 4500.0),
            _row("material:b", "processing", {"CN": 0.9}, 8100.0)]
    scene = stage_bars_scene(rows, {"country:CN": "China"}, ["[1] Source."])
    smallest = min(t.size for t in _texts(scene))
    assert smallest * A4_TEXT_WIDTH_PT / WIDTH >= 7.0


def test_a_bar_shows_unmapped_output_apart_from_every_country():
    scene = stage_bars_scene([_row("material:a", "mining", {"CN": 0.5})], {}, [])
    labels = {t.text for t in _texts(scene)}
    assert "CN 50%" in labels and "not mapped 50%" in labels


def test_each_country_keeps_its_colour_in_every_picture():
    scene = stage_bars_scene([_row("material:a", "mining", {"CN": 0.7, "US": 0.3})], {}, [])
    fills = {p.fill for p in scene.primitives() if hasattr(p, "fill")}
    assert {country_colour("CN"), country_colour("US")} <= fills


def test_stage_bar_pdf_embeds_truetype_fonts_not_type3(run_cli, tmp_path):
    out = tmp_path / "re.pdf"
    assert run_cli("concentration", *RARE_EARTHS, "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    subtypes = set(re.findall(rb"/Subtype\s*/(\w+)", data))
    assert b"Type3" not in subtypes and b"CIDFontType2" in subtypes


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_stage_bars_in_raster_formats(run_cli, tmp_path, suffix, magic):
    out = tmp_path / f"re{suffix}"
    assert run_cli("concentration", *RARE_EARTHS, "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(magic)


def test_stage_bars_of_a_material_without_shares_is_one_line(run_cli, tmp_path):
    out = tmp_path / "x.svg"
    result = run_cli("concentration", "material:gaas-wafer", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == ("Error: no country shares recorded for these materials: "
                             "nothing to draw\n")
    assert not out.exists()


def test_concentration_offers_exactly_the_pictures_stage_bars_draw():
    from mineralgraph.commands import analysis
    from mineralgraph.render import stage_bars

    assert analysis.STAGE_BAR_FORMATS == stage_bars.STAGE_BAR_FORMATS
