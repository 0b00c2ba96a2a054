"""Tests of the synthetic network generator used by the benchmarks (bench/synthetic.py).

The benchmarks are only worth their numbers if the synthetic graphs are valid graphs
of the ontology with the shape of real chains, so these tests check sizes, determinism,
reachability, shares and the kinds at relation ends against the ontology itself.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from mineralgraph.claim import Claim
from mineralgraph.ontology import model

_PATH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


def _load_module():
    """Import bench/synthetic.py, which is a script and not part of the package."""
    spec = importlib.util.spec_from_file_location("bench_synthetic", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


synthetic = _load_module()

INPUTS = ("MADE_FROM", "REQUIRES")


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    """A 10k-node network, shared by the tests that only read it."""
    return synthetic.generate(10_000, seed=1)


@pytest.fixture(scope="module")
def cyclic() -> list[Claim]:
    """A small network with recycling loops."""
    return synthetic.generate(2_000, seed=5, cycles=True)


def _labels(claims: list[Claim]) -> dict[str, str]:
    return {c.subject: c.object for c in claims if c.predicate == "label"}


def _values(claims: list[Claim], predicate: str) -> dict[str, object]:
    return {c.subject: c.object for c in claims if c.predicate == predicate}


def _inputs(claims: list[Claim]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        if c.predicate in INPUTS:
            out[c.subject].append(c.object)
    return out


def _reaches_mining(claims: list[Claim]) -> dict[str, bool]:
    """For every node with inputs, whether some input path ends at a mining material."""
    stage, inputs = _values(claims, "stage"), _inputs(claims)
    reached = {m for m, s in stage.items() if s == "mining"}
    changed = True
    while changed:  # propagate down-to-up until nothing changes (handles cycles)
        changed = False
        for node, ins in inputs.items():
            if node not in reached and any(i in reached for i in ins):
                reached.add(node)
                changed = True
    return {node: node in reached for node in inputs}


def _has_cycle(claims: list[Claim]) -> bool:
    """Whether the input graph (MADE_FROM, REQUIRES) has a directed cycle (Kahn)."""
    inputs = _inputs(claims)
    nodes = set(inputs) | {i for ins in inputs.values() for i in ins}
    indegree = Counter(i for ins in inputs.values() for i in ins)
    ready = [n for n in nodes if indegree[n] == 0]
    seen = 0
    while ready:
        node = ready.pop()
        seen += 1
        for i in inputs.get(node, ()):
            indegree[i] -= 1
            if indegree[i] == 0:
                ready.append(i)
    return seen < len(nodes)


# ---------------------------------------------------------------------- sizes
@pytest.mark.parametrize("n", [100, 1_000, 10_000, 123_457])
def test_sizes_add_up_to_the_request(n):
    assert synthetic.sizes(n).total == n
    assert synthetic.sizes(n, cycles=True).total == n
    assert synthetic.sizes(n, cycles=True).scrap > 0


def test_too_small_is_refused():
    with pytest.raises(ValueError):
        synthetic.generate(50)


def test_node_counts_by_kind(claims):
    kinds = Counter(model.kind_of(node) for node in _labels(claims))
    n = 10_000
    # the brief's ~40% materials and ~45% facilities, scaled up to fill the rest
    expected = {"Country": 0.01, "Company": 0.02, "Element": 0.005, "Material": 0.40,
                "Facility": 0.45, "Product": 0.02}
    for kind, fraction in expected.items():
        assert kinds[kind] == pytest.approx(fraction * n, rel=0.15), kind
    assert 1 <= kinds["ExportControl"] <= 25
    assert 1 <= kinds["Source"] <= 10
    assert sum(kinds.values()) == n


def test_materials_at_every_stage(claims):
    stages = Counter(_values(claims, "stage").values())
    assert set(stages) == set(synthetic.STAGES)
    assert all(count >= 0.05 * 4_000 for count in stages.values())


# ---------------------------------------------------------------------- determinism
def test_same_seed_same_claims():
    assert synthetic.generate(3_000, seed=3) == synthetic.generate(3_000, seed=3)
    assert (synthetic.generate(3_000, seed=3, cycles=True)
            == synthetic.generate(3_000, seed=3, cycles=True))


def test_other_seed_other_claims():
    assert synthetic.generate(3_000, seed=3) != synthetic.generate(3_000, seed=4)


# ---------------------------------------------------------------------- ontology
def test_every_node_has_label_and_required_attributes(claims):
    present = {(c.subject, c.predicate) for c in claims if not c.is_relation}
    for node in _labels(claims):
        for attribute in model.kinds[model.kind_of(node)].required:
            assert (node, attribute) in present, (node, attribute)


def test_attribute_values_are_allowed(claims):
    for c in claims:
        if c.is_relation:
            continue
        attribute = model.attributes[c.predicate]
        assert model.kind_of(c.subject) in attribute.domain or "Node" in attribute.domain
        if attribute.allowed:
            assert c.object in attribute.allowed, c


def test_relation_ends_have_allowed_kinds(claims, cyclic):
    for c in claims + cyclic:
        if c.is_relation:
            relation = model.relations[c.predicate]
            assert model.kind_of(c.subject) in relation.domain, c
            assert model.kind_of(c.object) in relation.range, c


def test_every_referenced_id_is_defined(claims, cyclic):
    for network in (claims, cyclic):
        defined = set(_labels(network))
        for c in network:
            assert c.subject in defined, c
            assert not c.is_relation or c.object in defined, c
            assert c.sources and all(s in defined for s in c.sources), c
            assert all(model.kind_of(s) == "Source" for s in c.sources), c


def test_qualifiers_are_sorted_shares(claims):
    for c in claims:
        assert list(c.qualifiers) == sorted(c.qualifiers)
        assert all(name == "share" for name, _ in c.qualifiers)


def test_no_duplicate_claims(claims):
    keys = Counter((c.subject, c.predicate, c.object) for c in claims)
    assert max(keys.values()) == 1


# ---------------------------------------------------------------------- shape
def test_every_product_reaches_mining(claims, cyclic):
    for network in (claims, cyclic):
        reaches = _reaches_mining(network)
        products = [n for n in _labels(network) if n.startswith("product:")]
        assert products and all(reaches[p] for p in products)


def test_inputs_follow_the_stages(claims):
    stage = _values(claims, "stage")
    order = {s: k for k, s in enumerate(synthetic.STAGES)}
    for c in claims:
        if c.predicate in INPUTS and c.subject.startswith("material:"):
            assert order[stage[c.object]] == order[stage[c.subject]] - 1, c
        if c.predicate == "REQUIRES" and c.subject.startswith("product:"):
            assert stage[c.object] in ("component", "subsystem"), c
        if c.predicate == "CONTAINS":
            assert stage[c.subject] == "mining", c


def test_shares_per_material_at_most_one(claims):
    totals: dict[str, list[float]] = defaultdict(list)
    for c in claims:
        if c.predicate == "PRODUCES" and c.qualifier("share") is not None:
            assert 0 < c.qualifier("share") <= 1, c
            totals[c.object].append(c.qualifier("share"))
    assert totals
    assert all(math.fsum(shares) <= 1 + 1e-9 for shares in totals.values())


def test_producers_are_skewed(claims):
    producers: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.predicate == "PRODUCES":
            producers[c.object].append(c)
    materials = _values(claims, "stage")
    counts = Counter(len(p) for p in producers.values())
    assert set(counts) <= set(range(1, 9))
    assert counts[1] > 0, "single producers make single points of failure"
    dominant = [p for p in producers.values()
                if len(p) > 1 and max(c.qualifier("share", 0) for c in p) >= 0.7]
    assert dominant
    unmapped = [m for m in materials if m not in producers]
    assert 0 < len(unmapped) < 0.1 * len(materials)
    assert any(c.subject.startswith("country:") for p in producers.values() for c in p)
    assert any(c.qualifier("share") is None for p in producers.values() for c in p)


def test_facilities_are_located_and_operated(claims):
    located = Counter(c.subject for c in claims if c.predicate == "LOCATED_IN")
    operated = Counter(c.subject for c in claims if c.predicate == "OPERATED_BY")
    for node in _labels(claims):
        if node.startswith("facility:"):
            assert located[node] == 1 and operated[node] == 1, node
        if node.startswith("company:"):
            assert located[node] == 1, node
    assert any(c.predicate == "MAKES" for c in claims)


def test_export_controls(claims):
    controls = [n for n in _labels(claims) if n.startswith("control:")]
    issued = _values(claims, "ISSUED_BY")
    covers = Counter(c.subject for c in claims if c.predicate == "COVERS")
    starts = _values(claims, "effective_from")
    for control in controls:
        assert control in issued and covers[control] >= 2 and control in starts


def test_acyclic_without_cycles_and_cyclic_with(claims, cyclic):
    assert not _has_cycle(claims)
    assert _has_cycle(cyclic)


# ---------------------------------------------------------------------- snapshot
def test_cli_writes_a_sorted_snapshot(tmp_path):
    out = tmp_path / "graph.json"
    assert synthetic.main(["--nodes", "500", "--seed", "2", "--cycles", "--out", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["format"] == "mineralgraph-snapshot" and data["version"] == 1
    restored = [Claim.from_dict(d) for d in data["claims"]]
    keys = [(c.subject, c.predicate, c.id) for c in restored]
    assert keys == sorted(keys)
    assert Counter(restored) == Counter(synthetic.generate(500, seed=2, cycles=True))


def test_doctests():
    assert doctest.testmod(synthetic).failed == 0


@pytest.mark.parametrize("n, seed", [(100, 0), (100, 9), (777, 4)])
def test_small_networks_are_valid(n, seed):
    network = synthetic.generate(n, seed=seed, cycles=True)
    defined = set(_labels(network))
    assert len(defined) == n
    for c in network:
        assert c.subject in defined and (not c.is_relation or c.object in defined), c
        if c.is_relation:
            assert model.kind_of(c.object) in model.relations[c.predicate].range, c
    reaches = _reaches_mining(network)
    assert all(reaches[p] for p in defined if p.startswith("product:"))


def test_every_lower_material_and_element_is_used(claims):
    used = {c.object for c in claims if c.predicate in INPUTS + ("CONTAINS",)}
    stage = _values(claims, "stage")
    for node in _labels(claims):
        if node.startswith("element:") or stage.get(node, "subsystem") != "subsystem":
            assert node in used, node
