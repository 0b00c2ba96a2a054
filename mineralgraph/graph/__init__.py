"""The graph: the in-memory supply graph, its snapshots, views and analyses."""

from mineralgraph.graph.supply_graph import SupplyGraph, preferred

__all__ = ["SupplyGraph", "preferred"]
