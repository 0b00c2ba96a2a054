"""What a snapshot shows: the chain around one node, folded to stay readable.

A :class:`Chain` is the picture's content before any geometry: the *spine* (elements,
materials, products) in stage columns, and under each material its producers
(countries, companies, facilities) with their share, the minor ones folded into one
"rest of world" node. Companies that operate a facility and countries that host one
are written on the facility (``MP Materials · US``) rather than drawn as nodes of their
own. Losses come from the dependency model, computed by the caller
(:func:`~mineralgraph.graph.analysis.exposure.chain_exposure`): suppliers that are single
points of failure, and the top chokepoints by loss, are marked with their loss.

>>> from mineralgraph import load_bundled
>>> from mineralgraph.graph.analysis.exposure import chain_exposure
>>> graph = load_bundled()
>>> chain = build_chain(graph, chain_exposure(graph, "product:f-35"))
>>> chain.nodes["product:f-35"].column == STAGES.index("product")
True
>>> sorted(n.label for n in chain.nodes.values() if n.spof and n.role == "producer")[:1]
['Honeywell']
>>> top = chain.top[0]
>>> top.rank, top.label, top.loss, top.figure()
(1, 'Honeywell', 1.0, 'SPOF, sole source')
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

import mineralgraph
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.analysis.chokepoints import STAGES
from mineralgraph.graph.analysis.concentration import REST_OF_WORLD
from mineralgraph.graph.analysis.confidence import Caveats
from mineralgraph.graph.analysis.exposure import ChainExposure
from mineralgraph.graph.analysis.structure import producer_weights, share_ranges, stated_share
from mineralgraph.graph.flow import flow_graph
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model
from mineralgraph.reports.common import percent, source_citation, span

#: A producer with less than this share of a material is folded into "rest of world".
MINOR_SHARE = 0.05
#: A chokepoint is shown by name under a material only from this share up.
KEEP_SHARE = 0.01
#: At most this many named producers under one material (chokepoints are always shown).
MAX_PRODUCERS = 5
HIGHLY_CONCENTRATED = 2500.0


def shares_split(graph: SupplyGraph, material: str) -> set[str]:
    """The producers of a material whose share is an equal part of a pool they split
    with others (5.4): a pool of one member is held whole, no assumption."""
    from mineralgraph.graph.analysis.splits import material_splits

    return {m for split in material_splits(graph, material) if len(split.members) > 1
            for m in split.members}


@dataclass(frozen=True)
class Bar:
    """One country's part of a material's stacked share bar (compact snapshots).

    ``owner`` is the country id (``country:XX`` for other countries, "" for the part of
    the world no source maps, a company id for a company with no country);
    ``companies`` are (name, share, assumed) of the companies and facilities inside it.
    """

    owner: str
    label: str
    share: float
    assumed: bool = False
    companies: tuple = ()
    blocked: bool = False
    #: what the share rests on when that is weak (``low, proxy``), as the tables say it
    note: str = ""
    #: name -> (low, high) of a company inside that splits a pool with others and has no
    #: share of its own (structure.share_ranges): what may be said of its share
    company_ranges: tuple = ()
    #: (low, high) of an assumed share made of pooled producers' parts, else None
    share_range: tuple | None = None
    #: the weakest confidence of the claims the share rests on (None when unrated)
    confidence: str | None = None

    def company_share(self, name: str, share: float, assumed: bool) -> str:
        """``≈0-94%`` for a company that splits a pool (it may hold none of it or all),
        else its share (≈ when assumed): never the equal split as a figure."""
        ranges = dict(self.company_ranges)
        if name in ranges and ranges[name][0] < ranges[name][1] - 1e-12:
            return "≈" + span(*ranges[name])
        return ("≈" if assumed else "") + percent(share)

    def share_text(self) -> str:
        """``91% (low, proxy)``: the share, ≈ when assumed, and its weak caveats."""
        return self.bare_share() + (f" ({self.note})" if self.note else "")

    def bare_share(self) -> str:
        """``≈47%``: the share alone, for inside the bar (the tag goes on the name line);
        ``≈0-6.0%`` when it is made of pooled producers' parts (never the equal split)."""
        if self.share_range and self.share_range[0] < self.share_range[1] - 1e-12:
            return "≈" + span(*self.share_range)
        return ("≈" if self.assumed else "") + percent(self.share)


