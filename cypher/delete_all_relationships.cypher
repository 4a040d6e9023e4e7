// Empty the database, first step: every relationship, in batches (a hub's relationships would
// otherwise all go in the batch that deletes the hub, however large).
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
