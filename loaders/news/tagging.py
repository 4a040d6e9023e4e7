"""Tagging a sentence: every mention in it, from the gazetteers (:mod:`.mentions`) and the open
rules (:mod:`.recognise`, :mod:`.organisations`, :mod:`.weapon_types`), left to right; the
document registry carries names across sentences."""

from __future__ import annotations

import re
from functools import cache

from .. import entities as ent
from ..entities import Resolved
from .lexicon import lexicon, words_rx
from .mentions import (
    _ACRONYM,
    _ORG,
    _POSSESSIVE_COUNTRY,
    DocState,
    Mention,
    _extend_actor,
    _from_gazetteer,
    _inside_name,
    _overlaps,
    _scan,
)
from .organisations import organisations, producers, sellers
from .recognise import designation_at, made_in, places, weapons
from .weapon_types import weapon_types


def tag(sentence: str, doc: DocState) -> list[Mention]:
    """Every mention in ``sentence``, left to right; updates the document registry."""
    found: list[Mention] = []
    for start, _end, text, kinds in _scan(sentence):
        if ent._norm(text) in ent.gazetteer().never:
            continue
        got = _from_gazetteer(text, kinds, sentence, start)
        place = got is not None and (got.via == "capital" or got.kind == "place")
        if got is not None and place and _inside_name(sentence, got.start, got.end, found):
            doc.dropped.append((sentence, got.text, "place name inside a longer capitalised name"))
            continue
        if got is not None and got.kind == "weapon":
            longer = designation_at(sentence, got.start)
            if longer is not None and longer[0] > got.end:  # "Leopard 1A5" is not the "Leopard" of the gazetteer
                continue
        if got is not None and not _overlaps(found, got.start, got.end):
            found.append(_extend_actor(got, sentence))
    reg = doc.registry_rx()
    if reg is not None:
        for m in reg.finditer(sentence):
            if not _overlaps(found, m.start(), m.end()):
                t = doc.registry[m.group(0)]
                found.append(
                    Mention(
                        m.start(),
                        m.end(),
                        m.group(0),
                        t.kind,
                        t.entity,
                        t.country,
                        t.actor,
                        t.category,
                        t.generic,
                        "registry",
                    )
                )
    recognise(sentence, found, doc)
    for m in _ORG.finditer(sentence):
        s = m.start() + (4 if m.group(0).startswith("The ") else 0)
        if not _overlaps(found, s, m.end()):
            name = sentence[s : m.end()]
            org = Mention(
                s,
                m.end(),
                name,
                "organization",
                Resolved(ent.slugify(name), name, "Organization"),
                actor=True,
            )
            found.append(org)
            doc.register(name, org)
    weapon_types(sentence, found, doc)
    sellers(sentence, found, doc)
    for m in _POSSESSIVE_COUNTRY.finditer(sentence):
        if doc.last_person and doc.last_person[1] and not _overlaps(found, m.start(), m.end()):
            c = doc.last_person[1]
            found.append(Mention(m.start(), m.end(), m.group(0), "country", c, c, actor=True, via="pronoun"))
    found.sort(key=lambda x: x.start)
    found[:] = [m for m in found if not _first_name(sentence, m)]
    for mention in found:  # acronyms given in brackets become aliases for the rest of the report
        acr = _ACRONYM.match(sentence[mention.end :])
        if acr and mention.kind in ("organization", "weapon", "country", "place"):
            doc.register(acr.group(1), mention)
    return found


def recognise(sentence: str, found: list[Mention], doc: DocState) -> None:
    """Run every open rule over ``sentence``, adding to ``found`` (gazetteer mentions win)."""
    producers(sentence, found, doc)
    organisations(sentence, found, doc)
    weapons(sentence, found, doc)
    places(sentence, found, doc)
    made_in(sentence, found, doc)


@cache
def _post_before() -> re.Pattern[str]:
    words = [*lexicon()["roles"], *lexicon()["ranks"], *(lexicon().get("honorifics") or [])]
    return re.compile(r"(?:" + words_rx(words).pattern + r")\s+$", re.I)


def _first_name(sentence: str, m: Mention) -> bool:
    """``Defense Secretary Delfin Lorenzana``: a designation that is a word (the L-29's Delfin), or a firm's
    one-word name (``Rafael``), after a post and before a capitalised name, is somebody's first name."""
    return (
        (m.kind == "weapon" or (m.kind == "organization" and " " not in m.text))
        and not m.generic
        and not any(c.isdigit() for c in m.text)
        and re.match(r"\s+[A-Z][a-z]", sentence[m.end :]) is not None
        and _post_before().search(sentence, max(0, m.start - 60), m.start) is not None
    )
