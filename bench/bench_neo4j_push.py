"""Time ``mineralgraph neo4j push`` as a user runs it, on a Neo4j sized for the graph.

Two roles:

- ``--serve``: start a Neo4j Community server from the test harness's jars
  (``tests/neo4j_harness.py``: same jars, Bolt only on 127.0.0.1 and a free port) but with
  the heap and page cache given (``--heap``, ``--pagecache``) and its home under
  ``--home``; it prints ``URI PID`` on stdout and runs until SIGTERM or Ctrl-C, then
  stops the server and deletes its home.
- the default: run ``mineralgraph --graph SNAPSHOT neo4j push`` once per snapshot and
  batch size against the server of ``NEO4J_URI`` (``NEO4J_PASSWORD``), as a child
  process, and print one Markdown row each: wall seconds of the whole command (loading
  the snapshot included), the push's own seconds (as the command reports them: rows
  prepared, written and counted), rows per second on the push's own seconds, the
  client's peak RSS (``wait4``), the server's peak RSS (``VmHWM`` of ``--server-pid``)
  and the load average of the machine before and after.

Run::

    python bench/bench_neo4j_push.py --serve --heap 4g --pagecache 2g --home /tmp/n4j &
    NEO4J_URI=bolt://127.0.0.1:PORT NEO4J_PASSWORD=mineralgraph-test \\
        python bench/bench_neo4j_push.py --graph g1m.json --empty --again --server-pid PID

``--stages SNAPSHOT`` times and sizes the steps of preparing the rows in one process,
without a server: the rows made batch by batch (the push now), then all at once (the
push before it streamed its batches).

The snapshots come from ``python bench/synthetic.py --nodes N --seed 1 --out FILE``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PUSHED = re.compile(r"pushed (\d+) nodes and (\d+) relationships to .* in ([\d.]+) s")


def serve(heap: str, pagecache: str, home: Path) -> int:
    """Start a server with ``heap`` and ``pagecache`` under ``home``; run until signalled."""
    import neo4j_harness as h

    class SizedServer(h.Neo4jServer):
        def _write_config(self, port):
            # the harness's configuration, with the page cache sized for the graph
            super()._write_config(port)
            conf = self._conf_dir() / "neo4j.conf"
            conf.write_text(conf.read_text().replace(
                "server.memory.pagecache.size=64m",
                f"server.memory.pagecache.size={pagecache}"))

    options = tuple(f"-Xms{heap}" if o.startswith("-Xms") else
                    f"-Xmx{heap}" if o.startswith("-Xmx") else o for o in h.JVM_OPTIONS)
    h.JVM_OPTIONS = options
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    server = SizedServer(start_timeout=600)
    home.mkdir(parents=True, exist_ok=True)
    server.parent_dir = home
    try:
        server.start()
        print(f"{server.uri} {server._process.pid}", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def _hwm_mib(pid: int | None) -> str:
    """Peak resident memory of process ``pid`` (``VmHWM``), in MiB, or a dash."""
    if not pid:
        return "-"
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return f"{int(line.split()[1]) / 1024:,.0f}"
    except OSError:
        pass
    return "-"


def empty_database() -> float:
    """Delete every mineralgraph node (untimed by the rows); seconds it took."""
    import neo4j

    from mineralgraph.graph.neo4j_push import wipe

    start = time.perf_counter()
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
        wipe(driver)
    return time.perf_counter() - start


def _cpu_s(pid: int | None) -> float | None:
    """CPU seconds (user + system) process ``pid`` has used so far, or None."""
    if not pid:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_push(graph: Path, batch_size: int, server_pid: int | None = None) -> dict:
    """Run the command once; its figures."""
    exe = shutil.which("mineralgraph") or "mineralgraph"
    command = [exe, "--graph", str(graph), "neo4j", "push", "--batch-size", str(batch_size)]
    load_before = os.getloadavg()
    server_cpu = _cpu_s(server_pid)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    server_cpu = None if server_cpu is None else _cpu_s(server_pid) - server_cpu
    process.returncode = os.waitstatus_to_exitcode(status)
    match = PUSHED.search(err)
    if process.returncode != 0 or match is None:
        raise SystemExit(f"push failed ({process.returncode}): {err.strip()[-2000:]}")
    nodes, rels, seconds = int(match[1]), int(match[2]), float(match[3])
    return {"nodes": nodes, "rels": rels, "push_s": seconds, "wall_s": wall,
            "rss_mib": usage.ru_maxrss / 1024, "client_cpu": usage.ru_utime + usage.ru_stime,
            "server_cpu": server_cpu, "load_before": load_before,
            "load_after": os.getloadavg()}


def stages(graph_path: Path) -> int:
    """Time and size each step of preparing the rows, in this process, without a server.

    ``rows at once`` is what the push did before it streamed its batches
    (:func:`node_rows`, :func:`relation_rows`, :func:`batches`); ``plan`` then makes
    every batch's rows one batch at a time, as the push does now, and drops each.
    """
    import resource

    from mineralgraph.graph import neo4j_push as p
    from mineralgraph.graph.snapshot import load_graph_snapshot
    from mineralgraph.graph.supply_graph import SupplyGraph

    def rss() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
        return 0

    clock = [time.perf_counter(), time.process_time()]

    def mark(what: str) -> None:
        print(f"{what}: {time.perf_counter() - clock[0]:.1f} s wall, "
              f"{time.process_time() - clock[1]:.1f} s CPU, RSS {rss():,} MiB", flush=True)
        clock[:] = [time.perf_counter(), time.process_time()]

    graph = SupplyGraph(load_graph_snapshot(graph_path))
    mark("snapshot loaded, graph built")
    rows = sum(len(b.rows) for b in p.plan(graph, 5000).batches)
    mark(f"plan: {rows:,} rows made batch by batch")
    nodes = p.node_rows(graph)
    mark("rows at once: node_rows")
    relations = p.relation_rows(graph)
    mark("rows at once: relation_rows")
    p.batches(nodes, relations, 5000)
    mark("rows at once: batches")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak RSS {peak:,} MiB", flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", help="start a sized server")
    parser.add_argument("--stages", type=Path, metavar="SNAPSHOT",
                        help="time and size the steps of preparing the rows (no server)")
    parser.add_argument("--heap", default="4g", help="server heap (-Xms = -Xmx)")
    parser.add_argument("--pagecache", default="2g", help="server page cache")
    parser.add_argument("--home", type=Path, default=Path("/tmp/mineralgraph-push-bench"),
                        help="parent directory of the server's home")
    parser.add_argument("--graph", type=Path, action="append", help="snapshot (repeatable)")
    parser.add_argument("--batch-size", type=int, action="append",
                        help="batch sizes (repeatable; default 5000)")
    parser.add_argument("--empty", action="store_true",
                        help="empty the database first, untimed (a first push)")
    parser.add_argument("--again", action="store_true",
                        help="then push the same graph again (a re-push)")
    parser.add_argument("--server-pid", type=int, help="the server's pid, for its peak RSS")
    parser.add_argument("--note", default="", help="text for the server column")
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.heap, args.pagecache, args.home)
    if args.stages:
        return stages(args.stages)
    if not args.graph:
        parser.error("--graph is required without --serve")
    print("| graph | rows (nodes + rels) | push | batch | wall s | push s | rows/s "
          "| client CPU s | server CPU s | client peak RSS MiB | server peak RSS MiB | server "
          "| load before -> after |", flush=True)
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    for graph in args.graph:
        for size in args.batch_size or [5000]:
            kinds = (["first"] if args.empty else ["as is"]) + (
                ["re-push"] if args.again else [])
            for kind in kinds:
                if kind == "first":
                    print(f"<!-- emptied the database in {empty_database():.1f} s -->",
                          flush=True)
                r = run_push(graph, size, args.server_pid)
                server_cpu = "-" if r["server_cpu"] is None else f"{r['server_cpu']:.0f}"
                rows = r["nodes"] + r["rels"]
                print(f"| {graph.name} | {r['nodes']:,} + {r['rels']:,} | {kind} | {size:,} "
                      f"| {r['wall_s']:.1f} | {r['push_s']:.1f} | {rows / r['push_s']:,.0f} "
                      f"| {r['client_cpu']:.0f} | {server_cpu} | {r['rss_mib']:,.0f} "
                      f"| {_hwm_mib(args.server_pid)} | {args.note} "
                      f"| {r['load_before'][0]:.1f} -> {r['load_after'][0]:.1f} |",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
