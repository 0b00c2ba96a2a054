"""Cypher over the Neo4j copy: safe queries for analysts, and the structural questions.

:func:`run_cypher` runs a query read-only unless asked otherwise. A read-only run
allows what an analyst needs to read the graph and nothing else, in three locks:

1. :func:`read_only_problem` refuses, before anything reaches the server, the clauses
   that read or reach outside the graph or act on the server even when they write
   nothing: ``LOAD CSV`` (files on the server, URLs it can reach), ``TERMINATE`` and
   ``SHOW`` of transactions, users, roles, privileges, settings and databases, ``USE``
   (another database, such as ``system``), administration commands, and ``CALL`` of any
   procedure but the schema ones in :data:`READ_PROCEDURES` (so no ``dbms.*``, not even
   ``dbms.components()``: a version string is not graph data and the rule stays simple);
2. the server's ``EXPLAIN`` must call the query read only (type ``r``);
3. it runs in a read transaction, so the server refuses a write too.

``--write`` lifts all three: the user opens the server deliberately.
Parameters always travel as parameters, never pasted into the text.

The structural questions of the design note (section 4) are asked along the *flow*
(:mod:`mineralgraph.graph.flow`): relations stored against the flow are walked
backwards. :func:`flow_step` writes that one step as a quantified path pattern from
:data:`~mineralgraph.graph.flow.FLOW_RELATIONS`, so Cypher and the embedded engine
share one definition.

>>> parse_param("share=0.8")
('share', 0.8)
>>> parse_param("id=element:Dy")
('id', 'element:Dy')
>>> print(flow_step())  # doctest: +NORMALIZE_WHITESPACE
((a)-[r:CONTAINS|LOCATED_IN|MADE_FROM|OPERATED_BY|PRODUCES|REQUIRES|SUPPLIES]-(b)
  WHERE (type(r) IN ['PRODUCES', 'SUPPLIES'] AND startNode(r) = a)
     OR (type(r) IN ['CONTAINS', 'MADE_FROM', 'REQUIRES', 'OPERATED_BY'] AND endNode(r) = a)
     OR (type(r) = 'LOCATED_IN' AND endNode(r) = a
         AND (b:Facility OR (b:Company AND EXISTS { (b)-[:PRODUCES]->() }))))
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.graph.flow import FLOW_RELATIONS
from mineralgraph.graph.neo4j import Neo4jError

#: Query types ``EXPLAIN`` reports (``summary.query_type``) and what they mean.
QUERY_TYPES = {"r": "read only", "rw": "read and write", "w": "write only",
               "s": "schema write"}
_IN_TRANSACTIONS = re.compile(r"\bIN\s+TRANSACTIONS\b", re.IGNORECASE)
#: Procedures a read-only run may CALL: the schema of the graph, nothing of the server.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties"})
#: (pattern, why) of what a read-only run refuses, matched on the query without its
#: comments, string literals and quoted names (so a label or a value cannot trigger it).
REFUSED = (
    (r"\bLOAD\s+CSV\b", "LOAD CSV reads files on the server or URLs it can reach"),
    (r"\bTERMINATE\b", "TERMINATE stops other sessions' work"),
    (r"\bSHOW\s+(?!(?:ALL\s+|RANGE\s+|TEXT\s+|POINT\s+|VECTOR\s+|FULLTEXT\s+|LOOKUP\s+"
     r"|UNIQUE(?:NESS)?\s+|EXIST(?:ENCE)?\s+|NODE\s+|REL(?:ATIONSHIP)?\s+|KEY\s+"
     r"|PROPERTY\s+)*(?:INDEX|INDEXES|CONSTRAINT|CONSTRAINTS)\b)",
     "SHOW of anything but indexes and constraints is about the server, not the graph"),
    # USE starts a query or subquery, also after the query options (CYPHER 5, EXPLAIN...)
    (r"(?:\A|[{]|\bUNION(?:\s+ALL|\s+DISTINCT)?)\s*(?:(?:EXPLAIN|PROFILE|CYPHER(?:\s+\d+"
     r"(?:\.\d+)?)?(?:\s+\w+\s*=\s*\w+)*)\s+)*USE\b(?!\s*:)",
     "USE switches to another database (choose it with --database)"),
    (r"\b(?:GRANT|DENY|REVOKE)\b|\b(?:CREATE|ALTER|DROP|RENAME|START|STOP|ENABLE|"
     r"DEALLOCATE|REALLOCATE)\s+(?:OR\s+REPLACE\s+)?(?:COMPOSITE\s+|CURRENT\s+)?"
     r"(?:USER|ROLE|DATABASE|ALIAS|SERVER|DATABASES)\b", "administration commands"),
)
#: Namespaces of Neo4j's own functions: a read-only run may call no other namespaced
#: function (a plugin's, such as ``apoc.cypher.runFirstColumn``, which runs the Cypher
#: in its string argument, LOAD CSV included, or ``graph.names()``, about the server).
READ_FUNCTION_NAMESPACES = frozenset({
    "date", "datetime", "localdatetime", "localtime", "time", "duration", "point",
    "vector.similarity"})
_FUNCTION = re.compile(r"(?<![\w.$])([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)+)\s*\(")
_PROCEDURE = re.compile(r"\bCALL\s+(?![({])([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)",
                        re.IGNORECASE)
#: A ``//`` comment ends at a line feed or a carriage return, as Neo4j's lexer ends it
#: (``// x\rLOAD CSV ...`` runs the LOAD CSV).
_NEUTRAL = re.compile(r"//[^\n\r]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`]|``)*`",
                      re.DOTALL)
_PARAM_LINE = re.compile(r"^\s*//\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


@dataclass(frozen=True)
class CypherResult:
    """Columns and rows of a query; values are plain Python (see :func:`plain`).
    ``truncated`` is True when ``max_rows`` cut the rows."""

    columns: list[str]
    rows: list[dict]
    truncated: bool = False


# ---------------------------------------------------------------------- parameters
def parse_value(text: str):
    """A parameter value: JSON when it parses as JSON (numbers, true/false/null, lists,
    quoted strings), else the text as it is.

    >>> parse_value("3"), parse_value("true"), parse_value("[1, 2]"), parse_value("a'b")
    (3, True, [1, 2], "a'b")
    >>> parse_value("[" * 40 + "]" * 40)
    Traceback (most recent call last):
    mineralgraph.exceptions.MineralGraphError: a parameter value nested deeper than 32 \
