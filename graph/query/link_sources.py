"""Reads behind the explorer page (``GET /``): the sources of one supplier -> recipient link.

Plain data in and out, like :mod:`graph.query.entities`; no FastAPI here.
"""

from __future__ import annotations

from typing import Any

from ..db import Graph
from .entities import edge, report_titles, resolve, statements
from .params import check_years

MAX_LINK_EDGES = 500


def link_sources(
    graph: Graph,
    source: str,
    target: str,
    *,
    since: int | None = None,
    until: int | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """Every ``SUPPLIES`` edge from ``source`` to ``target`` in the window, each with its statements.

    Facts told by reports and claims files come first (their quotes are what a reader asks for),
    then register deals, oldest first.
    """
    check_years(since, until)
    a, b = resolve(graph, source, "source"), resolve(graph, target, "target")
    row = graph.read(
        "ui_link_edges", source=a["key"], target=b["key"], since=since, until=until, limit=min(limit, MAX_LINK_EDGES)
    )[0]
    titles = report_titles(graph, {s for p in row["edges"] for s in p.get("sources") or []})
    edges = []
    for props in row["edges"]:
        item = edge("SUPPLIES", a["key"], b["key"], props)
        item["statements"] = statements(props, None, titles)
        edges.append(item)
    return {
        "source": {k: a[k] for k in ("key", "name", "type")},
        "target": {k: b[k] for k in ("key", "name", "type")},
        "total": row["total"],
        "limit": limit,
        "edges": edges,
    }
