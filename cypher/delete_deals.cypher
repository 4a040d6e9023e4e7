// Register deals whose edge is replaced or withdrawn: a legacy row now part of a deal merged
// under its SIPRI ID, or a deal quarantined when another register could not match it safely.
// $rows: [deal key]
CYPHER replan=skip
UNWIND $rows AS k
MATCH ()-[r:SUPPLIES {key: k}]->()
DELETE r
