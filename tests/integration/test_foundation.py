"""The foundation against a real Neo4j: server, schema, claims loading, provenance, /health."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import server
from graph.db import Graph
from graph.errors import ServerError
from graph.queries import all_names, query
from graph.schema import apply_schema
from loaders.errors import InputError
from loaders.load import load_paths
from settings import Settings

from .helpers import explain, graph_hash, totals


def test_server_answers_with_5_26_and_reads_back_its_security_settings(graph: Graph) -> None:
    version = graph.read("server_info")[0]["version"]
    assert version.startswith("5.26.")
    rows = graph.read_text(
        "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'dbms.security' "
        "OR name = 'db.transaction.timeout' RETURN name, value"
    )
    settings = {r["name"]: r["value"] for r in rows}
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert settings["dbms.security.procedures.allowlist"] == server.PROCEDURE_ALLOWLIST
    assert settings["db.transaction.timeout"] != "0s"


def test_server_runs_with_the_jvm_options_neo4j_ships(graph: Graph) -> None:
    # Without --add-opens the page cache falls back to a slower path (a WARN in debug.log);
    # the Docker image passes the same options from the neo4j.conf it ships.
    rows = graph.read_text(
        "CALL dbms.queryJmx('java.lang:type=Runtime') YIELD attributes RETURN attributes.InputArguments.value AS args"
    )
    args = rows[0]["args"]
    assert "--add-opens=java.base/java.nio=ALL-UNNAMED" in args
    assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in args


def test_schema_is_idempotent(graph: Graph) -> None:
    before = graph.read_text("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")[0]["n"]
    apply_schema(graph)
    after = graph.read_text("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")[0]["n"]
    assert before == after >= 13
    names = {r["name"] for r in graph.read_text("SHOW INDEXES YIELD name, type RETURN name, type")}
    assert "entity_names" in names


# delete_all runs before every test (CALL {} IN TRANSACTIONS cannot be EXPLAINed in a
# transaction); schema is applied by the session fixture and checked above.
@pytest.mark.parametrize(
    "name", [n for n in all_names() if n not in ("delete_all", "delete_all_relationships", "schema")]
)
def test_every_cypher_file_compiles_on_the_server(graph: Graph, name: str) -> None:
    from graph.query.paths import QUANTIFIER, bounded

    text = query(name)
    texts = [bounded(name, n) for n in (1, 5)] if QUANTIFIER in text else [text]  # templates: with a bound
    for t in texts:
        explain(graph, t)


def test_start_refuses_a_taken_port_with_a_clear_message(neo4j_settings: Settings, tmp_path: Path) -> None:
    if not neo4j_settings.neo4j_uri.startswith("bolt://127.0.0.1"):
        pytest.skip("only the managed local server has ports to take")
    other = Settings(
        home=tmp_path / "other", bolt_port=neo4j_settings.bolt_port, http_port=17475, neo4j_password="another-password"
    )
    lib = server.paths(other).lib
    lib.parent.mkdir(parents=True)
    lib.symlink_to(server.paths(neo4j_settings).lib.resolve())
    with pytest.raises(ServerError, match=f"Bolt port {neo4j_settings.bolt_port} .* is taken"):
        server.start(other, echo=lambda _m: None)


def test_claims_file_loads_with_provenance_and_twice_changes_nothing(graph: Graph, seed_claims: Path) -> None:
    first = load_paths(graph, [seed_claims])
    assert first.stats.relationships_created > 0
    h1, t1 = graph_hash(graph), totals(graph)
    second = load_paths(graph, [seed_claims])
    assert second.stats.nodes_created == 0 and second.stats.relationships_created == 0
    assert graph_hash(graph) == h1 and totals(graph) == t1
    gold = json.loads(seed_claims.read_text())
    edge = graph.read_text(
        "MATCH (:Country {key: 'IRN'})-[r:SUPPLIES]->(:Country {key: 'RUS'}) RETURN properties(r) AS p"
    )[0]["p"]
    assert edge["sources"] == [gold["id"]]
    assert edge["date"] == "2022-10-06" and edge["status"] == "agreed"
    assert set(edge["weapons"]) >= {"Shahed-136", "Zolfaghar"}  # canonical names from the gazetteer
    assert any(k.startswith("fateh") for k in edge["weapon_keys"])
    assert edge["evidence"][0].startswith("The agreement")
    visit = graph.read_text("MATCH (p:Person)-[r:VISITED]->(m:Place) RETURN p.name AS p, m.name AS m, r.date AS d")
    assert {"p": "Mohammad Mokhber", "m": "Moscow", "d": "2022-10-06"} in visit


def _claims(tmp_path: Path, name: str, published: str, status: str, evidence: str) -> Path:
    f = tmp_path / f"{name}.json"
    f.write_text(
        json.dumps(
            {
                "id": name,
                "published": published,
                "title": name,
                "facts": [
                    {
                        "subject": "Iran",
                        "subject_type": "Country",
                        "predicate": "SUPPLIES",
                        "object": "Russian Federation",
                        "object_type": "Country",
                        "weapon_systems": ["Shahed-136"],
                        "status": status,
                        "evidence": evidence,
                    }
                ],
                "entities": [{"name": "Iran", "type": "Country", "aliases": ["Islamic Republic of Iran"]}],
            }
        )
    )
    return f


def test_same_fact_from_two_sources_is_one_edge_and_a_denial_stays_beside_it(graph: Graph, tmp_path: Path) -> None:
    a = _claims(tmp_path, "report-a", "2022-10-19", "agreed", "Iran agreed to supply drones")
    b = _claims(tmp_path, "report-b", "2022-11-01", "denied", "Tehran denied sending drones")
    load_paths(graph, [a, b])
    rows = graph.read_text(
        "MATCH (:Entity {key: 'IRN'})-[r:SUPPLIES]->(:Entity {key: 'RUS'}) RETURN properties(r) AS p"
    )
    assert len(rows) == 1
    p = rows[0]["p"]
    assert p["sources"] == ["report-a", "report-b"]
    assert p["source_statuses"] == ["agreed", "denied"]
    assert p["disputed"] is True
    assert p["status"] == "denied"  # the latest source speaks last ...
    assert p["first_seen"] == "2022-10-19"  # ... but the edge exists since the first
    h = graph_hash(graph)
    load_paths(graph, [b, a])  # another order: same graph
    assert graph_hash(graph) == h


def test_invalid_claims_file_writes_nothing(graph: Graph, tmp_path: Path, seed_claims: Path) -> None:
    data = json.loads(seed_claims.read_text())
    data["facts"][5]["status"] = "rumoured"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"facts\.5\.status"):
        load_paths(graph, [bad])
    assert totals(graph) == (0, 0)


def test_health_reports_counts(graph: Graph, neo4j_settings: Settings, seed_claims: Path) -> None:
    load_paths(graph, [seed_claims])
    with TestClient(create_app(neo4j_settings, graph)) as client:
        body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["neo4j"]["version"].startswith("5.26")
    assert body["neo4j"]["nodes"]["Country"] >= 4
    assert body["neo4j"]["relationships"]["SUPPLIES"] >= 2


def test_health_is_degraded_when_neo4j_is_unreachable(neo4j_settings: Settings) -> None:
    s = neo4j_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1"})
    with TestClient(create_app(s)) as client:
        r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "degraded"
    assert r.json()["neo4j"]["reachable"] is False


def test_review_loop_curated_file_wins_over_reextraction(graph: Graph, tmp_path: Path, seed_report: Path) -> None:
    """extract -> edit -> load the edit -> re-load the report: the analyst's version stays."""
    from loaders.news import extract_file

    extracted = extract_file(seed_report)[0]
    load_paths(graph, [seed_report])
    assert graph.read_text("MATCH (:Entity {key: 'PRK'})-[r:SUPPLIES]->() RETURN count(r) AS n")[0]["n"] >= 0
    edited = extracted.model_dump(mode="json")
    edited["curated"] = True
    kept = [f for f in edited["facts"] if f["predicate"] != "SUPPLIES" or f["subject"] != "North Korea"]
    kept = [
        f for f in kept if not (f["predicate"] == "SUPPLIES" and f["subject"] == "Iran" and f["status"] != "denied")
    ]
    kept.append(
        {
            **next(f for f in edited["facts"] if f["predicate"] == "SUPPLIES" and f["subject"] == "Iran"),
            "status": "delivered",
            "evidence": "analyst: confirmed delivered",
        }
    )
    edited["facts"] = kept
    review = tmp_path / f"{extracted.id}.json"
    review.write_text(json.dumps(edited))
    load_paths(graph, [review])
    after_edit = graph_hash(graph)
    iran = graph.read_text(
        "MATCH (:Entity {key: 'IRN'})-[r:SUPPLIES]->(:Entity {key: 'RUS'}) RETURN properties(r) AS p"
    )
    assert iran[0]["p"]["status"] == "delivered" and iran[0]["p"]["curated"] is True
    assert (
        graph.read_text("MATCH (:Entity {key: 'PRK'})-[r:SUPPLIES]->(:Entity {key: 'RUS'}) RETURN count(r) AS n")[0][
            "n"
        ]
        == 0
    )
    result = load_paths(graph, [seed_report])  # the report again: the analyst's facts stay
    assert any("curated" in s for s in result.skipped)
    assert graph_hash(graph) == after_edit


def test_graph_version_reading_is_kept_for_its_ttl_but_never_across_own_writes(graph: Graph) -> None:
    """The API trusts a reading of the graph version for ``version_ttl_s``: a load by another
    process shows after that time at most, a write made by this process at once."""
    from graph.schema import delete_all

    cached = Graph(graph.driver, graph.database, version_ttl_s=0.5)
    first = cached.version()
    with graph.session() as session:  # another process's write: the counter moves, ours does not know
        session.execute_write(lambda tx: tx.run(query("bump_version"), keys=None, edges=None).consume())
    assert cached.version() == first and cached.known_version() == first
    time.sleep(0.6)
    assert cached.known_version() is None and cached.version() == first + 1
    delete_all(graph)  # this process's write: seen without waiting
    assert cached.known_version() is None and cached.version() == first + 2
