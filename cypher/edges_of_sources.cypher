// The fact relationships that state any of the reports in $sources, before a write takes some of
// their statements back (the writer records them as changed): [type, key, source key, target key].
UNWIND $sources AS source
MATCH (:Report {key: source})-[:MENTIONS]->(:Entity)-[r]-(:Entity)
WHERE source IN r.sources AND type(r) <> 'ARMS_FLOW'
WITH DISTINCT r
RETURN [type(r), r.key, startNode(r).key, endNode(r).key] AS edge
