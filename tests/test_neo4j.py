"""The Neo4j view: push, pull, faults and the ``neo4j`` commands, on a real server.

Exact counts are those of ``tests/data/tiny`` (19 defined nodes plus its 2 sources;
25 relation claims) unless a test builds its own claims.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j.exceptions import TransientError

from mineralgraph.claim import Claim
from mineralgraph.cli import cli
from mineralgraph.graph.neo4j import Neo4jError, Neo4jSettings, check_uri, connect, labels
from mineralgraph.graph.neo4j_pull import pull
from mineralgraph.graph.neo4j_push import (
    PushError,
    batches,
    constraint_statements,
    node_rows,
    plan,
    push,
    relation_rows,
)
from mineralgraph.graph.snapshot import load_snapshot, save_snapshot
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.curated import load_curated
from mineralgraph.ontology import model

TINY_NODES = 21
TINY_RELATIONSHIPS = 25


@pytest.fixture(scope="module")
def tiny_claims():
    return load_curated(Path(__file__).parent / "data" / "tiny").claims


def counts(driver) -> tuple[int, int, int]:
    """(nodes, relationships, relationships with a claim_id) in the database."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WITH count(n) AS n "
        "OPTIONAL MATCH ()-[r]->() RETURN n, count(r) AS r, count(r.claim_id) AS c")
    return records[0]["n"], records[0]["r"], records[0]["c"]


def env_of(server, **extra) -> dict:
    env = {"NEO4J_URI": server.uri, "NEO4J_USER": server.user,
           "NEO4J_PASSWORD": server.password, "NEO4J_DATABASE": None}
    env.update(extra)
    return env


def without_one_relation(claims: list[Claim]) -> list[Claim]:
    """The claims less the last relation claim."""
    last = [c for c in claims if c.is_relation][-1]
    return [c for c in claims if c != last]


def run(env: dict, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), env=env, input=input)


# ---------------------------------------------------------------------- rows (no server)
def test_rows_use_ontology_labels_and_types(tiny_claims):
    rows = node_rows(tiny_claims)
    assert len(rows) == TINY_NODES
    assert {label for label, _ in rows} <= set(model.kinds)
    assert sum(label == "Source" for label, _ in rows) == 2
    rels = relation_rows(tiny_claims)
    assert len(rels) == TINY_RELATIONSHIPS
    assert {key[0] for key, _ in rels} <= set(model.relations)
    assert ("PRODUCES", "Facility", "Material") in {key for key, _ in rels}


def test_constraints_cover_every_kind_and_relation():
    statements = constraint_statements()
    assert len(statements) == len(model.kinds) + len(model.relations)
    assert all("IF NOT EXISTS" in s for s in statements)
    assert any("FOR (n:`Element`) REQUIRE n.id IS UNIQUE" in s for s in statements)
    assert any("FOR ()-[r:`PRODUCES`]-() REQUIRE r.claim_id IS UNIQUE" in s for s in statements)


def test_node_row_keeps_attribute_claims_with_provenance(tiny_claims):
    props = dict((row["props"]["id"], row["props"]) for _, row in node_rows(tiny_claims))
    control = props["control:cn-ree"]
    assert control["effective_from"] == date(2025, 4, 4)
    assert control["regime"] == "licence-required"
    kept = json.loads(control["claims"])
    assert {c["predicate"] for c in kept} == {"effective_from", "label", "regime"}
    assert all(c["sources"] == ["source:tiny-b"] for c in kept)
    assert props["product:jet"]["end_use"] == ["defence"]  # multi-valued: a list
    assert props["source:tiny-a"]["title"] == "Tiny hand-checked graph for the tests"


def test_batches_cut_rows_per_query(tiny_claims):
    work = batches(node_rows(tiny_claims), relation_rows(tiny_claims), batch_size=2)
    assert sum(len(b.rows) for b in work) == TINY_NODES + TINY_RELATIONSHIPS
    assert max(len(b.rows) for b in work) == 2
    assert [b.phase for b in work] == sorted(b.phase for b in work)  # nodes first
    with pytest.raises(Neo4jError, match="batch size must be at least 1, not 0"):
        batches([], [], 0)


