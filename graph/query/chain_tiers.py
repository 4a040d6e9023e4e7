"""Supply tiers: the chains of :func:`graph.query.chains.chains` read hop by hop.

Tier 1 holds the root's direct suppliers (upstream; its direct recipients downstream), tier 2
the suppliers of tier 1 not already in it, and so on: an entity is listed once, at the fewest hops
a chain reaches it in. Each entity carries the links that reach it from the tier before (the
entities it ``feeds`` upstream, or is ``fed_by`` downstream) and their sums: deals, delivered TIV,
first and last year. With ``time_consistent``, only chains whose every transfer into an
intermediary starts no later than the last transfer out of it count.
"""

from __future__ import annotations

from typing import Any


def _in_time(new: dict[str, Any], previous: dict[str, Any], upstream: bool) -> bool:
    into, out = (new, previous) if upstream else (previous, new)
    if into["first_year"] is None or out["last_year"] is None:
        return False
    return bool(into["first_year"] <= out["last_year"])


_RANK: dict[str, Any] = {
    "deals": lambda e: (-e["deals"], -e["tiv_delivered"], e["key"]),
    "tiv": lambda e: (-e["tiv_delivered"], -e["deals"], e["key"]),
    "name": lambda e: (e["key"],),
}


def _reached(
    links: dict[str, list[dict[str, Any]]], root: str, upstream: bool, max_hops: int, consistent: bool
) -> dict[int, list[dict[str, Any]]]:
    """The links by the hop at which a chain first takes them (breadth-first over links, so that
    ``consistent`` can look at the link before)."""
    far_end = "source" if upstream else "target"
    hop_of: dict[int, int] = {}
    by_hop: dict[int, list[dict[str, Any]]] = {}
    frontier = list(links.get(root, ()))
    for lk in frontier:
        hop_of[id(lk)] = 1
    for hop in range(1, max_hops + 1):
        by_hop[hop] = frontier
        if hop == max_hops:
            break
        nxt = []
        for prev in frontier:
            for lk in links.get(prev[far_end], ()):
                if id(lk) in hop_of or lk[far_end] == root:
                    continue
                if consistent and not _in_time(lk, prev, upstream):
                    continue
                hop_of[id(lk)] = hop + 1
                nxt.append(lk)
        if not nxt:
            break
        frontier = nxt
    return by_hop


def tiers(
    links: dict[str, list[dict[str, Any]]],
    root: str,
    upstream: bool,
    max_hops: int,
    consistent: bool,
    limit: int,
    offset: int,
    sort: str = "deals",
) -> dict[str, Any]:
    """``{"tiers": [{hop, total, entities: [...]}]}``, the entities of a tier ranked by ``sort``:
    ``deals`` (then delivered TIV), ``tiv`` (then deals) or ``name`` (the key)."""
    far_end, near_end = ("source", "target") if upstream else ("target", "source")
    placed = {root: 0}
    out = []
    for hop, reached in _reached(links, root, upstream, max_hops, consistent).items():
        members: dict[str, list[dict[str, Any]]] = {}
        for lk in reached:
            far = lk[far_end]
            if placed.get(far, hop) == hop and placed.get(lk[near_end]) == hop - 1:
                members.setdefault(far, []).append(lk)
        for far in members:
            placed[far] = hop
        entities = []
        for far, lks in members.items():
            firsts = [lk["first_year"] for lk in lks if lk["first_year"] is not None]
            lasts = [lk["last_year"] for lk in lks if lk["last_year"] is not None]
            entities.append(
                {
                    "key": far,
                    "name": lks[0][far_end + "_name"],
                    "deals": sum(lk["deals"] for lk in lks),
                    "tiv_delivered": round(sum(lk["tiv_delivered"] for lk in lks), 3),
                    "first_year": min(firsts, default=None),
                    "last_year": max(lasts, default=None),
                    ("feeds" if upstream else "fed_by"): [
                        {
                            "key": lk[near_end],
                            "name": lk[near_end + "_name"],
                            "deals": lk["deals"],
                            "tiv_delivered": lk["tiv_delivered"],
                            "first_year": lk["first_year"],
                            "last_year": lk["last_year"],
                        }
                        for lk in lks
                    ],
                }
            )
        if not entities:
            break
        entities.sort(key=_RANK.get(sort, _RANK["deals"]))
        out.append({"hop": hop, "total": len(entities), "entities": entities[offset : offset + limit]})
    return {"max_hops": max_hops, "limit": limit, "offset": offset, "tiers": out}
