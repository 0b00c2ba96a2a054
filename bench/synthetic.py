"""Seedable synthetic supply networks for benchmarks.

The chokepoint analysis, the RDF export with SPARQL and the Neo4j push are timed on
graphs of 10k, 100k and 1M nodes. Real curated data is far smaller, so this module
makes claims shaped like real chains (``bench/README.md`` describes the shape):
elements contained in mining materials, materials refined stage by stage up to
subsystems, products that require them, facilities producing with skewed world
shares, countries, companies and a few export controls. The same seed always gives
the same claims, so timings can be compared between runs and machines.

Run as a script to write a snapshot file::

    python bench/synthetic.py --nodes 100000 --seed 1 --out graph.json

>>> claims = generate(200, seed=7)
>>> claims == generate(200, seed=7)
True
>>> sum(c.predicate == "label" for c in claims)
200
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import random
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mineralgraph.claim import Claim

#: Processing stages, from the ground up (the ontology's allowed values of ``stage``).
STAGES = ("mining", "processing", "metal", "component", "subsystem")
#: Fraction of the material nodes at each stage (sums to 1).
STAGE_FRACTIONS = (0.25, 0.22, 0.18, 0.18, 0.17)
#: Facility types that fit a stage (the ontology's allowed values of ``facility_type``).
FACILITY_TYPES = {"mining": ("mine",), "processing": ("separation", "refinery", "processing"),
                  "metal": ("metal",), "component": ("magnet", "component"),
                  "subsystem": ("component",)}
#: How strongly facilities of a stage cluster in the first countries (higher: more).
COUNTRY_SKEW = {"mining": 2.5, "processing": 4.0, "metal": 3.5, "component": 3.0,
                "subsystem": 2.0}
END_USES = ("defence", "automotive", "robotics", "energy", "electronics")
STATUSES = ("operating", "construction", "planned", "closed")
STATUS_WEIGHTS = (85, 7, 4, 4)
#: Number of producers of a material: 1 to 8, small numbers more likely.
PRODUCER_COUNTS = (1, 2, 3, 4, 5, 6, 7, 8)
PRODUCER_WEIGHTS = (8, 20, 20, 16, 12, 10, 8, 6)
_CUM_PRODUCER_WEIGHTS = tuple(itertools.accumulate(PRODUCER_WEIGHTS))
UNMAPPED = 0.03       # materials with no producer at all ("supply not mapped")
UNKNOWN_SHARES = 0.04  # materials whose producers carry no share (split equally)
DOMINANT = 0.2        # materials with one producer holding 70-95% of the mapped output
AGGREGATE = 0.15      # materials with a country aggregate producer among the facilities
N_SOURCES = 5
MIN_NODES = 100
FORMAT = "mineralgraph-snapshot"
VERSION = 1


@dataclass(frozen=True)
class Sizes:
    """How many nodes of each kind a synthetic network of ``total`` nodes has.

    Fixed once from the requested size, so that counts do not depend on the seed.
    """

    countries: int
    companies: int
    elements: int
    materials: tuple[int, ...]
    facilities: tuple[int, ...]
    products: int
    controls: int
    sources: int
    scrap: int

    @property
    def total(self) -> int:
        """The number of nodes, every kind included."""
        return (self.countries + self.companies + self.elements + sum(self.materials)
                + sum(self.facilities) + self.products + self.controls + self.sources
                + self.scrap)


def sizes(n_nodes: int, cycles: bool = False) -> Sizes:
    """Split ``n_nodes`` among the kinds: the proportions of the benchmark graphs.

    1% countries, 2% companies, 0.5% elements, 2% products, a few controls, sources
    and scrap materials; the rest goes to materials (five stages) and facilities in
    the ratio 40:45, which makes about 44.5% materials and 50% facilities.

    >>> s = sizes(10_000)
    >>> (s.countries, s.companies, s.elements, s.products, sum(s.materials), s.total)
    (100, 200, 50, 200, 4444, 10000)
    """
    if n_nodes < MIN_NODES:
        raise ValueError(f"n_nodes must be at least {MIN_NODES}, got {n_nodes}")
    fixed = dict(countries=max(2, round(0.01 * n_nodes)),
                 companies=max(2, round(0.02 * n_nodes)),
                 elements=max(2, round(0.005 * n_nodes)),
                 products=max(2, round(0.02 * n_nodes)),
                 controls=min(25, 3 + n_nodes // 50_000), sources=N_SOURCES,
                 scrap=min(10, 2 + n_nodes // 100_000) if cycles else 0)
    rest = n_nodes - sum(fixed.values())
    materials = tuple(max(1, round(rest * 40 / 85 * f)) for f in STAGE_FRACTIONS)
    facilities = rest - sum(materials)
    return Sizes(materials=materials, facilities=_apportion(facilities, materials), **fixed)


def _apportion(total: int, weights: Sequence[int]) -> tuple[int, ...]:
    """Split ``total`` in proportion to ``weights``, at least 1 each, summing to ``total``."""
    parts = [max(1, total * w // sum(weights)) for w in weights]
    parts[0] += total - sum(parts)
    return tuple(parts)


def _ids(prefix: str, count: int, width: int = 0) -> list[str]:
    """Ids ``prefix0001``...: zero-padded so that text order is number order."""
    width = max(width, len(str(count)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, count + 1)]


class _Builder:
    """Accumulates the claims of one network; one method per kind of node.

    Node ids are built once and shared by every claim that names them, which keeps
    a million-node network to a few hundred bytes per claim.
    """

    def __init__(self, size: Sizes, seed: int):
        self.size = size
        self.rng = random.Random(seed)
        self.claims: list[Claim] = []
        self.source_ids = [f"source:synthetic-{i}" for i in range(1, size.sources + 1)]
        self.provenance = [(s,) for s in self.source_ids]
        #: share -> its qualifiers, held once: a share has at most 10,000 values (basis
        #: points), and a million nodes have some 1.7 million PRODUCES claims, whose
        #: qualifiers would otherwise take some 250 MiB as tuples of their own
        self.share_qualifiers: dict[float, tuple] = {}
        self.countries = _ids("country:C", size.countries, 4)
        self.companies = _ids("company:co-", size.companies)
        self.elements = _ids("element:E", size.elements, 3)
        self.materials = [_ids(f"material:{stage}-", n)
                          for stage, n in zip(STAGES, size.materials, strict=True)]
        self.facilities = _ids("facility:fac-", sum(size.facilities))
        self.products = _ids("product:prod-", size.products)
        self.first_input: dict[int, array] = {}
        self.facility_country = array("l")

    # ------------------------------------------------------------------ helpers
    def source(self, index: int) -> tuple[str, ...]:
        """The provenance of the node numbered ``index``: mostly source 1, some others."""
        if index % 4 or len(self.provenance) == 1:
            return self.provenance[0]
        return self.provenance[1 + (index // 4) % (len(self.provenance) - 1)]

    def skewed(self, n: int, power: float) -> int:
        """An index below ``n``, the low ones far more likely (concentration)."""
        return int(n * self.rng.random() ** power)

    def node(self, node_id: str, label: str, src: tuple[str, ...],
             attributes: Iterable[tuple[str, object]] = ()) -> None:
        """Add the label and the attribute claims of one node."""
        append = self.claims.append
        append(Claim(node_id, "label", label, (), src))
        for name, value in attributes:
            append(Claim(node_id, name, value, (), src))

    def relate(self, subject: str, predicate: str, objects: Iterable[str],
               src: tuple[str, ...]) -> None:
        """Add one relation claim from ``subject`` to each of ``objects``."""
        append = self.claims.append
        for obj in objects:
            append(Claim(subject, predicate, obj, (), src))

    def pick(self, n: int, k: int, cover: Iterator[int]) -> list[int]:
        """``k`` distinct indices below ``n``: from ``cover`` while it lasts, then random.

        Drawing from a shuffled cover of every index first means every node of the
        lower stage is used by some node above it, as in real chains.
        """
        k = min(k, n)
        picks = list(itertools.islice(cover, k))  # distinct: the cover is a permutation
        while len(picks) < k:
            j = self.rng.randrange(n)
            if j not in picks:
                picks.append(j)
        return picks

    def cover(self, n: int) -> Iterator[int]:
        """Every index below ``n`` once, in random order."""
        order = list(range(n))
        self.rng.shuffle(order)
        return iter(order)

    # ------------------------------------------------------------------ kinds
    def add_sources(self) -> None:
        """Source nodes: a title and label each; a source is its own provenance."""
        for i, (sid, prov) in enumerate(zip(self.source_ids, self.provenance, strict=True)):
            title = f"Synthetic benchmark source {i + 1}"
            self.node(sid, title, prov, [("title", title), ("publisher", "mineralgraph bench")])

    def add_countries(self) -> None:
        """Country nodes: only a label (slugs are not ISO codes in synthetic data)."""
        for i, cid in enumerate(self.countries):
            self.node(cid, f"Country {cid[9:]}", self.source(i))

    def add_companies(self) -> None:
        """Companies, headquartered mostly in the first countries."""
        n = len(self.countries)
        for i, cid in enumerate(self.companies):
            src = self.source(i)
            self.node(cid, f"Company {i + 1}", src)
            self.relate(cid, "LOCATED_IN", [self.countries[self.skewed(n, 2.0)]], src)

    def add_elements(self) -> None:
        """Element nodes, with a made-up symbol equal to their slug."""
        for i, eid in enumerate(self.elements):
            self.node(eid, f"Element {eid[8:]}", self.source(i), [("symbol", eid[8:])])

    def add_materials(self) -> None:
        """Materials stage by stage, each linked to the stage below (AND inputs).

        Mining materials CONTAIN 1-2 elements; processing, metal and component
        materials are MADE_FROM 1-3 materials of the stage below; subsystems REQUIRE
        1-3 components (an assembly needs its parts).
        """
        self.add_mining()
        for k in range(1, len(STAGES)):
            predicate = "REQUIRES" if STAGES[k] == "subsystem" else "MADE_FROM"
            self.add_stage(k, predicate)

    def add_mining(self) -> None:
        """Mining materials (ores, concentrates), each containing one or two elements."""
        ne = len(self.elements)
        for i, mid in enumerate(self.materials[0]):
            src = self.source(i)
            self.node(mid, f"Ore {i + 1}", src, [("stage", "mining")])
            picks = [i % ne]
            if ne > 1 and self.rng.random() < 0.5:
                picks.append((i + 1 + self.rng.randrange(ne - 1)) % ne)
            self.relate(mid, "CONTAINS", [self.elements[e] for e in picks], src)

    def add_stage(self, k: int, predicate: str) -> None:
        """Materials of stage ``k`` > 0, each made from 1-3 of stage ``k - 1``."""
        below, stage = self.materials[k - 1], STAGES[k]
        cover, firsts = self.cover(len(below)), array("l")
        for i, mid in enumerate(self.materials[k]):
            src = self.source(i)
            self.node(mid, f"{stage.capitalize()} material {i + 1}", src, [("stage", stage)])
            picks = self.pick(len(below), self.rng.choice((1, 1, 2, 2, 2, 3)), cover)
            firsts.append(picks[0])
            self.relate(mid, predicate, [below[j] for j in picks], src)
        self.first_input[k] = firsts

    def add_scrap(self) -> None:
        """Recycling loops: component -> metal -> processing -> scrap -> component.

        A scrap material (stage processing) is MADE_FROM a component, and the
        processing material under that component's first metal is MADE_FROM the
        scrap: a cycle, which the analysis solves as a least fixpoint.
        """
        comp, metal = STAGES.index("component"), STAGES.index("metal")
        for j in range(self.size.scrap):
            c = self.rng.randrange(len(self.materials[comp]))
            p = self.first_input[metal][self.first_input[comp][c]]
            sid, src = f"material:scrap-{j + 1:02d}", self.source(j)
            self.node(sid, f"Scrap {j + 1}", src, [("stage", "processing")])
            self.relate(sid, "MADE_FROM", [self.materials[comp][c]], src)
            self.relate(self.materials[1][p], "MADE_FROM", [sid], src)
            self.materials[1].append(sid)

    def add_producers(self) -> None:
        """PRODUCES claims for every stage, from that stage's pool of facilities."""
        start = 0
        for k, stage in enumerate(STAGES):
            count = self.size.facilities[k]
            self.facility_country.extend(self.skewed(len(self.countries), COUNTRY_SKEW[stage])
                                         for _ in range(count))
            pool = list(range(start, start + count))
            self.rng.shuffle(pool)
            ring = itertools.cycle(pool)
            for mid in self.materials[k]:
                self.add_material_producers(mid, ring, len(pool))
            start += count

    def add_material_producers(self, mid: str, ring: Iterator[int], pool_size: int) -> None:
        """The producers of one material, with skewed shares summing to at most 1.

        A few materials get no producer (supply not mapped), a few get producers
        without shares (split equally), some a single or a dominant producer (single
        points of failure), and some a country aggregate for their unmapped output.
        """
        rng = self.rng
        if rng.random() < UNMAPPED:
            return
        k = rng.choices(PRODUCER_COUNTS, cum_weights=_CUM_PRODUCER_WEIGHTS)[0]
        facilities = [next(ring) for _ in range(min(k, pool_size))]
        producers = [self.facilities[f] for f in facilities]
        aggregate = rng.random() < AGGREGATE and self.aggregate_country(facilities)
        if aggregate:
            producers[-1] = aggregate
        shares = None if rng.random() < UNKNOWN_SHARES else self.shares(len(producers))
        src = self.source(len(self.claims))
        append = self.claims.append
        held = self.share_qualifiers
        for i, producer in enumerate(producers):
            quals = ()
            if shares:
                quals = held.get(shares[i])
                if quals is None:
                    quals = held[shares[i]] = (("share", shares[i]),)
            append(Claim(producer, "PRODUCES", mid, quals, src))

    def aggregate_country(self, facilities: Sequence[int]) -> str | None:
        """A country to add as aggregate producer: one not hosting these facilities.

        The country's share then stands for its unmapped output, so no share is
        counted twice (the dependency model's rule against double counting).
        """
        taken = {self.facility_country[f] for f in facilities}
        for _ in range(3):
            c = self.skewed(len(self.countries), 2.0)
            if c not in taken:
                return self.countries[c]
        return None

    def shares(self, n: int) -> list[float]:
        """``n`` world shares in basis points of a mapped total of 70-100%, summing to <= 1."""
        rng = self.rng
        total = rng.randint(7000, 10000)
        weights = [rng.expovariate(1.0) for _ in range(n)]
        if n > 1 and rng.random() < DOMINANT:
            f = rng.uniform(0.7, 0.95)
            weights[0] = sum(weights[1:]) * f / (1 - f)
        scale = (total - n) / sum(weights)
        return [(int(w * scale) + 1) / 10_000 for w in weights]

    def add_facilities(self) -> None:
        """Facility nodes: type by stage, status, country and operator."""
        rng, nco = self.rng, len(self.companies)
        ends = list(itertools.accumulate(self.size.facilities))
        k = 0
        for f, fid in enumerate(self.facilities):
            while f >= ends[k]:
                k += 1
            src = self.source(f)
            ftype = rng.choice(FACILITY_TYPES[STAGES[k]])
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            self.node(fid, f"Facility {f + 1}", src, [("facility_type", ftype), ("status", status)])
            self.relate(fid, "LOCATED_IN", [self.countries[self.facility_country[f]]], src)
            self.relate(fid, "OPERATED_BY", [self.companies[self.skewed(nco, 2.0)]], src)

    def add_products(self) -> None:
        """Products, each requiring 2-6 subsystems or components and made by a company."""
        parts = self.materials[-1] + self.materials[-2]  # subsystems first, then components
        cover, nco = self.cover(len(self.materials[-1])), len(self.companies)
        for i, pid in enumerate(self.products):
            src = self.source(i)
            self.node(pid, f"Product {i + 1}", src, [("end_use", self.rng.choice(END_USES))])
            picks = self.pick(len(parts), self.rng.randint(2, 6), cover)
            self.relate(pid, "REQUIRES", [parts[j] for j in picks], src)
            self.relate(self.companies[self.skewed(nco, 1.5)], "MAKES", [pid], src)

    def add_controls(self) -> None:
        """Export controls by the top producing countries, covering elements and materials."""
        rng = self.rng
        for j in range(self.size.controls):
            cid, src = f"control:ctl-{j + 1:02d}", self.source(j)
            start = date(2023 + j % 3, 1 + rng.randrange(12), 1)
            self.node(cid, f"Export control {j + 1}", src,
                      [("regime", "licence-required"), ("effective_from", start)])
            issuer = self.countries[rng.randrange(min(3, len(self.countries)))]
            self.relate(cid, "ISSUED_BY", [issuer], src)
            elements = rng.sample(self.elements, min(rng.randint(1, 3), len(self.elements)))
            covered = [rng.choice(self.materials[rng.choice((1, 2))])
                       for _ in range(rng.randint(1, 4))]
            self.relate(cid, "COVERS", elements + list(dict.fromkeys(covered)), src)


