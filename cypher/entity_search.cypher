// Full-text search over entity names and aliases. $lucene: a Lucene query built from the words
// of the user's text (fuzzy terms); $type: an entity label from the model, or null; $fetch: cap.
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $fetch}) YIELD node, score
WITH node, score WHERE $type IS NULL OR $type IN labels(node)
RETURN node.key AS key, node.name AS name, [l IN labels(node) WHERE l <> 'Entity'][0] AS type,
       coalesce(node.aliases, []) AS aliases, score