def weak_tag(caveats: Caveats) -> str:
    """What is weak about a share, short enough for a box: ``low``, ``proxy``,
    ``disputed`` (joined), or "" when nothing is.

    >>> proxy = (("country:CN", "material:x", "all"),)
    >>> weak_tag(Caveats("medium", proxy)), weak_tag(Caveats("low", proxy)), weak_tag(Caveats())
    ('proxy', 'low, proxy', '')
    """
    return ", ".join(part for part, weak in (("low", caveats.confidence == "low"),
                                             ("proxy", bool(caveats.proxies)),
                                             ("disputed", bool(caveats.disputes))) if weak)


#: How a SPOF that is not one supplier is labelled (exposure.not_one_supplier): the rest
#: of the world (many countries, design note 5.2) and a maker's country (5.1).
SPOF_WHAT = {"rest_of_world": "SPOF, many countries", "through_makers": "SPOF, via maker"}


def figure_text(loss: float, spof: bool, low: float | None = None,
                possible: bool = False, what: str = "", assumed: bool = False) -> str:
    """What a chokepoint costs, as the report says it: ``SPOF, sole source``,
    ``possible SPOF, loss 98-100%`` or ``loss 83%``; a SPOF that is the rest of the world
    or a maker's country (``what``) says so instead of "sole source". A loss that rests on
    an assumed (equal-split) share reads ``loss ≈50%``, as the report writes it (trial 11:
    the Mermaid snapshot showed an equal split as an exact 50%).

    >>> figure_text(1.0, True), figure_text(0.83, False), figure_text(1.0, False, 0.98, True)
    ('SPOF, sole source', 'loss 83%', 'possible SPOF, loss 98-100%')
    >>> figure_text(1.0, True, what="rest_of_world")
    'SPOF, many countries'
    >>> figure_text(0.5, False, assumed=True)
    'loss ≈50%'
    """
    if spof:
        return SPOF_WHAT.get(what, "SPOF, sole source")
    text = f"loss {'≈' if assumed else ''}{span(loss if low is None else low, loss)}"
    return ("possible SPOF, " if possible else "") + text


@dataclass(frozen=True)
class Choke:
    """A top chokepoint written in the box of the material where it acts.

    ``low`` is the lower end of its loss range (None: a single figure); ``possible``,
    a single point of failure in the lower bound only; ``note`` what the figure rests on
    when that is weak (``low confidence; rests on a proxy``).
    """

    rank: int
    id: str
    label: str
    loss: float
    spof: bool
    cause: str
    owner: str = ""  # the country it sits in (itself for a country)
    low: float | None = None
    possible: bool = False
    #: what a marked loss rests on when that is weak (``low confidence; rests on a proxy``)
    note: str = ""
    #: what it is when not one supplier (exposure.not_one_supplier), for its label
    what: str = ""
    #: whether its loss rests on an assumed share (an equal split, 5.4): ``≈`` before it
    assumed: bool = False

    def figure(self) -> str:
        return figure_text(self.loss, self.spof, self.low, self.possible, self.what,
                           self.assumed)