def test_unknown_kind_is_refused():
    with pytest.raises(Neo4jError, match="'gadget:x' is not an id of a known kind"):
        node_rows([Claim("gadget:x", "label", "X")])


def test_plan_streams_the_batches_of_the_rows(tiny_claims):
    graph = SupplyGraph(tiny_claims)
    for size in (1, 2, 7, 5000):
        work = plan(graph, size)
        assert (work.nodes, work.relationships) == (TINY_NODES, TINY_RELATIONSHIPS)
        assert list(work.batches) == batches(node_rows(graph), relation_rows(graph), size)


class CountingGraph(SupplyGraph):
    """A SupplyGraph that records the nodes whose attributes were read."""

    read: list

    def attributes(self, node_id):
        self.read.append(node_id)
        return super().attributes(node_id)


def test_plan_makes_each_batch_rows_only_when_reached(tiny_claims):
    # the push held every row of the graph at once: 1M nodes, some 3 GiB beside the graph
    graph = CountingGraph(tiny_claims)
    graph.read = []
    work = plan(graph, batch_size=2)
    assert graph.read == []
    first = next(work.batches)
    assert sorted(set(graph.read)) == sorted(row["props"]["id"] for row in first.rows)
    assert len(first.rows) == 2


@pytest.mark.parametrize("claim, message", [
    (Claim("element:Xx", "claims", "[]"), "element:Xx: attribute name 'claims' is reserved"),
    (Claim("facility:f", "PRODUCES", "material:m", qualifiers=(("sources", "x"),)),
     "facility:f PRODUCES material:m: qualifier name 'sources' is reserved"),
    (Claim("element:Xx", "BUYS", "element:Yy"), "BUYS is not a relation of the ontology"),
])
def test_plan_refuses_a_bad_claim_before_any_batch(claim, message):
    graph = SupplyGraph([Claim("element:Aa", "label", "A"), claim])
    with pytest.raises(Neo4jError, match=message):
        plan(graph, batch_size=1)


@pytest.mark.parametrize("uri", ["localhost:7687", "http://localhost:7474", "bolt://", ""])
def test_check_uri_refuses_what_is_not_bolt(uri):
    with pytest.raises(Neo4jError, match="is not a Neo4j URI"):
        check_uri(uri)


def test_password_is_not_in_repr():
    assert "secret" not in repr(Neo4jSettings("bolt://h:1", "u", "secret"))


# ---------------------------------------------------------------------- push and pull

@pytest.mark.neo4j
def test_push_writes_nodes_relationships_and_constraints(neo4j_clean, tiny_claims):
    result = push(neo4j_clean, tiny_claims)
    assert (result.nodes, result.relationships) == (TINY_NODES, TINY_RELATIONSHIPS)
    assert (result.db_nodes, result.db_relationships, result.stale) == (21, 25, 0)
    assert counts(neo4j_clean) == (21, 25, 25)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (c:Country {id: 'country:CN'})-[r:PRODUCES]->(m:Material) "
        "RETURN m.id AS m, r.share AS share, r.sources AS sources ORDER BY m")
    assert [(r["m"], r["share"], r["sources"]) for r in records] == [
        ("material:conc", 0.6, ["source:tiny-a"]), ("material:magnet", 0.9, ["source:tiny-a"]),
        ("material:oxide", 0.9, ["source:tiny-a"])]
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (f:Facility {id: 'facility:mag-us'})-[r:PRODUCES]->() RETURN r.valid_from AS d")
    assert records[0]["d"].to_native() == date(2025, 1, 15)
    records, _, _ = neo4j_clean.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    assert records[0]["n"] == len(model.kinds) + len(model.relations)


@pytest.mark.neo4j
def test_push_twice_gives_the_same_counts(neo4j_clean, tiny_claims):
    push(neo4j_clean, tiny_claims)
    first = counts(neo4j_clean)
    second_result = push(neo4j_clean, tiny_claims, batch_size=3)
    assert counts(neo4j_clean) == first == (21, 25, 25)
    assert (second_result.db_nodes, second_result.db_relationships) == (21, 25)


