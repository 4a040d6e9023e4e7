// Whether ARMS_FLOW has been built for this graph: the marker on the Meta node, and whether any
// SUPPLIES fact exists (an empty graph needs no rebuild).
OPTIONAL MATCH (m:Meta {key: 'graph'})
RETURN coalesce(m.arms_flow, 0) AS built,
       EXISTS { MATCH ()-[:SUPPLIES]->() } AS has_supplies
