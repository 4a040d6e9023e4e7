// How many entity/report nodes and relationships the graph holds (the Meta node is left out).
CALL () { MATCH (n) WHERE n:Entity OR n:Report RETURN count(n) AS nodes }
CALL () { MATCH (a)-[r]->() WHERE a:Entity OR a:Report RETURN count(r) AS relationships }
RETURN nodes, relationships
