"""Network measures over projections, in the NetworkX style: a graph in, a dict out, no IO.

Every measure is NetworkX's, with NetworkX's normalisation; ``engine="igraph"`` (the default
where igraph implements the measure) computes the same numbers in C, ``engine="networkx"``
calls NetworkX itself. :func:`measure` runs one and says which engine answered, with what
parameters, on how large a graph and in how long.

Edge weights are tie strengths (deals, units, TIV). Path measures (betweenness, closeness)
read a weighted tie as a length ``1/weight`` (a heavier tie is a shorter path), on the edges
whose weight is positive.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from . import igraph_engine as fast

MEASURES = (
    "degree",
    "in_degree",
    "out_degree",
    "pagerank",
    "betweenness",
    "closeness",
    "eigenvector",
    "hits",
)
ENGINES = ("auto", "igraph", "networkx")


@dataclass
class Result:
    """What a measure computed, how, on what and in how long."""

    measure: str
    engine: str
    params: dict[str, Any]
    nodes: int
    edges: int
    seconds: float
    scores: dict[Hashable, float]
    extra: dict[str, dict[Hashable, float]] = field(default_factory=dict)


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return "igraph" if engine == "auto" else engine


def _lengths(G: nx.DiGraph, weight: str | None) -> tuple[nx.DiGraph, str | None]:
    """The graph whose edges carry ``length = 1/weight`` (positive weights only)."""
    if weight is None:
        return G, None
    H = G.__class__()
    H.add_nodes_from(G)
    H.add_edges_from((u, v, {"length": 1.0 / d[weight]}) for u, v, d in G.edges(data=True) if d.get(weight, 0) > 0)
    return H, "length"


def degree(G: nx.DiGraph, weight: str | None = None, direction: str = "all") -> dict[Hashable, float]:
    """Degree centrality: the share of other nodes a node touches, or its weighted degree.

    Parameters
    ----------
    G : graph
    weight : str or None
        Edge attribute to sum. ``None``: NetworkX's ``degree_centrality`` (degree / (n - 1)).
    direction : {"all", "in", "out"}
        Both directions, incoming (recipients) or outgoing (suppliers).

    Returns
    -------
    dict
        Node to score.

    Examples
    --------
    >>> G = nx.DiGraph([("RUS", "IND"), ("FRA", "IND"), ("RUS", "CHN")])
    >>> degree(G, direction="in")["IND"]  # 2 suppliers of 3 other nodes
    0.6666666666666666
    >>> degree(G, weight="weight", direction="out")["RUS"]  # no "weight": each edge counts 1
    2.0
    """
    if weight is None:
        fn = {"all": nx.degree_centrality, "in": nx.in_degree_centrality, "out": nx.out_degree_centrality}
        return dict(fn[direction](G))
    view = {
        "all": G.degree,
        "in": getattr(G, "in_degree", G.degree),
        "out": getattr(G, "out_degree", G.degree),
    }[direction]
    return {n: float(d) for n, d in view(weight=weight)}


def pagerank(
    G: nx.DiGraph, alpha: float = 0.85, weight: str | None = "weight", engine: str = "auto"
) -> dict[Hashable, float]:
    """PageRank: where arms flow and keep flowing (recipients of big suppliers rank high).

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> round(pagerank(G)["a"], 6)
    0.333333
    """
    if _engine(engine) == "igraph":
        return fast.pagerank(G, alpha, weight)
    return dict(nx.pagerank(G, alpha=alpha, weight=weight, tol=1e-10, max_iter=1000))


def betweenness(
    G: nx.DiGraph,
    k: int | None = None,
    seed: int | None = None,
    weight: str | None = None,
    normalized: bool = True,
    engine: str = "auto",
) -> dict[Hashable, float]:
    """Betweenness centrality: the brokers on shortest supply paths.

    Parameters
    ----------
    k : int or None
        Sample ``k`` source nodes (``seed`` picks them, as NetworkX does) instead of all.
    weight : str or None
        A tie strength; paths use ``1/weight`` as their length.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> betweenness(G)["b"]
    0.5
    """
    H, length = _lengths(G, weight)
    if _engine(engine) == "igraph":
        return fast.betweenness(H, k=k, seed=seed, weight=length, normalized=normalized)
    return dict(nx.betweenness_centrality(H, k=k, seed=seed, weight=length, normalized=normalized))


def closeness(G: nx.DiGraph, weight: str | None = None, engine: str = "auto") -> dict[Hashable, float]:
    """Closeness centrality on incoming paths (NetworkX's, Wasserman-Faust scaled).

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> closeness(G)["a"], closeness(G)["c"]
    (0.0, 0.6666666666666666)
    """
    H, length = _lengths(G, weight)
    if _engine(engine) == "igraph":
        return fast.closeness(H, distance=length)
    return dict(nx.closeness_centrality(H, distance=length))


def eigenvector(G: nx.DiGraph, weight: str | None = None, engine: str = "auto") -> dict[Hashable, float]:
    """Eigenvector centrality from incoming ties (Euclidean norm 1).

    Well defined on strongly connected graphs; on others NetworkX may not converge.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> round(eigenvector(G)["b"], 6)
    0.707107
    """
    if _engine(engine) == "igraph":
        return fast.eigenvector(G, weight)
    return dict(nx.eigenvector_centrality(G, weight=weight, tol=1e-12, max_iter=10_000))


def hits(
    G: nx.DiGraph, weight: str | None = "weight", engine: str = "auto"
) -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """HITS hubs (suppliers of the big recipients) and authorities, each summing to 1.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> hubs, auth = hits(G)
    >>> round(hubs["a"], 6), round(auth["b"], 6)
    (1.0, 0.5)
    """
    if _engine(engine) == "igraph":
        return fast.hits(G, weight)
    if weight is not None and weight != "weight":
        G = G.__class__((u, v, {"weight": d.get(weight, 1.0)}) for u, v, d in G.edges(data=True))
    elif weight is None:
        G = G.__class__(G.edges())
    h, a = nx.hits(G)
    return dict(h), dict(a)


def undirected(G: nx.DiGraph, weight: str | None = "weight") -> nx.Graph:
    """The undirected graph of ``G``, the weights of both directions summed into ``weight``."""
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        w = 1.0 if weight is None else float(d.get(weight, 1.0))
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    return U


def communities(
    G: nx.DiGraph,
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int | None = 0,
    engine: str = "auto",
) -> list[set[Hashable]]:
    """Louvain communities of the undirected trade graph, largest first.

    Louvain is a heuristic: engines (and seeds) may split a graph differently with a similar
    modularity; on graphs with clear communities they agree.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    >>> sorted(sorted(c) for c in communities(G))
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    U = undirected(G, weight)
    if U.size(weight="weight") <= 0:  # no edge, or weights all zero (claims without TIV): no structure to find
        parts = [{n} for n in G]
    elif _engine(engine) == "igraph":
        parts = fast.louvain(G, weight, resolution, seed)
    else:
        parts = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(p) for p in parts), key=lambda p: (-len(p), sorted(map(str, p))))


