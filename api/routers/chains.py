"""GET /chains: supplier chains upstream or downstream of an entity, as a list or as tiers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from graph.query import chains
from graph.query.params import ChainQuery

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
    max_hops: Annotated[int, Query(ge=1, le=chains.MAX_CHAIN_HOPS)] = 3,
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
            le=chains.EDGES_PER_LINK,
            description="edges listed per link, oldest first (each link counts all of them in `deals`)",
        ),
    ] = 3,
) -> Response:
    q = ChainQuery(
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
        page_size(limit, settings),
        offset,
        edges_per_link,
    )

    def compute(meta: dict[str, Any]) -> dict[str, Any]:
        return chains.chains(graph, q.root, **q.options(), meta=meta)

    return await tracked_reply(request.app, graph, ("chains", q), ChainTiers if view == "tiers" else ChainPage, compute)
