"""Code the tests and the benchmarks share: an API process and a load generator (:mod:`.loadgen`),
the hostile read probes (:mod:`.hostile`)."""
