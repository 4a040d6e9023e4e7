// The kind of each named source (news, claims, register). $keys: [str]
UNWIND $keys AS k
MATCH (r:Report {key: k})
RETURN r.key AS key, coalesce(r.kind, CASE WHEN r.curated THEN 'claims' END) AS kind
