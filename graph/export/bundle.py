"""The report bundle: one ZIP with the picture, the tables, every format and ``sources.md``."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

import orjson

from ..query.flows import flows_csv
from . import csv_tables, kept, picture
from .kept import joined
from .selection import Subgraph

README = """# {title}

Exported by armsgraph: {nodes} entities, {edges} relationships, {reports} reports.
Selection: {params}

| file | what |
| --- | --- |
| picture.png, picture.svg | the network: nodes by type, arrows by relationship type, weapons and years |
| deals.csv | one row per relationship: names, status, years, weapons, numbers, TIV, source keys |
| flows.csv | one row per supplier -> recipient pair: the countries they stand in, deals, delivered TIV |
| sources.md | every relationship with its sources: report title, date, URL and the quoted evidence |
| nodes.csv, edges.csv | for a spreadsheet or `neo4j-admin database import` (see import.txt) |
| graph.graphml | yEd, Gephi, NetworkX; lists are JSON strings, named in the graph attribute `json_attributes` |
| graph.gexf | Gephi, with `start`/`end` dates on nodes and edges for the timeline; lists as JSON strings |
| graph.json | node-link JSON (D3: `nodes`, `links`), reports and the selection in `graph` |
| cytoscape.json | Cytoscape.js elements |
| graph.cypher | recreates the subgraph in an empty Neo4j: `cypher-shell -f graph.cypher` |
"""


def files(sub: Subgraph) -> list[tuple[str, Callable[[], bytes]]]:
    """The bundle's files, each as (name, function giving its bytes). Files already written from
    ``sub`` (:mod:`.shared`), and the picture drawn for it (:func:`.picture.image`), are reused."""
    delims: list[str] = []

    def delim() -> str:  # worked out once, when a table needs it
        if not delims:
            delims.append(csv_tables.array_delimiter(sub))
        return delims[0]

    return [
        (
            "README.md",
            lambda: README.format(
                title=sub.title,
                nodes=len(sub.nodes),
                edges=len(sub.edges),
                reports=len(sub.reports),
                params=orjson.dumps(sub.params).decode(),
            ).encode(),
        ),
        ("picture.png", lambda: picture.image(sub, "png")),
        ("picture.svg", lambda: picture.image(sub, "svg")),
        ("deals.csv", lambda: joined(kept.deals_csv(sub))),
        ("flows.csv", lambda: flows_csv(sub.nodes, sub.edges)),
        ("sources.md", lambda: joined(kept.sources_md(sub))),
        ("nodes.csv", lambda: joined(kept.nodes_csv(sub, delim()))),
        ("edges.csv", lambda: joined(kept.edges_csv(sub, delim()))),
        ("import.txt", lambda: csv_tables.import_command(sub, delim=delim()).encode()),
        ("graph.graphml", lambda: joined(kept.graphml(sub))),
        ("graph.gexf", lambda: joined(kept.gexf(sub))),
        ("graph.json", lambda: joined(kept.json_chunks(sub))),
        ("cytoscape.json", lambda: joined(kept.cytoscape(sub))),
        ("graph.cypher", lambda: joined(kept.cypher(sub))),
    ]


def zip_bytes(sub: Subgraph, names: set[str] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5) as z:
        for name, make in files(sub):
            if names is None or name in names:
                z.writestr(
                    zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), make(), compress_type=zipfile.ZIP_DEFLATED
                )
    return buf.getvalue()


def bundle(sub: Subgraph) -> Iterator[bytes]:
    yield zip_bytes(sub)


def csv_zip(sub: Subgraph) -> Iterator[bytes]:
    """nodes.csv, edges.csv and import.txt in one ZIP (the ``csv`` format)."""
    yield zip_bytes(sub, {"nodes.csv", "edges.csv", "import.txt"})
