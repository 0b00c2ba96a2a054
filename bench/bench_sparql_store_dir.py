"""Time to a first answer: Oxigraph loaded in memory on every run, or kept on disk.

For one snapshot (``bench/synthetic.py --out``), runs ``mineralgraph sparql`` three
ways, each in a fresh process, and prints wall seconds and peak RSS of each:

1. ``--store oxigraph``: the snapshot is read and loaded into memory (every run);
2. ``--store oxigraph --data-dir DIR``, first run: the store is built on disk;
3. the same again: the store is opened, nothing is loaded.

::

    python bench/synthetic.py --nodes 26000 --seed 1 --out /tmp/g.json
    python bench/bench_sparql_store_dir.py /tmp/g.json
    python bench/bench_sparql_store_dir.py --data --no-memory /tmp/g260k.nt   # 10M triples
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?p a mg:Product }"


def run(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MiB, stdout) of ``mineralgraph ARGS`` in a new process."""
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "mineralgraph",
                           *args], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {done.stderr}")
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kib / 1024, done.stdout.strip().splitlines()[-1]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a snapshot, or with --data an RDF file")
    parser.add_argument("--data", action="store_true",
                        help="the source is an RDF file (sparql --data), e.g. 10M triples")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the in-memory run (too large for this machine)")
    parser.add_argument("--dir", type=Path, help="store folder (default: a temporary one)")
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="mg-store-")) / "store"
    source = ["--data", str(args.source)] if args.data else []
    graph = ([] if args.data else ["--graph", str(args.source)]) + [
        "sparql", QUERY, "--store", "oxigraph", "--format", "csv", "--timeout", "0", *source]
    print("| how | seconds | peak RSS MiB | answer |")
    print("|---|---|---|---|")
    try:
        runs = [("in memory, every run", []),
                ("--data-dir, first run (builds)", ["--data-dir", str(folder)]),
                ("--data-dir, later runs (opens)", ["--data-dir", str(folder)])]
        for label, extra in runs[args.no_memory:]:
            seconds, peak, answer = run(graph + extra)
            print(f"| {label} | {seconds:.1f} | {peak:,.0f} | {answer} |", flush=True)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"\nstore folder: {size / 2**20:,.0f} MiB")
    finally:
        if args.dir is None:
            shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
