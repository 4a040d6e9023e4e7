// The deals other registers (SIPRI exports, analysts' tables) have already written into the given recipients: the
// candidates for "the same deal" when a register is loaded (loaders/registers/merge.py).
// $source: the register being loaded; $recipients: the keys of its deals' recipients.
UNWIND $recipients AS rk
MATCH (a:Entity)-[r:SUPPLIES]->(:Entity {key: rk})
WHERE r.source_type IN ['sipri', 'analyst'] AND any(s IN r.sources WHERE s <> $source)
RETURN a.key AS src, rk AS dst, properties(r) AS props
