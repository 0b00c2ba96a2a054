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


def timed(call) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``call()``, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    found = call()
    return time.perf_counter() - wall, time.process_time() - cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--node", nargs="+", default=["country:C0001"],
                        help="The nodes whose dependents are timed (each on a graph of its own).")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Rounds of chokepoints then each node (the ratio's median printed).")
    args = parser.parse_args()
    # the compiled kernels loaded (numba's cache) before anything is timed
    small = generate(100, seed=args.seed)
    chokepoints(SupplyGraph(small), evidence=False)
    dependents(SupplyGraph(small), "country:C0001")
    claims = generate(args.nodes, seed=args.seed)
    print("| nodes | round | what | s wall | s CPU | against chokepoints (CPU) |")
    print("|---|---|---|---|---|---|")
    ratios: dict[str, list[float]] = {node: [] for node in args.node}
    for turn in range(1, args.repeat + 1):
        # chokepoints, then each node, in turn: a pair's figures share the load
        graph = SupplyGraph(claims)
        wall, cpu, reports = timed(lambda g=graph: chokepoints(g, evidence=False))
        rows = sum(len(r.chokepoints) for r in reports)
        del reports, graph
        print(f"| {args.nodes:,} | {turn} | chokepoints, all products ({rows:,} rows) "
              f"| {wall:.1f} | {cpu:.1f} | 1.00x |", flush=True)
        for node in args.node:
            graph = SupplyGraph(claims)
            d_wall, d_cpu, found = timed(lambda n=node, g=graph: dependents(g, n))
            del graph
            ratios[node].append(d_cpu / cpu)
            print(f"| {args.nodes:,} | {turn} | dependents {node} ({len(found.losses):,} "
                  f"products) | {d_wall:.1f} | {d_cpu:.1f} | {d_cpu / cpu:.2f}x |", flush=True)
    for node, found in ratios.items():
        print(f"median of {len(found)}: dependents {node} / chokepoints = "
              f"{statistics.median(found):.2f}x", flush=True)

if __name__ == "__main__":
    main()
