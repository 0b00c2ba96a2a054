"""Shared fixtures.

Habits of this suite: tests are specific (exact figures on hand-checked graphs, exact
error lines); no mocks of Neo4j, rdflib or files (the Neo4j fixtures in
``neo4j_harness`` start a real server); the CLI is run through click's CliRunner with
stdout and stderr checked separately; prefer fixtures and ``parametrize`` to classes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["neo4j_harness"]

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """The folder of small test files."""
    return DATA


@pytest.fixture
def run_cli():
    """Run the real ``mineralgraph`` command; returns click's Result (stdout, stderr apart)."""
    from click.testing import CliRunner

    from mineralgraph.cli import cli

    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), input=input, prog_name="mineralgraph")

    return run
