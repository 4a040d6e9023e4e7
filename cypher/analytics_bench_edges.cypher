// Benchmark only (bench/bench_analytics.py): synthetic register deals, in batches.
// $rows: [[src, dst, key, order_year, delivery_years, number_delivered, tiv_delivered], ...]
UNWIND $rows AS row
MATCH (a:Entity {key: row[0]})
MATCH (b:Entity {key: row[1]})
CREATE (a)-[:SUPPLIES {key: row[2], source_type: 'synthetic', order_year: row[3], year: row[3],
                       delivery_years: row[4], number_delivered: row[5], tiv_delivered: row[6]}]->(b)
