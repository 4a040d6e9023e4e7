"""From report text to a claims document: run the patterns, merge, refine weapons (pure)."""

from __future__ import annotations

import datetime as dt
import re

from .. import entities as ent
from ..claims import ClaimsDocument, Entity, Fact
from ..entities import Resolved
from . import patterns as pat
from . import people
from .context import Context, Hit
from .mentions import DocState, Mention, pronouns, tag
from .segment import first_sentence, sentences

MAX_EVIDENCE_WORDS = 25
_VAGUE = {"weapons", "components", "technology"}


def _evidence(sentence: str) -> str:
    words = sentence.split()
    text = " ".join(words[:MAX_EVIDENCE_WORDS])
    return text + (" …" if len(words) > MAX_EVIDENCE_WORDS else "")


def _refine(hit: Hit, specific: list[Mention]) -> list[str]:
    """Weapon names of a fact: a generic type becomes the systems of its category named in the
    report (of the supplier's make for a transfer), so "drones" from Iran -> Shahed-136."""
    names: list[str] = []
    for w in hit.weapons:
        if not w.generic or w.category in _VAGUE:
            names.append(w.entity.name)
            continue
        same = [s for s in specific if s.category == w.category]
        if hit.predicate == "SUPPLIES":
            same = [s for s in same if s.country and s.country.key == hit.subject.key]
        if same and len({s.entity.name for s in same}) <= 3:
            names.extend(s.entity.name for s in same)
        else:
            names.append(w.entity.name)
    return list(dict.fromkeys(names))


def extract_text(
    text: str, published: dt.date, report_id: str, title: str | None = None, url: str | None = None
) -> ClaimsDocument:
    """Extract the facts of one report.

    Parameters
    ----------
    text : str
        The report's text (no date line).
    published : datetime.date
        Publication date; relative dates ("on Tuesday") are resolved against it.
    report_id, title, url : str
        Provenance copied into the document; ``title`` defaults to the first sentence.

    Returns
    -------
    ClaimsDocument
        ``curated=False``; facts merged per (subject, predicate, object), denials kept apart.

    Examples
    --------
    >>> doc = extract_text("Iran sent drones to Russia on October 6.", dt.date(2022, 10, 19), "r1")
    >>> [(f.subject, f.predicate, f.object, str(f.date)) for f in doc.facts]
    [('Iran', 'SUPPLIES', 'Russia', '2022-10-06')]
    """
    state = DocState()
    hits: list[Hit] = []
    seen: dict[str, Mention] = {}
    last_supply: list[tuple[Resolved, Resolved]] = []
    for n, sent in enumerate(sentences(text)):
        state.sentence_no = n
        mentions = tag(sent.text, state)
        ctx = Context(sent.text, mentions, state, published, last_supply)
        found = people.roles(ctx)
        ctx.mentions = pronouns(sent.text, ctx.mentions, state)
        for m in ctx.mentions:
            if m.kind == "person" and m.via != "pronoun":
                state.add_person(m.entity, m.country, m.text)
            if m.kind == "weapon" and not m.generic:
                seen.setdefault(m.entity.name, m)
            if m.kind == "person" and m.via == "pronoun" and state.last_person:
                pass
        for rule in (people.visits, pat.supplies, pat.uses, pat.manufactures, pat.locations):
            found.extend(rule(ctx))
        aliases = [(m.entity, m.text) for m in ctx.mentions if m.via != "pronoun"]
        for h in found:
            h.surfaces = h.surfaces + aliases
        hits.extend(found)
    return _assemble(hits, list(seen.values()), published, report_id, title or first_sentence(text), url)


def _assemble(
    hits: list[Hit],
    specific: list[Mention],
    published: dt.date,
    report_id: str,
    title: str | None,
    url: str | None,
) -> ClaimsDocument:
    merged: dict[tuple[str, str, str, bool], dict] = {}
    names: dict[str, Resolved] = {}
    aliases: dict[str, list[str]] = {}
    for h in hits:
        weapons = _refine(h, specific)
        if h.predicate == "MANUFACTURES" and h.object.name in [w.entity.name for w in h.weapons]:
            refined = _refine(Hit(h.subject, "USED_AGAINST", h.object, "", h.weapons), specific)
            if len(refined) == 1:
                h.object = ent.resolve(refined[0], "WeaponSystem")
            weapons = [h.object.name]
        key = (h.subject.key, h.predicate, h.object.key, h.status == "denied")
        if key not in merged:
            merged[key] = {"hit": h, "weapons": [], "date": h.date}
        entry = merged[key]
        entry["weapons"] = list(dict.fromkeys(entry["weapons"] + weapons))
        entry["date"] = entry["date"] or h.date
        names[h.subject.key] = h.subject
        names[h.object.key] = h.object
        for r, surface in h.surfaces:
            surface = re.sub(r"(?:’s|'s)$", "", surface).strip()
            if surface and surface != r.name:
                aliases.setdefault(r.key, [])
                if surface not in aliases[r.key]:
                    aliases[r.key].append(surface)
    facts: list[Fact] = []
    for entry in merged.values():
        h = entry["hit"]
        weapons = (
            entry["weapons"]
            if h.predicate in ("SUPPLIES", "USED_AGAINST")
            else ([h.object.name] if h.predicate == "MANUFACTURES" else [])
        )
        dated = h.predicate in ("SUPPLIES", "VISITED", "USED_AGAINST")
        try:
            facts.append(
                Fact(
                    subject=h.subject.name,
                    subject_type=h.subject.type,
                    predicate=h.predicate,
                    object=h.object.name,
                    object_type=h.object.type,
                    weapon_systems=weapons,
                    date=entry["date"] if dated else None,
                    status=h.status,
                    evidence=_evidence(h.evidence),
                    role=h.role,
                )
            )
        except ValueError:
            continue  # ends the model does not allow (a place supplying) are dropped
        for w in weapons:
            r = ent.resolve(w, "WeaponSystem")
            names.setdefault(r.key, r)
    used = {f.subject for f in facts} | {f.object for f in facts} | {w for f in facts for w in f.weapon_systems}
    entities = [
        Entity(name=r.name, type=r.type, aliases=aliases.get(key, [])) for key, r in names.items() if r.name in used
    ]
    return ClaimsDocument(
        id=report_id,
        title=title,
        source_url=url,
        published=published,
        curated=False,
        facts=facts,
        entities=entities,
    )
