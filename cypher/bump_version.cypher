// Advance the graph version (every write transaction ends with this; caches key on it) and record
// what the write changed, so that readers update what they keep by the change instead of starting
// over (graph/query/index_keeper.py): $keys, the entities it wrote or whose relationships it changed;
// $edges, the fact relationships it wrote or took back, as 'TYPE key'. Null $keys: anything may
// have changed (a reset). The last 2,000 changes are kept.
MERGE (m:Meta {key: 'graph'})
SET m.version = coalesce(m.version, 0) + 1
WITH m
CREATE (:Meta {key: 'change:' + toString(m.version), version: m.version, keys: $keys,
               edges: CASE WHEN $keys IS NULL THEN null ELSE coalesce($edges, []) END})
WITH m
CALL (m) {
  MATCH (old:Meta {key: 'change:' + toString(m.version - 2000)})
  DELETE old
}
RETURN m.version AS version