levels of lists and maps
    """
    try:
        value = json.loads(text)
    except ValueError:
        return text
    except RecursionError:  # [[[...]]] thousands deep: JSON's own recursion limit
        value = None
        depth = MAX_PARAM_DEPTH + 1
    else:
        depth = _depth(value)
    if depth > MAX_PARAM_DEPTH:  # the driver packs it recursively too: a traceback
        raise MineralGraphError(f"a parameter value nested deeper than {MAX_PARAM_DEPTH} "
                                "levels of lists and maps")
    return value


#: The deepest nesting of lists and maps a parameter value may have.
MAX_PARAM_DEPTH = 32


def _depth(value, level: int = 0) -> int:
    """How deep lists and maps nest in ``value`` (stops past :data:`MAX_PARAM_DEPTH`)."""
    if level > MAX_PARAM_DEPTH or not isinstance(value, (list, dict)):
        return level
    items = value.values() if isinstance(value, dict) else value
    return max((_depth(v, level + 1) for v in items), default=level + 1)


def parse_param(text: str) -> tuple[str, object]:
    """``name=value`` from ``--param`` as (name, value); MineralGraphError when malformed."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
        raise MineralGraphError(f"--param {text!r}: expected NAME=VALUE")
    return name, parse_value(value)


def query_text(query: str) -> tuple[str, dict]:
    """The text of ``QUERY`` or ``@FILE``, and the defaults its ``// @param`` lines give.

    A cookbook file may say ``// @param element = "element:Dy"``; ``--param`` overrides.
    """
    shown = "query"
    if query.startswith("@"):
        from mineralgraph.files import read_text

        shown = query[1:]
        query = read_text(Path(shown), limit=16 << 20, what="query file")
    defaults = {}
    for number, line in enumerate(query.splitlines(), 1):
        match = _PARAM_LINE.match(line)
        if match:
            try:
                defaults[match.group(1)] = parse_value(match.group(2))
            except MineralGraphError as exc:
                raise InputError(shown, number, f"@param {match.group(1)}", str(exc)) from None
    if not query.strip() or not strip_comments(query).strip():
        raise MineralGraphError("the query is empty")
    return query, defaults


