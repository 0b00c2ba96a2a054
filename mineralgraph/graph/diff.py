"""What changed between two graphs: facts added, removed and changed, and per product the
chokepoints and single points of failure that changed.

A fact is identified by what it is about and who says it: an attribute by (subject,
attribute, sources) and, for multi-valued attributes, its value; a relation by (subject,
relation, object, sources, ``year`` and ``material`` qualifiers). Two claims with the same
identity and a different value, qualifier, quote or validity are a *change*; an identity in
one graph only is an *addition* or a *removal*. Claims are compared by content, so the
same fact read from another file is no change.

>>> from mineralgraph.claim import Claim
>>> old = [Claim("control:x", "effective_to", date(2026, 11, 10), sources=("source:a",))]
>>> new = [Claim("control:x", "effective_to", date(2026, 11, 27), sources=("source:a",)),
...        Claim("control:x", "label", "X", sources=("source:a",))]
>>> d = fact_diff(old, new)
>>> [c.predicate for c in d.added], [c.predicate for c in d.removed], len(d.changed)
(['label'], [], 1)
>>> d.changed[0].fields
['object']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mineralgraph.claim import Claim
from mineralgraph.graph.reported import TRADE_FIGURES, Beside, added_beside
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model

#: Loss differences below this are rounding, not change.
LOSS_EPSILON = 1e-6
_FIELDS = ("object", "qualifiers", "quote", "confidence", "valid_from", "valid_to")


def fact_key(claim: Claim) -> tuple:
    """The identity of a fact: what it is about and who says it (not its value)."""
    if claim.is_relation:
        return (claim.subject, claim.predicate, claim.object, claim.sources,
                claim.qualifier("year"), claim.qualifier("material"))
    attribute = model.attributes.get(claim.predicate)
    value = claim.object if attribute is None or attribute.multi_valued else None
    return (claim.subject, claim.predicate, value, claim.sources)


@dataclass
class Change:
    """One fact whose value changed: the old and the new claim, and the fields that differ."""

    old: Claim
    new: Claim
    fields: list[str]

    def as_dict(self) -> dict:
        return {"subject": self.new.subject, "predicate": self.new.predicate,
                "fields": self.fields, "old": self.old.to_dict(), "new": self.new.to_dict()}


@dataclass
class FactDiff:
    """Facts added, removed and changed, each list in a stable order."""

    added: list[Claim] = field(default_factory=list)
    removed: list[Claim] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)


def _order(claim: Claim) -> tuple:
    return (claim.subject, claim.predicate, str(claim.object), claim.id)


def fact_diff(old: Iterable[Claim], new: Iterable[Claim]) -> FactDiff:
    """The facts of ``new`` that ``old`` lacks, the reverse, and the facts whose value changed."""
    def grouped(claims):
        groups: dict[tuple, dict[str, Claim]] = defaultdict(dict)
        for claim in claims:
            groups[fact_key(claim)][claim.id] = claim
        return groups

    before, after = grouped(old), grouped(new)
    result = FactDiff()
    for key in set(before) | set(after):
        olds = {i: c for i, c in before.get(key, {}).items() if i not in after.get(key, {})}
        news = {i: c for i, c in after.get(key, {}).items() if i not in before.get(key, {})}
        olds_sorted = sorted(olds.values(), key=_order)
        news_sorted = sorted(news.values(), key=_order)
        for old_claim, new_claim in zip(olds_sorted, news_sorted, strict=False):
            fields = [f for f in _FIELDS if getattr(old_claim, f) != getattr(new_claim, f)]
            result.changed.append(Change(old_claim, new_claim, fields))
        result.removed.extend(olds_sorted[len(news_sorted):])
        result.added.extend(news_sorted[len(olds_sorted):])
    result.added.sort(key=_order)
    result.removed.sort(key=_order)
    result.changed.sort(key=lambda c: _order(c.new))
    return result


@dataclass
class ProductChange:
    """How one product's chokepoints changed; every loss and baseline as its range
    [low, high] over the two bounds (design note 5.6), never one end alone."""

    product: str
    label: str
    baseline: tuple[tuple[float, float] | None, tuple[float, float] | None]
    spofs_added: list[str]
    spofs_removed: list[str]
    chokepoints_added: list[tuple[str, tuple[float, float]]]
    chokepoints_removed: list[tuple[str, tuple[float, float]]]
    loss_changed: list[tuple[str, tuple[float, float], tuple[float, float]]]
    #: node -> (the upper bound's loss, spof "certain"/"possible"/False) in the old and
    #: the new graph: a diff row carries the keys of a chokepoint row (``loss``, the
    #: upper bound's, beside ``loss_range``, and ``spof``)
    old_rows: dict[str, tuple[float, str | bool]] = field(default_factory=dict)
    new_rows: dict[str, tuple[float, str | bool]] = field(default_factory=dict)

    def _row(self, node: str, pair: tuple[float, float], rows: dict) -> dict:
        """A node's loss as a chokepoint row gives it: ``loss`` (the upper bound's),
        ``loss_low``, ``loss_high``, ``loss_range`` and ``spof``."""
        loss, spof = rows.get(node, (pair[1], False))
        return {"loss": round(loss, 6), **_ends("loss", pair), "spof": spof}

    def as_dict(self) -> dict:
        """JSON: each range as ``NAME_low``, ``NAME_high`` and ``NAME_range`` (as every
        JSON output gives it); ``loss_changed`` and ``baseline`` hold an ``old`` and a
        ``new`` range (None for a product one graph lacks)."""
        return {"product": self.product, "label": self.label,
                "baseline": {"old": _ends("baseline", self.baseline[0]),
                             "new": _ends("baseline", self.baseline[1])},
                "spofs_added": self.spofs_added, "spofs_removed": self.spofs_removed,
                "chokepoints_added": [{"id": n, **self._row(n, v, self.new_rows)}
                                      for n, v in self.chokepoints_added],
                "chokepoints_removed": [{"id": n, **self._row(n, v, self.old_rows)}
                                        for n, v in self.chokepoints_removed],
                "loss_changed": [{"id": n, "old": self._row(n, a, self.old_rows),
                                  "new": self._row(n, b, self.new_rows)}
                                 for n, a, b in self.loss_changed]}


def _ends(name: str, pair: tuple[float, float] | None) -> dict | None:
    """``{NAME_low, NAME_high, NAME_range}`` of a range, rounded; None for none."""
    if pair is None:
        return None
    low, high = (round(v, 6) for v in pair)
    return {f"{name}_low": low, f"{name}_high": high, f"{name}_range": [low, high]}


def _moved(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return any(abs(x - y) > LOSS_EPSILON for x, y in zip(a, b, strict=True))


def _losses(graph: SupplyGraph) -> dict[str, tuple]:
    """Per product: its label, its baseline range, the loss range of each chokepoint
    (a loss above :data:`LOSS_EPSILON` at either end, or a single point of failure) and
    its single points of failure."""
    from mineralgraph.graph.analysis import chokepoints

    out = {}
    for report in chokepoints(graph, evidence=False):
        kept = [c for c in report.chokepoints if c.loss_range[1] > LOSS_EPSILON or c.spof]
        losses = {c.id: tuple(c.loss_range) for c in kept}
        rows = {c.id: (c.loss, c.spof_kind) for c in kept}
        out[report.product] = (report.label, tuple(report.baseline_range), losses,
                               set(report.all_spofs), rows)
    return out


def chokepoint_diff(old: SupplyGraph, new: SupplyGraph) -> list[ProductChange]:
    """Per product (in either graph), the SPOFs and chokepoints that appeared, went, or whose
    loss changed; products with no change are left out."""
    before, after = _losses(old), _losses(new)
    changes = []
    for product in sorted(set(before) | set(after)):
        label_a, base_a, loss_a, spof_a, rows_a = before.get(product,
                                                             (None, None, {}, set(), {}))
        label_b, base_b, loss_b, spof_b, rows_b = after.get(product,
                                                            (None, None, {}, set(), {}))
        change = ProductChange(
            product, label_b or label_a or product, (base_a, base_b),
            sorted(spof_b - spof_a), sorted(spof_a - spof_b),
            sorted((n, loss_b[n]) for n in set(loss_b) - set(loss_a)),
            sorted((n, loss_a[n]) for n in set(loss_a) - set(loss_b)),
            sorted((n, loss_a[n], loss_b[n]) for n in set(loss_a) & set(loss_b)
                   if _moved(loss_a[n], loss_b[n])), rows_a, rows_b)
        moved = base_a is None or base_b is None or _moved(base_a, base_b)
        if moved or change.spofs_added or change.spofs_removed or change.chokepoints_added \
                or change.chokepoints_removed or change.loss_changed:
            changes.append(change)
    return changes


@dataclass
class GraphDiff:
    """The fact diff and the chokepoint diff of two graphs; ``beside``: each trade figure
    of an article among the facts added, with the new graph's statistical figures of the
    same flow and month (:mod:`mineralgraph.graph.reported`)."""

    facts: FactDiff
    products: list[ProductChange] | None
    beside: list[Beside] = field(default_factory=list)
    #: the chokepoints were read with the addendum's wider readings (``--worst-case``)
    worst_case: bool = False
    #: the chokepoints were read with press figures where no statistical one exists
    #: (``--press-figures``)
    press_figures: bool = False

    def as_dict(self) -> dict:
        data = {"summary": {"added": len(self.facts.added), "removed": len(self.facts.removed),
                            "changed": len(self.facts.changed),
                            "products_changed": (None if self.products is None
                                                 else len(self.products))},
                "added": [c.to_dict() for c in self.facts.added],
                "removed": [c.to_dict() for c in self.facts.removed],
                "changed": [c.as_dict() for c in self.facts.changed]}
        data["chokepoints"] = (None if self.products is None
                               else [p.as_dict() for p in self.products])
        data["beside"] = [b.as_dict() for b in self.beside]
        return data


def graph_diff(old: Iterable[Claim], new: Iterable[Claim], as_of: date | None = None,
               with_chokepoints: bool = True, worst_case: bool = False,
               press_figures: bool = False) -> GraphDiff:
    """Facts and chokepoints that changed from ``old`` to ``new``.

    Parameters
    ----------
    old, new : iterable of Claim
        The claims of the two graphs (two snapshots).
    as_of : date, optional
        Compare the chokepoints of the graphs as of this date (facts are compared whole).
    with_chokepoints : bool
        Run the chokepoint analysis on both graphs (the slow part).
    worst_case : bool
        Read both analyses with the addendum's wider readings (``--worst-case``).
    press_figures : bool
        Read both analyses with press figures where no statistical one exists
        (``--press-figures``).
    """
    old, new = list(old), list(new)
    products = None
    if with_chokepoints:
        products = chokepoint_diff(
            SupplyGraph(old, as_of=as_of, worst_case=worst_case, press_figures=press_figures),
            SupplyGraph(new, as_of=as_of, worst_case=worst_case, press_figures=press_figures))
    facts = fact_diff(old, new)
    beside = []
    if any(c.predicate in TRADE_FIGURES for c in facts.added):
        beside = added_beside(SupplyGraph(new), facts.added)
    return GraphDiff(facts, products, beside, worst_case=worst_case and with_chokepoints,
                     press_figures=press_figures and with_chokepoints)
