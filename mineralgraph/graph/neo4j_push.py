"""Push claims into Neo4j: batched ``UNWIND $rows ... MERGE``, idempotent and resumable.

What lands in the database (and what :mod:`mineralgraph.graph.neo4j_pull` reads back):

- **Nodes.** One per id, labelled with its kind and keyed by ``id`` (a uniqueness
  constraint per label). Each attribute is a property: the preferred value of a
  single-valued attribute (the graph's claim policy), a sorted list for a multi-valued
  one (``alias``, ``end_use``). Dates are Neo4j dates. Every attribute claim, with its
  provenance, is kept in the property ``claims``: a JSON list of
  :meth:`~mineralgraph.claim.Claim.to_dict` without the subject. Every cited source is a
  ``Source`` node, so ``MATCH (s:Source) WHERE s.id IN r.sources`` finds the documents.
- **Relationships.** One per relation claim, typed with the relation and keyed by
  ``claim_id`` (a uniqueness constraint per type), so two sources that disagree stay
  two relationships. Properties: the qualifiers (``share``, ``year``...) and the
  provenance ``sources`` (a list of source ids), ``quote``, ``confidence``,
  ``valid_from``, ``valid_to`` (dates) and ``origin``.

Each batch is one managed write transaction (the driver retries transient errors), and
every write is a ``MERGE`` that then sets all properties, so running the same push
again changes nothing, and a push interrupted midway completes on the next run.

>>> from mineralgraph.claim import Claim
>>> rows = node_rows([Claim("element:Dy", "label", "Dysprosium", sources=("source:s",))])
>>> [(label, row["props"]["id"]) for label, row in rows]
[('Element', 'element:Dy'), ('Source', 'source:s')]
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from mineralgraph.claim import Claim
from mineralgraph.graph.neo4j import Neo4jError, label_of, labels, quote_name, relationship_types
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

#: Batch size of the push (rows per transaction), chosen from bench/bench_neo4j.py.
DEFAULT_BATCH_SIZE = 5000
#: Relationship properties that hold provenance, not qualifiers.
PROVENANCE = ("claim_id", "sources", "quote", "confidence", "valid_from", "valid_to", "origin")
#: The node property that keeps every attribute claim as JSON.
CLAIMS_PROPERTY = "claims"


@dataclass(frozen=True)
class PushResult:
    """What a push wrote, and what the database holds afterwards."""

    nodes: int
    relationships: int
    db_nodes: int
    db_relationships: int
    seconds: float

    @property
    def stale(self) -> int:
        """Relationships in the database that the pushed claims do not have."""
        return max(0, self.db_relationships - self.relationships)


class PushError(Neo4jError):
    """A push that stopped before the end; the message says how far it got."""


# ---------------------------------------------------------------------- rows
def _attribute_props(graph: SupplyGraph, node_id: str) -> dict:
    props: dict = {}
    for name, claims in graph.attributes(node_id).items():
        if name in ("id", CLAIMS_PROPERTY):
            raise Neo4jError(f"{node_id}: attribute name {name!r} is reserved in Neo4j")
        attribute = model.attributes.get(name)
        if attribute is not None and attribute.multi_valued:
            values = sorted({c.object for c in claims}, key=str)
            if len({type(v) for v in values}) > 1:
                values = [str(v) for v in values]
            props[name] = values
        else:
            props[name] = graph.attribute(node_id, name)
    return props


def _node_ids(graph: SupplyGraph) -> list[str]:
    """Every node id the push writes (defined ones, relation ends, cited sources), sorted."""
    ids = set(graph.ids()) | set(graph.sources())
    for claim in graph.edge_claims():
        ids.update((claim.subject, claim.object))
    return sorted(ids)


def _node_props(graph: SupplyGraph, node_id: str) -> dict:
    """The properties of one node: ``id``, its attributes and ``claims`` (JSON)."""
    props = {"id": node_id}
    if node_id in graph:
        props.update(_attribute_props(graph, node_id))
        attribute_claims = [c for cs in graph.attributes(node_id).values() for c in cs]
        payload = []
        for claim in sorted(attribute_claims, key=lambda c: (c.predicate, c.id)):
            data = claim.to_dict()
            del data["subject"]
            payload.append(data)
        props[CLAIMS_PROPERTY] = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return props


def node_rows(claims: Iterable[Claim] | SupplyGraph) -> list[tuple[str, dict]]:
    """(label, row) for every node: defined ones, relation ends and cited sources.

    A row is ``{"props": {...}}``: ``id``, the attribute properties and, for nodes
    with attribute claims, ``claims`` (JSON). Sorted by id.
    """
    graph = claims if isinstance(claims, SupplyGraph) else SupplyGraph(claims)
    return [(label_of(node_id), {"props": _node_props(graph, node_id)})
            for node_id in _node_ids(graph)]


def relation_props(claim: Claim) -> dict:
    """The properties of the relationship of one relation claim."""
    props: dict = {"claim_id": claim.id}
    for name, value in claim.qualifiers:
        if name in PROVENANCE:
            raise Neo4jError(f"{claim.subject} {claim.predicate} {claim.object}: qualifier "
                             f"name {name!r} is reserved in Neo4j")
        props[name] = value
    if claim.sources:
        props["sources"] = list(claim.sources)
    for name in ("quote", "confidence", "valid_from", "valid_to", "origin"):
        value = getattr(claim, name)
        if value is not None:
            props[name] = value
    return props


def _relation_key(claim: Claim, known: set[str]) -> tuple[str, str, str]:
    """(type, start label, end label) of a relation claim; Neo4jError if it has none."""
    if claim.predicate not in known:
        raise Neo4jError(f"{claim.subject} {claim.predicate} {claim.object}: "
                         f"{claim.predicate} is not a relation of the ontology")
    return (claim.predicate, label_of(claim.subject), label_of(claim.object))


def _relation_row(claim: Claim) -> dict:
    return {"s": claim.subject, "o": claim.object, "props": relation_props(claim)}


def relation_rows(claims: Iterable[Claim] | SupplyGraph) -> list[tuple[tuple[str, str, str], dict]]:
    """((type, start label, end label), row) for every relation claim, in claim order.

    A row is ``{"s": subject, "o": object, "props": {...}}``.
    """
    graph = claims if isinstance(claims, SupplyGraph) else SupplyGraph(claims)
    known = set(relationship_types())
    return [(_relation_key(claim, known), _relation_row(claim))
            for claim in graph.edge_claims()]


# ---------------------------------------------------------------------- queries
def constraint_statements() -> list[str]:
    """``CREATE CONSTRAINT ... IF NOT EXISTS``: ``id`` unique per label, ``claim_id`` per type."""
    out = [f"CREATE CONSTRAINT {quote_name('mg_' + label.lower() + '_id')} IF NOT EXISTS "
           f"FOR (n:{quote_name(label)}) REQUIRE n.id IS UNIQUE" for label in labels()]
    out += [f"CREATE CONSTRAINT {quote_name('mg_' + rel.lower() + '_claim_id')} IF NOT EXISTS "
            f"FOR ()-[r:{quote_name(rel)}]-() REQUIRE r.claim_id IS UNIQUE"
            for rel in relationship_types()]
    return out


def node_query(label: str) -> str:
    """The batched MERGE of nodes of one label (``$rows``)."""
    return (f"UNWIND $rows AS row MERGE (n:{quote_name(label)} {{id: row.props.id}}) "
            "SET n = row.props")


def relation_query(key: tuple[str, str, str]) -> str:
    """The batched MERGE of relationships of one (type, start label, end label)."""
    rel, start, end = key
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{quote_name(start)} {{id: row.s}}) "
            f"MATCH (b:{quote_name(end)} {{id: row.o}}) "
            f"MERGE (a)-[r:{quote_name(rel)} {{claim_id: row.props.claim_id}}]->(b) "
            "SET r = row.props")


def node_query_per_row(label: str) -> str:
    """One node per query (the slow way the benchmark compares with)."""
    return (f"MERGE (n:{quote_name(label)} {{id: $props.id}}) SET n = $props")


def relation_query_per_row(key: tuple[str, str, str]) -> str:
    """One relationship per query (the slow way the benchmark compares with)."""
    rel, start, end = key
    return (f"MATCH (a:{quote_name(start)} {{id: $s}}) MATCH (b:{quote_name(end)} {{id: $o}}) "
            f"MERGE (a)-[r:{quote_name(rel)} {{claim_id: $props.claim_id}}]->(b) SET r = $props")


# ---------------------------------------------------------------------- push
@dataclass(frozen=True)
class Batch:
    """One transaction's worth of rows: the query, its rows, and where it stands."""

    phase: str          # "nodes" or "relationships"
    query: str
    rows: list
    index: int          # 0-based number of the batch within the push


