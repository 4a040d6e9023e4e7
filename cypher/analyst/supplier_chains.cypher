// Supplier chains into an entity: who supplies it (tier 1), and who supplies them (tier 2).
// Each (supplier -> recipient) pair is one row however many deals it holds, with its deal count,
// years and weapons, so a SIPRI register with hundreds of deals per pair stays readable.
//   :param name => 'Russia'        a name, alias or key ('RUS')
MATCH (root:Entity)
  WHERE toLower($name) IN [x IN [root.key, root.name] + coalesce(root.aliases, []) | toLower(x)]
MATCH (tier1:Entity)-[r1:SUPPLIES]->(root)
WITH root, tier1, count(r1) AS deals1, min(r1.year) AS from1, max(r1.year) AS to1,
     collect(DISTINCT coalesce(r1.weapon, r1.weapons[0]))[..5] AS weapons1
OPTIONAL MATCH (tier2:Entity)-[r2:SUPPLIES]->(tier1)
  WHERE tier2 <> root
WITH root, tier1, deals1, from1, to1, weapons1, tier2, count(r2) AS deals2, min(r2.year) AS from2, max(r2.year) AS to2
RETURN root.name AS recipient, tier1.name AS supplier, deals1 AS deals, from1 AS first_year, to1 AS last_year,
       weapons1 AS weapons, tier2.name AS supplier_of_supplier, deals2 AS deals_tier2, from2 AS first_year_tier2,
       to2 AS last_year_tier2
ORDER BY deals DESC, supplier, deals_tier2 DESC, supplier_of_supplier
LIMIT 500
