"""POST /cypher: read-only Cypher for analysts, checked on its plan, with a time and a row limit."""

from __future__ import annotations

from fastapi import APIRouter, Response

from graph.readonly import run_readonly

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import CypherRequest, CypherResponse
from ._common import reply

router = APIRouter(tags=["cypher"], dependencies=[ReadAccess])


@router.post(
    "/cypher",
    summary="Run one read-only Cypher query (no writes, files, admin or unlisted procedures)",
    response_model=CypherResponse,
    responses=responses(401, 413, 422, 503),
)
def post_cypher(body: CypherRequest, graph: GraphDep, settings: SettingsDep) -> Response:
    result = run_readonly(
        graph, body.query, body.params, timeout_s=settings.cypher_timeout_s, max_rows=settings.cypher_max_rows
    )
    return reply(
        CypherResponse,
        {
            "columns": result.columns,
            "rows": result.rows,
            "truncated": result.truncated,
            "elapsed_ms": result.elapsed_ms,
        },
    )
