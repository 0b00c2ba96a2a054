"""Benchmark: chokepoints for every product, against the naive method, in the same run.

The naive method (issue 3) removes one node at a time and re-evaluates the whole graph:
for every candidate node upstream of a product, one full evaluation of the compiled
structure, which gives every product's value at once. It gets the compiled structure
for free, so the comparison is of the algorithms, not of the compilation.

At large sizes the naive method would take hours, so it is timed on a random sample
of candidates and the per-candidate time is multiplied by the number of candidates
(the sample size is printed). The fast method always runs in full: ``chokepoints``
for all products, ranking and single points of failure included (without the
evidence paths, which are per-row work the naive method does not do either).

The naive method's unit is a full evaluation in plain Python, as the engine ran it
before its loops were compiled (issue 18 keeps that definition); a second column gives
the same method with the compiled full evaluation, for an idea of what compiling alone
buys. Ratios are of CPU seconds (``time.process_time``), which other jobs on a shared
machine inflate far less than wall seconds; the wall seconds of the fast method are
printed beside them. Every report is ranked (its rows are counted).

Usage::

    python bench/bench_chokepoints.py --sizes 10000 100000 --seed 1 --sample 200

Prints one Markdown table row per size; paste them into bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import generate  # noqa: E402

from mineralgraph.graph.analysis import chokepoints  # noqa: E402
from mineralgraph.graph.analysis.engine import Analysis  # noqa: E402
from mineralgraph.graph.analysis.evaluator import capped  # noqa: E402
from mineralgraph.graph.analysis.structure import AND, LEAF, MAX, ZERO  # noqa: E402
from mineralgraph.graph.flow import FlowIndex  # noqa: E402
from mineralgraph.graph.supply_graph import SupplyGraph  # noqa: E402

#: The parts of ``chokepoints`` timed one by one (CPU seconds, printed to stderr): where
#: the time goes, without a profiler's overhead.
PHASES = {
    "relation index": (SupplyGraph, "_index_relations"),
    "flow index": (FlowIndex, "__init__"),
    "compile (both bounds)": (Analysis, "_compile"),
    "lower bound from the upper": (Analysis, "_lower_from"),
    "candidate passes (both bounds)": (Analysis, "_scope_pass"),
    "ranking": (importlib.import_module("mineralgraph.graph.analysis.chokepoints"), "_rank"),
}
#: CPU seconds by phase since the last :func:`fast` started
SPENT = dict.fromkeys(PHASES, 0.0)


def rss_now() -> tuple[float, float]:
    """Resident and peak resident memory of the process now (MiB; Linux)."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS", "VmHWM")):
                found[line[:5]] = int(line.split()[1]) / 1024
    return found.get("VmRSS", 0.0), found.get("VmHWM", 0.0)


#: the process's peak resident memory before the last :func:`reset_peak` (MiB)
PEAK = [0.0]


def max_rss() -> float:
    """The process's peak resident memory so far (MiB), across :func:`reset_peak`."""
    return max(PEAK[0], rss_now()[1])


def reset_peak() -> float | None:
    """Resident memory now (MiB), after resetting the kernel's peak (``VmHWM``) to it so
    that a phase's own peak can be read; the peak before is kept in :data:`PEAK`. None
    where the kernel does not allow it (the peaks are then the process's so far)."""
    rss, peak = rss_now()
    PEAK[0] = max(PEAK[0], peak)
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return None
    return rss


def time_phases(trace: bool = False) -> None:
    """Wrap the functions of :data:`PHASES` (once) to add up their CPU seconds in
    :data:`SPENT`, each phase without the phases it calls (compiling builds the
    relation index on first use, a pass the flow index). ``trace``: print the resident
    and peak memory at the end of each call to stderr."""
    spent = SPENT
    running: list[str] = []
    for name, (owner, attribute) in PHASES.items():
        original = getattr(owner, attribute)

        def wrapper(*args, _original=original, _name=name, **kwargs):
            start = time.process_time()
            outermost = not running
            if trace and outermost:
                base = reset_peak()
            running.append(_name)
            try:
                return _original(*args, **kwargs)
            finally:
                running.pop()
                took = time.process_time() - start
                spent[_name] += took
                if running:
                    spent[running[-1]] -= took
                if trace and _name != "ranking":  # ranking: once a product
                    rss, peak = rss_now()
                    during = (f", {peak - base:+.0f} MiB at its peak" if outermost
                              and base is not None else "")
                    print(f"    after {_name}: RSS {rss:.0f} MiB ({rss - base:+.0f} MiB)"
                          f"{during}, peak {max(peak, PEAK[0]):.0f} MiB" if outermost
                          and base is not None else
                          f"    after {_name}: RSS {rss:.0f} MiB, peak "
                          f"{max(peak, PEAK[0]):.0f} MiB", file=sys.stderr, flush=True)

        setattr(owner, attribute, wrapper)


