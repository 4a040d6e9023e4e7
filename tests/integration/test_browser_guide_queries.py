"""Every query of the Neo4j Browser guide runs with the parameters the guide sets, against a real
Neo4j; the ARMS_FLOW overview and the tiers give the exact answer on a small known graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from api.browser_guide import GUIDE_DIR, split_header
from graph.db import Graph
from graph.queries import query
from loaders.load import load_paths

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((GUIDE_DIR / "guide.yaml").read_text(encoding="utf-8"))
QUERIES = [(q["name"], q.get("params", {})) for s in SPEC["slides"] for q in s.get("queries", [])]
#: Queries whose answer on the seed report and claims is known not to be empty.
ANSWERED = {
    "browser/arms_flow_into",
    "browser/arms_flow_window",
    "browser/supplier_tiers",
    "analyst/supplier_chains",
    "analyst/who_armed_whom",
    "analyst/person_visits",
    "analyst/edge_sources",
}


def run(graph: Graph, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return graph.read_text(split_header(query(name))[1], **params)


@pytest.fixture
def seeded(graph: Graph, seed_claims: Path, seed_report: Path) -> Graph:
    load_paths(graph, [seed_claims, seed_report, ROOT / "samples" / "sipri" / "trade-register-ukraine-2000-2024.csv"])
    return graph


@pytest.mark.parametrize(("name", "params"), QUERIES, ids=[n for n, _ in QUERIES])
def test_guide_query_runs_with_the_guide_parameters(seeded: Graph, name: str, params: dict[str, Any]) -> None:
    rows = run(seeded, name, params)
    if name in ANSWERED:
        assert rows, f"{name} answered nothing on the seed graph"


def claims(tmp: Path, pairs: list[tuple[str, str, int]]) -> Path:
    facts = [
        {
            "subject": s,
            "subject_type": "Country",
            "predicate": "SUPPLIES",
            "object": o,
            "object_type": "Country",
            "weapon_systems": ["T-72"],
            "date": f"{year}-01-01",
            "status": "delivered",
            "evidence": f"{s} delivered T-72 to {o}.",
        }
        for s, o, year in pairs
    ]
    path = tmp / "tiers.json"
    path.write_text(json.dumps({"id": "tiers", "title": "Tiers", "published": "2024-05-01", "facts": facts}))
    return path


def test_overview_and_tiers_on_a_known_graph(graph: Graph, tmp_path: Path) -> None:
    pairs = [
        ("Iran", "Russia", 2022),
        ("Belarus", "Russia", 2023),
        ("North Korea", "Iran", 2022),
        ("China", "North Korea", 2023),
        ("China", "Belarus", 2022),
        ("Ukraine", "Russia", 2010),  # before the window: not in the picture
    ]
    load_paths(graph, [claims(tmp_path, pairs)])
    picture = graph.records(split_header(query("browser/arms_flow_into"))[1], name="Russia", since=2022)
    assert sorted(r["supplier"]["key"] for r in picture) == ["BLR", "IRN"]
    assert all(r["flow"].type == "ARMS_FLOW" and r["flow"]["deals"] == 1 for r in picture)
    window = run(graph, "browser/arms_flow_window", {"name": "RUS", "since": 2022})
    assert {r["supplier"]: r["deals"] for r in window} == {"Iran": 1, "Belarus": 1}
    tiers = run(graph, "browser/supplier_tiers", {"name": "Russia", "since": 2022})
    assert [(r["tier"], r["supplier"]) for r in tiers] == [
        (1, "Belarus"),
        (1, "Iran"),
        (2, "China"),
        (2, "North Korea"),
    ]
    china = next(r for r in tiers if r["supplier"] == "China")
    assert china["supplies"] == ["Belarus (1 deals, TIV 0.0)"]  # the flow into tier 1, not into North Korea
    chains = graph.records(split_header(query("browser/arms_flow_chains"))[1], name="Russia", since=2022)
    assert sorted(tuple(n["key"] for n in r["chain"].nodes) for r in chains) == [
        ("CHN", "BLR", "RUS"),
        ("PRK", "IRN", "RUS"),
    ]
