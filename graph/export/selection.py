"""Choosing the subgraph to export: around an entity, a list of keys (a community), the edges of
chains or paths, a read-only Cypher query, or the whole graph.

Every selection returns a :class:`Subgraph`: plain data in a stable order (nodes by key, edges by
type, ends and key), so two exports of the same graph are byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..db import Graph
from ..errors import InvalidInput
from ..queries import query
from ..query.entities import resolve
from ..query.params import check_status, check_types, check_years

#: Largest number of relationships one selection may gather (the whole SIPRI register is ~30,000).
MAX_EDGES = 200_000
MAX_HOPS = 4
#: Relationships per record in the packed edge queries (``cypher/export_*.cypher``).
CHUNK = 2000
#: Property values that the driver already gives as plain Python.
_PLAIN = (str, int, float, bool, type(None))


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
    #: Files already written from this subgraph, by format: (:meth:`stamp` then, chunks). The
    #: report bundle takes them from here rather than writing them again (:mod:`.shared`).
    memo: dict[str, tuple[tuple[Any, ...], Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def sorted(self) -> Subgraph:
        self.nodes = {k: self.nodes[k] for k in sorted(self.nodes)}
        self.edges.sort(key=lambda e: (e["type"], e["source"], e["target"], e["key"]))
        self.reports = {k: self.reports[k] for k in sorted(self.reports)}
        self.memo.clear()
        return self

    def stamp(self) -> tuple[Any, ...]:
        """What a file kept in :attr:`memo` was written from: which containers, their sizes, the
        title and the selection.

        Writers only read a subgraph. Replacing or resizing its parts (or calling :meth:`sorted`)
        makes the entries from before stale; editing a property in place does not: call
        ``memo.clear()`` after such an edit.
        """
        return (
            id(self.nodes),
            len(self.nodes),
            id(self.edges),
            len(self.edges),
            id(self.reports),
            len(self.reports),
            self.title,
            repr(self.params),
        )


def primary_label(labels: Iterable[str]) -> str:
    """The model label of a node (``Country`` for ``:Entity:Country``)."""
    rest = sorted(label for label in labels if label != "Entity")
    return rest[0] if rest else "Entity"


def plain(value: Any) -> Any:
    """Driver values as plain Python: temporal values become ISO strings, lists stay lists."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, list):
        for v in value:
            if type(v) not in _PLAIN:
                return [plain(v) for v in value]
        return value
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _props(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v if type(v) in _PLAIN else plain(v) for k, v in sorted(raw.items())}


def edge_rows(graph: Graph, name: str, *, chunk: int = CHUNK, **params: Any) -> Iterator[Sequence[Any]]:
    """The rows ``[id, type, src, dst, props]`` of a packed edge query (``cypher/export_*.cypher``),
    ``chunk`` rows to a record.

    The records are read as they come, not through ``Record.data()``: a whole-graph export holds
    about a million values, and the driver's per-value conversion would cost more than the query.
    """
    for record in graph.records(query(name), **params, chunk=chunk):
        yield from record[0]


def _edge(row: Sequence[Any]) -> dict[str, Any]:
    id_, type_, src, dst, raw = row
    props = _props(raw)
    key = props.get("key") or f"{type_}:{src}:{dst}"
    return {"id": id_, "key": key, "type": type_, "source": src, "target": dst, "props": props}


def _filters(types: list[str] | None, since: int | None, until: int | None, status: str | None) -> dict[str, Any]:
    check_years(since, until)
    return {"types": check_types(types), "since": since, "until": until, "status": check_status(status)}


def subgraph_of(
    graph: Graph,
    rows: Iterable[Sequence[Any]],
    node_keys: Iterable[str] = (),
    title: str = "armsgraph export",
    params: dict[str, Any] | None = None,
) -> Subgraph:
    """A subgraph from relationship rows (``[id, type, src, dst, props]``) and extra node keys."""
    edges: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row[0] not in edges:
            edges[row[0]] = _edge(row)
        if len(edges) > MAX_EDGES:
            raise InvalidInput(f"the selection has over {MAX_EDGES} relationships: narrow it")
    keys = set(node_keys) | {e["source"] for e in edges.values()} | {e["target"] for e in edges.values()}
    sub = Subgraph(edges=list(edges.values()), title=title, params=params or {})
    for found in graph.read("export_nodes", keys=sorted(keys)):
        props = _props(found["props"])
        sub.nodes[props["key"]] = {"key": props["key"], "labels": sorted(found["labels"]), "props": props}
    sources = {s for e in sub.edges for s in e["props"].get("sources") or []}
    for found in graph.read("export_reports", keys=sorted(sources)):
        props = _props(found["props"])
        sub.reports[props["key"]] = props
    return sub.sorted()