@dataclass
class Node:
    """One box of the picture.

    ``key`` is unique in the picture; ``id`` is the graph id (None for a folded node).
    A producer box is drawn once per material it produces (``parent``).
    """

    key: str
    id: str | None
    kind: str
    label: str
    column: int
    role: str  # "spine" or "producer"
    detail: str = ""
    parent: str | None = None
    share: float | None = None
    loss: float | None = None
    spof: bool = False
    rank: int | None = None
    hhi: float | None = None
    focus: bool = False
    sources: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    via: str | None = None  # the operator, when it is a top chokepoint (facilities)
    via_rank: int | None = None
    blocked: bool = False  # out under the scenario (removed, or cut by a restriction)
    assumed: bool = False  # no sourced share: an equal part (5.4; --worst-case: none to all)
    share_range: tuple | None = None  # (low, high) when it splits a pool with others
    bars: list[Bar] = field(default_factory=list)  # compact: country shares
    unknown: bool = False  # compact: a material with no mapped producer
    chokes: list[Choke] = field(default_factory=list)  # compact: chokepoints acting here
    #: the low end of ``loss`` when it is a range (None: one figure), and whether it is a
    #: single point of failure in the lower bound only
    low: float | None = None
    possible: bool = False

    def share_text(self) -> str:
        """The share as a percentage, with ≈ when it is assumed rather than sourced; a
        range (``≈0-94%``) for a producer that splits a pool with others
        (structure.share_ranges), never the equal split as a figure."""
        if self.share_range and self.share_range[0] < self.share_range[1] - 1e-12:
            return "≈" + span(*self.share_range)
        return ("≈" if self.assumed else "") + percent(self.share)


@dataclass(frozen=True)
class Edge:
    """A drawn flow from one box to another (keys), with its relation and sources."""

    source: str
    target: str
    relation: str
    share: float | None = None
    sources: tuple[str, ...] = ()
    hot: bool = False  # on the evidence path of a top chokepoint's loss


def compress(cited: str) -> str:
    """``[1][2][3][5]`` -> ``1-3, 5``: source numbers in a narrow table cell.

    >>> compress("[1][2][3][5][7][8]")
    '1-3, 5, 7-8'
    """
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", cited)]
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


@dataclass(frozen=True)
class Top:
    """A supplier marked in the picture: its rank, id, name and loss (``low``,
    ``possible`` and ``note`` as in :class:`Choke`)."""

    rank: int
    id: str
    label: str
    loss: float
    spof: bool
    low: float | None = None
    possible: bool = False
    note: str = ""
    what: str = ""
    #: the sources its report row cites, as the chokepoint report numbers them
    #: (``[1][2][4]``; "" when the picture has no such numbering)
    cited: str = ""
    #: whether its loss rests on an assumed share (as :class:`Choke`)
    assumed: bool = False

    def figure(self) -> str:
        return figure_text(self.loss, self.spof, self.low, self.possible, self.what,
                           self.assumed)

    def citation(self) -> str:
        """``[1-4, 6]``: :attr:`cited` compressed for a picture's line, or ""."""
        return f"[{compress(self.cited)}]" if self.cited else ""


