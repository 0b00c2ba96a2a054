"""Checks across claims: what one row cannot tell alone.

:func:`check_claims` returns every problem as an :class:`InputError` located at the
origin (file and line) of the claim at fault: a fact without a source, a source or id
that is not defined, a relation whose ends have the wrong kinds, a node missing a
required attribute, a bad validity interval, and country shares of one material that
add up to more than the world.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError
from mineralgraph.graph.supply_graph import preferred
from mineralgraph.loaders.values import claim_text_problem
from mineralgraph.ontology import model

#: Country shares of a material may exceed 1 by this much before it is an error (rounding).
SHARE_SUM_TOLERANCE = 0.02


def located(claim: Claim, field: str | None, message: str) -> InputError:
    """An InputError at the claim's origin (``path:line``)."""
    path, _, line = (claim.origin or "<claims>").rpartition(":")
    if not line.isdigit():
        path, line = claim.origin or "<claims>", ""
    return InputError(path, int(line) if line else None, field, message)


def check_claims(claims: Iterable[Claim]) -> list[InputError]:
    """Every cross-claim problem in ``claims``, in the order of the claims."""
    claims = list(claims)
    defined = {c.subject for c in claims if not c.is_relation}
    errors: list[InputError] = []
    for claim in claims:
        errors.extend(_claim_errors(claim, defined))
    errors.extend(_missing_required(claims))
    errors.extend(_share_sums(claims))
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


def _share_sums(claims: list[Claim]) -> list[InputError]:
    """Country shares of one material and year must not exceed the world.

    Where sources disagree about one country, the claim the analyses would use (the
    newest) counts, so two readings of one figure are not added together; shares from
    different files and sources about different countries are.
    """
    by_country: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if (claim.predicate == "PRODUCES" and model.kind_of(claim.subject) == "Country"
                and claim.qualifier("share") is not None):
            by_country[(claim.object, claim.qualifier("year"), claim.subject)].append(claim)
    totals: dict[tuple, float] = defaultdict(float)
    last: dict[tuple, Claim] = {}
    for (material, year, _), group in by_country.items():
        chosen = preferred(group)
        totals[(material, year)] += chosen.qualifier("share")
        last[(material, year)] = max(group, key=lambda c: c.origin or "")
    return [located(last[key], "share",
                    f"country shares of {key[0]} ({key[1] or 'no year'}) add up to "
                    f"{total:.3f}, above the world total")
            for key, total in totals.items() if total > 1 + SHARE_SUM_TOLERANCE]
