"""Batched, idempotent writes: ``UNWIND $rows AS row MERGE ...`` keyed on uniqueness constraints.

Loaders build the rows with pure functions; this module writes one :class:`Batch` per
transaction, through the driver's managed transactions (transient errors are retried, and
every statement is a MERGE, so a retry cannot duplicate anything).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from . import arms_flow
from .db import Graph
from .errors import Unavailable
from .model import MODEL, EntityLabel, FactType, Status
from .queries import query


@dataclass(slots=True)
class NodeRow:
    key: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        EntityLabel(self.label)  # only labels of the model reach the graph
        return {
            "key": self.key,
            "label": self.label,
            "name": self.name,
            "aliases": sorted(set(self.aliases) - {self.name}),
            "props": self.props,
        }


@dataclass(slots=True)
class ReportRow:
    key: str
    props: dict[str, Any]
    mentions: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {"key": self.key, "props": self.props, "mentions": sorted(set(self.mentions))}


@dataclass(slots=True)
class ClaimRow:
    """One source's statement of a fact; merged into the fact edge's provenance lists."""

    type: str
    key: str
    src: str
    dst: str
    source: str
    published: str
    status: str = "reported"
    evidence: str = ""
    date: str | None = None
    curated: bool = False
    weapons: list[str] = field(default_factory=list)
    weapon_keys: list[str] = field(default_factory=list)
    role: str | None = None

    def row(self) -> dict[str, Any]:
        FactType(self.type)
        Status(self.status)
        return {
            "type": self.type,
            "key": self.key,
            "src": self.src,
            "dst": self.dst,
            "source": self.source,
            "published": self.published,
            "status": self.status,
            "evidence": self.evidence,
            "date": self.date,
            "curated": self.curated,
            "weapons": self.weapons,
            "weapon_keys": self.weapon_keys,
            "role": self.role,
        }


@dataclass(slots=True)
class DealRow:
    """A register record (a SIPRI deal): a SUPPLIES edge whose properties are replaced whole."""

    key: str
    src: str
    dst: str
    props: dict[str, Any]

    def row(self) -> dict[str, Any]:
        return {"key": self.key, "src": self.src, "dst": self.dst, "props": self.props}


@dataclass(slots=True)
class RetractRow:
    """A source rewritten whole: its statements on edges outside ``keep`` are taken back.

    After the batch's writes, in the same transaction, the source's mentions of entities outside
    ``mentions`` are removed, and those entities with nothing left holding them are deleted
    (see ``cypher/retract_orphans.cypher``); ``drop`` deletes the source's Report node too.
    """

    source: str
    keep: list[str]
    mentions: list[str] = field(default_factory=list)
    drop: bool = False

    def row(self) -> dict[str, Any]:
        return {"source": self.source, "keep": sorted(self.keep)}

    def orphans_row(self) -> dict[str, Any]:
        return {"source": self.source, "mentions": sorted(set(self.mentions)), "drop": self.drop}


@dataclass
class Batch:
    retract: list[RetractRow] = field(default_factory=list)
    nodes: list[NodeRow] = field(default_factory=list)
    reports: list[ReportRow] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)
    deals: list[DealRow] = field(default_factory=list)
    drop_deals: list[str] = field(default_factory=list)  # keys of register deals to delete first

    def supply_pairs(self) -> set[tuple[str, str]]:
        """The (supplier, recipient) pairs whose SUPPLIES facts the batch writes (their ARMS_FLOW is made again)."""
        pairs = {(c.src, c.dst) for c in self.claims if c.type == "SUPPLIES"}
        pairs.update((d.src, d.dst) for d in self.deals)
        return pairs

    def __len__(self) -> int:
        return (
            len(self.retract)
            + len(self.nodes)
            + len(self.reports)
            + len(self.claims)
            + len(self.deals)
            + len(self.drop_deals)
        )

    def touched(self) -> dict[str, Any]:
        """What the batch changes, for the change record of ``bump_version``: the entities it writes
        or links (``keys``) and the fact relationships it writes (``edges``, 'TYPE key')."""
        keys = {n.key for n in self.nodes}
        keys.update(k for c in self.claims for k in (c.src, c.dst))
        keys.update(k for d in self.deals for k in (d.src, d.dst))
        edges = [f"{c.type} {c.key}" for c in self.claims] + [f"SUPPLIES {d.key}" for d in self.deals]
        return {"keys": sorted(keys), "edges": edges}


@dataclass
class WriteStats:
    batches: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0

    def add(self, counters: neo4j.SummaryCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set

    def as_dict(self) -> dict[str, int]:
        return {
            "batches": self.batches,
            "nodes_created": self.nodes_created,
            "relationships_created": self.relationships_created,
            "properties_set": self.properties_set,
        }


def _write_tx(tx: neo4j.ManagedTransaction, batch: Batch) -> list[neo4j.SummaryCounters]:
    out = []
    change = batch.touched()
    flow_pairs = batch.supply_pairs()
    if batch.retract:  # what the sources state now may be taken back: recorded as changed
        for row in tx.run(query("edges_of_sources"), sources=[r.source for r in batch.retract]):
            type_, key, src, dst = row["edge"]
            change["edges"].append(f"{type_} {key}")
            change["keys"].extend((src, dst))
            arms_flow.note_edge(flow_pairs, row["edge"])
    steps = (
        ("retract_source", batch.retract),
        ("merge_entities", batch.nodes),
        ("merge_reports", batch.reports),
        ("merge_claims", batch.claims),
        ("merge_deals", batch.deals),
    )
    if batch.drop_deals:  # deals withdrawn or merged under another key: recorded as changed
        for row in tx.run(query("deal_ends"), rows=sorted(batch.drop_deals)):
            type_, key, src, dst = row["edge"]
            change["edges"].append(f"{type_} {key}")
            change["keys"].extend((src, dst))
            arms_flow.note_edge(flow_pairs, row["edge"])
    for name, rows in steps:
        if name == "merge_deals" and batch.drop_deals:
            out.append(tx.run(query("delete_deals"), rows=sorted(batch.drop_deals)).consume().counters)
        if rows:
            out.append(tx.run(query(name), rows=[r.row() for r in rows]).consume().counters)
    arms_flow.refresh_tx(tx, flow_pairs)  # before orphans: a stale ARMS_FLOW would hold an entity
    if batch.retract:
        orphans = [r.orphans_row() for r in batch.retract]
        removed = tx.run(query("retract_orphans"), rows=orphans)
        change["keys"].extend(row["key"] for row in removed)
        out.append(removed.consume().counters)
    tx.run(query("bump_version"), change).consume()
    return out


def write_batch(graph: Graph, batch: Batch, stats: WriteStats | None = None) -> WriteStats:
    """Write one batch in one transaction: all of it or none of it."""
    stats = stats or WriteStats()
    if not len(batch):
        return stats
    try:
        with graph.session() as session:
            for counters in session.execute_write(_write_tx, batch):
                stats.add(counters)
    except (ServiceUnavailable, SessionExpired) as e:
        Graph.note_write()
        raise Unavailable(
            f"Neo4j went away during a write; batch {stats.batches + 1} may or may not be committed. "
            "Run the same load again: it is idempotent and completes what is missing."
        ) from e
    Graph.note_write()
    stats.batches += 1
    return stats


__all__ = ["MODEL", "Batch", "ClaimRow", "DealRow", "NodeRow", "ReportRow", "RetractRow", "WriteStats", "write_batch"]
