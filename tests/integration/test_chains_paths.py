"""Chains as supply tiers, paths bounded by the question, and answers that stay right while writes arrive."""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from typer.testing import CliRunner

from api.app import create_app
from api.schemas import ChainPage, ChainTiers, PathResult
from graph.db import Graph
from graph.query.chains import chains
from graph.query.index_keeper import keeper
from graph.query.paths import paths
from graph.schema import delete_all
from loaders.load import load_paths
from settings import Settings

from ..conftest import SAMPLES

REGISTER = SAMPLES / "sipri" / "trade-register-all-1950-2025.csv"
ORG = "Organization"


def fact(s: str, o: str, date: str, status: str = "delivered") -> dict[str, Any]:
    return {
        "subject": s,
        "subject_type": ORG,
        "predicate": "SUPPLIES",
        "object": o,
        "object_type": ORG,
        "weapon_systems": [],
        "date": date,
        "status": status,
        "evidence": f"{s} supplied {o}",
    }


def doc(id_: str, published: str, *facts: dict[str, Any]) -> dict[str, Any]:
    return {"id": id_, "title": id_, "published": published, "facts": list(facts), "entities": []}


#: Alpha's suppliers: Beta (two reports), Delta; Beta's: Gamma, Delta; Delta's: Epsilon.
BASE = [
    doc(
        "b1",
        "2021-01-01",
        fact("Beta Group", "Alpha Corp", "2020-05-01"),
        fact("Gamma Works", "Beta Group", "2019-01-01"),
    ),
    doc(
        "b2",
        "2022-01-01",
        fact("Delta Force", "Alpha Corp", "2021-03-01"),
        fact("Delta Force", "Beta Group", "2021-04-01"),
    ),
    doc("b3", "2022-06-01", fact("Epsilon Ltd", "Delta Force", "2020-01-01")),
]


def load_docs(graph: Graph, tmp_path: Path, docs: list[dict[str, Any]]) -> None:
    files = []
    for i, d in enumerate(docs):
        p = tmp_path / f"{i:03d}-{d['id']}.json"
        p.write_text(json.dumps(d))
        files.append(p)
    load_paths(graph, files)


@pytest.fixture
def client(graph: Graph, neo4j_settings: Settings) -> TestClient:
    return TestClient(create_app(neo4j_settings.model_copy(update={"max_page_size": 500}), graph))


def test_tiers_list_each_entity_once_at_its_first_hop(graph: Graph, client: TestClient, tmp_path: Path) -> None:
    load_docs(graph, tmp_path, BASE)
    body = client.get("/chains", params={"root": "Alpha Corp", "view": "tiers"}).json()
    assert body["root"]["key"] == "alpha-corp" and body["sort"] == "deals"
    assert [(t["hop"], t["total"]) for t in body["tiers"]] == [(1, 2), (2, 2)]
    hop1 = {e["key"]: e for e in body["tiers"][0]["entities"]}
    assert set(hop1) == {"beta-group", "delta-force"}
    assert [f["key"] for f in hop1["beta-group"]["feeds"]] == ["alpha-corp"]
    assert hop1["beta-group"]["first_year"] == 2020 and hop1["beta-group"]["deals"] == 1
    # Delta supplies Alpha directly: it is in tier 1 only, though it also supplies Beta
    hop2 = body["tiers"][1]["entities"]
    assert [(e["key"], [f["key"] for f in e["feeds"]]) for e in hop2] == [
        ("epsilon-ltd", ["delta-force"]),
        ("gamma-works", ["beta-group"]),
    ]
    down = client.get("/chains", params={"root": "Epsilon Ltd", "direction": "downstream", "view": "tiers"}).json()
    assert [[e["key"] for e in t["entities"]] for t in down["tiers"]] == [
        ["delta-force"],
        ["alpha-corp", "beta-group"],
    ]
    assert down["tiers"][1]["entities"][0]["fed_by"][0]["key"] == "delta-force"
    assert client.get("/chains", params={"root": "Alpha Corp", "sort": "size"}).status_code == 422
    listed = client.get("/chains", params={"root": "Alpha Corp", "max_hops": 2}).json()
    assert [c["entities"] for c in listed["chains"]] == [
        ["beta-group", "alpha-corp"],
        ["delta-force", "alpha-corp"],
        ["delta-force", "beta-group", "alpha-corp"],
        ["gamma-works", "beta-group", "alpha-corp"],
        ["epsilon-ltd", "delta-force", "alpha-corp"],
    ]
    assert listed["total"] == 5 and listed["capped"] is False


