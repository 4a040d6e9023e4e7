"""Pure functions from a claims document to the rows the graph writer merges."""

from __future__ import annotations

import hashlib

from graph.writer import Batch, ClaimRow, NodeRow, ReportRow, RetractRow

from .claims import ClaimsDocument
from .entities import Resolved, resolve, slugify


def fact_key(predicate: str, src: str, dst: str, role: str | None = None, date: str | None = None) -> str:
    """Stable key of a fact edge.

    One edge per (predicate, subject, object): every source that states it adds to the same
    edge. A role (HOLDS_ROLE) and a visit's day (VISITED) are part of what the fact is.
    """
    parts = [predicate, src, dst]
    if predicate == "HOLDS_ROLE":
        parts.append(slugify(role or ""))
    if predicate == "VISITED":
        parts.append(date or "")
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]
    return f"{predicate.lower()}:{digest}"


class _Names:
    """The document's own entity table: any name or alias -> resolved entity."""

    def __init__(self, doc: ClaimsDocument):
        self.table: dict[tuple[str, str], Resolved] = {}
        self.aliases: dict[str, set[str]] = {}
        self.types: dict[str, str] = {}
        for ent in doc.entities:
            hit = resolve(ent.name, ent.type)
            for name in [ent.name, *ent.aliases]:
                self.table[(slugify(name), ent.type)] = hit
            self._note(hit, [ent.name, *ent.aliases])

    def _note(self, hit: Resolved, names: list[str]) -> None:
        self.aliases.setdefault(hit.key, set()).update(n for n in names if n != hit.name)
        self.types.setdefault(hit.key, hit.type)

    def get(self, name: str, type_: str) -> Resolved:
        hit = self.table.get((slugify(name), type_))
        if hit is None:
            hit = resolve(name, type_)
            self.table[(slugify(name), type_)] = hit
        self._note(hit, [name])
        return hit


def document_batch(doc: ClaimsDocument, content_hash: str | None = None, kind: str = "claims") -> Batch:
    """Rows for one claims document: its entities, its Report node, and one claim per fact."""
    if doc.id is None or doc.published is None:
        raise ValueError("a document needs an id and a published date before it is written")
    names = _Names(doc)
    source = doc.id
    published = doc.published.isoformat()
    claims: list[ClaimRow] = []
    resolved: dict[str, Resolved] = {}
    for fact in doc.facts:
        subj = names.get(fact.subject, fact.subject_type)
        obj = names.get(fact.object, fact.object_type)
        weapons = [names.get(w, "WeaponSystem") for w in fact.weapon_systems]
        for r in (subj, obj, *weapons):
            resolved[r.key] = r
        date = fact.date.isoformat() if fact.date else None
        claims.append(
            ClaimRow(
                type=fact.predicate,
                key=fact_key(fact.predicate, subj.key, obj.key, fact.role, date),
                src=subj.key,
                dst=obj.key,
                source=source,
                published=published,
                status=fact.status,
                evidence=fact.evidence,
                date=date,
                curated=doc.curated,
                weapons=sorted({w.name for w in weapons}),
                weapon_keys=sorted({w.key for w in weapons}),
                role=fact.role,
            )
        )
    for ent in doc.entities:
        hit = names.get(ent.name, ent.type)
        resolved.setdefault(hit.key, hit)
    nodes = [
        NodeRow(key=r.key, label=r.type, name=r.name, aliases=sorted(names.aliases.get(r.key, ())))
        for r in sorted(resolved.values(), key=lambda r: r.key)
    ]
    props: dict[str, object] = {"title": doc.title or doc.id, "published": published}
    if doc.curated:  # never unset: a curated report stays curated when its text is re-extracted
        props["curated"] = True
        props["curated_on"] = published
    else:
        props["kind"] = kind
    if doc.source_url:
        props["source_url"] = doc.source_url
    if content_hash:
        props["content_hash"] = content_hash
    report = ReportRow(key=source, props=props, mentions=[n.key for n in nodes])
    retract = [RetractRow(source, [c.key for c in claims], mentions=report.mentions)]
    return Batch(retract=retract, nodes=nodes, reports=[report], claims=claims)
