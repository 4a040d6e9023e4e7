// The entities of an analytics projection, by the node ids cypher/project_edges*.cypher gave
// in the same transaction, packed column-wise into chunks of $chunk:
// [[ids], [keys], [names], [labels]] where a label is the entity's own label (not `Entity`).
UNWIND $ids AS i
MATCH (e:Entity) WHERE id(e) = i
WITH collect(i) AS ids, collect(e.key) AS keys, collect(e.name) AS names,
     collect(head([l IN labels(e) WHERE l <> 'Entity'])) AS labels
UNWIND range(0, size(ids) - 1, $chunk) AS j
RETURN [ids[j..j + $chunk], keys[j..j + $chunk], names[j..j + $chunk], labels[j..j + $chunk]] AS nodes
