"""``GET /docs``: Swagger UI over the OpenAPI document, from files the project installs.

``make web`` copies Swagger UI from the npm package ``swagger-ui-dist`` into
``api/static/swagger-ui``; the page loads nothing from another host (FastAPI's default page
loads Swagger UI from a CDN and its favicon from fastapi.tiangolo.com). ReDoc is not served.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from .ui import STATIC

SWAGGER_UI = STATIC / "swagger-ui"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>armsgraph: API docs not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; color: #1b1f24">
<h1>The API docs page is not built</h1>
<p>The OpenAPI document is at <a href="openapi.json">/openapi.json</a>. The page that shows it
(Swagger UI, served from this machine) is built with the explorer, with Node.js 18 or later:</p>
<pre>make web        # or: cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>then reload this page.</p>
</body></html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    if not (SWAGGER_UI / "swagger-ui-bundle.js").is_file():
        return HTMLResponse(NOT_BUILT, headers={"Cache-Control": "no-store"})
    root = request.scope.get("root_path", "").rstrip("/")
    assets = f"{root}/static/swagger-ui"
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title}: API",
        swagger_js_url=f"{assets}/swagger-ui-bundle.js",
        swagger_css_url=f"{assets}/swagger-ui.css",
        swagger_favicon_url=f"{assets}/favicon-32x32.png",
        # No validator badge: it would send the document to validator.swagger.io.
        swagger_ui_parameters={"validatorUrl": None},
    )
