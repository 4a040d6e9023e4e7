"""The explorer page at ``GET /`` (built into ``api/static`` by ``make web``) and its own reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from graph.query import link_sources

from ..deps import GraphDep, ReadAccess
from ..errors import responses
from ..schemas import Edge, EntityRef, Statement
from ._common import Since, Until, reply

STATIC = Path(__file__).resolve().parents[1] / "static"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>armsgraph: explorer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; color: #1b1f24">
<h1>The explorer page is not built</h1>
<p>The API works (see <a href="docs">/docs</a>), but <code>api/static/index.html</code> is missing.
Build the page with Node.js 18 or later:</p>
<pre>make web        # or: cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>then reload this page.</p>
</body></html>
"""

router = APIRouter(tags=["explorer"])


class LinkEdge(Edge):
    statements: list[Statement] = Field(description="each source's statement: quote, status, dates")


class LinkSources(BaseModel):
    source: EntityRef
    target: EntityRef
    total: int = Field(description="SUPPLIES edges from source to target in the window")
    limit: int
    edges: list[LinkEdge] = Field(description="news and claims facts first, then register deals, oldest first")


@router.get(
    "/",
    summary="The supplier-network explorer (a single page app)",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {}}, "description": "the page, or how to build it"}},
)
def index() -> HTMLResponse:
    page = STATIC / "index.html"
    if not page.is_file():
        return HTMLResponse(NOT_BUILT, headers={"Cache-Control": "no-store"})
    return HTMLResponse(page.read_text(encoding="utf-8"), headers={"Cache-Control": "no-cache"})


@router.get(
    "/ui/links",
    summary="The sources of one supplier -> recipient link: every SUPPLIES edge with its quotes",
    response_model=LinkSources,
    responses=responses(401, 404, 422, 503),
    dependencies=[ReadAccess],
)
def get_link_sources(
    graph: GraphDep,
    source: Annotated[str, Query(min_length=1, max_length=300, description="supplier: key, name or alias")],
    target: Annotated[str, Query(min_length=1, max_length=300, description="recipient: key, name or alias")],
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=link_sources.MAX_LINK_EDGES, description="edges to return")] = 100,
) -> Response:
    return reply(LinkSources, link_sources.link_sources(graph, source, target, since=since, until=until, limit=limit))