def batches(node_rows_: Sequence, relation_rows_: Sequence, batch_size: int) -> list[Batch]:
    """Group rows by query and cut them into batches: all nodes first, then relationships."""
    if batch_size < 1:
        raise Neo4jError(f"batch size must be at least 1, not {batch_size}")
    out: list[Batch] = []
    for phase, rows, make_query in (("nodes", node_rows_, node_query),
                                    ("relationships", relation_rows_, relation_query)):
        grouped: dict = defaultdict(list)
        for key, row in rows:
            grouped[key].append(row)
        for key in sorted(grouped):
            group = grouped[key]
            for start in range(0, len(group), batch_size):
                out.append(Batch(phase, make_query(key), group[start:start + batch_size],
                                 len(out)))
    return out


@dataclass(frozen=True)
class Plan:
    """What a push will write: the counts, checked up front, and its batches, built lazily.

    Iterating :attr:`batches` yields the same batches, in the same order, as
    :func:`batches` of :func:`node_rows` and :func:`relation_rows`, but each batch's
    rows are made only when it is reached, so the rows of the whole graph are never
    held at once (at 1M nodes they were some 3 GiB beside the graph).
    """

    nodes: int
    relationships: int
    batches: Iterator[Batch]


def plan(graph: SupplyGraph, batch_size: int) -> Plan:
    """Check every node and relation claim of ``graph`` and plan the push's batches.

    Every error the rows could raise (an id of no known kind, a relation outside the
    ontology, a reserved attribute or qualifier name) is raised here, before anything
    is written.

    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([Claim("element:Dy", "label", "Dysprosium", sources=("source:s",)),
    ...                  Claim("material:dy-oxide", "CONTAINS", "element:Dy")])
    >>> p = plan(g, batch_size=1)
    >>> (p.nodes, p.relationships)
    (3, 1)
    >>> [(b.phase, b.index, len(b.rows)) for b in p.batches]
    [('nodes', 0, 1), ('nodes', 1, 1), ('nodes', 2, 1), ('relationships', 3, 1)]
    """
    if batch_size < 1:
        raise Neo4jError(f"batch size must be at least 1, not {batch_size}")
    by_label: dict[str, list[str]] = defaultdict(list)
    node_ids = _node_ids(graph)
    for node_id in node_ids:
        by_label[label_of(node_id)].append(node_id)
    known = set(relationship_types())
    by_key: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in graph.claims:
        if claim.is_relation:
            by_key[_relation_key(claim, known)].append(claim)
            for name, _ in claim.qualifiers:
                if name in PROVENANCE:
                    raise Neo4jError(f"{claim.subject} {claim.predicate} {claim.object}: "
                                     f"qualifier name {name!r} is reserved in Neo4j")
        elif claim.predicate in ("id", CLAIMS_PROPERTY):
            raise Neo4jError(f"{claim.subject}: attribute name {claim.predicate!r} is "
                             "reserved in Neo4j")
    relationships = sum(len(group) for group in by_key.values())

    def generate() -> Iterator[Batch]:
        index = 0
        for label in sorted(by_label):
            ids, query = by_label[label], node_query(label)
            for start in range(0, len(ids), batch_size):
                rows = [{"props": _node_props(graph, node_id)}
                        for node_id in ids[start:start + batch_size]]
                yield Batch("nodes", query, rows, index)
                index += 1
        for key in sorted(by_key):
            group, query = by_key[key], relation_query(key)
            for start in range(0, len(group), batch_size):
                rows = [_relation_row(claim) for claim in group[start:start + batch_size]]
                yield Batch("relationships", query, rows, index)
                index += 1

    return Plan(len(node_ids), relationships, generate())


