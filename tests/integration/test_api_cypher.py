"""POST /cypher: read queries answer; hostile ones are refused and the graph does not change."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from loaders.load import load_paths
from settings import Settings

from .helpers import graph_hash

HOSTILE = [
    "CREATE (n:Entity {key: 'x'})",
    "MERGE (n:Entity {key: 'x'}) RETURN n",
    "MATCH (n:Entity) SET n.name = 'x'",
    "MATCH (n:Entity) SET n:Hacked",
    "MATCH (n:Entity) REMOVE n.name",
    "MATCH (n) DETACH DELETE n",
    "MATCH ()-[r]->() DELETE r",
    "MATCH (n) FOREACH (x IN [1] | SET n.x = x)",
    "MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS OF 10 ROWS",
    "CALL () { CREATE (:Entity {key: 'y'}) } RETURN 1",
    "CREATE INDEX hacked IF NOT EXISTS FOR (n:Entity) ON (n.x)",
    "DROP CONSTRAINT entity_key",
    "CREATE CONSTRAINT c IF NOT EXISTS FOR (n:Report) REQUIRE n.x IS UNIQUE",
    "SHOW USERS",
    "SHOW SETTINGS",
    "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "ALTER USER neo4j SET PASSWORD 'hacked-password'",
    "CREATE USER eve SET PASSWORD 'hacked-password'",
    "CREATE DATABASE hacked",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS row RETURN row",
    "CALL apoc.load.json('file:///etc/passwd')",
    "CALL apoc.cypher.runWrite('CREATE (n)', {})",
    "CALL apoc.export.csv.all('/tmp/x.csv', {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
    "CALL dbms.components()",
    "CALL dbms.listConfig()",
    "CALL dbms.security.listUsers()",
    "CALL db.clearQueryCaches()",
    "CALL db.createLabel('Hacked')",
    "CALL tx.setMetaData({a: 1})",
    "RETURN apoc.text.join(['a'], ',')",
    # disguised
    "/* read */ MATCH (n) /* only */ DETACH /* ! */ DELETE n",
    "// comment\nMATCH (n)\n// x\nDETACH DELETE n",
    "cReAtE (n:Entity {key: 'x'})",
    "MATCH (n) `SET` n.x = 1",
    "MATCH (n) SET n.`name` = 'x'",
    "CALL `dbms`.`components`()",
    "CALL `db.createLabel`('Hacked')",
    "CALL db . createLabel('Hacked')",
    "\\u0043REATE (n)",
    "LOAD CSV FROM 'fi' + 'le:///etc/passwd' AS row RETURN row",
    "WITH 'file:///etc/' + 'passwd' AS u LOAD CSV FROM u AS row RETURN row",
    "WITH 'CREATE (n)' AS q CALL apoc.cypher.run(q, {}) YIELD value RETURN value",
    "LoAd CsV fRoM 'file:///etc/passwd' AS row RETURN row",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "EXPLAIN CREATE (n)",
    "PROFILE MATCH (n) DETACH DELETE n",
    "USE system SHOW USERS",
    "CYPHER runtime=slotted CREATE (n)",
    "UNWIND [1] AS x CALL db.index.fulltext.createNodeIndex('x', ['Entity'], ['name']) RETURN x",
    "MATCH (n) WITH n CALL (n) { DETACH DELETE n } RETURN count(*)",
]


@pytest.fixture
def client(graph: Graph, neo4j_settings: Settings, seed_claims: Path) -> TestClient:
    load_paths(graph, [seed_claims])
    settings = neo4j_settings.model_copy(update={"cypher_timeout_s": 2.0, "cypher_max_rows": 5})
    return TestClient(create_app(settings, graph))


def test_read_queries_answer_with_a_row_cap(client: TestClient) -> None:
    r = client.post(
        "/cypher",
        json={"query": "MATCH (n:Country {key: $k}) RETURN n.name AS name, n", "params": {"k": "IRN"}},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["name", "n"] and body["rows"][0]["name"] == "Iran"
    assert "Country" in body["rows"][0]["n"]["labels"]
    many = client.post("/cypher", json={"query": "UNWIND range(1, 100) AS x RETURN x"}).json()
    assert len(many["rows"]) == 5 and many["truncated"] is True
    labels = client.post("/cypher", json={"query": "CALL db.labels() YIELD label RETURN label"}).json()
    assert {"Country", "Person"} <= {r["label"] for r in labels["rows"]}
    ft = client.post(
        "/cypher",
        json={"query": "CALL db.index.fulltext.queryNodes('entity_names', 'Kuleba') YIELD node RETURN node.key AS k"},
    ).json()
    assert ft["rows"][0]["k"] == "dmytro-kuleba"
    path = client.post(
        "/cypher",
        json={"query": "MATCH p = (:Country {key: 'IRN'})-[:SUPPLIES]->() RETURN p, date('2022-10-06') AS d"},
    ).json()
    assert path["rows"][0]["p"]["relationships"][0]["type"] == "SUPPLIES" and path["rows"][0]["d"] == "2022-10-06"


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_query_is_refused_and_nothing_changes(client: TestClient, graph: Graph, query: str) -> None:
    before = graph_hash(graph)
    r = client.post("/cypher", json={"query": query})
    assert r.status_code == 422, (query, r.status_code, r.text)
    assert r.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in r.text
    assert graph_hash(graph) == before


@pytest.mark.parametrize(
    "query",
    [
        "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*)",
        "MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)",
        "MATCH p = ()-[*]-() RETURN count(p)",
        "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN sum(x * y)",
    ],
)
def test_exhausting_queries_stop_at_the_time_limit_and_the_server_stays_healthy(client: TestClient, query: str) -> None:
    start = time.monotonic()
    r = client.post("/cypher", json={"query": query})
    took = time.monotonic() - start
    assert took < 2.0 + 5.0, took
    if r.status_code != 200:  # a tiny graph may answer the Cartesian product in time
        assert r.status_code == 422 and "time limit" in r.json()["detail"], r.text
    else:
        assert "MATCH (a)" in query or "()-[*]-()" in query
    assert client.get("/health").json()["status"] == "ok"
    assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]
