"""Writers that keep what they wrote on the subgraph, so each file is written once per subgraph.

The report bundle holds every format; when some were written from the same subgraph before (the
files of a report, then its bundle), the bundle takes their bytes instead of writing them again.
The bytes are passed on as they are written, and kept once the writer has finished.

>>> from graph.export.selection import Subgraph
>>> sub = Subgraph(title="empty")
>>> b"".join(json_chunks(sub)) == b"".join(json_chunks(sub)) and "json" in sub.memo
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from . import csv_tables, cypher_script, networkx_formats
from .selection import Subgraph

Writer = Callable[[Subgraph], Iterator[bytes]]


def kept(sub: Subgraph, name: str, make: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
    """The chunks of ``make()``, kept in the subgraph's memo under ``name`` once written whole, and
    given from there while the subgraph's :meth:`~.selection.Subgraph.stamp` is unchanged."""
    stamp = sub.stamp()
    hit = sub.memo.get(name)
    if hit is not None and hit[0] == stamp:
        yield from hit[1]
        return
    chunks = []
    for chunk in make():
        chunks.append(chunk)
        yield chunk
    sub.memo[name] = (stamp, chunks)


def joined(chunks: Iterator[bytes]) -> bytes:
    return b"".join(chunks)


def graphml(sub: Subgraph) -> Iterator[bytes]:
    return kept(sub, "graphml", lambda: networkx_formats.graphml(sub))


def gexf(sub: Subgraph) -> Iterator[bytes]:
    return kept(sub, "gexf", lambda: networkx_formats.gexf(sub))


def json_chunks(sub: Subgraph) -> Iterator[bytes]:
    return kept(sub, "json", lambda: networkx_formats.json_chunks(sub))


def cytoscape(sub: Subgraph) -> Iterator[bytes]:
    return kept(sub, "cytoscape", lambda: networkx_formats.cytoscape(sub))


def nodes_csv(sub: Subgraph, delim: str | None = None) -> Iterator[bytes]:
    """``nodes.csv``; ``delim``, when given, must be :func:`.csv_tables.array_delimiter` of ``sub``."""
    return kept(sub, "nodes.csv", lambda: csv_tables.nodes_csv(sub, delim))


def edges_csv(sub: Subgraph, delim: str | None = None) -> Iterator[bytes]:
    """``edges.csv``; ``delim``, when given, must be :func:`.csv_tables.array_delimiter` of ``sub``."""
    return kept(sub, "edges.csv", lambda: csv_tables.edges_csv(sub, delim))


def deals_csv(sub: Subgraph) -> Iterator[bytes]:
    return kept(sub, "deals.csv", lambda: csv_tables.deals_csv(sub))


def sources_md(sub: Subgraph) -> Iterator[bytes]:
    return kept(sub, "sources", lambda: csv_tables.sources_md(sub))


def cypher(sub: Subgraph) -> Iterator[bytes]:
    return kept(sub, "cypher", lambda: cypher_script.chunks(sub))
