"""Analyses of the dependency model: availability, loss, SPOFs, chokepoints, HHI, scenarios.

Scenario files (YAML) are read by :mod:`mineralgraph.loaders.scenarios`.
"""

from mineralgraph.graph.analysis.chokepoints import Chokepoint, ProductReport, chokepoints
from mineralgraph.graph.analysis.concentration import Concentration, concentrations, hhi
from mineralgraph.graph.analysis.engine import Analysis
from mineralgraph.graph.analysis.scenario import Restriction, Scenario

__all__ = ["Analysis", "Chokepoint", "Concentration", "ProductReport", "Restriction",
           "Scenario", "chokepoints", "concentrations", "hhi"]
