// The relationships of a path found in memory (graph/supply_index.py), in order.
// $hops: [[source key, target key, relationship key]]
UNWIND range(0, size($hops) - 1) AS i
WITH i, $hops[i] AS h
MATCH (a:Entity {key: h[0]})-[r]->(b:Entity {key: h[1]})
  WHERE r.key = h[2]
RETURN i, type(r) AS type, a.key AS src, b.key AS dst, properties(r) AS props
ORDER BY i
