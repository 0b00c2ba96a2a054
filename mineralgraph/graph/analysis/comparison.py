"""A scenario against the baseline: what each product keeps, loses, and newly hangs on.

One function serves the ``scenario`` command and the briefs, so the two never disagree.

>>> from mineralgraph import load_bundled
>>> from mineralgraph.loaders.scenarios import load_scenario
>>> rows = compare(load_bundled(), load_scenario("mp-materials-offline"), ["product:f-35"])
>>> sorted(rows[0])  # doctest: +NORMALIZE_WHITESPACE
['assumed_share', 'availability', 'availability_range', 'baseline', 'baseline_range',
 'confidence', 'disputes', 'drivers', 'loss', 'loss_range', 'low_confidence', 'low_drivers',
 'mapped_availability', 'may_be_unavailable_at_baseline', 'new_possible_spofs',
 'new_spofs', 'product', 'proxies', 'range_from_grade', 'range_from_maker', 'range_from_unmapped',
 'requirements_recorded', 'rest_of_world_only', 'supply_not_mapped']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mineralgraph.graph.analysis.concentration import REST_OF_WORLD
from mineralgraph.graph.analysis.confidence import Caveats, rule_set
from mineralgraph.graph.analysis.engine import BOUNDS, Analysis
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.analysis.splits import equal_splits
from mineralgraph.graph.analysis.structure import (
    equal_split_groups,
    located_in,
    producer_pools,
    producer_weights,
)
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model


def _held_by(graph: SupplyGraph, node_id: str) -> set[str]:
    """The producers whose output a removed node takes with it: itself, a country's
    facilities and companies (LOCATED_IN), a company's facilities (OPERATED_BY)."""
    held = {node_id}
    relations = {"Country": ("LOCATED_IN",), "Company": ("OPERATED_BY",)}
    for relation in relations.get(model.kind_of(node_id), ()):
        held |= set(graph.neighbours(node_id, relation, incoming=True))
    for company in [n for n in held if model.kind_of(n) == "Company" and n != node_id]:
        held |= set(graph.neighbours(company, "OPERATED_BY", incoming=True))
    return held


