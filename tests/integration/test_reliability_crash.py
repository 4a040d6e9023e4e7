"""Crash safety: SIGKILL the Neo4j server, or the loader, in the middle of a load. Every batch
is all there or all absent, and a re-run ends equal to a clean load."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import server
from graph.db import Graph, open_driver
from graph.schema import delete_all
from loaders.load import load_paths
from loaders.registers.sipri import read_register
from settings import Settings

from ..conftest import ROOT
from .helpers import graph_hash
from .test_reliability_loads import duplicate_keys, write_slice

BATCH = 500
KILLS = 2
CRASH_BOLT, CRASH_HTTP = 58687, 58474

#: A loader in its own process; it prints a line after each committed batch.
LOADER = """
import sys
from pathlib import Path
from settings import Settings
from graph.db import Graph, open_driver
from loaders.load import load_paths
s = Settings(neo4j_uri=sys.argv[1], neo4j_password=sys.argv[2])
with open_driver(s) as driver:
    load_paths(Graph(driver), [Path(sys.argv[3])], batch_size=int(sys.argv[4]),
               progress=lambda rows: print("batch", rows, flush=True))
print("done", flush=True)
"""


def batches_of(path: Path) -> list[list[str]]:
    with read_register(path) as register:
        keys = [d.key for d in register.deals]
    return [keys[i : i + BATCH] for i in range(0, len(keys), BATCH)]


def batch_states(graph: Graph, batches: list[list[str]]) -> list[int]:
    """How many deals of each batch the graph holds."""
    return [
        graph.read_text("MATCH ()-[r:SUPPLIES]->() WHERE r.key IN $keys RETURN count(r) AS n", keys=keys)[0]["n"]
        for keys in batches
    ]


def start_loader(settings: Settings, table: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            LOADER,
            settings.neo4j_uri,
            settings.neo4j_password.get_secret_value(),
            str(table),
            str(BATCH),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_batches(loader: subprocess.Popen[str], n: int, deadline_s: float = 240) -> None:
    """Block until the loader reports ``n`` committed batches (stdout is line-buffered)."""
    assert loader.stdout is not None
    end = time.monotonic() + deadline_s
    seen = 0
    while seen < n:
        line = loader.stdout.readline()
        assert line, f"the loader ended early: {loader.stderr.read() if loader.stderr else ''}"
        seen += line.startswith("batch")
        assert time.monotonic() < end, "the loader made no progress"


def kill_loader(loader: subprocess.Popen[str]) -> None:
    loader.send_signal(signal.SIGKILL)
    loader.wait(timeout=30)


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_slice(tmp_path_factory.mktemp("crash"))


@pytest.fixture(scope="module")
def clean_hash(session_graph: Graph, table: Path) -> str:
    delete_all(session_graph)
    load_paths(session_graph, [table], batch_size=BATCH)
    digest = graph_hash(session_graph)
    delete_all(session_graph)
    return digest


def check_whole_batches(graph: Graph, batches: list[list[str]], report: dict[str, int]) -> None:
    """Every batch is all there or all absent, and no key is held twice."""
    states = batch_states(graph, batches)
    partial = [i for i, (n, keys) in enumerate(zip(states, batches, strict=True)) if 0 < n < len(keys)]
    report["partial"] += len(partial)
    report["present"] += sum(n == len(k) for n, k in zip(states, batches, strict=True))
    assert partial == [], f"batches {partial} are partly written: {states}"
    assert duplicate_keys(graph) == {"nodes": 0, "relationships": 0, "mentions": 0}


@pytest.mark.slow
def test_killing_the_loader_mid_load_loses_and_duplicates_nothing(
    graph: Graph, table: Path, clean_hash: str, neo4j_settings: Settings
) -> None:
    rng = random.Random(8)
    batches = batches_of(table)
    report = {"partial": 0, "present": 0}
    for _ in range(KILLS):
        loader = start_loader(neo4j_settings, table)
        try:
            wait_for_batches(loader, rng.randint(1, len(batches) - 1))
            time.sleep(rng.uniform(0, 1.0))  # somewhere inside the next batch
        finally:
            kill_loader(loader)
        check_whole_batches(graph, batches, report)
    assert report["present"] >= KILLS
    load_paths(graph, [table], batch_size=BATCH)
    assert graph_hash(graph) == clean_hash
    assert batch_states(graph, batches) == [len(k) for k in batches]


@pytest.fixture
def crash_server(neo4j_settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    """A Neo4j of its own, to be killed."""
    if not neo4j_settings.neo4j_uri.startswith("bolt://127.0.0.1"):
        pytest.skip("needs the managed local server's jars")
    settings = Settings(
        home=tmp_path / "crash-neo4j",
        bolt_port=CRASH_BOLT,
        http_port=CRASH_HTTP,
        neo4j_uri=f"bolt://127.0.0.1:{CRASH_BOLT}",
        neo4j_password=neo4j_settings.neo4j_password,
        heap="384m",
        pagecache="64m",
        start_timeout_s=240,
    )
    # the jars of the test server, else those of the user's install
    server.share_jars(settings, neo4j_settings)
    server.share_jars(settings)
    server.start(settings, echo=lambda _m: None)
    try:
        yield settings
    finally:
        server.kill(settings)


@pytest.mark.slow
def test_killing_the_server_mid_load_leaves_whole_batches_and_a_rerun_completes(
    crash_server: Settings, table: Path, clean_hash: str
) -> None:
    rng = random.Random(88)
    batches = batches_of(table)
    report = {"partial": 0, "present": 0}
    for _ in range(KILLS):
        loader = start_loader(crash_server, table)
        try:
            wait_for_batches(loader, rng.randint(1, len(batches) - 1))
            time.sleep(rng.uniform(0, 1.0))
            server.kill(crash_server)  # the crash
        finally:
            kill_loader(loader)
        server.start(crash_server, echo=lambda _m: None)  # recovery runs on start
        with open_driver(crash_server) as driver:
            check_whole_batches(Graph(driver), batches, report)
    with open_driver(crash_server) as driver:
        graph = Graph(driver)
        load_paths(graph, [table], batch_size=BATCH)
        assert graph_hash(graph) == clean_hash
        assert batch_states(graph, batches) == [len(k) for k in batches]
    assert report["present"] >= KILLS
