// Which countries are linked to Wikidata, to join with other linked data?
//
// The wikidata property holds the item id (Q...); the entity IRI is built from it.
MATCH (n:Country)
WHERE n.wikidata IS NOT NULL
RETURN n.id AS node, 'http://www.wikidata.org/entity/' + n.wikidata AS entity
ORDER BY node
