"""The analytics as the API and the CLI ask for them: project, compute, name, cache.

This is the one place that joins the projection (Neo4j) and the measures (pure); the API
routes and CLI commands are thin calls into :func:`centrality`, :func:`communities` and
:func:`dependence`. Results are cached by their parameters and the graph version.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..cache import ResultCache
from ..db import Graph
from ..errors import InvalidInput
from ..query import entities
from . import measures, trade
from .projection import Slice, project


@dataclass
class Answer:
    """Rows plus how they were computed (what the API and CLI print)."""

    kind: str
    engine: str
    params: dict[str, Any]
    nodes: int
    edges: int
    seconds: float
    graph_version: int
    rows: list[dict[str, Any]]
    summary: dict[str, Any] = field(default_factory=dict)
    cached: bool = False


#: Projections kept next to each result cache: few, since one of a large graph is large.
PROJECTIONS_KEPT = 4
_projections: weakref.WeakKeyDictionary[ResultCache, ResultCache] = weakref.WeakKeyDictionary()
_projections_lock = threading.Lock()


def _projection(graph: Graph, s: Slice, cache: ResultCache, version: int) -> tuple[nx.DiGraph, float]:
    start = time.perf_counter()
    with _projections_lock:
        kept = _projections.get(cache)
        if kept is None:
            kept = _projections[cache] = ResultCache(maxsize=PROJECTIONS_KEPT)
    G, _ = kept.get_or_compute(("projection", s, version), lambda: project(graph, s))
    return G, time.perf_counter() - start


def _name(G: nx.DiGraph, n: Any) -> str:
    return str(G.nodes[n].get("name", n)) if n in G else str(n)


def centrality(
    graph: Graph,
    cache: ResultCache,
    s: Slice,
    measure: str,
    *,
    weighted: bool = True,
    top: int | None = 20,
    k: int | None = None,
    seed: int | None = 0,
    engine: str = "auto",
) -> Answer:
    """Rank entities by ``measure`` on the slice ``s`` (weighted by ``s.weight`` if ``weighted``)."""
    if measure not in measures.MEASURES:
        raise InvalidInput(f"measure must be one of {', '.join(measures.MEASURES)}, not {measure!r}")
    version = graph.version()
    key = ("centrality", s, measure, weighted, top, k, seed, engine, version)

    def compute() -> Answer:
        G, pull = _projection(graph, s, cache, version)
        r = measures.measure(G, measure, weight="weight" if weighted else None, k=k, seed=seed, engine=engine)
        auth = r.extra.get("authority", {})
        rows = [
            {
                "key": n,
                "name": _name(G, n),
                "label": G.nodes[n].get("label"),
                "score": score,
                "rank": rank,
                **({"authority": auth[n]} if auth else {}),
            }
            for n, score, rank in measures.ranked(r.scores, top)
        ]
        own = {k: v for k, v in r.params.items() if k != "weight"}
        params = {**s.params(), "measure": measure, "weighted": weighted, "top": top, **own}
        return Answer(
            "centrality",
            r.engine,
            params,
            r.nodes,
            r.edges,
            r.seconds + pull,
            version,
            rows,
            {"projection_seconds": pull, "measure_seconds": r.seconds},
        )

    answer, cached = cache.get_or_compute(key, compute)
    return _mark(answer, cached)


def communities(
    graph: Graph,
    cache: ResultCache,
    s: Slice,
    *,
    weighted: bool = True,
    resolution: float = 1.0,
    seed: int | None = 0,
    top: int | None = None,
    engine: str = "auto",
) -> Answer:
    """Louvain communities of the slice: each row a community, its members by weighted degree."""
    version = graph.version()
    key = ("communities", s, weighted, resolution, seed, top, engine, version)

    def compute() -> Answer:
        G, pull = _projection(graph, s, cache, version)
        w = "weight" if weighted else None
        start = time.perf_counter()
        parts = measures.communities(G, weight=w, resolution=resolution, seed=seed, engine=engine)
        q = measures.modularity(G, parts, weight=w) if parts else 0.0
        took = time.perf_counter() - start
        strength = dict(G.degree(weight=w))
        rows = []
        for i, part in enumerate(parts[:top] if top else parts):
            members = sorted(part, key=lambda n: (-strength.get(n, 0), str(n)))
            rows.append(
                {
                    "community": i + 1,
                    "size": len(part),
                    "members": [
                        {"key": n, "name": _name(G, n), "strength": float(strength.get(n, 0))} for n in members
                    ],
                }
            )
        params = {**s.params(), "weighted": weighted, "resolution": resolution, "seed": seed, "top": top}
        used = "igraph" if engine == "auto" else engine
        return Answer(
            "communities",
            used,
            params,
            G.number_of_nodes(),
            G.number_of_edges(),
            took + pull,
            version,
            rows,
            {"modularity": q, "communities": len(parts), "projection_seconds": pull},
        )

    answer, cached = cache.get_or_compute(key, compute)
    return _mark(answer, cached)


def resolve_entity(graph: Graph, ref: str) -> dict[str, Any]:
    """The entity a key, name or alias names (the API's resolver: 404 with near matches)."""
    entity = entities.resolve(graph, ref, "recipient")
    return {"key": entity["key"], "name": entity["name"], "label": entity["type"]}


def dependence(graph: Graph, cache: ResultCache, s: Slice, recipient: str) -> Answer:
    """The recipient's suppliers by share of ``s.weight`` in the slice, and their HHI."""
    entity = resolve_entity(graph, recipient)
    version = graph.version()
    key = ("dependence", s, entity["key"], version)

    def compute() -> Answer:
        G, pull = _projection(graph, s, cache, version)
        start = time.perf_counter()
        d = trade.dependence(G, [entity["key"]])[entity["key"]]
        took = time.perf_counter() - start
        rows = [
            {"key": sup, "name": _name(G, sup), "share": share, "value": share * d["total"], "rank": i + 1}
            for i, (sup, share) in enumerate(d["suppliers"].items())
        ]
        params = {**s.params(), "recipient": entity["key"]}
        return Answer(
            "dependence",
            "networkx",
            params,
            G.number_of_nodes(),
            G.number_of_edges(),
            took + pull,
            version,
            rows,
            {"recipient": entity, "total": d["total"], "hhi": d["hhi"], "suppliers": len(rows)},
        )

    answer, cached = cache.get_or_compute(key, compute)
    return _mark(answer, cached)


def change(
    graph: Graph,
    cache: ResultCache,
    before: Slice,
    after: Slice,
    measure: str,
    *,
    weighted: bool = True,
    top: int = 10,
    k: int | None = None,
    seed: int | None = 0,
) -> Answer:
    """Who rose and who fell: ``measure`` on two slices that differ by their time window.

    Rows are every entity scored in either window, by descending change; ``summary`` holds the
    ``top`` risers (``rose``) and fallers (``fell``) and the two windows. Each window's scores are
    the cached ``centrality`` answers, so asking again, or asking one window alone, costs nothing.
    """
    if (before.types, before.labels, before.basis, before.weight, before.exclude_statuses) != (
        after.types,
        after.labels,
        after.basis,
        after.weight,
        after.exclude_statuses,
    ):
        raise InvalidInput("the two windows must differ by their years only")
    version = graph.version()
    key = ("change", before, after, measure, weighted, top, k, seed, version)

    def compute() -> Answer:
        scored = [
            centrality(graph, cache, s, measure, weighted=weighted, top=None, k=k, seed=seed) for s in (before, after)
        ]
        names = {r["key"]: r["name"] for a in scored for r in a.rows}
        start = time.perf_counter()
        diff = trade.change(*({r["key"]: r["score"] for r in a.rows} for a in scored))
        rows = [
            {"key": n, "name": names[n], **c}
            for n, c in sorted(diff.items(), key=lambda kv: (-kv[1]["delta"], str(kv[0])))
        ]
        took = time.perf_counter() - start
        rose = [r for r in rows if r["delta"] > 0][:top]
        fell = sorted((r for r in rows if r["delta"] < 0), key=lambda r: (r["delta"], r["key"]))[:top]
        params = {
            "measure": measure,
            "weighted": weighted,
            "top": top,
            **before.params(),
            "before": [before.since, before.until],
            "after": [after.since, after.until],
        }
        for drop in ("since", "until"):
            params.pop(drop, None)
        return Answer(
            "change",
            scored[1].engine,
            params,
            max(a.nodes for a in scored),
            max(a.edges for a in scored),
            sum(a.seconds for a in scored if not a.cached) + took,
            version,
            rows,
            {"rose": rose, "fell": fell},
        )

    answer, cached = cache.get_or_compute(key, compute)
    return _mark(answer, cached)


def _mark(answer: Answer, cached: bool) -> Answer:
    if not cached:
        return answer
    from dataclasses import replace

    return replace(answer, cached=True)
