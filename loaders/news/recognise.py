"""Open recognition: candidates found by their shape and context, then checked (pure).

The gazetteers of :mod:`loaders.entities` only know names someone wrote down. These rules find
names whatever they are and check them against general data (:mod:`.knowledge`):

- weapons: designations of the SIPRI-generated gazetteer, with plurals (``F-16s``) and variant
  suffixes (``Su-30SME`` -> ``Su-30``) taken off when the full form is unknown;
- arms producers of the SIPRI Top 100 data file;
- places: a capitalised name after a locative word (``in``, ``at``, ``near``, ``landed at``,
  ``the city of``) that GeoNames knows; every other candidate is dropped with its reason;
- organisations: ``X's state-owned Y`` and names ending in a corporate suffix.

Each dropped candidate is written to ``DocState.dropped`` for ``extract --explain``.
"""

from __future__ import annotations

import re

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
    r"|(?:city|town|port|region|province|village|base|airport|capital) of)\s+(?:the\s+)?" + _PLACE_NAME
)
_NOT_PLACE = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "a", "an", "it",
    "parliament", "congress", "senate", "government", "president", "minister", "ministry", "english",
}  # fmt: skip
_SITE = re.compile(
    r"\s+(?:air\s*base|airbase|airport|airfield|naval base|base|port|region|province|oblast|city)\b", re.I
)
_KIND_OF_FIRM = (
    r"(?:arms\s+|defen[cs]e\s+|weapons\s+|aerospace\s+|drone\s+|military\s+)?"
    r"(?:company|firm|manufacturer|maker|producer|exporter|conglomerate|corporation|agency|contractor|developer"
    r"|shipbuilder|shipyard|group)"
)
_STATE_OWNED = re.compile(
    r"(?:(?:’s|'s)\s+|\b)(?:state-owned|state-run|state-controlled|state|national|government-owned)\s+"
    + _KIND_OF_FIRM
    + rf"\s*,?\s+(?P<name>{_CAP}(?:\s+(?:{_CAP}|of|and|&))*)"
)
_OWNER_FIRM = re.compile(
    rf"(?P<lead>{_CAP}(?:\s+{_CAP})?)(?:’s|'s)?\s+(?:(?:leading|major|private|largest|main|top|biggest)\s+)?"
    r"(?:(?:arms|defen[cs]e|weapons|aerospace|drone|military|aircraft|missile|ammunition|munitions|armou?red"
    r"|vehicle|electronics|technology|industrial|engineering)\s+){0,2}"
    r"(?:company|firm|manufacturer|maker|producer|exporter|conglomerate|contractor|developer|shipbuilder|shipyard"
    r"|group|giant|startup|start-up|supplier)\s+"
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|&))*)"
)
_FIRM_APPOSITION = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|&))*),\s+(?:(?:the|a|an)\s+|[A-Z][\w-]*(?:’s|'s)\s+)"
    r"(?:[\w-]+\s+){0,3}?" + _KIND_OF_FIRM + r"\b(?![’'])"  # "Name, the company's chief": a person
)
_SUFFIX_ORG = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_CAP}\s+){{1,4}}(?:Ltd\.?|Limited|Inc\.?|PLC|plc|GmbH|AG|SA|S\.A\.|JSC|LLC"
    r"|Aerospace|Aviation|Dynamics|Systems|Industries|Shipyards?|Shipbuilding|Technologies"
    r"|Electronics|Armaments|Arsenal|Works|Plant|Factory|Forces|Front|Movement|Militia|Brigades?"
    r"|Corporation|Corp\.?|Company|Group|Holdings?|Enterprises|Concern|Consortium|Institute|Agency|Directorate|Organi[sz]ation))(?![\w-])"
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


def weapons(sentence: str, found: list[Mention], doc: DocState) -> None:
    """Designations of the SIPRI-generated gazetteer, longest first."""
    tokens = [(m.start(), m.end()) for m in _NAME_TOKEN.finditer(sentence)]  # spans across words fail the lookup
    i = 0
    while i < len(tokens):
        start = tokens[i][0]
        first = sentence[start]
        most = kb.weapon_start(sentence[start : tokens[i][1]].rstrip(".")) if first.isupper() or first.isdigit() else 0
        if not most:
            i += 1
            continue
        hit = None
        for n in range(min(most + 1, len(tokens) - i), 0, -1):
            end = tokens[i + n - 1][1]
            text = sentence[start:end].rstrip(".")
            if not _SPAN.fullmatch(text) or _BAD_SPACE.search(text):
                continue
            w = _lookup_weapon(text)
            if w is not None:
                hit = (start, start + len(text), text, w, n)
                break
        if hit is None:
            i += 1
            continue
        s, e, text, w, n = hit
        if not _overlaps(found, s, e):
            m = _weapon_mention(s, e, text, w)
            found.append(m)
            doc.register(text, m)
        i += n


def _role_after(sentence: str, pos: int) -> bool:
    """``IAI CEO Name``: a role word follows the name."""
    from .people import _role_rx

    m = re.match(r"\s+", sentence[pos:])
    return bool(m and _role_rx().match(sentence, pos + m.end()))


def producers(sentence: str, found: list[Mention], doc: DocState) -> None:
    """Arms producers of the data file; a one-word name must not be part of a longer name."""
    if kb.producer_firsts().isdisjoint(_FIRST.findall(sentence)):
        return
    for m in kb.producers_rx().finditer(sentence):
        s, e = m.start(), m.end()
        inside = [x for x in found if x.start < e and s < x.end]
        if any(x.start < s or x.end > e for x in inside) or any(x.kind == "organization" for x in inside):
            continue
        for x in inside:  # "Israel Aerospace Industries" is no mention of Israel
            found.remove(x)
        if " " not in m.group(0) and (
            (re.match(r"\s+[A-Z]", sentence[e:]) and not _role_after(sentence, e))
            or re.search(r"(?<![.!?])\s[A-Z][\w.]*\s+$", sentence[:s])
        ):
            doc.dropped.append((sentence, m.group(0), "producer name inside a longer capitalised name"))
            continue
        name, country = kb.producers()[m.group(0)]
        org = Mention(
            s,
            e,
            m.group(0),
            "organization",
            Resolved(ent.slugify(name), name, "Organization"),
            ent.country_by_key(country or ""),
            actor=True,
        )
        found.append(org)
        doc.register(m.group(0), org)


_SITE_WORDS = (
    r"(?:[Aa]ir\s*[Bb]ase|[Aa]irbase|[Aa]irport|[Aa]irfield|[Nn]aval [Bb]ase|[Pp]ort|[Cc]osmodrome|[Ss]hipyard)"
)
_SITE_AFTER = re.compile(rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})\s+(?P<site>{_SITE_WORDS})\b")
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
    for rx in (_SITE_AFTER, _SITE_BEFORE):
        for m in rx.finditer(sentence):
            name = m.group("name")
            if name.split()[0] in ("The", "A", "An") or _overlaps(found, m.start(), m.end()):
                continue
            site = sentence[m.start() : m.end()] if rx is _SITE_AFTER else name
            geo = _geo(name)
            country = _country_near(sentence, found, m.start(), m.end()) or (geo[1] if geo else None)
            if country is None:
                doc.dropped.append((sentence, site, "site with no country told"))
                continue
            s = m.start() if rx is _SITE_AFTER else m.start("name")
            _add_place(found, s, site, Resolved(ent.slugify(site), site, "Place"), country, "site")
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
            if got is not None:
                hit = (cand, got)
                break
        if hit is None:
            doc.dropped.append((sentence, " ".join(words), "not a GeoNames place"))
            continue
        cand, (place, country) = hit
        _add_place(found, s, cand, place, country, "geonames")
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


