"""Constraints, indexes and the full-text index, applied idempotently."""

from __future__ import annotations

import weakref
from typing import Any

from . import arms_flow
from .db import Graph
from .queries import query, statements_of


def apply_schema(graph: Graph) -> int:
    """Apply every statement of ``cypher/schema.cypher``; return how many ran. Safe to repeat."""
    stmts = statements_of("schema")
    with graph.session() as session:
        for stmt in stmts:
            session.run(stmt).consume()
        session.run(query("await_indexes")).consume()
    arms_flow.ensure(graph)  # a graph loaded before ARMS_FLOW existed gets it once
    return len(stmts)


_applied: weakref.WeakSet[Graph] = weakref.WeakSet()


def ensure_schema(graph: Graph) -> None:
    """:func:`apply_schema` once per :class:`Graph` of this process (constraints and indexes stay)."""
    if graph not in _applied:
        apply_schema(graph)
        _applied.add(graph)


def counts(graph: Graph) -> dict[str, Any]:
    """Node counts by label and relationship counts by type."""
    rows = graph.read("counts")
    row = rows[0]
    nodes = {label: c for label, c in row["nodes"]}
    rels = {t: c for t, c in row["relationships"]}
    return {
        "nodes": nodes,
        "relationships": rels,
        "node_count": sum(nodes.values()),
        "relationship_count": sum(rels.values()),
    }


def server_info(graph: Graph) -> dict[str, Any]:
    rows = graph.read("server_info")
    return rows[0] if rows else {}


def delete_all(graph: Graph) -> None:
    """Remove every node and relationship (the schema stays); the graph version advances."""
    with graph.session() as session:
        session.run(query("delete_all_relationships")).consume()
        session.run(query("delete_all")).consume()
        session.execute_write(lambda tx: tx.run(query("bump_version"), keys=None, edges=None).consume())
    Graph.note_write()
