// Benchmark only (bench/bench_analytics.py): synthetic supplier organisations, in batches.
// $rows: [[key, name], ...]
UNWIND $rows AS row
CREATE (:Entity:Organization {key: row[0], name: row[1]})
