"""The supply graph: a networkx MultiDiGraph built from claims, provenance on every part.

Nodes are ids (``kind:slug``); each node keeps the claims about its attributes. Each
relation claim is one edge, keyed by the claim id, from subject to object, so two
sources that disagree are two parallel edges. Analyses read one claim per
(subject, relation, object) through :meth:`SupplyGraph.relation_claims`, picked by the
graph's policy (the newest valid claim by default).

>>> from mineralgraph.claim import Claim
>>> g = SupplyGraph([Claim("country:CN", "label", "China", sources=("source:s",)),
...                  Claim("material:x", "label", "X", sources=("source:s",)),
...                  Claim("country:CN", "PRODUCES", "material:x", (("share", 0.7),),
...                        sources=("source:s",))])
>>> [c.qualifier("share") for c in g.relation_claims("material:x", "PRODUCES", incoming=True)]
[0.7]
>>> g.label("country:CN")
'China'
"""

from __future__ import annotations

import copy
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from itertools import groupby
from operator import attrgetter, itemgetter

import networkx as nx

from mineralgraph.claim import Claim
from mineralgraph.exceptions import MineralGraphError, UnknownIdError
from mineralgraph.graph import share_sets
from mineralgraph.memory import gc_paused
from mineralgraph.ontology import model

POLICIES = ("newest", "oldest", "most-confident")
#: The relations that say what a product or material needs.
REQUIREMENTS = ("MADE_FROM", "REQUIRES")
_CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1, None: 0}


def join_sentences(parts: Iterable[str]) -> str:
    """Parts of a citation joined as sentences with ". ", the period left out after a
    part that already ends one ("Moog Inc.", "Why now?"), so never two.

    >>> join_sentences(["Award", "Moog Inc.", "2019-02-20"])
    'Award. Moog Inc. 2019-02-20'
    >>> join_sentences(["Why now?", "Reuters"]), join_sentences([])
    ('Why now? Reuters', '')
    """
    text = ""
    for part in parts:
        if text:
            text += " " if text.endswith((".", "?", "!")) else ". "
        text += part
    return text


def _no_date(source: str) -> date:
    return date.min


def preferred(claims: Iterable[Claim], policy: str = "newest", published=_no_date,
              loaded=None) -> Claim:
    """The claim a policy picks among claims that say the same thing differently.

    ``newest`` (design note, section 5.8) takes the latest ``year`` qualifier, then the
    most recently published source (``published`` maps a source id to its date, so the
    2026 edition of a table beats the 2025 edition's figure for the same year), then the
    higher confidence, then the claim loaded last (``loaded`` maps a claim id to its
    position in the input: a user's file over the bundled data); ``oldest`` the reverse;
    ``most-confident`` the highest confidence, then the newest. Remaining ties fall to
    the claim id, so the choice is the same on every run.

    A claim that carries a ``share`` belongs to a share set, which section 5.5 decides
    as a set, not this rule: where some of the claims carry a share, the others (an
    amount without a share, such as a company's own output figure published after the
    statistics) never displace them, whatever the policy.

    >>> old = Claim("country:CN", "PRODUCES", "material:x", (("year", 2023),), ("source:a",))
    >>> new = Claim("country:CN", "PRODUCES", "material:x", (("year", 2024),), ("source:a",))
    >>> preferred([new, old]) is new and preferred([old, new], "oldest") is old
    True
    >>> shared = Claim("facility:f", "PRODUCES", "material:x",
    ...                (("share", 0.1), ("year", 2024)), ("source:old",))
    >>> amount = Claim("facility:f", "PRODUCES", "material:x",
    ...                (("amount", 5.0), ("year", 2024)), ("source:new",))
    >>> when = {"source:old": date(2025, 1, 31), "source:new": date(2025, 2, 20)}.get
    >>> preferred([shared, amount], published=when) is shared
    True
    """
    loaded = loaded or {}
    claims = list(claims)
    with_share = [c for c in claims if c.qualifier("share") is not None]
    if with_share:
        claims = with_share

    def age(claim: Claim) -> tuple:
        issued = max((published(s) for s in claim.sources), default=date.min)
        return (claim.qualifier("year", 0), issued,
                _CONFIDENCE_RANK.get(claim.confidence, 0), loaded.get(claim.id, -1), claim.id)

    claims = list(claims)
    if policy == "newest":
        return max(claims, key=age)
    if policy == "oldest":
        return min(claims, key=age)
    if policy == "most-confident":
        return max(claims, key=lambda c: (_CONFIDENCE_RANK.get(c.confidence, 0), age(c)))
    raise MineralGraphError(f"unknown claim policy {policy!r} (known: {', '.join(POLICIES)})")


#: Where the bundled curated files sit, as an ``origin`` path ends (any install, any OS).
_BUNDLED_ORIGIN = ("mineralgraph/data/curated/", "mineralgraph\\data\\curated\\")


def _bundled(claim: Claim) -> bool:
    """Whether a claim was read from the bundled curated files (by its ``origin``)."""
    return any(part in (claim.origin or "") for part in _BUNDLED_ORIGIN)


def _distinct_sorted(claims: list[Claim]) -> list[Claim]:
    """The claims once each (same claim id: the last one given), sorted by subject,
    predicate and claim id.

    Only claims that share their subject and predicate with another need their id (for
    the order among them, and to find duplicates): at a million nodes that spares the
    hash of over half the claims.
    """
    claims.sort(key=_SUBJECT_PREDICATE)  # stable: duplicates stay in input order
    out: list[Claim] = []
    for _, group in groupby(claims, key=_SUBJECT_PREDICATE):
        run = list(group)
        if len(run) == 1:
            out.append(run[0])
            continue
        distinct = {c.id: c for c in run}
        out.extend(distinct[i] for i in sorted(distinct))
    return out


