"""Use of weapons against a target (pure): ``X used W to attack Y``, ``W used by X in Y``, ``shot down``."""

from __future__ import annotations

import re

from .context import BE, Context, Hit
from .dates import date_near
from .mentions import Mention
from .status import status
from .transfers import is_firm

_CITY_OF = re.compile(r"\s+(?:city|town|village|port|region|province|oblast|district)\s+of\s+")


def _pick_target(ctx: Context, lo: int, exclude: set[str]) -> Mention | None:
    for m in ctx.mentions:
        if m.start >= lo and m.kind in ("place", "country", "territory") and m.entity.key not in exclude:
            of = _CITY_OF.match(ctx.text, m.end) if m.kind in ("country", "territory") else None
            town = ctx.at(of.end()) if of else None  # "the Ukrainian city of Kharkiv": the city
            return town if town is not None and town.kind == "place" else m
    return None


_NOT_YET = re.compile(r"\b(?:permission|permit\w*|allow\w*|authori[sz]\w*|ban\w*|restrict\w*|ask\w*|call\w* for)\b")


def _plain(st: str) -> str:
    """Status of a fact that is no transfer: only denial and hedging count."""
    return st if st in ("denied", "alleged") else "reported"


_TRIGGER = re.compile(
    r"\b(?:used|uses|using|launch(?:ed|es)?|fired|fire|deployment of|use of"
    r"|shot down|shoots? down|downed|downs|shooting down|(?<!for )use(?=\s+(?:\S+\s+){0,4}?against\b))\b"
    r"|\b(?:bombing raids|raids|attacks|strikes|assaults)\b(?=[^.]{0,40}\bwith\b)"
)


_STRUCK = re.compile(r"\b(?:struck|attacked|hit|bombed|shelled|targeted|pounded)\s+(?:the\s+)?")


def _struck_with(ctx: Context) -> list[Hit]:
    """``X struck Y with W``: an actor just before the verb, the target after it, ``with`` and a weapon."""
    out: list[Hit] = []
    for t in _STRUCK.finditer(ctx.text):
        target = ctx.at(t.end())
        if target is None or target.start != t.end() or target.kind not in ("place", "country", "territory"):
            continue
        if not re.match(r"\s+with\b", ctx.text[target.end :]):
            continue
        lo, hi = ctx.clause(t.start())
        ws = ctx.weapons(target.end, hi)
        users = [
            a
            for a in ctx.mentions
            if lo <= a.start < t.start()
            and a.actor
            and (a.kind == "country" or (a.kind == "organization" and not is_firm(a)))
        ]
        if not ws or not users or users[-1].entity.key == target.entity.key:
            continue
        if target.kind == "place" and target.via != "capital" and target.country is None:
            continue
        user = users[-1]
        hit = Hit(
            user.entity,
            "USED_AGAINST",
            target.entity,
            ctx.text,
            ws,
            date_near(ctx.text, ctx.published, t.start()),
            _plain(status(ctx.text, t.start())),
            surfaces=[(user.entity, user.text), (target.entity, target.text)],
        )
        hit.rule = "X struck Y with W"
        out.append(hit)
    return out


def uses(ctx: Context) -> list[Hit]:
    """``X used W to attack Y``, ``Demonym raids with W`` on Y, ``W used by X in Y``, ``X struck Y with W``."""
    text = ctx.text
    weapons = ctx.weapons()
    if not weapons:
        return []
    out: list[Hit] = _struck_with(ctx)
    for t in _TRIGGER.finditer(text):
        if re.match(r"\s+to\s+(?:transport|carry|make|produce|build)\b", text[t.end() :]):
            continue
        if _NOT_YET.search(text[max(0, t.start() - 40) : t.start()]):
            continue  # "asked for permission to use W against X" tells no use
        lo, hi = ctx.clause(t.start())
        by = re.search(r"\bby\s+(?:the\s+)?", text[t.end() : hi])
        user = ctx.at(t.end() + by.end()) if by else None
        if (user is None or not user.actor) and BE.search(text[: t.start()]):
            continue
        if user is None or not user.actor:
            before = [
                a
                for a in ctx.mentions
                if (a.kind == "country" or (a.kind == "organization" and a.actor and not is_firm(a)))
                and lo <= a.start < t.start()
                and (
                    a.actor
                    or re.match(
                        r"\s+(?:bombing\s+)?(?:raids|attacks|strikes|\w+\s+missiles|missiles|drones)",
                        text[a.end :],
                    )
                )
            ]
            user = before[-1] if before else None
        if user is None:
            continue
        makers = {w.country.key for w in weapons if w.country}
        exclude = {user.entity.key} | {
            m.entity.key
            for m in ctx.mentions
            if m.via == "demonym" and 0 <= text.find(m.text + "-", m.start) == m.start
        }
        tgt_m = re.search(r"\b(?:against|at|on|in|attack|strike|hit)\s+(?:the\s+)?", text[t.end() :])
        target = _pick_target(ctx, t.end() + tgt_m.end(), exclude) if tgt_m else None
        if t.group(0) in (
            "shot down",
            "shoot down",
            "shoots down",
            "downed",
            "downs",
            "shooting down",
        ):  # the object is the target's
            target = _pick_target(ctx, t.end(), exclude)
            if target is not None and target.start >= hi:
                target = None
        if (target is None or target.start - t.end() > 120) and t.group(0) in (
            "bombing raids",
            "raids",
            "attacks",
            "strikes",
            "assaults",
        ):
            rest = [
                m
                for m in ctx.mentions
                if m.kind in ("country", "territory", "place") and m.entity.key not in exclude | makers
            ]
            target = rest[0] if rest else None
        if target is None or (target.kind == "place" and target.via != "capital" and target.country is None):
            continue
        obj = target.entity
        out.append(
            Hit(
                user.entity,
                "USED_AGAINST",
                obj,
                text,
                list(weapons),
                date_near(text, ctx.published, t.start()),
                _plain(status(text, t.start())),
                surfaces=[(user.entity, user.text), (obj, target.text)],
            )
        )
    return out
