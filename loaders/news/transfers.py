"""Helpers of the transfer patterns (pure): who makes a weapon, every ``from X``, people as states."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..entities import Resolved
from .context import Context, Hit
from .mentions import Mention
from .status import status

COREF = re.compile(
    r"^(?:(?:Under|As part of|In|With|Through|For)\s+(?:the|this|that)\s+|(?:The|This|That|These|Those)\s+)"
    r"(?:[\w$.,-]+\s+){0,2}?(?:deal|contract|agreement|sale|delivery|deliveries|transfer"
    r"|order|purchase|shipment|package|weapons|systems|jets|aircraft|drones|missiles|tanks|howitzers)\b"
    r"|^(?:They|It|These|Those)\b"
)


@dataclass(frozen=True)
class Pending:
    """A transfer told with one side only: the next sentence may name the other."""

    supplier: Resolved | None
    recipient: Resolved | None
    weapons: tuple[Mention, ...]
    sentence_no: int
    parties: tuple[Resolved, Resolved] | None = None  # "X signed an agreement with Y": who gives is told next


_PAIR = re.compile(
    r"\b(?:sign\w*|conclud\w*|ink\w*|struck|reached|finali[sz]\w*)\s+(?:an?\s+|the\s+)?(?:[\w$.,-]+\s+){0,4}?"
    r"(?:deal|agreement|contract|accord)\s+with\s+(?:the\s+)?"
)


def agreement_pair(ctx: Context) -> Pending | None:
    """``Germany signed an agreement with Lithuania.`` with no weapon told: the two parties, for a next
    sentence that tells the weapon and one side (``Under the deal, Berlin will supply tanks``)."""
    m = _PAIR.search(ctx.text)
    if m is None or ctx.weapons():
        return None
    other = ctx.at(m.end())
    signer = [a for a in ctx.actors(0, m.start()) if a.kind in ("country", "organization")][-1:]
    if other is None or not other.actor or not signer or signer[0].entity.key == other.entity.key:
        return None
    return Pending(None, None, (), ctx.doc.sentence_no, (signer[0].entity, other.entity))


def pending(ctx: Context) -> Pending | None:
    """The half-told transfer of the last two sentences, if any."""
    p = ctx.doc.pending
    if isinstance(p, Pending) and 0 < ctx.doc.sentence_no - p.sentence_no <= 2:
        return p
    return None


def counterpart(ctx: Context, lo: int, hi: int) -> Mention | None:
    """``The deal was signed with Poland``: the actor after ``with``."""
    m = re.search(r"\bwith\s+(?:the\s+)?", ctx.text[lo:hi])
    if m is None:
        return None
    x = ctx.at(lo + m.end())
    return x if x is not None and x.actor else None


def signed_for(ctx: Context, start: int, end: int) -> tuple[list[Mention], list[Mention]]:
    """``Poland signed a deal for Abrams tanks``: the signer buys from the maker of the weapon."""
    if not _SIGNED.search(ctx.text[:start]) or not re.match(r"\s+(?:\w+\s+){0,2}?for\b", ctx.text[end:]):
        return [], []
    signer = [a for a in ctx.actors(0, start) if a.kind != "territory"][-1:]
    maker = maker_of(ctx, end, len(ctx.text))
    if signer and maker and maker[0].entity.key != signer[0].entity.key:
        return maker, signer
    return [], []


_PARTICIPLES = re.compile(
    r"(?:ed|sent|sold|given|handed over|shipped|gifted|provided|supplied|delivered|transferred)$", re.I
)


_MADE = re.compile(r"(?:-(?:made|built|manufactured|produced|designed|supplied))?\s*")
_MADE_NAMED = re.compile(r"(?:-(?:made|built|manufactured|produced|designed|supplied))?\s*(?:[A-Z][\w-]*\s+)?")
_OWNED_LEAD = re.compile(  # "buy the", "sell 24 of", "acquire some of the"
    r"\s*(?:the\s+|(?:\d+|some|all|most|part|several|many|a\s+number|the\s+rest)\s+of\s+(?:the\s+)?)?"
)
_OWN_MAKE = re.compile(r"\s+(?:(?:[a-z][\w-]*|[A-Z][\w-]*)\s+){0,4}")  # "purchase South Korea's mid-range M-SAM"
_POSSESSIVE = re.compile(r"(?:’s|'s)\s+(?:(?:new|first|\w+ly|[\d,]+|two|three|four|five|six|ten|dozen)\s+)*$")
_SIGNED = re.compile(
    r"\b(?:sign\w*|conclud\w*|ink\w*|award\w*|struck|reached|finali[sz]\w*)\s+(?:an?\s+|the\s+)?(?:[\w$.,-]+\s+){0,4}$"
)


def participle(verb: str) -> bool:
    """``were supplied`` is passive, ``is supplying`` is not."""
    return bool(_PARTICIPLES.search(verb.strip()))


def all_from(ctx: Context, lo: int, hi: int) -> list[Mention]:
    """Every actor after a ``from`` in ``[lo, hi)``: ``bought W from A and V from B``."""
    out: list[Mention] = []
    for m in re.finditer(r"\bfrom\s+(?:the\s+)?(?:[A-Z]{2,}\s+unit\s+)?", ctx.text[:hi]):
        if m.start() < lo:
            continue
        hit = ctx.at(m.end())
        if hit is not None and hit.actor and hit not in out:
            out.append(hit)
    return out


def maker_of(ctx: Context, lo: int, hi: int, named: bool = True) -> list[Mention]:
    """The supplier told by the weapon itself: ``buy Russian S-400`` -> Russia, else the maker's
    country of the first named system (``orders 42 Rafales`` -> France)."""
    for w in ctx.weapons(lo, hi):
        dem = [
            m
            for m in ctx.mentions
            if m.kind == "country"
            and m.end <= w.start
            and (
                (m.via == "demonym" and _MADE_NAMED.fullmatch(ctx.text[m.end : w.start]))
                or (
                    m.text.endswith(("'s", "’s"))
                    and _OWNED_LEAD.fullmatch(ctx.text[lo : m.start])  # right after the verb
                    and _OWN_MAKE.fullmatch(ctx.text[m.end : w.start])
                )
            )
        ]
        if dem:
            return [Mention(dem[-1].start, dem[-1].end, dem[-1].text, "country", dem[-1].entity, dem[-1].entity, True)]
        if named and not w.generic and w.country is not None:
            return [Mention(w.start, w.end, w.text, "country", w.country, w.country, True, via="maker")]
    return []


def person_state(m: Mention) -> Mention | None:
    """A person acting in a transfer acts for their country (``Scholz announced the delivery``)."""
    if m.kind != "person":
        return m
    if m.country is None:
        return None
    return Mention(m.start, m.end, m.text, "country", m.country, m.country, True, via="person")


def destination(ctx: Context, lo: int, hi: int) -> list[Mention]:
    """Where an arrival ends: the first country, or the country of the first place, after ``lo``."""
    for m in ctx.mentions:
        if lo <= m.start < hi and m.kind in ("country", "place"):
            if m.kind == "country":
                return [m]
            if m.country is not None:
                return [Mention(m.start, m.end, m.text, "country", m.country, m.country, True, via="place")]
    return []


def possessive(ctx: Context) -> list[tuple[Mention, Mention, Mention]]:
    """``Egypt's Russian-made MiG-29s``: (supplier, recipient, weapon) of a possessive and adjective."""
    out = []
    for w in ctx.weapons():
        dem = [
            m
            for m in ctx.mentions
            if m.via == "demonym" and m.end <= w.start and _MADE.fullmatch(ctx.text[m.end : w.start])
        ]
        if not dem:
            continue
        owner = [m for m in ctx.mentions if m.kind == "country" and m.via != "demonym" and m.end <= dem[-1].start]
        gap = ctx.text[owner[-1].end : dem[-1].start] if owner else ""
        if owner and owner[-1].text.endswith(("’s", "'s")):
            gap = "'s" + gap
        if owner and _POSSESSIVE.fullmatch(gap) and owner[-1].entity.key != dem[-1].entity.key:
            out.append((dem[-1], owner[-1], w))
    return out


