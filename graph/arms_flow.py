"""ARMS_FLOW: one relationship per (supplier, recipient) pair, derived from the pair's SUPPLIES facts.

The per-deal SUPPLIES facts stay the source of truth. ARMS_FLOW sums them up for pictures and
overviews (the Neo4j Browser draws one arrow per pair instead of one per register deal):
``deals`` (facts counted), ``tiv_delivered`` (SIPRI TIV of delivered weapons, millions, summed
over the pair's register deals), ``disputed_deals`` (how many of the counted facts one source denies
while another states them), ``first_year`` and ``last_year`` (earliest fact year, latest year or
delivery year), ``weapons`` and ``sources`` (distinct, sorted). A fact whose current status is
``denied`` does not count; a pair left with no counted fact has no ARMS_FLOW.

Every write through :func:`graph.writer.write_batch` recomputes, in its own transaction, the
pairs it touched (:meth:`graph.writer.Batch.supply_pairs` and the rows the writer reads before it retracts or drops
deals), with ``cypher/arms_flow_refresh.cypher``. :func:`ensure` builds ARMS_FLOW whole once for
a graph loaded before it existed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import neo4j

from .queries import query

if TYPE_CHECKING:
    from .db import Graph

#: Version of the ARMS_FLOW definition; a graph marked with an older one is rebuilt by :func:`ensure`.
FORMAT = 1
#: Pairs per statement of a full rebuild.
CHUNK = 2000

Pair = tuple[str, str]


def note_edge(pairs: set[Pair], edge: list[Any]) -> None:
    """Add the pair of a ``[type, key, source key, target key]`` row (a fact about to be
    retracted or dropped) when it is a SUPPLIES fact."""
    type_, _key, src, dst = edge
    if type_ == "SUPPLIES" and src is not None and dst is not None:
        pairs.add((src, dst))


def refresh_tx(tx: neo4j.ManagedTransaction, pairs: Iterable[Pair]) -> int:
    """Recompute ARMS_FLOW for ``pairs`` inside the caller's transaction; how many pairs exist."""
    rows = [list(p) for p in sorted(set(pairs)) if p[0] != p[1]]
    if not rows:
        return 0
    record = tx.run(query("arms_flow_refresh"), pairs=rows).single()
    return int(record["pairs"]) if record else 0


def _mark(tx: neo4j.ManagedTransaction) -> None:
    tx.run(query("arms_flow_mark"), format=FORMAT).consume()


def rebuild(graph: Graph) -> int:
    """Recompute every pair's ARMS_FLOW (and remove any stale one); how many pairs were looked at."""
    rows = graph.read("arms_flow_pairs_all")
    pairs = [(r["src"], r["dst"]) for r in rows]
    with graph.session() as session:
        for i in range(0, len(pairs), CHUNK):
            session.execute_write(refresh_tx, pairs[i : i + CHUNK])
        session.execute_write(_mark)
    return len(pairs)


def ensure(graph: Graph) -> bool:
    """Build ARMS_FLOW whole when the graph has facts but was never built at this :data:`FORMAT`
    (a database loaded by an older armsgraph). True when it rebuilt."""
    state = graph.read("arms_flow_state")[0]
    if int(state["built"]) >= FORMAT:
        return False
    if state["has_supplies"]:
        rebuild(graph)
    else:
        with graph.session() as session:
            session.execute_write(_mark)
    return True


def flows(graph: Graph) -> dict[Pair, dict[str, Any]]:
    """Every ARMS_FLOW as ``{(supplier, recipient): properties}``."""
    return {(r["src"], r["dst"]): r["props"] for r in graph.read("arms_flow_all")}


__all__ = ["FORMAT", "ensure", "flows", "note_edge", "rebuild", "refresh_tx"]
