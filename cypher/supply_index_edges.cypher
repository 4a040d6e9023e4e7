// Fact relationships by type and key, packed as in supply_index.cypher with their ends, to bring
// the in-memory index up to date after a write changed them (graph/query/index_keeper.py); a key that
// no longer exists gives no row. $edges: [[type, key]].
// edge: [type, target key, key, year, latest year, last year, first_seen, weapons, status, TIV]
UNWIND $edges AS e
CALL (e) {
  MATCH (a:Entity)-[r:SUPPLIES {key: e[1]}]->(b:Entity) WHERE e[0] = 'SUPPLIES' RETURN a, r, b
  UNION
  MATCH (a:Entity)-[r:VISITED {key: e[1]}]->(b:Entity) WHERE e[0] = 'VISITED' RETURN a, r, b
  UNION
  MATCH (a:Entity)-[r:HOLDS_ROLE {key: e[1]}]->(b:Entity) WHERE e[0] = 'HOLDS_ROLE' RETURN a, r, b
  UNION
  MATCH (a:Entity)-[r:MANUFACTURES {key: e[1]}]->(b:Entity) WHERE e[0] = 'MANUFACTURES' RETURN a, r, b
  UNION
  MATCH (a:Entity)-[r:USED_AGAINST {key: e[1]}]->(b:Entity) WHERE e[0] = 'USED_AGAINST' RETURN a, r, b
  UNION
  MATCH (a:Entity)-[r:LOCATED_IN {key: e[1]}]->(b:Entity) WHERE e[0] = 'LOCATED_IN' RETURN a, r, b
}
WITH a, r, b WHERE a <> b
RETURN a.key AS src,
       [type(r), b.key, r.key, r.year,
        reduce(m = r.year, y IN coalesce(r.delivery_years, []) | CASE WHEN m IS NULL OR y > m THEN y ELSE m END),
        coalesce(r.delivery_years[-1], r.year),
        coalesce(r.first_seen, ''),
        [w IN coalesce(r.weapons, []) + coalesce(r.weapon_keys, []) | toLower(w)],
        CASE r.source_type WHEN 'sipri'
          THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
          ELSE r.status END,
        coalesce(r.tiv_delivered, 0.0)] AS edge
