// Every (supplier, recipient) pair that has SUPPLIES facts or an ARMS_FLOW relationship, for a
// full rebuild of ARMS_FLOW (graph/arms_flow.py: a graph loaded before ARMS_FLOW existed).
CALL () {
  MATCH (a:Entity)-[:SUPPLIES]->(b:Entity) WHERE a <> b
  RETURN DISTINCT a.key AS src, b.key AS dst
  UNION
  MATCH (a:Entity)-[:ARMS_FLOW]->(b:Entity)
  RETURN a.key AS src, b.key AS dst
}
RETURN src, dst ORDER BY src, dst
