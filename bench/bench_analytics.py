"""Benchmark of the network analysis, with ratios against plain NetworkX in the same run.

1. The full SIPRI register (every deal, all years): projection pull + PageRank + weighted
   betweenness (target <= 1 s together), each against NetworkX.
2. A synthetic scale-free supplier graph loaded into Neo4j with UNWIND batches
   (``--nodes``/``--edges``; the issue's size is 100,000/500,000): projection pull (against a
   one-record-per-edge pull into NetworkX), PageRank, sampled betweenness (k = 256),
   Louvain communities; each with NetworkX's time and the agreement of the answers.

It runs its own managed Neo4j (``--home``, ``--bolt-port``) and empties it first::

    python bench/bench_analytics.py --nodes 20000 --edges 100000
    python bench/bench_analytics.py --skip-networkx-above 200000   # NetworkX only where it finishes
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
from own_server import own_server, settings_for

from graph.analytics import measures as analytics
from graph.analytics.igraph_engine import to_igraph
from graph.analytics.projection import Slice, project
from graph.db import Graph, open_driver
from graph.queries import query
from graph.schema import apply_schema, delete_all
from loaders.load import load_paths

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "samples" / "sipri" / "trade-register-all-1950-2025.csv"


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[Any, float]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return out, best


def naive_pull(graph: Graph) -> nx.DiGraph:
    """The baseline: one record per edge, parallel deals aggregated in Python."""
    G = nx.DiGraph()
    with graph.session() as session:
        for rec in session.run(
            "MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity) RETURN a.key AS s, b.key AS t, r.tiv_delivered AS tiv"
        ):
            s, t, tiv = rec["s"], rec["t"], rec["tiv"] or 0.0
            if G.has_edge(s, t):
                G[s][t]["weight"] += tiv
            else:
                G.add_edge(s, t, weight=tiv)
    return G


def max_diff(a: dict, b: dict) -> float:
    return max((abs(a[n] - b[n]) for n in a), default=0.0)


def pagerank_agreement(G: nx.DiGraph, ours: dict, nx_default: dict) -> str:
    """NetworkX's default tolerance (1e-6 * n, L1) is looser than 1e-6 per node; compare to a tight run."""
    tight = nx.pagerank(G, weight="weight", tol=1e-12, max_iter=1000)
    return f"max diff {max_diff(ours, tight):.1e} (vs default tol: {max_diff(ours, nx_default):.1e})"


def row(name: str, ours: float, base: float | None, agree: str, engine: str = "igraph") -> dict[str, Any]:
    ratio = None if base is None else base / ours
    print(
        f"  {name:34} {ours:8.3f} s  {engine:8}  networkx {'-' if base is None else f'{base:8.3f} s'}"
        f"  x{'-' if ratio is None else f'{ratio:.1f}'}  {agree}",
        flush=True,
    )
    return {"step": name, "seconds": ours, "networkx_seconds": base, "speedup": ratio, "agreement": agree}


def bench_sipri(graph: Graph) -> list[dict[str, Any]]:
    delete_all(graph)
    _, load_s = timed(lambda: load_paths(graph, [REGISTER]))
    s = Slice(weight="tiv")
    G, pull = timed(lambda: project(graph, s), 3)
    print(
        f"SIPRI register loaded in {load_s:.1f} s: {G.number_of_nodes()} nodes, {G.number_of_edges()} aggregated edges",
        flush=True,
    )
    out = []
    pr, t_pr = timed(lambda: analytics.pagerank(G), 3)
    bc, t_bc = timed(lambda: analytics.betweenness(G, weight="weight"), 3)
    naive, t_naive = timed(lambda: naive_pull(graph))
    nx_pr, t_nx_pr = timed(lambda: nx.pagerank(G, weight="weight"))
    H, _ = analytics._lengths(G, "weight")
    nx_bc, t_nx_bc = timed(lambda: nx.betweenness_centrality(H, weight="length"))
    out.append(
        row(
            "sipri pull (aggregated, chunked)",
            pull,
            t_naive,
            f"same edges: {set(naive.edges) == set(G.edges)}",
            "cypher",
        )
    )
    out.append(row("sipri pagerank (tiv)", t_pr, t_nx_pr, pagerank_agreement(G, pr, nx_pr)))
    out.append(row("sipri betweenness exact (1/tiv)", t_bc, t_nx_bc, f"max diff {max_diff(bc, nx_bc):.1e}"))
    total = pull + t_pr + t_bc
    out.append(
        row(
            "sipri pull + pagerank + betweenness",
            total,
            t_naive + t_nx_pr + t_nx_bc,
            f"target <= 1 s: {'met' if total <= 1 else 'MISSED'}",
            "all",
        )
    )
    return out


def synthetic_rows(n: int, m: int, seed: int) -> tuple[list[list[Any]], list[list[Any]]]:
    """A scale-free supplier graph: preferential attachment, edges as deals with years and TIV."""
    rng = random.Random(seed)
    g = ig.Graph.Barabasi(n, max(1, round(m / n)), directed=True, power=1.0, zero_appeal=1)
    nodes = [[f"org-{i}", f"Supplier {i}"] for i in range(n)]
    edges = []
    for i, (a, b) in enumerate(g.get_edgelist()[:m]):
        src, dst = (b, a)  # older (hub) nodes supply the newer ones
        year = rng.randint(1990, 2024)
        years = list(range(year + 1, min(year + 1 + rng.randint(1, 4), 2026)))
        units = rng.randint(1, 50)
        tiv = round(units * rng.uniform(0.5, 80), 3)
        edges.append([f"org-{src}", f"org-{dst}", f"syn-{i}", year, years, units, tiv])
    return nodes, edges


