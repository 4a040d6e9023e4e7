"""Helpers for integration tests: a hash over the whole graph, and counts."""

from __future__ import annotations

import hashlib
import json

from graph.db import Graph
from graph.queries import query
from settings import Settings


def graph_hash(graph: Graph) -> str:
    """A hash over every entity, report and relationship with all their properties."""
    rows = graph.read_text(query("graph_dump"))
    text = json.dumps(rows, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def totals(graph: Graph) -> tuple[int, int]:
    row = graph.read_text(query("graph_totals"))[0]
    return row["nodes"], row["relationships"]


def api_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for an API process (``bench.loadgen.start_api``) on the test Neo4j."""
    return {
        "ARMSGRAPH_NEO4J_URI": settings.neo4j_uri,
        "ARMSGRAPH_NEO4J_USER": settings.neo4j_user,
        "ARMSGRAPH_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "ARMSGRAPH_NEO4J_DATABASE": settings.neo4j_database,
        "ARMSGRAPH_ENVIRONMENT": "development",
        **extra,
    }
