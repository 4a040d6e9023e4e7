// Fact relationships by their key (the edges of chains and paths). $keys: [str]
MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.key IN $keys
RETURN elementId(r) AS id, type(r) AS type, a.key AS src, b.key AS dst, properties(r) AS props
