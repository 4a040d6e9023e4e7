// Every entity with its outgoing fact relationships, packed per entity, with what the chain and
// path filters look at (see graph/query/supply_index.py): [type, target key, key, year, latest of year
// and delivery years, last year (last delivery, else year), first_seen, lower-cased weapons and
// weapon keys, status (a SIPRI deal: delivered once it has deliveries, else agreed), delivered TIV].
// Self-loops are left out (no chain or path uses them), and so are entities with no fact
// relationship to another entity (weapon systems named only by deals, most of the entities).
// ARMS_FLOW (derived from SUPPLIES, see graph/arms_flow.py) is left out.
MATCH (a:Entity)
WHERE EXISTS { (a)--(b:Entity) WHERE b <> a }
CALL (a) {
  MATCH (a)-[r]->(b:Entity)
  WHERE a <> b AND type(r) <> 'ARMS_FLOW'
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
RETURN a.key AS key, a.name AS name, [l IN labels(a) WHERE l <> 'Entity'][0] AS type, out
