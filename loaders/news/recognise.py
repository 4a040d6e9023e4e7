"""Open recognition: candidates found by their shape and context, then checked (pure).

The gazetteers of :mod:`loaders.entities` only know names someone wrote down. These rules find
names whatever they are and check them against general data (:mod:`.knowledge`):

- weapons: designations of the SIPRI-generated gazetteer, with plurals (``F-16s``) and variant
  suffixes (``Su-30SME`` -> ``Su-30``) taken off when the full form is unknown;
- places: a capitalised name after a locative word (``in``, ``at``, ``near``, ``landed at``,
  ``the city of``) that GeoNames knows; every other candidate is dropped with its reason;
- organisations: in :mod:`.organisations` (producers, firms of a country, corporate suffixes).

Each dropped candidate is written to ``DocState.dropped`` for ``extract --explain``.
"""

from __future__ import annotations

import re
from itertools import islice

from .. import entities as ent
from ..entities import Resolved
from . import knowledge as kb
from .mentions import DocState, Mention

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&]*")
_VARIANT = re.compile(r"^(?P<base>.*\d)(?P<suffix>[A-Za-z]{1,4}\d?)$")
_PLURAL = re.compile(r"(?:s|’s|'s|es)$")
_NAME_TOKEN = re.compile(r"(?<![A-Za-z0-9.&])[A-Z0-9][A-Za-z0-9.&]*")
_FIRST = re.compile(r"[A-Z][\w&.-]*")
_SPAN = re.compile(r"[\w.&’' /-]+")
_BAD_SPACE = re.compile(r"\s{2,}|[’']\s")
_CODE_LIKE = re.compile(r"\d|[A-Z]{2}")
_DIGIT = re.compile(r"\d")
_DIGIT_S = re.compile(r"\ds$")

_CAP = r"(?:[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*)"
_PLACE_NAME = rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})"
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|from|to|into|landed at|arrived at|arrived in|reached|visit(?:ed|ing|s)?|toured"
    r"|(?:attacks?|strikes?|raids?|assaults?|shelling|bombing|offensive) (?:on|against)"
    r"|(?:city|town|port|region|province|village|base|airport|capital) of)\s+(?:the\s+)?" + _PLACE_NAME
)
_NOT_PLACE = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "a", "an", "it",
    "parliament", "congress", "senate", "government", "president", "minister", "ministry", "english",
    "asia", "europe", "africa", "oceania", "antarctica", "eurasia", "arctic",  # continents, not towns
}  # fmt: skip
_SITE = re.compile(
    r"\s+(?:air\s*base|airbase|airport|airfield|naval base|base|port|region|province|oblast|city)\b", re.I
)


