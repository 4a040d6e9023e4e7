// Who supplies an entity, as a picture: one ARMS_FLOW arrow per supplier, captioned with its volume.
// ARMS_FLOW sums a pair's SUPPLIES facts over all years (first_year..last_year on the arrow);
// $since keeps the pairs still active since that year, but the arrow's deals and TIV stay
// all-time: for the figures of the window, run arms_flow_window.
//   :param name => 'Russia'       a name, alias or key ('RUS')
//   :param since => 2022
MATCH (root:Entity)
  WHERE toLower($name) IN [x IN [root.key, root.name] + coalesce(root.aliases, []) | toLower(x)]
MATCH (supplier:Entity)-[flow:ARMS_FLOW]->(root)
  WHERE flow.last_year >= $since
RETURN supplier, flow, root