def drivers(analysis: Analysis, product: str, limit: int = 3,
            bound: str = "upper") -> list[dict]:
    """What makes a product's loss under the scenario: on its mapped supply paths (the
    upper bound), each material some of whose output the scenario blocks or removes, with
    who held it and that output's weight (its part of world output, as the analysis
    weighs producers), largest first; at most ``limit``.

    A blocked producer is grouped under its country (the control's issuer); a removed
    node under itself. Stages without mapped supply are not drivers: they only make the
    answer a range (:meth:`Analysis.behind`).

    With ``bound="lower"``, what the lower bound blocks besides: a material of unstated
    grade a control may reach, a control whose targets may include the unknown maker.

    Where the producers held split a pool with others and no share of their own, their
    part of it is their equal split (section 5.4), an assumed share: ``assumed_share`` is
    True and ``share_range`` is ``share`` at both ends. Under ``--worst-case``
    (:func:`producer_pools`) their part of it is not known: ``share_range`` is [what they
    hold for certain, that and the whole of each such pool] and ``share`` (the equal
    split, kept for the order) is no figure to state then.

    Returns
    -------
    list of dict
        ``{"holder": id, "material": id, "share": float, "share_range": [low, high],
        "assumed_share": bool, "how": "blocked" | "removed", "assumed_split": [...]}``
        (``assumed_split``: the pools an assumed part splits with others,
        :meth:`~mineralgraph.graph.analysis.splits.EqualSplit.as_dict`).
    """
    graph = analysis.graph
    ups = analysis.upstream(product, bound)
    held_by: dict[tuple[str, str, str], set[str]] = {}
    weights, pools, split = {}, {}, {}

    def weight_of(material: str) -> list:
        if material not in weights:
            claims = graph.relation_claims(material, "PRODUCES", incoming=True)
            weights[material] = producer_weights(graph, material, claims)
            pools[material] = producer_pools(graph, material, claims)
            # the groups splitting a pool equally (5.4): a part of one is assumed
            split[material] = [{c.subject for c in group}
                               for _, group in equal_split_groups(graph, material, claims)]
        return weights[material]

    for producer, material in analysis.blocked_for(product, bound):
        if material not in ups or producer == "virtual":
            continue
        holder = (located_in(graph, producer) or [producer])[0]
        held_by.setdefault((holder, material, "blocked"), set()).add(producer)
    for removed in sorted(analysis.removed):
        held = _held_by(graph, removed)
        for material in sorted(m for m in ups if model.kind_of(m) == "Material"):
            subjects = {c.subject for c, w in weight_of(material) if c.subject in held and w > 0}
            if subjects:
                held_by[(removed, material, "removed")] = subjects
    found = {}
    for key, subjects in held_by.items():
        material = key[1]
        share = sum(w for c, w in weight_of(material) if c.subject in subjects)
        low = high = share
        for weight, group in pools[material]:
            members = {c.subject for c in group}
            if members & subjects and not members <= subjects:
                # part of a pool no source splits: none of it to all of it
                inside = sum(w for c, w in weights[material] if c.subject in members & subjects)
                low, high = low - inside, high - inside + weight
        assumed = high - low > 1e-12 or (not graph.worst_case and any(
            members & subjects and not members <= subjects for members in split[material]))
        found[key] = (share, max(0.0, low), high, assumed)
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))
    # what an assumed part assumes: the pools the holder splits with others (5.4)
    return [{"holder": holder, "material": material, "share": round(share, 6),
             "share_range": [round(low, 6), round(high, 6)],
             "assumed_share": assumed, "how": how,
             "assumed_split": [split.as_dict() for split in equal_splits(
                 graph, material, held_by[(holder, material, how)])] if assumed else []}
            for (holder, material, how), (share, low, high, assumed) in ranked[:limit]
            if share > 0]


def range_reasons(analysis: Analysis, product: str, under: tuple[float, float]) -> dict:
    """Why the low end is lower, besides stages without mapped supply: ``low_drivers``
    (the supply the scenario blocks in the lower bound only, as :func:`drivers`),
    ``range_from_grade`` (materials of unstated grade a control may reach: ``material``
    and the covered richer ``grades``) and ``range_from_maker`` (controls that target
    countries while no maker, or maker's country, of the product is recorded:
    ``control``, ``issuer``, ``targets``). Empty when the bounds agree."""
    if not under[0] < under[1]:
        return {"low_drivers": [], "range_from_grade": [], "range_from_maker": []}
    upper = {(d["holder"], d["material"], d["how"]) for d in drivers(analysis, product)}
    low = [d for d in drivers(analysis, product, bound="lower")
           if (d["holder"], d["material"], d["how"]) not in upper]
    return {"low_drivers": low,
            "range_from_grade": [{"material": m, "grades": g}
                                 for m, g in analysis.grade_unknown_upstream(product)],
            "range_from_maker": [{"control": r.control, "issuer": r.issuer,
                                  "targets": sorted(r.targets)}
                                 for r in analysis.lower_only_restrictions(product)]}


def bound_loss(before: float, after: float) -> float | None:
    """1 - after / before, or None when the bound's baseline is 0 (no loss to measure)."""
    return 1.0 - after / before if before > 0 else None


def loss_range(base: tuple[float, float], under: tuple[float, float]) -> list[float]:
    """[min, max] of the losses of the two bounds (section 5.6), each measured against its
    own baseline (``base`` and ``under``: [lower, upper] availability before and under the
    scenario); a bound whose baseline is 0 measures none, [0, 0] when neither does.

    >>> loss_range((1.0, 1.0), (0.08, 1.0))
    [0.0, 0.92]
    >>> loss_range((0.0, 1.0), (0.0, 0.5))
    [0.5, 0.5]
    """
    measured = [x for x in (bound_loss(b, u) for b, u in zip(base, under, strict=True))
                if x is not None] or [0.0]
    return [round(min(measured), 6), round(max(measured), 6)]


