"""The query surface on the full SIPRI trade register plus the seed claims."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.query.chains import chains, paths
from loaders.registers.sipri import read_register
from settings import Settings

from ..conftest import SAMPLES

REGISTER = SAMPLES / "sipri" / "trade-register-all-1950-2025.csv"


def test_chains_and_tiv_over_the_full_register(
    loaded: Callable[..., Graph], neo4j_settings: Settings, seed_claims: Path
) -> None:
    graph = loaded(REGISTER, seed_claims)
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
        link = next(
            c["links"][0]
            for c in client.get("/chains", params=params).json()["chains"]
            if c["links"][0]["source"] == "RUS"
        )
        assert link["deals"] > 10 and len(link["edges"]) == (3 if per_link is None else per_link)
    assert client.get("/chains", params={**rus_ind, "edges_per_link": 11}).status_code == 422

    # the in-memory supply index and Neo4j hop by hop give the same chains, filters and all
    for kw in (
        {"since": 2000, "until": 2025},
        {},
        {"direction": "downstream", "since": 2014},
        {"weapon": "shahed-136"},
        {"status": "agreed", "max_hops": 4},
        {"as_of": "2022-10-20", "time_consistent": True},
    ):
        fast = chains(graph, "Russia", use_index=True, limit=500, **kw)  # type: ignore[arg-type]
        slow = chains(graph, "Russia", use_index=False, limit=500, **kw)  # type: ignore[arg-type]
        assert fast["total"] > 0 and fast == slow, kw

    # shortest paths in memory are as long as Neo4j's SHORTEST finds, and made of real, kept edges
    rng = random.Random(3)
    countries = [r["key"] for r in graph.read_text("MATCH (c:Country) RETURN c.key AS key ORDER BY key")]
    options: list[dict[str, Any]] = [
        {},
        {"since": 2014},
        {"until": 1990},
        {"as_of": "2022-10-20"},
        {"types": ["SUPPLIES"], "max_hops": 3},
    ]
    found = 0
    for _ in range(40):
        source, target = rng.sample(countries, 2)
        kw = rng.choice(options)
        fast = paths(graph, source, target, **kw)["paths"]
        slow = paths(graph, source, target, use_index=False, **kw)["paths"]
        assert [p["hops"] for p in fast] == [p["hops"] for p in slow], (source, target, kw)
        for p in fast:
            found += 1
            assert [n["key"] for n in p["nodes"]][:: p["hops"]] == [source, target]
            assert [e["source"] for e in p["edges"]] == [n["key"] for n in p["nodes"][:-1]]
            assert all(
                e["year"] >= kw["since"] or max(e.get("delivery_years") or [0]) >= kw["since"]
                for e in p["edges"]
                if "since" in kw and e.get("year") is not None
            )
    assert found > 10

    path = client.get("/paths", params={"source": "Iran", "target": "Ukraine"}).json()["paths"][0]
    assert path["nodes"][0]["key"] == "IRN" and path["nodes"][-1]["key"] == "UKR" and path["hops"] == 2
