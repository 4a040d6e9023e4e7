"""GET /timeline: dated facts about an entity, in order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from graph.query import entities

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import Timeline
from ._common import AsOf, Limit, Offset, Since, Until, cached_reply, page_size

router = APIRouter(tags=["timeline"], dependencies=[ReadAccess])


@router.get(
    "/timeline",
    summary="Dated facts about an entity, oldest first",
    response_model=Timeline,
    responses=responses(401, 404, 422, 503),
)
async def get_timeline(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    entity: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    since: Since = None,
    until: Until = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    size = page_size(limit, settings)
    return await cached_reply(
        request.app,
        graph,
        ("timeline", entity, since, until, as_of, size, offset),
        Timeline,
        lambda: entities.timeline(graph, entity, since=since, until=until, as_of=as_of, limit=size, offset=offset),
    )
