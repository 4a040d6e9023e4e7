"""igraph behind the NetworkX interface: the same answers, computed in C.

Each function takes a NetworkX graph and returns what the NetworkX function of the same name
returns (keyed by node, with NetworkX's normalisations), so :mod:`graph.analytics` can pick
the engine without the caller noticing. ``tests/unit/test_analytics_engines.py`` checks
every one against NetworkX.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Sequence

import igraph as ig
import networkx as nx


def to_igraph(
    G: nx.Graph, weight: str | None = None, *, distance: bool = False, directed: bool | None = None
) -> tuple[ig.Graph, list[Hashable], list[float] | None]:
    """``(g, nodes, weights)``: vertex ``i`` of ``g`` is ``nodes[i]``.

    ``distance=True`` turns a weight (a tie's strength) into a length ``1/weight``. An
    undirected graph becomes a directed one with both directions when ``directed=True``.
    The conversion is kept in ``G.__networkx_cache__`` (NetworkX's cache of converted graphs,
    which NetworkX clears whenever ``G`` changes), so several measures convert once.
    """
    cache = getattr(G, "__networkx_cache__", None)
    key = ("armsgraph-igraph", weight, distance, directed)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    as_directed = G.is_directed() if directed is None else directed
    pairs: list[tuple[int, int]] = []
    ws: list[float] = []
    both = as_directed and not G.is_directed()
    for u, v, d in G.edges(data=True):
        w = 1.0 if weight is None else float(d.get(weight, 1.0))
        if distance:
            w = 1.0 / w
        pairs.append((index[u], index[v]))
        ws.append(w)
        if both:
            pairs.append((index[v], index[u]))
            ws.append(w)
    g = ig.Graph(n=len(nodes), edges=pairs, directed=as_directed)
    out = (g, nodes, ws if weight is not None else None)
    if cache is not None:
        cache[key] = out
    return out


def pagerank(G: nx.DiGraph, alpha: float = 0.85, weight: str | None = "weight") -> dict[Hashable, float]:
    g, nodes, ws = to_igraph(G, weight)
    return dict(zip(nodes, g.pagerank(directed=g.is_directed(), damping=alpha, weights=ws), strict=True))


def rescale_betweenness(
    raw: Sequence[float],
    nodes: list[Hashable],
    *,
    normalized: bool,
    directed: bool,
    sampled: list[Hashable] | None,
) -> dict[Hashable, float]:
    """NetworkX's rescaling (``endpoints=False``) of ordered-pair path counts."""
    N = len(nodes) - 1
    if N < 2:
        return dict.fromkeys(nodes, 0.0)
    k = None if sampled is None else len(sampled)
    if k is None:
        scale = 1 / (N * (N - 1)) if normalized else (1.0 if directed else 0.5)
        return {n: b * scale for n, b in zip(nodes, raw, strict=True)}
    corr = 1 if directed else 2
    if normalized:
        s_src = 1 / ((k - 1) * (N - 1)) if k > 1 else math.nan
        s_non = 1 / (k * (N - 1))
    else:
        s_src = N / ((k - 1) * corr) if k > 1 else math.nan
        s_non = N / (k * corr)
    chosen = set(sampled or ())
    return {n: b * (s_src if n in chosen else s_non) for n, b in zip(nodes, raw, strict=True)}


def betweenness(
    G: nx.Graph,
    k: int | None = None,
    seed: int | None = None,
    weight: str | None = None,
    normalized: bool = True,
) -> dict[Hashable, float]:
    """``nx.betweenness_centrality(G, k, normalized, weight, seed=seed)`` where ``weight`` is a length.

    With ``k``, the same ``k`` sources NetworkX samples (``random.Random(seed).sample``) are the
    sources of an igraph subset betweenness, so the answer is NetworkX's, not just close to it.
    """
    g, nodes, ws = to_igraph(G, weight, directed=True)
    if k is not None and k >= len(nodes):
        k = None
    sampled = None if k is None else random.Random(seed).sample(nodes, k)
    if sampled is None:
        raw = g.betweenness(directed=True, weights=ws)
    else:
        index = {n: i for i, n in enumerate(nodes)}
        raw = g.betweenness(directed=True, weights=ws, sources=[index[s] for s in sampled])
    return rescale_betweenness(raw, nodes, normalized=normalized, directed=G.is_directed(), sampled=sampled)


def closeness(G: nx.Graph, distance: str | None = None) -> dict[Hashable, float]:
    """``nx.closeness_centrality(G, distance=distance)`` (incoming distances, Wasserman-Faust scaled)."""
    g, nodes, ws = to_igraph(G, distance)
    n = len(nodes)
    if n <= 1:
        return dict.fromkeys(nodes, 0.0)
    mode = "in" if g.is_directed() else "all"
    close = g.closeness(mode=mode, weights=ws, normalized=True)
    reach = g.neighborhood_size(order=n, mode=mode, mindist=1)
    return {
        v: (0.0 if r == 0 or c is None or math.isnan(c) else c * r / (n - 1))
        for v, c, r in zip(nodes, close, reach, strict=True)
    }


def eigenvector(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    """``nx.eigenvector_centrality(G, weight=weight)``: in-edge centrality, Euclidean norm 1."""
    g, nodes, ws = to_igraph(G, weight)
    x = g.eigenvector_centrality(directed=True, weights=ws)  # ignored when undirected
    norm = math.sqrt(sum(v * v for v in x)) or 1.0
    return {n: v / norm for n, v in zip(nodes, x, strict=True)}


def hits(G: nx.Graph, weight: str | None = "weight") -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """``nx.hits(G)``: hubs and authorities, each summing to 1 (NetworkX reads ``weight``)."""
    g, nodes, ws = to_igraph(G, weight)
    h = g.hub_score(weights=ws)
    a = g.authority_score(weights=ws)
    sh, sa = sum(h) or 1.0, sum(a) or 1.0
    return (
        {n: v / sh for n, v in zip(nodes, h, strict=True)},
        {n: v / sa for n, v in zip(nodes, a, strict=True)},
    )


def louvain(
    G: nx.Graph, weight: str | None = "weight", resolution: float = 1.0, seed: int | None = None, restarts: int = 1
) -> list[set[Hashable]]:
    """Louvain communities of the undirected graph of ``G`` (igraph's multilevel method).

    A directed ``G`` is made undirected in C, the weights of both directions summed.
    Louvain visits nodes in random order, drawn from ``random.Random(seed)``, so the answer is
    stable for a seed. One run, as NetworkX's ``louvain_communities`` makes; with ``restarts``
    above 1 the best (highest modularity) of that many runs is kept, at that many times the cost.
    """
    g, nodes, ws = to_igraph(G, weight)
    u = g.copy()
    u.es["weight"] = ws if ws is not None else [1.0] * u.ecount()
    if u.is_directed():
        u.to_undirected(mode="collapse", combine_edges={"weight": "sum"})
    else:
        u.simplify(multiple=True, loops=False, combine_edges={"weight": "sum"})
    ig.set_random_number_generator(random.Random(seed))
    try:
        runs = [u.community_multilevel(weights="weight", resolution=resolution) for _ in range(max(1, restarts))]
    finally:
        ig.set_random_number_generator(random)
    best = max(runs, key=lambda parts: parts.modularity)
    return [{nodes[i] for i in part} for part in best]
