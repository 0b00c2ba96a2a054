"""Checks across claims: what one row cannot tell alone.

:func:`check_claims` returns every problem as an :class:`InputError` located at the
origin (file and line) of the claim at fault: a fact without a source, a source or id
that is not defined, a relation whose ends have the wrong kinds, a node missing a
required attribute, a bad validity interval, country shares of one material that
add up to more than the world, an id outside its kind's form (ASCII only, see
:meth:`~mineralgraph.ontology.model.Model.id_problem`) or two ids that look alike, a
number outside what the ontology allows (a negative quantity, the year 99999), and a
cycle of ``MADE_FROM``/``REQUIRES`` that is not marked as a recycling loop.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

import networkx as nx

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError
from mineralgraph.graph import share_sets
from mineralgraph.graph.share_sets import SHARE_SUM_TOLERANCE
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.ontology import model
from mineralgraph.values import claim_text_problem, parse_uri


def located(claim: Claim, field: str | None, message: str) -> InputError:
    """An InputError at the claim's origin (``path:line``)."""
    path, _, line = (claim.origin or "<claims>").rpartition(":")
    if not line.isdigit():
        path, line = claim.origin or "<claims>", ""
    error = InputError(path, int(line) if line else None, field, message)
    error.claim = claim
    return error


class ReadSpan(NamedTuple):
    """Claims ``start:end`` of a list came from the file ``path``, where ``where(i)``
    gives (line or None, record or None) of its ``i``-th claim (see
    :class:`~mineralgraph.loaders.LoadResult`)."""

    start: int
    end: int
    path: str
    where: Callable[[int], tuple[int | None, str | None]]


def check_claims(claims: Iterable[Claim], spans: Iterable[ReadSpan] = ()) -> list[InputError]:
    """Every cross-claim problem in ``claims``, in the order of the claims, each once.

    A claim read from an RDF export or a snapshot keeps the origin it was first entered
    at (``relations.csv:13``), which the user given ``g.nt`` may never have seen: with
    ``spans`` its problem is named in the file read, at the line (or statement) where
    the claim stands, and the origin follows as ``entered at``.
    """
    claims = list(claims)
    errors = _claims_errors(claims)
    spans = list(spans)
    return _in_files_read(errors, claims, spans) if spans and errors else errors


def _claims_errors(claims: list[Claim]) -> list[InputError]:
    defined = {c.subject for c in claims if not c.is_relation}
    errors: list[InputError] = []
    typed = []
    for claim in claims:
        problem = _type_problem(claim)
        if problem:  # no sum or range can be taken of it: the checks below skip it
            errors.append(located(claim, *problem))
            continue
        typed.append(claim)
        errors.extend(_claim_errors(claim, defined))
        errors.extend(_number_errors(claim))
    claims = typed
    errors.extend(_id_errors(claims))
    errors.extend(_missing_required(claims))
    errors.extend(_two_shares_of_one_producer(claims))
    errors.extend(_share_sums(claims))
    errors.extend(_import_share_sums(claims))
    errors.extend(_cycles(claims))
    # a row's claims share its sources and origin: one undefined source is one problem,
    # not one per attribute of the row
    seen: set[str] = set()
    return [e for e in errors if not (str(e) in seen or seen.add(str(e)))]


