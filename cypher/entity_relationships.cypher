// The relationships of one entity, newest first, one page. $as_of: YYYY-MM-DD or null.
// ARMS_FLOW (derived from SUPPLIES, see graph/arms_flow.py) is left out: the facts are listed.
MATCH (n:Entity {key: $key})-[r]-(m:Entity)
WHERE type(r) <> 'ARMS_FLOW' AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)
WITH n, r, m ORDER BY r.year DESC, r.date DESC, r.key
WITH n, collect({r: r, m: m}) AS rels
UNWIND rels[$offset..$offset + $limit] AS x
WITH size(rels) AS total, n, x.r AS r, x.m AS m
RETURN total, type(r) AS type, startNode(r) = n AS outgoing, m.key AS other_key, m.name AS other_name,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS other_type, properties(r) AS props
