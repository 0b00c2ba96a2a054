"""Claims: the facts mineralgraph is built from.

A :class:`Claim` says one thing about one node: an attribute (``element:Dy`` ``symbol``
``"Dy"``) or a relation (``country:CN`` ``PRODUCES`` ``material:ndpr-oxide`` with
qualifier ``share=0.9``). Every claim carries its provenance: source ids, an optional
quote, a confidence, a validity interval and where it was read (``origin``).
Two sources that disagree make two claims; both are kept.

>>> c = Claim("element:Dy", "symbol", "Dy", sources=("source:iupac",))
>>> c.is_relation
False
>>> c.active_on(date(2025, 1, 1))
True
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date
from json.encoder import encode_basestring as _json_text
from typing import Any

Value = str | int | float | bool | date


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True, order=False, slots=True)
class Claim:
    """One sourced fact about a node.

    Parameters
    ----------
    subject : str
        The node id ``kind:slug`` the claim is about.
    predicate : str
        An attribute name (snake_case) or a relation name (UPPER_SNAKE) of the ontology.
    object : str, int, float, bool or date
        The attribute value, or the target node id of a relation.
    qualifiers : tuple of (name, value)
        What a relation says beyond its ends (``share``, ``quantity``, ``unit``...), sorted.
    sources : tuple of str
        Ids of the ``source:`` nodes the claim is taken from.
    quote, confidence, valid_from, valid_to, origin
        Provenance: the source's words, ``high|medium|low``, the validity interval
        (``valid_to`` exclusive, ``None`` for an open end), and ``file:line`` it was read at.
    """

    subject: str
    predicate: str
    object: Value
    qualifiers: tuple[tuple[str, Value], ...] = ()
    sources: tuple[str, ...] = ()
    quote: str | None = None
    confidence: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    origin: str | None = field(default=None, compare=False)
    #: :attr:`id`, once computed (slots, not an instance dict: a million-node graph holds
    #: six million claims)
    _id: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def is_relation(self) -> bool:
        """True when the predicate is a relation (its object is a node id)."""
        return self.predicate.isupper()

    @property
    def id(self) -> str:
        """A stable hash of the fields that make the claim what it is (not its origin)."""
        found = self._id
        if found is None:
            found = _claim_id(self)
            object.__setattr__(self, "_id", found)
        return found

    def qualifier(self, name: str, default: Any = None) -> Any:
        """The value of one qualifier, or ``default``."""
        found = default
        for key, value in self.qualifiers:  # a few at most: no dict built
            if key == name:
                found = value
        return found

    def active_on(self, when: date | None) -> bool:
        """Whether the claim is valid on ``when`` (always, when ``when`` is None)."""
        if when is None:
            return True
        return ((self.valid_from is None or self.valid_from <= when)
                and (self.valid_to is None or when < self.valid_to))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; empty fields are left out. Inverse of :meth:`from_dict`."""
        out: dict[str, Any] = {"subject": self.subject, "predicate": self.predicate,
                               "object": _plain(self.object)}
        if isinstance(self.object, date):
            out["object_type"] = "date"
        if self.qualifiers:
            out["qualifiers"] = {k: _plain(v) for k, v in self.qualifiers}
        if self.sources:
            out["sources"] = list(self.sources)
        for name in ("quote", "confidence", "valid_from", "valid_to", "origin"):
            value = getattr(self, name)
            if value is not None:
                out[name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Rebuild a claim written by :meth:`to_dict`."""
        obj = data["object"]
        if data.get("object_type") == "date":
            obj = date.fromisoformat(obj)
        quals = data.get("qualifiers", {})
        return cls(
            subject=data["subject"], predicate=data["predicate"], object=obj,
            qualifiers=tuple(sorted(quals.items())),
            sources=tuple(data.get("sources", ())), quote=data.get("quote"),
            confidence=data.get("confidence"),
            valid_from=_date_or_none(data.get("valid_from")),
            valid_to=_date_or_none(data.get("valid_to")), origin=data.get("origin"))


def _plain_maker():
    """A maker of plain claims (:func:`plain_claim`): each slot set through its own
    descriptor, every field not given at its default, as the dataclass's ``__init__``
    sets them, without its call per field by name (a million-node snapshot holds six
    million claims; some 40% less per claim)."""
    from dataclasses import MISSING, fields

    given = ("subject", "predicate", "object", "qualifiers", "sources")
    rest = []
    for f in fields(Claim):
        if f.name not in given:
            assert f.default is not MISSING and f.default_factory is MISSING, f.name
            rest.append((getattr(Claim, f.name).__set__, f.default))
    set_subject, set_predicate, set_object, set_qualifiers, set_sources = (
        getattr(Claim, name).__set__ for name in given)
    new = object.__new__

    def make(subject: str, predicate: str, obj: Value, qualifiers: tuple,
             sources: tuple) -> Claim:
        claim = new(Claim)
        set_subject(claim, subject)
        set_predicate(claim, predicate)
        set_object(claim, obj)
        set_qualifiers(claim, qualifiers)
        set_sources(claim, sources)
        for setter, default in rest:
            setter(claim, default)
        return claim

    return make


#: ``Claim(subject, predicate, object, qualifiers, sources)`` with every other field at
#: its default: the same claim (equal, same id and repr), made faster; for readers of
#: many claims whose values are already checked to be plain (the snapshot's stream).
plain_claim = _plain_maker()


def _claim_id(claim: Claim) -> str:
    key = _plain_key(claim)
    if key is None:
        key = _key(claim)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _key(claim: Claim) -> str:
    """The text a claim's id hashes: its identifying fields as JSON."""
    return json.dumps([claim.subject, claim.predicate, _plain(claim.object),
                      [[k, _plain(v)] for k, v in claim.qualifiers], list(claim.sources),
                      claim.quote, claim.confidence, _plain(claim.valid_from),
                      _plain(claim.valid_to)], ensure_ascii=False)


def _json_scalar(value: Any) -> str | None:
    """``json.dumps(value)`` of a string, bool, int or finite float (by exact type);
    None for anything else."""
    kind = type(value)
    if kind is str:
        return _json_text(value)
    if kind is float:
        return float.__repr__(value) if math.isfinite(value) else None
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return None


def _plain_qualifiers(claim: Claim) -> str | None:
    """A plain claim's qualifiers as ``json.dumps`` writes the list's items (``["share",
    0.5], ["year", 2024]``); None when a name or value is not plain."""
    parts = []
    for name, value in claim.qualifiers:
        text = _json_scalar(value)
        if text is None or type(name) is not str:
            return None
        parts.append(f"[{_json_text(name)}, {text}]")
    return ", ".join(parts)


def _plain_key(claim: Claim) -> str | None:
    """:func:`_key` of a claim with only sources for provenance and plain values (as
    synthetic and most loaded claims are), written directly: the same text as
    ``json.dumps`` gives, at about half the cost (a million-node graph hashes some 2.4
    million claims as it is built). None for any other claim."""
    if (claim.quote is not None or claim.confidence is not None
            or claim.valid_from is not None or claim.valid_to is not None
            or type(claim.subject) is not str or type(claim.predicate) is not str):
        return None
    obj = _json_scalar(claim.object)
    if obj is None:
        return None
    qualifiers = _plain_qualifiers(claim)
    if qualifiers is None:
        return None
    sources = claim.sources
    for source in sources:
        if type(source) is not str:
            return None
    return (f"[{_json_text(claim.subject)}, {_json_text(claim.predicate)}, {obj}, "
            f"[{qualifiers}], [{', '.join(map(_json_text, sources))}], "
            "null, null, null, null]")


def run_ids(claims: list[Claim]) -> list[str]:
    """``[c.id for c in claims]`` for claims that share their subject and predicate (a
    run of a sorted graph), each id kept on its claim as :attr:`Claim.id` keeps it.

    The same text is hashed (:func:`_plain_key`'s, or :func:`_key`'s for a claim with
    more provenance), made with the run's subject and predicate written once and each
    tuple of sources once (a snapshot's reader holds each tuple once): a million-node
    graph hashes some 2.4 million claims of such runs as it is built, a quarter faster.

    >>> run = [Claim("material:m", "MADE_FROM", o, (("share", 0.5),), ("source:s",))
    ...        for o in ("material:a", "material:b")]
    >>> run_ids(run) == [_claim_id(c) for c in run] == [c.id for c in run]
    True
    """
    if not claims:
        return []
    first = claims[0]
    if type(first.subject) is not str or type(first.predicate) is not str:
        return [c.id for c in claims]
    head = f"[{_json_text(first.subject)}, {_json_text(first.predicate)}, "
    tails: dict[int, tuple[tuple, str | None]] = {}
    out = []
    for claim in claims:
        found = claim._id
        if found is None:
            text = None
            if (claim.quote is None and claim.confidence is None
                    and claim.valid_from is None and claim.valid_to is None):
                text = _run_tail(claim, tails)
            found = (_claim_id(claim) if text is None
                     else hashlib.sha1((head + text).encode("utf-8")).hexdigest()[:16])
            _SET_ID(claim, found)
        out.append(found)
    return out


def _run_tail(claim: Claim, tails: dict) -> str | None:
    """:func:`_plain_key` of a claim of a run after the run's subject and predicate;
    None when the claim is not plain. ``tails``: each tuple of sources' text, by
    identity (with the tuple, so that its id stays its own)."""
    obj = claim.object
    obj = _json_text(obj) if type(obj) is str else _json_scalar(obj)
    if obj is None:
        return None
    sources = claim.sources
    held = tails.get(id(sources))
    if held is None:
        plain = all(type(s) is str for s in sources)
        held = tails[id(sources)] = (sources, (
            f"], [{', '.join(map(_json_text, sources))}], null, null, null, null]"
            if plain else None))
    if held[1] is None:
        return None
    qualifiers = _plain_qualifiers(claim)
    if qualifiers is None:
        return None
    return f"{obj}, [{qualifiers}{held[1]}"


#: sets :attr:`Claim.id`'s slot (a frozen dataclass: through its descriptor)
_SET_ID = Claim._id.__set__


def _date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
