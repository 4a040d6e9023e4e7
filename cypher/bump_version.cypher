// Advance the graph version (every write transaction ends with this; caches key on it).
MERGE (m:Meta {key: 'graph'})
SET m.version = coalesce(m.version, 0) + 1
RETURN m.version AS version
