// One entity by key, or by name or alias (case-insensitive), for analytics parameters
// such as `dependence India`: the exact key first, then names.
MATCH (e:Entity)
WHERE e.key = $ref OR toLower(e.name) = toLower($ref)
   OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = toLower($ref))
RETURN e.key AS key, e.name AS name, head([l IN labels(e) WHERE l <> 'Entity']) AS label
ORDER BY CASE WHEN e.key = $ref THEN 0 ELSE 1 END, e.key
LIMIT 5
