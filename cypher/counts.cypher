// Node counts by label and relationship counts by type, read from Neo4j's count store
// (a label or type written out in the pattern is what lets the planner use it).
// tests/unit/test_model.py checks that this file names every label and type of the model.
CALL () { MATCH (n:Country) RETURN count(n) AS `Country` }
CALL () { MATCH (n:Organization) RETURN count(n) AS `Organization` }
CALL () { MATCH (n:Person) RETURN count(n) AS `Person` }
CALL () { MATCH (n:Place) RETURN count(n) AS `Place` }
CALL () { MATCH (n:WeaponSystem) RETURN count(n) AS `WeaponSystem` }
CALL () { MATCH (n:Report) RETURN count(n) AS `Report` }
CALL () { MATCH (n:Meta) RETURN count(n) AS `Meta` }
CALL () { MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS `SUPPLIES` }
CALL () { MATCH ()-[r:VISITED]->() RETURN count(r) AS `VISITED` }
CALL () { MATCH ()-[r:HOLDS_ROLE]->() RETURN count(r) AS `HOLDS_ROLE` }
CALL () { MATCH ()-[r:MANUFACTURES]->() RETURN count(r) AS `MANUFACTURES` }
CALL () { MATCH ()-[r:USED_AGAINST]->() RETURN count(r) AS `USED_AGAINST` }
CALL () { MATCH ()-[r:LOCATED_IN]->() RETURN count(r) AS `LOCATED_IN` }
CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS `MENTIONS` }
CALL () { MATCH ()-[r:ARMS_FLOW]->() RETURN count(r) AS `ARMS_FLOW` }
RETURN [['Country', `Country`], ['Organization', `Organization`], ['Person', `Person`], ['Place', `Place`], ['WeaponSystem', `WeaponSystem`], ['Report', `Report`], ['Meta', `Meta`]] AS nodes,
       [['SUPPLIES', `SUPPLIES`], ['VISITED', `VISITED`], ['HOLDS_ROLE', `HOLDS_ROLE`], ['MANUFACTURES', `MANUFACTURES`], ['USED_AGAINST', `USED_AGAINST`], ['LOCATED_IN', `LOCATED_IN`], ['MENTIONS', `MENTIONS`], ['ARMS_FLOW', `ARMS_FLOW`]] AS relationships