def _overlaps(found: list[Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in found)


def _weapon_mention(start: int, end: int, text: str, w: kb.RegisterWeapon) -> Mention:
    curated = ent.weapon(text) or ent.weapon(w.name)  # the analysts' gazetteer wins where it has the system
    if curated is not None:
        w = kb.RegisterWeapon(w.surface, curated.name, curated.category, curated.origin)
    origin = ent.country_by_key(w.origin) if w.origin else None
    return Mention(
        start, end, text, "weapon", Resolved(ent.slugify(w.name), w.name, "WeaponSystem"), origin, category=w.category
    )


def _lookup_weapon(text: str) -> kb.RegisterWeapon | None:
    index = kb.weapons()
    key = kb.norm(text)
    hit = index.get(key)
    if hit is None and _PLURAL.search(text) and _CODE_LIKE.search(text):
        hit = index.get(kb.norm(_PLURAL.sub("", text)))
    if hit is None:
        m = _VARIANT.match(_PLURAL.sub("", text) if _DIGIT_S.search(text) else text)
        if m and ("-" in m.group("base") or " " in m.group("base")):
            hit = index.get(kb.norm(m.group("base")))
    if hit is not None and not _DIGIT.search(hit.surface) and not text[:1].isupper():
        return None  # a designation that is a word must be written as a name
    return hit


def designation_at(sentence: str, start: int) -> tuple[int, str, kb.RegisterWeapon] | None:
    """The longest designation of the SIPRI-generated gazetteer that begins at ``start``: (end, text, weapon)."""
    head = _NAME_TOKEN.match(sentence, start)
    if head is None:
        return None
    most = kb.weapon_start(head.group(0).rstrip("."))
    if not most:
        return None
    tokens = [(m.start(), m.end()) for m in islice(_NAME_TOKEN.finditer(sentence, start), most + 1)]
    for n in range(len(tokens), 0, -1):
        text = sentence[start : tokens[n - 1][1]].rstrip(".")
        if not _SPAN.fullmatch(text) or _BAD_SPACE.search(text):
            continue
        w = _lookup_weapon(text)
        if w is not None:
            return start + len(text), text, w
    return None


def weapons(sentence: str, found: list[Mention], doc: DocState) -> None:
    """Designations of the SIPRI-generated gazetteer, longest first."""
    done = 0
    for m in _NAME_TOKEN.finditer(sentence):  # spans across words fail the lookup
        if m.start() < done:
            continue
        hit = designation_at(sentence, m.start())
        if hit is None:
            continue
        e, text, w = hit
        done = e
        if not _overlaps(found, m.start(), e):
            mention = _weapon_mention(m.start(), e, text, w)
            found.append(mention)
            doc.register(text, mention)


_SITE_WORDS = (
    r"(?:[Aa]ir\s*[Bb]ase|[Aa]irbase|[Aa]irport|[Aa]irfield|[Nn]aval [Bb]ase|[Pp]ort|[Cc]osmodrome|[Ss]hipyard"
    r"|[Ww]harf|[Nn]aval [Ss]tation|[Dd]ockyard)"
)
_SITE_AFTER = re.compile(
    rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})\s+(?:(?:military|naval|air|international|army)\s+)?(?P<site>{_SITE_WORDS})\b"
)
_SITE_BEFORE = re.compile(rf"\b(?P<site>{_SITE_WORDS})\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})")
_LIST_NEXT = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<name>{_CAP}(?:\s+{_CAP})?)")


def _geo(name: str) -> tuple[Resolved, Resolved | None] | None:
    if name.isupper():  # an acronym (IRNA, AFP) is an agency or a party, not a town
        return None
    if name.split()[0].lower() in _NOT_PLACE or ent.country(name) or ent.demonym(name) or ent.organization(name):
        return None
    return kb.geo_place(name)


def _country_near(sentence: str, found: list[Mention], s: int, e: int) -> Resolved | None:
    """The country of a site: a demonym or country just before it, or ``in X`` just after."""
    for m in found:
        if m.kind in ("country", "place") and 0 <= s - m.end <= 3 and m.country is not None:
            return m.country
    after = re.match(
        r"\s*(?:,\s*|\s+)(?:in|near|of)\s+(?:the\s+)?(?:(?:central|(?:north|south)(?:-?(?:east|west))?(?:ern)?"
        r"|east(?:ern)?|west(?:ern)?)\s+)?",
        sentence[e:],
        re.I,
    )
    if after:
        nxt = next((m for m in found if m.start == e + after.end()), None)
        if nxt is not None and nxt.country is not None:
            return nxt.country
    return None


def _add_place(found: list[Mention], s: int, name: str, place: Resolved, country: Resolved | None, via: str) -> None:
    found.append(Mention(s, s + len(name), name, "place", place, country, via=via))


def places(sentence: str, found: list[Mention], doc: DocState) -> None:
    """A capitalised name after a locative word, kept when GeoNames knows it; lists that follow a
    place (``in Kyiv, Lviv and Dnipro``); sites (``Sunan Airport``, ``the air base Tanagra``)."""
    later = _sites(sentence, found, doc, None)
    _locatives(sentence, found, doc)
    _sites(sentence, found, doc, later)  # "the X shipyard in Haiphong": the town gives the country
    _lists(sentence, found)


