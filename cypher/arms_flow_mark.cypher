// Mark ARMS_FLOW as built for this graph (after a full rebuild); a reset keeps the Meta node,
// and with it the marker: the writes after a reset keep ARMS_FLOW exact pair by pair.
MERGE (m:Meta {key: 'graph'})
SET m.arms_flow = $format
