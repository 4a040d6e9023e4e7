// The SUPPLIES edges from $source to $target (entity keys), oldest first, for the explorer's
// sources panel. $since/$until: years or null, the same window rule as the chain steps;
// $limit: the most edges returned (total counts them all). Always one row.
OPTIONAL MATCH (a:Entity {key: $source})-[r:SUPPLIES]->(b:Entity {key: $target})
  WHERE ($since IS NULL OR r.year >= $since OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year <= $until)
WITH r ORDER BY CASE r.source_type WHEN 'sipri' THEN 1 ELSE 0 END, r.year, r.key
WITH collect(properties(r)) AS edges
RETURN size(edges) AS total, edges[..$limit] AS edges
