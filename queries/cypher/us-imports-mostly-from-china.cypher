// Which US imports came at least half from China in 2020-2023?
//
// USGS's "Import Sources (2020-23)" lists are EXPORTS_TO relationships into the United
// States, with the share of US imports (share), the node the list is about (material:
// a material, or the element for totals), USGS's words for the form (about) and the
// period. They are statistics, not supply steps.
// @param threshold = 0.5
MATCH (:Country {id: 'country:CN'})-[r:EXPORTS_TO]->(:Country {id: 'country:US'})
WHERE r.period = '2020-2023' AND r.share >= $threshold
RETURN r.material AS material, r.about AS about, r.share AS share
ORDER BY share DESC, material, about