_BODY_OF = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_CAP}\s+){{0,2}}(?:Institute|Centre|Center|Council|Agency|Foundation|Academy"
    r"|University|Organi[sz]ation|Committee|Commission|Bureau|Association|Federation|Service|Directorate|Authority"
    rf"|Administration)\s+(?:of|for)\s+(?:the\s+)?{_CAP}"
    rf"(?:\s+(?:{_CAP}|and|&|of|for|the)){{0,5}}(?<![\s,]and)(?<!\sthe)(?<!\sof))"
)


_FIRM_WORD = re.compile(_KIND_OF_FIRM)
_BODY_WORD = re.compile(
    r"\b(?:Institute|Centre|Center|Council|Agency|Foundation|Academy|University|Organi[sz]ation|Committee"
    r"|Commission|Bureau|Association|Federation|Service|Directorate|Authority|Administration)\s+(?:of|for)\b"
)


def organisations(sentence: str, found: list[Mention], doc: DocState) -> None:
    """``X's state-owned company Y`` and ``... Aerospace``/``... Ltd`` names."""
    described = _FIRM_WORD.search(sentence) is not None  # cheap test before the costlier patterns
    for m in [*_STATE_OWNED.finditer(sentence), *_FIRM_APPOSITION.finditer(sentence)] if described else []:
        s, e = m.start("name"), m.end("name")
        if _overlaps(found, s, e) or m.group("name").split()[0].lower() in _NOT_PLACE:
            continue
        owner = next((x for x in found if x.end <= m.start() and m.start() - x.end <= 1 and x.kind == "country"), None)
        name = m.group("name")
        org = Mention(
            s,
            e,
            name,
            "organization",
            Resolved(ent.slugify(name), name, "Organization"),
            owner.entity if owner else None,
            actor=True,
        )
        found.append(org)
        doc.register(name, org)
    for m in _OWNER_FIRM.finditer(sentence) if described else ():
        _owner_firm(sentence, m, found, doc)
    bodies = _BODY_OF.finditer(sentence) if _BODY_WORD.search(sentence) else iter(())
    for m in [*_SUFFIX_ORG.finditer(sentence), *bodies]:
        s, e = m.start("name"), m.end("name")
        name = m.group("name")
        if name.startswith("The "):
            s, name = s + 4, name[4:]
        inside = [x for x in found if x.start < e and s < x.end]
        if any(
            x.start < s or x.end >= e or x.kind not in ("organization", "country", "place", "weapon") for x in inside
        ):
            continue  # "Ukrainian Armed Forces" is the state's; a name that runs on is not this one
        for x in inside:  # a joint venture named after a producer is no mention of that producer
            found.remove(x)
        first = name.split()[0]
        if ent.country(first) is None and ent.demonym(first) is None and first.lower() in _NOT_PLACE:
            doc.dropped.append((sentence, name, "corporate suffix after a common word"))
            continue
        org = Mention(s, e, name, "organization", Resolved(ent.slugify(name), name, "Organization"), actor=True)
        found.append(org)
        doc.register(name, org)


