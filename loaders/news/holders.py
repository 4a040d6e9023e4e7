"""Whose post it is (pure): bodies named only by their shape after a post, and counterparts.

- ``a senior fellow at Harbour Institute``, ``chief executive of Nordvinge``: a capitalised name after
  ``at``/``of``/``for`` a post of a firm, a research body or a spokesperson is an organisation, unless it
  is a place or country, or a state's armed force or body (``the Bulgarian Land Forces``: the state);
- ``his Swedish counterpart A. Name``: the post is the one named before in the sentence (in
  :func:`loaders.news.people.roles`);
- speakers (``A. Name told reporters``) are people; a post told without a name goes to the next
  person named; ``visited the country`` is the country named last; ``On a trip to P, A. Name``.
"""

from __future__ import annotations

import re

from .. import entities as ent
from ..entities import Resolved
from . import knowledge as kb
from .context import NAME, Context, Hit
from .mentions import Mention

BODY_POSTS = re.compile(
    r"(?:(?:senior\s+|research\s+|visiting\s+|non-resident\s+)*(?:fellow|researcher|analyst|professor|lecturer)"
    r"|director|director general|director-general|chief executive|chief executive officer|ceo|chairman|chairwoman"
    r"|chair|founder|head|managing director|general manager|president|vice president|spokes(?:man|woman|person)"
    r"|chief|executive|partner|editor)",
    re.I,
)
_RUN = re.compile(r"[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|and|&|the|on)\s+)?[A-Z][\w'’&.-]*){0,6}")
STATE_BODY = re.compile(
    r"(?:Force|Forces|Army|Navy|Guard|Guards|Corps|Ministry|Government|Police|Command|Staff|Parliament)$"
)


def body_after(text: str, at: int, role: str, mentions: list[Mention]) -> Mention | None:
    """An organisation named after ``role of/at/for (the)``, found by its shape; ``None`` if it is not one."""
    if not BODY_POSTS.fullmatch(" ".join(role.split())):
        return None
    run = _RUN.match(text, at)
    if run is None:
        return None
    name = re.sub(r"(?:\s+(?:of|for|and|&|the|on))+$", "", re.sub(r"(?:’s|'s)$", "", run.group(0)))
    words = name.split()
    if any(m.start < at + len(name) and at < m.end for m in mentions):
        return None  # a known country, place, person or organisation: the usual rules read it
    if ent.country(words[0]) or ent.demonym(words[0]) or state_body(name):
        return None
    if kb.geo_place(name) is not None or ent.person(name) is not None or name.split()[0] in ("The", "A", "An"):
        return None
    return Mention(at, at + len(name), name, "organization", Resolved(ent.slugify(name), name, "Organization"))


_STATE_WORDS = {
    "royal", "armed", "air", "land", "ground", "naval", "maritime", "self-defense", "self-defence", "defence",
    "defense",
    "special", "operations", "border", "coast", "space", "strategic", "missile", "rocket", "marine", "aerospace",
    "force", "forces", "army", "navy", "guard", "guards", "corps", "ministry", "government", "police", "command",
    "staff", "parliament", "of", "the", "general", "joint", "federal", "national", "people's", "popular",
}  # fmt: skip


def state_body(name: str) -> bool:
    """``Bulgarian Land Forces``, ``Royal Thai Navy``: a state's own force or body, which stands for the state.
    A name with any other word (``Syrian Democratic Forces``, ``Free Syrian Army``) is an organisation."""
    words = name.split()
    if not STATE_BODY.search(name) or not any(ent.demonym(w) or ent.country(w) for w in words[:2]):
        return False
    return all(w.lower() in _STATE_WORDS or ent.demonym(w) or ent.country(w) for w in words)


