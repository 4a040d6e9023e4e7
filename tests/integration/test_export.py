"""Export against a real Neo4j: selections, the Cypher round trip, NetworkX read-back, and GET /export."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.errors import QueryRefused
from graph.export import FORMATS, around, community, cypher_script, everything, from_cypher, networkx_formats
from graph.export.selection import Subgraph, edge_rows
from graph.schema import delete_all
from loaders.load import load_paths
from settings import Settings

from .helpers import graph_hash

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded(graph: Graph, seed_claims: Path, seed_report: Path) -> Graph:
    load_paths(graph, [seed_claims, seed_report])
    return graph


def script_of(sub: Subgraph) -> str:
    return b"".join(cypher_script.chunks(sub)).decode()


def run_script(graph: Graph, text: str) -> None:
    with graph.session() as session:
        for stmt in cypher_script.split_statements(text):
            session.run(stmt).consume()


def test_around_follows_hops_types_and_the_time_window(seeded: Graph) -> None:
    one = around(seeded, "Tehran", hops=1)  # an alias
    assert one.params["around"] == "IRN"
    assert {"IRN", "RUS", "shahed-136"} <= set(one.nodes)
    assert all("IRN" in (e["source"], e["target"]) for e in one.edges)
    two = around(seeded, "IRN", hops=2)
    assert set(one.nodes) < set(two.nodes) and "UKR" in two.nodes
    supplies = around(seeded, "Iran", hops=2, types=["SUPPLIES"])
    assert {e["type"] for e in supplies.edges} == {"SUPPLIES"}
    assert around(seeded, "Iran", hops=2, since=2030).edges == []
    assert one.reports and all(r.get("title") for r in one.reports.values())


def test_cypher_export_loads_into_an_empty_database_and_exports_the_same(seeded: Graph) -> None:
    first = around(seeded, "Iran", hops=4)
    text = script_of(first)
    delete_all(seeded)
    run_script(seeded, text)
    again = around(seeded, "Iran", hops=4)
    assert script_of(again) == text
    assert [e["props"] for e in again.edges] == [e["props"] for e in first.edges]
    before = graph_hash(seeded)
    run_script(seeded, text)  # a second run changes nothing
    assert graph_hash(seeded) == before


def test_cypher_round_trip_on_sipri_deals_and_a_hostile_string(graph: Graph) -> None:
    doc = ROOT / "samples" / "sipri" / "trade-register-ukraine-2000-2024.csv"
    load_paths(graph, [doc])
    graph.read_text("RETURN 1")  # the load is visible
    with graph.session() as s:
        s.run(
            "MATCH (n:Entity {key: 'UKR'}) SET n.aliases = n.aliases + [$x]",
            x='it\'s \\ a "test"\n`}]); MATCH (n) DETACH DELETE n; //',
        ).consume()
    first = around(graph, "Ukraine", hops=1, types=["SUPPLIES"], since=2014)
    assert len(first.edges) > 20
    text = script_of(first)
    delete_all(graph)
    run_script(graph, text)
    again = around(graph, "Ukraine", hops=1, types=["SUPPLIES"], since=2014)
    assert script_of(again) == text
    assert any("DETACH DELETE" in a for a in again.nodes["UKR"]["props"]["aliases"])


def test_graphml_and_json_read_back_with_networkx(seeded: Graph, tmp_path: Path) -> None:
    sub = around(seeded, "Iran", hops=4)
    expected = networkx_formats.to_networkx(sub)
    path = tmp_path / "x.graphml"
    path.write_bytes(b"".join(networkx_formats.graphml(sub)))
    G = nx.read_graphml(path, force_multigraph=True)
    encoded = set(G.graph["json_attributes"].split(","))
    import json

    def decode(d: dict) -> dict:  # type: ignore[type-arg]
        return {k: json.loads(v) if k in encoded else v for k, v in d.items()}

    assert {n: decode(d) for n, d in G.nodes(data=True)} == dict(expected.nodes(data=True))
    want = {(u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)}
    assert {(u, v, k): decode(d) for u, v, k, d in G.edges(keys=True, data=True)} == want
    J = networkx_formats.read_node_link(json.loads(b"".join(networkx_formats.json_chunks(sub))))
    assert dict(J.nodes(data=True)) == dict(expected.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in J.edges(keys=True, data=True)} == want


def test_community_and_cypher_selections(seeded: Graph) -> None:
    sub = community(seeded, ["IRN", "RUS", "UKR"])
    assert set(sub.nodes) == {"IRN", "RUS", "UKR"}
    assert {(e["source"], e["target"]) for e in sub.edges} >= {("IRN", "RUS"), ("RUS", "UKR")}
    q = from_cypher(seeded, "MATCH p = (:Country {key: 'IRN'})-[:SUPPLIES]->(:Country) RETURN p")
    assert set(q.nodes) == {"IRN", "RUS"} and [e["type"] for e in q.edges] == ["SUPPLIES"]
    with pytest.raises(QueryRefused):
        from_cypher(seeded, "MATCH (n) DETACH DELETE n")
    assert everything(seeded).edges


@pytest.fixture
def client(neo4j_settings: Settings, seeded: Graph) -> TestClient:
    return TestClient(create_app(neo4j_settings, seeded))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_route_streams_each_format_with_its_media_type(client: TestClient, fmt: str) -> None:
    r = client.get("/export", params={"around": "Iran", "hops": 2, "format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type.split(";")[0]
    assert r.headers["content-disposition"] == f'attachment; filename="IRN-2hop.{FORMATS[fmt].extension}"'
    assert r.content
    if fmt == "bundle":
        names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
        assert {"sources.md", "picture.png", "graph.cypher", "nodes.csv"} <= set(names)


@pytest.mark.parametrize("fmt", ["json", "cytoscape", "graphml", "gexf", "cypher", "bundle"])
def test_export_of_mentions_completes(client: TestClient, fmt: str) -> None:
    """Reports' MENTIONS edges have no key property; the answer is whole, not a 200 that drops."""
    r = client.get("/export", params={"around": "IRN", "types": "MENTIONS", "format": fmt})
    assert r.status_code == 200, r.text
    if fmt == "json":
        links = r.json()["links"]
        assert links and all(link["type"] == "MENTIONS" and link["id"].startswith("MENTIONS:") for link in links)