def _write_batch(tx, batch: Batch, on_batch: Callable | None) -> None:
    if on_batch is not None:
        on_batch(tx, batch)
    tx.run(batch.query, rows=batch.rows).consume()


def ensure_constraints(driver, database: str | None = None) -> None:
    """Create the uniqueness constraints the push relies on (``IF NOT EXISTS``)."""
    for statement in constraint_statements():
        driver.execute_query(statement, database_=database)


def wipe(driver, database: str | None = None, batch_size: int = 10000) -> int:
    """Delete every node of mineralgraph's (one of its labels and an id of one of its
    kinds) and its relationships; their count.

    Relationships go first and then nodes, each in transactions of ``batch_size``
    rows, so a large graph never needs one huge transaction. Other data in the
    database is left alone, its ``Company`` or ``Country`` nodes too.
    """
    wipe_relationships(driver, database, batch_size)
    return wipe_nodes(driver, database, batch_size)


#: A node of mineralgraph's: one of its labels and an id of one of its kinds
#: (``company:acme``). The label alone is not enough: another application's data in the
#: same database may well have ``Company``, ``Country`` or ``Product`` nodes.
OWN_NODE = ("any(l IN labels(n) WHERE l IN $labels) "
         "AND any(p IN $prefixes WHERE n.id STARTS WITH p)")


def own_node_params() -> dict:
    """The parameters of :data:`OWN_NODE`."""
    from mineralgraph.ontology import model

    return {"labels": labels(), "prefixes": sorted(f"{p}:" for p in model.by_prefix)}


def wipe_relationships(driver, database: str | None = None, batch_size: int = 10000) -> None:
    """The first step of :func:`wipe`: relationships of mineralgraph nodes."""
    with driver.session(database=database) as session:
        session.run(f"MATCH (n)-[r]->() WHERE {OWN_NODE} "
                    "CALL (r) { DELETE r } IN TRANSACTIONS OF $size ROWS",
                    **own_node_params(), size=batch_size).consume()


