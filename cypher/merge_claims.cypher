// Facts with provenance. One edge per fact key; each source's statement is kept in parallel,
// source-sorted lists (sources, evidence, source_statuses, source_dates, source_published,
// source_curated, source_weapons). A source that states the fact again replaces its own entry,
// so a re-load changes nothing and a denial is added beside the claim, never over it.
// The edge's status is the statement of the most authoritative, most recent source:
// analyst-curated before extracted, then latest published.
// $rows: [{type, key, src, dst, source, evidence, status, date, published, curated, weapons: [str],
//          weapon_keys: [str], role}]
// replan=skip: a load changes the statistics batch by batch, and replanning this statement
// each time costs more than the batch; its plan (index seeks on keys) stays the right one.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (a:Entity {key: row.src})
MATCH (b:Entity {key: row.dst})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r.key = row.key
WITH r, row
CALL (r, row) {
  UNWIND range(0, size(coalesce(r.sources, [])) - 1) AS i
  WITH r, row, i WHERE r.sources[i] <> row.source
  RETURN collect({source: r.sources[i], evidence: r.evidence[i], status: r.source_statuses[i],
                  date: r.source_dates[i], published: r.source_published[i],
                  curated: r.source_curated[i], weapons: r.source_weapons[i]}) AS kept
}
WITH r, row, kept + [{source: row.source, evidence: row.evidence, status: row.status,
                      date: coalesce(row.date, ''), published: row.published, curated: row.curated,
                      weapons: reduce(s = '', w IN row.weapons | s + CASE s WHEN '' THEN '' ELSE '|' END + w)}]
     AS entries
CALL (entries) {
  UNWIND entries AS e
  WITH e ORDER BY e.source
  RETURN collect(e) AS sorted
}
CALL (entries) {
  UNWIND entries AS e
  WITH e ORDER BY e.curated DESC, e.published DESC, e.source DESC
  RETURN head(collect(e)) AS lead
}
CALL (r, row) {
  UNWIND coalesce(r.weapons, []) + row.weapons AS w
  WITH DISTINCT w ORDER BY w
  RETURN collect(w) AS weapons
}
CALL (r, row) {
  UNWIND coalesce(r.weapon_keys, []) + row.weapon_keys AS w
  WITH DISTINCT w ORDER BY w
  RETURN collect(w) AS weapon_keys
}
WITH r, row, sorted, lead, weapons, weapon_keys,
     [e IN sorted WHERE e.date <> '' | e.date] AS dates
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
    r.weapons = weapons,
    r.weapon_keys = weapon_keys,
    r.source_type = CASE WHEN any(e IN sorted WHERE e.curated) THEN 'claims' ELSE 'news' END,
    r.role = coalesce(row.role, r.role)
SET r.year = toInteger(left(coalesce(r.date, r.first_seen), 4))
