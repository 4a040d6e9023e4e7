"""GET /flows against the real Neo4j: the map's flows equal a recompute from the per-deal facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.schema import delete_all
from loaders.load import load_paths
from loaders.registers.sipri import read_register
from settings import Settings

from ..conftest import SAMPLES

pytestmark = pytest.mark.integration

REGISTER = SAMPLES / "sipri" / "trade-register-all-1950-2025.csv"

#: A claims file of our own: an armed group located in Yemen, a denial, a company with a country.
CLAIMS = {
    "id": "2024-05-01_flows-fixture",
    "title": "Flows fixture",
    "published": "2024-05-01",
    "source_url": "https://example.org/flows",
    "facts": [
        {"subject": "Iran", "subject_type": "Country", "predicate": "SUPPLIES", "object": "Houthis",
         "object_type": "Organization", "date": "2023-03-01", "status": "alleged", "evidence": "e1"},
        {"subject": "Houthis", "subject_type": "Organization", "predicate": "LOCATED_IN", "object": "Yemen",
         "object_type": "Country", "status": "reported", "evidence": "e2"},
        {"subject": "Belarus", "subject_type": "Country", "predicate": "SUPPLIES", "object": "Iran",
         "object_type": "Country", "date": "2023-06-01", "status": "denied", "evidence": "e3"},
        {"subject": "Zeta Arms", "subject_type": "Organization", "predicate": "SUPPLIES", "object": "Iran",
         "object_type": "Country", "date": "2023-07-01", "status": "delivered", "evidence": "e4"},
    ],
}  # fmt: skip

# Every SUPPLIES fact with what the flows look at, for the recompute in Python.
DEALS = """
MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity) WHERE a <> b
OPTIONAL MATCH (a)-[:LOCATED_IN]->(ac:Country)
OPTIONAL MATCH (b)-[:LOCATED_IN]->(bc:Country)
RETURN elementId(r) AS id, a.key AS src, b.key AS dst, a:Country AS a_country, b:Country AS b_country,
       min(ac.key) AS a_in, min(bc.key) AS b_in, r.year AS year, r.delivery_years AS delivery_years,
       r.source_type AS source_type, r.status AS status, r.tiv_delivered AS tiv
