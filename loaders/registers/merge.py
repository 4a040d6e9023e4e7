"""One deal, one edge: SIPRI exports that restate the same deals are merged, not added.

Pure functions: records in, a plan out (which edges to write with which properties, which to
delete, what to quarantine). :mod:`loaders.registers.write` feeds them the deals of the export being
loaded and the records of the other registers already in the graph, and writes the plan.

A *record* is one register's statement of a deal: the edge properties that register alone
would write (:func:`loaders.registers.write.deal_row`), with its own key (``sipri:<ID>`` in the newer
format, ``sipri-row:<hash>-<n>`` in the legacy one), its ``sources`` (the register's key) and
``first_seen`` (the register's generation date).

How deals are matched
---------------------
1. Records of the newer format with the same SIPRI deal ID are one deal; legacy records with
   the same row key (same recipient, supplier, order year, designation, description, number
   ordered and occurrence) are one deal.
2. A deal with an ID is matched to a legacy deal of the same supplier and recipient when the
   order years are equal and the designations agree: the same letters and digits
   (``M/41D 120mm`` = ``M-41D 120mm``), or the words of one contained in the other's
   (``Mistral`` in ``Mistral SAM``), or a shared word (``Javelin ATM`` and ``FGM-148 Javelin``)
   when the number delivered also agrees (with the legacy number delivered or ordered).
   Among candidates, the better evidence wins: designation, then numbers, then delivery years
   (the newer export's years within the legacy ones), then the exact designation.
3. A match is taken only when it is unambiguous both ways: the legacy deal is the ID deal's one
   best candidate, and the ID deal is the legacy deal's one best candidate. (SIPRI's repeated
   legacy lines, identical but for their occurrence number, are paired in order with as many
   equally good ID deals.)
4. An ID deal with no safe match, whose recipient the legacy register covers, is quarantined
   with the reason (``no legacy deal ...``, ``ambiguous ...``): it is not written, and an edge
   it had from an earlier load is removed. Where the legacy register has no deal to that
   recipient at all, the ID deal is an edge of its own.

Analysts' tables
----------------
A row of an analyst's transfers table restates a register deal of the same supplier and
recipient when its year is the deal's order year (or one of its delivery years), its weapon's
designation agrees as above and, for a shared word only, its quantity is the number ordered or
delivered; taken when unambiguous both ways, it joins the deal's edge. A row that fits several
deals equally well is quarantined; the others stay edges of their own. The register's figures
stand over a table's; the table's own columns (``quantity``, ``cited_sources``, ``evidence``)
are kept.

What the merged edge holds
--------------------------
The figures of the most recently generated register (``first_seen``, its generation date)
win; properties only another register gives (``sipri_id``, ``category``, ``comments``...) are
kept; the newer format's per-year deliveries are kept as ``number_delivered_by_year`` with
their years in ``number_delivered_years``. ``sources``, ``source_keys`` and ``source_lines``
name every register, its own key for the deal and its line; ``source_records`` keeps each
register's own record (JSON), so a re-load of either export recomputes the same edge;
``figures_differ`` names the figures on which the registers disagree.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TABLE = "transfer:"  # keys of analysts' table rows
# Per-source properties: not figures of the deal, rebuilt for the merged edge.
_OWN = ("key", "sources", "first_seen", "line", "source_keys", "source_lines", "source_records", "figures_differ")
FIGURES = (
    "weapon",
    "order_year",
    "number_ordered",
    "number_delivered",
    "delivery_years",
    "status",
    "tiv_unit",
    "tiv_order",
    "tiv_delivered",
)


@dataclass
class Record:
    """One register's statement of a deal."""

    source: str
    src: str
    dst: str
    props: dict[str, Any]

    @property
    def key(self) -> str:
        return str(self.props["key"])

    @property
    def generated(self) -> str:
        return str(self.props.get("first_seen", ""))

    @property
    def sipri_id(self) -> int | None:
        value = self.props.get("sipri_id")
        return int(value) if value is not None else None

    @property
    def line(self) -> int:
        return int(self.props.get("line", 0))


def records_of_edge(src: str, dst: str, props: dict[str, Any]) -> list[Record]:
    """The register records an edge holds: one per source (``source_records``) or the edge itself."""
    if props.get("source_records"):
        pairs = zip(props["sources"], props["source_records"], strict=True)
        return [Record(s, src, dst, json.loads(text)) for s, text in pairs]
    return [Record(s, src, dst, dict(props)) for s in props.get("sources", [])[:1]]


@dataclass
class Group:
    """Records of one deal, from one or more registers."""

    records: list[Record]

    @property
    def key(self) -> str:
        ids = sorted({r.sipri_id for r in self.records if r.sipri_id is not None})
        return f"sipri:{ids[0]}" if ids else min(r.key for r in self.records)

    def newest(self) -> Record:
        """The record whose figures win: a register's before an analyst table's, then the most recent."""
        return sorted(self.records, key=_rank, reverse=True)[0]


@dataclass
class Plan:
    """What to write: merged edges, keys of edges to delete, and quarantined records with reasons."""

    groups: list[Group] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    quarantined: list[tuple[Record, str]] = field(default_factory=list)


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^0-9a-z]+", text.casefold()) if w)


