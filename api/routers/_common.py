"""Shared pieces of the query routers: fast JSON replies, page limits, the as_of parameter."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Query, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from graph.cache import AnswerCache
from graph.db import Graph
from graph.errors import ArmsgraphError, InvalidInput
from graph.query import index_keeper
from settings import Settings

AsOf = Annotated[
    str | None,
    Query(
        description="answer only from sources published on or before this day (YYYY-MM-DD)",
        pattern=r"^\d{4}-\d{2}-\d{2}$",
    ),
]
Since = Annotated[int | None, Query(ge=1900, le=2100, description="first year of the time window")]
Until = Annotated[int | None, Query(ge=1900, le=2100, description="last year of the time window")]
Limit = Annotated[int, Query(ge=1, description="page size (capped by the server's max_page_size)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip")]


def page_size(limit: int, settings: Settings) -> int:
    if limit > settings.max_page_size:
        raise InvalidInput(f"limit must be at most {settings.max_page_size}")
    return limit


def reply(model: type[BaseModel], data: dict[str, Any]) -> Response:
    """Validate against the response model and serialise in pydantic's core (no jsonable_encoder)."""
    return Response(model.model_validate(data).model_dump_json(exclude_none=True), media_type="application/json")


def query_cache(app: FastAPI) -> AnswerCache:
    """The app's kept answers (serialised bytes, at most ``query_cache_mb``), created on first use."""
    cache = getattr(app.state, "query_cache", None)
    if cache is None:
        settings: Settings = app.state.settings
        cache = app.state.query_cache = AnswerCache(maxsize=4096, max_bytes=settings.query_cache_mb * 2**20)
    return cache


async def cached_reply(
    app: FastAPI, graph: Graph, key: tuple[Hashable, ...], model: type[BaseModel], compute: Callable[[], dict[str, Any]]
) -> Response:
    """``reply`` for a question asked before: the answer is kept until the next write."""
    return await tracked_reply(app, graph, key, model, lambda _meta: compute())


async def tracked_reply(
    app: FastAPI,
    graph: Graph,
    key: tuple[Hashable, ...],
    model: type[BaseModel],
    compute: Callable[[dict[str, Any]], dict[str, Any]],
) -> Response:
    """``reply`` for a question asked before. The answer is kept with the graph version it was made
    at and, when ``compute`` puts them in its ``meta`` argument (``version``, ``depends_on``), the
    entities it depends on: it is given again until a write touches one of them (any write, when
    ``compute`` names none).

    A kept answer is sent from the event loop; the database is asked (the version when its
    reading has expired, the answer when it is new) in the thread pool.
    """
    version = graph.known_version()
    if version is None:
        version = await run_in_threadpool(graph.version)
    cache = query_cache(app)

    def changed(since: int, until: int) -> frozenset[str] | None:
        return index_keeper.changed(graph, since, until)

    body = cache.lookup(key, version, changed)
    if body is None:

        def make() -> tuple[bytes, int, frozenset[str] | None]:
            before = graph.version()
            meta: dict[str, Any] = {}
            data = compute(meta)
            body = model.model_validate(data).model_dump_json(exclude_none=True).encode()
            return body, int(meta.get("version", before)), meta.get("depends_on")

        body = await run_in_threadpool(cache.get_or_make, key, version, changed, make)
    return Response(body, media_type="application/json")


@contextmanager
def writing(app: FastAPI, graph: Graph) -> Iterator[None]:
    """Around a write of this process: meanwhile, questions it outdates get the answer from before it
    (a committed state) instead of waiting; afterwards, in the writer's thread, the supply index is
    brought up to date and the kept answers the write outdated are made again, so the requests that
    follow the write see it and do not pay for it."""
    cache = query_cache(app)
    with cache.writing():
        try:
            yield
        finally:
            try:
                index_keeper.current_index(graph, wait=True)
                cache.refresh(graph.version(), lambda a, b: index_keeper.changed(graph, a, b))
            except ArmsgraphError:  # Neo4j went away: the next reader asks again
                pass
