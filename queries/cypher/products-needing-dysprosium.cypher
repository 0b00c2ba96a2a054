// Which products need dysprosium?
//
// A product needs an element when a supply path leads from the element to the
// product, every step in the direction material flows (mineralgraph.graph.flow):
// element -> material that CONTAINS it, input -> output MADE_FROM it, material ->
// product that REQUIRES it, producer -> material it PRODUCES, country -> facility
// LOCATED_IN it, operator -> facility OPERATED_BY it, supplier -> buyer it SUPPLIES.
// The same answer as dependent_products(graph, "element:Dy").
// Run with --param element=element:Ga to ask about another element.
// @param element = element:Dy
MATCH (x:Element {id: $element})
MATCH (x)((a)-[r:CONTAINS|LOCATED_IN|MADE_FROM|OPERATED_BY|PRODUCES|REQUIRES|SUPPLIES]-(b)
  WHERE (type(r) IN ['PRODUCES', 'SUPPLIES'] AND startNode(r) = a)
     OR (type(r) IN ['CONTAINS', 'MADE_FROM', 'REQUIRES', 'OPERATED_BY'] AND endNode(r) = a)
     OR (type(r) = 'LOCATED_IN' AND endNode(r) = a AND (b:Facility OR (b:Company AND EXISTS { (b)-[:PRODUCES]->() }))))+(p:Product)
RETURN DISTINCT p.id AS product, p.label AS label
ORDER BY product
