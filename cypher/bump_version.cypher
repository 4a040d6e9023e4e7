// Advance the graph version (every write transaction ends with this; caches key on it) and record
// what the write touched, so that readers update what they keep by the change instead of starting
// over (graph/index_keeper.py): $keys, the entity keys whose relationships or names the write may
// have changed, and the entities mentioned by the reports in $sources (whose statements it took
// back); null $keys: anything may have changed. The last 2,000 changes are kept.
MERGE (m:Meta {key: 'graph'})
SET m.version = coalesce(m.version, 0) + 1
WITH m
CALL (m) {
  OPTIONAL MATCH (r:Report WHERE r.key IN coalesce($sources, []))-[:MENTIONS]->(e:Entity)
  RETURN collect(DISTINCT e.key) AS mentioned
}
CREATE (:Meta {key: 'change:' + toString(m.version), version: m.version,
               keys: CASE WHEN $keys IS NULL THEN null ELSE $keys + mentioned END})
WITH m
CALL (m) {
  MATCH (old:Meta {key: 'change:' + toString(m.version - 2000)})
  DELETE old
}
RETURN m.version AS version
