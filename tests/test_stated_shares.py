"""A share the source states in its own words, shown beside the figure entered (data README,
"STATED share").

USGS's 2025 niobium chapter tables Brazil at 100,000 of a rounded 110,000 t Nb (the data's
derived 0.9091) and says in its text that Brazil accounts "for approximately 92% of global
production, followed by Canada with about 7%". ``show`` said "the source states no share"
beside the derived 90.9%, and "as given" beside the ferroniobium proxy's 0.9091: now it says
what USGS states. The shares the analysis reads do not change (no precision is invented).
"""

from __future__ import annotations

import pytest

from mineralgraph import load_bundled
from mineralgraph.graph.statistics import stated_share_words
from mineralgraph.reports.node import _figure_text


def _shown(run_cli, node):
    result = run_cli("show", node)
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.split())


def test_the_words_run_from_the_marker_to_the_next_semicolon():
    assert stated_share_words("DERIVED share = 7,100 / world total 110,000 t Nb (USGS MCS "
                              "2025); STATED share: about 7%; USGS's text: ...") == "about 7%"
    assert stated_share_words("STATED share: nearly two-thirds") == "nearly two-thirds"
    assert stated_share_words("USGS text states about 92%") is None
    assert stated_share_words(None) is None


@pytest.mark.parametrize("value, rel, text", [
    (0.6667, {"qualifiers": {"note": "PRESS: ...; STATED share: nearly two-thirds; 0.6667 is "
                                     "an upper bound"}},
     "share 67% (the source states nearly two-thirds)"),
    (0.9091, {"qualifiers": {"note": "DERIVED share = 100,000 / world total 110,000 t Nb; "
                                     "STATED share: approximately 92%"}},
     "share 91% (90.9% = 100,000 / 110,000, derived; the source states approximately 92%)"),
    (0.9091, {"qualifiers": {"note": "DERIVED share = 100,000 / world total 110,000 t Nb"}},
     "share 91% (90.9% = 100,000 / 110,000, derived; the source states no share)"),
    (0.9091, {"qualifiers": {}}, "share 91% (as given)"),
    (0.9091, {"qualifiers": {"note": "STATED share: about 90%"}, "share_of_sum": 0.906883,
      "set_sum": 1.0025},
     "share 91% the source states about 90% (91% of the set's 100.25% sum, as the analysis "
     "reads it)"),
])
def test_a_share_is_said_as_derived_stated_or_given(value, rel, text):
    assert _figure_text("share", value, rel) == text


def test_show_niobium_says_usgs_states_about_92_beside_the_derived_90_9(run_cli):
    shown = _shown(run_cli, "material:niobium-concentrate")
    assert ("PRODUCES country:BR (Brazil) 100,000 t Nb, share 91% (90.9% = 100,000 / 110,000, "
            "derived; the source states approximately 92%), year 2024") in shown
    assert ("PRODUCES country:CA (Canada) 7,100 t Nb, share 6.5% (6.5% = 7,100 / 110,000, "
            "derived; the source states about 7%), year 2024") in shown
    # the 2023 column has no sentence of its own in the chapter
    assert ("PRODUCES country:BR (Brazil) 102,000 t Nb, share 93% (92.7% = 102,000 / 110,000, "
            "derived; the source states no share), year 2023") in shown
    assert "100,000 is 92.2% of the sum of its 2024 lines, 108,470 t" in shown


def test_show_ferroniobium_no_longer_calls_the_derived_proxy_as_given(run_cli):
    shown = _shown(run_cli, "material:ferroniobium")
    assert ("PRODUCES country:BR (Brazil) share 91% (90.9% = 100,000 / 110,000, derived; the "
            "source states approximately 92%), year 2024") in shown
    assert ("PRODUCES country:CA (Canada) share 6.5% (6.5% = 7,100 / 110,000, derived; the "
            "source states about 7%), year 2024") in shown


def test_show_smco_magnet_gives_reuters_words_not_as_given(run_cli):
    shown = _shown(run_cli, "material:smco-magnet")
    assert ("PRODUCES country:CN (China) share 67% (the source states nearly two-thirds), "
            "year 2019") in shown


def test_the_analysis_reads_the_same_shares():
    choices = load_bundled().share_choices()
    assert choices["material:niobium-concentrate"].chosen.countries == {
        "country:BR": 0.9091, "country:CA": 0.0645, "country:XX": 0.0264}
    assert choices["material:ferroniobium"].chosen.countries == {
        "country:BR": 0.9091, "country:CA": 0.0645, "country:XX": 0.0264}


def test_show_spherical_graphite_gives_more_than_90_not_90_as_given(run_cli):
    # bestmag's copy of Reuters: China "refines more than 90%"; 0.90 is a lower bound
    shown = _shown(run_cli, "material:spherical-graphite")
    assert ("PRODUCES country:CN (China) share 90% (the source states more than 90%), year "
            "2023") in shown
