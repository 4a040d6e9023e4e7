"""Weapons named by shape or type (pure): designations that no list holds, and generic types.

A designation is a name with a number (``Garpiya-3``) before a weapon word; a generic type is a
noun of ``weapons.yaml`` (``drones``) with its modifiers (``long-range attack drones``). A bare
head noun within two sentences of a fuller generic name stands for it.
"""

from __future__ import annotations

import re
from functools import cache

from .. import entities as ent
from ..entities import Resolved
from . import knowledge as kb
from .mentions import DocState, Mention, _overlaps

_DESIGNATION = re.compile(
    r"(?<![\w-])(?:[A-Z][a-z]+-\d+[A-Z]?|[A-Z][a-z][A-Z]-\d+[A-Z]?|[A-Z]{1,3}-?\d{1,3}[A-Z]{0,3})(?![\w-])"
    r"(?=(?:\s+\([^)]{1,12}\))?\s+(?:[\w-]+\s+){0,2}(?:drones?|missiles?|jets?|fighters?|systems?|launchers?|tanks?"
    r"|aircraft|rockets?|howitzers?|UAVs?|helicopters?|submarines?|frigates?|corvettes?|vessels?|warships?"
    r"|vehicles?|trainers?|interceptors?|guns?|radars?)\b)"
    r"|(?<=called )[A-Z][a-z]+-\d+[A-Z]?"
    r"|(?<=-made )(?<![\w-])(?:[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]{0,3})(?![\w-])"  # "the Russian-made MiG-35"
)


@cache
def _generic_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(generic head nouns, the modifiers that may precede them)."""
    from .lexicon import words_rx

    weapons = ent._load("weapons.yaml")
    mods = sorted((re.escape(m) for m in weapons.get("modifiers") or []), key=len, reverse=True)
    heads = words_rx(list(ent.generic_types(weapons)))
    return heads, re.compile(r"(?:(?:" + "|".join(mods) + r")[\s-]+){1,3}$", re.I)


def weapon_types(sentence: str, found: list[Mention], doc: DocState) -> None:
    """Designations by their shape (``Garpiya-3 drones``) and generic types (``short-range ballistic missiles``)."""
    for m in _DESIGNATION.finditer(sentence):
        if not _overlaps(found, m.start(), m.end()):
            name = m.group(0)
            origin = kb.code_origin(name)  # "K2 tanks": Korean, as every K-2 of the register
            after = re.match(r"(?:\s+\([^)]*\))?((?:\s+[\w-]+){1,3})", sentence[m.end() :])
            kinds = [ent.generic_category(w) for w in (after.group(1).split() if after else [])]
            w = Mention(
                m.start(),
                m.end(),
                name,
                "weapon",
                Resolved(ent.slugify(name), name, "WeaponSystem"),
                ent.country_by_key(origin) if origin else None,
                category=next((k for k in kinds if k), "weapon"),
            )
            found.append(w)
            doc.register(name, w)
    heads, modifiers = _generic_rx()
    for m in heads.finditer(sentence):
        s, e = m.start(), m.end()
        if sentence[e : e + 1] == "-":  # "submarine-launched", "jet-powered": a modifier, not a weapon
            continue
        mod = modifiers.search(sentence, max(0, s - 60), s)
        if mod:
            s = mod.start()
        # "Shahed-136 drones", "J-10C fighter jets": the generic word belongs to the system
        prior = [
            w
            for w in found
            if w.kind == "weapon"
            and not w.generic
            and 0 <= s - w.end <= 25
            and re.fullmatch(r"['’\"”]?(?:\s+\([^)]*\))?(?:\s+(?!and|or)[a-z-]+){0,2}\s+", sentence[w.end : s] + " ")
        ]
        if prior:
            continue
        while _overlaps(found, s, e) and s < e:
            nxt = sentence.find(" ", s)
            if nxt < 0 or nxt >= e:
                s = e
                break
            s = nxt + 1
        if s >= e:
            continue
        text = sentence[s:e].lower()
        category = ent.generic_category(text) or "weapons"
        head = text.split()[-1]
        if " " in text:
            doc.last_generic[head] = (text, doc.sentence_no)
        elif head in doc.last_generic and doc.sentence_no - doc.last_generic[head][1] <= 2:
            text = doc.last_generic[head][0]
        found.append(
            Mention(
                s,
                e,
                sentence[s:e],
                "weapon",
                Resolved(ent.slugify(text), text, "WeaponSystem"),
                category=category,
                generic=True,
            )
        )
