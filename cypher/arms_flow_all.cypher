// Every ARMS_FLOW relationship with its ends and properties (tests and the full rebuild's report).
MATCH (a:Entity)-[f:ARMS_FLOW]->(b:Entity)
RETURN a.key AS src, b.key AS dst, properties(f) AS props
ORDER BY src, dst
