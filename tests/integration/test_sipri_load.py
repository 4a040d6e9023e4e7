"""The full SIPRI register in a real Neo4j: counts, idempotence, figures an analyst checks by hand."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.db import Graph
from graph.schema import delete_all
from loaders.errors import InputError
from loaders.load import load_paths
from settings import Settings

from ..conftest import SAMPLES
from .helpers import graph_hash, totals

REGISTER = SAMPLES / "sipri" / "trade-register-all-1950-2025.csv"
UKRAINE = SAMPLES / "sipri" / "trade-register-ukraine-2000-2024.csv"


def csv_rows() -> list[list[str]]:
    with REGISTER.open(encoding="iso-8859-1", newline="") as f:
        lines = f.read().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier,"))
    return [row for row in csv.reader(lines[header + 1 :]) if row and row[0].strip()]


@pytest.fixture(scope="module")
def register_graph(session_graph: Graph, seed_claims_path: Path) -> Iterator[Graph]:
    delete_all(session_graph)
    result = load_paths(session_graph, [REGISTER, seed_claims_path])
    assert not result.quarantined
    yield session_graph
    delete_all(session_graph)


@pytest.fixture(scope="module")
def seed_claims_path() -> Path:
    return next((Path(__file__).resolve().parents[2] / "samples" / "claims").glob("2022-10-19_seed_*.json"))


def test_every_register_row_is_one_deal_edge(register_graph: Graph) -> None:
    rows = csv_rows()
    n = register_graph.read_text("MATCH ()-[r:SUPPLIES {source_type: 'sipri'}]->() RETURN count(r) AS n")[0]["n"]
    assert n == len(rows) == 29916
    dupes = register_graph.read_text(
        "MATCH (a)-[r:SUPPLIES {source_type: 'sipri'}]->(b) "
        "WITH a, b, r.weapon AS w, r.order_year AS y, r.number_ordered AS no, r.comments AS c, "
        "r.tiv_delivered AS t, count(*) AS n WHERE n > 1 RETURN sum(n - 1) AS extra"
    )[0]["extra"]
    assert dupes >= 9  # SIPRI's repeated lines stay separate edges


def test_iran_and_russia_are_one_node_each_whichever_source(register_graph: Graph) -> None:
    for key, name in (("IRN", "Iran"), ("RUS", "Russia")):
        rows = register_graph.read_text(
            "MATCH (n:Entity) WHERE n.name = $name OR n.key = $key OR $name IN n.aliases "
            "RETURN n.key AS key, [(n)-[r:SUPPLIES]->() | r.source_type] AS kinds",
            name=name,
            key=key,
        )
        assert [r["key"] for r in rows] == [key]
        assert {"sipri", "claims"} <= set(rows[0]["kinds"]) or key == "RUS"
    news_and_sipri = register_graph.read_text(
        "MATCH (:Country {key: 'IRN'})-[r:SUPPLIES]->(:Country {key: 'RUS'}) RETURN collect(DISTINCT r.source_type) AS k"
    )
    assert set(news_and_sipri[0]["k"]) == {"sipri", "claims"}


def test_delivered_tiv_russia_to_india_matches_the_csv(register_graph: Graph) -> None:
    expected = sum(float(r[15]) for r in csv_rows() if r[0] == "India" and r[1] == "Russia" and r[15].strip())
    got = register_graph.read_text(
        "MATCH (:Country {key: 'RUS'})-[r:SUPPLIES {source_type: 'sipri'}]->(:Country {key: 'IND'}) "
        "RETURN sum(r.tiv_delivered) AS s"
    )[0]["s"]
    assert math.isclose(got, expected, rel_tol=1e-9)


def test_non_state_actors_and_unknowns_stay_apart(register_graph: Graph) -> None:
    houthi = register_graph.read_text(
        "MATCH (o:Organization)-[:LOCATED_IN]->(c:Country {key: 'YEM'}) WHERE o.name STARTS WITH 'Houthi' "
        "RETURN o.key AS key"
    )
    assert houthi
    unknown = register_graph.read_text(
        "MATCH (o:Organization) WHERE o.key STARTS WITH 'unknown' RETURN collect(o.key) AS keys"
    )[0]["keys"]
    assert unknown and not register_graph.read_text("MATCH (c:Country) WHERE c.key STARTS WITH 'unknown' RETURN c")
    soviet = register_graph.read_text("MATCH (c:Country {name: 'Soviet Union'}) RETURN c.key AS key")
    assert soviet and soviet[0]["key"] != "RUS"


def test_geran_2_is_an_alias_of_the_shahed_136(register_graph: Graph) -> None:
    rows = register_graph.read_text("MATCH (w:WeaponSystem) WHERE 'Geran-2' IN w.aliases RETURN w.name AS name")
    assert [r["name"] for r in rows] == ["Shahed-136"]


def test_register_provenance_names_the_register_and_its_date(register_graph: Graph) -> None:
    report = register_graph.read_text(
        "MATCH (r:Report {key: 'sipri-trade-register-all-1950-2025'}) RETURN properties(r) AS r"
    )[0]["r"]
    assert report["generated"] == "2026-05-18"
    edge = register_graph.read_text(
        "MATCH ()-[r:SUPPLIES {source_type: 'sipri'}]->() WHERE r.number_delivered > 0 "
        "RETURN properties(r) AS r ORDER BY r.key LIMIT 1"
    )[0]["r"]
    assert edge["sources"] == ["sipri-trade-register-all-1950-2025"] and edge["first_seen"] == "2026-05-18"
    assert isinstance(edge["delivery_years"], list) and all(isinstance(y, int) for y in edge["delivery_years"])


def test_second_load_creates_nothing_and_changes_no_property(register_graph: Graph, seed_claims_path: Path) -> None:
    before_hash, before = graph_hash(register_graph), totals(register_graph)
    again = load_paths(register_graph, [REGISTER])
    assert again.stats.nodes_created == 0 and again.stats.relationships_created == 0
    assert totals(register_graph) == before
    assert graph_hash(register_graph) == before_hash


def test_the_newer_format_loads_beside_it(graph: Graph) -> None:
    result = load_paths(graph, [UKRAINE])
    assert result.deals > 0 and not result.quarantined
    rows = graph.read_text(
        "MATCH ()-[r:SUPPLIES]->(:Country {key: 'UKR'}) RETURN count(r) AS n, count(r.sipri_id) AS ids"
    )[0]
    assert rows["n"] == result.deals == rows["ids"]


BAD_TABLE = """Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
India,Russia,2010,,6,,Mi-17,transport helicopter,6,,2011,New,,5,30,30
India,Russia,1492,,6,,Mi-17,transport helicopter,6,,2011,New,,5,30,30
India,,2010,,6,,Mi-17,transport helicopter,6,,2011,New,,5,30,30
India,Russia,2012,,6,,Mi-8
"""


def _bad_table(tmp_path: Path) -> Path:
    f = tmp_path / "bad-register.csv"
    f.write_text("Source: SIPRI Arms Transfers Database (c) SIPRI.\nData generated: 1 June 2026\n" + BAD_TABLE)
    return f


def test_malformed_rows_are_quarantined_and_the_rest_loads(
    graph: Graph, tmp_path: Path, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in (
        ("NEO4J_URI", neo4j_settings.neo4j_uri),
        ("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value()),
    ):
        monkeypatch.setenv(f"ARMSGRAPH_{name}", value)
    result = CliRunner().invoke(app, ["load", str(_bad_table(tmp_path))])
    assert result.exit_code == 1
    assert "3 row(s) quarantined" in result.output
    assert "bad-register.csv:5:" in result.output and "bad-register.csv:6:" in result.output
    assert graph.read_text("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n")[0]["n"] == 1


def test_strict_refuses_the_whole_file(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad-register.csv:5"):
        load_paths(graph, [_bad_table(tmp_path)], strict=True)
    assert totals(graph) == (0, 0)
