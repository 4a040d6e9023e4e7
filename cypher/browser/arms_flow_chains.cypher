// Supplier chains as a picture: the suppliers of an entity and their own suppliers, one
// ARMS_FLOW arrow per pair (all-time volume on the arrow), pairs active since $since.
//   :param name => 'Russia'       a name, alias or key ('RUS')
//   :param since => 2022
MATCH (root:Entity)
  WHERE toLower($name) IN [x IN [root.key, root.name] + coalesce(root.aliases, []) | toLower(x)]
MATCH chain = (tier2:Entity)-[f2:ARMS_FLOW]->(tier1:Entity)-[f1:ARMS_FLOW]->(root)
  WHERE f1.last_year >= $since AND f2.last_year >= $since AND tier2 <> root
RETURN chain
ORDER BY f1.tiv_delivered DESC, f2.tiv_delivered DESC
LIMIT 150
