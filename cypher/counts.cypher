// Node counts by label and relationship counts by type (labels and types come from the model).
// $labels: [str], $types: [str]
CALL () {
  UNWIND $labels AS label
  CALL (label) { MATCH (n:$(label)) RETURN count(n) AS c }
  RETURN collect([label, c]) AS nodes
}
CALL () {
  UNWIND $types AS type
  CALL (type) { MATCH ()-[r:$(type)]->() RETURN count(r) AS c }
  RETURN collect([type, c]) AS relationships
}
RETURN nodes, relationships
