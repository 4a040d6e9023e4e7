"""The query surface over HTTP on a small hand-built graph with known answers, and on the seed claims."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.query.chains import chains
from loaders.load import load_paths
from settings import Settings

from .helpers import graph_hash

ORG = "Organization"


def fact(s: str, o: str, date: str, status: str = "delivered", weapons: list[str] | None = None) -> dict[str, Any]:
    return {
        "subject": s,
        "subject_type": ORG,
        "predicate": "SUPPLIES",
        "object": o,
        "object_type": ORG,
        "weapon_systems": weapons or [],
        "date": date,
        "status": status,
        "evidence": f"{s} supplied {o}",
    }


DOCS = [
    {
        "id": "r1",
        "title": "Report one",
        "published": "2020-01-01",
        "facts": [fact("Gamma Works", "Beta Group", "2019-03-01", weapons=["Widget-7"])],
        "entities": [{"name": "Gamma Works", "type": ORG, "aliases": ["Gamma"]}],
    },
    {
        "id": "r2",
        "title": "Report two",
        "published": "2021-06-01",
        "facts": [fact("Beta Group", "Alpha Corp", "2021-02-01", weapons=["Widget-7"])],
        "entities": [{"name": "Alpha Corp", "type": ORG, "aliases": ["Alpha Corporation"]}],
    },
    {
        "id": "r3",
        "title": "Report three",
        "published": "2023-05-01",
        "facts": [
            fact("Delta Force", "Alpha Corp", "2023-01-10", status="alleged"),
            fact("Epsilon Ltd", "Delta Force", "2024-01-01", status="agreed"),
        ],
        "entities": [],
    },
]


@pytest.fixture
def small(graph: Graph, tmp_path: Path) -> Graph:
    paths = []
    for doc in DOCS:
        p = tmp_path / f"{doc['id']}.json"
        p.write_text(json.dumps(doc))
        paths.append(p)
    load_paths(graph, paths)
    return graph


@pytest.fixture
def client(graph: Graph, neo4j_settings: Settings) -> TestClient:
    settings = neo4j_settings.model_copy(update={"cypher_timeout_s": 2.0, "max_page_size": 100})
    return TestClient(create_app(settings, graph))


def chain_names(body: dict[str, Any]) -> list[list[str]]:
    return sorted([lk["source_name"] for lk in c["links"]] for c in body["chains"])


def test_chains_upstream_on_the_small_graph(small: Graph, client: TestClient) -> None:
    r = client.get("/chains", params={"root": "Alpha Corp"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["root"]["name"] == "Alpha Corp" and body["total"] == 4
    # every chain up to max_hops, shortest first: the direct suppliers are chains of their own
    assert [[lk["source_name"] for lk in c["links"]] for c in body["chains"]] == [
        ["Beta Group"],
        ["Delta Force"],
        ["Beta Group", "Gamma Works"],
        ["Delta Force", "Epsilon Ltd"],
    ]
    link = next(c for c in body["chains"] if c["links"][0]["source_name"] == "Beta Group")["links"][0]
    assert link["first_year"] == 2021 and link["edges"][0]["sources"] == ["r2"]
    assert body["reports"]["r2"]["title"] == "Report two"


def test_a_supplier_reached_by_two_routes_is_counted_once(graph: Graph, client: TestClient, tmp_path: Path) -> None:
    """Upstream of Alpha, Delta is reached through Beta and through Gamma; its own supplier's link
    counts its one deal once, whether the hop is taken in memory or in Neo4j."""
    facts = [
        fact("Beta Group", "Alpha Corp", "2021-01-01"),
        fact("Gamma Works", "Alpha Corp", "2021-01-01"),
        fact("Delta Force", "Beta Group", "2020-01-01"),
        fact("Delta Force", "Gamma Works", "2020-01-01"),
        fact("Epsilon Ltd", "Delta Force", "2019-01-01"),
    ]
    doc = tmp_path / "diamond.json"
    doc.write_text(json.dumps({"id": "d1", "title": "Diamond", "published": "2022-01-01", "facts": facts}))
    load_paths(graph, [doc])
    body = client.get("/chains", params={"root": "Alpha Corp", "max_hops": 3}).json()
    assert body["total"] == 6  # Beta, Gamma; Delta through each; Epsilon through each
    assert sorted(c["hops"] for c in body["chains"]) == [1, 1, 2, 2, 3, 3]
    for c in body["chains"]:
        assert [lk["deals"] for lk in c["links"]] == [1] * c["hops"]
    for use_index in (True, False):
        found = chains(graph, "Alpha Corp", max_hops=3, use_index=use_index)
        assert {lk["deals"] for c in found["chains"] for lk in c["links"]} == {1}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"time_consistent": "true"}, [["Beta Group"], ["Beta Group", "Gamma Works"], ["Delta Force"]]),
        ({"as_of": "2021-12-31"}, [["Beta Group"], ["Beta Group", "Gamma Works"]]),
        ({"as_of": "2020-06-01"}, []),
        ({"since": 2022}, [["Delta Force"], ["Delta Force", "Epsilon Ltd"]]),
        ({"until": 2021}, [["Beta Group"], ["Beta Group", "Gamma Works"]]),
        ({"max_hops": 1}, [["Beta Group"], ["Delta Force"]]),
        ({"status": "alleged"}, [["Delta Force"]]),
        ({"weapon": "widget-7"}, [["Beta Group"], ["Beta Group", "Gamma Works"]]),
    ],
)
def test_chain_filters_apply_inside_the_pattern(
    small: Graph, client: TestClient, params: dict[str, Any], expected: list[list[str]]
) -> None:
    r = client.get("/chains", params={"root": "alpha corporation", **params})
    assert r.status_code == 200, r.text
    assert chain_names(r.json()) == expected


def test_chains_downstream(small: Graph, client: TestClient) -> None:
    body = client.get("/chains", params={"root": "Gamma", "direction": "downstream"}).json()
    assert [[lk["target_name"] for lk in c["links"]] for c in body["chains"]] == [
        ["Beta Group"],
        ["Beta Group", "Alpha Corp"],
    ]
    assert body["chains"][0]["entities"][0] == body["root"]["key"]


def test_paths_shortest_and_all(small: Graph, client: TestClient) -> None:
    body = client.get("/paths", params={"source": "Gamma Works", "target": "Alpha Corp"}).json()
    assert [[n["name"] for n in p["nodes"]] for p in body["paths"]] == [["Gamma Works", "Beta Group", "Alpha Corp"]]
    assert [e["year"] for e in body["paths"][0]["edges"]] == [2019, 2021]
    none = client.get("/paths", params={"source": "Gamma Works", "target": "Alpha Corp", "max_hops": 1}).json()
    assert none["paths"] == []
    early = client.get("/paths", params={"source": "Gamma", "target": "Alpha Corp", "as_of": "2020-12-31"}).json()
    assert early["paths"] == []
    every = client.get("/paths", params={"source": "Epsilon Ltd", "target": "Alpha Corp", "mode": "all"}).json()
    assert [p["hops"] for p in every["paths"]] == [2]


def test_entity_detail_and_as_of(small: Graph, client: TestClient) -> None:
    body = client.get("/entities/Alpha Corporation").json()
    assert body["name"] == "Alpha Corp" and "Alpha Corporation" in body["aliases"]
    assert body["total_relationships"] == 2
    rel = next(r for r in body["relationships"] if r["other"]["name"] == "Beta Group")
    assert rel["direction"] == "in" and rel["status"] == "delivered" and rel["weapons"] == ["Widget-7"]
    assert rel["statements"] == [
        {
            "source": "r2",
            "title": "Report two",
            "published": "2021-06-01",
            "evidence": "Beta Group supplied Alpha Corp",
            "status": "delivered",
            "date": "2021-02-01",
        }
    ]
    assert client.get("/entities/alpha-corp", params={"as_of": "2022-01-01"}).json()["total_relationships"] == 1


def test_timeline_in_order(small: Graph, client: TestClient) -> None:
    body = client.get("/timeline", params={"entity": "Delta Force"}).json()
    assert [(e["year"], e["other"]["name"]) for e in body["events"]] == [
        (2023, "Alpha Corp"),
        (2024, "Epsilon Ltd"),
    ]
    assert client.get("/timeline", params={"entity": "Delta Force", "since": 2024}).json()["total"] == 1


def test_unknown_names_404_with_suggestions_and_bad_params_422(small: Graph, client: TestClient) -> None:
    r = client.get("/chains", params={"root": "Alfa Corp"})
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert "Alpha Corp" in r.json()["suggestions"]
    for params, name in [
        ({"root": "Alpha Corp", "max_hops": 9}, "max_hops"),
        ({"root": "Alpha Corp", "as_of": "yesterday"}, "as_of"),
        ({"root": "Alpha Corp", "status": "rumoured"}, "status"),
        ({"root": "Alpha Corp", "limit": 101}, "limit"),
        ({"root": "Alpha Corp", "direction": "sideways"}, "direction"),
    ]:
        r = client.get("/chains", params=params)
        assert r.status_code == 422 and name in r.json()["detail"], (params, r.text)
        assert "MATCH" not in r.text and "Traceback" not in r.text


@pytest.mark.parametrize(
    "bad",
    [
        "SUPPLIES]->() DETACH DELETE n //",
        "SUPPLIES`) DELETE r //",
        "Entity:Country",
        "supplies|used_against",
        "$(x)",
    ],
)
def test_injection_through_type_and_label_params_is_422(small: Graph, client: TestClient, bad: str) -> None:
    before = graph_hash(small)
    r1 = client.get("/paths", params={"source": "Gamma", "target": "Alpha Corp", "types": bad})
    r2 = client.get("/entities", params={"q": "Alpha", "type": bad})
    assert r1.status_code == 422 and r2.status_code == 422
    assert graph_hash(small) == before


def test_seed_claims_answer_the_issue_questions(graph: Graph, client: TestClient, seed_claims: Path) -> None:
    load_paths(graph, [seed_claims])
    up = client.get("/chains", params={"root": "Russia", "direction": "upstream", "since": 2022}).json()
    assert {c["entities"][0] for c in up["chains"]} == {"IRN", "PRK"}
    for ref in ("IRN", "Iran", "Islamic Republic of Iran", "islamic republic"):
        assert client.get(f"/entities/{ref}").json()["key"] == "IRN"
    hits = client.get("/entities", params={"q": "Kouleba"}).json()["items"]
    assert hits[0]["name"] == "Dmytro Kuleba"
    assert client.get("/entities", params={"q": "Kulebba"}).json()["items"][0]["name"] == "Dmytro Kuleba"
    assert client.get("/entities", params={"q": "Iran", "type": "Person"}).json()["items"] == [] or all(
        h["type"] == "Person" for h in client.get("/entities", params={"q": "Iran", "type": "Person"}).json()["items"]
    )
    path = client.get("/paths", params={"source": "Iran", "target": "Ukraine"}).json()["paths"][0]
    assert [n["key"] for n in path["nodes"]] == ["IRN", "RUS", "UKR"]
    assert [e["type"] for e in path["edges"]] == ["SUPPLIES", "USED_AGAINST"]
    m = client.get("/paths", params={"source": "Mokhber", "target": "Russia", "types": "VISITED,LOCATED_IN"}).json()
    assert [n["name"] for n in m["paths"][0]["nodes"]] == ["Mohammad Mokhber", "Moscow", "Russia"]
    detail = client.get("/entities/Mokhber").json()
    assert {r["type"] for r in detail["relationships"]} == {"VISITED", "HOLDS_ROLE"}
    assert client.get("/timeline", params={"entity": "Iran"}).json()["events"][0]["date"] == "2022-10-06"
    assert client.get("/chains", params={"root": "Russia", "as_of": "2022-10-18"}).json()["chains"] == []


def test_every_non_get_route_needs_the_write_key(graph: Graph, neo4j_settings: Settings) -> None:
    app = create_app(neo4j_settings, graph)
    client = TestClient(app)
    read_only_posts = {"/cypher", "/export"}  # read-only queries with a body; guarded by their checks instead
    # CORS preflights of the Neo4j Browser's guide and style (static, public documents): they write nothing
    preflights = {("OPTIONS", "/browser-guide"), ("OPTIONS", "/browser-style")}
    checked = 0

    def walk(routes: list) -> list:  # type: ignore[type-arg]
        out = []
        for r in routes:
            inner = getattr(r, "original_router", None)
            out.extend(walk(inner.routes) if inner is not None else [r])
        return out

    for route in walk(app.routes):
        methods = set(getattr(route, "methods", None) or ()) - {"GET", "HEAD"}
        for method in methods:
            path = route.path  # type: ignore[attr-defined]
            if path in read_only_posts or (method, path) in preflights:
                continue
            assert client.request(method, path, json={}).status_code == 401, path
            r = client.request(method, path, json={}, headers={"X-API-Key": "armsgraph-dev-read-key"})
            assert r.status_code == 403, path
            checked += 1
    assert checked >= 3


def test_write_routes_load_with_the_write_key(graph: Graph, client: TestClient) -> None:
    key = {"X-API-Key": "armsgraph-dev-write-key"}
    r = client.post("/claims", json=DOCS[1], headers=key)
    assert r.status_code == 200, r.text
    assert r.json()["facts"] == 1 and r.json()["relationships_created"] >= 1
    assert client.get("/entities/Alpha Corp").json()["total_relationships"] == 1
    assert client.post("/claims", json={"facts": "x"}, headers=key).status_code == 422
    assert client.post("/cypher", content=b"x" * (21 * 1024 * 1024), headers=key).status_code == 413
