// Names and labels of the entities in a projection, packed into chunks of $chunk rows:
// [[key, name, label], ...] where label is the entity's own label (not `Entity`).
UNWIND $keys AS k
MATCH (e:Entity {key: k})
WITH collect([e.key, e.name, head([l IN labels(e) WHERE l <> 'Entity'])]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS nodes
