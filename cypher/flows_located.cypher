// The organisations located in the country $key (the map of a country holds their flows too).
MATCH (o:Entity)-[:LOCATED_IN]->(:Country {key: $key})
RETURN o.key AS key
