"""A licence decision falls only under a control whose scope fits it (newsfix, 2026-11-29):
a control with target countries holds no licence for buyers of another country, nor for
buyers named only by a region; a control covering elements holds no licence for elements it
does not cover. A user's article ("denied export licences for dysprosium and terbium to
several US defence contractors") gave the January 2026 ban on dual-use exports to Japanese
military end users as the control of a US denial, because that ban, the latest control
covering the two elements, won the choice. Probed here in words of their own, against the
bundled graph (which holds the Japan ban and the April 2025 rare-earth control)."""

from __future__ import annotations

import pytest
from news_eval import scored

from mineralgraph import load_bundled
from mineralgraph.loaders import LoadContext
from mineralgraph.loaders.news import load_news

JAPAN = "control:cn-2026-01-japan-military"
APRIL = "control:cn-2025-04-rare-earths"


@pytest.fixture(scope="module")
def known():
    return load_bundled()


def licence_facts(tmp_path, known, body, published="2026-11-20"):
    """The (subject, predicate, object) of every licence claim read from ``body``."""
    path = tmp_path / "probe.txt"
    path.write_text(f"Title: Probe\nPublisher: Wire\nDate: {published}\n\n{body}\n",
                    encoding="utf-8")
    result = load_news(path, LoadContext(known=known))
    return {k[:3] for k in scored(result.claims) if k[0].startswith("licence:")}


@pytest.mark.parametrize("buyers", ["American missile makers", "US military end users"])
def test_a_us_denial_falls_under_the_rare_earth_control_never_the_japan_ban(
        tmp_path, known, buyers):
    facts = licence_facts(tmp_path, known, "China on Tuesday refused export licences for "
                          f"terbium and dysprosium to {buyers}.")
    node = "licence:cn-2026-11-17-to-us-denied"
    assert (node, "TARGETS", "country:US") in facts
    assert {f for f in facts if f[1] == "UNDER"} == {(node, "UNDER", APRIL)}


def test_a_denial_for_japanese_buyers_still_falls_under_the_japan_ban(tmp_path, known):
    """The look-alike: the control's own target country fits."""
    facts = licence_facts(tmp_path, known, "China on Tuesday refused export licences for "
                          "terbium and dysprosium to Japanese military end users.")
    node = "licence:cn-2026-11-17-to-jp-denied"
    assert {f for f in facts if f[1] in ("UNDER", "TARGETS")} == {
        (node, "UNDER", JAPAN), (node, "TARGETS", "country:JP")}


def test_an_approval_for_buyers_named_by_a_region_is_no_targeted_controls(tmp_path, known):
    """"to two European carmakers": no target country read, but buyers of a region the
    Japan ban does not target (it was taken before)."""
    facts = licence_facts(tmp_path, known, "China granted export licences for rare earths to "
                          "two European carmakers earlier this month, according to an "
                          "industry group.")
    assert {f for f in facts if f[1] == "UNDER"} == {
        ("licence:cn-2026-11-exports-approved", "UNDER", APRIL)}


def test_the_japan_ban_in_hand_holds_no_us_denial(tmp_path, known):
    """The Japan ban named in the sentence before is the control in hand; a denial for US
    buyers after it is still not filed under it."""
    facts = licence_facts(tmp_path, known, "China's ban on dual-use exports to Japanese "
                          "military users remains in place. On Tuesday, China denied export "
                          "licences for dysprosium to US radar makers.")
    node = "licence:cn-2026-11-17-to-us-denied"
    assert (node, "TARGETS", "country:US") in facts
    assert {f for f in facts if f[1] == "UNDER"} == {(node, "UNDER", APRIL)}
