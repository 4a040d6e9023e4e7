// Entities of one batch: create or update by key, add the type label, union the aliases.
// $rows: [{key, label, name, aliases: [str], props: {..}}]; label is checked against the model first.
// replan=skip: a load changes the statistics batch by batch, and replanning this statement
// each time costs more than the batch; its plan (index seeks on keys) stays the right one.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (n:Entity {key: row.key})
  ON CREATE SET n.name = row.name
SET n:$(row.label)
SET n += row.props
WITH n, row
CALL (n, row) {
  UNWIND coalesce(n.aliases, []) + row.aliases + [row.name] AS alias
  WITH DISTINCT alias WHERE alias <> n.name
  ORDER BY alias
  RETURN collect(alias) AS aliases
}
SET n.aliases = aliases,
    n.search_names = reduce(s = '', a IN aliases | s + ' | ' + a)
