// After a source is rewritten (or retracted whole), take away what it alone had created and
// nothing holds any more, in the same transaction as the retraction:
// - its MENTIONS of entities it no longer mentions (row.mentions: the keys it mentions now);
// - those entities, when nothing else holds them: no relationship at all (no fact, no other
//   report's MENTIONS) and no fact edge naming them in weapon_keys (a register deal's weapon);
// - its Report node, when row.drop (a source retracted whole).
// Shared entities stay: any edge or any other report's mention keeps an entity.
// $rows: [{source, mentions: [entity key], drop: bool}]; returns the keys of the entities removed.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (rep:Report {key: row.source})
OPTIONAL MATCH (rep)-[m:MENTIONS]->(e:Entity)
WHERE NOT e.key IN row.mentions
WITH rep, row, collect(m) AS stale, collect(e) AS dropped
FOREACH (m IN stale | DELETE m)
WITH rep, row, dropped
CALL (rep, row) {
  WITH rep, row WHERE row.drop
  DETACH DELETE rep
}
WITH dropped
UNWIND dropped AS e
WITH DISTINCT e
WITH e WHERE NOT EXISTS { (e)--() }
CALL (e) {
  OPTIONAL MATCH ()-[r]->() WHERE r.weapon_keys IS NOT NULL AND e.key IN r.weapon_keys
  RETURN count(r) AS named
}
WITH e, e.key AS key WHERE named = 0
DELETE e
RETURN key
