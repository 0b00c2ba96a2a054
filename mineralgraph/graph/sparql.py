"""SPARQL over the RDF view: two embedded engines, one answer.

:func:`open_store` loads claims (or a SupplyGraph) into an engine: ``memory`` is
rdflib's in-memory graph and query engine; ``oxigraph`` is Oxigraph's in-memory store
(Rust, through pyoxigraph), much faster on large graphs. Both see the same triples
(:mod:`mineralgraph.graph.rdf`) and know the same prefixes (``mg:``, ``rdf:``, ``xsd:``,
and one per kind, so ``product:f-35`` in a query is the IRI of that id), and
:func:`run_query` returns the same :class:`Answer` from either.

With a ``timeout``, the query runs in a forked child process that is killed when time
runs out, so a runaway query is really stopped (:class:`QueryTimeoutError`), whichever engine
runs it. A malformed query raises :class:`QuerySyntaxError` with the parser's line and
column; an update is refused (the view is read-only); a query that would fetch from
another server (SERVICE), choose its dataset (FROM) or is nested too deep is refused
before any engine sees it (:mod:`mineralgraph.graph.sparql_guard`).

The view is one default graph with no named graphs, on both engines: ``GRAPH ?g { … }``
and ``GRAPH <iri> { … }`` match nothing (0 rows, no error). A ``--data`` file's named
graphs (JSON-LD can hold them) are merged into it, as the RDF loader reads them.

>>> claims = [Claim("element:Dy", "label", "Dysprosium", sources=("source:iupac",))]
>>> [run_query(open_store(claims, e), "SELECT ?l { element:Dy mg:label ?l }").column("l")
...  for e in ENGINES]
[['Dysprosium'], ['Dysprosium']]
"""

from __future__ import annotations

import os
import pickle
import re
import select
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.graph.rdf import PREFIXES, id_of, nt_term, ntriples, rdf_triples

ENGINES = ("memory", "oxigraph")


class QuerySyntaxError(MineralGraphError):
    """A query the parser refuses; the message starts with ``name:line:column``."""


class UpdateRefusedError(QuerySyntaxError):
    """A SPARQL Update sent to the read-only view."""


class QueryTimeoutError(MineralGraphError):
    """A query that ran past its time limit and was stopped."""


@dataclass
class Answer:
    """The answer to a query, the same whichever engine gave it.

    ``form`` is ``select`` (``variables`` and ``rows`` of rdflib terms, None for
    unbound), ``ask`` (``boolean``) or ``graph`` (CONSTRUCT/DESCRIBE: ``triples``).
    ``truncated`` is True when the result-size limit cut the rows.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)
    truncated: bool = False

    def column(self, variable: str) -> list:
        """The values of one variable, as ids where they are node IRIs, else as text.

        Sorted and without duplicates: the set a structural question asks for.
        """
        i = self.variables.index(variable)
        return sorted({short(row[i]) for row in self.rows if row[i] is not None})

    def records(self) -> list[dict]:
        """The rows as dicts of short values (ids, numbers, text)."""
        return [{v: short(t) for v, t in zip(self.variables, row, strict=True)}
                for row in self.rows]


def short(term) -> str | None:
    """A term as an analyst reads it: a node IRI as its id, a statement as ``statement:…``,
    an ontology term as ``mg:…``, a literal as its text.

    >>> from mineralgraph.graph.rdf import node_iri
    >>> short(node_iri("product:f-35")), short(Literal("0.9"))
    ('product:f-35', '0.9')
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    node_id = id_of(term)
    if node_id is not None:
        return node_id
    for prefix in ("mg", "statement", "wd", "rdf", "rdfs", "xsd", "owl", "prov"):
        base = PREFIXES[prefix]
        if str(term).startswith(base):
            return f"{prefix}:{str(term)[len(base):]}"
    return str(term)


