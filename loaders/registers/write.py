"""Write registers (SIPRI exports, analyst transfer tables) through the graph writer.

Parse is streamed (:mod:`loaders.registers.sipri`); rows are grouped in batches of ``batch_size`` deals.
Each batch is one transaction holding the batch's new actors and weapon systems first, then
its deals, so a batch is all there or all absent, and a re-run completes a broken load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from graph.db import Graph
from graph.writer import Batch, ClaimRow, DealRow, NodeRow, ReportRow, write_batch

from ..claim_batches import fact_key
from ..errors import InputError
from ..result import LoadResult
from .merge import Plan, Record, merged_props, plan, records_of_edge
from .register import Deal, Register
from .sipri import read_register

BATCH = 5000


class _Nodes:
    """Nodes this load has written already, so each batch carries only what is new."""

    def __init__(self) -> None:
        self.seen: dict[str, frozenset[str]] = {}
        # The description and category written for each weapon: the smallest offered so far,
        # so the node ends the same whatever the order of the rows (not the first row's).
        self.weapon_props: dict[str, tuple[tuple[str, str], dict[str, Any]]] = {}

    def _weapon_props(self, deal: Deal) -> tuple[bool, dict[str, Any]]:
        """Whether this deal improves the weapon's chosen properties, and those properties."""
        props: dict[str, Any] = {}
        for field, name in (("weapon_description", "description"), ("category", "category")):
            if field in deal.attrs:
                props[name] = deal.attrs[field]
        rank = (str(props.get("description", "\uffff")), str(props.get("category", "\uffff")))
        held = self.weapon_props.get(deal.weapon_key)
        if held is not None and held[0] <= rank:
            return False, held[1]
        self.weapon_props[deal.weapon_key] = (rank, props)
        return True, props

    def rows(self, deals: list[Deal], register: Register) -> tuple[list[NodeRow], list[ClaimRow], list[str]]:
        nodes: dict[str, NodeRow] = {}
        located: list[ClaimRow] = []
        mentions: list[str] = []
        published = register.generated.isoformat() if register.generated else ""
        for deal in deals:
            for actor in (deal.supplier, deal.recipient):
                if actor.key not in self.seen and actor.key not in nodes:
                    nodes[actor.key] = NodeRow(actor.key, actor.type, actor.name)
                    mentions.append(actor.key)
                    if actor.country_key:
                        located.append(
                            ClaimRow(
                                type="LOCATED_IN",
                                key=fact_key("LOCATED_IN", actor.key, actor.country_key),
                                src=actor.key,
                                dst=actor.country_key,
                                source=register.source_key,
                                published=published,
                                status="reported",
                                evidence=f"{register.title}: {actor.name} ({actor.country_key})",
                            )
                        )
            weapon = deal.attrs.get("weapon")
            if weapon:
                # every spelling of the designation ("COBRA", "Cobra") is kept, whichever comes first
                aliases = frozenset(deal.weapon_aliases()) | {weapon}
                known = self.seen.get(deal.weapon_key)
                pending = nodes.get(deal.weapon_key)
                better, props = self._weapon_props(deal)
                if props:  # the register's date decides between registers (cypher/merge_entities.cypher)
                    props = {**props, "described_on": published}
                if pending is not None:
                    pending.aliases = sorted(set(pending.aliases) | aliases)
                    pending.props = props
                elif known is None or not aliases <= known or better:
                    nodes[deal.weapon_key] = NodeRow(
                        deal.weapon_key, "WeaponSystem", weapon, sorted(aliases | (known or frozenset())), props
                    )
        for key, node in nodes.items():
            self.seen[key] = frozenset(node.aliases) | self.seen.get(key, frozenset())
        countries = {c.dst for c in located}
        missing = [k for k in countries if k not in self.seen]
        for key in missing:  # a country named only as an organisation's home still needs its node
            from ..entities import country

            hit = country(key)
            nodes[key] = NodeRow(key, "Country", hit.name if hit else key)
            mentions.append(key)  # as when it is first met as a supplier or recipient
            self.seen[key] = frozenset()
        return list(nodes.values()), located, mentions


def deal_row(deal: Deal, register: Register) -> DealRow:
    props = deal.properties()
    published = register.generated.isoformat() if register.generated else None
    if props.get("sources"):  # an analyst table cites its own sources per row
        props["cited_sources"] = props["sources"]
    props["sources"] = [register.source_key]
    props["source_type"] = props.get("source_type", "sipri")
    if published:
        props["first_seen"] = published
    if "weapon" in props:
        props["weapons"] = [props["weapon"]]
        props["weapon_keys"] = [deal.weapon_key]
    year = props.get("order_year") or (props.get("delivery_years") or [None])[0]
    if year is not None:
        props["year"] = year
    props["line"] = deal.line
    props["key"] = deal.key
    return DealRow(deal.key, deal.supplier.key, deal.recipient.key, props)


