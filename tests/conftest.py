"""One real Neo4j per test session; every integration test starts on an empty database.

Where the server comes from, in order: ``NEO4J_URI`` (with ``NEO4J_USER``/``NEO4J_PASSWORD``)
if set; else testcontainers where a Docker engine answers; else the managed local server
(``armsgraph neo4j``) in ``var/test-neo4j`` on ports 17687/17474 (``ARMSGRAPH_TEST_HOME``,
``ARMSGRAPH_TEST_BOLT_PORT`` and ``ARMSGRAPH_TEST_HTTP_PORT`` move it, to run suites side by side).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph import server
from graph.db import Graph, open_driver
from graph.schema import apply_schema, delete_all
from settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
TEST_PASSWORD = "armsgraph-test-password"


def _docker_answers() -> bool:
    try:
        import docker  # type: ignore[import-untyped]

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    if os.environ.get("NEO4J_URI"):
        yield Settings(
            neo4j_uri=os.environ["NEO4J_URI"],
            neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("NEO4J_PASSWORD", TEST_PASSWORD),
        )
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer  # type: ignore[import-untyped]

        with Neo4jContainer("neo4j:5.26-community", password=TEST_PASSWORD) as container:
            yield Settings(neo4j_uri=container.get_connection_url(), neo4j_password=TEST_PASSWORD)
        return
    home = Path(os.environ.get("ARMSGRAPH_TEST_HOME", ROOT / "var" / "test-neo4j"))
    bolt = int(os.environ.get("ARMSGRAPH_TEST_BOLT_PORT", "17687"))
    http = int(os.environ.get("ARMSGRAPH_TEST_HTTP_PORT", "17474"))
    settings = Settings(
        home=home,
        bolt_port=bolt,
        http_port=http,
        neo4j_uri=f"bolt://127.0.0.1:{bolt}",
        neo4j_password=TEST_PASSWORD,
        transaction_timeout_s=120,
    )
    # Jars come from the user's cache when present, so the suite does not fetch them twice.
    server.share_jars(settings)
    server.stop(settings, echo=lambda _m: None)
    # A fresh data folder each session: the test password is set before its first start.
    import shutil

    shutil.rmtree(server.paths(settings).data, ignore_errors=True)
    server.start(settings, echo=lambda _m: None)
    try:
        yield settings
    finally:
        server.stop(settings, echo=lambda _m: None)


@pytest.fixture(scope="session")
def session_graph(neo4j_settings: Settings) -> Iterator[Graph]:
    driver = open_driver(neo4j_settings)
    graph = Graph(driver, neo4j_settings.neo4j_database)
    apply_schema(graph)
    yield graph
    driver.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """An empty database with the schema applied."""
    delete_all(session_graph)
    return session_graph


@pytest.fixture
def seed_report() -> Path:
    return next((ROOT / "samples" / "reports").glob("2022-10-19_seed_*.txt"))


@pytest.fixture
def seed_claims() -> Path:
    return next((ROOT / "samples" / "claims").glob("2022-10-19_seed_*.json"))


@pytest.fixture(scope="session")
def _kept_loads() -> dict[tuple[str, ...], int]:
    return {}


def _stored_version(graph: Graph) -> int:
    rows = graph.read("graph_version")  # read afresh: a write of another process counts too
    return int(rows[0]["version"]) if rows else 0


@pytest.fixture
def loaded(session_graph: Graph, _kept_loads: dict[tuple[str, ...], int]) -> Callable[..., Graph]:
    """``loaded(*paths)``: the graph holding exactly these files, for tests that only read them.

    The load is kept while nothing writes to the graph (its version says so), so tests that read
    the same files one after the other (the 4 MB SIPRI register) load them once; any write in
    between, such as another test's empty database, makes the next call load them afresh."""
    from loaders.load import load_paths

    def load(*paths: Path) -> Graph:
        key = tuple(str(p) for p in paths)
        if _kept_loads.get(key) != _stored_version(session_graph):
            _kept_loads.clear()
            delete_all(session_graph)
            load_paths(session_graph, list(paths))
            _kept_loads[key] = _stored_version(session_graph)
        return session_graph

    return load
