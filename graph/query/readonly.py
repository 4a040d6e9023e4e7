"""Read-only Cypher for analysts: the plan is checked before the query runs.

First the text: :func:`graph.query.cypher_guard.check_text` refuses what Neo4j could not bound once
it runs (long ``range()`` lists, growing ``reduce()``, deep nesting, query options). Then the
plan: a READ session alone is not a security boundary (procedures, ``LOAD CSV`` and some admin
commands run in one), so every query is ``EXPLAIN``-ed in a read transaction and its
plan walked: the query type must be ``r``, no operator may write, load files, run a schema or
admin command, or call a procedure outside :data:`PROCEDURE_ALLOWLIST`, and no function
outside the built-in namespaces may appear. Only then does it run, in a read transaction with
a time limit, keeping at most ``max_rows`` rows and ``max_bytes`` of them (roughly as JSON): the
records past either limit are not read, and the answer says it was truncated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j
import orjson
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, TransientError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from ..db import Graph
from ..errors import QueryRefused, Unavailable
from .cypher_guard import check_text

#: Procedures an analyst may call: schema introspection and the entity full-text index.
PROCEDURE_ALLOWLIST = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
    }
)
#: Namespaces of built-in functions (user-defined functions, e.g. ``apoc.*``, are refused).
FUNCTION_NAMESPACES = (
    "date",
    "datetime",
    "localdatetime",
    "localtime",
    "time",
    "duration",
    "point",
    "vector",
    "db.nameFromElementId",
)
#: Plan operators that write, load, administer or call out (matched on the name's start).
REFUSED_OPERATORS = (
    "Create",
    "Merge",
    "Set",
    "Remove",
    "Delete",
    "DetachDelete",
    "Foreach",
    "LoadCSV",
    "Transaction",
    "Show",
    "Terminate",
    "Drop",
    "Alter",
    "Grant",
    "Revoke",
    "Deny",
    "Enable",
    "Disable",
    "Start",
    "Stop",
    "Rename",
    "Assert",
    "Wait",
    "SystemProcedure",
    "EmptyResult",
    "LockNodes",
)
#: Operators that are fine although a refused prefix starts them.
ALLOWED_OPERATORS: frozenset[str] = frozenset()
_SCALARS = frozenset({str, int, bool, type(None)})
#: Records the driver fetches at a time: a large answer is read (and cut) in small pieces.
FETCH_SIZE = 100
#: Default byte budget of one answer (rows x size, counted as JSON would be).
MAX_BYTES = 4 * 1024 * 1024
_FUNCTION = re.compile(r"((?:`[^`]+`|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:`[^`]+`|[A-Za-z_][\w$]*))+)\s*\(")
_PROC_NAME = re.compile(r"^\s*([\w.`]+)\s*\(")


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: float
    answer_bytes: int = 0
    #: Each row as JSON, written once while the budget was counted (the API sends these).
    rows_json: list[bytes] = field(default_factory=list)


class QueryTimedOut(QueryRefused):
    title = "Query timed out"


def _walk(plan: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield plan
    for child in plan.get("children") or []:
        yield from _walk(child)


def _operator(plan: Mapping[str, Any]) -> str:
    return str(plan.get("operatorType") or plan.get("operator_type") or "").split("@")[0]


def _details(plan: Mapping[str, Any]) -> str:
    args = plan.get("args") or plan.get("arguments") or {}
    return " ".join(str(v) for v in args.values())


def _plain(name: str) -> str:
    return re.sub(r"\s+", "", name.replace("`", "")).lower()


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse a plan that is not a pure read over the graph. Pure: testable on plan dicts."""
    if query_type != "r":
        raise QueryRefused(
            "only read queries are allowed: this query writes, changes the schema or administers the server"
        )
    if plan is None:
        raise QueryRefused("the server gave no plan for this query")
    for step in _walk(plan):
        op = _operator(step)
        details = _details(step)
        if op not in ALLOWED_OPERATORS and op.startswith(REFUSED_OPERATORS):
            raise QueryRefused(f"operation {op} is not allowed in read-only queries")
        if op.startswith("ProcedureCall"):
            m = _PROC_NAME.match(details)
            name = _plain(m.group(1)) if m else ""
            if name not in PROCEDURE_ALLOWLIST:
                raise QueryRefused(
                    f"procedure {name or '?'} is not allowed; allowed: " + ", ".join(sorted(PROCEDURE_ALLOWLIST))
                )
        for fn in _FUNCTION.findall(details):
            name = _plain(fn)
            if not _builtin_function(name):
                raise QueryRefused(f"function {name} is not allowed in read-only queries")


