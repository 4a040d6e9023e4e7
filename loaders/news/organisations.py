"""Open recognition of organisations (pure): found by their shape and context, whatever their name.

- arms producers of the SIPRI Top 100 data file;
- ``X's state-owned company Y``, ``Turkish defence company Y``, ``Y, a drone maker``;
- names ending in a corporate suffix (``... Ltd``, ``... Aerospace``) or naming a body of something
  (``Institute for ...``);
- a seller: ``bought drones from Y`` where ``Y`` is no known place or person.
"""

from __future__ import annotations

import re

from .. import entities as ent
from ..entities import Resolved
from . import knowledge as kb
from .holders import state_body
from .mentions import DocState, Mention
from .recognise import _CAP, _FIRST, _NOT_PLACE, _geo, _overlaps

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


def _role_after(sentence: str, pos: int) -> bool:
    """``IAI CEO Name``: a role word follows the name."""
    from .people import _role_rx

    m = re.match(r"\s+", sentence[pos:])
    return bool(m and _role_rx().match(sentence, pos + m.end()))


def _post_inside(name: str) -> int | None:
    """Where a post word starts inside a body's name, after its ``of``/``for``; ``None`` if none does."""
    from .people import _role_rx

    joint = re.search(r"\s(?:of|for)\s", name)
    post = _role_rx().search(name, joint.end()) if joint else None
    if post is None or not name[post.start() - 1 : post.start()].isspace():
        return None
    return post.start()


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
            via="owner-firm",  # described as a firm: it makes or sells
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
        owned = re.match(r"[A-Z][\w-]*(?:’s|'s)\s+(?:the\s+)?", name)  # "India's Hindustan Aeronautics Ltd."
        owner = next((x for x in found if x.start == s and x.kind == "country"), None) if owned else None
        if owned and " " in name[owned.end() :]:
            s, name = s + owned.end(), name[owned.end() :]
        post = _post_inside(name) if m.re is _BODY_OF else None
        if post is not None:  # "Service for Military Technical Cooperation Director A. Name": ends before the post
            name = name[:post].rstrip()
            e = s + len(name)
        state = next((x for x in found if x.kind == "country" and s < x.start and x.end < e), None)
        if m.re is _BODY_OF and state is not None and sentence[: state.start].endswith(("of ", "of the ")):
            e, name = state.end, sentence[s : state.end]  # "Security Committee of Belarus A. Name": ends at Belarus
        inside = [x for x in found if x.start < e and s < x.end]
        if any(
            x.start < s or x.end >= e or x.kind not in ("organization", "country", "place", "weapon") for x in inside
        ):
            continue  # "Ukrainian Armed Forces" is the state's; a name that runs on is not this one
        if state_body(name):
            doc.dropped.append((sentence, name, "a state's armed force or body: the state"))
            continue
        for x in inside:  # a joint venture named after a producer is no mention of that producer
            found.remove(x)
        first = name.split()[0]
        if ent.country(first) is None and ent.demonym(first) is None and first.lower() in _NOT_PLACE:
            doc.dropped.append((sentence, name, "corporate suffix after a common word"))
            continue
        country = owner.entity if owner is not None else None
        org = Mention(s, e, name, "organization", Resolved(ent.slugify(name), name, "Organization"), country, True)
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


_MADE_BY_NAME = re.compile(
    rf"\b(?:made|manufactured|produced|built|developed|assembled)\s+by\s+(?:the\s+)?(?P<name>{_CAP}(?:\s+(?:(?:and|of|for|&)\s+)?{_CAP}){{0,4}})"
)


_BODY_END = re.compile(
    r"(?:Organi[sz]ation|Corporation|Company|Industries|Agency|Institute|Establishment|Bureau|Centre|Center|Works"
    r"|Systems|Group|Laboratory|Laboratories|Directorate|Administration)$"
)


def sellers(sentence: str, found: list[Mention], doc: DocState) -> None:
    """``bought drones from Skylock``, ``drones made by Skylock``: an unknown name a purchase comes from, or a
    weapon is made by, is a company."""
    if not any(m.kind == "weapon" for m in found):
        return
    bought = _FROM_NAME.finditer(sentence) if _BOUGHT.search(sentence) else iter(())
    for m in [*bought, *_MADE_BY_NAME.finditer(sentence)]:
        s, e, name = m.start("name"), m.end("name"), m.group("name")
        home = next((x for x in found if x.kind == "country" and s < x.start < e), None)
        cut = re.search(r"\s+(?:of|for)\s+$", sentence[s : home.start]) if home is not None else None
        made = m.re is _MADE_BY_NAME
        if made and cut is not None:  # "by the X Organization of India": the body ends before
            e = s + cut.start()
            name = sentence[s:e]
        common = name.split()[0].lower() in _NOT_PLACE and (not made or " " not in name)
        if made and " and " in name and not _BODY_END.search(name):  # "by Lockheed Martin and Boeing": two
            e = s + name.index(" and ")
            name = sentence[s:e]
        if made and " " in name and not (_BODY_END.search(name) or re.search(r"\b[A-Z]{2,}\b", name)):
            continue  # "developed by Arman Petrosyan": two unknown words may be a person
        part = [x for x in found if x.start < e and s < x.end]
        longer = made and part and all(x.kind == "organization" and s <= x.start < x.end <= e for x in part)
        longer = longer and all(x.end - x.start < e - s for x in part)  # a known firm whole: kept as it is
        if _overlaps([x for x in found if not (longer and x in part)], s, e) or common or _geo(name) is not None:
            continue
        if re.match(r"\s*,\s+(?:a|an|the|who)\b", sentence[e:]) or ent.person(name):
            continue  # "from John Smith, the spokesman": a person
        for x in part if longer else []:  # "by the Defense Research and Development Organization": the whole name
            found.remove(x)
        via = "owner-firm" if made else ""  # a maker is a firm
        found_org = Resolved(ent.slugify(name), name, "Organization")
        org = Mention(s, e, name, "organization", found_org, actor=True, via=via)
        found.append(org)
        doc.register(name, org)
