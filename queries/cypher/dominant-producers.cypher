// Which materials have a producer holding more than 80% of world output?
//
// Shares are properties of the PRODUCES relationships, one relationship per sourced
// claim: every sourced figure counts, whatever its year (the year column tells
// them apart).
// @param threshold = 0.8
MATCH (producer)-[r:PRODUCES]->(m:Material)
WHERE r.share > $threshold
RETURN m.id AS material, producer.id AS producer, r.share AS share, r.year AS year
ORDER BY material, share DESC, producer, year
