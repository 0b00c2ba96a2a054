"""The streamed snapshot reader holds equal qualifiers once, without mixing up values
that compare equal but are not the same (1, 1.0 and True; 0.0 and -0.0)."""

from __future__ import annotations

import math

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
