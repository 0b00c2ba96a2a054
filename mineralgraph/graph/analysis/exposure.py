"""Everything a picture or brief is drawn from, computed once.

Pictures (``render/``) receive computed results and never run the analysis: the caller
(a command, or :mod:`mineralgraph.api`) calls :func:`exposure` for the compact picture of
a product, :func:`chain_exposure` for the full chain around any node, or
:func:`brief_exposure` for a brief, and passes the result in, so the figures drawn are
the figures of the report. Each builds one :class:`Analysis` (and, under a scenario, the
baseline analysis it shares), never more.

>>> from mineralgraph import load_bundled
>>> found = exposure(load_bundled(), "product:optimus")
>>> found.report.product, found.blocked, found.comparison
('product:optimus', frozenset(), [])
>>> whole = chain_exposure(load_bundled(), "product:f-35")
>>> whole.direction, whole.top[0], whole.losses["company:honeywell"]
('upstream', 'company:honeywell', (1.0, True, None, False))
>>> [round(v, 4) if isinstance(v, float) else v for v in whole.losses["country:CN"]]
[1.0, False, None, False]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import networkx as nx

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.analysis.chokepoints import (
    SUPPLIER_KINDS,
    Evidence,
    ProductReport,
    chokepoints,
)
from mineralgraph.graph.analysis.comparison import compare, worst_case_beside
from mineralgraph.graph.analysis.concentration import REST_OF_WORLD, Concentration, concentration
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.flow import dependent_products, flow_graph
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

#: The kinds a chain's spine is made of (producers hang under its materials).
SPINE_KINDS = ("Element", "Material", "Product")
#: How many supplier chokepoints (by loss) are marked besides the single points of failure
#: (4: with 5, the F-35's picture in its one-page brief falls under 16 cm).
TOP_CHOKEPOINTS = 4
#: A supplier whose loss is below this is not marked as a chokepoint.
MIN_LOSS = 0.01


@dataclass(frozen=True)
class Exposure:
    """A product's chokepoint report, and under a scenario what it blocks and changes.

    ``blocked`` holds the (producer, material) pairs the scenario's restrictions block
    for this product; ``comparison`` the rows of :func:`compare` (empty without a
    scenario). The report itself gives the availability under the scenario and without
    it, as ranges.
    """

    report: ProductReport
    blocked: frozenset = frozenset()
    comparison: list[dict] = field(default_factory=list)
    scenario: Scenario | None = None


def not_one_supplier(report: ProductReport, row) -> str | None:
    """What a chokepoint row stands for when it is not one supplier, for a picture's label:
    ``"rest_of_world"`` (many countries), ``"through_makers"`` (a country that stops the
    product only through its makers' own work, :meth:`Analysis.through_makers`), else
    None. Such a row is still marked, and a SPOF when its loss is 1 (5.2, 5.6)."""
    if row.id == REST_OF_WORLD:
        return "rest_of_world"
    if row.id in report.through_makers:
        return "through_makers"
    return None


def top_suppliers(report: ProductReport) -> list:
    """The suppliers every picture of a product marks as its chokepoints, in rank order:
    each certain single point of failure, then the :data:`TOP_CHOKEPOINTS` next ranked
    suppliers whose loss reaches :data:`MIN_LOSS` at its high end. The rest of the world
    and a maker's country are marked like any supplier (design note 5.2, 5.6); their
    labels say what they are (:func:`not_one_supplier`).

    The one choice the compact snapshot, the full chain and the brief's picture share,
    so a loss the report ranks among the first is drawn in each of them.

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.graph.analysis.chokepoints import chokepoints
    >>> [c.label for c in top_suppliers(chokepoints(load_bundled(), ["product:f-35"])[0])]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Honeywell', 'Northrop Grumman', 'Moog', 'China', 'Democratic Republic of the Congo',
     'Myanmar', 'JL Mag Rare-Earth']
    """
    suppliers = [c for c in report.chokepoints if c.kind in SUPPLIER_KINDS]
    top = [c for c in suppliers if c.spof]
    top += [c for c in suppliers
            if not c.spof and c.loss_range[1] >= MIN_LOSS][:TOP_CHOKEPOINTS]
    return sorted(top, key=lambda c: c.rank)


def unmarked_ranks(report: ProductReport, shown) -> list[tuple]:
    """The ranked rows before the last of the ``shown`` ranks that a picture does not mark
    and that :func:`not_one_supplier` describes, each as (row, why), in rank order: what a
    picture's list of ranks says instead of skipping them without a word (none while
    :func:`top_suppliers` marks them like any supplier)."""
    last = max(shown, default=0)
    found = [(c, not_one_supplier(report, c)) for c in report.chokepoints
             if c.rank and c.rank < last and c.rank not in shown]
    return [(c, why) for c, why in found if why is not None]


def exposure(graph: SupplyGraph, product: str, scenario: Scenario | None = None) -> Exposure:
    """The :class:`Exposure` of ``product`` (a graph at its as-of date): one analysis
    under the scenario, and the baseline it is compared with."""
    if scenario is not None:
        scenario.check(graph)
    analysis = Analysis(graph, scenario)
    report = chokepoints(graph, [product], scenario, analysis=analysis)[0]
    if scenario is None:
        return Exposure(report)
    # the row carries what --worst-case gives beside its loss, as the report has it
    # (chokepoints: worst_case_beside, computed once)
    rows = [{**row, "worst_case_loss_range": report.worst_case_loss_range,
             "worst_case": report.worst_case}
            for row in compare(graph, scenario, [product], analysis=analysis)]
    return Exposure(report, frozenset(analysis.blocked_for(product)), rows, scenario)


@dataclass(frozen=True)
class ChainExposure:
    """What the full chain around ``focus`` is drawn with (:func:`chain_exposure`).

    ``spine`` holds the elements, materials and products within reach (``direction``,
    ``depth``); ``losses`` maps a supplier (for a product focus) or a product in view
    (for any other focus) to (loss, single point of failure, low end of the loss or None
    when it is one figure, possible single point of failure): the high end and the low
    end of the range over both bounds (section 5.6); ``top`` are the suppliers
    marked as chokepoints, in rank order; ``removed`` the nodes the scenario takes out
    and ``blocked`` the (producer, material) pairs it blocks for the products in view;
    ``availability`` and ``baseline`` the product's [lower, upper] ranges under the
    scenario and without it (None for another focus); ``concentrations`` the country
    shares of each material of the spine; ``comparison`` the scenario's rows for the
    products in view (when asked for).
    """

    focus: str
    direction: str
    depth: int | None
    spine: frozenset
    losses: dict
    top: tuple = ()
    removed: frozenset = frozenset()
    blocked: frozenset = frozenset()
    availability: tuple | None = None
    baseline: tuple | None = None
    concentrations: dict = field(default_factory=dict)
    comparison: list = field(default_factory=list)
    scenario: Scenario | None = None
    as_of: date | None = None
    #: each of ``top``'s rank in the product's report (its place among the suppliers)
    ranks: dict = field(default_factory=dict)
    #: what each marked supplier's loss (for a product focus) or each product's loss (for
    #: any other focus) rests on (section 5.7)
    caveats: dict = field(default_factory=dict)
    #: for a focus that is not a product: the products outside the spine that may still
    #: need it, as ``dependents`` lists them, each with why ("grade" or "untraced") and
    #: the materials it rests on (of unstated grade, or nothing traces them), sorted
    beyond: dict = field(default_factory=dict)
    #: for a product focus: the ranks before the last marked one that are not marked
    #: (:func:`unmarked_ranks`), each as (rank, label, why, high end of its loss)
    unmarked: tuple = ()
    #: for a product focus: the availability stated under the scenario and without it,
    #: [low, high], as the report gives them (``availability``/``baseline`` are the upper
    #: bounds)
    availability_range: tuple | None = None
    baseline_range: tuple | None = None
    #: for a product focus: what a marked supplier that is not one supplier stands for
    #: (:func:`not_one_supplier`: "rest_of_world", "through_makers"), for its label
    what: dict = field(default_factory=dict)
    #: for a product focus: (mapped availability, number of inputs of no mapped supply),
    #: said beside the availability (Analysis.mapped_availability)
    mapped: tuple | None = None
    #: for a product focus: what its availability rests on (the report's ``caveats``,
    #: section 5.7), for the picture to say beside the figure
    availability_caveats: object = None
    #: for a product focus under a scenario: its loss range, and what ``--worst-case``
    #: gives beside it (the report's, :func:`~mineralgraph.graph.analysis.chokepoints.
    #: add_worst_case`), for the picture to say beside the figure
    scenario_loss_range: list | None = None
    worst_case: dict | None = None

    def products(self) -> list[str]:
        """The products of the spine, sorted."""
        return sorted(n for n in self.spine if model.kind_of(n) == "Product")


def _figures(row) -> tuple[float, bool, float | None, bool]:
    """A chokepoint row's loss as a picture gives it: (high end, single point of failure,
    low end or None for one figure, possible single point of failure)."""
    high = max(row.loss, row.loss_range[1])
    low = min(row.loss, row.loss_range[0])
    return high, row.spof, None if low >= high - 1e-12 else low, row.possible_spof


def default_direction(node_id: str) -> str:
    """``upstream`` for products and materials (what they need), else ``downstream``."""
    return "upstream" if model.kind_of(node_id) in ("Product", "Material") else "downstream"


def chain_spine(flow: nx.DiGraph, node_id: str, direction: str,
                depth: int | None) -> frozenset:
    """The elements, materials and products at most ``depth`` flow steps from ``node_id``
    (upstream or downstream), itself included when it is one."""
    reach = flow if direction == "downstream" else flow.reverse(copy=False)
    lengths = nx.single_source_shortest_path_length(reach, node_id, cutoff=depth)
    spine = {n for n in lengths if model.kind_of(n) in SPINE_KINDS}
    if model.kind_of(node_id) in SPINE_KINDS:
        spine.add(node_id)
    return frozenset(spine)


def chain_exposure(graph: SupplyGraph, node_id: str, direction: str | None = None,
                   depth: int | None = None, scenario: Scenario | None = None,
                   with_comparison: bool = False) -> ChainExposure:
    """The losses, chokepoints and blocked supply the full chain around ``node_id`` shows.

    For a product: the chokepoint report of the product (suppliers that are single
    points of failure, and the top ones by loss). For any other node: what each product
    in view loses without it. Under a scenario: what it removes and blocks, and with
    ``with_comparison`` its rows for the products in view. One :class:`Analysis` serves
    every answer.
    """
    graph.require(node_id)
    if scenario is not None:
        scenario.check(graph)
    direction = direction or default_direction(node_id)
    if direction not in ("upstream", "downstream"):
        raise MineralGraphError(f"direction must be upstream or downstream, not {direction!r}")
    spine = chain_spine(flow_graph(graph), node_id, direction, depth)
    products = sorted(n for n in spine if model.kind_of(n) == "Product")
    analysis = Analysis(graph, scenario)
    removed: frozenset = frozenset()
    blocked: set = set()
    if scenario is not None:
        removed = frozenset(scenario.remove)
        for product in products:
            blocked |= analysis.blocked_for(product)
    losses: dict = {}
    top: list[str] = []
    ranks: dict = {}
    caveats: dict = {}
    beyond: dict = {}
    unmarked: tuple = ()
    ranges: tuple = (None, None)
    what: dict = {}
    mapped = availability_caveats = None
    worst_case = scenario_loss = None
    availability = baseline = None
    if model.kind_of(node_id) == "Product":
        report = chokepoints(graph, [node_id], scenario, evidence=False, analysis=analysis)[0]
        suppliers = [c for c in report.chokepoints if c.kind in SUPPLIER_KINDS]
        losses = {c.id: _figures(c) for c in suppliers}
        marked = top_suppliers(report)
        top = [c.id for c in marked]
        what = {c.id: why for c in marked if (why := not_one_supplier(report, c))}
        ranks = {c.id: c.rank for c in marked}
        unmarked = tuple((c.rank, c.label, why, _figures(c)[0])
                         for c, why in unmarked_ranks(report, set(ranks.values())))
        # what each marked figure rests on (section 5.7), as its report row says it: the
        # rows were ranked without evidence, so it is gathered for these few alone
        proof = Evidence(analysis)
        for c in marked:
            assumed = proof.assumed_share(c.id, node_id) and not c.spof
            caveats[c.id] = replace(proof.caveats(c.id, node_id, proof.paths(c.id, node_id)),
                                    assumed_share=assumed)
        availability, baseline = report.availability, report.baseline
        ranges = (report.availability_range, report.baseline_range)
        mapped = (report.mapped_availability, len(report.unmapped))
        availability_caveats = report.caveats
        scenario_loss, worst_case = report.scenario_loss_range, report.worst_case
    else:
        evidence = Evidence(analysis)
        # both bounds (section 5.6) as dependents gives them (Analysis.node_losses: the
        # lower bound with what a control on the node would reach, and the requirements
        # nothing traces at the high end); a bound with no supply at baseline loses nothing
        pairs = analysis.node_losses(node_id, products)
        untraced = (analysis.untraced_losses(node_id, analysis.products())
                    if analysis.untraced_reach(node_id) else {})
        # and those with no supply path from the node that dependents lists too
        grade_materials, _ = analysis.control_reach(node_id)
        for material in grade_materials:
            for product in dependent_products(graph, material, analysis.flow_index_for("lower")):
                if product not in spine:
                    beyond.setdefault(product, ("grade", []))[1].append(material)
        for product, loss in sorted(untraced.items()):
            if loss > 0 and product not in spine and product not in beyond:
                beyond[product] = ("untraced", analysis.untraced_upstream(product))
        for product in products:
            caveats[product] = evidence.caveats(node_id, product)
            pair = pairs[product]
            high = max(max(pair.values(), default=0.0), untraced.get(product, 0.0))
            low = min(pair.values(), default=0.0)
            certain = pair.get("upper", 0.0) >= 1.0 - 1e-9 and bool(
                analysis.sole_sources(product, [node_id], "upper"))
            possible = not certain and pair.get("lower", 0.0) >= 1.0 - 1e-9 and bool(
                analysis.sole_sources(product, [node_id], "lower"))
            losses[product] = (high, certain, None if low >= high - 1e-12 else low, possible)
    concentrations = {m: concentration(graph, m) for m in sorted(spine)
                      if model.kind_of(m) == "Material"}
    # each row with what --worst-case gives beside its loss (unknown is not safe)
    comparison = (worst_case_beside(graph, scenario,
                                    compare(graph, scenario, products, analysis=analysis))
                  if scenario is not None and with_comparison else [])
    return ChainExposure(node_id, direction, depth, spine, losses, tuple(top), removed,
                         frozenset(blocked), availability, baseline, concentrations,
                         comparison, scenario, graph.as_of_date, ranks, caveats,
                         {p: (why, sorted(ms)) for p, (why, ms) in sorted(beyond.items())},
                         unmarked, *ranges, what, mapped, availability_caveats,
                         scenario_loss, worst_case)


def brief_exposure(graph: SupplyGraph, node_id: str,
                   scenario: Scenario | None = None) -> Exposure | ChainExposure:
    """What a brief on ``node_id`` shows: a product's :func:`exposure`, or for any other
    node its :func:`chain_exposure` downstream (the products that depend on it, which
    the brief's text and table are about) with the scenario's rows for those products.

    A material's chain is drawn upstream by default (what it is made of); its brief once
    took that one and said "feeds 0 mapped product(s)" of a magnet the F-22 needs.
    """
    if model.kind_of(graph.require(node_id)) == "Product":
        return exposure(graph, node_id, scenario)
    return chain_exposure(graph, node_id, "downstream", scenario=scenario,
                          with_comparison=True)


__all__ = ["ChainExposure", "Concentration", "Exposure", "brief_exposure", "chain_exposure",
           "chain_spine", "default_direction", "exposure", "not_one_supplier", "top_suppliers",
           "unmarked_ranks"]
