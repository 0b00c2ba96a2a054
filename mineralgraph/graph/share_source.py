"""``--share-source SOURCE_ID``: analyse with one source's production shares only.

Design note §5.5 lets two share sets of a material (USGS's and World Mining Data's, say)
stand side by side and picks one per material and year. :func:`restrict_share_sets` lets
the user pick explicitly instead: for every material the chosen source has country shares
of, the country shares of every other source are dropped before the analysis; materials
it does not cover keep their sets. Nothing else changes (company and facility shares,
trade, governance), so the answer differs only where the choice of set matters.

>>> from mineralgraph.claim import Claim
>>> def share(country, source, value):
...     return Claim(f"country:{country}", "PRODUCES", "material:x",
...                  (("share", value), ("year", 2024)), sources=(source,))
>>> kept = restrict_share_sets([share("CN", "source:a", 0.7), share("CN", "source:b", 0.6),
...                             Claim("material:x", "label", "X", sources=("source:a",))],
...                            "source:b")
>>> [(c.predicate, c.sources) for c in kept]
[('PRODUCES', ('source:b',)), ('label', ('source:a',))]
"""

from __future__ import annotations

from collections.abc import Iterable

from mineralgraph.claim import Claim
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.share_sets import is_country_share


def restrict_share_sets(claims: Iterable[Claim], source_id: str) -> list[Claim]:
    """``claims`` without the other sources' country shares of the materials
    ``source_id`` covers.

    Raises
    ------
    MineralGraphError
        When ``source_id`` gives no country share at all (one line naming it).
    """
    claims = list(claims)
    covered = {c.object for c in claims if is_country_share(c) and source_id in c.sources}
    if not covered:
        sources = sorted({s for c in claims if is_country_share(c) for s in c.sources})
        hint = ", ".join(s for s in sources if s.startswith(("source:wmd", "source:usgs")))
        raise MineralGraphError(f"--share-source: {source_id} gives no country shares "
                                f"(sources with shares include: {hint or ', '.join(sources[:5])})")
    return [c for c in claims
            if not (is_country_share(c) and c.object in covered and source_id not in c.sources)]
