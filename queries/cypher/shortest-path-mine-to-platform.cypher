// How short is the way from each mine to a platform?
//
// For every mine (a facility of type mine) with a supply path to the product, the
// fewest flow steps from it to the product and the first such path: the mine's
// output is a material, refined stage by stage into the components the platform
// REQUIRES. The same lengths as networkx's shortest_path_length on the flow graph.
// @param product = product:f-35
MATCH (t:Product {id: $product})
MATCH (mine:Facility {facility_type: 'mine'})
MATCH p = (mine)((a)-[r:CONTAINS|LOCATED_IN|MADE_FROM|OPERATED_BY|PRODUCES|REQUIRES|SUPPLIES]-(b)
  WHERE (type(r) IN ['PRODUCES', 'SUPPLIES'] AND startNode(r) = a)
     OR (type(r) IN ['CONTAINS', 'MADE_FROM', 'REQUIRES', 'OPERATED_BY'] AND endNode(r) = a)
     OR (type(r) = 'LOCATED_IN' AND endNode(r) = a AND (b:Facility OR (b:Company AND EXISTS { (b)-[:PRODUCES]->() })))){1,12}(t)
WITH mine, [n IN nodes(p) | n.id] AS path
ORDER BY size(path), path
WITH mine, collect(path)[0] AS path
RETURN mine.id AS mine, size(path) - 1 AS steps, path
ORDER BY steps, mine
