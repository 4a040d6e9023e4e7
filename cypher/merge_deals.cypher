// Register records (SIPRI deals, analyst tables): one SUPPLIES edge per deal key, its
// properties replaced as a whole, so a re-load of the same register changes nothing.
// $rows: [{key, src, dst, props: {...}}]; props already holds key, sources and first_seen.
UNWIND $rows AS row
MATCH (a:Entity {key: row.src})
MATCH (b:Entity {key: row.dst})
MERGE (a)-[r:SUPPLIES {key: row.key}]->(b)
SET r = row.props
