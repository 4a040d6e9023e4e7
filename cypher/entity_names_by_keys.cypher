// Names, labels and the names searched (aliases, search_names) of the entities in $keys that exist.
UNWIND $keys AS k
MATCH (n:Entity {key: k})
RETURN n.key AS key, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       coalesce(n.aliases, []) AS aliases, coalesce(n.search_names, []) AS search_names