def _in_files_read(errors: list[InputError], claims: list[Claim],
                   spans: list[ReadSpan]) -> list[InputError]:
    """The errors of claims read from ``spans`` named where those claims stand."""
    from mineralgraph.graph.rdf_files import statement_lines

    wanted = {id(e.claim) for e in errors if getattr(e, "claim", None) is not None}
    index = {}
    for span in spans:
        for i in range(span.start, span.end):
            if id(claims[i]) in wanted:
                index.setdefault(id(claims[i]), (span, i - span.start))
    moved, pending = [], defaultdict(set)
    for error in errors:
        found = index.get(id(getattr(error, "claim", None)))
        if found is None:
            moved.append((error, None, None))
            continue
        span, i = found
        line, record = span.where(i)
        origin = error.claim.origin
        notes = [record] if record else []
        if origin and origin != span.path:
            notes.append(f"entered at {origin}")
        message = error.message + (f" ({'; '.join(notes)})" if notes else "")
        if line is None and record and record.startswith("statement "):
            pending[span.path].add(record.removeprefix("statement "))
        moved.append((InputError(span.path, line, error.field, message), span.path, record))
    lines = {path: statement_lines(path, names) for path, names in pending.items()}
    out = []
    for error, path, record in moved:
        if error.line is None and path in lines and record:
            error = InputError(error.path, lines[path].get(record.removeprefix("statement ")),
                               error.field, error.message)
        out.append(error)
    return out


_NUMBER_TYPES = {"decimal": ((int, float), "a number"), "integer": ((int,), "a whole number"),
                 "boolean": ((bool,), "true or false")}


def _type_problem(claim: Claim) -> tuple[str, str] | None:
    """(field, message) when a number, whole number or true/false of the ontology is of
    another type: an RDF source can say ``mg:share "0.9"`` (text), which no arithmetic
    takes (validation stopped on it with a traceback)."""
    values = list(claim.qualifiers)
    if not claim.is_relation:
        values.append((claim.predicate, claim.object))
    for name, value in values:
        attribute = model.attributes.get(name)
        if attribute is not None and attribute.datatype == "uri" and type(value) is str:
            try:  # a curated row is held to it; an RDF source said javascript:, file:
                parse_uri(value)
            except ValueError as exc:
                return name, str(exc)
        if attribute is None or attribute.datatype not in _NUMBER_TYPES:
            continue
        types, what = _NUMBER_TYPES[attribute.datatype]
        if (type(value) is bool) is not (attribute.datatype == "boolean") or \
                not isinstance(value, types):
            return name, f"{value!r} is not {what}"
        if type(value) is int and abs(value) >= 1e300:  # "1000…" of 400 digits in RDF
            return name, (f"a whole number of about {int(value.bit_length() * 0.30103)} "
                          "digits is beyond any figure")
        if type(value) is float and math.isfinite(value) and abs(value) >= 1e300:
            return name, f"{value:g} is beyond any figure"
    return None


def _ids_of(claim: Claim) -> list[tuple[str, str]]:
    """(field, id) for every node id a claim names."""
    ids = [("subject", claim.subject)]
    if claim.is_relation:
        ids.append(("object", str(claim.object)))
    ids += [("sources", s) for s in claim.sources]
    material = claim.qualifier("material")
    if isinstance(material, str):
        ids.append(("material", material))
    return ids


def _id_errors(claims: list[Claim]) -> list[InputError]:
    """Ids outside their kind's form, and ids that look like another id, each once."""
    errors, first = [], {}
    for claim in claims:
        for field, node_id in _ids_of(claim):
            if node_id in first:
                continue
            first[node_id] = (claim, field)
            if model.kind_of(node_id) is None and field == "subject":
                continue  # reported as "has no known kind"
            problem = model.id_problem(node_id)
            if problem:
                errors.append(located(claim, field, problem))
    by_look: dict[str, list[str]] = defaultdict(list)
    for node_id in first:
        by_look[look_alike_key(node_id)].append(node_id)
    for group in by_look.values():
        if len(group) > 1:
            claim, field = first[group[1]]
            others = ", ".join(repr(g) for g in group if g != group[1])
            errors.append(located(claim, field, f"{group[1]!r} looks like {others}: "
                                  "one thing under two ids?"))
    return errors


#: Characters and pairs read alike in an id (after NFKD and case folding).
_LOOK_ALIKE = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("|", "l"))


