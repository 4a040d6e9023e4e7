"""GET /export: a subgraph (around an entity or a list of keys) in a file format: GraphML, GEXF,
JSON, CSV, a Cypher script, a picture, or the whole report bundle. POST /export: the same for what
a read-only Cypher query returns (a query is not a link: a page cannot fire it with an image).

At most ``export_concurrency`` exports are chosen and written at once (:class:`api.gates.Gate`);
choosing one has a deadline, and its slot is held until the file has been streamed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graph import export
from graph.errors import InvalidInput, Unavailable
from graph.query.readonly import check_query

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
from ..gates import Slot
from ._common import Since, Until

router = APIRouter(tags=["export"], dependencies=[ReadAccess])

FormatName = Literal[
    "graphml",
    "gexf",
    "json",
    "cytoscape",
    "csv",
    "nodes.csv",
    "edges.csv",
    "deals.csv",
    "sources",
    "cypher",
    "svg",
    "png",
    "bundle",
]
assert set(FormatName.__args__) == set(export.FORMATS)  # type: ignore[attr-defined]

_FILE = re.compile(r"[^A-Za-z0-9_.-]+")


def filename(stem: str, fmt: str) -> str:
    return f"{_FILE.sub('-', stem).strip('-')[:60] or 'export'}.{export.FORMATS[fmt].extension}"


FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file, streamed, with Content-Disposition naming it",
        "content": {f.media_type: {} for f in export.FORMATS.values()},
    },
    **responses(401, 404, 413, 415, 422, 429, 503),
}


class CypherExport(BaseModel):
    cypher: str = Field(
        min_length=1, max_length=10_000, description="a read-only Cypher query returning nodes, relationships or paths"
    )
    format: FormatName = Field("graphml", description="file format")


def _released(chunks: Iterator[bytes], slot: Slot) -> Iterator[bytes]:
    try:
        yield from chunks
    finally:
        slot.release()


async def _stream(
    request: Request, choose: Callable[[], tuple[export.Subgraph, str]], format: str, deadline: float
) -> StreamingResponse:
    (sub, stem), slot = await request.app.state.export_gate.run(
        choose, deadline=deadline, keep=True, late=Unavailable(f"the export was not chosen within {deadline:g} s")
    )
    fmt = export.FORMATS[format]
    try:  # the writer runs to its first chunk here: an error before any byte gets its own status
        chunks = await run_in_threadpool(export.stream, sub, format)
    except BaseException:
        slot.release()
        raise
    return StreamingResponse(
        _released(chunks, slot),
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename(stem, format)}"'},
    )


@router.get(
    "/export",
    summary="Export a subgraph as GraphML, GEXF, JSON, CSV, Cypher, SVG/PNG or a report bundle (ZIP)",
    response_class=StreamingResponse,
    responses=FILE_RESPONSES,
)
async def get_export(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    around: Annotated[
        str | None, Query(min_length=1, max_length=300, description="the entity at the centre: key, name or alias")
    ] = None,
    keys: Annotated[
        list[str] | None,
        Query(description="instead of around: entity keys (a community from /communities), repeat or comma-separate"),
    ] = None,
    cypher: Annotated[
        str | None, Query(description="no longer read here: send a query with POST /export", include_in_schema=False)
    ] = None,
    hops: Annotated[int, Query(ge=1, le=export.selection.MAX_HOPS, description="hops from the entity")] = 1,
    types: Annotated[
        list[str] | None, Query(description="relationship types (repeat or comma-separate); default every fact type")
    ] = None,
    since: Since = None,
    until: Until = None,
    status: Annotated[
        str | None,
        Query(description="only facts of this status (reported, agreed, delivered, denied, alleged, planned)"),
    ] = None,
    format: Annotated[FormatName, Query(description="file format")] = "graphml",
) -> StreamingResponse:
    if cypher is not None:
        raise InvalidInput("a Cypher query is not read from a link: send it as JSON with POST /export")
    chosen = [name for name, v in (("around", around), ("keys", keys)) if v]
    if len(chosen) != 1:
        raise InvalidInput("give exactly one of around or keys (or POST a cypher query)")

    def choose() -> tuple[export.Subgraph, str]:
        if around:
            sub = export.around(graph, around, hops=hops, types=types, since=since, until=until, status=status)
            stem = f"{sub.params['around']}-{hops}hop"
        else:
            flat = [k for raw in keys or [] for k in raw.split(",")]
            sub = export.community(graph, flat, types=types, since=since, until=until, status=status)
            stem = "community"
        if since is not None or until is not None:
            stem += f"-{since or ''}-{until or ''}"
        return sub, stem

    return await _stream(request, choose, format, settings.export_timeout_s)


@router.post(
    "/export",
    summary="Export what a read-only Cypher query returns, in any format of GET /export",
    response_class=StreamingResponse,
    responses=FILE_RESPONSES,
)
async def post_export(
    request: Request, body: CypherExport, graph: GraphDep, settings: SettingsDep
) -> StreamingResponse:
    check_query(body.cypher)  # refusals need no slot

    def choose() -> tuple[export.Subgraph, str]:
        sub = export.from_cypher(
            graph,
            body.cypher,
            timeout_s=settings.cypher_timeout_s,
            max_rows=settings.cypher_max_rows,
            max_bytes=settings.cypher_max_bytes,
        )
        return sub, "query"

    return await _stream(request, choose, body.format, settings.export_timeout_s)