@pytest.mark.parametrize(
    "params",
    [
        {"around": "Iran", "format": "docx"},
        {"around": "Iran", "hops": 0},
        {"around": "Iran", "hops": 9},
        {"around": "Iran", "types": "SELLS"},
        {"around": "Iran", "since": 2025, "until": 2020},
        {"around": "Iran", "status": "rumoured"},
        {"around": "Iran", "keys": "IRN"},
        {},
        {"cypher": "CREATE (n:Country {key: 'X'}) RETURN n"},
    ],
)
def test_export_route_refuses_bad_parameters_with_422(client: TestClient, params: dict) -> None:  # type: ignore[type-arg]
    r = client.get("/export", params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "params,stem",
    [
        ({"path": "Iran,Ukraine"}, "paths-Iran-Ukraine"),
        ({"chains": "Russia"}, "chains-Russia"),
        ({"all": "true"}, "graph"),
    ],
)
def test_export_route_offers_the_choices_of_the_cli(
    client: TestClient, seeded: Graph, params: dict[str, str], stem: str
) -> None:
    """GET /export chooses as ``armsgraph export`` does (one export.select for both)."""
    from graph.export import Selection, select

    r = client.get("/export", params={**params, "format": "json"})
    assert r.status_code == 200, r.text
    assert r.headers["content-disposition"] == f'attachment; filename="{stem}.json"'
    got = {(link["source"], link["target"], link["type"]) for link in r.json()["links"]}
    arg = {"path": ("Iran", "Ukraine")} if "path" in params else {"chains": "Russia"} if "chains" in params else {}
    sub = select(seeded, Selection(**arg) if arg else Selection(everything=True))  # type: ignore[arg-type]
    assert got and got == {(e["source"], e["target"], e["type"]) for e in sub.edges}
    if "path" in params:
        assert {"IRN", "UKR"} <= {n["id"] for n in r.json()["nodes"]}


@pytest.mark.parametrize(
    "params", [{"path": "Iran"}, {"path": "Iran,Russia,Ukraine"}, {"all": "true", "around": "Iran"}]
)
def test_export_route_refuses_a_bad_choice_with_422(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/export", params=params)
    assert r.status_code == 422, r.text


def test_export_route_404_names_suggestions(client: TestClient) -> None:
    r = client.get("/export", params={"around": "Irann"})
    assert r.status_code == 404 and "Iran" in r.json().get("suggestions", [])


def test_packed_edge_rows_are_the_same_in_any_chunk_size(seeded: Graph) -> None:
    types = ["SUPPLIES", "MANUFACTURES", "USED_AGAINST", "VISITED", "HOLDS_ROLE", "LOCATED_IN", "MENTIONS"]
    whole = list(edge_rows(seeded, "export_all_edges", types=types))
    small = list(edge_rows(seeded, "export_all_edges", chunk=2, types=types))
    count = seeded.read_text(  # ARMS_FLOW, derived from SUPPLIES, is never exported
        "MATCH (a)-[r]->(:Entity) WHERE (a:Entity OR a:Report) AND type(r) <> 'ARMS_FLOW' RETURN count(r) AS n"
    )[0]["n"]
    assert len(whole) == count > 2
    assert sorted(map(str, small)) == sorted(map(str, whole))
    assert all(len(row) == 5 and isinstance(row[4], dict) for row in whole)
    supplies = [r for r in whole if r[1] == "SUPPLIES"]
    assert supplies
    one_by_one = edge_rows(seeded, "export_all_edges", types=["SUPPLIES"], chunk=1)
    assert sorted(map(str, one_by_one)) == sorted(map(str, supplies))
