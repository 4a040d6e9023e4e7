// Every entity name, for near-match suggestions when a name is unknown.
MATCH (n:Entity)
RETURN n.key AS key, n.name AS name, coalesce(n.aliases, []) AS aliases
