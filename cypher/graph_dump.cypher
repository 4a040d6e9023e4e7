// Every entity and report with its properties, and every relationship between them, in a
// stable order (the graph's fingerprint for idempotence checks; the Meta node is left out).
CALL () {
  MATCH (n) WHERE n:Entity OR n:Report
  WITH n ORDER BY n.key
  RETURN collect([labels(n), properties(n)]) AS nodes
}
CALL () {
  MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Report) AND b:Entity
  WITH a.key AS src, type(r) AS type, b.key AS dst, properties(r) AS props
  ORDER BY src, type, dst, props.key
  RETURN collect([src, type, dst, props]) AS relationships
}
RETURN nodes, relationships
