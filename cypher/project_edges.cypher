// The edges of an analytics projection in a time window [$since, $until] (inclusive; one end
// may be null, open), aggregated server-side into one row per (source, target) pair:
// [node id of the source, node id of the target, number of parallel edges, units delivered,
// delivered TIV], packed column-wise into chunks of $chunk pairs (five flat lists a record).
// Grouping by the nodes and taking their ids after is cheaper than grouping by ids.
// Node ids are only meaningful inside this transaction: cypher/project_nodes.cypher, run in
// the same transaction, turns them into keys. With no window, project_edges_all.cypher.
// $types: relationship types; $labels: entity labels both ends must carry (null: any);
// $exclude_statuses: statuses left out (a SIPRI deal has none); $basis: which years place an
// edge in the window:
//   'delivery' - a register deal's delivery years (a deal with none is outside any window),
//                another fact's year; units and TIV are pro-rated over the deal's delivery
//                years, the register giving no per-year split;
//   'order'    - the order year, else the fact year;
//   'fact'     - the fact year.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types
  AND NOT coalesce(r.status, '') IN $exclude_statuses
  AND ($labels IS NULL OR (any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels)))
WITH a, b, r,
     CASE $basis
       WHEN 'delivery' THEN
         CASE WHEN r.delivery_years IS NOT NULL THEN r.delivery_years
              WHEN r.order_year IS NOT NULL OR r.year IS NULL THEN []
              ELSE [r.year] END
       WHEN 'order' THEN CASE WHEN coalesce(r.order_year, r.year) IS NULL THEN [] ELSE [coalesce(r.order_year, r.year)] END
       ELSE CASE WHEN r.year IS NULL THEN [] ELSE [r.year] END
     END AS years
WITH a, b, r, size(years) AS all_years,
     size([y IN years WHERE ($since IS NULL OR y >= $since) AND ($until IS NULL OR y <= $until)]) AS inside
WHERE inside > 0
WITH a, b, count(r) AS n,
     sum(toFloat(inside) / all_years * coalesce(r.number_delivered, 0)) AS units,
     sum(toFloat(inside) / all_years * coalesce(r.tiv_delivered, 0.0)) AS tiv
WITH collect(id(a)) AS s, collect(id(b)) AS d, collect(n) AS n, collect(units) AS u, collect(tiv) AS t
UNWIND range(0, size(s) - 1, $chunk) AS i
RETURN [s[i..i + $chunk], d[i..i + $chunk], n[i..i + $chunk], u[i..i + $chunk], t[i..i + $chunk]] AS edges
