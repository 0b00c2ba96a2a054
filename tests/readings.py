"""The readings the engine's properties hold in, shared by the property and bundled tests.

Section 5 of the design note as written (the default), the addendum's wider one
(``--worst-case``) and the one that reads press figures where no statistical one exists
(``--press-figures``).
"""

from __future__ import annotations

import pytest

#: the three readings: section 5 as written, --worst-case and --press-figures
READINGS = pytest.mark.parametrize("wide", [False, True, "press"],
                                   ids=["note", "worst-case", "press-figures"])
#: section 5 as written and --worst-case only (a test of a figure of one seed)
TWO_READINGS = pytest.mark.parametrize("wide", [False, True], ids=["note", "worst-case"])


def read(graph, wide):
    """The graph in one of the readings: the note's (False), --worst-case (True) or
    --press-figures ("press", with the note's other rules)."""
    return graph.with_worst_case(wide is True).with_press_figures(wide == "press")