def fast(graph: SupplyGraph) -> tuple[float, float, int]:
    """Wall and CPU seconds for chokepoints of all products (every report ranked);
    number of ranked rows."""
    spent = SPENT
    spent.update(dict.fromkeys(PHASES, 0.0))
    start, cpu = time.perf_counter(), time.process_time()
    reports = chokepoints(graph, evidence=False)
    rows = sum(len(r.chokepoints) for r in reports)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print("  CPU by phase: " + ", ".join(f"{k} {v:.1f} s" for k, v in spent.items())
          + f", the rest {cpu - sum(spent.values()):.1f} s", file=sys.stderr, flush=True)
    return wall, cpu, rows


def python_structure(evaluator) -> tuple[list, list, list, list, list, list]:
    """The compiled structure as plain Python lists (built once, not timed), in the
    evaluator's own numbering of the nodes."""
    op = evaluator.op.tolist()
    ptr, flat, flat_weights = (evaluator.indptr.tolist(), evaluator.indices.tolist(),
                               evaluator.weights.tolist())
    inputs = [flat[ptr[i]:ptr[i + 1]] for i in range(len(op))]
    weights = [flat_weights[ptr[i]:ptr[i + 1]] for i in range(len(op))]
    return (op, inputs, weights, evaluator.comp_ptr.tolist(), evaluator.comp_nodes.tolist(),
            evaluator.cyclic.tolist())


def full_evaluation(structure, zero: set[int]) -> list[float]:
    """One full evaluation of the compiled structure in plain Python: every node once,
    components inputs first, cyclic ones iterated from 0 to their least fixpoint. This
    is the engine's evaluation as it was before the compiled kernels (the naive
    method's unit of work, as issue 3 and issue 18 define it). ``structure`` comes from
    :func:`python_structure`."""
    op, inputs, weights, ptr, members, cyclic_flags = structure
    values = [0.0] * len(op)

    def compute(node: int) -> float:
        if node in zero or op[node] == ZERO:
            return 0.0
        if op[node] == LEAF:
            return 1.0
        if op[node] == AND:
            return min((values[i] for i in inputs[node]), default=1.0)
        if op[node] == MAX:  # a pool split with no shares, in the upper bound
            return max((values[i] for i in inputs[node]), default=1.0)
        return capped(sum(w * values[i] for i, w in zip(inputs[node], weights[node],
                                                         strict=True)))

    for number, cyclic in enumerate(cyclic_flags):
        component = members[ptr[number]:ptr[number + 1]]
        if not cyclic:
            values[component[0]] = compute(component[0])
            continue
        for node in component:
            values[node] = 0.0
        for _ in range(10_000):
            moved = 0.0
            for node in component:
                new = compute(node)
                moved, values[node] = max(moved, abs(new - values[node])), new
            if moved < 1e-12:
                break
    return values


