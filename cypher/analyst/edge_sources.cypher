// The sources behind an edge: every statement that one entity supplies another, one row per
// (edge, source), with the source's status, the event date and its quote. SIPRI register deals
// have no quote: their row gives the deal (weapon, order and delivery years, numbers).
//   :param supplier => 'Iran'
//   :param recipient => 'Russia'
MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity)
  WHERE toLower($supplier) IN [x IN [a.key, a.name] + coalesce(a.aliases, []) | toLower(x)]
    AND toLower($recipient) IN [x IN [b.key, b.name] + coalesce(b.aliases, []) | toLower(x)]
UNWIND range(0, size(coalesce(r.sources, [])) - 1) AS i
OPTIONAL MATCH (report:Report {key: r.sources[i]})
RETURN a.name AS supplier, b.name AS recipient, r.key AS edge, r.source_type AS source_type,
       coalesce(r.source_statuses[i], r.status) AS status, r.disputed AS disputed,
       CASE WHEN r.source_dates[i] <> '' THEN r.source_dates[i] ELSE coalesce(r.date, toString(r.order_year)) END AS date,
       coalesce(r.weapons, [r.weapon]) AS weapons, r.delivery_years AS delivery_years,
       r.number_delivered AS delivered, r.evidence[i] AS evidence,
       coalesce(report.title, r.sources[i]) AS source, report.published AS published, report.source_url AS url
ORDER BY CASE r.source_type WHEN 'sipri' THEN 1 ELSE 0 END, date, edge
