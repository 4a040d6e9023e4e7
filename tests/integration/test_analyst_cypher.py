"""The analyst collection (``cypher/analyst/*.cypher``) runs against the seed graph and the register.

Each query runs with the parameters its header comment documents for the Neo4j Browser
(``:param name => 'Russia'``), so the README's instructions are what is tested.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.db import Graph
from graph.queries import CYPHER_DIR
from graph.schema import delete_all
from loaders.load import load_paths

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ANALYST = sorted((CYPHER_DIR / "analyst").glob("*.cypher"))
PARAM = re.compile(r"^//\s+:param (\w+) => (.+?)\s*(?:\s{2,}.*)?$", re.MULTILINE)


def documented_params(text: str) -> dict[str, object]:
    """The ``:param name => value`` lines of a query's header, as Python values."""
    return {name: ast.literal_eval(value.strip()) for name, value in PARAM.findall(text)}


@pytest.fixture(scope="module")
def seeded(session_graph: Graph) -> Iterator[Graph]:
    delete_all(session_graph)
    samples = ROOT / "samples"
    load_paths(
        session_graph,
        [
            *sorted((samples / "claims").glob("*.json")),
            *sorted((samples / "reports").glob("*.txt")),
            samples / "sipri" / "trade-register-all-1950-2025.csv",
        ],
    )
    yield session_graph
    delete_all(session_graph)


def test_the_collection_has_the_five_questions() -> None:
    assert {p.stem for p in ANALYST} >= {
        "supplier_chains",
        "who_armed_whom",
        "person_visits",
        "edge_sources",
        "disputed_claims",
    }
    for path in ANALYST:
        text = path.read_text()
        assert text.startswith("//"), f"{path.name} starts with a comment saying what it answers"
        used = set(re.findall(r"\$(\w+)", "\n".join(ln for ln in text.splitlines() if not ln.startswith("//"))))
        assert used == set(documented_params(text)), f"{path.name}: every $parameter has a :param line"


@pytest.mark.parametrize("path", ANALYST, ids=lambda p: p.stem)
def test_analyst_query_returns_rows(seeded: Graph, path: Path) -> None:
    text = path.read_text()
    rows = seeded.read_text(text, **documented_params(text))
    assert rows, f"{path.name} returned no rows on the seed graph"


def test_answers_on_the_seed_graph(seeded: Graph) -> None:
    def run(query: str, **params: object) -> list[dict[str, object]]:
        return seeded.read_text((CYPHER_DIR / "analyst" / f"{query}.cypher").read_text(), **params)

    chains = run("supplier_chains", name="Russia")
    assert {"Iran", "North Korea"} <= {r["supplier"] for r in chains}
    sources = run("edge_sources", supplier="Iran", recipient="Russia")
    seed = [r for r in sources if r["source_type"] != "sipri"]
    assert seed[0]["evidence"] == "The agreement for the delivery of the weapons was concluded on October 6"
    assert seed[0]["status"] == "agreed" and seed[0]["date"] == "2022-10-06"
    visits = run("person_visits", name="Mokhber")
    assert [(r["place"], r["date"]) for r in visits] == [("Moscow", "2022-10-06")]
    assert "First Vice President (Iran)" in visits[0]["roles"]
    window = run("who_armed_whom", since=2022, until=2022)
    assert any(r["supplier"] == "Iran" and r["recipient"] == "Russia" for r in window)
    disputed = run("disputed_claims", name="Russia")
    assert any(r["subject"] == "North Korea" and r["status"] == "alleged" for r in disputed)
