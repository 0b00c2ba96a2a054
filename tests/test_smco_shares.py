"""Samarium-cobalt magnets: Reuters' press figure beside BIS's NdFeB proxy (data README,
"SmCo shares").

Reuters (22 July 2019) says China produces "nearly two-thirds of the world's samarium cobalt
rare earth magnets, according to U.S. government estimates"; the estimate was not traced to a
primary source, so the figure is press: shown beside the statistical set, never read by the
analysis (design note 5.5), not even under ``--press-figures`` while BIS's proxy set exists.
Every figure here is the one entered, checked by hand against the article's words.
"""

from __future__ import annotations

import json

import pytest

from mineralgraph import load_bundled

REUTERS = "source:reuters-smco-dpa-2019"
BIS = "source:bis-232-ndfeb-2022"


@pytest.fixture(scope="module")
def claims():
    return load_bundled()


def _country_rows(claims, material, source):
    # every PRODUCES row given, the set aside too (relation_claims keeps the chosen set)
    return {c.subject: c for c in claims.edge_claims("PRODUCES")
            if c.object == material and c.subject.startswith("country:")
            and c.sources == (source,)}


def test_the_press_rows_are_two_thirds_and_the_remainder_rated_low_and_no_proxy(claims):
    rows = _country_rows(claims, "material:smco-magnet", REUTERS)
    assert sorted(rows) == ["country:CN", "country:XX"]
    china, rest = rows["country:CN"], rows["country:XX"]
    assert (china.qualifier("share"), rest.qualifier("share")) == (0.6667, 0.3333)
    for row in (china, rest):
        assert row.qualifier("year") == 2019
        assert row.confidence == "low"
        assert row.qualifier("proxy") is None  # measured for SmCo magnets, by the press
    assert china.quote == (
        "China produces nearly two-thirds of the world's samarium cobalt rare earth "
        "magnets, according to U.S. government estimates.")
    assert "upper bound" in china.qualifier("note")
    assert "lower bound" in rest.qualifier("note")


def test_the_source_is_reuters_press_dated_the_day_of_the_letter(claims):
    assert claims.source_type(REUTERS) == "press"
    assert str(claims.attribute(REUTERS, "published")) == "2019-07-22"
    assert "investing.com" in claims.attribute(REUTERS, "note")  # where the text was read


def test_the_alloy_gets_no_press_figure(claims):
    # the article speaks of magnets, not of the alloy they are made from
    assert _country_rows(claims, "material:smco-alloy", REUTERS) == {}


@pytest.mark.parametrize("press_figures", [False, True])
def test_the_analysis_reads_bis_proxy_and_sets_the_press_figure_aside(claims, press_figures):
    choice = claims.with_press_figures(press_figures).share_choices()[
        "material:smco-magnet"]
    assert choice.chosen.source == BIS
    assert choice.chosen.countries == {"country:CN": 0.92, "country:XX": 0.08}
    assert [(s.source, s.year, s.countries) for s in choice.set_aside] == [
        (REUTERS, 2019, {"country:CN": 0.6667, "country:XX": 0.3333})]


def test_chokepoints_shows_the_press_figure_and_keeps_the_tomahawk_loss(run_cli):
    result = run_cli("chokepoints", "--product", "product:tomahawk", "--format", "json")
    assert result.exit_code == 0, result.output
    product = json.loads(result.output)[0]
    assert [p for p in product["press_figures_not_used"]
            if p["material"] == "material:smco-magnet"] == [{
        "material": "material:smco-magnet", "shares": {"country:CN": 0.6667, "country:XX": 0.3333},
        "source": REUTERS, "stated": {"country:CN": "nearly two-thirds"}, "total": 1.0,
        "year": 2019}]
    rows = {r["id"]: r for r in product["chokepoints"]}
    # the losses rest on BIS's 92% and 8%, the same before the press figure was entered
    assert rows["country:CN"]["loss_range"] == [0.999985, 0.999985]
    assert rows["country:XX"]["loss_range"] == [0.226482, 0.226482]
    assert REUTERS not in rows["country:CN"]["sources"]


def test_the_vac_hanau_report_is_dated_by_its_figures_not_by_the_centenary(claims):
    # its 4,100 staff (1,450 in Hanau) and EUR 400 million are dpa's of March 2015; VAC
    # had nearly 5,000 staff after its 2023 centenary: no publication date is entered
    source = "source:aktiv-vac-hanau"
    assert claims.attribute(source, "published") is None
    note = claims.attribute(source, "note")
    assert "written about 2013-2015" in note and "24 Mar 2015" in note
    assert "written in VAC's centenary year" not in note


def test_the_text_reports_give_the_press_figure_with_reuters_words(run_cli):
    result = run_cli("chokepoints", "--product", "product:tomahawk")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert ("Samarium-cobalt permanent magnet, press China 67% (the source states nearly "
            "two-thirds), rest of world 33% (2019; [16]), set aside (a statistical set, of "
            "2020, is read).") in text
    info = " ".join(run_cli("info").stdout.split())
    assert ("material:smco-magnet: press figure, not used: CN 67% (the source states nearly "
            "two-thirds), XX 33% (2019; source:reuters-smco-dpa-2019)") in info
