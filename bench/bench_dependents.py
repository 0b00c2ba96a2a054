"""Benchmark: ``dependents ID`` against ``chokepoints`` of all products, in one process.

Issue 18's target: ``dependents ID`` in at most the time of the chokepoints run (all
products, single points of failure and ranking, no evidence paths, as
``bench_chokepoints.py`` times it). Both are timed here one after the other in the same
process, each on a graph of its own made from the same claims (the graph is made before
the clock starts, as ``bench_chokepoints.py`` does; its relation index and every other
cache is built inside the timed call, as a command would), so the two
figures have the same load and can be compared. CPU seconds of the process
(``time.process_time``); wall seconds beside them.

Usage::

    python bench/bench_dependents.py --nodes 100000 --node country:C0001
    python bench/bench_dependents.py --snapshot g1m.json --node country:C0001 \
        --evidence product:prod-00001

``--snapshot`` reads the claims from a snapshot file instead of generating them, and
times that (``load_graph_snapshot``, as ``--graph FILE`` reads it, then a
``SupplyGraph``: issue 18's "loading the snapshot" target). ``--evidence`` times
``chokepoints`` of one product with the evidence paths of its ten first rows, as a
reader asks for them. Each row gives the process's peak resident memory so far.

Prints Markdown table rows, a round at a time, and the median ratio of each node.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import generate  # noqa: E402

from mineralgraph.graph.analysis import chokepoints  # noqa: E402
from mineralgraph.graph.analysis.lookups import dependents  # noqa: E402
from mineralgraph.graph.supply_graph import SupplyGraph  # noqa: E402


def peak_mib() -> float:
    """The process's peak resident memory so far (MiB; Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(call) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``call()``, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    found = call()
    return time.perf_counter() - wall, time.process_time() - cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--node", nargs="*", default=["country:C0001"],
                        help="The nodes whose dependents are timed (each on a graph of its own).")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Rounds of chokepoints then each node (the ratio's median printed).")
    parser.add_argument("--snapshot", help="Read the claims from this snapshot (timed).")
    parser.add_argument("--evidence", nargs="*", default=[],
                        help="Products whose ten first rows are shown with evidence (timed).")
    parser.add_argument("--against", type=float,
                        help="Skip the chokepoints run: compare with these CPU seconds "
                             "(of a chokepoints run of the same graph measured apart).")
    args = parser.parse_args()
    # the compiled kernels loaded (numba's cache) before anything is timed
    small = generate(100, seed=args.seed)
    chokepoints(SupplyGraph(small), evidence=False)
    dependents(SupplyGraph(small), "country:C0001")
    print("| nodes | round | what | s wall | s CPU | against chokepoints (CPU) "
          "| peak RSS MiB so far |")
    print("|---|---|---|---|---|---|---|")
    if args.snapshot:
        from mineralgraph.graph.snapshot import load_graph_snapshot

        wall, cpu, claims = timed(lambda: load_graph_snapshot(args.snapshot))
        print(f"| {args.snapshot} | - | load_graph_snapshot ({len(claims):,} claims) "
              f"| {wall:.1f} | {cpu:.1f} | - | {peak_mib():,.0f} |", flush=True)
        g_wall, g_cpu, graph = timed(lambda: SupplyGraph(claims))
        args.nodes = len(graph)
        del graph
        print(f"| {args.nodes:,} | - | SupplyGraph of them | {g_wall:.1f} | {g_cpu:.1f} | - "
              f"| {peak_mib():,.0f} |", flush=True)
        print(f"| {args.nodes:,} | - | loading, in all | {wall + g_wall:.1f} | "
              f"{cpu + g_cpu:.1f} | - | {peak_mib():,.0f} |", flush=True)
    else:
        claims = generate(args.nodes, seed=args.seed)
    # every id asked for checked before anything long runs (the ids widen with the
    # counts: country:C0001 at 100k nodes is country:C00001 at a million)
    wanted = {*args.node, *args.evidence}
    found_ids = {c.subject for c in claims if c.subject in wanted}
    missing = [x for x in (*args.node, *args.evidence) if x not in found_ids]
    if missing:
        raise SystemExit(f"not in the graph: {', '.join(missing)} (ids widen with the "
                         "counts: country:C0001 at 100k nodes, country:C00001 at 1M)")
    ratios: dict[str, list[float]] = {node: [] for node in args.node}
    for turn in range(1, args.repeat + 1):
        # chokepoints, then each node, in turn: a pair's figures share the load
        if args.against:
            cpu = args.against
            print(f"| {args.nodes:,} | {turn} | chokepoints, all products: not run, "
                  f"{cpu:.1f} s CPU given | - | {cpu:.1f} | 1.00x | - |", flush=True)
        else:
            graph = SupplyGraph(claims)
            wall, cpu, reports = timed(lambda g=graph: chokepoints(g, evidence=False))
            rows = sum(len(r.chokepoints) for r in reports)
            del reports, graph
            print(f"| {args.nodes:,} | {turn} | chokepoints, all products ({rows:,} rows) "
                  f"| {wall:.1f} | {cpu:.1f} | 1.00x | {peak_mib():,.0f} |", flush=True)
        for node in args.node:
            graph = SupplyGraph(claims)
            d_wall, d_cpu, found = timed(lambda n=node, g=graph: dependents(g, n))
            del graph
            ratios[node].append(d_cpu / cpu)
            print(f"| {args.nodes:,} | {turn} | dependents {node} ({len(found.losses):,} "
                  f"products) | {d_wall:.1f} | {d_cpu:.1f} | {d_cpu / cpu:.2f}x "
                  f"| {peak_mib():,.0f} |", flush=True)
            del found
        for product in args.evidence:
            graph = SupplyGraph(claims)
            e_wall, e_cpu, found = timed(
                lambda p=product, g=graph: chokepoints(g, [p], top=10, evidence=True))
            del graph
            shown = sum(len(r.chokepoints) for r in found)
            print(f"| {args.nodes:,} | {turn} | chokepoints {product} --top 10 with evidence "
                  f"({shown} rows) | {e_wall:.1f} | {e_cpu:.1f} | {e_cpu / cpu:.2f}x "
                  f"| {peak_mib():,.0f} |", flush=True)
            del found
    for node, found in ratios.items():
        print(f"median of {len(found)}: dependents {node} / chokepoints = "
              f"{statistics.median(found):.2f}x", flush=True)

if __name__ == "__main__":
    main()
