"""Turn outside material into claims: parse (pure), resolve (entities, dates), write (through graph/)."""
