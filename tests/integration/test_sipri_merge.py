"""Two SIPRI exports that both hold a deal give one SUPPLIES edge naming both registers,
whichever is loaded first; re-loading either changes nothing; the register's figures stand."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.analytics.projection import Slice, project
from graph.db import Graph
from graph.schema import delete_all
from loaders.load import load_paths

from ..conftest import SAMPLES
from .helpers import graph_hash, totals

REGISTER = SAMPLES / "sipri" / "trade-register-all-1950-2025.csv"
UKRAINE = SAMPLES / "sipri" / "trade-register-ukraine-2000-2024.csv"
ALL_KEY, UKR_KEY = "sipri-trade-register-all-1950-2025", "sipri-trade-register-ukraine-2000-2024"


def register_rows() -> list[list[str]]:
    """The legacy register's data rows, read with the csv module alone."""
    with REGISTER.open(encoding="iso-8859-1", newline="") as f:
        lines = f.read().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier,"))
    return [row for row in csv.reader(lines[header + 1 :]) if row and row[0].strip()]


def csv_imports_tiv(recipient: str, since: int, until: int) -> float:
    """The register's own figure: delivered TIV spread evenly over each deal's delivery years."""
    total = 0.0
    for row in register_rows():
        if row[0] != recipient or not row[15].strip() or not row[10].strip():
            continue
        years = [int(y) for y in row[10].replace(" ", "").split(";") if y]
        inside = sum(1 for y in years if since <= y <= until)
        total += float(row[15]) * inside / len(years)
    return total


@pytest.fixture(scope="module")
def both(session_graph: Graph) -> Iterator[dict[str, object]]:
    """The register, then the Ukraine export; the graph's hash and what the second load said."""
    delete_all(session_graph)
    load_paths(session_graph, [REGISTER])
    second = load_paths(session_graph, [UKRAINE])
    yield {"graph": session_graph, "hash": graph_hash(session_graph), "second": second}
    delete_all(session_graph)


def test_ukraine_imports_2022_2024_match_the_register_within_1_percent(both: dict[str, object]) -> None:
    graph = both["graph"]
    assert isinstance(graph, Graph)
    G = project(graph, Slice(since=2022, until=2024, basis="delivery", weight="tiv"))
    got = sum(d["weight"] for _, _, d in G.in_edges("UKR", data=True))
    expected = csv_imports_tiv("Ukraine", 2022, 2024)
    assert expected > 10_000
    assert got == pytest.approx(expected, rel=0.01), (got, expected)


def test_the_whole_register_is_still_29916_deals_and_russia_india_unchanged(both: dict[str, object]) -> None:
    graph = both["graph"]
    assert isinstance(graph, Graph)
    n = graph.read_text("MATCH ()-[r:SUPPLIES]->() WHERE $k IN r.sources RETURN count(r) AS n", k=ALL_KEY)[0]["n"]
    assert n == len(register_rows()) == 29916
    tiv = graph.read_text(
        "MATCH (:Country {key: 'RUS'})-[r:SUPPLIES {source_type: 'sipri'}]->(:Country {key: 'IND'}) "
        "RETURN sum(r.tiv_delivered) AS s"
    )[0]["s"]
    assert round(tiv, 1) == 46424.6  # the same as the register alone gives