def naive(graph: SupplyGraph, sample: int, seed: int) -> tuple[float, float, int, int]:
    """Estimated seconds of the naive method (a plain Python full evaluation per
    candidate), the same with the compiled full evaluation, candidates in all,
    candidates timed."""
    analysis = Analysis(graph)
    products = analysis.products()
    flow = analysis.flow_index  # the union of every product's upstream, in one search
    candidates = [flow.ids[i] for i in np.flatnonzero(flow.mask(products))]
    scope = analysis.scope(products[0])
    timed = random.Random(seed).sample(candidates, min(sample, len(candidates)))
    evaluator = scope.evaluator
    structure = python_structure(evaluator)

    def inside(zero: set[int]) -> set[int]:
        """Nodes of the structure in the evaluator's own numbering (its arrays')."""
        return {int(i) for i in evaluator.rank[sorted(zero)]}

    check = scope.zero_for(timed[:1])
    if (full_evaluation(structure, inside(check))
            != evaluator.evaluate(check)[evaluator.order].tolist()):
        raise SystemExit("the plain and the compiled full evaluations disagree")
    start = time.process_time()
    for node_id in timed:
        full_evaluation(structure, inside(scope.zero_for([node_id])))
    per_candidate = (time.process_time() - start) / max(1, len(timed))
    start = time.process_time()
    for node_id in timed:
        scope.evaluator.evaluate(scope.zero_for([node_id]))
    compiled = (time.process_time() - start) / max(1, len(timed))
    return (per_candidate * len(candidates), compiled * len(candidates), len(candidates),
            len(timed))


def run(size: int, seed: int, sample: int, memory: bool) -> dict:
    graph = SupplyGraph(generate(size, seed=seed))
    rss, peak = rss_now()
    print(f"  {size:,} nodes: graph built, RSS {rss:.0f} MiB, peak {peak:.0f} MiB",
          file=sys.stderr, flush=True)
    if memory:
        tracemalloc.start()
    fast_seconds, fast_cpu, rows = fast(graph)
    maxrss_fast = max_rss()
    print(f"{size:,} nodes: chokepoints {fast_seconds:.1f} s wall, {fast_cpu:.1f} s CPU, "
          f"{rows:,} rows, max RSS {maxrss_fast:,.0f} MiB; now the naive method",
          file=sys.stderr, flush=True)
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if memory else None
    if memory:
        tracemalloc.stop()
    if sample:
        naive_seconds, compiled_seconds, candidates, timed = naive(graph, sample, seed)
    else:  # --sample 0: the fast method alone (the naive one's lists take 7 GiB at 1M)
        naive_seconds = compiled_seconds = float("nan")
        candidates, timed = 0, 0
    return {"nodes": size, "products": len(graph.ids("Product")), "candidates": candidates,
            "fast_s": fast_seconds, "fast_cpu": fast_cpu, "naive_s": naive_seconds,
            "timed": timed, "compiled_s": compiled_seconds,
            "compiled_ratio": compiled_seconds / fast_cpu,
            "ratio": naive_seconds / fast_cpu, "rows": rows, "peak_mib": peak,
            "maxrss_mib": max_rss(),
            "maxrss_fast_mib": maxrss_fast}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=200,
                        help="Candidates the naive method is timed on (0: not run).")
    parser.add_argument("--memory", action="store_true",
                        help="Trace the fast method's peak Python memory (slower).")
    parser.add_argument("--trace-memory", action="store_true",
                        help="Print the resident and peak memory after each phase (stderr).")
    args = parser.parse_args()
    print("| nodes | products | candidates | rows | chokepoints (s wall) | chokepoints (s CPU) "
          "| naive (s CPU, est.) | naive timed on | ratio | naive, compiled evaluation "
          "(s CPU, est.) | ratio to it | peak MiB (traced) | max RSS MiB after chokepoints "
          "| max RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    time_phases(args.trace_memory)
    # load the compiled kernels (a one-off per process: from numba's cache, or compiled
    # on the first run ever) before anything is timed
    chokepoints(SupplyGraph(generate(100, seed=args.seed)), evidence=False)
    for size in args.sizes:
        r = run(size, args.seed, args.sample, args.memory)
        peak = f"{r['peak_mib']:.0f}" if r["peak_mib"] is not None else "-"
        print(f"| {r['nodes']:,} | {r['products']:,} | {r['candidates']:,} | {r['rows']:,} "
              f"| {r['fast_s']:.1f} | {r['fast_cpu']:.1f} "
              f"| {r['naive_s']:,.0f} | {r['timed']} | {r['ratio']:,.0f}x "
              f"| {r['compiled_s']:.0f} | {r['compiled_ratio']:.0f}x | {peak} "
              f"| {r['maxrss_fast_mib']:,.0f} | {r['maxrss_mib']:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
