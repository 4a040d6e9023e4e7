"""GET /entities (search) and GET /entities/{key} (an entity with its relationships and sources)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from graph.query import entities

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import EntityDetail, EntityPage
from ._common import AsOf, Limit, Offset, cached_reply, page_size, tracked_reply

router = APIRouter(tags=["entities"], dependencies=[ReadAccess])


@router.get(
    "/entities",
    summary="Search entities by name or alias, tolerant of spelling",
    response_model=EntityPage,
    responses=responses(401, 422, 503),
)
async def search_entities(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=300, description="name or alias")],
    type: Annotated[str | None, Query(description="entity label, e.g. Country")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    size = page_size(limit, settings)

    def compute(meta: dict[str, Any]) -> dict[str, Any]:
        meta["depends_on"] = frozenset({"names"})  # kept until a write changes a name or alias
        return entities.search(graph, q, type, size, offset)

    return await tracked_reply(request.app, graph, ("entities", q, type, size, offset), EntityPage, compute)


@router.get(
    "/entities/{key}",
    summary="An entity, its aliases and its relationships with sources",
    response_model=EntityDetail,
    responses=responses(401, 404, 422, 503),
)
async def get_entity(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    key: Annotated[str, Path(max_length=300, description="key, name or alias")],
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    size = page_size(limit, settings)
    return await cached_reply(
        request.app,
        graph,
        ("entity", key, as_of, size, offset),
        EntityDetail,
        lambda: entities.entity_detail(graph, key, as_of=as_of, limit=size, offset=offset),
    )
