// Which materials have exactly one recorded producer?
//
// A single point of supply, or a gap in the data. Materials with no producer at all
// are left out ("supply not mapped").
MATCH (p)-[:PRODUCES]->(m:Material)
WITH m, collect(DISTINCT p.id) AS producers
WHERE size(producers) = 1
RETURN m.id AS material, producers[0] AS producer
ORDER BY material
