"""Subgraph export: choose a subgraph (:mod:`.selection`), write it in a format (:data:`FORMATS`).

>>> from graph.export import FORMATS
>>> FORMATS["graphml"].media_type
'application/graphml+xml'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import bundle, cypher_script, nxformats, picture, shared, tables, xmlstream
from .selection import Subgraph, around, community, everything, from_cypher, from_result


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
            shared.graphml,
            "GraphML (yEd, Gephi); lists as JSON strings",
        ),
        Format("gexf", "application/gexf+xml", "gexf", shared.gexf, "GEXF 1.2 (Gephi) with time intervals"),
        Format("json", "application/json", "json", shared.json_chunks, "node-link JSON (D3)"),
        Format("cytoscape", "application/json", "cyjs", shared.cytoscape, "Cytoscape.js elements JSON"),
        Format(
            "csv",
            "application/zip",
            "csv.zip",
            bundle.csv_zip,
            "nodes.csv + edges.csv for neo4j-admin import, in a ZIP",
        ),
        Format("nodes.csv", "text/csv; charset=utf-8", "nodes.csv", shared.nodes_csv, "nodes.csv alone"),
        Format("edges.csv", "text/csv; charset=utf-8", "edges.csv", shared.edges_csv, "edges.csv alone"),
        Format("deals.csv", "text/csv; charset=utf-8", "deals.csv", shared.deals_csv, "one readable row per edge"),
        Format(
            "sources",
            "text/markdown; charset=utf-8",
            "sources.md",
            shared.sources_md,
            "sources.md: each edge with its sources",
        ),
        Format(
            "cypher",
            "application/x-cypher-query; charset=utf-8",
            "cypher",
            shared.cypher,
            "Cypher script recreating the subgraph",
        ),
        Format("svg", "image/svg+xml", "svg", picture.svg, "picture (SVG)"),
        Format("png", "image/png", "png", picture.png, "picture (PNG)"),
        Format("bundle", "application/zip", "zip", bundle.bundle, "report bundle: every format in one ZIP"),
    )
}


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
    "Format",
    "Subgraph",
    "around",
    "bundle",
    "community",
    "cypher_script",
    "everything",
    "from_cypher",
    "from_result",
    "nxformats",
    "picture",
    "shared",
    "tables",
    "write",
    "xmlstream",
]
