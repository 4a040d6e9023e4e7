// The graph version and the changes recorded after $since (bump_version.cypher): for each version,
// the entity keys and the relationships ('TYPE key') its write touched; null keys when anything
// may have changed.
OPTIONAL MATCH (m:Meta {key: 'graph'})
OPTIONAL MATCH (c:Meta)
  WHERE c.version > $since AND c.key STARTS WITH 'change:'
WITH m, c ORDER BY c.version
RETURN coalesce(m.version, 0) AS version, collect([c.version, c.keys, c.edges]) AS changes
