"""Finding entity mentions in a sentence (pure, lexicon-driven).

Countries, demonyms, capitals and seats of government, places, organisations, people and
weapon systems come from the gazetteers of :mod:`loaders.entities`; organisations are also
found by their suffix (``... Corporation``), weapons by their designation (``Garpiya-3``) and
generic types (``short-range ballistic missiles``). A capital is a place after a locative
word (``a visit to Moscow``) and the state elsewhere (``Moscow sent ...``). A document
registry carries names across sentences: acronyms given in brackets, surnames of people
named in full, and the last person for ``he``/``she``.

This module holds the mention types and the gazetteer look-ups; :mod:`.tagging` runs them with
the open rules over a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import entities as ent
from ..entities import Resolved

PRIORITY = ("weapon", "person", "organization", "seat", "capital", "place", "country", "demonym")
GOV = (
    r"(?:government|forces|army|military|authorities|troops|navy|air force|armed forces|regime"
    r"|leadership|side|officials|(?:foreign |defen[cs]e |interior )?ministry|state media"
    r"|(?:foreign|defen[cs]e) ministry)"
)
TERRITORY = (
    r"(?:cities|city|territory|territories|oblasts|regions|infrastructure|civilians|soil|positions"
    r"|targets|towns)"
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|into|inside|visit(?:ed|ing|s)?|tour(?:ed)?|landed in|arrived in|trip to|visit to"
    r"|travel(?:l?ed)? to|flew to|attacks? on|strikes? on|raids? on|assaults? on|territory of|city of"
    r"|outskirts of|over|around)\s+(?:the\s+)?$",
    re.I,
)
_ORG = re.compile(
    r"(?<![\w-])(?:[A-Z][\w&.-]*\s+){1,5}(?:Corporation|Company|Corp\.|Institute|Center|Centre|Agency"
    r"|Industries|Organization|Organisation|Council|Group|Bureau|Committee|Association|Foundation"
    r"|Concern)(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*)?"
)
_ACRONYM = re.compile(r"^\s*[\(\[]([A-Z][A-Z0-9-]{0,7}[A-Z0-9]|[A-Z]\d)[\)\]]")
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her)\b", re.I)
_POSSESSIVE_COUNTRY = re.compile(r"\b(?:his|her) (?:own )?country\b", re.I)


@dataclass
class Mention:
    """One mention of an entity in a sentence."""

    start: int
    end: int
    text: str
    kind: str  # country, place, organization, person, weapon, territory
    entity: Resolved
    country: Resolved | None = None  # a place's country, a person's, a weapon's origin
    actor: bool = False  # can supply, receive or use weapons
    category: str | None = None  # weapon category
    generic: bool = False  # a generic weapon type ("drones")
    via: str = ""  # how it was found: demonym, capital, seat, pronoun, ...


@dataclass
class DocState:
    """What a report has told so far: aliases given in it and the people named."""

    registry: dict[str, Mention] = field(default_factory=dict)  # surface -> template mention
    persons: dict[str, tuple[Resolved, Resolved | None]] = field(default_factory=dict)
    last_person: tuple[Resolved, Resolved | None] | None = None
    last_generic: dict[str, tuple[str, int]] = field(default_factory=dict)  # head -> (name, sentence)
    sentence_no: int = 0
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (sentence, candidate, why)
    countries_seen: list[Resolved] = field(default_factory=list)  # countries named, in order
    orgs_seen: list[Resolved] = field(default_factory=list)  # organisations named, in order
    dateline: Resolved | None = None  # the country of the report's dateline ("NAIROBI, March 14 -")
    event_place: tuple[Any, int] | None = None  # the place an event was held: (place mention, sentence)
    role_wanted: tuple[str, Resolved, int] | None = None  # a post told without a name: (role, country, sentence)
    pending: Any = None  # a transfer with one side told, waiting for the next sentence (transfers.Pending)
    unplaced: list[Any] = field(default_factory=list)  # posts told without their state (implied.Unplaced)
    maybe_visits: list[Any] = field(default_factory=list)  # (person, surface, place, sentence, date): whose?
    _rx: re.Pattern[str] | None = None

    def register(self, surface: str, template: Mention) -> None:
        if surface and surface not in self.registry:
            self.registry[surface] = template
            self._rx = None

    def registry_rx(self) -> re.Pattern[str] | None:
        if self._rx is None and self.registry:
            alts = sorted((re.escape(s) for s in self.registry), key=len, reverse=True)
            self._rx = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?=s?(?![\w]))")  # "K2s" after "K2"
        return self._rx

    def add_person(self, who: Resolved, where: Resolved | None, surface: str | None = None) -> None:
        known = self.persons.get(who.name)
        where = where or (known[1] if known else None)
        self.persons[who.name] = (who, where)
        self.last_person = (who, where)
        words = who.name.split()
        family = {words[0]} if len(words) in (2, 3) and _GIVEN_LAST.fullmatch(words[-1]) else set()
        for s in {who.name, surface or who.name, words[-1]} | family:
            if len(s) > 2:
                self.register(s, Mention(0, 0, s, "person", who, where))


_GIVEN_LAST = re.compile(r"[A-Z][a-z]+-[a-z]+")  # "Shin Won-sik": a Korean given name last, the family name first
_TOKEN = re.compile(r"\w[\w'’.&]*")
_MAX_WORDS = 7


@cache
def _surfaces() -> dict[str, list[str]]:
    """Surface form -> the kinds of gazetteer entry it names."""
    kinds: dict[str, list[str]] = {}
    for kind, names in ent.gazetteer().surface.items():
        for n in names:
            kinds.setdefault(" ".join(n.split()), []).append(kind)
    return kinds


def _variants(text: str) -> list[str]:
    out = [text]
    for suffix in (".", "’s", "'s", "s"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            out.append(text[: -len(suffix)])
    return out


@cache
def _first_words() -> dict[str, int]:
    """First word of every surface form -> the most words a form starting with it has."""
    first: dict[str, int] = {}
    for form in _surfaces():
        words = _TOKEN.findall(form)
        if words:
            first[words[0]] = max(first.get(words[0], 0), len(words))
    return first


def _scan(sentence: str) -> list[tuple[int, int, str, list[str]]]:
    """Longest gazetteer names in ``sentence`` by word n-gram lookup: (start, end, text, kinds)."""
    kinds = _surfaces()
    first = _first_words()
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    out = []
    i = 0
    while i < len(tokens):
        word = sentence[tokens[i][0] : tokens[i][1]]
        most = first.get(word, 0)
        if word[-1] in "s.":
            most = max((first.get(v, 0) for v in _variants(word)), default=0)
        if not most:
            i += 1
            continue
        hit = None
        for n in range(min(most, len(tokens) - i), 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            text = sentence[start:end]
            for v in _variants(" ".join(text.split())):
                if v in kinds:
                    hit = (start, start + len(v), v, kinds[v], n)
                    break
            if hit:
                break
        if hit:
            start, end, text, k, n = hit
            tail = sentence[end : tokens[i + n - 1][1]]
            if tail in ("’s", "'s", "s"):
                end, text = end + len(tail), text + tail
            out.append((start, end, text, k))
            i += n
        else:
            i += 1
    return out


def _overlaps(spans: list[Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in spans)


def _from_gazetteer(text: str, kinds: list[str], sentence: str, start: int) -> Mention | None:
    base = re.sub(r"(’s|'s)$", "", text)
    if base not in _surfaces() and base[:-1] in _surfaces():
        base = base[:-1]
    kinds = kinds or []
    for kind in PRIORITY:
        if kind not in kinds:
            continue
        end = start + len(text)
        if kind == "weapon":
            w = ent.weapon(base)
            if w:
                return Mention(
                    start,
                    end,
                    text,
                    "weapon",
                    Resolved(ent.slugify(w.name), w.name, "WeaponSystem"),
                    ent.country_by_key(w.origin) if w.origin else None,
                    category=w.category,
                )
        elif kind == "person":
            found = ent.person(base)
            if found:
                return Mention(start, end, text, "person", found[0], found[1])
        elif kind == "organization":
            found = ent.organization(base)
            if found:
                return Mention(start, end, text, "organization", found[0], found[1], actor=True)
        elif kind == "seat":
            c = ent.metonym(base)
            if c:
                return Mention(start, end, text, "country", c, c, actor=True, via="seat")
        elif kind == "capital":
            return _capital(base, sentence, start, end, text)
        elif kind == "place":
            found = ent.place(base)
            if found:
                if found[1] and ent.capital_of(found[1].key) == found[0].name:
                    return _capital(base, sentence, start, end, text)
                return Mention(start, end, text, "place", found[0], found[1])
        elif kind == "country":
            c = ent.country(base)
            if c:
                located = bool(re.search(r"\b(?:in|at|across|throughout|inside)\s+(?:the\s+)?$", sentence[:start]))
                return Mention(start, end, text, "country", c, c, actor=not located)
        elif kind == "demonym":
            c = ent.demonym(base)
            if c:
                plural = base.endswith("s") and not base.endswith("ss")
                return Mention(start, end, text, "country", c, c, actor=plural, via="demonym")
    return None


def _capital(base: str, sentence: str, start: int, end: int, text: str) -> Mention | None:
    found = ent.place(base)
    country = ent.metonym(base)
    if found is None or country is None:
        return None
    after = sentence[end : end + 60]
    as_place = bool(_LOCATIVE.search(sentence[max(0, start - 40) : start])) or bool(
        re.match(r"\s*(?:,|-based)\s*", after) and re.match(r"\s*,\s*(?:the\s+)?[\w ’']+capital|-based", after)
    )
    if as_place:
        return Mention(start, end, text, "place", found[0], found[1], via="capital")
    return Mention(start, end, text, "country", country, country, actor=True, via="capital")


_NEXT_CAP = re.compile(r"\s+([A-Z][a-z][\w'’-]*)")
_PREV_CAP = re.compile(r"(?<=\w)[,;:]?\s+([A-Z][a-z][\w'’-]*)\s+$")
_NAME_OK = re.compile(
    r"(?:Oblast|Region|Province|Governorate|District|County|City|Metropolitan|International|Airport|Air|Naval"
    r"|Port|Harbou?r|Base|Mayor|Governor|Authorities|Government|Police|Municipality|Summit|Forum|Conference"
    r"|Airbase|Airfield|Bay|Shipyard|Plant|Factory|On|In|At|By|And|Or|The|A|An|But|Since|After|Before|From|To"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)$"
)


def _inside_name(sentence: str, start: int, end: int, found: list[Mention]) -> bool:
    """A place written as part of a longer capitalised name: a first name (``Sofia Lindgren``), a
    surname (``Ana Cardoso Lima``) or a title (``The Kyiv Independent``, ``Tehran Times``)."""
    nxt = _NEXT_CAP.match(sentence, end)
    if nxt is not None and not _NAME_OK.match(nxt.group(1)) and not _known_word(nxt.group(1)):
        return True
    prev = _PREV_CAP.search(sentence, 0, start)
    if prev is not None and "," not in sentence[prev.start() : prev.start(1)]:
        word = prev.group(1)
        if not _NAME_OK.match(word) and not _known_word(word) and not any(m.end == prev.end(1) for m in found):
            return True
    return False


def _known_word(word: str) -> bool:
    """A capitalised word that is a gazetteer name, a role or a title rather than part of a name."""
    from .lexicon import rx

    if word in _first_words() or ent.country(word) or ent.demonym(word):
        return True
    return rx("roles").fullmatch(word) is not None or rx("honorifics").fullmatch(word) is not None


def _extend_actor(m: Mention, sentence: str) -> Mention:
    """``Ukrainian government``, ``Pakistan Air Force``, ``the Russian capital``, ``Ukrainian cities``."""
    if m.kind != "country":
        return m
    after = sentence[m.end :]
    gov = re.match(r"[\s-]+" + GOV + r"\b", after, re.I)
    if gov:
        m.end += gov.end()
        m.text = sentence[m.start : m.end]
        m.actor = True
        return m
    if m.via == "demonym":
        cap = re.match(r"\s+capital\b", after)
        if cap and re.search(r"\bthe\s+$", sentence[: m.start]) and ent.capital_of(m.entity.key):
            found = ent.place(ent.capital_of(m.entity.key) or "")
            if found:
                return Mention(
                    m.start,
                    m.end + cap.end(),
                    sentence[m.start : m.end + cap.end()],
                    "place",
                    found[0],
                    found[1],
                    via="capital",
                )
        terr = re.match(r"\s+(?:\w+\s+)?" + TERRITORY + r"\b", after, re.I)
        if terr:
            m.kind = "territory"
    return m


def pronouns(sentence: str, found: list[Mention], doc: DocState) -> list[Mention]:
    """``he``/``she`` mentions of the last person named, merged into ``found``."""
    if doc.last_person is None:
        return found
    extra = [
        Mention(m.start(), m.end(), m.group(0), "person", doc.last_person[0], doc.last_person[1], via="pronoun")
        for m in _PRONOUN.finditer(sentence)
        if not _overlaps(found, m.start(), m.end())
    ]
    return sorted(found + extra, key=lambda x: x.start) if extra else found
