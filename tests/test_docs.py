"""The README keeps up with the code (sqlite-utils' docs tests): every command is in it
and has help, and its Python snippets run."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from mineralgraph.cli import cli

README = Path(__file__).parent.parent / "README.md"


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple]:
    """Every command of the CLI as a tuple of names (``("neo4j", "push")``), sorted."""
    found = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found.extend(command_paths(command, path))
        else:
            found.append(path)
    return found


def python_snippets() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_cli_has_commands():
    assert len(command_paths()) >= 15
    assert ("neo4j", "push") in command_paths()


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_is_in_the_readme(path):
    text = README.read_text(encoding="utf-8")
    words = " ".join(path)
    assert re.search(rf"(mineralgraph |`){re.escape(words)}\b", text), words


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help(run_cli, path):
    result = run_cli(*path, "--help")
    assert result.exit_code == 0, result.stderr
    command = cli
    for name in path:
        command = command.commands[name]
    assert command.help and len(command.help.split()) >= 5, f"{path} needs a real help text"
    assert result.stdout.startswith("Usage: ")


def test_the_readme_has_python_snippets():
    assert python_snippets()


@pytest.mark.parametrize("index", range(len(python_snippets())))
def test_readme_python_snippet_runs(index, capsys):
    exec(compile(python_snippets()[index], f"README.md python snippet {index + 1}", "exec"), {})
