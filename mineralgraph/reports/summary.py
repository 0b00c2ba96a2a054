"""The story of a chokepoint analysis, for the top of a report or a brief.

One function, :func:`story`, so that every report and brief leads the same way: the
scenario's cause in one sentence, then for each product what it keeps, the stage and
country of its mineral chain where it is most exposed, its sole-source suppliers on their
own line, and what the headline rests on when that is weak (a low-confidence claim, a
proxy figure, an assumed share).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from mineralgraph.graph.analysis.chokepoints import STAGES, Chokepoint, ProductReport
from mineralgraph.graph.analysis.concentration import (
    REST_OF_WORLD,
    concentration,
    concentration_support,
    country_shares,
    top_share_claims,
)
from mineralgraph.graph.analysis.confidence import Caveats, support_key
from mineralgraph.graph.analysis.structure import is_unnamed_output
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.reports.common import (
    availability_phrase,
    join_names,
    percent,
    prose_name,
    quantity_text,
    reading_lines,
    span,
    thousands,
)

#: The stages of the mineral chain (subsystems are made by named companies instead).
MINERAL_STAGES = ("mining", "processing", "metal", "component")
#: how a pool's member for the output no kept claim names reads (a split
#: --min-confidence left out: :func:`~mineralgraph.graph.analysis.structure.unnamed_output`)
UNNAMED_OUTPUT = "output no kept claim names"


def unmapped_groups(graph: SupplyGraph,
                    materials) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Materials without mapped supply grouped for a briefing: by stage, in the chain's
    order (mining first; a stage not recorded last), and within a stage by recorded reason
    (``unmapped_reason``; ``""`` when none), each group's materials by label.

    >>> from mineralgraph import load_bundled
    >>> groups = unmapped_groups(load_bundled(), ["material:sm-metal",
    ...                          "material:cobalt-refined", "material:ndpr-metal"])
    >>> [(stage, [len(ms) for _, ms in reasons]) for stage, reasons in groups]
    [('processing', [1]), ('metal', [1, 1])]
    >>> groups[1][1][0][1]
    ['material:ndpr-metal']
    """
    order = {stage: i for i, stage in enumerate(STAGES)}
    stages: dict[str, dict[str, list[str]]] = {}
    for m in sorted(set(materials), key=lambda m: (graph.label(m).casefold(), m)):
        stage = graph.attribute(m, "stage") or ""
        reason = graph.attribute(m, "unmapped_reason") or ""
        stages.setdefault(stage, {}).setdefault(reason, []).append(m)
    return [(stage, list(stages[stage].items()))
            for stage in sorted(stages, key=lambda s: (order.get(s, len(order)), s))]


def unmapped_sentence(graph: SupplyGraph, materials, names: bool = True) -> str:
    """The materials without mapped supply as one sentence grouped by stage, for a
    summary; without ``names``, how many at each stage (a brief, whose picture names
    them).

    >>> from mineralgraph import load_bundled
    >>> three = ["material:sm-metal", "material:cobalt-refined", "material:ndpr-metal"]
    >>> head, stages = unmapped_sentence(load_bundled(), three).split(", by stage: ")
    >>> head
    '3 upstream materials have no mapped supply (unknown, not safe)'
    >>> stages
    'processing: Refined cobalt; metal: NdPr metal and Samarium metal.'
    >>> unmapped_sentence(load_bundled(), three, names=False).split(", by stage: ")[1]
    '1 in processing and 2 in metal.'
    """
    groups = unmapped_groups(graph, materials)
    count = sum(len(ms) for _, reasons in groups for _, ms in reasons)
    parts = []
    for stage, reasons in groups:
        labels = sorted((graph.label(m) for _, ms in reasons for m in ms), key=str.casefold)
        parts.append(f"{stage or 'stage not recorded'}: {join_names(labels)}" if names
                     else f"{len(labels)} in {stage or 'a stage not recorded'}")
    return (f"{count} upstream material{'' if count == 1 else 's'} "
            f"{'has' if count == 1 else 'have'} no mapped supply (unknown, not safe), by "
            "stage: " + ("; ".join(parts) if names else join_names(parts)) + ".")


def caveat_phrase(caveats: Caveats) -> str:
    """What a figure rests on, for after the figure: ``(low confidence; rests on a proxy)``.

    >>> caveat_phrase(Caveats("low", (("country:CN", "material:x", "all"),), False))
    '(low confidence; rests on a proxy)'
    >>> caveat_phrase(Caveats("high"))
    '(high confidence)'
    >>> caveat_phrase(Caveats())
    ''
    """
    parts = [f"{caveats.confidence} confidence"] if caveats.confidence else []
    rests = (["a proxy"] if caveats.proxies else []) + (
        ["an assumed (≈) share"] if caveats.assumed_share else [])
    if rests:
        parts.append("rests on " + join_names(rests))
    if caveats.disputes:
        parts.append("disputed")
    return f"({'; '.join(parts)})" if parts else ""


def proxy_claims(graph: SupplyGraph, proxy: tuple[str, str, str]) -> list:
    """The claims behind one proxy of :class:`Caveats` (subject, object, measured for):
    the relations from the subject to the object marked with that proxy text."""
    subject, obj, measured_for = proxy
    found = [c for c in graph.relation_claims(obj, "PRODUCES", incoming=True)
             if c.subject == subject and str(c.qualifier("proxy")) == measured_for]
    return found or [c for c in graph.edge_claims() if c.subject == subject
                     and str(c.object) == obj and str(c.qualifier("proxy")) == measured_for]


def proxy_confidence(graph: SupplyGraph, proxy: tuple[str, str, str]) -> str | None:
    """The weakest confidence among the claims behind one proxy (None when unrated)."""
    from mineralgraph.graph.analysis.confidence import weakest

    return weakest(c.confidence for c in proxy_claims(graph, proxy))


def weakest_proxies(graph: SupplyGraph, caveats: Caveats) -> list[tuple[str, str, str]]:
    """A figure's proxies, the weakest first by the one rule every view uses
    (:data:`WEAKEST_FIRST`, :func:`weak_claims`): the first is the one a picture's or a
    table's headline names, the first proxy the summary lists."""
    order = {(w.subject, w.object): i for i, w in enumerate(weak_claims(graph, caveats))}
    return sorted(caveats.proxies, key=lambda p: (order.get(p[:2], len(order)), p))


#: The one order of the claims a figure rests on that are rated low, proxies or
#: disputed, as every view states it (:func:`weak_claims`).
WEAKEST_FIRST = "by rating, low first; then disputed before proxy"


@dataclass(frozen=True)
class WeakClaim:
    """One claim a figure rests on that is rated low, a proxy or disputed."""

    subject: str
    relation: str
    object: str
    confidence: str | None
    proxy: str | None = None  # what the figure was measured for
    disputed_by: str | None = None
    sources: tuple[str, ...] = ()
    note: str = ""  # a low-rated claim's note

    def marks(self) -> str:
        """``low, proxy, disputed``: its rating, then what else it is."""
        return ", ".join([self.confidence or "unrated"] + (["proxy"] if self.proxy else [])
                         + (["disputed"] if self.disputed_by else []))

    def as_dict(self, graph: SupplyGraph) -> dict:
        """JSON: the claim's ids, its name as the sentence says it, rating and caveats."""
        return {"subject": self.subject, "relation": self.relation, "object": self.object,
                "claim": claim_name(graph, self.subject, self.relation, self.object),
                "confidence": self.confidence, "proxy_measured_for": self.proxy,
                "disputed_by": self.disputed_by, "sources": list(self.sources)}


