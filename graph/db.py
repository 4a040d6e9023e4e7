"""The Neo4j driver: one per process, reads in read transactions, errors wrapped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity, RoutingControl
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from .config import Settings
from .errors import ServerError, Unavailable
from .queries import query


def open_driver(settings: Settings) -> Driver:
    """A driver for any Neo4j URI (bolt://, neo4j:// for a cluster, neo4j+s:// for Aura)."""
    try:
        return GraphDatabase.driver(
            settings.neo4j_uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            max_connection_pool_size=64,
            connection_acquisition_timeout=30,
            user_agent="armsgraph",
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
    except (ValueError, DriverError) as e:
        raise ServerError(f"bad Neo4j URI {settings.neo4j_uri!r}: {e}") from e


@contextmanager
def wrapped() -> Iterator[None]:
    """Turn driver errors into armsgraph errors (503 for an unreachable or refusing server)."""
    try:
        yield
    except AuthError as e:
        raise ServerError(f"Neo4j authentication failed: {e.message}") from e
    except ServiceUnavailable as e:
        raise ServerError(f"Neo4j is not reachable: {e}") from e


class Graph:
    """Named queries against one database. Reads go to read transactions (cluster secondaries)."""

    def __init__(self, driver: Driver, database: str = "neo4j"):
        self.driver = driver
        self.database = database

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named ``cypher/<name>.cypher`` in a read transaction; rows as dicts."""
        return self.read_text(query(name), **params)

    def read_text(self, text: str, **params: Any) -> list[dict[str, Any]]:
        try:
            records, _, _ = self.driver.execute_query(
                text, params, database_=self.database, routing_=RoutingControl.READ
            )
        except ServiceUnavailable as e:
            raise Unavailable(f"Neo4j is not reachable: {e}") from e
        except AuthError as e:
            raise Unavailable(f"Neo4j refused armsgraph's credentials: {e.message}") from e
        return [r.data() for r in records]

    def write(self, name: str, **params: Any) -> neo4j.SummaryCounters:
        try:
            _, summary, _ = self.driver.execute_query(
                query(name), params, database_=self.database, routing_=RoutingControl.WRITE
            )
        except ServiceUnavailable as e:
            raise Unavailable(f"Neo4j is not reachable: {e}") from e
        return summary.counters

    def session(self, **kwargs: Any) -> neo4j.Session:
        return self.driver.session(database=self.database, **kwargs)


__all__ = ["Graph", "Neo4jError", "open_driver", "wrapped"]
