"""``GET /browser-guide`` and ``GET /browser-style``: the Neo4j Browser guide and style.

The managed Neo4j server opens both when the Browser connects (``browser.post_connect_cmd``:
``:style`` then ``:play`` of these addresses, their host allowed by
``browser.remote_content_hostname_whitelist``; see :func:`graph.server.browser.browser_conf`), as
:mod:`api.browser_guide` builds them. The Browser fetches both from its own origin (another
port), so they allow any origin: they hold no data, only the guide's text and queries, and need
no key.
"""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from ..browser_guide import guide_html, style_grass

#: Cross-origin headers: the Browser's own page (http://127.0.0.1:7474) fetches these with
#: ``pragma`` and ``cache-control`` request headers, so it asks first (a preflight).
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "pragma, cache-control, content-type",
    "Access-Control-Max-Age": "600",
    "Cache-Control": "no-cache",
}

router = APIRouter(tags=["browser"])


@router.get(
    "/browser-guide",
    summary="The Neo4j Browser guide: armsgraph's analyst queries as slides (:play this address)",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {}}, "description": "The guide, as the Browser plays it"}},
)
def browser_guide() -> HTMLResponse:
    return HTMLResponse(guide_html(), headers=CORS)


@router.get(
    "/browser-style",
    summary="The Neo4j Browser style (GraSS): captions by name, a colour per label (:style this address)",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/plain": {}}, "description": "The style sheet"}},
)
def browser_style() -> PlainTextResponse:
    return PlainTextResponse(style_grass(), headers=CORS)


@router.options("/browser-guide", include_in_schema=False)
@router.options("/browser-style", include_in_schema=False)
def browser_preflight() -> Response:
    return Response(status_code=204, headers=CORS)
