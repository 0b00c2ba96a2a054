"""Published supply-risk methods as small scorers on the graph.

A :class:`Scorer` writes down what it computes: its formula, its inputs, its version
and the publication it follows; :func:`score` runs it on :class:`RiskInputs` read from
the graph (:mod:`mineralgraph.graph.risk.inputs`) and returns a :class:`RiskScore` whose
``factors`` are every number the score is made of, so it can be checked by hand. New
methods are one module and one :func:`register` call, like the loaders.

>>> sorted(s.name for s in scorers())
['eu-hhi-wgi', 'geopolrisk']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mineralgraph.exceptions import MineralGraphError


@dataclass
class RiskInputs:
    """What a scorer needs for one importer, commodity and year."""

    importer: str
    commodity: Any            # graph.commodities.Commodity
    year: int
    production: Any           # inputs.ProductionSet or None
    imports: list = field(default_factory=list)      # inputs.TradeFlow
    exported_tonnes: float = 0.0
    governance: Callable[[str], dict] = lambda country: {}


@dataclass
class RiskScore:
    """A score, the factors it is made of, notes on gaps, and the claims' sources."""

    scorer: str
    value: float | None
    factors: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scorer:
    """A published method: name, title, version, formula, inputs, reference, function."""

    name: str
    title: str
    version: str
    formula: str
    inputs: str
    reference: str
    compute: Callable[[RiskInputs], RiskScore]

    def describe(self) -> dict[str, str]:
        """Everything written down about the method (for reports and ``risk --methods``)."""
        return {"name": self.name, "title": self.title, "version": self.version,
                "formula": self.formula, "inputs": self.inputs, "reference": self.reference}


SCORERS: dict[str, Scorer] = {}


def register(scorer: Scorer) -> Scorer:
    """Add a scorer (replacing one of the same name)."""
    SCORERS[scorer.name] = scorer
    return scorer


def scorers() -> list[Scorer]:
    """The registered scorers, by name."""
    return [SCORERS[name] for name in sorted(SCORERS)]


def get_scorer(name: str) -> Scorer:
    """The scorer called ``name``, or MineralGraphError naming the known ones."""
    if name not in SCORERS:
        raise MineralGraphError(f"no risk method {name!r} (known: {', '.join(sorted(SCORERS))})")
    return SCORERS[name]


def _register_builtin() -> None:
    import importlib

    for module in ("geopolrisk", "eu_hhi_wgi"):
        importlib.import_module(f"mineralgraph.graph.risk.{module}")


_register_builtin()
