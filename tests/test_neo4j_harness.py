"""Check that the test harness gives a real, usable Neo4j 5.26 server.

These tests guard the harness itself: if they fail, every other Neo4j test
would fail or skip for reasons that have nothing to do with mineralgraph.
"""

import neo4j
import pytest
from neo4j.exceptions import AuthError
from neo4j_harness import reset_database

pytestmark = pytest.mark.neo4j


def test_node_round_trip(neo4j_clean):
    """A node written through Bolt is read back with its properties."""
    neo4j_clean.execute_query(
        "CREATE (:Mineral {name: $name, symbol: $symbol})", name="Cobalt", symbol="Co"
    )
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (m:Mineral {symbol: 'Co'}) RETURN m.name AS name"
    )
    assert [record["name"] for record in records] == ["Cobalt"]


def test_reset_database_removes_data_and_schema(neo4j_clean):
    """What one test leaves behind (nodes, constraints, indexes) is gone for the next."""
    neo4j_clean.execute_query(
        "CREATE CONSTRAINT mineral_name IF NOT EXISTS FOR (m:Mineral) REQUIRE m.name IS UNIQUE"
    )
    neo4j_clean.execute_query("CREATE INDEX site_country IF NOT EXISTS FOR (s:Site) ON (s.country)")
    neo4j_clean.execute_query("CREATE (:Mineral {name: 'Lithium'})-[:MINED_AT]->(:Site)")

    reset_database(neo4j_clean)

    nodes, _, _ = neo4j_clean.execute_query("MATCH (n) RETURN count(n) AS n")
    constraints, _, _ = neo4j_clean.execute_query("SHOW CONSTRAINTS YIELD name")
    indexes, _, _ = neo4j_clean.execute_query("SHOW INDEXES YIELD type")
    assert nodes[0]["n"] == 0
    assert constraints == []
    assert {record["type"] for record in indexes} <= {"LOOKUP"}


def test_server_is_neo4j_5_26(neo4j_driver):
    """The server is the 5.26 LTS line that production targets."""
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions[0] AS version, edition"
    )
    component = records[0]
    assert component["name"] == "Neo4j Kernel"
    assert component["version"].startswith("5.26"), component["version"]
    assert neo4j_driver.get_server_info().agent.startswith("Neo4j/5.26")


def test_wrong_password_is_rejected(neo4j_server):
    """Auth is on, so bad credentials raise AuthError instead of being ignored."""
    bad_auth = (neo4j_server.user, neo4j_server.password + "-wrong")
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=bad_auth) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()
