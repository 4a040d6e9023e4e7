// Empty the database (tests and `armsgraph reset`), in batches so a large graph fits in memory.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
