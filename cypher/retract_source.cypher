// Take back what a source no longer states: before a document is (re)written, its statements on
// fact edges outside $keep (the fact keys it states now) are removed. An edge no source states
// any more is deleted; the others get their derived properties from the remaining statements.
// $rows: [{source, keep: [fact key]}]
// replan=skip: a load changes the statistics batch by batch, and replanning this statement
// each time costs more than the batch; its plan (index seeks on keys) stays the right one.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (:Report {key: row.source})-[:MENTIONS]->(:Entity)-[r]-(:Entity)
WHERE row.source IN r.sources AND NOT r.key IN row.keep AND type(r) <> 'ARMS_FLOW'
// one row per edge: sources retracted together (two documents stating one fact) all leave it
WITH r, collect(DISTINCT row.source) AS gone
WITH r, [i IN range(0, size(r.sources) - 1) WHERE NOT r.sources[i] IN gone] AS idx
CALL (r, idx) {
  WITH r, idx WHERE size(idx) = 0
  DELETE r
}
CALL (r, idx) {
  WITH r, idx WHERE size(idx) > 0
  WITH r, [i IN idx | {source: r.sources[i], evidence: r.evidence[i], status: r.source_statuses[i],
                       date: r.source_dates[i], published: r.source_published[i],
                       curated: r.source_curated[i], weapons: r.source_weapons[i]}] AS sorted
  CALL (sorted) {
    UNWIND sorted AS e
    WITH e ORDER BY e.curated DESC, e.published DESC, e.source DESC
    RETURN head(collect(e)) AS lead
  }
  WITH r, sorted, lead, [e IN sorted WHERE e.date <> '' | e.date] AS dates
  SET r.sources = [e IN sorted | e.source],
      r.evidence = [e IN sorted | e.evidence],
      r.source_statuses = [e IN sorted | e.status],
      r.source_dates = [e IN sorted | e.date],
      r.source_published = [e IN sorted | e.published],
      r.source_curated = [e IN sorted | e.curated],
      r.source_weapons = [e IN sorted | e.weapons],
      r.status = lead.status,
      r.statuses = reduce(acc = [], s IN [e IN sorted | e.status] | CASE WHEN s IN acc THEN acc ELSE acc + s END),
      r.disputed = any(e IN sorted WHERE e.status = 'denied') AND any(e IN sorted WHERE e.status <> 'denied'),
      r.curated = any(e IN sorted WHERE e.curated),
      r.first_seen = reduce(m = '9999-12-31', e IN sorted | CASE WHEN e.published < m THEN e.published ELSE m END),
      r.date = CASE size(dates) WHEN 0 THEN null ELSE reduce(m = '9999-12-31', d IN dates | CASE WHEN d < m THEN d ELSE m END) END,
      r.source_type = CASE WHEN any(e IN sorted WHERE e.curated) THEN 'claims' ELSE 'news' END
  SET r.year = toInteger(left(coalesce(r.date, r.first_seen), 4))
}