def strip_comments(query: str) -> str:
    """The query without ``//`` line comments (only whole-line ones).

    >>> strip_comments("// hello\\nRETURN 1")
    'RETURN 1'
    """
    return "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("//"))


# ---------------------------------------------------------------------- values
def plain(value):
    """A value from the driver as plain Python for tables and JSON.

    A node becomes its ``id`` (or its properties when it has none), a relationship a
    dict of its type, ends and properties, a path the list of its node ids, Neo4j
    temporal values ISO strings.
    """
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return value.get("id") if value.get("id") is not None else {
            k: plain(v) for k, v in value.items()}
    if isinstance(value, Relationship):
        return {"type": value.type, "start": plain(value.start_node),
                "end": plain(value.end_node), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


# ---------------------------------------------------------------------- read-only rules
def neutral_text(query: str) -> str:
    """The query with comments, string literals and quoted names blanked out.

    >>> neutral_text("MATCH (n {name: 'LOAD CSV'}) // TERMINATE\\nRETURN n.`CALL x`").split()
    ['MATCH', '(n', '{name:', "''})", 'RETURN', 'n.``']
    """
    def blank(match: re.Match) -> str:
        text = match.group()
        if text.startswith(("//", "/*")):
            return " "
        return text[0] * 2
    return _NEUTRAL.sub(blank, query)


def names_text(query: str) -> str:
    """The query with comments and string literals blanked out, and quoted names
    written bare (```dbms`.x`` as `` dbms .x``; characters a name cannot hold
    as ``_``), so a procedure or function named with backticks is still seen.

    A bare name keeps a space either side, as its backticks did: ``CALL`db`.`info```
    (no space after ``CALL``, which Neo4j accepts) reads ``CALL db . info``, not
    ``CALLdb.info``, which no rule would have read as a call.

    >>> names_text("CALL`dbms`.`components`() // x\\nRETURN 'a.b()', n.`my key`")
    "CALL dbms . components ()  \\nRETURN '', n. my_key "
    """
    def bare(match: re.Match) -> str:
        text = match.group()
        if text.startswith(("//", "/*")):
            return " "
        if text.startswith("`"):
            name = text[1:-1].replace("``", "`")
            return " " + (re.sub(r"[^\w.]", "_", name) or "_") + " "
        return text[0] * 2
    return _NEUTRAL.sub(bare, query)


_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


def unescape_unicode(query: str) -> str:
    r"""The query as Neo4j's lexer reads it: each ``\uXXXX`` decoded first, anywhere
    (as Java does with its source), unless its backslash is itself escaped (``\\u``).

    Neo4j runs ``LOAD \u0043SV`` as ``LOAD CSV``, ends a string at ``\u0027`` and a
    backquoted name at ``\u0060``, so the read-only rules read this text.

    >>> unescape_unicode(r"LOAD \u0043SV FROM 'x'"), unescape_unicode(r"'a\\u0041'")
    ("LOAD CSV FROM 'x'", "'a\\\\u0041'")
    """
    return _UNICODE_ESCAPE.sub(lambda m: m.group(1) + chr(int(m.group(2), 16)), query)


def read_only_problem(query: str) -> str | None:
    """Why a read-only run refuses ``query`` before asking the server, or None.

    The rules read the query as written and as Neo4j reads it
    (:func:`unescape_unicode`); either may refuse it.

    >>> read_only_problem("MATCH (n) RETURN count(n)") is None
    True
    >>> read_only_problem("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r")
    'LOAD CSV reads files on the server or URLs it can reach'
    >>> print(read_only_problem("CALL dbms.components()"))  # doctest: +ELLIPSIS
    CALL dbms.components: only the schema procedures (...) may be called
    >>> read_only_problem("MATCH (n {note: 'LOAD CSV'}) CALL db.labels() YIELD label RETURN *")
    >>> read_only_problem("LOAD \\u0043SV FROM 'http://10.0.0.1/' AS r RETURN r")
    'LOAD CSV reads files on the server or URLs it can reach'
    """
    decoded = unescape_unicode(query)
    for text in dict.fromkeys((decoded, query)):
        problem = _read_only_problem(text)
        if problem:
            return problem
    return None


def _read_only_problem(query: str) -> str | None:
    """:func:`read_only_problem` for one reading of the query."""
    text = neutral_text(query)
    for pattern, why in REFUSED:
        if re.search(pattern, text, re.IGNORECASE):
            return why
    named = names_text(query)
    called = set()
    for match in _PROCEDURE.finditer(named):
        name = re.sub(r"\s+", "", match.group(1))
        called.add(match.start(1))
        if name.lower() not in READ_PROCEDURES:
            return (f"CALL {name}: only the schema procedures (db.labels, db.propertyKeys, "
                    "db.relationshipTypes, db.schema.*) may be called")
    for match in _FUNCTION.finditer(named):
        name = re.sub(r"\s+", "", match.group(1))
        if match.start(1) not in called and \
                name.lower().rpartition(".")[0] not in READ_FUNCTION_NAMESPACES:
            return (f"{name}(): only Neo4j's own functions may be called (a plugin's may "
                    "read or run what the query does not show)")
    return None


#: The deepest nesting of brackets a query may have: Neo4j 5.26 explains a list nested
#: 180 deep in 0.4 s, and one nested 200 deep not within minutes.
MAX_QUERY_DEPTH = 32


def nesting_problem(query: str) -> str | None:
    """Why ``query`` is nested too deep to send (brackets outside strings and comments,
    as written and as Neo4j decodes it), or None.

    >>> nesting_problem("RETURN [[1], {a: (2)}]") is None
    True
    >>> nesting_problem("RETURN " + "[" * 40 + "]" * 40)
    'nested deeper than 32 levels of brackets (40); flatten the query'
    """
    for text in dict.fromkeys((unescape_unicode(query), query)):
        depth = deepest = 0
        for char in neutral_text(text):
            if char in "([{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in ")]}":
                depth -= 1
        if deepest > MAX_QUERY_DEPTH:
            return (f"nested deeper than {MAX_QUERY_DEPTH} levels of brackets ({deepest}); "
                    "flatten the query")
    return None


