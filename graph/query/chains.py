"""Supplier chains (as a list, or as tiers of suppliers hop by hop) and paths between entities.

Chains are expanded hop by hop (one named query per hop, the filters inside its pattern), one row
per (supplier, recipient) pair, so a pair with hundreds of register deals is one link of a chain,
not hundreds of chains. Every chain up to ``max_hops`` is an answer, shortest first: the direct
suppliers before the suppliers of suppliers. Paths: :mod:`graph.query.paths`.

Answers are made from the in-memory :mod:`graph.query.supply_index` when it is at the graph's version
(else by asking Neo4j), and checked afterwards (:func:`graph.query.index_keeper.settle`): an answer whose
entities a write touched while it was made is made again, so every answer is that of one committed
state of the graph. ``meta``, when given, receives the version the answer holds for and the
entities it depends on (the query cache keeps it until a write touches one of them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Literal

from ..db import Graph
from ..errors import InvalidInput
from .chain_tiers import tiers
from .entities import edge, report_titles
from .index_keeper import answer, kept_details, resolve_kept
from .params import check_date, check_status, check_types, check_years
from .paths import MAX_PATH_HOPS, paths
from .supply_index import ChainFilter, SupplyIndex

MAX_CHAIN_HOPS = 4
#: Most edges a chain link may list (the link counts them all in ``deals``).
EDGES_PER_LINK = 10
#: Chains counted at most per answer (``total``); past it, ``capped`` is true.
COUNT_CAP = 10_000
SORTS = ("deals", "tiv", "name")
Sort = Literal["deals", "tiv", "name"]

__all__ = ["EDGES_PER_LINK", "MAX_CHAIN_HOPS", "MAX_PATH_HOPS", "chains", "check_status", "check_types", "paths"]


def _link(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": row["src"],
        "source_name": row["src_name"],
        "target": row["dst"],
        "target_name": row["dst_name"],
        "deals": row["n"],
        "first_year": row["first_year"],
        "last_year": row["last_year"],
        "tiv_delivered": round(row["tiv_delivered"], 3),
        "edges": [],
    }


def _rank(sort: str) -> Callable[[dict[str, Any]], Any]:
    if sort == "tiv":
        return lambda lk: (-lk["tiv_delivered"], -lk["deals"], lk["source"], lk["target"])
    if sort == "name":
        return lambda lk: (lk["source"] + ">" + lk["target"],)
    return lambda lk: (-lk["deals"], -lk["tiv_delivered"], lk["source"], lk["target"])


def _links(
    graph: Graph, index: SupplyIndex | None, root: str, upstream: bool, max_hops: int, keep: ChainFilter
) -> dict[str, list[dict[str, Any]]]:
    """links[k]: the links one hop further from the root out of entity k, for every entity first
    reached less than ``max_hops`` from the root (each entity expanded once)."""
    params = dataclasses.asdict(keep)
    name = "chain_step_up" if upstream else "chain_step_down"
    links: dict[str, list[dict[str, Any]]] = {}
    frontier = [root]
    for _hop in range(max_hops):
        todo = list(dict.fromkeys(k for k in frontier if k not in links))
        if not todo:
            break
        for k in todo:
            links[k] = []
        frontier = []
        rows = index.chain_step(todo, upstream, keep) if index is not None else graph.read(name, keys=todo, **params)
        for row in rows:
            link = _link(row)
            near, far = (row["dst"], row["src"]) if upstream else (row["src"], row["dst"])
            links[near].append(link)
            frontier.append(far)
    return links


def chains(
    graph: Graph,
    root: str,
    *,
    direction: Literal["upstream", "downstream"] = "upstream",
    max_hops: int = 3,
    since: int | None = None,
    until: int | None = None,
    weapon: str | None = None,
    status: str | None = None,
    time_consistent: bool = False,
    as_of: str | None = None,
    sort: Sort = "deals",
    view: Literal["chains", "tiers"] = "chains",
    limit: int = 100,
    offset: int = 0,
    edges_per_link: int = 3,
    use_index: bool = True,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Supplier chains from ``root``: upstream (who supplies it, and who supplies them) or downstream.

    Every chain of distinct entities up to ``max_hops`` links, shortest first (the direct suppliers
    first); chains of one length in the order of their links from the root outwards, each link
    ranked by ``sort``: ``deals`` (then delivered TIV), ``tiv`` (then deals) or ``name``. Links
    list their first ``edges_per_link`` edges with years and sources. ``time_consistent`` keeps
    chains whose every transfer into an intermediary starts no later than the last transfer out of it.

    ``view="tiers"``: the entities at each hop instead (see :func:`graph.query.chain_tiers.tiers`).
    """
    if not 1 <= max_hops <= MAX_CHAIN_HOPS:
        raise InvalidInput(f"max_hops must be between 1 and {MAX_CHAIN_HOPS}")
    if not 0 <= edges_per_link <= EDGES_PER_LINK:
        raise InvalidInput(f"edges_per_link must be between 0 and {EDGES_PER_LINK}")
    if sort not in SORTS:
        raise InvalidInput(f"sort must be one of {', '.join(SORTS)}, not {sort!r:.40}")
    check_years(since, until)
    keep = ChainFilter(
        since=since,
        until=until,
        as_of=check_date(as_of),
        weapon=weapon.strip().lower() if weapon else None,
        status=check_status(status),
    )
    entity = resolve_kept(graph, root, "root")
    upstream = direction == "upstream"
    head = {"root": {k: entity[k] for k in ("key", "name", "type")}, "direction": direction, "sort": sort}

    def make(index: SupplyIndex | None) -> tuple[dict[str, Any], set[str]]:
        links = _links(graph, index, entity["key"], upstream, max_hops, keep)
        # what the answer read: the links into (upstream) or out of each entity expanded, names shown
        side = "in" if upstream else "out"
        deps = {f"{side}:{k}" for k in links} | {f"name:{k}" for k in links}
        deps |= {f"name:{lk[end]}" for out in links.values() for lk in out for end in ("source", "target")}
        for out in links.values():
            out.sort(key=_rank(sort))
        if view == "tiers":
            found = tiers(links, entity["key"], upstream, max_hops, time_consistent, limit, offset, sort)
            return {**head, **found}, deps
        page, total, capped = _page(entity["key"], links, max_hops, time_consistent, direction, offset, limit)
        _fill_edges(graph, index, page, dataclasses.asdict(keep), edges_per_link)
        sources = {s for c in page for lk in c for e in lk["edges"] for s in e.get("sources", [])}
        data = {
            **head,
            "total": total,
            "capped": capped,
            "limit": limit,
            "offset": offset,
            "chains": [{"hops": len(c), "entities": _entities(c, direction), "links": c} for c in page],
            "reports": report_titles(graph, sources),
        }
        return data, deps

    return answer(graph, use_index, make, meta)


