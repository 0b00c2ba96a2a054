"""A bounded load test of ``mineralgraph serve``: many clients at once, on 127.0.0.1 only.

Starts ``mineralgraph serve --port 0`` (the bundled graph) for each store, then
``--clients`` threads wait at a barrier and send ``--rounds`` small queries each, every
one on a fresh connection, all at the same moment. Every request and the whole run are
bounded in time (``--deadline`` seconds): the test stops by itself. It prints, per
store, how many answers came back 200, what the others got (an HTTP status or a
connection error), and the latency percentiles, as a Markdown table row.

``--code DIR`` runs the server from another checkout (for a before/after row, e.g.
``git archive main | tar -x -C /tmp/old``)::

    python bench/bench_endpoint_load.py --clients 200 --rounds 3
    python bench/bench_endpoint_load.py --code /tmp/old --label before
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

QUERY = "SELECT ?p ?l WHERE { ?p a mg:Product ; mg:label ?l } ORDER BY ?p"
HERE = Path(__file__).resolve().parent.parent


def start_server(code: Path, store: str, extra: list[str]) -> tuple[subprocess.Popen, str]:
    """``mineralgraph serve`` from ``code`` on a free port of 127.0.0.1; (process, URL)."""
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mineralgraph", "serve", "--host", "127.0.0.1", "--port", "0",
         "--store", store, "--quiet", *extra],
        cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        found = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
        if found:
            threading.Thread(target=process.stderr.read, daemon=True).start()  # drain
            return process, found.group(1)
    process.kill()
    raise SystemExit(f"the server did not start: {line!r}")


def one_request(url: str, timeout: float) -> tuple[str, float]:
    """(outcome, seconds) of one GET on a fresh connection: '200', '503', 'reset'..."""
    parts = urllib.parse.urlsplit(url)
    path = f"{parts.path}?{urllib.parse.urlencode({'query': QUERY})}"
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "text/csv"})
        response = connection.getresponse()
        response.read()
        outcome = str(response.status)
    except ConnectionResetError:
        outcome = "reset"
    except ConnectionRefusedError:
        outcome = "refused"
    except TimeoutError:
        outcome = "timeout"
    except (OSError, http.client.HTTPException) as exc:
        outcome = type(exc).__name__
    finally:
        connection.close()
    return outcome, time.perf_counter() - started


def load(url: str, clients: int, rounds: int, deadline: float) -> dict:
    """Send ``clients`` x ``rounds`` requests, ``clients`` at a time; the tallies."""
    barrier = threading.Barrier(clients)
    outcomes: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    end = time.monotonic() + deadline

    def client():
        try:
            barrier.wait(timeout=60)
        except threading.BrokenBarrierError:
            return
        for _ in range(rounds):
            left = end - time.monotonic()
            if left <= 0:
                with lock:
                    outcomes["not sent (deadline)"] += 1
                continue
            outcome, seconds = one_request(url, left)
            with lock:
                outcomes[outcome] += 1
                if outcome == "200":
                    latencies.append(seconds)
            barrier_round.wait_for_all()

    class _Round:  # every client sends its next request together with the others
        def __init__(self):
            self.barrier = threading.Barrier(clients)

        def wait_for_all(self):
            try:
                self.barrier.wait(timeout=max(end - time.monotonic(), 0.01))
            except threading.BrokenBarrierError:
                pass

    barrier_round = _Round()
    started = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(end - time.monotonic(), 0) + 5)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] \
            if latencies else float("nan")

    return {"sent": clients * rounds, "ok": outcomes["200"], "outcomes": dict(outcomes),
            "p50": pct(50), "p90": pct(90), "p99": pct(99), "max": latencies[-1]
            if latencies else float("nan"), "seconds": time.monotonic() - started}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["memory", "oxigraph", "both"], default="both")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--deadline", type=float, default=120.0,
                        help="seconds for the whole run of one store")
    parser.add_argument("--code", type=Path, default=HERE,
                        help="checkout whose mineralgraph serves (default: this one)")
    parser.add_argument("--label", default="after")
    parser.add_argument("--serve-arg", action="append", default=[],
                        help="extra argument for serve (repeatable)")
    args = parser.parse_args(argv)
    stores = ["memory", "oxigraph"] if args.store == "both" else [args.store]
    print("| code | store | clients x rounds | answered 200 | other outcomes | "
          "p50 ms | p90 ms | p99 ms | max ms | run s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for store in stores:
        process, url = start_server(args.code, store, args.serve_arg)
        try:
            one_request(url, 30)  # warm up: the first query imports the engine's parser
            r = load(url, args.clients, args.rounds, args.deadline)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        others = ", ".join(f"{k}: {v}" for k, v in sorted(r["outcomes"].items())
                           if k != "200") or "none"
        print(f"| {args.label} | {store} | {args.clients} x {args.rounds} | "
              f"{r['ok']} of {r['sent']} | {others} | {r['p50'] * 1000:.0f} | "
              f"{r['p90'] * 1000:.0f} | {r['p99'] * 1000:.0f} | {r['max'] * 1000:.0f} | "
              f"{r['seconds']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
