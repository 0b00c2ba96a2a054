"""Confidence travels with the answer (dependency model, section 5.7).

Every availability, loss and single point of failure rests on claims: the shares and
edges on its evidence paths. :class:`Caveats` says the weakest confidence among them,
whether any is an assumed (≈) share or a proxy (a figure measured for a neighbouring
stage or material, marked ``proxy`` in the data), and which of them another source
disputes (marked ``disputed`` in the data: both claims are kept, and every answer resting
on a disputed one says so).

>>> from mineralgraph.claim import Claim
>>> strong = Claim("country:CN", "PRODUCES", "material:x", (("share", 0.6),), ("source:s",),
...                confidence="high")
>>> borrowed = Claim("country:CN", "PRODUCES", "material:y",
...                  (("proxy", "all separation"), ("share", 0.9)), ("source:s",),
...                  confidence="low")
>>> caveats = Caveats.of([strong, borrowed])
>>> caveats.confidence, caveats.proxies
('low', (('country:CN', 'material:y', 'all separation'),))
>>> caveats.describe()
'low, proxy'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from mineralgraph.claim import Claim

#: Confidence levels, weakest first.
LEVELS = ("low", "medium", "high")

#: The confidence of a figure that no fact sets: its loss comes from a rule alone where
#: facts are missing (an untraced requirement any control may reach, a stage without
#: mapped supply taken with its anchor country), the mapped supply losing nothing.
UNKNOWN = "unknown"


def weakest(levels: Iterable[str | None]) -> str | None:
    """The weakest of some confidence levels (claims without one are not counted).

    >>> weakest(["high", None, "medium"]), weakest([None])
    ('medium', None)
    """
    rated = [level for level in levels if level in LEVELS]
    return min(rated, key=LEVELS.index) if rated else None


def support_key(caveats: Caveats) -> tuple[int, bool, bool, bool]:
    """The one tie-break of every ranking: at an equal figure (a loss, an HHI), the
    better-supported one first, then the id (the caller's). The mirror of the order in
    which the views list the claims a figure rests on, weakest first ("by rating, low
    first; then disputed before proxy"): the higher rating first, a figure no claim rates
    ("unknown", or none) last; then one resting on no disputed claim, then on no proxy,
    then on no assumed (≈) share. Findings 11: at 92% the "most exposed" sentence named
    the low-rated SmCo proxy over the medium one of the Dy/Tb-doped magnet.

    >>> rows = {"a": Caveats("low", proxies=(("c", "m", "x"),)), "b": Caveats("medium"),
    ...         "c": Caveats("medium", disputes=(("c", "R", "m", "y"),)), "d": Caveats()}
    >>> sorted(rows, key=lambda n: (support_key(rows[n]), n))
    ['b', 'c', 'a', 'd']
    """
    level = LEVELS.index(caveats.confidence) if caveats.confidence in LEVELS else -1
    return (-level, bool(caveats.disputes), bool(caveats.proxies), caveats.assumed_share)


def support_key_of(row: dict) -> tuple[int, bool, bool, bool]:
    """:func:`support_key` of a figure given as JSON (``confidence``, ``proxies``,
    ``disputes``, ``assumed_share``: :meth:`Caveats.as_dict`'s keys).

    >>> support_key_of({"confidence": "high"}) < support_key_of(
    ...     {"confidence": "high", "proxies": [{"subject": "c"}]})
    True
    """
    marked = (("", "", ""),)
    return support_key(Caveats(row.get("confidence"),
                               marked if row.get("proxies") else (),
                               bool(row.get("assumed_share")),
                               (("", "", "", ""),) if row.get("disputes") else ()))


def at_least(claim: Claim, level: str | None) -> bool:
    """Whether a claim is kept under ``--min-confidence level``: relation claims rated
    below the level are dropped; unrated claims and attributes (labels, dates) are kept.

    >>> weak = Claim("country:CN", "PRODUCES", "material:x", confidence="low")
    >>> at_least(weak, "medium"), at_least(weak, "low"), at_least(weak, None)
    (False, True, True)
    """
    if level is None or not claim.is_relation or claim.confidence not in LEVELS:
        return True
    return LEVELS.index(claim.confidence) >= LEVELS.index(level)


@dataclass(frozen=True)
class Caveats:
    """How strong the claims behind one answer are.

    Attributes
    ----------
    confidence : str or None
        The weakest confidence among the claims (None when none is rated).
    proxies : tuple of (subject, object, measured for)
        The proxy figures among them.
    assumed_share : bool
        Whether the answer rests on an assumed (≈) share: a producer without a sourced
        share, given an equal part of its country's or the rest of the world's share
        (5.4; under ``--worst-case``, bounded by none to all of it).
    disputes : tuple of (subject, relation, object, who disagrees and how)
        The claims among them that another source disputes.
    low : tuple of (subject, relation, object, sources, note)
        Every claim among them rated low, whatever else it is (a proxy or a disputed
        claim too: it makes the answer low all the same, trial 8 MED-3): each with its
        sources (a tuple of ids) and its note ("" when none), so an answer resting on
        one names it.
    ratings : tuple of (subject, relation, object, confidence)
        The rating of each proxy and disputed claim among them, so that every caveat
        names its own confidence (JSON ``proxies`` and ``disputes`` carry it).
    """

    confidence: str | None = None
    proxies: tuple[tuple[str, str, str], ...] = ()
    assumed_share: bool = False
    disputes: tuple[tuple[str, str, str, str], ...] = ()
    low: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = ()
    ratings: tuple[tuple[str, str, str, str], ...] = ()

    @classmethod
    def of(cls, claims: Iterable[Claim], assumed_share: bool = False) -> Caveats:
        """The caveats of a set of claims."""
        claims = list(claims)
        proxies = sorted({(c.subject, str(c.object), str(c.qualifier("proxy")))
                          for c in claims if c.qualifier("proxy")})
        disputes = sorted({(c.subject, c.predicate, str(c.object), str(c.qualifier("disputed")))
                           for c in claims if c.qualifier("disputed")})
        return cls(weakest(c.confidence for c in claims), tuple(proxies), assumed_share,
                   tuple(disputes), low_claims(claims), claim_ratings(claims))

    def __or__(self, other: Caveats) -> Caveats:
        """The caveats of an answer resting on both."""
        return Caveats(weakest([self.confidence, other.confidence]),
                       tuple(sorted(set(self.proxies) | set(other.proxies))),
                       self.assumed_share or other.assumed_share,
                       tuple(sorted(set(self.disputes) | set(other.disputes))),
                       tuple(sorted(set(self.low) | set(other.low))),
                       tuple(sorted(set(self.ratings) | set(other.ratings))))

    @property
    def weak(self) -> bool:
        """Whether an analyst should be told: low confidence, a proxy, an assumed share or
        a disputed claim."""
        return (self.confidence in ("low", UNKNOWN) or bool(self.proxies) or self.assumed_share
                or bool(self.disputes))

    def describe(self) -> str:
        """For a table cell: ``high``, ``low, proxy``, ``medium, ≈``, ``medium, disputed``.

        >>> Caveats("medium", (), True).describe(), Caveats().describe()
        ('medium, ≈', '')
        >>> Caveats("medium", disputes=(("product:p", "REQUIRES", "material:m", "X"),)
        ...         ).describe()
        'medium, disputed'
        """
        flagged = self.proxies or self.assumed_share or self.disputes
        parts = [self.confidence or ("unrated" if flagged else "")]
        if self.proxies:
            parts.append("proxy")
        if self.assumed_share:
            parts.append("≈")
        if self.disputes:
            parts.append("disputed")
        return ", ".join(p for p in parts if p)

    def unknown(self) -> Caveats:
        """The same caveats with confidence :data:`UNKNOWN`: for a figure that the rules
        for missing facts set alone (see :func:`rule_set`).

        >>> Caveats("high").unknown().describe()
        'unknown'
        """
        return replace(self, confidence=UNKNOWN)

    def rating(self, subject: str, obj: str, relation: str | None = None) -> str | None:
        """The confidence of a proxy (``relation`` None: any relation from ``subject`` to
        ``obj``) or of a disputed claim, the weakest where several claims make it."""
        return weakest(level for s, r, o, level in self.ratings
                       if s == subject and o == obj and relation in (None, r))

    def also(self, subject: str, relation: str, obj: str) -> list[str]:
        """What else a low-rated claim is, of ``proxy`` and ``disputed``."""
        return ((["proxy"] if any(p[:2] == (subject, obj) for p in self.proxies) else [])
                + (["disputed"] if any(d[:3] == (subject, relation, obj)
                                       for d in self.disputes) else []))

    def as_dict(self) -> dict:
        """JSON: ``confidence``, ``proxies`` (subject, object, measured_for, confidence),
        ``assumed_share``, ``disputes`` (subject, relation, object, disputed_by: who
        disagrees and how, confidence), ``low_confidence`` (subject, relation, object,
        sources, note, also: every low-rated claim, and whether it is a ``proxy`` or
        ``disputed`` too).

        >>> from mineralgraph.claim import Claim
        >>> both = Claim("country:CN", "PRODUCES", "material:y", (("proxy", "all"),
        ...              ("disputed", "X: 99%"), ("share", 0.9)), ("source:s",),
        ...              confidence="low")
        >>> found = Caveats.of([both]).as_dict()
        >>> found["proxies"][0]["confidence"], found["disputes"][0]["confidence"]
        ('low', 'low')
        >>> [(w["subject"], w["also"]) for w in found["low_confidence"]]
        [('country:CN', ['proxy', 'disputed'])]
        """
        return {"confidence": self.confidence, "assumed_share": self.assumed_share,
                "proxies": [{"subject": s, "object": o, "measured_for": m,
                             "confidence": self.rating(s, o)}
                            for s, o, m in self.proxies],
                "disputes": [{"subject": s, "relation": r, "object": o, "disputed_by": d,
                              "confidence": self.rating(s, o, r)}
                             for s, r, o, d in self.disputes],
                "low_confidence": [{"subject": s, "relation": r, "object": o,
                                    "sources": list(found), "note": note,
                                    "also": self.also(s, r, o)}
                                   for s, r, o, found, note in self.low]}


def low_claims(claims: Iterable[Claim]) -> tuple:
    """Every low-rated relation claim among ``claims`` (:attr:`Caveats.low`), a proxy or
    disputed one too: (subject, relation, object, sources, note), sorted. A figure is
    low because of each of them, so each is named (trial 8, MED-3: China's 91% of
    dysprosium oxide, a proxy rated low, made the F-35's China row low unnamed).

    >>> weak = Claim("product:p", "REQUIRES", "material:r", (("note", "a prototype"),),
    ...              ("source:s",), confidence="low")
    >>> proxy = Claim("country:CN", "PRODUCES", "material:y", (("proxy", "all"),),
    ...               ("source:t",), confidence="low")
    >>> for found in low_claims([weak, proxy, Claim("product:p", "REQUIRES", "material:q",
    ...                                             confidence="high")]):
    ...     print(found)
    ('country:CN', 'PRODUCES', 'material:y', ('source:t',), '')
    ('product:p', 'REQUIRES', 'material:r', ('source:s',), 'a prototype')
    """
    return tuple(sorted({(c.subject, c.predicate, str(c.object), tuple(sorted(c.sources)),
                          str(c.qualifier("note") or ""))
                         for c in claims if c.confidence == "low" and c.is_relation}))


def claim_ratings(claims: Iterable[Claim]) -> tuple:
    """(subject, relation, object, confidence) of each rated proxy or disputed claim among
    ``claims`` (:attr:`Caveats.ratings`), sorted."""
    return tuple(sorted({(c.subject, c.predicate, str(c.object), c.confidence)
                         for c in claims if c.confidence
                         and (c.qualifier("proxy") or c.qualifier("disputed"))}))


def rule_set(fact_loss: float | None, loss_high: float, fact_drivers: bool = False) -> bool:
    """Whether a loss is set by the rules for missing facts alone, so that its confidence
    is :data:`UNKNOWN` (design note addendum, "A figure's confidence").

    A figure's confidence is the weakest confidence of the facts it rests on. A loss whose
    mapped supply loses nothing (``fact_loss``, the upper bound's loss of section 2, is
    0 or not measured) while its high end ``loss_high`` is above 0 comes from the rules
    that stand in for missing facts: an untraced requirement that any control may reach,
    a stage without mapped supply taken with its anchor country. No fact says how large it
    is, so its confidence is "unknown", not that of the requirement that brings the
    unmapped stage in (the DoD's unspecified rare-earth content is a "high" fact; the
    0-100% it leads to is not). ``fact_drivers`` says that some mapped supply is blocked at
    the high end (a control that may reach a material of unstated grade, or a product
    whose maker is unknown): the loss then rests on those facts, and is not rule-set.

    >>> rule_set(0.0, 1.0), rule_set(0.0, 0.94, fact_drivers=True), rule_set(0.17, 1.0)
    (True, False, False)
    >>> rule_set(None, 1.0), rule_set(0.0, 0.0)
    (True, False)
    """
    return (fact_loss is None or fact_loss <= 1e-12) and loss_high > 1e-12 and not fact_drivers


def left_out_for(graph, targets: Iterable[str] | None = None) -> list[Claim]:
    """The claims ``--min-confidence`` left out that bear on some nodes: supply relations
    into a target or a node upstream of one, in the graph with every left-out claim put
    back, and other relations touching one (all of them when ``targets`` is None). Sorted
    as the graph keeps them.

    Parameters
    ----------
    graph : SupplyGraph
        A graph read with ``min_confidence``; its ``left_out`` claims are looked at.
    targets : iterable of str, optional
        Product or node ids the answer is about.
    """
    if not graph.left_out:
        return []
    if targets is None:
        return list(graph.left_out)
    return left_out_each(graph, [list(targets)])[0]


def left_out_each(graph, groups: list[list[str]]) -> list[list[Claim]]:
    """:func:`left_out_for` of each group of targets, with one flow view for all."""
    if not graph.left_out:
        return [[] for _ in groups]
    from mineralgraph.graph.flow import flow_graph, upstream
    from mineralgraph.graph.supply_graph import SupplyGraph

    full = SupplyGraph(graph.given_claims(), as_of=graph.as_of_date,
                       policy=graph.policy, loaded=graph.loaded,
                       press_figures=graph.press_figures)
    flow = flow_graph(full)
    out = []
    for targets in groups:
        near: set[str] = set()
        for target in targets:
            near.add(target)
            if target in flow:
                near |= upstream(flow, target)
        out.append([c for c in graph.left_out if _feeds(c, near)])
    return out


def _feeds(claim: Claim, near: set[str]) -> bool:
    """Whether a claim bears on the nodes ``near``: a supply relation whose downstream end
    (the way material flows) is one of them; any other relation touching one."""
    from mineralgraph.graph.flow import FLOW_RELATIONS

    reverse = FLOW_RELATIONS.get(claim.predicate)
    if reverse is None:
        return claim.subject in near or str(claim.object) in near
    return (claim.subject if reverse else str(claim.object)) in near


def left_out_dict(claim: Claim, worst_case: bool = False) -> dict:
    """JSON of one left-out claim: its ends, relation, rating, share, proxy and sources,
    and whether it still counts in the lower bound (a requirement, under ``--worst-case``
    only: section 5.7 drops every left-out claim before the analysis)."""
    from mineralgraph.graph.supply_graph import REQUIREMENTS

    return {"subject": claim.subject, "relation": claim.predicate, "object": str(claim.object),
            "confidence": claim.confidence, "share": claim.qualifier("share"),
            "proxy": claim.qualifier("proxy"), "sources": sorted(claim.sources),
            "counts_in_lower_bound": worst_case and claim.predicate in REQUIREMENTS}