def load_synthetic(graph: Graph, n: int, m: int, seed: int, batch: int = 10_000) -> float:
    nodes, edges = synthetic_rows(n, m, seed)
    start = time.perf_counter()
    with graph.session() as session:
        for name, rows in (("analytics_bench_nodes", nodes), ("analytics_bench_edges", edges)):
            text = query(name)
            for i in range(0, len(rows), batch):
                session.execute_write(lambda tx, r=rows[i : i + batch], q=text: tx.run(q, rows=r).consume())
    return time.perf_counter() - start


def bench_synthetic(graph: Graph, n: int, m: int, k: int, seed: int, nx_limit: int) -> list[dict[str, Any]]:
    delete_all(graph)
    load_s = load_synthetic(graph, n, m, seed)
    G, pull = timed(lambda: project(graph, Slice(weight="tiv")), 2)
    print(
        f"synthetic graph loaded in {load_s:.1f} s: {G.number_of_nodes()} nodes, {G.number_of_edges()} "
        f"aggregated edges ({m} deals)",
        flush=True,
    )
    run_nx = m <= nx_limit
    out = []
    naive, t_naive = timed(lambda: naive_pull(graph)) if run_nx else (None, None)
    out.append(
        row(
            "synthetic pull",
            pull,
            t_naive,
            f"same edges: {set(naive.edges) == set(G.edges)}" if naive is not None else "",
            "cypher",
        )
    )
    _, t_conv = timed(lambda: to_igraph(G, "weight"))
    out.append(row("synthetic igraph conversion (once)", t_conv, None, "cached on the graph", "python"))
    pr, t_pr = timed(lambda: analytics.pagerank(G), 3)
    nx_pr, t_nx_pr = timed(lambda: nx.pagerank(G, weight="weight")) if run_nx else (None, None)
    out.append(row("synthetic pagerank (tiv)", t_pr, t_nx_pr, pagerank_agreement(G, pr, nx_pr) if nx_pr else ""))
    U = G.to_undirected(as_view=False)  # brokers regardless of direction: a connected sample
    bc, t_bc = timed(lambda: analytics.betweenness(U, k=k, seed=seed))
    nx_bc, t_nx_bc = timed(lambda: nx.betweenness_centrality(U, k=k, seed=seed)) if run_nx else (None, None)
    out.append(
        row(
            f"synthetic betweenness k={k}",
            t_bc,
            t_nx_bc,
            f"max diff {max_diff(bc, nx_bc):.1e} (same sources)" if nx_bc else "",
        )
    )
    parts, t_c = timed(lambda: analytics.communities(G))
    q = analytics.modularity(G, parts)
    if run_nx:
        nx_parts, t_nx_c = timed(lambda: nx.community.louvain_communities(analytics.undirected(G), seed=seed))
        agree = f"modularity {q:.4f} vs networkx {analytics.modularity(G, nx_parts):.4f}"
    else:
        t_nx_c, agree = None, f"modularity {q:.4f}"
    out.append(row("synthetic louvain (one seeded run)", t_c, t_nx_c, agree))
    return out


def check_sampled_top20(n: int, k: int, seed: int) -> dict[str, Any]:
    """Sampled betweenness against exact NetworkX on a graph small enough for exact."""
    G = nx.barabasi_albert_graph(n, 3, seed=seed)
    exact, t_exact = timed(lambda: nx.betweenness_centrality(G))
    sampled, t_s = timed(lambda: analytics.betweenness(G, k=k, seed=seed))
    top = lambda s: set(sorted(s, key=lambda x: -s[x])[:20])  # noqa: E731
    hits = len(top(exact) & top(sampled))
    print(
        f"  sampled (k={k}) vs exact networkx on BA({n}, 3): {hits}/20 of the exact top 20 "
        f"({t_s:.3f} s vs {t_exact:.1f} s)",
        flush=True,
    )
    return {"n": n, "k": k, "top20_overlap": hits}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=100_000)
    p.add_argument("--edges", type=int, default=500_000)
    p.add_argument("--k", type=int, default=256)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--skip-networkx-above", type=int, default=10**9, help="edges above which NetworkX is skipped")
    p.add_argument("--check-size", type=int, default=2000, help="graph size of the sampled-vs-exact check")
    p.add_argument("--home", type=Path, default=ROOT / "var" / "bench-neo4j-analytics")
    p.add_argument("--bolt-port", type=int, default=37688)
    p.add_argument("--http-port", type=int, default=37475)
    p.add_argument("--heap", default="1g")
    p.add_argument("--json", type=Path, help="write the figures here")
    a = p.parse_args()
    settings = settings_for(
        a.home, a.bolt_port, a.http_port, heap=a.heap, transaction_timeout_s=1800
    )  # the one-record-per-edge baseline is slow
    figures: dict[str, Any] = {"nodes": a.nodes, "edges": a.edges}
    with own_server(settings), open_driver(settings) as driver:
        graph = Graph(driver, settings.neo4j_database)
        apply_schema(graph)
        print("== full SIPRI register", flush=True)
        figures["sipri"] = bench_sipri(graph)
        print(f"== synthetic scale-free graph: {a.nodes} nodes, {a.edges} deals", flush=True)
        figures["synthetic"] = bench_synthetic(graph, a.nodes, a.edges, a.k, a.seed, a.skip_networkx_above)
        figures["sampled_check"] = check_sampled_top20(a.check_size, a.k, a.seed)
        delete_all(graph)
    if a.json:
        a.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
