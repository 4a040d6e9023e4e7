"""Relation patterns over a tagged sentence (pure): each function turns mentions into facts.

Transfers are here (with :mod:`.transfers`); who makes a weapon is in :mod:`.making`, where a
place lies in :mod:`.located`, people's posts and visits in :mod:`.people`, uses in :mod:`.uses`.
Every pattern is general: a verb or noun of the lexicon and the grammatical place of the
mentions around it (``X supplied W to Y``, ``Y acquired W from X``, ``a visit to P by N``,
``Demonym Title Name``, ``Demonym-made W``, ``X used W to attack Y``), never a report's words.
"""

from __future__ import annotations

import re
from functools import cache

from ..entities import Resolved
from . import transfers as tr
from .context import BE, Context, Hit
from .dates import date_near
from .lexicon import lexicon, rx
from .mentions import Mention
from .status import status

_GOV_OF = (
    r"(?:(?:[Gg]overnment|[Rr]epublic|[Kk]ingdom|[Ss]tate|[Aa]rmed [Ff]orces|[Mm]inistry of [Dd]efen[cs]e|[Pp]eople)"
    r"\s+of\s+(?:the\s+)?)?"
)


_AMONG = re.compile(
    r"(?:(?:(?:more than|over|at least|some|about|nearly)\s+)?(?:\d+|a dozen|dozens of|several|many|other)\s+)?"
    r"(?:other\s+)?(?:countries|nations|states|customers|buyers)\s*,?\s+(?:including|such as|among them|like)\s+"
)


@cache
def _to_rx(words: str) -> re.Pattern[str]:
    return re.compile(
        r"\b(?:" + words + r")\s+(?:(?:the|either|both|neither)\s+)?(?:capital\s+of\s+(?:the\s+)?)?" + _GOV_OF
    )


def _after(ctx: Context, pos: int, words: str) -> list[Mention]:
    """Actors in a ``to X``/``from X`` phrase after ``pos`` (``to either Ukraine or Russia``)."""
    found_to = _to_rx(words).finditer(ctx.text, pos)
    m = next(
        (
            x
            for x in found_to
            if not re.search(r"\b(?:visit|trip|journey|travell?ed|way|ties)\s+$", ctx.text[: x.start()])
        ),
        None,
    )
    if not m or ctx.clause(pos)[1] < m.start():
        return []
    first = ctx.at(m.end())
    among = _AMONG.match(ctx.text, m.end())
    if first is None and among is not None:  # "to more than 30 countries, including A, B and C"
        first = ctx.at(among.end())
    if first is not None and first.kind == "place" and first.country is not None:
        first = Mention(first.start, first.end, first.text, "country", first.country, first.country, True, via="place")
    if first is None or not (first.actor or first.kind == "territory"):
        return [Mention(0, 0, "", "none", Resolved("none", "none", "Country"))]  # a non-actor destination
    found = [first]
    rest = ctx.text[first.end :]
    closed = 1  # items up to here form a list closed by "and"/"or" (or the first alone)
    while True:
        j = re.match(r"(?:,\s*|,?\s+(?:and|or|nor)\s+)(?:the\s+)?", rest)
        if not j:
            break
        nxt = ctx.at(found[-1].end + j.end())
        if nxt is None or not nxt.actor:
            break
        found.append(nxt)
        if re.search(r"\b(?:and|or|nor)\b", j.group(0)):
            closed = len(found)
        rest = ctx.text[nxt.end :]
    return found[:closed]  # "to Russia, Seoul says": a comma alone makes no list


@cache
def _NOUNS() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon()["supply_nouns"])


_APPROVE = re.compile(
    r"\bapprov(?:ed|es|e|ing)\b(?!\s+(?:an?|the)\s+(?:possible\s+|potential\s+|proposed\s+)?(?:sale|deal))"
)
_HYPHEN_GIVE = re.compile(r"(?<=[a-z]-)(?:supplied|provided|donated|delivered|sent|gifted|given)\b")
_APPOSITION = re.compile(r",\s+[^,]{1,80},\s*(?:\w+\s+){0,2}$")
_AID = re.compile(r"aid|assistance|package|shipment", re.I)
_CANCELLED = re.compile(r"\b(?:cancel\w*|scrap\w*|terminat\w*|abandon\w*)\s+(?:\S+\s+){0,3}$", re.I)


