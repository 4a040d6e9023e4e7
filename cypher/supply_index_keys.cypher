// The relationships of chosen entities, both ways, packed as in supply_index.cypher, to bring the
// in-memory index up to date after a write touched them (graph/index_keeper.py). An entity that no
// longer exists gives no row. $keys: entity keys.
// out: [type, target key, key, year, latest year, last year, first_seen, weapons, status, TIV];
// inc: the same with the source key in second place.
UNWIND $keys AS k
MATCH (a:Entity {key: k})
CALL (a) {
  OPTIONAL MATCH (a)-[r]->(b:Entity)
  WHERE a <> b
  RETURN collect([type(r), b.key, r.key, r.year,
                  reduce(m = r.year, y IN coalesce(r.delivery_years, []) | CASE WHEN m IS NULL OR y > m THEN y ELSE m END),
                  coalesce(r.delivery_years[-1], r.year),
                  coalesce(r.first_seen, ''),
                  [w IN coalesce(r.weapons, []) + coalesce(r.weapon_keys, []) | toLower(w)],
                  CASE r.source_type WHEN 'sipri'
                    THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
                    ELSE r.status END,
                  coalesce(r.tiv_delivered, 0.0)]) AS out
}
CALL (a) {
  OPTIONAL MATCH (a)<-[r]-(b:Entity)
  WHERE a <> b
  RETURN collect([type(r), b.key, r.key, r.year,
                  reduce(m = r.year, y IN coalesce(r.delivery_years, []) | CASE WHEN m IS NULL OR y > m THEN y ELSE m END),
                  coalesce(r.delivery_years[-1], r.year),
                  coalesce(r.first_seen, ''),
                  [w IN coalesce(r.weapons, []) + coalesce(r.weapon_keys, []) | toLower(w)],
                  CASE r.source_type WHEN 'sipri'
                    THEN CASE WHEN size(coalesce(r.delivery_years, [])) > 0 THEN 'delivered' ELSE 'agreed' END
                    ELSE r.status END,
                  coalesce(r.tiv_delivered, 0.0)]) AS inc
}
RETURN a.key AS key, a.name AS name, [l IN labels(a) WHERE l <> 'Entity'][0] AS type, out, inc
