"""Building many objects at once without the cyclic garbage collector looking on.

The collector runs after every few hundred new container objects and, now and then,
walks every object alive. Loading a graph of a million nodes makes tens of millions of
objects (claims, their tuples, index entries), none of them in a reference cycle, so
those walks find nothing and cost a fifth to a third of the time.

A block that made very many objects (:data:`FREEZE_ABOVE`) also leaves the objects alive
at its end out of later collections (``gc.freeze``): re-enabled, the collector would
walk every one of them in its young generation, again in the middle one, and once more
in a full collection, finding nothing (at 100k nodes about a tenth of the CPU of an
analysis). They are still freed as usual when nothing refers to them; only a reference
cycle among them would be kept.

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Container objects made in a paused block above which its end freezes what is alive
#: (loading the bundled graph makes about 120,000; a synthetic network of 100k nodes, 350,000
#: to load and 600,000 to index or compile)
FREEZE_ABOVE = 250_000


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (as it was before, after it).
    Only for blocks that make no reference cycles worth collecting at once."""
    was = gc.isenabled()
    gc.disable()
    before = gc.get_count()[0]
    try:
        yield
    finally:
        if gc.get_count()[0] - before > FREEZE_ABOVE:
            gc.freeze()
        if was:
            gc.enable()