_SUBJECT_PREDICATE = attrgetter("subject", "predicate")
_SUBJECT = attrgetter("subject")
_FIRST = itemgetter(0)
_OBJECT = attrgetter("object")


def starts(claim: Claim) -> date | None:
    """The day a claim starts to hold: its ``valid_from``; for a country's figure of a
    year (a ``PRODUCES`` from a country with a ``year``: its share or amount) given
    without one, the first day of that year. China's 2024 share of magnets, published in
    2025, is no fact of 2022 (the rule of the data README, "a year's set is valid from its
    year on", which some hand-entered rows left implicit): before it, the earliest year's
    set stands in as a proxy (:func:`earliest_set_proxies`). A facility's or company's row
    keeps its dates: it says that the plant or firm produces as well as how much, and the
    first may hold before the figure's year (its row needs a ``valid_from`` for that).

    >>> starts(Claim("country:CN", "PRODUCES", "material:x", (("share", 0.9), ("year", 2024))))
    datetime.date(2024, 1, 1)
    >>> starts(Claim("company:c", "PRODUCES", "material:x", (("amount", 5.0), ("year", 2024))))
    >>> starts(Claim("product:p", "REQUIRES", "material:x", (("year", 2026),))) is None
    True
    """
    if (claim.valid_from is not None or claim.predicate != "PRODUCES"
            or model.kind_of(claim.subject) != "Country"):
        return claim.valid_from
    year = claim.qualifier("year")
    return date(year, 1, 1) if isinstance(year, int) and not isinstance(year, bool) else None


def active_on(claim: Claim, when: date | None) -> bool:
    """Whether a claim holds on ``when`` (always, when ``when`` is None): from
    :func:`starts` to its ``valid_to``."""
    if when is None:
        return True
    start = starts(claim)
    return ((start is None or start <= when)
            and (claim.valid_to is None or when < claim.valid_to))


def earliest_set_proxies(claims: Iterable[Claim], when: date,
                         press_figures: bool = False) -> list[tuple[Claim, Claim]]:
    """The country shares that stand in for a material at a date before its first year.

    A material whose yearly country shares (``PRODUCES`` from a country with a ``share``
    and a ``year``) all start after ``when`` has no share set at that date, and the
    equal split would hand its whole output to the facilities and companies recorded
    without a date. There the earliest year's shares stand (every source's set of that
    year, for :func:`share_sets.choose` to pick from), each marked as a proxy in time:
    its ``proxy`` qualifier says which year it is (after the proxy text the row already
    has). A material with any country share valid at ``when``, or whose earliest year
    has ended by then, gets none; rows without a ``year`` (a plant opening, a supply
    starting) are never pulled back.

    Returns
    -------
    list of (stand-in, original)
        Sorted by material, then as the claims came.

    >>> def share(country, value, year, proxy=None):
    ...     extra = (("proxy", proxy),) if proxy else ()
    ...     return Claim(country, "PRODUCES", "material:x",
    ...                  (*extra, ("share", value), ("year", year)), ("source:s",),
    ...                  valid_from=date(year, 1, 1))
    >>> claims = [share("country:CN", 0.9, 2023, "all rare earths"), share("country:CN", 0.8, 2024)]
    >>> [(c.qualifier("share"), c.qualifier("proxy"))
    ...  for c, _ in earliest_set_proxies(claims, date(2022, 6, 30))]
    [(0.9, 'all rare earths, in 2023, the earliest year on record')]
    >>> earliest_set_proxies(claims, date(2023, 6, 30))
    []
    """
    claims = list(claims)
    # a set from press or reposts alone never stands in unless the user asks (5.5)
    kinds = {c.subject: c.object for c in claims if c.predicate == "source_type"}
    by_material: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if (claim.predicate == "PRODUCES" and share_sets.is_country_share(claim)
                and (press_figures or not share_sets.is_press(claim, kinds.get))):
            by_material[str(claim.object)].append(claim)
    out: list[tuple[Claim, Claim]] = []
    for _, group in sorted(by_material.items()):
        years = [c.qualifier("year") for c in group if c.qualifier("year") is not None]
        if not years or any(active_on(c, when) for c in group):
            continue
        first = min(years)
        earliest = [c for c in group if c.qualifier("year") == first]
        if not all(starts(c) is not None and when < starts(c) for c in earliest):
            continue  # the date is after the earliest set, not before it
        for claim in earliest:
            held = claim.qualifier("proxy")
            when_measured = f"{first}, the earliest year on record"
            # a comma: "refined together, not Sm, in 2024" (not "not Sm in 2024")
            text = f"{held}, in {when_measured}" if held else when_measured
            qualifiers = tuple(sorted({**dict(claim.qualifiers), "proxy": text}.items()))
            out.append((replace(claim, qualifiers=qualifiers), claim))
    return out


def covered_materials(claims: Iterable[Claim], when: date,
                      press_figures: bool = False) -> set[str]:
    """The materials that have, at ``when``, a country share set of that year or an
    earlier one (a ``PRODUCES`` share from a country, with a ``year`` not after the date's,
    in force then; from press or reposts only with ``press_figures``, as 5.5 reads them).

    >>> share = Claim("country:CN", "PRODUCES", "material:x", (("share", 0.9),
    ...               ("year", 2020)), ("source:s",), valid_from=date(2020, 1, 1))
    >>> covered_materials([share], date(2022, 6, 30)), covered_materials([share], date(2019, 1, 1))
    ({'material:x'}, set())
    """
    claims = list(claims)
    kinds = {c.subject: c.object for c in claims if c.predicate == "source_type"}
    return {str(c.object) for c in claims
            if share_sets.is_country_share(c) and isinstance(c.qualifier("year"), int)
            and c.qualifier("year") <= when.year and active_on(c, when)
            and (press_figures or not share_sets.is_press(c, kinds.get))}