#: The longest run of operators a query may chain at one level of brackets: Neo4j 5.26
#: parses and plans a chain (``a AND b AND …``, ``1+1+…``, a long path pattern) as one
#: deep tree before its time limit applies, in time that grows with the square of it
#: (2,000 terms: 13 s; 20,000: 222 s with ``--timeout 5``, then the connection dropped).
MAX_QUERY_CHAIN = 256
_OPERATOR = re.compile(r"<>|!=|<=|>=|=~|[-+*/%^=<>|&.]|\b(?:AND|OR|XOR|NOT|IN|CONTAINS|"
                       r"STARTS|ENDS)\b|[()\[\]{},]", re.IGNORECASE)


def chain_problem(query: str) -> str | None:
    """Why ``query`` chains too many operators at one level of brackets to send (outside
    strings and comments, as written and as Neo4j decodes it), or None. A comma or an
    opening bracket starts a new run; a closed bracket counts in the run around it
    (``l[0][0]…``), as do ``NOT`` (``NOT NOT …``, 3,000 of them: 123 s past a 3 s limit)
    and ``.`` (``m.a.a…``).

    >>> chain_problem("MATCH (a)-[:R]->(b) WHERE a.x = 1 AND b.y IN [1, 2] RETURN a") is None
    True
    >>> chain_problem("RETURN " + " OR ".join(["true"] * 300))
    'chains 299 operators at one level (more than 256); use a list parameter ($ids) or \
split the expression'
    """
    for text in dict.fromkeys((unescape_unicode(query), query)):
        runs, longest = [0], 0
        for match in _OPERATOR.finditer(neutral_text(text)):
            token = match.group()
            if token in "([{":
                runs.append(0)
            elif token in ")]}":
                if len(runs) > 1:
                    runs.pop()
                runs[-1] += 1
                longest = max(longest, runs[-1])
            elif token == ",":
                runs[-1] = 0
            else:
                runs[-1] += 1
                longest = max(longest, runs[-1])
        if longest > MAX_QUERY_CHAIN:
            return (f"chains {longest} operators at one level (more than {MAX_QUERY_CHAIN}); "
                    "use a list parameter ($ids) or split the expression")
    return None


