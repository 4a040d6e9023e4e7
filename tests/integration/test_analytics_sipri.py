"""Analytics on the full SIPRI trade register: the projection equals a plain aggregation of the CSV.

The window is on delivery years: a deal counts in 2019-2023 when one of its delivery years is
in it, with its delivered TIV pro-rated over its delivery years (the register gives one TIV
total per deal), the definition ``cypher/project_edges.cypher`` implements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.analytics import measures as analytics
from graph.analytics.projection import Slice, project
from graph.db import Graph
from loaders.registers.sipri import read_register
from settings import Settings

REGISTER = Path(__file__).resolve().parents[2] / "samples" / "sipri" / "trade-register-all-1950-2025.csv"


def csv_supplier_tiv(since: int, until: int) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    with read_register(REGISTER) as register:
        for deal in register.deals:
            years = deal.attrs.get("delivery_years") or []
            inside = [y for y in years if since <= y <= until]
            if inside:
                totals[deal.supplier.key] += deal.attrs.get("tiv_delivered", 0.0) * len(inside) / len(years)
    return dict(totals)


@pytest.fixture
def sipri(loaded: Callable[..., Graph]) -> Graph:
    """The register alone, loaded once for the tests of this module (they only read it)."""
    return loaded(REGISTER)


def test_top_10_suppliers_by_delivered_tiv_2019_2023_match_the_csv(sipri: Graph) -> None:
    expected = csv_supplier_tiv(2019, 2023)
    top = sorted(expected, key=lambda k: -expected[k])[:10]
    G = project(sipri, Slice(since=2019, until=2023, basis="delivery", weight="tiv"))
    scores = analytics.degree(G, weight="weight", direction="out")
    got = [n for n, _, _ in analytics.ranked(scores, 10)]
    assert got == top
    for key in top:
        assert scores[key] == pytest.approx(expected[key], rel=1e-9)
    assert top[:2] == ["USA", "RUS"] or top[:2] == ["USA", "FRA"]


def test_full_register_pull_pagerank_and_weighted_betweenness(sipri: Graph) -> None:
    G = project(sipri, Slice(weight="tiv"))
    pr = analytics.pagerank(G)
    bc = analytics.betweenness(G, weight="weight")
    assert G.number_of_nodes() > 200 and G.number_of_edges() > 2000
    assert max(pr.values()) > 0 and max(bc.values()) > 0
    ref = analytics.pagerank(G, engine="networkx")
    assert max(abs(pr[n] - ref[n]) for n in G) <= 1e-6


def test_who_rose_and_who_fell_matches_the_csv(sipri: Graph, neo4j_settings: Settings) -> None:
    """GET /change: delivered TIV out of each supplier, 2014-2018 against 2019-2023."""
    before, after = csv_supplier_tiv(2014, 2018), csv_supplier_tiv(2019, 2023)
    delta = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in set(before) | set(after)}
    client = TestClient(create_app(neo4j_settings, sipri))
    windows = {"before_since": 2014, "before_until": 2018, "after_since": 2019, "after_until": 2023}
    r = client.get("/change", params={**windows, "top": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [x["key"] for x in body["rose"]] == sorted((k for k in delta if delta[k] > 0), key=lambda k: -delta[k])[:5]
    assert [x["key"] for x in body["fell"]] == sorted((k for k in delta if delta[k] < 0), key=lambda k: delta[k])[:5]
    rus = next(x for x in body["fell"] if x["key"] == "RUS")
    assert rus["before"] == pytest.approx(before["RUS"], rel=1e-9) and rus["delta"] == pytest.approx(delta["RUS"])
    assert body["params"]["before"] == [2014, 2018] and not body["cached"]
    assert client.get("/change", params={**windows, "top": 5}).json()["cached"]
    bad = client.get("/change", params={**windows, "before_since": 2019, "before_until": 2014})
    assert bad.status_code == 422 and "before_since" in bad.json()["detail"]
