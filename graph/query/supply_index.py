"""An in-memory index of the fact relationships for chains and paths, one snapshot per graph version.

A chain question touches most of the register (three hops upstream of Russia reach about 900
supplier-recipient pairs over some 20,000 deals). Asking Neo4j hop by hop costs a few hundred
milliseconds each time; this index answers the same hop with the same filters in Python in a few
milliseconds, and searches paths (every shortest path, or every path up to a bound, shortest first)
by breadth- and depth-first search. Each edge keeps only what the filters and the link figures look
at; the edges a chain or path lists, with their provenance, still come from Neo4j.

A snapshot is never changed once built: :meth:`SupplyIndex.with_changes` gives a new snapshot with
the relationships a write changed pulled again, so that readers keep the snapshot they started with
while the next one is made (:mod:`graph.query.index_keeper`).

``chain_step`` gives the rows ``cypher/chain_step_up.cypher`` and ``chain_step_down.cypher`` give,
``all_shortest`` and ``all_paths`` the paths of ``cypher/paths_shortest.cypher`` and
``paths_all.cypher`` (as sequences of entities and relationship types); tests hold them to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple


class Link(NamedTuple):
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


def _link(src: str, dst: str, packed: list[Any]) -> Link:
    type_, _end, key, year, latest, last, seen, weapons, status, tiv = packed
    return Link(type_, src, dst, key, year, latest, last, seen, tuple(weapons), status, float(tiv))


@dataclass(frozen=True)
class ChainFilter:
    since: int | None = None
    until: int | None = None
    as_of: str | None = None
    weapon: str | None = None  # lower-cased
    status: str | None = None

    def keeps(self, d: Link) -> bool:
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

    def keeps(self, d: Link) -> bool:
        return (
            d.type in self.types
            and (self.since is None or d.year is None or (d.latest is not None and d.latest >= self.since))
            and (self.until is None or d.year is None or d.year <= self.until)
            and (self.as_of is None or d.first_seen <= self.as_of)
        )


#: A path as found in memory: one kept relationship per hop (the first by key of its type between the pair).
Path = list[Link]

#: Stand-ins for a missing year in a pair's bounds, below and above every real year.
_NONE_LOW, _NONE_HIGH = -(10**9), 10**9
#: (far end, [deals, first year, last year, delivered TIV] over all deals, lowest ``latest``, highest ``year``, deals)
_PairDeals = tuple[str, list[Any], int, int, list[Link]]


class SupplyIndex:
    """Fact relationships by their source and by their target (SUPPLIES also on their own), names."""

    def __init__(self, version: int, rows: Iterable[dict[str, Any]] = ()):
        self.version = version
        self.names: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.facts: dict[str, list[Link]] = {}  # out of an entity, by (target, type, key)
        self.rfacts: dict[str, list[Link]] = {}  # into an entity, by (source, type, key)
        self.into: dict[str, list[Link]] = {}  # SUPPLIES into an entity
        self.out_of: dict[str, list[Link]] = {}  # SUPPLIES out of an entity
        #: chain_step's rows per (entity, direction, filter), kept by the next snapshot for the
        #: entities whose relationships it leaves as they were
        self.steps: dict[tuple[str, bool, ChainFilter], list[dict[str, Any]]] = {}
        #: _pair_groups' answers per (entity, direction), kept like ``steps`` (they hold no names)
        self.groups: dict[tuple[str, bool], list[_PairDeals]] = {}
        self.by_key: dict[tuple[str, str | None], Link] = {}
        deals: list[Link] = []
        for row in rows:
            src = row["key"]
            self.names[src], self.types[src] = row["name"], row["type"]
            deals.extend(_link(src, p[1], p) for p in row["out"])
        self._place(deals, set())

    def _place(self, added: list[Link], changed: set[tuple[str, str | None]]) -> set[str]:
        """Take the relationships ``changed`` ((type, key)) out, file ``added`` under their ends;
        returns the entities whose lists were made again."""
        removed = [self.by_key[c] for c in changed if c in self.by_key]
        for c in changed:
            self.by_key.pop(c, None)
        by_src: dict[str, list[Link]] = {}
        by_dst: dict[str, list[Link]] = {}
        for d in added:
            self.by_key[(d.type, d.key)] = d
            by_src.setdefault(d.src, []).append(d)
            by_dst.setdefault(d.dst, []).append(d)
        touched = set(by_src) | set(by_dst) | {d.src for d in removed} | {d.dst for d in removed}

        def kept(old: list[Link]) -> list[Link]:
            return [d for d in old if (d.type, d.key) not in changed] if changed else old

        for x in touched:
            out = sorted(kept(self.facts.get(x, [])) + by_src.get(x, []), key=lambda d: (d.dst, d.type, d.key or ""))
            inc = sorted(kept(self.rfacts.get(x, [])) + by_dst.get(x, []), key=lambda d: (d.src, d.type, d.key or ""))
            for table, value in (
                (self.facts, out),
                (self.rfacts, inc),
                (self.out_of, [d for d in out if d.type == "SUPPLIES"]),
                (self.into, [d for d in inc if d.type == "SUPPLIES"]),
            ):
                if value:
                    table[x] = value
                else:
                    table.pop(x, None)
        return touched

    def with_changes(
        self,
        version: int,
        names: list[dict[str, Any]],
        changed: set[tuple[str, str | None]],
        rows: list[dict[str, Any]],
    ) -> SupplyIndex:
        """A new snapshot at ``version``: the entities of ``names`` (key, name, type) named again,
        the relationships ``changed`` ((type, key)) replaced by ``rows``
        (``cypher/supply_index_edges.cypher``: ``{src, edge}``; a changed key without a row is gone)."""
        new = SupplyIndex.__new__(SupplyIndex)
        new.version = version
        new.names, new.types = dict(self.names), dict(self.types)
        new.facts, new.rfacts = dict(self.facts), dict(self.rfacts)
        new.into, new.out_of = dict(self.into), dict(self.out_of)
        new.by_key = dict(self.by_key)
        renamed = False
        for row in names:
            renamed |= self.names.get(row["key"], row["name"]) != row["name"]
            new.names[row["key"]], new.types[row["key"]] = row["name"], row["type"]
        remade = new._place([_link(r["src"], r["edge"][1], r["edge"]) for r in rows], changed)
        keep_steps = not renamed and len(self.steps) < 50_000
        new.steps = {k: v for k, v in self.steps.items() if k[0] not in remade} if keep_steps else {}
        new.groups = {k: v for k, v in self.groups.items() if k[0] not in remade}
        return new

    def entity(self, key: str) -> dict[str, Any]:
        return {"key": key, "name": self.names.get(key), "type": self.types.get(key)}

    # --- paths ------------------------------------------------------------------------------

    def _steps(self, node: str, keep: PathFilter) -> Iterator[Link]:
        """One kept relationship per (target, type) out of ``node``, in (target, type) order."""
        last: tuple[str, str] | None = None
        for d in self.facts.get(node, ()):
            if (d.dst, d.type) != last and keep.keeps(d):
                last = (d.dst, d.type)
                yield d

    def _pruned_steps(self, keep: PathFilter, to_target: dict[str, int]) -> Any:
        """``_steps`` restricted to entities that reach the target, each entity's worked out once."""
        memo: dict[str, list[Link]] = {}

        def steps(node: str) -> list[Link]:
            found = memo.get(node)
            if found is None:
                found = memo[node] = [d for d in self._steps(node, keep) if d.dst in to_target]
            return found

        return steps

    def _distances_to(self, target: str, keep: PathFilter, max_hops: int, seen: set[str]) -> dict[str, int]:
        """Fewest kept hops from each entity to ``target`` (at most ``max_hops``); ``seen`` gets the
        entities whose incoming relationships were read (a change into another cannot change the answer)."""
        dist = {target: 0}
        frontier = [target]
        for hop in range(1, max_hops + 1):
            nxt = []
            for node in frontier:
                for d in self.rfacts.get(node, ()):
                    if d.src not in dist and keep.keeps(d):
                        dist[d.src] = hop
                        nxt.append(d.src)
            seen.update(frontier)
            if not nxt:
                break
            frontier = nxt
        return dist

    def all_shortest(
        self, source: str, target: str, keep: PathFilter, max_hops: int, limit: int, seen: set[str]
    ) -> tuple[list[Path], int]:
        """Every shortest path (as distinct entity and type sequences), the first ``limit`` of them
        in (entity, type) order, and how many there are. ``seen``: see ``_distances_to``."""
        to_target = self._distances_to(target, keep, max_hops, seen)
        length = to_target.get(source)
        if length is None or length == 0:
            return [], 0
        counts: dict[str, int] = {target: 1}
        steps = self._pruned_steps(keep, to_target)

        def count(node: str) -> int:  # shortest paths from node to target, memoised
            if node not in counts:
                need = to_target[node] - 1
                counts[node] = sum(count(d.dst) for d in steps(node) if to_target[d.dst] == need)
            return counts[node]

        total = count(source)
        found: list[Path] = []
        path: Path = []

        def walk(node: str) -> None:
            if node == target:
                found.append(list(path))
                return
            need = to_target[node] - 1
            for d in steps(node):
                if len(found) >= limit:
                    return
                if to_target[d.dst] == need:
                    path.append(d)
                    walk(d.dst)
                    path.pop()

        walk(source)
        return found, total

    def all_paths(
        self,
        source: str,
        target: str,
        keep: PathFilter,
        max_hops: int,
        offset: int,
        limit: int,
        count_cap: int,
        seen: set[str],
    ) -> tuple[list[Path], int, bool]:
        """Paths without repeated entities of at most ``max_hops``, shortest first, then in
        (entity, type) order: the page ``offset``/``limit``, how many there are (counted up to
        ``count_cap``), and whether the count stopped at the cap."""
        to_target = self._distances_to(target, keep, max_hops, seen)
        page: list[Path] = []
        number = 0
        if source not in to_target:
            return page, 0, False
        path: Path = []
        on_path = {source}
        steps = self._pruned_steps(keep, to_target)

        def walk(node: str, left: int) -> bool:  # False once the count reaches the cap
            nonlocal number
            for d in steps(node):
                if d.dst == target:
                    if left == 1:
                        if offset <= number < offset + limit:
                            page.append([*path, d])
                        number += 1
                        if number >= count_cap:
                            return False
                    continue
                if left > 1 and d.dst not in on_path and to_target[d.dst] <= left - 1:
                    path.append(d)
                    on_path.add(d.dst)
                    going = walk(d.dst, left - 1)
                    on_path.discard(d.dst)
                    path.pop()
                    if not going:
                        return False
            return True

        for length in range(to_target[source], max_hops + 1):
            if not walk(source, length):
                return page, number, True
        return page, number, False

    # --- chains -----------------------------------------------------------------------------

    def _pair_groups(self, k: str, upstream: bool) -> list[_PairDeals]:
        """The SUPPLIES into (upstream) or out of ``k`` grouped by the entity at the far end, each group
        with its figures over all its deals: a window that holds every deal of a pair takes them whole."""
        found = self.groups.get((k, upstream))
        if found is not None:
            return found
        found = []
        for d in (self.into if upstream else self.out_of).get(k, ()):  # sorted by the far end
            far = d.src if upstream else d.dst
            if d.src == d.dst:
                continue
            if not found or found[-1][0] != far:
                found.append((far, [0, None, None, 0.0], _NONE_HIGH, _NONE_LOW, []))  # bounds start empty
            _far, whole, lo_latest, hi_year, deals = found[-1]
            deals.append(d)
            whole[0] += 1
            if d.year is not None and (whole[1] is None or d.year < whole[1]):
                whole[1] = d.year
            if d.last is not None and (whole[2] is None or d.last > whole[2]):
                whole[2] = d.last
            whole[3] += d.tiv
            # a deal without the year a filter reads never passes it: the pair then is never taken whole
            latest = d.latest if d.latest is not None else _NONE_LOW
            year = d.year if d.year is not None else _NONE_HIGH
            found[-1] = (far, whole, min(lo_latest, latest), max(hi_year, year), deals)
        self.groups[(k, upstream)] = found
        return found

    def chain_step(self, keys: list[str], upstream: bool, f: ChainFilter) -> list[dict[str, Any]]:
        """One hop from each of ``keys``: a row per (supplier, recipient) pair within the filter."""
        rows: list[dict[str, Any]] = []
        for k in keys:
            kept = self.steps.get((k, upstream, f))
            if kept is not None:
                rows.extend(kept)
                continue
            start = len(rows)
            pairs: dict[str, list[Any]] = {}
            plain = f.as_of is None and f.weapon is None and f.status is None
            for group in self._pair_groups(k, upstream):
                far, whole, lo_latest, hi_year, deals = group
                if plain and (f.since is None or lo_latest >= f.since) and (f.until is None or hi_year <= f.until):
                    pairs[far] = list(whole)  # every deal of the pair is in the window
                    continue
                for d in deals:
                    if not f.keeps(d):
                        continue
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
            self.steps[(k, upstream, f)] = rows[start:]
        return rows
