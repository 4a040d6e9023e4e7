// Entities of one batch: create or update by key, add the type label, union the aliases.
// $rows: [{key, label, name, aliases: [str], props: {..}}]; label is checked against the model first.
// A weapon's description and category come from registers, with `described_on`, the register's
// generation date: the most recent register's wording wins (an older one fills only what it
// lacks), and between rows of the same date the smallest; a weapon a register named is renamed by a more recent register (the old name
// stays an alias), so the node ends the same whatever the order of the loads.
// replan=skip: a load changes the statistics batch by batch, and replanning this statement
// each time costs more than the batch; its plan (index seeks on keys) stays the right one.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (n:Entity {key: row.key})
  ON CREATE SET n.name = row.name
SET n:$(row.label)
WITH n, row, n.name AS was,
     coalesce(row.props.description, '\uffff') + '\u0001' + coalesce(row.props.category, '\uffff') AS offered,
     coalesce(n.description, '\uffff') + '\u0001' + coalesce(n.category, '\uffff') AS held,
     row.props.described_on IS NOT NULL AND n.described_on IS NOT NULL
       AND row.props.described_on > n.described_on AS newer
SET n.name = CASE WHEN newer THEN row.name ELSE n.name END
SET n += CASE
  WHEN row.props.described_on IS NULL OR n.described_on IS NULL OR newer THEN row.props
  WHEN row.props.described_on = n.described_on AND offered < held THEN row.props
  WHEN row.props.described_on < n.described_on
    THEN {description: coalesce(n.description, row.props.description), category: coalesce(n.category, row.props.category)}
  ELSE {}
END
WITH n, row, was
CALL (n, row, was) {
  UNWIND coalesce(n.aliases, []) + row.aliases + [row.name, was] AS alias
  WITH DISTINCT alias WHERE alias <> n.name
  ORDER BY alias
  RETURN collect(alias) AS aliases
}
SET n.aliases = aliases,
    n.search_names = reduce(s = '', a IN aliases | s + ' | ' + a)