def test_a_deal_in_both_exports_is_one_edge_naming_both(both: dict[str, object]) -> None:
    graph = both["graph"]
    assert isinstance(graph, Graph)
    merged = graph.read_text(
        "MATCH ()-[r:SUPPLIES]->(:Country {key: 'UKR'}) WHERE size(r.sources) = 2 RETURN properties(r) AS r"
    )
    assert len(merged) >= 250  # most of the export's 323 deals
    for edge in (m["r"] for m in merged):
        assert edge["sources"] == [ALL_KEY, UKR_KEY] and edge["key"] == f"sipri:{edge['sipri_id']}"
        assert edge["first_seen"] == "2025-02-17" and len(edge["source_records"]) == 2
        assert edge["source_keys"][0].startswith("sipri-row:")
    # The Bushmaster deal: the register (generated 2026) gives the figures; the export's
    # per-year numbers are kept beside them.
    bush = next(m["r"] for m in merged if m["r"]["sipri_id"] == 65361)
    assert bush["weapon"] == "Bushmaster" and bush["number_delivered_by_year"] == [70, 50]
    assert bush["number_delivered_years"] == [2022, 2023]
    assert bush["weapon_description"] == "armoured personnel carrier"  # the register's wording
    assert bush["category"] == "Armoured vehicles"  # given by the export alone
    # Nothing of the export is counted twice: every export deal is merged or quarantined.
    only_export = graph.read_text("MATCH ()-[r:SUPPLIES]->() WHERE r.sources = [$k] RETURN count(r) AS n", k=UKR_KEY)[
        0
    ]["n"]
    second = both["second"]
    assert only_export == 0 and len(merged) + len(second.quarantined) == 323  # type: ignore[attr-defined]
    assert all("SIPRI deal" in q and "not loaded" in q for q in second.quarantined)  # type: ignore[attr-defined]


def test_reloading_either_export_changes_nothing(both: dict[str, object]) -> None:
    graph = both["graph"]
    assert isinstance(graph, Graph)
    before = totals(graph)
    for path in (UKRAINE, REGISTER):
        again = load_paths(graph, [path])
        assert (again.stats.nodes_created, again.stats.relationships_created) == (0, 0)
        assert graph_hash(graph) == both["hash"] and totals(graph) == before


def test_the_other_order_gives_the_same_graph(both: dict[str, object]) -> None:
    graph = both["graph"]
    assert isinstance(graph, Graph)
    delete_all(graph)
    first = load_paths(graph, [UKRAINE])
    assert not first.quarantined and first.deals == 323
    second = load_paths(graph, [REGISTER])
    assert graph_hash(graph) == both["hash"]
    removed = [q for q in second.quarantined if "its edge is removed" in q]
    assert len(removed) == len(both["second"].quarantined)  # type: ignore[attr-defined]


def test_an_analyst_table_row_restating_a_register_deal_is_one_edge(graph: Graph, tmp_path: Path) -> None:
    """Both orders: the register's rows to Ukraine, and an analyst's table restating one of them."""
    lines = REGISTER.read_bytes().splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith(b"Recipient,Supplier,"))
    ukraine = [ln for ln in lines[header + 1 :] if ln.startswith(b"Ukraine,")]
    register = tmp_path / "register-ukraine.csv"
    register.write_bytes(b"\r\n".join(lines[: header + 1] + ukraine) + b"\r\n")
    table = tmp_path / "analyst-ukraine.csv"
    table.write_text(
        "# generated: 2026-06-01\n"
        "supplier,recipient,weapon,year,quantity,status,source\n"
        "United Kingdom,Ukraine,MXT-MV,2024,160,delivered,https://example.org/mxt\n"
        "Atlantis,Ukraine,Zephyr-9,2024,3,reported,https://example.org/zephyr\n"
    )
    hashes = []
    for order in ([register, table], [table, register]):
        delete_all(graph)
        for path in order:
            load_paths(graph, [path])
        hashes.append(graph_hash(graph))
        edges = graph.read_text(
            "MATCH (:Country {key: 'GBR'})-[r:SUPPLIES]->(:Country {key: 'UKR'}) WHERE r.weapon = 'MXT-MV' AND r.number_ordered = 160 "
            "RETURN r.sources AS sources, r.quantity AS quantity, r.status AS status, r.tiv_delivered AS tiv"
        )
        assert edges == [
            {
                "sources": ["sipri-register-ukraine", "transfers-analyst-ukraine"],
                "quantity": 160,
                "status": "second hand",
                "tiv": 10.24,
            }
        ]
        own = graph.read_text("MATCH ()-[r:SUPPLIES {weapon: 'Zephyr-9'}]->() RETURN r.sources AS s")
        assert own == [{"s": ["transfers-analyst-ukraine"]}]  # a transfer the register does not hold
    assert hashes[0] == hashes[1]
