// Arms flows for the map: one row per (supplier, recipient) pair of SUPPLIES facts in the window,
// with the country each end stands in (itself for a Country; for an Organization the country it is
// LOCATED_IN, the smallest key when several, else null). The per-deal facts are the source: the
// window and the filters are those of chain_step_up/down, so the map and the network agree.
// $since/$until: years or null (a deal is in the window when its year, or a delivery year, is in it);
// $as_of: YYYY-MM-DD or null; $statuses: model statuses kept, or null for all (a register deal
// counts as delivered once it has deliveries, else as agreed).
MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity)
  WHERE a <> b
    AND ($since IS NULL OR r.year >= $since OR any(y IN coalesce(r.delivery_years, []) WHERE y >= $since))
    AND ($until IS NULL OR r.year <= $until)
    AND ($as_of IS NULL OR coalesce(r.first_seen, '') <= $as_of)
WITH a, b, r, CASE r.source_type WHEN 'sipri'
       THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
       ELSE r.status END AS state
  WHERE $statuses IS NULL OR state IN $statuses
WITH a, b, count(r) AS deals, sum(coalesce(r.tiv_delivered, 0.0)) AS tiv_delivered, min(r.year) AS first_year,
     max(coalesce(r.delivery_years[-1], r.year)) AS last_year, collect(state) AS states,
     sum(CASE WHEN r.source_type = 'sipri' THEN 0 ELSE 1 END) AS told
CALL (a) {
  OPTIONAL MATCH (a)-[:LOCATED_IN]->(c:Country)
  RETURN min(c.key) AS a_in
}
CALL (b) {
  OPTIONAL MATCH (b)-[:LOCATED_IN]->(c:Country)
  RETURN min(c.key) AS b_in
}
RETURN a.key AS src, a.name AS src_name, [l IN labels(a) WHERE l <> 'Entity'][0] AS src_type, CASE WHEN a:Country THEN a.key ELSE a_in END AS src_country,
       b.key AS dst, b.name AS dst_name, [l IN labels(b) WHERE l <> 'Entity'][0] AS dst_type, CASE WHEN b:Country THEN b.key ELSE b_in END AS dst_country,
       deals, tiv_delivered, first_year, last_year, states, told