def contract_with(ctx: Context, trig_start: int, trig_end: int) -> tuple[list[Mention], list[Mention]] | None:
    """``Y signed a contract with X for W``: (suppliers, recipients), or None when not this shape."""
    if not _SIGNED.search(ctx.text[:trig_start]):
        return None
    m = re.match(r"\s+(?:\w+\s+){0,2}?with\s+(?:the\s+)?", ctx.text[trig_end:])
    if m is None:
        return None
    x = ctx.at(trig_end + m.end())
    if x is None or not x.actor:
        return None
    before = [a for a in ctx.actors(0, trig_start) if a.kind != "territory"][-1:]
    maker = maker_of(ctx, trig_end, len(ctx.text))
    if before and maker and maker[0].entity.key == before[0].entity.key and x.kind == "country":
        return before, [x]  # "France signed a deal with Greece for French-made jets"
    if before and is_firm(before[0]) and x.kind == "country":
        return before, [x]  # "Kestrel Dynamics signed a contract with Peru for howitzers": the firm sells
    return [x], before


_FIRM_NAME = re.compile(
    r"\b(?:Aerospace|Aviation|Dynamics|Systems|Industries|Technologies|Electronics|Shipyards?|Shipbuilding"
    r"|Corporation|Corp|Company|Ltd|Limited|Inc|PLC|GmbH|AG|SA|JSC|LLC|Group|Holdings?|Defen[cs]e|Arms|Armaments"
    r"|Ordnance|Munitions|Motors|Works)\b"
)


