// The shortest directed path from $source to $target over relationships of $types (model types),
// at most $max_hops long (6 at most), within the time window and as_of.
MATCH (a:Entity {key: $source}), (b:Entity {key: $target})
MATCH p = SHORTEST 1 (a)-[r WHERE type(r) IN $types
    AND ($since IS NULL OR r.year IS NULL OR r.year >= $since
         OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year IS NULL OR r.year <= $until)
    AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)]->{1,6}(b)
WHERE length(p) <= $max_hops
RETURN [n IN nodes(p) | n {.key, .name, type: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes,
       [x IN relationships(p) | {type: type(x), src: startNode(x).key, dst: endNode(x).key, props: properties(x)}] AS rels