def later_figure_proxies(claims: Iterable[Claim], when: date,
                         covered: set[str] = frozenset()) -> list[tuple[Claim, Claim]]:
    """Facility and company rows in force at ``when`` whose figure is of a later year.

    A facility's or company's ``PRODUCES`` row says that it produces and, with a ``year``,
    how much in that year (JL Mag's 29,300 t of 2024, its 40,000 t/yr of 2025). The
    relation may hold before the figure's year (the row keeps its own dates), but the
    figure does not: at an earlier date it is a proxy in time. Each such row in force at
    ``when`` is marked: its ``proxy`` qualifier says "YEAR, a later year" (after
    the proxy text the row already has), and its ``note``, which describes that later
    year, is marked as of that year, so no view shows a later event as a fact of the
    date. The figure then gives no share at the date either (a capacity or output gives
    one only against the world output of its own year, section 5.4).

    Where the material has a country share set of the date's year or an earlier one
    (``covered``, :func:`covered_materials`: BIS's 2020 set of sintered magnets at
    2022-06-30), that set gives the shares and the later figure stands in for nothing: the
    row is the relation alone (it produces then, by its own dates), not a proxy, so no
    answer is said to rest on a later year's figure; its note is still marked as of its
    year.

    Returns
    -------
    list of (stand-in, original)
        In the order of the claims.

    >>> old = Claim("company:j", "PRODUCES", "material:m", (("amount", 29300.0),
    ...             ("note", "2024 output"), ("year", 2024)), ("source:s",))
    >>> [(c.qualifier("proxy"), c.qualifier("note"))
    ...  for c, _ in later_figure_proxies([old], date(2022, 6, 30))]
    [('2024, a later year', 'in 2024: 2024 output')]
    >>> later_figure_proxies([old], date(2024, 6, 30))
    []
    >>> [(c.qualifier("proxy"), c.qualifier("note"))
    ...  for c, _ in later_figure_proxies([old], date(2022, 6, 30), {"material:m"})]
    [(None, 'in 2024: 2024 output')]
    """
    out: list[tuple[Claim, Claim]] = []
    for claim in claims:
        year = claim.qualifier("year")
        if (claim.predicate != "PRODUCES" or not isinstance(year, int) or isinstance(year, bool)
                or model.kind_of(claim.subject) not in ("Facility", "Company")
                or when >= date(year, 1, 1) or not active_on(claim, when)):
            continue
        held, note = claim.qualifier("proxy"), claim.qualifier("note")
        text = f"{year}, a later year"
        # a set of the date's year or before gives the material's shares: the later
        # figure stands in for nothing there, and the row is no proxy
        marks = {} if str(claim.object) in covered else {
            "proxy": f"{held}; {text}" if held else text}
        if note:
            marks["note"] = f"in {year}: {note}"
        if not marks:
            continue
        qualifiers = tuple(sorted({**dict(claim.qualifiers), **marks}.items()))
        out.append((replace(claim, qualifiers=qualifiers), claim))
    return out


def earliest_figure(claims: Iterable[Claim]) -> date | None:
    """The day the earliest of the countries' production figures starts to hold (a country
    ``PRODUCES`` row with a ``year``: :func:`starts`), or None: before it the data holds
    no figure."""
    found = [starts(claim) for claim in claims
             if claim.predicate == "PRODUCES" and model.kind_of(claim.subject) == "Country"
             and isinstance(claim.qualifier("year"), int)]
    found = [d for d in found if d is not None]
    return min(found) if found else None


class _Positions:
    """Claim id -> position in a graph's input, read from :attr:`SupplyGraph.loaded`,
    which is made (a hash of every claim given) only when a tie first asks."""

    __slots__ = ("_graph",)

    def __init__(self, graph: SupplyGraph):
        self._graph = graph

    def get(self, claim_id: str, default=None):
        # a stand-in for an earlier date ranks where its row was given
        claim_id = self._graph._stand_in_ids.get(claim_id, claim_id)
        return self._graph.loaded.get(claim_id, default)

    def __bool__(self) -> bool:
        return True


def _word_matches(node_id: str, by_label: dict[str, str]) -> list[str]:
    """Nodes whose label holds a word of ``node_id`` (four letters or more, a plural's
    ``s`` aside), most words first: ``product:artillery-shell`` finds the ammunition whose
    label says "artillery ammunition", which no spelling of its id is close to."""
    words = {w.rstrip("s") for w in re.split(r"[^a-z0-9]+", node_id.partition(":")[2].lower()
                                             or node_id.lower()) if len(w) >= 4}
    if not words:
        return []
    hits = []
    for label, found in by_label.items():
        have = {w.rstrip("s") for w in re.split(r"[^a-z0-9]+", label)}
        if words & have:
            hits.append((-len(words & have), found))
    return [found for _, found in sorted(hits)]


