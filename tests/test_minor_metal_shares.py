"""Country shares of critical minerals entered from a source that states them (2026-11-29).

Rhodium, iridium and ruthenium had no country split (USGS MCS 2025 gives country figures
for palladium and platinum only). The International Platinum Group Metals Association's
page "The six metals" states the Bushveld Complex's (South Africa's) share of primary
supply: "around ... 80% of rhodium, 85–90% of ruthenium and iridium". Figures checked by
hand against that sentence:

- rhodium: South Africa 0.80, rest of world the remainder 0.20 (the set adds up to 1);
- iridium and ruthenium: a range, 85-90%. South Africa gets the lower end, 0.85; rest of
  world the least remainder the range leaves, 0.10; the 0.05 between is left unmapped
  (not split equally, not given to anyone), so each set adds up to 0.95.

HHI over named countries (rest of world left out): 80^2 = 6,400 and 85^2 = 7,225.
"""

from __future__ import annotations

import pytest
from bundled_tables import rows

from mineralgraph import load_bundled
from mineralgraph.cli import cli

IPA = "source:ipa-six-metals"
PGM = ("material:rhodium-mine", "material:iridium-mine", "material:ruthenium-mine")


@pytest.fixture(scope="module")
def graph():
    return load_bundled()


def _shares(graph, material):
    return {c.subject: c.qualifier("share") for c in graph.claims
            if c.predicate == "PRODUCES" and c.object == material}


def test_pgm_shares_are_the_ipa_figures_and_nothing_else(graph):
    assert _shares(graph, "material:rhodium-mine") == {"country:ZA": 0.80, "country:XX": 0.20}
    for material in ("material:iridium-mine", "material:ruthenium-mine"):
        assert _shares(graph, material) == {"country:ZA": 0.85, "country:XX": 0.10}
        assert sum(_shares(graph, material).values()) == pytest.approx(0.95)


def test_each_pgm_row_quotes_the_sentence_it_rests_on_and_is_rated_below_high():
    table = [r for r in rows("production_pgm_shares.csv")]
    assert len(table) == 6
    for row in table:
        assert row["sources"] == IPA
        assert "80% of rhodium, 85–90% of ruthenium and iridium" in row["quote"]
        assert row["year"] == ""  # the page states no year: none is invented
        expected = "medium" if row["object"] == "material:rhodium-mine" else "low"
        assert row["confidence"] == expected, row
    (source,) = [r for r in rows("sources_pgm_shares.csv")]
    assert (source["id"], source["source_type"]) == (IPA, "research")
    assert source["url"] == "https://ipa-news.com/index/platinum-group-metals/the-six-metals/"


def test_pgm_materials_no_longer_claim_to_be_unmapped(graph):
    for material in PGM:
        assert graph.attribute(material, "unmapped_reason") is None, material


def test_concentration_reads_the_ipa_sets(graph):
    import json

    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["concentration", *PGM, "--format", "json"])
    assert result.exit_code == 0, result.output
    by_material = {r["material"]: r for r in json.loads(result.stdout)["materials"]}
    rh = by_material["material:rhodium-mine"]
    assert (rh["top1"], rh["hhi"], rh["rest_of_world"], rh["confidence"]) == (
        0.8, 6400.0, 0.2, "medium")
    for material in ("material:iridium-mine", "material:ruthenium-mine"):
        row = by_material[material]
        assert (row["top_country"], row["top1"], row["hhi"], row["rest_of_world"],
                row["confidence"]) == ("country:ZA", 0.85, 7225.0, 0.15, "low")
        # concentration's rest of world is everything outside the named countries: the
        # 0.10 row plus the 0.05 the range leaves unmapped (1 - 0.85)
        assert row["shares"] == {"XX": 0.1, "ZA": 0.85}
        assert row["sources"] == [IPA] and row["source_types"] == ["research"]


def test_the_f35_ndfeb_need_cites_the_verbatim_reuters_copy_and_is_rated_low():
    """The F-35's NdFeB need rested on Digital Journal's rewrite alone (rated medium). The
    Reuters wire text it rewrites is stored verbatim and dated (The Daily Asian Age, 21 Dec
    2019); no primary (the DoD's 2012 assessment, the Pentagon's 2019 request) is stored,
    so the row cites the copy and says low."""
    (row,) = [r for r in rows("requirements.csv")
              if (r["subject"], r["object"]) == ("product:f-35", "material:ndfeb-magnet")]
    assert (row["sources"], row["confidence"]) == (
        "source:dailyasianage-reuters-magnets-2019", "low")
    assert row["quote"] == ("The US military plans to stockpile rare earth magnets used in "
                            "Javelin missiles and F-35 fighter jets")
    (source,) = [r for r in rows("sources_originals.csv")
                 if r["id"] == "source:dailyasianage-reuters-magnets-2019"]
    assert (source["source_type"], source["published"], source["original_url"]) == (
        "repost", "2019-12-21", "")
    assert "not found" in source["note"]
    # Digital Journal's rewrite stays where it is still the cited copy: the Javelin's row
    (javelin,) = [r for r in rows("requirements_more.csv")
                  if (r["subject"], r["object"]) == ("product:javelin", "material:ndfeb-magnet")]
    assert "source:digitaljournal-pentagon-magnets-2019" in javelin["sources"].split(";")
