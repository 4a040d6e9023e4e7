"""GET /paths: paths between two entities over chosen relationship types."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from graph import repository_paths

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import PathResult
from ._common import AsOf, Limit, Since, Until, cached_reply, page_size

router = APIRouter(tags=["paths"], dependencies=[ReadAccess])


@router.get(
    "/paths",
    summary="Directed paths from source to target (shortest, or all up to max_hops)",
    response_model=PathResult,
    responses=responses(401, 404, 422, 503),
)
async def get_paths(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    source: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    target: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
    types: Annotated[list[str] | None, Query(description="relationship types (repeat or comma-separate)")] = None,
    since: Since = None,
    until: Until = None,
    mode: Literal["shortest", "all"] = "shortest",
    as_of: AsOf = None,
    limit: Limit = 10,
) -> Response:
    size = page_size(limit, settings)
    key = ("paths", source, target, max_hops, tuple(types or ()), since, until, mode, as_of, size)
    return await cached_reply(
        request.app,
        graph,
        key,
        PathResult,
        lambda: repository_paths.paths(
            graph,
            source,
            target,
            max_hops=max_hops,
            types=types,
            since=since,
            until=until,
            mode=mode,
            as_of=as_of,
            limit=size,
            timeout_s=settings.cypher_timeout_s,
        ),
    )
