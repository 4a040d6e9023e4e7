"""Who makes a weapon (pure): ``Demonym-made W``, ``W is manufactured by X``, ``X to produce W``."""

from __future__ import annotations

import re

from .. import entities as ent
from ..entities import Resolved
from .context import Context, Hit
from .mentions import Mention
from .status import status
from .transfers import is_firm

_SAME_PHRASE = re.compile(r",?\s+(?:(?:an?|the|its)\s+)?(?:[\w-]+\s+){0,3}")


def manufactures(ctx: Context) -> list[Hit]:
    """``Demonym-made W``, ``W is manufactured by X``, ``X to produce W``, ``X and other W firms``."""
    out: list[Hit] = []
    text = ctx.text
    make = r"(?:made|manufactured|produced|built|designed|developed)"
    for m in re.finditer(r"-" + make + r"\b", text):
        maker = ctx.at(m.start() - 1)
        ws = [w for w in ctx.weapons(m.end(), m.end() + 40) if not (w.generic and w.category == "weapons")]
        if maker and maker.kind == "place" and maker.country is not None:  # "Hyderabad-made"
            maker = Mention(maker.start, maker.end, maker.text, "country", maker.country, maker.country, True)
        if maker and maker.kind == "country" and ws:
            out.append(
                Hit(
                    maker.entity,
                    "MANUFACTURES",
                    ws[0].entity,
                    text,
                    [ws[0]],
                    surfaces=[(maker.entity, maker.text), (ws[0].entity, ws[0].text)],
                )
            )
    for m in re.finditer(r"\b(?:(?:is|are|was|were)\s+(?:\w+ly\s+)?)?" + make + r"\s+by\s+(?:the\s+)?", text):
        maker = ctx.at(m.end())
        ws = ctx.weapons(0, m.start())
        if (
            len(ws) > 1
            and ws[-1].generic
            and not ws[-2].generic
            and _SAME_PHRASE.fullmatch(text[ws[-2].end : ws[-1].start])
        ):
            ws = ws[:-1]  # "a Wing Loong, a drone manufactured by": the system, not its type
        if maker is None or not maker.actor or not ws:
            continue
        firm = ctx.at(maker.end + 1) if maker.kind == "country" else None
        for x in [maker] + ([firm] if firm is not None and firm.kind == "organization" else []):
            # "manufactured by China's Chengdu Aircraft Group": the firm and its state make it
            out.append(Hit(x.entity, "MANUFACTURES", ws[-1].entity, text, [ws[-1]], surfaces=[(x.entity, x.text)]))
    for m in re.finditer(
        r"\b(?:manufactur|produc|develop|assembl|build\b|builds\b|building\b|built\b|makes\b|made\b)\w*\b", text
    ):
        if text[m.start() - 1 : m.start()] == "-" or re.match(r"\w+\s+by\b", text[m.start() :]):
            continue
        lo, hi = ctx.clause(m.start())
        head = text[lo : m.start()]
        head = re.sub(r",\s+(?:a|an|the)\s[^,]{1,80},", lambda x: " " * len(x.group(0)), head)
        makers = [
            a
            for a in ctx.actors(lo, m.start())
            if head[a.start - lo : a.end - lo].strip() and a.kind in ("country", "organization")
        ]
        if not makers and re.search(r"\bit\s+(?:\w+\s+){0,4}$", head):
            orgs = [r for r in ctx.doc.registry.values() if r.kind == "organization"]
            makers = orgs[-1:]
        ws = [w for w in ctx.weapons(m.end(), hi) if not (w.generic and w.category in ("weapons", "components"))]
        ws = [w for w in ws if not w.generic] or ws  # a named system beats a generic type in the same clause
        if makers and ws:
            st = (
                "planned"
                if re.search(r"\b(?:to|will|would|plans?)\s+$", text[: m.start()])
                else status(text, m.start())
            )
            for w in ws[:2]:
                out.append(
                    Hit(
                        makers[-1].entity,
                        "MANUFACTURES",
                        w.entity,
                        text,
                        [w],
                        status=st,
                        surfaces=[(makers[-1].entity, makers[-1].text)],
                    )
                )
    out += _named_before(ctx)
    for m in re.finditer(r"\band other ([\w-]+) (?:manufacturing|production|making) (?:firms|companies|plants)", text):
        orgs = [o for o in ctx.mentions if o.kind == "organization" and o.end <= m.start()]
        if orgs:
            noun = m.group(1) + ("" if m.group(1).endswith("s") else "s")
            obj = Resolved(ent.slugify(noun), noun, "WeaponSystem")
            out.append(Hit(orgs[-1].entity, "MANUFACTURES", obj, text))
    return out


def _just_before(ctx: Context, w: Mention) -> Mention | None:
    """The mention that ends one space before ``w`` (``Lockheed Martin's F-35``: Lockheed Martin's)."""
    if ctx.text[w.start - 1 : w.start] != " ":
        return None
    m = ctx.at(w.start - 2)
    return m if m is not None and m.end == w.start - 1 else None


def _named_before(ctx: Context) -> list[Hit]:
    """A maker named right before a system: a firm (``an Israel Aerospace Industries Harop``, ``Lockheed
    Martin's F-35``), or a state's possessive when the register says it makes the system (``China's HQ-22``;
    ``the US Patriot`` and ``Turkish TB2`` name a system's origin in passing; annotators rarely count them)."""
    out: list[Hit] = []
    for w in ctx.weapons():
        x = None if w.generic else _just_before(ctx, w)
        if x is None:
            continue
        if is_firm(x):
            rule = "a firm's name before its system"
        elif (
            x.kind == "country"
            and x.via != "demonym"
            and x.text.endswith(("'s", "’s"))
            and w.country is not None
            and x.entity.key == w.country.key
        ):
            rule = "a state's name before a system the register says it makes"
        else:
            continue
        hit = Hit(x.entity, "MANUFACTURES", w.entity, ctx.text, [w], surfaces=[(x.entity, x.text)])
        hit.rule = rule
        out.append(hit)
    return out
