"""The layers of ARCHITECTURE.md hold: no import crosses one the wrong way.

Read from the source (every ``import`` and ``from ... import``, at any depth of a module),
so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "mineralgraph"

#: The command-line skin: only these may import click or each other.
SKIN = ("mineralgraph.cli", "mineralgraph.commands", "mineralgraph.output",
        "mineralgraph.__main__")
#: For each layer (a module prefix), the layers it must never import.
FORBIDDEN = {
    "mineralgraph.graph": ("mineralgraph.reports", "mineralgraph.render"),
    "mineralgraph.loaders": ("mineralgraph.reports", "mineralgraph.render"),
    "mineralgraph.reports": ("mineralgraph.render",),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


MODULES = sorted((module_name(p), p) for p in PACKAGE.rglob("*.py"))


def test_the_package_has_every_layer():
    names = {name for name, _ in MODULES}
    for layer in ("mineralgraph.graph", "mineralgraph.loaders", "mineralgraph.reports",
                  "mineralgraph.render", "mineralgraph.commands"):
        assert any(within(n, layer) for n in names), layer


@pytest.mark.parametrize("name, path", MODULES, ids=[n for n, _ in MODULES])
def test_only_the_cli_skin_imports_click_or_the_skin(name, path):
    if any(within(name, skin) for skin in SKIN):
        return
    wrong = sorted(i for i in imports_of(path)
                   if within(i, "click") or any(within(i, skin) for skin in SKIN))
    assert not wrong, f"{name} imports {wrong}: below commands/ nothing imports click"


@pytest.mark.parametrize("name, path", MODULES, ids=[n for n, _ in MODULES])
def test_lower_layers_never_import_higher_ones(name, path):
    for layer, forbidden in FORBIDDEN.items():
        if within(name, layer):
            wrong = sorted(i for i in imports_of(path)
                           if any(within(i, f) for f in forbidden))
            assert not wrong, f"{name} ({layer}) imports {wrong}"


def test_the_check_sees_a_crossing(tmp_path):
    """The parser finds imports inside functions, so the tests above can fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from mineralgraph.render import layout\n    import click\n")
    assert {"mineralgraph.render", "mineralgraph.render.layout", "click"} <= imports_of(bad)
