"""GET /entities (search) and GET /entities/{key} (an entity with its relationships and sources)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from graph import repository

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import EntityDetail, EntityPage
from ._common import AsOf, Limit, Offset, page_size, reply

router = APIRouter(tags=["entities"], dependencies=[ReadAccess])


@router.get(
    "/entities",
    summary="Search entities by name or alias, tolerant of spelling",
    response_model=EntityPage,
    responses=responses(401, 422, 503),
)
def search_entities(
    graph: GraphDep,
    settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=300, description="name or alias")],
    type: Annotated[str | None, Query(description="entity label, e.g. Country")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    return reply(EntityPage, repository.search(graph, q, type, page_size(limit, settings), offset))


@router.get(
    "/entities/{key}",
    summary="An entity, its aliases and its relationships with sources",
    response_model=EntityDetail,
    responses=responses(401, 404, 422, 503),
)
def get_entity(
    graph: GraphDep,
    settings: SettingsDep,
    key: Annotated[str, Path(max_length=300, description="key, name or alias")],
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    data = repository.entity_detail(graph, key, as_of=as_of, limit=page_size(limit, settings), offset=offset)
    return reply(EntityDetail, data)
