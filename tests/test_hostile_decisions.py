"""Holes 72-76: the decisions SECURITY.md had listed as found and not fixed, closed.

Each test failed before its fix: ``serve --workers`` without an upper bound, unknown
keys in a snapshot's claims dropped without a word, ``build --years`` ignored for a
trade CSV, a hostile SQLite view keeping a loader busy (``cypher --max-rows`` is in
``tests/test_cypher.py``, on the real server).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mineralgraph.cli import cli

TINY = Path(__file__).parent / "data" / "tiny"
HEADER = '{"format": "mineralgraph-snapshot", "version": 1, "claims": [\n'
GOOD = ('{"object": "Dysprosium", "predicate": "label", "sources": ["source:a"], '
        '"subject": "element:Dy"}')


def mg(*args, env: dict | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def one_line_error(result, expected: str, code: int = 1) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == f"Error: {expected}\n"


# ---------------------------------------------------------------------- 72: --workers
def test_serve_workers_has_an_upper_bound():
    """`serve --workers 5000` forked 5,000 copies of the store."""
    from mineralgraph.exceptions import MineralGraphError
    from mineralgraph.graph.query_pool import MAX_WORKERS, QueryPool

    result = mg("serve", "--workers", "5000", "--port", "0")
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stderr.count("\n") == 1 and "--workers" in result.stderr
    assert f"5000 is not in the range 1<=x<={MAX_WORKERS}" in result.stderr
    assert MAX_WORKERS == 64
    with pytest.raises(MineralGraphError, match="at most 64 workers"):
        QueryPool(None, workers=MAX_WORKERS + 1)


# ---------------------------------------------------------------------- 73: unknown keys
@pytest.mark.parametrize("claim, expected", [
    (GOOD[:-1] + ', "weight": 2}', ":2: weight: claim 1: unknown key 'weight' (not "
     "written by this mineralgraph; a newer one may give it a meaning this one would "
     "drop)"),
    (GOOD[:-1] + ', "Sources": ["source:b"]}', ":2: Sources: claim 1: unknown key "
     "'Sources' (not written by this mineralgraph; a newer one may give it a meaning "
     "this one would drop)"),
    (GOOD[:-1] + ', "object_type": "datetime"}', ":2: object_type: claim 1: "
     "'datetime' is not an object type (date)"),
], ids=["weight", "misspelt-sources", "object-type"])
def test_an_unknown_key_in_a_snapshot_claim_is_refused(tmp_path, claim, expected):
    """An unknown key was dropped without a word: a claim read without what a newer
    version (or a hand edit: `Sources`) put in it."""
    path = tmp_path / "g.json"
    path.write_text(HEADER + GOOD + ",\n" + claim.replace("source:b", "source:a")
                    .replace('"Sources": ["source:a"]', '"Sources": ["source:b"]')
                    + "\n]}\n", encoding="utf-8")
    expected = expected.replace(":2:", ":3:").replace("claim 1", "claim 2")
    one_line_error(mg("--graph", path, "info"), f"{path}{expected}")
    one_line_error(mg("diff", path, path), f"{path}{expected}")


def test_every_key_a_snapshot_writes_is_read_back(tmp_path):
    """The keys refused as unknown are none that `build` writes."""
    path = tmp_path / "g.json"
    assert mg("build", "-o", path).exit_code == 0
    keys = {k for c in json.loads(path.read_text(encoding="utf-8"))["claims"] for k in c}
    assert keys >= {"subject", "predicate", "object", "sources", "qualifiers", "quote",
                    "confidence", "origin", "object_type"}
    assert mg("--graph", path, "info").exit_code == 0


# ---------------------------------------------------------------------- 74: --years
def test_build_years_applies_to_trade_csv_files(tmp_path):
    """`build --years 2023` read the 2022 file's flows too: ignored for a CSV."""
    import open_data_files

    paths = open_data_files.baci_release(tmp_path)
    out = tmp_path / "g.json"
    args = ["build", "--no-bundled", *[a for p in paths for a in ("--source", p)]]
    result = mg(*args, "-o", out)
    assert result.exit_code == 0, result.stderr

    def years() -> list:
        claims = json.loads(out.read_text(encoding="utf-8"))["claims"]
        return sorted({c["qualifiers"]["year"] for c in claims
                       if c["predicate"] == "EXPORTS_TO"})

    assert years() == [2022, 2023]
    result = mg(*args, "--years", "2023", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert years() == [2023]
    result = mg(*args, "--years", "2022", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert years() == [2022]
    one_line_error(mg("build", "--no-bundled", "--source", paths[0], "--years", "2030", "-o",
                      out),
                   "--years 2030: no row of the trade tables given is of those years "
                   "(theirs: 2022); nothing written")
    assert years() == [2022]  # nothing written


def test_build_years_outside_a_database_is_one_line(tmp_path):
    """A database with no rows of the years asked gave 0 facts, exit 0."""
    import open_data_files

    path = open_data_files.baci_db(tmp_path)
    one_line_error(mg("build", "--no-bundled", "--source", path, "--years", "2030-2031"),
                   "--years 2030-2031: no row of the trade tables given is of those years "
                   "(theirs: 2022, 2023); nothing written")


def test_build_years_with_no_trade_source_says_so(tmp_path):
    """`--years` with no trade table among the sources changed nothing, without a word."""
    one_line_error(mg("build", "--no-bundled", "--source", TINY, "--years", "2023", "-o",
                      tmp_path / "g.json"),
                   "--years applies to trade tables (Comtrade, BACI), and no source "
                   "given is one; nothing written")
    assert not (tmp_path / "g.json").exists()


# ---------------------------------------------------------------------- 75: SQLite views
RECURSIVE = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
             "SELECT {columns} FROM n")


def _hostile_db(folder: Path, make: str, table: str, columns: str) -> Path:
    import open_data_files

    path = getattr(open_data_files, make)(folder)
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute(f'DROP TABLE "{table}"')
        con.execute(f'CREATE VIEW "{table}" AS ' + RECURSIVE.format(columns=columns))
        con.commit()
    return path


@pytest.mark.parametrize("make, table, columns", [
    ("baci_db", "baci_trade", "'2023' AS t, '156' AS i, '842' AS j, 282200 AS k, "
     "'1' AS v, '1' AS q"),
    ("baci_db", "country_codes_V202401b", "x AS country_code, 'X' AS country_name, "
     "'CN' AS country_iso2, 'CHN' AS country_iso3"),
    ("baci_db", "product_codes_HS92_V202401b", "x AS code, 'x' AS description"),
    ("wgi_db", "Estimate", "'China' AS \"Country/Territory\", 'CHN' AS Code, "
     "'1' AS \"2019\", '1' AS \"2020\", '1' AS \"2021\", '156' AS country_code"),
])
def test_a_view_in_an_open_data_database_is_refused(tmp_path, make, table, columns):
    """A database whose table was a recursive view kept `build` reading rows for ever
    (and its memory growing)."""
    path = _hostile_db(tmp_path, make, table, columns)
    try:
        result = subprocess.run([sys.executable, "-m", "mineralgraph", "build",
                                 "--no-bundled", "--source", str(path)],
                                capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the loader was still reading the view after 60 s")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (f"Error: {path}: {table}: is a view, not a table (a view's "
                             "query may run without end; mineralgraph reads tables only)\n")


@pytest.mark.parametrize("make, table, columns", [
    ("baci_db", "baci_trade", "t, i, j, k, v, q"),
    ("wmd_db", "Cobalt", "Country, Country_Code, Country_ISO, unit"),
])
def test_a_virtual_table_over_a_view_is_refused(tmp_path, make, table, columns):
    """An FTS5 table whose content is a recursive view: type 'table' in sqlite_master,
    so World Mining Data's reader (tables only) read it, and sorted rows without end."""
    import open_data_files

    path = getattr(open_data_files, make)(tmp_path)
    names = [c.strip() for c in columns.split(",")]
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute(f'DROP TABLE "{table}"')
        con.execute("CREATE VIEW evil AS " + RECURSIVE.format(columns=", ".join(
            f"'1' AS {n}" for n in names) + ", x AS rowid"))
        con.execute(f'CREATE VIRTUAL TABLE "{table}" USING fts5({columns}, content=evil)')
        con.commit()
    try:
        result = subprocess.run([sys.executable, "-m", "mineralgraph", "build",
                                 "--no-bundled", "--source", str(path)],
                                capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the loader was still reading the virtual table after 60 s")
    assert result.returncode == 1, result.stderr
    assert result.stderr == (f"Error: {path}: {table}: is a virtual table, not a table (a "
                             "virtual table's query may run without end; mineralgraph reads "
                             "tables only)\n")


def test_a_view_beside_the_tables_of_a_wmd_database_is_not_read(tmp_path):
    """World Mining Data reads tables only: a view is passed over, as before."""
    import open_data_files

    path = open_data_files.wmd_db(tmp_path)
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute('CREATE VIEW "Zinc" AS ' + RECURSIVE.format(
            columns="'China' AS Country, 'CN' AS Country_ISO, 't' AS unit"))
        con.commit()
    result = subprocess.run([sys.executable, "-m", "mineralgraph", "build", "--no-bundled",
                             "--source", str(path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------- new holes
# (the sixth round's hunt: each test failed before its fix)
def _mg_process(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mineralgraph", *args], timeout=300,
                          **kwargs)


@pytest.mark.parametrize("target", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_out_onto_stdout_appended_to_a_file_keeps_the_file(tmp_path, target):
    """`-o /dev/stdout >> log` replaced the log by a new file (the link led to the file,
    which was written atomically: renamed over), so what it held was lost."""
    log = tmp_path / "log.txt"
    log.write_text("kept line\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as out:
        result = _mg_process("show", "element:Dy", "--format", "json", "-o", target,
                             stdout=out, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 0, result.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("kept line\n{") and text.endswith("}\n")
    assert json.loads(text.removeprefix("kept line\n"))["id"] == "element:Dy"


def test_out_onto_stderr_appended_to_a_log_keeps_the_log(tmp_path):
    log = tmp_path / "build.log"
    log.write_text("yesterday's build\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as err:
        result = _mg_process("show", "element:Dy", "--format", "json", "-o", "/dev/stderr",
                             stdout=subprocess.PIPE, stderr=err, text=True)
    assert result.returncode == 0
    assert log.read_text(encoding="utf-8").startswith("yesterday's build\n{")


@pytest.mark.parametrize("target", ["/dev/stdout", "/dev/fd/1"])
def test_out_onto_stdout_through_a_pipe_is_written(target):
    """`-o /dev/stdout | less` said 'cannot write in /proc/PID/fd (No such file or
    directory)', exit 1: the pipe is no file to write beside."""
    expected = _mg_process("show", "element:Dy", "--format", "json", capture_output=True,
                           text=True)
    result = _mg_process("show", "element:Dy", "--format", "json", "-o", target,
                         capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected.stdout


def _hostile_tiny(tmp_path: Path, labels: dict) -> Path:
    """A copy of the tiny dataset with some labels replaced (``{"Jet": "<img ...>"}``)."""
    import csv as csv_module

    folder = tmp_path / "hostile"
    folder.mkdir()
    for name in ("nodes.csv", "relations.csv", "sources.csv"):
        (folder / name).write_bytes((TINY / name).read_bytes())
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv_module.reader(fh))
    for row in rows[1:]:
        row[1] = labels.get(row[1], row[1])
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as fh:
        csv_module.writer(fh, lineterminator="\n").writerows(rows)
    return folder


def _hostile_snapshot(tmp_path: Path, labels: dict) -> Path:
    snapshot = tmp_path / "hostile.json"
    result = mg("build", "--no-bundled", "--source", _hostile_tiny(tmp_path, labels), "-o",
                snapshot)
    assert result.exit_code == 0, result.stderr
    return snapshot


def test_show_markdown_heading_is_escaped(tmp_path):
    """`show --format md` wrote the node's label raw as its heading: a label from a
    user's file (`<img src=x onerror=alert(1)>`, `[x](javascript:alert(1))`) became HTML
    and a link wherever the Markdown was rendered."""
    label = "<img src=x onerror=alert(1)>[x](javascript:alert(1))"
    snapshot = _hostile_snapshot(tmp_path, {"Jet": label})
    result = mg("--graph", snapshot, "show", "product:jet", "--format", "md")
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == "## &lt;img src=x onerror=alert(1)>[x\\](javascript:alert(1))"


def test_a_supply_chain_hundreds_of_steps_deep_is_analysed(tmp_path):
    """A user's file with a chain of 3,000 MADE_FROM steps: `spof`, `chokepoints`,
    `dependents` and `snapshot` stopped with a RecursionError traceback, then with one line
    (a chain past some 300 steps refused). The structure is compiled on an explicit stack
    now: a chain of 500 steps is analysed by the commands (the library analyses 3,000 in
    well under 5 s: tests/test_trial5_findings.py; the reports list each step's evidence
    path, so their time grows with the square of the depth)."""
    folder = tmp_path / "deep"
    folder.mkdir()
    (folder / "sources.csv").write_bytes((TINY / "sources.csv").read_bytes())
    steps = 500
    (folder / "nodes.csv").write_text(
        "id,label,stage,end_use,sources\ncountry:CN,China,,,source:tiny-a\n"
        "product:p,P,,defence,source:tiny-a\n"
        + "".join(f"material:m{i},M{i},processing,,source:tiny-a\n" for i in range(steps)),
        encoding="utf-8")
    (folder / "relations.csv").write_text(
        "subject,relation,object,share,sources\n"
        "product:p,REQUIRES,material:m0,,source:tiny-a\n"
        + "".join(f"material:m{i},MADE_FROM,material:m{i + 1},,source:tiny-a\n"
                  for i in range(steps - 1))
        + f"country:CN,PRODUCES,material:m{steps - 1},1,source:tiny-a\n", encoding="utf-8")
    snapshot = tmp_path / "deep.json"
    assert mg("build", "--no-bundled", "--source", folder, "-o", snapshot).exit_code == 0
    out = tmp_path / "spof.csv"
    result = mg("--graph", snapshot, "spof", "product:p", "--format", "csv", "-o", out)
    assert result.exit_code == 0, result.stderr
    # China and every step: each a single point of failure of P
    ids = [line.split(",")[0] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(ids) == sorted(["country:CN"] + [f"material:m{i}" for i in range(steps)])
    result = mg("--graph", snapshot, "snapshot", "product:p", "-o", tmp_path / "p.svg")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "p.svg").read_text(encoding="utf-8").startswith("<svg")
