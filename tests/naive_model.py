"""An independent evaluator of the dependency model, written from the design note.

Sections 2 and 5 (5.1 companies in their country, 5.2 rest of world a node, 5.3
sourcing at a distance, 5.4 the equal split, 5.6 both bounds with virtual producers in
anchor countries and the scope of country-targeted controls, 5.7 claims below
--min-confidence dropped before the analysis), by plain recursion on an acyclic graph: no
compiled structure, no incremental evaluation, no killer sets. With ``graph.worst_case``
(``--worst-case``), the addendum's wider readings instead: pools bounded, untraced
materials that any control in scope reaches, materials of unstated grade, left-out
requirements put back in the lower bound. With ``graph.press_figures``
(``--press-figures``), a material's press set of country shares is read where no
statistical set exists: the graph's relations (``relation_claims``) and the share split
carry the choice of 5.5, so both readings are followed here through them. Only the share
split of one material
(``producer_weights``, and ``producer_pools``: which producers split a pool without shares
of their own, checked by hand elsewhere) is shared with the engine. The tests compare the
engine's every figure with this one's.
"""

from __future__ import annotations

from functools import cache

from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.analysis.structure import producer_pools, producer_weights
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

SUPPLY_KINDS = ("Element", "Material", "Country", "Company", "Facility")


def inputs(graph: SupplyGraph, material: str) -> list[str]:
    return sorted(set(graph.neighbours(material, "MADE_FROM"))
                  | set(graph.neighbours(material, "REQUIRES")))


def ancestors(graph: SupplyGraph, material: str) -> set[str]:
    out, todo = set(), list(inputs(graph, material))
    while todo:
        m = todo.pop()
        if m not in out:
            out.add(m)
            todo += inputs(graph, m)
    return out


def has_producers(graph: SupplyGraph, material: str) -> bool:
    return bool(graph.relation_claims(material, "PRODUCES", incoming=True))


def country_of(graph: SupplyGraph, producer: str) -> list[str]:
    if model.kind_of(producer) == "Country":
        return [producer]
    return graph.neighbours(producer, "LOCATED_IN")


def top(graph: SupplyGraph, material: str):
    """(country, share) with the largest summed share of the material's producers."""
    sums: dict[str, float] = {}
    claims = graph.relation_claims(material, "PRODUCES", incoming=True)
    for claim, weight in producer_weights(graph, material, claims):
        for country in country_of(graph, claim.subject)[:1]:
            sums[country] = sums.get(country, 0.0) + weight
    return sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[0] if sums else None


def anchor(graph: SupplyGraph, material: str) -> str | None:
    """Section 5.6: nearest materials with producers up (then down), breadth first."""
    def users(m):
        return sorted(n for n in set(graph.neighbours(m, "MADE_FROM", incoming=True))
                      | set(graph.neighbours(m, "REQUIRES", incoming=True))
                      if model.kind_of(n) == "Material")

    for step in (lambda m: inputs(graph, m), users):
        seen, level = {material}, step(material)
        while level:
            found = [(top(graph, m), m) for m in level if has_producers(graph, m)]
            found = [(t, m) for t, m in found if t]
            if found:
                return sorted(found, key=lambda tm: (-tm[0][1], tm[1]))[0][0][0]
            seen |= set(level)
            level = sorted({n for m in level if not has_producers(graph, m)
                            for n in step(m)} - seen)
    return None


def untraced(graph: SupplyGraph, material: str) -> bool:
    """Nothing traces the material to a country: no producer, element, input or anchor.
    Any control in scope reaches it in the lower bound."""
    return (not has_producers(graph, material) and not graph.neighbours(material, "CONTAINS")
            and not inputs(graph, material) and anchor(graph, material) is None)


def grades(graph: SupplyGraph, material: str) -> list[str]:
    """Richer grades of a material whose grade is not stated (addendum, 5.6 grades):
    same stage, made from all it is made from (it made from something), containing all
    its elements (some) and more."""
    def stage(m):
        return sorted(graph.values(m, "stage"))

    def made(m):
        return {c.object for c in graph.relation_claims(m, "MADE_FROM")
                if c.qualifier("recycling") is not True}

    mine, made_of = set(graph.neighbours(material, "CONTAINS")), made(material)
    if not mine or not made_of:
        return []
    return sorted(g for g in graph.ids("Material")
                  if g != material and stage(g) == stage(material)
                  and mine < set(graph.neighbours(g, "CONTAINS")) and made_of <= made(g))


