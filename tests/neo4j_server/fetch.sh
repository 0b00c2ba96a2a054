#!/usr/bin/env bash
# Download the Neo4j Community 5.26 server jars into the cache used by the
# test harness (default ~/.cache/mineralgraph/neo4j-5.26, or
# $MINERALGRAPH_NEO4J_CACHE), so that the test run itself does not spend its
# time on Maven. Does nothing when a complete copy is already there.
# Prints the directory holding the jars.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "${PYTHON:-python3}" "$here/../neo4j_harness.py" --fetch