@pytest.mark.neo4j
def test_push_then_pull_gives_equal_claims(neo4j_clean, tiny_claims):
    push(neo4j_clean, tiny_claims)
    back = pull(neo4j_clean)
    assert set(back) == set(tiny_claims)
    assert len(back) == len(tiny_claims) == 68
    assert {c.id: c.origin for c in back} == {c.id: c.origin for c in tiny_claims}


@pytest.mark.neo4j
def test_push_then_pull_of_the_bundled_graph_is_lossless(neo4j_clean):
    from mineralgraph import load_bundled

    claims = load_bundled().claims
    push(neo4j_clean, claims)
    assert set(pull(neo4j_clean)) == set(claims)


@pytest.mark.neo4j
def test_disagreeing_sources_stay_two_relationships(neo4j_clean):
    base = [Claim("country:CN", "label", "China", sources=("source:a",)),
            Claim("material:x", "label", "X", sources=("source:a",))]
    one = Claim("country:CN", "PRODUCES", "material:x", (("share", 0.6), ("year", 2023)),
                ("source:a",), quote="60 % in 2023", confidence="high")
    two = Claim("country:CN", "PRODUCES", "material:x", (("share", 0.7), ("year", 2024)),
                ("source:b",), valid_from=date(2024, 1, 1), valid_to=date(2025, 1, 1))
    push(neo4j_clean, base + [one, two])
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (:Country)-[r:PRODUCES]->(:Material) RETURN r.claim_id AS id, r.share AS share "
        "ORDER BY share")
    assert [(r["id"], r["share"]) for r in records] == [(one.id, 0.6), (two.id, 0.7)]
    records, _, _ = neo4j_clean.execute_query("MATCH (s:Source) RETURN s.id AS id ORDER BY id")
    assert [r["id"] for r in records] == ["source:a", "source:b"]
    assert set(pull(neo4j_clean)) == {*base, one, two}


@pytest.mark.neo4j
def test_hostile_text_is_stored_verbatim(neo4j_clean):
    nasty = "O'Brien `x` \"}) DETACH DELETE n //"
    claims = [Claim("company:nasty", "label", nasty, sources=("source:s",)),
              Claim("company:other", "label", "Other", sources=("source:s",))]
    push(neo4j_clean, claims)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (c:Company {id: 'company:nasty'}) RETURN c.label AS label")
    assert records[0]["label"] == nasty
    assert counts(neo4j_clean)[0] == 3
    assert set(pull(neo4j_clean)) == set(claims)


@pytest.mark.neo4j
def test_interrupted_push_completes_on_the_next_run(neo4j_clean, tiny_claims):
    def stop_at_third(tx, batch):
        if batch.index == 2:
            raise KeyboardInterrupt

    with pytest.raises(PushError) as info:
        push(neo4j_clean, tiny_claims, batch_size=4, on_batch=stop_at_third)
    assert str(info.value) == (
        "push stopped after 7 of 21 nodes and 0 of 25 relationships (interrupted); what was "
        "written is whole; run the same push again to complete it")
    assert counts(neo4j_clean) == (7, 0, 0)  # Company (3) and Country (4) batches
    push(neo4j_clean, tiny_claims, batch_size=4)
    assert counts(neo4j_clean) == (21, 25, 25)
    assert set(pull(neo4j_clean)) == set(tiny_claims)


@pytest.mark.neo4j
def test_push_failing_among_relationships_says_how_far_it_got(neo4j_clean, tiny_claims):
    seen = []

    def fail(tx, batch):
        if batch.phase == "relationships":
            seen.append(batch.index)
            if len(set(seen)) == 3:
                raise RuntimeError("disk full")

    with pytest.raises(PushError, match=r"push stopped after 21 of 21 nodes and 3 of 25 "
                                        r"relationships \(disk full\)"):
        push(neo4j_clean, tiny_claims, batch_size=2, on_batch=fail)
    assert counts(neo4j_clean) == (21, 3, 3)  # CONTAINS (2 rows) and COVERS (1 row) committed
    push(neo4j_clean, tiny_claims, batch_size=2)
    assert counts(neo4j_clean) == (21, 25, 25)