_SPEECH = r"(?:told|said|says|added|stated|noted|stressed|explained|confirmed|warned|wrote|announced)"
_SPEAKER = re.compile(
    rf"(?:^|(?<=[”\"’'.,;:]\s)|(?<=[”\"]))(?P<name>{NAME})\s+{_SPEECH}\b"
    rf"|\b(?:said|says|told|according to)\s+(?P<after>{NAME})(?=\s*[,.;]|\s+(?:on|in|at|during)\b)"
)
_NOT_FIRST = {"The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "On", "In", "At", "After", "Before"}


def speakers(ctx: Context, is_known: re.Pattern[str]) -> list[Mention]:
    """``Ana Ruiz told reporters``, ``said Ana Ruiz.``: a name of two to four plain words beside a verb of
    saying is a person. ``is_known`` matches the words that make a name something else (roles, titles)."""
    out: list[Mention] = []
    if not re.search(_SPEECH + r"|according to", ctx.text):
        return out
    for m in _SPEAKER.finditer(ctx.text):
        key = "name" if m.group("name") else "after"
        name, s = m.group(key), m.start(key)
        words = name.split()
        if not 2 <= len(words) <= 4 or words[0] in _NOT_FIRST or "." in name:
            continue
        if any(x.start < s + len(name) and s < x.end for x in ctx.mentions):
            continue
        if any(ent.country(w) or ent.demonym(w) or is_known.fullmatch(w) for w in words) or STATE_BODY.search(name):
            continue
        who = Resolved(ent.slugify(name), name, "Person")
        mention = Mention(s, s + len(name), name, "person", who, None, via="speaker")
        out.append(mention)
    return out


def named_next(ctx: Context, titled: set[str]) -> list[Hit]:
    """``Serbia's president said on Sunday.`` then ``"...", Ana Ruiz told journalists``: a post told
    without a name is held by the first person named in the next four sentences, if that person is
    given no post of their own (``titled``: the keys of people beside a post in this sentence)."""
    wanted = ctx.doc.role_wanted
    if wanted is None or ctx.doc.sentence_no == wanted[2]:
        return []
    if ctx.doc.sentence_no - wanted[2] > 4:
        ctx.doc.role_wanted = None
        return []
    role, where, _ = wanted
    people = [m for m in ctx.mentions if m.kind == "person" and m.via != "pronoun"]
    if not people:
        return []
    ctx.doc.role_wanted = None  # the first person named after the post takes it, or no one does
    if people[0].entity.key in titled or ctx.doc.persons.get(people[0].entity.name, (None, None))[1]:
        return []
    who = people[0].entity
    ctx.doc.add_person(who, where, people[0].text)
    hit = Hit(who, "HOLDS_ROLE", where, ctx.text, role=role, surfaces=[(who, people[0].text)])
    hit.rule = "a post told without a name, then the first person named in the next sentence"
    return [hit]


LEADING_TRIP = re.compile(r"(?:During|On|While on|In the course of)\s+(?:his|her|their|a|an|the)\s+(?:[\w-]+\s+){0,2}$")


_THE_COUNTRY = re.compile(
    r"\s+(?:the|this)\s+(?:(?:[A-Z][\w-]*|neighbou?ring|oil-rich|island|gulf|north|south|east|west)\s+){0,2}"
    r"(?:country|nation|kingdom|state|republic)\b(?![’'-])"
)


def the_country(ctx: Context, pos: int) -> list[Mention]:
    """``visited the country``: the country named last before this sentence."""
    m = _THE_COUNTRY.match(ctx.text, pos)
    if m is None:
        return []
    people = [p.entity.name for p in ctx.mentions if p.kind == "person" and p.end <= pos]
    visitor = [c.key for c in (ctx.doc.persons.get(n, (None, None))[1] for n in people) if c is not None]
    here = [x.entity for x in ctx.mentions if x.kind == "country" and x.end <= m.start() and x.via != "the country"]
    for c in reversed(ctx.doc.countries_seen + here):
        if c.key not in visitor:
            return [Mention(m.start(), m.end(), m.group(0).strip(), "country", c, c, via="the country")]
    return []


_EVENT = r"(?:ceremony|event|signing|handover|hand-over|talks|summit|meeting|parade|exhibition|show|exercise)"
_HELD = re.compile(rf"\b{_EVENT}\b[^.;]{{0,80}}?\b(?:took place|was held|were held|is held|held|is taking place)\b")
_THE_EVENT = re.compile(rf"\s+(?:the|this)\s+(?:[\w-]+\s+)?{_EVENT}\b")


def note_event_place(ctx: Context) -> None:
    """``The handover ceremony took place at ... in Istres``: remember the place of the event."""
    if _HELD.search(ctx.text):
        at = [m for m in ctx.mentions if m.kind == "place" and m.country is not None]
        if at:
            ctx.doc.event_place = (at[0], ctx.doc.sentence_no)


def the_event_place(ctx: Context, pos: int) -> list[Mention]:
    """``A. Name attended the event``: the place of the event told in the last two sentences."""
    got = ctx.doc.event_place
    if got is None or not _THE_EVENT.match(ctx.text, pos) or not 0 < ctx.doc.sentence_no - got[1] <= 2:
        return []
    m = got[0]
    return [Mention(pos, pos, m.text, m.kind, m.entity, m.country, via="event")]
