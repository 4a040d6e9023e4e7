"""The country a report implies for a post it gives without one (pure).

"Prime Minister A. Name held talks with the Russian president" names no state for the prime minister,
but a reader knows it: the report is about two states, and the other side of the talks is Russian.
A post told without its state waits here until the report ends; then the states the report is about
(those named in the first three sentences that name one), less the states of the people the holder met in that
sentence, must leave exactly one. Otherwise the post stays unplaced, as before.

A post that usually belongs to one state ("Defence Secretary": the United Kingdom) keeps that state
only when the report names it; India has a Defence Secretary too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..entities import Resolved
from .context import Hit
from .mentions import DocState

MOST_RULE = "post whose state the report leaves untold: the state the report names far more often than any other"
HOME_RULE = "post whose state the report leaves untold: the state the report's first transfer goes to"
RULE = "post whose state the report implies (the one state of the report left once the other side is known)"
LEAD_SENTENCES = 3
# the holder met the others (two sides); ministers of one government may share a sentence too
_MEETING = re.compile(
    r"\b(?:met|meet\w*|talks|counterparts?|between|visit\w*|host\w*|welcom\w*)\b",
    re.I,
)


_HEAD = re.compile(r"president|prime minister|premier|chancellor|king|queen|emir|sultan|monarch", re.I)


@dataclass
class Unplaced:
    """A post held by a named person, its state not told where it was read."""

    who: Resolved
    role: str
    sentence: str
    surface: str
    others: frozenset[str]  # the other people named in that sentence
    guess: Resolved | None = None  # the state the post usually belongs to
    local: bool = False  # a state's post (minister, commander), not a firm's or an envoy's


def place_posts(doc: DocState, principal: list[Resolved], found: list[Hit]) -> list[Hit]:
    """HOLDS_ROLE facts for the posts the report left unplaced, where the report implies the state
    (``found``: the report's other facts, whose people may share a sentence with the holder)."""
    hits: list[Hit] = []
    posts: dict[str, set[str]] = {}
    abroad: dict[str, set[str]] = {}  # a visitor is not at home where they visit
    for h in found:
        if h.predicate == "HOLDS_ROLE":
            posts.setdefault(h.evidence, set()).add(h.subject.name)
        if h.predicate == "VISITED":
            there = h.object if h.object.type == "Country" else _country_of(h, doc)
            if there is not None:
                abroad.setdefault(h.subject.name, set()).add(there.key)
    named = {c.key for c in doc.countries_seen}
    receivers = [
        h.object for h in found if h.predicate == "SUPPLIES" and h.object.type == "Country" and h.status != "denied"
    ]
    home = receivers[0] if receivers else None  # the state the report's first transfer goes to
    most = _named_most(doc)
    most = most if most is not None and most.key in {c.key for c in principal} else None
    for u in doc.unplaced:
        how = ""
        told = doc.persons.get(u.who.name, (u.who, None))[1]  # a later sentence told it
        country = told or (u.guess if u.guess is not None and u.guess.key in named else None)
        if country is None:
            others = (u.others | posts.get(u.sentence, set())) - {u.who.name}
            known = [doc.persons[o][1] for o in others if o in doc.persons]
            theirs = {c.key for c in known if c is not None}
            theirs |= abroad.get(u.who.name, set())
            left = {c.key: c for c in principal if c.key not in theirs}
            if theirs and len(left) == 1 and (_MEETING.search(u.sentence) or abroad.get(u.who.name)):
                country = next(iter(left.values()))
        if country is None and u.local and home is not None and home.key not in abroad.get(u.who.name, set()):
            country, how = home, HOME_RULE  # "Defence Minister A. Name said" in a report of what his state receives
        state_post = u.local or bool(_HEAD.search(u.role))
        if (
            country is None
            and u.guess is None
            and state_post
            and most is not None
            and most.key not in abroad.get(u.who.name, set())
        ):
            country, how = most, MOST_RULE  # "President A. Name" in a report that is about one state
        if country is None and u.guess is not None and (not named or u.guess.key in named):
            country = u.guess  # "Chancellor A. Name" is German unless the report names only other states
        if country is None:
            doc.dropped.append((u.sentence, f"{u.who.name} ({u.role})", "role with no country or organisation told"))
            continue
        hit = Hit(u.who, "HOLDS_ROLE", country, u.sentence, role=u.role, surfaces=[(u.who, u.surface)])
        hit.rule = (how or RULE) if told is None and country is not u.guess else ""
        hits.append(hit)
        doc.persons[u.who.name] = (u.who, country)
    return hits


def _named_most(doc: DocState) -> Resolved | None:
    """The state a report names at least three times and half again as often as any other, if there is one."""
    counts = Counter(c.key for c in doc.countries_seen)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]):
        return None
    return next(c for c in doc.countries_seen if c.key == ranked[0][0])


