"""POST /imports against the real Neo4j: the answer never shows where the server kept the upload,
and a table that is not UTF-8 is refused with its line unless its encoding is given."""

from __future__ import annotations

import tempfile

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from settings import DEV_WRITE_KEY, Settings

pytestmark = pytest.mark.integration

TABLE = (
    "# title: Transfers noted by hand\n"
    "supplier,recipient,weapon,year,quantity,status,source\n"
    "Iran,Russia,Shahed-136,2022,100,delivered,report-1\n"
    "Société Générale d'Armement,Russia,Mistral,2014,2,agreed,report-2\n"
)


@pytest.fixture
def client(neo4j_settings: Settings, graph: Graph) -> TestClient:
    return TestClient(create_app(neo4j_settings, graph), headers={"X-API-Key": DEV_WRITE_KEY})


def _no_server_path(text: str) -> None:
    assert tempfile.gettempdir() not in text, text


def test_the_answer_names_the_upload_not_the_temp_file(client: TestClient) -> None:
    r = client.post(
        "/imports", params={"name": "hand.csv"}, content=TABLE.encode(), headers={"Content-Type": "text/csv"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["files"] == ["hand.csv"] and r.json()["deals"] == 2
    _no_server_path(r.text)
    bad = client.post("/imports", params={"name": "bad"}, content=b"a,b\n1,2\n", headers={"Content-Type": "text/csv"})
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("bad.csv") and "not a" in bad.json()["detail"]
    _no_server_path(bad.text)


def test_a_latin1_table_is_refused_with_its_line_unless_its_encoding_is_given(client: TestClient, graph: Graph) -> None:
    data = TABLE.encode("latin-1")
    r = client.post("/imports", params={"name": "latin.csv"}, content=data, headers={"Content-Type": "text/csv"})
    assert r.status_code == 422, r.text
    assert r.json()["detail"].startswith("latin.csv:4: not UTF-8 (byte 0xe9)") and "--encoding" in r.json()["detail"]
    _no_server_path(r.text)
    assert graph.read_text("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] == 0, "nothing written"
    ok = client.post(
        "/imports",
        params={"name": "latin.csv", "encoding": "iso-8859-1"},
        content=data,
        headers={"Content-Type": "text/csv"},
    )
    assert ok.status_code == 200, ok.text
    names = {r["name"] for r in graph.read_text("MATCH (n:Organization) RETURN n.name AS name")}
    assert "Société Générale d'Armement" in names
    wrong = client.post(
        "/imports",
        params={"name": "latin.csv", "encoding": "no-such"},
        content=data,
        headers={"Content-Type": "text/csv"},
    )
    assert wrong.status_code == 422 and "unknown encoding" in wrong.json()["detail"]