def look_alike_key(node_id: str) -> str:
    """A key shared by ids that a reader could take for one another.

    Case, separators, accents, invisible characters and Unicode look-alikes that NFKD
    folds (full-width letters) are dropped; Cyrillic or Greek letters that look Latin
    are mapped by their Unicode name.

    >>> look_alike_key("country:CN") == look_alike_key("country:\u0421N")
    True
    >>> look_alike_key("material:nd-pr-oxide") == look_alike_key("material:ndpr_oxide")
    True
    """
    text = unicodedata.normalize("NFKD", node_id)
    out = []
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        if not char.isascii():
            name = unicodedata.name(char, "")
            match = re.match(r"(?:CYRILLIC|GREEK) (?:CAPITAL|SMALL) LETTER (\w+)$", name)
            if match:
                char = _LATIN_TWINS.get(match.group(1), char)
        out.append(char)
    key = re.sub(r"[-._\s]", "", "".join(out).casefold())
    for pair, single in _LOOK_ALIKE:
        key = key.replace(pair, single)
    return key


#: Cyrillic and Greek letters (by Unicode name) that look like a Latin one.
_LATIN_TWINS = {"A": "a", "ALPHA": "a", "BE": "b", "BETA": "b", "VE": "b", "ES": "c",
                "IE": "e", "EPSILON": "e", "ETA": "h", "EN": "h", "I": "i", "IOTA": "i",
                "BYELORUSSIAN-UKRAINIAN I": "i", "JE": "j", "KA": "k", "KAPPA": "k",
                "EM": "m", "MU": "m", "NU": "n", "O": "o", "OMICRON": "o", "ER": "p",
                "RHO": "p", "DZE": "s", "TE": "t", "TAU": "t", "U": "y", "UPSILON": "y",
                "HA": "x", "CHI": "x", "ZETA": "z"}


def _number_errors(claim: Claim) -> list[InputError]:
    """Numbers that cannot be true: not finite, or outside the ontology's min/max."""
    values = list(claim.qualifiers)
    if not claim.is_relation:
        values.append((claim.predicate, claim.object))
    errors = []
    for name, value in values:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if not math.isfinite(value):
            errors.append(located(claim, name, f"{value} is not a finite number"))
            continue
        attribute = model.attributes.get(name)
        if attribute is None or name == "share":
            continue  # share has its own message in _relation_errors
        low, high = attribute.minimum, attribute.maximum
        if low is not None and value < low:
            what = "negative" if low == 0 else f"below {low:g}"
            errors.append(located(claim, name, f"{value:g} is {what}: impossible for "
                                  f"{attribute.label}"))
        elif high is not None and value > high:
            errors.append(located(claim, name, f"{value:g} is above {high:g}: impossible "
                                  f"for {attribute.label}"))
    return errors


#: Relations along which a material is made of its inputs; a cycle among them makes the
#: availability of everything on it 0, so only a marked recycling loop may close one.
CYCLE_RELATIONS = ("MADE_FROM", "REQUIRES")


def _cycles(claims: list[Claim]) -> list[InputError]:
    """Each cycle of MADE_FROM/REQUIRES without a step marked ``recycling=true``, once."""
    graph = nx.DiGraph()
    order = {id(claim): index for index, claim in enumerate(claims)}
    for claim in claims:
        if claim.predicate in CYCLE_RELATIONS and claim.qualifier("recycling") is not True:
            edge = (claim.subject, str(claim.object))
            if not graph.has_edge(*edge):
                graph.add_edge(*edge, claim=claim)
    errors = []
    for component in sorted(nx.strongly_connected_components(graph), key=min):
        if len(component) == 1 and not graph.has_edge(min(component), min(component)):
            continue
        start = min(component)
        cycle = nx.find_cycle(graph.subgraph(component), source=start)
        path = " -> ".join([cycle[0][0]] + [v for _, v in cycle])
        # blame the step read last: most often the row that was added and closed it
        claim = max((graph.edges[edge]["claim"] for edge in cycle), key=lambda c: order[id(c)])
        errors.append(located(claim, "relation", f"cycle {path}: nothing on it can be made "
                              "(mark a recycling loop with recycling=true)"))
    return errors