def designation_agreement(a: str, b: str) -> int:
    """3: same letters and digits; 2: the words of one within the other's; 1: a word shared; 0: none."""
    if _compact(a) == _compact(b):
        return 3
    wa, wb = _words(a), _words(b)
    if wa <= wb or wb <= wa:
        return 2
    return 1 if wa & wb else 0


#: How well two statements of a deal agree (compared as a tuple: the larger, the better).
Evidence = tuple[int, bool, bool, bool]
Candidates = dict[int, list[tuple[Evidence, int]]]


def evidence(with_id: dict[str, Any], legacy: dict[str, Any]) -> Evidence | None:
    """How well an ID deal and a legacy deal (same supplier and recipient) agree; ``None``: no match."""
    if with_id.get("order_year") != legacy.get("order_year"):
        return None
    d = designation_agreement(str(with_id.get("weapon", "")), str(legacy.get("weapon", "")))
    delivered = with_id.get("number_delivered")
    numbers = delivered is not None and delivered in (legacy.get("number_delivered"), legacy.get("number_ordered"))
    if d == 0 or (d == 1 and not numbers):
        return None
    years = set(with_id.get("delivery_years") or [])
    within = bool(years) and years <= set(legacy.get("delivery_years") or [])
    return (min(d, 2), numbers, within, d == 3)


def _twin_base(key: str) -> str:
    """A legacy row key without its occurrence number: SIPRI's repeated lines share it."""
    return key.rsplit("-", 1)[0]


def _candidates(
    items: list[Group], groups: list[Group], score: Callable[[dict[str, Any], dict[str, Any]], Evidence | None]
) -> tuple[Candidates, Candidates]:
    """For each item (by index), the groups of the same supplier and recipient that ``score``
    finds agreeing, as (evidence, group index); and for each group, the items that found it."""
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, g in enumerate(groups):
        r = g.newest()
        by_pair[(r.src, r.dst)].append(j)
    found: Candidates = {}
    rivals: Candidates = defaultdict(list)
    for i, item in enumerate(items):
        r = item.newest()
        found[i] = []
        for j in by_pair.get((r.src, r.dst), []):
            e = score(r.props, groups[j].newest().props)
            if e is not None:
                found[i].append((e, j))
                rivals[j].append((e, i))
    return found, rivals


def match(id_groups: list[Group], row_groups: list[Group]) -> tuple[list[tuple[Group, Group]], dict[int, str]]:
    """Pair ID deals with legacy deals (see the module's notes). Returns the pairs and, for each
    unpaired ID group (by its index), why it has no safe match."""
    candidates, rivals = _candidates(id_groups, row_groups, evidence)
    scores = {i: sorted(f, key=lambda x: (x[0], -x[1]), reverse=True) for i, f in candidates.items()}
    pairs: list[tuple[Group, Group]] = []
    why: dict[int, str] = {}
    taken: set[int] = set()
    for i in sorted(scores, key=lambda i: id_groups[i].key):
        found = scores[i]
        if not found:
            why[i] = "no legacy deal of the same supplier, recipient and order year has an agreeing designation"
            continue
        best = found[0][0]
        tied = sorted(j for s, j in found if s == best)
        competing = sorted(k for s, k in rivals[tied[0]] if s == best)
        if len(tied) > 1 and len({_twin_base(row_groups[j].key) for j in tied}) == 1 and len(competing) == len(tied):
            # SIPRI's repeated lines: as many identical legacy rows as equally good ID deals, paired in order
            j = tied[competing.index(i)]
        elif len(tied) > 1:
            rows = sorted(row_groups[t].newest().line for t in tied)
            why[i] = f"ambiguous: {len(tied)} legacy deals match equally well (lines {', '.join(map(str, rows))})"
            continue
        else:
            j = tied[0]
            top = max(s for s, _ in rivals[j])
            others = sorted(id_groups[k].key for s, k in rivals[j] if s == top and k != i)
            if top != best or others:
                line = row_groups[j].newest().line
                better = "better" if top != best else "as well"
                who = others[0] if others else "another deal"
                why[i] = f"ambiguous: its best legacy match (line {line}) matches {who} {better}"
                continue
        if j in taken:
            why[i] = f"ambiguous: its best legacy match (line {row_groups[j].newest().line}) is taken"
            continue
        taken.add(j)
        pairs.append((id_groups[i], row_groups[j]))
    return pairs, why


