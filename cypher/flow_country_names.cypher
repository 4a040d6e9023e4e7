// Names of the countries the flows attach to. $keys: country keys.
MATCH (c:Country) WHERE c.key IN $keys
RETURN c.key AS key, c.name AS name
