// Every relationship of the $types between entities (and from reports): a whole-graph export.
// Packed $chunk relationships to a record, each as [id, type, src, dst, props]: a few large
// records cost the driver far less than one record per relationship.
MATCH (a)-[r]->(b:Entity)
  WHERE (a:Entity OR a:Report) AND type(r) IN $types
WITH collect([elementId(r), type(r), a.key, b.key, properties(r)]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS rows