def weak_claims(graph: SupplyGraph, caveats: Caveats) -> list[WeakClaim]:
    """Every claim a figure rests on that is rated low, a proxy or disputed, once each,
    the weakest first by one rule (:data:`WEAKEST_FIRST`): low before medium before high
    (unrated last), then a disputed claim before an undisputed one, then a proxy before
    a measured figure, then by name. Text, Markdown, JSON and the brief list them in
    this order (:func:`weak_claims_sentence`).

    >>> from mineralgraph import SupplyGraph
    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([Claim("country:CN", "label", "China"),
    ...     Claim("material:x", "label", "X oxide"), Claim("material:y", "label", "Y oxide"),
    ...     Claim("country:CN", "PRODUCES", "material:x", (("proxy", "all oxides"),
    ...           ("share", 0.9)), ("source:s",), confidence="medium"),
    ...     Claim("country:CN", "PRODUCES", "material:y", (("proxy", "all oxides"),
    ...           ("share", 0.9)), ("source:s",), confidence="low")])
    >>> [(w.object, w.marks()) for w in weak_claims(g, Caveats.of(g.edge_claims()))]
    [('material:y', 'low, proxy'), ('material:x', 'medium, proxy')]
    """
    from mineralgraph.graph.analysis.confidence import LEVELS

    found: dict[tuple[str, str, str], dict] = {}
    for subject, relation, obj, sources, note in caveats.low:
        found[(subject, relation, obj)] = {"confidence": "low", "sources": set(sources),
                                           "note": note}
    for proxy in caveats.proxies:
        claims = proxy_claims(graph, proxy)
        relation = claims[0].predicate if claims else "PRODUCES"
        entry = found.setdefault((proxy[0], relation, proxy[1]), {"sources": set()})
        entry["proxy"] = proxy[2]
        entry["sources"] |= {s for c in claims for s in c.sources}
    for subject, relation, obj, by in caveats.disputes:
        entry = found.setdefault((subject, relation, obj), {"sources": set()})
        entry["disputed_by"] = by
        entry["sources"] |= {s for c in graph.relation_claims(obj, relation, incoming=True)
                             if c.subject == subject and str(c.qualifier("disputed")) == by
                             for s in c.sources}
    weak = [WeakClaim(subject, relation, obj,
                      entry.get("confidence") or caveats.rating(subject, obj, relation),
                      entry.get("proxy"), entry.get("disputed_by"),
                      tuple(sorted(entry["sources"])), entry.get("note", ""))
            for (subject, relation, obj), entry in found.items()]

    def rank(w: WeakClaim) -> tuple:
        level = LEVELS.index(w.confidence) if w.confidence in LEVELS else len(LEVELS)
        return (level, w.disputed_by is None, w.proxy is None,
                claim_name(graph, w.subject, w.relation, w.object).casefold(),
                (w.subject, w.relation, w.object))

    return sorted(weak, key=rank)


def weak_claims_sentence(graph: SupplyGraph, caveats: Caveats, cite=None,
                         said: set | None = None) -> str:
    """One sentence naming every claim figures rest on that is rated low, a proxy or
    disputed (:func:`weak_claims`), each once with its rating and what else it is, the
    weakest first by the rule it states; shares of one country with the same marks
    together. ``said``: the (subject, object) of the proxies the figures named beside
    them already (:func:`headline_phrase`, the weakest by the same rule), left out here:
    the sentence then names the others as "also". ``cite`` turns source ids into a
    citation; without it the ids are named. "" when there is none.

    >>> from mineralgraph import load_bundled
    >>> low = (("product:patriot", "REQUIRES", "material:patriot-gan-radar",
    ...         ("source:defensenews-patriot-gan-2016",), "a prototype in 2016"),)
    >>> print(weak_claims_sentence(load_bundled(), Caveats("low", low=low)))
    ... # doctest: +NORMALIZE_WHITESPACE
    These figures rest on one claim (low): that Patriot air and missile defence system
    needs Patriot GaN AESA radar (Raytheon) (source:defensenews-patriot-gan-2016) (note:
    a prototype in 2016).
    """
    every = weak_claims(graph, caveats)
    weak = [w for w in every if (w.subject, w.object) not in (said or set())]
    if not weak:
        return ""

    def where(w: WeakClaim) -> str:
        if not w.sources:
            return ""
        return " " + (cite(list(w.sources)) if cite else f"({', '.join(w.sources)})")

    groups: list[list[WeakClaim]] = []
    for w in weak:  # a country's shares with the same marks, side by side in the order
        last = groups[-1][-1] if groups else None
        if (last is not None and w.relation == last.relation == "PRODUCES"
                and w.subject == last.subject and w.marks() == last.marks()
                and not w.note and not last.note
                and claim_name(graph, w.subject, w.relation, w.object).endswith(
                    f"figure for {graph.label(w.object)}")):
            groups[-1].append(w)
        else:
            groups.append([w])
    parts = []
    for group in groups:
        first = group[0]
        marks = first.marks() + (f"; note: {first.note}" if first.note and not (
            first.proxy or first.disputed_by) else "")
        if len(group) == 1:
            parts.append(claim_name(graph, first.subject, first.relation, first.object)
                         + where(first) + f" ({marks})")
            continue
        named = join_names([graph.label(w.object) + where(w) for w in group])
        parts.append(f"{possessive(graph, first.subject)} figures for {named} ({marks})")
    many = len(weak) > 1
    kinds = [k for k, present in (("rated low", any(w.confidence == "low" for w in weak)),
                                  ("proxies" if many else "a proxy",
                                   any(w.proxy for w in weak)),
                                  ("disputed", any(w.disputed_by for w in weak))) if present]
    also = len(weak) < len(every)
    lead = "These figures also rest on" if also else "These figures rest on"
    more = " more" if also else ""
    if not many:  # its marks before it: "one claim (low): that P needs R [3] (note: ...)"
        w = weak[0]
        note = f" (note: {w.note})" if w.note and not (w.proxy or w.disputed_by) else ""
        return (f"{lead} one{more} claim ({w.marks()}): "
                f"{claim_name(graph, w.subject, w.relation, w.object)}{where(w)}{note}.")
    # one kind alone reads as English ("2 more claims that are proxies", never "2 more
    # claims proxies": trial 11, the AIM-9X's headline; "claims that are proxies or
    # disputed" likewise)
    what = ({"rated low": "claims rated low", "proxies": "claims that are proxies",
             "disputed": "disputed claims"}[kinds[0]] if len(kinds) == 1
            else ("claims " if kinds[0] == "rated low" else "claims that are ")
            + ", ".join(kinds[:-1]) + " or " + kinds[-1])
    return (f"{lead} {len(weak)}{more} {what}, the weakest first ({WEAKEST_FIRST}): "
            + "; ".join(parts) + ".")


def headline_phrase(graph: SupplyGraph, caveats: Caveats, named: set | None = None,
                    figure: tuple[str, str] | None = None) -> str:
    """What a headline figure rests on, for after it, naming the proxy where one is
    among its claims (design note 5.7 and its addendum: a headline figure resting on a
    proxy says so next to the figure): ``(low confidence, from a proxy: China's figure for
    Dy oxide, measured for the four magnet rare earths refined together; disputed)``.

    The weakest proxy is named (:func:`weakest_proxies`) with its own confidence when it
    is not the figure's; others are counted ("from 3 proxies, the weakest ...").
    ``named`` collects the proxies a sentence has named already: a later figure resting
    on the same one says "the same proxy for ...". ``figure`` is the (country, material)
    of a share the figure is itself, so its own proxy is not named twice. Without a
    proxy, as :func:`caveat_phrase`.

    >>> from mineralgraph import SupplyGraph
    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([Claim("country:CN", "label", "China"),
    ...     Claim("material:x", "label", "X oxide"),
    ...     Claim("country:CN", "PRODUCES", "material:x", (("proxy", "all oxides"),
    ...           ("share", 0.9)), ("source:s",), confidence="low")])
    >>> caveats = Caveats("low", (("country:CN", "material:x", "all oxides"),))
    >>> seen = set()
    >>> headline_phrase(g, caveats, seen)
    "(low confidence, from a proxy: China's figure for X oxide, measured for all oxides)"
    >>> headline_phrase(g, Caveats("low", caveats.proxies, disputes=(("a", "b", "c", "d"),)),
    ...                 seen)
    '(low confidence, from the same proxy for X oxide; disputed)'
    >>> headline_phrase(g, caveats, figure=("country:CN", "material:x"))
    '(low confidence, a proxy: measured for all oxides)'
    """
    if not caveats.proxies:
        return caveat_phrase(caveats)
    ordered = weakest_proxies(graph, caveats)
    first = ordered[0]
    subject, obj, measured_for = first
    level = proxy_confidence(graph, first)
    # the proxy's own rating, where the figure's weakest claim is another one (said as
    # the proxies' rating, never "the weakest (medium)" after "low": trial 7, LOW-3)
    rated = (f" rated {level}" if level and level != caveats.confidence else "")
    if named is not None and first in named:
        who = f"the one for {graph.label(obj)} named above"
    elif figure == (subject, obj):
        who = f"measured for {measured_for}"
    else:
        # one possessive rule (the rest of the world's, never "Rest of world (countries
        # not named)'s", findings 11)
        who = (f"{possessive(graph, subject)} figure for {graph.label(obj)}, measured for "
               f"{measured_for}")
    if named is not None:
        named.add(first)
    if len(ordered) > 1:
        own = "its own, " if figure == (subject, obj) else ""
        what = (f"from {len(ordered)} proxies, the weakest of them{rated}: {own}{who}"
                if rated else f"from {len(ordered)} proxies, the weakest: {own}{who}")
    elif who.startswith("the one for"):
        what = f"from the same proxy{rated} for {graph.label(obj)}"
    elif figure == (subject, obj):
        what = f"a proxy{rated}: {who}"
    else:
        what = f"from a proxy{rated}: {who}"
    if rated and what.startswith("from "):
        # the figure's confidence comes from another claim: said apart from the proxy
        parts = [f"{caveats.confidence} confidence, from another claim",
                 "rests on " + what[len("from "):]]
    else:
        parts = [f"{caveats.confidence} confidence, {what}" if caveats.confidence else what]
    if caveats.assumed_share:
        parts.append("rests on an assumed (≈) share")
    if caveats.disputes:
        parts.append("disputed")
    return f"({'; '.join(parts)})"


