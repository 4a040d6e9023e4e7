"""Subgraph export: choose a subgraph (:mod:`.selection`), write it in a format (:data:`FORMATS`).

>>> from graph.export import FORMATS
>>> FORMATS["graphml"].media_type
'application/graphml+xml'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import bundle, csv_tables, cypher_script, kept, networkx_formats, picture, xmlstream
from .selection import Selection, Subgraph, around, community, everything, from_cypher, from_result, select


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    write: Callable[[Subgraph], Iterator[bytes]]
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "graphml",
            "application/graphml+xml",
            "graphml",
            kept.graphml,
            "GraphML (yEd, Gephi); lists as JSON strings",
        ),
        Format("gexf", "application/gexf+xml", "gexf", kept.gexf, "GEXF 1.2 (Gephi) with time intervals"),
        Format("json", "application/json", "json", kept.json_chunks, "node-link JSON (D3)"),
        Format("cytoscape", "application/json", "cyjs", kept.cytoscape, "Cytoscape.js elements JSON"),
        Format(
            "csv",
            "application/zip",
            "csv.zip",
            bundle.csv_zip,
            "nodes.csv + edges.csv for neo4j-admin import, in a ZIP",
        ),
        Format("nodes.csv", "text/csv; charset=utf-8", "nodes.csv", kept.nodes_csv, "nodes.csv alone"),
        Format("edges.csv", "text/csv; charset=utf-8", "edges.csv", kept.edges_csv, "edges.csv alone"),
        Format("deals.csv", "text/csv; charset=utf-8", "deals.csv", kept.deals_csv, "one readable row per edge"),
        Format(
            "sources",
            "text/markdown; charset=utf-8",
            "sources.md",
            kept.sources_md,
            "sources.md: each edge with its sources",
        ),
        Format(
            "cypher",
            "application/x-cypher-query; charset=utf-8",
            "cypher",
            kept.cypher,
            "Cypher script recreating the subgraph",
        ),
        Format("svg", "image/svg+xml", "svg", picture.svg, "picture (SVG)"),
        Format("png", "image/png", "png", picture.png, "picture (PNG)"),
        Format("bundle", "application/zip", "zip", bundle.bundle, "report bundle: every format in one ZIP"),
    )
}


#: How each format ends a stream that fails after its first bytes: a comment the reader of the file
#: sees (the connection is then dropped, so clients see the transfer did not complete).
_ERROR_RECORD: dict[str, Callable[[str], bytes]] = {
    **{f: (lambda m: f"\n<!-- armsgraph: {m} -->\n".encode()) for f in ("graphml", "gexf", "svg")},
    **{f: (lambda m: f"\n# armsgraph: {m}\n".encode()) for f in ("nodes.csv", "edges.csv", "deals.csv", "sources")},
    "cypher": lambda m: f"\n// armsgraph: {m}\n".encode(),
}


class ExportFailed(Exception):
    """A streamed export failed after its first bytes (the stream ended with an error record)."""


def stream(sub: Subgraph, fmt: str) -> Iterator[bytes]:
    """The chunks of ``sub`` written as ``fmt``, for an HTTP answer whose status goes out first.

    The writer runs up to its first chunk here, so an error before any byte is raised by this
    call (the answer gets an error status, not a 200 that then drops). Formats written in one
    piece (JSON, Cytoscape, PNG) cannot fail later. A failure after the first bytes ends the
    stream with an error record in the format's comment syntax, then raises
    :class:`ExportFailed`, so the connection closes without the end of the transfer.
    """
    chunks = iter(FORMATS[fmt].write(sub))
    first = next(chunks, b"")

    def rest() -> Iterator[bytes]:
        yield first
        try:
            yield from chunks
        except Exception as e:
            record = _ERROR_RECORD.get(fmt)
            if record is not None:
                yield record("the export failed while it was written: this file is incomplete")
            raise ExportFailed(f"{fmt} export of {sub.title!r} failed after its first bytes") from e

    return rest()


def write(sub: Subgraph, fmt: str, path: Path) -> int:
    """Write ``sub`` as ``fmt`` to ``path``; the number of bytes written."""
    size = 0
    with path.open("wb") as out:
        for chunk in FORMATS[fmt].write(sub):
            out.write(chunk)
            size += len(chunk)
    return size


__all__ = [
    "FORMATS",
    "ExportFailed",
    "Format",
    "Selection",
    "Subgraph",
    "around",
    "bundle",
    "community",
    "csv_tables",
    "cypher_script",
    "everything",
    "from_cypher",
    "from_result",
    "kept",
    "networkx_formats",
    "picture",
    "select",
    "stream",
    "write",
    "xmlstream",
]
