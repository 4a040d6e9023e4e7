// Empty the database (tests and `armsgraph reset`), second step after delete_all_relationships:
// the nodes, in batches so a large graph fits in memory.
// The Meta node stays, so the graph version keeps rising and no cache outlives the reset.
MATCH (n) WHERE NOT n:Meta
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
