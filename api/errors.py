"""One table from domain errors to ``application/problem+json`` responses."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import ArmsgraphError

PROBLEM = "application/problem+json"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM


def problem(status: int, title: str, detail: str, **extra: Any) -> ProblemResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return ProblemResponse(body, status_code=status)


async def _domain(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, ArmsgraphError)
    extra: dict[str, Any] = {}
    suggestions = getattr(exc, "suggestions", None)
    if suggestions:
        extra["suggestions"] = suggestions
    answer = problem(exc.status_code, exc.title, exc.detail, **extra)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        answer.headers["Retry-After"] = str(retry_after)
    return answer


async def _validation(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()[:20]]
    names = ", ".join(".".join(e["loc"][1:] or e["loc"]) for e in errors)
    return problem(422, "Invalid input", f"invalid parameter: {names}", errors=errors)


async def _http(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    return problem(exc.status_code, str(exc.detail), str(exc.detail))


async def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    return problem(500, "Internal error", "the server could not answer this request")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ArmsgraphError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    from .schemas import ProblemModel

    text = {
        401: "No API key",
        403: "Key not allowed to write",
        404: "Not found",
        413: "Body too large",
        415: "Body not sent as application/json",
        429: "Too many such requests running: retry after the Retry-After seconds",
        422: "Invalid input",
        503: "Neo4j unavailable",
    }
    return {c: {"model": ProblemModel, "description": text.get(c, "Error"), "content": {PROBLEM: {}}} for c in codes}