_REGULATOR = re.compile(
    r"\b(?:Council|Parliament|Congress|Senate|Court|Commission|Committee|Bundestag|Assembly|United Nations|UN)\b"
)


def regulator(e: Resolved) -> bool:
    """A body that bans, clears or debates arms sales (``the UN Security Council``), never their supplier."""
    return e.type == "Organization" and bool(_REGULATOR.search(e.name))


def is_firm(m: Mention) -> bool:
    """An organisation that makes or sells arms: a named firm, an arms producer, or a corporate name."""
    if m.kind != "organization":
        return False
    from . import knowledge as kb

    return m.via == "owner-firm" or m.entity.name in kb.producer_names() or bool(_FIRM_NAME.search(m.entity.name))


_MADE_BY = re.compile(r"\b(?:made|manufactured|produced|built|assembled)\s+(?:by|in)\s+(?:the\s+)?")


def made_by(ctx: Context) -> list[Mention]:
    """``drones made by X`` / ``made in Hyderabad``: the maker (a place stands for its country)."""
    hyphen = [x.start for x in ctx.mentions if re.match(r"-(?:made|built|manufactured|produced)\b", ctx.text[x.end :])]
    for start in [m.end() for m in _MADE_BY.finditer(ctx.text)] + hyphen:
        x = ctx.at(start)
        if x is None:
            continue
        if x.kind in ("organization", "country"):
            return [x]
        if x.kind == "place" and x.country is not None:
            return [Mention(x.start, x.end, x.text, "country", x.country, x.country, True, via="place")]
    return []


_CUSTOMER = re.compile(r"\b(?:customer|buyer|client|importer|operator|user)s?\s+of\s+(?:the\s+)?")
_BUILD_FOR = re.compile(r"\b(?:build|builds|built|produce|produces|manufacture|manufactures|supply|make)\b")


def customers(ctx: Context) -> list[Hit]:
    """``Egypt is the largest customer of Germany's IRIS-T``: the owner of the weapon supplies."""
    out: list[Hit] = []
    if not ctx.weapons():
        return out
    for m in _CUSTOMER.finditer(ctx.text):
        seller = ctx.at(m.end())
        buyer = [a for a in ctx.actors(*ctx.clause(m.start())) if a.end <= m.start() and a.kind != "territory"]
        if seller is None or not seller.actor or not buyer or buyer[-1].entity.key == seller.entity.key:
            continue
        ws = ctx.weapons(m.end(), len(ctx.text))
        if ws:
            out.append(
                Hit(
                    seller.entity,
                    "SUPPLIES",
                    buyer[-1].entity,
                    ctx.text,
                    ws[:3],
                    status=status(ctx.text, m.start()),
                    rule="X is a customer of Y's W",
                )
            )
    return out


def built_for(ctx: Context) -> list[Hit]:
    """``Lockheed Martin will build 48 F-35 jets for Poland``: a maker's order for a state."""
    out: list[Hit] = []
    for m in _BUILD_FOR.finditer(ctx.text):
        lo, hi = ctx.clause(m.start())
        maker = [a for a in ctx.actors(lo, m.start()) if a.kind == "organization"]
        ws = ctx.weapons(m.end(), hi)
        if not maker or not ws:
            continue
        f = re.search(r"\bfor\s+(?:the\s+)?", ctx.text[ws[0].end : hi])
        buyer = ctx.at(ws[0].end + f.end()) if f else None
        if buyer is not None and buyer.actor and buyer.entity.key != maker[-1].entity.key:
            out.append(
                Hit(
                    maker[-1].entity,
                    "SUPPLIES",
                    buyer.entity,
                    ctx.text,
                    ws[:3],
                    status=status(ctx.text, m.start()),
                    rule="X builds W for Y",
                )
            )
    return out


