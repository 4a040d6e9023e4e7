"""Choosing the subgraph to export: around an entity, a list of keys (a community), the edges of
chains or paths, a read-only Cypher query, or the whole graph.

Every selection returns a :class:`Subgraph`: plain data in a stable order (nodes by key, edges by
type, ends and key), so two exports of the same graph are byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..db import Graph
from ..errors import InvalidInput
from ..repository import check_years, resolve
from ..repository_paths import check_status, check_types

#: Largest number of relationships one selection may gather (the whole SIPRI register is ~30,000).
MAX_EDGES = 200_000
MAX_HOPS = 4


@dataclass
class Subgraph:
    """Nodes keyed by ``key``, edges with their ends' keys, and the reports their sources name.

    ``nodes[key] = {"key", "labels": [..], "props": {..}}``;
    each edge is ``{"id", "key", "type", "source", "target", "props"}``;
    ``reports[key]`` holds every property of the Report node (title, published, source_url).
    """

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    title: str = "armsgraph export"
    params: dict[str, Any] = field(default_factory=dict)

    def sorted(self) -> Subgraph:
        self.nodes = {k: self.nodes[k] for k in sorted(self.nodes)}
        self.edges.sort(key=lambda e: (e["type"], e["source"], e["target"], e["key"]))
        self.reports = {k: self.reports[k] for k in sorted(self.reports)}
        return self


def primary_label(labels: Iterable[str]) -> str:
    """The model label of a node (``Country`` for ``:Entity:Country``)."""
    rest = sorted(label for label in labels if label != "Entity")
    return rest[0] if rest else "Entity"


def plain(value: Any) -> Any:
    """Driver values as plain Python: temporal values become ISO strings, lists stay lists."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _edge(row: Mapping[str, Any]) -> dict[str, Any]:
    props = {k: plain(v) for k, v in sorted(row["props"].items())}
    key = props.get("key") or f"{row['type']}:{row['src']}:{row['dst']}"
    return {"id": row["id"], "key": key, "type": row["type"], "source": row["src"], "target": row["dst"],
            "props": props}


def _filters(types: list[str] | None, since: int | None, until: int | None,
             status: str | None) -> dict[str, Any]:
    check_years(since, until)
    return {"types": check_types(types), "since": since, "until": until, "status": check_status(status)}


def build(graph: Graph, edge_rows: Iterable[Mapping[str, Any]], node_keys: Iterable[str] = (),
          title: str = "armsgraph export", params: dict[str, Any] | None = None) -> Subgraph:
    """A subgraph from relationship rows (``id, type, src, dst, props``) and extra node keys."""
    edges: dict[str, dict[str, Any]] = {}
    for row in edge_rows:
        edges.setdefault(row["id"], _edge(row))
        if len(edges) > MAX_EDGES:
            raise InvalidInput(f"the selection has over {MAX_EDGES} relationships: narrow it")
    keys = set(node_keys) | {e["source"] for e in edges.values()} | {e["target"] for e in edges.values()}
    sub = Subgraph(edges=list(edges.values()), title=title, params=params or {})
    for row in graph.read("export_nodes", keys=sorted(keys)):
        props = {k: plain(v) for k, v in sorted(row["props"].items())}
        sub.nodes[props["key"]] = {"key": props["key"], "labels": sorted(row["labels"]), "props": props}
    sources = {s for e in sub.edges for s in e["props"].get("sources") or []}
    for row in graph.read("export_reports", keys=sorted(sources)):
        props = {k: plain(v) for k, v in sorted(row["props"].items())}
        sub.reports[props["key"]] = props
    return sub.sorted()


