// Which nodes are linked to Wikidata, to join with other linked data?
//
// The wikidata property holds the item id (Q...); the entity IRI is built from it,
// so the answer can be joined with Wikidata (a country's population, an element's
// properties, a company's owners).
MATCH (n)
WHERE n.wikidata IS NOT NULL
RETURN labels(n)[0] AS kind, n.id AS node, 'http://www.wikidata.org/entity/' + n.wikidata AS entity
ORDER BY kind, node
