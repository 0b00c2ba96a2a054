"""Cypher: read-only runs, parameters, output formats, the structural questions of the
design note (section 4) and the cookbook in ``queries/cypher/``, on a real server.

The structural answers are checked against :mod:`mineralgraph.graph.flow` (the one
definition), the cookbook against the SPARQL cookbook on the same claims and against
plain Python over the graph, so the three engines agree on the same ids.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from neo4j_harness import reset_database

from mineralgraph.claim import Claim
from mineralgraph.cli import cli
from mineralgraph.graph import flow as flow_view
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.cypher import (
    downstream_query,
    flow_step,
    ids_of,
    parse_param,
    parse_value,
    paths_query,
    query_text,
    run_cypher,
    upstream_query,
)
from mineralgraph.graph.neo4j import Neo4jError
from mineralgraph.graph.neo4j_push import push
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.curated import load_curated

ROOT = Path(__file__).resolve().parent.parent
COOKBOOK = ROOT / "queries" / "cypher"
SPARQL = ROOT / "queries" / "sparql"
TINY = Path(__file__).parent / "data" / "tiny"


@pytest.fixture(scope="module")
def tiny() -> SupplyGraph:
    return SupplyGraph(load_curated(TINY).claims)


@pytest.fixture(scope="module")
def bundled() -> SupplyGraph:
    from mineralgraph import load_bundled

    return load_bundled()


def _load(driver, graph: SupplyGraph):
    """The driver on a database holding exactly ``graph`` (pushed only when it does not)."""
    digest = hashlib.sha1("".join(sorted(c.id for c in graph.claims)).encode()).hexdigest()
    records, _, _ = driver.execute_query("MATCH (m:TestDataset) RETURN m.digest AS d")
    if [r["d"] for r in records] != [digest]:
        reset_database(driver)
        push(driver, graph)
        driver.execute_query("CREATE (:TestDataset {digest: $d})", d=digest)
    return driver


@pytest.fixture
def tiny_db(neo4j_driver, tiny):
    return _load(neo4j_driver, tiny)


@pytest.fixture
def bundled_db(neo4j_driver, bundled):
    return _load(neo4j_driver, bundled)


def cli_env(server) -> dict:
    return {"NEO4J_URI": server.uri, "NEO4J_USER": server.user,
            "NEO4J_PASSWORD": server.password, "NEO4J_DATABASE": None}


def run(server, *args: str):
    return CliRunner().invoke(cli, ["cypher", *args], env=cli_env(server))


# ---------------------------------------------------------------------- no server
@pytest.mark.parametrize("text, expected", [
    ("id=element:Dy", ("id", "element:Dy")), ("n=3", ("n", 3)), ("x=0.8", ("x", 0.8)),
    ("on=2025-06-01", ("on", "2025-06-01")), ("ok=true", ("ok", True)),
    ("ids=[\"a\", \"b\"]", ("ids", ["a", "b"])), ("q=\"3\"", ("q", "3")),
    ("s='}) DETACH DELETE n //", ("s", "'}) DETACH DELETE n //")), ("e=", ("e", "")),
    ("eq=a=b", ("eq", "a=b")),
])
def test_parse_param(text, expected):
    assert parse_param(text) == expected


@pytest.mark.parametrize("text", ["noequals", "=x", "bad name=1", "1x=2"])
def test_parse_param_refuses_malformed(text):
    with pytest.raises(Exception, match=r"--param .*: expected NAME=VALUE"):
        parse_param(text)


def test_parse_value_keeps_text_that_is_not_json():
    assert parse_value("`x` ' \"") == "`x` ' \""


def test_query_file_defaults(tmp_path):
    path = tmp_path / "q.cypher"
    path.write_text("// @param element = element:Dy\n// @param n = 2\nRETURN $element\n")
    text, defaults = query_text(f"@{path}")
    assert text.endswith("RETURN $element\n")
    assert defaults == {"element": "element:Dy", "n": 2}
    with pytest.raises(Exception, match="no such query file"):
        query_text(f"@{tmp_path / 'missing.cypher'}")
    with pytest.raises(Exception, match="the query is empty"):
        query_text("// only a comment")


def test_flow_step_names_every_flow_relation():
    step = flow_step()
    for relation in flow_view.FLOW_RELATIONS:
        assert relation in step


@pytest.mark.parametrize("name", ["products-needing-dysprosium", "products-through-china",
                                  "controls-on-product-inputs", "supply-paths-samarium-to-f35",
                                  "shortest-path-mine-to-platform",
                                  "us-companies-china-only-stage"])
def test_cookbook_walks_the_one_flow_definition(name):
    """Every cookbook query that follows supply paths uses flow_step() verbatim."""
    assert flow_step() in (COOKBOOK / f"{name}.cypher").read_text(encoding="utf-8")


def test_every_cookbook_file_is_tested():
    assert {p.stem for p in COOKBOOK.glob("*.cypher")} == set(SHARED) | set(CYPHER_ONLY)


# ---------------------------------------------------------------------- read only
@pytest.mark.neo4j
@pytest.mark.parametrize("query, kind", [
    ("CREATE (n:Element {id: 'element:Zz'})", "write only"),
    ("MATCH (n) DETACH DELETE n", "write only"),
    ("MATCH (n:Element) SET n.label = 'x' RETURN n", "read and write"),
    ("CREATE INDEX x IF NOT EXISTS FOR (n:Element) ON (n.label)", "schema write"),
    ("MATCH (n) WITH n LIMIT 1 MERGE (m:Element {id: 'element:Zz'}) RETURN m", "read and write"),
])
def test_writes_are_refused_without_write(tiny_db, neo4j_server, query, kind):
    result = run(neo4j_server, query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: the query is {kind}, not read only; nothing was run "
                             "(add --write to run it)\n")
    records, _, _ = tiny_db.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 22  # 21 nodes and the test marker: nothing written
    records, _, _ = tiny_db.execute_query("SHOW INDEXES YIELD name WHERE name = 'x' RETURN name")
    assert records == []


@pytest.mark.neo4j
def test_write_runs_with_write_and_parameters_stay_values(neo4j_clean, neo4j_server):
    hostile = "x'}) DETACH DELETE n // `y` \"z\""
    result = run(neo4j_server, "CREATE (n:Note {text: $t}) RETURN n.text AS text",
                 "--param", f"t={hostile}", "--write", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"text": hostile}]
    records, _, _ = neo4j_clean.execute_query("MATCH (n:Note) RETURN n.text AS t")
    assert [r["t"] for r in records] == [hostile]


@pytest.mark.neo4j
def test_write_in_transactions_runs_in_an_implicit_transaction(neo4j_clean, neo4j_server):
    neo4j_clean.execute_query("UNWIND range(1, 25) AS i CREATE (:Note {i: i})")
    result = run(neo4j_server, "MATCH (n:Note) CALL (n) { SET n.seen = true } "
                 "IN TRANSACTIONS OF 10 ROWS", "--write")
    assert result.exit_code == 0, result.stderr
    records, _, _ = neo4j_clean.execute_query("MATCH (n:Note {seen: true}) RETURN count(n) AS n")
    assert records[0]["n"] == 25


@pytest.mark.neo4j
@pytest.mark.parametrize("value", [
    "'}) DETACH DELETE n //", "element:Dy'}) MATCH (m) DETACH DELETE m //",
    "`Element`", "\"}) RETURN 1 //", "element:Dy\" OR 1=1", "$id",
])
def test_hostile_parameters_cannot_change_the_query(tiny_db, neo4j_server, value):
    result = run(neo4j_server, "MATCH (n {id: $id}) RETURN n.id AS id, $id AS asked",
                 "--param", f"id={value}", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    echo = run(neo4j_server, "RETURN $v AS v", "--param", f"v={value}", "--format", "json")
    assert json.loads(echo.stdout) == [{"v": value}]
    records, _, _ = tiny_db.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 22


@pytest.mark.neo4j
def test_reads_run_in_a_read_transaction(tiny_db):
    """Even a query EXPLAIN could not see writing would be refused by the server: the
    read transaction itself refuses writes (checked here by running one in it)."""
    with tiny_db.session() as session, pytest.raises(Exception, match="(?i)read"):
        session.execute_read(lambda tx: tx.run("CREATE (:Note)").consume())
    result = run_cypher(tiny_db, "MATCH (n:Product) RETURN n.id AS id ORDER BY id")
    assert result.rows == [{"id": "product:car"}, {"id": "product:jet"}]
    with pytest.raises(Neo4jError, match="not read only"):
        run_cypher(tiny_db, "CREATE (:Note)")


# ---------------------------------------------------------------------- time limit
#: About 20 s on the suite's server without a limit.
SLOW = "UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x) AS n"


@pytest.mark.neo4j
def test_a_query_past_timeout_is_stopped_on_the_server(tiny_db, neo4j_server, tmp_path):
    """`cypher` had no time limit: a read-only query ran on the server as long as it took."""
    import time

    started = time.monotonic()
    result = run(neo4j_server, SLOW, "--timeout", "1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: query: stopped after 1 s on the server (timeout); "
                             "narrow the query or raise --timeout\n")
    assert time.monotonic() - started < 12
    query = tmp_path / "slow.cypher"
    query.write_text(SLOW + "\n", encoding="utf-8")
    result = run(neo4j_server, f"@{query}", "--timeout", "0.5")
    assert result.stderr == (f"Error: {query}: stopped after 0.5 s on the server (timeout); "
                             "narrow the query or raise --timeout\n")
    records, _, _ = tiny_db.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery STARTS WITH $slow "
        "RETURN count(*) AS n", slow=SLOW[:30])
    assert records[0]["n"] == 0  # stopped there, not left running


@pytest.mark.neo4j
def test_a_write_past_timeout_keeps_nothing(neo4j_clean, neo4j_server):
    result = run(neo4j_server, "CREATE (:Slow) WITH 1 AS one " + SLOW.removeprefix("UNWIND"
                 ).join(["UNWIND", ""]), "--write", "--timeout", "1")
    assert (result.exit_code, result.stderr) == (
        1, "Error: query: stopped after 1 s on the server (timeout); what it wrote was "
           "rolled back; narrow the query or raise --timeout\n")
    records, _, _ = neo4j_clean.execute_query("MATCH (n:Slow) RETURN count(n) AS n")
    assert records[0]["n"] == 0


@pytest.mark.neo4j
def test_the_default_timeout_is_documented_and_zero_means_none(neo4j_server, tiny_db):
    from mineralgraph.graph.cypher import DEFAULT_TIMEOUT

    help_text = CliRunner().invoke(cli, ["cypher", "--help"]).stdout
    assert DEFAULT_TIMEOUT == 60.0 and "--timeout" in help_text and "60.0" in help_text
    result = run(neo4j_server, "RETURN 1 AS one", "--timeout", "0", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "one\n1\n")
    for bad in ("nan", "-1", "inf"):
        assert run(neo4j_server, "RETURN 1", "--timeout", bad).exit_code == 2


@pytest.mark.neo4j
def test_rows_past_max_rows_are_cut_and_said(neo4j_server, tiny_db):
    """`cypher` held every row in memory (a 30M-row UNWIND reached 250 MiB in its 60 s,
    without bound under --timeout 0): --max-rows cuts the answer, fetching no more."""
    from mineralgraph.graph.cypher import DEFAULT_MAX_ROWS

    help_text = CliRunner().invoke(cli, ["cypher", "--help"]).stdout
    assert DEFAULT_MAX_ROWS == 100_000 and "--max-rows" in help_text and "100000" in help_text
    warning = ("warning: query: cut at 10 rows (--max-rows); narrow the query or raise "
               "--max-rows\n")
    result = run(neo4j_server, "UNWIND range(1, 25) AS x RETURN x", "--max-rows", "10")
    assert (result.exit_code, result.stderr) == (0, warning)
    assert result.stdout.endswith("\n10\n(10 rows, cut at the row limit)\n")
    result = run(neo4j_server, "UNWIND range(1, 25) AS x RETURN x", "--max-rows", "10",
                 "--format", "csv")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "x\n" + "".join(f"{i}\n" for i in range(1, 11)), warning)
    result = run(neo4j_server, "UNWIND range(1, 10) AS x RETURN x", "--max-rows", "10",
                 "--format", "json")
    assert (result.exit_code, len(json.loads(result.stdout)), result.stderr) == (0, 10, "")
    result = run(neo4j_server, "UNWIND range(1, 11) AS x RETURN x", "--max-rows", "0",
                 "--format", "csv")
    assert (result.exit_code, result.stdout.count("\n"), result.stderr) == (0, 12, "")
    # the server streams; the client stops at the limit (here 3 of 300 million rows)
    result = run(neo4j_server, "UNWIND range(1, 300000000) AS x RETURN x", "--max-rows",
                 "3", "--timeout", "30", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "x\n1\n2\n3\n"), result.stderr
    assert run(neo4j_server, "RETURN 1", "--max-rows", "-1").exit_code == 2


# ---------------------------------------------------------------------- formats
QUERY = ("MATCH (c:Country)-[r:PRODUCES]->(m:Material {id: 'material:conc'}) "
         "RETURN c.id AS producer, r.share AS share, r.sources AS sources ORDER BY producer")


@pytest.mark.neo4j
def test_table_format(tiny_db, neo4j_server):
    result = run(neo4j_server, QUERY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "producer    share  sources\n"
        "----------  -----  -------------\n"
        "country:AU  0.1    source:tiny-a\n"
        "country:CN  0.6    source:tiny-a\n"
        "country:MM  0.1    source:tiny-a\n"
        "(3 rows)\n")


@pytest.mark.neo4j
def test_json_and_csv_formats(tiny_db, neo4j_server):
    result = run(neo4j_server, QUERY, "--format", "json")
    assert json.loads(result.stdout) == [
        {"producer": "country:AU", "share": 0.1, "sources": ["source:tiny-a"]},
        {"producer": "country:CN", "share": 0.6, "sources": ["source:tiny-a"]},
        {"producer": "country:MM", "share": 0.1, "sources": ["source:tiny-a"]}]
    result = run(neo4j_server, QUERY, "--format", "csv")
    assert result.stdout == ("producer,share,sources\ncountry:AU,0.1,source:tiny-a\n"
                             "country:CN,0.6,source:tiny-a\ncountry:MM,0.1,source:tiny-a\n")


@pytest.mark.neo4j
def test_nodes_relationships_paths_and_dates_are_plain(tiny_db, neo4j_server):
    result = run(neo4j_server,
                 "MATCH p = (f:Facility {id: 'facility:mag-us'})-[r:PRODUCES]->(m) "
                 "RETURN f, r.valid_from AS since, p, r", "--format", "json")
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)[0]
    assert row["f"] == "facility:mag-us"
    assert row["since"] == "2025-01-15"
    assert row["p"] == ["facility:mag-us", "material:magnet"]
    assert row["r"]["type"] == "PRODUCES" and row["r"]["share"] == 0.1
    assert (row["r"]["start"], row["r"]["end"]) == ("facility:mag-us", "material:magnet")


@pytest.mark.neo4j
def test_output_file_and_syntax_error(tiny_db, neo4j_server, tmp_path):
    out = tmp_path / "r.csv"
    result = run(neo4j_server, "RETURN 1 AS one", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text() == "one\n1\n"
    bad = run(neo4j_server, "MATC (n) RETURN n")
    assert bad.exit_code == 1
    assert bad.stderr.startswith("Error: Neo4j refused the query: Invalid input 'MATC'")
    assert bad.stderr.rstrip().endswith("(Neo.ClientError.Statement.SyntaxError)")
    assert len(bad.stderr.splitlines()) == 1


@pytest.mark.neo4j
def test_missing_parameter_is_one_line(tiny_db, neo4j_server):
    result = run(neo4j_server, "RETURN $x AS x")
    assert result.exit_code == 1
    assert result.stderr == ("Error: Neo4j refused the query: Expected parameter(s): x "
                             "(Neo.ClientError.Statement.ParameterMissing)\n")


# ---------------------------------------------------------------------- section 4
@pytest.mark.neo4j
def test_tiny_products_depending_on_each_node(tiny_db, tiny):
    """Design note 4: which products depend on X, for every node of the tiny graph."""
    flow = flow_view.flow_graph(tiny)
    for node in tiny.ids():
        assert ids_of(tiny_db, downstream_query(), id=node) == \
            flow_view.dependent_products(tiny, node, flow), node
    assert ids_of(tiny_db, downstream_query(), id="element:Dy") == ["product:car", "product:jet"]
    assert ids_of(tiny_db, downstream_query(), id="country:US") == ["product:car", "product:jet"]
    assert ids_of(tiny_db, downstream_query(), id="company:jetmaker") == []


@pytest.mark.neo4j
def test_tiny_upstream_and_paths(tiny_db, tiny):
    flow = flow_view.flow_graph(tiny)
    for node in tiny.ids():
        assert ids_of(tiny_db, upstream_query(), id=node) == \
            sorted(flow_view.upstream(flow, node)), node
    for source in tiny.ids():
        for target in ("product:jet", "product:car"):
            assert ids_of(tiny_db, paths_query(), source=source, target=target,
                          max_length=12) == flow_view.supply_paths(flow, source, target), source
    assert ids_of(tiny_db, paths_query(), source="country:AU", target="product:car",
                  max_length=12) == [
        ["country:AU", "facility:sep-au", "material:oxide", "material:magnet", "product:car"],
        ["country:AU", "material:conc", "material:oxide", "material:magnet", "product:car"]]


@pytest.mark.neo4j
@pytest.mark.slow
def test_bundled_structural_questions_agree_with_flow(bundled_db, bundled):
    flow = flow_view.flow_graph(bundled)
    for node in bundled.ids():
        assert ids_of(bundled_db, downstream_query(), id=node) == \
            flow_view.dependent_products(bundled, node, flow), node
    for product in bundled.ids("Product"):
        assert ids_of(bundled_db, upstream_query(), id=product) == \
            sorted(flow_view.upstream(flow, product)), product
    for source in ("element:Sm", "element:Dy", "country:CN", "company:mp-materials",
                   "element:Ga", "country:AU"):
        for target in ("product:f-35", "product:optimus", "product:ddg-51"):
            assert ids_of(bundled_db, paths_query(), source=source, target=target,
                          max_length=12) == \
                flow_view.supply_paths(flow, source, target, max_paths=10_000), (source, target)


# ---------------------------------------------------------------------- cookbook
def cookbook(driver, name: str, **params):
    text, defaults = query_text(f"@{COOKBOOK / (name + '.cypher')}")
    return run_cypher(driver, text, {**defaults, **params})


def sparql_records(graph: SupplyGraph, name: str) -> list[dict]:
    from mineralgraph.graph.sparql import open_store, run_query

    text = (SPARQL / f"{name}.rq").read_text(encoding="utf-8")
    return run_query(open_store(graph.claims, "oxigraph"), text).records()


def text_of(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: Cookbook queries asked in both languages: name -> columns compared (Cypher, SPARQL).
SHARED = {
    "products-needing-dysprosium": (("product", "label"), ("product", "label")),
    "products-through-china": (("product",), ("product",)),
    "controls-on-product-inputs": (("control", "regime", "covers"),) * 2,
    "dominant-producers": (("material", "producer", "share", "year"),) * 2,
    "export-controls-in-force": (("control", "issuer", "regime", "covers"),) * 2,
    "facilities-of-company": (("facility", "type", "status", "country"),) * 2,
    "licence-decisions": (("licence", "decision", "announced", "control", "company"),) * 2,
    "new-capacity-outside-china": (("facility", "status", "country", "operator", "material"),) * 2,
    "single-producer-materials": (("material", "producer"),) * 2,
    "sources-behind-edge": (("claim", "share", "year", "source", "title", "publisher",
                             "published"),
                            ("statement", "share", "year", "source", "title", "publisher",
                             "published")),
    "us-companies-china-only-stage": (("company", "material"),) * 2,
    "us-imports-mostly-from-china": (("material", "about", "share"),) * 2,
    "wikidata-links": (("kind", "node", "entity"),) * 2,
}
CYPHER_ONLY = ("supply-paths-samarium-to-f35", "shortest-path-mine-to-platform",
               "f35-single-points-of-failure")


def _normal(column: str, value) -> str | None:
    text = text_of(value)
    if text is not None and column == "statement":
        return text.removeprefix("statement:")
    if text is not None and column == "entity":
        return text.replace("http://www.wikidata.org/entity/", "wd:")
    return text


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(SHARED))
def test_cookbook_agrees_with_sparql(bundled_db, bundled, name):
    """The same analyst question gives the same rows in Cypher and in SPARQL."""
    cypher_columns, sparql_columns = SHARED[name]
    result = cookbook(bundled_db, name)
    assert tuple(result.columns[:len(cypher_columns)]) == cypher_columns
    got = [tuple(_normal(c, row[c]) for c in cypher_columns) for row in result.rows]
    expected = {tuple(_normal(c, row[c]) for c in sparql_columns)
                for row in sparql_records(bundled, name)}
    assert len(got) == len(set(got))
    assert set(got) == expected
    assert got, f"{name} has no answer on the bundled data"


@pytest.mark.neo4j
def test_products_needing_dysprosium(bundled_db, bundled):
    rows = cookbook(bundled_db, "products-needing-dysprosium").rows
    assert [r["product"] for r in rows] == flow_view.dependent_products(bundled, "element:Dy")
    assert {"product:bev-drive-motor", "product:direct-drive-wind-turbine",
            "product:industrial-servo-motor"} <= {r["product"] for r in rows}
    assert [r["product"] for r in cookbook(bundled_db, "products-through-china").rows] == \
        flow_view.dependent_products(bundled, "country:CN")


@pytest.mark.neo4j
def test_export_controls_in_force_on_a_date(bundled_db, bundled):
    for day in ("2023-09-01", "2025-06-01", "2026-12-01"):
        rows = cookbook(bundled_db, "export-controls-in-force", on=day).rows
        when = date.fromisoformat(day)
        expected = sorted(
            (c.subject, c.object) for c in bundled.edge_claims("COVERS")
            if bundled.attribute(c.subject, "effective_from") <= when
            and (bundled.attribute(c.subject, "effective_to") is None
                 or when < bundled.attribute(c.subject, "effective_to")))
        assert [(r["control"], r["covers"]) for r in rows] == expected, day
    on_2023 = {r["control"] for r in cookbook(bundled_db, "export-controls-in-force",
                                                on="2023-09-01").rows}
    assert on_2023 == {"control:cn-2023-gallium-germanium"}


@pytest.mark.neo4j
def test_sources_behind_edge_are_the_claims_of_the_edge(bundled_db, bundled):
    rows = cookbook(bundled_db, "sources-behind-edge").rows
    claims = [c for c in bundled.edge_claims("PRODUCES")
              if (c.subject, c.object) == ("country:CN", "material:re-concentrate")]
    assert {r["claim"] for r in rows} == {c.id for c in claims}
    assert {(r["claim"], r["source"]) for r in rows} == {(c.id, s) for c in claims
                                                        for s in c.sources}


@pytest.mark.neo4j
def test_supply_paths_samarium_to_f35(bundled_db, bundled):
    flow = flow_view.flow_graph(bundled)
    rows = cookbook(bundled_db, "supply-paths-samarium-to-f35").rows
    expected = flow_view.supply_paths(flow, "element:Sm", "product:f-35", max_paths=10_000)
    assert [r["path"] for r in rows] == expected
    assert all(r["steps"] == len(r["path"]) - 1 for r in rows)
    assert expected, "samarium reaches the F-35 in the bundled data"
    # each path reads the way material flows, in the words of the reports
    for r in rows:
        words = [r["path"][0]]
        for a, b in zip(r["path"], r["path"][1:], strict=False):
            words += [min(flow_view.FLOW_VERBS[x] for x in flow[a][b]["relations"]), b]
        assert r["reads"] == " ".join(words)
    assert rows[0]["reads"] == ("element:Sm is in material:f35-ipp-turbomachine is required "
                                "by product:f-35")
    # the union of their steps is the SPARQL cookbook's list of steps
    steps = {(a, b) for r in rows for a, b in zip(r["path"], r["path"][1:], strict=False)}
    sparql = {(r["from"], r["to"]) for r in sparql_records(bundled,
                                                          "supply-paths-samarium-to-f35")}
    assert steps == sparql


@pytest.mark.neo4j
def test_shortest_path_from_each_mine(bundled_db, bundled):
    flow = flow_view.flow_graph(bundled)
    rows = cookbook(bundled_db, "shortest-path-mine-to-platform").rows
    mines = [f for f in bundled.ids("Facility")
             if bundled.attribute(f, "facility_type") == "mine"
             and nx.has_path(flow, f, "product:f-35")]
    expected = sorted((nx.shortest_path_length(flow, m, "product:f-35"), m) for m in mines)
    assert [(r["steps"], r["mine"]) for r in rows] == expected
    for row in rows:
        assert row["path"] == min(nx.all_shortest_paths(flow, row["mine"], "product:f-35"))
    assert rows, "a mine reaches the F-35 in the bundled data"


@pytest.mark.neo4j
def test_f35_single_points_of_failure_match_the_engine(bundled_db, bundled):
    rows = cookbook(bundled_db, "f35-single-points-of-failure").rows
    assert [r["spof"] for r in rows] == sorted(Analysis(bundled).spofs("product:f-35"))
    kinds = {r["spof"]: r["kind"] for r in rows}
    assert kinds["element:Sm"] == "Element"
    assert kinds["material:smco-magnet"] == "Material"


@pytest.mark.neo4j
@pytest.mark.slow
def test_single_points_of_failure_of_every_product(bundled_db, bundled, tiny_db, tiny):
    """The SPOF query is the engine's answer for every product of both graphs, read as the
    query says it reads them: explicit SUPPLIES routing (design note 5.3) is left to the
    engine, so the engine answers on the same claims without SUPPLIES (in the bundled data
    that changes Optimus alone: JL Mag's supply to Tesla adds JL Mag and China)."""
    for graph in (tiny, bundled):
        db = _load(tiny_db, graph)
        analysis = Analysis(SupplyGraph([c for c in graph.claims if c.predicate != "SUPPLIES"]))
        for product in graph.ids("Product"):
            rows = cookbook(db, "f35-single-points-of-failure", product=product).rows
            assert [r["spof"] for r in rows] == sorted(analysis.spofs(product)), product


@pytest.mark.neo4j
def test_single_points_of_failure_skip_recycling_steps(neo4j_driver):
    """A recycling step (scrap back into alloy) is a route a material can take, not an
    input it needs (structure.py): the engine does not count it, nor does the query. By
    hand: P needs magnet M, made from alloy A (made only in AA) and, by recycling, from
    scrap S (made only in ZZ): AA is a SPOF, ZZ is not."""
    def claim(s, p, o, **q):
        return Claim(s, p, o, tuple(sorted(q.items())), ("source:s",))

    graph = SupplyGraph([
        claim("product:p", "REQUIRES", "material:m"),
        claim("material:m", "MADE_FROM", "material:a"),
        claim("material:m", "MADE_FROM", "material:s", recycling=True),
        claim("country:AA", "PRODUCES", "material:a", share=1.0),
        claim("country:ZZ", "PRODUCES", "material:s", share=1.0),
        claim("country:BB", "PRODUCES", "material:m", share=1.0),
        *[Claim(n, "label", n, (), ("source:s",)) for n in (
            "product:p", "material:m", "material:a", "material:s", "country:AA",
            "country:BB", "country:ZZ")]])
    engine = sorted(Analysis(graph).spofs("product:p"))
    assert engine == ["country:AA", "country:BB", "material:a", "material:m"]
    rows = cookbook(_load(neo4j_driver, graph), "f35-single-points-of-failure",
                    product="product:p").rows
    assert [r["spof"] for r in rows] == engine


@pytest.mark.neo4j
def test_cookbook_runs_from_the_command_line(bundled_db, neo4j_server):
    result = run(neo4j_server, f"@{COOKBOOK / 'f35-single-points-of-failure.cypher'}",
                 "--format", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "spof,kind,why"
    assert any(line.startswith("element:Sm,Element,") for line in lines)
    other = run(neo4j_server, f"@{COOKBOOK / 'products-needing-dysprosium.cypher'}",
                "--param", "element=element:Ga", "--format", "json")
    assert other.exit_code == 0, other.stderr
    assert "product:ddg-51" in {r["product"] for r in json.loads(other.stdout)}


def test_a_parameter_nested_thousands_deep_is_one_line(tmp_path):
    """`--param x=[[[...]]]` 900 deep was a RecursionError traceback from the driver's
    packer, and a `// @param` line 100,000 deep one from the JSON reader."""
    deep = "[" * 900 + "]" * 900
    result = CliRunner().invoke(cli, ["cypher", "RETURN $x", "--param", f"x={deep}"],
                                env={"NEO4J_PASSWORD": "x"}, prog_name="mineralgraph")
    assert (result.exit_code, result.stderr) == (2, (
        "Error: Invalid value for '--param': a parameter value nested deeper than 32 levels "
        "of lists and maps (more: mineralgraph cypher --help)\n"))
    query = tmp_path / "deep.cypher"
    query.write_text("// a cookbook file\n// @param x = " + "[" * 100_000 + "]" * 100_000
                     + "\nRETURN $x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["cypher", f"@{query}"], env={"NEO4J_PASSWORD": "x"})
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {query}:2: @param x: a parameter value nested deeper than 32 levels of lists "
        "and maps\n"))
    assert parse_value("[" * 32 + "]" * 32) is not None  # 32 levels still pass


@pytest.mark.neo4j
@pytest.mark.parametrize("write", [False, True])
def test_a_query_nested_200_deep_is_refused_before_the_server(tiny_db, neo4j_server, write):
    """`RETURN [[[...1...]]]` 200 deep: the server's EXPLAIN did not answer within 100 s
    (180 deep: 0.4 s), so `cypher` hung until the time limit, or for ever without one."""
    import time

    started = time.monotonic()
    query = "RETURN " + "[" * 200 + "1" + "]" * 200 + " AS x"
    result = run(neo4j_server, query, "--timeout", "0", *(["--write"] if write else []))
    assert (result.exit_code, result.stderr) == (1, (
        "Error: refused: nested deeper than 32 levels of brackets (200); flatten the query; "
        "nothing was run\n"))
    assert time.monotonic() - started < 30
    ok = run(neo4j_server, "RETURN " + "[" * 30 + "1" + "]" * 30 + " AS x, '((((' AS y",
             "--format", "json")
    assert ok.exit_code == 0, ok.stderr


@pytest.mark.neo4j
@pytest.mark.parametrize("write", [False, True])
@pytest.mark.parametrize("query, chained", [
    ("RETURN " + "+".join(["1"] * 20_000) + " AS x", 19_999),
    ("MATCH (n) WHERE " + " OR ".join(f"n.id = 'x{i}'" for i in range(3_000)) + " RETURN n",
     9_000),
    ("RETURN " + r" \u0041ND ".join(["true"] * 400) + " AS x", 399),
    # NOT 3,000 times: 123 s against a 3 s limit, then the connection dropped
    ("RETURN " + "NOT " * 3_000 + "true AS x", 3_000),
    ("WITH {a: 1} AS m RETURN m" + ".a" * 3_000 + " AS x", 3_001),
    ("WITH [[1]] AS l RETURN l" + "[0]" * 3_000 + " AS x", 3_001),
])
def test_a_long_chain_of_operators_is_refused_before_the_server(tiny_db, neo4j_server, write,
                                                                 query, chained):
    """`RETURN 1+1+…` of 20,000 terms with `--timeout 5`: Neo4j parses and plans the chain
    as one deep tree before its time limit applies, in time growing with the square of
    the chain; `cypher` came back after 222 s with the connection dropped (a WHERE of
    3,000 ORs, as a generated query has: over a minute)."""
    import time

    started = time.monotonic()
    result = run(neo4j_server, query, "--timeout", "5", *(["--write"] if write else []))
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: refused: chains {chained} operators at one level (more than 256); use a "
        "list parameter ($ids) or split the expression; nothing was run\n"))
    assert time.monotonic() - started < 5
    ok = run(neo4j_server, "RETURN " + " + ".join(["1"] * 250) + " AS x, [" +
             ", ".join(["1 + 1"] * 300) + "] AS y, '+++' AS z", "--format", "json")
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)[0]["x"] == 250
