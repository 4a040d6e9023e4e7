// The reports behind a set of edges, with every property. $keys: [str]
UNWIND $keys AS k
MATCH (s:Report {key: k})
RETURN labels(s) AS labels, properties(s) AS props
