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
#: The ground floor: small shared modules every layer may use; they use nothing above.
GROUND = ("mineralgraph.ontology", "mineralgraph.claim", "mineralgraph.exceptions",
          "mineralgraph.cells", "mineralgraph.files", "mineralgraph.values")
#: Everything above the model: what the model must never import.
ABOVE_MODEL = ("mineralgraph.loaders", "mineralgraph.reports", "mineralgraph.render",
               "mineralgraph.api", "mineralgraph.bundled")
#: For each layer (a module prefix), the layers it must never import.
FORBIDDEN = {
    **{ground: ("mineralgraph.graph", "mineralgraph.validation", *ABOVE_MODEL)
       for ground in GROUND},
    "mineralgraph.graph": ABOVE_MODEL,
    "mineralgraph.validation": ABOVE_MODEL,
    "mineralgraph.loaders": ("mineralgraph.reports", "mineralgraph.render", "mineralgraph.api"),
    "mineralgraph.reports": ("mineralgraph.render", "mineralgraph.api", "mineralgraph.loaders"),
    "mineralgraph.render": ("mineralgraph.api", "mineralgraph.loaders"),
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


def test_the_ground_floor_is_there():
    """Each ground-floor module exists (a rename cannot silently drop it from the check)."""
    names = {name for name, _ in MODULES}
    for ground in GROUND:
        assert any(within(n, ground) for n in names), ground


@pytest.mark.parametrize("gone", ["mineralgraph.loaders.values",
                                  "mineralgraph.graph.analysis.scenario_file"])
def test_moved_modules_have_no_second_copy(gone):
    """Value parsing lives on the ground floor and scenario files among the loaders, once."""
    names = {name for name, _ in MODULES}
    assert gone not in names
    users = sorted(name for name, path in MODULES if gone in imports_of(path))
    assert not users, users


def test_commands_hold_no_library_logic():
    """The commands define click commands and their glue; what a command computes or
    prints is in graph/ or reports/ (one home per job)."""
    moved = {"graph_info", "node_view", "render_node_text", "load_paths", "read_claims",
             "fact_source_type", "unmapped_materials", "render_text", "render",
             "scenario_result", "paths_between", "with_prefixes", "_with_prefixes",
             "stage_bars_picture", "missing_open_data"}
    for name, path in MODULES:
        if within(name, "mineralgraph.commands"):
            defined = {node.name for node in ast.walk(ast.parse(path.read_text()))
                       if isinstance(node, ast.FunctionDef)}
            assert not defined & moved, f"{name} defines {sorted(defined & moved)}"


#: The analysis entry points: pictures receive their results, never call them.
ANALYSIS_CALLS = {"mineralgraph.graph.analysis.Analysis", "mineralgraph.graph.analysis.chokepoints",
                  "mineralgraph.graph.analysis.concentrations",
                  "mineralgraph.graph.analysis.engine.Analysis",
                  "mineralgraph.graph.analysis.chokepoints.chokepoints",
                  "mineralgraph.graph.analysis.comparison.compare",
                  "mineralgraph.graph.analysis.exposure.exposure",
                  "mineralgraph.graph.analysis.exposure.chain_exposure",
                  "mineralgraph.graph.analysis.exposure.brief_exposure",
                  "mineralgraph.graph.analysis.concentration.concentration",
                  "mineralgraph.graph.analysis.concentration.concentrations",
                  "mineralgraph.api"}


@pytest.mark.parametrize("name, path", [(n, p) for n, p in MODULES
                                        if within(n, "mineralgraph.render")],
                         ids=[n for n, _ in MODULES if within(n, "mineralgraph.render")])
def test_pictures_never_run_the_analysis(name, path):
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
    wrong = sorted(imported & ANALYSIS_CALLS)
    assert not wrong, f"{name} imports {wrong}: render/ draws computed results"
