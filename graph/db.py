"""The Neo4j driver: one per process, reads in read transactions, errors wrapped."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

import neo4j
from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity, RoutingControl
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from settings import Settings

from .errors import ServerError, Unavailable
from .queries import query

#: What Neo4j answers while a user is locked after too many failed logins in a row
#: (``dbms.security.auth_max_failed_attempts``, 3 by default, for ``dbms.security.auth_lock_time``).
RATE_LIMITED = "Neo.ClientError.Security.AuthenticationRateLimit"


def login_refused(e: Neo4jError) -> str | None:
    """A clear message when ``e`` is Neo4j refusing the login (wrong password, or locked user), else None."""
    if e.code == RATE_LIMITED:
        return (
            "Neo4j has locked the user for a few seconds after repeated failed logins (its authentication "
            "rate limit): some client sent a wrong password. Retry shortly; if it goes on, check "
            "ARMSGRAPH_NEO4J_PASSWORD or the password file, and the clients that log in as this user"
        )
    if isinstance(e, AuthError):
        return f"Neo4j refused armsgraph's credentials: {e.message}"
    return None


def open_driver(settings: Settings) -> Driver:
    """A driver for any Neo4j URI (bolt://, neo4j:// for a cluster, neo4j+s:// for Aura)."""
    if not settings.neo4j_password.get_secret_value():
        raise ServerError(
            "no Neo4j password: set ARMSGRAPH_NEO4J_PASSWORD, or run `armsgraph neo4j start` once for the "
            f"managed server (it generates one and keeps it in {settings.password_file})"
        )
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
    except ServiceUnavailable as e:
        raise ServerError(f"Neo4j is not reachable: {e}") from e
    except Neo4jError as e:
        message = login_refused(e)
        if message is None:
            raise
        raise ServerError(message) from e


class Graph:
    """Named queries against one database. Reads go to read transactions (cluster secondaries).

    ``version_ttl_s``: how long ``version()`` trusts its last reading of the graph version. Writes
    made in this process are seen at once; writes by another process (a CLI load next to a running
    API) within that time. 0 reads the version from the database on every call.
    """

    #: Writes made by this process (any Graph); a change makes every cached version reading stale.
    local_writes: ClassVar[int] = 0

    def __init__(self, driver: Driver, database: str = "neo4j", version_ttl_s: float = 0.0):
        self.driver = driver
        self.database = database
        self.version_ttl_s = version_ttl_s
        self._version: tuple[int, float, int] | None = None
        self._version_lock = threading.Lock()

    @classmethod
    def note_write(cls) -> None:
        """Called after every write (committed or of unknown outcome) by this process."""
        cls.local_writes += 1

    def _reading(self, expired_ok: bool) -> int | None:
        seen = self._version
        if seen is None or seen[2] != Graph.local_writes:
            return None
        if time.monotonic() - seen[1] < self.version_ttl_s or expired_ok:
            return seen[0]
        return None

    def known_version(self) -> int | None:
        """The graph version if the last reading is still trusted (no IO), else None.

        An expired reading stays trusted while another thread is reading the version again, so
        that one request pays for the reading, not every request that arrives meanwhile.
        """
        return self._reading(expired_ok=bool(self.version_ttl_s) and self._version_lock.locked())

    def version(self) -> int:
        """The graph version, which every write advances (cached answers are keyed by it)."""
        known = self.known_version()
        if known is not None:
            return known
        with self._version_lock:  # one reading for the threads that found it expired together
            known = self._reading(expired_ok=False)
            if known is not None:
                return known
            now, writes = time.monotonic(), Graph.local_writes
            rows = self.read("graph_version")
            value = int(rows[0]["version"]) if rows else 0
            self._version = (value, now, writes)
            return value

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named ``cypher/<name>.cypher`` in a read transaction; rows as dicts."""
        return self.read_text(query(name), **params)

    def read_text(self, text: str, **params: Any) -> list[dict[str, Any]]:
        return [r.data() for r in self.records(text, **params)]

    def records(self, text: str, **params: Any) -> list[neo4j.Record]:
        """The driver's records of a read, unconverted (``Record.data()`` costs per value: packed
        queries of a million values read their lists straight from the records)."""
        try:
            records, _, _ = self.driver.execute_query(
                text, params, database_=self.database, routing_=RoutingControl.READ
            )
        except ServiceUnavailable as e:
            raise Unavailable(f"Neo4j is not reachable: {e}") from e
        except Neo4jError as e:
            if (message := login_refused(e)) is None:
                raise
            raise Unavailable(message) from e
        return records

    def write(self, name: str, **params: Any) -> neo4j.SummaryCounters:
        try:
            _, summary, _ = self.driver.execute_query(
                query(name), params, database_=self.database, routing_=RoutingControl.WRITE
            )
        except ServiceUnavailable as e:
            raise Unavailable(f"Neo4j is not reachable: {e}") from e
        except Neo4jError as e:
            if (message := login_refused(e)) is None:
                raise
            raise Unavailable(message) from e
        return summary.counters

    def session(self, **kwargs: Any) -> neo4j.Session:
        return self.driver.session(database=self.database, **kwargs)


__all__ = ["Graph", "Neo4jError", "open_driver", "wrapped"]