def check_read_only(query: str) -> None:
    """Raise Neo4jError (one line) when a read-only run must refuse ``query``."""
    problem = read_only_problem(query)
    if problem:
        raise Neo4jError(f"refused: {problem}; nothing was run (a read-only run reads "
                         "the graph only; --write lifts this)")


# ---------------------------------------------------------------------- running
def query_type(session, query: str, params: dict, timeout: float | None = None) -> str:
    """What ``EXPLAIN`` says the query does: ``r``, ``rw``, ``w`` or ``s``."""
    from neo4j import Query

    summary = session.run(Query("EXPLAIN " + query, timeout=timeout), params).consume()
    return summary.query_type


#: Seconds a query may run on the server by default (``cypher --timeout``).
DEFAULT_TIMEOUT = 60.0
#: Rows a query's answer keeps by default (``cypher --max-rows``); the client fetches
#: no more (the server streams them), so a huge answer does not fill its memory.
DEFAULT_MAX_ROWS = 100_000


def run_cypher(driver, query: str, params: dict | None = None, database: str | None = None,
               write: bool = False, timeout: float | None = None,
               name: str = "query", max_rows: int | None = None) -> CypherResult:
    """Run one query; read-only unless ``write``.

    ``timeout`` (seconds) is the server's transaction timeout for the query: the
    server stops it there and nothing of it is kept. None leaves the server's own
    setting (``db.transaction.timeout``, none by default). ``max_rows`` keeps at most
    that many rows (``CypherResult.truncated`` says when more came); the rest are
    discarded on the server, never fetched. None keeps every row.

    Raises
    ------
    Neo4jError
        When the query is not read-only and ``write`` is false (nothing runs), or the
        server refuses it, or it ran past ``timeout`` (one line, naming ``name``).
    """
    import neo4j
    from neo4j.exceptions import Neo4jError as DriverNeo4jError

    params = dict(params or {})
    timeout = timeout or None

    @neo4j.unit_of_work(timeout=timeout)
    def work(tx):
        result = tx.run(query if tx_is_managed(tx) else neo4j.Query(query, timeout=timeout),
                        params)
        columns = list(result.keys())
        rows = []
        for record in result:
            if max_rows is not None and len(rows) == max_rows:
                return CypherResult(columns, rows, truncated=True)  # the rest discarded
            rows.append({k: plain(record[k]) for k in columns})
        return CypherResult(columns, rows)

    problem = nesting_problem(query) or chain_problem(query)
    if problem:  # the server's parser would take minutes over it, --write or not
        raise Neo4jError(f"refused: {problem}; nothing was run")
    try:
        if not write:
            check_read_only(query)
            # EXPLAIN's own notices (e.g. a missing parameter) would be logged as warnings;
            # the real run reports the problem as an error instead.
            with driver.session(database=database,
                                notifications_min_severity="OFF") as session:
                kind = query_type(session, query, params, timeout)
            if kind != "r":
                raise Neo4jError(f"the query is {QUERY_TYPES.get(kind, kind)}, not read only; "
                                 "nothing was run (add --write to run it)")
        with driver.session(database=database) as session:
            if not write:
                return session.execute_read(work)
            if _IN_TRANSACTIONS.search(strip_comments(query)):
                # CALL { ... } IN TRANSACTIONS only runs in an implicit transaction
                return work(session)
            return session.execute_write(work)
    except DriverNeo4jError as exc:
        if timeout and "TransactionTimedOut" in (exc.code or ""):
            kept = "" if not write else (
                "; batches committed before it stopped are kept"
                if _IN_TRANSACTIONS.search(strip_comments(query)) else
                "; what it wrote was rolled back")
            raise Neo4jError(f"{name}: stopped after {timeout:g} s on the server (timeout)"
                             f"{kept}; narrow the query or raise --timeout") from None
        raise


