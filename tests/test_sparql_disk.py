"""An on-disk Oxigraph store (``--store oxigraph --data-dir DIR``): built once, then opened."""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import pytest

from mineralgraph.graph.endpoint import make_server, serve_in_thread
from mineralgraph.graph.rdf import ntriples
from mineralgraph.graph.sparql import run_query
from mineralgraph.graph.sparql_disk import (
    MARKER,
    build_store_dir,
    is_store_dir,
    open_store_dir,
    source_of,
)
from mineralgraph.loaders.curated import load_curated

TINY = Path(__file__).parent / "data" / "rdf-tiny"
PRODUCTS = "SELECT ?p WHERE { ?p a mg:Product } ORDER BY ?p"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.fixture
def snapshot(tmp_path) -> Path:
    from mineralgraph.graph.snapshot import save_snapshot

    path = tmp_path / "tiny.json"
    save_snapshot(load_curated(TINY).claims, path)
    return path


def test_build_then_open_gives_the_same_answers(tmp_path):
    claims = load_curated(TINY).claims
    source = {"graph": "tiny"}
    built = build_store_dir(tmp_path / "store", source, nt=ntriples(claims))
    assert len(built) == 931 and is_store_dir(tmp_path / "store")
    opened = open_store_dir(tmp_path / "store", source)
    assert run_query(opened, PRODUCTS, timeout=10).column("p") == [
        "product:drone", "product:phone", "product:radar"]
    assert json.loads((tmp_path / "store" / MARKER).read_text())["triples"] == 931
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no temporary folder left