def modularity(G: nx.DiGraph, parts: list[set[Hashable]], weight: str | None = "weight") -> float:
    """The modularity of ``parts`` on the undirected trade graph (0 where the graph has no weight:
    modularity is undefined there)."""
    U = undirected(G, weight)
    if U.size(weight="weight") <= 0:
        return 0.0
    return float(nx.community.modularity(U, parts, weight="weight"))


def measure(
    G: nx.DiGraph,
    name: str,
    *,
    weight: str | None = None,
    k: int | None = None,
    seed: int | None = None,
    engine: str = "auto",
) -> Result:
    """Run the centrality measure ``name`` (one of :data:`MEASURES`) and describe the run.

    ``hits`` scores hubs; authorities are in ``result.extra["authority"]``. Degree measures
    are computed by NetworkX whatever the engine (a single pass over the edges).

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> r = measure(G, "betweenness")
    >>> r.scores["b"], r.engine, r.nodes, r.edges
    (0.5, 'igraph', 3, 2)
    """
    if name not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {name!r}")
    used = "networkx" if name.endswith("degree") else _engine(engine)
    params: dict[str, Any] = {"weight": weight}
    extra: dict[str, dict[Hashable, float]] = {}
    start = time.perf_counter()
    if name.endswith("degree"):
        direction = {"degree": "all", "in_degree": "in", "out_degree": "out"}[name]
        scores = degree(G, weight, direction)
    elif name == "pagerank":
        params["alpha"] = 0.85
        scores = pagerank(G, weight=weight, engine=used)
    elif name == "betweenness":
        params.update(k=k, seed=seed)
        scores = betweenness(G, k=k, seed=seed, weight=weight, engine=used)
    elif name == "closeness":
        scores = closeness(G, weight=weight, engine=used)
    elif name == "eigenvector":
        scores = eigenvector(G, weight=weight, engine=used)
    else:
        scores, extra["authority"] = hits(G, weight=weight, engine=used)
    return Result(
        name,
        used,
        params,
        G.number_of_nodes(),
        G.number_of_edges(),
        time.perf_counter() - start,
        scores,
        extra,
    )


def ranked(scores: dict[Hashable, float], top: int | None = None) -> list[tuple[Hashable, float, int]]:
    """``(node, score, rank)`` by descending score; equal scores (to 1e-12) share a rank.

    Examples
    --------
    >>> ranked({"a": 1.0, "b": 3.0, "c": 3.0})
    [('b', 3.0, 1), ('c', 3.0, 1), ('a', 1.0, 3)]
    """
    order = sorted(scores.items(), key=lambda kv: (-kv[1], str(kv[0])))
    out: list[tuple[Hashable, float, int]] = []
    for i, (n, s) in enumerate(order):
        rank = out[-1][2] if out and abs(out[-1][1] - s) <= 1e-12 else i + 1
        out.append((n, s, rank))
    return out if top is None else out[:top]