def generate(n_nodes: int, seed: int = 0, *, cycles: bool = False) -> list[Claim]:
    """Make the claims of a synthetic supply network of about ``n_nodes`` nodes.

    Parameters
    ----------
    n_nodes : int
        The number of nodes (every kind, sources and controls included); at least 100.
        The counts by kind are fixed by :func:`sizes`, independent of the seed.
    seed : int
        Seed of the ``random.Random`` that draws every choice: the same seed gives the
        same claims in the same order.
    cycles : bool
        Add a few recycling loops (component -> ... -> processing material made from
        scrap of that component) so that the least-fixpoint evaluation is exercised.

    Returns
    -------
    list of Claim
        Every node has a ``label`` claim and the attributes its kind requires; every
        claim names a ``source:synthetic-N`` node of the network.

    Examples
    --------
    >>> claims = generate(1_000, seed=1, cycles=True)
    >>> sorted({c.predicate for c in claims if c.is_relation})  # doctest: +NORMALIZE_WHITESPACE
    ['CONTAINS', 'COVERS', 'ISSUED_BY', 'LOCATED_IN', 'MADE_FROM', 'MAKES',
     'OPERATED_BY', 'PRODUCES', 'REQUIRES']
    """
    b = _Builder(sizes(n_nodes, cycles), seed)
    with _no_gc():
        b.add_sources()
        b.add_countries()
        b.add_companies()
        b.add_elements()
        b.add_materials()
        b.add_scrap()
        b.add_producers()
        b.add_facilities()
        b.add_products()
        b.add_controls()
    return b.claims


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of claims are allocated.

    The claims hold no reference cycles, yet every few thousand allocations the
    collector would walk them all again: pausing it cuts the 1M-node time by ~40%.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ---------------------------------------------------------------------- snapshot