def around(
    graph: Graph,
    ref: str,
    *,
    hops: int = 1,
    types: list[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    status: str | None = None,
) -> Subgraph:
    """Everything within ``hops`` of an entity (key, name or alias), over the chosen relationships.

    Each hop follows relationships in either direction from the entities reached so far; the time
    window and status filter every relationship followed, as in ``/chains``.
    """
    if not 1 <= hops <= MAX_HOPS:
        raise InvalidInput(f"hops must be between 1 and {MAX_HOPS}")
    f = _filters(types, since, until, status)
    root = resolve(graph, ref, "around")
    seen, frontier = {root["key"]}, [root["key"]]
    rows: dict[str, Sequence[Any]] = {}
    for _ in range(hops):
        nxt: set[str] = set()
        for row in edge_rows(graph, "export_hop", keys=frontier, **f):
            rows.setdefault(row[0], row)
            nxt.update(k for k in (row[2], row[3]) if k not in seen)
        if len(rows) > MAX_EDGES:
            raise InvalidInput(f"the selection has over {MAX_EDGES} relationships: lower hops or narrow it")
        seen |= nxt
        frontier = sorted(nxt)
        if not frontier:
            break
    params = {"around": root["key"], "hops": hops, **f}
    window = "" if since is None and until is None else f", {since or '…'}–{until or '…'}"
    return subgraph_of(graph, rows.values(), [root["key"]], f"{root['name']}: {hops} hop(s){window}", params)


def community(
    graph: Graph,
    keys: Iterable[str],
    *,
    types: list[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    status: str | None = None,
    title: str | None = None,
) -> Subgraph:
    """A set of entities (a community from ``/communities``, a hand-made list) and the edges among them."""
    wanted = sorted({k.strip() for k in keys if k and k.strip()})
    if not wanted:
        raise InvalidInput("keys must name at least one entity")
    f = _filters(types, since, until, status)
    rows = edge_rows(graph, "export_induced", keys=wanted, **f)
    sub = subgraph_of(graph, rows, wanted, title or f"{len(wanted)} entities", {"keys": wanted, **f})
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
    """The edges of a ``/paths`` or ``/chains`` answer (from :mod:`graph.query.chains`)."""
    keys = edge_keys_of(result)
    nodes = [n["key"] for p in result.get("paths", []) for n in p["nodes"]]
    return subgraph_of(graph, edge_rows(graph, "export_edges_by_key", keys=keys), nodes, title, {"edges": len(keys)})


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


def from_cypher(
    graph: Graph, text: str, *, timeout_s: float = 10.0, max_rows: int = 10_000, max_bytes: int | None = None
) -> Subgraph:
    """The nodes, relationships and paths a read-only Cypher query returns.

    The query goes through :func:`graph.query.readonly.run_readonly` (plan checked, read transaction,
    time limit, byte budget); values that are not graph elements are ignored.
    """
    from ..query.readonly import MAX_BYTES, run_readonly

    result = run_readonly(graph, text, {}, timeout_s=timeout_s, max_rows=max_rows, max_bytes=max_bytes or MAX_BYTES)
    nodes: set[str] = set()
    rels: set[str] = set()
    for row in result.rows:
        _walk(list(row.values()), nodes, rels)
    if not nodes and not rels:
        raise InvalidInput("the query returned no nodes, relationships or paths")
    rows = edge_rows(graph, "export_edges_by_id", ids=sorted(rels))
    return subgraph_of(graph, rows, nodes, "Cypher query", {"cypher": text})


def everything(graph: Graph, *, types: list[str] | None = None) -> Subgraph:
    """The whole graph over the chosen relationship types (default: every fact type)."""
    f = _filters(types, None, None, None)
    return subgraph_of(
        graph, edge_rows(graph, "export_all_edges", types=f["types"]), (), "whole graph", {"types": f["types"]}
    )


@dataclass(frozen=True)
class Selection:
    """What to export: exactly one of ``around`` (with ``hops``), ``keys``, ``cypher``, ``path``
    (source, target: the shortest paths), ``chains`` (a root: its upstream supplier chains) or
    ``everything``; ``types``, ``since``, ``until`` and ``status`` narrow the relationships where
    the choice takes them. The API and the CLI both build one and call :func:`select`."""

    around: str | None = None
    hops: int = 1
    keys: tuple[str, ...] | None = None
    cypher: str | None = None
    path: tuple[str, str] | None = None
    chains: str | None = None
    everything: bool = False
    types: tuple[str, ...] | None = None
    since: int | None = None
    until: int | None = None
    status: str | None = None
    # the limits of a Cypher query (the settings' cypher_timeout_s, cypher_max_rows, cypher_max_bytes)
    timeout_s: float = 10.0
    max_rows: int = 10_000
    max_bytes: int | None = None

    CHOICES = ("around", "keys", "cypher", "path", "chains", "everything")

    def __post_init__(self) -> None:
        chosen = [name for name in self.CHOICES if getattr(self, name)]
        if len(chosen) != 1:
            raise InvalidInput("give exactly one of around, keys, path, chains or all (or a cypher query)")
        if self.path is not None and len(self.path) != 2:
            raise InvalidInput("path takes SOURCE,TARGET")

    @property
    def choice(self) -> str:
        return next(name for name in self.CHOICES if getattr(self, name))


def select(graph: Graph, s: Selection) -> Subgraph:
    """The subgraph a :class:`Selection` names."""
    types = list(s.types) if s.types else None
    if s.around:
        return around(graph, s.around, hops=s.hops, types=types, since=s.since, until=s.until, status=s.status)
    if s.keys:
        return community(graph, s.keys, types=types, since=s.since, until=s.until, status=s.status)
    if s.cypher:
        return from_cypher(graph, s.cypher, timeout_s=s.timeout_s, max_rows=s.max_rows, max_bytes=s.max_bytes)
    if s.path:
        from ..query.paths import paths

        source, target = s.path
        found = paths(graph, source, target, types=types, since=s.since, until=s.until)
        return from_result(graph, found, f"paths {source} to {target}")
    if s.chains:
        from ..query.chains import EDGES_PER_LINK, chains

        found = chains(graph, s.chains, since=s.since, until=s.until, status=s.status, edges_per_link=EDGES_PER_LINK)
        return from_result(graph, found, f"supplier chains of {s.chains}")
    return everything(graph, types=types)