def _fill_edges(
    graph: Graph, index: SupplyIndex | None, page: list[list[dict[str, Any]]], params: dict[str, Any], per_pair: int
) -> None:
    """Each link of the page gets its first ``per_pair`` edges, kept per pair across the writes
    that do not touch its two ends (:func:`graph.query.index_keeper.kept_details`)."""
    pairs = sorted({(lk["source"], lk["target"]) for c in page for lk in c})
    if not pairs or not per_pair:
        return
    kept = kept_details(graph) if index is not None else None
    question = (tuple(sorted(params.items())), per_pair)
    details: dict[tuple[str, str], list[dict[str, Any]]] = {}
    missing = []
    for pair in pairs:
        found = kept.get(pair, question, index.version) if kept is not None and index is not None else None
        if found is None:
            missing.append(pair)
        else:
            details[pair] = found
    if missing:
        rows = graph.read("chain_edges", pairs=[list(p) for p in missing], **params, per_pair=per_pair)
        fetched = {(r["src"], r["dst"]): r["edges"] for r in rows}
        for pair in missing:
            details[pair] = fetched.get(pair, [])
            if kept is not None and index is not None:
                kept.put(pair, question, index.version, details[pair])
    for c in page:
        for lk in c:
            props = details[(lk["source"], lk["target"])]
            lk["edges"] = [edge("SUPPLIES", lk["source"], lk["target"], p) for p in props]


def _page(
    root: str,
    links: dict[str, list[dict[str, Any]]],
    max_hops: int,
    consistent: bool,
    direction: str,
    offset: int,
    limit: int,
) -> tuple[list[list[dict[str, Any]]], int, bool]:
    """The chains ``offset`` to ``offset + limit`` (shortest first, then depth-first in link
    order), how many chains there are (counted up to ``COUNT_CAP``) and whether the count stopped."""
    far_end = "source" if direction == "upstream" else "target"
    page: list[list[dict[str, Any]]] = []
    number = 0
    chain: list[dict[str, Any]] = []
    seen = {root}

    def walk(key: str, left: int) -> bool:  # False once the count reaches the cap
        nonlocal number
        for link in links.get(key, ()):
            far = link[far_end]
            if far in seen or (consistent and chain and not _in_time(link, chain[-1], direction)):
                continue
            chain.append(link)
            if left == 1:
                if offset <= number < offset + limit:
                    page.append(list(chain))
                number += 1
                going = number < COUNT_CAP
            else:
                seen.add(far)
                going = walk(far, left - 1)
                seen.discard(far)
            chain.pop()
            if not going:
                return False
        return True

    for length in range(1, max_hops + 1):
        if not walk(root, length):
            return page, number, True
    return page, number, False


def _entities(chain: list[dict[str, Any]], direction: str) -> list[str]:
    """Entity keys along the chain, from the farthest supplier to the root (upstream) or the reverse."""
    if direction == "upstream":
        ordered = list(reversed(chain))
        return [ordered[0]["source"]] + [lk["target"] for lk in ordered]
    return [chain[0]["source"]] + [lk["target"] for lk in chain]


def _in_time(new: dict[str, Any], previous: dict[str, Any], direction: str) -> bool:
    """The transfer into the intermediary starts no later than the last transfer out of it."""
    into, out = (new, previous) if direction == "upstream" else (previous, new)
    if into["first_year"] is None or out["last_year"] is None:
        return False
    return bool(into["first_year"] <= out["last_year"])
