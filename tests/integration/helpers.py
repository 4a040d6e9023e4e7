"""Helpers for integration tests: a hash over the whole graph, and counts."""

from __future__ import annotations

import hashlib
import json

from graph.db import Graph
from graph.queries import query


def graph_hash(graph: Graph) -> str:
    """A hash over every entity, report and relationship with all their properties."""
    rows = graph.read_text(query("graph_dump"))
    text = json.dumps(rows, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def totals(graph: Graph) -> tuple[int, int]:
    row = graph.read_text(query("graph_totals"))[0]
    return row["nodes"], row["relationships"]
