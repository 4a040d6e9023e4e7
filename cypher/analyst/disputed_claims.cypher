// Claims to treat with care: facts that one source denies while another states them (disputed),
// facts whose latest word is a denial, and facts only alleged. One row per fact, with every
// source's status and quote side by side. Leave $name null for the whole graph.
//   :param name => 'Russia'        an entity on either end (name, alias or key), or null
MATCH (a:Entity)-[r]->(b:Entity)
  WHERE (r.disputed OR r.status IN ['denied', 'alleged'])
    AND ($name IS NULL
         OR toLower($name) IN [x IN [a.key, a.name] + coalesce(a.aliases, []) | toLower(x)]
         OR toLower($name) IN [x IN [b.key, b.name] + coalesce(b.aliases, []) | toLower(x)])
RETURN a.name AS subject, type(r) AS predicate, b.name AS object, r.status AS status,
       r.disputed AS disputed, r.statuses AS statuses, r.weapons AS weapons, r.date AS date,
       [i IN range(0, size(coalesce(r.sources, [])) - 1)
         | r.sources[i] + ' [' + coalesce(r.source_statuses[i], '?') + ']: ' + coalesce(r.evidence[i], '')] AS statements
ORDER BY r.disputed DESC, status, subject, object
