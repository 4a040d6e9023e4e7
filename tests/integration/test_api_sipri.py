"""The query surface on the full SIPRI trade register plus the seed claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.config import Settings
from graph.db import Graph
from loaders.load import load_paths
from loaders.sipri import read_register

from ..conftest import SHARED

REGISTER = SHARED / "data" / "sipri" / "trade-register-all-1950-2025.csv"


@pytest.mark.skipif(not REGISTER.exists(), reason="the SIPRI register is not in ../shared")
def test_chains_and_tiv_over_the_full_register(
    graph: Graph, neo4j_settings: Settings, seed_claims: Path
) -> None:
    load_paths(graph, [REGISTER, seed_claims])
    client = TestClient(create_app(neo4j_settings, graph))
    r = client.get("/chains", params={"root": "Russia", "direction": "upstream", "max_hops": 3, "limit": 500})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] >= len(body["chains"]) > 10
    hop1 = client.get("/chains", params={"root": "Russia", "max_hops": 1, "since": 2022, "limit": 500}).json()
    assert {"IRN", "PRK"} <= {c["links"][0]["source"] for c in hop1["chains"]}
    assert max(c["hops"] for c in body["chains"]) == 3

    with read_register(REGISTER) as register:
        expected = sum(
            d.attrs.get("tiv_delivered") or 0.0
            for d in register.deals
            if d.supplier.key == "RUS" and d.recipient.key == "IND"
        )
    assert expected > 1000
    links = client.get("/chains", params={"root": "India", "max_hops": 1, "limit": 500}).json()["chains"]
    got = [c["links"][0] for c in links if c["links"][0]["source"] == "RUS"]
    assert len(got) == 1 and got[0]["tiv_delivered"] == pytest.approx(expected, abs=0.01)

    # each link lists at most edges_per_link of its deals (3 unless asked), and counts them all
    rus_ind = {"root": "India", "max_hops": 1, "limit": 500}
    for per_link in (None, 0, 1, 10):
        params = rus_ind if per_link is None else {**rus_ind, "edges_per_link": per_link}
        link = next(c["links"][0] for c in client.get("/chains", params=params).json()["chains"]
                    if c["links"][0]["source"] == "RUS")
        assert link["deals"] > 10 and len(link["edges"]) == (3 if per_link is None else per_link)
    assert client.get("/chains", params={**rus_ind, "edges_per_link": 11}).status_code == 422

    path = client.get("/paths", params={"source": "Iran", "target": "Ukraine"}).json()["paths"][0]
    assert path["nodes"][0]["key"] == "IRN" and path["nodes"][-1]["key"] == "UKR" and path["hops"] == 2
