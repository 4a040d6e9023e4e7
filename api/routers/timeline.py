"""GET /timeline: dated facts about an entity, in order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from graph import repository

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import Timeline
from ._common import AsOf, Limit, Offset, Since, Until, page_size, reply

router = APIRouter(tags=["timeline"], dependencies=[ReadAccess])


@router.get(
    "/timeline",
    summary="Dated facts about an entity, oldest first",
    response_model=Timeline,
    responses=responses(401, 404, 422, 503),
)
def get_timeline(
    graph: GraphDep,
    settings: SettingsDep,
    entity: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    since: Since = None,
    until: Until = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    data = repository.timeline(
        graph, entity, since=since, until=until, as_of=as_of, limit=page_size(limit, settings), offset=offset
    )
    return reply(Timeline, data)
