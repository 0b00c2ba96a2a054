// Which licence decisions were taken under which controls, and for whom?
//
// Approvals and denials of export licences, the control they fall under, the
// companies they name, and when they were announced.
MATCH (l:LicenceDecision)
OPTIONAL MATCH (l)-[:UNDER]->(c:ExportControl)
OPTIONAL MATCH (l)-[:GRANTED_TO]->(company:Company)
RETURN DISTINCT l.id AS licence, l.decision AS decision, l.announced_on AS announced,
       c.id AS control, company.id AS company
ORDER BY announced, licence, control, company
