// Source documents and what they mention.
// $rows: [{key, props: {title, published, source_url, content_hash, kind, ...}, mentions: [entity key]}]
// replan=skip: a load changes the statistics batch by batch, and replanning this statement
// each time costs more than the batch; its plan (index seeks on keys) stays the right one.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (r:Report {key: row.key})
SET r += row.props
WITH r, row
UNWIND row.mentions AS entity_key
MATCH (e:Entity {key: entity_key})
MERGE (r)-[:MENTIONS]->(e)
