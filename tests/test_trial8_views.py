"""What the eighth new-user trial found in the views (docs/trial-8.md: LOW-6, LOW-8,
LOW-9): the pictures, the PDF brief and ``show``, which an analyst pastes into a briefing
and cites. One test each, failing before the fix."""

from __future__ import annotations

import re

RARE_EARTHS = ["material:re-concentrate", "material:ndpr-oxide", "material:ndfeb-magnet"]


def _svg_lines(svg: str) -> list[str]:
    """The text lines of an SVG, in order, entities read back."""
    import html

    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_the_stage_bars_print_every_source_whole_url_included(run_cli, tmp_path):
    """LOW-8: source [3] of the rare-earth stage bars (BIS's Section 232 report) was cut
    after its date ("2023-02-14.…") and its URL lost: a source line was wrapped to at most
    three lines. Every source is now printed whole: the lines of each, joined, give its
    citation back, its URL included, and no line ends in "…"."""
    from mineralgraph import load_bundled
    from mineralgraph.reports.common import source_citation

    out = tmp_path / "stages.svg"
    result = run_cli("concentration", *RARE_EARTHS, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    lines = _svg_lines(out.read_text())
    assert not [line for line in lines if line.endswith("…")]
    listed = "".join(lines[lines.index("Sources") + 1:])
    graph = load_bundled()
    bis = "source:bis-232-ndfeb-2022"
    assert graph.label(bis).startswith("The Effect of Imports of Neodymium-Iron-Boron")
    whole = source_citation(graph, bis)
    assert "https://www.federalregister.gov/documents/2023/02/14/2023-03078/" in whole
    # the wrapped lines joined (spaces dropped: a line ends where a space was) give it back
    assert f"[3]{whole}".replace(" ", "") in listed.replace(" ", "")