def test_a_folder_with_other_things_is_refused(tmp_path):
    from mineralgraph.exceptions import MineralGraphError

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(MineralGraphError, match=r"not empty and not a mineralgraph store"):
        build_store_dir(tmp_path, {"graph": "tiny"}, nt="")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_link_or_a_device_as_data_dir_is_one_line(run_cli, snapshot, tmp_path):
    """A --data-dir that was a symbolic link to an empty folder ended in a
    NotADirectoryError traceback (the build renames its folder into place); /dev/null was
    called "not empty"."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "empty")
    for given, message in [(tmp_path / "link", f"a symbolic link; give the folder it points "
                                                f"to ({tmp_path / 'empty'}) or a new one"),
                           (Path("/dev/null"), "not a folder; give a new or empty folder")]:
        result = run_cli("--graph", str(snapshot), "sparql", "ASK {}", "--store", "oxigraph",
                         "--data-dir", str(given))
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == f"Error: {given}: {message}"
    assert list((tmp_path / "empty").iterdir()) == [] and (tmp_path / "link").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "link", "tiny.json"]


def test_a_data_dir_in_a_missing_folder_is_one_line(run_cli, snapshot, tmp_path):
    """--data-dir missing/db was a FileNotFoundError traceback from RocksDB (the store is
    built beside the folder, in a parent that did not exist)."""
    given = tmp_path / "missing" / "db"
    result = run_cli("--graph", str(snapshot), "sparql", "ASK {}", "--store", "oxigraph",
                     "--data-dir", str(given))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {given}: its folder {given.parent} does not exist; make it, or give a "
        "folder inside one that exists")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.json"]


@pytest.mark.parametrize("marker,why", [
    ('{"source": "x", "triples": 1, "built": "2026"}', "source is not an object"),
    ('{"source": {}, "triples": "many", "built": "2026"}', "triples is not a count"),
    ('{"source": {}, "triples": 1}', "built is not a date"),
    ("[" * 100_000 + "]" * 100_000, "nested too deep"),
])
def test_a_store_marker_of_another_shape_is_one_line(run_cli, snapshot, tmp_path, marker, why):
    """A store folder whose marker was edited or written by another tool: source as text
    was an AttributeError traceback, triples as text a ValueError one, the marker
    nested 100,000 deep a RecursionError one."""
    store = tmp_path / "store"
    store.mkdir()
    (store / MARKER).write_text(marker)
    result = run_cli("--graph", str(snapshot), "sparql", "ASK {}", "--store", "oxigraph",
                     "--data-dir", str(store))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {store / MARKER}: unreadable ({why})"]


def test_two_first_builds_at_once_share_the_store(tmp_path):
    """Two first runs on one --data-dir: the build that finished second found the folder
    filled by the first and stopped with an OSError traceback ('Directory not empty').
    The second build here (another process) reads a FIFO, so the first is sure to finish
    before it."""
    import os
    import subprocess
    import sys
    import time

    text = ntriples(load_curated(TINY).claims)
    fifo = tmp_path / "slow.nt"
    os.mkfifo(fifo)
    second = subprocess.Popen(
        [sys.executable, "-c", "import sys; from mineralgraph.graph.sparql_disk import "
         "build_store_dir; print(len(build_store_dir(sys.argv[1], {'data': 'tiny'}, "
         "rdf_file=sys.argv[2])))", str(tmp_path / "store"), str(fifo)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while not list(tmp_path.glob(".store.building-*")):  # the second has begun
        assert second.poll() is None, second.communicate()
        time.sleep(0.01)
    first = build_store_dir(tmp_path / "store", {"data": "tiny"}, nt=text)
    with open(fifo, "w", encoding="utf-8") as writer:
        writer.write(text)
    out, err = second.communicate(timeout=60)
    assert (second.returncode, out, err) == (0, "931\n", "")
    assert run_query(first, PRODUCTS, timeout=10).column("p") == [
        "product:drone", "product:phone", "product:radar"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.nt", "store"]


def test_sparql_command_builds_once_then_opens(run_cli, snapshot, tmp_path):
    store = tmp_path / "store"
    args = ("--graph", str(snapshot), "sparql", PRODUCTS, "--store", "oxigraph",
            "--data-dir", str(store))
    first = run_cli(*args)
    assert first.exit_code == 0, first.stderr
    assert first.stderr == (f"building the store in {store}...\n"
                            f"built the store in {store} (931 triples)\n")
    second = run_cli(*args)
    assert second.exit_code == 0 and second.stdout == first.stdout
    assert re.fullmatch(rf"using the store in {re.escape(str(store))} \(931 triples, built "
                        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\)\n", second.stderr)


def test_a_store_of_another_graph_is_refused(run_cli, snapshot, tmp_path):
    store = tmp_path / "store"
    args = ("sparql", PRODUCTS, "--store", "oxigraph", "--data-dir", str(store))
    assert run_cli("--graph", str(snapshot), *args).exit_code == 0
    result = run_cli(*args)  # the bundled graph, not the snapshot
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {store} holds a store built from {snapshot.resolve()}, "
                             "not from the bundled data of mineralgraph 0.1.0: give another "
                             "folder, or delete it to rebuild\n")
    snapshot.write_text(snapshot.read_text() + " ")  # the snapshot changed since
    result = run_cli("--graph", str(snapshot), *args)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {store} holds a store built from {snapshot.resolve()} "
                             "before it changed: delete the folder to rebuild it\n")


def test_data_dir_needs_oxigraph(run_cli, tmp_path):
    result = run_cli("sparql", PRODUCTS, "--data-dir", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert "Error: --data-dir needs --store oxigraph (rdflib's store is in memory)" in \
        result.stderr
    assert not (tmp_path / "s").exists()


def test_data_file_into_a_store(run_cli, tmp_path):
    data = tmp_path / "tiny.nt"
    data.write_text(ntriples(load_curated(TINY).claims), encoding="utf-8")
    result = run_cli("sparql", PRODUCTS, "--store", "oxigraph", "--data", str(data),
                     "--data-dir", str(tmp_path / "store"), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        f"https://w3id.org/mineralgraph/id/product/{p}" for p in ("drone", "phone", "radar")]
    bad = tmp_path / "bad.nt"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = run_cli("sparql", PRODUCTS, "--store", "oxigraph", "--data", str(bad),
                     "--data-dir", str(tmp_path / "store2"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (f"Error: {bad}:1: column 1: No scheme found in "
                                              "an absolute IRI")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nt", "store", "tiny.nt"]


def test_endpoint_serves_the_store_from_its_workers(tmp_path):
    """Each worker opens the store itself, a replacement after a timeout too."""
    from tests.test_endpoint import http

    store = build_store_dir(tmp_path / "store", {"graph": "tiny"},
                            nt=ntriples(load_curated(TINY).claims))
    server = make_server(store, port=0, timeout=1, quiet=True, workers=2)
    serve_in_thread(server)
    try:
        url = f"{server.url}?{urllib.parse.urlencode({'query': PRODUCTS})}"
        assert http(url, headers={"Accept": "text/csv"})[2].count("\r\n") == 4
        slow = f"{server.url}?{urllib.parse.urlencode({'query': SLOW})}"
        assert http(slow)[0] == 503
        for _ in range(4):
            assert http(url, headers={"Accept": "text/csv"})[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_source_of_records_size_and_time(snapshot):
    recorded = source_of(str(snapshot))
    assert recorded["path"] == str(snapshot.resolve())
    assert recorded["bytes"] == snapshot.stat().st_size


def test_a_killed_build_is_cleared_by_the_next(tmp_path):
    import subprocess

    dead = subprocess.Popen(["true"])
    dead.wait()  # a process id that no longer runs
    leftover = tmp_path / f".store.building-{dead.pid}"
    leftover.mkdir()
    (leftover / "000001.sst").write_bytes(b"half a store")
    build_store_dir(tmp_path / "store", {"graph": "tiny"}, nt=ntriples(load_curated(TINY).claims))
    assert [p.name for p in tmp_path.iterdir()] == ["store"]
