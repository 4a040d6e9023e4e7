"""From report text to a claims document: run the patterns, merge, refine weapons (pure)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import entities as ent
from ..claims import ClaimsDocument, Entity, Fact
from ..entities import Resolved
from . import implied, located, making, people, visits
from . import patterns as pat
from .context import Context, Hit
from .holders import note_event_place
from .mentions import DocState, Mention, pronouns
from .segment import first_sentence, sentences
from .tagging import tag
from .uses import uses

MAX_EVIDENCE_WORDS = 25
_VAGUE = {"weapons", "components", "technology"}
# SIPRI's register files most surface-to-air systems under missiles: the two categories name one another.
_SAME_KIND = {"air defence": {"air defence", "missile"}, "missile": {"missile", "air defence"}}


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
        kinds = _SAME_KIND.get(w.category or "", {w.category})
        same = [s for s in specific if s.category in kinds]
        if hit.predicate == "SUPPLIES":
            same = [s for s in same if s.country and s.country.key == hit.subject.key]
        if same and len({s.entity.name for s in same}) <= 3:
            names.extend(s.entity.name for s in same)
        else:
            names.append(w.entity.name)
    return list(dict.fromkeys(names))


def _each_made(hit: Hit, specific: list[Mention]) -> list[Hit]:
    """``Iranian-made drones`` in a report that names Iran's Shahed-131 and Shahed-136: Iran makes each
    (the register's maker of each is Iran); otherwise the fact as it is."""
    if hit.predicate != "MANUFACTURES" or not all(w.generic for w in hit.weapons) or not hit.weapons:
        return [hit]
    kinds = {k for w in hit.weapons for k in _SAME_KIND.get(w.category or "", {w.category})}
    same = {s.entity.key: s for s in specific if s.category in kinds}
    if not 1 < len(same) <= 3 or any(s.country is None or s.country.key != hit.subject.key for s in same.values()):
        return [hit]
    return [
        Hit(
            hit.subject,
            hit.predicate,
            s.entity,
            hit.evidence,
            [s],
            status=hit.status,
            surfaces=hit.surfaces,
            rule=hit.rule,
        )
        for s in same.values()
    ]


RULES = {
    "roles": "role word beside a capitalised name (Demonym Title Name, Name, the title of X)",
    "visits": "visit cue (visited, arrived in, trip to) between a person and a place",
    "supplies": "transfer wording between two actors",
    "uses": "use of a weapon against a target",
    "manufactures": "maker beside made/produced/built by",
    "locations": "a place checked against GeoNames or the gazetteer lies in its country",
}


@dataclass
class Explanation:
    """Why each fact was extracted (its sentence and rule) and why candidates were dropped."""

    document: ClaimsDocument
    reasons: list[tuple[str, str]] = field(default_factory=list)  # per fact: (sentence, rule)
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (sentence, candidate, why)


_DATELINE = re.compile(
    r"(?:^|[\s(])\(?(?P<city>[A-Z]{3,}(?:[ -][A-Z]{2,}){0,2})\)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\([^)]{1,30}\))?\s*(?:[:–—]|-\s|\s(?=[A-Z][a-z]))"
)


def dateline(text: str) -> Resolved | None:
    """The country of an upper-case dateline city in the first lines (``PARIS:``, ``(YANGON)``)."""
    from .knowledge import geo_place

    for sent in sentences(text[:600])[:3]:
        m = _DATELINE.search(sent.text[:60])
        if m is None:
            continue
        city = m.group("city").title()
        if len(city) <= 4 and m.group(0).lstrip().startswith("("):
            continue  # "(CNA)", "(AFP)": an agency, not a town
        if ent.country(city) is not None:
            return ent.country(city)
        meto = ent.metonym(city)
        if meto is not None:
            return meto
        found = geo_place(city)
        if found is not None and found[1] is not None:
            return found[1]
    return None


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
        ``curated=False``; one fact per (subject, predicate, object), with the status, sentence
        and rule of its first mention (a report states its claim first).

    Examples
    --------
    >>> doc = extract_text("Iran sent drones to Russia on October 6.", dt.date(2022, 10, 19), "r1")
    >>> [(f.subject, f.predicate, f.object, str(f.date)) for f in doc.facts]
    [('Iran', 'SUPPLIES', 'Russia', '2022-10-06')]
    """
    return explain_text(text, published, report_id, title, url).document


def explain_text(
    text: str, published: dt.date, report_id: str, title: str | None = None, url: str | None = None
) -> Explanation:
    """:func:`extract_text` with the sentence and rule of every fact and the dropped candidates."""
    state = DocState()
    state.dateline = dateline(text)
    hits: list[Hit] = []
    seen: dict[str, Mention] = {}
    last_supply: list[tuple[Resolved, Resolved]] = []
    principal: list[Resolved] = []  # the states the report is about: those its first sentences name
    lead = 0
    cut = sentences(text)
    for n, sent in enumerate(cut):
        state.sentence_no = n
        mentions = tag(sent.text, state)
        ctx = Context(sent.text, mentions, state, published, last_supply)
        found = people.roles(ctx) + people.leaders(ctx)
        ctx.mentions = pronouns(sent.text, ctx.mentions, state)
        for m in ctx.mentions:
            if m.kind == "person" and m.via != "pronoun":
                state.add_person(m.entity, m.country, m.text)
            if m.kind == "weapon" and not m.generic:
                seen.setdefault(m.entity.name, m)
            if m.kind == "person" and m.via == "pronoun" and state.last_person:
                pass
        for h in found:
            h.rule = h.rule or RULES["roles"]
        note_event_place(ctx)
        for rule in (visits.visits, pat.supplies, uses, making.manufactures, located.locations):
            for h in rule(ctx):
                h.rule = h.rule or RULES[rule.__name__]
                found.append(h)
        state.countries_seen.extend(m.entity for m in ctx.mentions if m.kind == "country" and m.via != "the country")
        state.orgs_seen.extend(m.entity for m in ctx.mentions if m.kind == "organization")
        aliases = [(m.entity, m.text) for m in ctx.mentions if m.via != "pronoun"]
        for h in found:
            h.surfaces = h.surfaces + aliases
        hits.extend(found)
        if lead < implied.LEAD_SENTENCES:
            firms = [m.country for m in ctx.mentions if m.kind == "organization" and m.country is not None]
            principal = list({c.key: c for c in [*principal, *state.countries_seen, *firms]}.values())
            lead += any(m.kind == "country" for m in ctx.mentions)
    hits.extend(implied.place_posts(state, principal if cut else [], hits))
    hits.extend(implied.foreign_visits(state))
    hits = implied.full_names(implied.second_hand(hits))
    if title is None and cut:
        title = cut[0].text if len(cut[0].text) <= 200 else first_sentence(cut[0].text)
    out = _assemble(hits, list(seen.values()), published, report_id, title, url)
    out.dropped = state.dropped + out.dropped
    return out


def _assemble(
    hits: list[Hit],
    specific: list[Mention],
    published: dt.date,
    report_id: str,
    title: str | None,
    url: str | None,
) -> Explanation:
    merged: dict[tuple[str, str, str], dict] = {}
    merged_into: list[tuple[str, str, str]] = []
    names: dict[str, Resolved] = {}
    aliases: dict[str, list[str]] = {}
    for h in [x for hit in hits for x in _each_made(hit, specific)]:
        weapons = _refine(h, specific)
        if h.predicate == "MANUFACTURES" and h.object.name in [w.entity.name for w in h.weapons]:
            refined = _refine(Hit(h.subject, "USED_AGAINST", h.object, "", h.weapons), specific)
            if len(refined) == 1:
                h.object = ent.resolve(refined[0], "WeaponSystem")
            weapons = [h.object.name]
        key = (h.subject.key, h.predicate, h.object.key)
        if key not in merged:
            merged[key] = {"hit": h, "weapons": [], "date": h.date}
        entry = merged[key]
        if entry["hit"] is not h and h.status != entry["hit"].status:
            first = entry["hit"]
            if first.status == "reported" and h.status != "denied":  # a plain first mention takes the wording
                entry["hit"], h, first = h, first, h  # of the first that says more (delivered, agreed...)
            merged_into.append(
                (
                    h.evidence,
                    f"{h.subject.name} -{h.predicate}-> {h.object.name} ({h.status})",
                    f"the report's first telling of this fact, {first.status}, is kept",
                )
            )
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
    reasons: list[tuple[str, str]] = []
    dropped: list[tuple[str, str, str]] = list(merged_into)
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
        except ValueError as e:
            reason = str(e).splitlines()[-1] if str(e) else "ends the model does not allow"
            dropped.append((h.evidence, f"{h.subject.name} -{h.predicate}-> {h.object.name}", reason))
            continue
        reasons.append((h.evidence, h.rule))  # ends the model does not allow (a place supplying) are dropped
        for w in weapons:
            r = ent.resolve(w, "WeaponSystem")
            names.setdefault(r.key, r)
    used = {f.subject for f in facts} | {f.object for f in facts} | {w for f in facts for w in f.weapon_systems}
    entities = [
        Entity(name=r.name, type=r.type, aliases=aliases.get(key, [])) for key, r in names.items() if r.name in used
    ]
    doc = ClaimsDocument(
        id=report_id,
        title=title,
        source_url=url,
        published=published,
        curated=False,
        facts=facts,
        entities=entities,
    )
    return Explanation(doc, reasons, dropped)
