"""Benchmarks, run as scripts (``python bench/<name>.py``); the load generator and the hostile probes
they share with the tests live in ``tests/support/``."""