def _country_of(h: Hit, doc: DocState) -> Resolved | None:
    """The state of the place a visit went to, as the report's places know it."""
    for m in doc.registry.values():
        if m.entity.key == h.object.key and m.country is not None:
            return m.country
    return None


def foreign_visits(doc: DocState) -> list[Hit]:
    """Visits read from weak cues ("met ... in Rabat") by people whose state the report told only later."""
    hits: list[Hit] = []
    for who, surface, where, sentence, when in doc.maybe_visits:
        theirs = doc.persons.get(who.name, (who, None))[1]
        there = where.country.key if where.country else where.entity.key
        if theirs is not None and theirs.key != there:
            hit = Hit(
                who, "VISITED", where.entity, sentence, date=when, surfaces=[(who, surface), (where.entity, where.text)]
            )
            hit.rule = "a meeting in a place abroad (the visitor's state told elsewhere in the report)"
            hits.append(hit)
    return hits


def second_hand(hits: list[Hit]) -> list[Hit]:
    """A transfer whose supplier was only guessed (the system's maker, the last supplier named) takes
    the seller the report names for that system when it is not the maker: "Argentina buys 24 of
    Denmark's F-16s ... the F-16s will be handed over to Argentina" is Denmark's sale, not the
    United States'."""
    sellers: dict[str, set[str]] = {}
    names: dict[str, Resolved] = {}
    for h in hits:
        if h.predicate == "SUPPLIES" and not h.guessed:
            for w in h.weapons:
                if not w.generic and w.country is not None and w.country.key != h.subject.key:
                    sellers.setdefault(w.entity.name, set()).add(h.subject.key)
                    sellers.setdefault(f"kind:{w.category}", set()).add(h.subject.key)  # "the jets"
                    names[h.subject.key] = h.subject
    for h in hits:
        if h.predicate != "SUPPLIES" or not h.guessed:
            continue
        keys = {k for w in h.weapons for k in sellers.get(f"kind:{w.category}" if w.generic else w.entity.name, set())}
        if len(keys) == 1 and (key := next(iter(keys))) not in (h.subject.key, h.object.key):
            h.subject = names[key]
            h.rule += "; the seller the report names for this system, not its maker"
    return hits


def full_names(hits: list[Hit]) -> list[Hit]:
    """``President Rousseff`` before ``Dilma Rousseff``: a person named by surname alone is the one person of
    the report with that surname and a fuller name, if there is exactly one (no second node for them)."""
    people = {e.key: e for h in hits for e in (h.subject, h.object) if e.type == "Person"}
    fuller: dict[str, list[Resolved]] = {}
    for e in people.values():
        if " " in e.name:
            fuller.setdefault(e.name.split()[-1], []).append(e)
    for h in hits:
        for side in ("subject", "object"):
            e = getattr(h, side)
            if e.type == "Person" and " " not in e.name and len(fuller.get(e.name, [])) == 1:
                setattr(h, side, fuller[e.name][0])
    return hits
