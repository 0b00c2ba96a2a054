"""The ontology: one schema for loaders, graph, RDF, Neo4j and the CLI."""

from mineralgraph.ontology.model import DATA_IRI, MG, ONTOLOGY_IRI, Model, model

__all__ = ["DATA_IRI", "MG", "ONTOLOGY_IRI", "Model", "model"]
