"""Patterns about people (pure): titles before or after names, and visits."""

from __future__ import annotations

import re
from functools import cache

from .. import entities as ent
from ..entities import Resolved
from . import knowledge as kb
from .context import NAME, Context, Hit
from .holders import body_after, named_next, speakers
from .implied import Unplaced
from .lexicon import lexicon, words_rx
from .mentions import Mention
from .recognise import _NOT_PLACE

_TITLES = re.compile(
    r"^(?:(?:Gen|Lt|Maj|Brig|Col|Capt|Adm|Cmdr|Sgt|Dr|Mr|Mrs|Ms|Prof|Rep|Sen|Gov)\.?\s+"
    r"|(?:Lieutenant|Major|Brigadier|Air Chief|Air Vice|Air|Vice|Rear|Field|Lieutenant Colonel)\s+"
    r"|(?:General|Colonel|Admiral|Marshal|Captain|Commander|Commodore|Sheikh|Sir|Ayatollah|President"
    r"|Minister|Senator|Ambassador)\s+)+"
)
_LOCAL_ROLE = re.compile(
    r"\b(?:minister|president|premier|chancellor|secretary|spokes(?:man|woman|person)|general|colonel|admiral"
    r"|marshal|commander|chief of|army chief|military chief|governor)\b",
    re.I,
)
# Posts named in passing from abroad as often as at home: envoys, and heads of state or government
# ("President A. Name said" in a report of a delivery may be either side's president).
_NAMED_ABROAD = re.compile(
    r"ambassador|envoy|attach|president|prime minister|premier|chancellor|king|queen|emir|sultan|prince|leader", re.I
)
_HONORIFIC = (
    r"(?:(?:(?:Gen|Lt|Maj|Brig|Col|Capt|Adm|Cmdr|Sgt|Dr|Mr|Mrs|Ms|Prof)\.|Lieutenant|Major|Brigadier|General|Colonel"
    r"|Admiral|Rear|Vice|Air|Chief|Marshal|Captain|Commander)\s+)*"
)
_NAME_BEFORE = re.compile(rf"({_HONORIFIC}{NAME}),\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){{0,3}}$")
_GAP = re.compile(
    r"(?:’s|'s)?\s*(?:(?:Federal|First|Deputy|Acting|then|former|new|top|chief|main|interim|acting|outgoing"
    r"|incoming|retired|late|deputy)\s+)*"
    r"|(?:’s|'s)\s+(?:(?:[a-z][a-z-]+|(?:[A-Z][\w-]*|of|for|and)(?:\s+(?:[A-Z][\w-]*|of|for|and)){0,4})\s+){1,2}"
    r"|\s+(?:of|for)\s+(?:(?:[A-Z][\w-]*|and)\s+){1,4}"
)
_BODY_GAP = re.compile(  # "US House of Representatives Speaker A. Name": a body of the state
    r"\s+(?:(?:[A-Z][\w-]*|of|for|and|on)\s+){1,7}"
)
_LOWER_GAP = re.compile(r"\s+(?:(?!and\b|or\b|the\b)[a-z][a-z-]+\s+){1,2}")  # "Brazilian ground forces commander"


_WORD = re.compile(r"[a-z][a-z-]*")
_ACRONYM = re.compile(r"\s*\([A-Z]{2,8}\)(?=\s)")  # "Ukraine's Defence Intelligence (HUR) chief"
_THE_FIRMS = re.compile(
    r"\bthe\s+(?:company|firm|group|manufacturer|maker|contractor|producer|shipbuilder|shipyard)(?:’s|'s)\s+"
    r"(?:[\w-]+\s+)?$"
)


@cache
def _role_firsts() -> frozenset[str]:
    """The first word of every role (a sentence without any has no role)."""
    lex = lexicon()
    posts = [*lex["roles"], *(lex.get("rank_abbreviations") or {}), "minister", "ministers", "secretary"]
    return frozenset(_WORD.findall(r.lower())[0] for r in posts if _WORD.findall(r.lower()))


