"""A retraction takes away what the retracted source alone created, in the same transaction;
what another source also holds stays."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.db import Graph
from graph.schema import delete_all
from loaders.load import load_paths

from .helpers import graph_hash


def fact(subject: str, stype: str, predicate: str, obj: str, otype: str, **extra: Any) -> dict[str, Any]:
    return {
        "subject": subject,
        "subject_type": stype,
        "predicate": predicate,
        "object": obj,
        "object_type": otype,
        "evidence": f"{subject} {predicate} {obj}.",
        **extra,
    }


FIRST = fact("Iran", "Country", "SUPPLIES", "Russia", "Country", weapon_systems=["Shahed-136"], status="delivered")
ONLY_A = [
    fact("Atlantis Arms", "Organization", "SUPPLIES", "Iran", "Country", weapon_systems=["Zephyr-9", "Mohajer-6"]),
    fact("Jane Roe", "Person", "VISITED", "Nowhere Town", "Place", date="2024-02-01"),
]


def write(folder: Path, name: str, published: str, facts: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"id": name, "title": name, "published": published, "facts": facts}))
    return path


def keys(graph: Graph) -> set[str]:
    return {r["key"] for r in graph.read_text("MATCH (n) WHERE n:Entity OR n:Report RETURN n.key AS key")}


def test_reloading_a_source_that_no_longer_states_a_fact_removes_what_it_alone_created(
    graph: Graph, tmp_path: Path
) -> None:
    table = tmp_path / "drones.csv"
    table.write_text(
        "supplier,recipient,weapon,year,quantity,status,source\nIran,Russia,Mohajer-6,2022,10,delivered,table-1\n"
    )
    a = write(tmp_path / "v1", "report-a", "2024-03-01", [FIRST, *ONLY_A])
    b = write(tmp_path / "v1", "report-b", "2024-03-02", [FIRST])
    load_paths(graph, [a, b, table])
    before = keys(graph)
    assert {"atlantis-arms", "zephyr-9", "mohajer-6", "jane-roe", "nowhere-town", "report-a"} <= before

    a2 = write(tmp_path / "v2", "report-a", "2024-03-01", [FIRST])
    load_paths(graph, [a2])
    after = keys(graph)
    # what only report-a created, and nothing holds any more, is gone
    assert before - after == {"atlantis-arms", "zephyr-9", "jane-roe", "nowhere-town"}
    # shared: Iran, Russia, Shahed-136 (report-b states them), Mohajer-6 (the table's deal names it)
    assert {"IRN", "RUS", "shahed-136", "mohajer-6", "report-a", "report-b"} <= after
    mentioned = graph.read_text("MATCH (:Report {key: 'report-a'})-[:MENTIONS]->(e) RETURN collect(e.key) AS k")[0]["k"]
    assert sorted(mentioned) == ["IRN", "RUS", "shahed-136"]
    # an entity with no edge is one a deal names as its weapon (register deals link weapons by key)
    loose = graph.read_text("MATCH (n:Entity) WHERE NOT EXISTS { (n)--() } RETURN collect(n.key) AS k")[0]["k"]
    assert loose == ["mohajer-6"]

    # the graph is the one that loading the sources as they are now gives on an empty database,
    # except for what report-a's first version added to shared nodes (none here)
    h = graph_hash(graph)
    delete_all(graph)
    load_paths(graph, [a2, b, table])
    assert graph_hash(graph) == h


def test_a_source_retracted_whole_takes_its_report_node_and_its_orphans(graph: Graph, tmp_path: Path) -> None:
    from loaders.load import retract_sources

    a = write(tmp_path, "report-a", "2024-03-01", [FIRST, *ONLY_A])
    b = write(tmp_path, "report-b", "2024-03-02", [FIRST])
    load_paths(graph, [a, b])
    retract_sources(graph, ["report-a"])
    assert keys(graph) == {"IRN", "RUS", "shahed-136", "report-b"}
    h = graph_hash(graph)
    delete_all(graph)
    load_paths(graph, [b])
    assert graph_hash(graph) == h


def test_two_sources_of_one_fact_retracted_together_both_leave_it(graph: Graph, tmp_path: Path) -> None:
    """Three documents state one fact; two are retracted in one call: the fact keeps the third
    source's statement alone, as retracting them one by one, or never loading them, gives."""
    from loaders.load import retract_sources

    docs = [write(tmp_path, f"report-{n}", f"2024-03-0{i + 1}", [FIRST]) for i, n in enumerate("abc")]
    load_paths(graph, docs)
    retract_sources(graph, ["report-a", "report-b"])
    row = graph.read_text("MATCH (:Country {key: 'IRN'})-[r:SUPPLIES]->(:Country {key: 'RUS'}) RETURN r.sources AS s")
    assert [r["s"] for r in row] == [["report-c"]]
    h = graph_hash(graph)
    delete_all(graph)
    load_paths(graph, [docs[2]])
    assert graph_hash(graph) == h
    # the last source retracted: the fact goes
    retract_sources(graph, ["report-c"])
    assert graph.read_text("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n")[0]["n"] == 0