SAID = re.compile(r"\b(?:said|says|say|told\s+[\w ]{1,20}?|stated|added|noted|claimed|warned|announced)\s+(?:that\s+)?")
OWN = re.compile(r"\b(?:it|he|she|they|we|its|his|her|their|our|the (?:country|company|firm|government|ministry))\b")


def other_subject(between: str) -> bool:
    """``Name said allies had sent``: after the speaker's verb a clause with its own subject, not a pronoun."""
    said = list(SAID.finditer(between))
    return bool(said) and not OWN.search(between[said[-1].end() :])


ORDER_FROM = re.compile(r"\s+(?:an?\s+|the\s+)?(?:[\w$.-]+\s+){0,3}?(?:orders?|contracts?)\s+(?=from\b)", re.I)
WON = re.compile(r"\b(?:won|wins|secured|secures|landed|lands|bagged)\b", re.I)
AN_ORDER = re.compile(r"\b(?:receiv\w*|won|win\w*|secur\w*|land\w*)\s+(?:an?\s+|the\s+)?(?:[\w$.-]+\s+){0,3}?$", re.I)


_RELATIVE = re.compile(r"\s*,?\s+(?:that|which)\s+(?:the\s+)?")
_PROMISED = re.compile(
    r"\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?(?:promised|pledged|sent|supplied|delivered|provided|donated|offered)\b"
)


def promised_by(ctx: Context, lo: int, hi: int) -> Mention | None:
    """``Y received the W that X had promised``: the actor of a relative clause after the weapon."""
    for w in ctx.weapons(lo, hi):
        rel = _RELATIVE.match(ctx.text, w.end)
        x = ctx.at(rel.end()) if rel else None
        if x is not None and x.actor and _PROMISED.match(ctx.text, x.end):
            return x
    return None


def owner_of_weapon(ctx: Context, before: list[Mention], trig: int) -> list[Mention]:
    """``Ukraine's howitzers were supplied by France``: the possessive actor before the weapon receives."""
    for a in reversed(before):
        owned = a.text.endswith(("'s", "’s")) or re.match(r"(?:’s|'s)\s", ctx.text[a.end :])
        if owned and a.kind != "person" and any(a.end <= w.start < trig for w in ctx.weapons()):
            return [a]
    return []


def pair_sides(ctx: Context, two: list[Mention], lo: int, hi: int) -> tuple[list[Mention], list[Mention]]:
    """``between X and Y ... a contract for W``: the side the weapons are for (``for the Y Air Force``)
    receives, the side that makes them supplies; else the order the report names them in."""
    if len(two) < 2:
        return two[:1], []
    a, b = two
    keys = [a.entity.key, b.entity.key]
    m = re.search(r"\bfor\s+(?:the\s+)?", ctx.text[lo:hi])
    user = ctx.at(lo + m.end()) if m else None
    if user is not None and user.entity.key in keys:
        return ([b], [a]) if user.entity.key == a.entity.key else ([a], [b])
    start = ctx.clause(lo)[0]  # "X and Y signed the S-400 deal": the system may come before the noun
    origins = {w.country.key for w in ctx.weapons(start, hi) if w.country is not None}
    if len(origins & set(keys)) == 1:
        return ([a], [b]) if a.entity.key in origins else ([b], [a])
    return [a], [b]


def owner_after(ctx: Context, lo: int, hi: int) -> list[Mention]:
    """``sell some of Denmark's F-16s``: the state whose weapons a verb's object names sells them."""
    for m in ctx.mentions:
        if m.start >= lo and m.kind == "country" and m.text.endswith(("'s", "’s")):
            owned = [w for w in ctx.weapons(m.end, hi) if _OWN_MAKE.fullmatch(ctx.text[m.end : w.start])]
            # "delivered Russia's S-300": the maker's name for its system, not the state that sells it
            if _OWNED_LEAD.fullmatch(ctx.text[lo : m.start]) and any(
                w.country is None or w.country.key != m.entity.key for w in owned
            ):
                return [m]
            break
    return []
