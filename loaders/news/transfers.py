"""Helpers of the transfer patterns (pure): who makes a weapon, every ``from X``, people as states."""

from __future__ import annotations

import re

from .context import Context
from .mentions import Mention

_PARTICIPLES = re.compile(
    r"(?:ed|sent|sold|given|handed over|shipped|gifted|provided|supplied|delivered|transferred)$", re.I
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


def maker_of(ctx: Context, lo: int, hi: int) -> list[Mention]:
    """The supplier told by the weapon itself: ``buy Russian S-400`` -> Russia, else the maker's
    country of the first named system (``orders 42 Rafales`` -> France)."""
    for w in ctx.weapons(lo, hi):
        dem = [
            m
            for m in ctx.mentions
            if m.kind == "country" and m.end <= w.start and w.start - m.end <= 2 and m.via == "demonym"
        ]
        if dem:
            return [Mention(dem[-1].start, dem[-1].end, dem[-1].text, "country", dem[-1].entity, dem[-1].entity, True)]
        if not w.generic and w.country is not None:
            return [Mention(w.start, w.end, w.text, "country", w.country, w.country, True, via="maker")]
    return []


def person_state(m: Mention) -> Mention | None:
    """A person acting in a transfer acts for their country (``Scholz announced the delivery``)."""
    if m.kind != "person":
        return m
    if m.country is None:
        return None
    return Mention(m.start, m.end, m.text, "country", m.country, m.country, True, via="person")
