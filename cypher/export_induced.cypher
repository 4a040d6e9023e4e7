// The relationships among a set of entities (a community, a list of keys): both ends in $keys,
// of the $types, inside the time window and of the status asked for (as in export_hop).
// Packed $chunk to a record, each as [id, type, src, dst, props] (as export_all_edges).
UNWIND $keys AS k
MATCH (a:Entity {key: k})-[r]->(b:Entity)
  WHERE b.key IN $keys AND type(r) IN $types
    AND ($since IS NULL OR r.year >= $since OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year <= $until)
    AND ($status IS NULL OR CASE r.source_type WHEN 'sipri'
           THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
           ELSE r.status END = $status)
WITH collect([elementId(r), type(r), a.key, b.key, properties(r)]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS rows
