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


@given(st.lists(st.fixed_dictionaries({"a": ID, "b": CELL, "c": st.lists(
    st.one_of(ID, WORD), max_size=4).map(" ".join)}), min_size=1, max_size=5),
       st.integers(min_value=40, max_value=90))
def test_ids_never_break_across_lines(rows, width):
    table = text_table(rows, ["a", "b", "c"], width=width)
    lines = table.splitlines()
    assert all(len(line) <= width for line in lines)
    ids = {w for row in rows for v in row.values() for w in v.split() if is_id(w)}
    found = {w for line in lines for w in line.split()}
    assert ids <= found  # every id reads whole on one line
