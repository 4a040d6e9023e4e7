// Which of these report keys have been curated by an analyst (a claims file with the same id).
MATCH (r:Report) WHERE r.key IN $keys AND r.curated = true
RETURN r.key AS key
