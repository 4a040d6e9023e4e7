// Names and labels of the entities in $keys (those that exist).
UNWIND $keys AS k
MATCH (n:Entity {key: k})
RETURN n.key AS key, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS type
