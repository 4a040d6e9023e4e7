// Recompute the ARMS_FLOW relationship of the (supplier, recipient) pairs in $pairs from their
// per-deal SUPPLIES facts, in the transaction of the write that touched them (graph/arms_flow.py).
// A deal counts unless its current status is 'denied' (a fact whose latest, most authoritative
// word is a denial, or an analyst's table row marked denied); disputed facts count, and are
// counted in `disputed_deals`. Self-supply (a pair of one entity) has no ARMS_FLOW.
// The pair's ARMS_FLOW is merged and written to first, which locks it: a concurrent write to the
// same pair waits, then reads the deals this one committed. A pair with no deal left loses it.
// $pairs: [[supplier key, recipient key]], sorted (locks taken in one order).
UNWIND $pairs AS pair
MATCH (a:Entity {key: pair[0]})
MATCH (b:Entity {key: pair[1]})
WHERE a <> b AND (a:Country OR a:Organization) AND (b:Country OR b:Organization)
MERGE (a)-[f:ARMS_FLOW]->(b)
SET f.deals = -1
WITH a, b, f
CALL (a, b) {
  OPTIONAL MATCH (a)-[r:SUPPLIES]->(b)
  WHERE coalesce(r.status, '') <> 'denied'
  WITH r ORDER BY r.key
  RETURN count(r) AS deals,
         sum(coalesce(r.tiv_delivered, 0.0)) AS tiv,
         sum(CASE WHEN r.disputed THEN 1 ELSE 0 END) AS disputed,
         min(r.year) AS first_year,
         max(reduce(m = r.year, y IN coalesce(r.delivery_years, []) | CASE WHEN m IS NULL OR y > m THEN y ELSE m END))
           AS last_year,
         collect(r) AS rs
}
CALL (f, deals) {
  WITH f, deals WHERE deals = 0
  DELETE f
}
CALL (f, deals, tiv, disputed, first_year, last_year, rs) {
  WITH f, deals, tiv, disputed, first_year, last_year, rs WHERE deals > 0
  CALL (rs) {
    UNWIND rs AS r
    UNWIND CASE WHEN r.weapon IS NULL THEN coalesce(r.weapons, []) ELSE [r.weapon] END AS w
    WITH DISTINCT w ORDER BY w
    RETURN collect(w) AS weapons
  }
  CALL (rs) {
    UNWIND rs AS r
    UNWIND coalesce(r.sources, []) AS s
    WITH DISTINCT s ORDER BY s
    RETURN collect(s) AS sources
  }
  SET f = {deals: deals, tiv_delivered: round(tiv, 3), disputed_deals: disputed, first_year: first_year,
           last_year: last_year, weapons: weapons, sources: sources}
}
RETURN count(*) AS pairs
