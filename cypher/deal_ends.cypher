// The register deals a write is about to delete ($rows: [deal key]), before it does, so that the
// writer records them as changed: [type, key, source key, target key].
CYPHER replan=skip
UNWIND $rows AS k
MATCH ()-[r:SUPPLIES {key: k}]->()
RETURN [type(r), r.key, startNode(r).key, endNode(r).key] AS edge
