// The tiers of an entity's suppliers: tier 1 supplies it, tier 2 supplies a tier-1 supplier, and
// so on up to tier 3; each supplier in its nearest tier, with the flows (ARMS_FLOW, all-time
// figures) by which it reaches the tier below. Only pairs active since $since count.
//   :param name => 'Russia'       a name, alias or key ('RUS')
//   :param since => 2022
MATCH (root:Entity)
  WHERE toLower($name) IN [x IN [root.key, root.name] + coalesce(root.aliases, []) | toLower(x)]
MATCH p = (supplier:Entity)-[flows:ARMS_FLOW]->{1,3}(root)
  WHERE supplier <> root AND all(f IN flows WHERE f.last_year >= $since)
    AND none(n IN nodes(p)[..-1] WHERE n = root)
WITH root, supplier, min(length(p)) AS tier
WITH root, collect({s: supplier, tier: tier}) AS tiers
UNWIND tiers AS t
WITH root, tiers, t.s AS supplier, t.tier AS tier
CALL (root, tiers, supplier, tier) {
  MATCH (supplier)-[f:ARMS_FLOW]->(next:Entity)
    WHERE f.last_year >= $since
      AND ((tier = 1 AND next = root) OR any(x IN tiers WHERE x.s = next AND x.tier = tier - 1))
  WITH f, next ORDER BY f.tiv_delivered DESC, f.deals DESC
  RETURN sum(f.tiv_delivered) AS tiv, sum(f.deals) AS deals,
         collect(next.name + ' (' + toString(f.deals) + ' deals, TIV ' + toString(f.tiv_delivered) + ')')[..5] AS supplies
}
RETURN tier, supplier.name AS supplier, deals, round(tiv, 1) AS tiv_delivered, supplies
ORDER BY tier, tiv DESC, deals DESC, supplier