def blocked(graph: SupplyGraph, scenario: Scenario | None, product: str, bound: str) -> set:
    """(producer, material) and ("virtual", material) a scenario's controls zero for P."""
    out = set()
    for r in scenario.restrictions(graph) if scenario else ():
        uses = set(graph.values(product, "end_use"))
        if r.end_uses and not uses & set(r.end_uses):
            continue
        if r.targets:
            makers = graph.neighbours(product, "MAKES", incoming=True)
            where = [graph.neighbours(m, "LOCATED_IN") for m in makers]
            inside = bool({c for w in where for c in w} & set(r.targets))
            unknown = not makers or any(not w for w in where)
            if not inside and not (bound == "lower" and unknown):
                continue
        covered = set()
        for node in r.covers:
            covered |= (set(graph.neighbours(node, "CONTAINS", incoming=True))
                        if model.kind_of(node) == "Element" else {node})
        if bound == "lower" and graph.worst_case:
            # a material of unstated grade may be the grade the control covers
            covered |= {m for m in graph.ids("Material")
                        if set(grades(graph, m)) & covered}
        for m in covered:
            for claim in graph.relation_claims(m, "PRODUCES", incoming=True):
                if r.issuer in country_of(graph, claim.subject):
                    out.add((claim.subject, m))
        if bound == "lower":
            for m in graph.ids("Material"):
                if not has_producers(graph, m) and (m in covered
                                                    or covered & set(inputs(graph, m))
                                                    or (graph.worst_case
                                                        and untraced(graph, m)
                                                        and may_hold(graph, m, r.covers))):
                    out.add(("virtual", m))
    return out


def may_hold(graph: SupplyGraph, material: str, covers) -> bool:
    """Whether an untraced material may hold what a control covers: yes without a bound
    on its composition (MAY_CONTAIN), when the control names it, or when its bound meets
    an element the control names or one of a material it names (a named material with no
    element recorded may hold any)."""
    bound = set(graph.neighbours(material, "MAY_CONTAIN"))
    if not bound or material in covers:
        return True
    bound |= set(graph.neighbours(material, "CONTAINS"))
    for node in covers:
        if model.kind_of(node) == "Element":
            if node in bound:
                return True
        elif model.kind_of(node) == "Material":
            held = (set(graph.neighbours(node, "CONTAINS"))
                    | set(graph.neighbours(node, "MAY_CONTAIN")))
            if not held or held & bound:
                return True
    return False


def suppliers(graph: SupplyGraph, buyer: str) -> dict[str, list[tuple[str, float]]]:
    """Material -> (supplier, weight) into a producer or its operator (stated shares, the
    rest split equally)."""
    buyers = [buyer] + (graph.neighbours(buyer, "OPERATED_BY")
                        if model.kind_of(buyer) == "Facility" else [])
    found: dict[str, dict[str, float | None]] = {}
    for b in buyers:
        for claim in graph.relation_claims(b, "SUPPLIES", incoming=True):
            m = claim.qualifier("material")
            if m is not None:
                found.setdefault(m, {}).setdefault(claim.subject, claim.qualifier("share"))
    out = {}
    for m, parts in found.items():
        known = sum(v for v in parts.values() if v is not None)
        loose = [s for s, v in parts.items() if v is None]
        rest = max(0.0, 1 - known) / len(loose) if loose else 0.0
        weights = {s: (v if v is not None else rest) for s, v in parts.items()}
        total = sum(weights.values())
        out[m] = [(s, w / total if total > 1 else w) for s, w in sorted(weights.items())]
    return out


def cap(total: float) -> float:
    return 1.0 if total >= 1.0 - 1e-12 else total


def lower_graph(graph: SupplyGraph) -> SupplyGraph:
    """The graph of the lower bound: the graph itself (section 5.7 drops the claims below
    the level before the analysis); under --worst-case (5.7 as extended), with the
    requirements (REQUIRES, MADE_FROM) that the confidence filter left out put back."""
    back = [c for c in graph.left_out if c.predicate in ("REQUIRES", "MADE_FROM")]
    if not (back and graph.worst_case):
        return graph
    lower = SupplyGraph(list(graph.claims) + back, as_of=graph.as_of_date, loaded=graph.loaded,
                        worst_case=True, press_figures=graph.press_figures)
    # the shares stay left out there: their share-less producers an unknown part (5.6)
    lower._supply_left_out = graph.supply_left_out()
    return lower


class Asked(set):
    """A set that remembers which members it was asked about."""

    def __init__(self, items=()):
        super().__init__(items)
        self.asked: set = set()

    def __contains__(self, item) -> bool:
        self.asked.add(item)
        return super().__contains__(item)


