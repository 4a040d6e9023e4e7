"""GET /centrality, /communities, /dependence, /change: network analysis over projections of the graph."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from graph.analytics import service
from graph.analytics.measures import MEASURES
from graph.analytics.projection import Slice
from graph.cache import ResultCache

from ..deps import GraphDep, ReadAccess
from ..errors import responses
from ..schemas_analytics import Centrality, Change, Communities, Dependence

router = APIRouter(tags=["analytics"], dependencies=[ReadAccess])


def get_cache(request: Request) -> ResultCache:
    """One result cache per app (keys hold the graph version, so a load invalidates them)."""
    cache = getattr(request.app.state, "analytics_cache", None)
    if cache is None:
        cache = request.app.state.analytics_cache = ResultCache()
    return cache  # type: ignore[no-any-return]


CacheDep = Annotated[ResultCache, Depends(get_cache)]
Types = Annotated[str, Query(description="comma-separated relationship types", examples=["SUPPLIES"])]
Since = Annotated[int | None, Query(ge=1900, le=2100, description="first year of the window (inclusive)")]
Until = Annotated[int | None, Query(ge=1900, le=2100, description="last year of the window (inclusive)")]
Basis = Annotated[
    Literal["delivery", "order", "fact"],
    Query(
        description="years that place an edge in the window: delivery years (SIPRI deals, pro-rated), "
        "order year, or the fact's year"
    ),
]
WeightQ = Annotated[
    Literal["count", "units", "tiv"] | None,
    Query(description="edge weight: deals, units delivered or delivered TIV; omit for unweighted measures"),
]
IncludeDenied = Annotated[bool, Query(description="keep facts whose status is denied")]


def _run(answer: service.Answer) -> dict[str, Any]:
    return {
        "engine": answer.engine,
        "params": answer.params,
        "nodes": answer.nodes,
        "edges": answer.edges,
        "seconds": answer.seconds,
        "graph_version": answer.graph_version,
        "cached": answer.cached,
    }


@router.get(
    "/centrality",
    summary="Rank entities by a centrality measure over a slice of the graph",
    response_model=Centrality,
    responses=responses(401, 422, 503),
)
def get_centrality(
    graph: GraphDep,
    cache: CacheDep,
    measure: Annotated[Literal[MEASURES], Query(description="the centrality measure")] = "pagerank",  # type: ignore[valid-type]
    types: Types = "SUPPLIES",
    since: Since = None,
    until: Until = None,
    basis: Basis = "delivery",
    weight: WeightQ = None,
    include_denied: IncludeDenied = False,
    top: Annotated[int, Query(ge=1, le=1000, description="rows to return")] = 20,
    k: Annotated[int | None, Query(ge=2, le=100_000, description="betweenness: sample k sources")] = None,
    seed: Annotated[int, Query(description="seed of the betweenness sample")] = 0,
) -> Centrality:
    s = Slice.from_params(types, since, until, basis, weight, include_denied)
    a = service.centrality(graph, cache, s, measure, weighted=weight is not None, top=top, k=k, seed=seed)
    return Centrality(**_run(a), measure=measure, rows=a.rows)  # type: ignore[arg-type]


@router.get(
    "/communities",
    summary="Louvain communities: who trades among themselves",
    response_model=Communities,
    responses=responses(401, 422, 503),
)
def get_communities(
    graph: GraphDep,
    cache: CacheDep,
    types: Types = "SUPPLIES",
    since: Since = None,
    until: Until = None,
    basis: Basis = "delivery",
    weight: WeightQ = None,
    include_denied: IncludeDenied = False,
    resolution: Annotated[float, Query(gt=0, le=10, description="higher: more, smaller communities")] = 1.0,
    seed: Annotated[int, Query(description="seed of the Louvain runs")] = 0,
    top: Annotated[int | None, Query(ge=1, le=1000, description="largest communities to return")] = None,
) -> Communities:
    s = Slice.from_params(types, since, until, basis, weight, include_denied)
    a = service.communities(graph, cache, s, weighted=weight is not None, resolution=resolution, seed=seed, top=top)
    return Communities(**_run(a), modularity=a.summary["modularity"], count=a.summary["communities"], rows=a.rows)  # type: ignore[arg-type]


@router.get(
    "/dependence",
    summary="A recipient's suppliers by share, and their concentration (HHI)",
    response_model=Dependence,
    responses=responses(401, 404, 422, 503),
)
def get_dependence(
    graph: GraphDep,
    cache: CacheDep,
    recipient: Annotated[str, Query(min_length=1, max_length=300, description="key, name or alias")],
    types: Types = "SUPPLIES",
    since: Since = None,
    until: Until = None,
    basis: Basis = "delivery",
    weight: Annotated[Literal["count", "units", "tiv"], Query(description="what a share measures")] = "tiv",
    include_denied: IncludeDenied = False,
) -> Dependence:
    s = Slice.from_params(types, since, until, basis, weight, include_denied)
    a = service.dependence(graph, cache, s, recipient)
    return Dependence(
        **_run(a), recipient=a.summary["recipient"], total=a.summary["total"], hhi=a.summary["hhi"], rows=a.rows
    )  # type: ignore[arg-type]


@router.get(
    "/change",
    summary="Who rose and who fell between two time windows, by a centrality measure",
    response_model=Change,
    responses=responses(401, 422, 503),
)
def get_change(
    graph: GraphDep,
    cache: CacheDep,
    before_since: Annotated[int, Query(ge=1900, le=2100, description="first year of the earlier window")],
    before_until: Annotated[int, Query(ge=1900, le=2100, description="last year of the earlier window")],
    after_since: Annotated[int, Query(ge=1900, le=2100, description="first year of the later window")],
    after_until: Annotated[int, Query(ge=1900, le=2100, description="last year of the later window")],
    measure: Annotated[Literal[MEASURES], Query(description="the measure compared")] = "out_degree",  # type: ignore[valid-type]
    types: Types = "SUPPLIES",
    basis: Basis = "delivery",
    weight: WeightQ = "tiv",
    include_denied: IncludeDenied = False,
    top: Annotated[int, Query(ge=1, le=1000, description="risers and fallers to return")] = 10,
    k: Annotated[int | None, Query(ge=2, le=100_000, description="betweenness: sample k sources")] = None,
    seed: Annotated[int, Query(description="seed of the betweenness sample")] = 0,
) -> Change:
    """The default, delivered TIV out of each supplier, is SIPRI's "share of global exports" view:
    `?before_since=2014&before_until=2018&after_since=2019&after_until=2023`."""
    before = Slice.from_params(types, before_since, before_until, basis, weight, include_denied, window="before")
    after = Slice.from_params(types, after_since, after_until, basis, weight, include_denied, window="after")
    a = service.change(graph, cache, before, after, measure, weighted=weight is not None, top=top, k=k, seed=seed)
    return Change(**_run(a), measure=measure, rose=a.summary["rose"], fell=a.summary["fell"])  # type: ignore[arg-type]
