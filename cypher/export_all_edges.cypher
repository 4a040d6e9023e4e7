// Every relationship of the $types between entities (and from reports): a whole-graph export.
MATCH (a)-[r]->(b:Entity)
  WHERE (a:Entity OR a:Report) AND type(r) IN $types
RETURN elementId(r) AS id, type(r) AS type, a.key AS src, b.key AS dst, properties(r) AS props
