"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.db import Graph, open_driver
from settings import Settings

from .deps import key_refusal, require_read_key, require_write_key
from .errors import install_error_handlers, problem
from .gates import Gate
from .routers import analytics as analytics_routes
from .routers import browser_guide, chains, cypher, docs, entities, flows, health, paths, timeline, ui, writes
from .routers import export as export_routes

#: Routes that take a file in their body (a CSV table): they get ``max_body_bytes``, the others
#: (JSON) the lower ``max_json_body_bytes``.
FILE_ROUTES = frozenset({"/imports"})


def _needs(route: APIRoute) -> str | None:
    """``"write"`` or ``"read"``: the key a route's dependencies ask for, if any."""
    calls = set()
    stack = [route.dependant]
    while stack:
        dep = stack.pop()
        calls.add(dep.call)
        stack.extend(dep.dependencies)
    if require_write_key in calls:
        return "write"
    return "read" if require_read_key in calls else None


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """The API routes, also those of included routers (included without a prefix, as here)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (inner := getattr(route, "original_router", None)) is not None:
            yield from _api_routes(inner.routes)


class KeysFirst:
    """Keys before bodies: a request to a route that needs a key is refused (401/403) before a
    byte of its body is read, and a body over its route's limit gets 413, whether it declares its
    length or arrives in chunks. A route that reads JSON refuses another declared type (415)."""

    def __init__(self, app: ASGIApp, fastapi: FastAPI, settings: Settings):
        self.app = app
        self.fastapi = fastapi
        self.settings = settings
        self._routes: list[tuple[APIRoute, str | None]] | None = None

    def route(self, scope: Scope) -> tuple[APIRoute | None, str | None]:
        if self._routes is None:  # routes are complete once the app serves
            self._routes = [(r, _needs(r)) for r in _api_routes(self.fastapi.router.routes)]
        for route, need in self._routes:
            if route.matches(scope)[0] == Match.FULL:
                return route, need
        return None, None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route, need = self.route(scope)
        headers = dict(scope.get("headers") or [])
        if need is not None:
            raw = headers.get(b"x-api-key")
            refusal = key_refusal(self.settings, raw.decode("latin-1") if raw is not None else None, need)
            if refusal is not None:
                await problem(refusal.status_code, refusal.title, refusal.detail)(scope, receive, send)
                return
        limit = self.settings.max_body_bytes
        if route is None or route.path not in FILE_ROUTES:
            limit = min(limit, self.settings.max_json_body_bytes)
        too_large = problem(413, "Payload too large", f"request body over {limit} bytes")
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await too_large(scope, receive, send)
            return
        reads_json = route is not None and route.path not in FILE_ROUTES and scope["method"] in ("POST", "PUT", "PATCH")
        if reads_json and not _json_or_none(headers.get(b"content-type")):
            # a page on another site may post a form or text/plain without asking first; JSON it may not
            await problem(415, "Unsupported media type", "send the body as application/json")(scope, receive, send)
            return
        seen, over, started = 0, False, False

        async def limited() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    raise _TooLarge
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if over and not started:  # the route failed on the cut body: answer 413, not its 400
                started = True
                await too_large(scope, receive, send)
            if over:
                return
            started = True
            await send(message)

        try:
            await self.app(scope, limited, sending)
        except _TooLarge:
            if not started:
                await too_large(scope, receive, send)


def _json_or_none(content_type: bytes | None) -> bool:
    if content_type is None:
        return True
    kind = content_type.split(b";")[0].strip().lower()
    return kind in (b"", b"application/json") or kind.endswith(b"+json")


class _TooLarge(Exception):
    pass


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    """Build the app. ``graph`` may be given (tests); else a driver is opened from the settings."""
    settings = settings or Settings()
    owns_driver = graph is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.graph is None:
            app.state.graph = Graph(open_driver(settings), settings.neo4j_database, settings.version_ttl_s)
        yield
        if owns_driver and app.state.graph is not None:
            app.state.graph.driver.close()

    app = FastAPI(
        title="armsgraph",
        summary="Arms-transfer relationships as a graph: supplier chains, paths, centrality, exports.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by routers/docs.py from local files, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.graph = graph
    app.state.cypher_gate = Gate("read-only Cypher queries", settings.cypher_concurrency)
    app.state.export_gate = Gate("exports", settings.export_concurrency)
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(analytics_routes.router)
    app.include_router(export_routes.router)
    for module in (entities, chains, flows, paths, timeline, cypher, writes):
        app.include_router(module.router)
    app.include_router(ui.router)  # GET / (the explorer page) and its reads
    app.include_router(docs.router)  # GET /docs (Swagger UI from api/static/swagger-ui)
    app.include_router(browser_guide.router)  # GET /browser-guide, /browser-style (Neo4j Browser)
    if ui.STATIC.is_dir():  # built by `make web`; GET / explains how when it is missing
        app.mount("/static", StaticFiles(directory=ui.STATIC), name="static")
    app.add_middleware(KeysFirst, fastapi=app, settings=settings)
    return app
