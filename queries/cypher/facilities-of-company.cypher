// Which facilities does a company operate, where, and in what state?
//
// Facilities OPERATED_BY the company, with their type, status and country.
// Run with --param company=company:mp-materials for another company.
// @param company = company:lynas
MATCH (f:Facility)-[:OPERATED_BY]->(:Company {id: $company})
OPTIONAL MATCH (f)-[:LOCATED_IN]->(country:Country)
RETURN DISTINCT f.id AS facility, f.facility_type AS type, f.status AS status,
       country.id AS country
ORDER BY facility, country