def tx_is_managed(tx) -> bool:
    """Whether ``tx`` is a transaction (its timeout set by ``unit_of_work``), not a session
    running an implicit one (whose timeout goes with the query)."""
    import neo4j

    return not isinstance(tx, neo4j.Session)


# ---------------------------------------------------------------------- structure
def flow_step(start: str = "a", end: str = "b", rel: str = "r") -> str:
    """One step along the flow, as a quantified path pattern for ``(x) STEP+ (y)``."""
    forward = [name for name, reverse in FLOW_RELATIONS.items() if not reverse]
    backward = [name for name, reverse in FLOW_RELATIONS.items()
                if reverse and name != "LOCATED_IN"]
    types = "|".join(sorted(FLOW_RELATIONS))
    return (f"(({start})-[{rel}:{types}]-({end})\n"
            f"  WHERE (type({rel}) IN {forward!r} AND startNode({rel}) = {start})\n"
            f"     OR (type({rel}) IN {backward!r} AND endNode({rel}) = {start})\n"
            f"     OR (type({rel}) = 'LOCATED_IN' AND endNode({rel}) = {start} "
            f"AND ({end}:Facility OR ({end}:Company AND EXISTS {{ ({end})-[:PRODUCES]->() }}))))")


def downstream_query(kind: str | None = "Product") -> str:
    """Ids of nodes (of ``kind``) with a flow path from ``$id``: e.g. products needing X."""
    target = f"(y:{kind})" if kind else "(y)"
    return (f"MATCH (x {{id: $id}})\n"
            f"MATCH (x){flow_step()}+{target}\n"
            "WHERE y <> x\n"
            "RETURN DISTINCT y.id AS id ORDER BY id")


def upstream_query() -> str:
    """Ids of every node with a flow path into ``$id`` (its upstream)."""
    return (f"MATCH (x {{id: $id}})\n"
            f"MATCH (y){flow_step()}+(x)\n"
            "WHERE y <> x\n"
            "RETURN DISTINCT y.id AS id ORDER BY id")


def paths_query() -> str:
    """Simple flow paths from ``$source`` to ``$target`` of at most ``$max_length`` steps.

    Each path once, as the list of its node ids, shortest first (like
    :func:`mineralgraph.graph.flow.supply_paths`).
    """
    return (f"MATCH (x {{id: $source}}), (y {{id: $target}})\n"
            f"MATCH p = (x){flow_step()}{{0,12}}(y)\n"
            "WITH [n IN nodes(p) | n.id] AS ids\n"
            "WHERE size(ids) <= $max_length + 1\n"
            "  AND all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])\n"
            "RETURN DISTINCT ids ORDER BY size(ids), ids")


def ids_of(driver, query: str, database: str | None = None, **params) -> list:
    """The first column of a read query's rows."""
    result = run_cypher(driver, query, params, database=database)
    return [row[result.columns[0]] for row in result.rows]
