"""GET /flows: arms flows between suppliers and recipients in a window, for the map."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from graph.query import flows
from graph.query.params import FlowQuery

from ..deps import GraphDep, ReadAccess
from ..errors import responses
from ..schemas_flows import Flows
from ._common import AsOf, Since, Until, cached_reply

router = APIRouter(tags=["flows"], dependencies=[ReadAccess])


@router.get(
    "/flows",
    summary="Arms flows: supplier -> recipient pairs in a window with deals and delivered TIV, ends placed by country",
    response_model=Flows,
    responses=responses(401, 404, 422, 503),
)
async def get_flows(
    request: Request,
    graph: GraphDep,
    country: Annotated[
        str | None,
        Query(min_length=1, max_length=300, description="only flows into or out of this country or organisation"),
    ] = None,
    since: Since = None,
    until: Until = None,
    status: Annotated[
        list[str] | None,
        Query(description="claim statuses kept (repeat the parameter); a register deal is delivered or agreed"),
    ] = None,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=flows.MAX_FLOWS, description="most flows listed, largest TIV first")] = 1000,
) -> Response:
    q = FlowQuery(country, since, until, tuple(status) if status else None, as_of, limit)
    return await cached_reply(
        request.app, graph, ("flows", q), Flows, lambda: flows.flows(graph, country=q.country, **q.options())
    )