def test_the_register_reads_as_supply_tiers_and_paths_answer_the_question(
    graph: Graph, client: TestClient, seed_claims: Path, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths(graph, [REGISTER, seed_claims])
    tiers = client.get("/chains", params={"root": "Russia", "since": 2022, "view": "tiers"}).json()["tiers"]
    hop1 = tiers[0]["entities"]
    assert {"CHN", "IRN", "PRK"} <= {e["key"] for e in hop1}
    assert [(e["deals"], e["tiv_delivered"]) for e in hop1] == sorted(
        ((e["deals"], e["tiv_delivered"]) for e in hop1), reverse=True
    )
    by_tiv = client.get("/chains", params={"root": "Russia", "since": 2022, "view": "tiers", "sort": "tiv"}).json()
    tivs = [e["tiv_delivered"] for e in by_tiv["tiers"][0]["entities"]]
    assert tivs == sorted(tivs, reverse=True)
    listed = client.get("/chains", params={"root": "Russia", "since": 2022, "limit": 20}).json()
    hops = [c["hops"] for c in listed["chains"]]
    assert hops == sorted(hops) and hops[0] == 1 and listed["total"] > 20
    direct = [c["entities"][0] for c in listed["chains"] if c["hops"] == 1]
    assert {"CHN", "IRN", "PRK"} <= set(direct)
    deals = [c["links"][0]["deals"] for c in listed["chains"] if c["hops"] == 1]
    assert deals == sorted(deals, reverse=True)

    monkeypatch.setenv("ARMSGRAPH_NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("ARMSGRAPH_NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    from api.cli import app

    out = CliRunner().invoke(app, ["chains", "Russia", "--upstream", "--since", "2022"], env={"COLUMNS": "120"})
    assert out.exit_code == 0, out.output
    first_screen = "\n".join(out.stdout.splitlines()[:12])
    for name in ("China", "Iran", "North Korea"):
        assert name in first_screen, out.stdout

    # paths bounded by the question: both two-hop paths from Mokhber to Russia, each way of asking
    for mode in ("all", "shortest"):
        for use_index in (True, False):
            found = paths(graph, "Mokhber", "Russia", mode=mode, max_hops=2, use_index=use_index)  # type: ignore[arg-type]
            assert found["total"] == 2, (mode, use_index)
            assert [[n["key"] for n in p["nodes"]] for p in found["paths"]] == [
                ["mohammad-mokhber", "IRN", "RUS"],
                ["mohammad-mokhber", "moscow", "RUS"],
            ]
    r = client.get("/paths", params={"source": "Mokhber", "target": "Russia", "mode": "all", "max_hops": 2})
    assert r.status_code == 200 and len(r.json()["paths"]) == 2
    assert [e["type"] for e in r.json()["paths"][1]["edges"]] == ["VISITED", "LOCATED_IN"]

    # all paths up to 4 hops between two countries: answered within the time limit, paged, shortest first
    q = {"source": "United States", "target": "Russia", "mode": "all", "max_hops": 4, "limit": 50}
    first = client.get("/paths", params=q).json()
    second = client.get("/paths", params={**q, "offset": 50}).json()
    assert first["total"] > 100 and len(first["paths"]) == len(second["paths"]) == 50
    lengths = [p["hops"] for p in first["paths"] + second["paths"]]
    assert lengths == sorted(lengths)
    seqs = [tuple(n["key"] for n in p["nodes"]) for p in first["paths"] + second["paths"]]
    assert len(set(seqs)) == 100 and all(len(set(s)) == len(s) for s in seqs)

    # in memory and in Neo4j, the same paths in the same order
    rng = random.Random(7)
    countries = [r["key"] for r in graph.read_text("MATCH (c:Country) RETURN c.key AS key ORDER BY key")]
    found_any = 0
    for _ in range(25):
        source, target = rng.sample(countries, 2)
        kw: dict[str, Any] = rng.choice([{}, {"since": 2014}, {"types": ["SUPPLIES"]}, {"as_of": "2022-10-20"}])
        for mode, bound in (("all", 2), ("shortest", 3)):
            fast = paths(graph, source, target, mode=mode, max_hops=bound, **kw)  # type: ignore[arg-type]
            slow = paths(graph, source, target, mode=mode, max_hops=bound, use_index=False, **kw)  # type: ignore[arg-type]
            assert fast["total"] == slow["total"], (source, target, mode, kw)
            seq = [[(n["key"]) for n in p["nodes"]] + [e["type"] for e in p["edges"]] for p in fast["paths"]]
            assert seq == [[(n["key"]) for n in p["nodes"]] + [e["type"] for e in p["edges"]] for p in slow["paths"]]
            found_any += fast["total"]
    assert found_any > 5


QUESTIONS: list[dict[str, Any]] = [
    {"path": "/chains", "params": {"root": "Alpha Corp", "max_hops": 3}},
    {"path": "/chains", "params": {"root": "Alpha Corp", "max_hops": 3, "view": "tiers"}},
    {"path": "/chains", "params": {"root": "Epsilon Ltd", "direction": "downstream"}},
    {"path": "/chains", "params": {"root": "Zeta Arms", "max_hops": 2}},
    {"path": "/paths", "params": {"source": "Epsilon Ltd", "target": "Alpha Corp", "mode": "all"}},
    {"path": "/paths", "params": {"source": "Gamma Works", "target": "Alpha Corp"}},
]

#: Writes while the questions are asked: new suppliers, a supplier taken back by a re-issued report,
#: an unrelated pair (kept answers about Alpha must survive it), and a report put back.
WRITES = [
    doc("w1", "2023-01-01", fact("Zeta Arms", "Gamma Works", "2022-01-01")),
    doc("w2", "2023-02-01", fact("Omega Trade", "Unrelated Co", "2022-01-01")),
    doc("b2", "2023-03-01", fact("Delta Force", "Alpha Corp", "2021-03-01")),  # takes back Delta -> Beta
    doc(
        "w3",
        "2023-04-01",
        fact("Eta Supply", "Epsilon Ltd", "2022-06-01"),
        fact("Zeta Arms", "Eta Supply", "2022-07-01"),
    ),
    doc("w4", "2023-05-01", fact("Omega Trade", "Unrelated Co", "2023-01-01")),
    doc("w1", "2023-06-01", fact("Zeta Arms", "Beta Group", "2022-01-01")),  # Zeta -> Gamma taken back
    doc(
        "b2",
        "2023-07-01",
        fact("Delta Force", "Alpha Corp", "2021-03-01"),
        fact("Delta Force", "Beta Group", "2021-04-01"),
    ),
]


def _ask(client: TestClient, q: dict[str, Any]) -> str:
    r = client.get(q["path"], params=q["params"])
    return r.text if r.status_code == 200 else f"{r.status_code}"


def test_every_answer_during_writes_is_that_of_a_committed_state(
    graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    """Readers ask while a writer posts claims documents; afterwards the graph is built again state by
    state and each question answered from Neo4j alone: every answer seen must be one of those, and the
    answer asked right after each write must be that of the state the write made."""
    load_docs(graph, tmp_path, BASE)
    app = create_app(neo4j_settings.model_copy(update={"version_ttl_s": 0.5}), graph)
    client = TestClient(app)
    key = {"X-API-Key": neo4j_settings.write_key.get_secret_value()}
    seen: list[set[str]] = [set() for _ in QUESTIONS]
    after_write: list[list[str]] = []
    stop = threading.Event()
    errors: list[str] = []

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            i = rng.randrange(len(QUESTIONS))
            text = _ask(client, QUESTIONS[i])
            if not text.startswith("{") and text != "404":  # Zeta Arms is unknown until w1
                errors.append(text)
            seen[i].add(text)

    readers = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
    for t in readers:
        t.start()
    try:
        for _ in range(2):  # every question kept before the writes
            for q in QUESTIONS:
                _ask(client, q)
        for w in WRITES:
            assert client.post("/claims", json=w, headers=key).status_code == 200
            after_write.append([_ask(client, q) for q in QUESTIONS])  # the API's own write shows at once
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert not errors
    k = keeper(graph)
    assert k.delta_pulls >= len(WRITES) - 2  # the index followed the writes by their changes
    assert app.state.query_cache.kept_across_writes > 0  # w2, w4 touched nothing the answers depend on

    # the same states again, one by one, each question answered by Neo4j alone (no index, no cache)
    def recompute() -> list[str]:
        out = []
        for q in QUESTIONS:
            p = dict(q["params"])
            if p.get("root") == "Zeta Arms" and not graph.read("entity_by_key", keys=["zeta-arms"]):
                out.append("404")
                continue
            if q["path"] == "/chains":
                data = chains(graph, p.pop("root"), use_index=False, **p)
                model: type[BaseModel] = ChainTiers if p.get("view") == "tiers" else ChainPage
            else:
                data = paths(graph, p.pop("source"), p.pop("target"), use_index=False, **p)
                model = PathResult
            out.append(model.model_validate(data).model_dump_json(exclude_none=True))
        return out

    delete_all(graph)
    replay = tmp_path / "replay"
    replay.mkdir()
    load_docs(graph, replay, BASE)
    states = [recompute()]
    for n, w in enumerate(WRITES):
        (replay / str(n)).mkdir()
        load_docs(graph, replay / str(n), [w])
        states.append(recompute())
    for n, answers in enumerate(after_write):
        for i, (got, want) in enumerate(zip(answers, states[n + 1], strict=True)):
            at = next((j for j, (x, y) in enumerate(zip(got, want, strict=False)) if x != y), 0)
            assert got == want, (n + 1, i, got[at - 200 : at + 300], want[at - 200 : at + 300])
    for i, q in enumerate(QUESTIONS):
        valid = {s[i] for s in states}
        assert seen[i] <= valid, (q, seen[i] - valid)
    assert sum(len(s) > 1 for s in seen) >= 3  # the writes did change what the readers saw