def around(graph: Graph, ref: str, *, hops: int = 1, types: list[str] | None = None,
           since: int | None = None, until: int | None = None, status: str | None = None) -> Subgraph:
    """Everything within ``hops`` of an entity (key, name or alias), over the chosen relationships.

    Each hop follows relationships in either direction from the entities reached so far; the time
    window and status filter every relationship followed, as in ``/chains``.
    """
    if not 1 <= hops <= MAX_HOPS:
        raise InvalidInput(f"hops must be between 1 and {MAX_HOPS}")
    f = _filters(types, since, until, status)
    root = resolve(graph, ref, "around")
    seen, frontier = {root["key"]}, [root["key"]]
    rows: dict[str, Mapping[str, Any]] = {}
    for _ in range(hops):
        found = graph.read("export_hop", keys=frontier, **f)
        nxt: set[str] = set()
        for row in found:
            rows.setdefault(row["id"], row)
            nxt.update(k for k in (row["src"], row["dst"]) if k not in seen)
        if len(rows) > MAX_EDGES:
            raise InvalidInput(f"the selection has over {MAX_EDGES} relationships: lower hops or narrow it")
        seen |= nxt
        frontier = sorted(nxt)
        if not frontier:
            break
    params = {"around": root["key"], "hops": hops, **f}
    window = "" if since is None and until is None else f", {since or '…'}–{until or '…'}"
    return build(graph, rows.values(), [root["key"]], f"{root['name']}: {hops} hop(s){window}", params)


def community(graph: Graph, keys: Iterable[str], *, types: list[str] | None = None,
              since: int | None = None, until: int | None = None, status: str | None = None,
              title: str | None = None) -> Subgraph:
    """A set of entities (a community from ``/communities``, a hand-made list) and the edges among them."""
    wanted = sorted({k.strip() for k in keys if k and k.strip()})
    if not wanted:
        raise InvalidInput("keys must name at least one entity")
    f = _filters(types, since, until, status)
    rows = graph.read("export_induced", keys=wanted, **f)
    sub = build(graph, rows, wanted, title or f"{len(wanted)} entities", {"keys": wanted, **f})
    missing = [k for k in wanted if k not in sub.nodes]
    if missing:
        raise InvalidInput(f"unknown entity keys: {', '.join(missing[:10])}")
    return sub


def edge_keys_of(result: Mapping[str, Any]) -> list[str]:
    """The edge keys in a ``/paths`` or ``/chains`` answer (``paths[].edges`` or ``chains[].links[].edges``)."""
    keys: list[str] = []
    for p in result.get("paths", []):
        keys.extend(e["key"] for e in p["edges"] if e.get("key"))
    for c in result.get("chains", []):
        for link in c["links"]:
            keys.extend(e["key"] for e in link["edges"] if e.get("key"))
    return sorted(set(keys))


def from_result(graph: Graph, result: Mapping[str, Any], title: str = "paths") -> Subgraph:
    """The edges of a ``/paths`` or ``/chains`` answer (from :mod:`graph.repository_paths`)."""
    keys = edge_keys_of(result)
    nodes = [n["key"] for p in result.get("paths", []) for n in p["nodes"]]
    return build(graph, graph.read("export_edges_by_key", keys=keys), nodes, title, {"edges": len(keys)})


def _walk(value: Any, nodes: set[str], rels: set[str]) -> None:
    if isinstance(value, list):
        for v in value:
            _walk(v, nodes, rels)
    elif isinstance(value, dict):
        if "labels" in value and "properties" in value:
            key = value["properties"].get("key")
            if key is not None:
                nodes.add(str(key))
        elif "type" in value and "start" in value and "element_id" in value:
            rels.add(value["element_id"])
        else:
            for v in value.values():
                _walk(v, nodes, rels)


def from_cypher(graph: Graph, text: str, *, timeout_s: float = 10.0, max_rows: int = 10_000) -> Subgraph:
    """The nodes, relationships and paths a read-only Cypher query returns.

    The query goes through :func:`graph.readonly.run_readonly` (plan checked, read transaction,
    time limit); values that are not graph elements are ignored.
    """
    from ..readonly import run_readonly

    result = run_readonly(graph, text, {}, timeout_s=timeout_s, max_rows=max_rows)
    nodes: set[str] = set()
    rels: set[str] = set()
    for row in result.rows:
        _walk(list(row.values()), nodes, rels)
    if not nodes and not rels:
        raise InvalidInput("the query returned no nodes, relationships or paths")
    rows = graph.read("export_edges_by_id", ids=sorted(rels))
    return build(graph, rows, nodes, "Cypher query", {"cypher": text})


def everything(graph: Graph, *, types: list[str] | None = None) -> Subgraph:
    """The whole graph over the chosen relationship types (default: every fact type)."""
    f = _filters(types, None, None, None)
    return build(graph, graph.read("export_all_edges", types=f["types"]), (), "whole graph",
                 {"types": f["types"]})
