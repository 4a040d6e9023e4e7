// Wait until every index is online (after the schema is applied).
CALL db.awaitIndexes(300)
