"""GET /export: a subgraph (around an entity, a list of keys, the paths between two entities, the
supplier chains of one, or the whole graph; :class:`graph.export.Selection`) in a file format: GraphML, GEXF,
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


def _pair(text: str | None) -> tuple[str, str] | None:
    """``"SOURCE,TARGET"`` -> ``("SOURCE", "TARGET")``; more or fewer names are refused."""
    if text is None:
        return None
    ends = tuple(x.strip() for x in text.split(","))
    if len(ends) != 2:
        raise InvalidInput("path takes SOURCE,TARGET")
    return ends  # type: ignore[return-value]


def _stem(s: export.Selection, sub: export.Subgraph) -> str:
    """The file name's stem: what was chosen, and the years when a window was asked for."""
    stems = {
        "around": lambda: f"{sub.params.get('around')}-{s.hops}hop",
        "keys": lambda: "community",
        "cypher": lambda: "query",
        "path": lambda: f"paths-{'-'.join(s.path or ())}",
        "chains": lambda: f"chains-{s.chains}",
        "everything": lambda: "graph",
    }
    stem = stems[s.choice]()
    if s.since is not None or s.until is not None:
        stem += f"-{s.since or ''}-{s.until or ''}"
    return stem


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
    path: Annotated[
        str | None,
        Query(min_length=3, max_length=601, description="instead of around: SOURCE,TARGET; the shortest paths between"),
    ] = None,
    chains: Annotated[
        str | None,
        Query(
            min_length=1, max_length=300, description="instead of around: the upstream supplier chains of this entity"
        ),
    ] = None,
    everything: Annotated[bool, Query(alias="all", description="instead of around: the whole graph")] = False,
    format: Annotated[FormatName, Query(description="file format")] = "graphml",
) -> StreamingResponse:
    if cypher is not None:
        raise InvalidInput("a Cypher query is not read from a link: send it as JSON with POST /export")
    selection = export.Selection(
        around=around,
        hops=hops,
        keys=tuple(k for raw in keys or [] for k in raw.split(",")) or None,
        path=_pair(path),
        chains=chains,
        everything=everything,
        types=tuple(types) if types else None,
        since=since,
        until=until,
        status=status,
    )

    def choose() -> tuple[export.Subgraph, str]:
        sub = export.select(graph, selection)
        return sub, _stem(selection, sub)

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

    selection = export.Selection(
        cypher=body.cypher,
        timeout_s=settings.cypher_timeout_s,
        max_rows=settings.cypher_max_rows,
        max_bytes=settings.cypher_max_bytes,
    )

    def choose() -> tuple[export.Subgraph, str]:
        return export.select(graph, selection), "query"

    return await _stream(request, choose, body.format, settings.export_timeout_s)
