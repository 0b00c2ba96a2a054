// Which export controls cover something a product depends on?
//
// A control covers a material or an element; it bears on a product when the
// covered item is upstream of the product (a flow path leads from it to the product).
// @param product = product:f-35
MATCH (p:Product {id: $product})
MATCH (x)((a)-[r:CONTAINS|LOCATED_IN|MADE_FROM|OPERATED_BY|PRODUCES|REQUIRES|SUPPLIES]-(b)
  WHERE (type(r) IN ['PRODUCES', 'SUPPLIES'] AND startNode(r) = a)
     OR (type(r) IN ['CONTAINS', 'MADE_FROM', 'REQUIRES', 'OPERATED_BY'] AND endNode(r) = a)
     OR (type(r) = 'LOCATED_IN' AND endNode(r) = a AND (b:Facility OR (b:Company AND EXISTS { (b)-[:PRODUCES]->() }))))+(p)
WITH DISTINCT x
MATCH (c:ExportControl)-[:COVERS]->(x)
RETURN DISTINCT c.id AS control, c.regime AS regime, x.id AS covers
ORDER BY control, covers