def _claim_errors(claim: Claim, defined: set[str]) -> list[InputError]:
    errors = []
    if not claim.sources:
        errors.append(located(claim, "sources", f"{claim.subject} {claim.predicate}: "
                              "a fact needs at least one source"))
    for source in claim.sources:
        if source not in defined:
            errors.append(located(claim, "sources", f"{source} is not defined"))
    if claim.valid_from and claim.valid_to and claim.valid_from >= claim.valid_to:
        errors.append(located(claim, "valid_to", f"{claim.valid_to} is not after "
                              f"valid_from {claim.valid_from}"))
    if model.kind_of(claim.subject) is None:
        errors.append(located(claim, "subject", f"{claim.subject!r} has no known kind"))
    problem = claim_text_problem(claim)
    if problem:
        errors.append(located(claim, *problem))
    if claim.is_relation:
        errors.extend(_relation_errors(claim, defined))
    elif claim.predicate not in model.attributes:
        errors.append(located(claim, claim.predicate, "not an attribute of the ontology"))
    return errors


def _relation_errors(claim: Claim, defined: set[str]) -> list[InputError]:
    relation = model.relations.get(claim.predicate)
    if relation is None:
        return [located(claim, "relation", f"{claim.predicate!r} is not a relation")]
    errors = []
    for end, node, allowed in (("subject", claim.subject, relation.domain),
                               ("object", claim.object, relation.range)):
        kind = model.kind_of(str(node))
        if node not in defined:
            errors.append(located(claim, end, f"{node} is not defined (dangling id)"))
        elif kind not in allowed:
            errors.append(located(claim, end, f"{claim.predicate} takes "
                                  f"{' or '.join(sorted(allowed))} here, not {kind} ({node})"))
    material = claim.qualifier("material")
    if material is not None and material not in defined:
        errors.append(located(claim, "material", f"{material} is not defined (dangling id)"))
    share = claim.qualifier("share")
    if share is not None and not 0 <= share <= 1:
        errors.append(located(claim, "share", f"{share:g} is outside 0-1"))
    return errors


def _missing_required(claims: list[Claim]) -> list[InputError]:
    present: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Claim] = {}
    for claim in claims:
        if not claim.is_relation:
            present[claim.subject].add(claim.predicate)
            first.setdefault(claim.subject, claim)
    errors = []
    for node, names in present.items():
        kind = model.kind_of(node)
        for required in model.kinds[kind].required if kind else ():
            if required not in names:
                errors.append(located(first[node], required, f"{node}: required for {kind}"))
    return errors


def _two_shares_of_one_producer(claims: list[Claim]) -> list[InputError]:
    """One source cannot give one producer two different shares of one material for the
    same year and validity: the analysis would read one of them (the one loaded last)
    without a word, so the figure shown would depend on the order of the rows.

    >>> def share(value, origin):
    ...     return Claim("country:AU", "PRODUCES", "material:x", (("share", value),),
    ...                  ("source:s",), origin=origin)
    >>> [str(e) for e in _two_shares_of_one_producer([share(0.1, "r.csv:11"),
    ...                                               share(0.15, "r.csv:26")])]
    ['r.csv:26: share: country:AU PRODUCES material:x (no year): source:s gives 0.15 here \
and 0.1 at r.csv:11; the analysis would read one of them: keep one row, or tell them \
apart (year, valid_from)']
    """
    first: dict[tuple, Claim] = {}
    errors = []
    for claim in claims:
        share = claim.qualifier("share")
        if claim.predicate != "PRODUCES" or share is None:
            continue
        rest = tuple((k, v) for k, v in claim.qualifiers if k not in ("share", "note"))
        for source in claim.sources:
            key = (claim.subject, claim.object, source, rest, claim.valid_from,
                   claim.valid_to)
            held = first.setdefault(key, claim)
            if held is not claim and held.qualifier("share") != share:
                errors.append(located(claim, "share", (
                    f"{claim.subject} PRODUCES {claim.object} "
                    f"({claim.qualifier('year') or 'no year'}): {source} gives {share:g} here "
                    f"and {held.qualifier('share'):g} at {held.origin or 'another claim'}; the "
                    "analysis would read one of them: keep one row, or tell them apart "
                    "(year, valid_from)")))
    return errors


