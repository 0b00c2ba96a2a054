"""The streamed snapshot reader holds equal qualifiers once, without mixing up values
that compare equal but are not the same (1, 1.0 and True; 0.0 and -0.0)."""

from __future__ import annotations

import math

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.snapshot import load_snapshot, save_snapshot

SRC = ("source:s",)


def _claims() -> list[Claim]:
    def produces(producer: str, **qualifiers) -> Claim:
        return Claim(producer, "PRODUCES", "material:m", tuple(sorted(qualifiers.items())), SRC)

    return [
        produces("facility:a", share=0.25),
        produces("facility:b", share=0.25),
        produces("facility:c", share=1.0),
        produces("facility:d", share=1),
        produces("facility:e", quantity=1),
        produces("facility:f", quantity=True),
        produces("facility:g", share=0.0),
        produces("facility:h", share=-0.0),
        produces("facility:i", share=0.25, year=2024),
    ]


def test_equal_qualifiers_are_held_once_with_their_types(tmp_path):
    path = tmp_path / "g.json"
    save_snapshot(_claims(), path)
    loaded = {c.subject: c for c in load_snapshot(path)}
    assert {c.subject: c for c in _claims()} == loaded
    a, b = loaded["facility:a"].qualifiers, loaded["facility:b"].qualifiers
    assert a == b and a is b  # held once
    # equal as keys, yet not the same value: each keeps its own type
    assert type(loaded["facility:c"].qualifier("share")) is float
    assert type(loaded["facility:d"].qualifier("share")) is int
    assert type(loaded["facility:e"].qualifier("quantity")) is int
    assert loaded["facility:f"].qualifier("quantity") is True
    assert math.copysign(1.0, loaded["facility:g"].qualifier("share")) == 1.0
    assert math.copysign(1.0, loaded["facility:h"].qualifier("share")) == -1.0
    assert loaded["facility:i"].qualifiers == (("share", 0.25), ("year", 2024))


def test_a_plain_claim_is_the_dataclass_claim():
    """:func:`plain_claim` (the streamed reader's maker) gives the claim the dataclass
    gives: equal, the same hash, id and repr, every other field at its default."""
    from mineralgraph.claim import plain_claim

    for claim in [*_claims(), Claim("element:dy", "label", "Dy", (), SRC),
                  Claim("material:m", "MADE_FROM", "material:n", (), ("source:a", "source:b")),
                  Claim("element:x", "atomic_number", 66, (), ())]:
        made = plain_claim(claim.subject, claim.predicate, claim.object, claim.qualifiers,
                           claim.sources)
        assert made == claim and hash(made) == hash(claim)
        assert made.id == claim.id and repr(made) == repr(claim)
        assert (made.quote, made.confidence, made.valid_from, made.valid_to,
                made.origin) == (None, None, None, None, None)


def test_one_source_is_held_once_and_a_bad_one_named_at_its_line(tmp_path):
    """Claims citing one source share one tuple of it; a line whose one source is not
    text is still refused with its line and field, as the whole document reads it."""
    from mineralgraph.exceptions import InputError
    from mineralgraph.graph.snapshot import load_graph_snapshot

    path = tmp_path / "g.json"
    save_snapshot(_claims(), path)
    loaded = load_snapshot(path)
    assert len({id(c.sources) for c in loaded}) == 1
    assert loaded[0].sources == SRC and type(loaded[0].sources) is tuple
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace('["source:s"]', "[7]")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as found:
        load_graph_snapshot(path)
    assert ":4:" in str(found.value) and "sources" in str(found.value)
