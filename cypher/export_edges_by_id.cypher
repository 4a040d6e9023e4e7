// Relationships by element id (the result of a read-only Cypher query). $ids: [str]
UNWIND $ids AS id
MATCH (a)-[r]->(b)
  WHERE elementId(r) = id AND (a:Entity OR a:Report) AND b:Entity
RETURN elementId(r) AS id, type(r) AS type, a.key AS src, b.key AS dst, properties(r) AS props
