// The edges of an analytics projection, aggregated server-side: one row per (source, target)
// pair holding the number of parallel edges, units delivered and delivered TIV, packed into
// chunks of $chunk rows so a slice of a million edges arrives in a few hundred records.
// $types: relationship types; $labels: entity labels both ends must carry (null: any);
// $exclude_statuses: statuses left out (a SIPRI deal has none); $basis: which years place an
// edge in the window [$since, $until] (null ends are open):
//   'delivery' - a register deal's delivery years (a deal with none is outside any window),
//                another fact's year; units and TIV are pro-rated over the deal's delivery
//                years, the register giving no per-year split;
//   'order'    - the order year, else the fact year;
//   'fact'     - the fact year.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types
  AND ($labels IS NULL OR (any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels)))
  AND NOT coalesce(r.status, '') IN $exclude_statuses
WITH a, b, r,
     CASE $basis
       WHEN 'delivery' THEN
         CASE WHEN r.delivery_years IS NOT NULL THEN r.delivery_years
              WHEN r.order_year IS NOT NULL OR r.year IS NULL THEN []
              ELSE [r.year] END
       WHEN 'order' THEN CASE WHEN coalesce(r.order_year, r.year) IS NULL THEN [] ELSE [coalesce(r.order_year, r.year)] END
       ELSE CASE WHEN r.year IS NULL THEN [] ELSE [r.year] END
     END AS years
WITH a, b, r, years,
     [y IN years WHERE ($since IS NULL OR y >= $since) AND ($until IS NULL OR y <= $until)] AS inside
WHERE ($since IS NULL AND $until IS NULL) OR size(inside) > 0
WITH a, b, r,
     CASE WHEN ($since IS NULL AND $until IS NULL) OR size(years) = 0 THEN 1.0
          ELSE toFloat(size(inside)) / size(years) END AS share
WITH a.key AS src, b.key AS dst, count(r) AS n,
     sum(share * coalesce(r.number_delivered, 0)) AS units,
     sum(share * coalesce(r.tiv_delivered, 0.0)) AS tiv
WITH collect([src, dst, n, units, tiv]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS edges
