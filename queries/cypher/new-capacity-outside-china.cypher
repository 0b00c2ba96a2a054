// Which facilities outside China are being built or planned, and by whom?
//
// Facilities with status construction or planned, not located in China, with
// their operator and what they will produce.
MATCH (f:Facility)
WHERE f.status IN ['construction', 'planned']
  AND NOT (f)-[:LOCATED_IN]->(:Country {id: 'country:CN'})
OPTIONAL MATCH (f)-[:LOCATED_IN]->(country:Country)
OPTIONAL MATCH (f)-[:OPERATED_BY]->(operator:Company)
OPTIONAL MATCH (f)-[:PRODUCES]->(m:Material)
RETURN DISTINCT f.id AS facility, f.status AS status, country.id AS country,
       operator.id AS operator, m.id AS material
ORDER BY facility, material
