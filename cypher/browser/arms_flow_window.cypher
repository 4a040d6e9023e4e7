// Who supplies an entity in a window of years, from the per-deal facts (the source of truth):
// one row per supplier with the deals and reported transfers ordered, delivered or reported
// since $since, and SIPRI's delivered TIV of those years (a deal's delivered TIV spread evenly
// over its delivery years: the register gives no split by year). Denials are left out.
//   :param name => 'Russia'       a name, alias or key ('RUS')
//   :param since => 2022
MATCH (root:Entity)
  WHERE toLower($name) IN [x IN [root.key, root.name] + coalesce(root.aliases, []) | toLower(x)]
MATCH (supplier:Entity)-[d:SUPPLIES]->(root)
  WHERE coalesce(d.status, '') <> 'denied'
    AND (d.year >= $since OR any(y IN coalesce(d.delivery_years, []) WHERE y >= $since))
WITH supplier, d, coalesce(d.delivery_years, []) AS years
WITH supplier, d,
     CASE size(years) WHEN 0 THEN 0.0
       ELSE coalesce(d.tiv_delivered, 0.0) * size([y IN years WHERE y >= $since]) / size(years) END AS tiv
RETURN supplier.name AS supplier, count(d) AS deals, round(sum(tiv), 1) AS tiv_delivered_in_window,
       min(d.year) AS first_year, max(coalesce(d.delivery_years[-1], d.year)) AS last_year,
       collect(DISTINCT coalesce(d.weapon, d.weapons[0]))[..8] AS weapons,
       sum(CASE WHEN d.disputed THEN 1 ELSE 0 END) AS disputed
ORDER BY tiv_delivered_in_window DESC, deals DESC, supplier