@dataclass
class Chain:
    """The content of a snapshot (see the module docstring)."""

    focus: str
    title: str
    direction: str
    as_of: date | None
    scenario: str | None
    version: str
    nodes: dict[str, Node]
    edges: list[Edge]
    top: list[Top]
    availability: float | None = None
    baseline: float | None = None
    citations: dict[str, str] = field(default_factory=dict)
    compact: bool = False
    #: [lower, upper] availability under the scenario and without it (compact chains)
    availability_range: tuple[float, float] | None = None
    baseline_range: tuple[float, float] | None = None
    #: source id -> its number as the chokepoint report of the product numbers it (the
    #: table's rows first, in rank order, then the picture's other sources by id), so a
    #: number in the picture is the report's; empty: the picture numbers its own sources
    numbering: dict[str, int] = field(default_factory=dict)
    #: inputs with no mapped supply that are not drawn (compact chains list them)
    unknown_inputs: list[str] = field(default_factory=list)
    #: why a rank between the marked chokepoints is not marked (:func:`skipped_note`)
    skipped: list[str] = field(default_factory=list)
    #: drawn from an analysis read with the addendum's wider readings (``--worst-case``)
    worst_case: bool = False
    #: drawn from an analysis that read press figures (``--press-figures``)
    press_figures: bool = False
    #: the product's availability with its inputs of no mapped supply counted missing
    #: (Analysis.mapped_availability), and how many such inputs it has
    mapped_availability: float | None = None
    unmapped_count: int = 0
    #: what the availability under a scenario rests on when that is weak, naming its
    #: weakest proxy as the report's summary does (``low confidence, from a proxy: ...``;
    #: design note 5.7): the caption says it beside the figure; "" when not weak
    availability_note: str = ""
    #: under a scenario, what ``--worst-case`` gives beside what the product keeps where
    #: it reads otherwise (``" (a loss of 0-92% under --worst-case: grade not stated;
    #: conf. medium)"``, :func:`~mineralgraph.reports.tables.report_worst_case_note`)
    worst_case_note: str = ""

    def mapped_text(self) -> str | None:
        """What the product's availability is with its inputs of no mapped supply counted
        missing, said beside the availability (5.6's bounds, both 1 at baseline by
        construction), never as it: ``0% with its 14 unmapped inputs counted missing``;
        None when every input has mapped supply or the lower bound is no higher.

        >>> chain = Chain("product:p", "P", "upstream", None, None, "v", {}, [], [], 1.0)
        >>> chain.mapped_availability, chain.unmapped_count = 0.0, 14
        >>> chain.mapped_text()
        '0% with its 14 unmapped inputs counted missing'
        """
        low = (self.availability_range or (self.availability, self.availability))[0]
        if (not self.unmapped_count or self.mapped_availability is None
                or (low is not None and self.mapped_availability >= low - 1e-12)):
            return None
        n = self.unmapped_count
        return (f"{percent(self.mapped_availability)} with its {n} unmapped "
                f"input{'' if n == 1 else 's'} counted missing")

    def availability_text(self) -> str | None:
        """The product's availability as every report gives it: a % range when the
        report gives one (``100%``, ``0-<0.1%``), never a fraction beside % losses."""
        if self.availability is None:
            return None
        return span(*(self.availability_range or (self.availability, self.availability)))

    def baseline_text(self) -> str | None:
        """The product's availability without the scenario, as :meth:`availability_text`."""
        if self.baseline is None:
            return None
        return span(*(self.baseline_range or (self.baseline, self.baseline)))

    def kept_text(self) -> str | None:
        """The share of its supply the product keeps under the scenario (a range when the
        report gives one), or None without a scenario."""
        if not self.scenario or self.availability is None:
            return None
        under = self.availability_range or (self.availability, self.availability)
        base = self.baseline_range or (self.baseline, self.baseline)
        kept = [a / b if b else 0.0 for a, b in zip(under, base, strict=True)]
        return span(min(kept), max(kept))

    def loss_basis(self, short: bool = False) -> str | None:
        """What a chokepoint's loss is a share of when a scenario cuts the product's
        supply: what it still gets, not its whole supply (as the text report says it).
        None without a scenario, or when the product keeps all its supply. ``short``: for
        a legend.

        >>> chain = Chain("product:p", "P", "upstream", None, "s", "v", {}, [], [], 0.0, 1.0)
        >>> chain.loss_basis(), chain.loss_basis(short=True)
        ('what it still gets under the scenario (0% of its supply)', 'what is left (0%)')
        """
        kept = self.kept_text()
        if kept is None or kept == "100%":
            return None
        if short:
            return f"what is left ({kept})"
        return f"what it still gets under the scenario ({kept} of its supply)"

    @property
    def sources(self) -> list[str]:
        """Every source behind a drawn box or flow, sorted."""
        found = {s for e in self.edges for s in e.sources}
        found |= {s for n in self.nodes.values() for s in n.sources}
        return sorted(found)

    @property
    def listed(self) -> list[str]:
        """The numbered list of sources, in number order: the product's one list (its
        chokepoint report's and brief's, :attr:`numbering`) when the picture follows it,
        else :attr:`sources`."""
        if not self.numbering:
            return self.sources
        rest = [s for s in self.sources if s not in self.numbering]
        return sorted(self.numbering, key=self.numbering.get) + rest

    def number(self, source: str) -> int:
        """The number of a source in the picture's numbered list (1 for the first): as
        the chokepoint report numbers it when the picture follows that report
        (:attr:`numbering`), else its place among :attr:`sources`."""
        if not self.numbering:
            return self.sources.index(source) + 1
        if source in self.numbering:
            return self.numbering[source]
        rest = [s for s in self.sources if s not in self.numbering]
        return max(self.numbering.values()) + rest.index(source) + 1

    def columns(self) -> list[int]:
        """The stage columns that hold at least one box, in order."""
        return sorted({n.column for n in self.nodes.values()})

    def caption(self, sources: str | None = None, keeps: bool = True) -> str:
        """As-of date, scenario, dataset version and what the sources count, on one line:
        by default the sources behind the picture (a brief passes its own count, of the
        sources it lists). A compact picture under a scenario whose availability rests on
        weak claims says what it keeps and on what (:attr:`availability_note`), unless
        ``keeps`` is false (a brief, whose summary says it beside the figure)."""
        when = self.as_of.isoformat() if self.as_of else "latest data"
        scenario = self.scenario or "none (baseline)"
        if self.worst_case:  # every view says when --worst-case is on
            scenario += " · worst case (--worst-case)"
        if self.press_figures:  # and --press-figures
            scenario += " · press figures used (--press-figures)"
        n = len(self.listed)
        plural = "" if n == 1 else "s"
        sources = sources or (
            f"{n} source{plural}, numbered as the product's chokepoint report and brief "
            "number them" if self.numbering else f"{n} source{plural} behind the picture")
        # a compact picture's box gives what the product keeps; what that figure rests on
        # does not fit there, so the caption says it (the full chain's header adds its own)
        kept = (self.kept_text() if keeps and self.compact
                and (self.availability_note or self.worst_case_note) else None)
        # the note may hold parentheses of its own ("(2020)"): set off by a colon, not
        # nested in parentheses; then what --worst-case gives beside the figure
        note = f": {self.availability_note}" if self.availability_note else ""
        keeps = f" · keeps {kept} of its supply{note}{self.worst_case_note}" if kept else ""
        return (f"As of {when} · scenario: {scenario}{keeps} · dataset {self.version} · "
                f"{sources}")


