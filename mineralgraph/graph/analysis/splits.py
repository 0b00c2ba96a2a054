"""What an assumed (≈) share assumes (design note 5.4 and its addendum).

A producer with no share of its own (and no share from its output or capacity against a
world output of the same year and unit, 5.4) joins the equal split of its *pool*: its
country's share, or the rest of the world's when its country has none, the pool's own
unmapped output counting as one more part; producers with no pool at all split what the
sourced shares leave of 1. The part is no figure any source gives. :func:`equal_splits`
says, for the producers a row's loss takes with it, which pool they split, how large it
is and between whom, so every view can state the assumption beside the ≈ figure ("China's
92% split equally between JL Mag Rare-Earth and China's unmapped output") instead of a
bare ≈.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mineralgraph.graph.analysis.confidence import weakest
from mineralgraph.graph.analysis.structure import (
    equal_split_groups,
    is_unnamed_output,
    stated_share,
)
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model


@dataclass(frozen=True)
class EqualSplit:
    """One pool of a material split equally among producers with no share of their own.

    Attributes
    ----------
    material : str
        The material whose output is split.
    pool : str or None
        The country whose share is split (``country:XX``: the rest of the world's), or
        None for what the sourced shares leave of 1.
    whole : float
        The share split (the pool's share, less what its producers with shares of their
        own hold; scaled as the analysis scales a set above 1).
    members : tuple of str
        The producers splitting it, by id; the pool's own id stands for its output no
        producer of the data is named for (its "unmapped output"), and an
        ``unnamed:<material>`` id (:func:`~mineralgraph.graph.analysis.structure.unnamed_output`)
        for the output no kept claim names where ``--min-confidence`` left out the split.
    bounded : bool
        Under ``--worst-case`` the split is not read: each member may hold none to all of
        the pool (addendum, 5.4 amended); nor is it where ``--min-confidence`` left out
        some of the material's producing claims (:attr:`split_left_out`).
    confidence : str or None
        The rating of the pool's share (its country's producing claim): an equal part is
        no stronger than the share it divides (5.7).
    proxy : str or None
        What the pool's share was measured for when it is a proxy, else None.
    """

    material: str
    pool: str | None
    whole: float
    members: tuple[str, ...]
    bounded: bool = False
    confidence: str | None = None
    proxy: str | None = None

    @property
    def split_left_out(self) -> bool:
        """Whether ``--min-confidence`` left out some of the material's producing claims
        (the shares the members would split, or other producers): they share what the kept
        shares leave with output no kept claim names."""
        return any(is_unnamed_output(m) for m in self.members)

    @property
    def part(self) -> float:
        """Each member's equal part of :attr:`whole` (read only by default)."""
        return self.whole / len(self.members) if self.members else 0.0

    def as_dict(self) -> dict:
        """JSON: ``material``, ``pool`` (the country whose share is split; null for what
        the sourced shares leave), ``pool_share`` (the share split), ``parts`` (how many
        equal parts), ``members`` (the pool's id for its unmapped output), ``part`` (each
        member's share: null under ``--worst-case``, where none is read), ``basis``
        ("equal split" or "bounded: none to all"), and the pool share's ``confidence`` and
        ``proxy`` (what it was measured for; null when it is no proxy)."""
        return {"material": self.material, "pool": self.pool,
                "pool_share": round(self.whole, 6), "parts": len(self.members),
                "members": list(self.members),
                "part": None if self.bounded else round(self.part, 6),
                "basis": "bounded: none to all" if self.bounded else "equal split",
                "confidence": self.confidence, "proxy": self.proxy}


def equal_splits(graph: SupplyGraph, material: str, holders: Iterable[str]) -> list[EqualSplit]:
    """The pools of ``material`` that some of ``holders`` (producer ids: a row's node and
    what losing it takes with it) split equally with others, so that the part they hold
    is assumed, not sourced (5.4; its row is marked ≈). A pool all of whose members are
    among ``holders`` is held whole: no assumption, not listed.

    >>> from mineralgraph.claim import Claim
    >>> def c(s, o, **q): return Claim(s, o, "material:m", tuple(sorted(q.items())))
    >>> g = SupplyGraph([c("country:CN", "PRODUCES", share=0.92),
    ...                  c("country:XX", "PRODUCES", share=0.08),
    ...                  c("company:j", "PRODUCES"),
    ...                  Claim("company:j", "LOCATED_IN", "country:CN")])
    >>> [split] = equal_splits(g, "material:m", ["company:j"])
    >>> split.pool, round(split.whole, 2), split.members, round(split.part, 2)
    ('country:CN', 0.92, ('company:j', 'country:CN'), 0.46)
    >>> equal_splits(g, "material:m", ["company:j", "country:CN"])
    []
    """
    held = set(holders)
    return [split for split in material_splits(graph, material)
            if held & set(split.members) and not set(split.members) <= held]


def material_splits(graph: SupplyGraph, material: str) -> list[EqualSplit]:
    """Every pool of ``material`` split equally among producers with no share of their
    own (a picture's ≈ bars), by its members."""
    producers = graph.relation_claims(material, "PRODUCES", incoming=True)
    out = []
    for whole, group in equal_split_groups(graph, material, producers):
        members = tuple(sorted({c.subject for c in group}))
        shares = [c for c in group if model.kind_of(c.subject) == "Country"
                  and stated_share(graph, c) is not None]
        pool = shares[0].subject if shares else None
        rated = [c.confidence for c in shares if c.subject == pool and c.confidence]
        proxy = next((str(c.qualifier("proxy")) for c in shares
                      if c.subject == pool and c.qualifier("proxy")), None)
        bounded = graph.worst_case or any(is_unnamed_output(m) for m in members)
        out.append(EqualSplit(material, pool, whole, members, bounded, weakest(rated), proxy))
    return out


__all__ = ["EqualSplit", "equal_splits", "material_splits"]
