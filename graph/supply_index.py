"""An in-memory index of the fact relationships for chains and shortest paths, one per graph version.

A chain question touches most of the register (three hops upstream of Russia reach about 900
supplier-recipient pairs over some 20,000 deals). Asking Neo4j hop by hop costs a few hundred
milliseconds each time; this index, pulled once per graph version in one record per entity, answers
the same hop with the same filters in Python in a few milliseconds, and finds shortest paths by a
breadth-first search. Each edge keeps only what the filters and the link figures look at; the
edges a chain or path lists, with their provenance, still come from Neo4j.

``chain_step`` gives the rows ``cypher/chain_step_up.cypher`` and ``chain_step_down.cypher`` give,
``shortest`` a path as long as ``cypher/paths_shortest.cypher`` finds; tests hold them to it.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from .db import Graph


class Deal(NamedTuple):
    type: str
    src: str
    dst: str
    key: str | None
    year: int | None
    latest: int | None  # latest of the order year and the delivery years
    last: int | None  # last delivery year, else the year
    first_seen: str
    weapons: tuple[str, ...]  # lower-cased names and keys
    status: str | None
    tiv: float


@dataclass(frozen=True)
class ChainFilter:
    since: int | None = None
    until: int | None = None
    as_of: str | None = None
    weapon: str | None = None  # lower-cased
    status: str | None = None

    def keeps(self, d: Deal) -> bool:
        return (
            (self.since is None or (d.latest is not None and d.latest >= self.since))
            and (self.until is None or (d.year is not None and d.year <= self.until))
            and (self.as_of is None or d.first_seen <= self.as_of)
            and (self.weapon is None or self.weapon in d.weapons)
            and (self.status is None or d.status == self.status)
        )


@dataclass(frozen=True)
class PathFilter:
    """The filters of ``/paths``: an edge without a year passes the time window."""

    types: frozenset[str]
    since: int | None = None
    until: int | None = None
    as_of: str | None = None

    def keeps(self, d: Deal) -> bool:
        return (
            d.type in self.types
            and (self.since is None or d.year is None or (d.latest is not None and d.latest >= self.since))
            and (self.until is None or d.year is None or d.year <= self.until)
            and (self.as_of is None or d.first_seen <= self.as_of)
        )


class SupplyIndex:
    """SUPPLIES edges by recipient and by supplier, every fact edge by its source, entity names."""

    def __init__(self, version: int, rows: list[dict[str, Any]]):
        self.version = version
        self.names: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.into: dict[str, list[Deal]] = defaultdict(list)
        self.out_of: dict[str, list[Deal]] = defaultdict(list)
        self.facts: dict[str, list[Deal]] = {}
        for row in rows:
            src = row["key"]
            self.names[src], self.types[src] = row["name"], row["type"]
            out = []
            for type_, dst, key, year, latest, last, seen, weapons, status, tiv in row["out"]:
                d = Deal(type_, src, dst, key, year, latest, last, seen, tuple(weapons), status, float(tiv))
                out.append(d)
                if type_ == "SUPPLIES":
                    self.into[dst].append(d)
                    self.out_of[src].append(d)
            if out:  # searched in a fixed order, so that equal-length paths come out the same each time
                self.facts[src] = sorted(out, key=lambda d: (d.dst, d.type, d.key or ""))

    def entity(self, key: str) -> dict[str, Any]:
        return {"key": key, "name": self.names.get(key), "type": self.types.get(key)}

    def shortest(self, source: str, target: str, keep: PathFilter, max_hops: int) -> list[Deal] | None:
        """A shortest directed path (fewest edges, at most ``max_hops``) over the edges ``keep``
        keeps, as its edges in order; None when there is none."""
        parent: dict[str, Deal | None] = {source: None}
        frontier = [source]
        for _ in range(max_hops):
            nxt = []
            for node in frontier:
                for d in self.facts.get(node, ()):
                    if d.dst in parent or not keep.keeps(d):
                        continue
                    parent[d.dst] = d
                    if d.dst == target:
                        path = []
                        at: Deal | None = d
                        while at is not None:
                            path.append(at)
                            at = parent[at.src]
                        return path[::-1]
                    nxt.append(d.dst)
            if not nxt:
                return None
            frontier = nxt
        return None

    def chain_step(self, keys: list[str], upstream: bool, f: ChainFilter) -> list[dict[str, Any]]:
        """One hop from each of ``keys``: a row per (supplier, recipient) pair within the filter."""
        rows: list[dict[str, Any]] = []
        for k in keys:
            pairs: dict[str, list[Any]] = {}
            for d in (self.into if upstream else self.out_of).get(k, ()):
                if not f.keeps(d):
                    continue
                far = d.src if upstream else d.dst
                agg = pairs.get(far)
                if agg is None:
                    pairs[far] = [1, d.year, d.last, d.tiv]
                    continue
                agg[0] += 1
                if d.year is not None and (agg[1] is None or d.year < agg[1]):
                    agg[1] = d.year
                if d.last is not None and (agg[2] is None or d.last > agg[2]):
                    agg[2] = d.last
                agg[3] += d.tiv
            for far, (n, first, last, tiv) in pairs.items():
                src, dst = (far, k) if upstream else (k, far)
                rows.append(
                    {
                        "src": src,
                        "src_name": self.names.get(src),
                        "dst": dst,
                        "dst_name": self.names.get(dst),
                        "n": n,
                        "first_year": first,
                        "last_year": last,
                        "tiv_delivered": tiv,
                    }
                )
        return rows


_built: weakref.WeakKeyDictionary[Graph, SupplyIndex] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def supply_index(graph: Graph) -> SupplyIndex:
    """The index for the graph's current version, pulled from Neo4j when the version has moved."""
    version = graph.version()
    index = _built.get(graph)
    if index is not None and index.version == version:
        return index
    with _lock:  # one pull for the threads that found it stale together
        index = _built.get(graph)
        if index is None or index.version != version:
            index = _built[graph] = SupplyIndex(version, graph.read("supply_index"))
        return index
