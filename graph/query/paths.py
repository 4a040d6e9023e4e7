"""Paths between two entities: every shortest path, or every path up to ``max_hops``, shortest first.

A path is a sequence of entities and relationship types (two register deals between the same pair
are one step): the first relationship of the step by key stands for it, with its provenance.
Both searches run in the in-memory :mod:`graph.query.supply_index` when it is at the graph's version,
else in Neo4j (``cypher/paths_shortest.cypher``, ``paths_all.cypher``), with the bound written
into the pattern itself and a time limit; the tests hold both to the same answers.
"""

from __future__ import annotations

from typing import Any, Literal

from neo4j import READ_ACCESS, Query
from neo4j.exceptions import ClientError, DatabaseError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from ..db import Graph
from ..errors import InvalidInput, QueryRefused, Unavailable
from ..queries import query
from .entities import edge, report_titles
from .index_keeper import answer, resolve_kept
from .params import check_date, check_types, check_years
from .supply_index import Path, PathFilter, SupplyIndex

MAX_PATH_HOPS = {"shortest": 6, "all": 5}
#: mode=all counts paths up to this many (``total``); past it, ``capped`` is true.
COUNT_CAP = 10_000
QUANTIFIER = "{1,MAX_HOPS}"


def bounded(name: str, max_hops: int) -> str:
    """``cypher/<name>.cypher`` with its quantifier bounded by ``max_hops`` (a checked int)."""
    text = query(name)
    if QUANTIFIER not in text:
        raise KeyError(f"{name}.cypher has no {QUANTIFIER} quantifier")
    if not isinstance(max_hops, int) or isinstance(max_hops, bool) or not 1 <= max_hops <= max(MAX_PATH_HOPS.values()):
        raise InvalidInput(f"max_hops must be between 1 and {max(MAX_PATH_HOPS.values())}")
    return text.replace(QUANTIFIER, f"{{1,{max_hops}}}")


def _read_timed(graph: Graph, text: str, timeout_s: float, **params: Any) -> list[dict[str, Any]]:
    """A read with a time limit; Neo4j's refusals become 422, its troubles 503 (never a 500)."""
    try:
        with graph.session(default_access_mode=READ_ACCESS) as session:
            result = session.run(Query(text, timeout=timeout_s), params)  # type: ignore[arg-type]
            records = list(result)
    except (ServiceUnavailable, SessionExpired) as e:
        raise Unavailable(f"Neo4j is not reachable: {e}") from e
    except TransientError as e:
        raise Unavailable(f"Neo4j could not answer the path search now ({e.code}): try again") from e
    except ClientError as e:
        if "Timed" in (e.code or "") or "Terminated" in (e.code or ""):
            raise QueryRefused(
                f"the path search ran over {timeout_s:g} s: lower max_hops or narrow types, since or until"
            ) from e
        raise QueryRefused(f"Neo4j refused the path search ({e.code}): lower max_hops or narrow the filters") from e
    except (DatabaseError, Neo4jError) as e:
        raise Unavailable(f"Neo4j failed the path search ({e.code}): try again") from e
    return [r.data() for r in records]


def _rows_in_memory(graph: Graph, index: SupplyIndex, found: list[Path]) -> list[dict[str, Any]]:
    """Nodes and relationships (with provenance, from Neo4j) of paths found in memory."""
    hops = sorted({(d.src, d.dst, d.key or "", d.type) for p in found for d in p})
    rels = graph.read("path_edges", hops=[list(h) for h in hops]) if hops else []
    by_hop = {(r["src"], r["dst"], r["key"]): r for r in rels}
    return [
        {
            "nodes": [index.entity(p[0].src)] + [index.entity(d.dst) for d in p],
            "rels": [by_hop[(d.src, d.dst, d.key)] for d in p if (d.src, d.dst, d.key) in by_hop],
        }
        for p in found
    ]


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
    offset: int = 0,
    timeout_s: float = 10.0,
    use_index: bool = True,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Directed paths from ``source`` to ``target`` over the chosen relationship types.

    ``mode="shortest"``: every shortest path (the first ``limit``, and how many in ``total``);
    ``mode="all"``: every path without repeated entities up to ``max_hops``, shortest first, the
    page ``offset`` .. ``offset + limit`` (``total`` counted up to ``COUNT_CAP``).
    """
    if mode not in MAX_PATH_HOPS:
        raise InvalidInput("mode must be shortest or all")
    if not 1 <= max_hops <= MAX_PATH_HOPS[mode]:
        raise InvalidInput(f"max_hops must be between 1 and {MAX_PATH_HOPS[mode]} for mode={mode}")
    check_years(since, until)
    rel_types = check_types(types)
    as_of = check_date(as_of)
    a, b = resolve_kept(graph, source, "source"), resolve_kept(graph, target, "target")
    if a["key"] == b["key"]:
        raise InvalidInput("source and target name the same entity")
    offset = 0 if mode == "shortest" else offset
    keep = PathFilter(frozenset(rel_types), since, until, as_of)

    def make(index: SupplyIndex | None) -> tuple[dict[str, Any], set[str]]:
        seen: set[str] = set()  # entities whose incoming relationships the search read
        capped = False
        if index is not None and mode == "shortest":
            found, total = index.all_shortest(a["key"], b["key"], keep, max_hops, limit, seen)
            rows = _rows_in_memory(graph, index, found)
        elif index is not None:
            found, total, capped = index.all_paths(a["key"], b["key"], keep, max_hops, offset, limit, COUNT_CAP, seen)
            rows = _rows_in_memory(graph, index, found)
        else:
            name = "paths_shortest" if mode == "shortest" else "paths_all"
            params = {"source": a["key"], "target": b["key"], "types": rel_types, "since": since, "until": until}
            text = bounded(name, max_hops)
            got = _read_timed(graph, text, timeout_s, as_of=as_of, offset=offset, limit=limit, **params)
            total, rows = (got[0]["total"], got[0]["paths"]) if got else (0, [])
        out = [
            {
                "hops": len(row["rels"]),
                "nodes": row["nodes"],
                "edges": [edge(r["type"], r["src"], r["dst"], r["props"]) for r in row["rels"]],
            }
            for row in rows
        ]
        sources = {s for p in out for e in p["edges"] for s in e.get("sources", [])}
        deps = {f"in:{k}" for k in seen} | {f"name:{n['key']}" for p in out for n in p["nodes"]}
        deps |= {f"name:{a['key']}", f"name:{b['key']}"}
        data = {
            "source": {k: a[k] for k in ("key", "name", "type")},
            "target": {k: b[k] for k in ("key", "name", "type")},
            "mode": mode,
            "types": rel_types,
            "total": total,
            "capped": capped,
            "limit": limit,
            "offset": offset,
            "paths": out,
            "reports": report_titles(graph, sources),
        }
        return data, deps

    return answer(graph, use_index, make, meta)
