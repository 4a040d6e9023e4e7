"""Visits (pure): ``N visited P``, ``a visit to P by N``, ``N's trip to P``; weak cues (``met ... in P``)
need a visitor from another state."""

from __future__ import annotations

import re

from .. import entities as ent
from ..entities import Resolved
from .context import NAME, Context, Hit
from .dates import date_near
from .holders import LEADING_TRIP, the_country, the_event_place
from .mentions import Mention
from .recognise import title_case

_STRONG = re.compile(
    r"\b(?:visit(?:ed|s|ing)?|arrived in|arrives in|landed in|lands in|travell?ed to|flew to|trip to|went to"
    r"|travel(?:s|ling|ing)? to|fl(?:y|ies|ying) to|head(?:s|ed|ing)? (?:to|for))\b",
    re.I,
)
_WEAK = re.compile(
    r"\b(?:tour of|toured|is in|was in|taking part in|attend(?:s|ed|ing)?|on the sidelines of"
    r"|(?:held|holds|holding) talks in|arriv(?:es|ed|ing) to|met|meets|meeting with|talks with"
    r"|ceremony|signed in)\b",
    re.I,
)


_NEAR = re.compile(r"\s+(?:(?:is|are|was|were|will|would|set|to|also|then|later|due|expected|be)\s+)*")
_BY = re.compile(r"[^,;]*\bby\s")
_ABSENT = re.compile(r"\b(?:skipped|missed|boycotted|not attend\w*|absent from|stayed away from)\b[^.]*$")
_VISITOR = re.compile(
    rf"(?:^|(?<=[.;:]\s)|(?<=,\s))(?P<name>{NAME}(?:’s|'s)?)(?:,\s[^,]{{1,80}},)?\s+(?:has\s+|had\s+|also\s+)?$"
)
_NOT_NAME = {"The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "On", "In", "At", "After", "Before"}


def _state_of(ctx: Context, m: Mention) -> Resolved | None:
    """A person's state: the mention's, else the one the report told for them."""
    return m.country or ctx.doc.persons.get(m.entity.name, (None, None))[1]


def _visitor(ctx: Context, cue: int) -> list[Mention]:
    """``Ana Ortiz visited Lima``: a name of two to four words right before a visit verb."""
    m = _VISITOR.search(ctx.text, max(0, cue - 140), cue)
    if m is None:
        return []
    name = re.sub(r"(?:’s|'s)$", "", m.group("name"))
    words = name.split()
    if not 2 <= len(words) <= 4 or words[0] in _NOT_NAME or ctx.at(m.start("name")) is not None:
        return []
    if any(ent.country(w) or ent.demonym(w) for w in words) or title_case(ctx.text):
        return []
    if any(x.start < m.end("name") and m.start("name") < x.end for x in ctx.mentions):
        return []
    who = Resolved(ent.slugify(name), name, "Person")
    ctx.doc.add_person(who, None, name)
    return [Mention(m.start("name"), m.start("name") + len(name), name, "person", who)]


def visits(ctx: Context) -> list[Hit]:
    """``N visited P``, ``a visit to P by N``, ``N's trip to P``; weak cues need a foreign visitor."""
    out: list[Hit] = []
    strong, weak = _STRONG, _WEAK
    for cue_rx, strict in ((strong, True), (weak, False)):
        for c in cue_rx.finditer(ctx.text):
            places = [
                m
                for m in ctx.mentions
                if m.kind in ("place", "country") and m.start >= c.end() and m.start - c.end() < 60
            ]
            if not strict:
                places = [
                    m
                    for m in ctx.mentions
                    if m.kind == "place" or (m.kind == "country" and not m.actor and m.via != "demonym")
                ]
            if not strict and c.group(0).lower() in ("ceremony", "signed in"):  # "a ceremony in P": P, just after
                places = [m for m in places if 0 <= m.start - c.end() <= 40]
                if _ABSENT.search(ctx.text, max(0, c.start() - 40), c.start()):
                    continue  # "skipped the ceremony in P"
            if not places and strict:
                places = the_country(ctx, c.end())
            if not places and not strict:
                places = the_event_place(ctx, c.end())  # "A. Name attended the ceremony" held in P before
            if not places:
                continue
            where = places[0]
            by = re.match(r"\s+by\s+(?:the\s+)?", ctx.text[where.end :])
            people = [m for m in ctx.mentions if m.kind == "person"]
            if strict:
                if by:
                    people = [m for m in people if m.start >= where.end]
                else:
                    people = (
                        [m for m in people if m.end <= c.start()][-1:]
                        or _visitor(ctx, c.start())
                        or [m for m in people if m.start >= where.end and LEADING_TRIP.match(ctx.text[: c.start()])][:1]
                    )  # "On a trip to P, Demonym Title Name signed": the first person after the phrase
            else:
                place_country = where.country.key if where.country else where.entity.key
                unknown = [m for m in people if m.country is None and not ctx.doc.persons.get(m.entity.name, (0, 0))[1]]
                for m in unknown:  # the report's end may tell whose the visitor is (implied.place_posts)
                    when = date_near(ctx.text, ctx.published, c.start())
                    ctx.doc.maybe_visits.append((m.entity, m.text, where, ctx.text, when))
                people = [m for m in people if (st := _state_of(ctx, m)) is not None and st.key != place_country]
                if c.group(0).lower() == "signed in":  # "signed in P by A. Name": the signer named after "by"
                    people = [p for p in people if p.start > where.end and _BY.match(ctx.text, where.end, p.start)]
            home = where.country.key if where.country else where.entity.key
            if strict and re.match(r"(?:travel(?:s|ling|ing)?\b|fl(?:y|ies|ying)\b|head)", c.group(0), re.I):
                people = [p for p in people if p.end <= c.start() and _NEAR.fullmatch(ctx.text[p.end : c.start()])]
            for p in people[:1] if strict else people:
                mine = _state_of(ctx, p)
                if mine is not None and mine.key == home and where.kind == "country":
                    continue  # "the visit of Armenian Minister A. Name": nobody visits their own state
                when = date_near(ctx.text, ctx.published, c.start())
                if when is None and not strict and re.search(r"\b(?:is|are) (?:in|taking part)\b", ctx.text):
                    when = ctx.published
                out.append(
                    Hit(
                        p.entity,
                        "VISITED",
                        where.entity,
                        ctx.text,
                        date=when,
                        surfaces=[(p.entity, p.text), (where.entity, where.text)],
                    )
                )
    return out
