// The relationships of paths found in memory (graph/query/paths.py), with their provenance.
// $hops: [[source key, target key, relationship key, relationship type]]
UNWIND $hops AS h
MATCH (a:Entity {key: h[0]})-[r]->(b:Entity {key: h[1]})
  WHERE r.key = h[2] AND type(r) = h[3]
RETURN DISTINCT type(r) AS type, a.key AS src, b.key AS dst, r.key AS key, properties(r) AS props