#: what a ``--worst-case`` row says beside a default one (:func:`worst_case_beside`): its
#: loss range, what it rests on, what makes it and why it is wider
WORST_CASE_KEYS = ("loss_range", "confidence", "proxies", "disputes", "low_confidence",
                   "assumed_share", "drivers", "low_drivers", "range_from_grade",
                   "range_from_unmapped", "range_from_maker")


def worst_case_beside(graph: SupplyGraph, scenario: Scenario,
                      rows: list[dict]) -> list[dict]:
    """Scenario rows (from :func:`compare`, default readings) with what ``--worst-case``
    gives beside each figure, so that a figure the default reads as stated (a material of
    unstated grade taken as the grade it is named, a control reaching unmapped supply only
    where section 5.6 says) never reads as safe alone. The default figures are unchanged.

    Each row gains ``worst_case_loss_range``, the loss range under the addendum's wider
    readings (``--worst-case``), and ``worst_case``: None where that range is the row's
    own, else the ``--worst-case`` row's :data:`WORST_CASE_KEYS` (its confidence, its
    drivers, and ``range_from_grade``, ``range_from_unmapped`` and ``range_from_maker``:
    why its range is wide). A graph read ``--worst-case`` already gives its own range and
    None. The loss ranges of the wider reading are computed for every row; the rest of
    its row (drivers, confidence, single points of failure) only for the rows it changes.

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.loaders.scenarios import load_scenario
    >>> s = load_scenario("cn-2025-04-defence-denial")
    >>> g = load_bundled().as_of(s.as_of)
    >>> row = worst_case_beside(g, s, compare(g, s, ["product:javelin"]))[0]
    >>> row["loss_range"], row["worst_case_loss_range"]
    ([0.0, 0.0], [0.0, 0.92])
    >>> [m["material"] for m in row["worst_case"]["range_from_grade"]]
    ['material:ndfeb-magnet']
    """
    if graph.worst_case:
        return [{**r, "worst_case_loss_range": list(r["loss_range"]), "worst_case": None}
                for r in rows]
    wide = Analysis(graph.with_worst_case(), scenario)
    before = wide.plain()
    ranges = {r["product"]: loss_range(before.baseline_range(r["product"]),
                                       wide.availability_range(r["product"])) for r in rows}
    changed = [r["product"] for r in rows if ranges[r["product"]] != list(r["loss_range"])]
    found = {w["product"]: {key: w[key] for key in WORST_CASE_KEYS}
             for w in (compare(wide.graph, scenario, changed, analysis=wide)
                       if changed else [])}
    return [{**r, "worst_case_loss_range": ranges[r["product"]],
             "worst_case": found.get(r["product"])} for r in rows]


