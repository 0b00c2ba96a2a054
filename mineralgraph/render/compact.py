"""What a compact snapshot shows: only the paths that carry a product's top chokepoints.

A briefing reader must see in five seconds where the chain breaks, how badly, and which
country holds it. The compact chain keeps, from a product's chokepoint report:

- the *top owners*: the supplier chokepoints every picture marks
  (:func:`~mineralgraph.graph.analysis.exposure.top_suppliers`: the single points of
  failure and the next ranked losses) with a company or facility folded into its
  country, ranked as in the report;
- the materials those owners produce (at least :data:`OWNER_SHARE` of world output, or
  on the evidence path of their loss), the materials a scenario blocks, and every
  material between those and the product, stage by stage from the ground to the
  platform;
- the materials on those paths without any mapped producer, drawn as *unknown* (never
  as safe); the product's other inputs without mapped supply are listed under the
  picture, as unknown too.

Each material is one box: its country shares as one stacked bar (a country once, its
companies written inside it), the chokepoints it carries with their loss and cause;
the flows on a chokepoint's evidence path are marked ``hot`` (drawn thicker).

>>> from mineralgraph import load_bundled
>>> from mineralgraph.graph.analysis import chokepoints
>>> graph = load_bundled()
>>> report = chokepoints(graph, ["product:f-35"])[0]
>>> chain = compact_chain(graph, report)
>>> len(chain.nodes) <= 25
True
>>> magnet = chain.nodes["material:ndfeb-magnet"]
>>> china = next(b for b in magnet.bars if b.owner == "country:CN")
>>> round(china.share, 2), china.companies[0][0]
(0.92, 'JL Mag Rare-Earth')
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from mineralgraph.graph.analysis.chokepoints import ProductReport
from mineralgraph.graph.analysis.concentration import REST_OF_WORLD
from mineralgraph.graph.analysis.confidence import Caveats
from mineralgraph.graph.analysis.exposure import (
    not_one_supplier,
    top_suppliers,
    unmarked_ranks,
)
from mineralgraph.graph.analysis.splits import material_splits
from mineralgraph.graph.analysis.structure import producer_weights, share_ranges, stated_share
from mineralgraph.graph.flow import flow_graph
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model
from mineralgraph.render.chain import (
    Bar,
    Chain,
    Choke,
    Edge,
    Node,
    Top,
    _label_sources,
    dataset_version,
    shares_split,
    skipped_note,
    stage_column,
    weak_tag,
)
from mineralgraph.reports.common import join_names, percent, source_citation

#: A top owner's material is shown when the owner holds at least this share of it.
OWNER_SHARE = 0.25
#: Named countries in a material's bar (the rest are "other countries").
BAR_COUNTRIES = 3
#: A country under this share is folded into "other countries" unless it is a top owner.
MINOR = 0.05


def owner_of(graph: SupplyGraph, producer: str) -> str:
    """The country a producer belongs to (a facility's or company's location), or itself.

    >>> from mineralgraph import load_bundled
    >>> g = load_bundled()
    >>> owner_of(g, "company:jl-mag"), owner_of(g, "country:CN")
    ('country:CN', 'country:CN')
    """
    if model.kind_of(producer) == "Country":
        return producer
    countries = sorted(graph.neighbours(producer, "LOCATED_IN"))
    if not countries and model.kind_of(producer) == "Facility":
        for company in graph.neighbours(producer, "OPERATED_BY"):
            countries += graph.neighbours(company, "LOCATED_IN")
    return sorted(countries)[0] if countries else producer


def top_owners(graph: SupplyGraph, report: ProductReport) -> list[tuple[int, object, str]]:
    """(rank, chokepoint, owner) of the top chokepoints in report order; a company or
    facility of a country listed before it is left out (it is drawn inside that country).

    The rank is the chokepoint's rank among the report's suppliers (as in its table).
    """
    # the suppliers every picture marks (graph/analysis/exposure.py: top_suppliers), with
    # the analysis' rank: the place among the suppliers
    found, countries = [], set()
    for c in top_suppliers(report):
        owner = owner_of(graph, c.id)
        # a company or facility of a country already listed is shown inside it
        if c.kind != "Country" and owner in countries:
            continue
        # a country marked only through the maker's own work there (5.1) stands for that
        # work: its suppliers are still marked on their own
        if c.kind == "Country" and not c.through_makers:
            countries.add(c.id)
        found.append((c.rank, c, owner))
    return found


def material_bars(graph: SupplyGraph, material: str,
                  blocked: frozenset | set = frozenset(), keep: set | None = None) -> list[Bar]:
    """The stacked bar of a material: one part per country (companies inside it).

    Shares are the analysis' producer weights; a company or facility adds to its
    country. Minor countries (not in ``keep``) become "other countries"; a part of the
    world no source maps is "unmapped".
    """
    keep = keep or set()
    claims = graph.relation_claims(material, "PRODUCES", incoming=True)
    if not claims:
        return []
    parts: dict[str, list] = defaultdict(lambda: [0.0, False, [], False])
    used: dict[str, list] = defaultdict(list)  # the share claims behind each part
    sourced = {c.subject for c in claims if model.kind_of(c.subject) == "Country"
               and stated_share(graph, c) is not None}
    # what may be said of a pooled producer's share: none of the pool to all of it
    ranges = {id(c): (lo, hi) for c, lo, hi in share_ranges(graph, material, claims)}
    spans: dict[str, list] = defaultdict(lambda: [0.0, 0.0])
    pooled: dict[str, list] = defaultdict(list)  # owner -> (low, high) of its members
    # a producer without a share is assumed only where it splits a pool with others: the
    # sole maker of a subsystem holds all of it, not ≈100% (trial 7, LOW-4)
    splitting = shares_split(graph, material)
    for claim, weight in producer_weights(graph, material, claims):
        owner = owner_of(graph, claim.subject)
        part = parts[owner]
        used[owner].append(claim)
        part[0] += weight or 0.0
        pooled[owner].append(ranges.get(id(claim), (weight or 0.0, weight or 0.0)))
        assumed = stated_share(graph, claim) is None and claim.subject in splitting
        part[1] = (part[1] or assumed) and owner not in sourced
        if claim.subject != owner:
            name = graph.label(claim.subject)
            if model.kind_of(claim.subject) == "Facility":
                operators = [graph.label(c) for c in graph.neighbours(claim.subject,
                                                                       "OPERATED_BY")]
                name = operators[0] if operators else name
            part[2].append((name, weight or 0.0, assumed))
            low, high = ranges.get(id(claim), (weight or 0.0, weight or 0.0))
            spans[name][0] += low
            spans[name][1] = min(1.0, spans[name][1] + high)
        if (claim.subject, material) in blocked or (owner, material) in blocked:
            part[3] = True
    bars, other, other_assumed = [], 0.0, False
    ordered = sorted(parts.items(), key=lambda kv: (kv[0] == REST_OF_WORLD, -kv[1][0], kv[0]))
    for i, (owner, (share, assumed, companies, is_blocked)) in enumerate(ordered):
        named = owner != REST_OF_WORLD and ((owner in keep and share >= 0.01) or (
            i < BAR_COUNTRIES and share >= MINOR))
        if not named:
            other += share
            other_assumed = other_assumed or assumed
            continue
        merged: dict[str, list] = {}
        for name, weight, was_assumed in companies:
            entry = merged.setdefault(name, [0.0, False])
            entry[0] += weight
            entry[1] = entry[1] or was_assumed
        inside = sorted(((n, w, a) for n, (w, a) in merged.items()), key=lambda t: (-t[1], t[0]))
        # a share that rests on a low-confidence claim, a proxy or a dispute says so
        bars.append(Bar(owner, graph.label(owner), share, assumed, tuple(inside), is_blocked,
                        weak_tag(Caveats.of(used[owner])),
                        tuple((n, tuple(spans[n])) for n, _, _ in inside
                              if spans[n][0] < spans[n][1] - 1e-12),
                        _pooled_range(pooled[owner]) if assumed else None,
                        Caveats.of(used[owner]).confidence))
    if other > 1e-9:
        bars.append(Bar(REST_OF_WORLD, "other countries", other, other_assumed))
    total = sum(b.share for b in bars)
    if total < 0.995:
        bars.append(Bar("", "unmapped", 1.0 - total, False))
    return bars


def compact_chain(graph: SupplyGraph, report: ProductReport,
                  blocked: frozenset | set = frozenset()) -> Chain:
    """The compact chain of a product from its chokepoint report (see the module doc).

    Parameters
    ----------
    graph : SupplyGraph
        At the report's as-of date.
    report : ProductReport
        ``chokepoints(graph, [product], scenario)[0]``, with evidence paths.
    blocked : set of (producer, material), optional
        The pairs a scenario blocks for this product (``Analysis.blocked_for``).
    """
    product = report.product
    flow = flow_graph(graph)
    ups = nx.ancestors(flow, product)
    materials = sorted(n for n in ups if model.kind_of(n) == "Material")
    owners = top_owners(graph, report)
    owner_ids = {owner for _, _, owner in owners}
    bars = {m: material_bars(graph, m, blocked, owner_ids) for m in materials}
    seeds, chokes, hot = set(), defaultdict(list), set()
    for rank, c, owner in owners:
        # where it holds most first: that is where its loss is written
        held = [m for _, m in sorted((-b.share, m) for m in materials for b in bars[m]
                                     if b.owner == owner and b.share >= OWNER_SHARE)]
        on_path = []
        for path in c.paths:
            steps = [(s.source, s.target) for s in path]
            hot |= {p for p in steps if p[0] in ups | {product} and p[1] in ups | {product}}
            on_path += [t for _, t in steps if model.kind_of(t) == "Material"][:1]
        seeds |= set(held) | set(on_path)
        cut = [m for m in materials for b in bars[m] if b.owner == owner and b.blocked]
        seeds |= set(cut)
        # the stage its loss comes from (the report's HHI stage), so a company's loss is
        # written at the material it produces, not where its country holds most
        source = [c.hhi_material] if getattr(c, "hhi_material", None) in bars else []
        where = (cut + source + held + on_path or [None])[0]
        if where is not None:
            # the rest of the world's label says "countries not named"; its figure says
            # "many countries" (a short box line)
            label = "Rest of world" if c.id == REST_OF_WORLD else c.label
            chokes[where].append(Choke(rank, c.id, label, _high(c), c.spof,
                                       _cause(graph, c, owner, bars[where], where), owner,
                                       *_range(c), what=not_one_supplier(report, c) or "",
                                       assumed=bool(getattr(c, "assumed_share", False))))
    # what a scenario blocks is the cause of its loss: always drawn
    seeds |= {m for m in materials if any(b.blocked for b in bars[m])}
    if not seeds:  # no chokepoint to follow: what is not mapped is the story
        seeds = set(report.unmapped) & set(materials)
    unknown = {m for m in materials if not bars[m]}
    # every material on a way from a seed to the product: reached from the seed, and
    # upstream of the product
    spine = set(seeds) | {product}
    for seed in sorted(seeds):
        spine |= {n for n in nx.descendants(flow, seed) & ups
                  if model.kind_of(n) == "Material"}
    # inputs with no mapped supply off the drawn paths are listed, not drawn
    elsewhere = sorted((set(report.unmapped) & set(materials)) - spine)
    hhi_of = {c.id: c.hhi for c in report.chokepoints if c.kind == "Material"}
    nodes: dict[str, Node] = {}
    for node_id in sorted(spine):
        kind = model.kind_of(node_id)
        node = Node(node_id, node_id, kind, graph.label(node_id),
                    stage_column(graph, node_id), "spine",
                    graph.attribute(node_id, "stage") or "" if kind == "Material" else "",
                    focus=node_id == product, sources=_label_sources(graph, node_id))
        if kind == "Material":
            node.bars = bars[node_id]
            node.hhi = hhi_of.get(node_id)
            node.unknown = node_id in unknown
            node.chokes = sorted(chokes.get(node_id, []), key=lambda k: k.rank)
            node.sources = sorted(set(node.sources) | {
                s for c in graph.relation_claims(node_id, "PRODUCES", incoming=True)
                for s in c.sources})
        nodes[node_id] = node
    edges = _edges(graph, flow, spine, hot)
    marked = [c for _, c, _ in owners]
    listed = citation_list(graph, report, _drawn_sources(nodes, edges), marked)
    numbering = {source: number for number, source in enumerate(listed, 1)}
    cited = {c.id: _cite(numbering, c.sources) for c in marked}
    top = [Top(rank, c.id, c.label, _high(c), c.spof, *_range(c),
               what=not_one_supplier(report, c) or "", cited=cited.get(c.id, ""),
               assumed=bool(getattr(c, "assumed_share", False)))
           for rank, c, _ in owners]
    skipped = skipped_ranks(report, {t.rank for t in top})
    chain = Chain(product, graph.label(product), "upstream", graph.as_of_date,
                  report.scenario, dataset_version(graph), nodes, edges, top,
                  report.availability, report.baseline)
    chain.numbering = numbering
    chain.availability_range = report.availability_range
    chain.baseline_range = report.baseline_range
    chain.mapped_availability = report.mapped_availability
    chain.unmapped_count = len(report.unmapped)
    chain.compact = True
    if report.scenario and report.caveats.weak:  # said where the figure is (5.7)
        from mineralgraph.reports.summary import headline_phrase

        chain.availability_note = headline_phrase(graph, report.caveats)[1:-1]
    from mineralgraph.reports.tables import report_worst_case_note

    chain.worst_case_note = report_worst_case_note(report)
    chain.worst_case = graph.worst_case
    chain.press_figures = graph.press_figures
    chain.unknown_inputs = [graph.label(m) for m in elsewhere]
    chain.skipped = skipped
    chain.citations = {s: source_citation(graph, s) for s in listed}
    # every ≈ the picture prints: its marked rows' and its bars' (a country's part made of
    # equal splits, or a company's inside it); a pool whose ≈ no box prints (the rest of
    # the world's sliver, a producer not drawn) is counted, not listed (trial 8, LOW-8:
    # some 25 lines of pools under the F-35's picture, most for boxes it does not draw)
    from mineralgraph.render.compact_layout import printed_shares

    shown = printed_shares(chain)
    splits = [split for m, node in sorted(nodes.items()) if node.kind == "Material"
              for split in material_splits(graph, m)
              if any(b.assumed or any(a for _, _, a in b.companies) for b in node.bars)]
    rows = [c for _, c, _ in owners]
    held = {s for c in rows if getattr(c, "assumed_share", False)
            for s in getattr(c, "splits", [])}
    printed = [s for s in splits if s in held or any(
        (s.material, owner) in shown
        for owner in {s.pool} | {owner_of(graph, m) for m in s.members} if owner)]
    # the brief's note says them all (its Markdown's Mermaid picture prints every bar's
    # figure); the compact picture's footnote those it prints, the others counted
    chain.assumptions = assumption_lines(graph, rows, splits)
    chain.printed_assumptions = assumption_lines(graph, rows, printed)
    chain.assumptions_left = len({s for s in splits if s not in held} - set(printed))
    return chain


def assumption_lines(graph: SupplyGraph, rows, splits=()) -> list[str]:
    """What the ≈ shares of some chokepoint rows (and ``splits``, a picture's ≈ bars)
    assume (design note 5.4), one line per pool, with the rows that rest on it: "#7 JL Mag
    Rare-Earth: China's 92% of Sintered NdFeB permanent magnet split equally between
    ...". Said where the ≈ figure is, so a ≈ is never read as a measured share."""
    from mineralgraph.reports.common import join_names
    from mineralgraph.reports.summary import split_phrase

    held: dict = {}
    for c in rows:
        if not getattr(c, "assumed_share", False):
            continue
        for split in getattr(c, "splits", []):
            held.setdefault(split, []).append(f"#{c.rank} {c.label}" if c.rank else c.label)
    for split in splits:
        held.setdefault(split, [])
    return [(f"{join_names(names)}: " if names else "") + split_phrase(graph, split)
            for split, names in held.items()]


#: The rows of a brief's chokepoint table: the product's first suppliers, by rank.
TABLE_ROWS = 10


def _drawn_sources(nodes: dict, edges: list) -> set[str]:
    """Every source behind a drawn box or flow (:attr:`Chain.sources`, before the chain)."""
    return ({s for e in edges for s in e.sources}
            | {s for n in nodes.values() for s in n.sources})


def _cite(numbering: dict[str, int], sources) -> str:
    """``[1][4]``: sources by their numbers in the list (each one is in it)."""
    return "".join(f"[{n}]" for n in sorted({numbering[s] for s in sources}))


def citation_list(graph: SupplyGraph, report: ProductReport, drawn,
                  marked: list = ()) -> list[str]:
    """The one list of a product's sources, in number order, that its chokepoint report
    (``mineralgraph chokepoints --product ID``), its snapshot and its brief all list and
    number alike (at the same date and scenario): first the report's own citations in
    its order (:func:`~mineralgraph.reports.chokepoints.cite_reports`, the text's 10
    rows), then, by id, the sources only the pictures and the brief cite: those behind
    the drawn boxes and flows (``drawn``), the brief table's suppliers and the
    ``marked`` chokepoints.

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.graph.analysis import chokepoints
    >>> g = load_bundled()
    >>> report = chokepoints(g, ["product:f-35"])[0]
    >>> listed = citation_list(g, report, set())
    >>> first = report.chokepoints[0]  # Honeywell: its row's sources come first, by id
    >>> first.id, listed[:len(first.sources)] == sorted(first.sources)
    ('company:honeywell', True)
    """
    from mineralgraph.reports.chokepoints import cite_reports
    from mineralgraph.reports.common import SourceIndex

    index = cite_reports([report], graph, SourceIndex(graph))
    suppliers = [c for c in report.chokepoints if c.rank is not None][:TABLE_ROWS]
    index.cite(set(drawn) | {s for c in [*suppliers, *marked] for s in c.sources})
    return sorted(index.numbers, key=index.numbers.get)


def skipped_ranks(report: ProductReport, shown: set) -> list[str]:
    """Why a rank between the marked chokepoints is not marked (the rule of
    :func:`~mineralgraph.graph.analysis.exposure.not_one_supplier`), so a picture's list of
    ranks never skips one without saying why."""
    return [skipped_note(c.rank, c.label, why, _high(c))
            for c, why in unmarked_ranks(report, shown)]


def _pooled_range(members: list[tuple[float, float]]) -> tuple[float, float] | None:
    """What an assumed country part made of its producers' (low, high) may be: the sum
    of the lows to the sum of the distinct pools' highs (members of one pool share it),
    or None when every member is one figure."""
    if all(lo >= hi - 1e-12 for lo, hi in members):
        return None
    return (sum(lo for lo, _ in members),
            min(1.0, sum(sorted({round(hi, 9) for _, hi in members}))))


def _high(c) -> float:
    """The high end of a chokepoint's loss range (the report's ``loss`` is the upper
    availability bound's, the low end of the loss range when stages are unmapped)."""
    return max(c.loss, c.loss_range[1])


def _range(c) -> tuple[float | None, bool, str]:
    """The low end of a chokepoint's loss range, whether it is a possible single point of
    failure, and what its figure rests on when that is weak: from the report's row."""
    low = min(c.loss, c.loss_range[0]) if any(c.loss_range) else c.loss
    note = ""
    caveats = getattr(c, "caveats", None)
    if caveats is not None:
        from mineralgraph.reports.summary import caveat_phrase

        note = caveat_phrase(caveats).strip("()") if caveats.weak else ""
    return (None if low >= _high(c) - 1e-12 else low), c.possible_spof, note


def _cause(graph: SupplyGraph, c, owner: str, bars: list[Bar], material: str) -> str:
    """Why losing this chokepoint costs so much, in a few words."""
    part = next((b for b in bars if b.owner == owner), None)
    if part is not None and part.blocked:
        return "blocked under the scenario"
    if c.spof:
        # a SPOF (5.6); the rest of the world (5.2) and a maker's country (5.1) are not one
        # supplier, and say what they are
        return ("many countries" if c.id == REST_OF_WORLD
                else "its maker's own work there" if c.through_makers else "sole source")
    cut = [b.label for b in bars if b.blocked]
    if cut and (part is None or part.share < 0.5):
        return f"what is left once {join_names(cut)} is blocked"
    if part is not None:
        return f"holds {('≈' if part.assumed else '') + percent(part.share)}"
    return f"at the {graph.attribute(material, 'stage') or 'input'} stage"


def _edges(graph: SupplyGraph, flow: nx.DiGraph, spine: set[str], hot: set) -> list[Edge]:
    from mineralgraph.render.chain import _edge_sources

    edges = []
    sub = flow.subgraph(spine)
    for u, v in sorted(sub.edges()):
        relation = sorted(sub[u][v]["relations"])[0]
        edges.append(Edge(u, v, relation, None, tuple(_edge_sources(graph, u, v, relation)),
                          hot=(u, v) in hot))
    # an input with nothing mapped, or a material whose way to the product is not drawn:
    # one dotted link to the nearest box downstream of it
    for node in sorted(spine):
        if node in flow and not any(v in spine for v in flow.successors(node)) and (
                model.kind_of(node) == "Material"):
            lengths = nx.single_source_shortest_path_length(flow, node)
            near = sorted((d, n) for n, d in lengths.items() if n in spine and n != node)
            if near:
                edges.append(Edge(node, near[0][1], "VIA"))
    return edges


__all__ = ["compact_chain", "material_bars", "owner_of", "top_owners"]