def _share_sums(claims: list[Claim]) -> list[InputError]:
    """One source's country shares of one material and year must not exceed the world.

    Each source's set is checked on its own (design note, section 5.5): two sources that
    name different countries (one source's rest of world, the other's named countries)
    are competing sets, a conflict that :func:`share_conflicts` reports, not a sum.
    """
    graph = SupplyGraph(_supply_claims(claims))
    errors = []
    for item in share_sets.all_sets(graph.edge_claims("PRODUCES"), graph._published,
                                    graph.loaded):
        if item.total > 1 + SHARE_SUM_TOLERANCE:
            last = max(item.claims.values(), key=lambda c: graph.loaded.get(c.id, -1))
            errors.append(located(last, "share",
                                  f"country shares of {item.material} "
                                  f"({item.year or 'no year'}) from {item.source} add up to "
                                  f"{item.total:.3f}, above the world total"))
    return errors


def _import_share_sums(claims: list[Claim]) -> list[InputError]:
    """One source's import shares of one importer, material and period must not exceed 1.

    An ``EXPORTS_TO`` share is the importer's dependence on that exporter (the USGS
    import sources of the United States, a trade table's partners), so each source's
    shares into one importer of one material (and scope, ``about``: USGS lists primary
    nickel and nickel scrap apart) in one period (``period``, else ``year``) add up to at
    most 1 (+0.02 for rounding: USGS percentages are rounded).

    >>> def flow(exporter, share):
    ...     return Claim(exporter, "EXPORTS_TO", "country:US", (("material", "material:x"),
    ...                  ("period", "2020-2023"), ("share", share)), ("source:s",))
    >>> len(_import_share_sums([flow("country:CN", 0.7), flow("country:JP", 0.2)]))
    0
    >>> _import_share_sums([flow("country:CN", 0.7), flow("country:JP", 0.4)])[0].message
    'import shares of material:x into country:US (2020-2023) from source:s add up to 1.100, above 1'
    """
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        share = claim.qualifier("share")
        if claim.predicate != "EXPORTS_TO" or share is None:
            continue
        period = claim.qualifier("period") or claim.qualifier("year") or "no period"
        scope = claim.qualifier("about") or ""
        for source in claim.sources or ("",):
            groups[(str(claim.object), str(claim.qualifier("material")), scope, str(period),
                    source)].append(claim)
    errors = []
    for (importer, material, scope, period, source), group in sorted(groups.items()):
        total = sum(c.qualifier("share") for c in group)
        if total > 1 + SHARE_SUM_TOLERANCE:
            errors.append(located(group[-1], "share",
                                  f"import shares of {material}"
                                  + (f" ({scope})" if scope else "")
                                  + f" into {importer} ({period}) from {source} add up to "
                                  f"{total:.3f}, above 1"))
    return errors


def _supply_claims(claims: Iterable[Claim]) -> list[Claim]:
    """The claims these checks read: trade flows (EXPORTS_TO, evidence that no analysis
    walks) are left out, so a BACI load of 10^5 flows does not rebuild them twice."""
    return [c for c in claims if c.predicate != "EXPORTS_TO"]


def share_conflicts(graph: SupplyGraph) -> list[share_sets.ShareChoice]:
    """Materials whose country shares come from sets that disagree (the first is used)."""
    return [c for c in graph.share_choices().values() if c.others]


#: What the warning on a material whose shares rest on press or reposts alone says.
PRESS_ONLY = "country shares come only from press or reposts"


