"""Projections, analytics routes and CLI against a real Neo4j, on a small hand-built graph.

The graph: a small SIPRI register (written in tmp_path, legacy format) and a claims file
with news facts, one of them denied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from graph.analytics.measures import MEASURES
from graph.analytics.projection import Slice, project
from graph.db import Graph
from graph.queries import all_names, query
from loaders.load import load_paths
from settings import Settings

from .helpers import explain

PREAMBLE = """Transfers of major conventional arms from All countries  to All countries . Test register
A '?' in a column indicates uncertain data.
SIPRI trend-indicator values (TIVs) are in millions.
Source: SIPRI Arms Transfers Database (c) SIPRI.
Data generated: 18 May 2026 2:29:20 PM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,\
Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,\
SIPRI TIV of delivered weapons
"""
ROWS = [
    "India,Russia,2015,,10,,T-90S,tank,10,,2017-2020,New,,4,40,40",
    "India,France,2016,,36,,Rafale,FGA aircraft,36,,2019-2022,New,,80,2880,2880",
    "India,Russia,2004,,1,,Gorshkov,aircraft carrier,1,,2013,New,,1250,1250,1250",
    "India,Russia,2019,?,16,,RBU-6000,anti-submarine rocket launcher,0,,,New,,3.5,56,0",
    "Pakistan,China,2018,,4,,Type-054A,frigate,4,,2021-2023,New,,300,1200,1200",
]
FACTS = [
    ("Iran", "Russia", "2022-10-06", "agreed"),
    ("North Korea", "Russia", "2023-09-13", "reported"),
    ("Belarus", "Russia", "2023-03-01", "denied"),
]


@pytest.fixture
def small(graph: Graph, tmp_path: Path) -> Graph:
    register = tmp_path / "register.csv"
    register.write_text(PREAMBLE + "\n".join(ROWS) + "\n", encoding="iso-8859-1")
    claims = tmp_path / "claims.json"
    claims.write_text(
        json.dumps(
            {
                "id": "2023-10-01_test_analytics",
                "title": "Test report",
                "source_url": None,
                "published": "2023-10-01",
                "facts": [
                    {
                        "subject": s,
                        "subject_type": "Country",
                        "predicate": "SUPPLIES",
                        "object": o,
                        "object_type": "Country",
                        "weapon_systems": [],
                        "date": d,
                        "status": st,
                        "evidence": f"{s} and {o}",
                    }
                    for s, o, d, st in FACTS
                ],
                "entities": [],
            }
        )
    )
    result = load_paths(graph, [register, claims])
    assert result.deals == len(ROWS) and not result.quarantined
    return graph


@pytest.mark.parametrize("name", [n for n in all_names() if n.startswith(("project_", "analytics_"))])
def test_analytics_cypher_compiles(graph: Graph, name: str) -> None:
    explain(graph, query(name))


def test_projection_aggregates_parallel_deals_server_side(small: Graph) -> None:
    G = project(small, Slice(weight="tiv", chunk=2))
    assert G["RUS"]["IND"] == {"count": 3, "units": 11.0, "tiv": 1290.0, "weight": 1290.0}
    assert G["FRA"]["IND"]["tiv"] == 2880.0 and G["CHN"]["PAK"]["count"] == 1
    assert G.nodes["IND"] == {"name": "India", "label": "Country"}
    assert G.has_edge("IRN", "RUS") and G.has_edge("PRK", "RUS")
    assert not G.has_node("BLR")  # denied facts are left out by default
    assert G.graph["slice"]["weight"] == "tiv"


def test_projection_window_on_delivery_years_pro_rates_deals(small: Graph) -> None:
    G = project(small, Slice(since=2019, until=2023, weight="tiv"))
    # T-90S delivered 2017-2020: 2 of 4 delivery years in the window; Gorshkov (2013) and the
    # undelivered RBU-6000 are outside; news facts count by their year.
    assert G["RUS"]["IND"] == {"count": 1, "units": 5.0, "tiv": 20.0, "weight": 20.0}
    assert G["FRA"]["IND"]["tiv"] == 2880.0 and G["CHN"]["PAK"]["tiv"] == 1200.0
    assert {e for e in G.edges if e[1] == "RUS"} == {("IRN", "RUS"), ("PRK", "RUS")}
    order = project(small, Slice(since=2019, until=2023, basis="order", weight="count"))
    assert order["RUS"]["IND"]["count"] == 1 and not order.has_edge("FRA", "IND")  # the RBU-6000 order
    early = project(small, Slice(until=2015, weight="units"))
    assert set(early.edges) == {("RUS", "IND")} and early["RUS"]["IND"]["units"] == 1


def test_projection_status_and_type_filters(small: Graph) -> None:
    G = project(small, Slice(exclude_statuses=()))
    assert G.has_edge("BLR", "RUS")
    assert project(small, Slice(types=("VISITED",))).number_of_nodes() == 0
    labelled = project(small, Slice(labels=("Organization",)))
    assert labelled.number_of_edges() == 0


@pytest.fixture
def client(small: Graph, neo4j_settings: Settings) -> TestClient:
    return TestClient(create_app(neo4j_settings, small))


def test_centrality_route_ranks_names_and_caches_until_a_load(client: TestClient, small: Graph, tmp_path: Path) -> None:
    url = "/centrality?measure=out_degree&weight=tiv&since=2019&until=2023&top=3"
    first = client.get(url)
    assert first.status_code == 200, first.text
    body = first.json()
    assert [(r["key"], r["name"], r["rank"]) for r in body["rows"]] == [
        ("FRA", "France", 1),
        ("CHN", "China", 2),
        ("RUS", "Russia", 3),
    ]
    assert body["rows"][0]["score"] == 2880.0 and body["engine"] == "networkx"
    assert body["params"]["since"] == 2019 and body["params"]["weight"] == "tiv"
    assert body["nodes"] == 7 and body["edges"] == 5 and not body["cached"]
    again = client.get(url).json()
    assert again["cached"] and again["rows"] == body["rows"]
    extra = tmp_path / "more.json"
    fact = {
        "subject": "France",
        "subject_type": "Country",
        "predicate": "SUPPLIES",
        "object": "Ukraine",
        "object_type": "Country",
        "weapon_systems": [],
        "date": "2023-05-01",
        "status": "delivered",
        "evidence": "x",
    }
    extra.write_text(
        json.dumps(
            {
                "id": "2023-11-01_more",
                "title": "More",
                "source_url": None,
                "published": "2023-11-01",
                "entities": [],
                "facts": [fact],
            }
        )
    )
    load_paths(small, [extra])
    after = client.get(url).json()
    assert not after["cached"] and after["graph_version"] > body["graph_version"] and after["edges"] == 6


@pytest.mark.parametrize("measure", MEASURES)
def test_every_measure_answers_with_its_engine(client: TestClient, measure: str) -> None:
    r = client.get(f"/centrality?measure={measure}&weight=count")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["engine"] == ("networkx" if measure.endswith("degree") else "igraph")
    assert len(body["rows"]) == body["nodes"] == 7 and body["rows"][0]["rank"] == 1
    assert (body["rows"][0]["authority"] is not None) == (measure == "hits")


def test_pagerank_puts_russia_first(client: TestClient) -> None:
    rows = client.get("/centrality?measure=pagerank").json()["rows"]
    assert rows[0]["key"] in {"RUS", "IND"}
    assert {r["key"] for r in rows[:2]} == {"RUS", "IND"}


def test_communities_and_dependence_routes(client: TestClient) -> None:
    c = client.get("/communities?weight=count").json()
    groups = [{m["key"] for m in row["members"]} for row in c["rows"]]
    assert {"CHN", "PAK"} in groups and c["count"] == len(groups) and c["modularity"] > 0
    d = client.get("/dependence?recipient=India&since=2019&until=2023").json()
    assert d["recipient"]["key"] == "IND" and d["total"] == 2900.0
    assert [(r["key"], r["rank"]) for r in d["rows"]] == [("FRA", 1), ("RUS", 2)]
    assert d["hhi"] == pytest.approx((2880 / 2900) ** 2 + (20 / 2900) ** 2)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/centrality?measure=katz", 422),
        ("/centrality?weight=money", 422),
        ("/centrality?types=SELLS", 422),
        ("/centrality?since=2020&until=2010", 422),
        ("/dependence?recipient=Atlantis", 404),
        ("/change", 422),
        ("/change?before_since=2020&before_until=2010&after_since=2019&after_until=2023", 422),
        ("/change?before_since=2013&before_until=2016&after_since=2019&after_until=2023&weight=gold", 422),
    ],
)
def test_bad_parameters_are_problems(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("application/problem+json")


def test_openapi_declares_the_analytics_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/centrality", "/communities", "/dependence", "/change"):
        op = paths[route]["get"]
        assert op["summary"] and op["tags"] == ["analytics"] and "422" in op["responses"]


def test_cli_prints_the_same_answer_as_json(
    small: Graph, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.cli import app

    monkeypatch.setenv("ARMSGRAPH_NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("ARMSGRAPH_NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    runner = CliRunner()
    window = ["--since", "2019", "--until", "2023"]
    out = runner.invoke(app, ["centrality", "out_degree", *window, "--weight", "tiv", "--top", "2", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert [r["key"] for r in data["rows"]] == ["FRA", "CHN"]
    dep = runner.invoke(app, ["dependence", "India", "--since", "2019", "--until", "2023"])
    assert dep.exit_code == 0 and "France" in dep.stdout and "HHI 0.986" in dep.stdout
    assert runner.invoke(app, ["communities"]).exit_code == 0
    assert runner.invoke(app, ["centrality", "katz"]).exit_code == 2
    # who rose and who fell: delivered TIV out of each supplier, 2013-2016 against 2019-2023
    moved = runner.invoke(app, ["change", "--before", "2013-2016", "--after", "2019-2023", "--json"])
    assert moved.exit_code == 0, moved.output
    summary = json.loads(moved.stdout)["summary"]
    assert [(r["key"], r["delta"]) for r in summary["rose"]] == [("FRA", 2880.0), ("CHN", 1200.0)]
    assert [(r["key"], r["before"], r["after"]) for r in summary["fell"]] == [("RUS", 1250.0, 20.0)]
    assert runner.invoke(app, ["change", "--before", "2016-2013", "--after", "2019-2023"]).exit_code == 2
