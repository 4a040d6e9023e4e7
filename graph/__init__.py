"""Everything that talks to Neo4j or reasons over the graph."""
