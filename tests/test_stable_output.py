"""Same input, same bytes: every main command, run in fresh interpreters under several
``PYTHONHASHSEED`` values, writes the same output (set and dict order of ids must never
leak into citation numbers, row order or pictures)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("0", "1", "2")

COMMANDS = {
    "chokepoints": ["chokepoints", "--product", "product:f-35"],
    "chokepoints-md-scenario": ["chokepoints", "--format", "md", "--scenario",
                                "cn-2025-04-defence-denial"],
    "spof": ["spof", "product:f-35", "--scenario", "cn-rare-earth-embargo"],
    "scenario": ["scenario", "--name", "cn-2025-04-defence-denial"],
    "dependents": ["dependents", "country:CN"],
    "paths": ["paths", "element:Sm", "product:f-35"],
    "concentration": ["concentration"],
    "show": ["show", "material:sm-oxide"],
    "info": ["info"],
    "controls": ["controls", "--as-of", "2025-06-01"],
    "export": ["export", "--format", "nt"],
    "snapshot-svg": ["snapshot", "product:f-35"],
    "snapshot-html": ["snapshot", "product:f-35", "--scenario", "cn-2025-04-defence-denial",
                      "--format", "html"],
    "snapshot-mmd": ["snapshot", "product:f-35", "--out", "{tmp}/chain.mmd"],
    "brief-md": ["brief", "product:f-35", "--scenario", "cn-2025-04-defence-denial",
                 "--out", "{tmp}/brief.md"],
    # every picture command of the README (trial 8: the pictures an analyst cites)
    "snapshot-png": ["snapshot", "product:f-35", "--out", "{tmp}/f35.png"],
    "snapshot-pdf": ["snapshot", "product:f-35", "--out", "{tmp}/f35.pdf"],
    "snapshot-full-svg": ["snapshot", "product:f-35", "--full", "--out", "{tmp}/full.svg"],
    "snapshot-downstream-png": ["snapshot", "element:Dy", "--downstream", "--scenario",
                                "cn-rare-earth-embargo", "--out", "{tmp}/dy.png"],
    "stage-bars-png": ["concentration", "material:re-concentrate", "material:ndpr-oxide",
                       "material:ndfeb-magnet", "--out", "{tmp}/stages.png"],
    "stage-bars-pdf": ["concentration", "material:re-concentrate", "material:ndpr-oxide",
                       "material:ndfeb-magnet", "--out", "{tmp}/stages.pdf"],
    "brief-pdf": ["brief", "product:f-35", "--scenario", "cn-2025-04-defence-denial",
                  "--out", "{tmp}/brief.pdf"],
    "brief-html": ["brief", "product:f-35", "--out", "{tmp}/brief.html"],
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Each command's output under each hash seed: one fresh interpreter per seed runs
    them all (tests/stable_output_run.py)."""
    found: dict[str, dict[str, bytes]] = {}
    for seed in SEEDS:
        tmp = tmp_path_factory.mktemp(f"seed{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT),
               "COLUMNS": "80"}
        specs = [f"{name}=" + "\x1f".join(a.replace("{tmp}", str(tmp)) for a in args)
                 for name, args in COMMANDS.items()]
        done = subprocess.run([sys.executable, str(ROOT / "tests" / "stable_output_run.py"),
                               str(tmp), *specs], env=env, cwd=ROOT, capture_output=True,
                              timeout=900, check=False)
        assert done.returncode == 0, done.stderr.decode()
        found[seed] = {name: (tmp / f"{name}.out").read_bytes() for name in COMMANDS}
    return found


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_is_the_same_bytes_under_every_hash_seed(name, outputs):
    by_seed = {seed: outputs[seed][name] for seed in SEEDS}
    assert by_seed[SEEDS[0]], f"{name} wrote nothing"
    differing = [seed for seed in SEEDS if by_seed[seed] != by_seed[SEEDS[0]]]
    assert not differing, f"{name}: output under PYTHONHASHSEED {differing} differs from " \
                          f"{SEEDS[0]}"


def test_a_source_keeps_its_number_across_formats_and_the_brief(run_cli):
    """The text report, its Markdown and the brief on the same question number their
    sources alike (first cited in the table, in rank order)."""
    import re

    args = ["--product", "product:f-35", "--scenario", "cn-2025-04-defence-denial"]
    text = run_cli("chokepoints", *args).stdout
    md = run_cli("chokepoints", *args, "--format", "md").stdout
    brief = run_cli("brief", "product:f-35", "--scenario", "cn-2025-04-defence-denial").stdout

    def titles(listing: str, pattern: str) -> list[str]:
        return re.findall(pattern, listing, re.M)

    in_text = titles(text.split("\nSOURCES\n")[1], r"^\[\d+\] (\w+: .{25})")
    in_md = titles(md.split("## Sources")[1], r"^\d+\. (\w+: .{25})")
    in_brief = titles(brief.split("## Sources")[1], r"^\d+\. (\w+: .{25})")
    # one list (trial 4: 35, 27 and the picture's 43 sources): the report's citations in
    # its order, then those behind the snapshot's figures and the brief's table, by id
    assert in_text == in_md == in_brief
    snapshot = run_cli("snapshot", "product:f-35", "--scenario", "cn-2025-04-defence-denial",
                       "--format", "html").stdout
    import html

    in_picture = [html.unescape(item)[:len(t)] for item, t in zip(
        re.findall(r"<li>(.*?)</li>", snapshot, re.S), in_text, strict=True)]
    assert in_picture == in_text
