// Constraints and indexes, applied at start and before every load; every statement is idempotent.
CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT country_key IF NOT EXISTS FOR (n:Country) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT weapon_key IF NOT EXISTS FOR (n:WeaponSystem) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT report_key IF NOT EXISTS FOR (n:Report) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT supplies_key IF NOT EXISTS FOR ()-[r:SUPPLIES]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT visited_key IF NOT EXISTS FOR ()-[r:VISITED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT holds_role_key IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT manufactures_key IF NOT EXISTS FOR ()-[r:MANUFACTURES]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT used_against_key IF NOT EXISTS FOR ()-[r:USED_AGAINST]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT located_in_key IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.key IS UNIQUE;
CREATE INDEX supplies_order_year IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.order_year);
CREATE INDEX supplies_first_seen IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.first_seen);
CREATE INDEX report_published IF NOT EXISTS FOR (n:Report) ON (n.published);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.search_names];
