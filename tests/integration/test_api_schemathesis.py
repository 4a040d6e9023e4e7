"""schemathesis over the OpenAPI document: no 5xx, every response matches the schema."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from api.app import create_app
from graph.db import Graph
from loaders.load import load_paths
from settings import Settings

from .helpers import graph_hash

EXAMPLES = 12
WRITE_PATHS = {"/claims", "/reports", "/imports"}


def test_every_operation_conforms_to_its_schema(graph: Graph, neo4j_settings: Settings, seed_claims: Path) -> None:
    load_paths(graph, [seed_claims])
    before = graph_hash(graph)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(neo4j_settings, graph))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: dict[str, str] = {}
    cases = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            nonlocal cases
            cases += 1
            # Reads are open unless ARMSGRAPH_REQUIRE_READ_KEY is set, so a read without a key
            # answering 200 is the design; writes must refuse a missing or wrong key.
            # Semantic checks the schema cannot state (since <= until, a known relationship type in
            # a comma-separated list) answer 422 to schema-valid input by design.
            excluded = [positive_data_acceptance]
            if case.path not in WRITE_PATHS:
                excluded.append(ignored_auth)
            case.call_and_validate(excluded_checks=excluded)

        try:
            check()
        except Exception as e:  # collect every operation's failure, then report them together
            failures[operation.label] = str(e)[:2000]
    print(f"schemathesis: {cases} cases over {len(operations)} operations, {len(failures)} failing")
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert cases >= len(operations)
    assert graph_hash(graph) == before  # no generated request wrote without the key
