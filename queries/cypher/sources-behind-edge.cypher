// What are the sources behind one edge, and what exactly do they say?
//
// Every claim of the edge is its own relationship (two sources that disagree are two
// relationships, keyed by claim_id), with its figures, its validity and each
// source's title, publisher and date.
// @param subject = country:CN
// @param relation = PRODUCES
// @param object = material:re-concentrate
MATCH (s {id: $subject})-[r]->(o {id: $object})
WHERE type(r) = $relation
UNWIND r.sources AS source
OPTIONAL MATCH (doc:Source {id: source})
RETURN r.claim_id AS claim, r.share AS share, r.year AS year, source,
       doc.title AS title, doc.publisher AS publisher, doc.published AS published
ORDER BY year, claim, source
