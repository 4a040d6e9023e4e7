"""Dependencies injected into routes; tests override them with ``app.dependency_overrides``.

They do no IO and are ``async`` so that FastAPI calls them on the event loop, not in its thread pool.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from graph.db import Graph
from graph.errors import ArmsgraphError, Forbidden
from settings import Settings


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


def key_refusal(settings: Settings, key: str | None, need: str) -> ArmsgraphError | None:
    """Why ``key`` may not use a route that needs ``need`` (``"write"`` or ``"read"``), or ``None``.

    Writes: 401 without a key, 403 with a key that may only read. Reads need a key only when
    :attr:`Settings.read_key_required`; a key that is sent must be a real one. Used by the
    dependencies below and, before any body is read, by :class:`api.app.KeysFirst`."""
    write_key = settings.write_key.get_secret_value()
    if need == "write":
        if not key:
            return Unauthorized("this route writes: send the write key in the X-API-Key header")
        if _matches(key, {write_key}):
            return None
        if _matches(key, settings.read_key_set):
            return Forbidden("this key may read but not write")
        return Unauthorized("unknown API key")
    if key:
        return None if _matches(key, settings.read_key_set | {write_key}) else Unauthorized("unknown API key")
    if settings.read_key_required:
        return Unauthorized("send a read or write key in the X-API-Key header")
    return None


async def require_write_key(settings: SettingsDep, key: Annotated[str | None, Depends(api_key_header)]) -> None:
    """401 without a key, 403 with a key that may only read."""
    if (refusal := key_refusal(settings, key, "write")) is not None:
        raise refusal


async def require_read_key(settings: SettingsDep, key: Annotated[str | None, Depends(api_key_header)]) -> None:
    """Reads need a key when :attr:`Settings.read_key_required`; a key that is sent must be a real one."""
    if (refusal := key_refusal(settings, key, "read")) is not None:
        raise refusal


WriteAccess = Depends(require_write_key)
ReadAccess = Depends(require_read_key)
