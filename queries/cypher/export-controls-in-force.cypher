// Which export controls are in force on a date, and what do they cover?
//
// In force: effective from the date or earlier, and not lifted by then
// (effective_to is exclusive). One row per control and covered material or element.
// @param on = 2025-06-01
WITH date($on) AS day
MATCH (c:ExportControl)-[:COVERS]->(x)
WHERE c.effective_from <= day AND (c.effective_to IS NULL OR day < c.effective_to)
OPTIONAL MATCH (c)-[:ISSUED_BY]->(issuer:Country)
RETURN c.id AS control, issuer.id AS issuer, c.regime AS regime, x.id AS covers
ORDER BY control, covers
