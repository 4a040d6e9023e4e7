// Titles and dates of the reports behind a set of edges. $keys: [str]
UNWIND $keys AS k
MATCH (r:Report {key: k})
RETURN r.key AS key, r.title AS title, r.published AS published, r.source_url AS source_url
