"""Benchmark of the RDF view and SPARQL: export, load, and the cookbook on two engines.

On a synthetic network (``bench/synthetic.py``) of about 1M triples by default, in one
run: the export to N-Triples, Turtle and JSON-LD; reading each file back to claims
(the RDF loader); loading the claims into rdflib's memory store and into Oxigraph; and
every cookbook query (``queries/sparql/*.rq``) on both stores, with its ids swapped for
ids of the synthetic network, checking that both give the same answer. A memory-store
query that runs past ``--timeout`` is stopped and counted at the timeout (so the ratio
is then a lower bound). Results are printed as Markdown for ``bench/README.md``.

    python bench/bench_rdf.py                      # ~26,000 nodes, ~1M triples
    python bench/bench_rdf.py --nodes 2000 --timeout 30
"""

from __future__ import annotations

import argparse
import gc
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

from mineralgraph.graph.rdf import ntriples, write_rdf  # noqa: E402
from mineralgraph.graph.sparql import MemoryStore, OxigraphStore, QueryTimeoutError, run_query  # noqa: E402
from mineralgraph.loaders.rdf import load_rdf  # noqa: E402

COOKBOOK = HERE.parent / "queries" / "sparql"


def substitutions(claims) -> dict[str, str]:
    """Ids of the bundled data named in the cookbook -> ids of the synthetic network."""
    ids = sorted({c.subject for c in claims})

    def nth(prefix: str, n: int = 0, contains: str = "") -> str:
        found = [i for i in ids if i.startswith(prefix + ":") and contains in i]
        return found[min(n, len(found) - 1)]

    country = nth("country")
    produced = sorted(c.object for c in claims
                      if c.subject == country and c.predicate == "PRODUCES")
    return {"element:Dy": nth("element"), "element:Sm": nth("element", 1),
            "country:CN": country, "country:US": nth("country", 1),
            "company:lynas": nth("company"), "product:f-35": nth("product"),
            # an edge that exists, for sources-behind-edge.rq
            "material:re-concentrate": produced[0] if produced else nth("material")}


def cookbook(claims) -> dict[str, str]:
    """Cookbook query texts with the synthetic ids in."""
    subs = substitutions(claims)
    pattern = re.compile("|".join(re.escape(k) + r"(?![\w-])" for k in subs))
    return {p.name: pattern.sub(lambda m: subs[m.group(0)], p.read_text(encoding="utf-8"))
            for p in sorted(COOKBOOK.glob("*.rq"))}


def timed(fn, *args, **kwargs):
    gc.collect()
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def rows_of(answer) -> list:
    if answer.form == "ask":
        return [answer.boolean]
    if answer.form == "graph":
        return sorted(map(str, answer.triples))
    return sorted(tuple(str(t) if t is not None else "" for t in row) for row in answer.rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=26_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="Stop a memory-store query after this many seconds.")
    parser.add_argument("--formats", default="nt,ttl,jsonld")
    args = parser.parse_args(argv)

    claims = generate(args.nodes, seed=args.seed)
    nt = ntriples(claims)
    triples = nt.count("\n")
    print(f"## {args.nodes:,} nodes, {len(claims):,} claims, {triples:,} triples "
          f"(seed {args.seed}; {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.machine()})\n", flush=True)

    print("| step | format | seconds | triples/s | size MB |\n|---|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            path = Path(tmp) / f"graph.{fmt}"
            _, secs = timed(write_rdf, claims, path, fmt)
            size = path.stat().st_size / 1e6
            print(f"| export | {fmt} | {secs:.1f} | {triples / secs:,.0f} | {size:.0f} |",
                  flush=True)
            back, secs = timed(load_rdf, path)
            assert len(back.claims) == len({c.id for c in claims}), fmt
            print(f"| load (RDF loader) | {fmt} | {secs:.1f} | {triples / secs:,.0f} | |",
                  flush=True)
            del back
    memory, mem_secs = timed(MemoryStore, claims)
    print(f"| store: rdflib memory | claims | {mem_secs:.1f} | {triples / mem_secs:,.0f} | |")
    oxi, oxi_secs = timed(OxigraphStore, nt=nt)
    print(f"| store: Oxigraph | nt | {oxi_secs:.1f} | {triples / oxi_secs:,.0f} | |\n",
          flush=True)
    assert len(memory) == len(oxi) == triples

    print("| cookbook query | rows | rdflib memory s | Oxigraph s | ratio |\n"
          "|---|---:|---:|---:|---:|")
    total_mem = total_oxi = 0.0
    lower_bound = False
    for name, text in cookbook(claims).items():
        answer_oxi, t_oxi = timed(oxi.execute, text, None, name)
        try:
            answer_mem, t_mem = timed(run_query, memory, text, timeout=args.timeout, name=name)
            same = rows_of(answer_mem) == rows_of(answer_oxi)
            mem_cell = f"{t_mem:.2f}"
        except QueryTimeoutError:
            t_mem, same, lower_bound = args.timeout, True, True
            mem_cell = f"> {args.timeout:.0f} (stopped)"
        assert same, f"{name}: the engines disagree"
        total_mem += t_mem
        total_oxi += t_oxi
        ratio = t_mem / t_oxi if t_oxi > 0 else float("inf")
        size = len(answer_oxi.rows) if answer_oxi.form == "select" else "-"
        print(f"| {name} | {size} | {mem_cell} | {t_oxi:.3f} | "
              f"{'≥ ' if mem_cell.startswith('>') else ''}{ratio:,.0f}x |", flush=True)
    print(f"| **all {len(cookbook(claims))} queries** | | {total_mem:.1f} | {total_oxi:.2f} | "
          f"**{'≥ ' if lower_bound else ''}{total_mem / total_oxi:,.0f}x** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