def plan(records: list[Record], fresh: str) -> Plan:
    """Group every record into deals and decide what to write.

    ``records``: the records of the register being loaded (source ``fresh``) and those of other
    registers already in the graph for the same recipients. Every group that holds more than
    one record, or a record of another register, is in the plan; a group of the fresh
    register's record alone is written as it is by the caller (it is not in ``plan.groups``).
    """
    id_groups: dict[int, list[Record]] = defaultdict(list)
    row_groups: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        if r.sipri_id is not None:
            id_groups[r.sipri_id].append(r)
        else:
            row_groups[r.key].append(r)
    ids = [Group(v) for _, v in sorted(id_groups.items())]
    tables = [Group(v) for k, v in sorted(row_groups.items()) if k.startswith(TABLE)]
    rows = [Group(v) for k, v in sorted(row_groups.items()) if not k.startswith(TABLE)]
    pairs, why = match(ids, rows)
    covered = {g.newest().dst for g in rows if any(r.key.startswith("sipri-row:") for r in g.records)}
    out = Plan()
    paired = {id(a) for a, _ in pairs} | {id(b) for _, b in pairs}
    groups = [Group(a.records + b.records) for a, b in pairs]
    for i, g in enumerate(ids):
        if id(g) in paired:
            continue
        if i in why and g.newest().dst in covered:
            out.quarantined.extend((r, why[i]) for r in g.records)
            out.delete.extend(r.key for r in g.records)
        else:
            groups.append(g)
    groups.extend(g for g in rows if id(g) not in paired)
    _add_tables(tables, groups, out)
    for g in groups:
        if len(g.records) == 1 and g.records[0].source == fresh:
            continue  # the fresh register's own deal, alone: the caller writes it as it is
        out.groups.append(g)
        out.delete.extend(r.key for r in g.records if r.key != g.key)
    keep = {g.key for g in out.groups}
    out.delete = sorted(set(out.delete) - keep)
    return out


def table_evidence(row: dict[str, Any], deal: dict[str, Any]) -> Evidence | None:
    """How well an analyst's table row agrees with a register deal of the same supplier and
    recipient: its year is the order year (or a delivery year), its designation agrees, and its
    quantity is the number ordered or delivered; ``None``: no match."""
    year = row.get("year")
    by_order = year == deal.get("order_year")
    if not by_order and year not in (deal.get("delivery_years") or []):
        return None
    d = designation_agreement(str(row.get("weapon", "")), str(deal.get("weapon", "")))
    quantity = row.get("quantity")
    numbers = quantity is not None and quantity in (deal.get("number_ordered"), deal.get("number_delivered"))
    if not row.get("weapon") or d == 0 or (d == 1 and not numbers):
        return None
    return (min(d, 2), numbers, by_order, d == 3)


def _add_tables(tables: list[Group], groups: list[Group], out: Plan) -> None:
    """Rows of analysts' tables that restate a register deal join its group (one edge); a row
    that could restate several equally well is quarantined; the others stay edges of their own."""
    candidates, rivals = _candidates(tables, groups, table_evidence)
    scores = {i: sorted(f, reverse=True) for i, f in candidates.items()}
    joined: dict[int, list[Record]] = defaultdict(list)
    for i, t in enumerate(tables):
        found = scores[i]
        if not found:
            groups.append(t)
            continue
        best = found[0][0]
        tied = sorted(groups[j].newest().line for e, j in found if e == best)
        j = found[0][1]
        top = max(e for e, _ in rivals[j])
        contenders = [k for e, k in rivals[j] if e == top]
        if len(tied) > 1:
            why = f"ambiguous: restates {len(tied)} register deals equally well (lines {', '.join(map(str, tied))})"
        elif top != best or contenders != [i]:
            line = groups[j].newest().line
            why = f"ambiguous: the register deal it restates best (line {line}) fits another row as well"
        else:
            joined[j].extend(t.records)
            continue
        out.quarantined.extend((r, why) for r in t.records)
        out.delete.extend(r.key for r in t.records)
    for j, recs in joined.items():
        groups[j] = Group(groups[j].records + recs)


def _rank(r: Record) -> tuple[bool, str, str]:
    """Which record's figures win: a register's over an analyst's table, then the most recent."""
    return (not r.key.startswith(TABLE), r.generated, r.source)


def merged_props(group: Group) -> dict[str, Any]:
    """The edge of a group: the newest register's figures, every register named (see the notes)."""
    recs = sorted(group.records, key=lambda r: r.source)
    if len(recs) == 1:
        return dict(recs[0].props)
    newest_first = sorted(recs, key=_rank, reverse=True)
    props: dict[str, Any] = {}
    for r in reversed(newest_first):
        props.update({k: v for k, v in r.props.items() if k not in _OWN})
    by_year = next((r for r in newest_first if r.props.get("number_delivered_by_year")), None)
    if by_year is not None:
        props["number_delivered_by_year"] = by_year.props["number_delivered_by_year"]
        props["number_delivered_years"] = by_year.props.get("delivery_years", [])
    weapons = sorted({w for r in recs for w in r.props.get("weapons", [])})
    weapon_keys = sorted({w for r in recs for w in r.props.get("weapon_keys", [])})
    if weapons:
        props["weapons"], props["weapon_keys"] = weapons, weapon_keys
    differ = [f for f in FIGURES if len({json.dumps(r.props.get(f)) for r in recs if r.props.get(f) is not None}) > 1]
    props.update(
        key=group.key,
        sources=[r.source for r in recs],
        source_keys=[r.key for r in recs],
        source_lines=[r.line for r in recs],
        source_records=[json.dumps(r.props, sort_keys=True) for r in recs],
        first_seen=min((r.generated for r in recs if r.generated), default=""),
        line=newest_first[0].line,
        figures_differ=differ,
    )
    return props
