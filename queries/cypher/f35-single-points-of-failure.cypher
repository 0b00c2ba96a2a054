// Which nodes can the F-35 not be made without?
//
// A single point of failure (SPOF) of a product is a node whose removal alone makes
// the product unavailable (design note, sections 2 and 3). With nothing removed,
// the AND-OR model gives these structurally:
//   1. every material the product needs on all routes: what it REQUIRES, and what
//      those are MADE_FROM or REQUIRE in turn (all inputs are needed: AND); a step
//      marked recycling (scrap back into feed) is a route, not a need, and is skipped;
//   2. every element one of those materials CONTAINS (removing an element removes
//      every material containing it);
//   3. for each of those materials that has producers: the nodes every producer
//      with a positive share stands on (OR over producers): the producer itself
//      when it is the only one, and a country or operator common to all of them.
//      A producer stands on itself, a facility also on the country it is
//      LOCATED_IN and the company it is OPERATED_BY, and a company that produces
//      without a facility on the country it is LOCATED_IN (design note 5.1). A
//      country's aggregate share counts only for what its own facilities and
//      producing companies do not already hold.
// It gives the ids of the engine's certain SPOFs (`Analysis.spofs`, the upper bound)
// on the claims it reads, and leaves to the engine:
//   - SUPPLIES routing (design note 5.3): a producer with explicit suppliers takes
//     that input only from them and does the stages between in-house, so a sole
//     supplier (and its country or operator) can be a SPOF this query does not list
//     (Optimus: JL Mag and China, through JL Mag's supply to Tesla), and a SPOF of the
//     world supply of a stage done in-house can be one it lists but the engine not;
//   - the choice of one share set per material (5.5): every PRODUCES relationship in
//     the copy counts as a producer, whatever its year or source, so a producer found
//     only in another year's or source's set can hide a SPOF here (push a graph
//     `--as-of` a date to hold one year);
//   - the lower bound of 5.6 (possible SPOFs through unmapped stages), export
//     controls and scenarios.
// Rest of the world and a maker's country are listed when every producer stands on
// them, as the engine lists them (design note 5.2, 5.6).
// @param product = product:f-35
MATCH (p:Product {id: $product})-[need:REQUIRES]->(first:Material)
  WHERE coalesce(need.recycling, false) = false
MATCH (first) ((:Material)-[step:REQUIRES|MADE_FROM]->(:Material)
               WHERE coalesce(step.recycling, false) = false){0,} (m:Material)
WITH DISTINCT m
CALL (m) {
  RETURN m AS spof, 'needed on every route' AS why
  UNION
  MATCH (m)-[:CONTAINS]->(e:Element)
  RETURN e AS spof, 'contained in ' + m.id AS why
  UNION
  MATCH (producer)-[r:PRODUCES]->(m)
  WITH m, producer, max(r.share) AS share
  OPTIONAL MATCH (producer)<-[:LOCATED_IN]-(own)-[o:PRODUCES]->(m)
    WHERE own:Facility OR own:Company
  WITH m, producer, share, sum(o.share) AS held_by_facilities
  WITH m, producer,
       CASE WHEN producer:Country AND share IS NOT NULL
            THEN share - held_by_facilities ELSE coalesce(share, 1.0) END AS weight
  WHERE weight > 0
  WITH m, producer,
       [producer] + COLLECT { MATCH (producer)-[rel:LOCATED_IN|OPERATED_BY]->(n)
                              WHERE producer:Facility
                                 OR (producer:Company AND type(rel) = 'LOCATED_IN')
                              RETURN n } AS stands_on
  WITH m, collect(stands_on) AS all_stand_on
  UNWIND head(all_stand_on) AS candidate
  WITH m, candidate, all_stand_on
  WHERE all(s IN all_stand_on WHERE candidate IN s)
  RETURN DISTINCT candidate AS spof, 'every producer of ' + m.id + ' stands on it' AS why
}
WITH spof, why ORDER BY why
WITH spof, collect(why) AS why
RETURN spof.id AS spof, labels(spof)[0] AS kind, why
ORDER BY spof
