"""Load: 32 clients mix /chains, /paths, /entities and /centrality against the API over the SIPRI
register; no request fails and the API's memory does not grow.

The API runs in its own process (uvicorn) so that its resident memory is measured alone. Its kept
answers are given 4 MiB, so that they fill during the warm-up and the measured run shows whether
anything else grows. ``bench/load_test.py`` runs the same load for 60 s and prints the figures.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.db import Graph
from graph.schema import delete_all
from loaders.load import load_paths
from settings import Settings
from tests.support.loadgen import MIX, run_load, start_api

from ..conftest import SAMPLES
from .helpers import api_env

REGISTER = SAMPLES / "sipri" / "trade-register-all-1950-2025.csv"


@pytest.fixture(scope="module")
def register(session_graph: Graph) -> Iterator[Graph]:
    delete_all(session_graph)
    load_paths(session_graph, [REGISTER])
    yield session_graph
    delete_all(session_graph)


def test_32_clients_mixed_load_has_no_errors_and_flat_memory(register: Graph, neo4j_settings: Settings) -> None:
    with start_api(api_env(neo4j_settings, ARMSGRAPH_QUERY_CACHE_MB="4")) as (base, pid):
        result = run_load(base, seconds=24, clients=32, warmup=12, pid=pid)
    print(result.report())
    assert result.errors == []
    assert set(result.latencies) == {name for name, _, _ in MIX}  # every kind of request was made
    assert result.requests >= 100
    first, last = result.rss_growth()
    assert len(result.rss) >= 30 and last <= first * 1.10 + 8, result.report()
