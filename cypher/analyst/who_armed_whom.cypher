// Who armed whom in a window of years: one row per supplier -> recipient pair with the number of
// deals or reported transfers, the weapons, and SIPRI's delivered TIV (millions), largest first.
// A register deal counts when it was ordered or delivered in the window; a reported fact when its
// year is in the window. Denials are left out (see disputed_claims for them).
//   :param since => 2014
//   :param until => 2024
MATCH (s:Entity)-[r:SUPPLIES]->(t:Entity)
  WHERE coalesce(r.status, '') <> 'denied'
    AND ($since <= r.year <= $until OR any(y IN coalesce(r.delivery_years, []) WHERE $since <= y <= $until))
WITH s, t, count(r) AS deals, sum(coalesce(r.tiv_delivered, 0.0)) AS tiv_delivered,
     min(r.year) AS first_year, max(coalesce(r.delivery_years[-1], r.year)) AS last_year,
     collect(DISTINCT coalesce(r.weapon, r.weapons[0])) AS weapons,
     collect(DISTINCT r.source_type) AS source_types
RETURN s.name AS supplier, t.name AS recipient, deals, round(tiv_delivered, 1) AS tiv_delivered,
       first_year, last_year, weapons[..6] AS weapons, source_types
ORDER BY tiv_delivered DESC, deals DESC, supplier, recipient
LIMIT 200
