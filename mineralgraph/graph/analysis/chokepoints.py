"""Chokepoint reports: for each product, the nodes it cannot do without and those that
would hurt most, ranked, each with its evidence (stage, country, HHI, paths, sources).

Ranking (dependency model, section 3): single points of failure first, then by loss;
at an equal loss the better-supported row first (its rating, then undisputed, then
measured: :func:`~mineralgraph.graph.analysis.confidence.support_key`, the one tie-break
of every view), then by id so the order is stable. A row's *rank* is its place among the product's
suppliers (countries, companies, facilities) in that order; materials and elements are
inputs, not suppliers, and have none. Every view (text, Markdown, JSON, CSV, the Python
API, the pictures) shows this one rank.

Rest of the world (``country:XX``) stands for the countries a source does not name: it is
removed and ranked like any node and is a single point of failure when its loss is 1
(design note 5.2); the report adds that it is many countries (``rest_of_world_only``).

>>> from mineralgraph import load_bundled
>>> report = chokepoints(load_bundled(), ["product:f-35"])[0]
>>> report.chokepoints[0].spof
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

import networkx as nx
import numpy as np

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis.comparison import loss_range, worst_case_beside
from mineralgraph.graph.analysis.concentration import (
    REST_OF_WORLD,
    concentration,
    concentration_support,
)
from mineralgraph.graph.analysis.confidence import (
    LEVELS,
    Caveats,
    left_out_dict,
    left_out_each,
    rule_set,
    support_key,
)
from mineralgraph.graph.analysis.engine import BOUNDS, Analysis
from mineralgraph.graph.analysis.figure import figure_claims
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.analysis.splits import EqualSplit, equal_splits
from mineralgraph.graph.analysis.structure import (
    figures_count,
    index_type,
    output_share,
    stated_share,
)
from mineralgraph.graph.flow import FLOW_RELATIONS
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

STAGES = ("element", "mining", "processing", "metal", "component", "subsystem", "product")
SUPPLIER_KINDS = ("Country", "Company", "Facility")


@dataclass
class PathStep:
    """One edge of a supply path, in the direction material flows, with its sources."""

    source: str
    target: str
    relation: str
    share: float | None
    sources: list[str]
    confidence: str | None = None
    proxy: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PoolFeed:
    """What a country's figure under a scenario is a share of, when the graph records no
    flow behind it (:meth:`Evidence.pool_feed`): its share of the world output of
    ``material``, which the analysis lets the producers of ``feeds`` that the scenario
    leaves draw on (a producer's input is the world pool, design note 2), though no
    SUPPLIES edge takes the country's output of it to one of them. ``issuer``: the
    country is itself the one whose producers of ``feeds`` the scenario blocks, so the
    figure credits the producers left with a country's output whose own next stage the
    scenario removed."""

    material: str
    feeds: tuple[str, ...]
    issuers: tuple[str, ...]
    issuer: bool

    def as_dict(self) -> dict:
        return {"material": self.material, "feeds": list(self.feeds),
                "issuers": list(self.issuers), "issuer": self.issuer}


@dataclass
class Chokepoint:
    """One upstream node of a product and what losing it costs."""

    id: str
    kind: str
    label: str
    loss: float
    spof: bool
    stage: str | None
    country: str | None
    hhi: float | None
    sources: list[str] = field(default_factory=list)
    paths: list[list[PathStep]] = field(default_factory=list)
    assumed_share: bool = False
    #: [min, max] of the loss over the two bounds of section 5.6.
    loss_range: tuple[float, float] = (0.0, 0.0)
    #: a single point of failure in the lower bound only (``spof`` is the certain one)
    possible_spof: bool = False
    #: the stages without mapped supply that make the range
    behind: list[str] = field(default_factory=list)
    #: the weakest confidence on the row's evidence paths, and its proxies (section 5.7)
    caveats: Caveats = field(default_factory=Caveats)
    #: the place among the product's suppliers (1 = worst); None for an input
    rank: int | None = None
    #: the material whose country shares ``hhi`` measures: the row's own, or the stage
    #: its loss comes from (Evidence.loss_material)
    hhi_material: str | None = None
    hhi_stage: str | None = None
    #: for a country that is a single point of failure only through the product's makers'
    #: own work there (section 5.1), those makers: an annotation of the SPOF
    #: (Analysis.through_makers), which stays one (5.6)
    through_makers: list[str] = field(default_factory=list)
    #: what its ≈ share assumes: the pools it splits equally with others (5.4;
    #: :func:`~mineralgraph.graph.analysis.splits.equal_splits`), when ``assumed_share``
    splits: list[EqualSplit] = field(default_factory=list)
    #: under a scenario, a country whose figure is its share of a world pool the producers
    #: the scenario leaves draw on, no flow to them recorded (:meth:`Evidence.pool_feed`)
    pool_feed: PoolFeed | None = None

    @property
    def spof_kind(self) -> str | bool:
        """"certain", "possible" or False (section 5.6)."""
        return "certain" if self.spof else "possible" if self.possible_spof else False

    def as_dict(self) -> dict:
        return {"rank": self.rank, "id": self.id, "kind": self.kind, "label": self.label,
                "loss": round(self.loss, 6),
                "loss_range": [round(v, 6) for v in self.loss_range],
                "spof": self.spof_kind, "spof_through_makers": self.through_makers,
                "stage": self.stage,
                "assumed_share": self.assumed_share,
                "assumed_split": [split.as_dict() for split in self.splits],
                "range_from_unmapped": self.behind,
                "confidence": self.caveats.confidence,
                "proxies": self.caveats.as_dict()["proxies"],
                "disputes": self.caveats.as_dict()["disputes"],
                "low_confidence": self.caveats.as_dict()["low_confidence"],
                "country": self.country, "hhi": self.hhi,
                "hhi_material": self.hhi_material, "hhi_stage": self.hhi_stage,
                "sources": self.sources,
                "pool_feed": self.pool_feed.as_dict() if self.pool_feed else None,
                "paths": [[step.__dict__ for step in path] for path in self.paths]}


class Rows(Sequence):
    """The ranked rows of a report, each built with its evidence (stage, country, HHI,
    paths, caveats) when it is first read: a report of all products at a million nodes
    ranks millions of rows, and a reader looks at a few of them.

    It reads as a list of :class:`Chokepoint` (index, slice, iterate, ``len``).
    """

    def __init__(self, ids: Sequence[str] | Callable[[], Sequence[str]],
                 build: Callable[[str], Chokepoint]):
        self._ids = ids
        self._build = build
        #: the rows built, by place (a dict: a reader of the first rows of every report
        #: holds a few, not a slot for each of millions)
        self._rows: dict[int, Chokepoint] = {}

    @property
    def ids(self) -> Sequence[str]:
        """The ids of the rows, in rank order (ranked when first asked)."""
        if callable(self._ids):
            self._ids = self._ids()
        return self._ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        at = range(len(self))[item]  # a negative place counted from the end; IndexError
        row = self._rows.get(at)
        if row is None:
            row = self._rows[at] = self._build(self.ids[at])
        return row

    def row(self, node_id: str) -> Chokepoint:
        """The row of any node the product ranks, also one past ``top`` (a single point
        of failure a summary names when ``--top`` shows fewer rows)."""
        if node_id in self.ids:
            return self[self.ids.index(node_id)]
        return self._build(node_id)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Rows({list(self)!r})"


class RankedIds(Sequence):
    """A product's ranked ids as numbers into the sorted ids they are read from (the flow
    index's), int32 where they fit: at a million nodes the reports rank ten million rows,
    which as lists of ids took some 80 MiB (a pointer a row), as numbers half that.

    It reads as the list of ids (index, slice, iterate, ``len``, ``in``, ``index``) and
    compares equal to it.

    >>> ranked = RankedIds(["a", "b", "c"], [2, 0])
    >>> list(ranked), ranked[0], ranked[1:], "a" in ranked, ranked.index("a")
    (['c', 'a'], 'c', ['a'], True, 1)
    """

    def __init__(self, ids: list[str], numbers):
        self._ids = ids
        self._numbers = np.asarray(numbers, index_type(len(ids)))

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return RankedIds(self._ids, self._numbers[item])
        return self._ids[self._numbers[item]]

    def __iter__(self):
        ids = self._ids
        return (ids[i] for i in self._numbers.tolist())

    def __contains__(self, node_id) -> bool:
        return self._find(node_id) is not None

    def index(self, node_id, *args) -> int:
        """Where ``node_id`` is in the ranking (ValueError when it is not)."""
        at = self._find(node_id)
        if at is None:
            raise ValueError(f"{node_id!r} is not ranked")
        return at

    def _find(self, node_id) -> int | None:
        number = _position(self._ids, node_id) if isinstance(node_id, str) else None
        if number is None:
            return None
        found = np.flatnonzero(self._numbers == number)
        return int(found[0]) if len(found) else None

    def reordered(self, order: list[str]) -> "RankedIds":
        """The same ids in ``order`` (a permutation of them), held as numbers again.

        >>> RankedIds(["a", "b", "c"], [2, 0]).reordered(["a", "c"])
        ['a', 'c']
        """
        return RankedIds(self._ids, [_position(self._ids, n) for n in order])

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(list(self))


class Deferred(Sequence):
    """A list made when first read, then kept: what a report holds for a view that may
    never ask (the short share sets of every product: at a million nodes some twenty
    thousand reports, each with a dict per material upstream). Reads, compares and
    prints as the list."""

    def __init__(self, make: Callable[[], list]):
        self._make: Callable[[], list] | None = make
        self._items: list | None = None

    def _list(self) -> list:
        if self._items is None:
            self._items = self._make()
            self._make = None
        return self._items

    def __len__(self) -> int:
        return len(self._list())

    def __getitem__(self, item):
        return self._list()[item]

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and self._list() == list(other)

    def __repr__(self) -> str:
        return repr(self._list())


@dataclass
class ProductReport:
    """The chokepoints of one product."""

    product: str
    label: str
    end_use: list[str]
    as_of: date | None
    scenario: str | None
    baseline: float
    #: the ranked rows (a :class:`Rows`, built as they are read; a list also does)
    chokepoints: Sequence[Chokepoint]
    unmapped: list[str]
    #: the rows behind :attr:`worst_supplier` and :attr:`most_concentrated`, or a
    #: function that finds them (called when first read)
    _worst_supplier: Chokepoint | Callable[[], Chokepoint | None] | None = field(
        default=None, repr=False, compare=False)
    _most_concentrated: Chokepoint | Callable[[], Chokepoint | None] | None = field(
        default=None, repr=False, compare=False)
    all_spofs: list[str] = field(default_factory=list)
    makers: list[str] = field(default_factory=list)
    #: a(P) under the scenario (the baseline when there is none), upper bound
    availability: float = 1.0
    #: [lower, upper] availability under the scenario (section 5.6), what the losses are
    #: measured in (against ``baseline_range``)
    availability_range: tuple[float, float] = (1.0, 1.0)
    baseline_range: tuple[float, float] = (1.0, 1.0)
    possible_spofs: list[str] = field(default_factory=list)
    #: the unmapped stages that make the availability a range
    behind: list[str] = field(default_factory=list)
    #: the MAKES claims dated after the graph's date, when none holds on it: the product
    #: was not made yet on that date, and the views give no availability for it
    not_made: list[Claim] = field(default_factory=list)
    #: issuers of the scenario's controls in the product's scope: losing one under the
    #: scenario is losing it as a producer on top of its control (its row's loss is of
    #: what the control leaves)
    issuers: list[str] = field(default_factory=list)
    #: issuers of the scenario's controls that reach the product in the worst case only
    #: (they target countries and no maker, or maker's country, is recorded: 5.6)
    worst_case_issuers: list[str] = field(default_factory=list)
    #: read with the addendum's wider readings (``--worst-case``): what was left out below
    #: --min-confidence then still counts in the lower bound where it is a requirement
    wide: bool = False
    #: a(P) from mapped supply alone (stages without a producer count 0): stated beside
    #: the availability, never as it (Analysis.mapped_availability)
    mapped_availability: float = 1.0
    #: upstream materials whose country shares add up to less than 1 (read as given,
    #: 5.5): why the baseline is below 100% with nothing removed (Evidence.short_sets;
    #: a :class:`Deferred` list, found when first read)
    short_sets: Sequence[dict] = field(default_factory=list)

    @property
    def worst_supplier(self) -> Chokepoint | None:
        """The highest-ranked country, company or facility that is not a maker (nor the
        rest of the world, which is many countries)."""
        if callable(self._worst_supplier):
            self._worst_supplier = self._worst_supplier()
        return self._worst_supplier

    @property
    def most_concentrated(self) -> Chokepoint | None:
        """The ranked material with the highest HHI (at an equal one, the better-supported
        top share, then the smaller id: the one tie-break, support_key)."""
        if callable(self._most_concentrated):
            self._most_concentrated = self._most_concentrated()
        return self._most_concentrated

    @property
    def may_be_unavailable(self) -> bool:
        """The lower bound is 0 with nothing removed: the product may not be made at all."""
        return self.availability_range[0] <= 0.0
    caveats: Caveats = field(default_factory=Caveats)
    scenario_title: str | None = None
    #: claims --min-confidence left out that bear on the product (section 5.7)
    left_out: list[Claim] = field(default_factory=list)
    #: upstream materials nothing traces to a country (no producer, element, input or
    #: anchor): any enforced control in scope may reach them (section 5.6)
    untraced: list[str] = field(default_factory=list)
    #: at some stage all the product gets comes from countries no source names (rest of
    #: the world's loss is 100%): a single point of failure (5.2) that is many countries
    rest_of_world_only: bool = False
    #: countries that are single points of failure only through the product's makers'
    #: own work there (section 5.1), with those makers: an annotation of the SPOF
    through_makers: dict[str, list[str]] = field(default_factory=dict)
    #: under a scenario: the loss range under the addendum's wider readings
    #: (``--worst-case``) and, where it reads otherwise than the default's, that reading's
    #: row (:func:`~mineralgraph.graph.analysis.comparison.worst_case_beside`, the one
    #: function every view of a scenario figure takes it from); None without a scenario
    worst_case_loss_range: list[float] | None = None
    worst_case: dict | None = None

    @property
    def scenario_loss_range(self) -> list[float] | None:
        """[min, max] of the loss under the scenario over the two bounds (section 5.6),
        against the baseline without it; None without a scenario."""
        if self.scenario is None or self.not_made:
            return None
        return loss_range(self.baseline_range, self.availability_range)

    @property
    def supplier_spofs(self) -> list[str]:
        """SPOFs that are countries, companies or facilities (not materials or elements),
        other than the product's own makers (a product always hangs on its maker)."""
        return [n for n in self.all_spofs
                if model.kind_of(n) in SUPPLIER_KINDS and n not in self.makers]

    @property
    def made_from(self) -> str | None:
        """The date its making starts when the product was not made yet on the report's
        date (ISO), else None."""
        return self.not_made[0].valid_from.isoformat() if self.not_made else None

    def as_dict(self) -> dict:
        if self.not_made:
            # not made yet on the date: it has no availability, loss or SPOF to give
            return {"product": self.product, "label": self.label, "end_use": self.end_use,
                    "as_of": self.as_of.isoformat() if self.as_of else None,
                    "scenario": self.scenario,
                    "not_made_yet": {"made_from": self.made_from,
                                     "makers": sorted({c.subject for c in self.not_made}),
                                     "sources": sorted({s for c in self.not_made
                                                        for s in c.sources})},
                    "availability": None, "availability_range": None,
                    "baseline_range": None, "confidence": None,
                    "spofs": [], "supplier_spofs": [], "input_spofs": [],
                    "possible_spofs": [], "chokepoints": []}
        return {"product": self.product, "label": self.label, "end_use": self.end_use,
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "scenario": self.scenario, "baseline": round(self.baseline, 6),
                "baseline_range": [round(v, 6) for v in self.baseline_range],
                "availability": round(self.availability, 6),
                "availability_range": [round(v, 6) for v in self.availability_range],
                "mapped_availability": round(self.mapped_availability, 6),
                "may_be_unavailable_at_baseline": self.may_be_unavailable,
                "short_share_sets": list(self.short_sets),
                "range_from_unmapped": self.behind,
                # every node of loss 1 is a single point of failure (sections 3, 4); the
                # two kinds said apart: who supplies (countries, companies, facilities)
                # and what the product is made of (materials, elements)
                "spofs": self.all_spofs,
                "supplier_spofs": [n for n in self.all_spofs
                                   if model.kind_of(n) in SUPPLIER_KINDS],
                "input_spofs": [n for n in self.all_spofs
                                if model.kind_of(n) not in SUPPLIER_KINDS],
                "possible_spofs": self.possible_spofs,
                "makers": self.makers,
                "confidence": self.caveats.confidence,
                "proxies": self.caveats.as_dict()["proxies"],
                "disputes": self.caveats.as_dict()["disputes"],
                "low_confidence": self.caveats.as_dict()["low_confidence"],
                "assumed_share": self.caveats.assumed_share,
                "chokepoints": [c.as_dict() for c in self.chokepoints],
                "supply_not_mapped": self.unmapped,
                "untraced_inputs": self.untraced,
                "rest_of_world_only": self.rest_of_world_only,
                "spofs_through_makers": self.through_makers,
                "worst_supplier": self.worst_supplier.id if self.worst_supplier else None,
                "most_concentrated": (self.most_concentrated.id
                                      if self.most_concentrated else None),
                "left_out_below_confidence": [left_out_dict(c, self.wide)
                                              for c in self.left_out],
                # under a scenario, what --worst-case gives beside its loss (as scenario)
                **({"scenario_loss_range": self.scenario_loss_range,
                    "worst_case_loss_range": self.worst_case_loss_range,
                    "worst_case": self.worst_case} if self.scenario else {})}


#: no claim kept yet for a step (None is a step without one)
_UNKNOWN = object()


class Evidence:
    """Stage, country, HHI and supply paths of nodes, for one graph (cached)."""

    def __init__(self, analysis: Analysis):
        self.analysis = analysis
        self.graph: SupplyGraph = analysis.graph
        self._hhi: dict[str, float | None] = {}
        self._produced: dict[str, list[str]] = {}
        self._path_cache: dict[tuple[str, str], list[Claim]] = {}
        self._weights: dict[tuple, float] = {}
        #: node -> :meth:`held` (sorted), and as a set; a country holds thousands of
        #: producers at a million nodes, asked for again material after material
        self._held: dict[str, list[str]] = {}
        self._held_set: dict[str, frozenset[str]] = {}
        #: country -> the materials its facilities and companies produce without a share
        #: (what :meth:`assumed_share` asks of a country, product after product)
        self._unshared: dict[str, frozenset] = {}
        self._makers: dict[str, tuple[list[str], dict[str, list[int]]]] = {}
        #: what :meth:`availability_caveats` reads of each node (made on first use)
        self._caveat_parts: tuple | None = None
        #: producer -> material -> its PRODUCES claims of it (:meth:`_producer_claims`)
        self._made_claims: dict[str, dict[str, list[Claim]]] = {}
        #: whether the graph has a SUPPLIES claim (:meth:`_supplies_feed`; on first use)
        self._supplies: bool | None = None
        #: (node, product) -> :meth:`loss_material`
        self._loss_material: dict[tuple[str, str], str | None] = {}
        #: flow edge (u, v) -> its relation and the claims behind it (:meth:`step_claim`)
        self._edge_claims: dict[tuple[str, str], tuple[str, list[Claim]]] = {}
        #: flow edge (u, v) -> its step's claim where that does not depend on the rest of
        #: the path (every edge but a SUPPLIES one under several claims): read without
        #: :meth:`step_claim`'s call and the path's tail it takes (hundreds of thousands of
        #: steps for a large country's ``dependents``)
        self._step_claim: dict[tuple[str, str], Claim | None] = {}
        #: (what, node) -> the flow numbers of a list of ids kept for the node
        self._flow_numbers: dict[tuple[str, str], np.ndarray] = {}
        #: material -> the producers the analysis gives a part of it (:meth:`weighs`)
        self._weighed: dict[str, frozenset[str]] = {}
        #: product -> :meth:`sourcing_claims`
        self._sourcing: dict[str, list[Claim]] = {}
        #: (node, product, limit) -> :meth:`paths`
        self._paths: dict[tuple[str, str, int], list[list[PathStep]]] = {}
        #: node -> :func:`figure_claims` for the last product asked (a row's ranking and
        #: the row itself both read it)
        self._figure: tuple[str, dict[str, list[Claim] | None]] = ("", {})
        #: what :func:`figure_claims` reads of each material, per compiled scope (the
        #: structure kept with it, so its id is not reused), for the last product asked
        self.figure_parts: dict[int, tuple] = {}

    def produced(self, node_id: str) -> list[str]:
        """Materials a supplier node produces (a company or country through its facilities)."""
        if node_id not in self._produced:
            self._produced[node_id] = self._find_produced(node_id)
        return self._produced[node_id]

    def _find_produced(self, node_id: str) -> list[str]:
        g = self.graph
        kind = model.kind_of(node_id)
        direct = [c.object for c in g.relation_claims(node_id, "PRODUCES")]
        if kind == "Company":
            for facility in g.neighbours(node_id, "OPERATED_BY", incoming=True):
                direct += self.produced(facility)
        if kind == "Country":
            for located in g.neighbours(node_id, "LOCATED_IN", incoming=True):
                if model.kind_of(located) in ("Facility", "Company"):
                    direct += [c.object for c in g.relation_claims(located, "PRODUCES")]
        return sorted(set(direct))

    def stage(self, node_id: str, product: str) -> str | None:
        kind = model.kind_of(node_id)
        if kind == "Material":
            return self.graph.attribute(node_id, "stage")
        if kind == "Element":
            return "element"
        stages = {self.graph.attribute(m, "stage") for m in self._relevant(node_id, product)}
        ordered = [s for s in STAGES if s in stages]
        return ", ".join(ordered) if ordered else None

    def _relevant(self, node_id: str, product: str) -> list[str]:
        """What the node produces (:meth:`produced`) upstream of the product, sorted."""
        produced = self.produced(node_id)
        return self._among_upstream(produced, self._numbers(("produced", node_id), produced),
                                    product)

    def _numbers(self, key, ids: list[str]) -> np.ndarray:
        """The flow numbers of ``ids`` (every one in the flow index), kept under ``key``
        (a supplier's materials, asked product after product)."""
        found = self._flow_numbers.get(key)
        if found is None:
            number = self.analysis.flow_index.number
            found = self._flow_numbers[key] = np.fromiter(
                (number[n] for n in ids), np.int64, len(ids))
        return found

    def _among_upstream(self, ids: list[str], numbers: np.ndarray, product: str) -> list[str]:
        """Those of ``ids`` (their flow ``numbers``) upstream of the product, in their
        order: read from the flow index's mask of the product's upstream (kept for the
        last product asked), not from a set of its ids made for each product."""
        flow = self.analysis.flow_index
        mask = self.analysis._upstream_mask(flow, product)
        itself = flow.number.get(product, -1)
        if len(ids) <= 8:
            return [n for n, i in zip(ids, numbers.tolist(), strict=True)
                    if mask[i] and i != itself]
        return [ids[at] for at in np.flatnonzero(mask[numbers]).tolist()
                if numbers[at] != itself]

    def _made_by(self, node_id: str) -> tuple[list[str], dict[str, list[int]]]:
        """The producers :meth:`claims` reads for a supplier (itself, and the facilities
        and companies it operates or hosts), and material -> the positions among them of
        those that produce it (cached: asked for product after product)."""
        found = self._makers.get(node_id)
        if found is None:
            producers = [node_id] + [
                n for relation in ("OPERATED_BY", "LOCATED_IN")
                for n in self.graph.neighbours(node_id, relation, incoming=True)
                if model.kind_of(n) in ("Facility", "Company")]
            by_material: dict[str, list[int]] = defaultdict(list)
            for at, producer in enumerate(producers):
                for material in self.produced(producer):
                    by_material[material].append(at)
            found = self._makers[node_id] = (producers, dict(by_material))
        return found

    def held(self, node_id: str) -> list[str]:
        """The producers whose output losing the node takes with it: itself, a country's
        facilities and companies (LOCATED_IN), a company's facilities (OPERATED_BY).
        Sorted; cached (do not change the list)."""
        found = self._held.get(node_id)
        if found is None:
            found = self._held[node_id] = self._find_held(node_id)
        return found

    def _held_of(self, node_id: str) -> frozenset[str]:
        """:meth:`held` as a set (cached)."""
        found = self._held_set.get(node_id)
        if found is None:
            found = self._held_set[node_id] = frozenset(self.held(node_id))
        return found

    def _find_held(self, node_id: str) -> list[str]:
        held = {node_id}
        relations = {"Country": ("LOCATED_IN",), "Company": ("OPERATED_BY",)}
        for relation in relations.get(model.kind_of(node_id), ()):
            held |= set(self.graph.neighbours(node_id, relation, incoming=True))
        for company in [n for n in held if model.kind_of(n) == "Company" and n != node_id]:
            held |= set(self.graph.neighbours(company, "OPERATED_BY", incoming=True))
        return sorted(held)

    def held_weight(self, node_id: str, material: str, product: str) -> float:
        """The part of what is left of a material's output for the product (producers the
        scenario blocks for it left out) that the node holds, as the analysis weighs
        producers (:func:`producer_weights`)."""
        blocked = self.analysis.blocked_for(product)
        key = (node_id, material, blocked)
        if key not in self._weights:
            held = self._held_of(node_id)
            # producer_weights of the material's producers, as the compile read them
            left = [(c, w) for c, w in self.analysis.lookups().weights(material)
                    if (c.subject, material) not in blocked]
            total = sum(w for _, w in left)
            self._weights[key] = (sum(w for c, w in left if c.subject in held) / total
                                  if total > 0 else 0.0)
        return self._weights[key]

    def loss_material(self, node_id: str, product: str) -> str | None:
        """The material upstream of the product of which the node holds the largest part
        of what is left (the stage that makes its loss; ties to the smaller id), or None."""
        key = (node_id, product)
        if key in self._loss_material:
            return self._loss_material[key]
        # what the node produces upstream of the product, from the smaller side (a
        # country produces thousands of materials; a row, its paths and its caveats ask
        # this again for the same product)
        found = min(((-self.held_weight(node_id, m, product), m)
                     for m in self._relevant(node_id, product)), default=None)
        found = self._loss_material[key] = (found[1] if found is not None and found[0] < 0
                                            else None)
        return found

    def assumed_share(self, node_id: str, product: str | None = None) -> bool:
        """Whether the node's loss rests on a share that is assumed, not sourced: a
        facility or company that produces something without a share (an equal part of its
        country's or the rest of the world's share, 5.4; under ``--worst-case`` none to
        all of it, addendum 5.4 amended);
        with ``product``, a country whose largest part of a material upstream
        (:meth:`loss_material`) comes from such a producer of it (the country's own row
        without a share among them) while the country has no share of that material of its
        own (the producer's weight is a part of the rest of the world's)."""
        kind = model.kind_of(node_id)
        if kind == "Country" and product is not None:
            material = self.loss_material(node_id, product)
            if material is None or any(stated_share(self.graph, c) is not None
                                       for c in self._claims_making(node_id).get(material, ())):
                return False
            # the country's own row without a share joins the equal split too (5.4)
            unshared = self._unshared.get(node_id)
            if unshared is None:
                unshared = self._unshared[node_id] = frozenset(
                    c.object for p in self.held(node_id)
                    for c in self.graph.relation_claims(p, "PRODUCES")
                    if stated_share(self.graph, c) is None)
            return material in unshared
        if kind not in ("Facility", "Company"):
            return False
        producers = [node_id]
        if kind == "Company":
            producers += self.graph.neighbours(node_id, "OPERATED_BY", incoming=True)
        return any(stated_share(self.graph, c) is None and (
            not figures_count(self.graph, c) or output_share(self.graph, c) is None)
                   for p in producers for c in self.graph.relation_claims(p, "PRODUCES"))

    def splits(self, node_id: str, product: str) -> list[EqualSplit]:
        """What the node's assumed share (:meth:`assumed_share`) assumes: the pools it
        splits equally with others (:func:`equal_splits`) of the material its loss comes
        from (:meth:`loss_material`) and of each material it also produces further down
        that material's chain to the product (its loss compounds there: Lynas's ≈24% of
        the F-35 is Mount Weld's part of the heavy feed and Kuantan's of dysprosium oxide
        made from it, trial 8 MED-2); else of each material it produces upstream of the
        product."""
        held = self.held(node_id)
        first = self.loss_material(node_id, product)
        found = equal_splits(self.graph, first, held) if first else []
        if found:
            for material in self._relevant(node_id, product):
                if material != first and first in self.analysis.upstream(material):
                    found += equal_splits(self.graph, material, held)
        else:
            for material in self._relevant(node_id, product):
                if material != first:
                    found += equal_splits(self.graph, material, held)
        return found

    def pool_claims(self, splits: list[EqualSplit]) -> list[Claim]:
        """The claims of the shares that ``splits`` divide: each pool country's producing
        claim of the material, as the analysis read it. An equal part is no stronger than
        the share it is a part of, and a proxy when that share is one (section 5.7): the
        rest of the world's 43% of heavy rare-earth feed, rated low, makes Lynas's ≈ part
        of it low."""
        out = []
        for split in splits:
            if split.pool is None:
                continue
            out += [c for c, _ in self.analysis.lookups().weights(split.material)
                    if c.subject == split.pool]
        return out

    def country(self, node_id: str, product: str | None = None) -> str | None:
        """The country a row names: a country itself; a facility's location; for a
        company, given ``product``, the one country where all its output upstream of the
        product sits (its facilities', or its own where it produces without one, 5.1),
        and None when that output sits in several: a headquarters' country would
        suggest where a loss sits that comes from elsewhere (Lynas, in Australia, loses
        the F-35 ≈61% under the defence denial from its Kuantan plant in Malaysia; trial
        8, LOW-9). One rule, read by every view (text, CSV, JSON, the brief). A
        company that produces nothing upstream keeps its own location; a material's is
        its top producer's country."""
        kind = model.kind_of(node_id)
        if kind == "Country":
            return node_id
        if kind == "Company" and product is not None:
            places = {next(iter(self.graph.neighbours(p, "LOCATED_IN")), None)
                      for p in self.held(node_id) if self._relevant(p, product)}
            if len(places) > 1 or None in places:
                return None
            if places:
                return places.pop()
        if kind in ("Facility", "Company"):
            return next(iter(self.graph.neighbours(node_id, "LOCATED_IN")), None)
        if kind == "Material":
            found = concentration(self.graph, node_id)
            return found.top_country if found else None
        return None

    def pool_feed(self, node_id: str, product: str, loss: float) -> PoolFeed | None:
        """Under a scenario, what a country's figure ``loss`` is a share of when the graph
        does not support it as supply left to the product (findings 11: Myanmar named as
        57% of the F-35's residual under the defence denial, its share of world heavy
        rare-earth feed, which goes to China's separators the denial blocks; Lynas' feed
        is Mt Weld's).

        The country holds no producer the scenario leaves at a stage it blocks (its
        supply left there is its own: Malaysia's Kuantan), and the figure is at most its
        part of what is left of a stage (:meth:`held_weight`; of several, the one nearest
        the figure, then the smallest id)
        that the scenario blocks for no one and that lies upstream of materials on the
        product's path whose producers the scenario blocks in part (``feeds``: the
        nearest of them): the producers left take that stage from the world pool (design
        note 2), so the loss is the country's share of world output there (or the part
        of it that reaches the producers with no supplier of their own). None when the
        graph records the flow: one of the country's producers of the stage is itself a
        producer of a blocked material that the scenario leaves, or reaches one through
        SUPPLIES edges (Mt Weld to Kalgoorlie to Kuantan); None too for a node that is
        not a named country, with no scenario, or when the figure is no such share."""
        if (model.kind_of(node_id) != "Country" or node_id == REST_OF_WORLD
                or not self.analysis.restrictions or loss <= 0):
            return None
        blocked = self.analysis.blocked_for(product)
        stopped = {m for _, m in blocked}
        relevant = self._relevant(node_id, product)
        if any(m in stopped and self.held_weight(node_id, m, product) > 0
               for m in relevant):
            return None  # a producer left at a stage the scenario blocks: supply left
        upstream = self._upstream_set(product)
        ancestors = self.analysis.lookups().ancestors
        # the stage whose part is nearest the figure first (then by id): the one the
        # figure most likely is
        near = sorted((abs(self.held_weight(node_id, m, product) - loss), m)
                      for m in relevant if m not in stopped)
        for _, material in near:
            if self.held_weight(node_id, material, product) < loss - 1e-6:
                continue
            below = {m for s, m in blocked if s != "virtual" and m in upstream
                     and material in ancestors(m)}
            # the nearest of them: those no other one lies between the stage and
            feeds = sorted(m for m in below if not any(n in ancestors(m) for n in below))
            if feeds and not self._feed_recorded(node_id, material, sorted(below), blocked):
                issuers = tuple(self.analysis.issuers_for(product))
                return PoolFeed(material, tuple(feeds), issuers, node_id in issuers)
        return None

    def _upstream_set(self, product: str) -> frozenset[str]:
        """The materials upstream of the product (kept for the last product asked)."""
        if getattr(self, "_upstream_of", (None,))[0] != product:
            materials = sorted({m for _, m in self.analysis.blocked_for(product)})
            numbers = np.fromiter((self.analysis.flow_index.number.get(m, -1)
                                   for m in materials), np.int64, len(materials))
            known = [(m, n) for m, n in zip(materials, numbers.tolist(), strict=True)
                     if n >= 0]
            found = self._among_upstream([m for m, _ in known],
                                         np.array([n for _, n in known], np.int64), product)
            self._upstream_of = (product, frozenset(found))
        return self._upstream_of[1]

    def _feed_recorded(self, node_id: str, material: str, feeds: list[str],
                       blocked: frozenset) -> bool:
        """Whether one of the country's producers of ``material`` is, or supplies through
        SUPPLIES edges, a producer of one of ``feeds`` that the scenario does not block."""
        g = self.graph
        start = [p for p in self.held(node_id)
                 if any(c.object == material for c in g.relation_claims(p, "PRODUCES"))]
        seen, stack = set(start), list(start)
        while stack:
            here = stack.pop()
            if any(c.object in feeds and (here, c.object) not in blocked
                   for c in g.relation_claims(here, "PRODUCES")):
                return True
            for buyer in g.neighbours(here, "SUPPLIES"):
                if buyer not in seen:
                    seen.add(buyer)
                    stack.append(buyer)
        return False

    def hhi_material(self, node_id: str, product: str) -> str | None:
        """The material whose HHI a row shows: a material's own; for a supplier, the
        stage its loss comes from (:meth:`loss_material`), never another stage it also
        works at; None for an element."""
        kind = model.kind_of(node_id)
        if kind == "Material":
            return node_id
        if kind in SUPPLIER_KINDS:
            return self.loss_material(node_id, product)
        return None

    def hhi(self, node_id: str, product: str) -> float | None:
        """The HHI of :meth:`hhi_material` (None when it has no country shares)."""
        material = self.hhi_material(node_id, product)
        return self._material_hhi(material) if material is not None else None

    def _material_hhi(self, material: str) -> float | None:
        if material not in self._hhi:
            found = concentration(self.graph, material)
            self._hhi[material] = found.hhi if found else None
        return self._hhi[material]

    def paths(self, node_id: str, product: str, limit: int = 3) -> list[list[PathStep]]:
        """Up to ``limit`` shortest supply paths from the node to the product (kept: a
        row and the ranking's tie-break both read them).

        A path on which a supplier's material does not go into what its buyer makes next
        (Syrah's anode material to Tesla, then Tesla's robot actuator) is structurally a
        path but no evidence of supply, so it is passed over (of the first 50 tried).
        """
        key = (node_id, product, limit)
        found = self._paths.get(key)
        if found is None:
            found = self._paths[key] = self._find_paths(node_id, product, limit)
        return found

    def _find_paths(self, node_id: str, product: str, limit: int) -> list[list[PathStep]]:
        try:
            tried = islice(self.analysis.flow_index.shortest_simple_paths(node_id, product), 50)
            found = list(islice((p for p in tried if self._supplies_feed(p)), limit))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
        if model.kind_of(node_id) in SUPPLIER_KINDS and not self.analysis.restrictions:
            # a supplier's first path is the one through the stage that makes its loss
            # (without controls: under one, the brief's picture budget was not re-checked)
            material = self.loss_material(node_id, product)
            if material is not None and not any(material in p for p in found[:1]):
                lead = self._path_through(node_id, material, product)
                if lead:
                    found = [lead] + [p for p in found if p != lead][:limit - 1]
        return [[self.step(u, v, path[i + 2:]) for i, (u, v) in
                 enumerate(zip(path, path[1:], strict=False))] for path in found]

    def _path_through(self, node_id: str, material: str, product: str) -> list[str]:
        """The shortest supply path from the node to the product through the material, or
        [] when there is none (or it fails :meth:`_supplies_feed`)."""
        flow = self.analysis.flow_index
        try:
            path = (flow.shortest_path(node_id, material)
                    + flow.shortest_path(material, product)[1:])
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
        return path if len(set(path)) == len(path) and self._supplies_feed(path) else []

    def _supplies_feed(self, path: list[str]) -> bool:
        """Whether every SUPPLIES step's material goes into the next material on the path."""
        if self._supplies is None:
            self._supplies = next(iter(self.graph.edge_claims("SUPPLIES")), None) is not None
        if not self._supplies:  # no SUPPLIES step anywhere: nothing to check
            return True
        flow = self.analysis.flow_index
        for i in range(len(path) - 1):
            if flow.relations(path[i], path[i + 1]) != {"SUPPLIES"}:
                continue
            supplied = {c.qualifier("material") for c in self.graph.relation_claims(
                path[i], "SUPPLIES") if c.object == path[i + 1]}
            made = next((n for n in path[i + 2:] if model.kind_of(n) == "Material"), None)
            if None in supplied or made is None:
                continue
            inputs = set(self.graph.neighbours(made, "MADE_FROM")
                         + self.graph.neighbours(made, "REQUIRES"))
            if not supplied & inputs:
                return False
        return True

    def step_claim(self, u: str, v: str, after: Sequence[str] = ()) -> tuple[str, Claim | None]:
        """The relation and the claim behind one flow edge ``u -> v``: the claim the
        analysis reads for it, so that a step's confidence and sources are those the
        figure rests on (section 5.7).

        A supplier may SUPPLY a buyer under several claims: one per material, and claims
        that name no material, which the analysis never reads (``supplied_materials``).
        The step's claim is one the analysis reads: of the material that goes into the
        next material of the path (``after``, the nodes after ``v``) when one does, and
        of those the weakest (a low-rated line of an aggregator is what the figure rests
        on, not a medium-rated article that names no material).
        """
        found = self._edge_claims.get((u, v))
        if found is None:
            relations = sorted(self.analysis.flow_index.relations(u, v))
            relation = relations[0]
            subject, obj = (v, u) if FLOW_RELATIONS[relation] else (u, v)
            found = self._edge_claims[(u, v)] = (relation, [
                c for c in self.graph.relation_claims(subject, relation) if c.object == obj])
            if relation != "SUPPLIES" or len(found[1]) < 2:
                self._step_claim[(u, v)] = found[1][0] if found[1] else None
        relation, claims = found
        if relation == "SUPPLIES" and len(claims) > 1:
            read = [c for c in claims if c.qualifier("material") is not None]
            made = next((n for n in after if model.kind_of(n) == "Material"), None)
            if made is not None:
                inputs = set(self.graph.neighbours(made, "MADE_FROM")
                             + self.graph.neighbours(made, "REQUIRES"))
                read = [c for c in read if c.qualifier("material") in inputs] or read
            if read:
                return relation, min(read, key=_strength)
        return relation, claims[0] if claims else None

    def step(self, u: str, v: str, after: Sequence[str] = ()) -> PathStep:
        relation, claim = self.step_claim(u, v, after)
        if claim is None:
            return PathStep(u, v, relation, None, [])
        return PathStep(u, v, relation, claim.qualifier("share"), sorted(claim.sources),
                        claim.confidence, claim.qualifier("proxy"), claim.qualifier("note"))

    # ------------------------------------------------------------------ caveats
    def _prefetch_paths(self, sources, target: str) -> None:
        """:meth:`_path_claims` of each of ``sources`` to ``target`` not yet kept, their
        paths found in one compiled call (a supplier's materials to one product: thousands
        of searches for a large country)."""
        missing = sorted(s for s in sources if (s, target) not in self._path_cache)
        if len(missing) < 2:
            return
        flow = self.analysis.flow_index
        if target not in flow.number or any(s not in flow.number for s in missing):
            return
        for source, path in zip(missing, flow.shortest_paths_to(missing, target),
                                strict=True):
            self._path_cache[(source, target)] = self._steps_claims(path or [])

    def _steps_claims(self, path: list[str]) -> list[Claim]:
        """The claims of a path's steps (:meth:`step_claim`), in order, steps without one
        left out."""
        known = self._step_claim.get
        out = []
        for i in range(len(path) - 1):
            key = (path[i], path[i + 1])
            claim = known(key, _UNKNOWN)
            if claim is _UNKNOWN:
                claim = self.step_claim(key[0], key[1], path[i + 2:])[1]
            if claim is not None:
                out.append(claim)
        return out

    def _path_claims(self, source: str, target: str) -> list[Claim]:
        """The claims on the shortest supply path from ``source`` to ``target`` (cached)."""
        key = (source, target)
        if key not in self._path_cache:
            try:
                path = self.analysis.flow_index.shortest_path(source, target)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                path = []
            self._path_cache[key] = self._steps_claims(path)
        return self._path_cache[key]

    def _producer_claims(self, producer: str, material: str, product: str) -> list[Claim]:
        """The producer's claim to make the material, and the material's path to the product."""
        return ([c for c in self._claims_making(producer).get(material, ()) if self.weighs(c)]
                + self._path_claims(material, product))

    def _claims_making(self, producer: str) -> dict[str, list[Claim]]:
        """The producer's PRODUCES claims by material, in their order (cached: a country's
        own are thousands, asked material after material, product after product)."""
        by_material = self._made_claims.get(producer)
        if by_material is None:
            by_material = self._made_claims[producer] = {}
            for claim in self.graph.relation_claims(producer, "PRODUCES"):
                by_material.setdefault(claim.object, []).append(claim)
        return by_material

    def weighs(self, claim: Claim) -> bool:
        """Whether a producing claim enters the figures: one with a share of its own does;
        one without (a quantity alone, a producer of no stated share) only when the
        analysis gives its producer a part of the material (5.4). China's 2023 clay quota
        of heavy rare-earth feed, a quantity with no share in a set that adds up to 1,
        carries nothing: no figure rests on it, so none names it (trial 7, MED-6)."""
        if claim.predicate != "PRODUCES" or claim.qualifier("share") is not None:
            return True
        material = str(claim.object)
        held = self._weighed.get(material)
        if held is None:
            held = self._weighed[material] = frozenset(
                c.subject for c, w in self.analysis.lookups().weights(material) if w > 0)
        return claim.subject in held

    def caveats(self, node_id: str, product: str,
                paths: list[list[PathStep]] = ()) -> Caveats:
        """The caveats of losing ``node_id`` (section 5.7): those of the claims its loss
        rests on (:meth:`figure_rests_on` of the claims on its evidence paths)."""
        return Caveats.of(self.figure_rests_on(node_id, product,
                                               self.claims(node_id, product, paths)),
                          self.assumed_share(node_id, product))

    def figure_rests_on(self, node_id: str, product: str,
                        rests_on: list[Claim]) -> list[Claim]:
        """The claims a loss figure's confidence and weakest link read: those that
        determine the loss of ``product`` from losing ``node_id``
        (:func:`~mineralgraph.graph.analysis.figure.figure_claims`: the stages where the
        removal bites, the node's shares there, the chain to the product), not every
        claim on its evidence paths; ``rests_on`` (the evidence paths' claims,
        :meth:`claims`) where they cannot be traced. A weak claim on a path that does not
        change the figure no longer lowers it: the United States' proxy share of NdPr
        oxide made its 100% of the DDG-51, which it takes through Raytheon's radar
        plant, "medium, proxy"."""
        held_for, found = self._figure
        if held_for != product:
            # what the walk read is kept for one product's rows (its cone), not for every
            # material of a million-node graph
            found = {}
            self._figure = (product, found)
            self.figure_parts.clear()
        if node_id not in found:
            found[node_id] = figure_claims(self, node_id, product)
        return rests_on if found[node_id] is None else found[node_id]

    def claims(self, node_id: str, product: str,
               paths: list[list[PathStep]] = ()) -> list[Claim]:
        """The claims :meth:`caveats` reads for losing ``node_id``: what the answer rests
        on, and so the sources a view cites for it."""
        claims = list(self._path_claims(node_id, product))
        known = self._step_claim.get
        for path in paths:
            nodes = [s.target for s in path]
            for i, s in enumerate(path):
                claim = known((s.source, s.target), _UNKNOWN)
                if claim is _UNKNOWN:
                    claim = self.step_claim(s.source, s.target, nodes[i + 1:])[1]
                if claim is not None:
                    claims.append(claim)
        if model.kind_of(node_id) in SUPPLIER_KINDS:
            # each producer in turn, the materials it produces upstream of the product in
            # order; found from the materials' side (a country hosts thousands of them)
            producers, by_material = self._made_by(node_id)
            # the materials it makes upstream of the product, from the product's mask
            materials = list(by_material)
            common = self._among_upstream(
                materials, self._numbers(("made", node_id), materials), product)
            self._prefetch_paths(common, product)
            pairs = [(at, m) for m in common for at in by_material[m]]
            for at, material in sorted(pairs):
                claims += self._producer_claims(producers[at], material, product)
        return claims

    def path_caveats(self, materials: list[str], product: str) -> Caveats:
        """The caveats of the shortest paths from stages without mapped supply to the
        product: the high end of a range rests on them (section 5.7; a 0-100% loss from
        the DoD's unspecified rare-earth content is as strong as that requirement)."""
        return Caveats.of([c for m in materials for c in self._path_claims(m, product)])

    def availability_caveats(self, product: str) -> Caveats:
        """The caveats of a product's availability with nothing removed (section 5.7): it
        rests on every supply relation on its supply paths, the requirements, inputs and
        contents of the product and of each material upstream of it, and the producing
        claims of those materials (the shares that make each pool).

        A product's availability at baseline is 1 in both bounds by construction; what it
        rests on says how sure the mapped chain behind that 1 is.

        Caveats of a set of claims are those of its parts put together (the weakest
        confidence, the union of the proxies and of the disputes), so each node's part is
        made once (:meth:`_node_caveats`) and a product reads those of its upstream nodes
        as arrays, not every claim again product after product (a quarter of the
        all-products run at 100k nodes)."""
        flow = self.analysis.flow_index
        level, marked, parts, exact = self._node_caveats()
        numbers = flow.upstream_numbers([product])
        own = flow.number[product]
        at = int(np.searchsorted(numbers, own))
        if at == len(numbers) or numbers[at] != own:
            numbers = np.insert(numbers, at, own)
        weakest_level = int(level[numbers].min()) if len(numbers) else len(LEVELS)
        proxies: set = set()
        disputes: set = set()
        low: set = set()
        ratings: set = set()
        for node in numbers[marked[numbers]].tolist():
            node_proxies, node_disputes, node_low, node_ratings = parts[node]
            proxies.update(node_proxies)
            disputes.update(node_disputes)
            low.update(node_low)
            ratings.update(node_ratings)
        if exact:  # a node with a claim on a product: read as the claims say
            ups = self.analysis.upstream(product)
            for node in numbers.tolist():
                if node in exact:
                    for claim in exact[node]:
                        if claim.object in ups:
                            found = Caveats.of([claim])
                            if found.confidence is not None:
                                weakest_level = min(weakest_level,
                                                    LEVELS.index(found.confidence))
                            proxies.update(found.proxies)
                            disputes.update(found.disputes)
                            low.update(found.low)
                            ratings.update(found.ratings)
        return Caveats(LEVELS[weakest_level] if weakest_level < len(LEVELS) else None,
                       tuple(sorted(proxies)), False, tuple(sorted(disputes)),
                       tuple(sorted(low)), tuple(sorted(ratings))
                       ) | Caveats.of(self.sourcing_claims(product))

    def short_sets(self, product: str) -> list[dict]:
        """The materials upstream of a product whose country shares, as the analysis reads
        them, add up to less than 1: ``material``, ``total`` and the sets' ``years``.

        Design note 5.5 reads a set above 1 as shares of its sum; one short of 1 is read as
        given (addendum, 5.5 extended), its gap output no source names: what keeps a
        product's availability below 100% with nothing removed (the Tomahawk at
        2022-06-01: cobalt mine output's 2022 shares add up to 99.99%; trial 8, LOW-8).
        Under ``--worst-case`` a gap within the shares' rounding is read as the whole
        output, so none is listed for it."""
        out = []
        lookups = self.analysis.lookups()
        for material in self.analysis.upstream_sorted(product):
            if model.kind_of(material) != "Material":
                continue
            weights = lookups.weights(material)
            shares = [c for c, _ in weights if c.qualifier("share") is not None]
            total = sum(w for _, w in weights)
            if shares and total < 1.0 - 1e-9:
                years = sorted({int(c.qualifier("year")) for c in shares
                                if c.qualifier("year") is not None})
                out.append({"material": material, "total": round(total, 6), "years": years})
        return out

    def sourcing_claims(self, product: str) -> list[Claim]:
        """The explicit sourcing claims on a product's supply chain: SUPPLIES claims
        whose buyer and material are upstream of the product (cached per product).

        They decide which supply the product draws (section 5.3: a buyer with named
        suppliers takes the material from them, not from the world pool), so every
        figure of the product rests on them, at baseline and under a scenario alike
        (section 5.7): dropping one changes the figure. "JL Mag supplies Tesla" makes
        Optimus lose 100% under a Chinese embargo; without it, 99%.
        """
        found = self._sourcing.get(product)
        if found is None:
            if self._supplies is None:
                self._supplies = next(iter(self.graph.edge_claims("SUPPLIES")), None) is not None
            found = []
            if self._supplies and product in self.analysis.flow_index.number:
                ups = self.analysis.upstream(product)
                found = [c for c in self.graph.edge_claims("SUPPLIES")
                         if str(c.object) in ups and c.qualifier("material") in ups]
            self._sourcing[product] = found
        return found

    def _node_caveats(self):
        """What :meth:`availability_caveats` reads of each node of the flow index (made
        once): the weakest confidence of its claims there (an index into ``LEVELS``;
        ``len(LEVELS)`` when none is rated), whether it has a proxy, a dispute or a
        low-rated claim, and those (node -> (proxies, disputes, low-rated claims)); and the
        claims of a node whose other end is a product, which only the product's upstream
        may hold (node -> claims, read per product).

        A product's or material's requirements, inputs and contents, and its producers,
        are its suppliers in the flow view, so they are upstream of any product the node
        is upstream of (or is): the upstream filter keeps them all, except a claim whose
        other end is a product (the product itself is never upstream of itself)."""
        if self._caveat_parts is not None:
            return self._caveat_parts
        flow = self.analysis.flow_index
        graph = self.graph
        none = len(LEVELS)
        rank = {name: i for i, name in enumerate(LEVELS)}
        level = np.full(len(flow.ids), none, np.int8)
        marked = np.zeros(len(flow.ids), np.bool_)
        parts: dict[int, tuple[list, list, list, list]] = {}
        exact: dict[int, list[Claim]] = {}
        kind_of = model.kind_of
        for number, node in enumerate(flow.ids):
            if kind_of(node) not in ("Material", "Product"):
                continue
            claims = []
            for relation in ("REQUIRES", "MADE_FROM", "CONTAINS"):
                claims += graph.relation_claims(node, relation)
            # a claim the analysis gives no part is left out (weighs); only asked of one
            # that could lower the level or mark the node (weights are compiled per
            # material: asked of every producer, at a million nodes, they would all be)
            claims += [c for c in graph.relation_claims(node, "PRODUCES", incoming=True)
                       if not _could_weaken(c) or self.weighs(c)]
            low = none
            for claim in claims:
                if kind_of(str(claim.object)) == "Product":
                    exact.setdefault(number, []).append(claim)
                    continue
                found = rank.get(claim.confidence, none)
                if found < low:
                    low = found
                if (claim.qualifier("proxy") or claim.qualifier("disputed")
                        or claim.confidence == "low"):
                    marked[number] = True
                    held = Caveats.of([claim])
                    node_parts = parts.setdefault(number, ([], [], [], []))
                    node_parts[0].extend(held.proxies)
                    node_parts[1].extend(held.disputes)
                    node_parts[2].extend(held.low)
                    node_parts[3].extend(held.ratings)
            level[number] = low
        self._caveat_parts = (level, marked, parts, exact)
        return self._caveat_parts

    def scenario_caveats(self, product: str) -> Caveats:
        """The caveats of a product's availability under the analysis' scenario: the
        evidence of every node it removes and every producer its controls block, and,
        when it takes something from the product, the explicit sourcing on the product's
        supply chain (:meth:`sourcing_claims`) that routes the supply it takes."""
        out = Caveats()
        ups = self.analysis.upstream(product)
        for node_id in self.analysis.removed:
            if node_id in ups:
                out |= self.caveats(node_id, product)
        # what it blocks in the worst case alone (a material of unstated grade, a product
        # with no maker recorded) makes the high end of the loss: it rests on that too
        blocked = (set(self.analysis.blocked_for(product))
                   | set(self.analysis.blocked_for(product, "lower")))
        for producer, material in sorted(blocked):
            if producer != "virtual" and material in ups:
                out |= Caveats.of(self._producer_claims(producer, material, product))
        if out != Caveats():
            # the loss rests on the explicit sourcing that routes the product's supply
            # to (or away from) what the scenario takes, as the availability does
            out |= Caveats.of(self.sourcing_claims(product))
        return out


def _could_weaken(claim: Claim) -> bool:
    """Whether a claim could make an answer weaker than "high": rated below it, a proxy
    or disputed."""
    return (claim.confidence in ("low", "medium") or bool(claim.qualifier("proxy"))
            or bool(claim.qualifier("disputed")))


def _strength(claim: Claim) -> tuple[int, str]:
    """Orders claims weakest first (unrated last), then by id: the same on every run."""
    levels = {"unknown": -1, "low": 0, "medium": 1, "high": 2}
    return (levels.get(claim.confidence, 3), claim.id)


def chokepoints(graph: SupplyGraph, products: list[str] | None = None,
                scenario: Scenario | None = None, top: int | None = None,
                evidence: bool = True, analysis: Analysis | None = None
                ) -> list[ProductReport]:
    """Chokepoint reports for the products (all when None), on a graph at its date.

    Every figure is a range over the two bounds of section 5.6: ``loss`` is the upper
    bound's (section 2 as it stands), ``loss_range`` the [min, max] of the two; a bound
    whose availability is 0 with nothing removed contributes no loss. ``analysis`` is an
    :class:`Analysis` of this graph and scenario already built (to share it with other
    answers); one is built when not given.
    """
    if analysis is None:
        analysis = Analysis(graph, scenario)
    products = [graph.require(p, "Product") for p in products] if products else analysis.products()
    tables = {b: analysis.loss_tables(products, b) for b in BOUNDS}
    proof = Evidence(analysis)
    reports = [_report(analysis, proof, product, {b: tables[b][product] for b in BOUNDS}, top,
                       evidence)
               for product in products]
    if graph.left_out:
        for report, found in zip(reports, left_out_each(graph, [[r.product] for r in reports]),
                                 strict=True):
            report.left_out = found
    if analysis.scenario is not None:
        add_worst_case(graph, analysis.scenario, reports)
    return reports


def add_worst_case(graph: SupplyGraph, scenario: Scenario,
                   reports: list[ProductReport]) -> None:
    """Set each report's ``worst_case_loss_range`` and ``worst_case`` under the scenario:
    what ``--worst-case`` gives beside its loss, from
    :func:`~mineralgraph.graph.analysis.comparison.worst_case_beside` (as the scenario's
    rows carry it), so that a figure counting unknown supply as kept never reads as safe
    alone. A product not made yet on the date has no figure and gets none."""
    made = [r for r in reports if not r.not_made]
    rows = [{"product": r.product, "loss_range": r.scenario_loss_range} for r in made]
    for report, row in zip(made, worst_case_beside(graph, scenario, rows), strict=True):
        report.worst_case_loss_range = row["worst_case_loss_range"]
        report.worst_case = row["worst_case"]


def _report(analysis: Analysis, proof: Evidence, product: str, tables: dict, top: int | None,
            evidence: bool) -> ProductReport:
    """One product's report from its loss tables in both bounds (the losses by node are
    read from them when the rows are ranked)."""
    graph = analysis.graph
    live = [b for b in BOUNDS if analysis.reference(product, b) > 0]
    # the single points of failure as sorted lists; a row asks its tables (a set per
    # product and bound, kept by every row, would take gigabytes at a million nodes).
    # Which of them a view names is decided once, by Analysis.sole_sources: every one of
    # section 5.6, the rest of the world (5.2) and a maker's country (5.1) included; what
    # they are is said beside them (rest_of_world_only, through_makers).
    upper_spofs = tables["upper"].spofs()
    lower_spofs = tables["lower"].spofs() if "lower" in live else set()
    rest_of_world_only = REST_OF_WORLD in upper_spofs
    certain_set = analysis.sole_sources(product, upper_spofs, "upper")
    possible_set = analysis.sole_sources(product, lower_spofs - upper_spofs, "lower")
    certain, possible = sorted(certain_set), sorted(possible_set)
    through = {**analysis.through_makers(product, lower_spofs - upper_spofs, "lower"),
               **analysis.through_makers(product, upper_spofs, "upper")}
    unnamed = (upper_spofs | lower_spofs) - certain_set - possible_set

    def loss_of(node_id: str, bound: str) -> float:
        # a single point of failure's loss is 1 - 0 / before: exactly 1.0
        return tables[bound].loss(node_id)

    ranking: list[RankedIds] = []
    ranks: dict[str, int | None] = {}

    def ranked() -> RankedIds:
        if not ranking:
            found = _rank(tables, live, unnamed, high_first=analysis.worst_case)
            if evidence:  # at an equal loss the better-supported row first (one rule)
                found = found.reordered(support_order(list(found), lambda n: tuple(
                    round(tables[b].loss(n), 12) for b in BOUNDS),
                    lambda n: _row_caveats(proof, n, product,
                                           _position(certain, n) is not None)))
            ranking.append(found)
        return ranking[0]

    def rank_of(node_id: str) -> int | None:
        # the supplier ranks are made when a row is first built, not when the rows are
        # ranked or counted (at a million nodes: 20,000 products, 10 million rows)
        if not ranks:
            ranks[""] = None
            ranks.update(supplier_ranks(ranked()))
        return ranks.get(node_id)

    def row(node_id: str) -> Chokepoint:
        # membership read from the sorted lists the report keeps anyway: the sets of
        # every product, held by this closure, took some 160 MiB at a million nodes
        pair = [loss_of(node_id, b) for b in live] or [0.0]
        spof = _position(certain, node_id) is not None
        found = _row(proof, node_id, product, loss_of(node_id, "upper"), spof, evidence)
        found.loss_range = (min(pair), max(pair))
        found.possible_spof = _position(possible, node_id) is not None
        found.through_makers = through.get(node_id, [])
        found.rank = rank_of(node_id)
        if evidence and found.loss_range[0] < found.loss_range[1] - 1e-12:
            found.behind = analysis.behind(product, [node_id])
            if rule_set(loss_of(node_id, "upper") if "upper" in live else None,
                        found.loss_range[1], fact_drivers=not found.behind
                        or proof.assumed_share(node_id, product)):
                # the mapped supply loses nothing without the node (nor may it, through a
                # share of a pool it splits): the unmapped rule sets the loss alone, and
                # no fact says how large it is
                found.caveats = found.caveats.unknown()
        return found

    rows = Rows(lambda: ranked()[:top] if top else ranked(), row)
    makers = set(graph.neighbours(product, "MAKES", incoming=True))

    def supplier() -> Chokepoint | None:
        found = next((n for n in ranked() if model.kind_of(n) in SUPPLIER_KINDS
                      and n not in makers and n not in through and n != REST_OF_WORLD), None)
        return row(found) if found else None

    def concentrated() -> Chokepoint | None:
        # the highest HHI; at an equal one the better-supported top share, then the
        # smaller id (the one tie-break, support_key)
        hhis = [(proof.hhi(n, product), n) for n in ranked() if model.kind_of(n) == "Material"]
        found = min(((-h, support_key(concentration_support(graph, n)), n)
                     for h, n in hhis if h is not None), default=(None, None, None))[2]
        return row(found) if found else None

    availability = analysis.availability_range(product)
    scenario = analysis.scenario
    rests_on = proof.scenario_caveats(product) if scenario else Caveats()
    if rests_on == Caveats():
        rests_on = proof.availability_caveats(product)
    return ProductReport(
        product, graph.label(product), graph.values(product, "end_use"), graph.as_of_date,
        scenario.name if scenario else None, analysis.baseline(product), rows,
        analysis.unmapped(product), supplier, concentrated, certain, sorted(makers),
        availability=availability[1],
        availability_range=availability,
        baseline_range=analysis.baseline_range(product),
        mapped_availability=analysis.mapped_availability(product),
        possible_spofs=possible,
        behind=analysis.behind(product) if availability[0] < availability[1] else [],
        # the availability carries what it rests on, with a scenario and without (5.7):
        # under a scenario what it removes or blocks; where it takes nothing from the
        # product, or with none, the mapped chain behind the availability
        caveats=rests_on,
        scenario_title=scenario.title if scenario else None,
        untraced=analysis.untraced_upstream(product),
        rest_of_world_only=rest_of_world_only,
        through_makers={c: through[c] for c in sorted(through)},
        issuers=analysis.issuers_for(product),
        not_made=graph.not_made_yet(product),
        worst_case_issuers=sorted({r.issuer for r in analysis.lower_only_restrictions(product)}),
        wide=analysis.worst_case,
        short_sets=(Deferred(lambda: proof.short_sets(product))
                    if analysis.baseline_range(product)[1] < 1.0 - 1e-9 else []))


def supplier_ranks(ranked: list[str]) -> dict[str, int]:
    """The rank of each supplier (country, company, facility) in a product's ranked ids:
    its place among the suppliers, from 1. Inputs (materials, elements) have none.

    >>> supplier_ranks(["element:Dy", "company:moog", "material:m", "country:CN"])
    {'company:moog': 1, 'country:CN': 2}
    """
    suppliers = (n for n in ranked if model.kind_of(n) in SUPPLIER_KINDS)
    return {n: rank for rank, n in enumerate(suppliers, 1)}


def _rank(tables: dict, live: list[str], unnamed: set[str] = frozenset(),
          high_first: bool = False) -> RankedIds:
    """Every node with a loss in either bound, ranked: certain single points of failure,
    then possible ones, then by loss in the upper bound, by the larger loss of the bounds
    with supply (``live``), and by id; a node in ``unnamed`` (a
    single point of failure :meth:`Analysis.sole_sources` would not name: none while it
    follows section 5.6) ranks by its loss.

    ``high_first`` (``--worst-case``): by the larger loss first, then the upper bound's.
    Section 3 orders by loss, the upper bound's (5.6), which is the low end of a range;
    the note says nothing of the bounded pools only ``--worst-case`` builds (addendum 5.4
    amended), whose low end is 0: ranked by it, JL Mag's ≈0-92% of the F-35 fell to #24
    below rows whose whole range is lower (trial 8, LOW-8). The option exists to show
    those rows, so it ranks by the high end.
    Sorted as arrays (a product can have 100,000 rows), and kept as numbers into the
    ids they are read from (:class:`RankedIds`)."""
    upper, lower = tables["upper"], tables["lower"]
    if upper.ids is lower.ids or not len(upper.candidates) or not len(lower.candidates):
        ids = upper.ids if len(upper.candidates) else lower.ids
        numbers = {"upper": upper.candidates, "lower": lower.candidates}
    else:  # the bounds read different graphs (--min-confidence): number the ids afresh
        ids = sorted({upper.ids[c] for c in upper.candidates.tolist()}
                     | {lower.ids[c] for c in lower.candidates.tolist()})
        position = {n: i for i, n in enumerate(ids)}
        numbers = {b: np.array([position[tables[b].ids[c]]
                                for c in tables[b].candidates.tolist()], np.int64)
                   for b in BOUNDS}
    nodes = np.union1d(numbers["upper"], numbers["lower"])
    loss = {}
    for bound in BOUNDS:
        loss[bound] = np.zeros(len(nodes))
        loss[bound][np.searchsorted(nodes, numbers[bound])] = tables[bound].values()
    certain = np.zeros(len(nodes), np.bool_)
    certain[np.searchsorted(nodes, numbers["upper"][upper.after == 0.0])] = True
    possible = np.zeros(len(nodes), np.bool_)
    if "lower" in live:
        possible[np.searchsorted(nodes, numbers["lower"][lower.after == 0.0])] = True
        possible &= ~certain
    for node_id in sorted(unnamed):
        at = _position(ids, node_id)
        if at is not None:
            certain[nodes == at] = possible[nodes == at] = False
    best = (np.maximum.reduce([loss[b] for b in live]) if live else np.zeros(len(nodes)))
    # a node is in ``nodes`` for a bound without supply only through its table, whose
    # losses that bound's row ignores; ids sort as their numbers do
    order = (np.lexsort((nodes, -loss["upper"], -best, ~possible, ~certain)) if high_first
             else np.lexsort((nodes, -best, -loss["upper"], ~possible, ~certain)))
    return RankedIds(ids, nodes[order])


def support_order(ids: list[str], figure: Callable[[str], tuple],
                  support: Callable[[str], Caveats]) -> list[str]:
    """``ids`` (ranked, ties by id) with each run of equal ``figure`` put in the one
    tie-break order (:func:`~mineralgraph.graph.analysis.confidence.support_key`): the
    better-supported first, then by id. ``support`` is asked only of ids in a tie.

    >>> rated = {"a": Caveats("low"), "b": Caveats("high"), "c": Caveats("high")}
    >>> support_order(["a", "b", "c"], lambda n: (1.0,) if n != "c" else (0.5,),
    ...               rated.get)
    ['b', 'a', 'c']
    """
    out: list[str] = []
    start = 0
    figures = [figure(n) for n in ids]
    for end in range(1, len(ids) + 1):
        if end == len(ids) or figures[end] != figures[start]:
            run = ids[start:end]
            out += (sorted(run, key=lambda n: (support_key(support(n)), n)) if len(run) > 1
                    else run)
            start = end
    return out


def _row_caveats(proof: Evidence, node_id: str, product: str, spof: bool) -> Caveats:
    """The caveats a row of ``node_id`` shows (:func:`_row`): the claims on its evidence
    paths and, for an assumed (≈) share, those of the share it splits."""
    paths = proof.paths(node_id, product)
    rests_on = proof.figure_rests_on(node_id, product, proof.claims(node_id, product, paths))
    assumed = proof.assumed_share(node_id, product) and not spof
    if assumed:
        rests_on = rests_on + proof.pool_claims(proof.splits(node_id, product))
    return Caveats.of(rests_on, assumed)


def _position(ids: list[str], node_id: str) -> int | None:
    """The number of ``node_id`` in the sorted ``ids``, or None when absent."""
    from bisect import bisect_left

    at = bisect_left(ids, node_id)
    return at if at < len(ids) and ids[at] == node_id else None


def _row(proof: Evidence, node_id: str, product: str, loss: float, spof: bool,
         evidence: bool) -> Chokepoint:
    paths = proof.paths(node_id, product) if evidence else []
    # the row cites the claims its figure rests on, those its confidence reads (section
    # 5.7): the paths shown and, for a supplier, its own output of each material it
    # makes for the product with that material's path onward (the paths alone left out
    # the share a country's loss is made of: China's concentrate for Optimus)
    shown = proof.claims(node_id, product, paths) if evidence else []
    # its confidence reads the claims that determine its loss, among them or beside
    # (figure_rests_on); it cites them all
    rests_on = proof.figure_rests_on(node_id, product, shown) if evidence else []
    sources = sorted({s for c in shown + rests_on for s in c.sources})
    measured = proof.hhi_material(node_id, product) if evidence else None
    assumed = proof.assumed_share(node_id, product) and not spof
    splits = proof.splits(node_id, product) if assumed and evidence else []
    if splits:
        # an equal part rests on the share it divides (5.7): its rating, proxy, source
        pooled = proof.pool_claims(splits)
        rests_on = rests_on + pooled
        sources = sorted(set(sources) | {s for c in pooled for s in c.sources})
    row = Chokepoint(node_id, model.kind_of(node_id) or "", proof.graph.label(node_id),
                     1.0 if spof else loss, spof, proof.stage(node_id, product),
                     proof.country(node_id, product),
                     proof.hhi(node_id, product) if evidence else None,
                     sources, paths, assumed,
                     caveats=Caveats.of(rests_on, assumed) if evidence else Caveats())
    row.splits = splits
    if evidence:
        row.pool_feed = proof.pool_feed(node_id, product, row.loss)
    if row.pool_feed is not None:
        # the HHI of the stage whose countries the figure counts, as it says
        measured = row.pool_feed.material
        row.hhi = proof._material_hhi(measured)
    if measured is not None and row.hhi is not None:
        row.hhi_material = measured
        row.hhi_stage = proof.graph.attribute(measured, "stage")
    return row
