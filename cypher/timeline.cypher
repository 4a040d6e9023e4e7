// Dated facts about one entity, oldest first, one page. $since/$until: years or null.
MATCH (n:Entity {key: $key})-[r]-(m:Entity)
WHERE r.year IS NOT NULL
  AND ($since IS NULL OR r.year >= $since) AND ($until IS NULL OR r.year <= $until)
  AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)
WITH n, r, m ORDER BY r.year, coalesce(r.date, '9999'), r.key
WITH n, collect({r: r, m: m}) AS rels
UNWIND rels[$offset..$offset + $limit] AS x
WITH size(rels) AS total, n, x.r AS r, x.m AS m
RETURN total, type(r) AS type, startNode(r) = n AS outgoing, m.key AS other_key, m.name AS other_name,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS other_type, properties(r) AS props
