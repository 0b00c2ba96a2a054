"""Push, pull and Cypher through a routing URI (``neo4j://``), as Aura and clusters use.

A single Community server answers the routing protocol with itself as the one router,
reader and writer, so the suite's real server checks that the commands use routing
drivers correctly: writes go to a writer, the read-only ``cypher`` to a reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mineralgraph.cli import cli
from mineralgraph.graph.snapshot import load_snapshot, save_snapshot
from mineralgraph.loaders.curated import load_curated

TINY = Path(__file__).parent / "data" / "tiny"


def routing_env(server) -> dict:
    uri = server.uri.replace("bolt://", "neo4j://", 1)
    return {"NEO4J_URI": uri, "NEO4J_USER": server.user, "NEO4J_PASSWORD": server.password,
            "NEO4J_DATABASE": None}


def run(env: dict, *args: str):
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.mark.neo4j
def test_push_cypher_and_pull_through_a_routing_uri(neo4j_clean, neo4j_server, tmp_path):
    claims = load_curated(TINY).claims
    graph_file = tmp_path / "tiny.json"
    save_snapshot(claims, graph_file)
    env = routing_env(neo4j_server)
    assert env["NEO4J_URI"].startswith("neo4j://127.0.0.1:")

    pushed = run(env, "--graph", str(graph_file), "neo4j", "push")
    assert pushed.exit_code == 0, pushed.stderr
    assert pushed.stderr.startswith(f"pushed 21 nodes and 25 relationships to {env['NEO4J_URI']}")

    asked = run(env, "cypher", "MATCH (n) RETURN count(n) AS nodes", "--format", "csv")
    assert asked.exit_code == 0, asked.stderr
    assert asked.stdout.splitlines() == ["nodes", "21"]

    refused = run(env, "cypher", "CREATE (:Element {id: 'element:Xx'})")
    assert refused.exit_code == 1

    out = tmp_path / "pulled.json"
    pulled = run(env, "neo4j", "pull", "--out", str(out))
    assert pulled.exit_code == 0, pulled.stderr
    assert set(load_snapshot(out)) == set(claims)