def dataset_version(graph: SupplyGraph) -> str:
    """``mineralgraph`` version plus a short hash of the claims loaded (the same at any
    ``--as-of`` and ``--min-confidence``).

    >>> from mineralgraph import SupplyGraph
    >>> dataset_version(SupplyGraph([]))
    '0.1.0+e3b0c442'
    """
    # every claim loaded, whatever the date or confidence filter: one dataset, one version
    digest = hashlib.sha256("\n".join(sorted(graph.loaded)).encode()).hexdigest()
    return f"{mineralgraph.__version__}+{digest[:8]}"


def stage_column(graph: SupplyGraph, node_id: str) -> int:
    """The column of a spine node: elements first, products last, materials by stage."""
    kind = model.kind_of(node_id)
    if kind == "Element":
        return 0
    if kind == "Product":
        return len(STAGES) - 1
    stage = graph.attribute(node_id, "stage")
    return STAGES.index(stage) if stage in STAGES else STAGES.index("component")


def skipped_note(rank: int, label: str, why: str, loss: float) -> str:
    """Why rank ``rank`` is not marked in a picture (the reasons of
    :func:`~mineralgraph.graph.analysis.exposure.not_one_supplier`), as every picture's
    list of ranks says it.

    >>> skipped_note(4, "United States", "through_makers", 1.0)
    "4. United States: 100% only through its makers' own work there, not a supplier"
    >>> skipped_note(7, "rest of world", "rest_of_world", 0.26)
    '7. rest of world: many countries, not one supplier'
    """
    if why == "rest_of_world":
        return f"{rank}. {label}: many countries, not one supplier"
    return (f"{rank}. {label}: {percent(loss)} only through its makers' own work there, "
            "not a supplier")


def build_chain(graph: SupplyGraph, found: ChainExposure) -> Chain:
    """The folded chain around ``found.focus`` (see the module docstring).

    Parameters
    ----------
    graph : SupplyGraph
        Already at its as-of date.
    found : ChainExposure
        What :func:`~mineralgraph.graph.analysis.exposure.chain_exposure` computed for the
        node: its spine (direction, depth), losses, chokepoints and what a scenario blocks.
    """
    node_id, direction = found.focus, found.direction
    flow = flow_graph(graph)
    chain = _Builder(graph, found).chain(direction, flow)
    if not chain.edges and not flow.degree(node_id):
        raise MineralGraphError(f"nothing to draw: {node_id} is on no supply path")
    if not chain.edges:
        other = "downstream" if direction == "upstream" else "upstream"
        raise MineralGraphError(f"nothing to draw: no supply chain {direction} of {node_id} "
                                f"(try --{other})")
    return chain


