"""Shared pieces of the query routers: fast JSON replies, page limits, the as_of parameter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Response
from pydantic import BaseModel

from graph.config import Settings
from graph.errors import InvalidInput

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
    return Response(
        model.model_validate(data).model_dump_json(exclude_none=True), media_type="application/json"
    )
