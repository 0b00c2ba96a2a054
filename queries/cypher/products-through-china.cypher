// Which products have a supply path through China, at any stage?
//
// China is on a product's supply path when a flow path leads from country:CN to the
// product: China produces a material upstream of it (as a country aggregate), or a
// facility located in China does (mineralgraph.graph.flow:
// dependent_products(graph, "country:CN")), or a company located in China that
// produces without a facility (design note, section 5.1). A company's headquarters
// alone is not a supply step.
// Run with --param country=country:AU to ask about another country.
// @param country = country:CN
MATCH (x:Country {id: $country})
MATCH (x)((a)-[r:CONTAINS|LOCATED_IN|MADE_FROM|OPERATED_BY|PRODUCES|REQUIRES|SUPPLIES]-(b)
  WHERE (type(r) IN ['PRODUCES', 'SUPPLIES'] AND startNode(r) = a)
     OR (type(r) IN ['CONTAINS', 'MADE_FROM', 'REQUIRES', 'OPERATED_BY'] AND endNode(r) = a)
     OR (type(r) = 'LOCATED_IN' AND endNode(r) = a AND (b:Facility OR (b:Company AND EXISTS { (b)-[:PRODUCES]->() }))))+(p:Product)
RETURN DISTINCT p.id AS product, p.label AS label
ORDER BY product
