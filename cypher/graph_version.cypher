// The graph version: advanced by every write, 0 for a graph never written by armsgraph.
OPTIONAL MATCH (m:Meta {key: 'graph'})
RETURN coalesce(m.version, 0) AS version
