"""One exception root for the project; each error carries the HTTP status it maps to and the
exit code the CLI ends with (2: bad input; 3: Neo4j unreachable or the managed server failed)."""

from __future__ import annotations


class ArmsgraphError(Exception):
    """Root of every error armsgraph raises on purpose."""

    status_code = 500
    title = "Internal error"
    exit_code = 2

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class NotFound(ArmsgraphError):
    status_code = 404
    title = "Not found"

    def __init__(self, detail: str, suggestions: list[str] | None = None):
        super().__init__(detail)
        self.suggestions = suggestions or []


class InvalidInput(ArmsgraphError):
    status_code = 422
    title = "Invalid input"


class Forbidden(ArmsgraphError):
    status_code = 403
    title = "Forbidden"


class QueryRefused(InvalidInput):
    """A read-only Cypher query that would write, read files, reach the network or run too long."""

    title = "Query refused"


class Unavailable(ArmsgraphError):
    status_code = 503
    title = "Service unavailable"
    exit_code = 3


class ServerError(ArmsgraphError):
    """The managed local Neo4j could not be installed, started or stopped."""

    status_code = 503
    title = "Neo4j server error"
    exit_code = 3
