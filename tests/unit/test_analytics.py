"""Analytics on small graphs with known answers, and igraph agreeing with NetworkX."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analytics import measures as analytics
from graph.analytics.projection import Slice, to_digraph
from graph.analytics.trade import change, dependence
from graph.cache import ResultCache
from graph.errors import InvalidInput


def weighted_digraph(n: int = 60, p: float = 0.08, seed: int = 7) -> nx.DiGraph:
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    rng = random.Random(seed)
    for _, _, d in G.edges(data=True):  # powers of 2: path lengths 1/w add up exactly
        d["weight"] = float(rng.choice((1, 2, 4, 8)))
    return G


GRAPHS = {
    "florentine": nx.florentine_families_graph(),
    "karate": nx.karate_club_graph(),
    "digraph": nx.gnp_random_graph(80, 0.06, seed=3, directed=True),
    "weighted_digraph": weighted_digraph(),
}

# (measure, weight attribute or None, graphs it is well defined on)
CASES = [
    ("pagerank", None, list(GRAPHS)),
    ("pagerank", "weight", ["weighted_digraph", "karate"]),
    ("betweenness", None, list(GRAPHS)),
    ("betweenness", "weight", ["weighted_digraph"]),
    ("closeness", None, list(GRAPHS)),
    ("closeness", "weight", ["weighted_digraph", "karate"]),
    ("eigenvector", None, ["florentine", "karate", "digraph"]),
    ("eigenvector", "weight", ["weighted_digraph", "karate"]),
    ("hits", None, ["florentine", "digraph"]),
    ("hits", "weight", ["weighted_digraph"]),
]


def _nx_reference(G: nx.Graph, name: str, weight: str | None) -> dict:
    """NetworkX called directly (a weight is a tie strength; paths use 1/weight)."""
    if name == "pagerank":
        return nx.pagerank(G, weight=weight, tol=1e-12, max_iter=1000)
    if name in ("betweenness", "closeness"):
        H = G.copy()
        for _, _, d in H.edges(data=True):
            d["length"] = 1.0 / d[weight] if weight else 1.0
        if name == "betweenness":
            return nx.betweenness_centrality(H, weight="length" if weight else None)
        return nx.closeness_centrality(H, distance="length" if weight else None)
    if name == "eigenvector":
        return nx.eigenvector_centrality(G, weight=weight, tol=1e-14, max_iter=10_000)
    H = G if weight else nx.DiGraph(G.edges()) if G.is_directed() else nx.Graph(G.edges())
    return nx.hits(H, tol=1e-14, max_iter=10_000)[0]


@pytest.mark.parametrize(("name", "weight", "graph"), [(m, w, g) for m, w, gs in CASES for g in gs])
def test_igraph_engine_equals_networkx_within_1e6(name: str, weight: str | None, graph: str) -> None:
    G = GRAPHS[graph]
    expected = _nx_reference(G, name, weight)
    got = analytics.measure(G, name, weight=weight, engine="igraph")
    assert got.engine == "igraph"
    assert set(got.scores) == set(expected)
    worst = max(abs(got.scores[n] - expected[n]) for n in expected)
    assert worst <= 1e-6, f"{name} on {graph}: max difference {worst}"
    mine = analytics.measure(G, name, weight=weight, engine="networkx")
    assert mine.engine == "networkx"
    assert max(abs(mine.scores[n] - expected[n]) for n in expected) <= 1e-6


@pytest.mark.parametrize("graph", ["karate", "digraph", "weighted_digraph"])
@pytest.mark.parametrize("seed", [0, 42])
def test_sampled_betweenness_is_networkx_sampled_betweenness(graph: str, seed: int) -> None:
    G = GRAPHS[graph]
    weight = "weight" if graph == "weighted_digraph" else None
    got = analytics.betweenness(G, k=16, seed=seed, weight=weight, engine="igraph")
    ref = analytics.betweenness(G, k=16, seed=seed, weight=weight, engine="networkx")
    assert max(abs(got[n] - ref[n]) for n in G) <= 1e-9


FLORENTINE_BETWEENNESS = {
    "Medici": 0.521978,
    "Guadagni": 0.254579,
    "Albizzi": 0.212454,
    "Salviati": 0.142857,
    "Ridolfi": 0.113553,
    "Bischeri": 0.104396,
}


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_florentine_betweenness_known_values(engine: str) -> None:
    b = analytics.betweenness(nx.florentine_families_graph(), engine=engine)
    for family, value in FLORENTINE_BETWEENNESS.items():
        assert b[family] == pytest.approx(value, abs=1e-6)
    assert analytics.ranked(b, 1)[0][0] == "Medici"


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("in", {"IND": 1.0, "CHN": 0.5, "RUS": 0.0}),
        ("out", {"RUS": 1.0, "FRA": 0.5, "IND": 0.0}),
    ],
)
def test_degree_directions(direction: str, expected: dict) -> None:
    G = nx.DiGraph([("RUS", "IND"), ("FRA", "IND"), ("RUS", "CHN")])
    G.add_node("X")
    scores = analytics.degree(G, direction=direction)
    assert {k: scores[k] for k in expected} == pytest.approx({k: v / 2 for k, v in expected.items()})


def test_weighted_degree_sums_weights() -> None:
    G = nx.DiGraph()
    G.add_weighted_edges_from([("RUS", "IND", 3.0), ("FRA", "IND", 1.5), ("RUS", "CHN", 2.0)])
    assert analytics.degree(G, "weight", "in")["IND"] == 4.5
    assert analytics.degree(G, "weight", "out")["RUS"] == 5.0
    assert analytics.degree(G, "weight")["RUS"] == 5.0


def test_two_planted_blocs_are_found_by_both_engines() -> None:
    G = nx.DiGraph()
    blocs = [[f"w{i}" for i in range(6)], [f"e{i}" for i in range(6)]]
    for bloc in blocs:
        G.add_weighted_edges_from((a, b, 5.0) for a in bloc for b in bloc if a < b)
    G.add_edge("w0", "e0", weight=1.0)
    expected = [set(blocs[0]), set(blocs[1])]
    for engine in ("igraph", "networkx"):
        parts = analytics.communities(G, engine=engine)
        assert sorted(parts, key=lambda p: sorted(p)) == sorted(expected, key=lambda p: sorted(p))


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_communities_of_a_graph_without_weight_are_its_entities(engine: str) -> None:
    """Claims carry no TIV: weighted by TIV, the graph has no structure, and no division by zero."""
    G = nx.DiGraph([("IRN", "RUS", {"weight": 0.0}), ("PRK", "RUS", {"weight": 0.0})])
    G.add_node("SRB")
    parts = analytics.communities(G, weight="weight", engine=engine)
    assert sorted(map(sorted, parts)) == [["IRN"], ["PRK"], ["RUS"], ["SRB"]]
    assert analytics.modularity(G, parts, weight="weight") == 0.0
    assert len(analytics.communities(G, weight=None, engine=engine)) == 2  # unweighted, the edges count


@pytest.mark.parametrize("graph", ["karate", "florentine", "weighted_digraph"])
def test_louvain_engines_reach_the_same_modularity(graph: str) -> None:
    G = GRAPHS[graph]
    weight = "weight" if graph == "weighted_digraph" else None
    # One seeded Louvain run in each engine: a heuristic, so over a few seeds either may win one;
    # the best each reaches is the same.
    q = {
        e: max(
            analytics.modularity(G, analytics.communities(G, weight=weight, seed=seed, engine=e), weight=weight)
            for seed in range(5)
        )
        for e in ("igraph", "networkx")
    }
    assert q["igraph"] >= q["networkx"] - 0.005
    parts = analytics.communities(G, weight=weight)
    assert set().union(*parts) == set(G) and sum(map(len, parts)) == len(G)


def test_dependence_shares_and_hhi() -> None:
    G = nx.DiGraph()
    G.add_weighted_edges_from([("RUS", "IND", 6.0), ("FRA", "IND", 3.0), ("USA", "IND", 1.0), ("USA", "SAU", 10.0)])
    d = dependence(G)
    assert d["IND"]["suppliers"] == {"RUS": 0.6, "FRA": 0.3, "USA": 0.1}
    assert d["IND"]["hhi"] == pytest.approx(0.36 + 0.09 + 0.01)
    assert d["SAU"]["hhi"] == 1.0 and d["SAU"]["total"] == 10.0
    assert set(d) == {"IND", "SAU"}
    assert dependence(G, ["ZZZ"])["ZZZ"] == {"total": 0, "hhi": 0, "suppliers": {}}


def test_change_names_who_rose_and_who_fell() -> None:
    c = change({"USA": 0.5, "RUS": 0.3, "FRA": 0.1}, {"USA": 0.5, "FRA": 0.35, "TUR": 0.05})
    assert c["RUS"]["delta"] == -0.3 and c["RUS"]["rank_after"] is None
    assert c["FRA"]["delta"] == pytest.approx(0.25)
    assert (c["FRA"]["rank_before"], c["FRA"]["rank_after"]) == (3, 2)
    assert c["TUR"]["rank_before"] is None and c["USA"]["delta"] == 0


def test_ranked_shares_ranks_on_ties_and_cuts_at_top() -> None:
    assert analytics.ranked({"a": 2.0, "b": 2.0, "c": 1.0, "d": 0.5}, 3) == [
        ("a", 2.0, 1),
        ("b", 2.0, 1),
        ("c", 1.0, 3),
    ]


def test_measure_reports_engine_parameters_size_and_time() -> None:
    G = GRAPHS["weighted_digraph"]
    r = analytics.measure(G, "betweenness", weight="weight", k=10, seed=1)
    assert (r.engine, r.nodes, r.edges) == ("igraph", G.number_of_nodes(), G.number_of_edges())
    assert r.params == {"weight": "weight", "k": 10, "seed": 1} and r.seconds >= 0
    assert analytics.measure(G, "in_degree").engine == "networkx"
    with pytest.raises(ValueError, match="measure must be one of"):
        analytics.measure(G, "katz")


def test_slice_validates_against_the_model() -> None:
    s = Slice(types=("SUPPLIES",), labels=("Country",), exclude_statuses=("denied",), weight="tiv")
    assert s.params()["types"] == ["SUPPLIES"]
    bad_slices = (
        {"types": ("SELLS",)},
        {"labels": ("Report",)},
        {"weight": "money"},
        {"since": 2020, "until": 2010},
        {"exclude_statuses": ("rumoured",)},
        {"basis": "signature"},
    )
    for bad in bad_slices:
        with pytest.raises(InvalidInput):
            Slice(**bad)  # type: ignore[arg-type]
    assert Slice(since=2019) == Slice(since=2019, chunk=5) and hash(Slice()) == hash(Slice())


def test_to_digraph_takes_packed_rows_and_the_chosen_weight() -> None:
    G = to_digraph(
        [[7], [9], [3], [40.0], [120.5]],
        [[9, 7], ["IND", "RUS"], ["India", "Russia"], ["Country", "Country"]],
        Slice(weight="tiv"),
    )
    assert G["RUS"]["IND"] == {"count": 3, "units": 40.0, "tiv": 120.5, "weight": 120.5}
    assert G.nodes["IND"] == {"name": "India", "label": "Country"}


def test_gc_paused_restores_the_collector_as_it_was() -> None:
    import gc

    from graph.analytics.projection import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the inner exit leaves it paused
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), gc_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_cache_computes_once_per_key() -> None:
    cache, calls = ResultCache(maxsize=2), []
    for key in ("a", "a", "b", "c", "a"):
        cache.get_or_compute(key, lambda k=key: calls.append(k) or k)
    assert calls == ["a", "b", "c", "a"] and len(cache) == 2 and cache.hits == 1


def test_cache_computes_a_key_asked_by_many_threads_at_once_once() -> None:
    import threading
    import time

    cache, calls = ResultCache(), []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "value"

    got: list[tuple[str, bool]] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get_or_compute("k", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and sorted(got) == [("value", False)] + [("value", True)] * 7
    assert cache.get("k") == "value" and cache.get("missing", 0) == 0


def test_cache_lets_a_waiting_thread_retry_when_the_computation_fails() -> None:
    cache = ResultCache()
    with pytest.raises(ZeroDivisionError):
        cache.get_or_compute("k", lambda: 1 // 0)
    assert cache.get_or_compute("k", lambda: 7) == (7, False)


def test_cache_bounded_by_bytes_drops_the_least_recently_asked() -> None:
    cache = ResultCache(maxsize=100, max_bytes=10)
    for key, value in (("a", b"1234"), ("b", b"1234"), ("c", b"1234")):
        cache.get_or_compute(key, lambda v=value: v)
    assert cache.get("a") is None and cache.get("b") == b"1234" and cache.nbytes == 8
    cache.get_or_compute("big", lambda: b"x" * 11)  # over the whole budget: answered, not kept
    assert cache.get("big") is None and len(cache) == 2
    nothing = ResultCache(max_bytes=0)
    assert nothing.get_or_compute("k", lambda: b"v") == (b"v", False) and len(nothing) == 0