def compare(graph: SupplyGraph, scenario: Scenario,
            products: Iterable[str] | None = None,
            analysis: Analysis | None = None) -> list[dict]:
    """Per product: baseline and scenario availability, loss, new single points of failure.

    Both bounds of section 5.6, each against its own baseline: ``baseline`` and
    ``availability`` are the upper bound (section 2 as it stands), ``baseline_range``
    and ``availability_range`` are [lower, upper]; ``loss`` is the upper bound's loss
    and ``loss_range`` the [min, max] over the bounds whose baseline is above 0.
    ``mapped_availability`` is a figure beside them, not an availability of 5.6: what
    mapped supply alone gives (stages without a producer counted 0), so that a reader
    sees unknown supply is not safe although both bounds may be 1.
    ``new_spofs`` are nodes that are certain single points of failure under the
    scenario and were not before; ``new_possible_spofs`` those that are possible
    ones only (lower bound), the rest of the world included (5.2).
    ``rest_of_world_only`` adds that under the scenario, at some stage, all the product
    still gets comes from countries no source names (rest of the world, many countries,
    is a single point of failure of it). ``requirements_recorded`` counts the product's recorded
    requirements: a figure covers only those (a partial bill of materials is not safe);
    a 0% row's ``confidence`` is "unknown" (nothing measured; the caveats of those
    requirements kept), and so is that of a loss no rated claim explains, or that the
    rules for missing facts set alone (the mapped supply losing nothing:
    :func:`~mineralgraph.graph.analysis.confidence.rule_set`). ``range_from_unmapped``
    names the stages without mapped supply behind the range under the scenario. Rows come
    in the order of ``products`` (default: every product, sorted).
    ``confidence``, ``proxies`` and ``assumed_share`` say what the scenario's answer rests
    on (section 5.7): the claims on the evidence paths of every node it removes and every
    producer it blocks. ``analysis`` is the :class:`Analysis` of the graph under the
    scenario when the caller has one (its baseline analysis is shared too).
    """
    from mineralgraph.graph.analysis.chokepoints import Evidence

    after = analysis if analysis is not None else Analysis(graph, scenario)
    before = after.plain()
    evidence = Evidence(after)
    products = list(products) if products is not None else before.products()
    spofs_before = {b: before.spof_sets(products, b) for b in BOUNDS}
    spofs_after = {b: after.spof_sets(products, b) for b in BOUNDS}
    rows = []
    for product in products:
        base, under = before.baseline_range(product), after.availability_range(product)
        losses = [bound_loss(b, u) for b, u in zip(base, under, strict=True)]
        measured = [x for x in losses if x is not None] or [0.0]
        certain = after.sole_sources(
            product, spofs_after["upper"][product] - spofs_before["upper"][product])
        possible = after.sole_sources(product, (
            spofs_after["lower"][product] - spofs_after["upper"][product]
            - spofs_before["lower"][product]) if under[0] > 0 else set(), "lower")
        behind = after.behind(product) if under[0] < under[1] else []
        caveats = evidence.scenario_caveats(product) if max(measured) > 0 else Caveats()
        if max(measured) > 0 and behind:
            # the high end of the range rests on the paths of the unmapped stages too
            caveats |= evidence.path_caveats(behind, product)
        # a figure never goes without a confidence: a loss nothing rated explains is
        # unknown; so is a 0%, which counts only the recorded requirements and measures no
        # supply (trial 11: the Columbia-class's 0%, its one magnet not mapped, read
        # "high"), the requirements' caveats (low, disputed) kept beside it
        requirements = graph.relation_claims(product, "REQUIRES")
        reasons = range_reasons(after, product, under)
        found = drivers(after, product) if max(measured) > 0 else []
        if rule_set(losses[1], max(measured), bool(reasons["low_drivers"] or found)):
            # the mapped supply loses nothing: the loss is the rules' for missing facts
            caveats = caveats.unknown()
        elif caveats.confidence is None:
            if max(measured) > 0:
                caveats = replace(caveats, confidence="unknown")
            else:
                caveats = Caveats.of(requirements).unknown()
        # the two bounds of 5.6 (the losses are measured within each against the
        # baseline's), and beside them what mapped supply alone gives
        rows.append({**caveats.as_dict(), "product": product, "baseline": round(base[1], 6),
                     "availability": round(under[1], 6),
                     "baseline_range": [round(v, 6) for v in base],
                     "availability_range": [round(v, 6) for v in under],
                     "mapped_availability": round(after.mapped_availability(product), 6),
                     "loss": round(losses[1], 6) if losses[1] is not None else 0.0,
                     "loss_range": loss_range(base, under),
                     "may_be_unavailable_at_baseline": base[0] <= 0.0,
                     "supply_not_mapped": after.unmapped(product),
                     "range_from_unmapped": behind,
                     "drivers": found,
                     **reasons,
                     "new_spofs": sorted(certain),
                     "new_possible_spofs": sorted(possible),
                     "rest_of_world_only": REST_OF_WORLD in spofs_after["upper"][product],
                     "requirements_recorded": len(requirements)})
    return rows
