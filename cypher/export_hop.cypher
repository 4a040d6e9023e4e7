// One hop of an export around an entity: the relationships of every entity in $keys, either
// direction, of the $types, inside the time window and of the status asked for.
// $since/$until: years or null (a SIPRI deal counts when ordered or delivered in the window);
// $status: a model status or null (a SIPRI deal counts as delivered once it has deliveries).
// Packed $chunk to a record, each as [id, type, src, dst, props] (as export_all_edges).
UNWIND $keys AS k
MATCH (a:Entity {key: k})-[r]-(b)
  WHERE (b:Entity OR b:Report) AND type(r) IN $types
    AND ($since IS NULL OR r.year >= $since OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year <= $until)
    AND ($status IS NULL OR CASE r.source_type WHEN 'sipri'
           THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
           ELSE r.status END = $status)
WITH DISTINCT r
WITH collect([elementId(r), type(r), startNode(r).key, endNode(r).key, properties(r)]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS rows
