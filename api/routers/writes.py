"""Write routes: claims documents, report texts and CSV registers, loaded through the loaders.

Every route here needs the write key (401 without a key, 403 with a read-only key).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response

from graph.errors import InvalidInput
from loaders.claims import validate_document
from loaders.load import extract_report, load_documents, load_upload
from loaders.result import LoadResult

from ..deps import GraphDep, WriteAccess
from ..errors import responses
from ..schemas import LoadSummary, ReportRequest
from ._common import reply, writing

router = APIRouter(tags=["writes"], dependencies=[WriteAccess])
ERRORS = responses(401, 403, 413, 422, 503)


def _summary(result: LoadResult) -> Response:
    return reply(LoadSummary, result.as_dict())


@router.post(
    "/claims",
    summary="Load a claims document (analyst-curated facts)",
    response_model=LoadSummary,
    responses=ERRORS,
)
def post_claims(
    request: Request, graph: GraphDep, document: Annotated[dict[str, Any], Body(description="a claims document")]
) -> Response:
    doc = validate_document(document, "request body")
    with writing(request.app, graph):
        result = load_documents(graph, [doc])
    return _summary(result)


@router.post(
    "/reports",
    summary="Extract facts from a news report's text and load them",
    response_model=LoadSummary,
    responses=ERRORS,
)
def post_report(request: Request, graph: GraphDep, body: ReportRequest) -> Response:
    docs, hashes = extract_report(body.text, body.published, body.title, body.url)
    with writing(request.app, graph):
        result = load_documents(graph, docs, hashes)
    return _summary(result)


@router.post(
    "/imports",
    summary="Load a CSV table (SIPRI trade register or analyst transfers) from the body",
    response_model=LoadSummary,
    responses=ERRORS,
    openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def post_import(
    graph: GraphDep,
    request: Request,
    name: Annotated[
        str, Query(max_length=100, pattern=r"^[\w.-]+$", description="a file name for provenance")
    ] = "import.csv",
    strict: bool = False,
    encoding: Annotated[
        str | None,
        Query(
            max_length=40,
            pattern=r"^[\w.-]+$",
            description="text encoding of the CSV when it is not UTF-8 (e.g. cp1252); without it, a table in "
            "another encoding is read only if that encoding can be told without doubt, else refused (422)",
        ),
    ] = None,
) -> Response:
    data = await request.body()
    if not data.strip():
        raise InvalidInput("the request body is empty: send the CSV as text/csv")
    from starlette.concurrency import run_in_threadpool

    filename = name if name.endswith(".csv") else name + ".csv"

    def load() -> LoadResult:
        with writing(request.app, graph):
            return load_upload(graph, data, filename, strict=strict, encoding=encoding)

    return _summary(await run_in_threadpool(load))