_OFFICE = (  # "Minister of National Defence", "Secretary for Foreign Affairs": a capitalised office of any name
    r"(?-i:(?:Deputy\s+|Vice\s+|First\s+)?(?:Minister|Secretary|Ministers)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+(?:and\s+|&\s+)?){0,3}?(?:Affairs|Defen[cs]e|Interior|Industry|Industries|Trade|Finance"
    r"|Economy|Energy|Justice|Security|Forces|Procurement|Development|Commerce|Cooperation|Production|Planning"
    r"|Health|Education|Transport|Communications|Infrastructure|Agriculture|State|Army|Navy|Air Force))(?![\w-])"
)


@cache
def _role_rx() -> re.Pattern[str]:
    lex = lexicon()
    words = words_rx([*lex["roles"], *(lex.get("rank_abbreviations") or {})])
    return re.compile(_OFFICE + "|" + words.pattern, re.I)


@cache
def _ranks() -> frozenset[str]:
    return frozenset(lexicon().get("ranks") or [])


def _role_name(role: str) -> str:
    """The post as written, with an abbreviated rank spelt out (``Lt. Gen.`` -> ``Lieutenant general``)."""
    role = " ".join(role.split())
    full = (lexicon().get("rank_abbreviations") or {}).get(role.lower(), role)
    return full[0].upper() + full[1:]


_ORG_HEAD = re.compile(
    r"(?:Force|Forces|Army|Navy|Ministry|Agency|Corps|Guard|Guards|Command|Council|Department|Office|Company"
    r"|Corporation|Group|Industries|Systems|Institute|University|Committee|Commission|Government|Administration"
    r"|Authority|Service|Services|Party|Front|Bank|Fund|Union|Organi[sz]ation|Times|Post|News|Press|Daily|Agency"
    r"|Ltd|Inc|Limited|Aerospace|Aviation|Dynamics|Technologies|Shipyard|Shipyards|Staff|Headquarters)$"
)


