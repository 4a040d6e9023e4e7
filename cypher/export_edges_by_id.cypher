// Relationships by element id (the result of a read-only Cypher query). $ids: [str]
// ARMS_FLOW is left out: derived from SUPPLIES (graph/arms_flow.py), an import recomputes it.
// Packed $chunk to a record, each as [id, type, src, dst, props] (as export_all_edges).
UNWIND $ids AS id
MATCH (a)-[r]->(b)
  WHERE elementId(r) = id AND (a:Entity OR a:Report) AND b:Entity AND type(r) <> 'ARMS_FLOW'
WITH collect([elementId(r), type(r), a.key, b.key, properties(r)]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS rows