def _chunks(deals: Iterator[Deal], size: int) -> Iterator[list[Deal]]:
    chunk: list[Deal] = []
    for deal in deals:
        chunk.append(deal)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _validate_strict(path: Path, encoding: str | None = None) -> None:
    """``--strict``: read the whole file first; the first bad row refuses it, nothing written."""
    with read_register(path, strict=True, encoding=encoding) as register:
        for _ in register.deals:
            pass


def load_table(
    graph: Graph,
    path: Path,
    result: LoadResult,
    *,
    strict: bool = False,
    batch_size: int = BATCH,
    progress: Callable[[int], None] | None = None,
    encoding: str | None = None,
) -> None:
    """Load a SIPRI register or an analyst transfers table (``encoding``: as given with
    ``--encoding``; else UTF-8 or the format's own, :func:`loaders.textio.table_encoding`).

    A SIPRI register is read whole first, then matched against the deals other registers have
    already written for the same recipients (:mod:`loaders.registers.merge`): a deal both state is
    one edge. The deals no other register touches are written in batches as they are; the
    merged ones, and the removal of what they replace, in one last transaction.
    """
    if strict:
        _validate_strict(path, encoding)
    with read_register(path, encoding=encoding) as register:
        report_props: dict[str, object] = {
            "title": register.title,
            "kind": "register",
            "format": register.format,
            "file": path.name,
        }
        if register.generated:
            report_props["published"] = register.generated.isoformat()
            report_props["generated"] = register.generated.isoformat()
        report = ReportRow(register.source_key, report_props)
        nodes = _Nodes()
        deals = list(register.deals)
        merged = _merge_plan(graph, register, deals)
        held = {r.key for g in merged.groups for r in g.records}
        refused = {r.key for r, _ in merged.quarantined}
        done = 0
        for chunk in _chunks(iter(deals), batch_size):
            node_rows, located, mentions = nodes.rows(chunk, register)
            batch = Batch(
                nodes=node_rows,
                reports=[ReportRow(report.key, report.props, mentions)],
                claims=located,
                deals=[deal_row(d, register) for d in chunk if d.key not in held and d.key not in refused],
            )
            write_batch(graph, batch, result.stats)
            done += len(chunk)
            result.deals += len(batch.deals)
            if progress:  # rows read so far, in proportion to the deals written: one call a batch
                progress(register.rows * done // max(len(deals), 1))
        if merged.groups or merged.delete:
            rows = [DealRow(g.key, g.newest().src, g.newest().dst, merged_props(g)) for g in merged.groups]
            write_batch(graph, Batch(reports=[report], deals=rows, drop_deals=merged.delete), result.stats)
            result.deals += sum(1 for g in merged.groups if any(r.source == register.source_key for r in g.records))
        if done == 0 and not register.quarantine:
            raise InputError(str(path), "the table holds no rows")
        result.quarantined.extend(f"{q.file}:{q.line}: {q.reason}" for q in register.quarantine)
        result.quarantined.extend(_describe(register, r, why) for r, why in merged.quarantined)


def _merge_plan(graph: Graph, register: Register, deals: list[Deal]) -> Plan:
    """Match a register's deals with the deals other registers have written for the same recipients."""
    recipients = sorted({d.recipient.key for d in deals})
    peers = graph.read("register_peers", source=register.source_key, recipients=recipients) if recipients else []
    others = [
        r
        for row in peers
        for r in records_of_edge(row["src"], row["dst"], row["props"])
        if r.source != register.source_key
    ]
    if not others:
        return Plan()
    fresh = [Record(register.source_key, d.supplier.key, d.recipient.key, deal_row(d, register).props) for d in deals]
    return plan(fresh + others, register.source_key)


def _describe(register: Register, record: Record, why: str) -> str:
    """A quarantine line for a deal no other register could match safely."""
    p = record.props
    if p.get("sipri_id") is not None:
        deal = f"{p.get('weapon')}, {record.src} -> {record.dst}, ordered {p.get('order_year')}"
        what = f"SIPRI deal {p.get('sipri_id')} ({deal})"
    else:
        what = f"row ({p.get('weapon')}, {record.src} -> {record.dst}, {p.get('year')})"
    if record.source == register.source_key:
        return f"{register.path}:{record.line}: {what}: {why}; not loaded"
    return f"{record.source}:{record.line}: {what}: {why}; its edge is removed"
