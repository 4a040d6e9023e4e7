// Entities and reports by key, with every property. $keys: [str]
UNWIND $keys AS k
OPTIONAL MATCH (e:Entity {key: k})
OPTIONAL MATCH (s:Report {key: k})
WITH coalesce(e, s) AS n
  WHERE n IS NOT NULL
RETURN labels(n) AS labels, properties(n) AS props
