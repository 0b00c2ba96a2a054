"""Benchmark the Neo4j push: batched ``UNWIND $rows`` against one query per row.

On synthetic graphs (``bench/synthetic.py``), in the same run against the same server:

- **batched**: :func:`mineralgraph.graph.neo4j_push.push`'s way, ``UNWIND $rows ...
  MERGE`` with ``--batch-size`` rows per managed transaction, for several batch sizes;
- **per row**: the same ``MERGE`` sent once per row, each in its own managed
  transaction, and once per row inside one transaction per 1,000 rows. These are too
  slow for the whole graph, so they run on a random sample of rows (spread over every
  node label and relationship type in proportion), and their rate is reported as
  measured on the sample: once into an empty database (a first push: sampled nodes,
  then sampled relationships once every node is in place), and once into the full
  database (a re-push: the MERGEs find what they match).

Rows per second count node rows plus relationship rows. The server is the test
harness's Neo4j 5.26 (``tests/neo4j_harness.py``) unless ``NEO4J_URI`` (with
``NEO4J_USER``/``NEO4J_PASSWORD``) names another.

Run::

    python bench/bench_neo4j.py --nodes 100000 --nodes 200000 --sample 3000
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import neo4j  # noqa: E402
from synthetic import generate  # noqa: E402

from mineralgraph.graph.neo4j_push import (  # noqa: E402
    batches,
    ensure_constraints,
    node_query_per_row,
    node_rows,
    relation_query_per_row,
    relation_rows,
    wipe,
)
from mineralgraph.graph.supply_graph import SupplyGraph  # noqa: E402


def _server():
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return None, (uri, (os.environ.get("NEO4J_USER", "neo4j"),
                            os.environ.get("NEO4J_PASSWORD", "")))
    from neo4j_harness import Neo4jServer

    server = Neo4jServer().start()
    return server, (server.uri, (server.user, server.password))


def _write(tx, query, rows):
    tx.run(query, rows=rows).consume()


def push_batched(driver, nodes, relations, batch_size: int) -> float:
    """Seconds to write every row in batches (constraints already in place)."""
    work = batches(nodes, relations, batch_size)
    start = time.perf_counter()
    with driver.session() as session:
        for batch in work:
            session.execute_write(_write, batch.query, batch.rows)
    return time.perf_counter() - start


def sample(rows, size: int, seed: int = 1) -> list:
    """``size`` rows spread over every key (label or relationship type), in proportion."""
    rng = random.Random(seed)
    picked = rng.sample(list(rows), min(size, len(rows)))
    return sorted(picked, key=lambda kr: kr[0])


def push_per_row(driver, nodes, relations, in_tx: int = 0) -> float:
    """Seconds to write the rows one query per row: each in its own transaction, or
    ``in_tx`` rows per transaction."""
    jobs = [(node_query_per_row(k), {"props": r["props"]}) for k, r in nodes]
    jobs += [(relation_query_per_row(k), r) for k, r in relations]

    def one(tx, query, params):
        tx.run(query, params).consume()

    def many(tx, chunk):
        for query, params in chunk:
            tx.run(query, params).consume()

    start = time.perf_counter()
    with driver.session() as session:
        if in_tx:
            for i in range(0, len(jobs), in_tx):
                session.execute_write(many, jobs[i:i + in_tx])
        else:
            for query, params in jobs:
                session.execute_write(one, query, params)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, action="append",
                        help="graph sizes (repeatable; default 100000)")
    parser.add_argument("--batch-size", type=int, action="append",
                        help="batch sizes to time (default 1000 2000 5000 10000 20000)")
    parser.add_argument("--sample", type=int, default=3000,
                        help="rows timed one query per row (default 3000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = args.nodes or [100_000]
    batch_sizes = args.batch_size or [1000, 2000, 5000, 10000, 20000]

    server, (uri, auth) = _server()
    try:
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            agent = driver.get_server_info().agent
            print(f"# {agent} at {uri}; Python {platform.python_version()}, "
                  f"driver {neo4j.__version__}, {platform.machine()}, "
                  f"{os.cpu_count()} CPUs", flush=True)
            print("| nodes | rows (nodes + rels) | method | batch | rows timed | seconds "
                  "| rows/s |", flush=True)
            print("|---|---|---|---|---|---|---|", flush=True)
            for n in sizes:
                t0 = time.perf_counter()
                graph = SupplyGraph(generate(n, seed=args.seed))
                nodes, relations = node_rows(graph), relation_rows(graph)
                prep = time.perf_counter() - t0
                total = len(nodes) + len(relations)
                label = f"{len(nodes):,} + {len(relations):,}"
                print(f"<!-- {n} nodes: rows prepared in {prep:.1f} s -->", flush=True)
                best = None
                for size in batch_sizes:
                    wipe(driver)
                    ensure_constraints(driver)
                    seconds = push_batched(driver, nodes, relations, size)
                    rate = total / seconds
                    best = max(best or (0, 0), (rate, size))
                    print(f"| {n:,} | {label} | batched UNWIND | {size:,} | {total:,} | "
                          f"{seconds:.1f} | {rate:,.0f} |", flush=True)
                # the database now holds the whole graph: a re-push is what is measured
                again = push_batched(driver, nodes, relations, best[1])
                print(f"| {n:,} | {label} | batched UNWIND, re-push | {best[1]:,} | "
                      f"{total:,} | {again:.1f} | {total / again:,.0f} |", flush=True)
                share = len(nodes) / total
                few_nodes = sample(nodes, round(args.sample * share))
                few_rels = sample(relations, args.sample - len(few_nodes))
                timed = len(few_nodes) + len(few_rels)
                # one query per row into an empty database (creating, as a first push):
                # nodes first, then, with every node in place, relationships
                wipe(driver)
                ensure_constraints(driver)
                seconds = push_per_row(driver, few_nodes, [])
                push_batched(driver, nodes, [], best[1])
                seconds += push_per_row(driver, [], few_rels)
                rate = timed / seconds
                print(f"| {n:,} | {label} | one query per row, first push (sample) | 1 | "
                      f"{timed:,} | {seconds:.1f} | {rate:,.0f} |", flush=True)
                print(f"<!-- ratio to one query per row, first push: batched first push "
                      f"(batch {best[1]}) {best[0] / rate:.1f}x -->", flush=True)
                push_batched(driver, nodes, relations, best[1])
                for method, in_tx in (("one query per row", 0),
                                      ("one query per row, 1,000 per tx", 1000)):
                    seconds = push_per_row(driver, few_nodes, few_rels, in_tx)
                    rate = timed / seconds
                    print(f"| {n:,} | {label} | {method} (sample) | 1 | {timed:,} | "
                          f"{seconds:.1f} | {rate:,.0f} |", flush=True)
                    print(f"<!-- ratio to {method}: batched first push (batch {best[1]}) "
                          f"{best[0] / rate:.1f}x, batched re-push "
                          f"{total / again / rate:.1f}x -->", flush=True)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
