"""What the third new-user trial found in the views (reports/, render/, commands/), one
test each: said once, truthfully, and nothing sourced hidden."""

from __future__ import annotations

#: The bundled materials whose country shares rest on press or reposts alone.
PRESS_ONLY = ["material:dy-oxide", "material:graphite-anode", "material:hre-feed",
              "material:ndfeb-magnet", "material:ndfeb-magnet-ht", "material:ndpr-oxide",
              "material:sm-oxide", "material:spherical-graphite", "material:tb-oxide"]


def test_build_counts_the_press_only_shares_in_one_line_and_lists_them_when_asked(
        run_cli, tmp_path):
    """Every build printed nine warning lines; now one, with the count and how to see the
    list, and ``--verbose`` lists them in the material's order."""
    out = tmp_path / "g.json"
    result = run_cli("build", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "warning: 9 materials have country shares only from press or reposts (the analysis "
        "uses them for lack of a statistical source); build --verbose lists them")
    assert len(result.stderr.splitlines()) == 2  # and the "built ..." line
    listed = run_cli("build", "--verbose", "--out", str(out)).stderr.splitlines()
    assert [line.split(":")[1:3] for line in listed[:-1]] == [
        [" material", m.split(":")[1]] for m in PRESS_ONLY]
    assert all("country shares come only from press or reposts" in line
               for line in listed[:-1])