# ---------------------------------------------------------------------- engines
class MemoryStore:
    """rdflib's in-memory graph and SPARQL engine.

    The triples are the default graph of an rdflib Dataset that has no named graphs,
    as in Oxigraph's store: ``GRAPH ?g { … }`` then matches nothing (0 rows) on both
    engines, where a bare rdflib Graph raised "requires a dataset".
    """

    engine = "memory"

    def __init__(self, claims: Iterable[Claim]):
        from rdflib import Dataset

        self.dataset = Dataset()
        # rdflib 7.5 renamed default_context (now deprecated) to default_graph
        self.graph = self.dataset.default_graph if hasattr(Dataset, "default_graph") \
            else self.dataset.default_context
        self.graph.addN((s, p, o, self.graph) for s, p, o in rdf_triples(claims))

    def __len__(self) -> int:
        return len(self.graph)

    def execute(self, query: str, limit: int | None = None, name: str = "query",
                allow_service: bool = False) -> Answer:
        """Run ``query`` here and now (no timeout); see :func:`run_query`."""
        from rdflib.plugins.sparql import prepareQuery

        try:
            prepared = prepareQuery(query, initNs=PREFIXES)
        except Exception as exc:  # pyparsing's ParseException, or a bad prefix
            raise _syntax_error(query, name, exc) from None
        # what rdflib itself would evaluate, whatever the text looked like
        _refuse_remote_algebra(prepared.algebra, name, allow_service)
        result = self.dataset.query(prepared)
        if result.type == "ASK":
            return Answer("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return _graph_answer(iter(result.graph), limit)
        variables = [str(v) for v in result.vars]
        return _select_answer(variables, (tuple(row) for row in result), limit)


class OxigraphStore:
    """Oxigraph's in-memory store and SPARQL engine (pyoxigraph)."""

    engine = "oxigraph"

    def __init__(self, claims: Iterable[Claim] | None = None, *, nt: str | None = None):
        import pyoxigraph as ox

        self.store = ox.Store()
        text = nt if nt is not None else ntriples(claims or ())
        self.store.bulk_load(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return len(self.store)

    def execute(self, query: str, limit: int | None = None, name: str = "query",
                allow_service: bool = False) -> Answer:
        """Run ``query`` here and now (no timeout); see :func:`run_query`.

        pyoxigraph has no switch to turn SERVICE off: :func:`run_query` checks the text.
        """
        import pyoxigraph as ox

        try:
            result = self.store.query(query, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise _syntax_error(query, name, exc) from None
        if isinstance(result, ox.QueryBoolean):
            return Answer("ask", boolean=bool(result))
        cache: dict = {}
        if isinstance(result, ox.QueryTriples):
            return _graph_answer(((_term(t.subject, cache), _term(t.predicate, cache),
                                   _term(t.object, cache)) for t in result), limit)
        variables = [v.value for v in result.variables]
        rows = (tuple(_term(solution[v], cache) for v in variables) for solution in result)
        return _select_answer(variables, rows, limit)


def _refuse_remote_algebra(algebra, name: str, allow_service: bool = False) -> None:
    """Raise if rdflib's algebra of a query holds a FROM (a dataset, which rdflib would
    load), or a SERVICE (unless ``allow_service``; then one that is not http or https)."""
    from mineralgraph.graph.sparql_guard import (
        SERVICE_SCHEMES,
        DatasetRefusedError,
        RemoteAccessRefusedError,
        dataset_refused,
    )

    stack, seen = [algebra], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):  # rdflib's CompValue is an OrderedDict with a name
            kind = getattr(node, "name", "")
            if node.get("datasetClause") and kind.endswith("Query"):
                raise DatasetRefusedError(f"{name}: {dataset_refused('FROM')}")
            if kind == "ServiceGraphPattern":
                term = node.get("term")
                scheme = str(term).partition(":")[0].lower() if isinstance(term, URIRef) \
                    else None
                if not allow_service:
                    raise RemoteAccessRefusedError(
                        f"{name}: SERVICE is refused: a query may not fetch from other "
                        "servers (--allow-service allows federated queries)")
                if scheme is not None and scheme not in SERVICE_SCHEMES:
                    raise RemoteAccessRefusedError(
                        f"{name}: SERVICE <{term}> is refused: a service is an http or "
                        "https URL (no file is read, whatever --allow-service says)")
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


STORES = {"memory": MemoryStore, "oxigraph": OxigraphStore}


def open_store(claims: Iterable[Claim], engine: str = "memory"):
    """Load claims (or a SupplyGraph) into a SPARQL engine: ``memory`` or ``oxigraph``."""
    if engine not in STORES:
        raise MineralGraphError(f"unknown SPARQL store {engine!r} (known: {', '.join(STORES)})")
    return STORES[engine](claims.claims if hasattr(claims, "claims") else claims)


def open_store_file(path, engine: str = "memory"):
    """Load an RDF file (an export, or any Turtle, N-Triples or JSON-LD) into an engine.

    A malformed file raises InputError with its line (see :mod:`mineralgraph.graph.rdf_files`).
    """
    from mineralgraph.graph.rdf_files import rdf_triples_of

    if engine not in STORES:
        raise MineralGraphError(f"unknown SPARQL store {engine!r} (known: {', '.join(STORES)})")
    triples = rdf_triples_of(Path(path))
    store = STORES[engine](())
    if engine == "memory":
        store.graph.addN((s, p, o, store.graph) for s, p, o in triples)
        empty = len(store.graph) == 0
    else:
        import pyoxigraph as ox

        text = "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples)
        store.store.bulk_load(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        empty = not text
    if empty:  # every query would answer "0 rows", as if the data said nothing matches
        size = Path(path).stat().st_size
        raise InputError(str(path), None, None, "an empty file: nothing to query" if not size
                         else "no triples in it (prefixes or a context only): nothing to query")
    return store


def _term(term, cache: dict):
    """An rdflib term for a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        found = cache.get(term.value)
        if found is None:
            found = cache[term.value] = URIRef(term.value)
        return found
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    return Literal(str(term))  # an RDF-star triple term: shown as text


def _select_answer(variables, rows, limit) -> Answer:
    answer = Answer("select", variables=variables)
    for row in rows:
        if limit is not None and len(answer.rows) >= limit:
            answer.truncated = True
            break
        answer.rows.append(row)
    return answer


def _graph_answer(triples, limit) -> Answer:
    answer = Answer("graph")
    for triple in triples:
        if limit is not None and len(answer.triples) >= limit:
            answer.truncated = True
            break
        answer.triples.append(tuple(triple))
    return answer


# ---------------------------------------------------------------------- errors
_OXI_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def _syntax_error(query: str, name: str, exc: Exception) -> QuerySyntaxError:
    """The parser's complaint as ``name:line:column: message``; updates are named as such."""
    cls = UpdateRefusedError if _is_update(query) else QuerySyntaxError
    if cls is UpdateRefusedError:
        return cls(f"{name}: SPARQL Update is refused: the graph is read-only "
                   "(ask with SELECT, ASK, CONSTRUCT or DESCRIBE)")
    line, column, message = getattr(exc, "lineno", None), getattr(exc, "col", None), None
    if line is not None and column is not None:  # pyparsing
        message = str(getattr(exc, "msg", exc))
        found = re.search(r"found (.*?)\s+\(at char", str(exc))
        if found:
            message += f", found {found.group(1)}"
    else:
        match = _OXI_POSITION.search(str(exc))
        if match:
            line, column, message = int(match.group(1)), int(match.group(2)), match.group(3)
    if line is None:
        return cls(f"{name}: {_one_line(str(exc))}")
    return cls(f"{name}:{line}:{column}: {_one_line(message)}")


def _one_line(message: str, width: int = 200) -> str:
    """A parser message on one line, cut to ``width`` characters."""
    if "Prefix not found" in message:
        return "prefix not declared (declare it with PREFIX, or use a known one)"
    text = " ".join(message.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_update(query: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(query)
    except Exception:
        return False
    return bool(re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b",
                          query, re.I))


# ---------------------------------------------------------------------- running
def run_query(store, query: str, *, timeout: float | None = None, limit: int | None = None,
              name: str = "query", allow_service: bool = False) -> Answer:
    """Run a SPARQL query on a store, stopped after ``timeout`` seconds.

    Parameters
    ----------
    store : MemoryStore or OxigraphStore
        From :func:`open_store`.
    query : str
        SELECT, ASK, CONSTRUCT or DESCRIBE; the default prefixes need no declaration.
    timeout : float, optional
        Seconds; the query runs in a forked child that is killed at the limit.
    limit : int, optional
        At most this many rows (or triples); ``Answer.truncated`` says if any were cut.
    name : str
        What error messages call the query (a file name, or ``query``).
    allow_service : bool
        Let the query fetch from other servers (``SERVICE`` to an http(s) URL); refused
        by default. ``FROM`` is refused either way.

    Raises
    ------
    QuerySyntaxError, UpdateRefusedError, QueryTimeoutError
        And the QuerySyntaxErrors of :func:`~mineralgraph.graph.sparql_guard.check_query`:
        RemoteAccessRefusedError, DatasetRefusedError, QueryTooDeepError.
    """
    from mineralgraph.graph.sparql_guard import check_query

    check_query(query, name, allow_service=allow_service)
    if timeout is None or not hasattr(os, "fork"):
        return _guarded(store, query, limit, name, allow_service)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, send it back, and leave without cleanup
        code = 0
        try:
            os.close(read_fd)
            payload = pickle.dumps(("ok", _guarded(store, query, limit, name, allow_service)))
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            payload = pickle.dumps(("error", exc if isinstance(exc, MineralGraphError)
                                    else MineralGraphError(f"{name}: {exc}")))
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(write_fd, view):]
        except BaseException:  # noqa: BLE001
            code = 1
        os._exit(code)
    os.close(write_fd)
    try:
        data = _read_until(read_fd, time.monotonic() + timeout)
    except BaseException as exc:  # the time is up, or the parent is interrupted: stop the child
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if isinstance(exc, TimeoutError):
            raise QueryTimeoutError(f"{name}: stopped after {timeout:g} s (timeout); "
                                    "narrow the query or raise --timeout") from None
        raise
    finally:
        os.close(read_fd)
    os.waitpid(pid, 0)
    if not data:
        raise MineralGraphError(f"{name}: the query process died without an answer")
    status, value = pickle.loads(data)
    if status == "error":
        raise value
    return value


def _guarded(store, query, limit, name, allow_service=False) -> Answer:
    try:
        return store.execute(query, limit, name, allow_service)
    except MineralGraphError:
        raise
    except MemoryError:
        raise MineralGraphError(f"{name}: out of memory; narrow the query") from None
    except Exception as exc:  # an engine's evaluation error: one line for the user
        raise MineralGraphError(f"{name}: {type(exc).__name__}: {exc}") from None


def _read_until(fd: int, deadline: float) -> bytes:
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