def check_warnings(claims: Iterable[Claim], press_figures: bool = False) -> list[str]:
    """What is not wrong but an analyst must know: competing share sets (one is used),
    share sets from press or reposts alone (set aside by default, design note 5.5; used
    for lack of another under ``press_figures``), and SUPPLIES edges that fit no chain of
    the buyer (the analysis cannot use them)."""
    graph = SupplyGraph(_supply_claims(claims), press_figures=press_figures)
    out = []
    for choice in share_conflicts(graph):
        for other in choice.others:
            out.append(f"warning: {choice.material}: country shares of {other.year} from "
                       f"{other.source} disagree with {choice.chosen.source}, which is used "
                       f"({_shares_text(other)} against {_shares_text(choice.chosen)})")
    for choice in graph.share_choices().values():
        if choice.press_only and choice.chosen is not None:
            out.append(f"warning: {choice.material}: {PRESS_ONLY} ({choice.chosen.source}); "
                       "the analysis uses them for lack of a statistical source "
                       "(--press-figures)")
        elif choice.chosen is None and choice.set_aside:
            out.append(f"warning: {choice.material}: {PRESS_ONLY} ("
                       + ", ".join(s.source for s in choice.set_aside) + "); set aside, not "
                       "used by the analysis (design note 5.5; --press-figures uses them): "
                       f"{', '.join(_shares_text(s) for s in choice.set_aside)}")
        elif choice.set_aside:
            out.append(f"warning: {choice.material}: press figures beside {choice.chosen.source}"
                       ", not used (design note 5.5): "
                       + "; ".join(f"{s.source} ({_shares_text(s)})" for s in choice.set_aside))
    from mineralgraph.graph.analysis.structure import unused_supply_reasons

    unused = sorted(unused_supply_reasons(graph), key=lambda u: _origin_order(u.claim))
    out.extend(_unused_supply_text(item) for item in unused)
    return out


class LocatedWarning(str):
    """A warning line (``warning: FILE:LINE: message``) that knows its file, line and
    message, for the records of ``validate --format csv/json``."""

    path: str | None = None
    line: str | None = None
    message: str = ""

    @classmethod
    def at(cls, path: str, line: str, message: str) -> LocatedWarning:
        """``warning: path:line: message``."""
        item = cls(f"warning: {path}:{line}: {message}" if line else
                   f"warning: {path}: {message}")
        item.path, item.line, item.message = path, line or None, message
        return item


def _origin_order(claim: Claim) -> tuple:
    """A claim's origin in file then line order (``f.csv:9`` before ``f.csv:10``)."""
    path, _, line = (claim.origin or "").rpartition(":")
    return (path, int(line), claim.id) if line.isdigit() else (claim.origin or "", 0, claim.id)


def _unused_supply_text(item) -> str:
    """One line: where the edge is (every row of it), why the analysis does not use it,
    and what to do."""
    claim = item.claim
    path, first, _ = _origin_order(claim)
    lines = sorted(_origin_order(c)[1] for c in item.claims)
    where = ",".join(str(n) for n in lines) if first and all(lines) else ""
    path = path if first else claim.origin or claim.subject
    edge = f"{claim.subject} SUPPLIES {claim.qualifier('material')} to {claim.object}"
    outputs = ", ".join(item.outputs)
    if item.reason == "maker":
        why = (f"which makes {outputs} (needing it); a product draws each material from world "
               "supply (design note section 2), not from its maker's suppliers: the edge is "
               "evidence only (paths, show), nothing to fix")
    elif item.reason == "unrelated":
        why = (f"but nothing it makes or produces ({outputs}) is made from it: unused; check "
               "the edge's material, or the MADE_FROM/REQUIRES steps")
    else:
        why = ("which makes and produces nothing in the graph: unused until a MAKES or "
               "PRODUCES row (with a source) says what it makes")
    return LocatedWarning.at(path, where, f"{edge}, {why}")


def _shares_text(item: share_sets.ShareSet) -> str:
    return ", ".join(f"{c.partition(':')[2]} {s:.3g}" for c, s in item.countries.items())
