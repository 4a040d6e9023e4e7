// A person's visits: where, when, in which country, said by which source and in which words,
// with the roles the person holds. Draw it as a graph by returning the path p instead.
//   :param name => 'Mohammad Mokhber'    a name, alias ('Mokhber') or key
MATCH (person:Person)
  WHERE toLower($name) IN [x IN [person.key, person.name] + coalesce(person.aliases, []) | toLower(x)]
MATCH p = (person)-[v:VISITED]->(place:Entity)
OPTIONAL MATCH (place)-[:LOCATED_IN]->(country:Country)
OPTIONAL MATCH (person)-[role:HOLDS_ROLE]->(org:Entity)
WITH person, v, place, country, collect(DISTINCT role.role + ' (' + org.name + ')') AS roles
UNWIND range(0, size(coalesce(v.sources, [])) - 1) AS i
OPTIONAL MATCH (report:Report {key: v.sources[i]})
RETURN person.name AS person, roles, place.name AS place, coalesce(country.name, place.name) AS country,
       v.date AS date, v.source_statuses[i] AS status, v.evidence[i] AS evidence,
       coalesce(report.title, v.sources[i]) AS source, report.published AS published, report.source_url AS url
ORDER BY date, place, published