class SupplyGraph:
    """Claims, and the graph they make.

    Parameters
    ----------
    claims : iterable of Claim
        Duplicates (same claim id) are kept once.
    as_of : date, optional
        Only claims valid on this date are kept (see :meth:`as_of`); before a material's
        earliest year of country shares, that year's shares stand, marked as a proxy
        (see :func:`earliest_set_proxies`).
    policy : str
        How one claim is chosen among several for the same fact: see :func:`preferred`.
    min_confidence : str, optional
        Leave out relation claims rated below this level (``high``, ``medium``, ``low``;
        see :func:`mineralgraph.graph.analysis.confidence.at_least`).
    worst_case : bool
        Read the analysis with the wider readings of the design note addendum (the
        global ``--worst-case`` option): pools of producers without shares bounded
        instead of split equally, any control reaching untraced materials and materials
        of unstated grade in the lower bound, left-out requirements put back in the
        lower bound, share sets short of 1 by rounding read as whole. Off by default:
        the analysis follows section 5 of the design note as written.
    press_figures : bool
        Let figures from press, reposts and news articles into the analysis where no
        statistical figure exists (the global ``--press-figures`` option): a material's
        press set of country shares is read for lack of another, and a press capacity or
        output gives a share (5.4). Off by default: design note 5.5 sets them aside,
        shown beside the statistical figures (:mod:`mineralgraph.graph.share_sets`).
    """

    @gc_paused()
    def __init__(self, claims: Iterable[Claim], as_of: date | None = None,
                 policy: str = "newest", loaded: dict[str, int] | None = None,
                 min_confidence: str | None = None, worst_case: bool = False,
                 press_figures: bool = False):
        from mineralgraph.graph.analysis.confidence import LEVELS, at_least

        if policy not in POLICIES:
            raise MineralGraphError(f"unknown claim policy {policy!r} "
                                    f"(known: {', '.join(POLICIES)})")
        if min_confidence is not None and min_confidence not in LEVELS:
            raise MineralGraphError(f"unknown confidence level {min_confidence!r} "
                                    f"(known: {', '.join(LEVELS)})")
        self.min_confidence = min_confidence
        #: the wider readings of the addendum (``--worst-case``), see the class docstring
        self.worst_case = bool(worst_case)
        #: figures from press and reposts read where no statistical one exists
        #: (``--press-figures``), see the class docstring
        self.press_figures = bool(press_figures)
        claims = list(claims)
        # the input order, for :attr:`loaded` (made when first read)
        self._loaded: dict[str, int] | None = dict(loaded) if loaded is not None else None
        self._input: list[Claim] | None = claims if loaded is None else None
        #: what the claim choices read for "loaded last": :attr:`loaded`, made only when a
        #: choice needs it
        self._positions = _Positions(self)
        if as_of is not None:
            first = earliest_figure(claims)
            if first is not None and as_of < first:
                # every figure would stand in from a later year: no answer of that date
                raise MineralGraphError(
                    f"no figures on record before {first.isoformat()} (when the earliest of "
                    f"the countries' production figures starts): as of {as_of.isoformat()} "
                    f"every figure would be a later year's; use a date on or after "
                    f"{first.isoformat()}")
        # a copy either way: ``claims`` is kept in the input order for :attr:`loaded`
        active = (list(claims) if as_of is None
                  else [c for c in claims if active_on(c, as_of)])
        #: the MAKES relations that start after the graph's date: a product whose making
        #: starts later did not exist yet on that date (:meth:`not_made_yet`)
        self.makes_later: tuple[Claim, ...] = () if as_of is None else tuple(
            c for c in claims if c.predicate == "MAKES" and not active_on(c, as_of)
            and starts(c) is not None and starts(c) > as_of)
        #: stand-ins for shares of a later year, and facility and company rows whose
        #: figure is of a later year (by object identity) -> the rows given, so that a
        #: graph rebuilt from this one (as_of, with_policy...) starts from the rows
        stand_ins = (earliest_set_proxies(claims, as_of, press_figures)
                     if as_of is not None else [])
        later = (later_figure_proxies(active, as_of,
                                      covered_materials(active, as_of, press_figures))
                 if as_of is not None else [])
        if later:
            marked = {id(old) for _, old in later}
            active = [c for c in active if id(c) not in marked]
            stand_ins += later
        self._stand_ins: dict[int, Claim] = {id(new): old for new, old in stand_ins}
        self._stand_in_ids: dict[str, str] = {new.id: old.id for new, old in stand_ins}
        if stand_ins:
            active += [new for new, _ in stand_ins]
        active = _distinct_sorted(active)
        # one pass puts each claim in its place (a million nodes have six million claims;
        # three passes, each reading the qualifiers of every claim, took a third of the
        # graph's making), and the kept attribute claims under their node
        modal, kept, left = [], [], []
        attributes: dict[str, list[Claim]] = defaultdict(list)
        for claim in active:
            if claim.qualifiers and claim.qualifier("modality") is not None:
                modal.append(claim)
            elif min_confidence is None or at_least(claim, min_confidence):
                kept.append(claim)
                if not claim.predicate.isupper():  # Claim.is_relation
                    attributes[claim.subject].append(claim)
            else:
                left.append(claim)
        del active
        #: claims a source only forecasts, plans or speculates about (a ``modality``
        #: qualifier: a news article's "will supply ... under an MOU", a planned ban): kept
        #: here, never a fact of the analysis (the ontology's ``mg:modality``)
        self.modal: tuple[Claim, ...] = tuple(modal)
        self.claims: tuple[Claim, ...] = tuple(kept)
        #: The claims valid at the date that ``min_confidence`` drops (section 5.7): an
        #: analysis says what it left out, and a left-out requirement counts in the lower
        #: bound (unknown, not absent).
        self.left_out: tuple[Claim, ...] = tuple(left)
        #: the materials some of whose PRODUCES claims ``min_confidence`` dropped
        #: (:meth:`supply_left_out`, made on first use; a lower-bound graph with left-out
        #: requirements put back inherits its filtered graph's)
        self._supply_left_out: frozenset[str] | None = None
        del modal, kept, left
        self.as_of_date = as_of
        self.policy = policy
        self._graph: nx.MultiDiGraph | None = None
        #: node id -> its attribute claims, in the order of ``claims`` (one tuple a node, not
        #: a dict of lists: a node has two or three attribute claims, and a million nodes
        #: would hold some 300 MiB more as dicts)
        self._attributes: dict[str, tuple[Claim, ...]] = {}
        #: (relation, incoming) -> node id -> claims (built on first use)
        self._relations: dict[tuple[str, bool], dict[str, list[Claim]]] | None = None
        self._share_choices: dict | None = None
        #: kind -> sorted ids (:meth:`ids`, made on first use)
        self._by_kind: dict[str | None, list[str]] | None = None
        for node_id in attributes:
            attributes[node_id] = tuple(attributes[node_id])
        attributes.default_factory = None
        self._attributes = attributes

    @property
    def loaded(self) -> dict[str, int]:
        """Claim id -> position in the input (the last time it was given), for "loaded
        last" ties; kept across as_of() and with_policy(). Made when first read: most
        graphs never need it, and at a million nodes it is half a gigabyte.

        The bundled dataset's claims count as loaded before any other (as they are when
        the graph is built), also when the graph comes from a snapshot, whose claims are
        sorted: otherwise a tie between a user's file and the bundled data would fall to
        the order of claim ids and change whenever a bundled row is edited.
        """
        if self._loaded is None:
            order = sorted(range(len(self._input)),
                           key=lambda i: (not _bundled(self._input[i]), i))
            self._loaded = {self._input[i].id: rank for rank, i in enumerate(order)}
            self._input = None
        return self._loaded

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The claims as a networkx MultiDiGraph: a node per id (with its ``kind``), an
        edge per relation claim (keyed by claim id, with ``relation`` and ``claim``).
        Built on first use: the analysis does not need it, and at a million nodes it
        is the largest thing in memory."""
        if self._graph is None:
            graph = nx.MultiDiGraph()
            for claim in self.claims:
                ends = (claim.subject, claim.object) if claim.is_relation else (claim.subject,)
                for node in ends:
                    if node not in graph:
                        graph.add_node(node, kind=model.kind_of(node))
                if claim.is_relation:
                    graph.add_edge(claim.subject, claim.object, key=claim.id,
                                   relation=claim.predicate, claim=claim)
            self._graph = graph
        return self._graph

    def given_claims(self, claims: tuple[Claim, ...] | None = None) -> tuple[Claim, ...]:
        """The claims to build a variant of this graph from: this graph's claims and those
        ``min_confidence`` left out (or ``claims``), each stand-in for a later year's
        shares (:func:`earliest_set_proxies`) replaced by the row it stands for, so the
        variant marks it once, at its own date."""
        # the MAKES claims that start after the date come along (each graph drops them
        # again at its own date), so a variant still knows what is not made yet
        claims = (self.claims + self.left_out + self.modal + self.makes_later
                  if claims is None else claims + self.makes_later)
        if not self._stand_ins:
            return claims
        return tuple(self._stand_ins.get(id(c), c) for c in claims)

    # ------------------------------------------------------------------ views
    def as_of(self, when: date | str | None) -> SupplyGraph:
        """The graph of the claims valid on ``when`` (a date or ``"YYYY-MM-DD"``; this
        graph when ``when`` is None)."""
        if when is None:
            return self
        if isinstance(when, str):
            try:
                when = date.fromisoformat(when)
            except ValueError:
                raise MineralGraphError(f"as_of: {when!r} is not a date (YYYY-MM-DD)") from None
        return SupplyGraph(self.given_claims(), as_of=when, policy=self.policy,
                           loaded=self.loaded, min_confidence=self.min_confidence,
                           worst_case=self.worst_case, press_figures=self.press_figures)

    def with_policy(self, policy: str) -> SupplyGraph:
        """The same claims read with another claim policy."""
        return SupplyGraph(self.given_claims(), as_of=self.as_of_date, policy=policy,
                           loaded=self.loaded, min_confidence=self.min_confidence,
                           worst_case=self.worst_case, press_figures=self.press_figures)

    def with_min_confidence(self, level: str | None) -> SupplyGraph:
        """The graph without the relation claims rated below ``level``."""
        if level is None:
            return self
        return SupplyGraph(self.given_claims(), as_of=self.as_of_date,
                           policy=self.policy, loaded=self.loaded, min_confidence=level,
                           worst_case=self.worst_case, press_figures=self.press_figures)

    def with_worst_case(self, on: bool = True) -> SupplyGraph:
        """The same claims read with the wider readings of the addendum on (``on``) or off
        (the global ``--worst-case`` option; see the class docstring). This graph when it
        already reads them so. The claims are not read again: only the flag differs."""
        if bool(on) == self.worst_case:
            return self
        other = copy.copy(self)
        other.worst_case = bool(on)
        return other

    def with_press_figures(self, on: bool = True) -> SupplyGraph:
        """The same claims with figures from press, reposts and news articles read where no
        statistical figure exists (``on``, the global ``--press-figures`` option) or set
        aside (design note 5.5; see the class docstring). This graph when it already reads
        them so. The claims are not read again; the share sets are chosen anew."""
        if bool(on) == self.press_figures:
            return self
        if self.as_of_date is not None:  # the stand-ins of an earlier date are chosen anew
            return SupplyGraph(self.given_claims(), as_of=self.as_of_date, policy=self.policy,
                               loaded=self.loaded, min_confidence=self.min_confidence,
                               worst_case=self.worst_case, press_figures=bool(on))
        other = copy.copy(self)
        other.press_figures = bool(on)
        other._positions = _Positions(other)
        other._relations = None
        other._share_choices = None
        return other

    def not_yet_valid(self, today: date) -> list[Claim]:
        """The relations that start after ``today`` (a plant not yet open, a supply not yet
        begun) and still count because this graph has no date (no ``--as-of``); none for a
        dated graph. Sorted as the graph keeps them."""
        if self.as_of_date is not None:
            return []
        return [c for c in self.claims
                if c.is_relation and c.valid_from is not None and c.valid_from > today]

    def not_made_yet(self, product: str) -> list[Claim]:
        """The MAKES claims of a product that start after this graph's date, earliest
        first, when none of its MAKES claims holds on that date: its maker's making it is
        dated after the date, so the product did not exist yet then and has no
        availability to give ([] otherwise, and always for an undated graph).

        >>> from mineralgraph.claim import Claim
        >>> from datetime import date
        >>> made = Claim("company:t", "MAKES", "product:p", sources=("source:s",),
        ...              valid_from=date(2022, 9, 30))
        >>> g = SupplyGraph([made, Claim("product:p", "label", "P", sources=("source:s",))])
        >>> [c.valid_from.isoformat() for c in g.as_of("2020-01-01").not_made_yet("product:p")]
        ['2022-09-30']
        >>> g.as_of("2023-01-01").not_made_yet("product:p"), g.not_made_yet("product:p")
        ([], [])
        """
        if not self.makes_later or self.relation_claims(product, "MAKES", incoming=True):
            return []
        return sorted((c for c in self.makes_later if str(c.object) == product),
                      key=lambda c: (starts(c), c.subject))

    def require_made(self, product: str) -> str:
        """``product`` when it was made on this graph's date; else MineralGraphError, one
        line saying from when its making is dated (a picture or a product's single
        points of failure on a date before it existed have nothing to show)."""
        later = self.not_made_yet(product)
        if later:
            makers = ", ".join(sorted({c.subject for c in later}))
            sources = ", ".join(sorted({s for c in later for s in c.sources}))
            raise MineralGraphError(
                f"{product} was not made yet on {self.as_of_date.isoformat()}: its making "
                f"by {makers} is dated from {starts(later[0]).isoformat()} ({sources}); "
                "use a later --as-of")
        return product

    def with_left_out_requirements(self) -> SupplyGraph:
        """This graph with the requirements (REQUIRES, MADE_FROM) that ``min_confidence``
        left out put back: the graph of the lower bound, where a requirement rated too low
        to trust is unknown, not absent (section 5.7). This graph when none was left out.
        """
        back = [c for c in self.left_out if c.predicate in REQUIREMENTS]
        if not back:
            return self
        other = SupplyGraph(self.given_claims(self.claims + tuple(back) + self.modal),
                            as_of=self.as_of_date,
                            policy=self.policy, loaded=self.loaded, worst_case=self.worst_case,
                            press_figures=self.press_figures)
        # the shares stay left out: a split dropped is unknown in both bounds
        other._supply_left_out = self.supply_left_out()
        return other

    def supply_left_out(self) -> frozenset[str]:
        """The materials some of whose ``PRODUCES`` claims ``min_confidence`` dropped: a
        country split (and with it the world output a capacity or output is measured
        against, 5.4), a producer's share, or a producer with none. What the dropped
        claims said is unknown, not false (section 5.7 drops them so an analyst sees what
        strong claims alone support): the producers left without a share are an unknown
        part of what the kept shares leave, not all of it split among them (design note
        5.6: unknown is not safe; :func:`~mineralgraph.graph.analysis.structure.producer_pools`).

        >>> low = Claim("country:CN", "PRODUCES", "material:m", (("share", 0.9),),
        ...             ("source:s",), confidence="low")
        >>> plant = Claim("facility:f", "PRODUCES", "material:m", (), ("source:s",),
        ...               confidence="high")
        >>> sorted(SupplyGraph([low, plant], min_confidence="medium").supply_left_out())
        ['material:m']
        >>> sorted(SupplyGraph([low, plant]).supply_left_out())
        []
        """
        if self._supply_left_out is None:
            self._supply_left_out = frozenset(
                str(c.object) for c in self.left_out if c.predicate == "PRODUCES")
        return self._supply_left_out

    # ------------------------------------------------------------------ nodes
    def __contains__(self, node_id: object) -> bool:
        return node_id in self._attributes

    def __len__(self) -> int:
        return len(self._attributes)

    def ids(self, kind: str | None = None) -> list[str]:
        """Sorted ids of the defined nodes (those with at least one attribute claim), of
        one kind when given (a new list each time)."""
        if kind is None:
            return sorted(self._attributes)
        return list(self._ids_by_kind().get(kind, ()))

    def _ids_by_kind(self) -> dict[str | None, list[str]]:
        """Kind name -> the sorted ids of that kind, made once: the analysis asks for the
        products and materials again and again (at a million nodes, each ask read the
        kind of every id, some 2 s)."""
        if self._by_kind is None:
            by_kind: dict[str | None, list[str]] = defaultdict(list)
            kind_of = model.kind_of
            for node_id in sorted(self._attributes):
                by_kind[kind_of(node_id)].append(node_id)
            self._by_kind = dict(by_kind)
        return self._by_kind

    def kind(self, node_id: str) -> str | None:
        """The kind name of a node (``Element``...)."""
        return model.kind_of(node_id)

    def attribute_claims(self, node_id: str, name: str) -> list[Claim]:
        """Every claim of one attribute of a node."""
        return [c for c in self._attributes.get(node_id, ()) if c.predicate == name]

    def attribute(self, node_id: str, name: str, default=None):
        """The preferred value of a single-valued attribute."""
        claims = self.attribute_claims(node_id, name)
        if len(claims) == 1:
            return claims[0].object
        return (preferred(claims, self.policy, self._published, self._positions).object
                if claims else default)

    def _published(self, source_id: str) -> date:
        """A source's publication date, for choosing between claims (date.min if unknown)."""
        claims = self.attribute_claims(source_id, "published")
        return max((c.object for c in claims if isinstance(c.object, date)), default=date.min)

    def values(self, node_id: str, name: str) -> list:
        """All values of a (multi-valued) attribute, sorted and distinct."""
        return sorted({c.object for c in self.attribute_claims(node_id, name)}, key=str)

    def attributes(self, node_id: str) -> dict[str, list[Claim]]:
        """Attribute name to claims, for one node."""
        found: dict[str, list[Claim]] = defaultdict(list)
        for claim in self._attributes.get(node_id, ()):
            found[claim.predicate].append(claim)
        return {k: found[k] for k in sorted(found)}

    def label(self, node_id: str) -> str:
        """The node's label (title for a source), or its id when it has none."""
        return str(self.attribute(node_id, "label") or self.attribute(node_id, "title") or node_id)

    def require(self, node_id: str, kind: str | None = None) -> str:
        """``node_id`` when it is in the graph (and of ``kind``); else UnknownIdError with hints."""
        if node_id in self and (kind is None or self.kind(node_id) == kind):
            return node_id
        return self._unknown(node_id, kind)

    def _unknown(self, node_id: str, kind: str | None):
        candidates = self.ids(kind)
        by_label = {self.label(n).lower(): n for n in candidates}
        close = [n for n in candidates if n.lower() == node_id.lower()]
        if ":" not in node_id:  # a bare symbol, code or slug: "Dy" -> element:Dy
            close += [n for n in candidates if n.partition(":")[2].lower() == node_id.lower()]
        # a near-identical id (a letter off) before ids that share a word of the label
        close += difflib.get_close_matches(node_id, candidates, n=3, cutoff=0.9)
        close += _word_matches(node_id, by_label)
        close += difflib.get_close_matches(node_id, candidates, n=3, cutoff=0.5)
        close += [by_label[m] for m in difflib.get_close_matches(
            node_id.partition(":")[2].lower() or node_id.lower(), list(by_label), n=3, cutoff=0.6)]
        if kind == "Material" and node_id in self and self.kind(node_id) == "Element":
            # an element for a material: the materials made of it, those with country
            # shares first ("concentration element:Ga": material:gallium-low-purity)
            made = sorted({c.subject for c in self.relation_claims(node_id, "CONTAINS",
                                                                   incoming=True)
                           if self.kind(c.subject) == "Material"},
                          key=lambda m: (not any(c.qualifier("share") is not None for c in
                                                 self.relation_claims(m, "PRODUCES",
                                                                      incoming=True)), m))
            close = made + close
        suggestions = list(dict.fromkeys(close))[:3]
        if kind is not None and node_id in self:
            raise UnknownIdError(node_id, suggestions, is_a=self.kind(node_id), wanted=kind)
        raise UnknownIdError(node_id if kind is None else f"{node_id} ({kind})", suggestions)

    # ------------------------------------------------------------------ relations
    def edge_claims(self, relation: str | None = None) -> Iterator[Claim]:
        """Every relation claim (of one relation when given), in a stable order."""
        if relation is None:
            for claim in self.claims:
                if claim.is_relation:
                    yield claim
        elif relation.isupper():  # a relation's name: the claims of that predicate
            for claim in self.claims:
                if claim.predicate == relation:
                    yield claim

    def relation_claims(self, node_id: str, relation: str, incoming: bool = False) -> list[Claim]:
        """One preferred claim per neighbour along ``relation``, out of (or into) the node."""
        if self._relations is None:
            self._relations = self._index_relations()
        found = self._relations.get((relation, incoming))
        return found.get(node_id, []) if found is not None else []

    @gc_paused()
    def _index_relations(self) -> dict[tuple[str, bool], dict[str, list[Claim]]]:
        """(relation, incoming) -> node -> preferred claims sorted by the other end; built
        once. Keyed by relation first, so the node ids themselves are the keys (no tuple
        a node and relation: a million nodes have some three million of them).

        Country shares of a material are read as one source's set (see
        :mod:`mineralgraph.graph.share_sets`): share claims outside the chosen set are
        left out before one claim per (subject, relation, object) is picked.
        """
        choices = self.share_choices()
        # by object identity: the claims are distinct objects, and most need no hash; a
        # claim of the chosen set is kept as the very object, any other by its id (each
        # set's ids made once, not once a claim)
        chosen = {id(c) for choice in choices.values() if choice.chosen
                  for c in choice.chosen.claims.values()}
        used: dict[str, set[str]] = {}

        def left_out(claim: Claim) -> bool:
            material = str(claim.object)
            if material not in used:
                used[material] = choices[material].used
            return claim.id not in used[material]

        index: dict[tuple[str, bool], dict[str, list[Claim]]] = {}
        policy, published, positions = self.policy, self._published, self._positions
        relation = {}  # predicate -> whether it is a relation (a few predicates in all)

        def add(subject: str, predicate: str, run: list[Claim]) -> None:
            """One (subject, relation) at a time, grouped by (object, material): the
            order of the whole sorted grouping, without holding it for every claim."""
            if len(run) == 1:
                picked = [run[0]]
            else:
                keys = [(claim.object, str(claim.qualifier("material", ""))) for claim in run]
                if len(set(keys)) == len(keys):  # no two of a group (most runs): its order
                    picked = [claim for _, claim in sorted(zip(keys, run), key=_FIRST)]
                else:
                    grouped: dict[tuple, list[Claim]] = defaultdict(list)
                    for key, claim in zip(keys, run):
                        grouped[key].append(claim)
                    picked = [preferred(claims, policy, published, positions)
                              if len(claims) > 1 else claims[0]
                              for _, claims in sorted(grouped.items())]
            out = index.get((predicate, False))
            if out is None:
                out = index[(predicate, False)] = {}
                index[(predicate, True)] = {}
            into = index[(predicate, True)]
            found = out.get(subject)
            if found is None:
                out[subject] = picked
            else:
                found.extend(picked)
            for claim in picked:
                found = into.get(claim.object)
                if found is None:
                    into[claim.object] = [claim]
                else:
                    found.append(claim)

        # self.claims is sorted by subject and predicate: one run of claims a (subject,
        # relation), each claim read once
        key, run = None, []
        for claim in self.claims:
            predicate = claim.predicate
            is_relation = relation.get(predicate)
            if is_relation is None:
                is_relation = relation[predicate] = predicate.isupper()
            if not is_relation:
                continue
            if (predicate == "PRODUCES" and id(claim) not in chosen
                    and share_sets.is_country_share(claim) and left_out(claim)):
                continue
            subject = claim.subject
            if key is None or key[0] != subject or key[1] != predicate:
                if run:
                    add(key[0], key[1], run)
                key, run = (subject, predicate), []
            run.append(claim)
        if run:
            add(key[0], key[1], run)
        for (_, incoming), by_node in index.items():
            other = _SUBJECT if incoming else _OBJECT
            for claims in by_node.values():
                if len(claims) > 1:
                    claims.sort(key=other)
        return index

    def share_choices(self) -> dict[str, share_sets.ShareChoice]:
        """Material id -> the set of country shares the analysis reads, and the sets that
        disagree with it (design note, section 5.5); materials with country shares only."""
        if self._share_choices is None:
            by_material: dict[str, list[Claim]] = defaultdict(list)
            for claim in self.edge_claims("PRODUCES"):
                if share_sets.is_country_share(claim):
                    by_material[str(claim.object)].append(claim)
            self._share_choices = {
                m: share_sets.choose(claims, self._published, self.source_type, self._positions,
                                     self.policy, self.press_figures)
                for m, claims in sorted(by_material.items())}
        return self._share_choices

    def press_set_aside(self, material: str) -> list[share_sets.ShareSet]:
        """The sets of country shares of a material from press, reposts or news articles
        that the analysis does not read (design note 5.5: shown beside the statistical
        figures), best first; none under ``press_figures`` where such a set is read.

        >>> from mineralgraph.claim import Claim
        >>> g = SupplyGraph([
        ...     Claim("source:n", "source_type", "press", sources=("source:n",)),
        ...     Claim("country:CN", "PRODUCES", "material:m", (("share", 0.94), ("year", 2024)),
        ...           ("source:n",))])
        >>> [s.countries for s in g.press_set_aside("material:m")]
        [{'country:CN': 0.94}]
        >>> g.with_press_figures().press_set_aside("material:m")
        []
        """
        choice = self.share_choices().get(material)
        return list(choice.set_aside) if choice is not None else []

    def source_type(self, source_id: str) -> str | None:
        """A source's type (statistics, government, company, research, press, repost)."""
        return self.attribute(source_id, "source_type")

    def neighbours(self, node_id: str, relation: str, incoming: bool = False) -> list[str]:
        """Ids at the other end of ``relation`` from the node, sorted."""
        claims = self.relation_claims(node_id, relation, incoming)
        if len(claims) < 2:  # most nodes: no set to make, nothing to sort
            return [c.subject if incoming else c.object for c in claims]
        return sorted({c.subject if incoming else c.object for c in claims})

    def sources(self) -> list[str]:
        """Ids of every source cited by a claim, sorted."""
        return sorted({s for c in self.claims for s in c.sources})

    def citation(self, source_id: str) -> str:
        """A one-line reference to a source: its type, title, publisher, date, URL, and
        for a repost where its original is: the original's URL, and the source's note
        (which says where the original was searched when it was not found).

        >>> from mineralgraph.claim import Claim
        >>> g = SupplyGraph([Claim("source:r", "title", "Ban", sources=("source:r",)),
        ...                  Claim("source:r", "source_type", "repost", sources=("source:r",)),
        ...                  Claim("source:r", "original_url", "https://gov.example/46",
        ...                        sources=("source:r",))])
        >>> g.citation("source:r")
        'repost: Ban. Original: https://gov.example/46'
        >>> g = SupplyGraph([Claim("source:b", "title", "Ban", sources=("source:b",)),
        ...                  Claim("source:b", "source_type", "repost", sources=("source:b",)),
        ...                  Claim("source:b", "note", "original searched: gov.example, "
        ...                        "not found", sources=("source:b",))])
        >>> g.citation("source:b")
        'repost: Ban. Original not recorded; note: original searched: gov.example, not found'
        >>> g = SupplyGraph([Claim("source:m", "title", "Award", sources=("source:m",)),
        ...                  Claim("source:m", "publisher", "Moog Inc.", sources=("source:m",)),
        ...                  Claim("source:m", "published", "2019-02-20", sources=("source:m",))])
        >>> g.citation("source:m")  # one period after "Inc.", never two
        'type not recorded: Award. Moog Inc. 2019-02-20'
        """
        parts = [self.label(source_id), self.attribute(source_id, "publisher"),
                 self.attribute(source_id, "published"), self.attribute(source_id, "url")]
        original = self.attribute(source_id, "original_url")
        kind = self.attribute(source_id, "source_type") or "type not recorded"
        note = self.attribute(source_id, "note")
        if original:
            parts.append(f"Original: {original}" + (f"; note: {note}"
                                                    if kind == "repost" and note else ""))
        elif kind == "repost":
            parts.append("Original not recorded" + (f"; note: {note}" if note else ""))
        return f"{kind}: " + join_sentences(str(p) for p in parts if p)
