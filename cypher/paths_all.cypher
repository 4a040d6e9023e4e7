// Directed paths without repeated nodes from $source to $target over relationships of $types,
// at most $max_hops long (5 at most), shortest first; $fetch caps the paths enumerated.
MATCH (a:Entity {key: $source}), (b:Entity {key: $target})
MATCH p = (a)-[r WHERE type(r) IN $types
    AND ($since IS NULL OR r.year IS NULL OR r.year >= $since
         OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year IS NULL OR r.year <= $until)
    AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)]->{1,5}(b)
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
WITH p LIMIT $fetch
RETURN [n IN nodes(p) | n {.key, .name, type: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes,
       [x IN relationships(p) | {type: type(x), src: startNode(x).key, dst: endNode(x).key, props: properties(x)}] AS rels
ORDER BY size(rels)
