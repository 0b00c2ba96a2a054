"""A pool of worker processes that answer SPARQL queries, for the endpoint.

Each worker is forked once with the store in its memory (copy-on-write, so the graph
is not loaded again) and answers queries one at a time over a pipe. A query that
runs past its timeout, or that kills its worker (a parser's stack overflow), costs
that worker only: it is killed and a fresh one forked in its place, and the server
goes on. At most ``workers + queue_size`` queries are in the pool at once; one more
gets :class:`PoolBusyError` at once (the endpoint answers ``503`` with
``Retry-After``), and so does one that waited ``wait`` seconds for a worker.

>>> from mineralgraph.claim import Claim
>>> from mineralgraph.graph.sparql import open_store
>>> store = open_store([Claim("element:Dy", "label", "Dysprosium", sources=("source:x",))])
>>> with QueryPool(store, workers=1) as pool:
...     pool.run("SELECT ?l { element:Dy mg:label ?l }", timeout=10).column("l")
['Dysprosium']
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from dataclasses import dataclass

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.sparql import Answer, QueryTimeoutError, _guarded
from mineralgraph.graph.sparql_guard import MAX_DEPTH, check_query

DEFAULT_WORKERS = max(2, min(os.cpu_count() or 2, 8))
#: The most worker processes a pool starts (``serve --workers``): each is a copy of the
#: store, so ``--workers 5000`` would fork 5,000 of them.
MAX_WORKERS = 64
DEFAULT_QUEUE = 512
DEFAULT_WAIT = 30.0
#: The largest answer a worker sends back (pickled, or written in the format asked);
#: a larger one is an error.
MAX_ANSWER_BYTES = 256 << 20
#: The largest answer the endpoint sends, written in the format asked (``serve
#: --max-answer``).
DEFAULT_MAX_ANSWER = 64 << 20
#: How many answers of the largest size the server may hold at once, while they are
#: being sent to their clients (more wait for their turn).
ANSWERS_IN_FLIGHT = 4
#: Bytes a worker may allocate beyond what it was forked with.
DEFAULT_WORKER_MEMORY = 2 << 30


class PoolBusyError(MineralGraphError):
    """Every worker is busy and the queue is full (or the wait for a worker ran out)."""


class WorkerDiedError(MineralGraphError):
    """The worker answering a query died (it is replaced)."""


@dataclass(eq=False)
class Rendered:
    """An answer as the endpoint sends it: its bytes in the format asked, their media
    type, and whether the row limit cut it. Call :meth:`release` once it is sent."""

    body: bytes
    media_type: str
    truncated: bool
    release: object = None

    def __post_init__(self):
        if self.release is None:
            self.release = lambda: None


class _ByteBudget:
    """Bytes of answers the server holds at once; a reservation waits for room."""

    def __init__(self, total: int):
        self.total, self.used = total, 0
        self._room = threading.Condition()

    def reserve(self, size: int, wait: float) -> bool:
        size = min(size, self.total)
        with self._room:
            if not self._room.wait_for(lambda: self.used + size <= self.total, wait):
                return False
            self.used += size
        return True

    def release(self, size: int) -> None:
        size = min(size, self.total)
        with self._room:
            self.used -= size
            self._room.notify_all()


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection


def _limit_memory(budget: int | None) -> None:
    """Cap this process's address space at its size now plus ``budget`` bytes (Linux)."""
    if not budget:
        return
    try:
        import resource

        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = size + budget if hard == resource.RLIM_INFINITY else min(size + budget, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no resource module: the timeout is the only bound


def _answer_queries(store, conn, parent_end, allow_service: bool, max_bytes: int,
                    memory: int | None = None) -> None:
    """A worker's life: answer each query that comes down the pipe, until the server goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    faulthandler.disable()  # a crash is the pool's to report, in one line
    parent_end.close()  # the server's end, copied by the fork: else the pipe never ends
    os.environ["RUST_BACKTRACE"] = "0"  # an engine out of memory says so in one line
    _limit_memory(memory)
    server = os.getppid()
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != server:  # the server died without closing the pool
                    return
            query, limit, name, *render = conn.recv()
        except (EOFError, OSError):
            return
        body = None
        try:
            answer = _guarded(store, query, limit, name, allow_service)
            if render:  # written here, so the server holds bytes, not the answer's terms
                answer, body = _rendered(answer, render, max_bytes, name)
            reply = ("ok", answer)
        except MineralGraphError as exc:
            reply = ("error", exc)
        except MemoryError:
            reply = ("error", MineralGraphError(f"{name}: out of memory writing the answer; "
                                                "narrow the query"))
        except BaseException as exc:  # noqa: BLE001 - everything goes back as one line
            reply = ("error", MineralGraphError(f"{name}: {type(exc).__name__}: {exc}"))
        try:
            data = pickle.dumps(reply)
        except Exception as exc:  # noqa: BLE001 - an answer that cannot travel
            data = pickle.dumps(("error", MineralGraphError(f"{name}: cannot send the answer "
                                                            f"({type(exc).__name__})")))
            body = None
        if not render and len(data) > max_bytes:  # the server would hold it all: refuse it
            data = pickle.dumps(("error", MineralGraphError(
                f"{name}: the answer is over {max_bytes:,} bytes; narrow the query")))
            body = None
        try:
            conn.send_bytes(data)
            if body is not None:
                conn.send_bytes(body)
        except (OSError, ValueError):
            return


def _rendered(answer, render, max_bytes: int, name: str):
    """((media type, truncated, size), bytes): the answer written as the client asked."""
    from mineralgraph.graph.endpoint import negotiate
    from mineralgraph.graph.sparql_results import answer_bytes, media_type

    accept, asked = render
    fmt = negotiate(accept, answer.form, asked)
    body = answer_bytes(answer, fmt, max_bytes, name)
    return (media_type(answer, fmt), answer.truncated, len(body)), body


class QueryPool:
    """Worker processes holding one store, with a bounded queue in front.

    Parameters
    ----------
    store : MemoryStore or OxigraphStore
        From :func:`~mineralgraph.graph.sparql.open_store`.
    workers : int
        Processes answering queries at the same time.
    queue_size : int
        Queries that may wait for a worker; one more gets :class:`PoolBusyError`.
    wait : float
        Seconds a query waits for a worker before :class:`PoolBusyError`.
    allow_service : bool
        Let queries fetch from other servers (SERVICE to http(s) URLs; FROM never).
    max_depth : int
        Deepest bracket nesting a query may have (:func:`~.sparql_guard.check_query`).
    max_answer_bytes : int
        The largest answer a worker sends back (pickled, or written in the format
        :meth:`render` asks); a larger one is an error. The server holds at most
        :data:`ANSWERS_IN_FLIGHT` answers of this size at once while they are sent;
        another waits for room (``wait`` seconds, then :class:`PoolBusyError`).
    worker_memory : int, optional
        Bytes a worker may allocate beyond the store it was forked with (its address
        space is capped there, on Linux); a query that needs more ends its worker,
        which is replaced. None: no cap.
    processes : bool, optional
        Run queries in worker processes (the default where ``fork`` exists). Without
        them (Windows) queries run in the server's threads, ``workers`` at a time, and
        neither the timeout nor the memory cap can stop one.
    """

    def __init__(self, store, workers: int = DEFAULT_WORKERS, queue_size: int = DEFAULT_QUEUE,
                 wait: float = DEFAULT_WAIT, allow_service: bool = False,
                 max_depth: int = MAX_DEPTH, max_answer_bytes: int = MAX_ANSWER_BYTES,
                 worker_memory: int | None = DEFAULT_WORKER_MEMORY,
                 processes: bool | None = None):
        if workers < 1 or queue_size < 0:
            raise MineralGraphError("a query pool needs at least one worker")
        if workers > MAX_WORKERS:
            raise MineralGraphError(f"{workers} workers: a query pool has at most "
                                    f"{MAX_WORKERS} workers (each is a copy of the store)")
        self.store, self.allow_service, self.wait = store, allow_service, wait
        self.max_depth, self.max_answer_bytes = max_depth, max_answer_bytes
        self.worker_memory = worker_memory
        self.workers, self.queue_size = workers, queue_size
        if processes is None:
            processes = "fork" in multiprocessing.get_all_start_methods()
        self.processes = processes
        self._slots = threading.BoundedSemaphore(workers + queue_size)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0
        self._budget = _ByteBudget(ANSWERS_IN_FLIGHT * max_answer_bytes)
        # once here, so every worker forked (now or as a replacement) has the engine's
        # query parser imported and built rather than spending its first query on it
        _guarded(store, "ASK {}", None, "warm-up")
        if not processes:
            for _ in range(workers):
                self._idle.put(None)  # a turn to run a query in the asking thread
            return
        self._context = multiprocessing.get_context("fork")
        gc.freeze()  # the graph's objects stay out of the workers' collections: fewer copies
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_answer_queries, name="sparql-worker",
                                        args=(self.store, child, parent, self.allow_service,
                                              self.max_answer_bytes, self.worker_memory),
                                        daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker | None:
        """Kill a worker and fork another in its place (none once the pool is closed)."""
        self._stop(worker)
        self.replaced += 1
        return None if self._closed else self._start()

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def run(self, query: str, *, timeout: float | None = None, limit: int | None = None,
            name: str = "query") -> Answer:
        """Answer a query in a worker; see :func:`~mineralgraph.graph.sparql.run_query`.

        Raises
        ------
        RemoteAccessRefusedError, DatasetRefusedError, QueryTooDeepError
            From :func:`~mineralgraph.graph.sparql_guard.check_query`, before any worker.
        PoolBusyError
            The pool is full, or no worker came free within ``wait`` seconds.
        QueryTimeoutError
            The query ran past ``timeout`` seconds; its worker was replaced.
        WorkerDiedError
            The worker died answering; it was replaced.
        """
        return self._run(query, timeout, limit, name, None)

    def render(self, query: str, *, timeout: float | None = None, limit: int | None = None,
               name: str = "query", accept: str | None = None,
               asked: str | None = None) -> Rendered:
        """Answer a query and write the answer in a worker, in the format an ``Accept``
        header (or a ``format`` parameter, ``asked``) chooses, as the endpoint sends it.

        The server then holds only the answer's bytes, never its terms (a 67 MiB CSV
        answer took the server from 174 to 812 MiB when it rendered the answer itself),
        and at most :data:`ANSWERS_IN_FLIGHT` times ``max_answer_bytes`` of them at once.
        Call the result's ``release()`` once it is sent. Raises as :meth:`run` does, and
        :class:`~mineralgraph.graph.sparql_results.AnswerTooLargeError` for an answer over
        ``max_answer_bytes`` in that format.
        """
        return self._run(query, timeout, limit, name, (accept, asked))

    def _run(self, query, timeout, limit, name, render):
        check_query(query, name, allow_service=self.allow_service, max_depth=self.max_depth)
        if self._closed:
            raise PoolBusyError("the endpoint is shutting down")
        if not self._slots.acquire(blocking=False):
            raise PoolBusyError(f"{self.workers} queries running and {self.queue_size} "
                                "waiting: try again shortly")
        try:
            try:
                worker = self._idle.get(timeout=self.wait)
            except queue.Empty:
                raise PoolBusyError(f"no worker came free within {self.wait:g} s: "
                                    "try again shortly") from None
            if worker is None:  # no worker processes here: answer in this thread
                try:
                    answer = _guarded(self.store, query, limit, name, self.allow_service)
                    if render is None:
                        return answer
                    (media, truncated, _), body = _rendered(answer, render,
                                                            self.max_answer_bytes, name)
                    return Rendered(body, media, truncated)
                finally:
                    self._idle.put(None)
            worker, answer, error = self._ask(worker, query, timeout, limit, name, render)
            if worker is not None:
                self._idle.put(worker)
            if error is not None:
                raise error
            return answer
        finally:
            self._slots.release()

    def _ask(self, worker: _Worker, query, timeout, limit, name, render=None):
        """(worker to put back, answer, error): a new worker if this one timed out or died."""
        try:
            worker.conn.send((query, limit, name, *(render or ())))
            if not worker.conn.poll(timeout):
                return self._replace(worker), None, QueryTimeoutError(
                    f"{name}: stopped after {timeout:g} s (timeout); narrow the query "
                    "or raise --timeout")
            status, value = pickle.loads(worker.conn.recv_bytes())
            if status == "ok" and render is not None:
                media, truncated, size = value
                if not self._budget.reserve(size, self.wait):  # the body waits in the pipe
                    return self._replace(worker), None, PoolBusyError(
                        f"{name}: other answers are being sent; try again shortly")
                try:
                    body = worker.conn.recv_bytes(self.max_answer_bytes)
                except BaseException:
                    self._budget.release(size)
                    raise
                done = threading.Event()

                def release():
                    if not done.is_set():
                        done.set()
                        self._budget.release(size)

                value = Rendered(body, media, truncated, release)
        except (EOFError, OSError):
            worker.process.join(5)
            code = worker.process.exitcode
            replacement = self._replace(worker)
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            if code == -signal.SIGABRT and self.worker_memory:
                how += f", likely past its memory cap of {self.worker_memory >> 20:,} MiB"
            return replacement, None, WorkerDiedError(
                f"{name}: the query process died ({how}); the endpoint goes on")
        if status == "error":
            return worker, None, value
        return worker, value, None

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._stop(worker)

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