def rests_on(caveats: Caveats) -> str:
    """What a figure rests on, as a predicate: ``rests on low-confidence claims and a proxy``.

    >>> rests_on(Caveats("low", (("country:CN", "material:x", "all"),), False))
    'rests on low-confidence claims and a proxy'
    >>> rests_on(Caveats("high", (), True))
    'rests on high-confidence claims and an assumed (≈) share'
    """
    parts = [f"{caveats.confidence}-confidence claims"] if caveats.confidence else []
    if caveats.proxies:
        parts.append("a proxy")
    if caveats.assumed_share:
        parts.append("an assumed (≈) share")
    if caveats.disputes:
        parts.append("a disputed claim")
    return "rests on " + join_names(parts) if parts else "rests on unrated claims"


def sentence_name(graph: SupplyGraph, node_id: str) -> str:
    """A node's name as it reads in a sentence, the rest of the world included: "China",
    "the United States", "the rest of the world" (:func:`prose_name` otherwise).

    >>> from mineralgraph import load_bundled
    >>> g = load_bundled()
    >>> sentence_name(g, "country:XX"), sentence_name(g, "country:US")
    ('the rest of the world', 'the United States')
    """
    return "the rest of the world" if node_id == REST_OF_WORLD else prose_name(graph, node_id)


def possessive(graph: SupplyGraph, node_id: str) -> str:
    """A node's name in the possessive, as it reads in a sentence: "China's", "the United
    States'", "the rest of the world's" (never "United States's").

    >>> from mineralgraph import load_bundled
    >>> g = load_bundled()
    >>> possessive(g, "country:US"), possessive(g, "country:XX"), possessive(g, "country:CN")
    ("the United States'", "the rest of the world's", "China's")
    """
    return possessive_text(sentence_name(graph, node_id))


