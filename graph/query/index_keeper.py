"""Keeps the in-memory :class:`~graph.query.supply_index.SupplyIndex` up to date without making readers wait.

Every write records the entities and the relationships it changed beside the graph version it
brings (``cypher/bump_version.cypher``). When the version moves, the keeper pulls again only those
relationships (``cypher/supply_index_edges.cypher``, a few milliseconds) and publishes a new
snapshot; a reader that started on the previous snapshot finishes on it. Only when the record has
a gap (a reset, a write by an older armsgraph, more than 2,000 writes behind) is the whole index
pulled again, in a thread of its own: meanwhile :func:`current_index` answers None and callers ask
Neo4j directly, so no reader waits for a full pull (except the very first one).

The same record tells the query cache which kept answers a write can affect (:func:`changed`).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..db import Graph
from .supply_index import SupplyIndex

log = logging.getLogger(__name__)

#: Changes remembered in memory (versions), for the query cache's checks.
KEEP_CHANGES = 20_000


class KeptDetails:
    """Edges of (supplier, recipient) pairs as Neo4j gave them for a question, with the index
    version they were read at: good for a later version while no write touched either end."""

    def __init__(self, owner: Keeper, maxsize: int = 5000):
        self.owner = owner
        self.maxsize = maxsize
        self._data: OrderedDict[Any, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, pair: tuple[str, str], question: Any, version: int) -> Any:
        with self._lock:
            entry = self._data.get((pair, question))
            if entry is None:
                return None
            self._data.move_to_end((pair, question))
        read_at, value = entry
        if read_at == version:
            return value
        touched = self.owner.changed(read_at, version) if read_at < version else None
        if touched is None or f"in:{pair[1]}" in touched:
            return None
        return value

    def put(self, pair: tuple[str, str], question: Any, version: int, value: Any) -> None:
        with self._lock:
            self._data[(pair, question)] = (version, value)
            self._data.move_to_end((pair, question))
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)


class Keeper:
    """The current snapshot of one graph, and the record of what each version changed."""

    def __init__(self) -> None:
        self.index: SupplyIndex | None = None
        self.changes: dict[int, frozenset[str] | None] = {}  # version -> entities it touched (None: anything)
        self.edges: dict[int, frozenset[tuple[str, str]]] = {}  # version -> relationships it changed
        self.tags: dict[int, frozenset[str]] = {}  # version -> what it changed, once taken in (see changed)
        self.known: dict[str, tuple[Any, ...]] = {}  # entity key -> names as last read
        self.lock = threading.Lock()  # one catch-up at a time
        self.rebuilding: threading.Thread | None = None
        self.full_pulls = 0
        self.delta_pulls = 0
        self.details = KeptDetails(self)
        self.resolved: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}  # (name, param) -> (version, entity)

    def changed(self, since: int, until: int) -> frozenset[str] | None:
        """What the writes after ``since`` up to ``until`` changed, as tags: ``in:K`` (a relationship
        into entity K), ``out:K`` (out of K), ``name:K`` (K's name or label), ``names`` (any name or
        alias searched); None when unknown. Before the index has taken a write in, every entity the
        write touched counts as changed every way."""
        out: set[str] = set()
        for v in range(since + 1, until + 1):
            tags = self.tags.get(v)
            if tags is None:
                keys = self.changes.get(v, None)
                if keys is None:
                    return None
                tags = frozenset(f"{p}:{k}" for k in keys for p in ("in", "out", "name")) | {"names"}
            out |= tags
        return frozenset(out)

    def _tags(self, old: SupplyIndex, new: SupplyIndex, edges: set[tuple[str, str]], names: list[Any]) -> set[str]:
        """What a delta changed (see :meth:`changed`), from the relationships before and after it."""
        tags: set[str] = set()
        for e in edges:
            for d in (old.by_key.get(e), new.by_key.get(e)):
                if d is not None:
                    tags.update((f"in:{d.dst}", f"out:{d.src}"))
        for row in names:
            seen = (row["name"], row["type"], tuple(row["aliases"]), tuple(row["search_names"]))
            if self.known.get(row["key"]) != seen:  # a new entity, or renamed (or never seen here)
                self.known[row["key"]] = seen
                tags.update((f"name:{row['key']}", "names"))
        return tags

    def _record(self, rows: list[list[Any]]) -> None:
        for version, keys, edges in rows:
            if version is None:
                continue
            if keys is None or edges is None:
                self.changes[int(version)] = None
                continue
            self.changes[int(version)] = frozenset(keys)
            self.edges[int(version)] = frozenset(tuple(e.split(" ", 1)) for e in edges)  # type: ignore[misc]
        if len(self.changes) > KEEP_CHANGES:
            for v in sorted(self.changes)[: len(self.changes) - KEEP_CHANGES]:
                del self.changes[v]
                self.edges.pop(v, None)
                self.tags.pop(v, None)

    def catch_up(self, graph: Graph, index: SupplyIndex) -> SupplyIndex | None:
        """``index`` brought to the graph's current version by the recorded changes; None on a gap."""
        while True:
            row = graph.read("graph_changes", since=index.version)[0]
            version = int(row["version"])
            self._record(row["changes"])
            if version == index.version:
                return index
            if version < index.version:
                return None
            keys: set[str] = set()
            edges: set[tuple[str, str]] = set()
            for v in range(index.version + 1, version + 1):
                written = self.changes.get(v)
                if written is None:
                    return None
                keys |= written
                edges |= self.edges.get(v, frozenset())
            names = graph.read("entity_names_by_keys", keys=sorted(keys)) if keys else []
            rows = graph.read("supply_index_edges", edges=[list(e) for e in sorted(edges)]) if edges else []
            new = index.with_changes(version, names, edges, rows)  # type: ignore[arg-type]
            tags = frozenset(self._tags(index, new, edges, names))
            for v in range(index.version + 1, version + 1):
                self.tags[v] = tags
            index = new
            self.delta_pulls += 1
            # the rows may already show a later write: the next round pulls its keys again

    def full_pull(self, graph: Graph) -> SupplyIndex:
        """The whole index, labelled with the version read before the pull, then caught up."""
        since = int(graph.read("graph_changes", since=2**62)[0]["version"])
        index = SupplyIndex(since, graph.read("supply_index"))
        self.full_pulls += 1
        caught = self.catch_up(graph, index)
        return caught if caught is not None else index

    def _rebuild(self, graph: Graph) -> None:
        try:
            index = self.full_pull(graph)
            with self.lock:
                if self.index is None or index.version >= self.index.version:
                    self.index = index
        except Exception:  # the next reader that finds the index behind starts another pull
            log.exception("pulling the supply index failed")
        finally:
            self.rebuilding = None


