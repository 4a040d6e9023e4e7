"""GET /export: a subgraph (around an entity, a list of keys, or a read-only Cypher query) in a
file format: GraphML, GEXF, JSON, CSV, a Cypher script, a picture, or the whole report bundle."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from graph import export
from graph.errors import InvalidInput

from ..deps import GraphDep, ReadAccess, SettingsDep
from ..errors import responses
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


@router.get(
    "/export",
    summary="Export a subgraph as GraphML, GEXF, JSON, CSV, Cypher, SVG/PNG or a report bundle (ZIP)",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The file, streamed, with Content-Disposition naming it",
            "content": {f.media_type: {} for f in export.FORMATS.values()},
        },
        **responses(401, 404, 422, 503),
    },
)
def get_export(
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
        str | None,
        Query(
            min_length=1,
            max_length=5000,
            description="instead of around: a read-only Cypher query returning nodes, relationships or paths",
        ),
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
    chosen = [name for name, v in (("around", around), ("keys", keys), ("cypher", cypher)) if v]
    if len(chosen) != 1:
        raise InvalidInput("give exactly one of around, keys or cypher")
    if around:
        sub = export.around(graph, around, hops=hops, types=types, since=since, until=until, status=status)
        stem = f"{sub.params['around']}-{hops}hop"
    elif keys:
        flat = [k for raw in keys for k in raw.split(",")]
        sub = export.community(graph, flat, types=types, since=since, until=until, status=status)
        stem = "community"
    else:
        sub = export.from_cypher(
            graph, cypher or "", timeout_s=settings.cypher_timeout_s, max_rows=settings.cypher_max_rows
        )
        stem = "query"
    if since is not None or until is not None:
        stem += f"-{since or ''}-{until or ''}"
    fmt = export.FORMATS[format]
    name = filename(stem, format)
    return StreamingResponse(  # export.stream: errors before the first byte are raised here
        export.stream(sub, format),
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
