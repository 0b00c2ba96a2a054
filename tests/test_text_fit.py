"""Text that fits the screen: folded tables and wrapped prose never lose a character and
never run past the width (but for a single word longer than it, such as a URL), and an id
never breaks across lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mineralgraph.cells import _fold_cell, fit, is_id, text_table

WORD = st.text(alphabet="abcXYZ:-[]1%≈", min_size=1, max_size=14)
CELL = st.lists(WORD, min_size=0, max_size=6).map(" ".join)


@given(st.lists(st.fixed_dictionaries({"a": CELL, "b": CELL, "c": CELL}), min_size=1,
                max_size=5), st.integers(min_value=26, max_value=90))
def test_folded_tables_fit_and_keep_every_character(rows, width):
    table = text_table(rows, ["a", "b", "c"], width=width).splitlines()
    assert all(len(line) <= width for line in table)
    # the rule under the header: the first line of dashes (headers a, b, c have none)
    rule = next(i for i, line in enumerate(table) if line.strip() and not line.strip(" -"))
    body = table[:rule] + table[rule + 1:]
    cells = ["a", "b", "c"] + [v for row in rows for v in row.values()]
    assert sorted("".join(body).replace(" ", "")) == sorted("".join(cells).replace(" ", ""))


@given(CELL, st.integers(min_value=4, max_value=30))
def test_a_folded_cell_reads_back_as_the_cell(text, width):
    lines = _fold_cell(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(st.lists(WORD, min_size=1, max_size=40).map(" ".join),
       st.integers(min_value=20, max_value=100))
def test_wrapped_prose_keeps_its_words_and_fits(text, width):
    wrapped = fit(text, width)
    assert wrapped.split() == text.split()
    assert all(len(line) <= width or len(line.split()) == 1 for line in wrapped.splitlines())


def test_piped_output_is_80_columns_whatever_columns_says(monkeypatch):
    from mineralgraph.output import text_width

    monkeypatch.setenv("COLUMNS", "200")
    assert text_width() == 80  # pytest captures stdout: not a terminal


ID = st.from_regex(r"[a-z]{1,8}:[a-z0-9][a-z0-9-]{0,24}", fullmatch=True)
#: words without citation brackets (a "[ ... ]" around an id would make it a citation)
PLAIN = st.text(alphabet="abcXYZ1%≈-", min_size=1, max_size=14)


@given(st.lists(st.fixed_dictionaries({"a": ID, "b": CELL, "c": st.lists(
    st.one_of(ID, PLAIN), max_size=4).map(" ".join)}), min_size=1, max_size=5),
       st.integers(min_value=40, max_value=90))
def test_ids_never_break_across_lines(rows, width):
    table = text_table(rows, ["a", "b", "c"], width=width)
    lines = table.splitlines()
    assert all(len(line) <= width for line in lines)
    ids = {w for row in rows for v in (row["a"], row["c"]) for w in v.split() if is_id(w)}
    found = {w for line in lines for w in line.split()}
    assert ids <= found  # every id reads whole on one line


def test_a_keyed_table_aligns_two_digit_ranks():
    """Rank 10 starts its node where rank 9 does (the ranks' column is as wide as the
    widest rank), and a line too long folds under the node."""
    rows = [{"rank": i, "node": f"Node {i} (company:c{i})", "stage": "mining",
             "note": "see material:ndfeb-magnet-ht-sintered"} for i in range(1, 12)]
    rows[4]["node"] = "A very long facility name, the longest of all (facility:long-name)"
    table = text_table(rows, ["rank", "node", "stage", "note"], ["#", "node", "stage", "note"],
                       width=60).splitlines()
    assert table[:3] == ["#   node  stage", "  note", "  " + "-" * 37]
    assert [line for line in table if not line.startswith("  ")] == [
        "#   node  stage", "1   Node 1 (company:c1)  mining", "2   Node 2 (company:c2)  mining",
        "3   Node 3 (company:c3)  mining", "4   Node 4 (company:c4)  mining",
        "5   A very long facility name, the longest of all", "6   Node 6 (company:c6)  mining",
        "7   Node 7 (company:c7)  mining", "8   Node 8 (company:c8)  mining",
        "9   Node 9 (company:c9)  mining", "10  Node 10 (company:c10)  mining",
        "11  Node 11 (company:c11)  mining"]
    assert table[table.index("5   A very long facility name, the longest of all") + 1] == (
        "    (facility:long-name) mining")


def test_the_chokepoints_table_aligns_rank_10(run_cli):
    """The real command: every ranked line of the table starts its node at one column."""
    import re

    result = run_cli("chokepoints", "--product", "product:aim-9x", "--top", "12")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    evidence = "Evidence (the shortest supply path of each row shown):"
    table = lines[lines.index("#   node"):lines.index(evidence)]
    ranked = [line for line in table if re.match(r"\d+ +\S", line)]
    assert [line.split()[0] for line in ranked] == [str(i) for i in range(1, 13)]
    assert {re.match(r"\d+ +", line).end() for line in ranked} == {4}


def test_the_risk_blocks_align_rank_10_and_fit_80_columns(run_cli):
    """``risk``: a block's lines start under its name whatever the rank's width, and fold
    to the width (they ran to 300 columns)."""
    result = run_cli("risk", "--importer", "country:US", "--top", "12")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 or " " not in line.strip() for line in lines)
    ten = next(i for i, line in enumerate(lines) if line.startswith("10. "))
    nine = next(i for i, line in enumerate(lines) if line.startswith("9. "))
    assert lines[nine + 1].startswith("   GeoPolRisk ") and lines[ten + 1].startswith(
        "    GeoPolRisk ")
    block = lines[ten + 1:lines.index("", ten)]
    assert block and all(line.startswith("    ") and line[4] != " " for line in block)


def test_a_range_a_figure_or_an_arrow_never_breaks_in_a_folded_cell():
    """Only prose folds: ">99.9-100%" read ">99.9-" over "100%", "F-35" read "F-" over
    "35" and a path's "->" read "-" over ">" (new-user trial)."""
    rows = [{"node": "China", "loss": ">99.9-100%", "via": "Refined cobalt -> F-35 radar",
             "change": "was 100% -> 57%", "conf": "low, proxy, disputed"}]
    table = text_table(rows, ["node", "loss", "via", "change", "conf"], width=48)
    assert table.splitlines() == [
        "node",
        "  loss        via       change        conf",
        "  ----------  --------  ------------  ----------",
        "China",
        "  >99.9-100%  Refined   was           low,",
        "              cobalt    100% -> 57%   proxy,",
        "              -> F-35                 disputed",
        "              radar"]


def test_a_country_and_its_share_stay_on_one_line(run_cli):
    """``concentration``'s shares read "CN" over "69%," over "US" over "12%," (a column 6
    wide); a country's code and its share are one word now."""
    text = run_cli("concentration", "material:re-concentrate",
                   "material:antimony-concentrate").stdout
    lines = text.splitlines()
    first = lines.index("Rare-earth mineral concentrate (REO content)")
    assert lines[first + 1:first + 6] == [
        # the USGS bar cites USGS alone, not a repost quoting a remark (trial 6, L9)
        "  mining  2024  CN 69%,     69%   88%   4,925  yes   high   statistics   [1]",
        "                US 11%,", "                MM 7.9%,", "                AU 3.3%,",
        "                +9 more"]
