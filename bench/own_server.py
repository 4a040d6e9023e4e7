"""A managed Neo4j of the benchmark's own, beside (not instead of) the user's server.

It shares the installed jars (``~/.armsgraph/neo4j/lib``) and keeps its data under ``var/``.
``fresh=True`` empties its data folder first, so the first load runs on a server that has run
nothing (a cold JVM), as the first load after ``armsgraph neo4j start`` does.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph import server
from settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "armsgraph-bench-password"


def settings_for(home: Path, bolt_port: int, http_port: int, **overrides: Any) -> Settings:
    return Settings(
        home=home,
        bolt_port=bolt_port,
        http_port=http_port,
        neo4j_uri=f"bolt://127.0.0.1:{bolt_port}",
        neo4j_password=PASSWORD,
        **overrides,
    )


@contextmanager
def own_server(settings: Settings, *, fresh: bool = False) -> Iterator[Settings]:
    """Start the server of ``settings`` unless it runs; stop it afterwards if this started it."""
    server.share_jars(settings)
    if fresh:
        server.stop(settings, echo=lambda _m: None)
        shutil.rmtree(server.paths(settings).data, ignore_errors=True)
    started = server.running_pid(settings) is None
    if started:
        server.start(settings, echo=lambda _m: None)
    try:
        yield settings
    finally:
        if started:
            server.stop(settings, echo=lambda _m: None)