class _Builder:
    def __init__(self, graph: SupplyGraph, found: ChainExposure):
        self.graph, self.found = graph, found
        self.focus, self.spine, self.scenario = found.focus, set(found.spine), found.scenario
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.losses: dict[str, tuple] = dict(found.losses)
        self.top: list[str] = list(found.top)
        self.removed: set[str] = set(found.removed)
        self.blocked_pairs: set[tuple[str, str]] = set(found.blocked)
        self._weights: dict[tuple[str, str], float] = {}
        self._ranges: dict[tuple[str, str], tuple[float, float]] = {}
        self.linked = {c.subject for c in graph.edge_claims("SUPPLIES")} | {
            c.object for c in graph.edge_claims("SUPPLIES")}

    # ------------------------------------------------------------------ build
    def chain(self, direction: str, flow: nx.DiGraph) -> Chain:
        g = self.graph
        availability, baseline = self.found.availability, self.found.baseline
        for node_id in sorted(self.spine):
            self._spine_node(node_id)
        self._spine_edges(flow)
        for material in sorted(n for n in self.spine if model.kind_of(n) == "Material"):
            self._producers(material)
        self._supplies()
        # the analysis' rank (place among the suppliers), as every table shows it
        ranked = [(self.found.ranks.get(key, i), key) for i, key in enumerate(self.top, 1)]
        top = [Top(rank, key, g.label(key), *self.losses[key], note=self._note(key),
                   what=self.found.what.get(key, "")) for rank, key in ranked]
        for node in self.nodes.values():
            if node.kind == "Product" and node.loss is not None:
                node.note = self._note(node.id)
        for rank, key in ranked:
            for node in self.nodes.values():
                if node.id == key:
                    node.rank = node.rank or rank
                    node.note = self._note(key)
                elif key in _operators(g, node) and node.via_rank is None:
                    node.via, node.via_rank = g.label(key), rank
        chain = Chain(self.focus, g.label(self.focus), direction, g.as_of_date,
                     self.scenario.name if self.scenario else None, dataset_version(g),
                     dict(sorted(self.nodes.items())), sorted(set(self.edges),
                                                              key=lambda e: (e.source, e.target,
                                                                             e.relation)),
                     top, availability, baseline)
        chain.citations = {s: source_citation(g, s) for s in chain.sources}
        chain.skipped = [skipped_note(*row) for row in self.found.unmarked]
        # the availability (5.6's bounds), as the report and the compact picture give it,
        # and beside it what mapped supply alone gives
        chain.availability_range = self.found.availability_range
        chain.baseline_range = self.found.baseline_range
        if self.found.mapped is not None:
            chain.mapped_availability, chain.unmapped_count = self.found.mapped
        caveats = self.found.availability_caveats
        if self.scenario is not None and caveats is not None and caveats.weak:
            from mineralgraph.reports.summary import headline_phrase

            chain.availability_note = headline_phrase(g, caveats)[1:-1]
        from mineralgraph.reports.tables import report_worst_case_note

        chain.worst_case_note = report_worst_case_note(self.found)
        chain.worst_case = g.worst_case
        chain.press_figures = g.press_figures
        return chain

    def _note(self, node_id: str | None) -> str:
        """What a marked loss rests on when that is weak (``low confidence; rests on a
        proxy``), as the compact picture and the report write it; "" otherwise."""
        from mineralgraph.reports.summary import caveat_phrase

        caveats = self.found.caveats.get(node_id)
        return caveat_phrase(caveats).strip("()") if caveats is not None and caveats.weak else ""

    def _spine_node(self, node_id: str) -> None:
        g = self.graph
        kind = model.kind_of(node_id)
        detail, hhi = "", None
        if kind == "Material":
            found = self.found.concentrations.get(node_id)
            stage = g.attribute(node_id, "stage") or ""
            if found and found.hhi:
                hhi = found.hhi
                lead = (found.top_country or "").partition(":")[2]
                detail = f"{stage} · HHI {found.hhi:,.0f}" + (f" · {lead} leads" if lead else "")
            else:
                detail = f"{stage} · shares not mapped" if not g.relation_claims(
                    node_id, "PRODUCES", incoming=True) else stage
        elif kind == "Element":
            detail = str(g.attribute(node_id, "symbol") or node_id.partition(":")[2])
        elif kind == "Product":
            detail = ", ".join(g.values(node_id, "end_use"))
        loss, spof, low, possible = self.losses.get(node_id, (None, False, None, False))
        self.nodes[node_id] = Node(node_id, node_id, kind, g.label(node_id),
                                   stage_column(g, node_id), "spine", detail, loss=loss,
                                   spof=spof and kind == "Product", hhi=hhi, low=low,
                                   possible=possible,
                                   focus=node_id == self.focus,
                                   blocked=node_id in self.removed,
                                   sources=_label_sources(g, node_id))

    def _spine_edges(self, flow: nx.DiGraph) -> None:
        sub = flow.subgraph(self.spine)
        for u, v in sorted(sub.edges()):
            relations = sorted(sub[u][v]["relations"])
            if relations == ["CONTAINS"] and _implied(sub, u, v):
                continue  # the element reaches v through an earlier material: not drawn
            relation = relations[0]
            self.edges.append(Edge(u, v, relation, None, tuple(_edge_sources(
                self.graph, u, v, relation))))

    def _producers(self, material: str) -> None:
        g = self.graph
        claims = [c for c in g.relation_claims(material, "PRODUCES", incoming=True)]
        if not claims:
            return
        column = self.nodes[material].column
        keep_always = set(self.top) | {self.focus} | self.linked
        # the weights the analysis uses: a country's share net of its own facilities'
        weights = dict(producer_weights(g, material, claims))
        self._weights.update({(c.subject, material): w for c, w in weights.items()})
        self._ranges.update({(c.subject, material): (lo, hi)
                             for c, lo, hi in share_ranges(g, material, claims)})
        ordered = sorted(claims, key=lambda c: (-(weights.get(c) or 0.0), c.subject))
        kept, folded = [], []
        for claim in ordered:
            share = weights.get(claim)
            always = (claim.subject in keep_always or bool(
                keep_always & set(_operators(g, claim.subject)))) and (
                share is None or share >= KEEP_SHARE)
            minor = (claim.subject == REST_OF_WORLD or (share is not None and share < MINOR_SHARE)
                     or len(kept) >= MAX_PRODUCERS)
            (folded if minor and not always else kept).append(claim)
        if len(folded) == 1 and folded[0].subject != REST_OF_WORLD:
            kept, folded = kept + folded, []
        for claim in kept:
            self._producer(claim, material, column)
        if folded:
            shares = [weights.get(c) for c in folded]
            total = sum(s for s in shares if s is not None) if any(
                s is not None for s in shares) else None
            named = [g.label(c.subject) for c in folded if c.subject != REST_OF_WORLD]
            key = f"others>{material}"
            label = "Rest of world" if not named else f"Rest of world ({len(named)} others)"
            self.nodes[key] = Node(key, None, "Others", label, column, "producer",
                                   ", ".join(named), parent=material, share=total,
                                   sources=sorted({s for c in folded for s in c.sources}),
                                   folded=sorted(c.subject for c in folded))
            self.edges.append(Edge(key, material, "PRODUCES", total,
                                   tuple(sorted({s for c in folded for s in c.sources}))))

    def _producer(self, claim, material: str, column: int) -> None:
        g = self.graph
        producer = claim.subject
        key = f"{producer}>{material}"
        loss, spof, low, possible = self.losses.get(producer, (None, False, None, False))
        share = self._weights.get((producer, material), stated_share(g, claim))
        owners = {producer, *_operators(g, producer), *g.neighbours(producer, "LOCATED_IN")}
        blocked = (producer, material) in self.blocked_pairs or bool(owners & self.removed)
        # a share resting on a low-confidence claim, a proxy or a dispute says so
        tag = weak_tag(Caveats.of([claim]))
        detail = _producer_detail(g, producer)
        detail = "; ".join(p for p in (detail, f"share: {tag}" if tag else "") if p)
        self.nodes[key] = Node(key, producer, model.kind_of(producer) or "", g.label(producer),
                               column, "producer", detail,
                               parent=material, share=share, loss=loss, spof=spof, low=low,
                               possible=possible, focus=producer == self.focus or self.focus in (
                                   _operators(g, producer) + g.neighbours(producer, "LOCATED_IN")),
                               sources=sorted(claim.sources), blocked=blocked,
                               assumed=stated_share(g, claim) is None
                               and producer in shares_split(g, material),
                               share_range=self._ranges.get((producer, material)))
        self.edges.append(Edge(key, material, "PRODUCES", share, tuple(sorted(claim.sources))))

    def _supplies(self) -> None:
        """SUPPLIES links between producers of the chain (and suppliers of those), for the
        materials of the chain only: a producer's suppliers of other things (Syrah's
        graphite to Tesla, in a picture of dysprosium) are not part of this picture."""
        g = self.graph
        boxes = defaultdict(list)
        for key, node in self.nodes.items():
            if node.role == "producer" and node.id:
                boxes[node.id].append(key)
        pending = sorted(boxes)
        seen = set(pending)
        while pending:
            buyer = pending.pop(0)
            for claim in g.relation_claims(buyer, "SUPPLIES", incoming=True):
                supplied = claim.qualifier("material")
                if supplied is not None and supplied not in self.spine:
                    continue
                supplier = claim.subject
                target = max(boxes[buyer], key=lambda k: (self.nodes[k].column, k))
                if supplier not in boxes:
                    column = max(1, self.nodes[target].column - 1)
                    key = f"{supplier}>supplies"
                    loss, spof, low, possible = self.losses.get(supplier,
                                                                (None, False, None, False))
                    self.nodes[key] = Node(key, supplier, model.kind_of(supplier) or "",
                                           g.label(supplier), column, "producer",
                                           _producer_detail(g, supplier), loss=loss, spof=spof,
                                           low=low, possible=possible,
                                           focus=supplier == self.focus,
                                           sources=sorted(claim.sources))
                    boxes[supplier].append(key)
                source = max(boxes[supplier], key=lambda k: (self.nodes[k].column, k))
                self.edges.append(Edge(source, target, "SUPPLIES", None,
                                       tuple(sorted(claim.sources))))
                if supplier not in seen:
                    seen.add(supplier)
                    pending.append(supplier)


