"""POST /cypher: read-only Cypher for analysts, checked on its text and its plan, with a time
limit, a row cap and a byte budget, at most a few at once (:class:`api.gates.Gate`)."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Request, Response

from graph.query.readonly import QueryTimedOut, check_query, run_readonly

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import CypherRequest, CypherResponse

router = APIRouter(tags=["cypher"], dependencies=[ReadAccess])

#: Seconds a request waits past the query's own time limit before it is answered anyway.
GRACE_S = 3.0


@router.post(
    "/cypher",
    summary="Run one read-only Cypher query (no writes, files, admin or unlisted procedures)",
    response_model=CypherResponse,
    responses=responses(401, 413, 415, 422, 429, 503),
)
async def post_cypher(body: CypherRequest, graph: GraphDep, settings: SettingsDep, request: Request) -> Response:
    check_query(body.query, body.params)  # refusals need no slot
    timeout = settings.cypher_timeout_s

    def answer() -> Response:  # in the gate's thread: the query, and the answer's JSON too
        result = run_readonly(
            graph,
            body.query,
            body.params,
            timeout_s=timeout,
            max_rows=settings.cypher_max_rows,
            max_bytes=settings.cypher_max_bytes,
        )
        # the rows were written as JSON once, while their size was counted: joined, not re-encoded
        return Response(
            b'{"columns":'
            + orjson.dumps(result.columns)
            + b',"rows":['
            + b",".join(result.rows_json)
            + b'],"truncated":'
            + (b"true" if result.truncated else b"false")
            + b',"elapsed_ms":'
            + orjson.dumps(result.elapsed_ms)
            + b"}",
            media_type="application/json",
        )

    response, _ = await request.app.state.cypher_gate.run(
        answer, deadline=timeout + GRACE_S, late=QueryTimedOut(f"query ran over the time limit of {timeout:g} s")
    )
    return response  # type: ignore[no-any-return]
