// Which US companies depend on a stage that only China supplies?
//
// A company located in the US depends on a material when the material is upstream
// of a product the company MAKES, or of a material a facility it operates PRODUCES
// (or is that material). A material is China-only when it has producers and every
// named one is China, or a facility or company located in China; country:XX, the
// unattributed rest of the world, names nobody, so it does not count against.
MATCH (company:Company)-[:LOCATED_IN]->(:Country {id: 'country:US'})
CALL (company) {
  MATCH (company)-[:MAKES]->(start:Product) RETURN start
  UNION
  MATCH (f:Facility)-[:OPERATED_BY]->(company), (f)-[:PRODUCES]->(start:Material)
  RETURN start
}
CALL (start) {
  MATCH (m:Material) WHERE m = start RETURN m
  UNION
  MATCH (m:Material)((a)-[r:CONTAINS|LOCATED_IN|MADE_FROM|OPERATED_BY|PRODUCES|REQUIRES|SUPPLIES]-(b)
  WHERE (type(r) IN ['PRODUCES', 'SUPPLIES'] AND startNode(r) = a)
     OR (type(r) IN ['CONTAINS', 'MADE_FROM', 'REQUIRES', 'OPERATED_BY'] AND endNode(r) = a)
     OR (type(r) = 'LOCATED_IN' AND endNode(r) = a AND (b:Facility OR (b:Company AND EXISTS { (b)-[:PRODUCES]->() }))))+(start) RETURN m
}
WITH DISTINCT company, m
MATCH (anyone)-[:PRODUCES]->(m)
WITH company, m, collect(DISTINCT anyone) AS producers
WHERE all(p IN producers WHERE p.id IN ['country:CN', 'country:XX']
                           OR (p)-[:LOCATED_IN]->(:Country {id: 'country:CN'}))
RETURN company.id AS company, m.id AS material
ORDER BY company, material
