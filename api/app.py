"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.config import Settings
from graph.db import Graph, open_driver

from .errors import install_error_handlers, problem
from .routers import analytics as analytics_routes
from .routers import chains, cypher, docs, entities, health, paths, timeline, ui, writes
from .routers import export as export_routes


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before they reach a route."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await problem(413, "Payload too large", f"request body over {self.limit} bytes")(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await problem(413, "Payload too large", f"request body over {self.limit} bytes")(scope, receive, send)


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
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(analytics_routes.router)
    app.include_router(export_routes.router)
    for module in (entities, chains, paths, timeline, cypher, writes):
        app.include_router(module.router)
    app.include_router(ui.router)  # GET / (the explorer page) and its reads
    app.include_router(docs.router)  # GET /docs (Swagger UI from api/static/swagger-ui)
    if ui.STATIC.is_dir():  # built by `make web`; GET / explains how when it is missing
        app.mount("/static", StaticFiles(directory=ui.STATIC), name="static")
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    return app