def snapshot_order(claims: list[Claim]) -> Iterator[Claim]:
    """The claims in snapshot order, by (subject, predicate, claim id).

    Sorts ``claims`` in place by (subject, predicate) and computes the costly claim
    id only to order claims that share both, which keeps a million-node run fast.
    """
    claims.sort(key=lambda c: (c.subject, c.predicate))
    for _, group in itertools.groupby(claims, key=lambda c: (c.subject, c.predicate)):
        items = list(group)
        if len(items) > 1:
            items.sort(key=lambda c: c.id)
        yield from items


def write_snapshot(claims: list[Claim], path: Path) -> int:
    """Write a ``mineralgraph-snapshot`` JSON file, one claim a line; return the count.

    The file is streamed, so the claims are never held twice as dicts.
    """
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'{{"format": "{FORMAT}", "version": {VERSION}, "claims": [')
        for n, claim in enumerate(snapshot_order(claims), start=1):
            out.write(("\n" if n == 1 else ",\n") + json.dumps(claim.to_dict()))
        out.write("\n]}\n")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate a network and write it as a snapshot file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, required=True, help="number of nodes (>= 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--cycles", action="store_true", help="add a few recycling loops")
    parser.add_argument("--out", type=Path, required=True, help="snapshot file to write")
    args = parser.parse_args(argv)
    claims = generate(args.nodes, args.seed, cycles=args.cycles)
    with _no_gc():
        n = write_snapshot(claims, args.out)
    print(f"{args.out}: {args.nodes} nodes, {n} claims", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
