// Fact relationships by their key (the edges of chains and paths). $keys: [str]
// Packed $chunk to a record, each as [id, type, src, dst, props] (as export_all_edges).
MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.key IN $keys
WITH collect([elementId(r), type(r), a.key, b.key, properties(r)]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS rows
