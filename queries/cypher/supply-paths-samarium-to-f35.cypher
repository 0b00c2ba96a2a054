// Along which supply paths does samarium reach the F-35?
//
// Samarium-cobalt magnets keep their strength when hot; the F-35 uses them in its
// power and thermal management turbomachine. Every simple flow path of at most
// 12 steps from the element to the product, each once, shortest first: the same
// paths as `mineralgraph paths` (mineralgraph.graph.flow.supply_paths).
// Variable-length paths are what Cypher does best: the quantified pattern below
// walks each step in the direction material flows. `reads` is the path in the
// direction material flows, in the words the reports use: "element:Sm is in
// material:smco-magnet is required by ..." (the first reading where two relations join
// the same two nodes).
// @param source = element:Sm
// @param target = product:f-35
MATCH (x {id: $source}), (y {id: $target})
MATCH p = (x)((a)-[r:CONTAINS|LOCATED_IN|MADE_FROM|OPERATED_BY|PRODUCES|REQUIRES|SUPPLIES]-(b)
  WHERE (type(r) IN ['PRODUCES', 'SUPPLIES'] AND startNode(r) = a)
     OR (type(r) IN ['CONTAINS', 'MADE_FROM', 'REQUIRES', 'OPERATED_BY'] AND endNode(r) = a)
     OR (type(r) = 'LOCATED_IN' AND endNode(r) = a AND (b:Facility OR (b:Company AND EXISTS { (b)-[:PRODUCES]->() })))){1,12}(y)
WITH p, [n IN nodes(p) | n.id] AS path
WHERE all(i IN range(0, size(path) - 2) WHERE NOT path[i] IN path[i + 1..])
WITH path, reduce(text = path[0], i IN range(0, size(path) - 2) |
  text + ' ' + CASE type(relationships(p)[i])
    WHEN 'CONTAINS' THEN 'is in' WHEN 'MADE_FROM' THEN 'goes into'
    WHEN 'REQUIRES' THEN 'is required by' WHEN 'PRODUCES' THEN 'produces'
    WHEN 'LOCATED_IN' THEN 'hosts' WHEN 'OPERATED_BY' THEN 'operates'
    WHEN 'SUPPLIES' THEN 'supplies' END + ' ' + path[i + 1]) AS reading
RETURN path, size(path) - 1 AS steps, min(reading) AS reads
ORDER BY steps, path
