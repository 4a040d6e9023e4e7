"""GET /chains: supplier chains upstream or downstream of an entity, as a list or as tiers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from graph.query import chains as repository_paths

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..schemas import ChainPage, ChainTiers
from ._common import AsOf, Limit, Offset, Since, Until, page_size, tracked_reply

router = APIRouter(tags=["chains"], dependencies=[ReadAccess])


@router.get(
    "/chains",
    summary="Supplier chains: who supplies the root, and who supplies them (view=tiers: hop by hop)",
    response_model=ChainPage | ChainTiers,
    responses=responses(401, 404, 422, 503),
)
async def get_chains(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    root: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    direction: Literal["upstream", "downstream"] = "upstream",
    max_hops: Annotated[int, Query(ge=1, le=repository_paths.MAX_CHAIN_HOPS)] = 3,
    since: Since = None,
    until: Until = None,
    weapon: Annotated[str | None, Query(max_length=200, description="weapon name or key")] = None,
    status: Annotated[str | None, Query(description="claim status, e.g. delivered")] = None,
    time_consistent: bool = False,
    as_of: AsOf = None,
    sort: Annotated[
        Literal["deals", "tiv", "name"],
        Query(description="rank in a length (tiers: in a hop): deals then delivered TIV, TIV then deals, or name"),
    ] = "deals",
    view: Annotated[
        Literal["chains", "tiers"],
        Query(description="chains: every chain, shortest first; tiers: the entities at each hop, what they feed"),
    ] = "chains",
    limit: Limit = 100,
    offset: Offset = 0,
    edges_per_link: Annotated[
        int,
        Query(
            ge=0,
            le=repository_paths.EDGES_PER_LINK,
            description="edges listed per link, oldest first (each link counts all of them in `deals`)",
        ),
    ] = 3,
) -> Response:
    size = page_size(limit, settings)
    key = (
        "chains",
        root,
        direction,
        max_hops,
        since,
        until,
        weapon,
        status,
        time_consistent,
        as_of,
        sort,
        view,
        size,
        offset,
        edges_per_link if view == "chains" else 0,
    )

    def compute(meta: dict[str, Any]) -> dict[str, Any]:
        return repository_paths.chains(
            graph,
            root,
            direction=direction,
            max_hops=max_hops,
            since=since,
            until=until,
            weapon=weapon,
            status=status,
            time_consistent=time_consistent,
            as_of=as_of,
            sort=sort,
            view=view,
            limit=size,
            offset=offset,
            edges_per_link=edges_per_link,
            meta=meta,
        )

    return await tracked_reply(request.app, graph, key, ChainTiers if view == "tiers" else ChainPage, compute)
