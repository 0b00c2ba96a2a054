"""Pull claims back out of Neo4j: the inverse of :mod:`mineralgraph.graph.neo4j_push`.

Attribute claims come from each node's ``claims`` property (JSON), relation claims from
each relationship that has a ``claim_id``: its type, its two ends, its qualifiers and
provenance. Pushing claims and pulling them gives an equal set of claims.

>>> from mineralgraph.graph.neo4j_push import relation_props
>>> c = Claim("country:CN", "PRODUCES", "material:x", (("share", 0.7),), ("source:s",))
>>> relation_claim("country:CN", "PRODUCES", "material:x", relation_props(c)) == c
True
"""

from __future__ import annotations

import json
from datetime import date

from mineralgraph.claim import Claim
from mineralgraph.graph.neo4j import labels
from mineralgraph.graph.neo4j_push import CLAIMS_PROPERTY, PROVENANCE


def native(value):
    """A value read from Neo4j as Python: Neo4j dates become ``datetime.date``."""
    to_native = getattr(value, "to_native", None)
    if to_native is not None:
        return to_native()
    if isinstance(value, list):
        return [native(v) for v in value]
    return value


def relation_claim(subject: str, relation: str, obj: str, props: dict) -> Claim:
    """The claim of one relationship, from its ends, type and properties."""
    props = {k: native(v) for k, v in props.items()}
    qualifiers = tuple(sorted((k, v) for k, v in props.items() if k not in PROVENANCE))
    valid_from, valid_to = props.get("valid_from"), props.get("valid_to")
    return Claim(subject, relation, obj, qualifiers, tuple(props.get("sources") or ()),
                 props.get("quote"), props.get("confidence"),
                 valid_from if isinstance(valid_from, date) else None,
                 valid_to if isinstance(valid_to, date) else None, props.get("origin"))


def attribute_claims(node_id: str, payload: str) -> list[Claim]:
    """The attribute claims kept in a node's ``claims`` property."""
    return [Claim.from_dict({**item, "subject": node_id}) for item in json.loads(payload)]


def pull(driver, database: str | None = None) -> list[Claim]:
    """Every claim held in the database, sorted as in a snapshot.

    Nodes without a mineralgraph label and relationships without a ``claim_id`` (data
    added by hand) are left out.
    """
    claims: list[Claim] = []

    def read(tx) -> None:
        claims.clear()  # a retried transaction starts again
        stored.clear()
        result = tx.run(f"MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
                        f"AND n.{CLAIMS_PROPERTY} IS NOT NULL "
                        f"RETURN n.id AS id, n.{CLAIMS_PROPERTY} AS claims", labels=labels())
        for record in result:
            claims.extend(attribute_claims(record["id"], record["claims"]))
        result = tx.run("MATCH (a)-[r]->(b) WHERE r.claim_id IS NOT NULL "
                        "RETURN a.id AS s, type(r) AS rel, b.id AS o, properties(r) AS props")
        for record in result:
            claim = relation_claim(record["s"], record["rel"], record["o"], record["props"])
            stored[id(claim)] = record["props"].get("claim_id")
            claims.append(claim)

    stored: dict[int, str] = {}  # id() of a relation's claim: the claim_id it has there
    with driver.session(database=database) as session:
        session.execute_read(read)
    check_pulled(claims, stored)
    return sorted(claims, key=lambda c: (c.subject, c.predicate, c.id))


def check_pulled(claims: list[Claim], stored: dict | None = None) -> None:
    """Refuse claims that were edited in Neo4j into values no loader writes (a share of 7
    or ``"0.5"``, no source, a control character in a label), as a snapshot read for
    analysis refuses them: written into a snapshot, they would make every later command
    on it fail (or, read elsewhere, be analysed).

    >>> check_pulled([Claim("country:CN", "PRODUCES", "material:x", (("share", 7),),
    ...                     ("source:s",))])
    Traceback (most recent call last):
    ...
    mineralgraph.exceptions.MineralGraphError: country:CN PRODUCES material:x (the \
relationship with claim_id '...'): share: 7 is above 1: impossible for share (edited in \
Neo4j?); nothing written
    """
    from mineralgraph.exceptions import MineralGraphError
    from mineralgraph.graph.snapshot import value_problem
    from mineralgraph.values import claim_text_problem

    ids: set = set()
    for claim in claims:
        problem = value_problem(claim, ids) or claim_text_problem(claim)
        if problem:
            what = (f"{claim.subject} {claim.predicate} {claim.object} (the relationship "
                    f"with claim_id {(stored or {}).get(id(claim), claim.id)!r})"
                    if claim.is_relation else
                    f"{claim.subject} {claim.predicate} (in the node's {CLAIMS_PROPERTY})")
            raise MineralGraphError(f"{what}: {problem[0]}: {problem[1]} (edited in Neo4j?); "
                                    "nothing written")
