// The edges of an analytics projection with no time window: every edge counts whole.
// One row per (source, target) pair: [node id of the source, node id of the target, number of
// parallel edges, units delivered, delivered TIV], packed column-wise into chunks of $chunk
// pairs so a slice of a million edges arrives in a few dozen records of five flat lists.
// Grouping by the nodes and taking their ids after is cheaper than grouping by ids.
// Node ids are only meaningful inside this transaction: cypher/project_nodes.cypher, run in
// the same transaction, turns them into keys.
// $types: relationship types; $labels: entity labels both ends must carry (null: any);
// $exclude_statuses: statuses left out (a SIPRI deal has none).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types
  AND NOT coalesce(r.status, '') IN $exclude_statuses
  AND ($labels IS NULL OR (any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels)))
WITH a, b, count(r) AS n,
     sum(coalesce(r.number_delivered, 0)) AS units,
     sum(coalesce(r.tiv_delivered, 0.0)) AS tiv
WITH collect(id(a)) AS s, collect(id(b)) AS d, collect(n) AS n, collect(units) AS u, collect(tiv) AS t
UNWIND range(0, size(s) - 1, $chunk) AS i
RETURN [s[i..i + $chunk], d[i..i + $chunk], n[i..i + $chunk], u[i..i + $chunk], t[i..i + $chunk]] AS edges
