// Every shortest directed path from $source to $target over relationships of $types (model types),
// within the time window and as_of, at most MAX_HOPS long (graph/query/paths.py writes the
// validated bound in place of MAX_HOPS: a quantifier takes no parameter). One path per sequence of
// entities and relationship types, in (entity, type) order hop by hop: how many, and the first $limit.
MATCH (a:Entity {key: $source}), (b:Entity {key: $target})
MATCH p = ALL SHORTEST (a)-[r WHERE type(r) IN $types
    AND ($since IS NULL OR r.year IS NULL OR r.year >= $since
         OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year IS NULL OR r.year <= $until)
    AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)]->{1,MAX_HOPS}(b)
WITH [i IN range(1, length(p)) | [nodes(p)[i].key, type(relationships(p)[i - 1])]] AS steps, p
WITH steps, head(collect(p)) AS p
ORDER BY steps
WITH collect(p) AS found
RETURN size(found) AS total,
       [p IN found[$offset..$offset + $limit] | {
         nodes: [n IN nodes(p) | n {.key, .name, type: [l IN labels(n) WHERE l <> 'Entity'][0]}],
         rels: [x IN relationships(p) | {type: type(x), src: startNode(x).key, dst: endNode(x).key, props: properties(x)}]
       }] AS paths
