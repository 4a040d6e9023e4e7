"""Supplier chains and paths between entities.

Chains are expanded hop by hop (one named query per hop, the filters inside its pattern), one row
per (supplier, recipient) pair, so a pair with hundreds of register deals is one link of a chain,
not hundreds of chains. Paths use Neo4j's ``SHORTEST`` path search or bounded enumeration.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any, Literal

from neo4j import READ_ACCESS, Query
from neo4j.exceptions import ClientError, ServiceUnavailable

from .db import Graph
from .errors import InvalidInput, QueryRefused, Unavailable
from .model import RelationshipType, Status
from .queries import query
from .repository import check_date, check_years, edge, report_titles, resolve
from .supply_index import ChainFilter, PathFilter, supply_index

MAX_CHAIN_HOPS = 4
MAX_PATH_HOPS = {"shortest": 6, "all": 5}
#: Most edges a chain link may list (the link counts them all in ``deals``).
EDGES_PER_LINK = 10


def check_status(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return Status(value.lower()).value
    except ValueError:
        raise InvalidInput(f"status must be one of {', '.join(Status)}, not {value!r:.40}") from None


def check_types(values: list[str] | None) -> list[str]:
    """Relationship types from the model (case-insensitive); default every fact type."""
    if not values:
        return [t.value for t in RelationshipType if t.value != "MENTIONS"]
    out = []
    for raw in values:
        for v in raw.split(","):
            try:
                out.append(RelationshipType(v.strip().upper()).value)
            except ValueError:
                raise InvalidInput(f"types must be among {', '.join(RelationshipType)}, not {v!r:.40}") from None
    return sorted(set(out))


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
    limit: int = 100,
    offset: int = 0,
    edges_per_link: int = 3,
    use_index: bool = True,
) -> dict[str, Any]:
    """Supplier chains from ``root``: upstream (who supplies it, and who supplies them) or downstream.

    A chain is a path of distinct entities that cannot be extended within ``max_hops``; its links
    list their first ``edges_per_link`` edges with years and sources. ``time_consistent`` keeps
    chains whose every transfer into an intermediary starts no later than the last transfer out of it.

    Hops are taken in the in-memory :mod:`graph.supply_index` (``use_index``), else by asking
    Neo4j hop by hop (``cypher/chain_step_up.cypher``); both give the same chains.
    """
    if not 1 <= max_hops <= MAX_CHAIN_HOPS:
        raise InvalidInput(f"max_hops must be between 1 and {MAX_CHAIN_HOPS}")
    if not 0 <= edges_per_link <= EDGES_PER_LINK:
        raise InvalidInput(f"edges_per_link must be between 0 and {EDGES_PER_LINK}")
    check_years(since, until)
    keep = ChainFilter(
        since=since,
        until=until,
        as_of=check_date(as_of),
        weapon=weapon.strip().lower() if weapon else None,
        status=check_status(status),
    )
    params = dataclasses.asdict(keep)
    entity = resolve(graph, root, "root")
    name = "chain_step_up" if direction == "upstream" else "chain_step_down"
    index = supply_index(graph) if use_index else None
    # links[k]: the links one hop further from the root, from entity k
    links: dict[str, list[dict[str, Any]]] = {}
    frontier = [entity["key"]]
    for _hop in range(max_hops):
        todo = list(dict.fromkeys(k for k in frontier if k not in links))  # each key once
        if not todo:
            break
        for k in todo:
            links[k] = []
        frontier = []
        rows = (
            index.chain_step(todo, direction == "upstream", keep)
            if index is not None
            else graph.read(name, keys=todo, **params)
        )
        for row in rows:
            link = _link(row)
            near = row["dst"] if direction == "upstream" else row["src"]
            far = row["src"] if direction == "upstream" else row["dst"]
            links[near].append(link)
            frontier.append(far)
    # Longest chains first, then by their links' "source>target" in order: a depth-first walk that
    # takes each entity's links in that order finds the chains of each length already sorted.
    for out in links.values():
        out.sort(key=lambda lk: lk["source"] + ">" + lk["target"])
    by_length: dict[int, list[list[dict[str, Any]]]] = defaultdict(list)
    _extend(entity["key"], [], {entity["key"]}, links, max_hops, time_consistent, direction, by_length)
    found = [c for n in sorted(by_length, reverse=True) for c in by_length[n]]
    page = found[offset : offset + limit]
    pairs = sorted({(lk["source"], lk["target"]) for c in page for lk in c})
    if pairs and edges_per_link:
        details = {
            (r["src"], r["dst"]): r["edges"]
            for r in graph.read("chain_edges", pairs=[list(p) for p in pairs], **params, per_pair=edges_per_link)
        }
        for c in page:
            for lk in c:
                props = details.get((lk["source"], lk["target"]), [])
                lk["edges"] = [edge("SUPPLIES", lk["source"], lk["target"], p) for p in props]
    sources = {s for c in page for lk in c for e in lk["edges"] for s in e.get("sources", [])}
    return {
        "root": {k: entity[k] for k in ("key", "name", "type")},
        "direction": direction,
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "chains": [{"hops": len(c), "entities": _entities(c, direction), "links": c} for c in page],
        "reports": report_titles(graph, sources),
    }


def _entities(chain: list[dict[str, Any]], direction: str) -> list[str]:
    """Entity keys along the chain, from the farthest supplier to the root (upstream) or the reverse."""
    if direction == "upstream":
        ordered = list(reversed(chain))
        return [ordered[0]["source"]] + [lk["target"] for lk in ordered]
    return [chain[0]["source"]] + [lk["target"] for lk in chain]


def _extend(
    key: str,
    chain: list[dict[str, Any]],
    seen: set[str],
    links: dict[str, list[dict[str, Any]]],
    max_hops: int,
    consistent: bool,
    direction: str,
    found: dict[int, list[list[dict[str, Any]]]],
) -> None:
    """Depth-first: every chain from ``key`` that cannot be extended goes to ``found`` by length.
    ``chain`` and ``seen`` are extended and restored in place (a copy is kept per chain found)."""
    extended = False
    if len(chain) < max_hops:
        far_end = "source" if direction == "upstream" else "target"
        for link in links.get(key, ()):
            far = link[far_end]
            if far in seen:
                continue
            if consistent and chain and not _in_time(link, chain[-1], direction):
                continue
            extended = True
            chain.append(link)
            seen.add(far)
            _extend(far, chain, seen, links, max_hops, consistent, direction, found)
            seen.discard(far)
            chain.pop()
    if chain and not extended:
        found[len(chain)].append(chain.copy())


def _in_time(new: dict[str, Any], previous: dict[str, Any], direction: str) -> bool:
    """The transfer into the intermediary starts no later than the last transfer out of it."""
    into, out = (new, previous) if direction == "upstream" else (previous, new)
    if into["first_year"] is None or out["last_year"] is None:
        return False
    return bool(into["first_year"] <= out["last_year"])


def _read_timed(graph: Graph, name: str, timeout_s: float, **params: Any) -> list[dict[str, Any]]:
    try:
        with graph.session(default_access_mode=READ_ACCESS) as session:
            result = session.run(Query(query(name), timeout=timeout_s), params)  # type: ignore[arg-type]
            records = list(result)
    except ServiceUnavailable as e:
        raise Unavailable(f"Neo4j is not reachable: {e}") from e
    except ClientError as e:
        if "Timed" in (e.code or "") or "Terminated" in (e.code or ""):
            raise QueryRefused(
                f"the path search ran over {timeout_s:g} s: lower max_hops or narrow types, since or until"
            ) from e
        raise
    return [r.data() for r in records]


def _shortest_in_memory(graph: Graph, params: dict[str, Any]) -> list[dict[str, Any]]:
    index = supply_index(graph)
    keep = PathFilter(frozenset(params["types"]), params["since"], params["until"], params["as_of"])
    found = index.shortest(params["source"], params["target"], keep, params["max_hops"])
    if not found:
        return []
    rels = graph.read("path_edges", hops=[[d.src, d.dst, d.key] for d in found])
    nodes = [index.entity(found[0].src)] + [index.entity(d.dst) for d in found]
    return [{"nodes": nodes, "rels": rels}]


def paths(
    graph: Graph,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    types: list[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    mode: Literal["shortest", "all"] = "shortest",
    as_of: str | None = None,
    limit: int = 10,
    timeout_s: float = 10.0,
    use_index: bool = True,
) -> dict[str, Any]:
    """Directed paths from ``source`` to ``target`` over the chosen relationship types.

    The shortest path is searched in the in-memory :mod:`graph.supply_index` (``use_index``), else
    by Neo4j's ``SHORTEST``; both find a path of the same length (equal-length paths may differ).
    """
    if not 1 <= max_hops <= MAX_PATH_HOPS[mode]:
        raise InvalidInput(f"max_hops must be between 1 and {MAX_PATH_HOPS[mode]} for mode={mode}")
    check_years(since, until)
    rel_types = check_types(types)
    a, b = resolve(graph, source, "source"), resolve(graph, target, "target")
    params = {
        "source": a["key"],
        "target": b["key"],
        "types": rel_types,
        "since": since,
        "until": until,
        "as_of": check_date(as_of),
        "max_hops": max_hops,
    }
    if a["key"] == b["key"]:
        raise InvalidInput("source and target name the same entity")
    if mode == "shortest" and use_index:
        rows = _shortest_in_memory(graph, params)
    elif mode == "shortest":
        rows = _read_timed(graph, "paths_shortest", timeout_s, **params)
    else:
        rows = _read_timed(graph, "paths_all", timeout_s, fetch=limit * 20, **params)
    out, seen = [], set()
    for row in rows:
        seq = tuple(n["key"] for n in row["nodes"]) + tuple(r["type"] for r in row["rels"])
        if seq in seen:
            continue
        seen.add(seq)
        out.append(
            {
                "hops": len(row["rels"]),
                "nodes": row["nodes"],
                "edges": [edge(r["type"], r["src"], r["dst"], r["props"]) for r in row["rels"]],
            }
        )
        if len(out) == limit:
            break
    sources = {s for p in out for e in p["edges"] for s in e.get("sources", [])}
    return {
        "source": {k: a[k] for k in ("key", "name", "type")},
        "target": {k: b[k] for k in ("key", "name", "type")},
        "mode": mode,
        "types": rel_types,
        "paths": out,
        "reports": report_titles(graph, sources),
    }