def _implied(sub: nx.DiGraph, u: str, v: str) -> bool:
    """Whether v is reachable from u other than by the edge u -> v."""
    return any(v in nx.descendants(sub, w) for w in sub.successors(u) if w != v)


def _edge_sources(graph: SupplyGraph, u: str, v: str, relation: str) -> list[str]:
    from mineralgraph.graph.flow import FLOW_RELATIONS

    subject, obj = (v, u) if FLOW_RELATIONS[relation] else (u, v)
    return sorted({s for c in graph.relation_claims(subject, relation) if c.object == obj
                   for s in c.sources})


def _label_sources(graph: SupplyGraph, node_id: str) -> list[str]:
    return sorted({s for c in graph.attribute_claims(node_id, "label") for s in c.sources})


def _operators(graph: SupplyGraph, node) -> list[str]:
    """The companies operating a facility (none for other kinds)."""
    node_id = node if isinstance(node, str) else node.id
    if not node_id or model.kind_of(node_id) != "Facility":
        return []
    return graph.neighbours(node_id, "OPERATED_BY")


def _producer_detail(graph: SupplyGraph, producer: str) -> str:
    """``MP Materials · US`` for a facility, the country code for a company, ISO code for
    a country."""
    kind = model.kind_of(producer)
    if kind == "Country":
        return "" if producer == REST_OF_WORLD else producer.partition(":")[2]
    operators = [graph.label(c) for c in graph.neighbours(producer, "OPERATED_BY")]
    countries = [c.partition(":")[2] for c in graph.neighbours(producer, "LOCATED_IN")]
    return " · ".join(operators + countries)
