"""Dependencies injected into routes; tests override them with ``app.dependency_overrides``.

They do no IO and are ``async`` so that FastAPI calls them on the event loop, not in its thread pool.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from graph.config import Settings
from graph.db import Graph
from graph.errors import ArmsgraphError, Forbidden


class Unauthorized(ArmsgraphError):
    status_code = 401
    title = "Unauthorized"


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_graph(request: Request) -> Graph:
    return request.app.state.graph  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
GraphDep = Annotated[Graph, Depends(get_graph)]

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="Write key for POST routes; a read key where reads need one"
)


def _matches(key: str, candidates: set[str]) -> bool:
    return any(secrets.compare_digest(key.encode(), c.encode()) for c in candidates)


async def require_write_key(settings: SettingsDep, key: Annotated[str | None, Depends(api_key_header)]) -> None:
    """401 without a key, 403 with a key that may only read."""
    if not key:
        raise Unauthorized("this route writes: send the write key in the X-API-Key header")
    if _matches(key, {settings.write_key.get_secret_value()}):
        return
    if _matches(key, settings.read_key_set):
        raise Forbidden("this key may read but not write")
    raise Unauthorized("unknown API key")


async def require_read_key(settings: SettingsDep, key: Annotated[str | None, Depends(api_key_header)]) -> None:
    """Reads need a key only when ``require_read_key`` is set; a key that is sent must be a real one."""
    known = settings.read_key_set | {settings.write_key.get_secret_value()}
    if key:
        if not _matches(key, known):
            raise Unauthorized("unknown API key")
        return
    if settings.require_read_key:
        raise Unauthorized("send a read or write key in the X-API-Key header")


WriteAccess = Depends(require_write_key)
ReadAccess = Depends(require_read_key)
