"""Competing sets of country shares: which one the analysis reads (design note, §5.5).

Two sources may each give the country shares of one material: the bundled data names
Peru, Chile and Mexico, a user's USGS table gives the United States, China and "Other
Countries". Adding one source's rest of world to the other's named countries counts
output twice, so the analysis reads *one* source's set, never a mix:

1. the year: the latest year that has country shares valid at the date;
2. the set: among the sources giving shares for that year, the most recently
   published; on a tie, the one loaded last (a user's file over the bundled data).

A source that only repeats figures of another (every claim it backs is also backed by
the other) makes no set of its own: it corroborates. Every other set of that year is
a *conflict*, reported by ``validate`` and ``info``, not an error. Figures whose
sources are all press or reposts (``source_type``; a news article is press) never take
part in this choice: they are shown beside the statistical figures, not used by the
analysis unless the user asks (design note 5.5). So where only press gives a material's
shares, no set is chosen (the country rows that carry those figures go with them, and
the material's other producers join the equal split of 5.4, or it has none and gets the
virtual producer of 5.6), and the press sets are ``set_aside``, for the reports to show
beside. With ``press_figures`` (the global ``--press-figures`` option) such a set is used
where no statistical set exists, for lack of another, and said so.

>>> from mineralgraph.claim import Claim
>>> def share(country, value, source):
...     return Claim(country, "PRODUCES", "material:mo", (("share", value), ("year", 2024)),
...                  (source,))
>>> claims = [share("country:PE", 0.4, "source:old"), share("country:CL", 0.6, "source:old"),
...           share("country:US", 0.5, "source:new"), share("country:XX", 0.5, "source:new")]
>>> choice = choose(claims, published=lambda s: {"source:new": date(2025, 1, 1)}.get(s,
...                 date.min), source_type=lambda s: None, loaded={})
>>> choice.chosen.source, sorted(choice.chosen.countries), [s.source for s in choice.others]
('source:new', ['country:US', 'country:XX'], ['source:old'])

A set from press alone is set aside, unless the user asks for it:

>>> press = [share("country:CN", 0.94, "source:news"), share("country:XX", 0.06, "source:news")]
>>> kind = {"source:news": "press"}.get
>>> aside = choose(press, published=lambda s: date.min, source_type=kind, loaded={})
>>> aside.chosen is None, [s.source for s in aside.set_aside]
(True, ['source:news'])
>>> used = choose(press, published=lambda s: date.min, source_type=kind, loaded={},
...               press_figures=True)
>>> used.chosen.source, used.press_only, used.set_aside
('source:news', True, [])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from mineralgraph.claim import Claim
from mineralgraph.ontology import model

#: Source types whose figures are shown but never chosen while a better source exists.
PRESS_TYPES = ("press", "repost")
#: A set may add up to this much above 1 (a rounded world total) before it is an error.
SHARE_SUM_TOLERANCE = 0.02


@dataclass
class ShareSet:
    """One source's country shares of one material in one year."""

    material: str
    year: int | None
    source: str
    claims: dict[str, Claim] = field(default_factory=dict)  # country -> claim

    @property
    def countries(self) -> dict[str, float]:
        return {c: claim.qualifier("share") for c, claim in sorted(self.claims.items())}

    @property
    def total(self) -> float:
        return sum(self.countries.values())

    @property
    def stated(self) -> dict[str, str]:
        """Country -> the source's own words for its share where a note gives them
        ("STATED share: nearly two-thirds" beside 0.6667), so a report says both."""
        from mineralgraph.graph.statistics import stated_share_words  # it imports this module

        words = {c: stated_share_words(claim.qualifier("note"))
                 for c, claim in sorted(self.claims.items())}
        return {c: w for c, w in words.items() if w}

    def as_dict(self) -> dict:
        """The set as plain data; ``stated`` (the source's words) only where a share has
        them."""
        data = {"material": self.material, "year": self.year, "source": self.source,
                "shares": {c: round(s, 6) for c, s in self.countries.items()},
                "total": round(self.total, 6)}
        stated = self.stated
        return {**data, "stated": stated} if stated else data


@dataclass
class ShareChoice:
    """The set the analysis reads for a material, and the sets that disagree with it."""

    material: str
    chosen: ShareSet | None
    others: list[ShareSet] = field(default_factory=list)
    #: every set comes from press or reposts and one is used for lack of another (only
    #: under ``--press-figures``), and said so
    press_only: bool = False
    #: the press and repost sets the analysis does not read (design note 5.5: shown
    #: beside the statistical figures), best first; those of the year the choice reads
    #: (the latest year they give, where no statistical set is read)
    set_aside: list[ShareSet] = field(default_factory=list)

    @property
    def used(self) -> set[str]:
        """Ids of the claims the analysis reads."""
        return {c.id for c in self.chosen.claims.values()} if self.chosen else set()