@pytest.mark.neo4j
def test_transient_error_is_retried(neo4j_clean, tiny_claims):
    attempts = []

    def flaky(tx, batch):
        attempts.append(batch.index)
        if batch.index == 1 and attempts.count(1) == 1:
            raise TransientError("lock wait timed out (injected)")

    push(neo4j_clean, tiny_claims, batch_size=5, on_batch=flaky)
    assert attempts.count(1) == 2 and attempts.count(0) == 1
    assert counts(neo4j_clean) == (21, 25, 25)


@pytest.mark.neo4j
def test_wipe_removes_only_mineralgraph_nodes(neo4j_clean, tiny_claims):
    neo4j_clean.execute_query("CREATE (:Unrelated {name: 'keep me'})")
    push(neo4j_clean, [Claim("element:Xx", "label", "Stale")])
    result = push(neo4j_clean, tiny_claims, wipe_first=True)
    assert result.db_nodes == 21
    assert counts(neo4j_clean) == (22, 25, 25)
    assert "Unrelated" not in labels()


@pytest.mark.neo4j
def test_stale_relationships_are_counted(neo4j_clean, tiny_claims):
    push(neo4j_clean, tiny_claims)
    result = push(neo4j_clean, without_one_relation(tiny_claims))
    assert (result.relationships, result.db_relationships, result.stale) == (24, 25, 1)


# ---------------------------------------------------------------------- CLI
@pytest.mark.neo4j
def test_cli_push_pull_round_trip(neo4j_clean, neo4j_server, tiny_claims, tmp_path):
    graph_file = tmp_path / "tiny.json"
    save_snapshot(tiny_claims, graph_file)
    env = env_of(neo4j_server)
    result = run(env, "--graph", str(graph_file), "neo4j", "push", "--batch-size", "7")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"pushed 21 nodes and 25 relationships to {neo4j_server.uri}")
    assert result.stderr.rstrip().endswith("the database holds 21 nodes and 25 relationships")
    assert neo4j_server.password not in result.stderr
    again = run(env, "--graph", str(graph_file), "neo4j", "push")
    assert again.exit_code == 0 and counts(neo4j_clean) == (21, 25, 25)
    out = tmp_path / "pulled.json"
    pulled = run(env, "neo4j", "pull", "--out", str(out))
    assert pulled.exit_code == 0, pulled.stderr
    assert pulled.stderr == f"pulled 68 facts from {neo4j_server.uri} into {out}\n"
    assert set(load_snapshot(out)) == set(tiny_claims)
    to_stdout = run(env, "neo4j", "pull")
    assert to_stdout.stdout == out.read_text(encoding="utf-8")


@pytest.mark.neo4j
@pytest.mark.parametrize("edit, problem", [
    ("SET r.share = 7", "share: 7 is above 1: impossible for share"),
    ("SET r.share = '0.5'", "share: '0.5' is not a number"),
    ("SET r.sources = []", "sources: a fact needs at least one source"),
])
def test_cli_pull_refuses_a_figure_edited_in_neo4j(neo4j_clean, neo4j_server, tiny_claims,
                                                   tmp_path, edit, problem):
    """A share set to 7 (or "0.5", or no source) in Neo4j was pulled into a snapshot with
    exit 0, over the old file; every later command on the snapshot then refused it."""
    push(neo4j_clean, tiny_claims)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (a)-[r:PRODUCES]->(b) WHERE r.share IS NOT NULL WITH a, r, b "
        "ORDER BY r.claim_id LIMIT 1 " + edit + " RETURN a.id AS a, b.id AS b, r.claim_id AS c")
    edited = records[0]
    out = tmp_path / "pulled.json"
    out.write_text("the old snapshot\n")
    result = run(env_of(neo4j_server), "neo4j", "pull", "-o", str(out))
    assert result.exit_code == 1 and result.stderr.splitlines() == [
        f"Error: {edited['a']} PRODUCES {edited['b']} (the relationship with claim_id "
        f"'{edited['c']}'): {problem} (edited in Neo4j?); nothing written"]
    assert out.read_text() == "the old snapshot\n"