def possessive_text(text: str) -> str:
    """A name in the possessive: ``China's``, ``MP Materials'``.

    >>> possessive_text("China"), possessive_text("MP Materials")
    ("China's", "MP Materials'")
    """
    return text + ("'" if text.endswith("s") else "'s")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def proxy_sentences(graph: SupplyGraph, caveats: Caveats) -> list[str]:
    """One sentence per material and reason: whose figures stand in and what they were
    measured for ("Every country's figure for Refined cobalt is a proxy, measured for
    ..." where the whole set is; else the countries named), never one per country.

    >>> from mineralgraph import load_bundled
    >>> g = load_bundled()
    >>> for line in proxy_sentences(g, Caveats(proxies=(
    ...     ("country:US", "material:x", "all oxides"), ("country:CN", "material:x",
    ...     "all oxides"), ("country:CN", "material:y", "all metal")))):
    ...     print(line)
    China's figure for material:y is a proxy, measured for all metal.
    The figures of China and the United States for material:x are proxies, measured for all oxides.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for subject, obj, measured_for in caveats.proxies:
        groups.setdefault((obj, measured_for), []).append(subject)
    # one country's figures for several materials measured for the same: one sentence
    alone: dict[tuple[str, str], list[str]] = {}
    for (obj, measured_for), subjects in groups.items():
        if len(subjects) == 1:
            alone.setdefault((subjects[0], measured_for), []).append(obj)
    out = []
    for (subject, measured_for), objs in alone.items():
        whats = join_names([graph.label(o) for o in objs])
        out.append(_sentence(f"{possessive(graph, subject)} "
                             + (f"figure for {whats} is a proxy" if len(objs) == 1 else
                                f"figures for {whats} are proxies")
                             + f", measured for {measured_for}."))
    for (obj, measured_for), subjects in groups.items():
        what = graph.label(obj)
        if len(subjects) == 1:
            continue
        countries = {c.subject for c in graph.relation_claims(obj, "PRODUCES", incoming=True)
                     if graph.kind(c.subject) == "Country" and c.qualifier("share") is not None}
        if countries and countries <= set(subjects):
            whose = "Every country's figure"
            if REST_OF_WORLD in subjects:
                whose += " (the rest of the world's too)"
            out.append(f"{whose} for {what} is a proxy, measured for {measured_for}.")
            continue
        names = sorted((prose_name(graph, n) if n != REST_OF_WORLD else "the rest of the world"
                        for n in subjects), key=lambda n: (n == "the rest of the world",
                                                          n.removeprefix("the ").casefold()))
        out.append(f"The figures of {join_names(names)} for {what} are proxies, measured for "
                   f"{measured_for}.")
    return out


def pooled_possible(report: ProductReport) -> str:
    """For after the reason a product's possible single points of failure would be certain
    ones (its unmapped stages in their anchor country, 5.6): where one of them owes its
    range to no unmapped stage, the other reason (a producer holding all of the output it
    shares in proportions no source gives: a split --min-confidence left out, any pool
    under --worst-case); else ""."""
    possible = set(report.possible_spofs)
    if any(not c.behind for c in report.chokepoints if c.id in possible):
        return (", or, for a row marked ≈, if it holds all of the output it shares in "
                "proportions no source gives")
    return ""


def split_phrase(graph: SupplyGraph, split, rated: bool = False) -> str:
    """What an assumed (≈) share assumes, in words (an
    :class:`~mineralgraph.graph.analysis.splits.EqualSplit`): the pool, its share, between
    whom it is split and that no source measured the part; a member's own output or
    capacity that gives no share (5.4: no world output of its year and unit is sourced)
    is named with why. ``rated``: the pool's share says its confidence, and what it was
    measured for when it is a proxy.

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.graph.analysis.splits import equal_splits
    >>> g = load_bundled()
    >>> print(split_phrase(g, equal_splits(g, "material:ndfeb-magnet", ["company:jl-mag"])[0]))
    ... # doctest: +NORMALIZE_WHITESPACE
    China's 92% of Sintered NdFeB permanent magnet split equally between JL Mag Rare-Earth
    and China's unmapped output, ≈46% each: an assumption, not a measured share. A
    producer's own figure gives no share, no world output of Sintered NdFeB permanent magnet
    of its year and unit being sourced (design note 5.4): JL Mag Rare-Earth, capacity 40,000
    t/yr in 2025
    """
    names = [f"{possessive(graph, m)} unmapped output" if m == split.pool
             else UNNAMED_OUTPUT if is_unnamed_output(m) else graph.label(m)
             for m in split.members]
    # the pool's unmapped output last, as one reads it ("... and China's unmapped output")
    names = sorted(names, key=lambda n: n.endswith(" unmapped output") or n == UNNAMED_OUTPUT)
    what = graph.label(split.material)
    whole = (f"{possessive(graph, split.pool)} {percent(split.whole)} of {what}" if split.pool
             else f"the {percent(split.whole)} of {what} that the sourced shares leave")
    if split.split_left_out:
        # dropping the split never makes its share-less producers the whole world's output
        whole = (f"the {percent(split.whole)} of {what} that the kept shares leave (its "
                 f"producing claims rated below {graph.min_confidence} left out)")
    if split.bounded:
        text = (f"{whole}, shared by {join_names(names)} in proportions no source gives "
                "(each none to all of it)")
    else:
        text = (f"{whole} split equally between {join_names(names)}, ≈{percent(split.part)} "
                "each: an assumption, not a measured share")
    # the pool's share with its own confidence, and what it stands in for when it is a
    # proxy: the part is no surer than it (trial 8, MED-2)
    rating = [f"rated {split.confidence}"] if rated and split.confidence else []
    if rated and split.proxy:
        rating.append(f"a proxy, measured for {split.proxy}")
    if rating:
        text += f"; the {percent(split.whole)} itself is {' and '.join(rating)}"
    own = []
    outputs = []  # members whose own stated output the equal part may far exceed
    for m in split.members:
        if m == split.pool:
            continue
        for c in graph.relation_claims(m, "PRODUCES"):
            if str(c.object) != split.material or c.qualifier("share") is not None:
                continue
            kind = "output" if c.qualifier("amount") else "capacity"
            figure = c.qualifier("amount") or c.qualifier("capacity")
            if not figure:
                continue
            year = c.qualifier("year")
            stated = (quantity_text(figure, c.qualifier("unit"))
                      + (f" in {year}" if year else ""))
            own.append(f"{graph.label(m)}, {kind} {stated}")
            if kind == "output":
                outputs.append((graph.label(m), stated))
    if own:
        whose = "A producer's" if len(own) == 1 else "Producers'"
        text += (f". {whose} own "
                 f"{'figure gives' if len(own) == 1 else 'figures give'} no share, no world "
                 f"output of {what} of {'its' if len(own) == 1 else 'their'} year and unit "
                 "being sourced (design note 5.4): " + "; ".join(own))
    if outputs and not split.bounded:
        # the equal part is no producer's size: a pilot plant's 1 kg is not ≈2.9% of the
        # world's (trial 7, MED-8); no world output is sourced to say by how much
        # neither way: White Mesa's 1 kg is far below its part, Mountain Pass's 1,294 t
        # may be above; with no world output sourced, the two are not compared
        part = percent(split.part)
        # each output is named once, above (findings 10: White Mesa's 1 kg twice)
        if len(outputs) == 1:
            (who, _), = outputs
            text += (f". ≈{part} is the equal split's part, not the size of {who}: its "
                     f"stated output may be far from {part} of the world's")
        else:
            text += (f". ≈{part} is the equal split's part, not the size of "
                     + join_names([who for who, _ in outputs]) + ": their stated outputs "
                     f"may be far from {part} of the world's each")
    return text


#: How a disputed relation reads: "Lockheed Martin F-35 Lightning II needs ...".
DISPUTED_VERBS = {"REQUIRES": "needs", "MADE_FROM": "is made from", "CONTAINS": "contains",
                  "SUPPLIES": "supplies", "MAKES": "makes", "LOCATED_IN": "is located in",
                  "OPERATED_BY": "is operated by"}


def dispute_sentences(graph: SupplyGraph, caveats: Caveats) -> list[str]:
    """One sentence per disputed claim a figure rests on: what it says and who disagrees.

    >>> from mineralgraph import load_bundled
    >>> print(dispute_sentences(load_bundled(), Caveats(disputes=(("product:f-35",
    ...     "REQUIRES", "material:ndfeb-magnet-ht", "the DoD says otherwise"),)))[0])
    ... # doctest: +NORMALIZE_WHITESPACE
    That Lockheed Martin F-35 Lightning II needs High-temperature NdFeB magnet
    (Dy/Tb-doped) is disputed: the DoD says otherwise.
    """
    out = []
    for subject, relation, obj, by in caveats.disputes:
        if relation == "PRODUCES":
            what = _sentence(f"{possessive(graph, subject)} figure for {graph.label(obj)}")
        else:
            verb = DISPUTED_VERBS.get(relation, relation.lower().replace("_", " "))
            what = f"That {graph.label(subject)} {verb} {graph.label(obj)}"
        out.append(f"{what} is disputed: {by}.")
    return out


#: How a low-rated claim reads after "that": "Patriot ... needs Patriot GaN AESA radar".
CLAIM_VERBS = {**DISPUTED_VERBS, "PRODUCES": "produces"}


def claim_name(graph: SupplyGraph, subject: str, relation: str, obj: str) -> str:
    """A claim as a sentence names it, one way in every view (the availability heading,
    the summaries' low-rated claims, a row's evidence): a share as the figure it is
    ("China's figure for Dysprosium oxide (separated)", as proxies and disputes name it),
    any other relation as what it says ("that the rest of the world produces ...", "that
    Patriot ... needs ..."), the subject named as :func:`sentence_name` names it.

    >>> from mineralgraph import load_bundled
    >>> g = load_bundled()
    >>> claim_name(g, "country:CN", "PRODUCES", "material:dy-oxide")
    "China's figure for Dysprosium oxide (separated)"
    >>> claim_name(g, "company:jl-mag", "SUPPLIES", "company:tesla")
    'that JL Mag Rare-Earth supplies Tesla'
    """
    if relation == "PRODUCES" and any(
            str(c.object) == obj and c.qualifier("share") is not None
            for c in graph.relation_claims(subject, "PRODUCES")):
        return f"{possessive(graph, subject)} figure for {graph.label(obj)}"
    verb = CLAIM_VERBS.get(relation, relation.lower().replace("_", " "))
    return f"that {sentence_name(graph, subject)} {verb} {graph.label(obj)}"


def also_phrase(caveats: Caveats, subject: str, relation: str, obj: str) -> str:
    """What else a low-rated claim is, for after its name: ``a proxy and disputed``, ""."""
    return join_names(["a proxy" if what == "proxy" else what
                       for what in caveats.also(subject, relation, obj)])


def low_order(caveats: Caveats) -> list[tuple]:
    """A figure's low-rated claims in the order a sentence names them: the product's own
    requirements first, then claims no proxy or dispute sentence names (with a note
    before without), then the rest, each group by its ids."""
    return sorted(caveats.low, key=lambda c: (not c[0].startswith("product:"),
                                               bool(caveats.also(*c[:3])), not c[4], c))


def low_claim_sentence(graph: SupplyGraph, caveats: Caveats, cite=None, limit: int = 3,
                       lead: str | None = "It rests on") -> str:
    """The low-rated claims a figure rests on, named as its proxies and disputes are
    (design note 5.7: confidence travels with the answer): relation, source and note,
    the product's own requirements first, at most ``limit`` of them and how many more
    (JSON ``low_confidence`` lists them all). ``cite`` turns source ids into a citation
    (a :class:`SourceIndex`'s); without it the source ids are named. ``lead`` opens the
    sentence ("It rests on a low-confidence claim: ..."); None, after a sentence that
    said so: "The claim rated low: ...". "" when none.

    >>> from mineralgraph import load_bundled
    >>> low = (("product:patriot", "REQUIRES", "material:patriot-gan-radar",
    ...         ("source:defensenews-patriot-gan-2016",), "a prototype in 2016"),)
    >>> print(low_claim_sentence(load_bundled(), Caveats("low", low=low)))
    ... # doctest: +NORMALIZE_WHITESPACE
    It rests on a low-confidence claim: that Patriot air and missile defence system needs
    Patriot GaN AESA radar (Raytheon) (source:defensenews-patriot-gan-2016) (note: a
    prototype in 2016).
    """
    if not caveats.low:
        return ""
    ordered = low_order(caveats)
    named = []
    for who, relation, obj, sources, note in ordered[:limit]:
        where = cite(list(sources)) if cite else (
            f"({', '.join(sources)})" if sources else "")
        # a low claim that is also a proxy or disputed says so (trial 8, MED-3), its note
        # left to JSON: what it stands in for, or who disputes it, is said beside it
        also = also_phrase(caveats, who, relation, obj)
        said = f"also {also}" if also else f"note: {note}" if note else ""
        named.append(claim_name(graph, who, relation, obj)
                     + (f" {where}" if where else "") + (f" ({said})" if said else ""))
    more = len(ordered) - len(named)
    tail = f"; and {more} more (JSON low_confidence)" if more else ""
    if lead is None:  # after a sentence that said the figures rest on low-rated claims
        count = ("The claim rated low" if len(ordered) == 1
                 else f"The {len(ordered)} claims rated low" + (", among them" if more else ""))
        return f"{count}: " + "; ".join(named) + tail + "."
    count = ("a low-confidence claim" if len(ordered) == 1
             else f"{len(ordered)} low-confidence claims" + (", among them" if more else ""))
    return f"{lead} {count}: " + "; ".join(named) + tail + "."


def low_sentences(named: list[tuple[str, Caveats]], graph: SupplyGraph, cite=None,
                  most: int = 3) -> list[str]:
    """The low-rated claims each figure rests on (a proxy or disputed one too), named
    under the figures they bear on (``named``: each figure's name and caveats), figures
    resting on the same claims together: ``Patriot's figure rests on a low-confidence
    claim: ...``; more than ``most`` figures are counted, not named."""
    groups: dict[tuple, list[str]] = {}
    held: dict[tuple, Caveats] = {}  # what else each low claim is (a proxy, disputed)
    for label, caveats in named:
        if caveats.low:
            groups.setdefault(caveats.low, []).append(label)
            held[caveats.low] = held.get(caveats.low, Caveats()) | caveats
    out = []
    noted: set[tuple[str, str, str]] = set()  # claims whose note a sentence gave already
    for low, labels in groups.items():
        many = len(labels) > 1
        whose = (join_names([possessive_text(label) for label in labels])
                 if len(labels) <= most
                 else f"{len(labels)} rows'")
        # a claim's note once, "as above" after (findings 11: the F-35's Reuters note
        # printed under two groups of rows)
        told = tuple((*w[:4], "as above" if w[4] and w[:3] in noted else w[4]) for w in low)
        noted |= {w[:3] for w in low if w[4]}
        out.append(low_claim_sentence(graph, replace(held[low], confidence="low", low=told),
                                      cite,
                                      lead=f"{whose} figure{'s' if many else ''} "
                                           f"rest{'' if many else 's'} on"))
    return out


def low_claims_by_row(named: list[tuple[str, Caveats]], graph: SupplyGraph,
                      cite=None) -> str:
    """One sentence naming each low-rated claim under a table's rows once, with the rows
    it makes low (``named``: each row's name, "#5", and caveats): ``Rated low: China's
    figure for Dysprosium oxide (separated) [15] (also a proxy and disputed; #5, #6).``;
    "" when no row rests on one. For a page with room for one sentence (the brief)."""
    rows: dict[tuple, list[str]] = {}
    held = Caveats()
    for label, caveats in named:
        for claim in caveats.low:
            rows.setdefault(claim, []).append(label)
        held |= caveats
    if not rows:
        return ""
    parts = []
    for claim in low_order(replace(held, low=tuple(rows))):
        who, relation, obj, sources, _ = claim
        where = cite(list(sources)) if cite else ""
        also = also_phrase(held, who, relation, obj)
        parts.append(claim_name(graph, who, relation, obj) + (f" {where}" if where else "")
                     + f" ({'also ' + also + '; ' if also else ''}{', '.join(rows[claim])})")
    return "Rated low: " + "; ".join(parts) + "."


def caveat_sentences(graph: SupplyGraph, caveats: Caveats) -> list[str]:
    """The proxy and dispute sentences of a figure, in that order, each the weakest
    first (:func:`weak_claims`, the order the summary names them in)."""
    order = {(w.subject, w.relation, w.object): i
             for i, w in enumerate(weak_claims(graph, caveats))}
    disputes = sorted(caveats.disputes, key=lambda d: (order.get(d[:3], len(order)), d))
    ordered = replace(caveats, proxies=tuple(weakest_proxies(graph, caveats)),
                      disputes=tuple(disputes))
    return proxy_sentences(graph, ordered) + dispute_sentences(graph, ordered)


def confidence_hint(graph: SupplyGraph, command: str, low: bool) -> str:
    """A one-line hint, for after a summary (with a leading space), when the answer rests
    on low-confidence claims and the global ``--min-confidence`` would change it.

    >>> from mineralgraph import load_bundled
    >>> confidence_hint(load_bundled(), "spof", True)[:50]
    ' Hint: mineralgraph --min-confidence medium spof .'
    """
    if not low or graph.min_confidence:
        return ""
    return (f" Hint: mineralgraph --min-confidence medium {command} ... shows the answer "
            "without the low-confidence claims.")


def future_sentence(graph: SupplyGraph, products, today: date | None = None) -> str:
    """For after a summary (with a leading space): without ``--as-of``, the relations
    dated to start after today still count (a plant not yet open, a supply not yet
    begun); this names those that lie on the supply paths of ``products`` (both ends on
    them: what the answer reads) and how to leave them out. "" when there are none."""
    from mineralgraph.graph.flow import on_supply_paths

    today = today or date.today()
    future = graph.not_yet_valid(today)
    if future:
        nodes = on_supply_paths(graph, products)
        future = [c for c in future if c.subject in nodes and c.object in nodes]
    if not future:
        return ""
    named = "; ".join(f"{c.subject} {c.predicate} {c.object} from {c.valid_from}"
                      for c in future[:5]) + ("; ..." if len(future) > 5 else "")
    return (f" Includes {len(future)} relation(s) that start after today, counted as if in "
            f"force (plants not yet open, supplies not yet begun): {named}. Run with --as-of "
            f"{today.isoformat()} to leave them out.")


def untraced_sentence(graph: SupplyGraph, reports: list[ProductReport]) -> str:
    """Names the inputs nothing traces to a country, for after a sentence (with a leading
    space), or "" when there are none."""
    untraced = sorted({m for r in reports for m in r.untraced})
    if not untraced:
        return ""
    names = join_names([graph.label(m) for m in untraced])
    return (f" Nothing traces {names} to a country (no producer, element or input): any "
            "export control that applies to the product may reach "
            + ("it." if len(untraced) == 1 else "them."))


def left_out_sentence(graph: SupplyGraph, count: int) -> str:
    """What ``--min-confidence`` left out, for after a summary (with a leading space), or
    "" without the option. A left-out requirement still counts in the lower bound under
    ``--worst-case`` only."""
    if not graph.min_confidence:
        return ""
    level = graph.min_confidence
    if not count:
        return (f" Relations rated below {level} confidence are left out (--min-confidence "
                f"{level}); none of them bears on this answer.")
    return (f" {count} relation(s) rated below {level} confidence that bear on this answer "
            f"are left out (--min-confidence {level}), listed under \"Left out below {level} "
            "confidence\"" + ("; a left-out requirement still counts in the lower bound "
                               "(unknown, not absent; --worst-case)." if graph.worst_case
                               else ": dropped before the analysis, in both bounds."))


def most_exposed_stage(report: ProductReport, graph: SupplyGraph) -> Chokepoint | None:
    """The material of the mineral chain whose country shares are most concentrated; at
    an equal HHI the one whose top share is better supported, then the smaller id (the one
    tie-break, :func:`~mineralgraph.graph.analysis.confidence.support_key`; findings 11:
    at 92% the low SmCo proxy was named over the medium Dy/Tb-doped magnet)."""
    rows = [c for c in report.chokepoints if c.kind == "Material" and c.hhi is not None
            and graph.attribute(c.id, "stage") in MINERAL_STAGES]
    return min(rows, key=lambda c: (-c.hhi, support_key(concentration_support(graph, c.id)),
                                    c.id), default=None)


def worst_country(report: ProductReport) -> Chokepoint | None:
    """The named country whose loss would cost the product most (at an equal loss the
    better-supported, then the smaller id: :func:`support_key`);
    rest of the world is many countries, not one (see :func:`rest_of_world_sentence`).
    Under a scenario a country whose figure is only its share of a world pool that the
    producers left draw on, no flow to them recorded (``pool_feed``; findings 11:
    Myanmar's heavy rare-earth feed, which goes to China, named as the F-35's residual),
    is not named: its row says what it is (:func:`pool_feed_sentence`)."""
    rows = [c for c in report.chokepoints if c.kind == "Country" and c.loss_range[1] > 0
            and c.id != REST_OF_WORLD and c.id not in report.through_makers
            and getattr(c, "pool_feed", None) is None]
    return min(rows, key=lambda c: (-c.loss, -c.loss_range[1], support_key(c.caveats), c.id),
               default=None)


def pool_feed_sentence(graph: SupplyGraph, row) -> str:
    """What a country's figure is when it is only its share of a world pool under a
    scenario (:meth:`~mineralgraph.graph.analysis.chokepoints.Evidence.pool_feed`): the
    stage whose countries are counted, what it is counted as feeding, and that no flow
    to those producers is recorded ("" when the row is not one)."""
    found = getattr(row, "pool_feed", None)
    if found is None:
        return ""
    name = prose_name(graph, row.id)
    stage = graph.attribute(found.material, "stage")
    feeds = join_names([graph.label(m) for m in found.feeds])
    own = (f"; {possessive(graph, row.id)} own producers of {feeds} are what its control "
           "blocks" if found.issuer else "")
    return (f"World pool, not a recorded flow: the figure is {possessive(graph, row.id)} "
            f"share of world {graph.label(found.material)}"
            f"{f' ({stage} stage)' if stage else ''}, which the analysis lets the producers "
            f"of {feeds} the scenario leaves draw on (a producer takes its input from the "
            f"world pool, design note 2); no flow from {name} to them is recorded{own}, so "
            "it is not named as supply left.")


def _exposure(report: ProductReport, graph: SupplyGraph,
              named: set | None = None) -> tuple[str, Caveats]:
    """The headline's exposure clauses (the most exposed stage and worst country), each
    figure with what it rests on (:func:`headline_phrase`; ``named``: the proxies the
    sentence has named already), and their caveats."""
    named = set() if named is None else named
    stage = most_exposed_stage(report, graph)
    country = worst_country(report)
    parts = []
    share_caveats = Caveats()
    if stage is not None:
        found = concentration(graph, stage.id)
        lead = over = ""
        if found is not None and found.top_country:
            # the source's own share (of the world total it states) where its countries
            # add up to more, with the share of their sum the analysis reads (trial 11:
            # gallium's "98%" was USGS's 750,000 of 760,000 kg divided by 762,000)
            over = denominator_clause(found, found.top_country, stated_first=True)
            shown = stated_share(found, found.top_country) if over else found.top1
            lead = f", {percent(shown)} from {prose_name(graph, found.top_country)}"
            share_caveats = top_share_caveats(graph, stage.id, found.top_country)
        # a figure never goes without its confidence (and a press or repost source says so)
        phrase = (top_share_phrase(graph, stage.id, found.top_country, named)
                  if lead else "")
        parts.append(f"most exposed at the {stage.stage} stage: {stage.label}{lead} "
                     f"({over + '; ' if over else ''}"
                     f"HHI {thousands(stage.hhi)}{'; ' + phrase if phrase else ''})")
    if country is not None:
        name = prose_name(graph, country.id)
        phrase = headline_phrase(graph, country.caveats, named)
        # a control that reaches the product only in the worst case (no maker recorded)
        # blocks its issuer there: the loss from losing the issuer is the best case's
        best_only = country.id in getattr(report, "worst_case_issuers", ())
        # under a scenario that cuts the product's supply a loss is a share of what it
        # still gets, not of its whole supply: "keeps <0.1%" beside "would lose 57%"
        # says so, or the two read as shares of one whole
        # (a bound left with nothing measures no loss: section 5.6)
        bounds = getattr(report, "availability_bounds", report.availability_range)
        of_rest = (" of what it still gets" if report.scenario and any(
            0.0 < kept < before - 1e-9 for kept, before in zip(
                bounds, report.baseline_range, strict=True)) else "")
        # the issuer of a control in force on the product: its row removes it as a
        # producer on top of its control (section 3: the loss of S plus the node), so the
        # sentence says it is the supply the control leaves, not the country's whole part
        issuer = country.id in getattr(report, "issuers", ()) and not best_only
        losing = (f"if {name} also stopped producing, beyond what its control already "
                  "blocks," if issuer else f"without {name}")
        # the ≈ of an assumed share, as the table and the evidence write it (5.4)
        approx = "≈" if country.assumed_share else ""
        parts.append(f"{losing} it would lose {approx}{span(*country.loss_range)}{of_rest}"
                     + (f" in the best case, where {name} still ships to it (no maker "
                        "is recorded, so the ban may not reach it)" if best_only else "")
                     + (f" {phrase}" if phrase else ""))
    if not parts:
        return "", Caveats()
    return "; ".join(parts), (country.caveats if country is not None else Caveats()) | (
        share_caveats if share_caveats.weak else Caveats())


def makers_country_sentence(report: ProductReport, graph: SupplyGraph) -> str:
    """A country that is a single point of failure of the product through its maker alone:
    a SPOF (design note 5.6), and why it is one ("" when there is none).

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.graph.analysis import chokepoints
    >>> g = load_bundled()
    >>> makers_country_sentence(chokepoints(g, ["product:optimus"], top=1)[0], g)[:74]
    'The United States is a single point of failure too, but only through Tesla'
    """
    out = []
    for country, makers in report.through_makers.items():
        out.append(f"{prose_name(graph, country)[:1].upper()}{prose_name(graph, country)[1:]} "
                   "is a single point of failure too, but only through "
                   f"{join_names([graph.label(m) for m in makers])}, "
                   f"{'its maker' if len(makers) == 1 else 'its makers'}, which the data "
                   "places there for the work done in-house (design note 5.1): without it "
                   f"{report.label} loses the maker's own work, not a supplier's (via maker).")
    return " ".join(out)


def stated_share(found, country: str) -> float | None:
    """A country's share of a material as its source gives it, of the world total the
    source states, where the source's country figures add up to more than that total (the
    :class:`~mineralgraph.graph.analysis.concentration.Concentration` ``found`` has a
    ``stated_sum``: the analysis reads shares of their sum, design note 5.5); None where
    the two denominators agree or the country has no share.

    >>> from mineralgraph.graph.analysis.concentration import Concentration
    >>> found = Concentration("material:m", "m", None, 2024, {"CN": 0.984339}, 0.0,
    ...                       0.984339, 0.984339, 9689.2, "country:CN", stated_sum=1.0025)
    >>> stated_share(found, "country:CN"), stated_share(found, "country:RU")
    (0.9868, None)
    """
    if found is None or not found.stated_sum or not country.startswith("country:"):
        return None
    share = found.shares.get(country.partition(":")[2])
    return None if share is None else round(share * found.stated_sum, 4)


def denominator_clause(found, country: str, stated_first: bool = False) -> str:
    """Which denominator a country's share is of, where the source's stated world total
    and its countries' sum differ (:func:`stated_share`) so much that the share reads
    otherwise (a sum of 100.01% from rounded shares changes no percent); "" where they do
    not. With
    ``stated_first`` the figure beside it is the source's share of its world total (a
    headline's), else the analysis's share of the sum (a scenario's driver).

    >>> from mineralgraph.graph.analysis.concentration import Concentration
    >>> found = Concentration("material:m", "m", None, 2024, {"CN": 0.984339}, 0.0,
    ...                       0.984339, 0.984339, 9689.2, "country:CN", stated_sum=1.0025)
    >>> print(denominator_clause(found, "country:CN", stated_first=True))
    ... # doctest: +NORMALIZE_WHITESPACE
    of the world total the source states; 98% of the countries' sum, 100.25% of that
    total, as the analysis reads it by design note 5.5
    >>> print(denominator_clause(found, "country:CN"))  # doctest: +NORMALIZE_WHITESPACE
    of the countries' sum, 100.25% of the world total the source states, as the analysis
    reads it by design note 5.5; 99% of that total
    """
    stated = stated_share(found, country)
    if stated is None:
        return ""
    used = found.shares[country.partition(":")[2]]
    if percent(stated) == percent(used):
        return ""
    summed = f"{100 * found.stated_sum:.2f}%"
    if stated_first:
        return (f"of the world total the source states; {percent(used)} of the countries' "
                f"sum, {summed} of that total, as the analysis reads it by design note 5.5")
    return (f"of the countries' sum, {summed} of the world total the source states, as the "
            f"analysis reads it by design note 5.5; {percent(stated)} of that total")


def top_share_caveats(graph: SupplyGraph, material: str, country: str) -> Caveats:
    """What a country's share of a material rests on: its own share claim and those of
    its facilities and producing companies (a headline figure that rests on a
    low-confidence proxy says so next to it)."""
    return Caveats.of(_top_share_claims(graph, material, country))


def _top_share_claims(graph: SupplyGraph, material: str, country: str) -> list:
    return top_share_claims(graph, material, country)


def top_share_phrase(graph: SupplyGraph, material: str, country: str,
                     named: set | None = None) -> str:
    """What a country's share of a material rests on, for beside the figure: its
    confidence, a proxy or dispute, and the source type when the strongest is only press
    or a repost. With ``named`` (a headline's, :func:`headline_phrase`) a proxy is named
    with what it was measured for.

    >>> from mineralgraph import load_bundled
    >>> top_share_phrase(load_bundled(), "material:ndfeb-magnet", "country:CN")
    'medium confidence; rests on a proxy'
    >>> top_share_phrase(load_bundled(), "material:ndfeb-magnet", "country:CN", set())[:45]
    'medium confidence, a proxy: measured for the '
    """
    return claims_phrase(graph, _top_share_claims(graph, material, country), named,
                         (country, material))


def claims_phrase(graph: SupplyGraph, claims: list, named: set | None = None,
                  figure: tuple[str, str] | None = None) -> str:
    """What a figure resting on ``claims`` rests on, for beside it: their weakest
    confidence, a proxy or dispute, and the source type when the strongest is only press
    or a repost (:func:`top_share_phrase`); with ``named``, the proxy named as a headline
    names it (:func:`headline_phrase`)."""
    from mineralgraph.graph.inventory import SOURCE_TYPES, fact_source_type

    caveats = Caveats.of(claims)
    phrase = (caveat_phrase(caveats) if named is None
              else headline_phrase(graph, caveats, named, figure))[1:-1]
    types = {fact_source_type(graph, c) for c in claims}
    strongest = next((t for t in SOURCE_TYPES if t in types), None)
    if strongest in ("press", "repost"):
        phrase = "; ".join(p for p in (phrase, f"source type: {strongest}") if p)
    return phrase


def held_claims(graph: SupplyGraph, material: str, holder: str) -> list:
    """The claims behind a holder's part of a material's output (a driver of a
    scenario's loss): each producing claim of the material by the holder itself, by a
    facility or company located in it, or by a facility it operates; those with a share
    when any has one (a producer without a share takes a part of its country's figure,
    which rests on the share claims, as the chokepoint summary cites it).

    >>> from mineralgraph import load_bundled
    >>> sorted({s for c in held_claims(load_bundled(), "material:dy-oxide", "country:CN")
    ...         for s in c.sources})
    ['source:iea-cm-dataset-2025']
    """
    held = [c for c in graph.relation_claims(material, "PRODUCES", incoming=True)
            if c.subject == holder
            or holder in graph.neighbours(c.subject, "LOCATED_IN")
            or holder in graph.neighbours(c.subject, "OPERATED_BY")]
    shared = [c for c in held if c.qualifier("share") is not None]
    return shared or held


def share_marks(graph: SupplyGraph, material: str) -> tuple[Caveats, list[str]]:
    """What a material's country shares rest on, as ``chokepoints`` marks them: the
    caveats of the share claims used (confidence, proxy, dispute) and the types of their
    strongest sources (``statistics`` ... ``repost``), primary first."""
    from mineralgraph.graph.inventory import SOURCE_TYPES, fact_source_type

    _, used = country_shares(graph, material)
    types = {fact_source_type(graph, c) for c in used}
    return Caveats.of(used), [t for t in (*SOURCE_TYPES, "not recorded") if t in types]


def share_mark_text(graph: SupplyGraph, material: str) -> str:
    """``medium confidence; rests on a proxy; source type: repost``: :func:`share_marks`
    as words."""
    caveats, types = share_marks(graph, material)
    phrase = caveat_phrase(caveats)[1:-1]
    kinds = f"source type: {', '.join(types)}" if types else ""
    return "; ".join(p for p in (phrase, kinds) if p)


def _row_of(report: ProductReport, node_id: str) -> Chokepoint | None:
    """The report's row of a node: from its ranked rows (also past ``--top``)."""
    rows = report.chokepoints
    if hasattr(rows, "row"):
        return rows.row(node_id)
    return next((r for r in rows if r.id == node_id), None)


def sole_source_sentence(report: ProductReport, graph: SupplyGraph) -> tuple[str, Caveats]:
    """"It cannot be made without ...": the product's sole-source suppliers, each figure
    with what it rests on (its row's confidence, proxy, dispute; once for all when they
    rest on the same), and the caveats of them all.

    >>> from mineralgraph import load_bundled
    >>> from mineralgraph.graph.analysis import chokepoints
    >>> g = load_bundled()
    >>> sole_source_sentence(chokepoints(g, ["product:f-35"], top=1)[0], g)[0]
    ... # doctest: +NORMALIZE_WHITESPACE
    'It cannot be made without Honeywell (high confidence), Northrop Grumman (high
    confidence) and Moog (medium confidence), each a sole source besides its maker.'
    """
    # a sole source is one supplier: the rest of the world (many countries) and a maker's
    # country through the maker are said apart, whether or not they count as SPOFs
    rows = [(n, _row_of(report, n)) for n in report.supplier_spofs
            if n != REST_OF_WORLD and n not in report.through_makers]
    if not rows:
        return "", Caveats()
    # in their rank order: at an equal loss the better-supported first (support_key)
    rows.sort(key=lambda r: (r[1].rank if r[1] is not None and r[1].rank else len(rows) + 10**6,
                             r[0]))
    phrases = [caveat_phrase(row.caveats) if row is not None else "" for _, row in rows]
    caveats = Caveats()
    for _, row in rows:
        if row is not None:
            caveats |= row.caveats
    names = [prose_name(graph, n) for n, _ in rows]
    tail = ("a sole source" if len(names) == 1 else "each a sole source") + " besides its maker"
    if len(set(phrases)) == 1:
        phrase = f" {phrases[0]}" if phrases[0] else ""
        return f"It cannot be made without {join_names(names)}, {tail}{phrase}.", caveats
    named = [f"{n} {p}" if p else n for n, p in zip(names, phrases, strict=True)]
    return f"It cannot be made without {join_names(named)}, {tail}.", caveats


def not_made_sentence(report: ProductReport, graph: SupplyGraph, cited: str = "") -> str:
    """One line for a product not made yet on the report's date: who makes it from when
    (the dated MAKES facts, with ``cited`` their citations), and that no availability is
    given; "" for a product that was made then."""
    if not report.not_made:
        return ""
    makers = join_names(sorted({graph.label(c.subject) for c in report.not_made}))
    when = report.as_of.isoformat() if report.as_of else "the date"
    return (f"{report.label} was not made yet on {when}: its making by {makers} is dated "
            f"from {report.made_from}{' ' + cited if cited else ''}, so it has no supply, "
            "availability or single point of failure on that date.")


def product_story(report: ProductReport, graph: SupplyGraph,
                  cite=None) -> tuple[list[str], Caveats]:
    """Sentences on one product, and the caveats of its headline figures: its figure with
    its confidence, range and single weakest link first, then its sole sources. The other
    claims rated low, proxies or disputed that the figures rest on are said after the
    product's table (:func:`weak_after_table`), each once (findings 12: the F-35's 13 stood
    inline, some 300 words before its table)."""
    lines, caveats, _ = _product_story(report, graph, cite, weak=False)
    return lines, caveats


def weak_after_table(report: ProductReport, graph: SupplyGraph, cite=None) -> str:
    """For after a product's table: every other claim its summary's figures rest on that
    is rated low, a proxy or disputed (:func:`weak_claims_sentence`, cited with ``cite``),
    the weakest first, each once, those the summary names beside its figures left out;
    "" when there is none."""
    weak = _product_story(report, graph, cite)[2]
    return weak.replace("These figures", "The summary's figures", 1)


def _product_story(report: ProductReport, graph: SupplyGraph, cite=None,
                   weak: bool = True) -> tuple[list[str], Caveats, str]:
    """:func:`product_story`'s sentences and caveats, and (with ``weak``; its sources
    cited only then) :func:`weak_after_table`'s sentence as :func:`weak_claims_sentence`
    writes it."""
    if getattr(report, "not_made", None):
        cited = cite([s for c in report.not_made for s in c.sources]) if cite else ""
        return [not_made_sentence(report, graph, cited)], Caveats(), ""
    named: set = set()  # the proxies named so far: a later figure says "the same"
    phrase = headline_phrase(graph, report.caveats, named) if report.scenario else ""
    exposure, caveats = _exposure(report, graph, named)
    if report.scenario:
        kept = availability_phrase(report.availability_range, report.mapped_availability,
                                   len(report.unmapped))
        from mineralgraph.reports.tables import report_worst_case_note

        # beside the figure, what --worst-case gives where it reads otherwise (a grade
        # not stated, supply not mapped: unknown, not safe), as the scenario table says it
        head = (f"{report.label} keeps {kept} of its supply under the scenario"
                + (f" {phrase}" if phrase else "") + report_worst_case_note(report)
                + (f"; {exposure}." if exposure else "."))
        caveats = report.caveats | caveats
    else:
        # no stage with shares: the country clause alone ("Hard disk drive: without the
        # United States it would lose ...", not "Hard disk drive is without ...")
        joint = " is " if exposure.startswith("most exposed") else ": "
        head = (f"{report.label}{joint}{exposure}." if exposure else
                f"{report.label}: no country or stage of its mineral chain has recorded "
                "shares.")
    lines = [head]
    sentence, found = sole_source_sentence(report, graph)
    if sentence:
        lines.append(sentence)
        caveats = caveats | (found if found.weak else Caveats())
    # every other claim rated low, proxy or disputed under these figures, once, the
    # weakest first by the rule the figures' own "the weakest" follows (findings 10:
    # "the weakest" proxy beside a figure, then "a low-confidence claim" after them, read
    # as two different weakest links)
    weak = (weak_claims_sentence(graph, caveats, cite, said={p[:2] for p in named})
            if weak else "")
    if report.through_makers:
        lines.append(makers_country_sentence(report, graph))
    if report.rest_of_world_only:
        lines.append(rest_of_world_sentence(bool(report.scenario)))
    return lines, caveats, weak


def rest_of_world_sentence(scenario: bool, subject: str = "it", many: bool = False) -> str:
    """What it means that losing rest of the world would stop a product (``many``: several
    products): at some stage all it gets comes from the countries no share figure names.
    The rest of the world is then a single point of failure (design note 5.2), and the
    sentence adds that it is many countries, not one.

    >>> rest_of_world_sentence(False)[:69]
    'At one stage or more everything it gets comes from the rest of the wo'
    >>> rest_of_world_sentence(True, "A and B", many=True)[-63:]
    'failure of each (design note 5.2), but many countries, not one.'
    """
    when = "Under the scenario, at" if scenario else "At"
    verb = ("still " if scenario else "") + ("get" if many else "gets")
    # with several products named, "that" keeps the long subject readable
    whose = f"everything that {subject}" if many else f"everything {subject}"
    return (f"{when} one stage or more {whose} {verb} comes from the rest of "
            "the world (the countries the share figures do not name): losing all of them "
            f"together would stop {'them' if many else 'it'}, so the rest of the world is a "
            f"single point of failure {'of each' if many else 'of it'} (design note 5.2), "
            "but many countries, not one.")


def press_only_materials(reports: list[ProductReport], graph: SupplyGraph) -> list[str]:
    """Materials upstream of the reports' products whose country shares come only from
    press or reposts (used for lack of a statistical source), sorted."""
    choices = graph.share_choices()
    return sorted({c.id for r in reports for c in r.chokepoints if c.kind == "Material"
                   and c.id in choices and choices[c.id].press_only
                   and choices[c.id].chosen is not None})


def press_aside_materials(reports: list[ProductReport], graph: SupplyGraph) -> list[str]:
    """Materials upstream of the reports' products whose press or repost share sets the
    analysis sets aside (design note 5.5), sorted."""
    choices = graph.share_choices()
    return sorted({c.id for r in reports for c in r.chokepoints if c.kind == "Material"
                   and c.id in choices and choices[c.id].set_aside})


def press_aside_text(graph: SupplyGraph, material: str, cite=None) -> str:
    """What is true of one material whose press figures the analysis sets aside: the
    figure with its citation, and what the analysis reads instead (the statistical set, or
    with none, its named producers' equal split or no mapped supply)."""
    from mineralgraph.reports.common import press_beside

    choice = graph.share_choices().get(material)
    phrases = "; ".join(p.removeprefix("press figure, not used: ")
                        for p in press_beside(graph, material, cite))
    if choice is not None and choice.chosen is not None:
        # the set read is cited by the rows that rest on it
        instead = f"a statistical set, of {choice.chosen.year}, is read"
    elif graph.relation_claims(material, "PRODUCES", incoming=True):
        instead = ("no statistical set: its producers named by other facts split it "
                   "equally (≈, 5.4)")
    else:
        instead = "no statistical set and no other producer: supply not mapped (5.6)"
    return f"{graph.label(material)}, press {phrases}, set aside ({instead})"


def story(reports: list[ProductReport], graph: SupplyGraph, cite=None) -> list[str]:
    """The summary of a chokepoint analysis as paragraphs (plain text, one per item).

    The scenario's cause; per product, what it keeps, the stage and country where it is
    most exposed, and its sole-source suppliers; what the headlines rest on when that is
    weak; the press figures set aside (design note 5.5), each cited with ``cite`` (a
    :class:`SourceIndex`'s, else by source id); and the limits of the data (unmapped
    inputs, the date, a confidence filter).
    """
    out = reading_lines(graph)
    # a product not made yet on the date is one line of its own: no figure of it below
    every, reports = reports, [r for r in reports if not getattr(r, "not_made", None)]
    scenarios = sorted({(r.scenario, r.scenario_title or "") for r in every if r.scenario})
    for name, title in scenarios:
        cause = f": {title.rstrip('.')}" if title else ""
        out.append(f"Scenario {name}{cause}. Every figure below is measured against what "
                   "a product still gets under it.")
    if len(every) > 1:
        # a sole source is one supplier: the rest of the world (many countries) and a
        # maker's country through the maker, SPOFs too, are said apart per product
        made = reports
        hinged = sum(1 for r in made if any(
            n != REST_OF_WORLD and n not in r.through_makers for n in r.supplier_spofs))
        out.append(f"{hinged} of {len(made)} products hang on a sole-source supplier "
                   "(a country, company or facility besides their maker).")
    weak = Caveats()
    for report in every:
        lines, caveats = product_story(report, graph, cite)
        out.append(" ".join(lines))
        if caveats.weak:
            weak |= caveats
    if weak.proxies or weak.disputes or weak.confidence == "low":
        sentences = caveat_sentences(graph, weak)
        if weak.confidence == "low":
            sentences.append("Some figures rest on low-confidence claims: run mineralgraph "
                             "--min-confidence medium ... to see the answer without them.")
        out.append("What the figures rest on: " + " ".join(sentences))
    press = press_only_materials(reports, graph)
    if press:
        out.append(f"Country shares of {join_names([graph.label(m) for m in press])} come "
                   "only from press articles or reposts: no statistical source was found, so "
                   "the analysis uses them for lack of another (--press-figures; by default "
                   "design note 5.5 sets them aside).")
    aside = press_aside_materials(reports, graph)
    if aside:
        out.append("Press figures, not used (design note 5.5: figures from press, reposts "
                   "and news never enter the analysis unless the user asks, mineralgraph "
                   "--press-figures ...): "
                   + "; ".join(press_aside_text(graph, m, cite) for m in aside) + ".")
    if graph.min_confidence:
        left_out = {c.id for r in reports for c in r.left_out}
        out.append(left_out_sentence(graph, len(left_out)).lstrip())
    unmapped = sorted({m for r in reports for m in r.unmapped})
    if unmapped:
        out.append(unmapped_sentence(graph, unmapped) + " Figures are ranges from losing "
                   "them with their anchor country to keeping them."
                   + untraced_sentence(graph, reports))
    if graph.as_of_date is not None:
        out.append(f"As of {graph.as_of_date}: relations and controls not valid on that "
                   "date are left out; a material's country shares are those of the year "
                   "valid on that date, and before its earliest year on record that year's "
                   "shares stand in, marked as a proxy.")
    future = future_sentence(graph, [r.product for r in reports])
    if future:
        out.append(future.lstrip())
    return out