def wipe_nodes(driver, database: str | None = None, batch_size: int = 10000) -> int:
    """The second step of :func:`wipe`: the nodes; their count."""
    with driver.session(database=database) as session:
        summary = session.run(f"MATCH (n) WHERE {OWN_NODE} "
                              "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $size ROWS",
                              **own_node_params(), size=batch_size).consume()
    return summary.counters.nodes_deleted


def database_counts(driver, database: str | None = None) -> tuple[int, int]:
    """(nodes of mineralgraph's, relationships with a ``claim_id``) in the database."""
    records, _, _ = driver.execute_query(
        f"MATCH (n) WHERE {OWN_NODE} RETURN count(n) AS n", **own_node_params(),
        database_=database, routing_="r")
    nodes = records[0]["n"]
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() WHERE r.claim_id IS NOT NULL RETURN count(r) AS n",
        database_=database, routing_="r")
    return nodes, records[0]["n"]


def push(driver, claims: Iterable[Claim] | SupplyGraph, database: str | None = None,
         batch_size: int = DEFAULT_BATCH_SIZE, wipe_first: bool = False,
         progress: Callable[[str, int, int], None] | None = None,
         on_batch: Callable | None = None) -> PushResult:
    """Write claims into Neo4j; running it again changes nothing.

    Parameters
    ----------
    driver : neo4j.Driver
        A connected driver (see :func:`mineralgraph.graph.neo4j.connect`).
    claims : iterable of Claim, or SupplyGraph
        What to push. Every id must be of a kind of the ontology.
    database : str, optional
        The database to write to (default: the server's default database).
    batch_size : int
        Rows per transaction.
    wipe_first : bool
        Delete every node with a mineralgraph label first (:func:`wipe`).
    progress : callable, optional
        Called as ``progress(phase, rows_done, rows_total)`` after each committed batch.
    on_batch : callable, optional
        Called as ``on_batch(tx, batch)`` inside each batch's transaction, before its
        rows are written (tests use it to inject faults).

    Returns
    -------
    PushResult

    Raises
    ------
    PushError
        When a batch fails for good (after the driver's retries of transient errors):
        the message says how many rows were written; pushing again completes the work.
    """
    start = time.perf_counter()
    graph = claims if isinstance(claims, SupplyGraph) else SupplyGraph(claims)
    work = plan(graph, batch_size)
    total = work.nodes + work.relationships
    if wipe_first:
        for step, (what, how_far) in enumerate((
                (wipe_relationships, "while deleting the relationships already in the "
                 "database, before any node"),
                (wipe_nodes, "after deleting the relationships already in the database, "
                 "while deleting its nodes"))):
            try:
                what(driver, database)
            except BaseException as exc:
                raise PushError(f"push --wipe stopped {how_far} ({_reason(exc)}): some "
                                f"{'relationships' if step == 0 else 'nodes'} may be gone "
                                "and nothing of this graph was written yet; run the same "
                                "push again") from exc
    try:
        ensure_constraints(driver, database)
    except BaseException as exc:
        raise PushError(f"push stopped while creating its constraints ({_reason(exc)})"
                        f"{', after the wipe' if wipe_first else ''}; nothing of this graph "
                        "was written yet; run the same push again") from exc
    done = {"nodes": 0, "relationships": 0}
    with driver.session(database=database) as session:
        for batch in work.batches:
            try:
                session.execute_write(_write_batch, batch, on_batch)
            except BaseException as exc:
                raise PushError(_stopped(done, work.nodes, work.relationships, exc)) from exc
            done[batch.phase] += len(batch.rows)
            if progress is not None:
                progress(batch.phase, done["nodes"] + done["relationships"], total)
    try:
        db_nodes, db_relationships = database_counts(driver, database)
    except BaseException as exc:
        raise PushError(f"pushed all {work.nodes} nodes and {work.relationships} relationships, "
                        f"but could not count the database afterwards ({_reason(exc)})"
                        ) from exc
    return PushResult(work.nodes, work.relationships, db_nodes, db_relationships,
                      time.perf_counter() - start)


def _stopped(done: dict, nodes: int, relations: int, exc: BaseException) -> str:
    return (f"push stopped after {done['nodes']} of {nodes} nodes and "
            f"{done['relationships']} of {relations} relationships ({_reason(exc)}); "
            "what was written is whole; run the same push again to complete it")


def _reason(exc: BaseException) -> str:
    """Why a step failed, in one short phrase."""
    from neo4j import exceptions as ex

    from mineralgraph.graph.neo4j import _connection_reason, _first_line

    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, (ex.ServiceUnavailable, ex.SessionExpired, OSError)):
        return f"lost the connection: {_connection_reason(exc)}"
    return _first_line(getattr(exc, "message", None) or str(exc)) or type(exc).__name__