def is_country_share(claim: Claim) -> bool:
    return (claim.predicate == "PRODUCES" and model.kind_of(claim.subject) == "Country"
            and claim.qualifier("share") is not None)


def is_press(claim: Claim, source_type: Callable[[str], str | None]) -> bool:
    """A claim every source of which is press or a repost."""
    return bool(claim.sources) and all(source_type(s) in PRESS_TYPES for s in claim.sources)


def sets_of(material: str, claims: Iterable[Claim], published, loaded: dict) -> list[ShareSet]:
    """Every source's set for one year, corroborating sets dropped, best first."""
    by_source: dict[str, ShareSet] = {}
    for claim in claims:
        for source in claim.sources or ("",):
            item = by_source.setdefault(source, ShareSet(material, claim.qualifier("year"),
                                                         source))
            held = item.claims.get(claim.subject)
            if held is None or _rank(claim, published, loaded) > _rank(held, published, loaded):
                item.claims[claim.subject] = claim
    ids = {s: {c.id for c in item.claims.values()} for s, item in by_source.items()}

    def order(item: ShareSet) -> tuple:
        return (published(item.source),
                max(loaded.get(c.id, -1) for c in item.claims.values()), item.source)

    # one set needs no order (nor the input positions, which hash every claim)
    ranked = (sorted(by_source.values(), key=order, reverse=True) if len(by_source) > 1
              else list(by_source.values()))
    kept: list[ShareSet] = []
    for i, item in enumerate(ranked):
        mine = ids[item.source]
        if any(mine < ids[other.source] or (mine == ids[other.source] and j < i)
               for j, other in enumerate(ranked) if j != i):
            continue
        kept.append(item)
    return kept


def _rank(claim: Claim, published, loaded) -> tuple:
    issued = max((published(s) for s in claim.sources), default=date.min)
    return (issued, loaded.get(claim.id, -1), claim.id)


def choose(claims: Iterable[Claim], published: Callable[[str], date],
           source_type: Callable[[str], str | None], loaded: dict,
           policy: str = "newest", press_figures: bool = False) -> ShareChoice:
    """The share set of one material among its PRODUCES claims (already at the date).

    The ``oldest`` claim policy reads the earliest year and the earliest source instead.
    Sets from press and reposts alone never take part while a statistical set exists;
    without one they are set aside (none chosen), or with ``press_figures`` chosen from
    as the statistical sets would be (``press_only``).
    """
    shares = [c for c in claims if is_country_share(c)]
    material = str(shares[0].object) if shares else ""
    if not shares:
        return ShareChoice(material, None)
    statistical: list[Claim] = []
    press: list[Claim] = []
    for claim in shares:  # each claim's sources read once: press or not
        (press if is_press(claim, source_type) else statistical).append(claim)
    oldest = policy == "oldest"
    if statistical or press_figures:
        ranked = _ranked(material, statistical or press, published, loaded, oldest)
        aside = _ranked(material, press, published, loaded, oldest) if statistical else []
        return ShareChoice(material, ranked[0], ranked[1:], press_only=not statistical,
                           set_aside=aside)
    return ShareChoice(material, None, set_aside=_ranked(material, press, published, loaded,
                                                         oldest))


def _ranked(material: str, claims: list[Claim], published, loaded: dict,
            oldest: bool) -> list[ShareSet]:
    """The sets of the year :func:`choose` reads among ``claims``, best first."""
    if not claims:
        return []
    years = [c.qualifier("year") for c in claims if c.qualifier("year") is not None]
    year = (min(years) if oldest else max(years)) if years else None
    in_year = [c for c in claims if c.qualifier("year") == year]
    ranked = sets_of(material, in_year, published, loaded)
    if oldest:
        ranked.reverse()
    return ranked


def all_sets(claims: Iterable[Claim], published, loaded: dict) -> list[ShareSet]:
    """Every source's set of every material and year (for the sum check of ``validate``)."""
    grouped: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if is_country_share(claim):
            grouped[(claim.object, claim.qualifier("year") or 0)].append(claim)
    out = []
    for (material, _), group in sorted(grouped.items()):
        for item in sets_of(material, group, published, loaded):
            out.append(item)
        # corroborating sets are parts of a kept set, so their sums are checked there
    return out