def _sites(
    sentence: str, found: list[Mention], doc: DocState, retry: list[re.Match[str]] | None
) -> list[re.Match[str]]:
    """Sites whose country is told; returns the ones with none, to try again once the towns are known
    (``retry``: the second try, which records what it drops)."""
    none = []
    matches = retry if retry is not None else [m for rx in (_SITE_AFTER, _SITE_BEFORE) for m in rx.finditer(sentence)]
    for m in matches:
        name = m.group("name")
        if name.split()[0] in ("The", "A", "An") or _overlaps(found, m.start(), m.end()):
            continue
        site = sentence[m.start() : m.end()] if m.re is _SITE_AFTER else name
        geo = _geo(name)
        country = _country_near(sentence, found, m.start(), m.end()) or (geo[1] if geo else None)
        if country is None:
            if retry is not None:
                doc.dropped.append((sentence, site, "site with no country told"))
            none.append(m)
            continue
        s = m.start() if m.re is _SITE_AFTER else m.start("name")
        _add_place(found, s, site, Resolved(ent.slugify(site), site, "Place"), country, "site")
    return none


def title_case(text: str) -> bool:
    """A headline in title case, where capitals say nothing of names ("Lithuania to Buy 8 HIMARS")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _locatives(sentence: str, found: list[Mention], doc: DocState) -> None:
    headline = title_case(sentence)
    for m in _LOCATIVE.finditer(sentence):
        s = m.start("name")
        words = re.sub(r"(?:’s|'s)$", "", m.group("name")).split()
        if _overlaps(found, s, s + 1) or words[0].lower() in _NOT_PLACE:
            continue
        hit = None
        for k in range(len(words), 0, -1):  # "Istres commune": the name without its head noun
            cand = " ".join(words[:k])
            if k < len(words) and not _SITE.match(" " + " ".join(words[k:])):
                continue
            got = _geo(cand)
            if got is not None and headline and kb.population(cand) < kb.ALIAS_POPULATION:
                doc.dropped.append((sentence, cand, "a small town's name in a title-case headline"))
                got = None
            if got is not None:
                hit = (cand, got)
                break
        if hit is None:
            doc.dropped.append((sentence, " ".join(words), "not a GeoNames place"))
            continue
        cand, (place, country) = hit
        _add_place(found, s, cand, place, country, "geonames")


def _lists(sentence: str, found: list[Mention]) -> None:
    found.sort(key=lambda x: x.start)
    for first in [m for m in found if m.kind == "place" or m.via == "capital"]:
        end = first.end
        while True:
            nxt = _LIST_NEXT.match(sentence, end)
            if nxt is None:
                break
            s, name = nxt.start("name"), nxt.group("name")
            there = next((x for x in found if x.start == s), None)
            if there is not None:
                if there.kind not in ("place", "country"):
                    break
                end = there.end
                continue
            got = _geo(name) or (_geo(name.split()[0]) if " " in name else None)
            if got is None:
                break
            name = got[0].name if " " in name and not _geo(name) else name
            _add_place(found, s, name, got[0], got[1], "list")
            end = s + len(name)
    found.sort(key=lambda x: x.start)


_PLACE_MADE = re.compile(rf"(?P<name>{_CAP})-(?:made|built|manufactured|produced|assembled)\b")


def made_in(sentence: str, found: list[Mention], doc: DocState) -> None:
    """``Hyderabad-made drones``: a GeoNames place before ``-made`` (countries are found already)."""
    for m in _PLACE_MADE.finditer(sentence):
        s, e = m.start("name"), m.end("name")
        if _overlaps(found, s, e):
            continue
        got = _geo(m.group("name"))
        if got is None:
            doc.dropped.append((sentence, m.group("name"), "not a GeoNames place"))
            continue
        _add_place(found, s, m.group("name"), got[0], got[1], "made-in")