def supplies(ctx: Context) -> list[Hit]:
    """Transfers: ``X supplied Y with W``, ``X sent W to Y``, ``Y received W from X``, nouns too."""
    out: list[Hit] = _supplier_lists(ctx)
    text = ctx.text
    agreed = tr.agreement_pair(ctx)
    if agreed is not None:
        ctx.doc.pending = agreed
    if not ctx.weapons() and not (tr.pending(ctx) and tr.COREF.match(text)):
        return out
    triggers = [(m, "give") for m in rx("supply_verbs", stems=True).finditer(text)]
    triggers += [(m, "get") for m in rx("receive_verbs", stems=True).finditer(text)]
    triggers += [(m, "get") for m in tr.WON.finditer(text) if tr.ORDER_FROM.match(text, m.end())]
    triggers += [(m, "give") for m in _HYPHEN_GIVE.finditer(text)]
    triggers += [(m, "approve") for m in _APPROVE.finditer(text)]
    triggers += [(m, "noun") for m in rx("supply_nouns").finditer(text)]
    triggers += [(m, "arrive") for m in re.finditer(r"\b(?:arriv(?:ed|es|al|ing)|landed|touched down)\b", text)]
    triggers.sort(key=lambda t: t[0].start())
    for trig, kind in triggers:
        if ctx.at(trig.start()) is not None:
            continue
        if kind == "give" and trig.group(0).lower() in _NOUNS():
            continue  # "delivery" is the noun trigger, not the verb "deliver"
        if kind == "noun" and _CANCELLED.search(text[: trig.start()]):
            ctx.doc.dropped.append((text, trig.group(0), "a cancelled or scrapped deal"))
            continue
        lo, hi = ctx.clause(trig.start())
        suppliers: list[Mention] = []
        recipients: list[Mention] = []
        before = [
            a
            for a in ctx.mentions
            if lo <= a.start < trig.start()
            and ((a.actor and a.kind != "territory") or (a.kind == "person" and a.country is not None))
        ]
        appo = _APPOSITION.search(text, lo, trig.start())
        if appo is not None and any(a.start < appo.start() for a in before):
            before = [a for a in before if a.start < appo.start()]  # "X, Chile's state shipbuilder, sold"
        passive = re.match(r"\s+by\s+(?:the\s+)?", text[trig.end() :])
        rule = {
            "give": "X gives W to Y",
            "get": "Y receives W from X",
            "noun": "transfer noun",
            "arrive": "arrival",
            "approve": "X approved W for Y",
        }[kind]
        hyphen = text[trig.start() - 1 : trig.start()] == "-"
        if hyphen:
            rule = "adjectival: Demonym-supplied W used by Y"
            maker = ctx.at(trig.start() - 2)
            suppliers = [maker] if maker and maker.kind == "country" else []
            users = [a for a in ctx.actors(lo, hi) if a is not maker]
            recipients = users[:1]
        elif kind == "get" and BE.search(text[: trig.start()]) and not trig.group(0).lower().endswith("ing"):
            rule = "passive receipt: W were bought by Y from X"
            by = ctx.at(trig.end() + passive.end()) if passive else None
            recipients = [by] if by is not None and by.actor else []
            if not recipients and re.search(r",\s+which$", text[:lo]):  # "Y's W, which were acquired from X"
                recipients = tr.owner_of_weapon(ctx, [a for a in ctx.mentions if a.actor and a.end <= lo], lo)
            suppliers = [a for a in tr.all_from(ctx, trig.end(), hi) if a.kind != "none"]
        elif passive:
            rule = "passive transfer: W were supplied by X"
            by = ctx.at(trig.end() + passive.end())
            suppliers = [by] if by and by.actor else []
            recipients = [a for a in _after(ctx, trig.end(), "to|into|for") if a.kind != "none"][:1]
            recipients = recipients or tr.owner_of_weapon(ctx, before, trig.start())  # "Y's W were supplied by X"
        elif BE.search(text[: trig.start()]) and kind == "give" and tr.participle(trig.group(0)):
            recipients = [a for a in _after(ctx, trig.end(), "to|into") if a.kind != "none"]
            rule = "passive transfer without agent"
            agent = re.match(r"[^,;]*?\bby\s+(?:the\s+)?", text[trig.end() : hi])  # not ", as announced by"
            by_x = ctx.at(trig.end() + agent.end()) if agent else None
            if by_x is not None and by_x.actor:  # "delivered to Y by X", "Y was supplied with W by X"
                suppliers, rule = [by_x], "passive transfer: W were delivered to Y by X"
                recipients = recipients or [a for a in before if a.kind != "person"][-1:]
            elif recipients and (frm := [a for a in _after(ctx, trig.end(), "from") if a.kind != "none"]):
                suppliers, rule = frm[:1], "passive transfer: W were supplied to Y from X"
        elif kind == "approve":
            suppliers = [a for a in before if a.kind != "person"][-1:]
            recipients = [a for a in _after(ctx, trig.end(), "to|for") if a.kind != "none"][:1]
            rule = "X approved W for Y"
        elif kind == "get" and (tr.ORDER_FROM.match(text, trig.end()) or tr.AN_ORDER.search(text, 0, trig.start())):
            # "X received an order from Y for W": Y buys from X
            if tr.AN_ORDER.search(text, 0, trig.start()):
                continue
            suppliers = before[-1:]
            recipients = [a for a in _after(ctx, trig.end(), "from") if a.kind != "none"][:1]
            rule = "X received an order from Y for W"
        elif kind == "get":
            recipients = before[-1:]
            suppliers = [a for a in _after(ctx, trig.end(), "from") if a.kind != "none"]
            keys = {a.entity.key for a in suppliers}
            suppliers += [a for a in tr.all_from(ctx, trig.end(), hi) if a.entity.key not in keys]
            if not suppliers and (promised := tr.promised_by(ctx, trig.end(), hi)) is not None:
                suppliers, rule = [promised], "Y received the W that X had promised"
            if not suppliers:
                suppliers = tr.maker_of(ctx, trig.end(), hi, named=False)
                rule = "Y receives Demonym W"
        elif kind == "noun" and (signed := tr.contract_with(ctx, trig.start(), trig.end())) is not None:
            suppliers, recipients = signed
            rule = "Y signed a contract with X for W"
        elif kind == "noun" and (bought := tr.signed_for(ctx, trig.start(), trig.end()))[0]:
            suppliers, recipients = bought
            rule = "Y signed a deal for W made by X"
        elif kind == "arrive":
            bound_for = [a for a in before if re.search(r"\bfor\s+(?:the\s+)?$", text[: a.start])]
            suppliers = (
                tr.all_from(ctx, lo, hi)[:1] or [a for a in before if a.kind != "person" and a not in bound_for][-1:]
            )
            recipients = tr.destination(ctx, trig.end(), hi) or bound_for[-1:]
            if recipients and bound_for and recipients[0].entity.key != bound_for[-1].entity.key:
                recipients = bound_for[-1:]  # "jets for Argentina arrived at a base in ..."
        else:
            between = re.search(r"\bbetween\s+(?:the\s+)?$", text[: ctx.mentions[0].start]) if ctx.mentions else None
            pair = re.search(r"between\s+", text[lo : trig.start()])
            two = ctx.actors(lo + pair.end(), trig.start()) if pair else ctx.actors(lo, trig.start())
            joined = len(two) == 2 and re.fullmatch(r"\s+and\s+", text[two[0].end : two[1].start])
            direct = ctx.at(
                len(text[: trig.end()]) + len(re.match(r"[\w'’]*\s*", text[trig.end() :]).group(0))  # type: ignore[union-attr]
            )
            if pair or (kind == "noun" and joined):  # "between X and Y", "X and Y signed a contract for W"
                suppliers, recipients = tr.pair_sides(ctx, two[:2], trig.end(), hi)
            else:
                del between
                owner = re.search(r"(?:’s|'s)\s+(?:\w+\s+)?$", text[: trig.start()])
                frm = _after(ctx, trig.end(), "from") if kind == "noun" else []
                if owner and before and frm:
                    recipients, suppliers = before[-1:], frm
                else:
                    suppliers = (tr.owner_after(ctx, trig.end(), hi) if kind == "give" else []) or before[-1:]
                    if kind == "give" and not suppliers:  # "a plane delivered W from X to Y"
                        suppliers = [a for a in _after(ctx, trig.end(), "from") if a.kind != "none"][:1]
                    if kind == "give" and suppliers and tr.other_subject(text[suppliers[0].end : trig.start()]):
                        ctx.doc.dropped.append((text, suppliers[0].text, "the speaker, not the giver"))
                        suppliers = []
                    if kind == "noun":
                        of = re.match(r"\s+of\s+(?:the\s+)?", text[trig.end() :])
                        dem = ctx.at(trig.end() + of.end()) if of else None
                        if dem is not None and dem.via == "demonym":
                            suppliers = [dem]
                        if frm and frm[0].kind != "none":
                            suppliers = frm
                    if direct is not None and direct.actor and re.match(r"\s+with\b", text[direct.end :]):
                        recipients = [direct]
                    else:
                        to = "to|into|for|destined for|bound for" if _AID.search(trig.group(0)) else "to|into"
                        recipients = _after(ctx, trig.end(), to)
        if any(r.kind == "none" for r in recipients + suppliers):
            continue
        weapons = ctx.weapons(trig.end(), len(text))
        active = any(a.end <= trig.start() and trig.start() - a.end <= 2 for a in ctx.actors())
        if not weapons and (
            passive
            or hyphen
            or BE.search(text[: trig.start()])
            or kind == "arrive"
            or (not active and re.search(r"\bto\b", text[trig.end() : trig.end() + 4]))
        ):
            weapons = ctx.weapons(0, trig.start())
        if not weapons and kind == "noun":
            weapons = ctx.weapons(lo, hi)
        pending = tr.pending(ctx)
        if not weapons and pending is not None and tr.COREF.match(text):
            weapons = list(pending.weapons)
        if not weapons:
            continue
        suppliers = [x for x in (tr.person_state(m) for m in suppliers) if x is not None]
        recipients = [x for x in (tr.person_state(m) for m in recipients) if x is not None]
        sup = [x.entity for x in suppliers]
        rec = [x.entity for x in recipients]
        if pending is not None and pending.parties and tr.COREF.match(text) and bool(sup) != bool(rec):
            party_keys = [p.key for p in pending.parties]
            side = (sup or rec)[0]
            if side.key in party_keys:  # "Under the deal, Berlin will supply tanks": the other party receives
                party = pending.parties[1 - party_keys.index(side.key)]
                sup, rec = (sup, [party]) if sup else ([party], rec)
                rule = "two sentences: an agreement between X and Y, then one side and the weapon"
        elif pending is not None and tr.COREF.match(text) and bool(sup) != bool(rec):
            if not sup and pending.supplier is not None:
                sup, rule = [pending.supplier], "two sentences: the supplier told before"
            elif not rec and pending.recipient is not None:
                rec, rule = [pending.recipient], "two sentences: the recipient told before"
        elif pending is not None and tr.COREF.match(text) and not sup and not rec:
            other = tr.counterpart(ctx, trig.end(), hi)
            if other is not None and pending.supplier is not None:
                sup, rec, rule = [pending.supplier], [other.entity], "two sentences: the deal with Y"
            elif other is not None and pending.recipient is not None:
                sup, rec, rule = [other.entity], [pending.recipient], "two sentences: the deal with X"
        ctx.doc.pending = (
            tr.Pending(
                sup[0] if sup and not rec else None,
                rec[0] if rec and not sup else None,
                tuple(weapons),
                ctx.doc.sentence_no,
            )
            if bool(sup) != bool(rec)
            else (pending if pending is not None and pending.parties and not (sup and rec) else None)
        )
        guessed = False  # the supplier only guessed: the last one named, or the weapon's maker
        if rec and not sup and rule == "passive transfer without agent":
            guessed = True
            if ctx.last_supply:
                sup = [ctx.last_supply[-1][0]]
            else:
                made = tr.made_by(ctx)
                sup = [m.entity for m in (made or tr.maker_of(ctx, 0, len(text)))]
                rule = "passive transfer: supplier is the weapon's maker"
        if ctx.last_supply:
            last_s, last_r = ctx.last_supply[-1]
            if not sup and rec and rec[0].key == last_r.key:
                sup, guessed = [last_s], True
                rule += ", supplier of the report's last transfer to the same recipient"
            elif sup and not rec and sup[0].key != last_r.key:
                rec = [last_r]
            elif not sup and not rec and kind == "noun":
                sup, rec = [last_s], [last_r]
        if kind in ("arrive", "get") and rec and not sup:
            sup, guessed = [m.entity for m in tr.maker_of(ctx, lo, hi)], True
            rule = f"{'arrival' if kind == 'arrive' else 'receive'}: supplier is the weapon's maker"
        st = status(text, trig.start())
        when = date_near(text, ctx.published, trig.start())
        for s in sup:
            for r in rec:
                if (
                    s.key == r.key
                    or s.type not in ("Country", "Organization")
                    or r.type not in ("Country", "Organization")
                ):
                    continue
                if tr.regulator(s):
                    ctx.doc.dropped.append((text, s.name, "a body that bans or clears sales is no supplier"))
                    continue
                ctx.last_supply.append((s, r))
                out.append(
                    Hit(
                        s,
                        "SUPPLIES",
                        r,
                        text,
                        list(weapons),
                        when,
                        st,
                        surfaces=[(m.entity, m.text) for m in suppliers + recipients if m is not None],
                        rule=rule,
                        guessed=guessed,
                    )
                )
    return out


def _supplier_lists(ctx: Context) -> list[Hit]:
    """``Y turned to other suppliers, including A and B``; ``Egypt's Russian-made MiG-29s``."""
    out: list[Hit] = [
        Hit(s.entity, "SUPPLIES", r.entity, ctx.text, [w], None, "reported", rule="possessive: X's Demonym-made W")
        for s, r, w in tr.possessive(ctx)
    ]
    out += tr.customers(ctx) + tr.built_for(ctx)
    for m in re.finditer(r"\bsuppliers?,?\s+(?:including|such as|like|among them)\s+", ctx.text):
        takers = ctx.actors(*ctx.clause(m.start()))
        takers = [a for a in takers if a.start < m.start()]
        givers = _after(ctx, m.end() - 1 - len(m.group(0).split()[-1]), "including|as|like|them")
        for s in givers:
            for r in takers[-1:]:
                if s.kind != "none" and s.entity.key != r.entity.key:
                    out.append(Hit(s.entity, "SUPPLIES", r.entity, ctx.text, [], None, "alleged"))
    return out
