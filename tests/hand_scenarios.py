"""The what-if the hand-graph tests of the trials' findings share: China denies some
materials (``deny-m``: China withholds material M). One function for them all (trial 5,
6, 7 and 8 each had a copy)."""

from __future__ import annotations


def china_denies(*materials: str):
    """A scenario named ``deny-`` and the materials' short names (``deny-m`` for
    ``material:m``) in which China's control covers ``materials``.

    >>> china_denies("material:m").name, china_denies("material:d", "material:e").name
    ('deny-m', 'deny-d-e')
    """
    from mineralgraph.graph.analysis import Restriction, Scenario

    name = "deny-" + "-".join(m.partition(":")[2] for m in materials)
    return Scenario(name, restrict=(Restriction(issuer="country:CN", covers=materials),))