def _builtin_function(name: str) -> bool:
    """A dotted name followed by ``(``: a built-in namespaced function or an allowed procedure."""
    return name.startswith(tuple(ns.lower() + "." for ns in FUNCTION_NAMESPACES)) or name in PROCEDURE_ALLOWLIST


def _timeout(e: Neo4jError) -> bool:
    code = e.code or ""
    return "TransactionTimedOut" in code or "Terminated" in code or "timed out" in (e.message or "").lower()


def check_query(text: str, params: Mapping[str, Any] | None = None) -> None:
    """The checks on the text alone (no server): cheap enough to run before a query waits for a slot."""
    if not text.strip():
        raise QueryRefused("query is empty")
    check_text(text, params, procedures=PROCEDURE_ALLOWLIST, namespaces=FUNCTION_NAMESPACES)


def run_readonly(
    graph: Graph,
    text: str,
    params: Mapping[str, Any] | None,
    *,
    timeout_s: float,
    max_rows: int,
    max_bytes: int = MAX_BYTES,
) -> CypherResult:
    """Check ``text`` (its tokens, then its plan), then run it read-only with a time limit, a
    row cap and a byte budget. Both transactions carry the time limit, so that no driver call of
    this path waits on the server longer than ``timeout_s`` for a query the server can stop."""
    params = dict(params or {})
    check_query(text, params)
    start = dt.datetime.now()
    rows: list[dict[str, Any]] = []
    pieces: list[bytes] = []
    size, truncated = 0, False
    try:
        with graph.session(default_access_mode=neo4j.READ_ACCESS, fetch_size=FETCH_SIZE) as session:
            with session.begin_transaction(timeout=timeout_s) as tx:
                summary = tx.run("EXPLAIN " + text, params).consume()
                check_plan(summary.query_type, summary.plan)
            with session.begin_transaction(timeout=timeout_s) as tx:
                result = tx.run(text, params)
                columns = list(result.keys())
                for record in result:
                    if len(rows) == max_rows:
                        truncated = True
                        break
                    row = {k: to_json(v) for k, v in record.items()}
                    piece = _dumps(row)
                    size += len(piece) + 1
                    if size > max_bytes:
                        truncated = True
                        break
                    rows.append(row)
                    pieces.append(piece)
                tx.rollback()
    except ServiceUnavailable as e:
        raise Unavailable(f"Neo4j is not reachable: {e}") from e
    except (ClientError, TransientError) as e:
        if _timeout(e):
            raise QueryTimedOut(f"query ran over the time limit of {timeout_s:g} s and was stopped") from e
        if "OutOfMemory" in (e.code or ""):
            raise QueryRefused(f"the query needs more memory than one query may use: {_short(e)}") from e
        raise QueryRefused(f"Neo4j refused the query: {_short(e)}") from e
    except Neo4jError as e:
        raise QueryRefused(f"the query failed: {_short(e)}") from e
    elapsed = (dt.datetime.now() - start).total_seconds() * 1000
    return CypherResult(columns, rows, truncated, round(elapsed, 1), min(size, max_bytes), pieces)


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS)


def json_size(value: Any) -> int:
    """How many bytes ``value`` (JSON-ready, from :func:`to_json`) takes as JSON."""
    return len(_dumps(value))


def _short(e: Neo4jError) -> str:
    """The first line of Neo4j's message, without the query text it sometimes quotes."""
    message = (e.message or e.code or "error").splitlines()[0]
    return message[:300]


def to_json(value: Any) -> Any:
    """Driver values as JSON-ready data: nodes, relationships, paths, temporal and spatial values."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        if all(type(v) in _SCALARS for v in value):
            return value
        return [v if type(v) in _SCALARS else to_json(v) for v in value]
    if isinstance(value, Node):
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (Date, DateTime, Time)):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, float) and value != value:
        return None
    return value