@pytest.mark.neo4j
def test_cli_push_notes_stale_relationships(neo4j_clean, neo4j_server, tiny_claims, tmp_path):
    push(neo4j_clean, tiny_claims)
    graph_file = tmp_path / "smaller.json"
    save_snapshot(without_one_relation(tiny_claims), graph_file)
    result = run(env_of(neo4j_server), "--graph", str(graph_file), "neo4j", "push")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "note: 1 relationships in the database are not in this graph "
        "(push with --wipe to remove them)")
    wiped = run(env_of(neo4j_server), "--graph", str(graph_file), "neo4j", "push", "--wipe")
    assert wiped.exit_code == 0 and "note:" not in wiped.stderr
    assert counts(neo4j_clean) == (21, 24, 24)


@pytest.mark.neo4j
def test_cli_password_from_the_prompt(neo4j_clean, neo4j_server):
    env = env_of(neo4j_server, NEO4J_PASSWORD=None)
    result = run(env, "cypher", "RETURN 1 AS one", input=neo4j_server.password + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "one\n---\n1\n(1 row)\n"
    assert result.stderr == ""  # piped in: no prompt, no warning about echo
    assert neo4j_server.password not in result.stderr


@pytest.mark.neo4j
def test_cli_without_password_says_so(neo4j_server):
    result = run(env_of(neo4j_server, NEO4J_PASSWORD=None), "neo4j", "pull")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: no Neo4j password: set NEO4J_PASSWORD, type it at the prompt or give it on "
        "standard input\n")


def test_password_is_not_an_option(run_cli):
    result = run_cli("neo4j", "push", "--password", "x")
    assert result.exit_code == 2
    assert "No such option '--password'" in result.stderr


@pytest.mark.neo4j
@pytest.mark.parametrize("args, extra, message", [
    (("--uri", "bolt://127.0.0.1:1"), {},
     "Error: cannot connect to Neo4j at bolt://127.0.0.1:1: connection refused"),
    (("--uri", "bolt://no-such-host.invalid:7687"), {},
     "Error: cannot connect to Neo4j at bolt://no-such-host.invalid:7687: "
     "the host name does not resolve"),
    (("--uri", "localhost:7687"), {},
     "Error: 'localhost:7687' is not a Neo4j URI (use bolt://host:7687, neo4j://host:7687, "
     "or neo4j+s://host for Aura)"),
    ((), {"NEO4J_PASSWORD": "wrong-password"},
     "Error: Neo4j at {uri} rejected the login of user 'neo4j' "
     "(check NEO4J_USER and NEO4J_PASSWORD)"),
    (("--database", "nope"), {},
     "Error: Neo4j refused the query: Graph not found: nope "
     "(Neo.ClientError.Database.DatabaseNotFound)"),
])
@pytest.mark.parametrize("command", [("neo4j", "push"), ("neo4j", "pull"), ("cypher", "RETURN 1")])
def test_connection_problems_are_one_line(neo4j_server, command, args, extra, message):
    result = run(env_of(neo4j_server, **extra), *command, *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message.format(uri=neo4j_server.uri) + "\n"
    assert "Traceback" not in result.stderr


@pytest.mark.neo4j
def test_connect_checks_login(neo4j_server):
    settings = Neo4jSettings(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    with connect(settings) as driver:
        assert driver.execute_query("RETURN 1 AS x").records[0]["x"] == 1
    with pytest.raises(Neo4jError, match="rejected the login"):
        connect(Neo4jSettings(neo4j_server.uri, neo4j_server.user, "nope"))


def test_push_on_unknown_graph_still_counts_sources():
    graph = SupplyGraph([Claim("element:Dy", "label", "Dy", sources=("source:a", "source:b"))])
    assert [row["props"]["id"] for _, row in node_rows(graph)] == [
        "element:Dy", "source:a", "source:b"]
