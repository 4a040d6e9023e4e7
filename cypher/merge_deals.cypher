// Register records (SIPRI deals, analyst tables): one SUPPLIES edge per deal key, its
// properties replaced as a whole, so a re-load of the same register changes nothing.
// $rows: [{key, src, dst, props: {...}}]; props already holds key, sources and first_seen.
// replan=skip: a load changes the statistics batch by batch, and replanning this statement
// each time costs more than the batch; its plan (index seeks on keys) stays the right one.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (a:Entity {key: row.src})
MATCH (b:Entity {key: row.dst})
MERGE (a)-[r:SUPPLIES {key: row.key}]->(b)
SET r = row.props