class Naive:
    """a(n) for one graph, scenario, product scope and bound, with nodes removed; the
    lower bound on :func:`lower_graph` (``anchors`` must be that graph's).

    By recursion on an acyclic graph; with ``fixpoint``, on any graph, by iterating the
    same rules over every node at once from 0 until nothing moves (the least fixpoint
    of section 2, which recycling loops need).
    """

    def __init__(self, graph: SupplyGraph, scenario: Scenario | None, product: str, bound: str,
                 anchors: dict[str, str | None], fixpoint: bool = False):
        #: in-house stages (5.3) are decided on the kept graph: a put-back requirement
        #: adds inputs, it never reroutes one through a distant supplier (5.7 extended)
        self.kept = graph
        graph = lower_graph(graph) if bound == "lower" else graph
        self.g, self.bound, self.anchors = graph, bound, anchors
        self.blocked = blocked(graph, scenario, product, bound)
        self.base_removed = frozenset(scenario.remove) if scenario else frozenset()
        self.fixpoint = fixpoint

    def value(self, target: str, removed=frozenset()) -> float:
        return self._value(target, self.base_removed | set(removed))

    def value_and_affecting(self, target: str) -> tuple[float, set[str]]:
        """``value(target)``, and the nodes whose removal can change it: those the rules
        asked about. The rules read ``removed`` only by membership, so a node they never
        asked about leaves every step, and the value, as it was."""
        removed = Asked(self.base_removed)
        return self._value(target, removed), removed.asked

    def _value(self, target: str, removed: set) -> float:
        if not self.fixpoint:
            rules: dict = {}
            a = cache(lambda n: rules["a"](n))
            rules.update(self.rules(a, removed))
            return a(target)
        g = self.g
        nodes = sorted({c.subject for c in g.claims}
                       | {c.object for c in g.claims if c.is_relation} | {target})
        before: dict[str, float] = {}
        for _ in range(100_000):
            a = self.rules(lambda n, known=before: known.get(n, 0.0), removed)["a"]
            after = {n: a(n) for n in nodes}
            if all(abs(after[n] - before.get(n, 0.0)) < 1e-15 for n in nodes):
                return after[target]
            before = after
        raise AssertionError("no fixpoint")

    def rules(self, get, removed) -> dict:
        """The rules of a(n), reading the values of other nodes with ``get``."""
        g = self.g

        def a(n: str) -> float:
            if n in removed:
                return 0.0
            kind = model.kind_of(n)
            if kind == "Product":
                return min((get(m) for m in g.neighbours(n, "REQUIRES")), default=1.0)
            if kind != "Material":
                return 1.0
            if any(get(e) == 0.0 for e in g.neighbours(n, "CONTAINS")):
                return 0.0
            claims = g.relation_claims(n, "PRODUCES", incoming=True)
            if claims:
                # producers splitting a pool with no share of their own: the whole pool on
                # the worst-off (lower bound) or the best-off of them (upper bound, at most 1)
                pools = producer_pools(g, n, claims)
                pooled = {c.subject for _, group in pools for c in group}
                total = sum(w * producer(c.subject, n)
                            for c, w in producer_weights(g, n, claims)
                            if w > 0 and c.subject not in pooled)
                for w, group in pools:
                    values = [producer(c.subject, n) for c in group]
                    total += w * (min(values) if self.bound == "lower" else max(values))
                return cap(total)
            if self.bound == "upper":
                return min((get(i) for i in inputs(g, n)), default=1.0)
            if ("virtual", n) in self.blocked:
                return 0.0
            where = [self.anchors[n]] if self.anchors.get(n) else []
            return min([get(c) for c in where] + [get(i) for i in inputs(g, n)], default=1.0)

        def context(p: str) -> list[float]:
            kind = model.kind_of(p)
            if kind == "Facility":
                return [get(c) for c in g.neighbours(p, "LOCATED_IN")
                        + g.neighbours(p, "OPERATED_BY")]
            if kind == "Company" and g.relation_claims(p, "PRODUCES"):
                return [get(c) for c in g.neighbours(p, "LOCATED_IN")]
            return []

        @cache
        def producer(p: str, m: str) -> float:
            if (p, m) in self.blocked:
                return 0.0
            return min([get(p)] + context(p) + [through(p, i, ()) for i in inputs(g, m)])

        def through(p: str, i: str, trail: tuple) -> float:
            supplied = suppliers(g, p)
            if i in removed or any(get(e) == 0.0 for e in g.neighbours(i, "CONTAINS")):
                return 0.0  # a removed material is gone, explicit suppliers or not
            if i in supplied:
                makers = set(g.neighbours(i, "PRODUCES", incoming=True))
                return cap(sum(w * (producer(s, i) if s in makers else min([get(s)] + context(s)))
                               for s, w in supplied[i]))
            if i not in trail and any(x in ancestors(self.kept, i) for x in supplied):
                return min([get(e) for e in g.neighbours(i, "CONTAINS")]
                           + [through(p, j, trail + (i,)) for j in inputs(g, i)], default=1.0)
            return get(i)

        return {"a": a}


def anchors_of(graph: SupplyGraph) -> dict[str, str | None]:
    return {m: anchor(graph, m) for m in graph.ids("Material") if not has_producers(graph, m)}


def candidates(graph: SupplyGraph) -> list[str]:
    """Every node whose removal the note defines (supply kinds), sorted."""
    return [n for n in graph.ids() if model.kind_of(n) in SUPPLY_KINDS]
