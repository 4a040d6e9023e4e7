"""Helpers for integration tests: a hash over the whole graph, and counts."""

from __future__ import annotations

import hashlib
import json
import re

import neo4j

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
    """Environment for an API process (``tests.support.loadgen.start_api``) on the test Neo4j."""
    return {
        "ARMSGRAPH_NEO4J_URI": settings.neo4j_uri,
        "ARMSGRAPH_NEO4J_USER": settings.neo4j_user,
        "ARMSGRAPH_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "ARMSGRAPH_NEO4J_DATABASE": settings.neo4j_database,
        "ARMSGRAPH_ENVIRONMENT": "development",
        **extra,
    }


_WRITE_CLAUSE = re.compile(r"\b(?:CREATE|MERGE|SET|DELETE|REMOVE)\b", re.IGNORECASE)


def _code(text: str) -> str:
    """A Cypher statement without its comments and string literals."""
    return re.sub(r"//[^\n]*|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "", text)


def writes(text: str) -> bool:
    """Whether a Cypher statement holds a write clause."""
    return bool(_WRITE_CLAUSE.search(_code(text)))


def explain(graph: Graph, text: str) -> neo4j.ResultSummary:
    """Plan ``text`` on the server (EXPLAIN: nothing runs) and check the plan says what the text does:
    a statement with a write clause plans as a write, one without (and without a procedure call)
    as a read."""
    with graph.session() as session:
        summary = session.run("EXPLAIN " + text).consume()
    assert summary.plan is not None, "EXPLAIN gave no plan"
    if writes(text):
        assert summary.query_type in ("w", "rw"), f"a write planned as {summary.query_type!r}"
    elif not re.search(r"\bCALL\s+[A-Za-z_][\w.]*\s*\(", _code(text), re.IGNORECASE):  # a procedure: its own type
        assert summary.query_type == "r", f"a read planned as {summary.query_type!r}"
    return summary
