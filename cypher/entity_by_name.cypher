// Entities whose name or an alias equals $lname (lower-cased), found through the full-text index.
// $phrase: a quoted Lucene phrase of the name's words; $lname: the name, lower-cased.
CALL db.index.fulltext.queryNodes('entity_names', $phrase, {limit: 200}) YIELD node
WITH node, toLower(node.name) = $lname AS by_name
WHERE by_name OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $lname)
RETURN node.key AS key, node.name AS name, [l IN labels(node) WHERE l <> 'Entity'][0] AS type,
       coalesce(node.aliases, []) AS aliases, by_name
