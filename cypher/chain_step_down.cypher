// One hop of a supplier chain: the recipients of each entity in $keys (downstream), one row per
// (supplier, recipient) pair with its SUPPLIES edges counted (chain_edges lists them). The time window, weapon, status and as_of
// filters apply inside the pattern. $since/$until: years or null; $weapon: lower-cased name or key
// or null; $status: a model status or null (a SIPRI deal counts as delivered once it has deliveries).
UNWIND $keys AS k
MATCH (a:Entity {key: k})-[r:SUPPLIES]->(b:Entity)
  WHERE a <> b
    AND ($since IS NULL OR r.year >= $since OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year <= $until)
    AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)
    AND ($weapon IS NULL OR any(w IN coalesce(r.weapons, []) + coalesce(r.weapon_keys, []) WHERE toLower(w) = $weapon))
    AND ($status IS NULL OR CASE r.source_type WHEN 'sipri'
           THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
           ELSE r.status END = $status)
WITH a, b, count(r) AS n, min(r.year) AS first_year,
     max(coalesce(r.delivery_years[-1], r.year)) AS last_year,
     sum(coalesce(r.tiv_delivered, 0.0)) AS tiv_delivered
RETURN a.key AS src, a.name AS src_name, b.key AS dst, b.name AS dst_name, n, first_year, last_year, tiv_delivered
