// One entity by its key. $keys: [str] (the key as given and upper-cased)
UNWIND $keys AS k
MATCH (n:Entity {key: k})
RETURN n.key AS key, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       coalesce(n.aliases, []) AS aliases
LIMIT 1