_SURNAME = re.compile(r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?")
_SURNAME_POSTS = re.compile(
    r"(?:vice\s+|deputy\s+)?(?:president|prime minister|premier|chancellor|king|emir|sultan|(?:[\w-]+\s+)?minister"
    r"|(?:[\w-]+\s+)?secretary|senator|governor)",
    re.I,
)
_INNER_TITLE = re.compile(r"\b(?:General|Colonel|Admiral|Marshal|Minister|Commander|Captain|Secretary)\s+")
_CHAINED = re.compile(r"\s+and\s+(?:(?:deputy|first|vice|acting)\s+)?", re.I)
_SECOND_POST = re.compile(r"\s*(?:and\s+)?(?:deputy|first|vice|acting)\b", re.I)  # "... and deputy Prime Minister"
_BODY_HEAD = re.compile(
    r"\b(?:Committee|Ministry|Council|Service|Department|Agency|Office|Directorate|Bureau|Commission|Administration"
    r"|Affairs|Forces|Staff|Command|Guard|Police|Intelligence|House|Representatives|Congress|Parliament|Senate"
    r"|Assembly|Cooperation)\b"
)
_BODY_OF = re.compile(  # "chairman of the State Security Committee of Belarus A. Name"
    r"\s+(?:of|at)\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*|of|for|and|on|the)\s+){1,8}?(?:of|in)\s+(?:the\s+)?"
)


def _person(ctx: Context, name: str, start: int, country: Resolved | None, surname_ok: bool = False) -> Resolved | None:
    """Resolve a name found after a title; a single word must be a known person, or a surname after a
    head of state's or a minister's title (``surname_ok``: ``President Rousseff signed``)."""
    name = name.strip()
    title = _TITLES.match(name)
    polite = bool(title and re.match(r"(?:Mr|Mrs|Ms|Dr)\.?\s", name))
    if title:
        start += title.end()
        name = name[title.end() :]
    name = re.sub(r"(?:’s|'s)$", "", name)
    inner = _INNER_TITLE.search(name)
    if inner is not None and len(name[inner.end() :].split()) >= 2:  # "Defence General A. Name": the title's tail
        start += inner.end()
        name = name[inner.end() :]
    if not name or ent.country(name) or ent.demonym(name) or name.lower() in ("the", "he", "she"):
        return None
    if _ORG_HEAD.search(name) or ent.demonym(name.split()[0]):  # "National Defence Force", "Indian Air Force"
        ctx.doc.dropped.append((ctx.text, name, "name ends in an organisation word or starts with a demonym"))
        return None
    known = ent.person(name)
    if known is None and name in ctx.doc.persons:
        known = ctx.doc.persons[name]
    single = surname_ok and " " not in name and _SURNAME.fullmatch(name) and name.lower() not in _NOT_PLACE
    if single and re.match(r"(?:’s|'s)?\s+[a-z]|[,.;]", ctx.text[start + len(name) :]):
        polite = True  # "President Rousseff signed", "Minister Amorim's visit"
    if known is None and " " not in name and not polite:
        reg = ctx.doc.registry.get(name)
        if reg is None or reg.kind != "person":
            return None
        known = (reg.entity, reg.country)
    who = known[0] if known else Resolved(ent.slugify(name), name, "Person")
    where = country or (known[1] if known else None)
    ctx.doc.add_person(who, where, name)
    m = ctx.at(start)
    if m is None:
        ctx.mentions.append(Mention(start, start + len(name), name, "person", who, where))
        ctx.mentions.sort(key=lambda x: x.start)
    return who


def roles(ctx: Context) -> list[Hit]:
    """``Iranian First Vice President, Mohammad Mokhber`` and ``Name, a spokesman for X``."""
    out: list[Hit] = []
    text = ctx.text
    for p in speakers(ctx, _known_rx()):
        ctx.mentions.append(p)
        ctx.doc.add_person(p.entity, None, p.text)
    ctx.mentions.sort(key=lambda x: x.start)
    words = set(_WORD.findall(text.lower()))
    titled: set[str] = set()
    last_post: tuple[int, Mention | None] | None = None
    if words.isdisjoint(_role_firsts()):
        return named_next(ctx, titled)
    for r in _role_rx().finditer(text):
        role = r.group(0)
        if any(m.start <= r.start() < m.end and m.kind in ("weapon", "organization") for m in ctx.mentions):
            continue  # "two King Air aircraft": a post word inside a system's or a firm's name
        if re.match(r"(?:’s|'s)\b", text[r.end() :]):
            continue
        holder: Mention | None = None
        before = text[max(0, r.start() - 40) : r.start()]
        prev = [
            m
            for m in ctx.mentions
            if m.start < r.start()
            and m.end <= r.end()
            and r.start() - m.end <= 30
            and m.kind in ("country", "organization")
            and (
                m.end > r.start()
                or _GAP.fullmatch(
                    ("'s" if m.text.endswith(("'s", "’s")) else "") + _ACRONYM.sub("", text[m.end : r.start()])
                )
                or (m.via == "demonym" and _LOWER_GAP.fullmatch(text[m.end : r.start()]))
                or (
                    m.kind == "country"
                    and _BODY_GAP.fullmatch(text[m.end : r.start()])
                    and _BODY_HEAD.search(text[m.end : r.start()])
                )
            )
        ]
        if prev:
            holder = prev[-1]
        if (
            holder is None
            and last_post is not None
            and _CHAINED.fullmatch(text[last_post[0] : r.start()])
            and _SECOND_POST.match(text[last_post[0] : r.end()].strip())
        ):
            holder = last_post[1]
        body_of = _BODY_OF.match(text, r.end())
        state = ctx.at(body_of.end()) if body_of is not None and holder is None else None
        nested: tuple[str, int] | None = None
        if (
            state is not None
            and state.kind == "country"
            and state.start == body_of.end()  # type: ignore[union-attr]
            and _BODY_HEAD.search(body_of.group(0))  # type: ignore[union-attr]
        ):
            nm = re.match(rf",?\s+({_HONORIFIC}{NAME})", text[state.end :])
            if nm:
                holder, nested = state, (nm.group(1), state.end + nm.start(1))
        m_of = re.match(r"\s+(?:of|for|at|from)\s+(?:the\s+)?", text[r.end() :])
        if holder is None and m_of:
            at = r.end() + m_of.end()
            run = re.match(r"(?:[A-Z][\w'’-]*\s+){0,3}", text[at:])  # "head of the Royal Chilean Navy"
            inside = [m for m in ctx.mentions if at <= m.start <= at + (run.end() if run else 0)]
            holder = inside[0] if inside and inside[0].kind in ("country", "organization") else None
            frm = m_of.group(0).split()[0] == "from"
            body = body_after(text, at, role, ctx.mentions) if holder is None and not frm else None
            if body is not None:  # "a senior fellow at Harbour Institute"
                holder = body
                ctx.mentions.append(body)
                ctx.mentions.sort(key=lambda x: x.start)
                ctx.doc.register(body.text, Mention(0, 0, body.text, "organization", body.entity, None, actor=True))
        if holder is None and re.search(r"\b(?:its|the country's|the country’s)\s+(?:[\w-]+\s+)?$", before):
            acts = [m for m in ctx.mentions if m.kind == "country" and m.end <= r.start()]
            holder = acts[-1] if acts else None
        firm = _THE_FIRMS.search(before) if holder is None else None
        if firm is not None or (holder is None and re.search(r"\bits\s+(?:[\w-]+\s+)?$", before)):
            # "the company's chief executive": the organisation named last, here or before
            orgs = [m for m in ctx.mentions if m.kind == "organization" and m.end <= r.start()]
            if orgs:
                holder = orgs[-1]
            elif firm is not None and ctx.doc.orgs_seen:
                o = ctx.doc.orgs_seen[-1]
                holder = Mention(r.start(), r.start(), o.name, "organization", o, None, actor=True)
        acr = re.search(r"(?<![\w-])(?<![A-Z]\s)([A-Z]{2,6})\s+$", text[: r.start()]) if holder is None else None
        if acr is not None and ctx.at(acr.start(1)) is None:  # "DSCA Director Name": an organisation's acronym
            name = acr.group(1)
            found = ent.country(name) or Resolved(ent.slugify(name), name, "Organization")
            holder = Mention(acr.start(1), acr.end(1), name, found.type.lower(), found, None, actor=True)
            ctx.mentions.append(holder)
            ctx.mentions.sort(key=lambda x: x.start)
        last_post = (r.end(), holder)
        country = holder.entity if holder else None
        key = lexicon().get("role_countries", {}).get(role.lower()) if country is None else None
        guess = ent.country_by_key(key) if key else None  # "Defence Secretary": usually, not always, British
        # the holder's name: after the title, or before it as "Name, (a|the) ... title"
        after = text[r.end() :]
        skip = re.match(r"(?:\s+(?:of|for|at)\s+(?:the\s+)?[^,]{1,80}?,\s*|,?\s+)", after)
        cands: list[tuple[str, int]] = [nested] if nested else []
        if skip is not None:
            nm = re.match(rf"{_HONORIFIC}{NAME}", after[skip.end() :])
            if nm and not (holder and holder.start >= r.end() + skip.end()):
                cands.append((nm.group(0), r.end() + skip.end() + nm.start()))
        if holder is not None and m_of and holder.start == r.end() + m_of.end() and holder.kind == "country":
            nm = re.match(rf"\s+({_HONORIFIC}{NAME})", text[holder.end :])  # "Minister of Defence of Chile A. Name"
            post_in = re.match(r"\s+(?:in|to)\s+(?:the\s+)?", text[holder.end :])
            there = ctx.at(holder.end + post_in.end()) if post_in else None  # "Ambassador of Japan in Peru A. Name"
            if there is not None and there.kind in ("country", "place"):
                nm = re.match(rf"\s+({_HONORIFIC}{NAME})", text[there.end :])
                if nm:
                    cands.append((nm.group(1), there.end + nm.start(1)))
            elif nm:
                cands.append((nm.group(1), holder.end + nm.start(1)))
        to = re.match(r"\s+to\s+(?:the\s+)?", after) if role.lower() in ("ambassador", "envoy") else None
        post = ctx.at(r.end() + to.end()) if to else None  # "Kenyan ambassador to Japan A. Name"
        if to and post is not None and post.kind == "country" and post.start == r.end() + to.end():
            nm = re.match(rf"\s*,?\s+({_HONORIFIC}{NAME})", text[post.end :])
            if nm:
                cands.append((nm.group(1), post.end + nm.start(1)))
        elif to and (city := re.match(r"([A-Z][\w-]+)\s+", after[to.end() :])) and kb.geo_place(city.group(1)):
            at = r.end() + to.end() + city.end()  # "Russian Ambassador to Beijing A. Name": a capital for its state
            nm = re.match(rf"{_HONORIFIC}{NAME}", text[at:])
            if nm:
                cands.append((nm.group(0), at))
        lo = max(0, r.start() - 160)
        nm = _NAME_BEFORE.search(text, lo, r.start()) if "," in text[lo : r.start()] else None
        if nm and not ent.country(nm.group(1)):
            cands.append((nm.group(1), nm.start(1)))
        who = None
        for name, start in cands:
            there = ctx.at(start)
            if there is not None and there.kind == "person" and there.via != "pronoun":
                who, name = there.entity, there.text
                ctx.doc.add_person(who, country or there.country, name)
                break
            if there is not None:
                continue
            # "President Rousseff signed"; not "two King Air aircraft" (a registered designation starts so)
            surname_ok = bool(_SURNAME_POSTS.fullmatch(role)) and kb.weapon_start(role.split()[-1]) < 2
            who = _person(ctx, name, start, country, surname_ok=surname_ok)
            if who is not None:
                break
        if who is None:
            if cands:
                ctx.doc.dropped.append((text, cands[0][0], f"name beside '{role}' is not a person"))
            elif country is not None and holder is not None and role.lower() not in _ranks():
                named = {m.entity.key for m in ctx.mentions if m.kind in ("country", "organization")}
                if len(named) == 1:  # "Serbia's president said": no other state the post could be
                    ctx.doc.role_wanted = (_role_name(role), country, ctx.doc.sentence_no)
            continue
        cand = (name, start)
        titled.add(who.key)
        if country is None:  # "Defence Minister A. Name of Chile"
            of = re.match(r"\s+of\s+(?:the\s+)?", text[start + len(name) :])
            there = ctx.at(start + len(name) + of.end()) if of else None
            if there is not None and there.kind in ("country", "organization"):
                holder, country = there, there.entity
        if country is None:
            country = ctx.doc.persons.get(who.name, (who, None))[1]
        if country is None and guess is None and ctx.doc.dateline is not None and _LOCAL_ROLE.search(role):
            country = ctx.doc.dateline  # "NAIROBI - Defence Secretary A. Name said": a local official
        if country is None:  # the report's end may tell it (implied.place_posts)
            others = frozenset(
                m.entity.name
                for m in ctx.mentions
                if m.kind == "person" and m.entity.key != who.key and not start <= m.start < start + len(name)
            )
            local = bool(_LOCAL_ROLE.search(role)) and not _NAMED_ABROAD.search(role)
            ctx.doc.unplaced.append(Unplaced(who, _role_name(role), text, cand[0], others, guess, local))
            ctx.doc.add_person(who, None, cand[0])
            continue
        ctx.doc.add_person(who, country)
        out.append(
            Hit(
                who,
                "HOLDS_ROLE",
                country,
                text,
                role=out[-1].role if role.lower().startswith("counterpart") and out else _role_name(role),
                surfaces=[(who, cand[0])] + ([(country, holder.text)] if holder else []),
            )
        )
    posts = {h.subject.key for h in out if (h.role or "").lower() not in _ranks()}
    out = [h for h in out if (h.role or "").lower() not in _ranks() or h.subject.key not in posts]
    return out + named_next(ctx, titled | {h.subject.key for h in out})


@cache
def _known_rx() -> re.Pattern[str]:
    """Words that make a capitalised name a post or a title rather than a person's name."""
    lex = lexicon()
    return re.compile(_role_rx().pattern + "|" + words_rx(lex.get("honorifics") or []).pattern, re.I)


_LEADS = re.compile(
    rf"(?P<name>{NAME}),\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}?)?who\s+(?P<verb>leads|heads|commands|runs|chairs)"
    r"\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}"
)
_LEAD_ROLE = {"leads": "leader", "heads": "head", "commands": "commander", "runs": "head", "chairs": "chair"}


def leaders(ctx: Context) -> list[Hit]:
    """``Name, the warlord who leads the X``: the person holds X's leadership."""
    out: list[Hit] = []
    if " who " not in ctx.text:
        return out
    for m in _LEADS.finditer(ctx.text):
        org = ctx.at(m.end())
        if org is None or org.kind not in ("organization", "country"):
            continue
        who = _person(ctx, m.group("name"), m.start("name"), org.entity)
        if who is not None:
            role = _LEAD_ROLE[m.group("verb")]
            hit = Hit(who, "HOLDS_ROLE", org.entity, ctx.text, role=role, surfaces=[(org.entity, org.text)])
            hit.rule = "Name, who leads X"
            out.append(hit)
    return out
