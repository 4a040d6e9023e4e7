// Edges of chosen (supplier, recipient) pairs of a chain page, oldest first, $per_pair at most each,
// under the same filters as chain_step_up/down. $pairs: [[src key, dst key]]
UNWIND $pairs AS pair
MATCH (a:Entity {key: pair[0]})-[r:SUPPLIES]->(b:Entity {key: pair[1]})
  WHERE a <> b
    AND ($since IS NULL OR r.year >= $since OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year <= $until)
    AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)
    AND ($weapon IS NULL OR any(w IN coalesce(r.weapons, []) + coalesce(r.weapon_keys, []) WHERE toLower(w) = $weapon))
    AND ($status IS NULL OR CASE r.source_type WHEN 'sipri'
           THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
           ELSE r.status END = $status)
WITH pair, r ORDER BY r.year, r.key
WITH pair, collect(r)[..$per_pair] AS rs
RETURN pair[0] AS src, pair[1] AS dst, [x IN rs | properties(x)] AS edges