def _owner_firm(sentence: str, m: re.Match[str], found: list[Mention], doc: DocState) -> None:
    """``Turkish defence company Otokar``, ``Norway's arms maker Halvorsen``: a named firm of a country.

    The mention spans the whole phrase (the country word is the firm's home, not a second actor)."""
    lead = next((x for x in found if x.start == m.start("lead") and x.kind in ("country", "territory")), None)
    s, e = m.start("name"), m.end("name")
    name = re.sub(r"(?:’s|'s)$", "", m.group("name"))
    if lead is None or lead.end < m.end("lead") - 3 or _overlaps(found, s, e):
        return
    if ent.country(name) or ent.demonym(name.split()[0]) or name.split()[0].lower() in _NOT_PLACE:
        doc.dropped.append((sentence, name, "name after a firm word is a country or a common word"))
        return
    found.remove(lead)
    org = Mention(
        lead.start,
        s + len(name),
        name,
        "organization",
        Resolved(ent.slugify(name), name, "Organization"),
        lead.entity,
        actor=True,
        via="owner-firm",
    )
    found.append(org)
    doc.register(name, Mention(0, 0, name, "organization", org.entity, lead.entity, actor=True))


_BOUGHT = re.compile(r"\b(?:bought|buy|buys|purchas\w*|acquir\w*|order\w*|procur\w*|contract\w*|deal)\b", re.I)
_FROM_NAME = re.compile(
    rf"\b(?:from|with)\s+(?:the\s+)?(?:(?:[A-Z]{{2,}}\s+)?(?:unit|subsidiary|firm|company|maker)\s+)?"
    rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})"
)


def sellers(sentence: str, found: list[Mention], doc: DocState) -> None:
    """``bought drones from Skylock``: an unknown name a purchase comes from is a company."""
    if not _BOUGHT.search(sentence) or not any(m.kind == "weapon" for m in found):
        return
    for m in _FROM_NAME.finditer(sentence):
        s, e, name = m.start("name"), m.end("name"), m.group("name")
        if _overlaps(found, s, e) or name.split()[0].lower() in _NOT_PLACE or _geo(name) is not None:
            continue
        if re.match(r"\s*,\s+(?:a|an|the|who)\b", sentence[e:]) or ent.person(name):
            continue  # "from John Smith, the spokesman": a person
        org = Mention(s, e, name, "organization", Resolved(ent.slugify(name), name, "Organization"), actor=True)
        found.append(org)
        doc.register(name, org)


def recognise(sentence: str, found: list[Mention], doc: DocState) -> None:
    """Run every open rule over ``sentence``, adding to ``found`` (gazetteer mentions win)."""
    producers(sentence, found, doc)
    organisations(sentence, found, doc)
    weapons(sentence, found, doc)
    places(sentence, found, doc)
    made_in(sentence, found, doc)