_keepers: weakref.WeakKeyDictionary[Graph, Keeper] = weakref.WeakKeyDictionary()
_keepers_lock = threading.Lock()


def keeper(graph: Graph) -> Keeper:
    with _keepers_lock:
        found = _keepers.get(graph)
        if found is None:
            found = _keepers[graph] = Keeper()
        return found


def current_index(graph: Graph, at_least: int = 0, wait: bool = False) -> SupplyIndex | None:
    """The index at the graph's current version (as ``Graph.version`` reads it, or ``at_least``),
    or None while a full pull runs in the background (callers then ask Neo4j). The first pull of a
    process is made by its caller; ``wait`` makes any full pull so."""
    version = max(graph.version(), at_least)
    k = keeper(graph)
    index = k.index
    if index is not None and index.version >= version:
        return index
    if k.rebuilding is not None and not wait:
        return None
    with k.lock:
        index = k.index
        if index is not None and index.version >= version:
            return index
        if index is not None:
            caught = k.catch_up(graph, index)
            if caught is not None:
                k.index = caught
                return caught
        if index is None or wait:
            k.index = k.full_pull(graph)
            return k.index
        if k.rebuilding is None:
            k.rebuilding = threading.Thread(target=k._rebuild, args=(graph,), name="supply-index-pull", daemon=True)
            k.rebuilding.start()
        return None


def kept_details(graph: Graph) -> KeptDetails:
    """The graph's kept chain-link edges (see :class:`KeptDetails`)."""
    return keeper(graph).details


def resolve_kept(graph: Graph, ref: str, param: str) -> dict[str, Any]:
    """:func:`graph.query.entities.resolve`, kept per name until a write changes a name or alias."""
    from .entities import resolve

    k = keeper(graph)
    version = graph.version()
    found = k.resolved.get((ref, param))
    if found is not None:
        at, entity = found
        tags = k.changed(at, version) if at < version else frozenset()
        if tags is not None and "names" not in tags:
            return entity  # type: ignore[no-any-return]
    entity = resolve(graph, ref, param)
    if len(k.resolved) > 10_000:
        k.resolved.clear()
    k.resolved[(ref, param)] = (version, entity)
    return entity


def changed(graph: Graph, since: int, until: int) -> frozenset[str] | None:
    """What the writes after version ``since`` up to ``until`` changed (:meth:`Keeper.changed`)."""
    return keeper(graph).changed(since, until)


def settle(graph: Graph, index: SupplyIndex, depends_on: set[str]) -> tuple[bool, int]:
    """After an answer was made from ``index`` and details read from Neo4j: whether it stands, and
    the graph version now. The version is read again: unchanged, or changed only by writes that
    changed none of ``depends_on`` (tags, see :meth:`Keeper.changed`), the answer is that of the
    graph at both versions."""
    k = keeper(graph)
    row = graph.read("graph_changes", since=index.version)[0]
    k._record(row["changes"])
    version = int(row["version"])
    if version == index.version:
        return True, version
    tags = k.changed(index.version, version)
    return tags is not None and not (tags & depends_on), version


def answer(
    graph: Graph,
    use_index: bool,
    make: Callable[[SupplyIndex | None], tuple[dict[str, Any], set[str]]],
    meta: dict[str, Any] | None,
) -> dict[str, Any]:
    """``make`` from the index, checked against the writes made meanwhile (three tries), else from Neo4j."""
    at_least = 0
    for _try in range(3 if use_index else 0):
        index = current_index(graph, at_least)
        if index is None:
            break
        data, deps = make(index)
        ok, now = settle(graph, index, deps)
        if ok:
            if meta is not None:
                meta.update(version=now, depends_on=frozenset(deps))
            return data
        at_least = now
    return make(None)[0]
