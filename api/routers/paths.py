"""GET /paths: paths between two entities over chosen relationship types."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from graph.query import paths
from graph.query.params import PathQuery

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import PathResult
from ._common import AsOf, Limit, Offset, Since, Until, page_size, tracked_reply

router = APIRouter(tags=["paths"], dependencies=[ReadAccess])


@router.get(
    "/paths",
    summary="Directed paths from source to target: every shortest one, or all up to max_hops (paged)",
    response_model=PathResult,
    responses=responses(401, 404, 422, 503),
)
async def get_paths(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    source: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    target: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    max_hops: Annotated[
        int, Query(ge=1, le=6, description="longest path: at most 6 for mode=shortest, 5 for mode=all")
    ] = 4,
    types: Annotated[list[str] | None, Query(description="relationship types (repeat or comma-separate)")] = None,
    since: Since = None,
    until: Until = None,
    mode: Annotated[
        Literal["shortest", "all"],
        Query(description="shortest: every shortest path (the first `limit`, all counted); all: shortest first, paged"),
    ] = "shortest",
    as_of: AsOf = None,
    limit: Limit = 10,
    offset: Annotated[Offset, Query(description="paths to skip (mode=all)")] = 0,
) -> Response:
    q = PathQuery(
        source,
        target,
        max_hops,
        tuple(types) if types else None,
        since,
        until,
        mode,
        as_of,
        page_size(limit, settings),
        offset,
    )

    def compute(meta: dict[str, Any]) -> dict[str, Any]:
        return paths.paths(graph, q.source, q.target, **q.options(), timeout_s=settings.cypher_timeout_s, meta=meta)

    return await tracked_reply(request.app, graph, ("paths", q), PathResult, compute)
