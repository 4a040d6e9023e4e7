"""Benchmarks, run as scripts (``python bench/<name>.py``); ``loadgen`` is shared with the tests."""