"""


def _state(d: dict[str, Any]) -> str:
    if d["source_type"] == "sipri":
        return "delivered" if d["delivery_years"] else "agreed"
    return str(d["status"])


def _in_window(d: dict[str, Any], since: int | None, until: int | None) -> bool:
    years = d["delivery_years"] or []
    after = since is None or (d["year"] is not None and d["year"] >= since) or any(y >= since for y in years)
    return after and (until is None or (d["year"] is not None and d["year"] <= until))


def recompute(
    graph: Graph, since: int | None, until: int | None, statuses: set[str] | None = None
) -> dict[tuple[str, str], dict[str, Any]]:
    pairs: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"deals": 0, "tiv": 0.0})
    for d in graph.read_text(DEALS):
        if not _in_window(d, since, until) or (statuses is not None and _state(d) not in statuses):
            continue
        pair = pairs[(d["src"], d["dst"])]
        pair["deals"] += 1
        pair["tiv"] += d["tiv"] or 0.0
        pair["countries"] = (
            d["src"] if d["a_country"] else d["a_in"],
            d["dst"] if d["b_country"] else d["b_in"],
        )
    return dict(pairs)


@pytest.fixture(scope="module")
def client(
    session_graph: Graph, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    delete_all(session_graph)
    claims = tmp_path_factory.mktemp("flows") / "flows-fixture.yaml"
    claims.write_text(yaml.safe_dump(CLAIMS))
    load_paths(session_graph, [REGISTER, *sorted((SAMPLES / "claims").glob("*.json")), claims])
    yield TestClient(create_app(neo4j_settings, session_graph))
    delete_all(session_graph)


def _by_pair(body: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(f["source"]["key"], f["target"]["key"]): f for f in body["flows"]}


@pytest.mark.parametrize(
    ("since", "until"), [(None, None), (2014, 2020), (2022, None), (None, 1960), (1991, 1991)]
)  # fmt: skip
def test_flow_totals_equal_a_recompute_from_the_deals(
    client: TestClient, session_graph: Graph, since: int | None, until: int | None
) -> None:
    params = {k: v for k, v in (("since", since), ("until", until)) if v is not None}
    body = client.get("/flows", params={**params, "limit": 5000}).json()
    expected = recompute(session_graph, since, until)
    assert body["total"] == len(expected) and body["total"] <= 5000, "every flow of the window is listed"
    got = _by_pair(body)
    assert set(got) == set(expected)
    for pair, want in expected.items():
        flow = got[pair]
        assert flow["deals"] == want["deals"], pair
        assert flow["tiv_delivered"] == pytest.approx(want["tiv"], abs=0.002), pair
        assert (flow["source"].get("country"), flow["target"].get("country")) == want["countries"], pair
        assert sum(flow["statuses"].values()) == flow["deals"]
    assert body["deals"] == sum(w["deals"] for w in expected.values())
    assert body["tiv_delivered"] == pytest.approx(sum(w["tiv"] for w in expected.values()), abs=0.05)
    tivs = [f["tiv_delivered"] for f in body["flows"]]
    assert tivs == sorted(tivs, reverse=True), "largest flows first"


def test_one_pair_equals_the_register(client: TestClient) -> None:
    """Russia -> India, every year, against the register file itself, parsed in Python."""
    with read_register(REGISTER) as register:
        deals = [d for d in register.deals if (d.supplier.key, d.recipient.key) == ("RUS", "IND")]
        tiv = sum(d.attrs.get("tiv_delivered") or 0.0 for d in deals)
    body = client.get("/flows", params={"country": "India"}).json()
    flow = _by_pair(body)[("RUS", "IND")]
    assert flow["deals"] == len(deals) > 10
    assert flow["tiv_delivered"] == pytest.approx(tiv, abs=0.01) and tiv > 1000
    assert body["country"]["key"] == "IND"
    assert all("IND" in (f["source"].get("country"), f["target"].get("country")) for f in body["flows"])


def test_status_filters_and_non_state_actors(client: TestClient, session_graph: Graph) -> None:
    all_statuses = client.get("/flows", params={"since": 2023, "until": 2023}).json()
    pairs = _by_pair(all_statuses)
    houthis = pairs[("IRN", "houthis")]
    assert houthis["target"] == {"key": "houthis", "name": "Houthis", "type": "Organization", "country": "YEM"}
    assert houthis["statuses"] == {"alleged": 1} and houthis["tiv_delivered"] == 0
    assert pairs[("BLR", "IRN")]["statuses"] == {"denied": 1}
    assert "country" not in pairs[("zeta-arms", "IRN")]["source"], "a company with no known country is not placed"
    countries = {c["key"]: c for c in all_statuses["countries"]}
    assert countries["YEM"] == {"key": "YEM", "name": "Yemen", "numeric": "887"}

    kept = ["delivered", "agreed", "reported", "planned"]  # the network's defaults less alleged
    body = client.get("/flows", params={"since": 2023, "until": 2023, "status": kept}).json()
    got = _by_pair(body)
    assert ("BLR", "IRN") not in got and ("IRN", "houthis") not in got and ("zeta-arms", "IRN") in got
    expected = recompute(session_graph, 2023, 2023, set(kept))
    assert set(got) == set(expected) and body["statuses"] == kept

    yemen = client.get("/flows", params={"country": "YEM", "since": 2023, "until": 2023}).json()
    assert ("IRN", "houthis") in _by_pair(yemen), "a country's map holds the flows of the groups located in it"
    group = client.get("/flows", params={"country": "Houthis", "since": 2023}).json()
    assert {f["target"]["key"] for f in group["flows"]} == {"houthis"}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "sold"},
        {"since": 2020, "until": 2010},
        {"since": 1800},
        {"limit": 0},
        {"limit": 5001},
        {"as_of": "yesterday"},
    ],
)
def test_bad_input_is_a_422(client: TestClient, params: dict[str, Any]) -> None:
    r = client.get("/flows", params=params)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json"), r.text


def test_an_unknown_country_is_a_404(client: TestClient) -> None:
    r = client.get("/flows", params={"country": "Atlantis"})
    assert r.status_code == 404 and "Atlantis" in r.json()["detail"]
